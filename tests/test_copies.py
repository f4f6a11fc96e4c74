"""Copy detection: shingles, MinHash bands, winnowing, direction."""

from __future__ import annotations

from wiretrail.link import copies as C
from wiretrail.model import Article, article_id

WIRE = (
    "Rebels swept into the northern city of Tal Hamra on Saturday, forcing the army to redeploy in the "
    "biggest challenge to the government in years. The surprise attack was the boldest assault since the "
    "frontlines froze in 2020. The defense ministry said its air force carried out strikes on rebel "
    "positions after the attack, state media reported. A resident told Meridian Press that one strike hit "
    "the central square."
)
OWN = (
    "Our correspondent in the capital said markets closed early and queues formed at bakeries as families "
    "stocked up on bread and fuel ahead of the weekend curfew announced by the interior ministry."
)


def _art(text: str, outlet: str, published: str = "", credits: tuple[str, ...] = ()) -> Article:
    url = f"https://{outlet.lower().replace(' ', '')}.example/a"
    return Article(id=article_id(text, url), url=url, outlet=outlet, title="t", text=text, published=published, credits=credits)


def test_copies_whole_republication_is_syndicated_and_points_to_the_original():
    wire = _art(WIRE, "Meridian Press", "2025-03-01T08:00:00")
    paper = _art(WIRE + "\n\nMeridian Press contributed to this report.", "Harbor Daily", "2025-03-01T11:00:00")
    found = C.judge_copy(wire, paper)
    assert found is not None
    assert (found.copy, found.original, found.kind) == (paper.id, wire.id, "syndicated")
    assert found.share > 0.9


def test_copies_partial_copy_is_found_by_containment():
    wire = _art(WIRE, "Meridian Press", "2025-03-01T08:00:00")
    mixed = _art(OWN + "\n\n" + WIRE.split(". The defense")[0] + ".", "Coastal Times", "2025-03-01T12:00:00")
    found = C.judge_copy(mixed, wire)
    assert found is not None and found.copy == mixed.id and found.kind == "partial"
    # the partial copy shares a winnowing fingerprint with the original
    assert C.winnow(C.shingles(mixed.text)) & C.winnow(C.shingles(wire.text))


def test_copies_unrelated_articles_are_not_copies():
    assert C.judge_copy(_art(WIRE, "A"), _art(OWN, "B")) is None


def test_copies_credit_line_decides_direction_without_dates():
    wire = _art(WIRE, "Meridian Press")
    blog = _art(WIRE + "\n\nJesus is Lord. Comments are closed.", "Faith Blog", credits=("Meridian Press",))
    found = C.judge_copy(wire, blog)
    assert found.copy == blog.id and "credits" in found.evidence[0]


def test_copies_near_duplicates_share_lsh_bands():
    a = C.signature(C.shingles(WIRE))
    b = C.signature(C.shingles(WIRE.replace("Saturday", "Sunday")))
    assert set(C.bands(a)) & set(C.bands(b))


def test_copies_credited_sources_names_outlets_outside_the_corpus():
    text = "Aleppo fell on Saturday.\n\nOne strike caused casualties, a resident told Reuters.\n\nThe army said it would respond."
    art = Article(id="x", url="", outlet="Some Blog", title="t", text=text, credits=("Jerusalem Post",),
                  paragraphs=((0, 24), (26, 81), (83, 114)))
    found = {c.original: c for c in C.credited_sources(art)}
    assert found["outlet:Jerusalem Post"].kind == "syndicated"
    assert found["outlet:Reuters"].kind == "partial"
    assert 0 < found["outlet:Reuters"].share < 0.6
