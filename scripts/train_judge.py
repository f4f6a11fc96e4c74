"""Train the pair judge (same / contradicts / none) and write src/wiretrail/models/judge.json.

Data (public, from the training split only): ECB+ topics 1-20
(../shared/data/coref/ecbplus). Sentences of two documents of a topic that
mention one cross-document event are "same"; other same-topic pairs are "none";
contradictions are made from "same" pairs (train_judge_data.py). No paraphrase
or NLI corpus ships on PyPI that we could find, so none is used. Topics 21-35 are
development only: the script reports on them and never fits on them.

    /work/venv/bin/python scripts/train_judge.py [--data DIR] [--dev-out /tmp/ecb_dev_pairs.tsv]

Deterministic: fixed seeds, liblinear-free lbfgs, sorted inputs.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import logging
import random
import sys
import time
from pathlib import Path

import numpy as np
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import fbeta_score

sys.path.insert(0, str(Path(__file__).resolve().parent))

from train_judge_data import contradict  # noqa: E402

from wiretrail.evaluate.pairs import LabelledPair, binary_scores, ecb_pairs, write_mrpc  # noqa: E402
from wiretrail.link.judge import MODEL_PATH, Judge, LinearModel, feature_rows  # noqa: E402
from wiretrail.link.judge_features import ALL_FEATURES, FEATURES, has_conflict  # noqa: E402
from wiretrail.nlp import load_nlp, parse_many  # noqa: E402

log = logging.getLogger("train_judge")
DEFAULT_DATA = Path(__file__).resolve().parents[2] / "shared" / "data" / "coref" / "ecbplus" / "ECB+"
TRAIN_TOPICS = [str(i) for i in range(1, 21)]
DEV_TOPICS = [str(i) for i in range(21, 36)]


def with_contradictions(pairs: list[LabelledPair], share: float, seed: int) -> tuple[list[tuple[str, str]], list[int], list[str]]:
    """(a, b) texts, class index (0 none, 1 same, 2 contradicts), and topic per pair."""
    rng = random.Random(seed)
    nlp = load_nlp()
    texts, labels, groups = [], [], []
    positives = [p for p in pairs if p.label == 1]
    chosen = set(rng.sample(range(len(positives)), int(len(positives) * share)))
    docs = dict(zip([positives[i].b for i in sorted(chosen)],
                    parse_many(nlp, [positives[i].b for i in sorted(chosen)])))
    kinds: dict[str, int] = {}
    for p in pairs:
        texts.append((p.a, p.b))
        labels.append(p.label)
        groups.append(p.group)
    for i in sorted(chosen):
        p = positives[i]
        made = contradict(docs[p.b], rng)
        if made is None:
            continue
        texts.append((p.a, made[0]))
        labels.append(2)
        groups.append(p.group)
        kinds[made[1]] = kinds.get(made[1], 0) + 1
    log.info("contradictions made: %s", kinds)
    return texts, labels, groups


class CachedEmbedder:
    """MiniLM vectors kept on disk by text, so re-training after a feature change is quick."""

    def __init__(self, cache: Path | None) -> None:
        from wiretrail.link.embed import Embedder

        self.inner = Embedder()
        self.path = cache / "vectors.npz" if cache else None
        self.vectors: dict[str, np.ndarray] = {}
        if self.path is not None and self.path.is_file():
            with np.load(self.path) as npz:
                self.vectors = dict(zip(json.loads(str(npz["texts"])), npz["vectors"]))

    def encode(self, texts, batch_size: int = 64) -> np.ndarray:
        missing = sorted({t for t in texts if t not in self.vectors})
        if missing:
            self.vectors.update(zip(missing, self.inner.encode(missing, batch_size)))
            if self.path is not None:
                self.path.parent.mkdir(parents=True, exist_ok=True)
                keys = sorted(self.vectors)
                np.savez(self.path, texts=np.array(json.dumps(keys)), vectors=np.stack([self.vectors[k] for k in keys]))
        return np.stack([self.vectors[t] for t in texts]) if texts else np.zeros((0, 384), dtype=np.float32)


def cached_features(judge: Judge, texts: list[tuple[str, str]], cache: Path | None) -> np.ndarray:
    key = hashlib.sha256(json.dumps([texts, ALL_FEATURES]).encode("utf-8")).hexdigest()[:20]
    path = cache / f"{key}.npy" if cache else None
    if path is not None and path.is_file():
        rows = np.load(path)
    else:
        _, _, feats = judge.features(texts)
        rows = feature_rows(feats, ALL_FEATURES)
        if path is not None:
            cache.mkdir(parents=True, exist_ok=True)
            np.save(path, rows)
    return rows[:, [ALL_FEATURES.index(f) for f in FEATURES]]


def best_threshold(p: np.ndarray, gold: np.ndarray, beta: float = 1.0) -> tuple[float, float]:
    """The cut with the best F-beta (beta < 1 favours precision)."""
    best = (0.5, -1.0)
    for t in np.arange(0.1, 0.91, 0.02):
        f1 = fbeta_score(gold, (p >= t).astype(int), beta=beta, zero_division=0)
        if f1 > best[1]:
            best = (float(round(t, 2)), float(f1))
    return best


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--out", type=Path, default=MODEL_PATH)
    parser.add_argument("--dev-out", type=Path, default=None, help="also write ECB+ dev pairs (MRPC form) here")
    parser.add_argument("--contradiction-share", type=float, default=0.5)
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--cache", type=Path, default=Path("/tmp/wiretrail_judge_cache"),
                        help="folder for computed feature rows (keyed by texts and feature names)")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(message)s")
    t0 = time.time()

    train_pairs = ecb_pairs(args.data, TRAIN_TOPICS, seed=args.seed)
    dev_pairs = ecb_pairs(args.data, DEV_TOPICS, seed=args.seed + 1)
    if args.dev_out:
        write_mrpc(dev_pairs, args.dev_out)
        log.info("wrote %d dev pairs to %s", len(dev_pairs), args.dev_out)
    train_texts, train_labels, train_groups = with_contradictions(train_pairs, args.contradiction_share, args.seed)
    dev_texts, dev_labels, _ = with_contradictions(dev_pairs, args.contradiction_share, args.seed + 1)
    log.info("train %d pairs, dev %d pairs (%.0fs)", len(train_texts), len(dev_texts), time.time() - t0)

    judge = Judge(model=None, embedder=CachedEmbedder(args.cache))  # type: ignore[arg-type]  # features only
    x_train = cached_features(judge, train_texts, args.cache)
    x_dev = cached_features(judge, dev_texts, args.cache)
    y_train = np.array(train_labels)
    y_dev = np.array(dev_labels)
    log.info("features done (%.0fs)", time.time() - t0)

    # related head: real pairs only (made contradictions would teach it that negation
    # means "same claim"); contradiction head: "same" pairs against their made variants.
    related_y = (y_train == 1).astype(int)
    contra_rows = y_train != 0
    contra_y = (y_train == 2).astype(int)
    groups = np.array(train_groups)
    folds = [TRAIN_TOPICS[i::4] for i in range(4)]
    best = None
    for c in (0.1, 1.0):
        oof = np.zeros((len(y_train), 2))
        for held in folds:
            test = np.isin(groups, held)
            heads, mean, scale = fit_heads(x_train[~test], related_y[~test], contra_rows[~test], contra_y[~test], c)
            z = (x_train[test] - mean) / scale
            oof[test, 0] = heads[0].predict_proba(z)[:, 1]
            oof[test, 1] = heads[1].predict_proba(z)[:, 1]
        real = y_train != 2
        t_same, f_same = best_threshold(oof[real, 0], related_y[real])
        # a wrong "contradicts" costs a true "same": cut for precision (F0.5)
        t_con, f_con = best_threshold(oof[contra_rows, 1], contra_y[contra_rows], beta=0.5)
        log.info("C=%s cv related F1 %.3f (t=%.2f), contradiction F0.5 %.3f (t=%.2f)", c, f_same, t_same, f_con, t_con)
        if best is None or f_same + f_con > best[0]:
            best = (f_same + f_con, c, t_same, t_con)
    _, c, t_same, t_con = best
    heads, mean, scale = fit_heads(x_train, related_y, contra_rows, contra_y, c)
    linear = LinearModel(
        features=FEATURES, mean=mean, scale=scale,
        coef=np.vstack([heads[0].coef_[0], heads[1].coef_[0]]),
        intercept=np.array([heads[0].intercept_[0], heads[1].intercept_[0]]),
        threshold_same=t_same, threshold_contra=t_con,
        meta={
            "trained_on": "ECB+ topics 1-20: same event and participant = same claim, no shared event = none; "
                          "contradictions made from same pairs (negation, number, opposite verb)",
            "script": "scripts/train_judge.py", "C": c, "seed": args.seed,
            "train_pairs": int(len(y_train)), "class_counts": np.bincount(y_train).tolist(),
        },
    )
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(linear.to_json(), indent=1) + "\n", encoding="utf-8")
    log.info("wrote %s", args.out)

    probs = linear.probabilities(x_dev)
    conflict = [has_conflict(dict(zip(FEATURES, row))) for row in x_dev]
    probs[:, 1] = np.where(conflict, probs[:, 1], np.minimum(probs[:, 1], 0.5 * t_con))
    labels = [linear.label(p) for p in probs]
    real = y_dev != 2
    gold_same = (y_dev == 1).astype(int)
    pred_same = np.array([1 if lab == "same" else 0 for lab in labels])
    pred_con = np.array([1 if lab == "contradicts" else 0 for lab in labels])
    report = {
        "dev_same_f1_ecb_pairs": binary_scores(gold_same[real].tolist(), pred_same[real].tolist()),
        "dev_related_head_only_f1": binary_scores(gold_same[real].tolist(), (probs[real, 0] >= t_same).astype(int).tolist())["f1"],
        "dev_real_pairs_called_contradicts": int(pred_con[real].sum()),
        "dev_all_same_f1": binary_scores(gold_same[real].tolist(), [1] * int(real.sum()))["f1"],
        "dev_cosine_only_best_f1": best_threshold(x_dev[real, 0], gold_same[real])[1],
        "dev_contradiction_f1_synthetic": binary_scores((y_dev == 2).astype(int).tolist(), pred_con.tolist()),
        "coef": {head: dict(zip(FEATURES, np.round(row, 2).tolist())) for head, row in zip(("related", "contradicts"), linear.coef)},
    }
    print(json.dumps(report, indent=1))
    log.info("done in %.0fs", time.time() - t0)
    return 0


def fit_heads(rows, related_y, contra_rows, contra_y, c):
    mean = rows.mean(axis=0)
    scale = rows.std(axis=0)
    scale[scale == 0] = 1.0
    z = (rows - mean) / scale
    real = ~contra_rows | (related_y == 1)  # leave the made contradictions out of the related head
    related = LogisticRegression(C=c, max_iter=1000).fit(z[real], related_y[real])
    contra = LogisticRegression(C=c, max_iter=1000, class_weight="balanced").fit(z[contra_rows], contra_y[contra_rows])
    return (related, contra), mean, scale


if __name__ == "__main__":
    raise SystemExit(main())
