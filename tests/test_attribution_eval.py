"""The PolNeAR scorer's matching rules (evaluate/attribution.py), on hand-made spans."""

from pathlib import Path

import pytest

from wiretrail.evaluate import EvaluationError
from wiretrail.evaluate.attribution import _exact_counts, _overlap_f1, _tokens, read_ann

TEXT = "“We will win,” Sa'ar said, “and soon.” That is all."


@pytest.mark.parametrize(
    "pieces, words",
    [
        ([(0, 14)], ["We", "will", "win"]),  # quote marks and comma trimmed
        ([(1, 3)], ["We"]),
        ([(2, 8)], ["We", "will"]),  # starts inside a word: the whole word counts
        ([(0, 14), (26, 38)], ["We", "will", "win", "and", "soon"]),  # discontinuous fragments
    ],
)
def test_attribution_eval_tokens(pieces, words):
    assert [TEXT[i : i + 5].split()[0].strip("“”,.") for i in sorted(_tokens(TEXT, pieces))] == words


def test_attribution_eval_exact_and_overlap():
    gold = [frozenset({1, 2, 3}), frozenset({7})]
    assert _exact_counts([frozenset({1, 2, 3}), frozenset({1, 2, 3})], gold) == 1  # each gold once
    assert round(_overlap_f1([frozenset({1, 2})], [frozenset({1, 2, 3, 4})]), 3) == 0.667


def test_attribution_eval_read_ann(tmp_path: Path):
    ann = tmp_path / "x_ab12.ann"
    ann.write_text(
        "T1\tSource 15 20\tSa'ar\nT2\tCue 21 25\tsaid\nT3\tContent 0 14;26 38\t“We will win,” “and soon.”\n"
        "T4\tAttribution 21 25\tsaid\nE1\tAttribution:T4 Source:T1 Cue:T2 Content:T3\n",
        encoding="utf-8",
    )
    spans = read_ann(ann, TEXT)
    assert [len(spans[r][0]) for r in ("source", "cue", "content")] == [2, 1, 5]  # "Sa'ar" is two words around the apostrophe
    ann.write_text("T1\tCue 21 999\tsaid\n", encoding="utf-8")
    with pytest.raises(EvaluationError, match="outside the text"):
        read_ann(ann, TEXT)
