"""JSON records to documents: the field names news dumps use, and their dates as ISO-8601.

A record is an object with some of: ``url``, ``title``, ``text`` or ``html``/``content``,
``published``/``date``, ``outlet``/``source``, ``author``, under the names below. Containers such
as ``{"articles": [...]}`` (NewsAPI) or a JSON Feed ``{"items": [...]}`` are opened.

>>> doc = record_document({"url": "https://ex.org/a", "text": "Body.", "date": "2026-11-23",
...                        "source": {"name": "Reuters"}}, "a.json", "json")
>>> doc.outlet, doc.published
('Reuters', '2026-11-23')
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Iterator
from datetime import UTC, date, datetime
from email.utils import parsedate_to_datetime
from typing import Any

from wiretrail.ingest.raw import RawDocument

logger = logging.getLogger(__name__)

URL_KEYS = ("url", "link", "uri", "href", "canonical_url", "canonical", "article_url", "permalink",
            "source_url", "web_url", "weburl")
TITLE_KEYS = ("title", "headline", "heading", "webtitle")
TEXT_KEYS = ("text", "body", "maintext", "content_text", "article", "article_text", "full_text",
             "fulltext", "plain_text", "bodytext", "body_text")
HTML_KEYS = ("html", "content_html", "raw_html", "body_html", "html_content")
CONTENT_KEYS = ("content",)  # HTML or text: told by looking
DATE_KEYS = ("published", "date", "date_publish", "date_published", "published_at", "publishedat",
             "pubdate", "pub_date", "publish_date", "publication_date", "datetime", "datepublished",
             "published_date", "webpublicationdate", "created_at", "timestamp", "time")
OUTLET_KEYS = ("outlet", "source", "source_name", "site_name", "sitename", "publisher", "outlet_name",
               "source_domain", "newspaper", "media")
AUTHOR_KEYS = ("author", "authors", "byline", "creator", "by")
CONTAINER_KEYS = ("articles", "items", "data", "results", "documents", "docs", "entries", "posts",
                  "stories", "records", "hits", "response")

_HTML_RE = re.compile(r"<(p|div|br|span|a|article|body|html|h[1-6]|ul|li|blockquote|figure)\b", re.I)
_TEASER_RE = re.compile(r"\[\+\d+ chars\]\s*$")  # NewsAPI and similar APIs mark cut-off content so
_DOC_KEYS = frozenset(URL_KEYS + TEXT_KEYS + HTML_KEYS + CONTENT_KEYS)


def _lookup(obj: dict[str, Any], keys: tuple[str, ...]) -> Any:
    lowered = {str(k).lower(): v for k, v in obj.items()}
    for key in keys:
        value = lowered.get(key)
        if value not in (None, "", [], {}):
            return value
    return None


def _as_text(value: Any, *, names: tuple[str, ...] = ("name", "title", "id", "domain")) -> str:
    """A field value as text: strings as they are, ``{"name": ...}`` by name, lists joined."""
    if value is None or isinstance(value, bool):
        return ""
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, (int, float)):
        return str(value)
    if isinstance(value, dict):
        for name in names:
            if value.get(name):
                return _as_text(value[name], names=names)
        return ""
    if isinstance(value, (list, tuple)):
        parts = [_as_text(v, names=names) for v in value[:50]]
        return ", ".join(p for p in parts if p)
    return ""


def iso_date(value: Any) -> str:
    """A date as found in JSON (ISO, RFC 2822, epoch seconds or ms, "23 November 2026") as ISO-8601.

    ``""`` when it cannot be read.

    >>> iso_date("2026-11-23T10:00:00Z"), iso_date(1795428000), iso_date("Mon, 23 Nov 2026 10:00:00 GMT")
    ('2026-11-23T10:00:00+00:00', '2026-11-23T10:00:00+00:00', '2026-11-23T10:00:00+00:00')
    >>> iso_date("not a date")
    ''
    """
    if value is None or isinstance(value, bool):
        return ""
    if isinstance(value, dict):
        value = _lookup(value, ("$date", "date", "value", "iso"))
        return iso_date(value) if value is not None else ""
    if isinstance(value, (int, float)):
        return _epoch(float(value))
    if not isinstance(value, str):
        return ""
    text = value.strip()
    if not text or len(text) > 80:
        return ""
    if re.fullmatch(r"\d{9,14}(\.\d+)?", text):
        return _epoch(float(text))
    return _iso_format(text) or _http_format(text) or _dateparser(text)


def _iso_format(text: str) -> str:
    candidate = text[:-1] + "+00:00" if text.endswith(("Z", "z")) else text
    try:
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", candidate):
            return date.fromisoformat(candidate).isoformat()
        return datetime.fromisoformat(candidate).isoformat()
    except ValueError:
        return ""  # not ISO-8601: the next reader tries


def _http_format(text: str) -> str:
    try:
        return parsedate_to_datetime(text).isoformat()
    except (TypeError, ValueError, IndexError, OverflowError):
        return ""  # not RFC 2822: the next reader tries


def _epoch(seconds: float) -> str:
    if 1e11 <= seconds < 1e14:  # milliseconds
        seconds /= 1000
    if not 1e8 <= seconds < 1e11:
        return ""
    try:
        return datetime.fromtimestamp(seconds, tz=UTC).isoformat()
    except (OverflowError, OSError, ValueError):
        return ""


def _dateparser(text: str) -> str:
    if not re.search(r"\d", text):
        return ""
    try:
        import dateparser  # lazy: slow to import, and only odd date strings need it
    except ImportError:  # pragma: no cover - a pinned dependency
        return ""
    try:
        parsed = dateparser.parse(text, settings={"PREFER_DAY_OF_MONTH": "first", "STRICT_PARSING": True})
    except Exception as error:  # dateparser raises a variety of errors on odd strings
        logger.debug("dateparser could not read %r: %s", text, error)
        return ""
    return parsed.isoformat() if parsed else ""


def records_in(value: Any) -> tuple[list[Any], str]:
    """The records a parsed JSON value holds, and an outlet name the container gives them.

    >>> records_in({"status": "ok", "articles": [{"url": "u"}]})
    ([{'url': 'u'}], '')
    >>> records_in({"version": "https://jsonfeed.org/version/1.1", "title": "Wire", "items": []})
    ([], 'Wire')
    """
    if isinstance(value, list):
        return value, ""
    if not isinstance(value, dict):
        return [value], ""
    lowered = {str(k).lower(): v for k, v in value.items()}
    if _DOC_KEYS & lowered.keys() and not str(lowered.get("version", "")).startswith("https://jsonfeed.org"):
        return [value], ""
    outlet = _as_text(lowered.get("title")) if str(lowered.get("version", "")).startswith("https://jsonfeed") else ""
    for key in CONTAINER_KEYS:
        inner = lowered.get(key)
        if isinstance(inner, list):
            return inner, outlet
        if isinstance(inner, dict):
            records, inner_outlet = records_in(inner)
            if records != [inner]:
                return records, outlet or inner_outlet
    return [value], ""


def record_document(obj: Any, origin: str, fmt: str, *, outlet: str = "") -> RawDocument | str:
    """One JSON record as a document, or the reason it is not one (a string).

    A record with a URL but no text or HTML comes back with an empty body: the caller fetches it.
    """
    if not isinstance(obj, dict):
        return f"not a JSON object but {type(obj).__name__}"
    html_value = _lookup(obj, HTML_KEYS)
    text_value = _lookup(obj, TEXT_KEYS)
    content = _lookup(obj, CONTENT_KEYS)
    html = html_value if isinstance(html_value, str) else _as_text(html_value, names=("html", "value", "content"))
    text = text_value if isinstance(text_value, str) else _as_text(text_value, names=("text", "value", "content"))
    if isinstance(text_value, list):
        text = "\n\n".join(_as_text(v, names=("text", "value")) for v in text_value[:10000])
    if content is not None and not (html or text):
        body = content if isinstance(content, str) else _as_text(content, names=("html", "text", "value", "rendered"))
        html, text = (body, "") if _HTML_RE.search(body[:100000]) else ("", body)
    url = _as_text(_lookup(obj, URL_KEYS), names=("href", "url"))
    if not url.lower().startswith(("http://", "https://")):
        url = ""
    warnings: list[str] = []
    if url and _TEASER_RE.search((html or text)[-200:]):
        html = text = ""  # an API's cut-off excerpt ("... [+3120 chars]"): fetch the page instead
        warnings.append("record held only an excerpt; page fetched")
    if not (html.strip() or text.strip() or url):
        keys = ", ".join(sorted(str(k) for k in obj)[:8]) or "none"
        return f"record has no text, html or url field (keys: {keys})"
    raw_date = _lookup(obj, DATE_KEYS)
    published = iso_date(raw_date)
    if raw_date is not None and not published:
        warnings.append(f"date not understood: {str(raw_date)[:60]!r}")
    return RawDocument(
        origin=origin, format=fmt, text=text, html=html, url=url,
        title=_as_text(_lookup(obj, TITLE_KEYS), names=("rendered", "text", "value")),
        published=published,
        outlet=_as_text(_lookup(obj, OUTLET_KEYS)) or outlet,
        author=_as_text(_lookup(obj, AUTHOR_KEYS)),
        warnings=tuple(warnings),
    )


def complete(doc: RawDocument, fetch_page: Callable[[str, str], RawDocument | Any]) -> Iterator[Any]:
    """Yield ``doc`` itself if it has a body, else its fetched page carrying the record's metadata."""
    if doc.body and not doc.body.isspace():
        yield doc
        return
    page = fetch_page(doc.url, doc.origin)
    if not isinstance(page, RawDocument):
        yield page
        return
    yield RawDocument(
        origin=doc.origin, format=doc.format, html=page.html, text=page.text, url=page.url or doc.url,
        title=doc.title or page.title, published=doc.published or page.published,
        outlet=doc.outlet, author=doc.author, warnings=doc.warnings + page.warnings,
    )
