"""Story grouping, titles, the ECB+ reader and the stories scorer."""

from __future__ import annotations

from pathlib import Path

import pytest

from wiretrail.evaluate import EvaluationError
from wiretrail.evaluate.stories import b_cubed, detokenise, iter_documents, read_document, score_groups
from wiretrail.link.stories import StoryDoc, build_stories, group_stories, story_title

DOCS = [
    StoryDoc("q1", "Powerful quake hits Sumatra", "A 7.6 magnitude earthquake struck off Sumatra near Padang, "
             "killing hundreds.", "2009-09-30", ("Sumatra", "Padang")),
    StoryDoc("q2", "Sumatra earthquake toll rises to 1,100", "Rescuers in Padang dug through rubble after the "
             "Sumatra earthquake.", "2009-10-02", ("Sumatra", "Padang")),
    StoryDoc("r1", "Lindsay Lohan checks into Betty Ford", "Lindsay Lohan entered the Betty Ford Center for a "
             "90-day court-ordered stay.", "2013-05-03", ("Lindsay Lohan", "Betty Ford Center")),
    StoryDoc("r2", "Lohan begins rehab stay at Betty Ford", "Actress Lindsay Lohan began her court-mandated "
             "rehab at Betty Ford.", "2013-05-04", ("Lindsay Lohan", "Betty Ford")),
    StoryDoc("b1", "Central bank raises rates", "The central bank raised its key interest rate by half a point "
             "to fight inflation.", "2013-05-04", ()),
]


def test_stories_group_by_names_terms_and_time():
    groups = group_stories(DOCS, use_embeddings=False)
    assert sorted(sorted(g) for g in groups) == [["b1"], ["q1", "q2"], ["r1", "r2"]]


def test_stories_handle_empty_and_single_inputs():
    assert group_stories([], use_embeddings=False) == []
    assert group_stories(DOCS[:1], use_embeddings=False) == [["q1"]]


def test_stories_title_and_records():
    assert story_title(DOCS[2:4]) in (DOCS[2].title, DOCS[3].title)
    stories = build_stories(DOCS, [["r1", "r2"], ["b1"]])
    assert stories[0].articles == ("r1", "r2")
    assert (stories[0].start, stories[0].end) == ("2013-05-03", "2013-05-04")
    assert stories[0].id.startswith("story-") and stories[0].id != stories[1].id


B3_CASES = [
    ({"a": "x", "b": "x", "c": "y"}, [["a", "b"], ["c"]], 1.0),
    ({"a": "x", "b": "x", "c": "y"}, [["a"], ["b"], ["c"]], 0.8),
]


@pytest.mark.parametrize("gold, groups, f1", B3_CASES)
def test_stories_b_cubed(gold, groups, f1):
    assert b_cubed(gold, groups)["b3_f1"] == pytest.approx(f1, abs=1e-3)


def test_stories_score_groups_gives_ari():
    assert score_groups({"a": "x", "b": "x", "c": "y", "d": "y"}, [["a", "b"], ["c", "d"]])["ari"] == 1.0


def test_stories_detokenise_ecb_tokens():
    assert detokenise(["Lohan", "'s", "90", "-", "day", "stay", "began", "."]) == "Lohan's 90-day stay began."


ECB_XML = """<Document doc_name="{name}" doc_id="D1">
<token t_id="1" sentence="0" number="0">{w1}</token>
<token t_id="2" sentence="0" number="1">struck</token>
<token t_id="3" sentence="0" number="2">.</token>
<Markables>
<ACTION_OCCURRENCE m_id="1"><token_anchor t_id="2"/></ACTION_OCCURRENCE>
<ACTION_OCCURRENCE m_id="9" RELATED_TO="" TAG_DESCRIPTOR="t_quake" instance_id="ACT1"/>
</Markables>
<Relations>
<CROSS_DOC_COREF r_id="1" note="ACT1"><source m_id="1"/><target m_id="9"/></CROSS_DOC_COREF>
</Relations>
</Document>
"""


def _fake_ecb(root: Path) -> Path:
    for topic, name, word in (("1", "1_1ecb.xml", "Quake"), ("1", "1_2ecbplus.xml", "Storm"), ("2", "2_1ecb.xml", "Fire")):
        (root / topic).mkdir(parents=True, exist_ok=True)
        (root / topic / name).write_text(ECB_XML.format(name=name, w1=word), encoding="utf-8")
    return root


def test_stories_reads_ecb_documents(tmp_path: Path):
    root = _fake_ecb(tmp_path / "ECB+")
    doc = read_document(root / "1" / "1_2ecbplus.xml")
    assert (doc.topic, doc.subtopic, doc.text) == ("1", "1/ecbplus", "Storm struck.")
    assert doc.actions == {0: frozenset({"ACT1"})}
    assert [d.name for d in iter_documents(tmp_path)] == ["1_1ecb", "1_2ecbplus", "2_1ecb"]
    assert [d.name for d in iter_documents(root, ["2"])] == ["2_1ecb"]


def test_stories_evaluate_rejects_a_folder_without_ecb_files(tmp_path: Path):
    from wiretrail.evaluate.stories import evaluate

    (tmp_path / "1").mkdir()
    (tmp_path / "1" / "notes.txt").write_text("x", encoding="utf-8")
    with pytest.raises(EvaluationError, match="no ECB"):
        evaluate(tmp_path)


@pytest.mark.model
def test_stories_evaluate_on_a_small_ecb_folder(tmp_path: Path):
    from wiretrail.evaluate.stories import evaluate

    scores = evaluate(_fake_ecb(tmp_path / "ECB+"))
    assert set(scores) >= {"b3_f1", "ari"}
    assert scores["documents"] == 3


@pytest.mark.data
@pytest.mark.model
@pytest.mark.slow
def test_stories_evaluate_on_ecb_dev_topics(shared_data: Path, tmp_path: Path):
    from wiretrail.evaluate.stories import evaluate

    source = shared_data / "coref" / "ecbplus" / "ECB+"
    for topic in ("21", "22"):
        (tmp_path / topic).symlink_to(source / topic)
    scores = evaluate(tmp_path)
    assert scores["b3_f1"] > 0.6


def _many_docs() -> list[StoryDoc]:
    """Forty short articles over eight stories that share some names across stories."""
    places = ["Aleppo", "Idlib", "Homs", "Daraa", "Mosul", "Basra", "Tikrit", "Kirkuk"]
    people = ["Ali Haidar", "Sara Nasser", "Omar Khalil", "Lina Saad", "Karim Fares", "Nadia Aziz", "Hadi Salem",
              "Rana Issa"]
    verbs = ["shelling hit", "floods reached", "a strike closed", "protests filled", "a fire gutted",
             "talks began in", "a curfew was set in", "aid convoys entered"]
    docs = []
    for s in range(8):
        for k in range(5):
            shared = ("United Nations",) if s % 2 else ()
            docs.append(StoryDoc(
                f"d{s}-{k}", f"{verbs[s].capitalize()} {places[s]}",
                f"{people[s]} said {verbs[s]} {places[s]} on day {k}; residents of {places[s]} waited.",
                f"2024-03-{1 + s * 3 + k % 2:02d}", (places[s], people[s], *shared)))
    return docs


def test_link_stories_equals_all_pairs_grouping():
    from wiretrail.link.stories import link_stories

    docs = _many_docs()
    dense = group_stories(docs, use_embeddings=False)
    assert link_stories(docs, use_embeddings=False) == dense
    assert link_stories(docs, use_embeddings=False, per_name=2) == dense  # a name in many articles: nearest in time
    assert len(dense) == 8


def test_sparse_average_linkage_with_every_pair_equals_dense_average_linkage():
    import numpy as np

    from wiretrail.link.stories import cluster, sparse_average_linkage

    rng = np.random.default_rng(3)
    for n in (2, 7, 40, 120):
        centres = rng.normal(size=(max(2, n // 8), 16))
        points = centres[rng.integers(0, len(centres), n)] + 0.6 * rng.normal(size=(n, 16))
        points /= np.linalg.norm(points, axis=1, keepdims=True)
        sim = (points @ points.T).astype(np.float32)
        np.fill_diagonal(sim, 1.0)
        left, right = np.triu_indices(n, 1)
        for threshold in (0.3, 0.5, 0.7):
            assert sparse_average_linkage(n, left, right, sim[left, right], threshold) == cluster(sim, threshold)


def test_link_stories_clusters_a_part_too_large_for_a_dense_matrix_over_its_candidates():
    from wiretrail.link.stories import link_stories

    docs = _many_docs()
    dense = group_stories(docs, use_embeddings=False)
    assert link_stories(docs, use_embeddings=False, dense_limit=3) == dense
    assert len(dense) == 8
