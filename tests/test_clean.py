"""clean_document: raw text or HTML -> Article with outlet, credits, metadata, offsets and audit."""

from __future__ import annotations

import pytest

from wiretrail.clean import clean_document, guess_language, paragraph_offsets, tidy_byline, tidy_title
from wiretrail.ingest.outlets import OutletRegistry
from wiretrail.ingest.raw import RawDocument
from wiretrail.model import Article, InputFailure, article_id, text_fingerprint


@pytest.fixture(scope="module")
def registry() -> OutletRegistry:
    return OutletRegistry()


def raw_text(text: str, **kw) -> RawDocument:
    return RawDocument(origin=kw.pop("origin", "news/a.txt"), format="txt", text=text, **kw)


def test_clean_document_builds_article(registry: OutletRegistry) -> None:
    text = (
        "Rebels seize airport as army pulls back\n"
        "By Jane Doe, Reuters\n"
        "ALEPPO, Syria (Reuters) - Rebels took control of the city's airport on Saturday, a war monitor said.\n"
        "The army said it had redeployed to strengthen its defence lines.\n"
        "Share this article\n"
    )
    art = clean_document(raw_text(text, published="2024-11-30"), registry)
    assert isinstance(art, Article)
    assert art.outlet == "Reuters" and art.outlet_evidence == "byline" and art.outlet_domain == "reuters.com"
    assert art.title == "Rebels seize airport as army pulls back"
    assert art.byline == "Jane Doe"
    assert art.dateline == "ALEPPO, Syria" and art.credits == ()  # Reuters is the publisher here
    assert (art.published, art.published_precision) == ("2024-11-30", "day")
    assert art.text.startswith("ALEPPO, Syria (Reuters) - Rebels took control")  # the dateline stays in the text
    stripped = clean_document(raw_text(text), registry, keep_dateline=False)
    assert stripped.text.startswith("Rebels took control") and stripped.dateline == "ALEPPO, Syria"
    assert "Share this" not in art.text
    assert art.id == article_id(art.text, "") and art.fingerprint == text_fingerprint(art.text)
    for start, end in art.paragraphs:
        assert "\n" not in art.text[start:end]
    assert [art.text[s:e] for s, e in art.paragraphs] == art.text.split("\n\n")
    assert any(line.endswith("Share this article") for line in art.removed)
    assert (art.input_format, art.input_path) == ("txt", "news/a.txt")


def test_clean_document_url_names_publisher_and_credits_wire(registry: OutletRegistry) -> None:
    text = "Strikes hit Idlib\n(Reuters) - Russian jets struck Idlib overnight, the monitor said.\nThe Associated Press contributed to this report."
    art = clean_document(raw_text(text, url="https://www.haaretz.com/middle-east-news/syria/2024-12-01/ty-article/x"), registry)
    assert art.outlet == "Haaretz" and art.outlet_evidence == "url"
    assert art.credits == ("Reuters", "Associated Press")


def test_clean_document_republished_copy(registry: OutletRegistry) -> None:
    text = (
        "Faith Today Blog\n"
        "Rebels sweep into the city in surprise attack\n"
        "The army said on Saturday that dozens of its soldiers had been killed in the attack.\n"
        "One strike hit a square in the city centre, a resident told Reuters.\n"
        "JPost\n"
        "Comments are closed.\n"
    )
    art = clean_document(raw_text(text), registry)
    assert art.outlet == "Faith Today Blog" and art.outlet_evidence == "leading site-name line"
    assert art.credits == ("The Jerusalem Post",)
    assert "JPost" not in art.text and "Comments" not in art.text


def test_clean_document_unknown_publisher_is_said(registry: OutletRegistry) -> None:
    text = "Storm hits the coast\nThe storm made landfall on Monday, forecasters said.\nSource: Example Gazette"
    art = clean_document(raw_text(text), registry)
    assert art.outlet == ""
    assert art.credits == ("Example Gazette",)
    assert art.outlet_evidence.startswith("unknown publisher")


def test_clean_document_html_input(registry: OutletRegistry) -> None:
    html = (
        "<html><head><title>Ceasefire holds | Example Post</title>"
        '<meta property="og:site_name" content="Example Post"></head><body><article>'
        "<p>The ceasefire held for a third day on Monday, officials on both sides said.</p>"
        "<p>Sign up for our newsletter</p>"
        "<p>Aid trucks entered the area through two crossings, the UN said in a statement.</p>"
        "</article></body></html>"
    )
    art = clean_document(RawDocument(origin="page.html", format="html", html=html), registry)
    assert isinstance(art, Article)
    assert art.title == "Ceasefire holds"
    assert art.outlet == "Example Post" and art.outlet_evidence == "og:site_name"
    assert art.text.split("\n\n") == [
        "The ceasefire held for a third day on Monday, officials on both sides said.",
        "Aid trucks entered the area through two crossings, the UN said in a statement.",
    ]


@pytest.mark.parametrize(
    ("raw", "reason"),
    [
        (RawDocument(origin="empty.txt", format="txt", text="  \n "), "empty"),
        (RawDocument(origin="empty.html", format="html", html="<html><body><script>x()</script></body></html>"), "no article text"),
        (RawDocument(origin="junk.txt", format="txt", text="Leave a Reply\nComments are closed."), "boilerplate"),
    ],
)
def test_clean_document_failures_name_path_and_reason(registry: OutletRegistry, raw: RawDocument, reason: str) -> None:
    result = clean_document(raw, registry)
    assert isinstance(result, InputFailure)
    assert result.path == raw.origin and reason in result.reason


def test_clean_document_huge_text_is_cut(registry: OutletRegistry) -> None:
    text = "Big story\n" + "\n".join(f"Paragraph {i} says the army advanced again today." for i in range(5000))
    art = clean_document(raw_text(text), registry, max_chars=10_000)
    assert isinstance(art, Article) and len(art.text) <= 10_000


def test_clean_document_known_boilerplate(registry: OutletRegistry) -> None:
    text = "Title of the story here\nThe minister resigned on Friday, aides said.\nWe tell it like it is\nHe was replaced by his deputy, state media said."
    art = clean_document(raw_text(text), registry, known_boilerplate=frozenset({"we tell it like it is"}))
    assert "We tell it like it is" not in art.text


@pytest.mark.parametrize(
    ("given", "expected"),
    [("By Jane Doe; JANE DOE", "Jane Doe"), ("Joshua Sokol May", "Joshua Sokol"), ("Username", ""), ("Par Marie Curie", "Marie Curie")],
)
def test_clean_document_byline_tidy(given: str, expected: str) -> None:
    assert tidy_byline(given) == expected


@pytest.mark.parametrize(
    ("title", "outlet", "domain", "expected"),
    [
        ("Rebels seize airport | The Daily Example", "The Daily Example", "", "Rebels seize airport"),
        ("Rebels seize airport - Breitbart", "", "breitbart.com", "Rebels seize airport"),
        ("Hamas: we will not disarm", "", "", "Hamas: we will not disarm"),
    ],
)
def test_clean_document_title_tidy(title: str, outlet: str, domain: str, expected: str) -> None:
    assert tidy_title(title, outlet, domain) == expected


def test_clean_document_language_and_offsets() -> None:
    assert guess_language("The army said that the rebels had taken the city of Hama.") == "en"
    assert guess_language("Die Armee sagte, die Rebellen hätten die Stadt eingenommen.", "de") == "de"
    assert paragraph_offsets(["ab", "", "c"]) == ((0, 2), (4, 4), (6, 7))


BLOG_WITH_COMMENTS = """Truth Seekers Daily
Menu
Home
World
Turkey says foreign interference not behind Syria offensive
December 2, 2024 by admin
Turkey dismissed claims that foreign interference was behind the offensive, Foreign Minister Hakan Fidan said.
ALSO READ: Five things to know about Aleppo
“It would be a mistake to explain the events with foreign interference,” Fidan told reporters in Ankara.
Advertisement
Turkey backs some rebel factions in the northwest, where it maintains troops.
Originally published at Middle East Eye
Share this:
Like this:
3 thoughts on “Turkey says foreign interference not behind Syria offensive”
Mark says:
December 2, 2024 at 3:14 pm
This is exactly what I expected from Ankara, they never admit anything.
Reply
Leave a Reply Cancel reply
"""

OUTLET_BYLINE = """DAILY SABAH
Politics
Türkiye calls for calm in Syria, vows to protect border
by DAILY SABAH
ISTANBUL Dec 02, 2024 - 11:48 am GMT+3
Türkiye on Monday called for calm in Syria and said it would protect its border, as fighting spread.
"We are following developments closely," the Foreign Ministry said in a statement.
Follow Daily Sabah on Google News
Recommended
Erdoğan, Putin discuss Syria in phone call
"""

AGENCY_SOURCE = """Listen to this article
4 mins
Syria’s rebels push towards Hama as government forces regroup
Opposition fighters say they are advancing south after taking Aleppo.
Published On 2 Dec 2024
Syrian opposition fighters said on Monday they were advancing on Hama.
“Our forces are moving forward,” a rebel commander told Al Jazeera.
Source: Al Jazeera and news agencies
"""


@pytest.mark.parametrize(
    ("text", "outlet", "credits", "published", "paragraphs"),
    [
        (BLOG_WITH_COMMENTS, "Truth Seekers Daily", ("Middle East Eye",), "2024-12-02", 3),
        (OUTLET_BYLINE, "Daily Sabah", (), "2024-12-02T11:48", 2),
        (AGENCY_SOURCE, "", ("Al Jazeera",), "2024-12-02", 2),
    ],
)
def test_clean_document_page_kinds(registry: OutletRegistry, text, outlet, credits, published, paragraphs) -> None:
    art = clean_document(raw_text(text), registry)
    assert (art.outlet, art.credits, art.published) == (outlet, credits, published)
    assert len(art.text.split("\n\n")) == paragraphs
    assert art.byline == ""  # "admin" and "DAILY SABAH" are not authors
    for junk in ("says:", "Reply", "Advertisement", "ALSO READ", "Share", "Follow", "Recommended", "Listen", "Source:"):
        assert junk not in art.text


def test_clean_document_lone_surrogates_become_replacement_chars(registry: OutletRegistry) -> None:
    raw = RawDocument("a.json#1", "json", text="Rebels took the airport \ud800 on Saturday, residents said.",
                      title="Airport \udfff falls", url="https://ex.org/a")
    art = clean_document(raw, registry)
    assert "\ufffd" in art.text and "\ufffd" in art.title
    art.text.encode("utf-8")
