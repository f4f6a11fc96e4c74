"""Time expressions anchored on the publication date or on the text: quarters as lengths and fiscal
quarters, recurring weekdays, one day per weekday named, "overnight", future "in five years", planning
verbs and gerunds, day numbers in words, parts of decades, year-earlier periods, "that same day" in a
month named, "the day after" an event, and "X-to-X" compounds that are no times."""

from __future__ import annotations

from datetime import date

import pytest
from times_helpers import assert_extracted

from wiretrail.extract.times import normalise_time

NORMALISE = [
    # text, published, tense, reference, expected (value, precision, type)
    # a quarter as a length keeps TimeML's quarter unit
    ("two quarters", date(1989, 10, 26), "past", "", ("P2Q", "quarter", "DURATION")),
    ("the past two quarters", date(1989, 10, 26), "past", "", ("P2Q", "quarter", "DURATION")),
    ("several quarters", date(1989, 10, 26), "past", "", ("PXQ", "quarter", "DURATION")),
    ("every quarter", date(1989, 10, 26), "present", "", ("P1Q", "unknown", "SET")),
    # a fiscal quarter belongs to the fiscal year under way, which runs ahead of the calendar
    ("the fiscal third quarter", date(1989, 4, 20), "past", "", ("1989-Q3", "quarter", "DATE")),
    ("the third quarter", date(1989, 4, 20), "past", "", ("1988-Q3", "quarter", "DATE")),
    # a plural weekday, or a weekday with a plural part of day, recurs (TimeML SET)
    ("on Tuesdays", date(2000, 1, 7), "present", "", ("XXXX-WXX-2", "day", "SET")),
    ("Friday mornings", date(2000, 1, 7), "past", "", ("XXXX-WXX-5TMO", "hour", "SET")),
    ("every Tuesday night", date(2000, 1, 7), "future", "", ("XXXX-WXX-2TNI", "hour", "SET")),
    # a day of the month in words; an ordinal before a hyphen is no day ("first-quarter")
    ("March eighth", date(1998, 3, 5), "present", "", ("1998-03-08", "day", "DATE")),
    ("the twenty-first of May", date(1998, 3, 5), "future", "", ("1998-05-21", "day", "DATE")),
    ("this coming Sunday, March eighth", date(1998, 3, 5), "present", "", ("1998-03-08", "day", "DATE")),
    ("March first-quarter", date(1998, 3, 5), "past", "", None),
    # a part of a decade is the decade; a two-digit decade is the latest up to the coming one
    ("the last half of the '80s", date(1989, 10, 26), "past", "", ("198", "decade", "DATE")),
    ("the early part of the 1970s", date(1989, 10, 26), "past", "", ("197", "decade", "DATE")),
    ("the '90s", date(1989, 10, 26), "future", "", ("199", "decade", "DATE")),
    ("the '20s", date(1998, 1, 21), "past", "", ("192", "decade", "DATE")),
    ("the ‘20s", date(2016, 6, 23), "past", "", ("192", "decade", "DATE")),  # typographic apostrophe
    ("nearly half a century", date(2016, 6, 23), "past", "", ("P50Y", "year", "DURATION")),
    # "overnight": the night before the day the text is about, else before publication
    ("overnight", date(1989, 10, 30), "past", "1989-10-27", ("1989-10-26TNI", "hour", "TIME")),
    ("overnight", date(1989, 10, 30), "past", "", ("1989-10-29TNI", "hour", "TIME")),
    ("overnight", date(1998, 8, 20), "past", "1998-08-07", ("1998-08-19TNI", "hour", "TIME")),
]


@pytest.mark.parametrize(("text", "published", "tense", "reference", "expected"), NORMALISE)
def test_times_anchoring_normalise(
    text: str, published: date, tense: str, reference: str, expected: tuple[str, str, str] | None
) -> None:
    assert normalise_time(text, published, tense, reference) == expected


EXTRACT = [
    # sentence, published, expected [(text, value)]
    # "the quarter ended Sept. 30" is the three months up to that day, as "the year ended" is twelve
    ("Sales rose 39% for the quarter ended Sept. 29.", "1989-10-26",
     [("the quarter", "P1Q"), ("Sept. 29", "1989-09-29")]),
    # the plural part of day makes both conjoined weekdays recurring
    ("Two new flights will leave Bombay on Monday and Tuesday nights.", "1998-02-13",
     [("Monday", "XXXX-WXX-1TNI"), ("Tuesday nights", "XXXX-WXX-2TNI")]),
    ("The market is closed on Sundays.", "1998-02-13", [("Sundays", "XXXX-WXX-7")]),
    ("Women's Day is this coming Sunday, March eighth.", "1998-03-05",
     [("this coming Sunday, March eighth", "1998-03-08")]),
    ("The vote is set for the twenty-first of May.", "1998-03-05", [("the twenty-first of May", "1998-05-21")]),
    ("Sales have been flat in the last half of the '80s.", "1989-10-26", [("the last half of the '80s", "198")]),
    # a year back from the stretch a report covers is that stretch, a length; after a quarter, the quarter
    ("For the nine months, net rose; in the year-earlier period, it fell.", "1989-10-27",
     [("the nine months", "P9M"), ("the year-earlier period", "P9M")]),
    ("Net for the year-earlier nine months included a gain.", "1989-10-26", [("the year-earlier nine months", "P9M")]),
    ("Net rose in the third quarter; in the year-earlier period, it fell.", "1989-10-27",
     [("the third quarter", "1989-Q3"), ("the year-earlier period", "1988-Q3")]),
    # "quarters" as lodgings or groups of people, and a quarter as a fraction, are no times
    ("The campaign expanded into larger quarters.", "2016-08-23", []),
    ("The backlash has been fierce in some quarters.", "2015-12-15", []),
    ("Turnout fell by between a quarter and a third.", "2016-03-04", []),
    ("He has spent a quarter-century in Congress.", "2016-03-15", [("a quarter-century", "P25Y")]),
    ("Losses narrowed in recent quarters.", "1989-11-02", [("recent quarters", "PXQ")]),
    # "X-to-X" compounds compare or manage from one unit to the next; they name no time
    ("The quarter-to-quarter comparison was also enhanced by charges.", "1989-11-01", []),
    ("She ran the day-to-day business, and year-to-year results improved.", "1989-11-01", []),
    # "in five years" said of the future is the year that far ahead; "for five years" stays a length
    ("The bonds will be redeemed in five years.", "1989-11-02", [("five years", "1994")]),
    ("The bonds were held for five years.", "1989-11-02", [("five years", "P5Y")]),
    ("Israel moves towards its 70th anniversary in two years.", "2016-06-02", [("two years", "2018")]),
    ("He will run as a moderate in a year of voter anger.", "2016-02-25", [("a year", "P1Y")]),
    # a planning verb looks forward for the time after it; a fronted time frames the planning itself
    ("Protesters planned a large rally in the old town on Saturday.", "2000-01-07", [("Saturday", "2000-01-08")]),
    ("On Friday, the government planned to pay the first claims.", "1998-09-30", [("Friday", "1998-09-25")]),
    ("A service planned for Saturday was canceled after the threats.", "1999-10-24", [("Saturday", "1999-10-23")]),
    # a bare gerund takes the tense of the verb it hangs from
    ("The minister will fly to Paris, meeting the president on Monday.", "2000-01-07",
     [("Monday", "2000-01-10")]),
    ("The minister flew to Paris, meeting the president on Monday.", "2000-01-07", [("Monday", "2000-01-03")]),
    # a weekday named twice in one article is one day: the reading nearest publication wins over the tense
    ("The envoy headed Tuesday to Cairo. She will meet the president there Tuesday afternoon.", "2024-11-25",
     [("Tuesday", "2024-11-26"), ("Tuesday afternoon", "2024-11-26TAF")]),
    ("The envoy headed Tuesday to Cairo.", "2024-11-25", [("Tuesday", "2024-11-19")]),
    # "last March" is a month the text is now about: "that same day" is a day of it
    ("The plant was shut last March, and its manager resigned that same day.", "2024-11-25",
     [("last March", "2024-03"), ("that same day", "2024-03-XX")]),
    # "the day after the attack" is next to the day the text is about; after a date and a comma it restates it
    ("Rebels shelled the town on Sunday, Nov. 3. Aid convoys arrived the day after the attack.", "2024-11-10",
     [("Sunday, Nov. 3", "2024-11-03"), ("the day", "2024-11-04")]),
    ("Polls closed on March 3, the day before the count began.", "2024-03-10",
     [("March 3", "2024-03-03"), ("the day", "2024-03-03")]),
    ("Aid convoys arrived the day after the attack.", "2024-11-10", []),
]


@pytest.mark.parametrize(("sentence", "published", "expected"), EXTRACT)
def test_times_anchoring_extract(nlp, sentence: str, published: str, expected: list[tuple[str, str]]) -> None:
    assert_extracted(nlp, sentence, published, expected)
