"""Stance of an evidence sentence towards a claim: does it say what the claim says?

The pair judge (``link.judge``) answers "same claim?" for two reports of an event; a
reader checking a claim asks something narrower: does this sentence *support* it,
*refute* it, or leave part of it unsaid? This module reads that from the two parses,
with no weights to tune:

- **coverage**: every content word of the claim (noun, name, number, adjective,
  verb — not light verbs, not the claim's own subject name, which is what the
  evidence was retrieved for) must occur in the evidence, by lemma or word form,
  after folding accents ("Noel" / "Noël"); a name may be a shortening of the
  evidence's ("Tim" / "Timothy");
- **conflict**: negation in one sentence and not the other ("did not capture" /
  "captured"), different figures for one count, or opposite predicates
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


@dataclass(frozen=True)
class Stance:
    label: str  # supports / refutes / not_covered
    coverage: float  # share of the claim's content words found in the evidence
    uncovered: tuple[str, ...] = ()  # claim words the evidence does not have
    reasons: tuple[str, ...] = ()  # why it refutes (empty otherwise)


def _fold(text: str) -> str:
    return anyascii(text).lower()


def _topic(claim: Span | Doc) -> set[int]:
    """Token indices of the names in the claim's subject: what the claim is about, not what it says."""
    out: set[int] = set()
    for tok in claim:
        if tok.dep_ in _SUBJECTS:
            out |= {t.i for t in tok.subtree if t.pos_ == "PROPN"}
    return out


def content_words(claim: Span | Doc) -> list[Token]:
    """The words a supporting sentence must also have (see the module docstring)."""
    topic = _topic(claim)
    return [
        t for t in claim
        if t.pos_ in _CONTENT_POS and not t.is_stop and not t.is_punct
        and t.lemma_.lower() not in _LIGHT and t.i not in topic
    ]


def _negated(sent: Span | Doc) -> bool:
    return any(
        t.dep_ == "neg" or t.lower_ in NEGATORS or (t.pos_ == "VERB" and t.lemma_.lower() in NEGATIVE_VERBS)
        for t in sent
    )


def _covered(tok: Token, words: set[str]) -> bool:
    word, lemma = _fold(tok.text), _fold(tok.lemma_)
    if word in words or lemma in words:
        return True
    if tok.pos_ == "PROPN" and len(word) >= MIN_PREFIX:
        return any(len(w) >= MIN_PREFIX and (w.startswith(word) or word.startswith(w)) for w in words)
    return False


def read_stance(evidence: Span | Doc, claim: Span | Doc) -> Stance:
    """How ``evidence`` stands towards ``claim`` (both parsed)."""
    words = {_fold(t.text) for t in evidence} | {_fold(t.lemma_) for t in evidence}
    content = content_words(claim)
    uncovered = tuple(dict.fromkeys(t.text for t in content if not _covered(t, words)))
    coverage = 1.0 - len(uncovered) / len(content) if content else 1.0
    reasons: list[str] = []
    fe, fc = sentence_facts(evidence), sentence_facts(claim)
    if _negated(claim) and not _negated(evidence):
        reasons.append("the claim is negated, the evidence is not")
    elif not _negated(claim) and fe.negated & fc.predicates:
        reasons.append(f"the evidence negates {', '.join(sorted(fe.negated & fc.predicates))}")
    for x, y in number_conflicts(fc, fe):
        reasons.append(f"different figures: {x.text} / {y.text} {x.head}")
    for p, q in antonym_pairs(fc, fe):
        reasons.append(f"opposite predicates: {p} / {q}")
    if reasons:
        return Stance(REFUTES, round(coverage, 3), uncovered, tuple(reasons))
    return Stance(SUPPORTS if not uncovered else NOT_COVERED, round(coverage, 3), uncovered)
