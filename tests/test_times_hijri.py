"""Islamic calendar dates: the tabular conversion against known days, the month names and feasts in
their common spellings, anchoring by tense, and names and greetings that hold those words."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from times_helpers import assert_extracted

from wiretrail.extract.time_hijri import gregorian_to_hijri, hijri_to_gregorian, is_leap, month_length
from wiretrail.extract.times import extract_times, normalise_time
from wiretrail.nlp import parse

# (Hijri year, month, day, tabular Gregorian day, the day observed in Saudi Arabia)
KNOWN = [
    (1446, 9, 1, date(2025, 3, 1), date(2025, 3, 1)),  # Ramadan 1446 began on 1 March 2025
    (1445, 10, 1, date(2024, 4, 10), date(2024, 4, 10)),  # Eid al-Fitr 2024
    (1444, 12, 10, date(2023, 6, 29), date(2023, 6, 28)),  # Eid al-Adha 2023: tabular a day late
    (1445, 9, 1, date(2024, 3, 11), date(2024, 3, 11)),
    (1446, 10, 1, date(2025, 3, 31), date(2025, 3, 30)),
    (1446, 1, 1, date(2024, 7, 8), date(2024, 7, 7)),
]


@pytest.mark.parametrize(("year", "month", "day", "tabular", "observed"), KNOWN)
def test_hijri_known_days(year: int, month: int, day: int, tabular: date, observed: date) -> None:
    assert hijri_to_gregorian(year, month, day) == tabular
    assert abs((tabular - observed).days) <= 1
    assert gregorian_to_hijri(tabular) == (year, month, day)


def test_hijri_round_trip_and_lengths() -> None:
    start = date(1990, 1, 1)
    for n in range(0, 40 * 366, 7):
        d = start + timedelta(days=n)
        assert hijri_to_gregorian(*gregorian_to_hijri(d)) == d
    assert [y % 30 or 30 for y in range(1441, 1471) if is_leap(y)] == [2, 5, 7, 10, 13, 16, 18, 21, 24, 26, 29]
    year_days = sum(month_length(1445, m) for m in range(1, 13))
    assert year_days == (355 if is_leap(1445) else 354)
    with pytest.raises(ValueError):
        hijri_to_gregorian(1446, 2, 30)  # Safar has 29 days


FEB = date(2025, 2, 10)  # Shaban 1446, three weeks before Ramadan
NORMALISE = [
    # a Hijri month: the Gregorian day it begins, month precision; the tense picks the occurrence
    ("during Ramadan", FEB, "future", ("2025-03-01", "month", "DATE")),
    ("during Ramadan", FEB, "past", ("2025-03-01", "month", "DATE")),  # the month right after still counts
    ("during Ramadan", date(2025, 5, 10), "past", ("2025-03-01", "month", "DATE")),
    ("during Ramadan", date(2025, 5, 10), "future", ("2026-02-18", "month", "DATE")),
    ("Ramadhan", FEB, "present", ("2025-03-01", "month", "DATE")),
    ("Ramazan", FEB, "present", ("2025-03-01", "month", "DATE")),
    ("the holy month of Ramadan", FEB, "future", ("2025-03-01", "month", "DATE")),
    ("the holy month", date(2024, 4, 20), "past", ("2024-03-11", "month", "DATE")),
    ("last Ramadan", date(2025, 1, 15), "present", ("2024-03-11", "month", "DATE")),
    ("next Ramadan", date(2025, 5, 15), "present", ("2026-02-18", "month", "DATE")),
    ("Muharram", FEB, "past", ("2024-07-08", "month", "DATE")),
    ("Dhul-Hijja", FEB, "past", ("2024-06-08", "month", "DATE")),
    ("Dhu al-Hijjah", FEB, "future", ("2025-05-29", "month", "DATE")),
    ("Zilhicce", FEB, "future", ("2025-05-29", "month", "DATE")),
    ("Rabi al-Awwal", FEB, "past", ("2024-09-05", "month", "DATE")),
    # a year: Hijri before 1600 or marked AH, else Gregorian
    ("Ramadan 1445", FEB, "past", ("2024-03-11", "month", "DATE")),
    ("Ramadan 2024", FEB, "past", ("2024-03-11", "month", "DATE")),
    ("Rajab 1446 AH", FEB, "past", ("2025-01-01", "month", "DATE")),
    # days of a Hijri month
    ("15 Shaaban 1446", FEB, "past", ("2025-02-14", "day", "DATE")),
    ("Sha'ban 15, 1446", FEB, "past", ("2025-02-14", "day", "DATE")),
    ("the first day of Ramadan", FEB, "future", ("2025-03-01", "day", "DATE")),
    ("the last day of Ramadan", FEB, "future", ("2025-03-30", "day", "DATE")),
    ("the 27th of Ramadan", FEB, "future", ("2025-03-27", "day", "DATE")),
    ("the eve of Ramadan", FEB, "future", ("2025-02-28", "day", "DATE")),
    ("the last day of Ramadan 2024", FEB, "past", ("2024-04-09", "day", "DATE")),  # Ramadan has 30 days
    ("Eid eve", FEB, "future", ("2025-03-30", "day", "DATE")),
    # feasts at fixed Hijri dates
    ("Eid al-Fitr", FEB, "future", ("2025-03-31", "day", "DATE")),
    ("Eid al-Fitr", FEB, "past", ("2024-04-10", "day", "DATE")),
    ("Eid ul-Fitr", FEB, "past", ("2024-04-10", "day", "DATE")),
    ("Ramazan Bayramı", FEB, "past", ("2024-04-10", "day", "DATE")),
    ("Eid al-Adha", FEB, "past", ("2024-06-17", "day", "DATE")),
    ("Kurban Bayramı", FEB, "future", ("2025-06-07", "day", "DATE")),
    ("Eid al-Adha 2023", FEB, "past", ("2023-06-29", "day", "DATE")),
    ("Eid al-Fitr 2024", FEB, "future", ("2024-04-10", "day", "DATE")),
    ("on the eve of Eid al-Fitr", date(2024, 4, 12), "past", ("2024-04-09", "day", "DATE")),
    ("the second day of Eid al-Adha", FEB, "past", ("2024-06-18", "day", "DATE")),
    ("Ashura", FEB, "past", ("2024-07-17", "day", "DATE")),
    ("Mawlid", FEB, "past", ("2024-09-16", "day", "DATE")),
    ("the Islamic New Year", FEB, "future", ("2025-06-27", "day", "DATE")),
    # a bare "Eid" is the nearer of the two in the tense's direction
    ("Eid", FEB, "past", ("2024-06-17", "day", "DATE")),
    ("Eid", FEB, "future", ("2025-03-31", "day", "DATE")),
    ("Eid", date(2024, 4, 14), "past", ("2024-04-10", "day", "DATE")),
    # no publication date: nothing to count from; a stated Hijri year still resolves
    ("during Ramadan", None, "past", None),
    ("Ramadan 1445", None, "past", ("2024-03-11", "month", "DATE")),
    # names and words more often than months, alone
    ("Rajab", FEB, "past", None),
    ("Recep", FEB, "past", None),
    ("Safar", FEB, "past", None),
    ("Muharrem", FEB, "past", None),
]


@pytest.mark.parametrize(("text", "published", "tense", "expected"), NORMALISE)
def test_hijri_normalise(text: str, published: date | None, tense: str, expected: tuple[str, str, str] | None) -> None:
    assert normalise_time(text, published, tense) == expected


EXTRACT = [
    ("Markets will close early during Ramadan, the ministry said.", "2025-02-10", [("Ramadan", "2025-03-01")]),
    ("The ceasefire collapsed during Ramadan, residents said.", "2025-05-10", [("Ramadan", "2025-03-01")]),
    ("Prisoners were freed on the eve of Eid al-Fitr.", "2024-04-12", [("the eve of Eid al-Fitr", "2024-04-09")]),
    ("Families gathered for Eid, the agency reported.", "2024-04-14", [("Eid", "2024-04-10")]),
    ("The offensive began on 15 Shaaban 1446.", "2025-03-05", [("15 Shaaban 1446", "2025-02-14")]),
    ("Officials expect crowds next Ramadan.", "2025-05-15", [("next Ramadan", "2026-02-18")]),
    ("Eid al-Fitr, which marks the end of Ramadan, begins on Wednesday.", "2024-04-08",
     [("Eid al-Fitr", "2024-04-10"), ("Ramadan", "2024-03-11"), ("Wednesday", "2024-04-10")]),
    ("The decree was dated 12 Rabi al-Awwal 1446.", "2025-01-10", [("12 Rabi al-Awwal 1446", "2024-09-16")]),
    # a person's name or a greeting holding the word is no time
    ("Bassam Eid, a Palestinian activist, said the report was false.", "2024-07-20", []),
    ("Tariq Ramadan said the verdict was unjust.", "2024-03-20", []),
    ("Ramazan Abdulatipov, the head of Dagestan, resigned.", "2024-03-20", []),
    ("Chechen leader Ramzan Kadyrov said the fighters would return.", "2024-03-20", []),
    ("He said the Eid Mubarak messages were fake.", "2024-06-16", []),
]


@pytest.mark.parametrize(("sentence", "published", "expected"), EXTRACT)
def test_hijri_extract(nlp, sentence: str, published: str, expected: list[tuple[str, str]]) -> None:
    assert_extracted(nlp, sentence, published, expected)


def test_hijri_month_is_no_day_for_anaphora(nlp) -> None:
    # "during Ramadan" is named by its first day, but "the following day" is not the day after that one:
    # the month counts as a reference the way a Gregorian month does
    text = "Attacks rose during Ramadan. The following day, the army withdrew."
    hijri = [(t.text, t.value) for t in extract_times(parse(nlp, text), "a1", "2025-04-20")]
    gregorian = [(t.text, t.value) for t in extract_times(parse(nlp, text.replace("during Ramadan", "in March")),
                                                          "a1", "2025-04-20")]
    assert hijri[0] == ("Ramadan", "2025-03-01")
    assert hijri[1:] == gregorian[1:]
