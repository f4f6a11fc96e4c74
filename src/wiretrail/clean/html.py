"""Main text and metadata of an HTML page, through trafilatura, with a plain fallback.

Hostile HTML is data: script, style and template content, comments and attributes never reach
the text (trafilatura drops them; the fallback strips them before reading any text).

>>> page = "<html><head><title>T</title></head><body><article><p>One.</p><p>Two.</p></article></body></html>"
>>> extract_html(page).text
'One.\\n\\nTwo.'
"""

from __future__ import annotations

import json
import logging
import re
from dataclasses import dataclass

log = logging.getLogger(__name__)

#: Elements whose content is never text of the article.
DROP_TAGS = (
    "script", "style", "noscript", "template", "iframe", "svg", "canvas", "object", "embed",
    "head", "nav", "footer", "aside", "form", "button", "select", "textarea", "input",
)  # fmt: skip
_NOSCRIPT = re.compile(r"<(noscript|template)\b[^>]*>.*?</\1\s*>", re.I | re.S)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
# embedded frames and objects never hold the article's text; nested by the thousand they
# make trafilatura crawl (found by fuzzing), so their tags go before extraction
_EMBEDS = re.compile(r"</?(iframe|object|embed|frame|frameset|applet)\b[^>]*>", re.I)


@dataclass(frozen=True)
class HtmlExtract:
    """What a page yields: body text (paragraphs joined by blank lines) and page metadata."""

    text: str
    title: str = ""
    author: str = ""
    date: str = ""  # ISO-8601 as far as the page tells it
    sitename: str = ""
    url: str = ""  # canonical URL when the page declares one
    description: str = ""
    dek: str = ""  # the description, where the page also shows it as a standfirst
    language: str = ""
    method: str = "trafilatura"  # trafilatura / fallback / empty


def _paragraphs(text: str) -> list[str]:
    text = _CONTROL.sub("", text)
    return [" ".join(line.split()) for line in text.splitlines() if line.strip()]


def _same(a: str, b: str) -> bool:
    norm = lambda s: re.sub(r"\W+", " ", s).strip().lower()  # noqa: E731
    return bool(a) and norm(a) == norm(b)


def _parse_tree(html: str):
    import lxml.html
    from lxml import etree

    try:
        return lxml.html.document_fromstring(html)
    except (etree.ParserError, ValueError) as exc:
        log.warning("cannot parse HTML (%s)", exc)
        return None


def _meta_content(tree, *names: str) -> str:
    for name in names:
        for attr in ("property", "name", "itemprop"):
            found = tree.xpath(f"//meta[@{attr}=$n]/@content", n=name)
            if found and str(found[0]).strip():
                return " ".join(str(found[0]).split())
    return ""


def _jsonld_dates(tree) -> str:
    for script in tree.xpath("//script[@type='application/ld+json']/text()"):
        try:
            data = json.loads(script)
        except (json.JSONDecodeError, ValueError):
            continue
        stack = [data]
        while stack:
            item = stack.pop()
            if isinstance(item, list):
                stack.extend(item)
            elif isinstance(item, dict):
                value = item.get("datePublished")
                if isinstance(value, str) and value.strip():
                    return value.strip()
                stack.extend(v for v in item.values() if isinstance(v, (dict, list)))
    return ""


def full_published_time(tree, day: str) -> str:
    """The page's declared publication time when it agrees with ``day`` (keeps hour and minute).

    trafilatura gives the day only; meta ``article:published_time`` or JSON-LD ``datePublished``
    often carry the time as well.
    """
    declared = _meta_content(tree, "article:published_time", "datePublished", "pubdate") or _jsonld_dates(tree)
    if declared and re.match(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}", declared) and (not day or declared.startswith(day)):
        return declared
    return day


def fallback_text(html: str) -> str:
    """Article text without trafilatura: ``<article>`` paragraphs, else all ``<p>``, else body lines."""
    tree = _parse_tree(html)
    if tree is None:
        return ""
    for bad in tree.xpath("//" + " | //".join(DROP_TAGS)):
        bad.drop_tree()
    for comment in tree.xpath("//comment()"):
        parent = comment.getparent()
        if parent is not None:
            parent.remove(comment)
    scopes = tree.xpath("//article") or [tree]
    paragraphs: list[str] = []
    for scope in scopes:
        for node in scope.xpath(".//p | .//h2 | .//h3 | .//li | .//blockquote"):
            if node.xpath("ancestor::p | ancestor::blockquote"):
                continue
            text = " ".join(node.text_content().split())
            if text:
                paragraphs.append(text)
    if not paragraphs:
        body = tree.find("body")
        if body is not None:
            paragraphs = _paragraphs("\n".join(t for t in body.itertext()))
    return "\n\n".join(paragraphs)


def extract_html(html: str | bytes, url: str = "") -> HtmlExtract:
    """Body text and metadata of one page; never raises on bad HTML (returns empty text instead).

    >>> extract_html("<p>Hi<script>alert(1)</script></p>").text
    'Hi'
    """
    if isinstance(html, bytes):
        html = html.decode("utf-8", errors="replace")
    if not html or not html.strip():
        return HtmlExtract(text="", method="empty")
    html = _CONTROL.sub("", html)
    import trafilatura

    tree = _parse_tree(html)
    declared_title = declared_date = ""
    shown = ""
    if tree is not None:
        shown = " ".join(" ".join(tree.xpath("//body//text()[not(ancestor::script) and not(ancestor::style)]")).split())
        declared_title = _meta_content(tree, "og:title", "twitter:title") or " ".join((tree.findtext(".//title") or "").split())
        declared_date = full_published_time(tree, "")
    # noscript / template content is shown only without scripts: never article text
    html = _NOSCRIPT.sub(" ", html)
    html = _EMBEDS.sub(" ", html)
    doc = None
    try:
        doc = trafilatura.bare_extraction(
            html, url=url or None, with_metadata=True, include_comments=False,
            include_tables=True,
        )  # fmt: skip
    except (ValueError, TypeError, AttributeError, RecursionError) as exc:
        log.warning("trafilatura failed on %s (%s); using the fallback", url or "a page", exc)
    meta = doc.as_dict() if doc is not None and hasattr(doc, "as_dict") else (doc or {})
    title = str(meta.get("title") or "") or declared_title
    description = str(meta.get("description") or "")
    paragraphs = _paragraphs(str(meta.get("text") or ""))
    method = "trafilatura"
    if sum(len(p) for p in paragraphs) < 25:
        paragraphs = _paragraphs(fallback_text(html))
        method = "fallback" if paragraphs else "empty"
    # the headline and standfirst are metadata, not body text
    if paragraphs and _same(paragraphs[0], title):
        paragraphs = paragraphs[1:]
    if paragraphs and _same(paragraphs[0], description):
        paragraphs = paragraphs[1:]
    date = str(meta.get("date") or "")
    if declared_date and (not date or declared_date.startswith(date)):
        date = declared_date
    return HtmlExtract(
        text="\n\n".join(paragraphs),
        title=title,
        author=str(meta.get("author") or ""),
        date=date,
        sitename=str(meta.get("sitename") or ""),
        url=str(meta.get("url") or ""),
        description=description,
        dek=description if description and len(description) >= 20 and " ".join(description.split()) in shown else "",
        language=str(meta.get("language") or ""),
        method=method,
    )
