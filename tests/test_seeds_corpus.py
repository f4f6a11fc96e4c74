"""The five real seed articles through ingest, cleaning and copy detection (issue 2's acceptance)."""

from __future__ import annotations

import pytest

from wiretrail.corpus import Corpus
from wiretrail.settings import Settings

BOILERPLATE = (
    "cookies", "Subscribe to The Jerusalem Post Newsletter", "Donate to ALL ISRAEL NEWS", "Related posts",
    "Leave a Reply", "Comments are closed", "Jesus Christ is King", "Your email address will not be published",
    "Popular Articles", "Publish Your Article", "Read more: SYRIA",
)


@pytest.fixture(scope="module")
def seeds(seeds_dir, tmp_path_factory):
    db = tmp_path_factory.mktemp("seeds") / "seeds.db"
    with Corpus.open(str(db), Settings(analyse=False)) as corpus:
        report = corpus.add([str(seeds_dir)])
        yield corpus, report


def _by_file(corpus):
    return {a.input_path.rsplit("/", 1)[-1][:3]: a for a in corpus.articles()}


def test_seeds_all_five_stored(seeds):
    corpus, report = seeds
    assert len(report.added) == 5 and not report.failed


def test_seeds_outlets_identified_as_far_as_the_text_reveals(seeds):
    arts = _by_file(seeds[0])
    assert arts["000"].outlet == "World Israel News"
    assert arts["001"].outlet == "All Israel News"
    assert "Jesus" in arts["002"].outlet
    assert any("Jerusalem Post" in c for c in arts["002"].credits)
    assert any("Sozcu" in c or "Sözcü" in c for c in arts["003"].credits)


def test_seeds_no_boilerplate_left_and_news_paragraphs_kept(seeds):
    arts = _by_file(seeds[0])
    for key, art in arts.items():
        for phrase in BOILERPLATE:
            assert phrase.lower() not in art.text.lower(), (key, phrase)
    assert "The rebels also took control of Aleppo Airport" in arts["002"].text
    assert "The opposition fighters have said the campaign" in arts["002"].text
    assert "Like Iran, Russia also gave military support" in arts["003"].text
    assert "Ahmad Tutenji, a merchant" in arts["004"].text
    assert "Rakov also noted that Moscow" in arts["000"].text
    assert "Netanyahu said his government" in arts["001"].text


def test_seeds_jpost_republication_carries_jpost_text_with_reuters_wire_copy(seeds):
    corpus = seeds[0]
    blog = _by_file(corpus)["002"]
    copies = {c.original.removeprefix("outlet:").removeprefix("The "): c for c in corpus.copies() if c.copy == blog.id}
    assert copies["Jerusalem Post"].kind == "syndicated"
    assert "Reuters" in copies and copies["Reuters"].kind == "partial"
    from wiretrail.brief.data import copy_of

    assert "Jerusalem Post" in copy_of(blog.id, corpus.copies())
