"""The cross-article records: relations take the provenance of the claims they are stated in."""

from __future__ import annotations

from wiretrail.linking import relation_records
from wiretrail.model import Analysis, Article, Relation, Span

REQUEST = ("Assad asked Israel to stop the strikes, a senior security official told the Najma Post, "
           "according to three people familiar with the talks.")


def _article(aid: str, outlet: str) -> Article:
    return Article(id=aid, url=f"https://{aid}.example/x", outlet=outlet, title="t", text=REQUEST)


def _group(gid: str, articles: list[str], origins: list[dict], status: str, start: int = 0, end: int = 44) -> dict:
    return {"id": gid, "status": status, "importance": 1.0, "independent_origins": origins,
            "evidence": [{"article": a, "start": start, "end": end} for a in articles]}


def test_linking_relation_takes_its_claims_provenance():
    articles = {a: _article(a, o) for a, o in (("najma", "Najma Post"), ("copy1", "Harbor Daily"), ("copy2", "Atlas Times"))}
    rel = lambda aid: Relation(id=f"r-{aid}", type="asks_help_from", source="Assad", target="Israel",  # noqa: E731
                               evidence=(Span(aid, 0, 38),), said_by="a senior security official")
    analyses = {a: Analysis(article=a, relations=(rel(a),)) for a in articles}
    anonymous = [{"source": "a senior security official", "source_type": "anonymous", "via": ["Najma Post"],
                  "articles": ["najma", "copy1", "copy2"]}]
    groups = {
        "g1": _group("g1", ["najma", "copy1", "copy2"], anonymous, "single_anonymous_origin"),
        "g2": _group("g2", ["najma"], [], "single_report", start=200, end=260),  # elsewhere in the article
    }
    edge = relation_records(articles, analyses, groups)["asks_help_from:Assad->Israel"]
    assert edge["claim_groups"] == ["g1"]
    assert edge["status"] == "single_anonymous_origin"
    assert len(edge["independent_origins"]) == 1 and edge["independent_origins"][0]["source_type"] == "anonymous"
    assert edge["outlets"] == ["Najma Post", "Harbor Daily", "Atlas Times"]
    assert len(edge["evidence"]) == 3


def test_linking_relation_without_groups_keeps_its_evidence_only():
    articles = {"a": _article("a", "Najma Post")}
    analyses = {"a": Analysis(article="a", relations=(Relation(id="r", type="backs", source="Iran", target="Assad",
                                                              evidence=(Span("a", 0, 20),)),))}
    edge = relation_records(articles, analyses)["backs:Iran->Assad"]
    assert "status" not in edge and edge["evidence"] == [{"article": "a", "start": 0, "end": 20}]


def test_linking_distinct_verdict_keeps_two_facts_apart_even_when_a_third_links_both():
    """A "same" chain must not join two facts the judge found distinct ("asked Israel" / "asked Iran"):
    complete linkage treats a distinct pair as a cannot-link, like a contradiction, without calling it one."""
    import numpy as np

    from wiretrail.link.claimgroups import Verdict, group_claims, pair_key
    from wiretrail.model import Claim

    texts = ["Assad asked Israel for help.", "Assad asked for Israel's help.", "Assad asked Iran not to respond."]
    claims = [Claim(id=f"c{i}", article=f"a{i}", span=Span(f"a{i}", 0, len(t)), text=t) for i, t in enumerate(texts)]
    vectors = np.ones((3, 4), dtype=np.float32) / 2.0  # every pair close in embedding space
    verdicts = {
        pair_key("c0", "c1"): Verdict("same", 0.95),
        pair_key("c1", "c2"): Verdict("same", 0.9),
        pair_key("c0", "c2"): Verdict(None, 0.85, ("different patient of 'request': israel vs iran",), distinct=True),
    }
    grouping = group_claims(claims, verdicts, vectors)
    assert [0, 1] in grouping.groups and [2] in grouping.groups
    assert grouping.contradicts == {}


def test_linking_kept_vectors_embed_only_what_the_store_lacks():
    import numpy as np

    from wiretrail.corpus import Corpus
    from wiretrail.linking import kept_vectors

    with Corpus.open(":memory:") as corpus:
        first = [("c1", "a1", "Rebels captured the airport on Saturday."), ("c2", "a1", "The army denied it.")]
        vectors, new = kept_vectors(corpus, "claim", first)
        assert vectors.shape[0] == 2 and new == {"c1", "c2"}
        again, new = kept_vectors(corpus, "claim", [*first, ("c3", "a2", "Aid reached the town.")])
        assert new == {"c3"}  # the kept ones are read, not embedded again
        assert np.allclose(again[:2], vectors) and again.shape[0] == 3


def test_linking_shared_names_without_a_shared_action_do_not_make_one_claim():
    """Two sentences about Assad, one asking Israel for help, one bolstering support from allies: the
    judge's "same" over shared names is topical, and only close wording would join different actions."""
    import numpy as np

    from wiretrail.link.claimgroups import Verdict, accept_same, group_claims, pair_key
    from wiretrail.link.judge_features import DIFFERENT_ACTIONS
    from wiretrail.model import Claim

    texts = ["Syrian President Bashar al-Assad asked for Israel's help to quell the revolt.",
             "Syrian President Bashar al-Assad asked Israel for help against the rebels.",
             "Syrian President Bashar al-Assad aimed to bolster support from his allies yesterday."]
    claims = [Claim(id=f"c{i}", article=f"a{i}", span=Span(f"a{i}", 0, len(t)), text=t) for i, t in enumerate(texts)]
    vectors = np.ones((3, 4), dtype=np.float32) / 2.0
    topical = Verdict("same", 0.68, (DIFFERENT_ACTIONS, "shared names: bashar al-assad"), 0.56)
    verdicts = {
        pair_key("c0", "c1"): Verdict("same", 0.86, ("same action: ask",), 0.8),
        pair_key("c0", "c2"): topical,
        pair_key("c1", "c2"): topical,
    }
    assert not accept_same(topical, shared_entities=2)
    assert accept_same(Verdict("same", 0.8, (DIFFERENT_ACTIONS,)), shared_entities=0)  # close wording still joins
    grouping = group_claims(claims, verdicts, vectors, entities=[frozenset({"assad", "syria"})] * 3)
    assert [0, 1] in grouping.groups and [2] in grouping.groups


def test_linking_equal_cosines_group_alike_in_any_claim_order():
    """Edges of equal strength are merged in the claims' id order, so the same claims listed in another
    order (a link of new articles lists them new-first) give the same groups."""
    import numpy as np

    from wiretrail.link.claimgroups import Verdict, group_claims, pair_key
    from wiretrail.model import Claim

    texts = ["The ministry said 12 people were killed.", "Twelve people were killed, the ministry said.",
             "The ministry said 12 civilians died in the strike."]
    claims = [Claim(id=f"c{i}", article=f"a{i}", span=Span(f"a{i}", 0, len(t)), text=t) for i, t in enumerate(texts)]
    vectors = np.ones((3, 4), dtype=np.float32) / 2.0
    verdicts = {pair_key("c0", "c1"): Verdict("same", 0.9), pair_key("c1", "c2"): Verdict("same", 0.9),
                pair_key("c0", "c2"): Verdict(None, 0.8, distinct=True)}
    forward = group_claims(claims, verdicts, vectors)
    backward = group_claims(claims[::-1], verdicts, vectors)
    as_ids = lambda grouping, listed: sorted(sorted(listed[i].id for i in g) for g in grouping.groups)  # noqa: E731
    assert as_ids(forward, claims) == as_ids(backward, claims[::-1]) == [["c0", "c1"], ["c2"]]
