"""Corroboration: origins traced through intermediaries, nesting, vague references and copies."""

from __future__ import annotations

import pytest

from wiretrail.model import Article, Attribution, Claim, Origin, Source, Span
from wiretrail.score import Report, collapse, corroborate, trace


def _art(aid: str, outlet: str, published: str = "2025-10-16T10:00:00") -> Article:
    return Article(id=aid, url=f"https://{aid}.example", outlet=outlet, title="t", text="x" * 500, published=published)


def _att(aid: str, art: str, src: str, stype: str, start: int, *, via: str = "", parent: str = "", descriptor: str = "", cue: str = "say") -> Attribution:
    return Attribution(
        id=aid, article=art, source=Source(text=src, type=stype, descriptor=descriptor),
        cue=cue, cue_span=Span(art, start, start + 4), content="c", content_span=Span(art, start + 5, start + 50),
        intermediary=Source(text=via, type="media_outlet") if via else None, parent=parent,
    )


def _claim(cid: str, art: str, start: int, att: str = "", text: str = "Assad asked Israel for help against the rebels") -> Claim:
    return Claim(id=cid, article=art, span=Span(art, start, start + 40), text=text, attribution=att)


def test_score_intermediary_is_the_via_of_an_anonymous_origin():
    a = _art("w", "World Israel News")
    att = _att("t1", "w", "a security official", "anonymous", 10, via="Elaph", descriptor="a security official")
    o = trace(Report(_claim("c1", "w", 10, "t1"), a, att), {"t1": att}, [att], {}, {"w": a})
    assert (o.source, o.source_type, o.via) == ("a security official", "anonymous", ("Elaph",))


def test_score_nested_attribution_puts_the_parent_in_via():
    a = _art("n", "All Israel News")
    outer = _att("p", "n", "Elaph", "media_outlet", 5, cue="cite")
    inner = _att("i", "n", "an intelligence official", "anonymous", 20, parent="p", descriptor="an intelligence official")
    o = trace(Report(_claim("c", "n", 20, "i"), a, inner), {"p": outer, "i": inner}, [outer, inner], {}, {"n": a})
    assert o.via == ("Elaph",) and o.source_type == "anonymous"


def test_score_vague_reference_leans_on_the_report_named_before():
    a = _art("w", "World Israel News")
    first = _att("t1", "w", "a security official", "anonymous", 10, via="Elaph")
    vague = _att("t2", "w", "the report", "unspecified", 200, cue="according to")
    o = trace(Report(_claim("c2", "w", 200, "t2"), a, vague), {"t1": first, "t2": vague}, [first, vague], {}, {"w": a})
    assert o.via == ("Elaph",) and o.source_type == "anonymous"


def test_score_vague_reference_leans_on_a_report_not_on_the_speech_act_it_told():
    """"Assad asked Israel for help, a security official told Elaph. ... Israel answered with a demand,
    the report said": the report is the official's, not Assad's (his asking is the news, not its source)."""
    a = _art("w", "World Israel News")
    told = _att("t1", "w", "a security official", "anonymous", 60, via="Elaph", cue="tell")
    asked = _att("t0", "w", "Syrian President Bashar al-Assad", "named_person", 90, parent="t1", cue="ask")
    vague = _att("t2", "w", "the report", "unspecified", 300, cue="according to")
    atts = {x.id: x for x in (told, asked, vague)}
    o = trace(Report(_claim("c2", "w", 300, "t2"), a, vague), atts, [told, asked, vague], {}, {"w": a})
    assert o.source == "a security official" and o.source_type == "anonymous" and o.via == ("Elaph",)


def test_score_copies_speak_with_the_original_voice():
    orig, blog = _art("o", "Jerusalem Post"), _art("b", "Faith Blog")
    o = trace(Report(_claim("c", "b", 0), blog, None), {}, [], {"b": "o"}, {"o": orig, "b": blog})
    assert (o.source, o.source_type) == ("Jerusalem Post", "outlet_reporting")
    o2 = trace(Report(_claim("c", "b", 0), blog, None), {}, [], {"b": "outlet:Reuters"}, {"b": blog})
    assert o2.source == "Reuters"


def test_score_same_intermediary_anonymous_sources_collapse_to_one_origin():
    origins = [
        Origin("a security official", "anonymous", ("Elaph",), ("w",)),
        Origin("an intelligence official", "anonymous", ("Elaph",), ("n",)),
        Origin("Elaph", "media_outlet", (), ("n",)),
    ]
    merged = collapse(origins)
    assert len(merged) == 1 and merged[0].via == ("Elaph",)
    assert set(merged[0].articles) == {"w", "n"}


def test_score_two_outlets_one_anonymous_origin_is_single_anonymous_origin():
    w, n = _art("w", "World Israel News"), _art("n", "All Israel News")
    att1 = _att("t1", "w", "a security official", "anonymous", 10, via="Elaph")
    att2 = _att("t2", "n", "an intelligence official", "anonymous", 10, via="Elaph")
    reports = [Report(_claim("c1", "w", 10, "t1"), w, att1), Report(_claim("c2", "n", 10, "t2"), n, att2)]
    origins = [trace(r, {"t1": att1, "t2": att2}, [r.attribution], {}, {"w": w, "n": n}) for r in reports]
    corr = corroborate(reports, origins)
    assert corr.status == "single_anonymous_origin"
    assert len(corr.origins) == 1 and corr.origins[0].via == ("Elaph",)
    assert corr.outlets == ("World Israel News", "All Israel News")
    assert "one origin" in corr.explanation and "Elaph" in corr.explanation


def test_score_two_named_independent_sources_confirm():
    a, b = _art("a", "Harbor Daily"), _art("b", "Dune24")
    att1 = _att("x", "a", "the defence ministry", "government_body", 10)
    att2 = _att("y", "b", "Karim Jaziri", "named_person", 10)
    reports = [Report(_claim("c1", "a", 10, "x"), a, att1), Report(_claim("c2", "b", 10, "y"), b, att2)]
    origins = [trace(r, {"x": att1, "y": att2}, [r.attribution], {}, {"a": a, "b": b}) for r in reports]
    corr = corroborate(reports, origins)
    assert corr.status == "confirmed" and len(corr.origins) == 2
    assert corr.strongest_source_type == "named_person"


def test_score_denial_by_the_subject_marks_the_group_denied():
    a, b = _art("a", "Dune24"), _art("b", "Ridgeline News")
    claim_att = _att("x", "a", "the defence ministry", "government_body", 10)
    denial_att = _att("y", "b", "the DLF", "named_org", 10, cue="deny")
    reports = [Report(_claim("c1", "a", 10, "x"), a, claim_att)]
    contra = [("g2", [Report(_claim("c2", "b", 10, "y", text="The DLF denied storing weapons in the school"), b, denial_att)])]
    origins = [trace(reports[0], {"x": claim_att}, [claim_att], {}, {"a": a})]
    corr = corroborate(reports, origins, contra)
    assert corr.status == "denied" and corr.contradicts == ("g2",)


def _origin_of(article: Article, target: Attribution, atts: list[Attribution]) -> Origin:
    return trace(Report(_claim("c", article.id, target.cue_span.start, target.id), article, target),
                 {a.id: a for a in atts}, atts, {}, {article.id: article})


def test_score_the_official_is_the_official_introduced_before_and_reaches_us_the_same_way():
    """"A security official told Elaph ... The official said ...": one source, via Elaph."""
    a = _art("n", "All Israel News")
    told = _att("t1", "n", "an intelligence official", "anonymous", 40, via="Elaph", descriptor="an intelligence official")
    later = _att("t2", "n", "The official", "anonymous", 400, descriptor="The official")
    o = _origin_of(a, later, [told, later])
    assert o.source_type == "anonymous" and o.via == ("Elaph",)
    first = _origin_of(a, told, [told, later])
    assert len(collapse([first, o])) == 1


def test_score_a_definite_description_prefers_the_antecedent_whose_words_agree():
    a = _art("h", "Harbor Daily")
    military = _att("m", "h", "a military official", "anonymous", 20, via="Reuters", descriptor="a military official")
    police = _att("p", "h", "a police official", "anonymous", 90, via="AFP", descriptor="a police official")
    later = _att("x", "h", "the military official", "anonymous", 300, descriptor="the military official")
    assert _origin_of(a, later, [military, police, later]).via == ("Reuters",)
    bare = _att("y", "h", "the official", "anonymous", 300, descriptor="the official")
    assert _origin_of(a, bare, [military, police, bare]).via == ("AFP",)  # the nearest one


def test_score_an_indefinite_anonymous_source_is_a_new_source():
    """"Another official said": not the one introduced before, so no borrowed chain."""
    a = _art("h", "Harbor Daily")
    told = _att("t1", "h", "a security official", "anonymous", 40, via="Elaph")
    other = _att("t2", "h", "another official", "anonymous", 400)
    assert _origin_of(a, other, [told, other]).via == ()


@pytest.mark.parametrize("source,expected", [
    ("reports", "reports"),  # "according to reports" does not say whose reports
    # "..., according to a statement by their operations room" is that statement, not the resident who
    # told Reuters two paragraphs before
    ("a statement by their operations room", "a statement by their operations room"),
])
def test_score_what_does_not_point_back_is_no_earlier_report(source, expected):
    a = _art("b", "Faith Blog")
    told = _att("t1", "b", "a resident", "anonymous", 10, via="Reuters", cue="tell")
    later = _att("t2", "b", source, "unspecified", 300, cue="according to")
    o = _origin_of(a, later, [told, later])
    assert (o.source, o.source_type, o.via) == (expected, "unspecified", ())


def test_score_the_report_leans_only_on_a_report_that_came_through_an_outlet():
    """A nested statement ("the official said Israel stated ...") is not a report the article named."""
    a = _art("n", "All Israel News")
    official = _att("o", "n", "The official", "anonymous", 10)
    stated = _att("s", "n", "Israel", "government_body", 40, parent="o", cue="state")
    vague = _att("v", "n", "the report", "unspecified", 300, cue="according to")
    assert _origin_of(a, vague, [official, stated, vague]).source_type == "unspecified"


def test_score_a_report_that_names_no_source_adds_no_independent_origin():
    """Northwind's "according to reports" may rest on the official the others cite: one origin, not two."""
    w, n = _art("w", "World Israel News"), _art("nw", "Northwind Post")
    told = _att("t1", "w", "a security official", "anonymous", 10, via="Elaph", cue="tell")
    vague = _att("t2", "nw", "reports", "unspecified", 10, cue="according to")
    reports = [Report(_claim("c1", "w", 10, "t1"), w, told), Report(_claim("c2", "nw", 10, "t2"), n, vague)]
    origins = [trace(r, {"t1": told, "t2": vague}, [r.attribution], {}, {"w": w, "nw": n}) for r in reports]
    corr = corroborate(reports, origins)
    assert corr.status == "single_anonymous_origin" and len(corr.origins) == 1
    assert corr.outlets == ("World Israel News", "Northwind Post")
    assert "name no source" in corr.explanation
    alone = corroborate(reports[1:], origins[1:])
    assert len(alone.origins) == 1 and alone.status == "single_anonymous_origin"


def test_score_a_statement_without_a_name_is_still_an_origin_of_its_own():
    a, b = _art("a", "Harbor Daily"), _art("b", "Dune24")
    att1 = _att("x", "a", "the defence ministry", "government_body", 10)
    att2 = _att("y", "b", "a statement by the rebels' operations room", "unspecified", 10, cue="according to")
    reports = [Report(_claim("c1", "a", 10, "x"), a, att1), Report(_claim("c2", "b", 10, "y"), b, att2)]
    origins = [trace(r, {"x": att1, "y": att2}, [r.attribution], {}, {"a": a, "b": b}) for r in reports]
    assert len(corroborate(reports, origins).origins) == 2


def test_score_a_source_revising_its_own_count_is_not_a_dispute():
    """Open Hands: 6,500 fled on Thursday, about 8,000 on Saturday. One source, a new figure."""
    a, b = _art("a", "Lodestar Press"), _art("b", "Lodestar Press")
    first = _att("x", "a", "Open Hands", "named_org", 10)
    later = _att("y", "b", "Open Hands", "named_org", 10)
    rival = _att("z", "b", "the health ministry", "government_body", 90)
    reports = [Report(_claim("c1", "a", 10, "x", text="About 6,500 people have fled Sbeitla"), a, first)]
    origins = [trace(reports[0], {"x": first}, [first], {}, {"a": a})]
    revised = [("g2", [Report(_claim("c2", "b", 10, "y", text="About 8,000 people have fled Sbeitla"), b, later)])]
    corr = corroborate(reports, origins, revised)
    assert corr.status == "single_origin" and corr.contradicts == () and corr.revised_by == ("g2",)
    assert "revision" in corr.explanation
    disputed = [("g3", [Report(_claim("c3", "b", 90, "z", text="About 2,000 people have fled Sbeitla"), b, rival)])]
    assert corroborate(reports, origins, disputed).status == "disputed"


def test_score_an_outlet_described_is_the_outlet_named_before():
    """"In June, the Tell Review reported ... a letter the magazine said it had seen": one origin."""
    a = _art("h", "Continental Herald")
    named = _att("t", "h", "the Tell Review", "media_outlet", 10, cue="report")
    described = _att("m", "h", "the magazine", "media_outlet", 80, parent="t")
    o = _origin_of(a, described, [named, described])
    assert o.source == "the Tell Review" and o.via == ()
    site = _att("s", "h", "the Tunis-based news site", "media_outlet", 300, cue="report")
    assert _origin_of(a, site, [named, described, site]).source == "the Tell Review"
    alone = _att("x", "h", "the newspaper", "media_outlet", 5, cue="report")
    assert _origin_of(a, alone, [alone]).source == "the newspaper"  # nothing named before: itself


def test_score_an_intermediary_described_is_the_outlet_named_before():
    """"..., according to the Najma Post. Citing a senior security official, the Tunis-based news site
    reported ...": the official reached us via the Najma Post."""
    a = _art("h", "Continental Herald")
    named = _att("n", "h", "the Najma Post", "media_outlet", 10, cue="according to")
    cited = _att("c", "h", "a senior security official", "anonymous", 300, via="the Tunis-based news site", cue="cite")
    o = _origin_of(a, cited, [named, cited])
    assert o.via == ("the Najma Post",)
    assert len(collapse([o, Origin("a senior security official", "anonymous", ("Najma Post",), ("x",))])) == 1


def test_score_was_told_does_not_lean_on_the_last_report():
    """"Two people told Northwind Post ... Ouertani was told that the Brigades wanted ...": whoever told
    Ouertani is not Northwind's two people."""
    a = _art("nw", "Northwind Post")
    told = _att("t1", "nw", "two people", "anonymous", 10, via="Northwind Post", cue="tell")
    hearer = _att("t2", "nw", "", "unspecified", 300, cue="tell")
    assert _origin_of(a, hearer, [told, hearer]).via == ()
    stated = _att("t3", "nw", "", "unspecified", 300, cue="state")
    assert _origin_of(a, stated, [told, stated]).via == ("Northwind Post",)


def test_score_words_relayed_by_a_person_rest_on_the_relayer():
    """"The official said Israel responded by stating ...": we have only the official's word for it."""
    a = _art("n", "All Israel News")
    told = _att("t", "n", "The intelligence official", "anonymous", 10, via="Elaph", cue="tell")
    said = _att("s", "n", "The official", "anonymous", 200, descriptor="The official")
    stated = _att("i", "n", "Israel", "government_body", 240, parent="s", cue="state")
    o = _origin_of(a, stated, [told, said, stated])
    assert o.source_type == "anonymous" and o.via == ("Elaph",)


def test_score_an_accusation_is_the_origin_of_what_it_accuses():
    """"The defence ministry accused the DLF of storing weapons in a school, the site reported": the
    ministry vouches for the storing (an allegation reports it, as "alleged" does); the site relays it."""
    a = _art("d", "Dune24")
    site = _att("r", "d", "the Najma Post", "media_outlet", 5, cue="report")
    accused = _att("a", "d", "the defence ministry", "government_body", 20, parent="r", cue="accuse")
    o = trace(Report(_claim("c", "d", 20, "a", text="The DLF stored weapons in a school"), a, accused),
              {"r": site, "a": accused}, [site, accused], {}, {"d": a})
    assert o.source == "the defence ministry" and o.source_type == "government_body"
