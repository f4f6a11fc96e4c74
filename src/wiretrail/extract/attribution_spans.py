"""Learned choice of where an attribution's content ends.

The parse gives a content as a subtree, and subtrees run long: a trailing
relative clause or apposition ("praised Franklin Graham, who has vowed ..."), a
participle carrying another attribution (", saying ..."), a closing "as X did".
PolNeAR annotates the content without them. For each content the candidate ends
are the rule's own end, every earlier boundary inside it (a comma, dash, colon,
semicolon or parenthesis, or the left edge of a subtree attached to the left of
it) and, for a content after its cue, the end of the sentence; a logistic regression trained on PolNeAR *train*
(``scripts/train_attribution_spans.py``) scores each, and the best one is kept.
Its weights ship as ``wiretrail/models/attribution_spans.json``; without that
file the rule's end stands.

>>> _size(1), _size(6), _size(40)
('1', '4', '32')
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from spacy.tokens import Doc

from wiretrail.extract.attribution_features import CueScorer

log = logging.getLogger(__name__)

MODEL_FILE = "attribution_spans.json"
BREAKS = frozenset({",", ";", ":", "\u2014", "\u2013", "-", "--", "("})


@dataclass(frozen=True)
class EndCandidate:
    """One place a content could end: token index ``end`` (exclusive) and its features."""

    end: int
    feats: tuple[str, ...]


def _size(n: int) -> str:
    """A coarse size bucket (powers of two)."""
    b = 1
    while b * 2 <= n:
        b *= 2
    return str(b)


def _cut_root(doc: Doc, p: int, start: int) -> str:
    """The relation of the largest subtree starting at token ``p`` whose head lies before it."""
    tok = doc[p]
    while tok.head.i != tok.i and tok.head.i >= p and tok.head.left_edge.i == p:
        tok = tok.head
    if start <= tok.head.i < p:
        return tok.dep_
    return "other"


def end_candidates(
    doc: Doc, start: int, end: int, frame: str, cue: list[int], mask: list[bool], cues: frozenset[int]
) -> list[EndCandidate]:
    """Candidate ends of the content token range ``[start, end)`` of a cue (token indices ``cue``).

    ``mask``: whether each token is quoted; ``cues``: tokens of the Doc's accepted cues.
    """
    sent_end = doc[start].sent.end
    while sent_end > end and (doc[sent_end - 1].is_punct or doc[sent_end - 1].is_space):
        sent_end -= 1
    after = cue[-1] < start
    common = (f"frame={frame}", f"after_cue={after}", f"quoted_start={mask[start]}")
    out = [EndCandidate(end, common + ("cut=none", f"none_len={_size(end - start)}",
                                       f"none_sent_end={end >= sent_end}"))]
    # cue_from[k]: whether an accepted cue lies in [start + k, end);
    # word_from[k]: whether a word (not punctuation) lies there (a cut dropping only
    # punctuation, such as a closing quotation mark, is the rule's end again)
    cue_from = [False] * (end - start + 1)
    word_from = [False] * (end - start + 1)
    for p in range(end - 1, start - 1, -1):
        cue_from[p - start] = cue_from[p - start + 1] or p in cues
        word_from[p - start] = word_from[p - start + 1] or not (doc[p].is_punct or doc[p].is_space)
    for p in range(start + 1, end):
        tok = doc[p]
        if tok.is_space or not word_from[p - start]:
            continue
        rel = _cut_root(doc, p, start)
        is_break = tok.text in BREAKS
        if not is_break and rel in ("other", "punct"):
            continue
        nxt = doc[p + 1] if is_break and p + 1 < end else tok
        nrel = _cut_root(doc, nxt.i, start) if nxt is not tok else rel
        dropped = cue_from[p - start]
        feats = common + (
            f"cut={tok.text if is_break else 'word'}|{nrel}",
            f"cut_rel={nrel}",
            f"cut_pos={nxt.pos_}|{nxt.tag_}",
            f"cut_word={nxt.lower_}" if nxt.is_stop else f"cut_word={nxt.pos_}",
            f"keep={_size(p - start)}",
            f"drop={_size(end - p)}",
            f"drops_cue={dropped}|{nrel}",
            f"in_quote={mask[p - 1]}|{mask[min(p + 1, len(doc) - 1)]}",
            f"frame_rel={frame}|{nrel}",
        )
        out.append(EndCandidate(p, feats))
    if after and sent_end > end:  # never across the cue itself
        dropped = any(i in cues for i in range(end, sent_end))
        out.append(EndCandidate(sent_end, common + ("cut=extend", f"extend_len={_size(sent_end - end)}",
                                                    f"extend_cue={dropped}", f"extend_first={doc[end].lower_ if doc[end].is_stop else doc[end].pos_}")))
    return out


def best_end(cands: list[EndCandidate], scorer: CueScorer) -> int:
    """The end of the best-scoring candidate (the first, the rule's, on ties)."""
    best = max(range(len(cands)), key=lambda k: (scorer.score(list(cands[k].feats)), -k))
    return cands[best].end


@lru_cache(maxsize=1)
def load_span_scorer() -> CueScorer | None:
    """The shipped content-end model, or None when it is absent (the rule's ends stand)."""
    try:
        text = resources.files("wiretrail").joinpath("models", MODEL_FILE).read_text(encoding="utf-8")
    except (FileNotFoundError, OSError) as exc:
        log.warning("content-end model %s not found (%s); rule ends only", MODEL_FILE, exc)
        return None
    try:
        return CueScorer(json.loads(text))
    except (ValueError, KeyError) as exc:
        raise ValueError(f"{MODEL_FILE}: not a span model ({exc})") from exc
