"""RSS/Atom feeds (feedparser) and OPML lists of feeds.

A feed item that carries its full text becomes a document at once; an item with only a teaser is
followed to its link and the page fetched. feedparser only ever sees bytes here (given a string it
would open files or URLs itself), and its HTML sanitiser stays on.

>>> data = b'''<rss version="2.0"><channel><title>Wire</title><item><title>A</title>
... <link>https://example.org/a</link><description>A teaser.</description></item></channel></rss>'''
>>> looks_like_feed(data)
True
>>> [item.link for item in feed_items(data, "feed.xml")]
['https://example.org/a']
"""

from __future__ import annotations

import logging
import re
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from html import unescape
from time import struct_time

from wiretrail.ingest.fetch import is_http_url
from wiretrail.ingest.raw import RawDocument
from wiretrail.model import InputFailure

logger = logging.getLogger(__name__)

FULL_CONTENT_CHARS = 600  # an item whose content has less text than this is a teaser: fetch the page

_ROOT_RE = re.compile(
    rb"(?:\xef\xbb\xbf)?(?:\s|<\?[^>]{0,500}\?>|<!--.{0,2000}?-->|<!DOCTYPE[^\[>]{0,500}\[.{0,20000}?\]\s*>"
    rb"|<![A-Za-z][^>]{0,2000}>)*<([A-Za-z][\w:.-]{0,40})",
    re.DOTALL,
)
_TAG_RE = re.compile(r"<[^>]{0,2000}>")
_HTMLISH_RE = re.compile(r"<(p|div|br|span|a|img|h[1-6]|ul|ol|li|blockquote|figure|strong|em|b|i)\b", re.I)


@dataclass(frozen=True)
class FeedItem:
    """One feed entry, its metadata and the content it carries (``""`` when it carries none)."""

    origin: str
    link: str
    title: str = ""
    published: str = ""
    author: str = ""
    outlet: str = ""
    html: str = ""
    text: str = ""
    full: bool = False  # the content looks like the whole article, not a teaser


def _head_text(data: bytes) -> bytes:
    head = data[:32768]
    if head[:2] in (b"\xff\xfe", b"\xfe\xff") or head[1:2] == b"\x00" or head[:1] == b"\x00":
        for codec in ("utf-16", "utf-16-le", "utf-16-be"):
            try:
                return head[: len(head) - len(head) % 2].decode(codec).encode("utf-8", "replace")
            except UnicodeDecodeError:
                continue
    return head


def root_tag(data: bytes) -> str:
    """The name of the first element of an XML/HTML document (``""`` if none in the first 4 KB).

    >>> root_tag(b'<?xml version="1.0"?><!-- hi --><rss version="2.0">')
    'rss'
    """
    head = _head_text(data)
    match = _ROOT_RE.match(head)
    return match.group(1).decode("ascii", "replace").lower() if match else ""


def looks_like_feed(data: bytes) -> bool:
    """True when the first element is an RSS, RDF or Atom root.

    >>> looks_like_feed(b'<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom">')
    True
    >>> looks_like_feed(b"<html><body>feed me</body></html>")
    False
    """
    return root_tag(data) in ("rss", "feed", "rdf:rdf", "rdf")


def looks_like_opml(data: bytes) -> bool:
    """True when the first element is an OPML root.

    >>> looks_like_opml(b'<?xml version="1.0"?><opml version="2.0"><body/></opml>')
    True
    """
    return root_tag(data) == "opml"


def _iso(parsed: struct_time | None) -> str:
    if not parsed:
        return ""
    try:
        return datetime(*parsed[:6], tzinfo=UTC).isoformat()
    except (TypeError, ValueError):
        return ""


def _visible_length(html: str) -> int:
    return len(" ".join(_TAG_RE.sub(" ", html).split()))


def feed_items(data: bytes, origin: str, *, url: str = "", content_type: str = "") -> Iterator[FeedItem]:
    """Parse a feed's bytes into :class:`FeedItem` records (origin ``"origin#N"``, N from 1).

    ``url`` (where the feed was fetched) resolves relative links. Raises ``ValueError`` when the
    bytes are not a feed.
    """
    import feedparser  # lazy: a heavy import that only feed inputs need

    headers = {"content-location": url} if url else {}
    if content_type:
        headers["content-type"] = content_type
    parsed = feedparser.parse(data, response_headers=headers, sanitize_html=True)
    if not parsed.get("version") and not parsed.entries:
        reason = parsed.get("bozo_exception") or "no RSS/Atom items"
        raise ValueError(f"not a readable feed ({reason})")
    if parsed.get("bozo"):
        logger.info("%s: feed is not well-formed (%s); read leniently", origin, parsed.get("bozo_exception"))
    outlet = str(parsed.feed.get("title", "") or "").strip()
    for number, entry in enumerate(parsed.entries, 1):
        contents = [c for c in entry.get("content", []) if c.get("value")]
        summary = entry.get("summary_detail") or {}
        if summary.get("value"):
            contents.append(summary)
        best = max(contents, key=lambda c: len(c.get("value", "")), default=None)
        html = text = ""
        full = False
        if best is not None:
            value = str(best.get("value", ""))
            typed_html = "html" in str(best.get("type", ""))
            if typed_html and _HTMLISH_RE.search(value):
                html = value
            else:
                text = unescape(value) if typed_html else value
            full = _visible_length(value) >= FULL_CONTENT_CHARS
        yield FeedItem(
            origin=f"{origin}#{number}",
            link=str(entry.get("link", "") or "").strip(),
            title=str(entry.get("title", "") or "").strip(),
            published=_iso(entry.get("published_parsed") or entry.get("updated_parsed")),
            author=str(entry.get("author", "") or "").strip(),
            outlet=outlet,
            html=html,
            text=text,
            full=full,
        )


def feed_documents(data: bytes, origin: str, fetch_page: Callable[[str, str], RawDocument | InputFailure],
                   *, url: str = "", content_type: str = "") -> Iterator[RawDocument | InputFailure]:
    """The documents of a feed: full items as they are, teasers replaced by their fetched page.

    ``fetch_page(link, origin)`` fetches one page and returns a document (or a failure).
    """
    try:
        items = list(feed_items(data, origin, url=url, content_type=content_type))
    except (ValueError, OverflowError, LookupError) as error:  # feedparser on hostile numeric references
        yield InputFailure(origin, f"unreadable feed: {error}")
        return
    if not items:
        yield InputFailure(origin, "feed has no items")
    for item in items:
        meta = dict(title=item.title, published=item.published, outlet=item.outlet, author=item.author)
        if item.full:
            yield RawDocument(origin=item.origin, format="rss", html=item.html, text=item.text,
                              url=item.link, **meta)
            continue
        if not is_http_url(item.link):
            why = "no full content and no http(s) link" if not item.link else f"bad link {item.link!r}"
            yield InputFailure(item.origin, f"feed item has {why}")
            continue
        page = fetch_page(item.link, item.origin)
        if isinstance(page, InputFailure):
            yield page
            continue
        yield RawDocument(
            origin=item.origin, format="rss", html=page.html, text=page.text, url=page.url or item.link,
            title=item.title or page.title, published=item.published or page.published,
            outlet=item.outlet, author=item.author, warnings=page.warnings,
        )


_XMLURL_RE = re.compile(r"""\bxmlUrl\s*=\s*(?:"([^"<>]{1,2000})"|'([^'<>]{1,2000})')""", re.IGNORECASE)


def _lenient_opml(data: bytes) -> list[str]:
    text = data.decode("utf-8", "replace")
    urls: list[str] = []
    for match in _XMLURL_RE.finditer(text):
        link = unescape(match.group(1) or match.group(2)).strip()
        if link and link not in urls:
            urls.append(link)
    return urls


def opml_feed_urls(data: bytes, origin: str) -> list[str]:
    """The feed URLs an OPML file lists (``xmlUrl`` attributes), in order, without repeats.

    Raises ``ValueError`` for XML that cannot be read or declares entities (never expanded).

    >>> opml_feed_urls(b'<opml><body><outline text="W" xmlUrl="https://ex.org/rss"/></body></opml>', "f.opml")
    ['https://ex.org/rss']
    """
    if b"<!ENTITY" in data or b"<!entity" in data:
        raise ValueError("OPML declares XML entities; refused")
    try:
        root = ET.fromstring(data)
    except LookupError as error:  # an unknown declared encoding
        raise ValueError(f"OPML declares an unknown encoding ({error})") from error
    except ET.ParseError as error:
        urls = _lenient_opml(data)  # hand-edited lists are often not well-formed XML
        if not urls:
            raise ValueError(f"not well-formed OPML, and no xmlUrl found in it ({error})") from error
        logger.info("%s: OPML is not well-formed (%s); read its xmlUrl attributes leniently", origin, error)
        return urls
    urls = []
    for outline in root.iter():
        if not isinstance(outline.tag, str) or outline.tag.rsplit("}", 1)[-1].lower() != "outline":
            continue
        attrs = {k.lower(): v for k, v in outline.attrib.items()}
        link = attrs.get("xmlurl") or (attrs.get("url") if attrs.get("type", "").lower() in ("rss", "atom") else "")
        link = (link or "").strip()
        if link and link not in urls:
            urls.append(link)
    if not urls:
        raise ValueError("OPML lists no feeds (no outline with xmlUrl)")
    return urls
