"""Words and patterns of English time expressions, and the calendar helpers they need.

Shared by the normaliser (``time_grammar`` and its handlers in ``time_days`` / ``time_periods``)
and the recogniser (``times``).

>>> _n("twenty-four"), _year_int("nineteen ninety-six")
(24, 1996)
"""

from __future__ import annotations

import re
from calendar import monthrange
from datetime import date, datetime

Result = tuple[str, str, str]  # value, precision, type

MONTHS = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
    "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9,
    "sept": 9, "oct": 10, "nov": 11, "dec": 12,
}
WEEKDAYS = {
    "monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5, "sunday": 6,
    "mon": 0, "tue": 1, "tues": 1, "wed": 2, "thu": 3, "thur": 3, "thurs": 3, "fri": 4, "sat": 5, "sun": 6,
}
SEASONS = {"spring": "SP", "summer": "SU", "fall": "FA", "autumn": "FA", "winter": "WI"}
DAYPARTS = {
    "morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI", "overnight": "NI",
    "mid-afternoon": "AF", "mid afternoon": "AF", "midday": "12:00", "noon": "12:00", "midnight": "24:00",
}
UNITS = {
    "second": "S", "minute": "M", "hour": "H", "day": "D", "night": "D", "week": "W", "weekend": "WE",
    "fortnight": "W", "month": "M", "quarter": "Q", "year": "Y", "decade": "DE", "century": "CE",
}
UNIT_PRECISION = {
    "S": "second", "M": "month", "H": "hour", "D": "day", "W": "week", "Q": "quarter", "Y": "year",
    "DE": "decade", "CE": "decade", "WE": "week",
}
SMALL = {
    "zero": 0, "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80,
    "ninety": 90, "hundred": 100, "a hundred": 100, "a couple of": 2, "couple of": 2, "half a": 0.5,
    "a dozen": 12, "dozen": 12,
}
VAGUE_NUM = {"a few", "few", "several", "some", "many", "the next few", "a number of", "numerous"}
ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "1st": 1, "2nd": 2, "3rd": 3, "4th": 4}

# ---------------------------------------------------------------- grammar pieces
_MON = r"(?:jan(?:uary|\.)?|feb(?:ruary|\.)?|mar(?:ch|\.)?|apr(?:il|\.)?|may|june|jun\.|july|jul\.|aug(?:ust|\.)?|sept?(?:ember|\.)?|oct(?:ober|\.)?|nov(?:ember|\.)?|dec(?:ember|\.)?)"
_WD = r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|mon\.|tues?\.|wed\.|thu(?:rs?)?\.|fri\.|sat\.|sun\.)"
_NUMW = (
    r"(?:(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[- ](?:one|two|three|four|five|six|seven|eight|nine))?"
    r"|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|"
    r"seventeen|eighteen|nineteen|a hundred|hundred)"
)
_NUM = rf"(?:\d+(?:\.\d+)?(?: \d/\d)?|{_NUMW}|an?|a couple of|couple of|a few|few|several|some|many|a number of|half an?|a dozen)"
_UNIT = r"(?:seconds?|minutes?|hours?|days?|nights?|weeks?|weekends?|fortnights?|months?|quarters?|years?|decades?|centur(?:y|ies))"
_DAYPART = r"(?:morning|afternoon|evening|night|overnight)"
_TENS = r"(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[- ](?:one|two|three|four|five|six|seven|eight|nine))?"
_YEAR_WORDS = (
    rf"(?:(?:eighteen|nineteen|twenty)[- ](?:{_TENS}|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|"
    r"eighteen|nineteen|hundred|oh[- ](?:one|two|three|four|five|six|seven|eight|nine))"
    r"|two thousand(?:(?: and)? (?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|" + _TENS + r"))?)"
)
_YEAR = rf"(?:1[6-9]\d\d|20\d\d|{_YEAR_WORDS})"


def _year_int(text: str) -> int:
    """A year in digits or words: "1996", "nineteen ninety-six", "two thousand and one"."""
    t = text.lower().strip()
    if t.isdigit():
        return int(t)
    if t.startswith("two thousand"):
        rest = t[len("two thousand"):].replace(" and ", " ").strip()
        return 2000 + int(_n(rest) or 0) if rest else 2000
    head, _, rest = t.replace("-", " ", 1).partition(" ")
    rest = rest.replace("oh ", "").replace("oh-", "")
    tail = 0 if rest == "hundred" else int(_n(rest) or 0)
    return int(SMALL[head]) * 100 + tail
_DAYNUM = r"(?:[0-3]?\d)(?:st|nd|rd|th)?"
_ORDINAL_WORDS = (
    "first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth thirteenth fourteenth "
    "fifteenth sixteenth seventeenth eighteenth nineteenth"
).split()
# a day of the month in words ("March eighth", "the twenty-first of May"); not before a hyphen ("first-quarter")
_DAYWORD = (
    r"(?:(?:twenty|thirty)[- ](?:" + "|".join(_ORDINAL_WORDS[:9]) + r")|twentieth|thirtieth|"
    + "|".join(sorted(_ORDINAL_WORDS, key=len, reverse=True)) + r")(?!-)"
)


def _day_int(text: str) -> int:
    """A day of the month in digits or words: "8th", "eighth", "twenty-first"."""
    t = text.lower().strip()
    digits = re.match(r"\d+", t)
    if digits:
        return int(digits.group())
    tens, _, unit = t.replace(" ", "-").rpartition("-")
    base = {"twenty": 20, "thirty": 30}.get(tens, 0)
    if unit in ("twentieth", "thirtieth"):
        return 20 if unit == "twentieth" else 30
    return base + _ORDINAL_WORDS.index(unit) + 1
_APPROX = r"(?:(?:about|around|nearly|almost|approximately|roughly|some|more than|less than|fewer than|at least|at most|up to|no more than|another|an additional|the first|the last|the past|the next|the final|the previous|the coming|the following|the remaining)\s+)"
_REL = r"(?:this|last|next|past|previous|coming|the coming|the next|the past|the last|the previous|the following|this past|this coming)"
_CLOCK = r"(?:\d{1,2}(?:[:.]\d\d)?\s*(?:a\.?m\.?|p\.?m\.?)(?:\s+(?:[ecmp][sd]t|gmt|utc))?|\d{1,2}:\d\d|noon|midnight|midday|\d{1,2} (?:in the (?:morning|afternoon|evening)|at night|o'clock))"
_EDGE = r"(?:(?:early|late|mid|the (?:beginning|start|end|middle|rest|remainder) of|earlier|later|sometime)[- ]?)"


def _n(word: str) -> float | None:
    """A number written in digits or words ("twenty-four", "2 1/2", "a"); None when vague."""
    w = word.lower().strip().replace(",", "")
    if w in VAGUE_NUM:
        return None
    if w in SMALL:
        return SMALL[w]
    if w.startswith("half"):
        return 0.5
    m = re.fullmatch(r"(\d+(?:\.\d+)?)(?: (\d)/(\d))?", w)
    if m:
        value = float(m.group(1))
        if m.group(2):
            value += int(m.group(2)) / int(m.group(3))
        return value
    parts = re.split(r"[- ]", w)
    if len(parts) == 2 and parts[0] in SMALL and parts[1] in SMALL:
        return SMALL[parts[0]] + SMALL[parts[1]]
    return None


def _week(d: date) -> str:
    y, w, _ = d.isocalendar()
    return f"{y}-W{w:02d}"


def _quarter(d: date) -> int:
    return (d.month - 1) // 3 + 1


def _shift_month(d: date, months: int) -> date:
    total = d.year * 12 + d.month - 1 + months
    y, m = divmod(total, 12)
    return date(y, m + 1, min(d.day, monthrange(y, m + 1)[1]))


def _as_date(anchor: datetime | date | None) -> date | None:
    if anchor is None:
        return None
    return anchor.date() if isinstance(anchor, datetime) else anchor


def parse_anchor(published: str) -> date | None:
    """The publication date from an ISO-8601 string ("" or unreadable -> None)."""
    m = re.match(r"(\d{4})-?(\d{2})-?(\d{2})", published or "")
    if not m:
        return None
    try:
        return date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError:
        return None


class _Fake:
    """A stand-in for re.Match holding named groups (so handlers can be reused)."""

    def __init__(self, groups: dict[str, str | None]) -> None:
        self._g = groups

    def groupdict(self) -> dict[str, str | None]:
        return dict(self._g)

    def group(self, name: str) -> str | None:
        return self._g.get(name)
