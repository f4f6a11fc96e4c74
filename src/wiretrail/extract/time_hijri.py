"""Islamic (Hijri) calendar dates: month names, feasts, and their Gregorian days.

The conversion is the arithmetic (tabular) Islamic calendar with the common 30-year cycle of leap
years 2, 5, 7, 10, 13, 16, 18, 21, 24, 26, 29 (the "Kuwaiti algorithm"): months alternate 30 and 29
days, Dhu al-Hijjah has 30 in a leap year, and 1 Muharram 1 AH is Friday 16 July 622 (Julian),
the civil epoch. Written here rather than taken from ``convertdate`` / ``hijridate``: it is a dozen
lines, and those packages bring either a second calendar family we do not use or the Umm al-Qura
tables, which cover only 1343-1500 AH and are themselves not what most countries observe.

The tabular calendar is a rule, not the sighting of the new moon that fixes Ramadan and the Eids
in practice, and the countries that sight differ among themselves by a day. Against the Saudi dates of
2019-2025 (Ramadan's first day, Eid al-Fitr, Eid al-Adha: 21 days) the civil epoch gives the observed
day 12 times and the day after it 9 times, never a day early (Ramadan 1446: 1 March 2025, as observed;
Eid al-Fitr 1445: 10 April 2024, as observed; Eid al-Adha 1444: tabular 29 June 2023, observed 28
June); the astronomical epoch (a day earlier) would be exact 9 times and a day early 12 times, and
the countries that sight later (Pakistan, Morocco) sit nearer the civil one. ``TimeExpression`` has
no field for an approximate value, so the value is the tabular day with no mark; ``APPROXIMATE``
documents it for callers.

Values (TIMEX3): a feast or a day of a Hijri month is its Gregorian day (``2025-03-30``, precision
``day``); a Hijri month ("during Ramadan") is the Gregorian day it begins with precision ``month``
(``2025-03-01``): a Hijri month straddles two Gregorian ones, so neither ``2025-03`` nor
``2025-04`` names it, while the first day and the precision do (the month is 29 or 30 days from it).

Anchoring follows the Gregorian months of ``time_days._month_year``, on the Hijri calendar: a past
verb looks back (still allowing the month right after the anchor's), a future verb forward, the
present takes the nearest; "last Ramadan" is the latest one begun before the anchor's month, "next
Ramadan" the first one after it. A bare "Eid" is whichever of the two Eids that rule puts nearer.

>>> hijri_to_gregorian(1446, 9, 1)
datetime.date(2025, 3, 1)
>>> gregorian_to_hijri(date(2024, 4, 10))
HijriDate(year=1445, month=10, day=1)
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, timedelta
from typing import NamedTuple

from wiretrail.extract.time_days import _month_year
from wiretrail.extract.time_lexicon import _DAYWORD, Result, _day_int

__all__ = [
    "APPROXIMATE", "FEASTS", "HIJRI_PATTERNS", "HIJRI_WORD", "HijriDate", "gregorian_to_hijri",
    "hijri_to_gregorian", "is_leap", "month_length", "resolve_feast", "resolve_month",
]

APPROXIMATE = True  # tabular days may be a day or two off the sighted calendar (see the module docstring)

_EPOCH = date(622, 7, 19).toordinal()  # 1 Muharram 1 AH = 16 July 622 Julian = 19 July 622 proleptic Gregorian


class HijriDate(NamedTuple):
    year: int
    month: int
    day: int


def is_leap(year: int) -> bool:
    """A Hijri year of 355 days (Dhu al-Hijjah has 30): years 2, 5, 7, ... 29 of each 30-year cycle."""
    return (14 + 11 * year) % 30 < 11


def month_length(year: int, month: int) -> int:
    """Days in a Hijri month: odd months 30, even 29, Dhu al-Hijjah 30 in a leap year."""
    return 30 if month % 2 == 1 or (month == 12 and is_leap(year)) else 29


def _days_before(year: int, month: int) -> int:
    """Days from 1 Muharram 1 AH to the first of the given month."""
    return (year - 1) * 354 + (3 + 11 * year) // 30 + 29 * (month - 1) + month // 2


def hijri_to_gregorian(year: int, month: int, day: int) -> date:
    """The Gregorian day of a tabular Hijri date.

    >>> hijri_to_gregorian(1444, 12, 10)  # observed in Saudi Arabia on 28 June
    datetime.date(2023, 6, 29)
    """
    if not (1 <= month <= 12 and 1 <= day <= month_length(year, month) and year >= 1):
        raise ValueError(f"no Hijri date {day} / {month} / {year}")
    return date.fromordinal(_EPOCH + _days_before(year, month) + day - 1)


def gregorian_to_hijri(day: date) -> HijriDate:
    """The tabular Hijri date of a Gregorian day (on or after 16 July 622 Julian)."""
    n = day.toordinal() - _EPOCH
    if n < 0:
        raise ValueError(f"{day} is before the Hijri epoch")
    year = (30 * n + 10646) // 10631  # an estimate, at most one year late
    while _days_before(year + 1, 1) <= n:
        year += 1
    while _days_before(year, 1) > n:
        year -= 1
    month = 12
    while _days_before(year, month) > n:
        month -= 1
    return HijriDate(year, month, n - _days_before(year, month) + 1)


# ---------------------------------------------------------------- words
# each month: (pattern of its common transliterations, English and Turkish; whether it can stand alone)
_MONTHS: list[tuple[int, str, bool]] = [
    (1, r"muharr?am|moharr?am", True),
    (1, r"muharrem", False),  # also a Turkish given name ("Muharrem Ince")
    (2, r"safar|safer", False),  # "safar" is also a word and a name: only with a day or a year
    (3, r"rab[iī]['’‘]?[\s-]*(?:a|u|e)l[\s-]*aw+al|rebi[üu]l[\s-]*evvel", True),
    (4, r"rab[iī]['’‘]?[\s-]*(?:a|u|e)[lst][\s-]*(?:th|s)ani|rab[iī]['’‘]?[\s-]*(?:a|u|e)l[\s-]*akh[ia]r"
        r"|rebi[üu]l[\s-]*ahir", True),
    (5, r"jum[aā]d[ae]?[\s-]*(?:a|u|e)l[\s-]*(?:[uū]la|oola|awwal)|cemaziyel[\s-]*evvel", True),
    (6, r"jum[aā]d[ae]?[\s-]*(?:a|u|e)[lst][\s-]*(?:akhirah?|th[aā]ni(?:yah?)?|sani)|cemaziyel[\s-]*ahir", True),
    (7, r"rajab|recep", False),  # given names ("Recep Tayyip Erdogan")
    (8, r"sha['’‘]?a?b[aā]n", True),
    (8, r"şaban", False),
    (9, r"rama[dzḍ]h?[aā]a?n", True),  # Ramadan, Ramadhan, Ramazan, Ramadaan; not "Ramzan" (a given name)
    (10, r"shaw?w[aā]l|[şs]evval", True),
    (11, r"(?:dh?u|zu|thu)(?:\s*al|['’‘]?l)?[\s-]*q[aiā]['’‘]?[ad]{1,2}ah?|zilkade", True),
    (12, r"(?:dh?u|zu|thu)(?:\s*al|['’‘]?l)?[\s-]*hij?jah?|zilhicce", True),
]
_MONTH_RES = [(n, re.compile(p, re.I), alone) for n, p, alone in _MONTHS]
_MON = "(?:" + "|".join(p for _, p, _ in _MONTHS) + ")"

# the feasts at fixed Hijri dates (month, day)
FEASTS: dict[str, tuple[int, int]] = {"fitr": (10, 1), "adha": (12, 10), "ashura": (1, 10), "mawlid": (3, 12),
                                      "new year": (1, 1), "arafat": (12, 9)}
_FEAST_WORDS: list[tuple[str, str]] = [
    ("fitr", r"e[iy]d[\s-]*(?:a|u|e)l[\s-]*fitr[ie]?|e[iy]d[\s-]*(?:a|u|e)l[\s-]*s[ae]ghir|ramazan\s+bayram[ıi]"
             r"|[şs]eker\s+bayram[ıi]|hari\s+raya(?:\s+(?:aidil?fitri|puasa))?|lebaran"),
    ("adha", r"e[iy]d[\s-]*(?:a|u|e)l[\s-]*a[dzḍ]h?aa?|e[iy]d[\s-]*(?:a|u|e)l[\s-]*kab[ie]e?r|kurban\s+bayram[ıi]"
             r"|tabaski|bakr[ai]?[\s-]*e?id|hari\s+raya\s+(?:haji|aidil?adha)|the\s+feast\s+of\s+(?:the\s+)?sacrifice"),
    ("ashura", r"a{1,2}sh[uo]{1,2}ra|ashoura|aşure"),
    ("mawlid", r"mawlid(?:[\s-]+(?:al|an|el)[\s-]*nabi)?|mouloud|milad[\s-]+(?:un|al)[\s-]*nabi|mevlid"
               r"|the\s+prophet(?:\s+muhammad)?['’]s\s+birthday"),
    ("new year", r"(?:the\s+)?(?:islamic|hijri|muslim)\s+new\s+year(?:['’]s(?:\s+day)?)?"),
    ("arafat", r"(?:the\s+)?day\s+of\s+arafat|arafat\s+day"),
    ("eid", r"e[iy]d|bayram"),  # either Eid: the nearer
]
_FEAST_RES = [(name, re.compile(p, re.I)) for name, p in _FEAST_WORDS]
_FEAST = "(?:" + "|".join(p for _, p in _FEAST_WORDS) + ")"

# a year after a Hijri name: Hijri when marked AH or before 1600, else Gregorian ("Eid al-Adha 2023")
_HYEAR = r"(?P<year>1[3-5]\d\d|1[6-9]\d\d|20\d\d)(?:\s*(?P<ah>a\.?\s?h\.?|h\.)(?![a-z]))?"
_REL = (r"(?P<rel>last|next|this|this\s+past|this\s+coming|the\s+coming|the\s+upcoming|the\s+next|the\s+last"
        r"|the\s+previous)")
_DAYNO = rf"(?P<day>[1-3]?\d(?:st|nd|rd|th)?|{_DAYWORD}|last|final)"
_MONTH_OF = r"(?:the\s+(?:(?:holy|fasting|blessed|sacred)\s+)?month\s+of\s+)"

# a word that must be in a sentence for any of the patterns to match (the recogniser's prefilter)
HIJRI_WORD = re.compile(
    r"\b(?:rama[dzḍ]|e[iy]d\b|muharr|moharr|shaw?w|[şs]evval|(?:dh?u|zu|thu)(?:\s*al|['’‘]?l)?[\s-]*(?:hij|q[aiā])|"
    r"zil(?:kade|hicce)|rab[iī]['’‘]?[\s-]*[aeu]|rebi[üu]l|jum[aā]d|cemazi|rajab|recep|sha['’‘]?a?b[aā]n|şaban|safar|"
    r"safer|a{1,2}sh[uo]|aşure|mawlid|mouloud|milad|mevlid|prophet|(?:islamic|hijri|muslim) new year|arafat|"
    r"holy month|fasting month|bayram|tabaski|bakr|hari raya|lebaran|kurban)",
    re.I,
)


# ---------------------------------------------------------------- anchoring
def _hijri_year(month: int, day: int, anchor: HijriDate, tense: str, rel: str) -> int:
    """The Hijri year of a month (and day) given without one, as ``time_days._month_year`` does for
    Gregorian months: past looks back but allows the month right after the anchor's, future looks
    forward, present takes the nearest; "last" / "next" step over the anchor's month."""
    if rel in ("last", "the last", "the previous", "this past"):
        return anchor.year if month < anchor.month else anchor.year - 1
    if rel in ("next", "the next", "the coming", "the upcoming", "this coming"):
        return anchor.year if month > anchor.month else anchor.year + 1
    return _month_year(month, day, anchor, tense)


def _in_gregorian_year(month: int, day: int, year: int, anchor: date | None) -> date:
    """The Hijri date (month, day; day 0: the month's last) falling in a Gregorian year; of two, the
    one nearer the anchor (the Eid al-Fitr of 2000 fell on 8 January and 27 December), else the first."""
    guess = gregorian_to_hijri(date(year, 1, 1)).year
    days = [d for y in (guess - 1, guess, guess + 1)
            if (d := hijri_to_gregorian(y, month, day or month_length(y, month))).year == year]
    if not days:
        raise ValueError(f"no {day} / {month} Hijri in {year}")
    if anchor is not None:
        return min(days, key=lambda d: abs((d - anchor).days))
    return days[0]


def _resolve(month: int, day: int, m: re.Match[str], anchor: date | None, tense: str) -> date | None:
    """The Gregorian day of Hijri (month, day) for the year said, else the one the tense points to.
    ``day`` 0 is the month's last day."""
    g = m.groupdict()
    rel = " ".join((g.get("rel") or "").lower().split())
    year = g.get("year")
    if year:
        y = int(year)
        if g.get("ah") or y < 1600:
            return hijri_to_gregorian(y, month, day or month_length(y, month))
        return _in_gregorian_year(month, day, y, anchor)
    if anchor is None:
        return None
    y = _hijri_year(month, day or 29, gregorian_to_hijri(anchor), tense, rel)
    return hijri_to_gregorian(y, month, day or month_length(y, month))


def _month_number(word: str) -> tuple[int, bool] | None:
    """(month, whether it may stand alone) of a Hijri month's name."""
    w = " ".join(word.split())
    for n, pattern, alone in _MONTH_RES:
        if pattern.fullmatch(w):
            return n, alone
    return None


def resolve_month(m: re.Match[str], anchor: date | None, tense: str, ref: str) -> Result | None:
    """A Hijri month, or a day of one: "during Ramadan", "Ramadan 1445", "15 Shaaban 1446", "the
    first day of Ramadan", "last Ramadan", "the holy month"."""
    g = m.groupdict()
    found = _month_number(g["mon"]) if g.get("mon") else (9, True)  # "the holy month": Ramadan
    if found is None:
        return None
    month, alone = found
    word = (g.get("day") or g.get("dayn") or g.get("day2") or "").lower()
    if not alone and not word and not g.get("year"):
        return None  # "Rajab", "Safar" alone are names and words more often than months
    day = 0 if word in ("last", "final") else _day_int(word) if word else 1
    if day > 30:
        return None
    d = _resolve(month, day, m, anchor, tense)
    if d is None:
        return None
    if g.get("eve"):
        return (d - timedelta(days=1)).isoformat(), "day", "DATE"
    return d.isoformat(), ("day" if word else "month"), "DATE"


def resolve_feast(m: re.Match[str], anchor: date | None, tense: str, ref: str) -> Result | None:
    """A feast at a fixed Hijri date: "Eid al-Fitr", "Kurban Bayramı", "Ashura", "the eve of Eid", "the
    second day of Eid al-Adha", "Eid al-Adha 2023"; a bare "Eid" is the nearer of the two."""
    g = m.groupdict()
    text = " ".join(g["feast"].split())
    name = next(n for n, pattern in _FEAST_RES if pattern.fullmatch(text))
    names = ("fitr", "adha") if name == "eid" else (name,)
    days = [d for n in names if (d := _resolve(*FEASTS[n], m, anchor, tense)) is not None]
    if not days:
        return None
    d = min(days, key=lambda x: abs((x - anchor).days)) if anchor is not None else days[0]
    if g.get("eve") or g.get("eve2"):  # "the eve of Eid", "Eid eve"
        d -= timedelta(days=1)
    elif g.get("day"):
        word = g["day"].lower()
        n = 0 if word in ("last", "final") else _day_int(word)
        if not 1 <= n <= 4:
            return None  # a feast lasts three or four days
        d += timedelta(days=n - 1)
    return d.isoformat(), "day", "DATE"


_EVE = r"(?:(?P<eve>the\s+eve\s+of)\s+)"
_DAY_OF = rf"(?:the\s+{_DAYNO}\s+day\s+of\s+)"
# (name, pattern, handler) for the time grammar; matched case-insensitively in full
HIJRI_PATTERNS: list[tuple[str, str, Callable[[re.Match[str], date | None, str, str], Result | None]]] = [
    ("hijri_feast",
     rf"(?:{_EVE}|{_DAY_OF})?(?:{_REL}\s+)?(?P<feast>{_FEAST})(?:\s+(?P<eve2>eve))?(?:,?\s+{_HYEAR})?",
     resolve_feast),
    ("hijri_month",
     rf"(?:{_EVE}|{_DAY_OF}|(?:the\s+)?(?P<dayn>[1-3]?\d(?:st|nd|rd|th)?|{_DAYWORD})\s+(?:of\s+)?)?"
     rf"(?:{_REL}\s+)?{_MONTH_OF}?(?P<mon>{_MON})"
     rf"(?:\s+(?P<day2>[1-3]?\d)(?:st|nd|rd|th)?(?!\d))?(?:,?\s+{_HYEAR})?",
     resolve_month),
    ("holy_month", r"(?:(?P<rel>this|last|next)\s+|the\s+)(?:holy|fasting)\s+month", resolve_month),
]


