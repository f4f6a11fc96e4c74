"""Plain text copied from a web page -> article paragraphs plus metadata, page furniture removed.

The cleaner reasons from position and shape, not from sentence lists:

- **head** (lines before the article body): the site-name line, slogans and menus above the
  headline, the headline, the standfirst (dek), the byline, a date line and photo captions become
  metadata or go (``clean.head``);
- **tail** (lines after the last paragraph that reads as running text, or from a reader-comment
  heading on): credit lines, staff notes, related-headline lists, comment forms, cookie notices,
  slogans are removed;
- **body**: lines carrying boilerplate cues (``clean.lines``), captions, runs of short menu-like
  lines, the headlines listed under a "Related" heading, short lines the page repeats, and lines
  known to repeat across the outlet's articles (``known_boilerplate``) are removed. Sub-headings
  and sign-offs ("X contributed to this report") stay as their own paragraphs; no two lines are
  ever merged.

Every removed line is kept with its reason (``CleanText.removed``) for audit.

>>> page = "My Site\\nRebels take the city\\nBy Jane Doe, Example News\\n" \\
...        "BEIRUT (Reuters) - Rebels took the city on Saturday, the army said.\\nLeave a Reply"
>>> c = clean_text(page)
>>> (c.site_line, c.title, c.byline, c.dateline, c.agency)
('My Site', 'Rebels take the city', 'Jane Doe', 'BEIRUT', 'Reuters')
>>> c.text
'BEIRUT (Reuters) - Rebels took the city on Saturday, the army said.'
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

from wiretrail.clean.dates import parse_date
from wiretrail.clean.head import choose_headline, date_line, is_name_line, is_site_line, strip_dateline
from wiretrail.clean.lines import (
    boilerplate_reason,
    compare_key,
    is_caption,
    is_known,
    is_news_paragraph,
    is_title_shaped,
    split_lines,
    title_case_share,
    words,
)
from wiretrail.ingest.outlets import CONTRIBUTED, SIGNOFF, SOURCE_LINE, parse_byline

HEAD_WINDOW = 10  # lines in which a byline or date line may still belong to the head
BODY_START_WORDS = 8  # a slogan ("Keep the light on.") is a sentence too: the body opens with a longer one
SECTION_CUE = re.compile(
    r"^(?:related|recommended|popular|trending|latest|more|most (?:read|popular|viewed)|read (?:more|also)|also read"
    r"|you (?:may|might) (?:also )?like|more from|more on|further reading|see also)\b.{0,30}$",
    re.I,
)
COMMENT_HEADING = re.compile(
    r"^(?:\d+\s+(?:comments?|responses?|replies|thoughts? on\b.*)|(?:reader |user )?comments?\s*(?:\(\d+\))?"
    r"|discussion|responses?|leave a (?:reply|comment)\b.*|join the (?:conversation|discussion)\b.*"
    r"|(?:show|view|load|read) (?:all |more )?comments?.*)$",
    re.I,
)
_COMMENTER = re.compile(r"^[\w .'’\-]{1,40} (?:says|said|wrote)\s*:$", re.I)
_REASONS = {
    "known": "repeated across the outlet's articles", "date": "date line", "credit": "credit line",
    "caption": "caption", "twice": "repeated on the page",
}  # fmt: skip
_FURNITURE = ("known", "credit", "caption", "date", "twice")


@dataclass(frozen=True)
class Removal:
    """A line the cleaner dropped, and why."""

    line: str
    reason: str


@dataclass(frozen=True)
class CleanText:
    """Paragraphs of the article and what was taken out of them."""

    paragraphs: tuple[str, ...]
    title: str = ""
    dek: str = ""
    byline: str = ""  # author names
    byline_outlet: str = ""  # the outlet a byline names ("By X, Outlet")
    dateline: str = ""  # place (and date) of the dateline, "BEIRUT, Dec 1"
    agency: str = ""  # the agency a dateline names: "BEIRUT (Reuters) -" -> "Reuters"
    published: str = ""  # ISO date from a date line in the head
    published_precision: str = "unknown"
    site_line: str = ""  # a leading line naming the site
    captions: tuple[str, ...] = ()
    credit_lines: tuple[str, ...] = ()  # "Source: X", sign-offs, "X contributed to this report"
    removed: tuple[Removal, ...] = field(default=())

    @property
    def text(self) -> str:
        return "\n\n".join(self.paragraphs)


@dataclass
class _Line:
    text: str
    tag: str = ""  # news / short / table / signoff / byline / date / caption / credit / twice / known / cue:<why>


def _tag(text: str, known: frozenset[str] | set[str]) -> str:
    if is_known(text, known):
        return "known"
    if text.startswith("|") and text.endswith("|"):
        return "table"
    if SOURCE_LINE.match(text) and len(text.split()) <= 10:
        return "credit"
    if CONTRIBUTED.match(text) or SIGNOFF.match(text):
        return "signoff"  # part of the article as published; also a credit
    reason = boilerplate_reason(text)
    if reason:
        return "cue:" + reason
    if is_caption(text):
        return "caption"
    if parse_byline(text):
        return "byline"
    if len(words(text)) <= 14 and date_line(text)[0]:
        return "date"
    return "news" if is_news_paragraph(text) else "short"


def _tag_lines(lines: list[_Line], known: frozenset[str] | set[str], page: bool) -> None:
    counts = Counter(compare_key(l.text) for l in lines) if page else Counter()
    for line in lines:
        line.tag = _tag(line.text, known)
        n = len(words(line.text))
        if counts[compare_key(line.text)] > 1 and ((line.tag == "short" and n <= 6) or (line.tag == "news" and n <= 5)):
            line.tag = "twice"  # a short line a copied page shows twice (site name, slogan, "Reply")


def _same(a: str, b: str) -> bool:
    return bool(a) and bool(b) and compare_key(a) == compare_key(b)


def _opens_body(line: _Line) -> bool:
    return line.tag in ("news", "signoff") and len(words(line.text)) >= BODY_START_WORDS


def _head_end(lines: list[_Line]) -> int:
    """Index of the first body line: the first substantial running-text line, pushed past a
    byline or date line that follows it closely (then it was the dek)."""
    first = next((i for i, l in enumerate(lines) if _opens_body(l)), None)
    if first is None:
        first = next((i for i, l in enumerate(lines) if l.tag == "news"), None)
    if first is None:
        return 0
    end = first
    for i in range(first, min(len(lines), first + 3, HEAD_WINDOW)):
        if lines[i].tag in ("byline", "date"):
            end = i + 1
    while end < len(lines) and lines[end].tag in ("byline", "date", "caption"):
        end += 1
    if end > first and end < len(lines):
        nxt = next((i for i in range(end, len(lines)) if lines[i].tag == "news"), end)
        end = nxt if nxt - end <= 2 else end
    return end


def _tail_start(lines: list[_Line], start: int, known: frozenset[str] | set[str]) -> int:
    """Index after the last line that reads as article text (scanning back from the end)."""
    for i in range(len(lines) - 1, start - 1, -1):
        line = lines[i]
        if line.tag == "signoff":
            return i + 1
        if line.tag == "news" and not boilerplate_reason(line.text, lenient=True) and not is_known(line.text, known):
            return i + 1
    return start


def _comments_start(lines: Sequence[_Line], start: int, end: int) -> int:
    """Where a reader-comment section opens after the article (its heading, or a commenter's
    'Name says:' followed by a time stamp), when running text came before it; else ``end``."""
    seen_news = 0
    for k in range(start, end):
        text = lines[k].text
        if seen_news >= 2 and (
            COMMENT_HEADING.match(text)
            or (_COMMENTER.match(text) and k + 1 < len(lines) and lines[k + 1].tag == "date")
        ):
            return k
        seen_news += lines[k].tag == "news"
    return end


def _in_short_run(lines: Sequence[_Line], i: int, run: int = 3, max_words: int = 8) -> bool:
    """True when line I is part of ``run`` or more consecutive short heading-like lines (a menu)."""

    def short(j: int) -> bool:
        if not 0 <= j < len(lines) or lines[j].tag != "short":
            return False
        text = lines[j].text
        return (
            len(words(text)) <= max_words
            and title_case_share(text) >= 0.6
            and not re.match(r"^(?:[-*•·–]|\d+[.)]|\(?[a-z]\))\s", text)
        )

    lo = i
    while short(lo - 1):
        lo -= 1
    hi = i
    while short(hi + 1):
        hi += 1
    return hi - lo + 1 >= run


class _Cleaner:
    """One page's lines and what the passes decide about them (private working state)."""

    def __init__(self, text: str, known: frozenset[str], title: str, description: str, header: bool) -> None:
        self.lines = [_Line(t) for t in split_lines(text)]
        _tag_lines(self.lines, known, page=header)
        self.known, self.title, self.description, self.header = known, title, description, header
        self.removed: list[Removal] = []
        self.meta: dict[str, str] = {}
        self.captions: list[str] = []
        self.credits: list[str] = []
        self.paragraphs: list[str] = []

    def drop(self, line: _Line, reason: str = "") -> None:
        reason = reason or _REASONS.get(line.tag, line.tag.replace("cue:", "boilerplate: "))
        self.removed.append(Removal(line.text, reason))
        if line.tag == "caption":
            self.captions.append(line.text)
        if line.tag == "credit":
            self.credits.append(line.text)

    def keep(self, line: _Line) -> None:
        self.paragraphs.append(line.text)
        if line.tag == "signoff":
            self.credits.append(line.text)

    def head(self, lines: list[_Line]) -> list[_Line]:
        """Read the head; return the lines that belong to the body after all (HTML mode)."""
        meta = self.meta
        rest: list[_Line] = []
        after_nav = 0
        for line in lines:
            if line.tag == "byline" and "byline" not in meta:
                names, outlet = parse_byline(line.text) or ("", "")
                meta["byline"] = names
                when = parse_date(outlet) if outlet else None
                if when:
                    meta["published"], meta["precision"] = when
                elif outlet:
                    meta["byline_outlet"] = outlet
                self.drop(line, "byline")
            elif line.tag == "date" and "published" not in meta:
                when, names = date_line(line.text)
                meta["published"], meta["precision"] = when or ("", "unknown")
                if names and "byline" not in meta:
                    meta["byline"] = names
                self.drop(line, "date line")
            elif line.tag.startswith("cue:") or line.tag in (*_FURNITURE, "byline", "signoff"):
                if line.tag in ("cue:navigation", "cue:share", "cue:related"):
                    after_nav = len(rest)
                self.drop(line)
            elif _same(line.text, self.title):
                self.drop(line, "title")
            elif _same(line.text, self.description):
                meta["dek"] = line.text
                self.drop(line, "dek")
            else:
                rest.append(line)
        if not self.header:  # after an HTML extractor: only a section label above the text goes
            labels = [l for l in rest if len(words(l.text)) <= 2 and is_title_shaped(l.text)]
            for line in labels:
                self.drop(line, "head: label")
            return [l for l in rest if l not in labels]
        if self.title:  # the headline is known already: what follows the site name may be the dek
            site = 0 if len(rest) >= 2 and is_site_line(rest[0].text, [l.text for l in rest[1:]]) else None
            head = None
            dek = (1 if site is not None else 0) if "dek" not in meta else None
        else:
            site, head, dek = choose_headline([l.text for l in rest], after_nav)
        for k, line in enumerate(rest):
            if k == site:
                meta["site_line"] = line.text
                self.drop(line, "site name")
            elif k == head:
                meta["title"] = line.text
                self.drop(line, "title")
            elif k == dek and is_name_line(line.text) and "byline" not in meta:
                meta["byline"] = line.text
                self.drop(line, "byline")
            elif k == dek:
                meta["dek"] = line.text
                self.drop(line, "dek")
            elif is_name_line(line.text) and "byline" not in meta and head is not None and k > head:
                meta["byline"] = line.text
                self.drop(line, "byline")
            else:
                self.drop(line, "head: navigation")
        return []

    def body(self, lines: list[_Line]) -> None:
        in_related = in_share = False
        for i, line in enumerate(lines):
            if line.tag in _FURNITURE or line.tag.startswith("cue:"):
                in_related = bool(line.tag == "cue:related" and SECTION_CUE.match(line.text))
                in_share = line.tag == "cue:share" or (in_share and line.tag.startswith("cue:"))
                self.drop(line)
            elif in_related and line.tag not in ("news", "signoff"):
                self.drop(line, "related headline")
            elif in_share and line.tag == "short" and len(words(line.text)) <= 2:
                self.drop(line, "share button")
            elif self.header and line.tag == "short" and _in_short_run(lines, i):
                in_related = in_share = False
                self.drop(line, "navigation list")
            else:
                in_related = in_share = False
                self.keep(line)

    def tail(self, lines: list[_Line]) -> None:
        """Text copied from a page: everything after the article goes. After an HTML extractor
        (which already chose the main block): only what carries a cue or follows a "Related"."""
        in_related = False
        for line in lines:
            lenient = boilerplate_reason(line.text, lenient=True)
            plain = line.tag in ("news", "short", "table", "signoff")
            if plain and not lenient and not self.header and not in_related:
                self.keep(line)
                continue
            if plain:
                self.drop(line, "boilerplate: " + lenient if lenient else "related headline" if in_related else "after the article")
            else:
                self.drop(line)
            in_related = in_related or bool(SECTION_CUE.match(line.text) and (lenient == "related" or line.tag == "cue:related"))


def clean_text(
    text: str,
    known_boilerplate: frozenset[str] | set[str] = frozenset(),
    *,
    title: str = "",
    description: str = "",
    header: bool = True,
    keep_dateline: bool = True,
) -> CleanText:
    """Clean text copied from a web page (see the module docstring for the reasons used).

    ``title`` / ``description`` are metadata already known (from HTML or the input record): lines
    equal to them go to metadata. With ``header=False`` (text from an HTML extractor) leading
    lines are not read as site name / headline / dek, and the tail is trimmed only by cues. The
    dateline ("BEIRUT, Dec 1 (Reuters) -") is read into ``dateline`` and ``agency``; it stays at the
    head of the first paragraph unless ``keep_dateline`` is false (copy detection and readers
    expect the wire's opening as published).

    >>> clean_text("Headline here\\nThe army said rebels took the town on Friday, officials said.\\nShare this").paragraphs
    ('The army said rebels took the town on Friday, officials said.',)
    """
    c = _Cleaner(text, frozenset(known_boilerplate), title, description, header)
    lines = c.lines
    has_news = any(l.tag in ("news", "signoff") for l in lines)
    start = _head_end(lines) if has_news else 0
    end = _tail_start(lines, start, c.known) if has_news else len(lines)
    end = _comments_start(lines, start, end)
    c.body(c.head(lines[:start]) + lines[start:end])
    c.tail(lines[end:])

    meta, paragraphs = c.meta, c.paragraphs
    place = agency = ""
    if paragraphs:
        place, agency, rest = strip_dateline(paragraphs[0])
        if not keep_dateline:
            paragraphs[0] = rest
    if not has_news and header and not title and len(paragraphs) > 1 and is_title_shaped(paragraphs[0]):
        meta["title"] = paragraphs.pop(0)
    return CleanText(
        paragraphs=tuple(paragraphs),
        title=meta.get("title", title),
        dek=meta.get("dek", ""),
        byline=meta.get("byline", ""),
        byline_outlet=meta.get("byline_outlet", ""),
        dateline=place,
        agency=agency,
        published=meta.get("published", ""),
        published_precision=meta.get("precision", "unknown") if meta.get("published") else "unknown",
        site_line=meta.get("site_line", ""),
        captions=tuple(c.captions),
        credit_lines=tuple(c.credits),
        removed=tuple(c.removed),
    )
