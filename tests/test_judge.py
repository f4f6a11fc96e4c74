"""Pair judgement: what the parse reads, how pairs compare, the shipped weights, verdicts."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from wiretrail.link.judge import CLASSES, MODEL_PATH, Judge, JudgeError, LinearModel
from wiretrail.link.judge_features import ALL_FEATURES, FEATURES, SentenceFacts, pair_features, pair_reasons, sentence_facts
from wiretrail.nlp import parse


def _facts(nlp, text):
    return sentence_facts(parse(nlp, text))


FACT_CASES = [
    # sentence, attribute, expected member
    ("Rebels killed 18 soldiers in Aleppo.", "predicates", "kill"),
    ("Police said the suspect was arrested on Friday.", "predicates", "arrest"),
    ("The army did not capture the town.", "negations", 1),
    ("Turkey denied the report.", "negations", 1),
    ("Officials refused to comment.", "negations", 1),
    ("Assad asked Israel for help.", "subjects", "assad"),
]


@pytest.mark.model
@pytest.mark.parametrize("text, attribute, expected", FACT_CASES)
def test_judge_facts_read_from_parse(nlp, text, attribute, expected):
    value = getattr(_facts(nlp, text), attribute)
    assert (expected in value) if not isinstance(value, int) else value == expected


NEGATED_CASES = [
    ("The army did not capture the town.", "capture"),
    ("The minister refused to sign the deal.", "sign"),
    ("No one was killed in the blast.", "kill"),
    ("Rebels have never entered Hama.", "enter"),
]


@pytest.mark.model
@pytest.mark.parametrize("text, lemma", NEGATED_CASES)
def test_judge_facts_know_which_predicate_is_negated(nlp, text, lemma):
    assert lemma in _facts(nlp, text).negated


@pytest.mark.model
def test_judge_facts_no_one_is_not_a_number(nlp):
    assert _facts(nlp, "No one was killed in the blast.").numbers == ()


@pytest.mark.model
def test_judge_facts_numbers_know_what_they_count(nlp):
    facts = _facts(nlp, "At least 18 people were killed and 2,400 displaced.")
    values = {n.value: n.head for n in facts.numbers}
    assert values[18.0] == "kill"
    assert 2400.0 in values


REASON_CASES = [
    ("Rebels killed 18 soldiers in Aleppo on Sunday.", "Rebels killed 31 soldiers in Aleppo on Sunday.",
     "numbers differ: 18 vs 31 killed"),
    ("The army captured the town of Hama.", "The army did not capture the town of Hama.", "negation differs"),
    ("The ruling party won the election.", "The ruling party lost the election.", "opposite actions: win vs lose"),
    ("Tara Reid checked into rehab on Tuesday.", "Lindsay Lohan checked into rehab on Tuesday.",
     "different actors: tara reid vs lindsay lohan"),
    ("An earthquake struck Sumatra.", "An earthquake struck Chile.", "different places: sumatra vs chile"),
]


@pytest.mark.model
@pytest.mark.parametrize("a, b, reason", REASON_CASES)
def test_judge_reasons_name_the_difference(nlp, a, b, reason):
    fa, fb = _facts(nlp, a), _facts(nlp, b)
    feats = pair_features(fa, fb, 0.9)
    assert set(feats) == set(ALL_FEATURES) and set(FEATURES) <= set(feats)
    assert any(r.startswith(reason) for r in pair_reasons(fa, fb, feats)), pair_reasons(fa, fb, feats)


def test_judge_shipped_weights_fit_the_features():
    data = json.loads(MODEL_PATH.read_text(encoding="utf-8"))
    model = LinearModel.from_json(data, MODEL_PATH)
    assert model.classes == CLASSES
    assert set(model.features) <= set(FEATURES)
    assert 0 < model.threshold_same < 1 and 0 < model.threshold_contra < 1
    assert MODEL_PATH.stat().st_size < 200_000


def test_judge_load_names_the_file_when_weights_are_bad(tmp_path: Path):
    bad = tmp_path / "judge.json"
    bad.write_text('{"features": ["cosine"]}', encoding="utf-8")
    with pytest.raises(JudgeError, match="judge.json"):
        Judge.load(bad)
    with pytest.raises(JudgeError, match="missing.json"):
        Judge.load(tmp_path / "missing.json")


VERDICT_CASES = [
    ("Rebels captured the northern city of Aleppo on Saturday, a war monitor said.",
     "Aleppo fell to rebel fighters on Saturday, according to a monitoring group.", "same"),
    ("Rebels captured the northern city of Aleppo on Saturday.",
     "Rebels did not capture the northern city of Aleppo on Saturday.", "contradicts"),
    ("An airstrike killed 18 civilians in Idlib on Monday.",
     "An airstrike killed 31 civilians in Idlib on Monday.", "contradicts"),
    ("Rebels captured the northern city of Aleppo on Saturday.",
     "The central bank raised interest rates by half a point.", None),
    # one action, different named participants: two requests, not one claim and not a contradiction
    ("Syrian President Bashar al-Assad asked Israel for help against the rebels, an official said.",
     "Syrian President Bashar Assad asked Iran not to respond to Israel's attacks, an official said.", None),
    ("Police arrested John Smith in Boston on Friday.", "Police arrested Mary Jones in Boston on Friday.", None),
]

ROLE_CASES = [
    ("Assad asked Israel for help.", "Assad asked for Israel's help.", []),
    ("Assad asked Israel for help.", "Assad asked Iran for help.", [("request", "patient", ["israel"], ["iran"])]),
    ("Russia asked Iran to withdraw.", "Bashar al-Assad asked Iran to withdraw.",
     [("request", "agent", ["russia"], ["bashar al-assad"])]),
    # one kind of act told with two verbs, or as a noun: the requests of two parties
    ("Israel responded with a demand that Iranian forces leave.", "Russia asked Iran to withdraw its militias.",
     [("request", "agent", ["israel"], ["russia"])]),
    ("Turkey backs the rebel factions.", "Russia supports the rebel factions.", [("support", "agent", ["turkey"], ["russia"])]),
    ("Assad asked Israel for help.", "Israel's help was requested by Assad.", []),
    # control: the one asked to act is the actor of the act ("asked Iran not to respond": Iran responds)
    ("Israel responded with a demand.", "Assad asked Iran not to respond to the strikes.",
     [("request", "agent", ["israel"], ["assad"]), ("respond", "agent", ["israel"], ["iran"])]),
    ("Bashar al-Assad asked Iran to stay out.", "Syrian President Bashar Assad asked Iran to stay out.", []),
    ("Rebels captured Aleppo airport.", "The airport was seized by fighters.", []),  # no named roles to compare
]


@pytest.mark.parametrize(
    "text, mood",
    [
        ("Syrian President Bashar al-Assad asked Israel for help.", "past"),
        ("Assad will presumably be more concerned with fighting for the survival of his government.", "conjecture"),
        ("The army will probably retake the town within days.", "conjecture"),
        ("The army will retake the town within days.", ""),  # a plain future: not a hedge
        ("Rebels control the airport.", ""),
    ],
)
def test_judge_mood_tells_a_report_from_a_conjecture(nlp, text, mood):
    assert sentence_facts(next(iter(parse(nlp, text).sents))).mood == mood


@pytest.mark.parametrize("a, b, expected", ROLE_CASES)
def test_judge_role_conflicts_compare_named_participants_of_one_action(nlp, a, b, expected):
    from wiretrail.link.judge_features import role_conflicts

    fa, fb = (sentence_facts(next(iter(parse(nlp, t).sents))) for t in (a, b))
    assert role_conflicts(fa, fb) == expected
    if expected:
        assert pair_reasons(fa, fb, pair_features(fa, fb, 0.8))[0].startswith(f"different {expected[0][1]} of")


@pytest.mark.model
@pytest.mark.parametrize("a, b, label", VERDICT_CASES)
def test_judge_verdicts_on_news_sentences(nlp, a, b, label):
    judge = Judge.load(nlp=nlp)
    verdict = judge.pair(a, b)
    assert verdict.label == label, verdict
    assert 0.0 <= verdict.p_same <= 1.0 and 0.0 <= verdict.p_contra <= 1.0
    assert verdict.reasons and all(isinstance(r, str) for r in verdict.reasons)


@pytest.mark.model
def test_judge_accepts_parsed_sentences(nlp):
    judge = Judge.load(nlp=nlp)
    a, b = "Turkey shot down a Russian jet.", "A Russian jet was shot down by Turkey."
    with_docs = judge.pair(a, b, doc_a=parse(nlp, a), doc_b=parse(nlp, b))
    assert with_docs == judge.pair(a, b)


@pytest.mark.model
def test_judge_reads_a_sentence_once(nlp):
    judge = Judge.load(nlp=nlp)
    first = judge.facts(["Rebels captured Aleppo airport on Saturday.", "Police arrested two men in Thala."])
    again = judge.facts(["Police arrested two men in Thala.", "Rebels captured Aleppo airport on Saturday."])
    assert again[0] is first[1] and again[1] is first[0]  # kept, not parsed again
    assert judge.facts(["Police arrested two men in Thala."] * 3)[2].predicates == frozenset({"arrest"})


def test_judge_polarity_clash_needs_the_same_actor(nlp):
    from wiretrail.link.judge_features import polarity_conflicts

    facts = lambda t: sentence_facts(next(iter(parse(nlp, t).sents)))  # noqa: E731
    assert polarity_conflicts(facts("Israel responded to the attack."), facts("Israel did not respond to the attack.")) == ["respond"]
    assert polarity_conflicts(facts("Israel responded to the attack."), facts("Assad asked Iran not to respond to the attack.")) == []


@pytest.mark.model
def test_judge_facts_round_trip_through_json(nlp):
    for text in ("Rebels killed 18 soldiers in Aleppo on Sunday.", "Assad asked Iran not to respond to the strikes.",
                 "The army did not capture Thala, the ministry said.", "Russia will presumably back Assad."):
        facts = _facts(nlp, text)
        assert SentenceFacts.from_dict(json.loads(json.dumps(facts.to_dict()))) == facts


class _NoParser:
    def pipe(self, *args, **kwargs):
        raise AssertionError("the judge parsed a sentence whose facts it was given")

    def make_doc(self, text):
        raise AssertionError("the judge parsed a sentence whose facts it was given")


@pytest.mark.model
def test_judge_given_facts_does_not_parse_and_agrees(nlp):
    a, b = "Rebels killed 18 soldiers in Aleppo on Sunday.", "Rebels killed 31 soldiers in Aleppo on Sunday."
    parsed = Judge.load(nlp=nlp).pair(a, b)
    given = Judge.load(nlp=_NoParser()).pairs([(a, b)], facts={a: _facts(nlp, a), b: _facts(nlp, b)})[0]
    assert given == parsed and given.label == "contradicts"


@pytest.mark.model
def test_judge_facts_kept_by_the_analysis_read_each_claim(nlp):
    from wiretrail.analyse import claim_facts
    from wiretrail.extract.attribution import extract_attributions
    from wiretrail.extract.claims import extract_claims

    text = ("Thala, which DLF fighters captured on Tuesday, was calm on Wednesday morning.\n\n"
            "Rebels killed 18 soldiers near the Aleppo airport, a resident told Reuters.")
    doc = parse(nlp, text)
    claims = extract_claims(doc, "a1", extract_attributions(doc, "a1"))
    kept = claim_facts(nlp, doc, claims)
    read = {c.text: SentenceFacts.from_dict(kept[c.id]) for c in claims if c.id in kept}
    reading = next(c for c in claims if c.text != text[c.span.start:c.span.end])  # the relative clause, read whole
    assert read[reading.text] == _facts(nlp, reading.text)
    killed = next(t for t in read if t.startswith("Rebels killed"))
    assert read[killed].text == killed and "kill" in read[killed].predicates
    assert [n.value for n in read[killed].numbers] == [18.0]


@pytest.mark.model
def test_judge_facts_of_a_span_count_with_words_inside_it(nlp):
    doc = parse(nlp, "Rebels killed 18 soldiers in Thala.")
    assert [n.head for n in sentence_facts(doc).numbers] == ["kill"]
    part = doc[2:4]  # "18 soldiers": the verb it is the object of lies outside
    assert part.text == "18 soldiers" and [n.head for n in sentence_facts(part).numbers] == ["soldier"]
