"""Day-level time expressions: dates, weekdays, deictic days, parts of days, clock times, holidays.

Each handler takes ``(match, anchor, tense, reference)`` and returns a TIMEX3
``(value, precision, type)`` or None; the grammar in ``time_grammar`` binds them to
patterns. The direction rules (tense, "last"/"next", the previous expression) are
described in ``wiretrail.extract.times``.

>>> _clock_value("10:30 p.m.")
'22:30'
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from typing import Protocol

from wiretrail.extract.time_lexicon import (
    _CLOCK, DAYPARTS, MONTHS, WEEKDAYS, Result, _day_int, _Fake, _week, _year_int,
)


def _month_num(word: str) -> int:
    return MONTHS[word.lower().rstrip(".")[:3] if word.lower().rstrip(".") not in MONTHS else word.lower().rstrip(".")]


class _YearMonthDay(Protocol):
    year: int
    month: int
    day: int


def _month_year(month: int, day: int, anchor: _YearMonthDay, tense: str) -> int:
    """The year of a month (and day) given without one: the past tense looks back, the
    future forward, the present takes the nearest (ties: the anchor's year). ``anchor`` is
    a Gregorian ``date`` or a ``time_hijri.HijriDate``: the calendars' months cycle alike.

    The past tense still allows the month right after the anchor's: a past-tense
    governor often reports a near-future date ("declared a dividend, payable Dec. 7",
    "was extended to Nov. 16"); news rarely means eleven months back without a year.
    """
    here = (month, day)
    now = (anchor.month, anchor.day)
    if tense == "past":
        if (month - anchor.month) % 12 == 1:
            return anchor.year + (1 if month < anchor.month else 0)
        return anchor.year - 1 if here > now and month != anchor.month else anchor.year
    if tense == "future":
        return anchor.year + 1 if here < now and month != anchor.month else anchor.year
    gap = (month - anchor.month) % 12
    if gap == 0 or gap == 6:
        return anchor.year
    return anchor.year + (1 if gap < 6 and month < anchor.month else -1 if gap > 6 and month > anchor.month else 0)


def _full_date(m: re.Match[str], anchor: date | None, tense: str, ref: str) -> Result | None:
    g = m.groupdict()
    month = _month_num(g["mon"])
    day = _day_int(g["day"]) if g.get("day") else None
    year = _year_int(g["year"]) if g.get("year") else None
    if year is None:
        if anchor is None:
            return (f"XXXX-{month:02d}" + (f"-{day:02d}" if day else ""), "day" if day else "month", "DATE")
        year = _month_year(month, day or 15, anchor, tense)
    if day:
        try:
            date(year, month, day)
        except ValueError:
            return None
        value, prec = f"{year}-{month:02d}-{day:02d}", "day"
    else:
        value, prec = f"{year}-{month:02d}", "month"
    if g.get("clock"):
        return _with_clock(value, g["clock"])
    return value, prec, "DATE"


def _clock_value(clock: str) -> str | None:
    c = clock.lower().strip()
    if c in ("noon", "midday"):
        return "12:00"
    if c == "midnight":
        return "24:00"
    m = re.match(r"(\d{1,2})(?:[:.](\d\d))?\s*(a\.?m\.?|p\.?m\.?|in the morning|in the evening|in the afternoon|at night|o'clock)?", c)
    if not m:
        return None
    hour, minute = int(m.group(1)), int(m.group(2) or 0)
    mer = (m.group(3) or "").replace(".", "")
    if mer.startswith("p") or mer in ("in the evening", "in the afternoon", "at night"):
        hour = hour % 12 + 12
    elif mer.startswith("a") and hour == 12:
        hour = 0
    if hour > 24 or minute > 59:
        return None
    return f"{hour:02d}:{minute:02d}"


def _with_clock(day_value: str, clock: str) -> Result | None:
    t = _clock_value(clock)
    if t is None:
        return None
    return f"{day_value}T{t}", "minute", "TIME"


def _weekday(m: re.Match[str], anchor: date | None, tense: str, ref: str) -> Result | None:
    g = m.groupdict()
    wd = WEEKDAYS[g["wd"].lower().rstrip(".")]
    rel = (g.get("rel") or "").lower()
    if anchor is None:
        value = f"XXXX-WXX-{wd + 1}"
    else:
        day_ref = re.match(r"\d{4}-\d\d-\d\d", ref or "")
        if rel in ("the previous", "the following") and day_ref:
            anchor = date.fromisoformat(day_ref.group())  # "the previous Friday": before the day the text is about
            rel = rel[4:]
        delta = (anchor.weekday() - wd) % 7
        if rel.endswith("last") or rel in ("past", "this past", "previous", "the previous"):
            d = anchor - timedelta(days=delta or 7)
        elif rel.endswith("next") or rel in ("coming", "this coming", "the coming", "the following"):
            d = anchor + timedelta(days=(wd - anchor.weekday()) % 7 or 7)
        elif tense == "future":
            d = anchor + timedelta(days=(wd - anchor.weekday()) % 7)
        else:
            d = anchor - timedelta(days=delta)
        value = d.isoformat()
    part = (g.get("part") or "").lower()
    clock = g.get("clock")
    if clock:
        return _with_clock(value, clock)
    if part:
        return _daypart(value, part)
    return value, "day", "DATE"


def _daypart(day_value: str, part: str) -> Result:
    code = DAYPARTS.get(part.lower(), "")
    if ":" in code:
        return f"{day_value}T{code}", "minute", "TIME"
    return f"{day_value}T{code}", "hour", "TIME"


_DEICTIC_OFFSET = {"today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1, "the day before yesterday": -2}


def _deictic(m: re.Match[str], anchor: date | None, tense: str, ref: str) -> Result | None:
    g = m.groupdict()
    word = g["deictic"].lower()
    if anchor is None:
        return ("PRESENT_REF", "day", "DATE") if word in ("today", "tonight") else None
    d = anchor + timedelta(days=_DEICTIC_OFFSET[word])
    part = (g.get("part") or "").lower() or ("night" if word == "tonight" else "")
    if g.get("clock"):
        return _with_clock(d.isoformat(), g["clock"])
    if part:
        return _daypart(d.isoformat(), part)
    return d.isoformat(), "day", "DATE"


def _this_part(m: re.Match[str], anchor: date | None, tense: str, ref: str) -> Result | None:
    if anchor is None:
        return None
    rel = m.group("rel").lower()
    d = anchor - timedelta(days=1) if rel == "last" else anchor
    part = m.group("part").lower()
    return _daypart(d.isoformat(), "night" if part == "overnight" else part)


def _easter(year: int) -> date:
    """Western Easter Sunday (the anonymous Gregorian computus)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = divmod(b, 4)
    g = (8 * b + 13) // 25
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    l_ = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * l_) // 451
    month, day = divmod(h + l_ - 7 * m + 114, 31)
    return date(year, month, day + 1)


_FIXED_HOLIDAYS = {
    "christmas": (12, 25), "christmas day": (12, 25), "christmas eve": (12, 24), "new year's": (1, 1),
    "new year's day": (1, 1), "new year's eve": (12, 31), "independence day": (7, 4), "halloween": (10, 31),
    "valentine's day": (2, 14), "boxing day": (12, 26), "veterans day": (11, 11),
}
_EASTER_OFFSET = {"easter": 0, "easter sunday": 0, "good friday": -2, "easter monday": 1, "palm sunday": -7,
                  "easter week": 0, "holy week": 0}
HOLIDAY_WEEKS = {"easter week", "holy week"}  # the ISO week holding Easter Sunday


def _nth_weekday(year: int, month: int, weekday: int, n: int) -> date:
    """The ``n``-th given weekday of a month (``n = -1``: the last one)."""
    if n > 0:
        first = date(year, month, 1)
        return first + timedelta(days=(weekday - first.weekday()) % 7 + 7 * (n - 1))
    last = date(year, month + 1, 1) - timedelta(days=1) if month < 12 else date(year, 12, 31)
    return last - timedelta(days=(last.weekday() - weekday) % 7)


def _holiday_date(name: str, year: int) -> date:
    if name in _FIXED_HOLIDAYS:
        return date(year, *_FIXED_HOLIDAYS[name])
    if name in _EASTER_OFFSET:
        return _easter(year) + timedelta(days=_EASTER_OFFSET[name])
    if name.startswith("thanksgiving"):  # US: fourth Thursday of November
        return _nth_weekday(year, 11, 3, 4)
    if name == "memorial day":  # US: last Monday of May
        return _nth_weekday(year, 5, 0, -1)
    if name == "labor day":  # US: first Monday of September
        return _nth_weekday(year, 9, 0, 1)
    first = date(year, 11, 2)  # US Election Day: the Tuesday after the first Monday of November
    return first + timedelta(days=(1 - first.weekday()) % 7)


def _holiday(m: re.Match[str], anchor: date | None, tense: str, ref: str) -> Result | None:
    """A named holiday: the one of the year said, else the nearest before publication (after, with a
    future verb or "next"); "Easter week" is the ISO week of Easter Sunday."""
    name = " ".join(m.group("h").lower().split())
    rel = (m.group("rel") or "").lower()
    if m.group("year"):
        d = _holiday_date(name, _year_int(m.group("year")))
    elif anchor is None:
        return None
    else:
        d = _holiday_date(name, anchor.year)
        latest = anchor + timedelta(days=6 if name in HOLIDAY_WEEKS else 0)  # a week under way is not ahead
        if (rel == "last" or (tense != "future" and rel != "next")) and d > latest:
            d = _holiday_date(name, anchor.year - 1)
        elif (rel == "next" or tense == "future") and d < anchor:
            d = _holiday_date(name, anchor.year + 1)
    if name in HOLIDAY_WEEKS:
        return _week(d), "week", "DATE"
    return d.isoformat(), "day", "DATE"


def _part_alone(m: re.Match[str], anchor: date | None, tense: str, ref: str) -> Result | None:
    base = ref[:10] if re.fullmatch(r"\d{4}-\d\d-\d\d.*", ref or "") else (anchor.isoformat() if anchor else None)
    return _daypart(base, m.group("part")) if base else None


def _clock_only(m: re.Match[str], anchor: date | None, tense: str, ref: str) -> Result | None:
    """A bare clock time ("at 10 p.m.") belongs to the day last mentioned, else to the anchor."""
    day = re.match(r"\d{4}-\d\d-\d\d", ref or "")
    base = day.group() if day else anchor.isoformat() if anchor else "XXXX-XX-XX"
    return _with_clock(base, m.group("clock"))


def _iso(m: re.Match[str], anchor: date | None, tense: str, ref: str) -> Result | None:
    y, mo, d = (int(x) for x in m.group("y", "m", "d"))
    try:
        return date(y, mo, d).isoformat(), "day", "DATE"
    except ValueError:
        return None


def _date_any(m: re.Match[str], anchor: date | None, tense: str, ref: str) -> Result | None:
    g = m.groupdict()
    mon, day, year = g.get("mon") or g.get("mon2"), g.get("day") or g.get("day2"), g.get("year") or g.get("year2")
    fake = {"mon": mon, "day": day, "year": year, "clock": None}
    rel = (g.get("rel") or "").lower()
    if rel:  # "last Oct. 23": the direction is said, whatever the verb's tense
        tense = "past" if rel in ("last", "this past") else "future" if rel in ("next", "this coming") else tense
    result = _full_date(_Fake(fake), anchor, tense, ref)
    clock = re.match(rf"({_CLOCK})", m.group(0), re.I)
    if result and clock and not re.match(r"\d{1,2}$", clock.group(0).strip()):
        return _with_clock(result[0], clock.group(0))
    return result


def _clock_day(m: re.Match[str], anchor: date | None, tense: str, ref: str) -> Result | None:
    g = m.groupdict()
    if g.get("deictic"):
        return _deictic(_Fake({"deictic": g["deictic"], "part": None, "clock": g["clock"]}), anchor, tense, ref)
    return _weekday(_Fake({"wd": g["wd"], "rel": None, "part": None, "clock": g["clock"]}), anchor, tense, ref)


def _part_weekday(m: re.Match[str], anchor: date | None, tense: str, ref: str) -> Result | None:
    part = m.group("part").lower()
    if part in ("noon", "midday", "midnight"):
        return _weekday(_Fake({"wd": m.group("wd"), "rel": None, "part": None, "clock": part}), anchor, tense, ref)
    return _weekday(_Fake({"wd": m.group("wd"), "rel": None, "part": part, "clock": None}), anchor, tense, ref)


def _overnight(m: re.Match[str], anchor: date | None, tense: str, ref: str) -> Result | None:
    """"overnight": the night before the day the text is about (a day mentioned in the week up to
    publication: "overnight losses in New York" in a report on Friday's trading is Thursday night), else
    the night before publication; a day further back is the background, not the news."""
    if anchor is None:
        return None
    day = re.match(r"\d{4}-\d\d-\d\d", ref or "")
    base = anchor
    if day and 0 <= (anchor - date.fromisoformat(day.group())).days <= 7:
        base = date.fromisoformat(day.group())
    return _daypart((base - timedelta(days=1)).isoformat(), "night")
