"""The attribution role tagger (``extract/attribution_crf.py``) and how the extractor uses it."""

from __future__ import annotations

import pytest

from wiretrail.extract.attribution import Blend, extract_attributions
from wiretrail.extract.attribution_crf import doc_features, load_tagger, tag_spans
from wiretrail.extract.attribution_features import quote_mask
from wiretrail.extract.attribution_quotes import find_quotes
from wiretrail.nlp import parse


def test_tag_spans_reads_runs_and_keeps_slips():
    assert tag_spans(["B-Source", "I-Source", "B-Cue", "B-Content", "I-Content", "O"]) == [
        ("Source", 0, 2), ("Cue", 2, 3), ("Content", 3, 5)]
    # an I- tag with no B- before it still opens a run; a B- right after a run of the same role starts a new one
    assert tag_spans(["O", "I-Cue", "B-Cue"]) == [("Cue", 1, 2), ("Cue", 2, 3)]
    assert tag_spans([]) == []


@pytest.mark.model
def test_features_name_the_reporting_verb_a_token_hangs_from(nlp):
    text = "Police said three people were arrested."
    doc = parse(nlp, text)
    feats = doc_features(doc, quote_mask(doc, find_quotes(text)))
    assert len(feats) == len(doc)
    by_word = {t.text: set(f) for t, f in zip(doc, feats)}
    assert "fr_d=say|ROOT" in by_word["said"]
    assert "anc=say|nsubj" in by_word["Police"]
    assert "anc=say|ccomp" in by_word["arrested"]
    assert "q=0" in by_word["arrested"]


@pytest.mark.model
def test_tagger_marks_cue_source_and_content(nlp):
    tagger = load_tagger()
    if tagger is None:
        pytest.skip("no attribution tagger (model file or pycrfsuite missing)")
    text = "The senator said on Monday that the bill would fail in the House."
    doc = parse(nlp, text)
    tagged = tagger.tag(doc, quote_mask(doc, find_quotes(text)))
    said = next(t.i for t in doc if t.text == "said")
    assert tagged.cue_prob[said] > 0.5
    roles = {role: doc[a:b].text for role, a, b in tagged.spans}
    assert "senator" in roles.get("Source", "")
    assert "bill would fail" in roles.get("Content", "")


@pytest.mark.model
def test_extraction_with_and_without_the_tagger(nlp):
    text = "“We will not back down,” the mayor told reporters on Tuesday."
    doc = parse(nlp, text)
    for blend in (Blend(), None):
        atts = extract_attributions(doc, "t", blend=blend)
        assert len(atts) == 1, blend
        a = atts[0]
        assert a.source.text == "the mayor" and a.cue == "tell"
        assert a.content.strip("“”,") == "We will not back down"


# cues the cue scorer accepts but the tagger, taught by PolNeAR, would turn down: a denial whose content
# is a pronoun, a report whose verb the parse hangs from the outlet ("the ... site reported") after a
# "Citing ..." clause; later stages read both (a claim's status, its origin)
KEPT = [
    ("The interior ministry says the militia is funded by the Unity Party, an opposition party in exile, "
     "which denies it.", "deny"),
    ("The army says the rebels are armed by the Green Front, a banned movement, which denies it.", "deny"),
    ("Citing a senior police official, the Cairo-based news site reported on Monday that the minister had "
     "resigned.", "report"),
    ("Quoting two diplomats, the Beirut-based daily reported on Sunday that the talks had collapsed.", "report"),
]


@pytest.mark.model
@pytest.mark.parametrize("text,cue", KEPT)
def test_tagger_only_adds_to_the_rules_cues(nlp, text, cue):
    if load_tagger() is None:
        pytest.skip("no attribution tagger (model file or pycrfsuite missing)")
    doc = parse(nlp, text)
    rules = extract_attributions(doc, "t", blend=None)
    blended = extract_attributions(doc, "t", blend=Blend())
    assert cue in {a.cue for a in rules}
    for a in rules:  # every cue of the rules is (part of) a cue of the blend
        assert any(b.cue_span.start < a.cue_span.end and a.cue_span.start < b.cue_span.end for b in blended), a.cue
