"""The bundled demo corpus end to end: its claim groups, origins and statuses against what a careful
reader writes down (``demo_expectations.CLAIM_GROUPS``, issue 5).

A claim told with different figures ("at least 31 killed" / "18 killed") may sit in several claim
groups joined by ``contradicts`` (or, for one source's updated count, ``revised_by``) edges; together
they are one *cluster*, and the cluster must hold a
report from every article the expectation lists, rest on the expected number of independent origins
and carry the expected status. Expectations the pipeline does not meet yet are marked ``xfail`` with
the reason, so the gap stays visible in every test run.
"""

from __future__ import annotations

import re

import pytest
from demo_expectations import ARTICLES, CLAIM_GROUPS

from wiretrail.score import Origin, collapse

pytestmark = pytest.mark.model

# key -> why the pipeline misses it today (see the issue 5 closing note)
NOT_YET = {
    "ouertani_asked_brigades_for_fighters": "the Najma Post writes 'al-Hadi al-Wartani', the Herald 'Hédi Ouertani': "
    "to the encoder they are different words (cosine 0.50, below the 0.6 complete-linkage floor); with the names "
    "embedded in their resolved spelling it is 0.70, but with today's judge the Brigades' demand then splits",
    "dlf_captured_thala": "the governor's 'Tala is under the control of the DLF for now' states the capture's "
    "result, not the capture: an entailment at a cosine far below the candidate floor",
    "sbeitla_strike_death_toll": "the Herald's 'A monitoring group says at least 31 people were killed' names "
    "neither the strikes (the sentence before) nor the HMN (the sentence after), so it stays apart and would count "
    "as a third origin",
    "dlf_weapons_in_thala_school": "'storing weapons in a school' and 'using a school as a weapons depot' use "
    "different verbs at a cosine below the close-wording bar, so the two accusations stay apart",
}


@pytest.fixture(scope="module")
def demo_brief(demo_corpus):
    return demo_corpus.brief()


def _article(brief: dict, key: str) -> dict:
    spec = ARTICLES[key]
    found = [a for a in brief["articles"] if a["input_path"].split("#")[0].endswith(spec["file"])]
    if len(found) > 1:
        found = [a for a in found if spec["body_first"][:40] in a["text"]]
    assert len(found) == 1, key
    return found[0]


def _locate(text: str, snippet: str) -> tuple[int, int]:
    at = text.find(snippet)
    if at < 0:
        m = re.search(re.escape(snippet).replace(r"\ ", r"\s+"), text)
        assert m, snippet
        return m.start(), m.end()
    return at, at + len(snippet)


def _groups_holding(brief: dict, article: dict, snippet: str) -> set[str]:
    lo, hi = _locate(article["text"], snippet)
    return {g["id"] for g in brief["claim_groups"] for e in g["evidence"]
            if e["article"] == article["id"] and e["start"] < hi and e["end"] > lo}


def _cluster(brief: dict, seeds: set[str]) -> set[str]:
    by_id = {g["id"]: g for g in brief["claim_groups"]}
    todo, out = list(seeds), set()
    while todo:
        gid = todo.pop()
        if gid in out or gid not in by_id:
            continue
        out.add(gid)
        todo.extend(by_id[gid]["contradicts"] + by_id[gid].get("revised_by", []))
    return out


def _params():
    for exp in CLAIM_GROUPS:
        marks = [pytest.mark.xfail(reason=NOT_YET[exp["key"]], strict=False)] if exp["key"] in NOT_YET else []
        yield pytest.param(exp, id=exp["key"], marks=marks)


@pytest.mark.parametrize("expected", list(_params()))
def test_demo_claim_group_reports_origins_and_status(demo_brief, expected):
    brief = demo_brief
    holding: dict[str, set[str]] = {}
    for key, snippets in expected["reports"].items():
        article = _article(brief, key)
        holding[key] = set().union(*(_groups_holding(brief, article, s) for s in snippets))
    # the cluster around the group that holds the most of the expected articles' reports, grown along
    # contradicts / revised_by edges
    candidates = set().union(*holding.values())
    assert candidates, "no claim group holds any of the reports"
    start = max(sorted(candidates), key=lambda gid: sum(gid in gids for gids in holding.values()))
    cluster = _cluster(brief, {start})
    missing = [key for key, gids in holding.items() if not gids & cluster]
    assert not missing, f"reports outside the claim's group(s): {missing}"
    groups = [g for g in brief["claim_groups"] if g["id"] in cluster]
    origins = collapse([Origin(o["source"], o["source_type"], tuple(o["via"]), tuple(o["articles"]))
                        for g in groups for o in g["independent_origins"]])
    if "independent_origins" in expected:
        assert len(origins) == expected["independent_origins"], origins
    else:
        assert len(origins) >= expected["independent_origins_at_least"], origins
    assert {g["status"] for g in groups} == {expected["status"]}


def test_demo_link_again_judges_nothing_and_keeps_every_group(demo_corpus):
    store = demo_corpus.store
    groups, verdicts = store.derived("claim_group"), sorted(store.iter_verdicts())
    vectors = store.vectors("claim")
    assert verdicts and groups
    demo_corpus.link()
    assert sorted(store.iter_verdicts()) == verdicts  # nothing new to pair: no pair judged again, none lost
    assert store.vectors("claim") == vectors
    assert store.derived("claim_group") == groups
