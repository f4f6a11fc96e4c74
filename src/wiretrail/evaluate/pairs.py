"""Same-claim pairs in MRPC form (DESIGN §10 ``pairs``), and pairs built from ECB+.

PATH is a tab-separated file with the header
``Quality  #1 ID  #2 ID  #1 String  #2 String`` (1 = same meaning), as the MSR
paraphrase corpus ships. Every pair goes through ``Judge.pairs``; a pair counts as
predicted "same" when the judge labels it ``same``. Keys: ``f1`` (of the
"same" class), ``accuracy``; also ``precision``, ``recall``, ``pairs``, and
``all_same_f1`` (the F1 of answering "same" for every pair, the floor to beat).

``ecb_pairs`` builds sentence pairs from ECB+ (same cross-document event =
same, same topic otherwise = not), which is how the training script gets its
data and how tests build a small MRPC-form file.

>>> evaluate(Path("/tmp/ecb_dev_pairs.tsv"))                 # doctest: +SKIP
{'f1': ..., 'accuracy': ..., ...}
"""

from __future__ import annotations

import csv
import logging
import random
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from wiretrail.evaluate import EvaluationError

log = logging.getLogger(__name__)

REFERENCES: dict[str, dict[str, float]] = {
    # MRPC test figures (GLUE); they are on MRPC itself, not on our ECB+-derived pairs
    "MiniLM cosine, tuned threshold (MRPC)": {"f1": 0.81},
    "all pairs 'same' (MRPC)": {"f1": 0.81, "accuracy": 0.66},
    "BERT-base (MRPC)": {"f1": 0.889, "accuracy": 0.848},
}
HEADER = ("Quality", "#1 ID", "#2 ID", "#1 String", "#2 String")


@dataclass(frozen=True)
class LabelledPair:
    label: int  # 1 same, 0 not
    id_a: str
    id_b: str
    a: str
    b: str
    group: str = ""  # topic, for grouped splits


def read_mrpc(path: Path, limit: int | None = None) -> list[LabelledPair]:
    """Read an MRPC-form file; raises EvaluationError naming the file and the reason."""
    try:
        raw = Path(path).read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise EvaluationError(f"{path}: cannot read ({exc})") from exc
    lines = raw.splitlines()
    if not lines:
        raise EvaluationError(f"{path}: empty file")
    header = [h.strip() for h in lines[0].split("\t")]
    if [h.lower() for h in header[:5]] != [h.lower() for h in HEADER]:
        raise EvaluationError(f"{path}: header is {header[:5]}, expected {list(HEADER)}")
    out: list[LabelledPair] = []
    # MRPC strings contain quotes; the file is not CSV-quoted, so split on tabs only
    for number, line in enumerate(lines[1:], start=2):
        if not line.strip():
            continue
        cells = line.split("\t")
        if len(cells) < 5 or cells[0].strip() not in ("0", "1"):
            raise EvaluationError(f"{path}: line {number} is not 'Quality<TAB>id<TAB>id<TAB>text<TAB>text'")
        out.append(LabelledPair(int(cells[0]), cells[1], cells[2], cells[3], cells[4]))
        if limit is not None and len(out) >= limit:
            break
    if not out:
        raise EvaluationError(f"{path}: no pairs")
    return out


def write_mrpc(pairs: Iterable[LabelledPair], path: Path) -> int:
    """Write pairs in MRPC form; returns how many were written."""
    count = 0
    with Path(path).open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh, delimiter="\t", quoting=csv.QUOTE_NONE, escapechar="\\", lineterminator="\n")
        writer.writerow(HEADER)
        for p in pairs:
            writer.writerow([p.label, p.id_a, p.id_b, _clean(p.a), _clean(p.b)])
            count += 1
    return count


def _clean(text: str) -> str:
    return " ".join(text.replace("\t", " ").split())


def binary_scores(gold: Sequence[int], predicted: Sequence[int]) -> dict[str, float]:
    """F1 / precision / recall of class 1, and accuracy.

    >>> binary_scores([1, 1, 0, 0], [1, 0, 0, 1])["f1"]
    0.5
    """
    tp = sum(1 for g, p in zip(gold, predicted) if g == 1 and p == 1)
    fp = sum(1 for g, p in zip(gold, predicted) if g == 0 and p == 1)
    fn = sum(1 for g, p in zip(gold, predicted) if g == 1 and p == 0)
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    accuracy = sum(1 for g, p in zip(gold, predicted) if g == p) / len(gold) if gold else 0.0
    return {"f1": f1, "precision": precision, "recall": recall, "accuracy": accuracy}


def evaluate(path: Path, limit: int | None = None) -> dict[str, float]:
    """Score the pair judge on an MRPC-form file (keys ``f1``, ``accuracy``, ...)."""
    from wiretrail.link.judge import Judge

    pairs = read_mrpc(path, limit=limit)
    judge = Judge.load()
    judgements = judge.pairs([(p.a, p.b) for p in pairs])
    gold = [p.label for p in pairs]
    predicted = [1 if j.label == "same" else 0 for j in judgements]
    scores = binary_scores(gold, predicted)
    scores["all_same_f1"] = binary_scores(gold, [1] * len(gold))["f1"]
    scores["pairs"] = len(pairs)
    return scores


EcbSentence = tuple[str, str, str, frozenset[str], frozenset[str]]


def ecb_sentences(folder: Path, topics: Iterable[str]) -> dict[str, list[EcbSentence]]:
    """Per topic: (doc name, sentence id, text, event instances, participant instances)."""
    from wiretrail.evaluate.stories import iter_documents

    out: dict[str, list[EcbSentence]] = {}
    for doc in iter_documents(folder, topics):
        for number, acts in sorted(doc.actions.items()):
            text = doc.sentences.get(number, "")
            if acts and 6 <= len(text.split()) <= 60:
                parts = doc.participants.get(number, frozenset())
                out.setdefault(doc.topic, []).append((doc.name, f"{doc.name}:{number}", text, acts, parts))
    return out


def ecb_pairs(
    folder: Path,
    topics: Iterable[str],
    max_positive_per_topic: int = 250,
    negative_ratio: float = 1.0,
    seed: int = 13,
) -> list[LabelledPair]:
    """Sentence pairs from ECB+ topics: 1 when both tell of one event with one participant.

    A pair is "same" (1) when the two sentences mention one cross-document event
    instance *and* one cross-document participant (person, place, time, thing);
    "not same" (0) when they share no event; pairs sharing an event but no
    participant are left out as unclear. Negatives come from the same topic (half from the same sub-topic where
    possible, half from the other one), so they share vocabulary and kind of event:
    "Tara Reid checked into rehab" vs "Lindsay Lohan checked into rehab".
    Pairs are within a topic and across documents only; the draw is seeded.
    """
    rng = random.Random(seed)
    out: list[LabelledPair] = []
    for topic, sents in sorted(ecb_sentences(folder, topics).items(), key=lambda kv: int(kv[0])):
        positives, near, far = [], [], []
        for i in range(len(sents)):
            for j in range(i + 1, len(sents)):
                a, b = sents[i], sents[j]
                if a[0] == b[0]:
                    continue
                same_sub = ("ecbplus" in a[0]) == ("ecbplus" in b[0])
                if a[3] & b[3]:
                    if a[4] & b[4]:
                        positives.append((a, b))
                else:
                    (near if same_sub else far).append((a, b))
        rng.shuffle(positives)
        positives = positives[:max_positive_per_topic]
        wanted = int(round(len(positives) * negative_ratio))
        rng.shuffle(near)
        rng.shuffle(far)
        half = wanted // 2
        negatives = near[:half] + far[: wanted - min(half, len(near))]
        for label, chosen in ((1, positives), (0, negatives)):
            for a, b in chosen:
                if rng.random() < 0.5:
                    a, b = b, a
                out.append(LabelledPair(label, a[1], b[1], a[2], b[2], group=topic))
    rng.shuffle(out)
    return out
