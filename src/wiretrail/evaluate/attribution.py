"""Scoring attribution extraction on PolNeAR (source, cue and content spans).

The data: a split folder with ``text/NAME.txt`` and ``attributions/NAME_<annotator>.ann``
(BRAT standoff; ``T`` lines typed ``Source``, ``Cue`` or ``Content``, possibly
discontinuous ``a b;c d``: a span is the union of its fragments). Where a document
has several annotation files (PolNeAR's agreement documents, five annotators), the
first by name is used, as one reference per document. Other span types
(``Attribution``, ``Discard``, ...) are ignored. Gold and predicted spans are
scored per role, independently of which attribution they belong to (span-level
scoring as in PARC/PolNeAR evaluations, not linked triples).

Spans are compared per role as sets of *word tokens* of the whole text (``\\w+`` runs
and single symbols other than punctuation, identified by their start offset). A
token belongs to a span when it overlaps one of its fragments, so a fragment that
starts or ends inside a word (an annotator slip, ~0.15 % of PolNeAR train fragments)
takes the whole word; leading/trailing punctuation, quote marks and whitespace never
matter. A complementizer ("that") or a time adverb counts like any other word.

- **exact F1**: a predicted span is correct when its token set equals that of a
  gold span of the same role (each gold span matched at most once);
  precision = correct / predicted, recall = correct / gold.
- **token-overlap F1** (per-span overlap credit, as in PARC/Citron evaluations):
  precision = mean over predicted spans of ``max_g |p ∩ g| / |p|`` over gold spans
  ``g`` of that role; recall = mean over gold spans of ``max_p |p ∩ g| / |g|``;
  F1 = their harmonic mean; sums are pooled over all documents (micro average).

Predicted spans are de-duplicated per role (PolNeAR is univocal: a source shared
by two cues is annotated once). Our content spans are contiguous character ranges;
the tokens of the same attribution's own source and cue are taken out of its
content (a split quotation '“A,” he said, “B.”' is annotated in PolNeAR as two
content fragments around "he said").

>>> sorted(_tokens("He said, “no.”", [(0, 14)]))
[0, 3, 10]
>>> round(_overlap_f1([frozenset({1, 2})], [frozenset({1, 2, 3, 4})]), 3)
0.667
"""

from __future__ import annotations

import logging
import re
from bisect import bisect_right
from functools import lru_cache
from pathlib import Path

from wiretrail.evaluate import EvaluationError

log = logging.getLogger(__name__)

REFERENCES: dict[str, dict[str, float]] = {
    "Citron (PARC3 test)": {
        "cue_exact_f1": 0.823,
        "source_exact_f1": 0.820,
        "content_exact_f1": 0.593,
        "content_overlap_f1": 0.833,
    },
    "naive rule, ~30 verbs (held-back)": {
        "cue_overlap_f1": 0.39,
        "source_overlap_f1": 0.58,
        "content_overlap_f1": 0.62,
    },
}

ROLES = ("cue", "source", "content")
KEYS = tuple(f"{r}_{m}_f1" for m in ("exact", "overlap") for r in ROLES)
_TEXT_BOUND = re.compile(r"T\d+\t\S+ \d")
_WORD = re.compile(r"\w+|[^\w\s]")
_PUNCT = set(".,;:!?\"'“”‘’()[]{}«»—–-…")


@lru_cache(maxsize=4)
def _word_index(text: str) -> tuple[list[int], list[int]]:
    """Starts and ends of the word tokens of a whole text (punctuation left out)."""
    starts, ends = [], []
    for m in _WORD.finditer(text):
        if m.group() not in _PUNCT:
            starts.append(m.start())
            ends.append(m.end())
    return starts, ends


def _tokens(text: str, pieces: list[tuple[int, int]]) -> frozenset[int]:
    """Start offsets of the word tokens of ``text`` that overlap the character ranges ``pieces``
    (a range starting or ending inside a word takes the whole word)."""
    starts, ends = _word_index(text)
    out = set()
    for a, b in pieces:
        i = bisect_right(ends, a)  # first token ending after a
        while i < len(starts) and starts[i] < b:
            out.add(starts[i])
            i += 1
    return frozenset(out)


def read_ann(path: Path, text: str) -> dict[str, list[frozenset[int]]]:
    """Gold spans per role from one BRAT ``.ann`` file."""
    spans: dict[str, list[frozenset[int]]] = {r: [] for r in ROLES}
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not _TEXT_BOUND.match(line):
            continue  # relations, notes, and continuation lines of multi-line span texts
        parts = line.split("\t")
        label, _, offsets = parts[1].partition(" ")
        role = label.lower()
        if role not in spans:
            continue
        try:
            pieces = [tuple(int(x) for x in p.split()) for p in offsets.split(";")]
        except ValueError as exc:
            raise EvaluationError(f"{path}: line {n}: bad offsets {offsets!r}") from exc
        if any(len(p) != 2 or p[1] > len(text) for p in pieces):
            raise EvaluationError(f"{path}: line {n}: offsets {offsets!r} outside the text")
        toks = _tokens(text, pieces)  # type: ignore[arg-type]
        if toks:
            spans[role].append(toks)
    return spans


def predict(text: str, nlp) -> dict[str, list[frozenset[int]]]:
    """Our spans per role for one text."""
    from wiretrail.nlp import parse

    return predict_doc(parse(nlp, text), text)


def predict_doc(doc, text: str) -> dict[str, list[frozenset[int]]]:
    """Our spans per role for one parsed text (``doc.text == text``).

    A content span is contiguous in our records; where it runs over its own
    attribution's source or cue (a split quotation, '“A,” he said, “B.”') those
    tokens are taken out of the content, as PolNeAR annotates such a content as
    discontinuous fragments around them (univocal: one role per token).
    """
    from wiretrail.extract.attribution import extract_attributions

    found: dict[str, set[frozenset[int]]] = {r: set() for r in ROLES}
    for a in extract_attributions(doc, "eval"):
        cue = _tokens(text, [(a.cue_span.start, a.cue_span.end)])
        found["cue"].add(cue)
        source: frozenset[int] = frozenset()
        if a.source.span is not None and a.source.text:
            source = _tokens(text, [(a.source.span.start, a.source.span.end)])
            found["source"].add(source)
        if a.content_span.length:
            found["content"].add(_tokens(text, [(a.content_span.start, a.content_span.end)]) - cue - source)
    return {r: [s for s in found[r] if s] for r in ROLES}


def _exact_counts(pred: list[frozenset[int]], gold: list[frozenset[int]]) -> int:
    remaining = list(gold)
    hits = 0
    for p in pred:
        if p in remaining:
            remaining.remove(p)
            hits += 1
    return hits


def _overlap_sums(pred: list[frozenset[int]], gold: list[frozenset[int]]) -> tuple[float, float]:
    p_sum = sum(max((len(p & g) / len(p) for g in gold), default=0.0) for p in pred)
    r_sum = sum(max((len(p & g) / len(g) for p in pred), default=0.0) for g in gold)
    return p_sum, r_sum


def _f1(p: float, r: float) -> float:
    return 0.0 if p + r == 0 else 2 * p * r / (p + r)


def _overlap_f1(pred: list[frozenset[int]], gold: list[frozenset[int]]) -> float:
    p_sum, r_sum = _overlap_sums(pred, gold)
    return _f1(p_sum / len(pred) if pred else 0.0, r_sum / len(gold) if gold else 0.0)


def pairs(path: Path) -> list[tuple[Path, Path]]:
    """(text file, annotation file) pairs of a PolNeAR split folder."""
    text_dir, ann_dir = path / "text", path / "attributions"
    if not text_dir.is_dir() or not ann_dir.is_dir():
        raise EvaluationError(f"{path}: expected sub-folders text/ and attributions/ (a PolNeAR split)")
    anns = sorted(ann_dir.glob("*.ann"))
    out = []
    for txt in sorted(text_dir.glob("*.txt")):
        mine = [a for a in anns if a.stem.rsplit("_", 1)[0] == txt.stem or a.stem == txt.stem]
        if mine:
            out.append((txt, mine[0]))
    if not out:
        raise EvaluationError(f"{path}: no text/*.txt with a matching attributions/*.ann")
    return out


def new_counts() -> dict[str, dict[str, float]]:
    """Empty per-role tallies for ``add_counts`` / ``scores``."""
    return {r: {"pred": 0, "gold": 0, "hit": 0, "p_sum": 0.0, "r_sum": 0.0} for r in ROLES}


def add_counts(
    counts: dict[str, dict[str, float]], pred: dict[str, list[frozenset[int]]], gold: dict[str, list[frozenset[int]]]
) -> None:
    """Add one document's predicted and gold spans to the tallies."""
    for r in ROLES:
        c = counts[r]
        c["pred"] += len(pred[r])
        c["gold"] += len(gold[r])
        c["hit"] += _exact_counts(pred[r], gold[r])
        p_sum, r_sum = _overlap_sums(pred[r], gold[r])
        c["p_sum"] += p_sum
        c["r_sum"] += r_sum


def scores(counts: dict[str, dict[str, float]]) -> dict[str, float]:
    """F1 per role and metric (the ``KEYS``, first), then precision and recall of each.

    >>> c = new_counts(); c["cue"].update(pred=4, gold=5, hit=2, p_sum=3.0, r_sum=4.0)
    >>> s = scores(c); s["cue_exact_precision"], s["cue_exact_recall"], s["cue_overlap_precision"]
    (0.5, 0.4, 0.75)
    """
    pr: dict[str, tuple[float, float]] = {}
    for r in ROLES:
        c = counts[r]
        for metric, (num_p, num_r) in (("exact", ("hit", "hit")), ("overlap", ("p_sum", "r_sum"))):
            pr[f"{r}_{metric}"] = (
                c[num_p] / c["pred"] if c["pred"] else 0.0,
                c[num_r] / c["gold"] if c["gold"] else 0.0,
            )
    out = {k: round(_f1(*pr[k[: -len("_f1")]]), 4) for k in KEYS}
    for m in ("exact", "overlap"):
        for r in ROLES:
            p, q = pr[f"{r}_{m}"]
            out[f"{r}_{m}_precision"] = round(p, 4)
            out[f"{r}_{m}_recall"] = round(q, 4)
    return out


def evaluate(path: Path, limit: int | None = None) -> dict[str, float]:
    """Exact and token-overlap F1 per role on a PolNeAR split folder, then precision and recall.

    >>> evaluate(Path("../shared/data/attribution/polnear/dev"), limit=5)  # doctest: +SKIP
    {'cue_exact_f1': ..., ..., 'content_overlap_f1': ..., 'cue_exact_precision': ..., ...}
    """
    from wiretrail.nlp import load_nlp

    nlp = load_nlp()
    docs = pairs(Path(path))[: limit or None]
    counts = new_counts()
    for txt, ann in docs:
        try:
            text = txt.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise EvaluationError(f"{txt}: cannot read ({exc})") from exc
        add_counts(counts, predict(text, nlp), read_ann(ann, text))
    log.info("attribution: %d documents scored from %s", len(docs), path)
    return scores(counts)
