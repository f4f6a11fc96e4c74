"""Figures: what they count, value and range, vague-count rules, exclusions, sources, seeds."""

from __future__ import annotations

from pathlib import Path

import pytest

from wiretrail.extract.quantities import VAGUE, extract_quantities, find_numbers, is_people_count, parse_number
from wiretrail.model import Attribution, Source, Span
from wiretrail.nlp import parse

FIGURES = [
    # sentence, expected [(counts, value, low, high, qualifier)]
    ("Airstrikes hit Idlib, killing four civilians and wounding six others.",
     [("civilians killed", 4, None, None, ""), ("wounded", 6, None, None, "")]),
    ("The army said that dozens of its soldiers had been killed in a major attack.",
     [("soldiers killed", 12, 12, 99, "")]),
    ("The fighting has resulted in over 412 deaths, including at least 61 civilians.",
     [("killed", 412, 412, None, "more than"), ("civilians killed", 61, 61, None, "at least")]),
    ("Strikes resulted in the deaths of at least 12 individuals in Aleppo and nine civilians in Idlib.",
     [("killed", 12, 12, None, "at least"), ("civilians killed", 9, None, None, "")]),
    ("The death toll rose to 40.", [("killed", 40, None, None, "")]),
    ("Between 10 and 15 people were killed in the blast.", [("killed", 10, 10, 15, "between")]),
    ("Police said 10-15 protesters were arrested.", [("protesters arrested", 10, 10, 15, "between")]),
    ("Up to 200 families were displaced by the fighting.", [("displaced", 200, None, 200, "up to")]),
    ("About twenty-four fighters died in clashes near Hama.", [("fighters killed", 24, None, None, "about")]),
    ("Nearly 3,000 people were wounded.", [("wounded", 3000, None, None, "nearly")]),
    ("Several soldiers were reported missing.", [("soldiers missing", 3, 3, 9, "")]),
    ("A dozen militants were killed overnight.", [("fighters killed", 12, None, None, "")]),
    ("Rebels captured dozens of towns across the north.", [("towns captured", 12, 12, 99, "")]),
    ("The US keeps hundreds of troops in Syria.", [("troops deployed", 100, 100, 999, "")]),
    ("The war has killed hundreds of thousands of people.", [("killed", 100000, 100000, 999999, "")]),
    ("Seven people were found dead in the village.", [("killed", 7, None, None, "")]),
]


@pytest.mark.parametrize(("sentence", "expected"), FIGURES)
def test_quantities_figures_table(nlp, sentence: str, expected: list[tuple]) -> None:
    found = [q for q in extract_quantities(parse(nlp, sentence), "a1") if is_people_count(q)]
    assert [(q.counts, q.value, q.low, q.high, q.qualifier) for q in found] == expected
    for q in found:
        assert sentence[q.span.start:q.span.end] == q.text


NOT_FIGURES = [
    "The council adopted UNSCR 2254 in 2015.",
    "A 12-year-old boy was hurt.",
    "Aid would start arriving in the next 72 hours.",
    "The talks began at 10:30 a.m. on Saturday.",
    "The war has ground on since 2011.",
    "She was displaced from it eight years ago, in 2016.",
    "See page 4 of the report.",
]


@pytest.mark.parametrize("sentence", NOT_FIGURES)
def test_quantities_no_casualty_figures(nlp, sentence: str) -> None:
    found = extract_quantities(parse(nlp, sentence), "a1", published="2024-11-30")
    assert not [q for q in found if is_people_count(q)], found


def test_quantities_generic_counts(nlp) -> None:
    found = extract_quantities(parse(nlp, "Two rebel sources said the convoy carried 40 trucks."), "a1")
    assert [(q.counts, q.value) for q in found] == [("sources", 2), ("trucks", 40)]
    assert not any(is_people_count(q) for q in found)


@pytest.mark.parametrize(
    ("text", "value"),
    [("twenty-four", 24), ("1,200", 1200), ("2.5 million", 2_500_000), ("a hundred", 100), ("seven", 7)],
)
def test_quantities_parse_number(text: str, value: float) -> None:
    assert parse_number(text) == value


def test_quantities_vague_rules_are_recorded() -> None:
    (n,) = list(find_numbers("dozens"))
    assert (n.value, n.low, n.high) == (12, 12, 99)
    assert "ACLED" in n.rule
    assert VAGUE["several"][0] == 3 and VAGUE["hundreds"][0] == 100 and VAGUE["scores"][0] == 20


def _attribution(text: str, source: str, cue: str, content: str, att_id: str, resolved: str = "") -> Attribution:
    start = text.index(content)
    cue_start = text.index(cue)
    return Attribution(
        id=att_id,
        article="a1",
        source=Source(text=source, type="named_org", resolved=resolved),
        cue=cue.lower(),
        cue_span=Span("a1", cue_start, cue_start + len(cue)),
        content=content,
        content_span=Span("a1", start, start + len(content)),
    )


def test_quantities_source_from_attribution(nlp) -> None:
    text = ("According to the Observatory, Syrian and Russian aircraft have conducted lethal strikes.\n"
            "They reported that strikes resulted in the deaths of at least 12 individuals in Aleppo.\n"
            "Rebels captured dozens of towns.")
    atts = [
        _attribution(text, "the Observatory", "According to",
                     "Syrian and Russian aircraft have conducted lethal strikes", "att1"),
        _attribution(text, "They", "reported",
                     "strikes resulted in the deaths of at least 12 individuals in Aleppo", "att2"),
    ]
    found = extract_quantities(parse(nlp, text), "a1", attributions=atts)
    by_counts = {q.counts: q for q in found}
    assert by_counts["killed"].source == "the Observatory"  # carried over from the pronoun "They"
    assert by_counts["killed"].attribution == "att2"
    assert by_counts["killed"].scope == "in Aleppo"
    assert by_counts["towns captured"].source == ""  # outlet's own voice


def test_quantities_as_of_from_sentence_time(nlp) -> None:
    text = "Civil Defense said on Friday that four civilians were killed."
    (q,) = extract_quantities(parse(nlp, text), "a1", published="2024-11-30")
    assert q.as_of == "2024-11-29"


def _seed(seeds_dir: Path, prefix: str) -> str:
    path = next(seeds_dir.glob(f"{prefix}_*.txt"), None)
    if path is None:
        pytest.skip(f"seed {prefix} is not here")
    return path.read_text(encoding="utf-8")


def test_quantities_seed_observatory_figures(nlp, seeds_dir: Path) -> None:
    text = _seed(seeds_dir, "004")
    found = {(q.text, q.counts, q.value, q.qualifier) for q in extract_quantities(parse(nlp, text), "s4")}
    assert ("over 412 deaths", "killed", 412, "more than") in found
    assert ("at least 61 civilians", "civilians killed", 61, "at least") in found
    assert ("at least 12 individuals", "killed", 12, "at least") in found
    assert ("nine civilians", "civilians killed", 9, "") in found
    assert not any("2254" in t for t, *_ in found)


def test_quantities_seed_civil_defense_and_army(nlp, seeds_dir: Path) -> None:
    text = _seed(seeds_dir, "002")
    found = extract_quantities(parse(nlp, text), "s2", published="2024-11-30")
    got = {(q.text, q.counts, q.value) for q in found}
    assert ("four civilians", "civilians killed", 4) in got
    assert ("six others", "wounded", 6) in got
    assert ("dozens of its soldiers", "soldiers killed", 12) in got
    assert not any(is_people_count(q) and q.text.startswith("72") for q in found)


@pytest.mark.parametrize("sentence,scope", [
    ("The war, which has killed hundreds of thousands of people, has ground on since 2011.", "the war"),
    ("The conflict has killed more than 500,000 people.", "the conflict"),
    ("Air strikes killed 12 people in Idlib on Friday.", "in Idlib"),
])
def test_quantities_a_whole_wars_toll_has_its_own_scope(nlp, sentence: str, scope: str) -> None:
    """A war's cumulative toll is not in dispute with one day's strikes: its scope says so."""
    (q,) = [q for q in extract_quantities(parse(nlp, sentence), "a1", []) if "killed" in q.counts]
    assert q.scope == scope
