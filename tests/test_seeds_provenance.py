"""The five real seed articles end to end: claim groups, origins, relations and `check` (issues 5 and 6).

World Israel News and All Israel News both report that Assad asked Israel for help; both rest on one
anonymous official who spoke to the Saudi outlet Elaph ("a security official told Elaph", "Elaph cited
an intelligence official", "the official said", "according to the report"). However many outlets repeat
it, that is one anonymous origin.
"""

from __future__ import annotations

import re

import pytest

from wiretrail.corpus import Corpus

pytestmark = [pytest.mark.data, pytest.mark.model]


@pytest.fixture(scope="module")
def seeds_brief(seeds_dir, tmp_path_factory):
    db = tmp_path_factory.mktemp("seeds-provenance") / "seeds.db"
    with Corpus.open(str(db)) as corpus:
        corpus.add([str(seeds_dir)])
        corpus.analyse()
        corpus.link()
        brief = corpus.brief()
        check = corpus.check("Assad asked Israel for help against the rebels")
    return brief, check


def _outlet(brief, article_id: str) -> str:
    return next(a["outlet"] for a in brief["articles"] if a["id"] == article_id)


def _groups(brief, pattern: str) -> list[dict]:
    rx = re.compile(pattern)
    return [g for g in brief["claim_groups"] if any(rx.search(e["text"]) for e in g["evidence"])]


def test_seeds_assad_request_is_one_group_with_one_anonymous_origin_via_elaph(seeds_brief):
    brief, _ = seeds_brief
    groups = _groups(brief, r"Assad asked (for )?Israel.s? (for )?help")
    assert len(groups) == 1, [g["text"] for g in groups]
    g = groups[0]
    assert set(g["outlets"]) == {"World Israel News", "All Israel News"}
    assert g["status"] == "single_anonymous_origin"
    (origin,) = g["independent_origins"]
    assert origin["source_type"] == "anonymous" and origin["via"] == ["Elaph"]
    # the unrelated "Assad aimed to bolster support from his allies" is not the same claim
    assert not any("bolster support" in e["text"] for e in g["evidence"])


def test_seeds_israels_demand_rests_on_the_same_origin(seeds_brief):
    brief, _ = seeds_brief
    (ask,) = _groups(brief, r"Assad asked (for )?Israel.s? (for )?help")
    demand = _groups(brief, r"demand to remove any Iranian forces|require the expulsion of all Iranian elements")
    assert len(demand) == 1
    d = demand[0]
    assert set(d["outlets"]) == {"World Israel News", "All Israel News"}
    assert d["status"] == "single_anonymous_origin"
    (origin,) = d["independent_origins"]
    assert origin["via"] == ask["independent_origins"][0]["via"] == ["Elaph"]


def test_seeds_haaretz_report_about_soleimani_is_a_claim_of_its_own(seeds_brief):
    brief, _ = seeds_brief
    (ask,) = _groups(brief, r"Assad asked (for )?Israel.s? (for )?help")
    soleimani = _groups(brief, r"conveyed this request to the Iranian Revolutionary Guards commander")
    assert soleimani and all(g["id"] != ask["id"] for g in soleimani)
    assert any("Haaretz" in o["source"] for g in soleimani for o in g["independent_origins"])


def test_seeds_blog_copy_of_the_jerusalem_post_is_not_an_origin_of_its_own(seeds_brief):
    brief, _ = seeds_brief
    airport = _groups(brief, r"took control of Aleppo.s? Airport")
    assert airport
    for g in airport:
        for o in g["independent_origins"]:
            assert "Jesus" not in o["source"], o  # the blog speaks with the Jerusalem Post's voice


def test_seeds_fatality_figures_stand_side_by_side_with_their_sources(seeds_brief):
    brief, _ = seeds_brief
    figures = [f for d in brief["disputes"] for f in d["figures"]]
    by_text = {f["text"]: f for f in figures}
    assert by_text["over 412 deaths"]["source"] == "the Observatory"
    assert by_text["at least 61 civilians"]["source"] == "the Observatory"
    assert "Civil Defense" in by_text["four civilians"]["source"]


def test_seeds_relations_carry_the_single_anonymous_origin(seeds_brief):
    brief, _ = seeds_brief
    rels = {(r["type"], r["source"], r["target"]): r for r in brief["relations"]}
    ask = next(r for (t, s, o), r in rels.items() if t == "asks_help_from" and "Assad" in s and o == "Israel")
    demand = next(r for (t, s, o), r in rels.items() if t == "demands_of" and s == "Israel" and "Assad" in o)
    for rel in (ask, demand):
        assert rel["status"] == "single_anonymous_origin"
        (origin,) = rel["independent_origins"]
        assert origin["source_type"] == "anonymous" and origin["via"] == ["Elaph"]


def test_seeds_check_says_every_report_rests_on_one_anonymous_source_via_elaph(seeds_brief):
    _, check = seeds_brief
    assert check["verdict"] == "Not Enough Evidence"
    assert "one anonymous" in check["summary"] and "Elaph" in check["summary"]
    top = check["matches"][0]
    assert top["status"] == "single_anonymous_origin"
    outlets = {e["outlet"] for e in top["evidence"]}
    assert outlets == {"World Israel News", "All Israel News"}
    assert all(e["text"] and e["end"] > e["start"] for e in top["evidence"])
