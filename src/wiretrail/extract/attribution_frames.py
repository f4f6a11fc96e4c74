"""Attribution frames: source, cue and content of one cue, read from the parse.

One builder per kind of cue (``cues.py`` frames): verbs (subject, clausal or
nominal complement, addressee of "tell", "citing X", passive "is said to",
quote-first clauses, "said:" followed by the next sentence), nouns ("his
statement that ..."), "according to X" and "Name: ...". Token ranges are
half-open ``(start, end)``; contents are character ranges trimmed of punctuation.

>>> from wiretrail.nlp import load_nlp, parse                       # doctest: +SKIP
>>> doc = parse(load_nlp(), "Police said three people were arrested.")  # doctest: +SKIP
>>> f = frame_for(doc[1], doc)                                      # doctest: +SKIP
>>> doc[f.source[0]:f.source[1]].text, doc.text[f.content[0]:f.content[1]]  # doctest: +SKIP
('Police', 'three people were arrested')
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Doc, Token

from wiretrail.extract.attribution_features import colon_source
from wiretrail.extract.cues import CUE_SETTINGS, frame_of
from wiretrail.extract.sources import (
    ANONYMOUS_HEADS,
    GOVERNMENT_WORDS,
    HYPHENS,
    MEDIA_WORDS,
    ORG_HEADS,
    PERSON_PRONOUNS,
    TITLES,
    UNSPECIFIED_HEADS,
)

PUNCT_EDGE = " \t\n,;:.\u2014\u2013-"


@dataclass
class Frame:
    """One attribution found in a Doc, still as token ranges (internal)."""

    cue: list[int]  # token indices of the cue
    lemma: str
    frame: str
    source: tuple[int, int] | None = None
    content: tuple[int, int] | None = None  # char offsets
    recipient: tuple[int, int] | None = None
    cited_by: tuple[int, int] | None = None  # "X reported, citing Y": X
    score: float = 1.0
    stray: bool = False
    extra: dict = field(default_factory=dict)


def _subtree_range(tok: Token) -> tuple[int, int]:
    return tok.left_edge.i, tok.right_edge.i + 1


def _char_range(doc: Doc, start: int, end: int) -> tuple[int, int] | None:
    """Char offsets of tokens [start, end), without punctuation or space tokens at either end.

    Token-based on purpose: ``Doc.text`` is rebuilt on every access.
    """
    while start < end and _edge(doc[start]):
        start += 1
    while end > start and _edge(doc[end - 1]):
        end -= 1
    if end <= start:
        return None
    last = doc[end - 1]
    return doc[start].idx, last.idx + len(last)


def _edge(tok: Token) -> bool:
    return tok.is_space or all(ch in PUNCT_EDGE for ch in tok.text)


def _minus(doc: Doc, outer: tuple[int, int], holes: list[tuple[int, int]]) -> tuple[int, int] | None:
    """The largest contiguous piece of token range ``outer`` outside ``holes``."""
    keep = [True] * (outer[1] - outer[0])
    for h0, h1 in holes:
        for i in range(max(h0, outer[0]), min(h1, outer[1])):
            keep[i - outer[0]] = False
    best: tuple[int, int] | None = None
    i = 0
    while i < len(keep):
        if keep[i]:
            j = i
            while j < len(keep) and keep[j]:
                j += 1
            piece = (outer[0] + i, outer[0] + j)
            if sum(1 for t in doc[piece[0] : piece[1]] if not t.is_punct) > sum(
                1 for t in doc[best[0] : best[1]] if not t.is_punct
            ) if best else True:
                best = piece
            i = j
        else:
            i += 1
    return best


def _cue_tokens(tok: Token, content_tok: Token | None) -> list[int]:
    """The cue: verb with its auxiliaries, negation, particle, and setting ("in a statement")."""
    idx = [tok.i]
    for c in tok.children:
        if c.dep_ in ("aux", "auxpass", "neg") and c.i < tok.i and tok.i - c.i <= 3:
            idx.append(c.i)
        elif c.dep_ == "prt":
            idx.append(c.i)
        elif c.dep_ == "prep" and c.i > tok.i:
            pobj = [g for g in c.children if g.dep_ == "pobj"]
            if c.lower_ == "in" and pobj and pobj[0].lemma_.lower() in CUE_SETTINGS:
                idx.extend(range(c.i, pobj[0].i + 1))
            elif content_tok is not None and content_tok.head.i == c.i and c.i == tok.i + 1:
                idx.append(c.i)
    idx.sort()
    # keep the cue contiguous around the verb
    lo = hi = idx.index(tok.i)
    while lo > 0 and idx[lo - 1] == idx[lo] - 1:
        lo -= 1
    while hi + 1 < len(idx) and idx[hi + 1] == idx[hi] + 1:
        hi += 1
    return idx[lo : hi + 1]


ACCUSE_VERBS = frozenset("accuse blame charge suspect".split())


def _misparsed_clause(tok: Token) -> bool:
    """"The news site reported that …" parsed as a noun (the root) with a reduced relative clause: a
    reporting verb with a that-clause of its own and no agent is the sentence's verb, its noun the
    subject."""
    head = tok.head
    kids = {c.dep_ for c in tok.children}
    return (tok.dep_ == "acl" and head.dep_ == "ROOT" and head.pos_ in ("NOUN", "PROPN")
            and "ccomp" in kids and "agent" not in kids)


def _noun_range(tok: Token) -> tuple[int, int]:
    """A noun with its own modifiers, without clauses or phrases hung on it ("Citing X, the site")."""
    lo = min([c.left_edge.i for c in tok.lefts if c.dep_ not in ("advcl", "punct", "prep", "acl")] + [tok.i])
    return lo, tok.i + 1


def _subject(tok: Token) -> tuple[tuple[int, int] | None, bool]:
    """Source token range of a verb cue, and whether it was inherited from a head verb."""
    if _misparsed_clause(tok):
        return _noun_range(tok.head), False
    for c in tok.children:
        if c.dep_ == "agent":
            pobj = [g for g in c.children if g.dep_ == "pobj"]
            if pobj:
                return _subtree_range(pobj[0]), False
    subjects = [c for c in tok.children if c.dep_ in ("nsubj", "csubj")]
    if subjects:
        return _joined_subjects(subjects), False
    head, hops = tok, 0
    while head.dep_ in ("advcl", "xcomp", "conj", "acl", "acomp") and head.head.i != head.i and hops < 3:
        head, hops = head.head, hops + 1
        for c in head.children:
            if c.dep_ in ("nsubj", "csubj"):
                return _source_range(c), True
    # "responded by saying ...", "pivoted to arguing ..." (a gerund under a preposition),
    # "issued a statement saying ..." (a participle on the object): the governing verb's subject
    up = None
    if tok.dep_ == "pcomp" and tok.head.dep_ == "prep":
        up = tok.head.head
    elif tok.dep_ == "acl" and tok.tag_ == "VBG" and tok.head.dep_ in ("dobj", "dative"):
        up = tok.head.head
    if up is not None and up.pos_ in ("VERB", "AUX"):
        for c in up.children:
            if c.dep_ in ("nsubj", "csubj"):
                return _source_range(c), True
    return None, False


def _joined_subjects(subjects: list[Token]) -> tuple[int, int]:
    """One subject range from the first subject and those that run on from it.

    A verb has one subject; several adjacent ones are a name the parser split at its hyphens
    ("Hayat Tahrir al-Sham said": "Tahrir", "al" and "Sham" each a subject). Subjects that continue
    the first with nothing but hyphens or dashes between them are one phrase; a later subject
    elsewhere in the sentence is not joined.
    """
    start, end = _source_range(subjects[0])
    doc = subjects[0].doc
    for other in subjects[1:]:
        lo, hi = _source_range(other)
        if lo < start or any(not doc[i].is_punct or doc[i].text not in HYPHENS for i in range(end, lo)):
            break
        end = max(end, hi)
    return start, end


def _trimmed_range(tok: Token, cut: frozenset[str]) -> tuple[int, int]:
    """The subtree of ``tok`` up to its first trailing child of a ``cut`` relation, without end punctuation."""
    start, end = _subtree_range(tok)
    for c in tok.children:
        if c.dep_ in cut and c.i > tok.i:
            end = min(end, c.left_edge.i)
    while end > tok.i + 1 and tok.doc[end - 1].is_punct:
        end -= 1
    return start, max(end, tok.i + 1)


def _source_range(tok: Token) -> tuple[int, int]:
    """A subject phrase without trailing relative or participle clauses ("X, who said ...")."""
    if tok.dep_ == "csubj":
        return _subtree_range(tok)
    return _trimmed_range(tok, frozenset({"relcl", "acl", "advcl"}))


def _content_child(tok: Token, frame: str) -> Token | None:
    order = {
        "say": ("ccomp", "xcomp", "dobj"),
        "attitude": ("ccomp", "xcomp", "dobj", "acomp"),
        "evidence": ("ccomp", "dobj", "xcomp"),
        "tell": ("ccomp", "xcomp"),
        "ask": ("xcomp", "ccomp"),
        "cite": ("dobj",),
        "noun": ("acl", "ccomp", "relcl"),
    }.get(frame, ("ccomp", "xcomp", "dobj"))
    kids: dict[str, Token] = {}
    for c in tok.children:
        kids.setdefault(c.dep_, c)  # the first (nearest) of each relation
    for dep in order:
        if dep in kids:
            return kids[dep]
    for c in tok.children:
        if c.dep_ == "prep" and c.lower_ in ("about", "of", "on", "for", "against", "to", "over", "with"):
            # "reported on Friday": a time is when it was said, not what
            pobj = [g for g in c.children if g.dep_ in ("pobj", "pcomp") and g.ent_type_ not in ("DATE", "TIME")]
            if pobj and (frame in ("say", "attitude", "ask", "noun") or c.i == tok.i + 1):
                return pobj[0]
    return None


def _verb_frame(tok: Token, frame: str, doc: Doc) -> Frame | None:
    content_tok = _content_child(tok, frame)
    kids: dict[str, Token] = {}
    for c in tok.children:
        kids.setdefault(c.dep_, c)
    if frame == "tell" and content_tok is None and "dobj" in kids and kids["dobj"].pos_ == "NOUN":
        content_tok = kids["dobj"]  # "promised Damascus extra aid" (a person or outlet is the addressee)
    source, _inherited = _subject(tok)
    cue = _cue_tokens(tok, content_tok)
    f = Frame(cue=cue, lemma=tok.lemma_.lower(), frame=frame or "say", source=source)
    if frame in ("tell", "ask"):
        for c in tok.children:
            if c.dep_ in ("dative", "dobj") and (content_tok is None or c.i != content_tok.i):
                f.recipient = _subtree_range(c)
                break
    holes = [(min(cue), max(cue) + 1)] + ([source] if source else [])
    head = tok.head
    if frame == "cite" and head.pos_ in ("NOUN", "PROPN"):
        # "Citing X, the news site reported that …" with the report misparsed under its subject noun
        head = next((c for c in head.children if _misparsed_clause(c)), head)
        if head.i != tok.head.i:
            source = _noun_range(tok.head)
            f.source = source
    if (frame == "cite" and content_tok is not None and tok.dep_ in ("advcl", "conj", "xcomp") and head.i != tok.i
            and _speaker_like(content_tok)):
        # "X reported ..., citing Y": Y is the source, X passed it on
        cited = _name_range(content_tok)
        if frame_of(head.lemma_, head.pos_):
            f.cited_by = f.source
            inner = _content_child(head, frame_of(head.lemma_, head.pos_))
            rng = _subtree_range(inner) if inner is not None else (_trailing_report(head) or _subtree_range(head))
        else:
            rng = _subtree_range(head)
        f.source = cited
        holes = [_subtree_range(tok)] + ([f.cited_by] if f.cited_by else [])
        piece = _minus(doc, rng, holes + [(head.i, head.i + 1)] if f.cited_by else holes)
        f.content = _char_range(doc, *piece) if piece else None
        return f
    passive = [c for c in tok.children if c.dep_ == "nsubjpass"]
    if "agent" not in kids and content_tok is not None and (passive or "auxpass" in kids) and frame in ("say", "tell"):
        # "… but was told that the Brigades wanted …": the passive subject heard it; no teller is named
        f.source = None
    if passive and content_tok is not None and content_tok.dep_ == "xcomp" and "agent" not in kids:
        # "Assad is said to have fled": nobody named; the content is the raised clause
        f.source = None
        rng = (min(passive[0].left_edge.i, content_tok.left_edge.i), content_tok.right_edge.i + 1)
        f.content = _char_range(doc, *rng)
        return f
    if passive and content_tok is None and "agent" not in kids and passive[0].i < tok.i:
        # "The deal was widely criticized": the passive subject is what the (unnamed) source judged
        f.source = None
        f.content = _char_range(doc, *_subtree_range(passive[0]))
        return f
    trailing = _trailing_report(tok) if content_tok is None and head.i != tok.i else None
    if content_tok is not None:
        rng = _subtree_range(content_tok)
        if tok.lemma_.lower() in ACCUSE_VERBS and content_tok.dep_ == "dobj":
            # "accused the DLF of storing weapons": the accused and what they are accused of
            charge = next((c for c in [*tok.children, *content_tok.children]
                           if c.dep_ == "prep" and c.lower_ in ("of", "for")), None)
            if charge is not None:
                # and what the parser hangs on the verb after it ("... of storing weapons | in a school")
                tail = [c for c in tok.children if c.dep_ == "prep" and c.i > charge.i
                        and not any(g.ent_type_ in ("DATE", "TIME") for g in c.children)]
                end = max([charge.right_edge.i] + [c.right_edge.i for c in tail])
                rng = (min(rng[0], charge.left_edge.i), max(rng[1], end + 1))
        piece = _minus(doc, rng, holes) if rng[0] <= tok.i < rng[1] else rng
        f.content = _char_range(doc, *piece) if piece else None
    elif trailing is not None:
        f.content = _char_range(doc, *trailing)
    elif head.i != tok.i and _hangs_on_clause(tok):
        # quote-first or "..., as reported by X": the content is the clause this cue hangs on
        piece = _minus(doc, _subtree_range(head), holes + [_subtree_range(tok)])
        f.content = _char_range(doc, *piece) if piece else None
    else:
        f.content = _after_colon(tok, doc)
    return f


# what a "citing" phrase can cite as a source besides people and organisations: documents and data
DOCUMENT_HEADS = frozenset(
    """report reports study studies poll polls survey surveys document documents record records data
    statement statements analysis analyses figures estimate estimates letter memo filing filings
    article interview account accounts testimony research""".split()
)


def _speaker_like(tok: Token) -> bool:
    """Whether the object of "citing" is someone or something that speaks (a source): a name, a person
    or organisation, a pronoun, an official, an outlet, a document. "…, citing an official" reports
    what the official said; "…, citing the strategic importance of X" gives a reason, which is the
    content of the citing subject's statement."""
    if tok.pos_ == "PROPN" or tok.ent_type_ in ("PERSON", "ORG", "NORP", "GPE"):
        return True
    lemma = tok.lemma_.lower()
    return (tok.lower_ in PERSON_PRONOUNS or tok.lower_ in ("them", "they") or lemma in ANONYMOUS_HEADS
            or lemma in GOVERNMENT_WORDS or lemma in MEDIA_WORDS or lemma in TITLES or lemma in ORG_HEADS
            or lemma in UNSPECIFIED_HEADS or lemma in DOCUMENT_HEADS or tok.lower_ in DOCUMENT_HEADS)


def _name_range(tok: Token) -> tuple[int, int]:
    """The subtree of ``tok`` without a trailing relative clause or apposition."""
    return _trimmed_range(tok, frozenset({"relcl", "acl", "appos"}))


def _trailing_report(tok: Token) -> tuple[int, int] | None:
    """Tokens a sentence-final reporting clause reports: "X asked Y, and Z demanded W, the Najma Post
    reported on Friday, citing an official." The parser often hangs such a clause under the last
    verb before it; whatever it hangs on, a cue whose clause closes the sentence after a comma, with
    no complement of its own, reports everything before that comma."""
    sent = tok.sent
    lo, hi = tok.left_edge.i, tok.right_edge.i + 1
    while lo < tok.i and tok.doc[lo].is_punct:  # the comma may hang on the cue itself
        lo += 1
    while hi < sent.end and tok.doc[hi].is_punct:
        hi += 1
    if hi < sent.end or lo - 1 <= sent.start + 2 or tok.doc[lo - 1].text != ",":
        return None
    return sent.start, lo - 1


def _hangs_on_clause(tok: Token) -> bool:
    """Whether a cue without a complement reports the clause it is attached to."""
    if tok.dep_ == "parataxis":
        return True
    if tok.dep_ == "advcl":
        return any(c.dep_ == "mark" and c.lower_ == "as" for c in tok.children) or tok.i > tok.head.i
    if tok.dep_ in ("ccomp", "conj") and tok.i > tok.head.i:
        between = tok.doc[tok.head.i : tok.i]
        return any(t.text in (",", "\u201d", '"') for t in between)
    return False


def _after_colon(tok: Token, doc: Doc) -> tuple[int, int] | None:
    """'He said:' followed by the words after the colon, or by the next sentence."""
    sent = tok.sent
    for t in doc[tok.i + 1 : sent.end]:
        if t.text == ":":
            rest = _char_range(doc, t.i + 1, sent.end)
            if rest:
                return rest
            nxt = sent.end
            if nxt < len(doc):
                return _char_range(doc, nxt, doc[nxt].sent.end)
    return None


def _noun_frame(tok: Token, doc: Doc) -> Frame | None:
    source = None
    for c in tok.children:
        if c.dep_ == "poss" or (c.dep_ == "compound" and c.ent_type_ in ("PERSON", "ORG", "GPE", "NORP")):
            source = _subtree_range(c)
            break
        if c.dep_ == "prep" and c.lower_ in ("by", "from"):
            pobj = [g for g in c.children if g.dep_ == "pobj"]
            if pobj:
                source = _subtree_range(pobj[0])
                break
    content_tok = _content_child(tok, "noun")
    if source is None and content_tok is None:
        return None
    f = Frame(cue=[tok.i], lemma=tok.lemma_.lower(), frame="noun", source=source)
    if content_tok is not None:
        f.content = _char_range(doc, *_subtree_range(content_tok))
    return f


def _according_frame(tok: Token, doc: Doc) -> Frame | None:
    to = doc[tok.i + 1]
    pobj = [c for c in to.children if c.dep_ == "pobj"] + [c for c in tok.children if c.dep_ == "pobj"]
    if pobj:
        source = _subtree_range(pobj[0])
    else:
        end = tok.i + 2
        while end < tok.sent.end and not doc[end].is_punct:
            end += 1
        source = (tok.i + 2, end)
    if source[1] <= source[0]:
        return None  # "according to" with nobody named
    f = Frame(cue=[tok.i, tok.i + 1], lemma="according to", frame="according", source=source)
    sent = tok.sent
    phrase = (tok.i, max(source[1], tok.i + 2))
    # the clause the phrase belongs to: the sentence minus the phrase
    piece = _minus(doc, (sent.start, sent.end), [phrase])
    f.content = _char_range(doc, *piece) if piece else None
    return f


def _colon_frame(tok: Token, doc: Doc) -> Frame | None:
    src = colon_source(tok)
    if src is None:
        return None
    f = Frame(cue=[tok.i], lemma=":", frame="colon", source=src)
    f.content = _char_range(doc, tok.i + 1, tok.sent.end)
    return f


def frame_for(main: Token, doc: Doc) -> Frame | None:
    """The frame of the cue headed by ``main`` (None when it has neither source nor content)."""
    if main.lower_ == "according":
        return _according_frame(main, doc)
    if main.text == ":":
        return _colon_frame(main, doc)
    if main.pos_ == "NOUN":
        return _noun_frame(main, doc)
    return _verb_frame(main, frame_of(main.lemma_, main.pos_) or "say", doc)


def _trim_chars(text: str, a: int, b: int) -> tuple[int, int] | None:
    while a < b and text[a] in PUNCT_EDGE:
        a += 1
    while b > a and text[b - 1] in PUNCT_EDGE:
        b -= 1
    return (a, b) if b > a else None
