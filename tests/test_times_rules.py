"""Time expressions: holidays, centuries, days beside a day, periods a year back, halves and "-long"
units, resolved against a publication date (their sentences are in ``test_times.EXTRACT``)."""

from __future__ import annotations

from datetime import date

import pytest

from wiretrail.extract.times import normalise_time

PUB = date(2000, 4, 17)  # a Monday, the day after Palm Sunday 2000

NORMALISE = [
    # text, tense, reference, expected (value, precision)
    # holidays that move: Easter by the Gregorian computus, US holidays by their weekday rule
    ("Easter", "future", "", ("2000-04-23", "day")),
    ("Easter", "past", "", ("1999-04-04", "day")),
    ("Good Friday", "future", "", ("2000-04-21", "day")),
    ("Easter 1998", "past", "", ("1998-04-12", "day")),
    ("Easter week", "past", "", ("2000-W16", "week")),  # the ISO week holding Easter Sunday, under way
    ("Memorial Day", "future", "", ("2000-05-29", "day")),  # the last Monday of May
    ("Labor Day", "past", "", ("1999-09-06", "day")),  # the first Monday of September
    # a century said from where the speaker stands; "the past century" is the hundred years up to now
    ("this century", "past", "", ("20", "century")),
    ("last century", "past", "", ("19", "century")),
    ("the past century", "past", "", ("P100Y", "year")),
    # the day next to a day named
    ("the day before last Tuesday", "past", "", ("2000-04-10", "day")),
    ("the day after Nov. 3", "past", "", ("1999-11-04", "day")),
    # "later in the day": the day the text is about, else the day of publication
    ("later in the day", "past", "1999-05-04", ("1999-05-04", "day")),
    ("later in the day", "past", "", ("2000-04-17", "day")),
    ("early in the week", "past", "", ("2000-W16", "week")),
    ("later in the year", "past", "1996-03", ("1996", "year")),
    # "the previous day" before any day is mentioned: next to the day of publication
    ("the previous day", "past", "", ("2000-04-16", "day")),
    ("the previous day", "past", "2000-04-12", ("2000-04-11", "day")),
    # a period a year back: the quarter the text reports on, a year before
    ("the quarter a year ago", "past", "", ("1999-Q1", "quarter")),
    ("the corresponding period last year", "past", "2000-Q1", ("1999-Q1", "quarter")),
    ("last year's third quarter", "past", "", ("1999-Q3", "quarter")),
    ("the year-ago second quarter", "past", "", ("1999-Q2", "quarter")),
    # the first two quarters of a year are its first half; "the last two quarters" stays a length (P2Q)
    ("the first two quarters of 1990", "past", "", ("1990-H1", "quarter")),
    ("the last two quarters", "past", "", ("P2Q", "quarter")),
    # a unit with "-long" and no number is one unit (plural: several)
    ("day-long", "past", "", ("P1D", "day")),
    ("decades-long", "past", "", ("PXY", "decade")),
]


@pytest.mark.parametrize(("text", "tense", "reference", "expected"), NORMALISE)
def test_times_rules_normalise(text: str, tense: str, reference: str, expected: tuple[str, str]) -> None:
    result = normalise_time(text, PUB, tense, reference)
    assert result is not None, text
    assert result[:2] == expected
