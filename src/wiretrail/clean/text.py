"""Plain text copied from a web page -> article paragraphs plus metadata, page furniture removed.

The cleaner reasons from position and shape, not from sentence lists:

- **head** (lines before the article body): a short leading site-name line, the headline, the
  standfirst (dek), the byline, a date line and photo captions become metadata;
- **tail** (lines after the last paragraph that reads as running text): credit lines, staff notes,
  related-headline lists, comment forms, cookie notices, slogans are removed;
- **body**: lines carrying boilerplate cues (``clean.lines``), captions, runs of short
  navigation-like lines, the headlines listed under a "Related" heading, and lines known to repeat
  across the outlet's articles (``known_boilerplate``) are removed. Sub-headings stay as their own
  paragraphs; no two lines are ever merged.

Every removed line is kept with its reason (``CleanText.removed``) for audit.

>>> page = "My Site\\nRebels take the city\\nBy Jane Doe, Example News\\n" \\
...        "BEIRUT (Reuters) - Rebels took the city on Saturday, the army said.\\nLeave a Reply"
>>> c = clean_text(page)
>>> (c.site_line, c.title, c.byline, c.dateline, c.text)
('My Site', 'Rebels take the city', 'Jane Doe', 'BEIRUT (Reuters)', 'Rebels took the city on Saturday, the army said.')
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from wiretrail.clean.dates import parse_date
from wiretrail.clean.lines import (
    boilerplate_reason,
    clean_line,
    ends_sentence,
    is_caption,
    is_news_paragraph,
    is_title_shaped,
    compare_key,
    is_known,
    line_key,
    title_case_share,
    words,
)
from wiretrail.ingest.outlets import CONTRIBUTED, SIGNOFF, SOURCE_LINE, parse_byline

#: "DAMASCUS (Reuters) -", "BEIRUT, Dec 1 -", "Gaza City, Dec 1 (AFP) —": a place in capitals, or
#: any place followed by an agency in brackets, then a dash.
DATELINE = re.compile(
    r"^(?P<dateline>"
    r"(?:(?:[A-Z][A-Z'’.\-]+(?: [A-Z][A-Z'’.\-]+){0,3})(?:,\s*[A-Z][A-Za-z.\-]+(?: [A-Z][A-Za-z.\-]+){0,2})??"
    r"(?:,\s*(?:[A-Z][a-z]{2,8}\.?\s+\d{1,2}|\d{1,2}\s+[A-Z][a-z]{2,8}\.?))?(?:\s*\([A-Z][A-Za-z .&/\-]{1,30}\))?"
    r"|(?:[A-Z][\w'’.\-]*(?: [A-Z][\w'’.\-]*){0,3}(?:,\s*[A-Z][\w.\-]+(?: [A-Z][\w.\-]+){0,2})?"
    r"(?:,\s*[A-Z][a-z]{2,8}\.?\s+\d{1,2})?)?\s*\([A-Z][A-Za-z .&/\-]{1,30}\))"
    r")\s*[-–—]{1,2}\s+(?=\S)"
)
_REASONS = {"known": "repeated across the outlet's articles", "date": "date line"}
HEAD_WINDOW = 10  # lines in which a byline or date line may still belong to the head
SECTION_CUE = re.compile(
    r"^(?:related|recommended|popular|trending|latest|more|most (?:read|popular|viewed)|read (?:more|also)|also read"
    r"|you (?:may|might) (?:also )?like|more from|more on|further reading|see also)\b.{0,30}$",
    re.I,
)


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
    dateline: str = ""
    published: str = ""  # ISO date from a date line in the head
    published_precision: str = "unknown"
    site_line: str = ""  # a leading line naming the site
    captions: tuple[str, ...] = ()
    credit_lines: tuple[str, ...] = ()
    removed: tuple[Removal, ...] = field(default=())

    @property
    def text(self) -> str:
        return "\n\n".join(self.paragraphs)


@dataclass
class _Line:
    text: str
    tag: str = ""  # news / short / byline / date / caption / credit / cue:<reason> / known


def _credit_line(text: str) -> bool:
    return bool(
        (SOURCE_LINE.match(text) and len(text.split()) <= 10) or CONTRIBUTED.match(text) or SIGNOFF.match(text)
    )


def _tag(text: str, known: frozenset[str] | set[str], lenient: bool = False) -> str:
    if is_known(text, known):
        return "known"
    if text.startswith("|") and text.endswith("|"):
        return "table"
    if _credit_line(text):
        return "credit"
    reason = boilerplate_reason(text, lenient=lenient)
    if reason:
        return "cue:" + reason
    if is_caption(text):
        return "caption"
    if parse_byline(text):
        return "byline"
    if len(words(text)) <= 14 and date_line(text)[0]:
        return "date"
    return "news" if is_news_paragraph(text) else "short"


def unwrap(raw_lines: list[str]) -> list[str]:
    """Join hard-wrapped lines (text wrapped at a fixed width, as in e-mail or PDF copies).

    A text counts as wrapped when most of its lines end close to one width (at most 100
    characters); then a line that reaches that width continues into the next line. Text copied
    from web pages (one paragraph per line) is returned unchanged.

    >>> unwrap(["Rebels advanced on Hama on Monday after taking", "Aleppo, the monitor said.", "",
    ...         "The army said it had sent reinforcements to the", "city, state media reported on Monday.",
    ...         "", "Residents fled south towards Homs overnight, and", "many shops stayed closed."])[0]
    'Rebels advanced on Hama on Monday after taking Aleppo, the monitor said.'
    """
    lengths = [len(l.rstrip()) for l in raw_lines if l.strip()]
    if len(lengths) < 6:
        return raw_lines
    width = max(lengths)
    long_lines = sum(1 for n in lengths if n >= 0.6 * width)
    if width > 100 or width < 30 or long_lines < 0.5 * len(lengths):
        return raw_lines
    # and most wide lines stop mid-sentence, the next line going on in lower case
    pairs = [(a.strip(), b.strip()) for a, b in zip(raw_lines, raw_lines[1:]) if len(a.rstrip()) >= 0.6 * width]
    open_ended = sum(1 for a, _ in pairs if not ends_sentence(a))
    lower_next = sum(1 for _, b in pairs if b[:1].islower())
    if open_ended < 0.5 * len(pairs) or lower_next < 0.3 * len(pairs):
        return raw_lines
    out: list[str] = []
    joining = False
    for line in raw_lines:
        stripped = line.strip()
        if joining and stripped:
            out[-1] = out[-1].rstrip() + " " + stripped
        else:
            out.append(line)
        joining = bool(stripped) and len(line.rstrip()) >= 0.6 * width and not stripped.endswith(":")
    return out


_DATE_PARTS = re.compile(r"\s+(?=by\s)|\s+[|•·]\s+|^(?=by\s)", re.I)


def date_line(text: str) -> tuple[tuple[str, str] | None, str]:
    """``((iso, precision), author)`` for a line holding a date, alone or with a byline.

    >>> date_line("December 2, 2024 by Jane Doe")
    (('2024-12-02', 'day'), 'Jane Doe')
    >>> date_line("By Jane Doe | Dec. 2, 2024")
    (('2024-12-02', 'day'), 'Jane Doe')
    """
    when = parse_date(text)
    if when:
        return when, ""
    parts = [p.strip() for p in _DATE_PARTS.split(text) if p and p.strip()]
    if len(parts) < 2:
        return None, ""
    when, names = None, ""
    for part in parts:
        parsed = parse_date(part)
        author = part.lower().startswith("by ") and len(part.split()) <= 6
        if parsed and when is None:
            when = parsed
        elif author and not names:
            names = (parse_byline(part) or (part[3:].strip(), ""))[0]
        else:
            return None, ""
    return when, names


def split_lines(text: str) -> list[str]:
    """Non-empty lines (hard-wrapped text unwrapped), cleaned of invisible characters and extra spaces."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n").replace("\u2029", "\n")
    return [c for c in (clean_line(line) for line in unwrap(text.split("\n"))) if c]


def _same(a: str, b: str) -> bool:
    return bool(a) and bool(b) and compare_key(a) == compare_key(b)


def strip_dateline(paragraph: str) -> tuple[str, str]:
    """``(dateline, rest)`` when PARAGRAPH opens with a dateline, else ``("", paragraph)``.

    >>> strip_dateline("BEIRUT, Dec 1 - Syrian rebels advanced on Hama.")
    ('BEIRUT, Dec 1', 'Syrian rebels advanced on Hama.')
    >>> strip_dateline("Rebels advanced - fast.")
    ('', 'Rebels advanced - fast.')
    """
    m = DATELINE.match(paragraph)
    if not m:
        return "", paragraph
    dateline = m.group("dateline").strip()
    has_agency = "(" in dateline
    place = dateline.split("(")[0].split(",")[0].strip()
    if not has_agency and not (place.isupper() and len(place) >= 3):
        return "", paragraph
    rest = paragraph[m.end() :]
    if len(words(rest)) < 4:
        return "", paragraph
    return dateline, rest


def _head_end(lines: list[_Line]) -> int:
    """Index of the first body line: the first news line, pushed past a byline/date in the head."""
    first_news = next((i for i, l in enumerate(lines) if l.tag == "news"), None)
    if first_news is None:
        return 0
    end = first_news
    for i in range(first_news, min(len(lines), first_news + 3, HEAD_WINDOW)):
        if lines[i].tag in ("byline", "date"):
            end = i + 1
    while end < len(lines) and lines[end].tag in ("byline", "date", "caption"):
        end += 1
    if end > first_news and end < len(lines):
        # the body starts at the first running-text line after the byline
        nxt = next((i for i in range(end, len(lines)) if lines[i].tag == "news"), end)
        end = nxt if nxt - end <= 2 else end
    return end


def _tail_start(lines: list[_Line], start: int, known: frozenset[str] | set[str]) -> int:
    """Index after the last line that reads as article text (scanning back from the end)."""
    for i in range(len(lines) - 1, start - 1, -1):
        line = lines[i]
        if line.tag == "news" and not boilerplate_reason(line.text, lenient=True) and not is_known(line.text, known):
            return i + 1
    return start


def clean_text(
    text: str,
    known_boilerplate: frozenset[str] | set[str] = frozenset(),
    *,
    title: str = "",
    description: str = "",
    header: bool = True,
) -> CleanText:
    """Clean text copied from a web page (see the module docstring for the reasons used).

    ``title`` / ``description`` are metadata already known (from HTML): lines equal to them go
    to metadata. With ``header=False`` (text from an HTML extractor) leading short lines are
    not read as site name / headline / dek.

    >>> clean_text("Headline here\\nThe army said rebels took the town on Friday.\\nShare this").paragraphs
    ('The army said rebels took the town on Friday.',)
    """
    known = frozenset(known_boilerplate)
    lines = [_Line(t) for t in split_lines(text)]
    for line in lines:
        line.tag = _tag(line.text, known)
    removed: list[Removal] = []
    meta: dict[str, str] = {}
    captions: list[str] = []
    credits: list[str] = []

    def drop(line: _Line, reason: str) -> None:
        removed.append(Removal(line.text, reason))
        if line.tag == "caption" or reason == "caption":
            captions.append(line.text)
        if line.tag == "credit":
            credits.append(line.text)

    has_news = any(l.tag == "news" for l in lines)
    start = _head_end(lines) if has_news else 0
    end = _tail_start(lines, start, known) if has_news else len(lines)
    end = _comments_start(lines, start, end)

    # head
    rest: list[_Line] = []
    for line in lines[:start]:
        if line.tag == "byline" and "byline" not in meta:
            names, outlet = parse_byline(line.text) or ("", "")
            meta["byline"] = names
            when = parse_date(outlet) if outlet else None
            if when:
                meta["published"], meta["precision"] = when
            elif outlet:
                meta["byline_outlet"] = outlet
            drop(line, "byline")
        elif line.tag == "date" and "published" not in meta:
            when, names = date_line(line.text)
            meta["published"], meta["precision"] = when or ("", "unknown")
            if names and "byline" not in meta:
                meta["byline"] = names
            drop(line, "date line")
        elif line.tag.startswith("cue:") or line.tag in ("known", "caption", "credit", "byline", "date"):
            drop(line, line.tag.replace("cue:", "boilerplate: "))
        elif _same(line.text, title):
            drop(line, "title")
        elif _same(line.text, description):
            meta["dek"] = line.text
            drop(line, "dek")
        else:
            rest.append(line)
    body_lines: list[_Line] = []
    if header:
        i = 0
        if len(rest) >= 2 and _site_line(rest[0].text, [r.text for r in rest[1:]]):
            meta["site_line"] = rest[0].text
            drop(rest[0], "site name")
            i = 1
        if not title and i < len(rest):
            # the headline: the first line of four words or more (menus are shorter), else the first
            j = next((k for k in range(i, len(rest)) if len(words(rest[k].text)) >= 4), i)
            for line in rest[i:j]:
                drop(line, "head: navigation")
            meta["title"] = rest[j].text
            drop(rest[j], "title")
            i = j + 1
        if i < len(rest) and "dek" not in meta:
            meta["dek"] = rest[i].text
            drop(rest[i], "dek")
            i += 1
        for line in rest[i:]:
            drop(line, "head: navigation")
    else:
        body_lines.extend(rest)

    # body
    body_lines.extend(lines[start:end])
    paragraphs: list[str] = []
    in_related = False
    for i, line in enumerate(body_lines):
        if line.tag in ("known", "credit", "caption", "date") or line.tag.startswith("cue:"):
            in_related = bool(line.tag == "cue:related" and SECTION_CUE.match(line.text))
            drop(line, _REASONS.get(line.tag, line.tag.replace("cue:", "boilerplate: ")))
            continue
        if in_related and line.tag != "news":
            drop(line, "related headline")
            continue
        in_related = False
        if header and line.tag == "short" and _in_short_run(body_lines, i):
            drop(line, "navigation list")
            continue
        paragraphs.append(line.text)

    # tail: in text copied from a page, everything after the article; after an HTML extractor
    # (which already chose the main block) only what carries a cue or follows a "Related" heading
    in_related = False
    for line in lines[end:]:
        lenient = boilerplate_reason(line.text, lenient=True)
        if line.tag in ("news", "short", "table") and not lenient and not header and not in_related:
            paragraphs.append(line.text)
            continue
        if line.tag in ("news", "short", "table"):
            drop(line, "boilerplate: " + lenient if lenient else "related headline" if in_related else "after the article")
        else:
            drop(line, _REASONS.get(line.tag, line.tag.replace("cue:", "boilerplate: ")))
        in_related = in_related or bool(SECTION_CUE.match(line.text) and (lenient == "related" or line.tag == "cue:related"))

    dateline = ""
    if paragraphs:
        dateline, first = strip_dateline(paragraphs[0])
        paragraphs[0] = first
    if not has_news and header and paragraphs and not title and is_title_shaped(paragraphs[0]) and len(paragraphs) > 1:
        meta["title"] = paragraphs.pop(0)
    return CleanText(
        paragraphs=tuple(paragraphs),
        title=meta.get("title", title),
        dek=meta.get("dek", ""),
        byline=meta.get("byline", ""),
        byline_outlet=meta.get("byline_outlet", ""),
        dateline=dateline,
        published=meta.get("published", ""),
        published_precision=meta.get("precision", "unknown") if meta.get("published") else "unknown",
        site_line=meta.get("site_line", ""),
        captions=tuple(captions),
        credit_lines=tuple(credits),
        removed=tuple(removed),
    )


def _site_line(first: str, later: Sequence[str]) -> bool:
    """A leading line that names the site: a few words, no sentence, above a longer heading line."""
    n = len(words(first))
    return (
        0 < n <= 5
        and not ends_sentence(first)
        and not first.endswith(":")
        and (title_case_share(first) >= 0.5 or any(c.isupper() for c in first[1:]))
        and any(is_title_shaped(t, max_words=30) and len(words(t)) > max(n, 3) for t in later)
    )


COMMENT_HEADING = re.compile(
    r"^(?:\d+\s+(?:comments?|responses?|replies|thoughts? on\b.*)|(?:reader |user )?comments?\s*(?:\(\d+\))?"
    r"|discussion|responses?|leave a (?:reply|comment)\b.*|join the (?:conversation|discussion)\b.*"
    r"|(?:show|view|load|read) (?:all |more )?comments?.*)$",
    re.I,
)
_COMMENTER = re.compile(r"^[\w .'’\-]{1,40} (?:says|said|wrote)\s*:$", re.I)


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


def repeated_lines(texts_by_outlet: Mapping[str, Sequence[str]], min_articles: int = 3) -> dict[str, set[str]]:
    """Keys (``model.line_key``) of lines that recur in at least ``min_articles`` articles of one
    outlet: its boilerplate. Give each article's page text (before cleaning), grouped by outlet.

    A long line that reads as a news sentence is kept out unless it is in at least half of the
    outlet's articles: wires reuse background paragraphs, which are news, while appeals and
    slogans sit on every page.

    >>> texts = {"x": ["A.\\nDonate to X today", "B.\\nDonate to X today", "C.\\nDonate to X today"]}
    >>> repeated_lines(texts) == {"x": {line_key("Donate to X today")}}
    True
    """
    out: dict[str, set[str]] = {}
    for outlet, texts in texts_by_outlet.items():
        counts: dict[str, int] = {}
        sample: dict[str, str] = {}
        for text in texts:
            keys = set()
            for line in split_lines(text):
                key = line_key(line)
                if key:
                    keys.add(key)
                    sample.setdefault(key, line)
            for key in keys:
                counts[key] = counts.get(key, 0) + 1
        half = max(min_articles, (len(texts) + 1) // 2)
        found = set()
        for key, n in counts.items():
            if n < min_articles:
                continue
            if is_news_paragraph(sample[key]) and len(words(sample[key])) >= 12 and n < half:
                continue
            found.add(key)
        if found:
            out[outlet] = found
    return out
