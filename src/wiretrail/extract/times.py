"""Time expressions: find them in a parsed article and normalise them to TIMEX3 values.

Recognition combines one grammar of English time expressions (the same grammar the
normaliser reads, so every span found can be resolved) with spaCy's DATE/TIME
entities for the shapes the grammar does not know. Normalisation is rule-based and
anchored on the publication time:

- absolute dates (``January 3, 2020``, ``Nov. 6``, ``1998``) keep what they say; a
  missing year comes from the anchor;
- deictic words (``yesterday``, ``last week``, ``earlier this month``) count from
  the anchor at the expression's own granularity (``2024-W47``, ``2024-11``);
- bare weekdays and months (``on Saturday``, ``in March``) are the nearest such day
  or month *on or before* the anchor when the governing verb is in the past tense
  (news narrative), *on or after* it when the verb is future ("will meet on
  Monday") — the tense decides the direction, as in HeidelTime. Signals override
  the verb: "as early as / as soon as Tuesday" and "extended until Tuesday" look
  forward; a date under "payable / effective / due" takes the nearest such date;
  a past tense still allows the month right after the anchor's ("was extended to
  Nov. 16");
- "in five years" said of the future ("will be redeemed in five years") is the year five
  years after publication (``in two weeks``: that week), not a length;
- "three days later" is the duration ``P3D`` with "later" as its signal (TimeML);
  "a year earlier" stays the year-on-year reference date of financial news;
- a bare clock time ("at 10 p.m.") belongs to the day last mentioned; "overnight" is the
  night before it (a day of the week up to publication), else the night before publication;
- a bare definite "the year" / "the week" is the current one (a DATE), but "the year
  ended Sept. 30" is the period ``P1Y``;
- left out: unit nouns that stay unresolved although the article has a date ("the
  day", "minutes"), ages ("6-month-old"), decimals ("2082.1") and programme titles
  capitalised mid-sentence ("This Week", "60 Minutes");
- ``a year ago`` / ``a year earlier`` inherit the granularity of the previous
  expression in the text (after ``the third quarter`` they mean that quarter a year
  before), the anaphoric reading TimeML annotators use;
- "the following year", "later that year", "the previous Friday", "that quarter" count
  from the last date the text mentioned (recognised whether or not there is one);
- a weekday named bare more than once in an article is one day: when the verbs send the mentions to
  different days, all take the reading nearest publication; "last October" is a month the text is then
  about, so "that same day" after it is a day of that month (``1998-10-XX``);
- "the day after his death", "the day before the vote" are next to the last day the text named; after a
  date and a comma ("Oct. 12, the day before the plunge") the phrase restates that date;
- "last February" said in March is a year back ("last month" would name the month just
  gone); "last Oct. 23" looks back whatever the verb; a past perfect ("had been due to
  expire Friday") and a reduced relative ("the high set on Aug. 6") look back;
- rates ("$500 million a year", "twice a week") are SETs, as are "each Thursday" and
  "each July" (``XXXX-WXX-4``, ``XXXX-07``), plural weekdays ("on Tuesdays", "Tuesday
  nights": ``XXXX-WXX-2TNI``) and a weekday sharing a plural part of day ("Monday and
  Tuesday nights"); "the week of March 6" is that ISO week;
- not times: "quarter-to-quarter", "day-to-day", "year-over-year" (a manner of comparing),
  "larger quarters" and "in some quarters" (lodgings, people), "between a quarter and a third";
  "a quarter-century" is ``P25Y``;
  "a second group", "the annual March for Life", "in his 30s", "high noon", "today's world",
  "the people of tomorrow", "two thousand years" (a number, not the year 2000);
- uses of the vague words that refer to no time (TimeML marks only expressions that do): the
  discourse marker "Now," opening a sentence; "recently" grading a participle like "newly" ("have
  recently moved", "the recently passed law"); "most recently" ranking events before the time that
  follows ("most recently last October"); "a matter of months" (how soon, not a length);
- holidays: fixed ones, Easter by the Gregorian computus ("Good Friday", "Easter week" = the ISO
  week of Easter Sunday) and the US holidays set by weekday (Thanksgiving, Memorial Day, Labor Day);
- Islamic months and feasts on the tabular Hijri calendar (``time_hijri``): "during Ramadan" is the
  Gregorian day the month begins with precision ``month`` (``2025-03-01``), "Eid al-Fitr", "the eve of
  Eid", "15 Shaaban 1446" are days; the tense picks the occurrence as it does for bare months, a bare
  "Eid" is the nearer Eid; a PERSON name holding the word ("Tariq Ramadan") or a greeting ("Eid
  Mubarak") is no time. Tabular days can be a day off the sighted ones (see ``time_hijri``);
- "the day before last Tuesday" is the day beside the day named; "later in the day" / "early in the
  week" are the day or week the text is about; "this century" in 1999 is ``19``;
- "the quarter a year ago", "the same period last year", "last year's third quarter" are one
  expression, the reported quarter a year back; after "the nine months" (the stretch a report
  covers), "the year-earlier period" and "the year-earlier nine months" are that stretch
  (``P9M``); "the first two quarters of 1990" is ``1990-H1``;
- "the last half of the '80s" is the decade; "the '90s" (or "the ‘90s") is the latest such
  decade, the coming one only late in a decade (in 1989, the 1990s; in 2016, "the '20s" are the 1920s);
- days of the month in words: "March eighth", "the twenty-first of May";
- "April 24 and 25", "May 5 to 7": the bare second day takes the month of the first;
- unit nouns that name no calendar time here ("his year in kindergarten", "the third consecutive
  month", "the second day of an offensive") are left out when the article has a date;
- durations are ISO periods (``three years`` → ``P3Y``, ``a year and a half`` →
  ``P1Y6M``) except quarters, which keep TimeML's unit (``two quarters`` → ``P2Q``; "the quarter
  ended Sept. 30" → ``P1Q``, as "the year ended" is ``P1Y``); a fiscal quarter without a year is
  in the fiscal year under way (it runs ahead of the calendar); vague words are
  ``PRESENT_REF`` / ``PAST_REF`` / ``FUTURE_REF`` ("now", "currently", "recently", "the near
  term", "will one day").

>>> normalise_time("Saturday", date(2024, 11, 30))
('2024-11-30', 'day', 'DATE')
>>> normalise_time("last week", date(2024, 11, 30))
('2024-W47', 'week', 'DATE')
>>> normalise_time("three years", None)
('P3Y', 'year', 'DURATION')
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator
from datetime import date, timedelta

from spacy.tokens import Doc, Span as SpacySpan

from wiretrail.extract.time_grammar import GRAMMAR, Result, _Fake, _month_alone, normalise_time
from wiretrail.extract.time_hijri import HIJRI_WORD
from wiretrail.extract.time_lexicon import _DAYPART, _MON, _NUMW, _UNIT, _WD, _YEAR, parse_anchor
from wiretrail.extract.time_tense import tense_of
from wiretrail.model import Span, TimeExpression

__all__ = ["extract_times", "normalise_time", "parse_anchor", "Result"]

log = logging.getLogger(__name__)

# ---------------------------------------------------------------- recognition
_SEARCH = [
    (name, re.compile(r"(?<![\w])(?=[\w'])(?:" + re.sub(r"\(\?P<\w+>", "(?:", p) + ")", re.I))
    for name, p, _ in GRAMMAR
    if name not in ("past", "set", "future", "present")
]
# a pattern is only searched in sentences holding the word it cannot do without
_SEASON_WORD = r"spring|summer|fall|autumn|winter"
_NEED_WORDS: list[tuple[tuple[str, ...], str]] = [
    (("duration", "ago", "half_more"), rf"\b{_UNIT}\b"),
    (("date", "month_year", "month", "month_rel_year"), rf"\b{_MON}"),
    (("weekday", "part_weekday", "set_weekdays"), rf"\b{_WD}"),
    (("set_day",), r"\b(?:each|every)\b"),
    (("clock_day", "day_clock", "clock"), r"\d|noon|midnight|midday"),
    (("quarter", "anaphoric"), r"quarter|period"),
    (("year_ago",), r"year-"),
    (("half", "decade_part"), r"half|part|years|two quarters"),
    (("season", "season_alone"), _SEASON_WORD),
    (("decade",), r"\d0s|ties\b"),
    (("century",), r"century"),
    (("year", "fiscal", "year_period", "fiscal_named"), r"\d{4}|nineteen|eighteen|twenty|two thousand"),
    (("hijri_feast", "hijri_month", "holy_month"), HIJRI_WORD.pattern),
]
_NEEDS: dict[str, re.Pattern[str]] = {}
for _names, _need in _NEED_WORDS:
    _compiled = re.compile(_need, re.I)
    _NEEDS.update(dict.fromkeys(_names, _compiled))
_STANDALONE = re.compile(
    r"\b(?:right now|now|currently|current|recently|lately|formerly|nowadays|these days|at present|"
    r"the (?:near|short|long) term|"
    r"the (?:near |distant )?future|the past|daily|weekly|annually|yearly|hourly|"
    r"every (?:day|night|hour|week|month|year|quarter)|each (?:day|night|week|month|year|quarter))\b",
    re.I,
)
_BAD_NEXT = re.compile(r"^\s*(?:%|percent|per cent|\d|-\d|kilo|km|miles|metres|meters|people|troops|soldiers)", re.I)
_UNIT_NEXT = re.compile(rf"[\s-]+(?:{_UNIT})\b", re.I)
_BAD_PREV = re.compile(r"(?:\b(?:UNSCR|resolution|no\.|number|page|p\.|route|flight|article|section)|\$|#)\s*$", re.I)
# a spaCy DATE/TIME entity the grammar cannot resolve is kept only with one of these
_TIME_WORD = re.compile(
    rf"\b(?:{_MON}|{_WD}|(?!seconds?\b){_UNIT}|{_DAYPART}|{_YEAR}|\d0s|today|tonight|yesterday|tomorrow|now|noon|"
    r"midnight|ago|spring|summer|fall|autumn|winter|season|period|term|era|eve|weekend|christmas|easter|ramadan|eid)\b",
    re.I,
)
_FRACTION = re.compile(
    r"(?:\b(?:an?|one|two|three)[- ]quarters?\s+of\b(?!\s+(?:fiscal\s+)?(?:1[6-9]\d\d|20\d\d|this\s+year|last\s+year|next\s+year|the\s+(?:fiscal\s+)?year))"
    r"|\b(?:two|three)-quarters\b)",  # "two quarters of 1990" are quarters of a year, not a fraction
    re.I,
)
_LOWER_AMBIGUOUS = re.compile(r"\b(?:march|may)\b")  # the verbs, not the months


_PROBE = date(2000, 6, 15)  # recognition must not depend on whether the article has a date
_PROBE_REF = "2000-06-15"  # nor on an earlier date in the text ("later that year" is an expression either way)


def _candidates(doc: Doc) -> Iterator[tuple[int, int]]:
    """Spans the grammar matches and can resolve (against a probe date), sentence by sentence."""
    text = doc.text
    for sent in doc.sents:
        yield from _sentence_candidates(text, sent.start_char, sent.end_char)
    for m in _STANDALONE.finditer(text):
        yield m.start(), m.end()
    for m in _DAY_BESIDE_EVENT.finditer(text):
        yield m.start(), m.end()


def _sentence_candidates(text: str, begin: int, finish: int) -> Iterator[tuple[int, int]]:
    chunk = text[begin:finish]
    has: dict[int, bool] = {}
    for name, pattern in _SEARCH:
        need = _NEEDS.get(name)
        if need is not None:
            if id(need) not in has:
                has[id(need)] = need.search(chunk) is not None
            if not has[id(need)]:
                continue
        for m in pattern.finditer(chunk):
            start, end = begin + m.start(), begin + m.end()
            adjectival = re.match(r"the\s+\S+-(?:[a-z]+)$", m.group(0), re.I)
            if adjectival and not re.match(r"the\s+year-", m.group(0), re.I):
                start += 4
            surface = text[start:end]
            if _LOWER_AMBIGUOUS.search(surface) or _FRACTION.search(text[start:end + 4]):
                continue
            if normalise_time(surface, _PROBE, "past", _PROBE_REF) is not None:
                yield from _word_bounded(text, start, end)


def _word_bounded(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """The span, unless it starts or ends inside a word ("1990s" in "1990sx", "$1990")."""
    if start > 0 and (text[start - 1].isalnum() or text[start - 1] in "-/$£€"):
        if not re.search(r"\b(?:pre|post|mid)-$", text[max(0, start - 5):start], re.I) or not text[start].isdigit():
            return  # "post-1959", "pre-1990" are years; "$1990", "x-1990" are not
    if end < len(text) and text[end].isalnum():
        return
    if text[end:end + 2][:1] in (".", ",") and text[end + 1:end + 2].isdigit():
        return  # "2082.1", "1,678": a number, not a year
    yield start, end


def extract_times(doc: Doc, article_id: str, published: str) -> list[TimeExpression]:
    """Time expressions in a parsed article, normalised against ``published``.

    The grammar's own matches win; spaCy DATE/TIME entities fill in where the
    grammar found nothing (trimmed of leading prepositions). Recognition does not
    depend on ``published``: without it, relative expressions ("yesterday") are
    kept with value ``XXXX-XX-XX``; so is a spaCy entity that holds a time word but
    does not normalise.

    >>> from wiretrail.nlp import load_nlp, parse
    >>> doc = parse(load_nlp(), "The army said on Saturday that dozens had been killed.")  # doctest: +SKIP
    >>> [(t.text, t.value) for t in extract_times(doc, "a1", "2024-11-30")]  # doctest: +SKIP
    [('Saturday', '2024-11-30')]
    """
    text = doc.text
    anchor = parse_anchor(published)
    chosen = _longest_first(text, list(_candidates(doc)), [])
    from_grammar = set(chosen)
    entities = [_trim_entity(ent) for ent in doc.ents if ent.label_ in ("DATE", "TIME")
                and not _FRACTION.search(text[ent.start_char:ent.end_char + 4])
                and not _LOWER_AMBIGUOUS.search(ent.text)]
    chosen = _longest_first(text, entities, chosen)
    out: list[TimeExpression] = []
    reference = ""
    stretch = ""
    starts = {start for start, _ in chosen}
    for start, end in chosen:
        surface = text[start:end]
        if surface.lower() == "recently" and _RANKING.search(text[max(0, start - 8):start]) \
                and _next_start(text, end) in starts:
            continue  # "most recently last October": the ranking of events; the time is what follows
        if re.fullmatch(_YEAR, surface.strip(), re.I) and (
            _BAD_NEXT.match(text[end:end + 12]) and surface.strip().isdigit() or _UNIT_NEXT.match(text[end:end + 14])
        ):
            continue  # "1990 people", "two thousand years": a number, not a year
        if _BAD_PREV.search(text[max(0, start - 12):start]) or _AGE.search(text[start:end + 5]):
            continue
        if _is_title(text, start, surface) or _not_a_time(doc, start, end, surface, text):
            continue
        if any(m.start() < end and start < m.end() for m in _UNIT_TO_UNIT.finditer(text, max(0, start - 16), end + 16)):
            continue  # "the quarter-to-quarter comparison", "day-to-day running": a manner, no time
        if any(m.start() < end and start < m.end() for m in _FRACTION_PAIR.finditer(text, max(0, start - 24), end + 24)):
            continue  # "between a quarter and a third", "one-quarter to one-third": fractions
        if _PLACE_QUARTERS.fullmatch(surface):
            continue  # "fierce in some quarters": among some people, no time
        tense = tense_of(doc, start, end, text)
        result = normalise_time(surface, anchor, tense, reference)
        if result is None and _CAPITAL_MAY.fullmatch(surface):
            # the grammar leaves out "may" (the modal); capitalised and tagged DATE by spaCy it is the month
            result = _month_alone(_Fake({"mon": "may"}), anchor, tense, reference)  # type: ignore[arg-type]
        if _SOMEDAY.fullmatch(surface) and tense == "future":
            # "Islam will one day be ...": an indefinite time to come, not a length
            result = ("FUTURE_REF", "unknown", "DATE")
        if result is not None and result[2] == "DURATION" and tense == "future" and anchor is not None \
                and _IN_BEFORE.search(text[max(0, start - 4):start]) and _COUNTED.fullmatch(surface) \
                and not _OF_AFTER.match(text, end):
            # "will be redeemed in five years": the time that far after publication, not a length
            result = normalise_time(f"{surface} from now", anchor, tense, reference) or result
        shared = _SHARED_PART.match(text, end) if re.fullmatch(_WD, surface, re.I) else None
        if shared:
            # "on Monday and Tuesday nights": the plural part of day makes both days recurring
            result = normalise_time(f"{surface} {shared.group('part')}s", anchor, tense, reference)
        if result is not None and result[2] == "DURATION" and _is_rate(doc, start, end, surface):
            result = (result[0], result[1], "SET")
        period = _BARE_UNIT.fullmatch(surface)
        if period and _ENDED.match(text[end:end + 12]):
            # "the year ended Sept. 30": the twelve months up to that day, a DURATION ("the quarter ended": P1Q)
            result = (f"P1{period.group(1)[0].upper()}", period.group(1).lower(), "DURATION")
        if result is not None and stretch and _YEAR_BEFORE_PERIOD.fullmatch(surface):
            # "For the nine months ... In the year-earlier period": the same stretch a year back, a length
            result = (stretch, "month", "DURATION")
        if result is None and re.fullmatch(r"the\s+day", surface, re.I) and _DAY_BESIDE_EVENT.match(text, start):
            result = _day_beside_event(text, start, out, reference)
        if result is None:  # no publication date, or a shape only spaCy knows
            if (start, end) not in from_grammar and not _TIME_WORD.search(surface):
                continue
            if anchor is not None and _BARE_NOUN.fullmatch(surface):
                continue  # "the day", "the night", "minutes": with a date to count from, still no value
            result = ("XXXX-XX-XX", "unknown", "DATE")
        value, precision, kind = result
        out.append(TimeExpression(Span(article_id, start, end), surface, value, precision, kind))
        if kind == "DURATION" and _STRETCH.fullmatch(surface):
            stretch = value  # the period a report covers: "the nine months", "the first six months"
        elif re.fullmatch(r"\d{4}-Q\d", value):
            stretch = ""  # a quarter mentioned since is what "the period" now means
        if kind in ("DATE", "TIME") and re.match(r"\d{4}", value) and (
            not _RELATIVE_WORDS.search(surface) or re.match(r"\d{4}-\d\d-\d\d", value)
            or _LAST_MONTH.fullmatch(surface)
        ):
            reference = value  # anaphora point to what the text is about, not to "a year ago"
            if precision == "month" and len(value) == 10:
                reference = value[:7]  # a Hijri month is named by its first day; "the next day" is not after that day
    return _with_conjoined_days(text, article_id, _one_day_per_weekday(out, anchor))


_BARE_WEEKDAY = re.compile(rf"(?:(?:early|late)\s+)?(?P<wd>{_WD})(?:\s+{_DAYPART})?", re.I)
_DAY_VALUE = re.compile(r"(?P<day>\d{4}-\d\d-\d\d)(?P<rest>T.*)?")


def _one_day_per_weekday(found: list[TimeExpression], anchor: date | None) -> list[TimeExpression]:
    """A weekday named bare more than once in one article names one day (in TimeBank and AQUAINT the
    mentions of a weekday share their date in 189 of 196 articles). When the verbs' tenses send the
    mentions to different days ("Albright headed Tuesday to East Africa ... her first stop Tuesday
    morning"), all take the reading nearest publication: news tells the days of the week around it.
    Weekdays with "last" / "next" or a date of their own ("Friday, Oct. 23") keep their value."""
    if anchor is None:
        return found
    readings = []  # (expression, weekday, its day's value) for bare weekdays read as a day
    for t in found:
        bare, value = _BARE_WEEKDAY.fullmatch(t.text), _DAY_VALUE.fullmatch(t.value)
        readings.append((t, bare.group("wd").lower()[:3], value) if bare and value else (t, "", None))
    days: dict[str, set[date]] = {}
    for _, wd, value in readings:
        if value is not None:
            days.setdefault(wd, set()).add(date.fromisoformat(value.group("day")))
    nearest = {wd: min(ds, key=lambda d: (abs((d - anchor).days), d)) for wd, ds in days.items() if len(ds) > 1}
    if not nearest:
        return found
    out = []
    for t, wd, value in readings:
        day = nearest.get(wd) if value is not None else None
        if day is not None and value is not None:
            t = TimeExpression(t.span, t.text, day.isoformat() + (value.group("rest") or ""), t.precision, t.type)
        out.append(t)
    return out


_DAY_BESIDE_EVENT = re.compile(r"the\s+day(?=\s+(?P<dir>after|before)\s)", re.I)


def _day_beside_event(text: str, start: int, found: list[TimeExpression], reference: str) -> Result | None:
    """"the day after his death", "the day before the vote": the day next to an event, which is the day
    the text is about (the last day it named); set off by a comma after a date ("Oct. 12, the day before
    the plunge") the phrase restates that date. Without a day to count from it stays out."""
    beside = _DAY_BESIDE_EVENT.match(text, start)
    step = 1 if beside is not None and beside.group("dir").lower() == "after" else -1
    last = found[-1] if found else None
    named = _DAY_VALUE.fullmatch(last.value) if last is not None else None
    if named is not None and not named.group("rest") and re.fullmatch(r"\s*,\s*", text[last.span.end:start]):
        return last.value, "day", "DATE"
    day = _DAY_VALUE.fullmatch(reference or "")
    if day is None:
        return None
    return (date.fromisoformat(day.group("day")) + timedelta(days=step)).isoformat(), "day", "DATE"


_STRETCH = re.compile(rf"the\s+(?:first\s+)?(?:{_NUMW}|\d+)\s+months", re.I)
_YEAR_BEFORE_PERIOD = re.compile(
    r"(?:the\s+)?(?:comparable\s+|corresponding\s+|same\s+)?(?:year-(?:earlier|ago)\s+period"
    r"|period\s+(?:a\s+year\s+(?:ago|earlier)|(?:of\s+)?last\s+year|(?:of\s+)?the\s+previous\s+year))",
    re.I,
)
_FRACTION_PAIR = re.compile(
    r"\b(?:an?|one)[- ]quarter\s+(?:and|to|or)\s+(?:an?|one)[- ](?:third|half|fifth)\b"
    r"|\b(?:third|half|fifth)\s+(?:and|to|or)\s+(?:an?|one|three)[- ]quarters?\b",
    re.I,
)
_PLACE_QUARTERS = re.compile(r"(?:some|certain|other|various)\s+quarters", re.I)
_UNIT_TO_UNIT = re.compile(rf"\b{_UNIT}-(?:to|over|by)-{_UNIT}\b", re.I)
_IN_BEFORE = re.compile(r"\bin\s+$", re.I)
_OF_AFTER = re.compile(r"\s+of\b", re.I)  # "in a year of voter anger": a year described, not a time ahead
_COUNTED = re.compile(rf"(?:{_NUMW}|\d+|an?)[\s-]+(?:years?|months?|weeks?|days?)", re.I)
_SHARED_PART = re.compile(rf"\s+(?:and|or|&)\s+{_WD}\s+(?P<part>morning|afternoon|evening|night)s\b", re.I)
_RANKING = re.compile(r"\b(?:most|more)\s+$", re.I)
_GAP = re.compile(r"[\s,]*")


def _next_start(text: str, end: int) -> int:
    """Where the next word starts after ``end``, past spaces and a comma."""
    m = _GAP.match(text, end)
    return m.end() if m else end


_MONTH_DAY_END = re.compile(rf"\b{_MON}\s+(?P<day>[0-3]?\d)(?:st|nd|rd|th)?$", re.I)
_NEXT_DAY = re.compile(r"\s*(?:and|or|&|to|through|-|–)\s*(?P<day>[0-3]?\d)(?:st|nd|rd|th)?\b(?![-.,]?\d|%)", re.I)
_AFTER_DAY = re.compile(r"\s*(?:$|[.,;:)'\"`]|--|\s(?:in|at|on|when|while|and|or|to|for|of|the|with|after|before|as)\b)", re.I)


def _with_conjoined_days(text: str, article_id: str, found: list[TimeExpression]) -> list[TimeExpression]:
    """Add the bare day number of "April 24 and 25", "May 5-7": the second day of a conjoined pair or
    range of days, in the month (and year) of the first (TimeML tags each day)."""
    out: list[TimeExpression] = []
    taken = [(t.span.start, t.span.end) for t in found]
    for t in found:
        out.append(t)
        first = _MONTH_DAY_END.search(t.text)
        if not first or not re.fullmatch(r"\d{4}-\d\d-\d\d", t.value):
            continue
        nxt = _NEXT_DAY.match(text, t.span.end)
        if not nxt or not _AFTER_DAY.match(text, nxt.end()):
            continue
        day, start, end = int(nxt.group("day")), nxt.start("day"), nxt.end()
        if not int(first.group("day")) < day <= 31 or any(a < end and start < b for a, b in taken):
            continue
        try:
            value = date(int(t.value[:4]), int(t.value[5:7]), day).isoformat()
        except ValueError:
            continue
        out.append(TimeExpression(Span(article_id, start, end), text[start:end], value, "day", "DATE"))
    return out


_SOMEDAY = re.compile(r"one day|some ?day", re.I)
_RATE = re.compile(r"(?:an?|per)\s+(?:second|minute|hour|day|night|week|month|quarter|year)", re.I)


def _is_rate(doc: Doc, start: int, end: int, surface: str) -> bool:
    """"$500 million a year", "24 hours a day", "twice a week": a frequency (TimeML SET), not a length."""
    if not _RATE.fullmatch(surface):
        return False
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or span.start == 0:
        return False
    before = doc[span.start - 1]
    return before.like_num or before.pos_ in ("NUM", "NOUN", "PROPN", "SYM") or before.lower_ in ("twice", "once")
_ORDINAL_SECOND = re.compile(r"(?:a|the)\s+second", re.I)
_MONTH_NOUN = re.compile(r"(?:mar(?:ch)?|may)\.?", re.I)
_DECADE_AGE = re.compile(
    r"(?:(?:early|mid|late)[- ]?)?(?:\d0s|twenties|thirties|forties|fifties|sixties|seventies|eighties|nineties)", re.I
)
_GENERIC_NOW = {"world", "youth", "society", "generation", "children", "kids", "economy", "technology",
                "computers", "culture", "families", "standards", "market", "markets", "environment", "age"}
_OWNER = {"his", "her", "their", "my", "your", "our", "its"}


def _not_a_time(doc: Doc, start: int, end: int, surface: str, text: str) -> bool:
    """Shapes of time words that are not time expressions here, judged from the neighbouring tokens:
    an ordinal ("a second group"), a march named with the month's word ("the annual March for
    Life"), an age ("in his 30s").

    >>> from wiretrail.nlp import load_nlp, parse  # doctest: +SKIP
    >>> doc = parse(load_nlp(), "He was in his 30s.")  # doctest: +SKIP
    >>> _not_a_time(doc, 14, 17, "30s", doc.text)  # doctest: +SKIP
    True
    """
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return False
    before = doc[span.start - 1] if span.start > 0 else None
    after = doc[span.end] if span.end < len(doc) else None
    if _ORDINAL_SECOND.fullmatch(surface) and after is not None and after.pos_ in ("NOUN", "ADJ", "PROPN"):
        return True
    if _MONTH_NOUN.fullmatch(surface) and before is not None and after is not None and (
        before.lower_ in ("the", "a", "an", "annual", "this", "that") or before.pos_ == "ADJ" or before.is_quote
    ) and after.lower_ in ("for", "of", "against", "on", "to", "through"):
        return True
    if surface.lower() == "noon" and before is not None and before.lower_ == "high":
        return True  # "high noon": the idiom, the film
    if re.fullmatch(r"today'?s?", surface, re.I) and _next_noun(doc, span.end) in _GENERIC_NOW:
        return True  # "today's world", "today's youth": the present age, which TimeML leaves out
    if surface.lower() in ("tomorrow", "today") and before is not None and before.lower_ == "of" \
            and before.i > 0 and doc[before.i - 1].pos_ in ("NOUN", "PROPN"):
        return True  # "the people of tomorrow": the generic age to come, as "today's world" is the present one
    if _is_discourse_now(span) or _is_recently_on_participle(span):
        return True
    if HIJRI_WORD.search(surface) and _is_name_or_greeting(span):
        return True
    if _MATTER_OF.search(text[max(0, start - 14):start]) and re.fullmatch(r"[a-z]+s", surface):
        return True  # "a matter of months": an idiom of how soon, not a length of time
    if _DECADE_AGE.fullmatch(surface) and before is not None and before.lower_ in _OWNER | {"early", "mid", "late"}:
        prev = doc[before.i - 1] if before.lower_ in ("early", "mid", "late") and before.i > 0 else before
        if prev.lower_ in _OWNER:
            return True
    return False


_GREETING = {"mubarak", "kareem", "karim"}


def _is_name_or_greeting(span: SpacySpan) -> bool:
    """An Islamic month or feast word that is part of a person's name ("Tariq Ramadan", "Ramazan
    Abdulatipov": a PERSON entity reaching past the word) or of a greeting ("Eid Mubarak", "Ramadan
    Kareem"), not a time."""
    doc = span.doc
    for ent in doc.ents:
        if ent.label_ == "PERSON" and ent.start < span.end and span.start < ent.end \
                and (ent.start < span.start or ent.end > span.end):
            return True
    return span.end < len(doc) and doc[span.end].lower_ in _GREETING


def _is_discourse_now(span: SpacySpan) -> bool:
    """"Now," opening a sentence and set off by a comma is the discourse marker that moves the
    argument on ("Now, following asset sales, ..."; "Now, he says, ..."), not a reference to the
    present: TimeML marks only expressions that refer to a time."""
    if len(span) != 1 or span[0].lower_ != "now":
        return False
    doc, tok = span.doc, span[0]
    nxt = doc[tok.i + 1] if tok.i + 1 < len(doc) else None
    if nxt is None or nxt.text != ",":
        return False
    first = tok.sent.start
    while first < tok.i and (doc[first].is_quote or doc[first].is_space or doc[first].is_punct):
        first += 1
    return first == tok.i


_AUX_LEMMAS = {"have", "be"}
_MATTER_OF = re.compile(r"\bmatter of\s+$", re.I)


def _is_recently_on_participle(span: SpacySpan) -> bool:
    """"recently" premodifying a participle, inside a verb group ("have recently moved", "was
    recently extended") or before a noun ("the recently passed legislation"), grades the result
    like "newly" or "just" and names no time; the frame adverbial ("Magna recently cut its
    dividend", "has slumped recently", "Recently, analysts have said") is kept."""
    if len(span) != 1 or span[0].lower_ != "recently":
        return False
    doc, tok = span.doc, span[0]
    if tok.i + 1 >= len(doc) or tok.i == 0:
        return False
    before, nxt = doc[tok.i - 1], doc[tok.i + 1]
    if nxt.tag_ not in ("VBN", "VBG"):
        return False
    in_verb_group = before.lemma_ in _AUX_LEMMAS and before.pos_ == "AUX"
    attributive = before.pos_ == "DET" and nxt.dep_ == "amod"
    return in_verb_group or attributive


def _next_noun(doc: Doc, i: int) -> str:
    """The first noun from token ``i`` on, past a possessive and adjectives ("'s personal computers")."""
    for tok in doc[i:i + 4]:
        if tok.pos_ in ("NOUN", "PROPN"):
            return tok.lower_
        if tok.lower_ not in ("'s", "’s") and tok.pos_ not in ("ADJ", "PART"):
            return ""
    return ""


_BARE_NOUN = re.compile(
    r"(?:(?:the|that|this|all|an?|his|her|its|their|our|my|your)\s+)?"
    r"(?:(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|\d+(?:st|nd|rd|th)|final|consecutive)"
    r"[\s-]+)*(?:fiscal\s+|calendar\s+)?(?:day|night|morning|evening|week|month|year|quarter|period|hour)s?"
    r"|(?:seconds|minutes|hours|days|nights)|(?:[a-z]+\s+)?quarters",  # "larger quarters": lodgings
    re.I,
)
_TITLE_WORDS = re.compile(r"(?:This|Next|Last)\s+(?:Week|Month|Year)|Today|Tonight|Now|\d+\s+Minutes")


def _is_title(text: str, start: int, surface: str) -> bool:
    """A relative expression capitalised inside a sentence names a programme ("ABC's "This Week"",
    "VOA Today", "60 Minutes"), not a time."""
    if not _TITLE_WORDS.fullmatch(surface):
        return False
    before = text[:start].rstrip()
    while before and before[-1] in "\"`\u201c\u2018":  # an opening quote: look at what precedes it
        before = before[:-1].rstrip()
    return bool(before) and before[-1] not in ".!?:;(_-\n" and not before.endswith("--")


_BARE_UNIT = re.compile(r"the\s+(?:fiscal\s+)?(year|quarter|month|week)", re.I)
_ENDED = re.compile(r"\s+(?:ended|ending)\b", re.I)
_CAPITAL_MAY = re.compile(r"(?:(?:in|by|since|until|through|of)\s+)?(?:(?:early|late|mid)[- ]?)?May")
# "last October" names a month as a date does (not a comparison like "last year"): the text is now about it
_LAST_MONTH = re.compile(rf"(?:(?:in|since|until|of)\s+)?last\s+{_MON}", re.I)
_RELATIVE_WORDS = re.compile(r"\b(?:ago|earlier|later|year-ago|year-earlier|last|previous|before)\b", re.I)
_AGE = re.compile(r"\b(?:years?|months?|weeks?|days?)[- ]old\b", re.I)
_TRIM_LEAD = re.compile(
    r"^(?:(?:on|in|at|by|since|until|till|from|during|for|of|as of|between|and|within|over|just|only|barely|"
    r"its|his|her|their|,)\s+)+(?=\S)",
    re.I,
)
_TRIM_TAIL = re.compile(r"(?:'s|’s|[\s,.;:]|\s+of)+$")


def _trim_entity(ent: SpacySpan) -> tuple[int, int]:
    text = ent.text
    start, end = ent.start_char, ent.end_char
    lead = _TRIM_LEAD.match(text)
    if lead:
        start += lead.end()
    cut = re.search(r"\s+(?:ended|ending|that|when|which|to|and|or)\b", text[lead.end() if lead else 0:])
    if cut:
        text = text[: (lead.end() if lead else 0) + cut.start()]
    tail = _TRIM_TAIL.search(text)
    if tail and tail.start() > (lead.end() if lead else 0):
        end = ent.start_char + tail.start()
    elif cut:
        end = ent.start_char + len(text)
    if text.endswith(".") and re.search(r"\b(?:p\.m|a\.m|[A-Z][a-z]{1,3})\.$", text):
        end = ent.end_char
    return start, end


def _longest_first(
    text: str, spans: list[tuple[int, int]], taken: list[tuple[int, int]]
) -> list[tuple[int, int]]:
    """Add to ``taken`` the spans that overlap none of it, longest first; in text order."""
    cleaned = set()
    for start, end in spans:
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if end > start:
            cleaned.add((start, end))
    taken = list(taken)
    for start, end in sorted(cleaned, key=lambda s: (-(s[1] - s[0]), s[0])):
        if all(end <= a or start >= b for a, b in taken):
            taken.append((start, end))
    return sorted(taken)
