"""Named-entity recognition on CoNLL-2003 (DESIGN §10, task ``ner``): a sanity figure.

The file is CoNLL-2003 form: one ``token POS chunk tag`` line per token, blank
lines between sentences, ``-DOCSTART-`` lines between documents, tags in IOB1 or
IOB2 (``I-X`` after a different type or ``O`` starts an entity, as does ``B-X``).

Each sentence is rebuilt as text (tokens joined by single spaces) and parsed with
spaCy's NER; predicted entities are mapped onto the gold tokens they cover
(a leading "the" is dropped) and their labels onto CoNLL's four types:

=================================================  =====
spaCy label                                        CoNLL
=================================================  =====
PERSON                                             PER
ORG                                                ORG
GPE, LOC, FAC                                      LOC
NORP, EVENT, PRODUCT, WORK_OF_ART, LAW, LANGUAGE   MISC
DATE, TIME, PERCENT, MONEY, QUANTITY, ORDINAL,     (not an entity in CoNLL: dropped)
CARDINAL
=================================================  =====

Scores: exact-match entity F1 (same tokens, same type), over all types (``f1``,
micro) and per type (``f1_PER`` ...).

>>> evaluate(Path("../shared/data/ner/conll2003/eng.testa"), limit=200)   # doctest: +SKIP
{'f1': ..., 'f1_PER': ..., 'f1_ORG': ..., 'f1_LOC': ..., 'f1_MISC': ...}
"""

from __future__ import annotations

import logging
from collections import Counter
from pathlib import Path

from wiretrail.evaluate import EvaluationError

log = logging.getLogger(__name__)

REFERENCES: dict[str, dict[str, float]] = {
    "best published systems (CoNLL-2003)": {"f1": 0.94},
    "en_core_web_sm 3.8 (OntoNotes labels, not trained on CoNLL)": {},
}

LABEL_MAP = {
    "PERSON": "PER", "ORG": "ORG", "GPE": "LOC", "LOC": "LOC", "FAC": "LOC",
    "NORP": "MISC", "EVENT": "MISC", "PRODUCT": "MISC", "WORK_OF_ART": "MISC", "LAW": "MISC",
    "LANGUAGE": "MISC",
}
TYPES = ("PER", "ORG", "LOC", "MISC")

Entity = tuple[int, int, str]  # first token, last token + 1, type


def read_conll(path: Path, limit: int | None = None) -> list[tuple[list[str], set[Entity]]]:
    """Sentences as (tokens, gold entities) from a CoNLL-2003 file."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise EvaluationError(f"{path}: not readable: {exc}") from exc
    sentences: list[tuple[list[str], set[Entity]]] = []
    tokens: list[str] = []
    tags: list[str] = []

    def flush() -> None:
        if tokens:
            sentences.append((list(tokens), spans_from_tags(tags)))
        tokens.clear()
        tags.clear()

    for number, line in enumerate(lines, 1):
        if not line.strip():
            flush()
            continue
        parts = line.split()
        if parts[0] == "-DOCSTART-":
            flush()
            continue
        if len(parts) < 2 or not (parts[-1] == "O" or parts[-1][:2] in {"B-", "I-"}):
            raise EvaluationError(f"{path}:{number}: expected 'token ... IOB-tag', got {line!r}")
        tokens.append(parts[0])
        tags.append(parts[-1])
        if limit is not None and len(sentences) >= limit:
            break
    flush()
    if not sentences:
        raise EvaluationError(f"{path}: no sentences found")
    return sentences[:limit] if limit is not None else sentences


def spans_from_tags(tags: list[str]) -> set[Entity]:
    """Entity spans from IOB1 or IOB2 tags.

    >>> sorted(spans_from_tags(["I-PER", "I-PER", "O", "I-LOC", "B-LOC"]))
    [(0, 2, 'PER'), (3, 4, 'LOC'), (4, 5, 'LOC')]
    """
    out: set[Entity] = set()
    start, kind = None, ""
    for i, tag in enumerate([*tags, "O"]):
        prefix, _, label = tag.partition("-")
        begins = prefix == "B" or (prefix == "I" and label != kind)
        if start is not None and (tag == "O" or begins):
            out.add((start, i, kind))
            start, kind = None, ""
        if tag != "O" and (begins or start is None):
            start, kind = i, label
    return out


def predict(nlp, sentences: list[list[str]]) -> list[set[Entity]]:
    """spaCy's entities for each sentence, as token spans with CoNLL types."""
    out: list[set[Entity]] = []
    texts, offsets = [], []
    for tokens in sentences:
        starts, pos = [], 0
        for tok in tokens:
            starts.append(pos)
            pos += len(tok) + 1
        texts.append(" ".join(tokens))
        offsets.append(starts)
    for doc, tokens, starts in zip(nlp.pipe(texts, batch_size=256), sentences, offsets):
        found: set[Entity] = set()
        for ent in doc.ents:
            kind = LABEL_MAP.get(ent.label_)
            if kind is None:
                continue
            start_char = ent.start_char
            if ent[0].lower_ == "the" and len(ent) > 1:
                start_char = ent[1].idx
            covered = [i for i, s in enumerate(starts)
                       if s < ent.end_char and start_char < s + len(tokens[i])]
            if covered:
                found.add((covered[0], covered[-1] + 1, kind))
        out.append(found)
    return out


def score(gold: list[set[Entity]], predicted: list[set[Entity]]) -> dict[str, float]:
    """Micro F1 over all types, and F1 per type."""
    tp, fp, fn = Counter(), Counter(), Counter()
    for g, p in zip(gold, predicted):
        for e in p & g:
            tp[e[2]] += 1
        for e in p - g:
            fp[e[2]] += 1
        for e in g - p:
            fn[e[2]] += 1

    def f1(t: int, f_p: int, f_n: int) -> float:
        return 2 * t / (2 * t + f_p + f_n) if t else 0.0

    result = {"f1": f1(sum(tp.values()), sum(fp.values()), sum(fn.values()))}
    for kind in TYPES:
        result[f"f1_{kind}"] = f1(tp[kind], fp[kind], fn[kind])
    return result


def evaluate(path: Path, limit: int | None = None) -> dict[str, float]:
    """NER F1 of the spaCy pipeline on a CoNLL-2003 file (``limit``: first N sentences)."""
    from wiretrail.nlp import load_nlp

    sentences = read_conll(Path(path), limit)
    nlp = load_nlp(disable=("parser", "lemmatizer"))
    predicted = predict(nlp, [tokens for tokens, _ in sentences])
    return score([gold for _, gold in sentences], predicted)
