"""The tense that sets the direction of a bare weekday or month: the verb governing the expression.

"on Saturday" under a past verb is the Saturday on or before publication, under a future one the
Saturday after; ``tense_of`` reads the governing verb from the dependency parse, with the signals
that override it ("as early as Tuesday", "extended until Tuesday", "payable Dec. 7"), planning verbs
("planned a rally on Saturday") and bare gerunds, which take their head verb's tense.

>>> from wiretrail.nlp import load_nlp, parse  # doctest: +SKIP
>>> doc = parse(load_nlp(), "The ministers will meet on Monday.")  # doctest: +SKIP
>>> tense_of(doc, 27, 33)  # doctest: +SKIP
'future'
"""

from __future__ import annotations

import re

from spacy.tokens import Doc, Token

__all__ = ["tense_of"]

_FUTURE_AUX = {"will", "'ll", "shall", "wo", "would", "might"}
_FUTURE_SIGNAL = re.compile(r"\b(?:as (?:early|soon) as|no (?:later|earlier) than)\s+$", re.I)
_UNTIL = re.compile(r"\b(?:until|till|to)\s+$", re.I)
_DEADLINE_VERBS = {"extend", "give", "grant", "postpone", "delay", "push", "move"}
_SCHEDULE_ADJ = {"payable", "effective", "due", "slated", "expiring", "maturing"}
_FUTURE_VERBS = {"schedule", "postpone", "delay", "adjourn", "reschedule"}
_SAME_PAST = {"hurt", "put", "set", "cut", "hit", "let", "cost", "quit", "spread", "shut", "beat", "bet", "cast",
              "read", "burst", "split", "upset", "bid", "broadcast", "forecast", "shed", "slit", "thrust"}
_REPORTING = {"say", "tell", "report", "announce", "add", "state", "claim", "confirm", "deny", "note", "write"}
_FUTURE_HEADS = {"plan", "expect", "schedule", "due", "set", "suppose", "supposed", "intend", "hope", "go",
                 "prepare", "aim", "want"}


def tense_of(doc: Doc, start: int, end: int, text: str | None = None) -> str:
    """Tense of the verb governing the character range: "past", "future" or "present".

    The verb is the nearest verb above the expression in the dependency tree.
    Future: an auxiliary will/shall/'ll, a planning verb in any tense but the past perfect
    ("planned a rally on Saturday", "expects a ruling in March"), or an infinitive under
    plan/expect/be scheduled/due/set to; a bare gerund takes its head verb's tense. Past: a
    past-tense verb (VBD), or a participle with have/had/was/were. Anything else is "present"
    (bare weekdays then count back, the news default; bare months take the nearest such month).
    """
    text = doc.text if text is None else text  # pass ``doc.text`` when calling per expression: spaCy rebuilds it
    before = text[max(0, start - 24):start]
    if _FUTURE_SIGNAL.search(before):
        return "future"  # "as early as Tuesday": a bound on what is still to come
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return "present"
    tok = span.root
    if tok.dep_ == "poss":
        return "present"  # "Tuesday's declaration"
    for _ in range(8):
        if tok.pos_ in ("VERB", "AUX") or tok.head.i == tok.i:
            break
        if tok.lower_ in _SCHEDULE_ADJ:
            return "present"  # "payable Dec. 7", "effective Feb. 1": a date of its own, the nearest one
        tok = tok.head
    if tok.pos_ not in ("VERB", "AUX"):
        return "present"
    return _verb_tense(tok, before, span.start)


_PLANNING = {"plan", "expect", "aim", "intend", "anticipate", "will"}
_GERUND_CLAUSE = {"advcl", "xcomp", "conj", "acl", "pcomp"}


def _verb_tense(tok: Token, before: str, at: int, depth: int = 0) -> str:
    """Tense of one governing verb (see ``tense_of``) for the expression at token ``at``; a bare gerund
    ("demanding", "meeting Chirac on Monday") has none of its own and takes its head verb's."""
    aux = {c.lower_ for c in tok.children if c.dep_ in ("aux", "auxpass")}
    if tok.tag_ == "VBG" and not aux and tok.dep_ in _GERUND_CLAUSE and depth < 3 \
            and tok.head.i != tok.i and tok.head.pos_ in ("VERB", "AUX"):
        return _verb_tense(tok.head, before, at, depth + 1)
    if tok.lemma_ in _PLANNING and at > tok.i and not aux & {"had", "'d"} and (tok.tag_ != "VBN" or aux):
        # "protesters planned a rally on Saturday": the time after the verb is the planned event's, still
        # ahead; a fronted one frames the planning ("On Friday, the government planned to ..."), and a
        # reduced relative ("a service planned for Saturday was canceled") follows the main verb
        return "future"
    if tok.lemma_ in _DEADLINE_VERBS and _UNTIL.search(before):
        return "future"  # "extended its deadline until 9 a.m. Tuesday": a new, later deadline
    if aux & _FUTURE_AUX and not aux & {"had", "have", "has"}:
        return "future"
    if tok.lemma_ in _FUTURE_VERBS:
        return "future"
    if "to" in aux or any(c.lower_ == "to" and c.dep_ == "aux" for c in tok.children):
        head = tok.head
        governor = head.head if head.pos_ == "ADJ" else head  # "had been due to expire": up through "due"
        if any(c.lower_ in ("had", "'d") and c.dep_ in ("aux", "auxpass") for c in governor.children):
            return "past"  # "had been scheduled / due to expire Friday": a plan seen from the past
        if head.lemma_ in _FUTURE_HEADS or any(c.lemma_ in _FUTURE_HEADS for c in head.children if c.dep_ == "acomp"):
            return "future"
        if head.lemma_ == "be" and ({c.lower_ for c in head.children} & _FUTURE_AUX or head.tag_ in ("VBZ", "VBP")):
            return "future"
        return "present"
    if tok.tag_ == "VBD" or aux & {"had", "has", "have", "was", "were", "did"}:
        return "past"
    if tok.tag_ == "VBN" and not aux and tok.dep_ in ("acl", "advcl", "amod"):
        return "past"  # a reduced relative: "the record high set on Aug. 6"
    if tok.tag_ == "VBG" and aux & {"is", "are", "am", "'s", "'re"}:
        return "future"  # "is meeting on Monday": an arrangement
    if tok.tag_ in ("VBP", "VBZ") and not aux and tok.lemma_ not in _REPORTING and tok.lemma_ != "be" \
            and tok.lower_ not in _SAME_PAST:
        return "future"  # "leaders meet Monday": the news present of a scheduled event
    return "present"
