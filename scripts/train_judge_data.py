"""Training pairs for the pair judge: ECB+ pairs plus contradictions made from them.

Contradictions are made from a "same" pair (a, b) by changing b one way:
negating its main predicate ("captured" -> "did not capture"), changing a
number ("18" -> "31"), or swapping a predicate for its opposite ("won" ->
"lost"). Only training topics are ever perturbed for training.
"""

from __future__ import annotations

import random
import re

from spacy.tokens import Doc

from wiretrail.link.judge_features import ANTONYMS, REPORTING

_IRREGULAR_PAST = {
    "lose": "lost", "win": "won", "rise": "rose", "fall": "fell", "sell": "sold", "buy": "bought",
    "find": "found", "leave": "left", "begin": "began", "cut": "cut", "close": "closed",
    "open": "opened", "deny": "denied", "die": "died", "live": "lived", "end": "ended",
    "drop": "dropped", "strip": "stripped", "fire": "fired", "hire": "hired", "ban": "banned",
    "forbid": "forbade", "lift": "lifted", "oppose": "opposed", "support": "supported",
}
_IRREGULAR_PARTICIPLE = {"lose": "lost", "win": "won", "rise": "risen", "fall": "fallen", "sell": "sold",
                         "buy": "bought", "find": "found", "leave": "left", "begin": "begun",
                         "forbid": "forbidden"}


def inflect(lemma: str, tag: str) -> str:
    """Rough English inflection for the few verbs we swap (tests of the script only)."""
    if tag == "VBD":
        return _IRREGULAR_PAST.get(lemma) or _regular(lemma, "ed")
    if tag == "VBN":
        return _IRREGULAR_PARTICIPLE.get(lemma) or _IRREGULAR_PAST.get(lemma) or _regular(lemma, "ed")
    if tag == "VBZ":
        return lemma + ("es" if lemma.endswith(("s", "sh", "ch", "x")) else "s")
    if tag == "VBG":
        return (lemma[:-1] if lemma.endswith("e") and not lemma.endswith("ee") else lemma) + "ing"
    return lemma


def _regular(lemma: str, suffix: str) -> str:
    if lemma.endswith("e"):
        return lemma + "d"
    if lemma.endswith("y") and lemma[-2:-1] not in "aeiou":
        return lemma[:-1] + "ied"
    return lemma + suffix


def _main_predicate(doc: Doc):
    candidates = [t for t in doc if t.pos_ == "VERB" and t.lemma_.lower() not in REPORTING
                  and t.dep_ in ("ROOT", "ccomp", "conj", "xcomp", "advcl")]
    roots = [t for t in candidates if t.dep_ == "ROOT"]
    return (roots or candidates or [None])[0]


def _replace(doc: Doc, start: int, end: int, new: str) -> str:
    text = doc.text
    return text[:start] + new + text[end:]


def negate(doc: Doc) -> str | None:
    """Flip the polarity of the main predicate; None when there is no safe way."""
    verb = _main_predicate(doc)
    if verb is None:
        return None
    negs = [c for c in verb.children if c.dep_ == "neg"]
    if negs:
        neg = negs[0]
        start = neg.idx
        end = neg.idx + len(neg.text_with_ws)
        if neg.text.lower() == "n't":
            return _replace(doc, start, neg.idx + len(neg.text), "")
        return _replace(doc, start, end, "")
    auxes = [c for c in verb.children if c.dep_ in ("aux", "auxpass") and c.i < verb.i]
    if auxes:
        aux = auxes[0]
        return _replace(doc, aux.idx + len(aux.text), aux.idx + len(aux.text), " not")
    lemma = verb.lemma_.lower()
    prefix = {"VBD": "did not", "VBZ": "does not", "VBP": "do not"}.get(verb.tag_)
    if prefix is None:
        return None
    return _replace(doc, verb.idx, verb.idx + len(verb.text), f"{prefix} {lemma}")


def change_number(doc: Doc, rng: random.Random) -> str | None:
    """Change one count ("18" -> another value); dates and times are left alone."""
    numbers = [t for t in doc if re.fullmatch(r"\d[\d,]*", t.text) and t.ent_type_ not in ("DATE", "TIME")]
    if not numbers:
        return None
    tok = rng.choice(numbers)
    value = int(tok.text.replace(",", ""))
    factor = rng.choice([0.5, 2, 3, 1.5, 0.25])
    new = max(1, int(round(value * factor)))
    if new == value:
        new = value + rng.randint(2, 9)
    return _replace(doc, tok.idx, tok.idx + len(tok.text), f"{new:,}" if "," in tok.text else str(new))


def swap_antonym(doc: Doc, rng: random.Random) -> str | None:
    """Swap a predicate for its opposite ("won" -> "lost")."""
    verbs = [t for t in doc if t.pos_ == "VERB" and t.lemma_.lower() in ANTONYMS]
    if not verbs:
        return None
    tok = rng.choice(verbs)
    opposite = rng.choice(sorted(ANTONYMS[tok.lemma_.lower()]))
    word = inflect(opposite, tok.tag_)
    if tok.text[:1].isupper():
        word = word.capitalize()
    return _replace(doc, tok.idx, tok.idx + len(tok.text), word)


def contradict(doc: Doc, rng: random.Random) -> tuple[str, str] | None:
    """One contradicting variant of ``doc``'s text and how it was made."""
    makers = [("negation", lambda: negate(doc)), ("number", lambda: change_number(doc, rng)),
              ("antonym", lambda: swap_antonym(doc, rng))]
    rng.shuffle(makers)
    # antonyms are rare: try them first when possible so the model sees some
    makers.sort(key=lambda m: m[0] != "antonym")
    for kind, make in makers:
        text = make()
        if text and text != doc.text:
            return " ".join(text.split()), kind
    return None
