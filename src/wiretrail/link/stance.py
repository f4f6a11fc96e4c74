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
  ("won" / "lost"), read with ``link.judge_features``;
- **figures with a qualifier** are ranges (``figure_range``, with the qualifiers of
  ``extract.quantities``): "more than 100,000 copies" is supported by "757,000
  copies" and refuted by "100,000 copies"; "about 40" is 36–44 and "nearly 40" 36–40
  (10 %, our rule); a figure conflicts only when the two ranges cannot both hold;
- **dates** are compared by their resolved value and the verb they hang from ("15
  December 2006" bears out "December 15th, 2006"; "born 22 November 1948" refutes
  "born on November 22nd, 1968"); a life span in parentheses after a name ("Haddad (3 May
  1946 – 9 June 2009)") dates the birth and the death, and an act dated alike in both is said
  (``link.stance_dates``);
  **opposite modifiers of one word** conflict ("best-selling" / "worst-selling", "highly" /
  "barely residential");
- a **more general word** in the claim is borne out by a precise one in the evidence ("movie" /
  "film", "football player" / "quarterback", "killed" / "murdered"), read from WordNet's
  hypernyms (``link.lexicon``).

A conflict refutes; full coverage without conflict supports; anything else is
``not_covered``, with the words the evidence lacks, so a person can see why.

>>> from wiretrail.nlp import load_nlp                    # doctest: +SKIP
>>> nlp = load_nlp()                                      # doctest: +SKIP
>>> read_stance(nlp("Rebels captured the airport on Saturday."), nlp("Rebels did not capture the airport."))  # doctest: +SKIP
Stance(label='refutes', coverage=1.0, uncovered=(), reasons=('negated in one sentence only',))
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from anyascii import anyascii
from spacy.tokens import Doc, Span, Token

from wiretrail.extract.entities import tokens_match
from wiretrail.extract.quantities import QUALIFIERS
from wiretrail.link.lexicon import broader, known
from wiretrail.link.stance_dates import date_reading
from wiretrail.link.judge_features import (
    NEGATIVE_ADJECTIVES,
    NEGATIVE_VERBS,
    Number,
    SentenceFacts,
    antonym_pairs,
    negative_cue,
    sentence_facts,
    symmetric,
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


_ORDINAL = re.compile(r"\d+(?:st|nd|rd|th)", re.IGNORECASE)


def _unknown_name(tok: Token) -> bool:
    """A capitalised noun the dictionary does not know is a name the tagger missed ("Ingushetia was
    established in 1992": tagged a common noun at the start of the sentence)."""
    return tok.pos_ == "NOUN" and tok.is_title and not known(tok.lemma_.lower()) and not known(tok.lower_)


def _topic(claim: Span | Doc) -> set[int]:
    """Token indices of the names in the claim's subject: what the claim is about, not what it says.
    An ordinal of a name is part of it ("the 14th Dalai Lama", "the 45th Governor"), and so is a
    capitalised word no dictionary knows, whatever its tag."""
    out: set[int] = set()
    for tok in claim:
        if tok.dep_ in _SUBJECTS:
            out |= {
                t.i for t in tok.subtree
                if t.pos_ == "PROPN" or _unknown_name(t) or (_ORDINAL.fullmatch(t.text) and t.head.pos_ == "PROPN")
            }
    return out


_NAME_KINDS = frozenset({"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "PRODUCT", "EVENT", "WORK_OF_ART"})


def _glosses(claim: Span | Doc) -> set[int]:
    """Token indices inside a parenthesis right after a name: a gloss that tells which one is meant
    ("Australia (2008 film)", "Robert Palmer (writer)", "Haddad (Ennahda)"), not what the claim says."""
    out: set[int] = set()
    opened = None
    for tok in claim:
        before = tok.doc[tok.i - 1] if tok.i > claim[0].i else None
        if tok.text == "(" and before is not None and (before.pos_ == "PROPN" or before.ent_type_ in _NAME_KINDS):
            opened = tok.i
        elif tok.text == ")" and opened is not None:
            out |= set(range(opened + 1, tok.i))
            opened = None
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


_PERSONAL = frozenset("he she him her his hers they them their theirs".split())


def _lists_others(evidence: Span | Doc, topic: list[Token]) -> bool:
    """Does the evidence list names of the topic's kind ("a group that included Dorf, Krueger and
    Towry" for a person) while no pronoun in it can stand for a person it leaves unnamed? Then a
    claim about a name the list lacks is not borne out by it: the list says who, and that name is
    not among them. A main clause about "the show" or "the film" may still be about the claim's
    subject ("The show is hosted by Jeong and Defconn" for "Weekly Idol had Jeong as a host")."""
    kinds = {t.ent_type_ for t in topic} - {""}
    listed = {
        k for t in evidence if t.pos_ == "PROPN" and t.dep_ == "conj" and t.head.pos_ == "PROPN"
        for k in (t.ent_type_, t.head.ent_type_)
    }
    described = any(  # "The show is hosted by ...": a description in the main clause may be the topic
        t.dep_ in _SUBJECTS and t.head.dep_ == "ROOT" and t.pos_ == "NOUN"
        and any(d.lower_ in ("the", "this") for d in t.children)
        for t in evidence
    )
    return bool(kinds & listed) and not described and not any(t.lower_ in _PERSONAL for t in evidence)


def content_words(claim: Span | Doc) -> list[Token]:
    """The words a supporting sentence must also have (see the module docstring); number
    words count although spaCy lists "nine" or "hundred" among its stop words, and so do the words
    of a name or a date ("born in May"); a qualifier of a figure ("fewer than 500") does not, the
    figure is read as a range (``figure_range``). Nor do a verb that only gives a name ("a town
    called Thala": the name is the claim) and the "one" of "one of the founders", which says
    "a founder", not how many."""
    topic = _topic(claim) | _glosses(claim)
    return [
        t for t in claim
        if t.pos_ in _CONTENT_POS and (not t.is_stop or t.like_num or t.ent_type_) and not t.is_punct
        and not (t.head.like_num and t.dep_ in ("amod", "advmod", "quantmod"))  # "fewer than 500": read as a range
        and t.lemma_.lower() not in _LIGHT and t.lemma_.lower() not in NEGATIVE_VERBS | NEGATIVE_ADJECTIVES
        and t.i not in topic and not _names_only(t) and not _one_of(t)
    ]  # "refused" / "denied" / "unable" are the claim's polarity, read as such, not words to find


_NAMING = frozenset("call name dub title".split())


def _names_only(tok: Token) -> bool:
    """ "called" / "named" in "a capital called Mogadishu": a participle that hangs a name on a noun."""
    return tok.lemma_.lower() in _NAMING and tok.dep_ == "acl" and any(c.dep_ == "oprd" for c in tok.children)


def _one_of(tok: Token) -> bool:
    """ "one" in "one of the founders": a member of a group, not a count."""
    return tok.lower_ == "one" and any(
        c.dep_ == "prep" and c.lower_ == "of" and any(o.tag_ in ("NNS", "NNPS") for o in c.children)
        for c in tok.children
    )


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
    common: frozenset[tuple[str, str]] = frozenset()  # ("n" / "v", lemma) of common nouns and verbs

    @classmethod
    def of(cls, evidence: Span | Doc) -> _Vocabulary:
        tokens = [t for t in evidence if not t.is_punct]
        return cls(
            frozenset({_fold(t.text) for t in tokens} | {_fold(t.lemma_) for t in tokens}),
            frozenset(_fold(t.text) for t in tokens if t.pos_ == "PROPN"),
            frozenset().union(*(_stems(t.text) | _stems(t.lemma_) for t in tokens)),
            frozenset((_WORDNET_POS[t.pos_], t.lemma_.lower()) for t in tokens if t.pos_ in _WORDNET_POS),
        )


# the parts of speech whose hypernyms are read (``link.lexicon``); names are not looked up, since
# WordNet's "Singer" or "Arthur" are particular people, not the one the evidence names
_WORDNET_POS = {"NOUN": "n", "VERB": "v"}


def _named_more_precisely(tok: Token, said: _Vocabulary) -> bool:
    """Does the evidence name ``tok`` (a common noun or verb) with a word it is a hypernym of
    ("movie" / "film", "player" / "quarterback", "killed" / "murdered")? A noun with the word
    before it is also read as one ("football player" / "quarterback"), and so is that word."""
    pos = _WORDNET_POS.get(tok.pos_)
    lemma = tok.lemma_.lower()
    if pos is None or lemma in _LIGHT:
        return False
    wanted = [lemma]
    if pos == "n":
        head, before = tok.head, tok.doc[tok.i - 1] if tok.i > 0 else None
        if tok.dep_ in ("compound", "amod") and head.i == tok.i + 1 and head.pos_ == "NOUN":
            wanted = [f"{lemma}_{head.lemma_.lower()}"]  # "football" in "football player"
        elif before is not None and before.head.i == tok.i and before.dep_ in ("compound", "amod"):
            wanted.append(f"{before.lemma_.lower()}_{lemma}")
    return any(p == pos and broader(word, w, pos) for p, word in said.common for w in wanted)


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
    return bool((_stems(tok.text) | _stems(tok.lemma_)) & said.stems) or _named_more_precisely(tok, said)


def _negated_tokens(evidence: Span | Doc) -> set[int]:
    """Indices of evidence tokens said in the negative: inside the clause of a negated or
    negative verb ("never appeared on the cover", "refused to be a model") or under a
    negative determiner ("no sons"). The scope stops at a clause of its own (a relative
    or adverbial clause, a reported clause, a conjoined verb)."""
    out: set[int] = set()
    for tok in evidence:
        head = None
        cue = negative_cue(tok)
        if cue == "word" and tok.dep_ in ("det", "nummod"):  # "no sons", "zero films"
            out |= {t.i for t in tok.head.subtree}
            continue
        if cue == "word" and (tok.dep_ == "neg" or tok.dep_ in ("advmod", "preconj", "cc")):
            head = tok.head  # "never appeared", "has yet to write"
        elif cue == "verb":
            head = tok  # "refused to be a model", "unable to confirm"
        if head is None:
            continue
        stack = [head]
        while stack:
            t = stack.pop()
            out.add(t.i)
            stack.extend(c for c in t.children if c.dep_ not in _OWN_CLAUSE)
    return out


# modifiers of opposite meaning, by word form; they conflict only when they modify the same word
# ("worst-selling singles" / "best-selling singles", "barely residential" / "highly residential")
_OPPOSITE_MODIFIER_PAIRS = (
    ("best", "worst"), ("better", "worse"), ("good", "bad"), ("high", "low"), ("higher", "lower"),
    ("highest", "lowest"), ("highly", "barely"), ("large", "small"), ("larger", "smaller"),
    ("largest", "smallest"), ("big", "small"), ("biggest", "smallest"), ("major", "minor"),
    ("strong", "weak"), ("rich", "poor"), ("early", "late"), ("earlier", "later"), ("first", "last"),
    ("successful", "unsuccessful"), ("legal", "illegal"), ("alive", "dead"), ("positive", "negative"),
    ("full", "empty"), ("male", "female"), ("heavy", "light"), ("heavily", "lightly"),
)
OPPOSITE_MODIFIERS = symmetric(_OPPOSITE_MODIFIER_PAIRS)
_MODIFIER_DEPS = frozenset({"amod", "advmod", "acomp"})


def opposite_modifiers(evidence: Span | Doc, claim: Span | Doc) -> list[tuple[str, str, str]]:
    """(claim word, evidence word, the word both modify) for modifiers of opposite meaning on the
    same word; a sentence that holds both words opposes neither."""
    claim_words = {t.lower_ for t in claim}
    evidence_words = {t.lower_ for t in evidence}
    out = []
    for t in claim:
        if t.dep_ not in _MODIFIER_DEPS or t.lower_ not in OPPOSITE_MODIFIERS:
            continue
        target = t.head.lemma_.lower() if t.dep_ != "acomp" else ""
        for u in evidence:
            if u.lower_ not in OPPOSITE_MODIFIERS[t.lower_] or u.dep_ not in _MODIFIER_DEPS:
                continue
            if u.lower_ in claim_words or t.lower_ in evidence_words:
                continue
            if t.dep_ == "acomp" or u.dep_ == "acomp":
                # "is barely residential" / "a highly residential university": a predicate adjective's
                # modifier is compared with the same adjective's modifier
                same = t.head.lemma_.lower() == u.head.lemma_.lower()
            else:
                same = u.head.lemma_.lower() == target
            if same:
                out.append((t.text, u.text, u.head.text))
    return out


APPROXIMATE = 0.1  # "about 40" is 36-44, "nearly 40" is 36-40
_LONGEST_QUALIFIER = max(len(q.split()) for q in QUALIFIERS)


def figure_range(sent: Span | Doc, number: Number) -> tuple[float, float, str]:
    """The values a figure allows, read from the qualifier before it, and that qualifier
    ("at least 31" -> 31, inf, "at least"; a plain "31" -> 31, 31, "").

    >>> from wiretrail.nlp import load_nlp                          # doctest: +SKIP
    >>> doc = load_nlp()("More than 40 people were killed.")        # doctest: +SKIP
    >>> figure_range(doc, sentence_facts(doc).numbers[0])            # doctest: +SKIP
    (40.00000000000001, inf, 'more than')
    """
    v = number.value
    words = number.text.split()
    first = next((t.i - len(words) + 1 for t in sent if t.text == words[-1]), None)
    qualifier = ""
    if first is not None:
        lo = sent.start if isinstance(sent, Span) else 0
        before = [t.lower_ for t in sent.doc[max(lo, first - _LONGEST_QUALIFIER):max(lo, first)]]
        for n in range(len(before), 0, -1):
            qualifier = QUALIFIERS.get(" ".join(before[-n:]), "")
            if qualifier:
                break
    ranges = {
        "at least": (v, math.inf),
        "more than": (math.nextafter(v, math.inf), math.inf),
        "up to": (0.0, v),
        "fewer than": (0.0, math.nextafter(v, 0.0)),
        "about": (v * (1 - APPROXIMATE), v * (1 + APPROXIMATE)),
        "nearly": (v * (1 - APPROXIMATE), v),
    }
    low, high = ranges.get(qualifier, (v, v))
    return low, high, qualifier


def _within(inner: tuple[float, ...], outer: tuple[float, ...]) -> bool:
    if inner[0] == inner[1] and outer[0] == outer[1]:  # two plain figures: equal up to rounding
        return abs(inner[0] - outer[0]) <= 1e-9 * max(1.0, abs(inner[0]), abs(outer[0]))
    return outer[0] <= inner[0] and inner[1] <= outer[1]


def _apart(a: tuple[float, ...], b: tuple[float, ...]) -> bool:
    return not _within(a, b) if a[0] == a[1] and b[0] == b[1] else a[1] < b[0] or b[1] < a[0]


def _figures(
    evidence: Span | Doc, claim: Span | Doc, fe: SentenceFacts, fc: SentenceFacts
) -> tuple[set[str], list[str]]:
    """The claim's figures the evidence bears out (by text), and the reasons where it contradicts
    them: a figure counting the same thing (same head word) whose range cannot meet the claim's."""
    held: set[str] = set()
    reasons: list[str] = []
    for x in fc.numbers:
        same = [y for y in fe.numbers if y.head == x.head]
        if not same:
            continue
        *want, qualifier = figure_range(claim, x)
        ranges = [(y, figure_range(evidence, y)) for y in same]
        if any(_within(r[:2], want) for _, r in ranges):
            held.update(x.text.split())
        elif all(_apart(r[:2], want) for _, r in ranges):
            y, (_, _, other) = ranges[0]
            reasons.append(f"different figures: {qualifier} {x.text} / {other} {y.text} {x.head}".replace("  ", " "))
    return held, reasons


def read_stance(evidence: Span | Doc, claim: Span | Doc) -> Stance:
    """How ``evidence`` stands towards ``claim`` (both parsed)."""
    said = _Vocabulary.of(evidence)
    content = content_words(claim)
    topic = [t for t in claim if t.i in _topic(claim)]
    if topic and (_names_another_subject(evidence, claim) or _lists_others(evidence, topic)) and not any(
        _covered(t, said) for t in topic
    ):
        content = topic + content  # the evidence is about someone else by name
    fe, fc = sentence_facts(evidence), sentence_facts(claim)
    held, figure_reasons = _figures(evidence, claim, fe, fc)
    dated, date_reasons = date_reading(evidence, claim)
    offset = claim.start_char if isinstance(claim, Span) else 0
    found = [
        _covered(t, said) or (t.like_num and t.text in held)
        or any(a <= t.idx - offset < b for a, b in dated)
        for t in content
    ]
    covered = [t for t, ok in zip(content, found) if ok]
    missing = [t for t, ok in zip(content, found) if not ok]
    uncovered = tuple(dict.fromkeys(t.text for t in missing))
    specifics = tuple(dict.fromkeys(t.text for t in missing if t.pos_ in ("PROPN", "NUM")))
    things = tuple(dict.fromkeys(t.text for t in missing if t.pos_ == "NOUN"))
    coverage = 1.0 - len(missing) / len(content) if content else 1.0
    reasons: list[str] = []
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
    reasons += figure_reasons + date_reasons
    for p, q in antonym_pairs(fc, fe):
        reasons.append(f"opposite predicates: {p} / {q}")
    for p, q, word in opposite_modifiers(evidence, claim):
        reasons.append(f"opposite modifiers: {p} / {q} {word}")
    if reasons:
        return Stance(REFUTES, round(coverage, 3), uncovered, tuple(reasons), specifics, things)
    return Stance(SUPPORTS if not uncovered else NOT_COVERED, round(coverage, 3), uncovered, (), specifics, things)
