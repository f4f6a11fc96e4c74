"""Stance of evidence towards a claim (DESIGN §10 ``stance``): FEVER-Symmetric or FNC-1.

PATH is either

- a FEVER-Symmetric JSONL file (``claim``, ``evidence_sentence`` — or ``evidence`` /
  ``sentence1`` as in v0.2 — and ``gold_label`` SUPPORTS / REFUTES): ``link.stance``
  reads the evidence against the claim; it SUPPORTS when it says all the claim says
  without conflict, anything else counts as REFUTES (the set has only the two labels);
- a GLUE RTE TSV (``sentence1`` premise, ``sentence2`` hypothesis, ``label`` 0 =
  entailment / 1 = not_entailment): the same reading, supports = entailment;
- an FNC-1 stances CSV (``Headline``, ``Body ID``, ``Stance``) with its bodies CSV
  beside it (``*_stances.csv`` → ``*_bodies.csv``: ``Body ID``, ``articleBody``):
  the body sentences nearest the headline by embedding decide ``unrelated``
  (too far), then the judge on those sentences ``disagree`` / ``agree`` /
  ``discuss``.

Keys: ``accuracy``, ``macro_f1``; for FNC-1 also ``fnc_score``, the FNC-1 weighted
score over its maximum (0.25 for telling related from unrelated, 0.75 more for
the exact related class).

>>> evaluate(Path("../shared/data/stance/fever_symmetric/fever_symmetric_dev.jsonl"))  # doctest: +SKIP
{'accuracy': ..., 'macro_f1': ..., 'pairs': 708}
"""

from __future__ import annotations

import csv
import json
import logging
import re
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from wiretrail.evaluate import EvaluationError

log = logging.getLogger(__name__)

REFERENCES: dict[str, dict[str, float]] = {
    "BERT (FEVER-Symmetric, Schuster et al. 2019)": {"accuracy": 0.58},
    "RoBERTa-large (GLUE RTE dev)": {"accuracy": 0.866},
    "FNC-1 baseline (gradient boosting)": {"fnc_score": 0.7520},
    "FNC-1 winner (SOLAT in the SWEN)": {"fnc_score": 0.8202},
}
RTE_LABELS = {"0": "entailment", "1": "not_entailment", "entailment": "entailment", "not_entailment": "not_entailment"}
FNC_LABELS = ("agree", "disagree", "discuss", "unrelated")
FNC_RELATED = ("agree", "disagree", "discuss")
UNRELATED_COSINE = 0.35  # MiniLM cosine of the best body sentence below which a pair is unrelated
TOP_SENTENCES = 3
_SENT_END = re.compile(r"[.!?][\"”’']?(?:\s+(?=[\"“‘']?[A-Z0-9])|\s*\n+)|\n+")
_ABBREVIATION = re.compile(
    r"(?:\b[A-Z]|\b(?:Mr|Mrs|Ms|Dr|St|Gen|Sen|Rep|Gov|Lt|Col|Capt|Sgt|Jan|Feb|Aug|Sept|Oct|Nov|Dec|No|vs|Inc|Co|Corp|Jr|Sr))\.$"
)


def macro_f1(gold: Sequence[str], predicted: Sequence[str], labels: Sequence[str]) -> float:
    """Mean F1 over ``labels``.

    >>> round(macro_f1(["a", "b", "b"], ["a", "b", "a"], ["a", "b"]), 3)
    0.667
    """
    scores = []
    for label in labels:
        tp = sum(1 for g, p in zip(gold, predicted) if g == label and p == label)
        fp = sum(1 for g, p in zip(gold, predicted) if g != label and p == label)
        fn = sum(1 for g, p in zip(gold, predicted) if g == label and p != label)
        denom = 2 * tp + fp + fn
        scores.append(2 * tp / denom if denom else 0.0)
    return sum(scores) / len(scores) if scores else 0.0


def fnc_score(gold: Sequence[str], predicted: Sequence[str]) -> float:
    """FNC-1 weighted score relative to the best possible (0..1).

    >>> fnc_score(["agree", "unrelated"], ["discuss", "unrelated"])   # (0.25 + 0.25) / (1 + 0.25)
    0.4
    """
    score = best = 0.0
    for g, p in zip(gold, predicted):
        best += 1.0 if g in FNC_RELATED else 0.25
        if g == p:
            score += 0.25
            if g != "unrelated":
                score += 0.50
        if g in FNC_RELATED and p in FNC_RELATED:
            score += 0.25
    return score / best if best else 0.0


_PTB_WORDS = {"-LRB-": "(", "-RRB-": ")", "-LSB-": "[", "-RSB-": "]", "-LCB-": "{", "-RCB-": "}",
              "``": '"', "''": '"', "--": "–"}


def fever_text(text: str) -> str:
    """A FEVER sentence as it was written: the Wikipedia dump FEVER read from is split into Penn Treebank
    tokens ("-LRB- born 5 May 1981 -RRB-", "Paris , France", "Kutcher 's"), which the parser, trained on
    running text, reads worse than the sentence itself.

    >>> print(fever_text("Noël -LRB- born 5 May 1981 -RRB- is a `` singer '' , Kutcher 's friend in the 1970 's ."))
    Noël (born 5 May 1981) is a "singer", Kutcher's friend in the 1970's.
    """
    s = " ".join(_PTB_WORDS.get(w, w) for w in text.split())
    s = re.sub(r"([(\[{]) ", r"\1", s)
    s = re.sub(r" ('s|'re|'ve|'ll|'d|n't|')(?= |$)", r"\1", s)
    s = re.sub(r" ([)\]},.;:!?%])", r"\1", s)
    return re.sub(r'" (.*?) "', r'"\1"', s)


def read_fever(path: Path, limit: int | None = None) -> list[tuple[str, str, str]]:
    """(claim, evidence, gold label) rows of a FEVER-Symmetric JSONL file."""
    rows: list[tuple[str, str, str]] = []
    try:
        lines = Path(path).read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise EvaluationError(f"{path}: cannot read ({exc})") from exc
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            item = json.loads(line)
        except json.JSONDecodeError as exc:
            raise EvaluationError(f"{path}: line {number} is not JSON ({exc})") from exc
        evidence = item.get("evidence_sentence") or item.get("evidence") or item.get("sentence1")
        label = item.get("gold_label") or item.get("label")
        if not isinstance(item.get("claim"), str) or not isinstance(evidence, str) or label not in ("SUPPORTS", "REFUTES"):
            raise EvaluationError(f"{path}: line {number} lacks claim / evidence_sentence / gold_label SUPPORTS|REFUTES")
        rows.append((fever_text(item["claim"]), fever_text(evidence), label))
        if limit is not None and len(rows) >= limit:
            break
    if not rows:
        raise EvaluationError(f"{path}: no pairs")
    return rows


def bodies_path(stances: Path) -> Path:
    """The FNC-1 bodies file that goes with a stances file."""
    name = stances.name
    if "_stances" in name:
        return stances.with_name(name.replace("_stances", "_bodies"))
    return stances.with_name(name.replace("stances", "bodies"))


def read_fnc(path: Path, limit: int | None = None) -> tuple[list[tuple[str, str, str]], dict[str, str]]:
    """(headline, body id, stance) rows and body texts by id."""
    bodies_file = bodies_path(path)
    if not bodies_file.is_file():
        raise EvaluationError(f"{path}: no bodies file beside it (looked for {bodies_file.name})")
    bodies = {}
    for row in _csv_rows(bodies_file, ("Body ID", "articleBody")):
        bodies[row["Body ID"].strip()] = row["articleBody"]
    rows = []
    for row in _csv_rows(path, ("Headline", "Body ID", "Stance")):
        stance = row["Stance"].strip().lower()
        body = row["Body ID"].strip()
        if stance not in FNC_LABELS:
            raise EvaluationError(f"{path}: unknown stance {row['Stance']!r}")
        if body not in bodies:
            raise EvaluationError(f"{path}: Body ID {body} is not in {bodies_file.name}")
        rows.append((row["Headline"], body, stance))
        if limit is not None and len(rows) >= limit:
            break
    if not rows:
        raise EvaluationError(f"{path}: no pairs")
    return rows, bodies


def _csv_rows(path: Path, columns: Sequence[str]) -> list[dict[str, str]]:
    try:
        with path.open(encoding="utf-8-sig", newline="") as fh:
            reader = csv.DictReader(fh)
            missing = [c for c in columns if c not in (reader.fieldnames or [])]
            if missing:
                raise EvaluationError(f"{path}: missing columns {missing}")
            return list(reader)
    except (OSError, UnicodeDecodeError, csv.Error) as exc:
        raise EvaluationError(f"{path}: cannot read ({exc})") from exc


def body_sentences(text: str) -> list[str]:
    """Split an article body into sentences (light, no parse).

    >>> body_sentences("Rebels took Aleppo. Officials denied it.\\nMore later")
    ['Rebels took Aleppo.', 'Officials denied it.', 'More later']
    """
    out: list[str] = []
    start = 0
    for m in _SENT_END.finditer(text):
        end = m.start() + len(m.group(0).rstrip())
        piece = text[start:end]
        if m.group(0)[:1] == "." and "\n" not in m.group(0) and _ABBREVIATION.search(piece):
            continue
        out.append(piece)
        start = m.end()
    out.append(text[start:])
    return [s.strip() for s in out if len(s.strip()) > 2]


def _stances(pairs: Sequence[tuple[str, str]]) -> list:
    """``link.stance.read_stance`` of each (evidence, claim) pair, parsed in batches."""
    from wiretrail.link.stance import read_stance
    from wiretrail.nlp import load_nlp, parse_many

    nlp = load_nlp()
    texts = list(dict.fromkeys(t for pair in pairs for t in pair))
    docs = dict(zip(texts, parse_many(nlp, texts)))
    return [read_stance(docs[evidence], docs[claim]) for evidence, claim in pairs]


def _scores(gold: Sequence[str], predicted: Sequence[str], labels: Sequence[str]) -> dict[str, float]:
    accuracy = sum(1 for g, p in zip(gold, predicted) if g == p) / len(gold)
    return {"accuracy": accuracy, "macro_f1": macro_f1(gold, predicted, labels), "pairs": len(gold)}


def evaluate_fever(path: Path, limit: int | None = None) -> dict[str, float]:
    """FEVER has two labels: evidence that supports the claim, or not (REFUTES)."""
    rows = read_fever(path, limit)
    stances = _stances([(evidence, claim) for claim, evidence, _ in rows])
    predicted = ["SUPPORTS" if s.label == "supports" else "REFUTES" for s in stances]
    return _scores([label for _, _, label in rows], predicted, ("SUPPORTS", "REFUTES"))


def read_rte(path: Path, limit: int | None = None) -> list[tuple[str, str, str]]:
    """(premise, hypothesis, entailment | not_entailment) rows of a GLUE RTE TSV (``sentence1``,
    ``sentence2``, ``label``: 0 / 1 or the words)."""
    try:
        with Path(path).open(encoding="utf-8", newline="") as fh:
            reader = csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE)
            missing = [c for c in ("sentence1", "sentence2", "label") if c not in (reader.fieldnames or [])]
            if missing:
                raise EvaluationError(f"{path}: missing columns {missing} (expected GLUE RTE)")
            rows = []
            for number, row in enumerate(reader, start=2):
                label = RTE_LABELS.get((row["label"] or "").strip())
                if label is None:
                    raise EvaluationError(f"{path}: line {number}: label {row['label']!r} is not 0/1/entailment/not_entailment")
                rows.append((row["sentence1"], row["sentence2"], label))
                if limit is not None and len(rows) >= limit:
                    break
    except (OSError, UnicodeDecodeError, csv.Error) as exc:
        raise EvaluationError(f"{path}: cannot read ({exc})") from exc
    if not rows:
        raise EvaluationError(f"{path}: no pairs")
    return rows


def evaluate_rte(path: Path, limit: int | None = None) -> dict[str, float]:
    """Entailment: the premise supports the hypothesis, or not."""
    rows = read_rte(path, limit)
    stances = _stances([(premise, hypothesis) for premise, hypothesis, _ in rows])
    predicted = ["entailment" if s.label == "supports" else "not_entailment" for s in stances]
    return _scores([label for _, _, label in rows], predicted, ("entailment", "not_entailment"))


def evaluate_fnc(path: Path, limit: int | None = None) -> dict[str, float]:
    from wiretrail.link.judge import Judge

    rows, bodies = read_fnc(path, limit)
    judge = Judge.load()
    used = sorted({body for _, body, _ in rows})
    sentences = {body: body_sentences(bodies[body])[:60] or [bodies[body][:500]] for body in used}
    flat = [s for body in used for s in sentences[body]]
    headlines = sorted({h for h, _, _ in rows})
    vectors = judge.embedder.encode(flat + headlines)
    sent_vecs, head_vecs = vectors[: len(flat)], vectors[len(flat):]
    head_row = {h: i for i, h in enumerate(headlines)}
    offsets, pos = {}, 0
    for body in used:
        offsets[body] = (pos, pos + len(sentences[body]))
        pos += len(sentences[body])
    to_judge: list[tuple[str, str]] = []
    owners: list[int] = []
    predicted = ["unrelated"] * len(rows)
    for i, (headline, body, _) in enumerate(rows):
        start, end = offsets[body]
        sims = sent_vecs[start:end] @ head_vecs[head_row[headline]]
        if not len(sims) or float(sims.max()) < UNRELATED_COSINE:
            continue
        for j in np.argsort(-sims)[:TOP_SENTENCES]:
            to_judge.append((flat[start + int(j)], headline))
            owners.append(i)
    verdicts: dict[int, list] = {}
    for owner, judgement in zip(owners, judge.pairs(to_judge)):
        verdicts.setdefault(owner, []).append(judgement)
    for i, found in verdicts.items():
        if any(j.label == "contradicts" for j in found):
            predicted[i] = "disagree"
        elif any(j.label == "same" for j in found):
            predicted[i] = "agree"
        else:
            predicted[i] = "discuss"
    gold = [stance for _, _, stance in rows]
    accuracy = sum(1 for g, p in zip(gold, predicted) if g == p) / len(gold)
    return {
        "accuracy": accuracy,
        "macro_f1": macro_f1(gold, predicted, FNC_LABELS),
        "fnc_score": fnc_score(gold, predicted),
        "pairs": len(rows),
    }


def evaluate(path: Path, limit: int | None = None) -> dict[str, float]:
    """Score stance on a FEVER-Symmetric JSONL file or an FNC-1 stances CSV."""
    path = Path(path)
    if path.is_dir():
        found = sorted(path.glob("*_stances.csv")) or sorted(path.glob("*.jsonl")) or sorted(path.glob("*.tsv"))
        if not found:
            raise EvaluationError(f"{path}: no *_stances.csv, *.jsonl or *.tsv file in this folder")
        path = found[0]
    if path.suffix.lower() in (".jsonl", ".json"):
        return evaluate_fever(path, limit)
    if path.suffix.lower() == ".csv":
        return evaluate_fnc(path, limit)
    if path.suffix.lower() == ".tsv":
        return evaluate_rte(path, limit)
    raise EvaluationError(f"{path}: expected a FEVER-Symmetric .jsonl, an FNC-1 *_stances.csv or a GLUE RTE .tsv")
