"""The head of a page copied as text: date lines, bylines, datelines, the site-name line, and which
line is the headline and which the standfirst.

>>> date_line("Posted on October 17, 2025 by lamplight_editor")
(('2025-10-17', 'day'), 'lamplight_editor')
>>> strip_dateline("DAMASCUS (Reuters) - Rebels advanced on the city of Hama.")
('DAMASCUS', 'Reuters', 'Rebels advanced on the city of Hama.')
>>> choose_headline(["RIDGELINE NEWS", "Local news from the highlands", "Hundreds march in the capital",
...                  "Police say nine were arrested overnight"], after_nav=2)
(0, 2, 3)
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from wiretrail.clean.dates import parse_date
from wiretrail.clean.lines import ends_sentence, is_title_shaped, title_case_share, words
from wiretrail.ingest.outlets import parse_byline

#: "DAMASCUS (Reuters) -", "BEIRUT, Dec 1 -", "Gaza City, Dec 1 (AFP) —": a place in capitals, or
#: any place followed by an agency in brackets, then a dash.
DATELINE = re.compile(
    r"^(?P<place>"
    r"(?:[A-Z][A-Z'’.\-]+(?: [A-Z][A-Z'’.\-]+){0,3})(?:,\s*[A-Z][A-Za-z.\-]+(?: [A-Z][A-Za-z.\-]+){0,2})??"
    r"(?:,\s*(?:[A-Z][a-z]{2,8}\.?\s+\d{1,2}|\d{1,2}\s+[A-Z][a-z]{2,8}\.?))?(?=\s*\(|\s*[-–—])"
    r"|(?:[A-Z][\w'’.\-]*(?: [A-Z][\w'’.\-]*){0,3}(?:,\s*[A-Z][\w.\-]+(?: [A-Z][\w.\-]+){0,2})?"
    r"(?:,\s*[A-Z][a-z]{2,8}\.?\s+\d{1,2})?)?(?=\s*\()"
    r")\s*(?:\((?P<agency>[A-Z][A-Za-z .&/\-]{1,30})\))?\s*[-–—]{1,2}\s+(?=\S)"
)
_DATE_PARTS = re.compile(r"\s+(?=by\s)|\s+[|•·]\s+|^(?=by\s)", re.I)
_NAME_LINE = re.compile(r"^[A-Z][\w'’.\-]+(?: (?:[A-Z][\w'’.\-]+|al|el|bin|ibn|de|da|van|von|al-[A-Z][\w'’\-]+)){1,3}$")


def date_line(text: str) -> tuple[tuple[str, str] | None, str]:
    """``((iso, precision), author)`` for a line holding a date, alone or with a byline.

    >>> date_line("By Jane Doe | Dec. 2, 2024")
    (('2024-12-02', 'day'), 'Jane Doe')
    >>> date_line("The army said on Monday") == (None, "")
    True
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


def is_name_line(text: str) -> bool:
    """A line that is only a person's name ('Bilel Hosni'), as bylines without 'By' are written."""
    return bool(_NAME_LINE.match(text)) and not ends_sentence(text)


def strip_dateline(paragraph: str) -> tuple[str, str, str]:
    """``(place, agency, rest)`` when PARAGRAPH opens with a dateline, else ``("", "", paragraph)``.

    >>> strip_dateline("BEIRUT, Dec 1 - Syrian rebels advanced on Hama.")
    ('BEIRUT, Dec 1', '', 'Syrian rebels advanced on Hama.')
    >>> strip_dateline("Rebels advanced - fast.")
    ('', '', 'Rebels advanced - fast.')
    """
    m = DATELINE.match(paragraph)
    if not m:
        return "", "", paragraph
    place = (m.group("place") or "").strip()
    agency = (m.group("agency") or "").strip()
    city = place.split(",")[0].strip()
    if not agency and not (city.isupper() and len(city) >= 3):
        return "", "", paragraph
    rest = paragraph[m.end() :]
    if len(words(rest)) < 4:
        return "", "", paragraph
    return place, agency, rest


def is_site_line(first: str, later: Sequence[str]) -> bool:
    """A leading line that names the site: a few capitalised words, no sentence, above a longer
    heading-like line."""
    n = len(words(first))
    return (
        0 < n <= 5
        and not ends_sentence(first)
        and not first.endswith(":")
        and (title_case_share(first) >= 0.5 or any(c.isupper() for c in first[1:]))
        and any(is_title_shaped(t, max_words=30) and len(words(t)) > max(n, 3) for t in later)
    )


def choose_headline(rest: Sequence[str], after_nav: int = 0) -> tuple[int | None, int | None, int | None]:
    """Indices ``(site line, headline, dek)`` among the head lines left after furniture went.

    ``after_nav`` is the index of the first line after the last navigation line of the head: the
    headline sits below the menus, the site name and slogan above them. Without menus the headline
    is the first line of four words or more after a possible site-name line. The dek is the line
    right after the headline.
    """
    if not rest:
        return None, None, None
    site = 0 if len(rest) >= 2 and is_site_line(rest[0], rest[1:]) else None
    lo = max(after_nav, 1 if site is not None else 0)
    if lo >= len(rest):
        lo = 1 if site is not None and len(rest) > 1 else 0
    head = next((k for k in range(lo, len(rest)) if len(words(rest[k])) >= 4), lo)
    dek = head + 1 if head + 1 < len(rest) else None
    return site, head, dek
