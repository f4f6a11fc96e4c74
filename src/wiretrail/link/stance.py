"""Stance of an evidence sentence towards a claim: does it say what the claim says?

The pair judge (``link.judge``) answers "same claim?" for two reports of an event; a
reader checking a claim asks something narrower: does this sentence *support* it,
*refute* it, or leave part of it unsaid? This module reads that from the two parses,
with no weights to tune:

- **coverage**: every content word of the claim (noun, name, number, adjective,
  verb — not light verbs, not the claim's own subject name, which is what the
  evidence was retrieved for, unless the evidence is about another name) must
  occur in the evidence, by lemma, word form or stem ("writes" / "writer"), after
  folding accents ("Noel" / "Noël"); a name may be a shortening or another
  spelling of the evidence's ("Tim" / "Timothy", "Suleimani" / "Soleimani");
- **conflict**: negation in one sentence and not the other ("did not capture" /
  "captured"), the claim's words said in the negative ("never appeared on the
  cover", "no sons"), different figures for one count, or opposite predicates
  ("won" / "lost"), read with ``link.judge_features``.

A conflict refutes; full coverage without conflict supports; anything else is
``not_covered``, with the words the evidence lacks, so a person can see why.

>>> from wiretrail.nlp import load_nlp                    # doctest: +SKIP
>>> nlp = load_nlp()                                      # doctest: +SKIP
>>> read_stance(nlp("Rebels captured the airport on Saturday."), nlp("Rebels did not capture the airport."))  # doctest: +SKIP
Stance(label='refutes', coverage=1.0, uncovered=(), reasons=('negated in one sentence only',))
"""

from __future__ import annotations

from dataclasses import dataclass

from anyascii import anyascii
from spacy.tokens import Doc, Span, Token

from wiretrail.extract.entities import tokens_match
from wiretrail.link.judge_features import (
    NEGATIVE_VERBS,
    NEGATORS,
    antonym_pairs,
    number_conflicts,
    sentence_facts,
)

SUPPORTS, REFUTES, NOT_COVERED = "supports", "refutes", "not_covered"
_CONTENT_POS = frozenset({"NOUN", "PROPN", "NUM", "ADJ", "VERB"})
# verbs that carry no claim of their own ("X is a film", "X has two sons", "X became mayor")
_LIGHT = frozenset("be have do become get make include".split())
_SUBJECTS = frozenset({"nsubj", "nsubjpass"})
MIN_PREFIX = 3  # a shortened name ("Tim" for "Timothy") has at least this many letters
MIN_STEM = 4  # a stem shorter than this matches too much ("car" / "care")
# endings that derive or inflect without changing what a word is about, longest first
_SUFFIXES = tuple(sorted(
    "ing ed er ers or ors ion ions ation ations ic ical ics ian ians ist ists ism al ive ly s es".split(),
    key=len, reverse=True,
))
# dependents that open a clause of their own: negation above them does not reach inside
_OWN_CLAUSE = frozenset({"relcl", "advcl", "ccomp", "acl", "parataxis", "conj", "csubj", "appos"})


@dataclass(frozen=True)
class Stance:
    label: str  # supports / refutes / not_covered
    coverage: float  # share of the claim's content words found in the evidence
    uncovered: tuple[str, ...] = ()  # claim words the evidence does not have
    reasons: tuple[str, ...] = ()  # why it refutes (empty otherwise)
    # the uncovered names and numbers: who, where and how many, which a paraphrase keeps
    # ("took control of" says "captured", "security forces" may say "police"; nothing
    # else says "Aleppo" or "40")
    specifics: tuple[str, ...] = ()
    things: tuple[str, ...] = ()  # the uncovered common nouns


def _fold(text: str) -> str:
    return anyascii(text).lower()


def _topic(claim: Span | Doc) -> set[int]:
    """Token indices of the names in the claim's subject: what the claim is about, not what it says."""
    out: set[int] = set()
    for tok in claim:
        if tok.dep_ in _SUBJECTS:
            out |= {t.i for t in tok.subtree if t.pos_ == "PROPN"}
    return out


def _names_another_subject(evidence: Span | Doc, claim: Span | Doc) -> bool:
    """Is the evidence's main clause about a name the claim does not mention ("Singh wrote ...")?

    Then a claim whose subject shares no name with the evidence is not covered by it;
    a pronoun or a description ("She was elected", "The film was shot") refers back to
    whatever the evidence was retrieved for, and so does a name the claim also has
    ("Sculptor Gutzon Borglum created ..." for "... was created by Gutzon Borglum").
    """
    said = {_fold(t.text) for t in claim}
    return any(
        t.dep_ in _SUBJECTS and t.head.dep_ == "ROOT" and t.pos_ == "PROPN" and _fold(t.text) not in said
        for t in evidence
    )


def content_words(claim: Span | Doc) -> list[Token]:
    """The words a supporting sentence must also have (see the module docstring); number
    words count although spaCy lists "nine" or "hundred" among its stop words."""
    topic = _topic(claim)
    return [
        t for t in claim
        if t.pos_ in _CONTENT_POS and (not t.is_stop or t.like_num) and not t.is_punct
        and t.lemma_.lower() not in _LIGHT and t.lemma_.lower() not in NEGATIVE_VERBS and t.i not in topic
    ]  # "refused" / "denied" are the claim's polarity, read as such, not words to find


def _stems(text: str) -> set[str]:
    """The word and what is left of it without one derivational or inflectional ending
    ("writer" / "writes" → "writ", "politician" / "politics" → "politic", "drummer" → "drum"),
    kept only when at least ``MIN_STEM`` letters remain."""
    word = _fold(text)
    out = {word}
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= MIN_STEM:
            stem = word[: -len(suffix)]
            out.add(stem)
            if len(stem) > MIN_STEM and stem[-1] == stem[-2] and stem[-1] not in "aeiou":
                out.add(stem[:-1])  # drumm(er) → drum, modell(ed) → model; "call(ed)" keeps its "call"
            break
    if word.endswith("e") and len(word) > MIN_STEM:
        out.add(word[:-1])  # write → writ, originate → originat
    return out


@dataclass(frozen=True)
class _Vocabulary:
    """What an evidence sentence says, in the forms a claim word is looked up by."""

    words: frozenset[str]  # folded words and lemmas
    names: frozenset[str]  # folded proper names
    stems: frozenset[str]  # ``_stems`` of every word

    @classmethod
    def of(cls, evidence: Span | Doc) -> _Vocabulary:
        tokens = [t for t in evidence if not t.is_punct]
        return cls(
            frozenset({_fold(t.text) for t in tokens} | {_fold(t.lemma_) for t in tokens}),
            frozenset(_fold(t.text) for t in tokens if t.pos_ == "PROPN"),
            frozenset().union(*(_stems(t.text) | _stems(t.lemma_) for t in tokens)),
        )


def _covered(tok: Token, said: _Vocabulary) -> bool:
    word, lemma = _fold(tok.text), _fold(tok.lemma_)
    if word in said.words or lemma in said.words:
        return True
    if tok.pos_ == "PROPN":
        # a shortened name ("Tim" / "Timothy") or another spelling of it ("Suleimani" / "Soleimani")
        return len(word) >= MIN_PREFIX and any(
            len(w) >= MIN_PREFIX and (w.startswith(word) or word.startswith(w) or tokens_match(w, word))
            for w in said.names
        )
    return bool((_stems(tok.text) | _stems(tok.lemma_)) & said.stems)


def _negated_tokens(evidence: Span | Doc) -> set[int]:
    """Indices of evidence tokens said in the negative: inside the clause of a negated or
    negative verb ("never appeared on the cover", "refused to be a model") or under a
    negative determiner ("no sons"). The scope stops at a clause of its own (a relative
    or adverbial clause, a reported clause, a conjoined verb)."""
    out: set[int] = set()
    for tok in evidence:
        head = None
        if tok.dep_ == "neg" or (tok.lower_ in NEGATORS and tok.dep_ in ("advmod", "neg", "preconj", "cc")):
            head = tok.head
        elif tok.pos_ == "VERB" and tok.lemma_.lower() in NEGATIVE_VERBS:
            head = tok
        elif tok.dep_ == "det" and tok.lower_ == "no":
            out |= {t.i for t in tok.head.subtree}
            continue
        if head is None:
            continue
        stack = [head]
        while stack:
            t = stack.pop()
            out.add(t.i)
            stack.extend(c for c in t.children if c.dep_ not in _OWN_CLAUSE)
    return out


def read_stance(evidence: Span | Doc, claim: Span | Doc) -> Stance:
    """How ``evidence`` stands towards ``claim`` (both parsed)."""
    said = _Vocabulary.of(evidence)
    content = content_words(claim)
    topic = [t for t in claim if t.i in _topic(claim)]
    if topic and _names_another_subject(evidence, claim) and not any(_covered(t, said) for t in topic):
        content = topic + content  # the evidence is about someone else by name
    found = [_covered(t, said) for t in content]
    covered = [t for t, ok in zip(content, found) if ok]
    missing = [t for t, ok in zip(content, found) if not ok]
    uncovered = tuple(dict.fromkeys(t.text for t in missing))
    specifics = tuple(dict.fromkeys(t.text for t in missing if t.pos_ in ("PROPN", "NUM")))
    things = tuple(dict.fromkeys(t.text for t in missing if t.pos_ == "NOUN"))
    coverage = 1.0 - len(missing) / len(content) if content else 1.0
    reasons: list[str] = []
    fe, fc = sentence_facts(evidence), sentence_facts(claim)
    # a negator or a negative verb anywhere in the sentence (``SentenceFacts.negations``)
    claim_negated, evidence_negated = fc.negations > 0, fe.negations > 0
    if claim_negated and not evidence_negated and not uncovered:
        reasons.append("the claim is negated, the evidence is not")
    elif not claim_negated and fe.negated & fc.predicates:
        reasons.append(f"the evidence negates {', '.join(sorted(fe.negated & fc.predicates))}")
    elif not claim_negated and covered:
        said_not = _negated_tokens(evidence)
        claimed = set().union(*(_stems(c.text) | _stems(c.lemma_) for c in covered))
        denied = [t.text for t in evidence if t.i in said_not and not t.is_stop
                  and (_stems(t.text) | _stems(t.lemma_)) & claimed]
        if denied:
            reasons.append(f"the evidence says it in the negative: {', '.join(dict.fromkeys(denied))}")
    for x, y in number_conflicts(fc, fe):
        reasons.append(f"different figures: {x.text} / {y.text} {x.head}")
    for p, q in antonym_pairs(fc, fe):
        reasons.append(f"opposite predicates: {p} / {q}")
    if reasons:
        return Stance(REFUTES, round(coverage, 3), uncovered, tuple(reasons), specifics, things)
    return Stance(SUPPORTS if not uncovered else NOT_COVERED, round(coverage, 3), uncovered, (), specifics, things)
