"""Clean: a raw document (text or HTML) -> an :class:`~wiretrail.model.Article`.

Main text and page metadata come from ``clean.html`` (HTML) or ``clean.text`` (text copied from
web pages); the outlet from ``ingest.outlets``. The one entry point is :func:`clean_document`.

>>> from wiretrail.ingest.raw import RawDocument
>>> from wiretrail.ingest.outlets import OutletRegistry
>>> raw = RawDocument(origin="a.txt", format="txt",
...     text="Rebels take Aleppo\\nBy Jane Doe, Reuters\\nRebels took Aleppo on Saturday, the army said.")
>>> art = clean_document(raw, OutletRegistry())
>>> (art.outlet, art.byline, art.title, art.text)
('Reuters', 'Jane Doe', 'Rebels take Aleppo', 'Rebels took Aleppo on Saturday, the army said.')
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable
from typing import Protocol

from wiretrail.clean.dates import parse_date
from wiretrail.clean.lines import split_lines
from wiretrail.clean.repeated import repeated_lines
from wiretrail.clean.text import CleanText, Removal, clean_text
from wiretrail.ingest.outlets import OutletRegistry
from wiretrail.model import Article, InputFailure, article_id, text_fingerprint

log = logging.getLogger(__name__)

__all__ = ["clean_document", "clean_text", "repeated_lines", "paragraph_offsets", "CleanText", "Removal"]

MAX_CHARS = 500_000  # clean text beyond this is cut at a line break (a news article is ~5-50k)


class RawLike(Protocol):
    origin: str
    format: str
    text: str
    html: str
    url: str
    title: str
    published: str
    outlet: str
    author: str


def paragraph_offsets(paragraphs: Iterable[str], sep: str = "\n\n") -> tuple[tuple[int, int], ...]:
    """``(start, end)`` of each paragraph in ``sep.join(paragraphs)``.

    >>> paragraph_offsets(["ab", "cde"])
    ((0, 2), (4, 7))
    """
    out, pos = [], 0
    for p in paragraphs:
        out.append((pos, pos + len(p)))
        pos += len(p) + len(sep)
    return tuple(out)


def guess_language(text: str, declared: str = "") -> str:
    """ISO 639-1 code of the text's language (``wiretrail.language``); where the text cannot
    tell, the page's declared language, else 'und'.

    >>> guess_language("The army said that the rebels had taken the city."), guess_language("", "de-DE")
    ('en', 'de')
    """
    from wiretrail.language import detect_language

    found = detect_language(text)
    if found != "und":
        return found
    declared = (declared or "").split("-")[0].split("_")[0].lower()
    return declared if re.fullmatch(r"[a-z]{2}", declared) else "und"


_MONTH_TAIL = re.compile(
    r"(?:\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?|\s+\d[\d:,. apmAPM]*)+$", re.I
)


_NOT_NAMES = frozenset({"username", "user", "admin", "administrator", "staff", "editor", "author", "guest", "anonymous"})


def tidy_byline(text: str) -> str:
    """Author names without a leading 'By', repeated names or a trailing date.

    >>> tidy_byline("By Jane Doe; JANE DOE")
    'Jane Doe'
    >>> tidy_byline("Yasmine Kefi; Daniel Ostrowski")
    'Yasmine Kefi, Daniel Ostrowski'
    >>> tidy_byline("Joshua Sokol May")
    'Joshua Sokol'
    """
    text = re.sub(r"^\s*(?:by|written by|par|von|por)\s+", "", " ".join((text or "").split()), flags=re.I)
    names: list[str] = []
    for part in re.split(r"\s*;\s*", text):
        part = _MONTH_TAIL.sub("", part).strip(" ,;|-–—")
        if part.lower() in _NOT_NAMES:
            continue
        if part and part.lower() not in (n.lower() for n in names):
            names.append(part)
    return ", ".join(names)


def tidy_title(title: str, outlet: str = "", domain: str = "") -> str:
    """A page title without a trailing ' | Site' or ' - Site' naming the publisher.

    >>> tidy_title("Rebels take Aleppo | Example News", "Example News")
    'Rebels take Aleppo'
    """
    title = " ".join((title or "").split())
    m = re.match(r"^(?P<head>.{12,}?)\s+[|\-–—:·•]\s+(?P<tail>[^|\-–—:·•]{2,40})$", title)
    if not m:
        return title
    tail = re.sub(r"\W+", "", m.group("tail").lower())
    names = [re.sub(r"\W+", "", n.lower()) for n in (outlet, domain, domain.split(".")[0] if domain else "") if n]
    if any(n and (n in tail or tail in n) for n in names):
        return m.group("head")
    return title


def _published(*candidates: str) -> tuple[str, str]:
    for value in candidates:
        value = (value or "").strip()
        if not value:
            continue
        parsed = parse_date(value)
        if parsed:
            return parsed
        log.debug("unreadable publication date %r", value)
    return "", "unknown"


_SURROGATE = re.compile(r"[\ud800-\udfff]")


def _valid(text: str) -> str:
    """TEXT with lone surrogates (from JSON '\\ud800' escapes) made U+FFFD, so it can be encoded."""
    return _SURROGATE.sub("\ufffd", text) if isinstance(text, str) else ""


def _field(raw: RawLike, name: str) -> str:
    return _valid(getattr(raw, name, "") or "")


def _cut(text: str, limit: int) -> str:
    if len(text) <= limit:
        return text
    cut = text.rfind("\n", 0, limit)
    return text[: cut if cut > limit // 2 else limit]


def clean_document(
    raw: RawLike,
    registry: OutletRegistry | None = None,
    known_boilerplate: frozenset[str] | set[str] = frozenset(),
    max_chars: int = MAX_CHARS,
    keep_dateline: bool = True,
) -> Article | InputFailure:
    """Build the :class:`Article` for one raw document, or an :class:`InputFailure` saying why not.

    - ``known_boilerplate``: keys (``model.line_key``) of lines repeated across the outlet's
      articles (see :func:`repeated_lines`); they are removed.
    - ``Article.removed`` lists the dropped lines as they were (``clean_text(...).removed`` also
      gives the reason of each).
    - Text longer than ``max_chars`` is cut at a line break (logged).
    - The dateline stays in the text (and is read into ``dateline``) unless ``keep_dateline`` is
      false.
    - ``outlet`` is the publisher (URL, input record, page site name, leading site-name line,
      byline, staff line, ...; "" when it cannot be told, and ``outlet_evidence`` says so); the
      sources the text credits go to ``credits`` ("Source: X", "(Reuters) -", "X contributed ...").
    """
    registry = registry if registry is not None else OutletRegistry()
    origin = _field(raw, "origin")
    html = _field(raw, "html")
    url = _field(raw, "url")
    page_meta: dict[str, str] = {}
    if html:
        from wiretrail.clean.html import extract_html

        page = extract_html(_cut(html, max_chars * 20), url=url)
        if not page.text.strip():
            return InputFailure(origin, "no article text found in the HTML page")
        source_lines = split_lines(page.text)
        cleaned = clean_text(
            page.text, known_boilerplate, title=page.title or _field(raw, "title"), description=page.description, header=False,
            keep_dateline=keep_dateline,
        )
        page_meta = {"title": page.title, "author": page.author, "date": page.date, "sitename": page.sitename,
                     "url": page.url, "language": page.language}  # fmt: skip
        dek = cleaned.dek or page.dek  # the meta description is a dek only where the page shows it
    else:
        text = _field(raw, "text")
        if not text.strip():
            return InputFailure(origin, "empty document: no text")
        if len(text) > max_chars:
            log.warning("%s: text of %d characters cut to %d", origin, len(text), max_chars)
            text = _cut(text, max_chars)
        source_lines = split_lines(text)
        cleaned = clean_text(text, known_boilerplate, title=_field(raw, "title"), keep_dateline=keep_dateline)
        dek = cleaned.dek
    paragraphs = [p for p in cleaned.paragraphs if p.strip()]
    if not paragraphs:
        return InputFailure(origin, "no article text left after removing page boilerplate")
    clean = "\n\n".join(paragraphs)
    if len(clean) > max_chars:
        log.warning("%s: clean text of %d characters cut to %d", origin, len(clean), max_chars)
        clean = _cut(clean, max_chars).rstrip()
        paragraphs = clean.split("\n\n")

    url = url or page_meta.get("url", "")
    guess = registry.identify(
        url,
        source_lines,
        {"outlet": _field(raw, "outlet"), "sitename": page_meta.get("sitename", ""),
         "site_line": cleaned.site_line},  # fmt: skip
    )
    # the input's author, else the page's declared author (HTML), else a byline line of the text
    byline = tidy_byline(_field(raw, "author") or page_meta.get("author", "") or cleaned.byline)
    if byline and registry.by_name(byline) is not None:
        byline = ""  # "By Daily Sabah": an outlet, told by ``guess``, not a person
    published, precision = _published(_field(raw, "published"), page_meta.get("date", ""), cleaned.published)
    evidence = guess.evidence
    if not guess.name:
        evidence = "unknown publisher" + (f"; text credited to {', '.join(guess.credits)}" if guess.credits else "")
    return Article(
        id=article_id(clean, url),
        url=url,
        outlet=guess.name,
        title=tidy_title(_field(raw, "title") or cleaned.title or page_meta.get("title", ""),
                         guess.name or page_meta.get("sitename", ""), guess.domain),  # fmt: skip
        text=clean,
        byline=byline,
        dek=dek,
        published=published,
        published_precision=precision,
        language=guess_language(clean, page_meta.get("language", "")),
        paragraphs=paragraph_offsets(paragraphs),
        credits=guess.credits,
        dateline=cleaned.dateline,
        input_format=_field(raw, "format") or ("html" if html else "txt"),
        input_path=origin,
        fingerprint=text_fingerprint(clean),
        outlet_domain=guess.domain,
        outlet_evidence=evidence,
        removed=tuple(r.line for r in cleaned.removed),
    )
