"""Time expressions: normalisation tables, extraction from parsed sentences, the TimeML scorer."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from times_helpers import assert_extracted

from wiretrail.evaluate.times import GoldTimex, read_tml, score
from wiretrail.extract.times import extract_times, normalise_time, parse_anchor
from wiretrail.nlp import parse

PUB = date(2024, 11, 30)  # a Saturday

NORMALISE = [
    # text, tense, expected (value, precision)
    ("on Saturday", "past", ("2024-11-30", "day")),
    ("Saturday", "present", ("2024-11-30", "day")),
    ("Wednesday", "past", ("2024-11-27", "day")),
    ("Monday", "future", ("2024-12-02", "day")),
    ("last Friday", "past", ("2024-11-29", "day")),
    ("next Tuesday", "past", ("2024-12-03", "day")),
    ("yesterday", "past", ("2024-11-29", "day")),
    ("today", "past", ("2024-11-30", "day")),
    ("tomorrow", "future", ("2024-12-01", "day")),
    ("last week", "past", ("2024-W47", "week")),
    ("this week", "past", ("2024-W48", "week")),
    ("last month", "past", ("2024-10", "month")),
    ("earlier this month", "past", ("2024-11", "month")),
    ("last year", "past", ("2023", "year")),
    ("since 2011", "past", ("2011", "year")),
    ("in 2016", "past", ("2016", "year")),
    ("three years ago", "past", ("2021", "year")),
    ("eight years ago", "past", ("2016", "year")),
    ("two months ago", "past", ("2024-09", "month")),
    ("10 days ago", "past", ("2024-11-20", "day")),
    ("a decade ago", "past", ("2014", "year")),
    ("January 3, 2020", "past", ("2020-01-03", "day")),
    ("3 January 2020", "past", ("2020-01-03", "day")),
    ("Nov. 27", "past", ("2024-11-27", "day")),
    ("March 2011", "past", ("2011-03", "month")),
    ("Monday night", "past", ("2024-11-25TNI", "hour")),
    ("Saturday night", "past", ("2024-11-30TNI", "hour")),
    ("the previous evening", "past", ("2024-11-29TEV", "hour")),
    ("last night", "past", ("2024-11-29TNI", "hour")),
    ("10 p.m. Wednesday", "past", ("2024-11-27T22:00", "minute")),
    ("the third quarter", "past", ("2024-Q3", "quarter")),
    ("the 1990s", "past", ("199", "decade")),
    ("the weekend", "past", ("2024-W48-WE", "week")),
    ("nineteen ninety-six", "past", ("1996", "year")),
    ("three years", "past", ("P3Y", "year")),
    ("the past two weeks", "past", ("P2W", "week")),
    ("72 hours", "future", ("PT72H", "hour")),
    ("2 1/2 years", "past", ("P2Y6M", "year")),
    ("now", "present", ("PRESENT_REF", "day")),
    ("recently", "past", ("PAST_REF", "unknown")),
    ("the future", "future", ("FUTURE_REF", "unknown")),
    ("Christmas", "past", ("2023-12-25", "day")),
    ("Dec. 7", "past", ("2024-12-07", "day")),  # the month right after the anchor, even in the past tense
    ("year-end", "present", ("2024", "year")),
    ("decades", "past", ("PXY", "decade")),  # ISO 8601 periods: no decade designator
    ("two quarters", "past", ("P2Q", "quarter")),  # TimeML keeps the quarter as a unit (TimeBank: P2Q, PXQ)
    # decades in words, fiscal years named either way round, "and a half", "an additional"
    ("the nineties", "past", ("199", "decade")),
    ("the early eighties", "past", ("198", "decade")),
    ("fiscal year 1998", "past", ("1998", "year")),
    ("the 1998 fiscal year", "past", ("1998", "year")),
    ("the fiscal-first quarter", "past", ("2024-Q1", "quarter")),
    ("a year and a half", "past", ("P1Y6M", "year")),
    ("an additional year", "future", ("P1Y", "year")),
    # "last February" in March is a year back ("last month" would name the month just gone)
    ("last November", "past", ("2023-11", "month")),
    ("last October", "past", ("2023-10", "month")),
    ("last June", "past", ("2024-06", "month")),
    ("last Oct. 23", "present", ("2024-10-23", "day")),
    ("the week of Nov. 4", "past", ("2024-W45", "week")),
    ("the year-ago quarter", "past", ("2023-Q3", "quarter")),
    ("this weekend", "future", ("2024-W48-WE", "week")),
]

# recurring days and months are TimeML SETs
SETS = [
    ("each Thursday", ("XXXX-WXX-4", "SET")),
    ("every Monday night", ("XXXX-WXX-1TNI", "SET")),
    ("each July", ("XXXX-07", "SET")),
]


@pytest.mark.parametrize(("text", "expected"), SETS)
def test_times_normalise_sets(text: str, expected: tuple[str, str]) -> None:
    result = normalise_time(text, PUB, "past")
    assert result is not None and (result[0], result[2]) == expected


def test_times_anaphoric_following_counts_from_the_text() -> None:
    # "the following year" after "May 22, 1995" is 1996, not the year after publication
    assert normalise_time("the following year", PUB, "past", "1995-05-22")[0] == "1996"
    assert normalise_time("the following month", PUB, "past", "1989-03")[0] == "1989-04"
    assert normalise_time("later that year", PUB, "past", "1998-06")[0] == "1998"
    assert normalise_time("that quarter", PUB, "past", "1988-Q2")[0] == "1988-Q2"
    assert normalise_time("the previous Friday", PUB, "past", "2024-11-22")[0] == "2024-11-15"
    # without a date in the text, "the following year" still counts from publication
    assert normalise_time("the following year", PUB, "past")[0] == "2025"


@pytest.mark.parametrize(("text", "tense", "expected"), NORMALISE)
def test_times_normalise_table(text: str, tense: str, expected: tuple[str, str]) -> None:
    result = normalise_time(text, PUB, tense)
    assert result is not None, text
    assert result[:2] == expected


@pytest.mark.parametrize("text", ["the army", "dozens", "Aleppo", "second", "", "412"])
def test_times_normalise_rejects_non_times(text: str) -> None:
    assert normalise_time(text, PUB) is None


def test_times_normalise_without_anchor_keeps_absolute_values() -> None:
    assert normalise_time("January 3, 2020", None)[:2] == ("2020-01-03", "day")
    assert normalise_time("three years", None)[0] == "P3Y"
    assert normalise_time("yesterday", None) is None


def test_times_anaphoric_reference() -> None:
    # "a year ago" after "the third quarter" means that quarter a year before
    assert normalise_time("a year ago", date(1989, 10, 27), reference="1989-Q3")[0] == "1988-Q3"
    assert normalise_time("that day", PUB, reference="2024-11-28")[0] == "2024-11-28"


def test_times_parse_anchor() -> None:
    assert parse_anchor("2024-11-30T08:00:00Z") == date(2024, 11, 30)
    assert parse_anchor("") is None
    assert parse_anchor("garbage") is None


EXTRACT = [
    # sentence, published, expected [(text, value)]
    ("The Syrian army said on Saturday that dozens of its soldiers had been killed.", "2024-11-30",
     [("Saturday", "2024-11-30")]),
    ("The war has ground on since 2011 with no formal end.", "2024-11-30", [("2011", "2011")]),
    ("He was displaced from it eight years ago, in 2016.", "2024-11-30",
     [("eight years ago", "2016"), ("2016", "2016")]),
    ("The ministers will meet on Monday in Ankara.", "2024-11-30", [("Monday", "2024-12-02")]),
    ("Aid would start arriving in the next 72 hours.", "2024-11-30", [("the next 72 hours", "PT72H")]),
    ("Shops were closed yesterday as residents stayed indoors.", "2024-11-30", [("yesterday", "2024-11-29")]),
    ("The resolution, UNSCR 2254, was adopted in December 2015.", "2024-11-30", [("December 2015", "2015-12")]),
    # TimeML: "later" is the signal of an anchored duration, not part of the expression
    ("Three days later, the rebels entered Hama.", "2024-11-30", [("Three days", "P3D")]),
    ("The envoy could arrive as early as Tuesday, officials said.", "2024-11-30", [("Tuesday", "2024-12-03")]),
    ("The board declared a dividend, payable Jan. 15.", "2024-11-30", [("Jan. 15", "2025-01-15")]),
    ("The talks are supposed to conclude by May.", "2025-03-22", [("May", "2025-05")]),
    ("Profit rose 5% in the year ended Sept. 30.", "2024-11-30", [("the year", "P1Y"), ("Sept. 30", "2024-09-30")]),
    ("For the year, volume was flat.", "2024-11-30", [("the year", "2024")]),
    ("She and her 6-month-old son fled Aleppo.", "2024-11-30", []),
    ("Baker said on ABC's \"This Week\" that the index closed at 2082.1.", "2024-11-30", []),
    # a sentence ending in "p." before a time word is not a page reference
    ("The storm kept its grip.\n\nYesterday the governor toured five counties.", "1998-01-11",
     [("Yesterday", "1998-01-10")]),
    # past perfect plans and reduced relatives look back
    ("The offer had been due to expire Friday evening.", "1989-10-30", [("Friday evening", "1989-10-27TEV")]),
    ("The index is 70 points below the record high set on Aug. 6.", "1998-02-06", [("Aug. 6", "1997-08-06")]),
    # anaphora: counted from the date the text is about, found even when the article has no date
    ("On May 22, 1995, he was promoted, and the following year he moved to Washington.", "1998-04-18",
     [("May 22, 1995", "1995-05-22"), ("the following year", "1996")]),
    ("She fled in June 1998 and returned later that year.", "2000-01-28",
     [("June 1998", "1998-06"), ("later that year", "1998")]),
    # rates are SETs of the same value; ordinals, marches, ages and idioms are not times
    ("The plan would save $500 million a year.", "1989-10-30", [("a year", "P1Y")]),
    ("A second group of directors sold shares.", "1989-10-30", []),
    ("Thousands joined the annual March for Life.", "1999-01-22", []),
    ("His stepmother married his father when he was in his 30s.", "1999-01-22", []),
    ("For the people of Poland, high noon comes today.", "1999-03-12", [("today", "1999-03-12")]),
    ("Paternity is easy to prove in today's world.", "1998-04-24", []),
    ("The city's glassmakers have kept their secrets for two thousand years.", "1998-01-21",
     [("years", "PXY")]),
    ("Islam will one day be the second largest religion here.", "1998-03-03", [("one day", "FUTURE_REF")]),
    ("The policy will not change in the near term.", "1989-10-30", [("the near term", "FUTURE_REF")]),
    ("Orangemen march each July from their church.", "1998-03-22", [("each July", "XXXX-07")]),
    ("The curfew holds every night until further notice.", "2024-12-02", [("every night", "P1D")]),
    # "at" is the signal, not part of a clock time (TimeML)
    ("The blast occurred at 10:35 a.m. near the embassy.", "1998-08-07", [("10:35 a.m.", "1998-08-07T10:35")]),
    ("The post-1959 politics split families.", "2000-02-24", [("1959", "1959")]),
    # the second of two conjoined days, or the end of a range, takes the month of the first
    ("Leaders will meet at the summit on April 24 and 25.", "1999-02-10",
     [("April 24", "1999-04-24"), ("25", "1999-04-25")]),
    ("The fair runs from May 5 to 7 in the old town.", "1999-04-20", [("May 5", "1999-05-05"), ("7", "1999-05-07")]),
    # a number that counts something is not a day
    ("On April 24 and 25 soldiers were wounded.", "1999-04-26", [("April 24", "1999-04-24")]),
    # one expression: the day beside the day named, and a quarter a year back
    ("The day before last Tuesday's hearing, he went to court.", "2000-02-24",
     [("The day before last Tuesday", "2000-02-21")]),
    # a day named relative to publication ("last Tuesday") is still the day later anaphora count from
    ("He met lawyers last Tuesday and appeared in court the next morning.", "2000-02-24",
     [("last Tuesday", "2000-02-22"), ("the next morning", "2000-02-23TMO")]),
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
    # "Now," opening a sentence is the discourse marker; "now" in the clause, and "now that", name the present
    ("Now, following asset sales, the company is half its size.", "1989-10-30", []),
    ("\"Now, he says, the West wants war.\"", "1991-02-25", []),
    ("Now officials are investigating the second bombing.", "1998-02-06", [("Now", "PRESENT_REF")]),
    ("The port is the only outlet now that the blockade has tightened.", "1990-08-20", [("now", "PRESENT_REF")]),
    # "recently" grading a participle is not a time; the frame adverbial is
    ("Both brewers have recently been losing market share.", "1989-10-30", []),
    ("The search was recently extended to Mexico.", "1999-01-22", []),
    ("The charge follows from the recently passed bailout law.", "1989-10-30", []),
    ("The company recently cut its dividend in half.", "1989-10-30", [("recently", "PAST_REF")]),
    ("Its stock has slumped recently.", "1989-10-30", [("recently", "PAST_REF")]),
    # "most recently" ranks events; the time is the expression after it
    ("Three doctors were shot, most recently last October, by a sniper.", "1999-02-06",
     [("last October", "1998-10")]),
    # "a matter of months" says how soon, it measures nothing
    ("The sale should be completed in a matter of months.", "1989-10-30", []),
    ("The sale took months.", "1989-10-30", [("months", "PXM")]),
    # "of tomorrow" after a noun is the generic age to come
    ("If I were choosing the leaders of tomorrow, I would pick them.", "1989-11-02", []),
]


@pytest.mark.parametrize(("sentence", "published", "expected"), EXTRACT)
def test_times_extract_sentences(nlp, sentence: str, published: str, expected: list[tuple[str, str]]) -> None:
    assert_extracted(nlp, sentence, published, expected)


def test_times_seed_saturday_resolves(nlp, seeds_dir: Path) -> None:
    path = next(seeds_dir.glob("002_*.txt"), None)
    if path is None:
        pytest.skip("seed 002 is not here")
    text = path.read_text(encoding="utf-8")
    found = extract_times(parse(nlp, text), "seed002", "2024-11-30")
    saturdays = [t for t in found if t.text == "Saturday"]
    assert saturdays and all(t.value == "2024-11-30" and t.precision == "day" for t in saturdays)
    assert any(t.text == "2011" and t.value == "2011" for t in found)
    assert not any("2254" in t.text for t in found)


def test_times_score_tempeval_rules() -> None:
    gold = [GoldTimex(0, 8, "Saturday", "DATE", "2024-11-30"), GoldTimex(20, 29, "last week", "DATE", "2024-W47")]
    system = [(0, 8, "2024-11-30"), (15, 29, "2024-W46"), (40, 44, "2011")]
    result = score([(gold, system)])
    assert result["strict_f1"] == pytest.approx(2 * (1 / 3) * (1 / 2) / (1 / 3 + 1 / 2))
    assert result["relaxed_f1"] == pytest.approx(2 * (2 / 3) * 1 / (2 / 3 + 1))
    assert result["value_f1"] == pytest.approx(2 * (1 / 3) * (1 / 2) / (1 / 3 + 1 / 2))


def test_times_score_values_are_case_sensitive() -> None:
    # the TempEval-3 scorer compares values as exact strings (g.value == s.value)
    gold = [GoldTimex(0, 3, "now", "DATE", "PRESENT_REF")]
    assert score([(gold, [(0, 3, "present_ref")])])["value_f1"] == 0.0
    assert score([(gold, [(0, 3, "PRESENT_REF")])])["value_f1"] == 1.0


def test_times_read_tml(tmp_path: Path) -> None:
    tml = tmp_path / "doc.tml"
    tml.write_text(
        '<?xml version="1.0" ?><TimeML><DCT><TIMEX3 tid="t0" type="DATE" value="1998-01-08" '
        'functionInDocument="CREATION_TIME">19980108</TIMEX3></DCT><TEXT>Stocks fell '
        '<TIMEX3 tid="t1" type="DATE" value="1998-01-07">yesterday</TIMEX3> &amp; rose '
        '<TIMEX3 tid="t2" type="DATE" value="PRESENT_REF">now</TIMEX3>.</TEXT></TimeML>',
        encoding="utf-8",
    )
    doc = read_tml(tml)
    assert doc.dct == "1998-01-08"
    assert doc.text == "Stocks fell yesterday & rose now."
    assert [(t.text, t.value, doc.text[t.start:t.end]) for t in doc.timexes] == [
        ("yesterday", "1998-01-07", "yesterday"), ("now", "PRESENT_REF", "now")]


def test_times_rates_are_sets(nlp) -> None:
    found = extract_times(parse(nlp, "Room rates will be $35 a night and flights leave twice a week."), "a1",
                          "1989-10-26")
    assert [(t.text, t.value, t.type) for t in found] == [("a night", "P1D", "SET"), ("a week", "P1W", "SET")]


def test_times_quality_floor(shared_data: Path) -> None:
    """The first 20 TimeBank documents must not fall below today's figures (0.929 / 0.954 / 0.857)."""
    from wiretrail.evaluate.times import evaluate

    path = shared_data / "time" / "tbaq" / "TimeBank"
    if not path.is_dir():
        pytest.skip("time/tbaq/TimeBank is not here")
    result = evaluate(path, limit=20)
    assert result["strict_f1"] >= 0.91
    assert result["relaxed_f1"] >= 0.94
    assert result["value_f1"] >= 0.83


def test_times_evaluate_small(shared_data: Path) -> None:
    from wiretrail.evaluate.times import evaluate

    path = shared_data / "time" / "tbaq" / "AQUAINT"
    if not path.is_dir():
        pytest.skip("time/tbaq/AQUAINT is not here")
    result = evaluate(path, limit=3)
    assert {"strict_f1", "relaxed_f1", "value_f1"} <= set(result)
    assert all(0.0 <= result[k] <= 1.0 for k in ("strict_f1", "relaxed_f1", "value_f1"))
    assert result["relaxed_f1"] > 0.7


def test_times_evaluate_rejects_wrong_folder(tmp_path: Path) -> None:
    from wiretrail.evaluate import EvaluationError
    from wiretrail.evaluate.times import evaluate

    with pytest.raises(EvaluationError, match="no .tml files"):
        evaluate(tmp_path)
    (tmp_path / "bad.tml").write_text("<TimeML><TEXT>unclosed", encoding="utf-8")
    with pytest.raises(EvaluationError, match="bad.tml"):
        evaluate(tmp_path)


def test_times_extract_without_publication_date(nlp) -> None:
    doc = parse(nlp, "Shops closed yesterday; the war has lasted three years since 2011.")
    found = [(t.text, t.value) for t in extract_times(doc, "a1", "")]
    assert found == [("yesterday", "XXXX-XX-XX"), ("three years", "P3Y"), ("2011", "2011")]


def test_times_fractions_and_verbs_are_not_times(nlp) -> None:
    doc = parse(nlp, "About three-quarters of the residents march to the square, and a quarter of them may stay.")
    assert extract_times(doc, "a1", "2024-11-30") == []
