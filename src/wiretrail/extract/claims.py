"""Claims: every proposition of an article, attributed or in the outlet's own voice.

Each attribution's content becomes a claim carrying the attribution's id (one per
independent clause: "X began on Saturday, and by evening Y had fallen" is two); every
other clause with a finite verb of its own becomes a claim in the outlet's own voice
(``attribution == ""``). A denial with no words of its own ("a charge the group
denied") becomes a negative claim with the words of the claim it denies. A claim gets a subject–predicate–object reading
from the parse of its main clause, a polarity (negation of that clause), hedges
("reportedly", "allegedly", "presumably", "is said to", "could", ...) and the
entities, places and times named in it.

>>> from wiretrail.nlp import load_nlp, parse                      # doctest: +SKIP
>>> doc = parse(load_nlp(), "Assad reportedly did not ask Israel for help.")  # doctest: +SKIP
>>> c = extract_claims(doc, "a1", [])[0]                            # doctest: +SKIP
>>> c.subject, c.predicate, c.object, c.polarity, c.hedges          # doctest: +SKIP
('Assad', 'ask', 'Israel', -1, ('reportedly',))
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import replace

from spacy.tokens import Doc, Span, Token

from wiretrail.extract.cues import frame_of
from wiretrail.model import Attribution, Claim, Span as CharSpan

log = logging.getLogger(__name__)

__all__ = ["extract_claims", "HEDGE_WORDS"]

#: single-word hedges (adverbs, adjectives and modal verbs)
HEDGE_WORDS = frozenset(
    """reportedly allegedly presumably apparently purportedly supposedly ostensibly possibly
    probably likely unlikely perhaps maybe seemingly unconfirmed unverified rumoured rumored
    alleged purported suspected may might could""".split()
)
#: "is said to", "are believed to", "appears to": verb lemmas that hedge with a to-infinitive
HEDGE_RAISING = frozenset("say believe think report allege rumor rumour understand know expect suppose".split())
HEDGE_SEEM = frozenset("seem appear".split())
#: cues of acts and stances: "Turkey supports the rebels" is the outlet's own claim. Accusations
#: ("accused the DLF of storing weapons", "blamed X for", "charged that") assert what they accuse:
#: they report a claim of the accuser, so they are not here.
STANCE_VERBS = frozenset(
    """support oppose endorse back defend criticize criticise condemn denounce slam blast attack
    praise welcome reject dismiss refuse decline agree disagree challenge
    question ask urge demand request order call appeal plead beg threaten vow pledge promise
    celebrate applaud commend thank credit congratulate hail laud sign publish print air""".split()
)
NEGATORS = frozenset("not n't never no neither nor none nobody nothing".split())
PLACE_LABELS = ("GPE", "LOC", "FAC")
TIME_LABELS = ("DATE", "TIME")
ENTITY_LABELS = ("PERSON", "ORG", "NORP", "GPE", "LOC", "FAC", "EVENT", "PRODUCT", "LAW")


def _root(span: Span) -> Token:
    """The main clause head of a span: the outermost verb, else the outermost token."""
    heads = [t for t in span if t.head.i < span.start or t.head.i >= span.end or t.head is t]
    for t in heads:
        if t.pos_ in ("VERB", "AUX"):
            return t
    verbs = [t for t in span if t.pos_ in ("VERB", "AUX") and t.dep_ not in ("aux", "auxpass")]
    if verbs:
        return min(verbs, key=lambda t: _depth(t))
    return heads[0] if heads else span.root


def _depth(tok: Token) -> int:
    """Steps from ``tok`` up to its sentence root (spaCy makes a new Token on each ``.head``: compare indices)."""
    d = 0
    while tok.head.i != tok.i and d < 50:
        tok, d = tok.head, d + 1
    return d


def _phrase(tok: Token, span: Span) -> str:
    lo = max(tok.left_edge.i, span.start)
    hi = min(tok.right_edge.i + 1, span.end)
    return tok.doc[lo:hi].text.strip(" ,;:\u201c\u201d\"")


def spo(span: Span) -> tuple[str, str, str, int]:
    """Subject, predicate (lemma, with particle), object and polarity of a span's main clause."""
    root = _root(span)
    subject = obj = ""
    polarity = 1
    raised = [c for c in root.children if c.dep_ == "xcomp"]
    if raised and root.lemma_.lower() in HEDGE_RAISING | HEDGE_SEEM:
        # "X is said to have fled", "X appears to lead": the proposition is the infinitive's
        for c in root.children:
            if c.dep_ in ("nsubj", "nsubjpass"):
                subject = _phrase(c, span)
            elif c.dep_ == "neg":
                polarity = -1
        root = raised[0]
    predicate = root.lemma_.lower()
    for c in root.children:
        if c.dep_ in ("nsubj", "nsubjpass", "csubj") and not subject:
            subject = _phrase(c, span)
        elif c.dep_ == "prt":
            predicate = f"{predicate} {c.lower_}"
        elif c.dep_ == "neg" or (c.dep_ == "advmod" and c.lower_ in NEGATORS):
            polarity = -1
    order = ("dobj", "attr", "acomp", "oprd", "ccomp", "xcomp", "dative")
    kids = {c.dep_: c for c in root.children}
    for dep in order:
        if dep in kids:
            obj = _phrase(kids[dep], span)
            break
    if not obj:
        for c in root.children:
            if c.dep_ == "prep":
                pobj = [g for g in c.children if g.dep_ == "pobj"]
                if pobj:
                    obj = _phrase(pobj[0], span)
                    predicate = f"{predicate} {c.lower_}"
                    break
    if polarity == 1:
        for c in root.children:
            if c.dep_ in ("nsubj", "nsubjpass", "dobj") and any(g.lower_ in ("no", "never") and g.dep_ == "det" for g in c.children):
                polarity = -1
    return subject, predicate, obj, polarity


def hedges(span: Span, extra: Span | None = None) -> tuple[str, ...]:
    """Hedging words of a span (and of the cue context ``extra``), in order, once each."""
    found: list[str] = []
    for part in (extra, span):
        if part is None:
            continue
        for t in part:
            low = t.lower_
            if low in HEDGE_WORDS and (t.tag_ in ("MD", "RB", "JJ", "VBN") or low not in ("may", "might", "could")):
                found.append(low)
            elif t.lemma_.lower() in HEDGE_RAISING and t.tag_ == "VBN" and any(
                c.dep_ == "auxpass" for c in t.children
            ) and any(c.dep_ == "xcomp" for c in t.children):
                aux = [c.lower_ for c in t.children if c.dep_ == "auxpass"]
                found.append(f"{aux[0]} {t.lower_} to")
            elif t.lemma_.lower() in HEDGE_SEEM and any(c.dep_ == "xcomp" for c in t.children):
                found.append(f"{t.lower_} to")
    out: list[str] = []
    for h in found:
        if h not in out:
            out.append(h)
    return tuple(out)


def reports(att: Attribution) -> bool:
    """Whether an attribution reports speech, writing or findings (its content is a claim
    of the source) rather than an act or attitude that is the outlet's own proposition."""
    if att.cue in ("according to", ":", "as reported by") or not att.cue[:1].isalpha():
        return True
    if att.cue in STANCE_VERBS:
        return False
    frame = frame_of(att.cue, "VERB") or frame_of(att.cue, "NOUN")
    return frame in ("say", "tell", "cite", "evidence", "noun")


_SUBJECTS = frozenset({"nsubj", "nsubjpass", "expl"})
_JOINERS = frozenset({"cc", "punct"})


def clauses(span: Span) -> list[tuple[int, int]]:
    """Character ranges of the independent clauses coordinated in a span.

    "The offensive began on Saturday, and by evening the rebels had taken the airport" holds two
    propositions, each reported (or not) on its own; a conjunct verb with a subject of its own opens
    a new clause, while one that shares the subject ("asked for help but was refused") does not.
    The joining comma and conjunction belong to neither part.
    """
    root = _root(span)
    cuts = sorted(
        c.left_edge.i for c in root.children
        if c.dep_ == "conj" and c.pos_ in ("VERB", "AUX") and span.start < c.left_edge.i < span.end
        and any(g.dep_ in _SUBJECTS for g in c.children)
    )
    if not cuts:
        return [(span.start_char, span.end_char)]
    doc = span.doc
    parts: list[tuple[int, int]] = []
    for lo, hi in zip([span.start, *cuts], [*cuts, span.end]):
        while hi > lo and doc[hi - 1].dep_ in _JOINERS and doc[hi - 1].text not in (")", "\u201d", '"'):
            hi -= 1
        words = [t for t in doc[lo:hi] if t.is_alpha]
        if len(words) < 3 or not any(t.pos_ in ("VERB", "AUX") for t in doc[lo:hi]):
            return [(span.start_char, span.end_char)]  # a fragment: the span stays one claim
        parts.append((doc[lo].idx, doc[hi - 1].idx + len(doc[hi - 1].text)))
    return parts


def _claims(
    doc: Doc, text: str, article_id: str, a: int, b: int, att: Attribution | None, context: Span | None,
    doc_ents: tuple[Span, ...] | None = None,
) -> list[Claim]:
    """One claim per independent clause of the span a..b."""
    span = doc.char_span(a, b, alignment_mode="expand")
    if span is None:
        return []
    found = (_claim(doc, text, article_id, lo, hi, att, context, doc_ents) for lo, hi in clauses(span))
    return [c for c in found if c is not None]


def _claim(
    doc: Doc, text: str, article_id: str, a: int, b: int, att: Attribution | None, context: Span | None,
    doc_ents: tuple[Span, ...] | None = None,
) -> Claim | None:
    """The claim of the clause a..b (``doc_ents``: the Doc's entities, read once by the caller:
    ``Span.ents`` walks all of them on every call)."""
    span = doc.char_span(a, b, alignment_mode="expand")
    if span is None or sum(1 for t in span if t.is_alpha) < 2:
        return None
    subject, predicate, obj, polarity = spo(span)
    if doc_ents is None:
        ents = span.ents
    else:
        ents = [e for e in doc_ents if e.start >= span.start and e.end <= span.end]
    return Claim(
        id=f"{article_id}:clm{a}",
        article=article_id,
        span=CharSpan(article_id, a, b),
        text=text[a:b],
        attribution=att.id if att is not None else "",
        subject=subject,
        predicate=predicate,
        object=obj,
        polarity=polarity,
        hedges=hedges(span, context),
        entities=tuple(dict.fromkeys(e.text for e in ents if e.label_ in ENTITY_LABELS)),
        places=tuple(dict.fromkeys(e.text for e in ents if e.label_ in PLACE_LABELS)),
        times=tuple(dict.fromkeys(e.text for e in ents if e.label_ in TIME_LABELS)),
    )


def extract_claims(doc: Doc, article_id: str, attributions: Sequence[Attribution]) -> list[Claim]:
    """Every proposition of a parsed article as a ``model.Claim``, in text order.

    >>> from wiretrail.nlp import load_nlp, parse                               # doctest: +SKIP
    >>> from wiretrail.extract.attribution import extract_attributions          # doctest: +SKIP
    >>> doc = parse(load_nlp(), "Rebels took Hama, a resident told Reuters.")   # doctest: +SKIP
    >>> atts = extract_attributions(doc, "a1")                                   # doctest: +SKIP
    >>> [(c.text, c.attribution == atts[0].id) for c in extract_claims(doc, "a1", atts)]  # doctest: +SKIP
    [('Rebels took Hama', True)]
    """
    text = doc.text  # rebuilt by spaCy on each access: read once
    doc_ents = tuple(doc.ents)  # likewise
    claims: list[Claim] = []
    covered: list[tuple[int, int]] = []
    frames: list[tuple[int, int]] = []
    chosen = {id(a) for a in _one_per_content(attributions)}
    for att in attributions:
        if not reports(att):
            continue  # "Assad asked Israel for help" is itself a proposition of the outlet
        a, b = att.content_span.start, att.content_span.end
        if att.source.span is not None:
            frames.append((att.source.span.start, att.source.span.end))
        frames.append((att.cue_span.start, att.cue_span.end))
        if b <= a or id(att) not in chosen:
            continue
        covered.append((a, b))
        cue = doc.char_span(att.cue_span.start, att.cue_span.end, alignment_mode="expand")
        context = cue.sent if cue is not None else None
        claims.extend(_claims(doc, text, article_id, a, b, att, context, doc_ents))
    taken = bytearray(len(text) + 1)  # characters inside an attribution's content, source or cue
    for a, b in covered + frames:
        taken[a:b] = b"\x01" * (b - a)
    for sent in doc.sents:
        s0, s1 = _trim(text, sent.start_char, sent.end_char)
        if s1 <= s0:
            continue
        if any(a <= s0 + 1 and b >= s1 - 1 for a, b in covered):
            continue
        for c0, c1 in clauses(sent):
            clause = doc.char_span(c0, c1, alignment_mode="expand")
            if clause is None or any(a <= c0 + 1 and b >= c1 - 1 for a, b in covered):
                continue
            rest = [t for t in clause if t.is_alpha and not taken[t.idx]]
            # a proposition of the outlet's own needs a finite verb outside every attribution: "...,
            # according to Open Hands, a relief group working in the area" leaves only an appositive
            if len(rest) < 3 or not any(_finite(t) for t in rest):
                continue
            claim = _claim(doc, text, article_id, c0, c1, None, None, doc_ents)
            if claim is not None:
                claims.append(claim)
    claims.extend(_anaphoric_denials(claims, attributions))
    claims.sort(key=lambda c: (c.span.start, c.span.end))
    return claims


DENIAL_CUES = frozenset("deny reject dismiss refute rebut dispute".split())


def _anaphoric_denials(claims: Sequence[Claim], attributions: Sequence[Attribution]) -> list[Claim]:
    """"…accused the DLF of storing weapons in a school, a charge the group denied": the denial has no
    words of its own; it denies the claim of its sentence. Each such denial becomes a claim with that
    claim's words, the denier's attribution and negative polarity, so the claim group learns of it."""
    out: list[Claim] = []
    for att in attributions:
        own_words = len(att.content.strip(" ,.\"'")) > 3 and att.content.strip().lower() not in ("it", "this", "that", "them")
        if att.cue not in DENIAL_CUES or own_words:
            continue
        before = [c for c in claims if c.attribution != att.id and c.span.start < att.cue_span.start
                  and att.cue_span.start - c.span.end < 120 and c.span.article == att.article]
        if not before:
            continue
        target = max(before, key=lambda c: c.span.end)
        out.append(replace(target, id=f"{target.id}:denied{att.cue_span.start}", attribution=att.id, polarity=-1))
    return out


def _one_per_content(attributions: Sequence[Attribution]) -> list[Attribution]:
    """One attribution for each content: "…, the Najma Post reported, citing a senior official"
    reports the same words twice (the outlet's report and the official it cites); the claim is
    the official's, passed on by the outlet — the attribution with the longer chain."""
    best: dict[tuple[int, int], Attribution] = {}
    for att in attributions:
        key = (att.content_span.start, att.content_span.end)
        held = best.get(key)
        if held is None or (att.intermediary is not None, bool(att.parent)) > (held.intermediary is not None, bool(held.parent)):
            best[key] = att
    return [a for a in attributions if best.get((a.content_span.start, a.content_span.end)) is a]


def _finite(tok: Token) -> bool:
    """A verb that makes a clause: tensed, or a modal ("fled", "says", "will", "could")."""
    return tok.tag_ in ("VBD", "VBZ", "VBP", "MD") or "Fin" in tok.morph.get("VerbForm")


def _trim(text: str, a: int, b: int) -> tuple[int, int]:
    while a < b and text[a].isspace():
        a += 1
    while b > a and text[b - 1].isspace():
        b -= 1
    return a, b
