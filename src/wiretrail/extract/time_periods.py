"""Period-level time expressions: weeks, months, quarters, seasons, years, decades, centuries,
durations and sets, absolute, deictic ("last month") or anaphoric ("the following year").

Handlers take ``(match, anchor, tense, reference)`` and return a TIMEX3
``(value, precision, type)`` or None; ``time_grammar`` binds them to patterns.

>>> _compound(2, 0.5, "year")
('P2Y6M', 'year', 'DURATION')
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from wiretrail.extract.time_days import _daypart, _month_num, _month_year
from wiretrail.extract.time_lexicon import (
    DAYPARTS, MONTHS, ORDINALS, SEASONS, UNIT_PRECISION, UNITS, WEEKDAYS, Result, _Fake, _n, _quarter,
    _shift_month, _week, _year_int, parse_anchor,
)


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
    if what == "century":
        if step < 0 and m.group("rel").lower().startswith("the "):
            return "P100Y", "year", "DURATION"  # "the past century": the hundred years up to now
        return f"{anchor.year // 100 + step:02d}", "century", "DATE"  # "this century" in 1999: the 1900s
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


def _in_the_unit(m: re.Match[str], anchor: date | None, tense: str, ref: str) -> Result | None:
    """"later in the day", "early in the week": the day (week, month, year) the text is about, else
    the one of publication."""
    what = m.group("what").lower()
    day = parse_anchor(ref) if re.fullmatch(r"\d{4}-\d\d-\d\d.*", ref or "") else anchor
    if what in ("morning", "afternoon", "evening"):
        return _daypart(day.isoformat(), what) if day else None
    if what == "day":
        return (day.isoformat(), "day", "DATE") if day else None
    if what == "week":
        return (_week(day), "week", "DATE") if day else None
    if what == "month":
        if re.match(r"\d{4}-\d\d", ref or ""):
            return ref[:7], "month", "DATE"
        return (f"{anchor.year}-{anchor.month:02d}", "month", "DATE") if anchor else None
    if re.match(r"\d{4}", ref or ""):
        return ref[:4], "year", "DATE"
    return (str(anchor.year), "year", "DATE") if anchor else None


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
    if unit == "day" and step == 0 and re.fullmatch(r"\d{4}-\d\d", ref or ""):
        return f"{ref}-XX", "day", "DATE"  # "that same day" in a month the text named: a day of that month
    if unit == "week" and base is not None:
        return _week(base + timedelta(weeks=step)), "week", "DATE"
    if anchor is None or step == 0:
        return None
    if unit == "day":  # "the previous day" with no day in the text yet: next to the day of publication
        return (anchor + timedelta(days=step)).isoformat(), "day", "DATE"
    fake = _Fake({"rel": "next" if step > 0 else "last", "what": unit})
    return _relative_unit(fake, anchor, tense, ref)  # type: ignore[arg-type]


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
    if raw is None and re.search(r"-long$", m.group(0), re.I):
        raw = None if plural else "1"  # "a day-long meeting": one day; "a decades-long battle": decades
    if raw is None and not plural and not m.group(0).lower().startswith("the"):
        return None  # a bare "year" or "day" is not a time expression by itself
    if raw is None and re.match(r"(?:second|minute|hour|night|day|quarter)s?$", unit_lower) and not re.search(
        r"recent|coming|past|next|last|few", m.group(0).lower()
    ):
        return None  # "the day", "the second", "hours", "larger quarters": too often not a time expression
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
    if letter in ("DE", "CE"):  # ISO 8601 periods have no decade or century designator
        if amount != "X":
            amount = str(int(amount) * {"DE": 10, "CE": 100}[letter])
        letter = "Y"  # a quarter keeps TimeML's own unit: "two quarters" is P2Q, "several quarters" PXQ
    letter = {"DE": "E", "CE": "C"}.get(letter, letter)
    value = f"PT{amount}{letter}" if time_part else f"P{amount}{letter}"
    return value, UNIT_PRECISION.get(unit if not time_part else unit_word[0].upper(), "unknown") if not time_part else unit_word, "DURATION"


_SUB = {"year": ("M", 12), "month": ("D", 30), "day": ("H", 24), "hour": ("M", 60), "minute": ("S", 60)}


def _half(unit_word: str) -> Result | None:
    if unit_word in ("decade", "century"):  # "half a century": fifty years
        return f"P{5 if unit_word == 'decade' else 50}Y", "year", "DURATION"
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


def _year_ago(m: re.Match[str], anchor: date | None, tense: str, ref: str) -> Result | None:
    """"the year-ago quarter", "the same period last year", "last year's third quarter": the period the
    text reports on, a year before (a quarter named, else the last quarter mentioned, else the last
    complete one)."""
    text = m.group(0).lower()
    groups = m.groupdict()
    months = _n(groups["months"]) if groups.get("months") else None
    if months:  # "the year-earlier nine months": the same stretch of the year before, a length (TimeML)
        return f"P{int(months)}M", "month", "DURATION"
    ordinal = groups.get("ord") or groups.get("ord2")
    if ordinal and anchor is not None:
        return f"{anchor.year - 1}-Q{ORDINALS[ordinal.lower()]}", "quarter", "DATE"
    periodic = "quarter" in text or "period" in text and "year-" not in text
    if periodic and anchor is not None and not re.fullmatch(r"\d{4}-Q\d", ref or ""):
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
    if len(digits) == 2:  # the '90s / the 90s: the latest such decade, the coming one only when it is near
        if anchor is None:
            return f"19{digits[0]}", "decade", "DATE"
        # "the '90s" in 1989 are the coming 1990s, not the 1890s; "the '20s" in 2016 are the 1920s
        latest = anchor.year // 10 + (1 if anchor.year % 10 >= 7 else 0)
        starts = [(anchor.year // 100 + step) * 100 + int(digits) for step in (1, 0, -1)]
        start = next(y for y in starts if y // 10 <= latest)
        return str(start // 10), "decade", "DATE"
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
    elif m.group("fiscal"):
        # a fiscal year runs ahead of the calendar: its third quarter, reported in April, is the one just
        # ended, not the calendar third quarter of the year before; the year is the fiscal year under way
        y = anchor.year
    else:
        y = anchor.year - (1 if q > _quarter(anchor) and tense == "past" else 0)
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


def _set(m: re.Match[str], anchor: date | None, tense: str, ref: str) -> Result | None:
    word = m.group(0).lower()
    for key, value in (("hour", "PT1H"), ("day", "P1D"), ("dai", "P1D"), ("night", "P1D"), ("week", "P1W"),
                       ("month", "P1M"), ("quarter", "P1Q"), ("year", "P1Y"), ("annual", "P1Y")):
        if key in word:
            return value, "unknown", "SET"
    return None


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


def _quarter_any(m: re.Match[str], anchor: date | None, tense: str, ref: str) -> Result | None:
    g = m.groupdict()
    year = g.get("year") or g.get("year2")
    if g.get("relyear") and anchor is not None:
        year = str(anchor.year + {"this": 0, "last": -1, "next": 1}[g["relyear"].lower()])
    fiscal = g.get("fiscal") or g.get("fiscal2")
    return _quarter_ord(_Fake({"ord": g["ord"], "year": year, "fiscal": fiscal}), anchor, tense, ref)


_DECADE_WORDS = {"twenties": "20", "thirties": "30", "forties": "40", "fifties": "50", "sixties": "60",
                 "seventies": "70", "eighties": "80", "nineties": "90"}


def _decade_any(m: re.Match[str], anchor: date | None, tense: str, ref: str) -> Result | None:
    word = m.group("word")
    digits = m.group("dec") or m.group("short") or _DECADE_WORDS[word.lower()]
    return _decade(_Fake({"dec": digits}), anchor, tense, ref)
