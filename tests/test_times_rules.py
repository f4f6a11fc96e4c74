"""Time expressions: holidays, centuries, days beside a day, periods a year back, conjoined days, and
unit nouns that name no calendar time (one test per rule, on short sentences)."""

from __future__ import annotations

from datetime import date

import pytest

from wiretrail.extract.times import extract_times, normalise_time
from wiretrail.nlp import parse

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
    # a period a year back: the quarter the text reports on, a year before
    ("the quarter a year ago", "past", "", ("1999-Q1", "quarter")),
    ("the corresponding period last year", "past", "2000-Q1", ("1999-Q1", "quarter")),
    ("last year's third quarter", "past", "", ("1999-Q3", "quarter")),
    ("the year-ago second quarter", "past", "", ("1999-Q2", "quarter")),
    # the first two quarters of a year are its first half; "the last two quarters" stays a length
    ("the first two quarters of 1990", "past", "", ("1990-H1", "quarter")),
    ("the last two quarters", "past", "", ("P6M", "quarter")),
    # a unit with "-long" and no number is one unit (plural: several)
    ("day-long", "past", "", ("P1D", "day")),
    ("decades-long", "past", "", ("PXY", "decade")),
]


@pytest.mark.parametrize(("text", "tense", "reference", "expected"), NORMALISE)
def test_times_rules_normalise(text: str, tense: str, reference: str, expected: tuple[str, str]) -> None:
    result = normalise_time(text, PUB, tense, reference)
    assert result is not None, text
    assert result[:2] == expected


EXTRACT = [
    # sentence, published, expected [(text, value)]
    # the second of two conjoined days, or the end of a range, takes the month of the first
    ("Leaders will meet at the summit on April 24 and 25.", "1999-02-10",
     [("April 24", "1999-04-24"), ("25", "1999-04-25")]),
    ("The fair runs from May 5 to 7 in the old town.", "1999-04-20", [("May 5", "1999-05-05"), ("7", "1999-05-07")]),
    # a number that counts something is not a day
    ("On April 24 and 25 soldiers were wounded.", "1999-04-26", [("April 24", "1999-04-24")]),
    # one expression: the day beside the day named, and a quarter a year back
    ("The day before last Tuesday's hearing, he went to court.", "2000-02-24",
     [("The day before last Tuesday", "2000-02-21")]),
    ("For the quarter a year ago, the bank earned $16 million.", "1989-10-26",
     [("the quarter a year ago", "1988-Q3")]),
    # "two quarters of 1990" are quarters of a year, not a fraction of something
    ("Demand will stay weak through the first two quarters of 1990.", "1989-10-26",
     [("the first two quarters of 1990", "1990-H1")]),
    ("Delegates emerged from their third day-long meeting.", "2000-04-03", [("day-long", "P1D")]),
    ("Protesters prayed as Easter week began.", "2000-04-17", [("Easter week", "2000-W16")]),
    # unit nouns that name no calendar time: a person's year, an ordinal count of months
    ("She brought the teacher from his year in kindergarten.", "2000-04-05", []),
    ("It was the third consecutive month of strong hiring.", "1998-02-06", []),
]


@pytest.mark.parametrize(("sentence", "published", "expected"), EXTRACT)
def test_times_rules_extract(nlp, sentence: str, published: str, expected: list[tuple[str, str]]) -> None:
    found = extract_times(parse(nlp, sentence), "a1", published)
    assert [(t.text, t.value) for t in found] == expected
    for t in found:
        assert sentence[t.span.start:t.span.end] == t.text
