"""The time-expression grammar: one pattern per shape, each with the rule that resolves it.

``GRAMMAR`` lists ``(name, pattern, handler)``; ``normalise_time`` matches a text
against the patterns in order and lets the first full match resolve it against
the anchor (publication date), the governing verb's tense and the previous
expression's value. The recogniser in ``times`` searches the same patterns, so
every span it finds can be resolved. See ``wiretrail.extract.times`` for the rules.

>>> normalise_time("last week", date(2024, 11, 30))
('2024-W47', 'week', 'DATE')
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from datetime import date, datetime, timedelta

from wiretrail.extract.time_lexicon import (
    _APPROX, _DAYNUM, _DAYPART, _EDGE, _MON, _NUM, _REL, _UNIT, _WD, _YEAR, DAYPARTS, MONTHS, ORDINALS,
    SEASONS, UNIT_PRECISION, UNITS, WEEKDAYS, _as_date, _n, _quarter, _shift_month, _week,
    _year_int, parse_anchor,
)

log = logging.getLogger(__name__)

Result = tuple[str, str, str]  # value, precision, type

# ---------------------------------------------------------------- handlers
Handler = Callable[[re.Match[str], date | None, str, str], Result | None]


def _month_num(word: str) -> int:
    return MONTHS[word.lower().rstrip(".")[:3] if word.lower().rstrip(".") not in MONTHS else word.lower().rstrip(".")]


def _month_year(month: int, day: int, anchor: date, tense: str) -> int:
    """The year of a month (and day) given without one: the past tense looks back, the
    future forward, the present takes the nearest (ties: the anchor's year).

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
    day = int(re.match(r"\d+", g["day"]).group()) if g.get("day") else None
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


def _relative_unit(m: re.Match[str], anchor: date | None, tense: str, ref: str) -> Result | None:
    """this/last/next + week, month, year, quarter, weekend, month name, season."""
    rel = m.group("rel").lower().replace("the ", "")
    what = m.group("what").lower().rstrip(".")
    if m.group("rel").lower() in ("the following", "the previous") and what in ("year", "month", "week") \
            and re.match(r"\d{4}", ref or ""):
        # "the following year" counts from the time the text is about, not from publication
        fake = _Fake({"rel": m.group("rel").lower(), "what": what})
        return _anaphoric_unit(fake, anchor, tense, ref)  # type: ignore[arg-type]
    step = -1 if rel in ("last", "past", "previous", "this past") else 1 if rel in ("next", "coming", "following", "this coming") else 0
    if anchor is None:
        return None
    if what == "weekend":
        if rel == "this":  # the weekend of this week; early in a week, in the past tense, the one just gone
            return _week(anchor - timedelta(weeks=1 if anchor.weekday() <= 1 and tense == "past" else 0)) + "-WE", \
                "week", "DATE"
        return _weekend(anchor, step, tense)
    if what == "week":
        return _week(anchor + timedelta(weeks=step)), "week", "DATE"
    if what == "month":
        d = _shift_month(anchor, step)
        return f"{d.year}-{d.month:02d}", "month", "DATE"
    if what == "year":
        return str(anchor.year + step), "year", "DATE"
    if what == "quarter":
        q = anchor.year * 4 + _quarter(anchor) - 1 + step
        return f"{q // 4}-Q{q % 4 + 1}", "quarter", "DATE"
    if what == "decade":
        if step < 0 and rel in ("past", "last"):
            return "P10Y", "year", "DURATION"  # "the past decade": the ten years up to now
        return str(anchor.year // 10 + step), "decade", "DATE"
    if what in SEASONS:
        first = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}[SEASONS[what]]
        year = anchor.year
        if step < 0 and first >= anchor.month:
            year -= 1
        elif step > 0 and first <= anchor.month:
            year += 1
        return f"{year}-{SEASONS[what]}", "quarter", "DATE"
    if what in MONTHS:
        month = MONTHS[what]
        year = anchor.year
        # "last February" said in March is not the month just gone (that is "last month"), but a year before
        if step < 0 and month >= anchor.month - 1:
            year -= 1
        elif step > 0 and month <= anchor.month + 1:
            year += 1
        return f"{year}-{month:02d}", "month", "DATE"
    return None


def _weekend(anchor: date, step: int, tense: str) -> Result:
    """The weekend meant: on a Saturday/Sunday the current one, else the last (or next) one."""
    on_weekend = anchor.weekday() >= 5
    if step == 0:
        step = 0 if on_weekend else (1 if tense == "future" else -1)
        if step > 0:
            step = 0  # the weekend of this ISO week is still ahead
    elif step > 0 and not on_weekend:
        step = 0
    elif step < 0 and not on_weekend:
        step = -1
    return _week(anchor + timedelta(weeks=step)) + "-WE", "week", "DATE"


def _the_weekend(m: re.Match[str], anchor: date | None, tense: str, ref: str) -> Result | None:
    return _weekend(anchor, 0, tense) if anchor else ("XXXX-WXX-WE", "week", "DATE")


def _anaphoric_unit(m: re.Match[str], anchor: date | None, tense: str, ref: str) -> Result | None:
    """"that year", "the following month", "the same day": counted from the last date mentioned."""
    rel = m.group("rel").lower()
    unit = m.group("what").lower()
    step = 1 if rel in ("the following", "the next") else -1 if rel in ("the previous", "the preceding", "the prior") else 0
    base = parse_anchor(ref) if re.fullmatch(r"\d{4}-\d\d-\d\d.*", ref or "") else None
    year = int(ref[:4]) if re.match(r"\d{4}", ref or "") else None
    if unit == "year" and year is not None:
        return str(year + step), "year", "DATE"
    if unit == "quarter" and re.fullmatch(r"\d{4}-Q\d", ref or ""):
        q = int(ref[:4]) * 4 + int(ref[-1]) - 1 + step
        return f"{q // 4}-Q{q % 4 + 1}", "quarter", "DATE"
    if unit == "month" and re.match(r"\d{4}-\d\d", ref or ""):
        d = _shift_month(date(int(ref[:4]), int(ref[5:7]), 1), step)
        return f"{d.year}-{d.month:02d}", "month", "DATE"
    if unit in ("morning", "afternoon", "evening", "night"):
        day = base or anchor
        return _daypart((day + timedelta(days=step)).isoformat(), unit) if day else None
    if unit == "day" and base is not None:
        return (base + timedelta(days=step)).isoformat(), "day", "DATE"
    if unit == "week" and base is not None:
        return _week(base + timedelta(weeks=step)), "week", "DATE"
    if anchor is None or step == 0:
        return None
    fake = _Fake({"rel": "next" if step > 0 else "last", "what": unit})
    return _relative_unit(fake, anchor, tense, ref)  # type: ignore[arg-type]


def _edge(m: re.Match[str], anchor: date | None, tense: str, ref: str) -> Result | None:
    """"earlier this month", "late last year", "the end of 1990": the inner expression's value."""
    inner = m.group("inner")
    bare = re.fullmatch(r"the\s+(year|month|week|quarter|decade)", inner, re.I)
    if bare:
        inner = f"this {bare.group(1)}"  # "the end of the year": this year, not a duration
    return normalise_time(inner, anchor, tense, ref)


def _ago(m: re.Match[str], anchor: date | None, tense: str, ref: str) -> Result | None:
    n = _n(m.group("num"))
    unit = UNITS[re.sub(r"s$", "", m.group("unit").lower()).replace("centurie", "century")]
    direction = m.group("dir").lower()
    sign = 1 if direction in ("later", "from now", "hence", "after", "afterwards") else -1
    if n is None or anchor is None:
        return ("PAST_REF" if sign < 0 else "FUTURE_REF"), "unknown", "DATE"
    n = int(n) if float(n).is_integer() else n
    if unit == "Y" or unit in ("DE", "CE"):
        years = n * (10 if unit == "DE" else 100 if unit == "CE" else 1)
        if not float(years).is_integer():
            return None
        year = anchor.year + sign * int(years)
        if re.fullmatch(r"\d{4}-Q\d", ref or "") and years == 1:
            return f"{year}-{ref[-2:]}", "quarter", "DATE"
        return str(year), "year", "DATE"
    if unit == "Q":
        q = anchor.year * 4 + _quarter(anchor) - 1 + sign * int(n)
        return f"{q // 4}-Q{q % 4 + 1}", "quarter", "DATE"
    if unit == "M":
        d = _shift_month(anchor, sign * int(n))
        return f"{d.year}-{d.month:02d}", "month", "DATE"
    if unit in ("W", "WE"):
        return _week(anchor + timedelta(weeks=sign * n)), "week", "DATE"
    if unit == "D":
        return (anchor + timedelta(days=sign * n)).isoformat(), "day", "DATE"
    return None


def _duration(m: re.Match[str], anchor: date | None, tense: str, ref: str) -> Result | None:
    raw = m.group("num")
    plural = m.group("unit").lower().endswith("s")
    unit_lower = m.group("unit").lower()
    if raw is None and re.match(r"(?:another|an additional|a further|one more)\s", m.group(0), re.I):
        raw = "1"  # "an additional year": one more, a length
    if raw is None and not plural and not m.group(0).lower().startswith("the"):
        return None  # a bare "year" or "day" is not a time expression by itself
    if raw is None and re.match(r"(?:second|minute|hour|night|day)s?$", unit_lower) and not re.search(
        r"recent|coming|past|next|last|few", m.group(0).lower()
    ):
        return None  # "the day", "the second", "hours": too often not a time expression
    bare = re.fullmatch(r"the\s+(year|month|week)", m.group(0), re.I)
    if bare:  # "for the year", "the week's most active session": the current one, a DATE
        return _relative_unit(_Fake({"rel": "this", "what": bare.group(1).lower()}), anchor, tense, ref) \
            if anchor else None
    if raw is None and plural:
        raw = "several"
    unit_word = re.sub(r"s$", "", m.group("unit").lower()).replace("centurie", "century")
    unit = UNITS[unit_word]
    n = _n(raw) if raw else 1
    if unit == "WE":
        return ("P2D", "day", "DURATION") if n == 1 else (f"P{int(n) * 2}D" if n else "PXD", "day", "DURATION")
    time_part = unit_word in ("second", "minute", "hour")
    letter = {"DE": "DE", "CE": "CE"}.get(unit, unit)
    if n is None:
        amount = "X"
    elif float(n).is_integer():
        amount = str(int(n))
    elif n == 0.5:
        return _half(unit_word)
    else:
        whole = int(n)
        return _compound(whole, n - whole, unit_word)
    if letter in ("DE", "CE", "Q"):  # ISO 8601 periods have no decade, century or quarter designator
        if amount != "X":
            amount = str(int(amount) * {"DE": 10, "CE": 100, "Q": 3}[letter])
        letter = "M" if letter == "Q" else "Y"
    letter = {"DE": "E", "CE": "C"}.get(letter, letter)
    value = f"PT{amount}{letter}" if time_part else f"P{amount}{letter}"
    return value, UNIT_PRECISION.get(unit if not time_part else unit_word[0].upper(), "unknown") if not time_part else unit_word, "DURATION"


_SUB = {"year": ("M", 12), "month": ("D", 30), "day": ("H", 24), "hour": ("M", 60), "minute": ("S", 60)}


def _half(unit_word: str) -> Result | None:
    sub, k = _SUB.get(unit_word, (None, 0))
    if sub is None:
        return None
    time_part = unit_word in ("day", "hour", "minute")
    return (f"PT{k // 2}{sub}" if time_part else f"P{k // 2}{sub}"), unit_word, "DURATION"


def _compound(whole: int, frac: float, unit_word: str) -> Result | None:
    sub, k = _SUB.get(unit_word, (None, 0))
    letter = {"year": "Y", "month": "M", "day": "D", "hour": "H", "minute": "M"}.get(unit_word)
    if sub is None or letter is None:
        return None
    if unit_word in ("hour", "minute"):
        return f"PT{whole}{letter}{round(frac * k)}{sub}", unit_word, "DURATION"
    if unit_word == "day":
        return f"P{whole}DT{round(frac * k)}H", unit_word, "DURATION"
    return f"P{whole}{letter}{round(frac * k)}{sub}", unit_word, "DURATION"


def _holiday_date(name: str, year: int) -> date:
    fixed = {"christmas": (12, 25), "christmas day": (12, 25), "christmas eve": (12, 24), "new year's": (1, 1),
             "new year's day": (1, 1), "new year's eve": (12, 31), "independence day": (7, 4),
             "halloween": (10, 31), "valentine's day": (2, 14), "boxing day": (12, 26)}
    if name in fixed:
        return date(year, *fixed[name])
    if name.startswith("thanksgiving"):  # US: fourth Thursday of November
        first = date(year, 11, 1)
        return first + timedelta(days=(3 - first.weekday()) % 7 + 21)
    first = date(year, 11, 2)  # US Election Day: the Tuesday after the first Monday of November
    return first + timedelta(days=(1 - first.weekday()) % 7)


def _holiday(m: re.Match[str], anchor: date | None, tense: str, ref: str) -> Result | None:
    name = m.group("h").lower()
    rel = (m.group("rel") or "").lower()
    if m.group("year"):
        return _holiday_date(name, _year_int(m.group("year"))).isoformat(), "day", "DATE"
    if anchor is None:
        return None
    d = _holiday_date(name, anchor.year)
    if (rel == "last" or (tense != "future" and rel != "next")) and d > anchor:
        d = _holiday_date(name, anchor.year - 1)
    elif (rel == "next" or tense == "future") and d < anchor:
        d = _holiday_date(name, anchor.year + 1)
    return d.isoformat(), "day", "DATE"


def _part_alone(m: re.Match[str], anchor: date | None, tense: str, ref: str) -> Result | None:
    base = ref[:10] if re.fullmatch(r"\d{4}-\d\d-\d\d.*", ref or "") else (anchor.isoformat() if anchor else None)
    return _daypart(base, m.group("part")) if base else None


def _year_ago(m: re.Match[str], anchor: date | None, tense: str, ref: str) -> Result | None:
    if "nine months" in m.group(0).lower():
        return "P9M", "month", "DURATION"
    if "quarter" in m.group(0).lower() and anchor is not None and not re.fullmatch(r"\d{4}-Q\d", ref or ""):
        q = (anchor.year - 1) * 4 + _quarter(anchor) - 2  # the last complete quarter, a year before
        return f"{q // 4}-Q{q % 4 + 1}", "quarter", "DATE"
    return _ago(_Fake({"num": "a", "unit": "year", "dir": "ago"}), anchor, tense, ref)  # type: ignore[arg-type]


def _year_end(m: re.Match[str], anchor: date | None, tense: str, ref: str) -> Result | None:
    """"year-end", "around year end": the current year (the last one early in a year, in the past tense)."""
    if anchor is None:
        return None
    back = tense == "past" and anchor.month <= 2
    return str(anchor.year - back), "year", "DATE"


def _year_period(m: re.Match[str], anchor: date | None, tense: str, ref: str) -> Result | None:
    y = _year_int(m.group("y"))
    if re.fullmatch(r"\d{4}-Q\d", ref or ""):
        return f"{y}-{ref[-2:]}", "quarter", "DATE"
    return str(y), "year", "DATE"


def _fiscal_year(m: re.Match[str], anchor: date | None, tense: str, ref: str) -> Result | None:
    if anchor is None:
        return None
    rel = m.group("rel").lower()
    return str(anchor.year - (1 if rel in ("latest", "last", "previous", "past") else 0)), "year", "DATE"


def _century(m: re.Match[str], anchor: date | None, tense: str, ref: str) -> Result | None:
    return f"{int(m.group('c')) - 1:02d}", "unknown", "DATE"


def _month_rel_year(m: re.Match[str], anchor: date | None, tense: str, ref: str) -> Result | None:
    if anchor is None:
        return None
    step = {"this": 0, "last": -1, "next": 1}[m.group("rel").lower()]
    return f"{anchor.year + step}-{_month_num(m.group('mon')):02d}", "month", "DATE"


def _year(m: re.Match[str], anchor: date | None, tense: str, ref: str) -> Result | None:
    return str(_year_int(m.group("y"))), "year", "DATE"


def _decade(m: re.Match[str], anchor: date | None, tense: str, ref: str) -> Result | None:
    digits = m.group("dec")
    if len(digits) == 2:  # the '90s / the 90s
        century = (anchor.year // 100) if anchor else 19
        if anchor and int(digits) > anchor.year % 100:
            century -= 1
        return f"{century}{digits[0]}", "decade", "DATE"
    return digits[:3], "decade", "DATE"


def _month_alone(m: re.Match[str], anchor: date | None, tense: str, ref: str) -> Result | None:
    month = _month_num(m.group("mon"))
    if anchor is None:
        return f"XXXX-{month:02d}", "month", "DATE"
    return f"{_month_year(month, 15, anchor, tense)}-{month:02d}", "month", "DATE"


def _quarter_ord(m: re.Match[str], anchor: date | None, tense: str, ref: str) -> Result | None:
    word = m.group("ord").lower()
    year = m.group("year")
    if word in ("latest", "last", "most recent", "recent", "past", "previous"):
        if anchor is None:
            return None
        q = anchor.year * 4 + _quarter(anchor) - 2
        return f"{q // 4}-Q{q % 4 + 1}", "quarter", "DATE"
    if word in ("current", "this"):
        return (f"{anchor.year}-Q{_quarter(anchor)}", "quarter", "DATE") if anchor else None
    q = ORDINALS.get(word)
    if q is None:
        return None
    if year:
        y = _year_int(year)
    elif anchor is None:
        return f"XXXX-Q{q}", "quarter", "DATE"
    else:
        y = anchor.year - (1 if q >= _quarter(anchor) and tense == "past" and q > _quarter(anchor) else 0)
    return f"{y}-Q{q}", "quarter", "DATE"


def _half_year(m: re.Match[str], anchor: date | None, tense: str, ref: str) -> Result | None:
    h = 1 if m.group("ord").lower() == "first" else 2
    y = str(_year_int(m.group("year"))) if m.group("year") else (str(anchor.year) if anchor else "XXXX")
    return f"{y}-H{h}", "quarter", "DATE"


def _anaphoric(m: re.Match[str], anchor: date | None, tense: str, ref: str) -> Result | None:
    """"the quarter", "the period": the last quarter mentioned, else the last complete one."""
    if re.fullmatch(r"\d{4}-Q\d", ref or ""):
        return ref, "quarter", "DATE"
    if anchor is None or "period" in m.group(0).lower() and "latest" not in m.group(0).lower():
        return None
    q = anchor.year * 4 + _quarter(anchor) - 2  # the last complete quarter
    return f"{q // 4}-Q{q % 4 + 1}", "quarter", "DATE"


def _season(m: re.Match[str], anchor: date | None, tense: str, ref: str) -> Result | None:
    code = SEASONS[m.group("season").lower()]
    year = str(_year_int(m.group("year"))) if m.group("year") else (str(anchor.year) if anchor else "XXXX")
    return f"{year}-{code}", "quarter", "DATE"


def _season_alone(m: re.Match[str], anchor: date | None, tense: str, ref: str) -> Result | None:
    word = (m.group("season") or m.group("season2")).lower()
    if anchor is None:
        return f"XXXX-{SEASONS[word]}", "quarter", "DATE"
    first = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}[SEASONS[word]]
    return f"{_month_year(first, 1, anchor, tense)}-{SEASONS[word]}", "quarter", "DATE"


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


def _fixed(value: str, precision: str, kind: str = "DATE") -> Handler:
    return lambda m, a, t, r: (value, precision, kind)


def _set(m: re.Match[str], anchor: date | None, tense: str, ref: str) -> Result | None:
    word = m.group(0).lower()
    for key, value in (("hour", "PT1H"), ("day", "P1D"), ("dai", "P1D"), ("night", "P1D"), ("week", "P1W"),
                       ("month", "P1M"), ("quarter", "P3M"), ("year", "P1Y"), ("annual", "P1Y")):
        if key in word:
            return value, "unknown", "SET"
    return None


# "three days later" is a DURATION with "later" as its signal (TimeML), while "a year
# earlier" is the year-on-year reference point of financial news, a DATE
_BY_YEAR = r"(?:(?<=years\s)|(?<=year\s)|(?<=quarters\s)|(?<=quarter\s)|(?<=decades\s)|(?<=decade\s))"
_CLOCK = r"(?:\d{1,2}(?:[:.]\d\d)?\s*(?:a\.?m\.?|p\.?m\.?)(?:\s+(?:[ecmp][sd]t|gmt|utc))?|\d{1,2}:\d\d|noon|midnight|midday|\d{1,2} (?:in the (?:morning|afternoon|evening)|at night|o'clock))"

# (name, pattern, handler); every pattern is matched case-insensitively and in full by
# the normaliser, and searched with word boundaries by the recogniser.
GRAMMAR: list[tuple[str, str, Handler]] = [
    ("iso", r"(?P<y>\d{4})-(?P<m>\d\d)-(?P<d>\d\d)", _iso),
    ("week_of", rf"the\s+week\s+of\s+(?P<inner>(?:{_MON})\s+{_DAYNUM}(?:,?\s+{_YEAR})?|{_DAYNUM}\s+(?:of\s+)?{_MON}(?:,?\s+{_YEAR})?)", None),
    ("date", rf"(?:(?P<rel>last|next|this past|this coming|this)\s+)?(?:(?:{_CLOCK}),?\s+)?(?:{_WD},?\s+)?(?:(?P<mon>{_MON})\s+(?P<day>{_DAYNUM})(?:,?\s+(?P<year>{_YEAR}))?|(?P<day2>{_DAYNUM})\s+(?:of\s+)?(?P<mon2>{_MON})(?:,?\s+(?P<year2>{_YEAR}))?)", None),
    ("month_year", rf"(?P<mon>{_MON})(?:,?\s+|\s+of\s+)(?P<year>{_YEAR})", _full_date),
    ("clock_day", rf"(?P<clock>{_CLOCK})(?:,|\s+on)?\s+(?:(?P<deictic>today|yesterday|tomorrow)|(?P<wd>{_WD}))", None),
    ("day_clock", rf"(?:(?P<deictic>today|yesterday|tomorrow)|(?P<wd>{_WD}))(?:,)?\s+(?:at\s+)?(?P<clock>{_CLOCK})", None),
    ("deictic", rf"(?:(?:early|late|earlier|later)\s+)?(?P<deictic>the day before yesterday|today|tonight|yesterday|tomorrow)(?:\s+(?P<part>{_DAYPART}))?", _deictic),
    ("part_deictic", rf"(?:(?:early|late|mid-?)\s*)?(?P<part>{_DAYPART}|noon|midday|midnight|mid-afternoon)\s+(?P<deictic>today|yesterday|tomorrow)", _deictic),
    ("set_day", rf"(?:each|every)\s+(?:(?P<wd>{_WD})(?:\s+(?P<part>{_DAYPART}))?|(?P<mon>{_MON}))", None),
    ("weekday", rf"(?:(?P<rel>{_REL}|early|late|earlier|later)\s+)?(?P<wd>{_WD})(?:\s+(?P<part>{_DAYPART}))?", _weekday),
    ("part_weekday", rf"(?P<part>{_DAYPART}|noon|midday|midnight)\s+(?P<wd>{_WD})", None),
    ("holiday", rf"(?:(?P<rel>last|next|this)\s+)?(?P<h>christmas eve|christmas day|christmas|new year's eve|new year's day|new year's|thanksgiving day|thanksgiving|independence day|election day|halloween|valentine's day|boxing day)(?:,?\s+(?P<year>{_YEAR}))?", _holiday),
    ("part_alone", r"(?:early|late|mid-?|the)\s*(?P<part>morning|afternoon|evening)", _part_alone),
    ("this_part", r"(?P<rel>this|last|(?:later|earlier)\s+this)\s+(?P<part>morning|afternoon|evening|night)", None),
    ("overnight", r"overnight", None),
    ("relative", rf"(?P<rel>{_REL})\s+(?P<what>week|weekend|month|year|quarter|decade|spring|summer|fall|autumn|winter|{_MON})", _relative_unit),
    ("edge", rf"{_EDGE}\s*(?P<inner>(?:{_REL})\s+(?:week|month|year|quarter|decade|spring|summer|fall|autumn|winter)|{_MON}(?:\s+{_YEAR})?|{_YEAR}s?|the\s+(?:year|month|week|quarter|decade)|today|yesterday|tomorrow|(?:that|the same)\s+(?:day|week|month|year))", _edge),
    ("ago", rf"{_APPROX}?(?P<num>{_NUM})[- ](?P<unit>{_UNIT})(?:\s+or\s+so)?\s+(?P<dir>ago|from now|hence|{_BY_YEAR}(?:earlier|later))", _ago),
    ("year_end", r"(?:around\s+)?(?:the\s+)?(?:year[- ]end|year's\s+end)", _year_end),
    ("year_ago", r"(?:the\s+)?year-(?:earlier|ago)(?:\s+(?:(?:first|second|third|fourth)\s+)?(?:quarter|period))?", _year_ago),
    ("year_period", rf"the\s+(?P<y>{_YEAR})\s+(?:period|quarter)", _year_period),
    ("fiscal_year", r"the\s+(?P<rel>current|latest|last|previous|past|full|fiscal|whole)\s+(?:fiscal\s+)?year", _fiscal_year),
    ("century", r"(?:the\s+)?(?P<c>\d{1,2})(?:st|nd|rd|th)[- ]century", _century),
    ("month_rel_year", rf"(?P<mon>{_MON})\s+(?:of\s+)?(?P<rel>this|last|next)\s+year", _month_rel_year),
    ("quarter", rf"(?:the\s+)?(?:(?:(?P<year>{_YEAR})|(?P<relyear>this|last|next) year)(?:'s)?\s+)?(?:fiscal[-\s]+)?(?P<ord>first|second|third|fourth|1st|2nd|3rd|4th|latest|last|most recent|recent|past|previous|current|this)(?:[- ](?:fiscal|calendar))?[- ]quarter(?:\s+of\s+(?P<year2>{_YEAR}))?", None),
    ("half", rf"(?:the\s+)?(?P<ord>first|second|last)\s+half(?:\s+of\s+(?P<year>{_YEAR}))?", _half_year),
    ("season_alone", r"(?:(?:the|this)\s+(?:early\s+|late\s+)?(?P<season>spring|summer|fall|autumn|winter)|(?:early\s+|late\s+)?(?P<season2>summer|winter))", _season_alone),
    ("season", rf"(?:the\s+)?(?P<season>spring|summer|fall|autumn|winter)\s+(?:of\s+)?(?P<year>{_YEAR})", _season),
    ("anaphoric_unit", r"(?P<rel>that same|that|the same|the following|the previous|the preceding|the prior|the next)\s+(?P<what>year|quarter|month|week|day|morning|afternoon|evening|night)", _anaphoric_unit),
    ("weekend", r"the\s+weekend", _the_weekend),
    ("anaphoric", r"the\s+(?:quarter|period|latest period|latest quarter|same period|year-earlier quarter|year-ago quarter|year-earlier period|year-ago period)", None),
    # "recent years" / "coming months" stay PXY / PXM: the annotations split evenly between that and
    # PAST_REF / FUTURE_REF, and making them vague lowered AQUAINT
    ("half_more", rf"(?:{_APPROX})?(?P<num>{_NUM})\s+(?P<unit>{_UNIT})\s+and\s+a\s+half", None),
    ("duration", rf"(?:(?:the\s+)?{_APPROX}*(?P<num>{_NUM})[- ]|the\s+(?:(?:full|whole|entire|same|next|past|last|first)\s+)?|(?:recent|coming|the\s+coming|the\s+past\s+few|the\s+next\s+few|the\s+last\s+few|another|an\s+additional|a\s+further|one\s+more)\s+)?(?:more\s+|full\s+|straight\s+|consecutive\s+|trading\s+|business\s+)?(?P<unit>{_UNIT})(?:[- ]long)?", _duration),
    ("fiscal_named", rf"(?:the\s+)?(?:(?:fiscal|financial|calendar)\s+years?\s+(?P<y>{_YEAR})|(?P<y2>{_YEAR})\s+(?:fiscal|financial|calendar)\s+year)", None),
    ("fiscal", rf"(?:fiscal|calendar|the\s+(?:fiscal\s+)?year|the\s+end\s+of|the\s+(?:beginning|start|middle)\s+of)\s+(?P<y>{_YEAR})", _year),
    ("decade", r"(?:the\s+)?(?:early\s+|mid-?|late\s+)?(?:(?P<dec>1[6-9]\d0|20\d0)s|'(?P<short>\d0)s)"
               r"|the\s+(?:early\s+|mid-?|late\s+)?(?P<word>twenties|thirties|forties|fifties|sixties|seventies|eighties|nineties)", None),
    ("year", rf"(?P<y>{_YEAR})", _year),
    ("month", r"(?:(?:early|late|mid|the\s+(?:end|beginning|start|middle)\s+of)[- ]?\s*)?(?P<mon>january|february|march|april|june|july|august|september|october|november|december|jan\.|feb\.|aug\.|sept?\.|oct\.|nov\.|dec\.)", _month_alone),
    ("clock", rf"(?:(?:around|about|at|shortly after|shortly before|just after|just before)\s+)?(?P<clock>{_CLOCK})", _clock_only),
    ("present", r"now|right now|currently|current|at present|presently|these days|nowadays|at the moment|for now|at this time|the present|today's", _fixed("PRESENT_REF", "day")),
    ("past", r"recently|recent|lately|previously|formerly|the past|in the past|once|earlier|before|then|at the time|in recent (?:days|weeks|months|years)|recent (?:days|weeks|months|years)", _fixed("PAST_REF", "unknown")),
    ("future", r"soon|the future|the near future|future|the near term|the short term|the long term|later|eventually|in the coming (?:days|weeks|months|years)|coming (?:days|weeks|months|years)|the coming (?:days|weeks|months|years)", _fixed("FUTURE_REF", "unknown")),
    ("set", r"daily|weekly|monthly|annually|yearly|hourly|nightly|every\s+(?:day|week|month|year|quarter|night|hour)|each\s+(?:day|week|month|year|quarter|night)|a\s+(?:day|week|month|year)|per\s+(?:day|week|month|year)", _set),
]


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


class _Fake:
    """A stand-in for re.Match holding named groups (so handlers can be reused)."""

    def __init__(self, groups: dict[str, str | None]) -> None:
        self._g = groups

    def groupdict(self) -> dict[str, str | None]:
        return dict(self._g)

    def group(self, name: str) -> str | None:
        return self._g.get(name)


def _week_of(m: re.Match[str], anchor: date | None, tense: str, ref: str) -> Result | None:
    """"the week of March 6": the ISO week holding that day."""
    inner = normalise_time(m.group("inner"), anchor, tense, ref)
    if inner is None or not re.fullmatch(r"\d{4}-\d\d-\d\d", inner[0]):
        return None
    return _week(date.fromisoformat(inner[0])), "week", "DATE"


def _set_day(m: re.Match[str], anchor: date | None, tense: str, ref: str) -> Result | None:
    """"each Thursday", "every Monday night", "each July": a recurring day or month (TimeML SET)."""
    if m.group("mon"):
        return f"XXXX-{_month_num(m.group('mon')):02d}", "month", "SET"
    value = f"XXXX-WXX-{WEEKDAYS[m.group('wd').lower().rstrip('.')] + 1}"
    part = (m.group("part") or "").lower()
    return (f"{value}T{DAYPARTS[part]}", "hour", "SET") if part else (value, "day", "SET")


def _duration_half(m: re.Match[str]) -> Result | None:
    """"a year and a half" -> P1Y6M, "two hours and a half" -> PT2H30M."""
    n = _n(m.group("num"))
    unit_word = re.sub(r"s$", "", m.group("unit").lower())
    if n is None or not float(n).is_integer():
        return None
    return _compound(int(n), 0.5, unit_word)


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


def _quarter_any(m: re.Match[str], anchor: date | None, tense: str, ref: str) -> Result | None:
    g = m.groupdict()
    year = g.get("year") or g.get("year2")
    if g.get("relyear") and anchor is not None:
        year = str(anchor.year + {"this": 0, "last": -1, "next": 1}[g["relyear"].lower()])
    return _quarter_ord(_Fake({"ord": g["ord"], "year": year}), anchor, tense, ref)


_DECADE_WORDS = {"twenties": "20", "thirties": "30", "forties": "40", "fifties": "50", "sixties": "60",
                 "seventies": "70", "eighties": "80", "nineties": "90"}


def _decade_any(m: re.Match[str], anchor: date | None, tense: str, ref: str) -> Result | None:
    word = m.group("word")
    digits = m.group("dec") or m.group("short") or _DECADE_WORDS[word.lower()]
    return _decade(_Fake({"dec": digits}), anchor, tense, ref)


def _overnight(m: re.Match[str], anchor: date | None, tense: str, ref: str) -> Result | None:
    return _daypart((anchor - timedelta(days=1)).isoformat(), "night") if anchor else None


_LATE_BOUND = {
    "date": _date_any, "clock_day": _clock_day, "day_clock": _clock_day, "part_weekday": _part_weekday,
    "quarter": _quarter_any, "decade": _decade_any, "this_part": _this_part, "overnight": _overnight,
    "anaphoric": _anaphoric, "week_of": _week_of, "set_day": _set_day,
    "fiscal_named": lambda m, a, t, r: (str(_year_int(m.group("y") or m.group("y2"))), "year", "DATE"),
    "half_more": lambda m, a, t, r: _duration_half(m),
}
COMPILED: list[tuple[str, re.Pattern[str], Handler]] = [
    (name, re.compile(pattern, re.I), handler or _LATE_BOUND[name]) for name, pattern, handler in GRAMMAR
]
_LEAD = re.compile(r"^(?:(?:on|in|at(?!\s+(?:least|most)\b)|by|since|until|till|from|during|for|of|over|through|throughout|before|after|as of)\s+)+", re.I)


def normalise_time(
    text: str, anchor: datetime | date | None, tense: str = "past", reference: str = ""
) -> Result | None:
    """TIMEX3 ``(value, precision, type)`` of one time expression, or None when not one.

    ``anchor`` is the publication date (None: only absolute values and durations
    resolve); ``tense`` ("past" / "future" / "present") of the governing verb sets the
    direction of bare weekdays and months; ``reference`` is the value of the previous
    expression in the text, for anaphoric ones ("a year earlier", "the quarter").

    >>> normalise_time("on Saturday", date(2024, 11, 30))
    ('2024-11-30', 'day', 'DATE')
    >>> normalise_time("Monday", date(2024, 11, 30), tense="future")
    ('2024-12-02', 'day', 'DATE')
    >>> normalise_time("since 2011", None)
    ('2011', 'year', 'DATE')
    """
    cleaned = " ".join(_LEAD.sub("", text.strip().rstrip(".,;:").strip()).split())
    cleaned = re.sub(r"\s*'s$", "", cleaned)
    if not cleaned:
        return None
    anchor_date = _as_date(anchor)
    for name, pattern, handler in COMPILED:
        m = pattern.fullmatch(cleaned)
        if m:
            try:
                return handler(m, anchor_date, tense, reference)
            except (ValueError, KeyError, OverflowError) as exc:
                log.debug("cannot normalise %r with %s: %s", text, name, exc)
                return None
    return None
