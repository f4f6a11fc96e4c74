"""The five real seed pages: outlet identity, credits, no boilerplate left, every news paragraph kept."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from wiretrail.clean import clean_document
from wiretrail.clean.lines import clean_line
from wiretrail.ingest.outlets import OutletRegistry
from wiretrail.ingest.raw import RawDocument
from wiretrail.model import Article

pytestmark = pytest.mark.data

#: phrases of page furniture that must not survive cleaning (judged by a reader of the pages)
FURNITURE = (
    "cookies", "opt-out", "Newsletter", "Stay updated", "Donate", "support ALL ISRAEL", "Help us educate",
    "A message from", "Receive latest news", "Popular Articles", "Latest Stories", "Related posts",
    "Leave a Reply", "Your email address", "Comments are closed", "Jesus Christ is King", "Publish Your Article",
    "Read more", "Staff is a team", "Source From",
)  # fmt: skip


@pytest.fixture(scope="module")
def articles(seeds_dir: Path) -> dict[str, tuple[str, Article]]:
    registry = OutletRegistry()
    out = {}
    for path in sorted(seeds_dir.glob("*.txt")):
        raw = path.read_text(encoding="utf-8")
        art = clean_document(RawDocument(origin=str(path), format="txt", text=raw), registry)
        assert isinstance(art, Article), art
        out[path.name[:3]] = (raw, art)
    if len(out) < 5:
        pytest.skip("seed pages missing")
    return out


def test_clean_seeds_outlets(articles) -> None:
    assert (articles["000"][1].outlet, articles["000"][1].outlet_evidence) == ("World Israel News", "byline")
    assert articles["000"][1].byline == "Vered Weiss"
    assert articles["001"][1].outlet == "All Israel News"
    blog = articles["002"][1]
    assert blog.outlet == "Jesus' Coming Back" and blog.outlet_evidence == "leading site-name line"
    assert blog.credits == ("The Jerusalem Post",)  # "JPost" and its newsletter line; "told Reuters" is a hint
    repost = articles["003"][1]
    assert repost.outlet == "" and repost.credits == ("Sözcü",)
    assert "Sözcü" in repost.outlet_evidence
    unknown = articles["004"][1]
    assert unknown.outlet == "" and unknown.outlet_evidence == "unknown publisher"


def test_clean_seeds_titles(articles) -> None:
    assert articles["000"][1].title.startswith("Syrian leader Assad asks Israel for help")
    assert articles["001"][1].title.startswith("Assad reportedly sought help from Israel")
    assert articles["002"][1].title.startswith("Syrian rebels sweep into Aleppo")
    assert articles["003"][1].title.startswith("Haaretz: Assad asked Qassem Soleimani")
    assert articles["004"][1].title == "Syrian President Seeks Ally Support Following Aleppo Defeat"


@pytest.mark.parametrize("seed", ["000", "001", "002", "003", "004"])
def test_clean_seeds_no_boilerplate_left(articles, seed: str) -> None:
    text = articles[seed][1].text
    for phrase in FURNITURE:
        assert phrase.lower() not in text.lower(), phrase


@pytest.mark.parametrize("seed", ["000", "001", "002", "003", "004"])
def test_clean_seeds_every_news_paragraph_kept(articles, seed: str) -> None:
    raw, art = articles[seed]
    lines = [clean_line(l) for l in raw.splitlines() if l.strip()]
    kept = set(art.text.split("\n\n"))
    for line in lines:
        long_sentence = len(line.split()) >= 8 and re.search(r"[.!?\u201d\"]$", line)
        if long_sentence and not any(p.lower() in line.lower() for p in FURNITURE) and "(Photo" not in line:
            assert line in kept or line == art.dek, line
    for paragraph in kept:  # nothing merged: every paragraph is one line of the page
        assert paragraph in lines


def test_clean_seeds_subheadings_stay_apart(articles) -> None:
    paragraphs = articles["002"][1].text.split("\n\n")
    assert "Rebels took control of Aleppo\u2019s Airport" in paragraphs
    assert "Departing Aleppo" in articles["004"][1].text.split("\n\n")
