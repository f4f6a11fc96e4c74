"""Pair (MRPC form) and stance (FEVER-Symmetric, FNC-1) readers and scorers."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from wiretrail.evaluate import EvaluationError
from wiretrail.evaluate.pairs import (
    HEADER,
    LabelledPair,
    binary_scores,
    ecb_pairs,
    read_mrpc,
    write_mrpc,
)
from wiretrail.evaluate.stance import (
    body_sentences,
    bodies_path,
    fever_text,
    fnc_score,
    macro_f1,
    read_fever,
    read_fnc,
)


def test_eval_pairs_reads_mrpc_form(tmp_path: Path):
    path = tmp_path / "pairs.tsv"
    path.write_text(
        "\t".join(HEADER) + "\n"
        '1\t1\t2\tRebels took "Aleppo" on Saturday.\tAleppo fell to rebels on Saturday.\n'
        "0\t3\t4\tThe bank raised rates.\tRebels took Aleppo.\n",
        encoding="utf-8",
    )
    pairs = read_mrpc(path)
    assert [p.label for p in pairs] == [1, 0]
    assert pairs[0].a == 'Rebels took "Aleppo" on Saturday.'
    assert len(read_mrpc(path, limit=1)) == 1


@pytest.mark.parametrize(
    "content, reason",
    [("", "empty"), ("a\tb\tc\n1\tx\ty\tz\tw\n", "header"), ("\t".join(HEADER) + "\nyes\t1\t2\ta\tb\n", "line 2")],
)
def test_eval_pairs_rejects_wrong_form(tmp_path: Path, content: str, reason: str):
    path = tmp_path / "bad.tsv"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(EvaluationError, match=reason):
        read_mrpc(path)


def test_eval_pairs_binary_scores():
    s = binary_scores([1, 1, 1, 0, 0], [1, 1, 0, 0, 1])
    assert s["precision"] == pytest.approx(2 / 3)
    assert s["recall"] == pytest.approx(2 / 3)
    assert s["accuracy"] == pytest.approx(0.6)


def test_eval_pairs_write_and_read_round_trip(tmp_path: Path):
    pairs = [LabelledPair(1, "a:1", "b:2", "One\tsentence.", "Another  one."), LabelledPair(0, "c", "d", "x y", "z")]
    path = tmp_path / "rt.tsv"
    assert write_mrpc(pairs, path) == 2
    back = read_mrpc(path)
    assert [(p.label, p.a, p.b) for p in back] == [(1, "One sentence.", "Another one."), (0, "x y", "z")]


@pytest.mark.data
def test_eval_pairs_builds_mrpc_file_from_ecb_dev_topics(shared_data: Path, tmp_path: Path):
    folder = shared_data / "coref" / "ecbplus" / "ECB+"
    pairs = ecb_pairs(folder, ["21", "22"], max_positive_per_topic=20)
    assert pairs and {p.label for p in pairs} == {0, 1}
    assert all(p.group in ("21", "22") for p in pairs)
    assert all(p.id_a.split(":")[0] != p.id_b.split(":")[0] for p in pairs)  # across documents
    path = tmp_path / "ecb_dev.tsv"
    write_mrpc(pairs, path)
    assert len(read_mrpc(path)) == len(pairs)


@pytest.mark.data
@pytest.mark.model
def test_eval_pairs_scores_the_judge_on_ecb_dev_pairs(shared_data: Path, tmp_path: Path):
    from wiretrail.evaluate.pairs import evaluate

    folder = shared_data / "coref" / "ecbplus" / "ECB+"
    path = tmp_path / "ecb_dev.tsv"
    write_mrpc(ecb_pairs(folder, ["23"], max_positive_per_topic=15), path)
    scores = evaluate(path, limit=30)
    assert set(scores) >= {"f1", "accuracy"}
    assert 0.0 <= scores["f1"] <= 1.0 and scores["pairs"] == 30


def test_eval_stance_fnc_score_weights():
    assert fnc_score(["unrelated", "agree"], ["unrelated", "agree"]) == 1.0
    # related but wrong class: 0.25 of 1.0; unrelated called related: 0 of 0.25
    assert fnc_score(["disagree", "unrelated"], ["agree", "discuss"]) == pytest.approx(0.25 / 1.25)
    assert fnc_score(["agree"], ["unrelated"]) == 0.0


def test_eval_stance_macro_f1():
    assert macro_f1(["a", "a", "b"], ["a", "a", "b"], ["a", "b"]) == 1.0
    assert macro_f1(["a", "b"], ["b", "a"], ["a", "b"]) == 0.0


def _write_fnc(folder: Path) -> Path:
    stances = folder / "mini_stances.csv"
    bodies = folder / "mini_bodies.csv"
    bodies.write_text(
        "Body ID,articleBody\n"
        '1,"Rebels captured the city of Aleppo on Saturday, a monitor said. Government troops withdrew."\n'
        '2,"The central bank kept interest rates unchanged on Thursday. Inflation eased."\n',
        encoding="utf-8",
    )
    stances.write_text(
        "Headline,Body ID,Stance\n"
        "Rebels capture Aleppo,1,agree\n"
        "Rebels did not capture Aleppo,1,disagree\n"
        "Rebels capture Aleppo,2,unrelated\n",
        encoding="utf-8",
    )
    return stances


def test_eval_stance_reads_fnc_pair_of_csvs(tmp_path: Path):
    stances = _write_fnc(tmp_path)
    assert bodies_path(stances).name == "mini_bodies.csv"
    rows, bodies = read_fnc(stances)
    assert [r[2] for r in rows] == ["agree", "disagree", "unrelated"]
    assert "Aleppo" in bodies["1"]


def test_eval_stance_fnc_errors_name_the_file(tmp_path: Path):
    stances = tmp_path / "x_stances.csv"
    stances.write_text("Headline,Body ID,Stance\nA,1,agree\n", encoding="utf-8")
    with pytest.raises(EvaluationError, match="x_stances.csv"):
        read_fnc(stances)
    (tmp_path / "x_bodies.csv").write_text("Body ID,articleBody\n2,text\n", encoding="utf-8")
    with pytest.raises(EvaluationError, match="Body ID 1"):
        read_fnc(stances)


def test_eval_stance_reads_fever_symmetric(tmp_path: Path):
    path = tmp_path / "fever.jsonl"
    rows = [
        {"claim": "The Cretaceous ended.", "evidence_sentence": "The Cretaceous ended with a mass extinction.",
         "gold_label": "SUPPORTS"},
        {"claim": "Cruz refused to model.", "evidence": "Cruz has modelled for Mango.", "gold_label": "REFUTES"},
    ]
    path.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    got = read_fever(path)
    assert [g[2] for g in got] == ["SUPPORTS", "REFUTES"]
    assert got[1][1] == "Cruz has modelled for Mango."
    path.write_text('{"claim": "x"}\n', encoding="utf-8")
    with pytest.raises(EvaluationError, match="line 1"):
        read_fever(path)


def test_eval_stance_reads_fever_sentences_as_written(tmp_path: Path):
    # FEVER's sentences come split into Penn Treebank tokens; the parser is given running text
    path = tmp_path / "fever.jsonl"
    row = {"claim": "Amira Haddad was born on 3 May 1961 .",
           "evidence": "Amira Haddad -LRB- born 3 May 1961 -RRB- is a `` reformist '' lawyer , Tunis 's first mayor .",
           "gold_label": "SUPPORTS"}
    path.write_text(json.dumps(row) + "\n", encoding="utf-8")
    claim, evidence, _ = read_fever(path)[0]
    assert claim == "Amira Haddad was born on 3 May 1961."
    assert evidence == 'Amira Haddad (born 3 May 1961) is a "reformist" lawyer, Tunis\'s first mayor.'
    assert fever_text("in the early 1990 's .") == "in the early 1990's."


def test_eval_stance_splits_bodies_into_sentences():
    assert body_sentences('He said "no." Then he left.\n\nU.S. troops stayed.') == [
        'He said "no."', "Then he left.", "U.S. troops stayed."]


@pytest.mark.model
def test_eval_stance_fnc_fixture_end_to_end(tmp_path: Path):
    from wiretrail.evaluate.stance import evaluate

    scores = evaluate(_write_fnc(tmp_path))
    assert set(scores) >= {"accuracy", "macro_f1", "fnc_score"}
    assert scores["pairs"] == 3
    assert 0.0 <= scores["fnc_score"] <= 1.0
