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
from dataclasses import dataclass, replace

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
    # (spaCy makes a new Token object on each access: a root is found by index, never by ``is``)
    s0, s1 = span.start, span.end  # read once: each Span attribute access goes through spaCy
    heads = [t for t in span if not s0 <= t.head.i < s1 or t.head.i == t.i]
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
    cuts = {
        c.left_edge.i for c in root.children
        if c.dep_ == "conj" and c.pos_ in ("VERB", "AUX") and span.start < c.left_edge.i < span.end
        and any(g.dep_ in _SUBJECTS for g in c.children)
    }
    for c in root.children:
        if _after_clause(c) and span.start <= c.left_edge.i and c.right_edge.i < span.end:
            rest = span.doc[c.right_edge.i + 1:span.end]
            ends = (c.left_edge.i, c.right_edge.i + 1) if any(t.is_alpha for t in rest) else (c.left_edge.i,)
            cuts.update(i for i in ends if span.start < i < span.end)
    if not cuts:
        return [(span.start_char, span.end_char)]
    doc = span.doc
    parts: list[tuple[int, int]] = []
    for lo, hi in zip([span.start, *sorted(cuts)], [*sorted(cuts), span.end]):
        while hi > lo and doc[hi - 1].dep_ in _JOINERS and doc[hi - 1].text not in (")", "\u201d", '"'):
            hi -= 1
        while lo < hi and (doc[lo].dep_ in _JOINERS or (doc[lo].dep_ == "mark" and doc[lo].lower_ in AFTER_MARKERS)):
            lo += 1
        words = [t for t in doc[lo:hi] if t.is_alpha]
        if len(words) < 3 or not any(t.pos_ in ("VERB", "AUX") for t in doc[lo:hi]):
            return [(span.start_char, span.end_char)]  # a fragment: the span stays one claim
        parts.append((doc[lo].idx, doc[hi - 1].idx + len(doc[hi - 1].text)))
    return parts


#: subordinators of a clause that states an event of its own: "X took the town after the army withdrew"
#: asserts the withdrawal too ("before", "until", "once" and "if" clauses need not have happened)
AFTER_MARKERS = frozenset({"after"})


def _after_clause(tok: Token) -> bool:
    """An adverbial "after" clause with a subject and a past verb of its own, on a main clause that
    states a fact: "took the town after the army withdrew". Not "would consider it only after the DLF
    freed them" (a modal main clause or "only after" sets a condition that need not be met)."""
    main = tok.head
    return (
        tok.dep_ == "advcl" and tok.pos_ in ("VERB", "AUX")
        and (tok.tag_ == "VBD" or any(c.dep_ == "aux" and c.tag_ == "VBD" for c in tok.children))
        and any(c.dep_ == "mark" and c.lower_ in AFTER_MARKERS for c in tok.children)
        and any(c.dep_ in _SUBJECTS for c in tok.children)
        and not any(c.lower_ == "only" for c in tok.children)
        and not any(c.dep_ == "aux" and c.tag_ == "MD" for c in main.children)
        and main.tag_ != "VB"  # an infinitive or imperative main verb: no fact either
    )


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
        **_named(ents),
    )


def _named(ents: Sequence[Span]) -> dict[str, tuple[str, ...]]:
    """A claim's entities, places and times: the spaCy entities inside its span, by label, once each."""
    return {
        field: tuple(dict.fromkeys(e.text for e in ents if e.label_ in labels))
        for field, labels in (("entities", ENTITY_LABELS), ("places", PLACE_LABELS), ("times", TIME_LABELS))
    }


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
    cues = [(a.cue_span.start, a.cue_span.end) for a in attributions]
    quotes = [a for a in attributions if a.kind == "direct"]
    spans = {(c.span.start, c.span.end) for c in claims}
    for sent in doc.sents:
        for sup in supplements(sent):
            a, b = sup.start_char, sup.end_char
            if (a, b) in spans or any(x < b and a < y for x, y in cues):
                continue  # "X, who said ...": the clause is an attribution of its own
            # a supplement is the speaker's comment: the outlet's, or the quoted speaker's inside a quote
            inside = [q for q in quotes if q.content_span.start <= a and b <= q.content_span.end]
            claims.append(_supplement_claim(doc, article_id, sup, inside[0] if inside else None))
    claims.extend(_anaphoric_denials(claims, attributions))
    claims.extend(_anaphoric_confirmations(doc, claims, attributions))
    claims.sort(key=lambda c: (c.span.start, c.span.end))
    return claims


# -- relative and participial clauses ------------------------------------------------------------
RELATIVE_WORDS = frozenset("which who whom that whose where".split())
_OPENERS = frozenset({",", "(", "\u2014", "\u2013", "-", "--"})
_NOUNS = frozenset({"NOUN", "PROPN"})


@dataclass(frozen=True)
class Supplement:
    """A relative or participial clause read as a proposition of its own: "Thala, which DLF fighters
    captured on Tuesday" -> "DLF fighters captured Thala on Tuesday" (the antecedent filled in for the
    relative word it stands for); ``start_char``..``end_char`` are the clause's own offsets."""

    start_char: int
    end_char: int
    text: str
    subject: str
    predicate: str
    object: str
    polarity: int


def _anchor(noun: Token) -> Token:
    """The referent a description re-describes: "Thala, the town ..." -> Thala."""
    return noun.head if noun.dep_ == "appos" and noun.head.pos_ == "PROPN" else noun


def _noun_phrase(noun: Token, clause: int | None = None) -> str:
    """A noun with its own modifiers, without the clauses and appositives hung on it, and without the
    conjuncts that follow the clause at token ``clause`` ("Aleppo and Hama, which ..." keeps both;
    "Thala, which ..., or Feriana" keeps Thala)."""
    drop: set[int] = set()
    for c in noun.children:
        if c.dep_ in ("cc", "conj") and clause is not None and c.i < clause:
            continue
        if c.dep_ in ("relcl", "acl", "appos", "punct", "cc", "conj", "prep") and c.i > noun.i:
            if c.dep_ == "prep" and not any(g.dep_ in ("relcl", "acl", "appos") for g in c.subtree):
                continue  # "the rebels of the Front" keeps its "of" phrase
            drop.update(t.i for t in c.subtree)
    words = [t for t in noun.subtree if t.i not in drop]
    return "".join(t.text_with_ws for t in words).strip(" ,;:\u201c\u201d\"")


def _supplementary(antecedent: Token, first: Token) -> bool:
    """Whether a clause on ``antecedent`` adds a proposition instead of picking out its referent.

    A clause set off by a comma, dash or bracket is non-restrictive ("Thala, which the rebels took");
    a proper name is already identified, so a clause on it cannot narrow it down; an appositive
    ("Thala, the town the rebels took") re-describes a referent its anchor already named. A bare
    restrictive clause ("the man who spoke", "people who fled the town") only identifies: no claim.
    """
    doc = first.doc
    if first.i > 0 and doc[first.i - 1].text in _OPENERS:
        return True
    return antecedent.pos_ == "PROPN" or antecedent.dep_ == "appos"


def _tensed(verb: Token) -> bool:
    """A verb with tense: finite, with a finite auxiliary, or a bare participle with a subject of its own
    and no auxiliary ("which DLF fighters captured" tagged VBN), which English allows only as a past."""
    if _finite(verb) or any(_finite(c) for c in verb.children if c.dep_ in ("aux", "auxpass")):
        return True
    return verb.tag_ == "VBN" and any(c.dep_ == "nsubj" for c in verb.children) and not any(
        c.dep_ in ("aux", "auxpass") for c in verb.children)


_CONTRACTED = {"s": "is", "re": "are", "ve": "have", "d": "had", "ll": "will"}


def _word(t: Token) -> str:
    """A token as it reads once the relative word before it is gone ("who's running" -> "is running",
    "who's been" -> "has been")."""
    if t.text[:1] in ("'", "\u2019") and t.pos_ in ("AUX", "VERB") and t.text[1:].lower() in _CONTRACTED:
        full = _CONTRACTED[t.text[1:].lower()]
        nxt = t.nbor(1) if t.i + 1 < len(t.doc) else None
        if full == "is" and nxt is not None and nxt.tag_ == "VBN":
            full = "has"
        return " " + full + t.whitespace_
    return t.text_with_ws


def _words(tokens: Sequence[Token]) -> str:
    return "".join(_word(t) for t in tokens).strip(" ,;:\u201c\u201d\"")


def _edges(verb: Token, lo: int) -> tuple[int, int]:
    """Token range lo..hi of a clause, without the punctuation that closes it."""
    hi = verb.right_edge.i + 1
    doc = verb.doc
    # a noun conjoined to the clause's verb belongs to the antecedent ("Thala, which X took, or Feriana")
    # and a clause opened by a comma closes at ", or" / ", and" (the parser may hang the next item on it)
    nouns = [c.left_edge.i for c in verb.children if c.dep_ == "conj" and c.pos_ in _NOUNS and c.i > verb.i]
    if lo > 0 and doc[lo - 1].text == ",":
        nouns += [i for i in range(lo + 1, hi - 1) if doc[i].text == "," and doc[i + 1].dep_ == "cc"]
    if nouns:
        hi = min(hi, *nouns)
        while hi > lo and doc[hi - 1].dep_ in ("cc", "punct"):
            hi -= 1
    while hi > lo and doc[hi - 1].is_punct and doc[hi - 1].text not in (")",):
        hi -= 1
    return lo, hi


def _relative(verb: Token) -> Supplement | None:
    """A relative clause ("which DLF fighters captured on Tuesday", "who leads the council")."""
    antecedent = verb.head
    if antecedent.pos_ not in _NOUNS or not _tensed(verb):
        return None
    if frame_of(verb.lemma_, "VERB") in ("say", "tell", "cite"):
        return None  # "X, who said ...": an attribution, read by the attribution stage
    lo, hi = _edges(verb, verb.left_edge.i)
    if not _supplementary(antecedent, verb.doc[lo]):
        return None
    ant = _anchor(antecedent)
    name = _noun_phrase(ant, lo)
    doc = verb.doc
    rel = [t for t in doc[lo:verb.i] if t.lower_ in RELATIVE_WORDS and t.tag_ in ("WDT", "WP", "WP$", "WRB", "IN")]
    before, after, suffix = list(doc[lo:verb.i]), list(doc[verb.i:hi]), ""
    role = "object"
    if rel:
        r = rel[0]
        if r.head.i != verb.i and not (r.dep_ == "pobj" and r.head.head.i == verb.i):
            return None  # "which he is uncertain about suppressing": the gap is deeper than the clause's verb
        if r.lower_ == "whose":
            before = [t for t in before if t.i != r.i]
            head = f"{name}'s "
            return _built(doc, lo, hi, head + _words(before) + " " + _words(after), verb, name, "subject")
        if r.lower_ == "where":
            suffix, role = f" in {name}", "place"
            before = [t for t in before if t.i != r.i]
        elif r.dep_ in ("nsubj", "nsubjpass"):
            role = "subject"
            before = [t for t in before if t.i != r.i]
            return _built(doc, lo, hi, f"{name} {_words(before)} {_words(after)}".replace("  ", " "), verb, name, role)
        elif r.dep_ == "pobj" and r.head.dep_ == "prep":  # "in which": the phrase moves to the end
            before = [t for t in before if t.i not in (r.i, r.head.i)]
            suffix, role = f" {r.head.lower_} {name}", "place"
        elif r.dep_ == "dobj":
            before = [t for t in before if t.i != r.i]
        else:
            return None
    elif any(c.dep_ in ("dobj", "nsubj") and c.i > verb.i for c in verb.children):
        return None  # no gap for the antecedent to fill
    if role == "object":  # the antecedent goes after the verb (and its particle)
        cut = max([verb.i] + [c.i for c in verb.children if c.dep_ == "prt"]) + 1 - verb.i
        after = after[:cut] + [None] + after[cut:]  # type: ignore[list-item]
        pieces = [_word(t) if t is not None else f" {name} " for t in after]
        return _built(doc, lo, hi, f"{_words(before)} {''.join(pieces).strip()}{suffix}", verb, name, role)
    return _built(doc, lo, hi, f"{_words(before)} {_words(after)}{suffix}", verb, name, role)


def _participial(verb: Token) -> Supplement | None:
    """A passive participle with an agent of its own, set off by commas: "Thala, captured by DLF fighters
    on Tuesday, ..." -> "Thala was captured by DLF fighters on Tuesday"."""
    noun = verb.head
    if noun.pos_ not in _NOUNS or verb.tag_ != "VBN" or not any(c.dep_ == "agent" for c in verb.children):
        return None
    lo, hi = _edges(verb, verb.left_edge.i)
    if lo != verb.i or lo == 0 or verb.doc[lo - 1].text not in _OPENERS:
        return None
    ant = _anchor(noun)
    name = _noun_phrase(ant)
    aux = "were" if "Plur" in ant.morph.get("Number") else "was"
    return _built(verb.doc, lo, hi, f"{name} {aux} {_words(verb.doc[lo:hi])}", verb, name, "subject")


def _contact(verb: Token) -> Supplement | None:
    """A relative clause with no relative word that the parser reads as a participle: "Thala, the town
    the rebels captured on Tuesday" (parsed "the rebels [captured on Tuesday]"). Two noun phrases in
    contact followed by a transitive past verb with no object of its own: the first is the object."""
    subj = verb.head
    if verb.tag_ != "VBN" or subj.pos_ not in _NOUNS or verb.i != subj.i + 1 or not any(c.dep_ == "det" for c in subj.children):
        return None
    if any(c.dep_ in ("agent", "dobj", "auxpass") for c in verb.children):
        return None
    lo = subj.left_edge.i
    if lo == 0:
        return None
    antecedent = verb.doc[lo - 1]
    if antecedent.pos_ not in _NOUNS:
        return None
    if antecedent.i in (t.i for t in subj.ancestors) and not (subj.dep_ == "appos" and subj.head.i == antecedent.i):
        return None  # (two definite noun phrases in contact are read as apposition by the parser too)
    if not _supplementary(antecedent, antecedent.left_edge):
        return None
    lo, hi = _edges(verb, lo)
    name = _noun_phrase(_anchor(antecedent))
    doc = verb.doc
    text = f"{_words(doc[lo:verb.i + 1])} {name} {_words(doc[verb.i + 1:hi])}".strip()
    return _built(doc, lo, hi, text, verb, name, "object", subject=_words(doc[lo:verb.i]))


def _built(
    doc: Doc, lo: int, hi: int, text: str, verb: Token, name: str, role: str, subject: str = ""
) -> Supplement | None:
    """The supplement of clause tokens lo..hi whose antecedent ``name`` fills the ``role`` (subject,
    object or place) of ``verb``; ``text`` is the clause with the antecedent in place."""
    if hi <= lo or sum(1 for t in doc[lo:hi] if t.is_alpha) < 3:
        return None
    found, predicate, obj, polarity = spo(doc[lo:hi])
    subject = subject or found
    if role == "subject" or subject.lower() in RELATIVE_WORDS:
        subject = name
    if role == "object":
        obj = name
        predicate = " ".join([verb.lemma_.lower()] + [c.lower_ for c in verb.children if c.dep_ == "prt"])
    text = " ".join(text.split())
    return Supplement(doc[lo].idx, doc[hi - 1].idx + len(doc[hi - 1].text), text[:1].upper() + text[1:],
                      subject, predicate, obj, polarity)


def supplements(sent: Span) -> list[Supplement]:
    """The relative and participial clauses of a sentence that assert something of their own."""
    out: list[Supplement] = []
    for t in sent:
        if t.pos_ not in ("VERB", "AUX"):
            continue
        found = None
        if t.dep_ == "relcl":
            found = _relative(t)
        elif t.dep_ == "acl":
            found = _participial(t) or _contact(t)
        if found is not None:
            out.append(found)
    return out


def _supplement_claim(doc: Doc, article_id: str, sup: Supplement, att: Attribution | None) -> Claim:
    span = doc.char_span(sup.start_char, sup.end_char, alignment_mode="expand")
    ents = span.ents if span is not None else ()
    return Claim(
        id=f"{article_id}:rel{sup.start_char}",
        article=article_id,
        span=CharSpan(article_id, sup.start_char, sup.end_char),
        text=sup.text,
        attribution=att.id if att is not None else "",
        subject=sup.subject,
        predicate=sup.predicate,
        object=sup.object,
        polarity=sup.polarity,
        hedges=hedges(span) if span is not None else (),
        **_named(ents),
    )


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


CONFIRM_CUES = frozenset("confirm acknowledge verify corroborate".split())
_PRONOUNS = frozenset({"it", "this", "that", "them", "these", "those"})


def _stem_match(noun: str, claim: Claim) -> bool:
    """Whether a noun names what a claim states: its verb ("the agreement" / "agreed", "the killing" /
    "killed": one is the other's prefix, four letters at least) or a word of its text ("the truce")."""
    verb = claim.predicate.split()[0] if claim.predicate else ""
    if len(verb) >= 4 and (noun.startswith(verb) or verb.startswith(noun)):
        return True
    return noun in {w.strip(".,;:\"'\u201c\u201d").lower() for w in claim.text.split()}


def _anaphoric_confirmations(doc: Doc, claims: Sequence[Claim], attributions: Sequence[Attribution]) -> list[Claim]:
    """"The army and the DLF agreed to a truce. … The ministry spokesman confirmed the agreement": the
    confirmation has no words of its own; it confirms an earlier claim of its article — the nearest one
    whose verb or words its noun names ("the agreement" -> "agreed"), or for a bare pronoun ("confirmed
    it") the claim just before. That claim becomes the confirmer's too (its words, the confirmer's
    attribution), so the claim group counts the confirmer as a source of it."""
    out: list[Claim] = []
    for att in attributions:
        if att.cue not in CONFIRM_CUES:
            continue
        content = doc.char_span(att.content_span.start, att.content_span.end, alignment_mode="expand")
        if content is None or not 0 < sum(1 for t in content if t.is_alpha) <= 3:
            continue
        head = content.root
        pronoun = head.lower_ in _PRONOUNS
        if not pronoun and not (head.pos_ == "NOUN" and any(
                c.dep_ in ("det", "poss") and c.lower_ in ("the", "this", "that", "its", "their") for c in head.children)):
            continue  # "confirmed two deaths" has words of its own
        before = [c for c in claims if c.article == att.article and c.attribution != att.id
                  and c.span.end <= att.cue_span.start and c.polarity > 0]
        if pronoun:
            before = [c for c in before if att.cue_span.start - c.span.end < 120]
        else:
            before = [c for c in before if _stem_match(head.lemma_.lower(), c)]
        if not before:
            continue
        target = max(before, key=lambda c: (c.span.end, -c.span.start))
        out.append(replace(target, id=f"{target.id}:confirmed{att.cue_span.start}", attribution=att.id))
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
