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
