"""The learned content-end choice (``extract/attribution_spans.py``) on short sentences."""

from __future__ import annotations

import pytest

from wiretrail.extract.attribution import content_tokens, extract_attributions, find_frames
from wiretrail.extract.attribution_features import CueScorer, quote_mask
from wiretrail.extract.attribution_quotes import find_quotes
from wiretrail.extract.attribution_spans import EndCandidate, best_end, end_candidates, load_span_scorer
from wiretrail.nlp import parse

pytestmark = pytest.mark.model

PRAISED = "The senator praised Franklin Graham, who has vowed to boycott the cookies."


def _candidates(nlp, text: str, content: str, cue: str):
    doc = parse(nlp, text)
    a = text.index(content)
    rng = content_tokens(doc, (a, a + len(content)))
    cue_i = next(t.i for t in doc if t.text == cue)
    mask = quote_mask(doc, find_quotes(text))
    return doc, rng, end_candidates(doc, rng[0], rng[1], "say", [cue_i], mask, frozenset({cue_i}))


def test_end_candidates_rule_end_first_then_boundaries(nlp):
    doc, rng, cands = _candidates(nlp, PRAISED, "Franklin Graham, who has vowed to boycott the cookies", "praised")
    assert cands[0].end == rng[1] and "cut=none" in cands[0].feats
    ends = {doc[rng[0] : c.end].text for c in cands}
    assert "Franklin Graham" in ends  # before the relative clause
    comma = next(c for c in cands if doc[rng[0] : c.end].text == "Franklin Graham")
    assert any(f.startswith("cut=,|") for f in comma.feats)


def test_end_candidates_offer_the_rest_of_the_sentence(nlp):
    text = "The governor proposed new funds to help states treat addiction."
    doc, rng, cands = _candidates(nlp, text, "new funds", "proposed")
    extend = [c for c in cands if "cut=extend" in c.feats]
    assert len(extend) == 1 and doc[rng[0] : extend[0].end].text == "new funds to help states treat addiction"


def test_end_candidates_mark_a_dropped_cue(nlp):
    text = "She rejected the plan, saying that it was unfair."
    doc, rng, cands = _candidates(nlp, text, "the plan, saying that it was unfair", "rejected")
    saying = next(t.i for t in doc if t.text == "saying")
    mask = quote_mask(doc, find_quotes(text))
    cue = next(t.i for t in doc if t.text == "rejected")
    with_cue = end_candidates(doc, rng[0], rng[1], "say", [cue], mask, frozenset({cue, saying}))
    cut = next(c for c in with_cue if doc[rng[0] : c.end].text == "the plan")
    assert any(f.startswith("drops_cue=True") for f in cut.feats)


def test_best_end_takes_the_highest_score_and_the_rule_on_ties():
    cands = [EndCandidate(9, ("cut=none",)), EndCandidate(4, ("cut_rel=relcl",)), EndCandidate(6, ("cut_rel=prep",))]
    assert best_end(cands, CueScorer({"weights": {}, "bias": 0.0})) == 9
    assert best_end(cands, CueScorer({"weights": {"cut_rel=relcl": 3.0}, "bias": 0.0})) == 4
    assert best_end(cands, CueScorer({"weights": {"cut=none": 1.0, "cut_rel=prep": 2.0}, "bias": 0.0})) == 6


def test_span_model_ships():
    scorer = load_span_scorer()
    assert scorer is not None and len(scorer.weights) > 50


def test_learned_ends_can_be_switched_off(nlp):
    doc = parse(nlp, PRAISED)
    rule = find_frames(doc, learned_ends=False)
    assert rule and doc.text[slice(*rule[0].content)].startswith("Franklin Graham")


# the rule stops at the object; the learned end takes the rest of the predicate, as PolNeAR does
LONGER = [
    ("The senator described the proposal as too vague and politically unrealistic.", "described",
     "the proposal", "the proposal as too vague and politically unrealistic"),
]


@pytest.mark.parametrize("text,cue,rule,learned", LONGER, ids=[x[1] for x in LONGER])
def test_learned_end_takes_the_predicate(nlp, text, cue, rule, learned):
    doc = parse(nlp, text)
    before = next(f for f in find_frames(doc, learned_ends=False) if doc[f.cue[0]].text == cue)
    assert text[slice(*before.content)] == rule
    a = next(a for a in extract_attributions(doc, "t") if text[a.cue_span.start : a.cue_span.end] == cue)
    assert a.content == learned


def test_accusation_rule_already_takes_the_charge(nlp):
    """"accused X of Y": the rule itself reads the charge (the accusation's content), so both agree."""
    text = "Critics accused the governor of ignoring the flood warnings."
    doc = parse(nlp, text)
    before = next(f for f in find_frames(doc, learned_ends=False) if doc[f.cue[0]].text == "accused")
    assert text[slice(*before.content)] == "the governor of ignoring the flood warnings"
