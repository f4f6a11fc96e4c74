"""Candidate cues and the learned cue scorer.

Candidates come from the lexicon (``cues.py``), from any verb with a clausal
complement, from "according to" and from colons after a short name. Each is
described by sparse string features; a logistic-regression model trained on
PolNeAR *train* (``scripts/train_attribution.py``) scores them. Its weights ship as
``wiretrail/models/attribution_cues.json`` (about 1.5 MB); without that file
a lexicon-only score is used.

>>> CueScorer({"weights": {"frame=say": 2.0}, "bias": -1.0, "threshold": 0.5}).score(["frame=say"]) > 0.5
True
"""

from __future__ import annotations

import json
import logging
import math
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from spacy.tokens import Doc, Token

from wiretrail.extract.cues import NEVER_CUES, frame_of

log = logging.getLogger(__name__)

MODEL_FILE = "attribution_cues.json"
_NOUN_ARGS = frozenset(("ccomp", "acl", "poss"))
CONTENT_DEPS = ("ccomp", "xcomp", "dobj", "oprd", "acomp")


def is_candidate(tok: Token) -> bool:
    """Whether a token may head a cue (cheap test, before scoring)."""
    pos = tok.pos_
    if tok.lower_ == "according":
        nxt = tok.nbor(1) if tok.i + 1 < len(tok.doc) else None
        return nxt is not None and nxt.lower_ == "to"
    if pos in ("VERB", "AUX"):
        lemma = tok.lemma_.lower()
        if lemma in NEVER_CUES and not any(c.dep_ == "ccomp" for c in tok.children):
            return False
        # every verb: the learned scorer knows far more cue verbs than any lexicon
        return pos == "VERB" or bool(frame_of(lemma, "VERB"))
    if pos == "NOUN":
        return bool(frame_of(tok.lemma_, "NOUN")) or any(c.dep_ in _NOUN_ARGS for c in tok.children)
    if pos == "ADJ":
        return tok.dep_ == "acomp" and any(c.dep_ in ("prep", "xcomp", "ccomp") for c in tok.children)
    if tok.text == ":":
        return colon_source(tok) is not None
    return False


def colon_source(tok: Token) -> tuple[int, int] | None:
    """Token range of a short name before a colon at a sentence start ("Haaretz: ...")."""
    sent = tok.sent
    left = tok.i - sent.start
    if not 1 <= left <= 4 or tok.i + 2 >= sent.end:
        return None
    words = tok.doc[sent.start : tok.i]
    if any(t.pos_ in ("VERB", "AUX") for t in words) or not any(t.pos_ in ("PROPN", "NOUN", "PRON") for t in words):
        return None
    return (sent.start, tok.i)


def doc_first(tok: Token) -> str:
    """The first word of a complement ("that", "to", a quote mark, ...)."""
    return tok.left_edge.lower_


@dataclass(frozen=True)
class Sentences:
    """Each token's sentence (``start``, ``end``: token bounds, by token index) and the person,
    organisation and place labels of each sentence's entities (``ents``, by its first token)."""

    start: list[int]
    end: list[int]
    ents: dict[int, frozenset[str]]


def sentence_index(doc: Doc) -> Sentences:
    """The ``Sentences`` of a Doc, read once: ``Token.sent`` builds a Span, and ``Span.ents`` walks
    all the Doc's entities, on every call."""
    n = len(doc)
    start, end = [0] * n, [0] * n
    for s in doc.sents:
        start[s.start : s.end] = [s.start] * (s.end - s.start)
        end[s.start : s.end] = [s.end] * (s.end - s.start)
    labels: dict[int, set[str]] = {}
    for e in doc.ents:
        if e.label_ in ("PERSON", "ORG", "NORP", "GPE") and start[e.start] == start[e.end - 1]:
            labels.setdefault(start[e.start], set()).add(e.label_)
    return Sentences(start, end, {k: frozenset(v) for k, v in labels.items()})


def features(
    tok: Token, in_quote: bool, quote_near: bool = False, sents: Sentences | None = None
) -> list[str]:
    """Sparse features of one cue candidate (``sents``: ``sentence_index`` of its Doc, when at hand)."""
    lemma = tok.lemma_.lower()
    frame = frame_of(lemma, tok.pos_) or ("colon" if tok.text == ":" else "none")
    if tok.lower_ == "according":
        frame = "according"
    deps = sorted({c.dep_ for c in tok.children})
    feats = [
        "bias",
        f"lemma={lemma}",
        f"frame={frame}",
        f"pos={tok.pos_}",
        f"tag={tok.tag_}",
        f"dep={tok.dep_}",
        f"frame_dep={frame}|{tok.dep_}",
        f"lemma_tag={lemma}|{tok.tag_}",
        f"head_pos={tok.head.pos_}",
        f"head_lemma={tok.head.lemma_.lower()}" if tok.head.i != tok.i else "head=self",
        f"quote={in_quote}",
        f"quote_near={quote_near}",
        f"lemma_quote_near={lemma}|{quote_near}",
    ]
    feats += [f"child={d}" for d in deps]
    has_ccomp = "ccomp" in deps
    has_subj = any(d.startswith("nsubj") for d in deps)
    feats += [f"lemma_ccomp={lemma}|{has_ccomp}", f"lemma_subj={lemma}|{has_subj}", f"lemma_dep={lemma}|{tok.dep_}"]
    feats.append(f"head_dep={tok.head.dep_}")
    feats += [f"frame_child={frame}|{d}" for d in deps if d in CONTENT_DEPS or d.startswith("nsubj") or d in ("agent", "prep", "dative", "poss")]
    for c in tok.children:
        if c.dep_.startswith("nsubj"):
            feats.append(f"subj_ent={c.ent_type_ or c.pos_}")
            feats.append(f"subj={c.lower_}" if c.pos_ == "PRON" else f"subj_pos={c.pos_}")
            feats.append(f"subj_lemma={c.lemma_.lower()}")
            person = c.ent_type_ == "PERSON" or c.lower_ in ("he", "she", "i", "we", "they", "who")
            feats.append(f"lemma_subjperson={lemma}|{person}")
        elif c.dep_ == "prep":
            feats.append(f"prep={c.lower_}")
            feats.append(f"lemma_prep={lemma}|{c.lower_}")
        elif c.dep_ == "dobj":
            feats.append(f"dobj_ent={c.ent_type_ or c.pos_}")
        elif c.dep_ in ("ccomp", "xcomp"):
            feats.append(f"{c.dep_}_has_subj={any(g.dep_.startswith('nsubj') for g in c.children)}")
            feats.append(f"{c.dep_}_first={doc_first(c)}")
    feats += _context_features(tok, lemma, in_quote, sents)
    doc = tok.doc
    prev = doc[tok.i - 1].lower_ if tok.i > 0 else "<s>"
    nxt = doc[tok.i + 1].lower_ if tok.i + 1 < len(doc) else "</s>"
    prev2 = doc[tok.i - 2].lower_ if tok.i > 1 else "<s>"
    feats += [f"prev={prev}", f"next={nxt}", f"lemma_next={lemma}|{nxt}", f"prev2={prev2}|{prev}"]
    return feats


def _context_features(
    tok: Token, lemma: str, in_quote: bool, sents: Sentences | None = None
) -> list[str]:
    """Conjunctions of the lemma with its arguments and its place in the sentence."""
    head = tok.head
    feats = [
        f"lemma_head={lemma}|{head.lemma_.lower()}" if head.i != tok.i else f"lemma_head={lemma}|self",
        f"lemma_headdep={lemma}|{tok.dep_}|{head.dep_}",
        f"pos_dep_headpos={tok.pos_}|{tok.dep_}|{head.pos_}",
        f"lemma_quote={lemma}|{in_quote}",
    ]
    for c in tok.children:
        d = c.dep_
        if d.startswith("nsubj"):
            feats.append(f"lemma_subjent={lemma}|{c.ent_type_ or c.pos_}")
        elif d in ("dobj", "dative"):
            feats.append(f"lemma_{d}={lemma}|{c.ent_type_ or c.pos_}")
            feats.append(f"{d}_lemma={c.lemma_.lower()}")
        elif d == "prep":
            for g in c.children:
                if g.dep_ == "pobj":
                    feats.append(f"lemma_prep_pobj={lemma}|{c.lower_}|{g.ent_type_ or g.pos_}")
                    feats.append(f"prep_pobj={c.lower_}|{g.lemma_.lower()}")
        elif d in ("ccomp", "xcomp", "acl", "relcl"):
            feats.append(f"comp_lemma={d}|{c.lemma_.lower()}")
    if sents is None:
        sent = tok.sent
        s0, s1 = sent.start, sent.end
        ents = {e.label_ for e in sent.ents if e.label_ in ("PERSON", "ORG", "NORP", "GPE")}
    else:
        s0, s1 = sents.start[tok.i], sents.end[tok.i]
        ents = sents.ents.get(s0, frozenset())
    feats += [f"sent_ent={e}" for e in ents]
    feats.append(f"sent_pos={min(tok.i - s0, 12) // 4}|{min(s1 - tok.i, 12) // 4}")
    return feats


CLOSED_DEPS = ("advmod", "prep", "aux", "neg", "det", "prt", "mark", "auxpass")


def extension_keys(tok: Token, other: Token) -> tuple[str, str]:
    """Keys of the cue-extension table for ``other`` next to cue token ``tok``.

    ``other`` is a child of ``tok`` ("has said", "also said", "referring to") or its
    head ("continues to insist": *insist* is an xcomp of *continues*). The first key
    names the word for closed-class relations, the second is the back-off.
    (Tokens are compared by index: spaCy makes a new ``Token`` on every access, so ``is`` never holds.)
    """
    if other.i == tok.head.i != tok.i:
        side = "L" if other.i < tok.i else "R"
        key = f"{tok.pos_}|HEAD:{tok.dep_}|{side}|{other.pos_}"
        return key, key
    side = "L" if other.i < tok.i else "R"
    base = f"{tok.pos_}|{other.dep_}|{side}"
    word = other.lower_ if other.dep_ in CLOSED_DEPS else ""
    return f"{base}|{word}", f"{base}|"


def extend_cue(tok: Token, table: dict[str, float], limit: int = 6, stop: frozenset[int] = frozenset()) -> set[int]:
    """Token indices of the whole cue grown from ``tok`` by the learned extension table.

    ``stop``: tokens that are cues of their own ("said, citing X"); the cue grows into
    them only through an open complement ("refused to say").
    """
    cue = {tok.i}
    todo = [tok]
    while todo and len(cue) < limit:
        t = todo.pop()
        near = [c for c in t.children if abs(c.i - t.i) <= 4]
        if t.head.i != t.i and abs(t.head.i - t.i) <= 4:
            near.append(t.head)
        for o in near:
            if o.i in cue or o.is_punct or o.is_space:
                continue
            if o.i in stop and "xcomp" not in (o.dep_, t.dep_):
                continue
            key, backoff = extension_keys(t, o)
            rate = table.get(key, table.get(backoff, 0.0))
            if rate >= 0.5:
                cue.add(o.i)
                todo.append(o)
    return cue


class CueScorer:
    """Logistic regression over sparse string features (weights from a JSON dict)."""

    def __init__(self, model: dict) -> None:
        self.weights: dict[str, float] = model["weights"]
        self.bias: float = float(model.get("bias", 0.0))
        self.threshold: float = float(model.get("threshold", 0.5))
        self.extension: dict[str, float] = model.get("extension", {})

    def score(self, feats: list[str]) -> float:
        z = self.bias + sum(self.weights.get(f, 0.0) for f in feats)
        if z < -30:
            return 0.0
        return 1.0 / (1.0 + math.exp(-z))


class LexiconScorer:
    """Fallback without a trained model: lexicon frames only."""

    threshold = 0.5
    extension = {
        "VERB|aux|L|has": 1.0, "VERB|aux|L|have": 1.0, "VERB|auxpass|L|": 1.0,
        "VERB|neg|L|not": 1.0, "VERB|prt|R|": 1.0, "VERB|advmod|L|also": 1.0,
    }

    def score(self, feats: list[str]) -> float:
        frames = [f for f in feats if f.startswith("frame=")]
        frame = frames[0][6:] if frames else "none"
        strong = {"say": 0.8, "tell": 0.9, "according": 0.95, "cite": 0.8, "colon": 0.6}
        return strong.get(frame, 0.3)


@lru_cache(maxsize=1)
def load_scorer() -> CueScorer | LexiconScorer:
    """The shipped cue model, or the lexicon fallback when it is absent."""
    try:
        ref = resources.files("wiretrail").joinpath("models", MODEL_FILE)
        text = ref.read_text(encoding="utf-8")
    except (FileNotFoundError, OSError) as exc:
        log.warning("cue model %s not found (%s); using the lexicon only", MODEL_FILE, exc)
        return LexiconScorer()
    try:
        return CueScorer(json.loads(text))
    except (ValueError, KeyError) as exc:
        raise ValueError(f"{MODEL_FILE}: not a cue model ({exc})") from exc


def near_quote(mask: list[bool], i: int, window: int = 12) -> bool:
    """Whether a quotation lies within ``window`` tokens of token ``i``."""
    return any(mask[max(i - window, 0) : i + window + 1])


def quote_mask(doc: Doc, quotes) -> list[bool]:
    """For each token, whether it lies inside a quoted passage."""
    mask = [False] * len(doc)
    for q in quotes:
        if q.stray:
            continue  # an unmatched mark quotes nothing
        span = doc.char_span(q.start, q.end, alignment_mode="expand")
        if span is not None:
            for i in range(span.start, span.end):
                mask[i] = True
    return mask
