"""The time-expression grammar: one pattern per shape, each with the rule that resolves it.

``GRAMMAR`` lists ``(name, pattern, handler)``; ``normalise_time`` matches a text
against the patterns in order and lets the first full match resolve it against
the anchor (publication date), the governing verb's tense and the previous
expression's value. The recogniser in ``times`` searches the same patterns, so
every span it finds can be resolved. See ``wiretrail.extract.times`` for the rules.

The handlers live with what they resolve: ``time_days`` (dates, weekdays, deictic
days, clock times, holidays), ``time_hijri`` (Islamic months and feasts) and
``time_periods`` (weeks to centuries, anaphoric periods, durations, sets); the words
and calendar helpers are in ``time_lexicon``.

>>> normalise_time("last week", date(2024, 11, 30))
('2024-W47', 'week', 'DATE')
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from datetime import date, datetime, timedelta

from wiretrail.extract.time_days import (
    _clock_day, _clock_only, _date_any, _deictic, _full_date, _holiday, _iso, _overnight, _part_alone,
    _part_weekday, _this_part, _weekday,
)
from wiretrail.extract.time_hijri import HIJRI_PATTERNS
from wiretrail.extract.time_lexicon import (
    _APPROX, _CLOCK, _DAYNUM, _DAYPART, _DAYWORD, _EDGE, _MON, _NUM, _NUMW, _REL, _UNIT, _WD, _YEAR, Result,
    _as_date, _Fake, _week, _year_int,
)
from wiretrail.extract.time_periods import (
    _ago, _anaphoric, _anaphoric_unit, _century, _decade_any, _duration, _duration_half, _fiscal_year,
    _half_year, _in_the_unit, _month_alone, _month_rel_year, _quarter_any, _relative_unit, _season, _season_alone, _set,
    _set_day, _the_weekend, _year, _year_ago, _year_end, _year_period,
)

__all__ = ["COMPILED", "GRAMMAR", "Handler", "Result", "_Fake", "_month_alone", "normalise_time"]

log = logging.getLogger(__name__)

# ---------------------------------------------------------------- handlers
Handler = Callable[[re.Match[str], date | None, str, str], Result | None]


def _edge(m: re.Match[str], anchor: date | None, tense: str, ref: str) -> Result | None:
    """"earlier this month", "late last year", "the end of 1990": the inner expression's value."""
    inner = m.group("inner")
    bare = re.fullmatch(r"the\s+(year|month|week|quarter|decade)", inner, re.I)
    if bare:
        inner = f"this {bare.group(1)}"  # "the end of the year": this year, not a duration
    return normalise_time(inner, anchor, tense, ref)


def _fixed(value: str, precision: str, kind: str = "DATE") -> Handler:
    return lambda m, a, t, r: (value, precision, kind)


# "three days later" is a DURATION with "later" as its signal (TimeML), while "a year
# earlier" is the year-on-year reference point of financial news, a DATE
_BY_YEAR = r"(?:(?<=years\s)|(?<=year\s)|(?<=quarters\s)|(?<=quarter\s)|(?<=decades\s)|(?<=decade\s))"

# (name, pattern, handler); every pattern is matched case-insensitively and in full by
# the normaliser, and searched with word boundaries by the recogniser.
GRAMMAR: list[tuple[str, str, Handler]] = [
    ("day_beside", rf"the\s+day\s+(?P<dir>before|after)\s+(?P<inner>(?:(?:last|next|this)\s+)?{_WD}|(?:{_MON})\s+{_DAYNUM}(?:,?\s+{_YEAR})?|{_DAYNUM}\s+(?:of\s+)?{_MON}(?:,?\s+{_YEAR})?|christmas|new year's day|thanksgiving|election day)", None),
    ("iso", r"(?P<y>\d{4})-(?P<m>\d\d)-(?P<d>\d\d)", _iso),
    ("week_of", rf"the\s+week\s+of\s+(?P<inner>(?:{_MON})\s+{_DAYNUM}(?:,?\s+{_YEAR})?|{_DAYNUM}\s+(?:of\s+)?{_MON}(?:,?\s+{_YEAR})?)", None),
    ("date", rf"(?:(?P<rel>last|next|this past|this coming|this)\s+)?(?:(?:{_CLOCK}),?\s+)?(?:{_WD},?\s+)?(?:(?P<mon>{_MON})\s+(?P<day>{_DAYNUM}|{_DAYWORD})(?:,?\s+(?P<year>{_YEAR}))?|(?:the\s+)?(?P<day2>{_DAYNUM}|{_DAYWORD}(?=\s+of\s))\s+(?:of\s+)?(?P<mon2>{_MON})(?:,?\s+(?P<year2>{_YEAR}))?)", None),
    ("month_year", rf"(?P<mon>{_MON})(?:,?\s+|\s+of\s+)(?P<year>{_YEAR})", _full_date),
    ("clock_day", rf"(?P<clock>{_CLOCK})(?:,|\s+on)?\s+(?:(?P<deictic>today|yesterday|tomorrow)|(?P<wd>{_WD}))", None),
    ("day_clock", rf"(?:(?P<deictic>today|yesterday|tomorrow)|(?P<wd>{_WD}))(?:,)?\s+(?:at\s+)?(?P<clock>{_CLOCK})", None),
    ("deictic", rf"(?:(?:early|late|earlier|later)\s+)?(?P<deictic>the day before yesterday|today|tonight|yesterday|tomorrow)(?:\s+(?P<part>{_DAYPART}))?", _deictic),
    ("part_deictic", rf"(?:(?:early|late|mid-?)\s*)?(?P<part>{_DAYPART}|noon|midday|midnight|mid-afternoon)\s+(?P<deictic>today|yesterday|tomorrow)", _deictic),
    ("set_day", rf"(?:each|every)\s+(?:(?P<wd>{_WD})(?:\s+(?P<part>{_DAYPART}))?|(?P<mon>{_MON}))", None),
    ("set_weekdays", rf"(?P<wd>monday|tuesday|wednesday|thursday|friday|saturday|sunday)s(?:\s+(?P<part>morning|afternoon|evening|night)s?)?|(?P<wd2>{_WD})\s+(?P<part2>morning|afternoon|evening|night)s", None),
    ("weekday", rf"(?:(?P<rel>{_REL}|early|late|earlier|later)\s+)?(?P<wd>{_WD})(?:\s+(?P<part>{_DAYPART}))?", _weekday),
    ("part_weekday", rf"(?P<part>{_DAYPART}|noon|midday|midnight)\s+(?P<wd>{_WD})", None),
    *HIJRI_PATTERNS,  # Islamic months and feasts ("during Ramadan", "Eid al-Adha 2023", "15 Shaaban 1446")
    ("holiday", rf"(?:(?P<rel>last|next|this)\s+)?(?P<h>christmas eve|christmas day|christmas|new year's eve|new year's day|new year's|thanksgiving day|thanksgiving|independence day|election day|halloween|valentine's day|boxing day|veterans day|memorial day|labor day|easter\s+(?:sunday|monday|week)|easter|good friday|palm sunday|holy week)(?:,?\s+(?P<year>{_YEAR}))?", _holiday),
    ("in_the_unit", r"(?:early|late|earlier|later)\s+in\s+the\s+(?P<what>day|morning|afternoon|evening|week|month|year)", _in_the_unit),
    ("part_alone", r"(?:early|late|mid-?|the)\s*(?P<part>morning|afternoon|evening)", _part_alone),
    ("this_part", r"(?P<rel>this|last|(?:later|earlier)\s+this)\s+(?P<part>morning|afternoon|evening|night)", None),
    ("overnight", r"overnight", None),
    ("relative", rf"(?P<rel>{_REL})\s+(?P<what>week|weekend|month|year|quarter|decade|century|spring|summer|fall|autumn|winter|{_MON})", _relative_unit),
    ("edge", rf"{_EDGE}\s*(?P<inner>(?:{_REL})\s+(?:week|month|year|quarter|decade|spring|summer|fall|autumn|winter)|{_MON}(?:\s+{_YEAR})?|{_YEAR}s?|the\s+(?:year|month|week|quarter|decade)|today|yesterday|tomorrow|(?:that|the same)\s+(?:day|week|month|year))", _edge),
    ("ago", rf"{_APPROX}?(?P<num>{_NUM})[- ](?P<unit>{_UNIT})(?:\s+or\s+so)?\s+(?P<dir>ago|from now|hence|{_BY_YEAR}(?:earlier|later))", _ago),
    ("year_end", r"(?:around\s+)?(?:the\s+)?(?:year[- ]end|year's\s+end)", _year_end),
    ("year_ago", rf"(?:the\s+)?(?:comparable\s+|corresponding\s+)?year-(?:earlier|ago)(?:\s+(?:(?P<ord>first|second|third|fourth)\s+)?(?:quarter|period)|\s+(?P<months>{_NUMW}|\d+)\s+months)?", _year_ago),
    ("period_year_ago", r"(?:the\s+)?(?:same\s+|comparable\s+|corresponding\s+|year-(?:ago|earlier)\s+)?(?:(?P<ord>first|second|third|fourth)\s+)?(?:quarter|period)\s+(?:a\s+year\s+(?:ago|earlier)|(?:of\s+)?last\s+year|(?:of\s+)?the\s+previous\s+year)"
                        r"|last\s+year's\s+(?:(?P<ord2>first|second|third|fourth)\s+)?(?:quarter|period)", _year_ago),
    ("year_period", rf"the\s+(?P<y>{_YEAR})\s+(?:period|quarter)", _year_period),
    ("fiscal_year", r"the\s+(?P<rel>current|latest|last|previous|past|full|fiscal|whole)\s+(?:fiscal\s+)?year", _fiscal_year),
    ("century", r"(?:the\s+)?(?P<c>\d{1,2})(?:st|nd|rd|th)[- ]century", _century),
    ("month_rel_year", rf"(?P<mon>{_MON})\s+(?:of\s+)?(?P<rel>this|last|next)\s+year", _month_rel_year),
    ("quarter", rf"(?:the\s+)?(?:(?:(?P<year>{_YEAR})|(?P<relyear>this|last|next) year)(?:'s)?\s+)?(?:(?P<fiscal>fiscal)[-\s]+)?(?P<ord>first|second|third|fourth|1st|2nd|3rd|4th|latest|last|most recent|recent|past|previous|current|this)(?:[- ](?:(?P<fiscal2>fiscal)|calendar))?[- ]quarter(?:\s+of\s+(?P<year2>{_YEAR}))?", None),
    ("decade_part", r"(?:the\s+)?(?:first|second|last|latter|early|earlier|later)\s+(?:half|part|years)\s+of\s+(?P<inner>the\s+(?:(?:1[6-9]\d0|20\d0)s|['‘’]\d0s|twenties|thirties|forties|fifties|sixties|seventies|eighties|nineties))", _edge),
    ("half", rf"(?:the\s+)?(?P<ord>first|second|last)\s+(?:half|(?<=first )two\s+quarters)(?:\s+of\s+(?P<year>{_YEAR}))?", _half_year),
    ("season_alone", r"(?:(?:the|this)\s+(?:early\s+|late\s+)?(?P<season>spring|summer|fall|autumn|winter)|(?:early\s+|late\s+)?(?P<season2>summer|winter))", _season_alone),
    ("season", rf"(?:the\s+)?(?P<season>spring|summer|fall|autumn|winter)\s+(?:of\s+)?(?P<year>{_YEAR})", _season),
    ("anaphoric_unit", r"(?P<rel>that same|that|the same|the following|the previous|the preceding|the prior|the next)\s+(?P<what>year|quarter|month|week|day|morning|afternoon|evening|night)", _anaphoric_unit),
    ("weekend", r"the\s+weekend", _the_weekend),
    ("anaphoric", r"the\s+(?:quarter|period|latest period|latest quarter|same period|year-earlier quarter|year-ago quarter|year-earlier period|year-ago period)", None),
    # "recent years" / "coming months" stay PXY / PXM: the annotations split evenly between that and
    # PAST_REF / FUTURE_REF, and making them vague lowered AQUAINT
    ("quarter_century", r"(?:(?:a|one|the\s+(?:past|last|next|first))\s+)?quarter[- ]century", _fixed("P25Y", "year", "DURATION")),
    ("half_more", rf"(?:{_APPROX})?(?P<num>{_NUM})\s+(?P<unit>{_UNIT})\s+and\s+a\s+half", None),
    ("duration", rf"(?:(?:the\s+)?{_APPROX}*(?P<num>{_NUM})[- ]|the\s+(?:(?:full|whole|entire|same|next|past|last|first)\s+)?|(?:recent|coming|the\s+coming|the\s+past\s+few|the\s+next\s+few|the\s+last\s+few|another|an\s+additional|a\s+further|one\s+more)\s+)?(?:more\s+|full\s+|straight\s+|consecutive\s+|trading\s+|business\s+)?(?P<unit>{_UNIT})(?:[- ]long)?", _duration),
    ("fiscal_named", rf"(?:the\s+)?(?:(?:fiscal|financial|calendar)\s+years?\s+(?P<y>{_YEAR})|(?P<y2>{_YEAR})\s+(?:fiscal|financial|calendar)\s+year)", None),
    ("fiscal", rf"(?:fiscal|calendar|the\s+(?:fiscal\s+)?year|the\s+end\s+of|the\s+(?:beginning|start|middle)\s+of)\s+(?P<y>{_YEAR})", _year),
    ("decade", r"(?:the\s+)?(?:early\s+|mid-?|late\s+)?(?:(?P<dec>1[6-9]\d0|20\d0)s|['‘’](?P<short>\d0)s)"
               r"|the\s+(?:early\s+|mid-?|late\s+)?(?P<word>twenties|thirties|forties|fifties|sixties|seventies|eighties|nineties)", None),
    ("year", rf"(?P<y>{_YEAR})", _year),
    ("month", r"(?:(?:early|late|mid|the\s+(?:end|beginning|start|middle)\s+of)[- ]?\s*)?(?P<mon>january|february|march|april|june|july|august|september|october|november|december|jan\.|feb\.|aug\.|sept?\.|oct\.|nov\.|dec\.)", _month_alone),
    ("clock", rf"(?:(?:around|about|shortly after|shortly before|just after|just before)\s+)?(?P<clock>{_CLOCK})", _clock_only),
    ("present", r"now|right now|currently|current|at present|presently|these days|nowadays|at the moment|for now|at this time|the present|today's", _fixed("PRESENT_REF", "day")),
    ("past", r"recently|recent|lately|previously|formerly|the past|in the past|once|earlier|before|then|at the time|in recent (?:days|weeks|months|years)|recent (?:days|weeks|months|years)", _fixed("PAST_REF", "unknown")),
    ("future", r"soon|the future|the near future|future|the near term|the short term|the long term|later|eventually|in the coming (?:days|weeks|months|years)|coming (?:days|weeks|months|years)|the coming (?:days|weeks|months|years)", _fixed("FUTURE_REF", "unknown")),
    ("set", r"daily|weekly|monthly|annually|yearly|hourly|nightly|every\s+(?:day|week|month|year|quarter|night|hour)|each\s+(?:day|week|month|year|quarter|night)|a\s+(?:day|week|month|year)|per\s+(?:day|week|month|year)", _set),
]



def _day_beside(m: re.Match[str], anchor: date | None, tense: str, ref: str) -> Result | None:
    """"the day before last Tuesday", "the day after Nov. 3": the day next to the one named."""
    inner = normalise_time(m.group("inner"), anchor, tense, ref)
    if inner is None or not re.fullmatch(r"\d{4}-\d\d-\d\d", inner[0]):
        return None
    step = -1 if m.group("dir").lower() == "before" else 1
    return (date.fromisoformat(inner[0]) + timedelta(days=step)).isoformat(), "day", "DATE"


def _week_of(m: re.Match[str], anchor: date | None, tense: str, ref: str) -> Result | None:
    """"the week of March 6": the ISO week holding that day."""
    inner = normalise_time(m.group("inner"), anchor, tense, ref)
    if inner is None or not re.fullmatch(r"\d{4}-\d\d-\d\d", inner[0]):
        return None
    return _week(date.fromisoformat(inner[0])), "week", "DATE"


_LATE_BOUND = {
    "date": _date_any, "clock_day": _clock_day, "day_clock": _clock_day, "part_weekday": _part_weekday,
    "quarter": _quarter_any, "decade": _decade_any, "this_part": _this_part, "overnight": _overnight,
    "anaphoric": _anaphoric, "week_of": _week_of, "day_beside": _day_beside, "set_day": _set_day,
    "set_weekdays": lambda m, a, t, r: _set_day(_Fake({"wd": m.group("wd") or m.group("wd2"),  # type: ignore[arg-type]
                                                       "part": m.group("part") or m.group("part2")}), a, t, r),
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

