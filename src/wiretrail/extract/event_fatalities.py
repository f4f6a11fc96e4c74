"""Fatalities of one event, read from its text.

Order of evidence, strongest first:

1. an explicit coding statement: "Fatalities: 3", "3 fatalities", "Fatalities coded as 0",
   "no fatalities", "fatalities were not reported", "no casualties";
2. kill clauses, summed: "killing 3 soldiers", "killed at least seventeen villagers",
   "two people were killed", "a man was shot dead", "one man died", "the bodies of two women";
3. nothing said: 0 (ACLED codes unreported fatalities as 0).

Vague counts follow ACLED's coding rules and the rule is kept with the figure:
"a number of" / "several" / "an unknown number" = 10, "dozens" = 12, "hundreds" = 100.
Counts "split between N events" are divided by N; of a range ("8-10") the
lowest figure is the best one, as ACLED codes it.

>>> read_fatalities("On 2 May 2020, gunmen killed 3 civilians in Mangu.").best
3.0
>>> read_fatalities("Clashes erupted. No fatalities reported.").best
0.0
>>> read_fatalities("Two soldiers were killed and three were killed later.").best
5.0
"""

from __future__ import annotations

import re
from dataclasses import dataclass

NUMBER_WORDS: dict[str, float] = {
    "a": 1, "an": 1, "the": 1, "one": 1, "single": 1, "two": 2, "both": 2, "three": 3, "four": 4, "five": 5,
    "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
    "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100, "a dozen": 12, "dozen": 12,
    "a couple of": 2, "a pair of": 2,
}
# ACLED's coding of vague counts (their codebook): the rule is recorded with the figure
VAGUE: dict[str, tuple[float, str]] = {
    "a number of": (10, "'a number of' = 10 (ACLED)"),
    "an unknown number of": (10, "'unknown number' = 10 (ACLED)"),
    "unknown number of": (10, "'unknown number' = 10 (ACLED)"),
    "several": (10, "'several' = 10 (ACLED)"),
    "many": (10, "'many' = 10 (ACLED)"),
    "dozens of": (12, "'dozens' = 12 (ACLED)"),
    "dozens": (12, "'dozens' = 12 (ACLED)"),
    "scores of": (12, "'scores' = 12 (ACLED)"),
    "hundreds of": (100, "'hundreds' = 100 (ACLED)"),
}

_WORDS = "|".join(sorted((re.escape(w) for w in NUMBER_WORDS), key=len, reverse=True))
_VAGUE = "|".join(sorted((re.escape(w) for w in VAGUE), key=len, reverse=True))
NUM = rf"(?:\d+(?:,\d{{3}})*|(?:{_WORDS})(?:[- ](?:{_WORDS}))?|{_VAGUE})"
QUAL = r"(?:(?:at least|about|around|approximately|some|up to|more than|over|nearly|almost|as many as|an estimated)\s+)?"
RANGE = rf"(?P<num>{NUM})(?:\s*(?:-|to|and|or)\s*(?P<num2>{NUM}))?"
NOUNS = r"(?:[\w'’/-]+\s+){0,4}?"  # "Taliban militants", "members of the Fulani community"
KILL_VERB = r"(?:killed|killing|kills|kill|murdered|murdering|executed|executing|beheaded|lynched|assassinated|slain|slew)"

_EXPLICIT = [
    re.compile(rf"fatalities\s+(?:were\s+)?coded\s+as\s+(?P<num>{NUM})", re.I),
    re.compile(rf"fatalities\s*(?::|=)\s*(?P<num>{NUM})", re.I),
    re.compile(rf"(?<![\w-])(?P<num>\d+|{_WORDS})\s+(?:reported\s+)?(?:fatality|fatalities)\b", re.I),
]
_NONE = re.compile(
    r"\b(?:no|neither|without|nor)\b[^.]{0,40}\b(?:fatalit|casualt|deaths?\b|killed|dead)"
    r"|\b(?:fatalities|casualties|deaths)\b[^.]{0,30}\b(?:not|unknown|no)\b[^.]{0,15}\breport"
    r"|\bno one (?:was|were) (?:killed|hurt|injured)|\bnobody (?:was )?(?:killed|died)",
    re.I,
)
_KILLS = [
    # active: "killing at least 5 militants", "killed 14 villagers", "shot and killed a civilian"
    re.compile(rf"\b{KILL_VERB}\s+(?:and\s+\w+ed\s+)?{QUAL}{RANGE}\b(?!\s*(?:%|km|kilomet|mile|hour|day|week|month|year|time))", re.I),
    # passive / adjectival: "two people were killed", "8 tribesmen killed", "one man died", "2 dead"
    re.compile(
        rf"(?<![\w-]){QUAL}{RANGE}\s+{NOUNS}(?:(?:were|was|had been|have been|has been|being|reportedly|later|also)\s+)*"
        rf"(?:killed|shot dead|shot and killed|shot to death|stabbed to death|beaten to death|burned to death|hacked to death|found dead|dead|died|murdered|executed|beheaded|lynched|slain)\b",
        re.I,
    ),
    # "shot dead a member of", "stabbed a man to death"
    re.compile(rf"\b(?:shot dead|shot and killed)\s+{QUAL}{RANGE}\b", re.I),
    re.compile(rf"\b(?:shot|stabbed|beat|beaten|hacked|burned|burnt|stoned|tortured)\s+{QUAL}{RANGE}\s+{NOUNS}to death", re.I),
    # "the killing of 1 member", "left 3 fighters dead"
    re.compile(rf"\bkilling\s+of\s+{QUAL}{RANGE}\b", re.I),
    re.compile(rf"\bleft\s+{QUAL}{RANGE}\s+{NOUNS}(?:\([^)]*\)\s+)?dead\b", re.I),
    # "the man died", "the officer was killed": one named or described victim
    re.compile(r"\b(?P<num>the)\s+(?:[a-z-]+\s+){0,2}?[a-z-]*[^s\W]\s+(?:was\s+)?(?:later\s+)?(?:killed|died|shot dead|shot and killed|murdered)\b", re.I),
    # "the bodies of two women were found"
    re.compile(rf"\bbod(?:y|ies)\s+of\s+{QUAL}{RANGE}\b", re.I),
]
_SPLIT = re.compile(
    r"(?:split|spread|divided)\s+(?:up\s+)?(?:between|across|over|among)\s+(?P<n>\d+|\w+)\s+(?:events|locations|districts|provinces|days)"
    r"(?:\s*\((?P<share>\d+)\))?",
    re.I,
)
_NOT_FATAL = re.compile(r"\b(?:injur|wound|hurt)", re.I)


@dataclass(frozen=True)
class FatalityReading:
    """A fatality figure read from text, with where it came from (offsets into the text)."""

    best: float
    low: float | None = None
    high: float | None = None
    start: int = -1
    end: int = -1
    rule: str = ""


def number(text: str) -> tuple[float, str]:
    """Value of a count expression and the rule used for a vague one.

    >>> number("seventeen"), number("twenty-one"), number("a number of")
    ((17.0, ''), (21.0, ''), (10.0, "'a number of' = 10 (ACLED)"))
    """
    t = text.strip().lower()
    if t in VAGUE:
        return float(VAGUE[t][0]), VAGUE[t][1]
    if re.fullmatch(r"\d+(?:,\d{3})*", t):
        return float(t.replace(",", "")), ""
    if t in NUMBER_WORDS:
        return float(NUMBER_WORDS[t]), ""
    parts = re.split(r"[- ]", t)
    if len(parts) == 2 and parts[0] in NUMBER_WORDS and parts[1] in NUMBER_WORDS:
        a, b = NUMBER_WORDS[parts[0]], NUMBER_WORDS[parts[1]]
        return float(a * b if b == 100 else a + b), ""
    return 0.0, f"unread count {text!r}"


def read_fatalities(text: str) -> FatalityReading:
    """The fatalities of the event described by ``text`` (see the module docstring)."""
    for pattern in _EXPLICIT:
        m = pattern.search(text)
        if m:
            value, rule = number(m.group("num"))
            return _split(text, FatalityReading(value, start=m.start(), end=m.end(), rule=rule or "explicit"))
    total, low, high = 0.0, 0.0, 0.0
    spans: list[tuple[int, int]] = []
    rules: list[str] = []
    taken: list[tuple[int, int]] = []
    for pattern in _KILLS:
        for m in pattern.finditer(text):
            if any(m.start() < e and s < m.end() for s, e in taken):
                continue
            if pattern is _KILLS[1] and _NOT_FATAL.search(m.group()):
                continue  # "two were injured and one was killed": the count belongs to the injured
            value, rule = number(m.group("num"))
            value2 = number(m.group("num2"))[0] if m.group("num2") else value
            taken.append((m.start(), m.end()))
            total += min(value, value2)  # ACLED codes the lowest of a range
            low += min(value, value2)
            high += max(value, value2)
            spans.append((m.start(), m.end()))
            if rule:
                rules.append(rule)
    if spans:
        reading = FatalityReading(
            total,
            low if low != total else None,
            high if high != total else None,
            min(s for s, _ in spans),
            max(e for _, e in spans),
            "; ".join(dict.fromkeys(rules)) or "kill clauses summed",
        )
        return _split(text, reading)
    m = _NONE.search(text)
    if m:
        return FatalityReading(0.0, start=m.start(), end=m.end(), rule="none reported")
    return FatalityReading(0.0, rule="nothing reported (ACLED codes 0)")


def _split(text: str, reading: FatalityReading) -> FatalityReading:
    m = _SPLIT.search(text)
    if not m or reading.best == 0:
        return reading
    if m.group("share"):
        return FatalityReading(float(m.group("share")), start=reading.start, end=reading.end, rule=reading.rule + "; split share")
    parts = number(m.group("n"))[0]
    if parts <= 1:
        return reading
    return FatalityReading(
        float(round(reading.best / parts)), start=reading.start, end=reading.end,
        rule=reading.rule + f"; split over {int(parts)}",
    )
