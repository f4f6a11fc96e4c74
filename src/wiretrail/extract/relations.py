"""Relations between actors: backs, allied_with, opposes, attacks, asks_help_from, demands_of, meets.

Read from the dependency parse, one rule per construction (each a small function over
a verb or noun token, yielding ``(type, source token, target token)``):

- ``backs``: "X-backed Y", "Y, backed by X", "X supports/backs/funds/arms Y", "X
  provides support to Y", "X helped Y win", "in support of Y", "with the help of X",
  "Y, X's ally" (Y backs X), "X, which supports Y";
- ``allied_with``: "X and its allies Y", "X views Y as allies";
- ``opposes`` / ``attacks``: "X opposes/condemns Y", "X attacked/struck/targeted Y",
  "X carried out strikes on Y";
- ``asks_help_from``: "X asked Y for help", "X asked for Y's help", "X sought help from Y";
- ``demands_of``: "X demanded of Y", "X demanded that Y ...", and a demand with no
  addressee answers the actor who asked X for help earlier in the article.

Each relation keeps its evidence span (the sentence) and, when the sentence lies in an
attribution's content, that attribution's id and source (``said_by``).

>>> from wiretrail.nlp import load_nlp, parse                                  # doctest: +SKIP
>>> rels = extract_relations(parse(load_nlp(), "Turkey backs rebel factions."), "a1")  # doctest: +SKIP
>>> [(r.type, r.source, r.target) for r in rels]                             # doctest: +SKIP
[('backs', 'Turkey', 'rebel factions')]
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Iterator, Sequence

from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from wiretrail.model import Attribution, Relation, Span

log = logging.getLogger(__name__)

BACK_VERBS = frozenset("back support fund arm aid assist help bolster sponsor finance equip reinforce".split())
SUPPORT_NOUNS = frozenset("support help assistance aid backing supplies weapons".split())
ATTACK_VERBS = frozenset("attack strike target shell bomb raid ambush assault bombard hit".split())
ATTACK_NOUNS = frozenset("attack attacks strike strikes airstrike airstrikes assault offensive raid".split())
OPPOSE_VERBS = frozenset("oppose condemn denounce reject criticize criticise fight combat confront resist".split())
ASK_VERBS = frozenset("ask request seek beg appeal implore urge".split())
DEMAND_VERBS = frozenset("demand require insist".split())
MEET_VERBS = frozenset("meet host receive visit".split())
BACKED_WORDS = frozenset("backed supported funded sponsored armed allied led dominated".split())
ACTOR_ENTS = ("GPE", "NORP", "ORG", "PERSON")
ACTOR_NOUNS = frozenset(
    """rebels rebel factions faction militias militia government regime army forces troops insurgents
    opposition fighters groups group military jihadists allies ally""".split()
)
_PRONOUN_SUBJ = frozenset("which who that".split())
ARMED_NOUNS = frozenset("jet warplane aircraft plane drone helicopter artillery airpower navy air force".split())


def _is_actor(tok: Token) -> bool:
    if tok.lower_ in _PRONOUN_SUBJ and tok.head.dep_ == "relcl":
        tok = tok.head.head  # "Turkey, which supports ...": the antecedent
    if tok.pos_ == "PRON":
        return False
    if tok.lemma_.lower() in ARMED_NOUNS and any(
        c.dep_ in ("amod", "compound", "poss") and c.ent_type_ in ("NORP", "GPE", "ORG") for c in tok.children
    ):
        return True  # "Russian jets", "Israeli aircraft": a state's arm
    return tok.ent_type_ in ACTOR_ENTS or tok.lemma_.lower() in ACTOR_NOUNS or tok.lower_ in ACTOR_NOUNS or (
        tok.pos_ == "PROPN"
    )


def _actor_name(tok: Token) -> tuple[str, int, int]:
    """The actor a token names: its entity if it has one, else its compact noun phrase."""
    if tok.lower_ in _PRONOUN_SUBJ and tok.head.dep_ == "relcl":
        tok = tok.head.head  # "Turkey, which supports ..." -> Turkey
    if tok.ent_type_ and tok.ent_iob_ in ("B", "I"):
        for ent in tok.doc.ents:
            if ent.start <= tok.i < ent.end:
                if ent.label_ == "NORP" and tok.head.pos_ in ("NOUN", "PROPN") and tok.dep_ in ("amod", "compound"):
                    break  # "Iranian militias": the noun, with its adjective
                return _clean(ent)
    left = tok
    for child in tok.lefts:
        if child.dep_ in ("compound", "amod", "poss", "nmod") and not child.is_punct:
            left = child.left_edge if child.dep_ != "poss" else child.left_edge
            break
    span = tok.doc[left.i : tok.i + 1]
    # "Russian-backed Syrian forces" names Syrian forces; the backer is a relation of its own
    backed = [t.i for t in span[:-1] if t.lower_ in BACKED_WORDS and t.i > 0 and t.nbor(-1).text == "-"]
    if backed:
        span = tok.doc[backed[-1] + 1 : tok.i + 1]
    return _clean(span)


def _clean(span: SpacySpan) -> tuple[str, int, int]:
    while len(span) > 1 and (span[0].dep_ in ("det", "predet") or span[0].is_punct or span[0].lower_ in ("the", "a", "an")):
        span = span[1:]
    while len(span) > 1 and (span[-1].is_punct or span[-1].tag_ == "POS"):
        span = span[:-1]
    return span.text, span.start_char, span.end_char


def _conj(tok: Token) -> list[Token]:
    out = [tok]
    for c in tok.children:
        if c.dep_ == "conj":
            out.extend(_conj(c))
    return out


def _subject(verb: Token) -> Token | None:
    for c in verb.children:
        if c.dep_ in ("nsubj", "csubj"):
            return c
        if c.dep_ == "agent":
            for p in c.children:
                if p.dep_ == "pobj":
                    return p
    if verb.dep_ in ("xcomp", "conj", "advcl") and verb.head.i != verb.i:
        return _subject(verb.head)
    if verb.dep_ in ("acl", "relcl") and verb.head.pos_ in ("NOUN", "PROPN"):
        return verb.head
    return None


def _pobj(tok: Token, preps: tuple[str, ...]) -> Token | None:
    for c in tok.children:
        if c.dep_ in ("prep", "dative") and c.lower_ in preps:
            for p in c.children:
                if p.dep_ == "pobj":
                    return p
    return None


def _dobj(tok: Token) -> Token | None:
    for c in tok.children:
        if c.dep_ in ("dobj", "dative"):
            return c
    return None


def _possessor(tok: Token) -> Token | None:
    for c in tok.children:
        if c.dep_ == "poss":
            return c
    return None


Triple = tuple[str, Token, Token]


def _backs(tok: Token) -> Iterator[Triple]:
    lemma = tok.lemma_.lower()
    # "US-backed SDF": backed is a modifier whose left neighbour is a hyphen
    if tok.lower_ in ("backed", "supported", "funded", "sponsored", "armed") and tok.i >= 2 and tok.nbor(-1).text == "-":
        backer = tok.nbor(-2)
        target = next((t for t in tok.doc[tok.i + 1 : tok.i + 8] if t.pos_ in ("NOUN", "PROPN") and t.dep_ != "compound"), None)
        if target is not None and _is_actor(target) and (backer.ent_type_ in ACTOR_ENTS or backer.pos_ == "PROPN"):
            yield "backs", backer, target
        return
    if lemma in BACK_VERBS and tok.pos_ == "VERB":
        if tok.tag_ == "VBN" and any(c.dep_ == "agent" for c in tok.children):
            # "Y, backed by X" / "Y is backed by X"
            target = tok.head if tok.dep_ in ("acl", "amod", "ccomp", "advcl") and tok.head.pos_ in ("NOUN", "PROPN") else None
            for c in tok.children:
                if c.dep_ == "nsubjpass":
                    target = c
            agent = _subject(tok)
            if target is not None and agent is not None and _is_actor(target):
                for x in _conj(agent):  # "helped by a lack of manpower" names no backer
                    if _is_actor(x):
                        yield "backs", x, target
            return
        subj = _subject(tok)
        obj = _dobj(tok)
        if obj is None:
            for c in tok.children:  # "helped Assad's government win"
                if c.dep_ in ("ccomp", "xcomp"):
                    obj = next((g for g in c.children if g.dep_ == "nsubj"), None)
        if subj is not None and obj is not None and _is_actor(subj) and _is_actor(obj) and not any(
            c.dep_ == "neg" for c in tok.children
        ):
            for x in _conj(subj):
                for y in _conj(obj):
                    yield "backs", x, y
        return
    if lemma in SUPPORT_NOUNS and tok.pos_ == "NOUN":
        head = tok.head
        # "X provides support to Y" / "voiced support for Y"
        if tok.dep_ == "dobj" and head.pos_ == "VERB" and head.lemma_ not in ASK_VERBS | DEMAND_VERBS | {"need", "consider", "receive"}:
            target = _pobj(tok, ("to", "for")) or _pobj(head, ("to", "for"))
            subj = _subject(head)
            if subj is not None and target is not None and _is_actor(subj) and _is_actor(target):
                for x in _conj(subj):
                    for y in _conj(target):
                        yield "backs", x, y
        # "with the help of X" / "with support from X": X backs the clause's subject
        if tok.dep_ == "pobj" and head.lower_ == "with":
            backer = _pobj(tok, ("of", "from"))
            verb = head.head
            if backer is not None and verb.pos_ in ("NOUN", "PROPN") and _is_actor(verb) and _is_actor(backer):
                for x in _conj(backer):
                    yield "backs", x, verb  # "the rebels, with the help of Turkey, ..."
            elif backer is not None and verb.pos_ in ("VERB", "AUX"):
                subj = _subject(verb)
                if subj is not None and _is_actor(subj) and _is_actor(backer):
                    for x in _conj(backer):
                        yield "backs", x, subj
        # "in support of Y": the clause's subject backs Y
        if tok.dep_ == "pobj" and head.lower_ == "in":
            target = _pobj(tok, ("of",))
            verb = head.head
            subj = _subject(verb) if verb.pos_ in ("VERB", "AUX") else None
            if subj is not None and target is not None and _is_actor(subj) and _is_actor(target):
                yield "backs", subj, target
    # "Moscow, Syria's ally": the appositive's head backs the possessor
    if tok.lemma_.lower() == "ally" and tok.dep_ == "appos":
        owner = _possessor(tok)
        if owner is not None:
            yield "backs", tok.head, owner


def _allied(tok: Token) -> Iterator[Triple]:
    if tok.lower_ in ("allied", "aligned") and tok.pos_ in ("VERB", "ADJ"):
        # "Hamas is allied with Hezbollah", "militias allied with the government"
        other = _pobj(tok, ("with", "to"))
        subj = next((c for c in tok.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subj is None and tok.dep_ in ("acl", "amod") and tok.head.pos_ in ("NOUN", "PROPN"):
            subj = tok.head
        if subj is not None and other is not None and _is_actor(subj) and _is_actor(other):
            yield "allied_with", subj, other
        return
    if tok.lemma_.lower() != "ally" or tok.dep_ == "appos":
        return
    owner = _possessor(tok)
    if owner is not None and owner.lower_ in ("its", "their", "his", "her"):
        owner = tok.head if tok.dep_ == "conj" else None  # "the US and its allies France, ..."
    for c in tok.children:
        if c.dep_ == "appos" and owner is not None:
            for y in _conj(c):
                yield "allied_with", y, owner
    # "X views Y as (natural) allies"
    if tok.dep_ == "pobj" and tok.head.lower_ == "as":
        verb = tok.head.head
        subj, obj = _subject(verb), _dobj(verb)
        if subj is not None and obj is not None:
            yield "allied_with", subj, obj


def _attacks_opposes(tok: Token) -> Iterator[Triple]:
    lemma = tok.lemma_.lower()
    if tok.pos_ == "VERB" and lemma in ATTACK_VERBS | OPPOSE_VERBS and not any(c.dep_ == "neg" for c in tok.children):
        kind = "attacks" if lemma in ATTACK_VERBS else "opposes"
        subj = _subject(tok)
        obj = _dobj(tok) or next((c for c in tok.children if c.dep_ == "nsubjpass"), None)
        if obj is not None and obj.lemma_.lower() in ("position", "positions", "gathering", "convoy", "base", "bases") and obj.lefts:
            obj = next((c for c in obj.lefts if c.dep_ in ("compound", "amod", "poss") and _is_actor(c)), obj)
        if subj is not None and obj is not None and _is_actor(subj) and _is_actor(obj):
            for x in _conj(subj):
                for y in _conj(obj):
                    yield kind, x, y
    if tok.pos_ == "NOUN" and lemma in ATTACK_NOUNS:
        target = _pobj(tok, ("on", "against"))
        attacker = _possessor(tok) or _pobj(tok, ("by",))
        if attacker is None and tok.dep_ == "dobj":
            attacker = _subject(tok.head)
        if attacker is not None and target is not None and _is_actor(attacker) and _is_actor(target):
            yield "attacks", attacker, target


def _asks(tok: Token) -> Iterator[Triple]:
    if tok.pos_ != "VERB" or tok.lemma_.lower() not in ASK_VERBS:
        return
    subj = _subject(tok)
    if subj is None:
        return
    helpee = None
    obj = _dobj(tok)
    purpose = _pobj(tok, ("for",))
    if obj is not None and obj.lemma_.lower() in SUPPORT_NOUNS:
        helpee = _pobj(obj, ("from",)) or _pobj(tok, ("from",)) or _possessor(obj)
    elif obj is not None and _is_actor(obj) and (purpose is None or purpose.lemma_.lower() in SUPPORT_NOUNS):
        helpee = obj if purpose is not None else None
    elif purpose is not None and purpose.lemma_.lower() in SUPPORT_NOUNS:
        helpee = _possessor(purpose) or _pobj(purpose, ("from", "of"))
    if helpee is not None:
        yield "asks_help_from", subj, helpee


def _demands(tok: Token) -> Iterator[Triple | tuple[str, Token, None]]:
    lemma = tok.lemma_.lower()
    if tok.pos_ == "VERB" and lemma in DEMAND_VERBS:
        subj = _subject(tok)
        target = _pobj(tok, ("of", "from"))
        if target is None:
            for c in tok.children:
                if c.dep_ == "ccomp":
                    target = next((g for g in c.children if g.dep_ == "nsubj"), None)
        if subj is not None:
            yield "demands_of", subj, target
    if tok.pos_ == "NOUN" and lemma == "demand" and tok.dep_ == "pobj" and tok.head.lower_ == "with":
        subj = _subject(tok.head.head)
        if subj is not None:
            yield "demands_of", subj, _pobj(tok, ("of", "from"))


def _meets(tok: Token) -> Iterator[Triple]:
    if tok.pos_ != "VERB" or tok.lemma_.lower() not in MEET_VERBS:
        return
    subj = _subject(tok)
    other = _dobj(tok) or _pobj(tok, ("with",))
    if subj is not None and other is not None and _is_actor(other) and other.ent_type_ != "GPE" or (
        subj is not None and other is not None and tok.lemma_.lower() == "meet"
    ):
        if other.ent_type_ in ("DATE", "TIME"):
            return
        yield "meets", subj, other


RULES = (_backs, _allied, _attacks_opposes, _asks, _meets)


def extract_relations(doc: Doc, article_id: str, attributions: Sequence[Attribution] = ()) -> list[Relation]:
    """Actor relations in a parsed article, each with its evidence sentence and attribution.

    A demand with no addressee in its own sentence ("Israel responded with a demand to
    remove Iranian forces") is taken to answer the last actor who asked the demander for
    help in the article.
    """
    out: list[Relation] = []
    seen: set[tuple[str, str, str, int]] = set()
    askers: dict[str, tuple[str, int, int]] = {}  # helper key -> the asker
    for sent in doc.sents:
        triples: list[tuple[str, tuple[str, int, int], tuple[str, int, int]]] = []
        for tok in sent:
            for rule in RULES:
                for kind, x, y in rule(tok):
                    triples.append((kind, _actor_name(x), _actor_name(y)))
            for kind, x, y in _demands(tok):
                src = _actor_name(x)
                if y is not None and _is_actor(y):
                    triples.append((kind, src, _actor_name(y)))
                elif _key(src[0]) in askers:
                    triples.append((kind, src, askers[_key(src[0])]))
        for kind, (src, s0, s1), (tgt, t0, t1) in triples:
            if not src or not tgt or _key(src) == _key(tgt):
                continue
            if kind == "asks_help_from":
                askers[_key(tgt)] = (src, s0, s1)
            mark = (kind, _key(src), _key(tgt), sent.start)
            if mark in seen:
                continue
            seen.add(mark)
            att = _attribution_of(sent.start_char, sent.end_char, attributions)
            out.append(
                Relation(
                    id=hashlib.sha1(f"{article_id}:{kind}:{s0}:{t0}".encode()).hexdigest()[:16],
                    type=kind,
                    source=src,
                    target=tgt,
                    evidence=(Span(article_id, sent.start_char, sent.end_char),),
                    attribution=att.id if att else "",
                    said_by=att.source.name if att else "",
                )
            )
    return out


def _key(name: str) -> str:
    words = [w for w in name.lower().replace("’", "'").split() if w not in ("the", "mr.", "president")]
    return words[-1].removesuffix("'s") if words else ""


def _attribution_of(start: int, end: int, attributions: Sequence[Attribution]) -> Attribution | None:
    best = None
    for att in attributions:
        cs = att.content_span
        if cs.start <= start + 1 and end - 1 <= cs.end or (cs.start < end and start < cs.end and cs.length > 0):
            if best is None or att.content_span.length < best.content_span.length:
                best = att  # the innermost attribution (nesting)
    return best
