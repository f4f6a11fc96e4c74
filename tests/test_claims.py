"""Claims: propositions with subject–predicate–object, polarity, hedges and spans."""

from __future__ import annotations

import pytest

from wiretrail.extract.attribution import extract_attributions
from wiretrail.extract.claims import extract_claims
from wiretrail.model import Claim
from wiretrail.nlp import parse

pytestmark = pytest.mark.model


def _claims(nlp, text: str):
    doc = parse(nlp, text)
    atts = extract_attributions(doc, "c1")
    return atts, extract_claims(doc, "c1", atts)


# sentence -> (subject, predicate, object, polarity, hedges) of its only claim
SPO = [
    ("Rebels captured the airport on Saturday.", ("Rebels", "capture", "the airport", 1, ())),
    ("Assad reportedly did not ask Israel for help.", ("Assad", "ask", "Israel", -1, ("reportedly",))),
    ("The army allegedly shelled the market.", ("The army", "shell", "the market", 1, ("allegedly",))),
    ("The drone was presumably launched from Iraq.", ("The drone", "launch from", "Iraq", 1, ("presumably",))),
    ("The ceasefire could collapse.", ("The ceasefire", "collapse", "", 1, ("could",))),
    ("No soldiers were killed in Aleppo.", ("No soldiers", "kill in", "Aleppo", -1, ())),
    ("The leader is said to have fled the capital.", ("The leader", "flee", "the capital", 1, ("is said to",))),
    ("The convoy never reached Hama.", ("The convoy", "reach", "Hama", -1, ())),
]


@pytest.mark.parametrize("text,expected", SPO, ids=[s[0][:30] for s in SPO])
def test_claims_spo_polarity_hedges(nlp, text, expected):
    _, claims = _claims(nlp, text)
    assert len(claims) == 1, [c.text for c in claims]
    c = claims[0]
    assert (c.subject, c.predicate, c.object, c.polarity, c.hedges) == expected


def test_claims_attributed_claim_carries_attribution(nlp):
    text = "Rebels took Hama, a resident told Reuters."
    atts, claims = _claims(nlp, text)
    assert len(claims) == 1
    c = claims[0]
    assert c.attribution == atts[0].id
    assert c.text == "Rebels took Hama"
    assert (c.subject, c.predicate, c.object) == ("Rebels", "take", "Hama")
    assert text[c.span.start : c.span.end] == c.text


def test_claims_own_voice_and_attributed_in_one_article(nlp):
    text = "Airstrikes hit Idlib on Sunday. Two military sources said Moscow promised more aid."
    atts, claims = _claims(nlp, text)
    own = [c for c in claims if not c.attribution]
    attributed = [c for c in claims if c.attribution]
    assert [c.text for c in own] == ["Airstrikes hit Idlib on Sunday."]
    assert own[0].places == ("Idlib",) and own[0].times == ("Sunday",)
    assert any(c.text == "Moscow promised more aid" for c in attributed)


def test_claims_speaker_only_sentence_is_no_claim(nlp):
    text = "He wrote:\n“The fall of the city weakens Iran.”"
    _, claims = _claims(nlp, text)
    assert all("He wrote" not in c.text for c in claims)
    assert any("weakens Iran" in c.text for c in claims)


def test_claims_are_records_with_ids(nlp):
    _, claims = _claims(nlp, "Rebels captured the airport.")
    c = claims[0]
    assert Claim.from_dict(c.to_dict()) == c
    assert c.id.startswith("c1:") and c.article == "c1"


def test_claims_an_appositive_after_the_source_is_not_a_claim_of_its_own(nlp):
    """"..., according to Open Hands, a relief group working in the area": one claim, Open Hands's."""
    from wiretrail.extract.attribution import extract_attributions
    from wiretrail.nlp import parse

    doc = parse(nlp, "About 6,500 people have fled Sbeitla since Wednesday night, according to Open Hands, "
                     "a relief group working in the area.")
    claims = extract_claims(doc, "a1", extract_attributions(doc, "a1"))
    assert len(claims) == 1 and claims[0].attribution and claims[0].text.endswith("Wednesday night")


def test_claims_coordinated_clauses_are_two_claims(nlp):
    from wiretrail.nlp import parse

    doc = parse(nlp, "The offensive began on Saturday, and by evening the rebels had taken control of the airport.")
    texts = [c.text for c in extract_claims(doc, "a1", [])]
    assert texts == ["The offensive began on Saturday", "by evening the rebels had taken control of the airport"]


def test_claims_an_accusation_reports_what_it_accuses(nlp):
    """"The ministry accused the DLF of storing weapons": the ministry's claim, not the outlet's."""
    doc = parse(nlp, "The defence ministry on Friday accused the DLF of storing weapons in a primary school in Thala.")
    atts = extract_attributions(doc, "a1")
    (claim,) = extract_claims(doc, "a1", atts)
    assert claim.attribution and "storing weapons in a primary school" in claim.text
    assert next(a for a in atts if a.id == claim.attribution).source.text == "The defence ministry"


def test_claims_a_denial_without_words_of_its_own_denies_the_claim_of_its_sentence(nlp):
    doc = parse(nlp, "The ministry accused the DLF of storing weapons in a primary school in Thala, a charge the group denied.")
    atts = extract_attributions(doc, "a1")
    claims = extract_claims(doc, "a1", atts)
    (denial,) = [c for c in claims if c.polarity < 0]
    (accusation,) = [c for c in claims if c.polarity > 0]
    assert denial.text == accusation.text and denial.id != accusation.id
    assert next(a for a in atts if a.id == denial.attribution).cue == "deny"


# sentence -> (clause as written, reading with the antecedent filled in, subject, predicate, object)
SUPPLEMENTS = [
    ("The truce does not cover Thala, which DLF fighters captured on Tuesday.",
     ("which DLF fighters captured on Tuesday", "DLF fighters captured Thala on Tuesday", "DLF fighters", "capture", "Thala")),
    ("The rebels of the Dorsal Liberation Front, who captured the town of Thala on Tuesday, are under pressure.",
     ("who captured the town of Thala on Tuesday", "The Dorsal Liberation Front captured the town of Thala on Tuesday",
      "the Dorsal Liberation Front", "capture", "the town of Thala")),
    ("Thala, captured by DLF fighters on Tuesday, was quiet on Friday.",
     ("captured by DLF fighters on Tuesday", "Thala was captured by DLF fighters on Tuesday", "Thala", None, None)),
    ("Aircraft struck a school in Thala, the town the rebels captured on Tuesday, and a bridge.",
     ("the rebels captured on Tuesday", "The rebels captured Thala on Tuesday", "the rebels", "capture", "Thala")),
    ("The strikes hit Feriana, where two soldiers were killed by mortar fire on Thursday.",
     ("where two soldiers were killed by mortar fire on Thursday",
      "Two soldiers were killed by mortar fire on Thursday in Feriana", "two soldiers", None, None)),
    ("The rebels took Aleppo and Hama, which are now under opposition control.",
     ("which are now under opposition control", "Aleppo and Hama are now under opposition control",
      "Aleppo and Hama", None, None)),
    ("The truce does not cover Thala, which DLF fighters captured on Tuesday, or Feriana.",
     ("which DLF fighters captured on Tuesday", "DLF fighters captured Thala on Tuesday", "DLF fighters", "capture", "Thala")),
    ("Cruz, who's been running third in Iowa, spoke on Monday.",
     ("who's been running third in Iowa", "Cruz has been running third in Iowa", "Cruz", None, None)),
]


@pytest.mark.parametrize("text,expected", SUPPLEMENTS, ids=[s[0][:30] for s in SUPPLEMENTS])
def test_claims_a_supplementary_clause_is_a_claim_with_its_antecedent_filled_in(nlp, text, expected):
    written, reading, subject, predicate, obj = expected
    _, claims = _claims(nlp, text)
    (c,) = [c for c in claims if c.text == reading]
    assert text[c.span.start : c.span.end] == written
    assert c.subject == subject and not c.attribution
    assert predicate is None or (c.predicate, c.object) == (predicate, obj)
    # the sentence itself stays a claim
    assert any(c.span.start == 0 for c in claims)


@pytest.mark.parametrize("text", [
    "The man who spoke to reporters was calm.",            # restrictive: it picks out the man
    "People who fled the town crossed the border.",
    "Open Hands, a relief group working in the area, sent food.",  # a present participle describes
    "The militia, recruited from local clans, held the road.",     # no agent, no event of its own
])
def test_claims_an_identifying_clause_is_no_claim_of_its_own(nlp, text):
    _, claims = _claims(nlp, text)
    assert len(claims) == 1 and claims[0].span.start == 0, [c.text for c in claims]


def test_claims_a_supplement_inside_a_quote_is_the_speakers(nlp):
    text = '"The army, which shelled the market on Monday, is lying," the spokesman said.'
    atts, claims = _claims(nlp, text)
    (c,) = [c for c in claims if c.text == "The army shelled the market on Monday"]
    assert c.attribution and next(a for a in atts if a.id == c.attribution).source.text == "the spokesman"


def test_claims_an_after_clause_states_an_event_of_its_own(nlp):
    _, claims = _claims(nlp, "The rebels took the town after the army withdrew towards Kasserine.")
    assert [c.text for c in claims] == ["The rebels took the town", "the army withdrew towards Kasserine"]
    _, claims = _claims(nlp, "The rebels would send no fighters until the army left the valley.")
    assert len(claims) == 1  # an "until" clause need not have happened
    _, claims = _claims(nlp, "The Brigades would send fighters only after the DLF freed three of their men.")
    assert len(claims) == 1  # nor one that sets a condition


def test_claims_a_confirmation_without_words_of_its_own_confirms_the_claim_it_names(nlp):
    text = ("The army and the rebels agreed on Saturday to a 48-hour truce in Sbeitla. The rebels said their "
            "fighters would observe a halt to fire. A ministry spokesman confirmed the agreement.")
    atts, claims = _claims(nlp, text)
    (confirmed,) = [c for c in claims if ":confirmed" in c.id]
    assert confirmed.text.startswith("The army and the rebels agreed") and confirmed.polarity == 1
    assert next(a for a in atts if a.id == confirmed.attribution).cue == "confirm"
    _, claims = _claims(nlp, "The army shelled the market. A ministry spokesman confirmed two deaths.")
    assert not [c for c in claims if ":confirmed" in c.id]  # words of its own: no anaphora
