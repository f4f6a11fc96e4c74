"""HTML pages -> main text and metadata (trafilatura, with a fallback); hostile markup stays data."""

from __future__ import annotations

import pytest

from wiretrail.clean.html import extract_html

ARTICLE = """<!doctype html><html lang="en"><head>
<title>Rebels seize airport | The Daily Example</title>
<meta property="og:site_name" content="The Daily Example">
<meta property="og:title" content="Rebels seize airport">
<meta name="author" content="Jane Doe">
<meta property="article:published_time" content="2024-11-30T18:05:00+00:00">
<link rel="canonical" href="https://www.example-daily.com/world/rebels-seize-airport">
<style>p { color: red }</style>
<script>var secret = "SCRIPT-TEXT";</script>
</head><body>
<nav><a href="/">Home</a> <a href="/world">World</a></nav>
<article>
<h1>Rebels seize airport</h1>
<p>Rebels took control of the city's airport on Saturday, a war monitor said, in the biggest advance in years.</p>
<p onclick="alert('ATTRIBUTE-TEXT')">The army said it had redeployed to strengthen its defence lines around the city and to protect civilians.</p>
<script>document.write("INLINE-SCRIPT")</script>
<p>Clashes were reported near Hama on Sunday, residents told reporters by telephone from the area.</p>
</article>
<footer>Copyright 2024 The Daily Example. All rights reserved.</footer>
</body></html>"""


def test_clean_html_main_text_and_metadata() -> None:
    page = extract_html(ARTICLE, url="https://www.example-daily.com/world/rebels-seize-airport")
    assert page.text.split("\n\n") == [
        "Rebels took control of the city's airport on Saturday, a war monitor said, in the biggest advance in years.",
        "The army said it had redeployed to strengthen its defence lines around the city and to protect civilians.",
        "Clashes were reported near Hama on Sunday, residents told reporters by telephone from the area.",
    ]
    assert page.title.startswith("Rebels seize airport")
    assert page.author == "Jane Doe"
    assert page.sitename == "The Daily Example"
    assert page.date.startswith("2024-11-30")
    assert "example-daily.com" in page.url


@pytest.mark.parametrize(
    "html",
    [
        ARTICLE,
        "<p>Short page.<script>alert('SCRIPT-TEXT')</script><style>.x{}</style></p>",
        "<html><body><p title='ATTRIBUTE-TEXT'>Tiny <b>bold</b> text<noscript>NOSCRIPT-TEXT</noscript></p></body></html>",
        "<svg><script>SCRIPT-TEXT</script></svg><p>After svg, a sentence of text.</p>",
    ],
)
def test_clean_html_hostile_markup_never_reaches_text(html: str) -> None:
    text = extract_html(html).text
    for marker in ("SCRIPT-TEXT", "INLINE-SCRIPT", "ATTRIBUTE-TEXT", "NOSCRIPT-TEXT", "color: red", "alert("):
        assert marker not in text


def test_clean_html_escaped_markup_is_kept_as_text() -> None:
    text = extract_html("<html><body><article><p>The post read &lt;script&gt;alert(1)&lt;/script&gt; in full, the researcher said.</p></article></body></html>").text
    assert "<script>" in text  # data, shown as text (escaped again wherever it is rendered)


def test_clean_html_short_page_uses_fallback() -> None:
    page = extract_html("<html><head><title>Note</title></head><body><article><p>Gunfire heard.</p></article></body></html>")
    assert page.text == "Gunfire heard."
    assert page.title == "Note"


@pytest.mark.parametrize("html", ["", "   ", b"\x00\x01\x02", "<html><body></body></html>", "<<<>>>"])
def test_clean_html_empty_or_broken_pages_do_not_raise(html) -> None:
    page = extract_html(html)
    assert isinstance(page.text, str)
