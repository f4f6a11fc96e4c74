"""Train the cue scorer of wiretrail's attribution extractor on PolNeAR *train*.

Every cue candidate (``attribution_features.is_candidate``) in the training texts is
labelled 1 when it lies inside a gold ``Cue`` span, else 0; a logistic regression
(scikit-learn, L2) is fit on the sparse string features, the
acceptance threshold is chosen for cue overlap F1 on a held-out tenth of the
training documents (never dev/test), and the weights are written as JSON.

Reproduce (parsing takes a few minutes on 2 cores and is cached in --cache):

    /work/venv/bin/python scripts/train_attribution.py \\
        --data ../shared/data/attribution/polnear/train \\
        --out src/wiretrail/models/attribution_cues.json --threshold 0.32

The shipped threshold, 0.32, is the one whose whole extraction (with the role tagger)
scores best in cue, source and content overlap F1 on the held-out tenth
(``attribution_heldout.py``); the best candidate F1 alone picks 0.36, which takes
fewer cues.
"""

from __future__ import annotations

import argparse
import json
import logging
import random
from pathlib import Path

from spacy.tokens import DocBin

from wiretrail.evaluate.attribution import pairs, read_ann
from wiretrail.extract.attribution_features import extension_keys, features, is_candidate, near_quote, quote_mask
from wiretrail.extract.attribution_quotes import find_quotes
from wiretrail.nlp import load_nlp, parse_many

log = logging.getLogger("train_attribution")


def load_docs(data: Path, cache: Path):
    nlp = load_nlp()
    files = pairs(data)
    texts = [t.read_text(encoding="utf-8") for t, _ in files]
    if cache.is_file():
        docs = list(DocBin().from_disk(cache).get_docs(nlp.vocab))
        if len(docs) == len(texts):
            return files, texts, docs
    docs = list(parse_many(nlp, texts, batch_size=16))
    DocBin(store_user_data=False, docs=docs).to_disk(cache)
    return files, texts, docs


def held_out(n: int) -> set[int]:
    """The tenth of ``n`` training documents held out for tuning (seed 13)."""
    order = list(range(n))
    random.Random(13).shuffle(order)
    return set(order[: n // 10])


def fit_logistic(xs: list[list[str]], ys: list[int], C: float):
    """(vectorizer, L2 logistic regression) fit on sparse string features."""
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    vec = DictVectorizer()
    clf = LogisticRegression(C=C, max_iter=2000)
    clf.fit(vec.fit_transform([{f: 1 for f in x} for x in xs]), ys)
    return vec, clf


def examples(doc, text: str, ann: Path):
    gold = read_ann(ann, text)
    cue_tokens = set().union(*gold["cue"]) if gold["cue"] else set()
    mask = quote_mask(doc, find_quotes(text))
    xs, ys = [], []
    for tok in doc:
        if is_candidate(tok):
            xs.append(features(tok, mask[tok.i], near_quote(mask, tok.i)))
            ys.append(1 if tok.idx in cue_tokens else 0)
    covered = sum(1 for g in gold["cue"] if any(doc.char_span(o, o + 1, alignment_mode="expand") is not None and is_candidate(doc.char_span(o, o + 1, alignment_mode="expand")[0]) for o in g))
    return xs, ys, covered, len(gold["cue"])


def extension_counts(doc, text: str, ann: Path, counts: dict) -> None:
    """For words next to gold cue tokens: how often they are in the cue too."""
    gold = read_ann(ann, text)
    cue = set().union(*gold["cue"]) if gold["cue"] else set()
    for tok in doc:
        if tok.idx not in cue or tok.is_punct:
            continue
        near = [c for c in tok.children if abs(c.i - tok.i) <= 4]
        if tok.head.i != tok.i and abs(tok.head.i - tok.i) <= 4:
            near.append(tok.head)
        for o in near:
            if o.is_punct or o.is_space:
                continue
            for key in set(extension_keys(tok, o)):
                c = counts.setdefault(key, [0, 0])
                c[0] += 1
                c[1] += o.idx in cue


def training_args(doc: str, C: float, min_weight: float, threshold: bool = False) -> argparse.Namespace:
    """The command line shared by the attribution training scripts (``threshold``: offer --threshold)."""
    parser = argparse.ArgumentParser(description=doc, formatter_class=argparse.RawDescriptionHelpFormatter)
    if threshold:
        parser.add_argument(
            "--threshold", type=float, default=None,
            help="acceptance threshold to ship (default: the best candidate F1 on the held-out tenth)",
        )
    parser.add_argument("--data", type=Path, required=True, help="PolNeAR train split folder")
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--cache", type=Path, default=Path("/tmp/polnear_train.spacy"))
    parser.add_argument("--C", type=float, default=C)
    parser.add_argument("--min-weight", type=float, default=min_weight, help="drop smaller weights (keeps the file small)")
    return parser.parse_args()


def main() -> None:
    args = training_args(__doc__, C=0.25, min_weight=0.08, threshold=True)
    logging.basicConfig(level=logging.INFO, format="%(message)s")

    files, texts, docs = load_docs(args.data, args.cache)
    held = held_out(len(docs))
    train_x, train_y, held_x, held_y = [], [], [], []
    covered = total = 0
    ext: dict[str, list[int]] = {}
    for i, (doc, text, (_, ann)) in enumerate(zip(docs, texts, files)):
        if i not in held:
            extension_counts(doc, text, ann, ext)
        xs, ys, cov, n = examples(doc, text, ann)
        covered, total = covered + cov, total + n
        if i in held:
            held_x += xs
            held_y += ys
        else:
            train_x += xs
            train_y += ys
    log.info("gold cues with a candidate token: %d / %d (%.3f)", covered, total, covered / max(total, 1))
    log.info("candidates: %d train (%d positive), %d held out", len(train_y), sum(train_y), len(held_y))

    vec, clf = fit_logistic(train_x, train_y, args.C)
    probs = clf.predict_proba(vec.transform([{f: 1 for f in xs} for xs in held_x]))[:, 1]
    best = (0.0, 0.5)
    for t in [x / 100 for x in range(20, 80, 2)]:
        tp = sum(1 for p, y in zip(probs, held_y) if p >= t and y)
        fp = sum(1 for p, y in zip(probs, held_y) if p >= t and not y)
        fn = sum(1 for p, y in zip(probs, held_y) if p < t and y)
        f1 = 2 * tp / max(2 * tp + fp + fn, 1)
        best = max(best, (f1, t))
    log.info("held-out candidate F1 %.3f at threshold %.2f", *best)
    threshold = best[1] if args.threshold is None else args.threshold

    names = vec.get_feature_names_out()
    weights = {
        str(n): round(float(w), 4) for n, w in zip(names, clf.coef_[0]) if abs(w) >= args.min_weight
    }
    model = {
        "kind": "logistic regression over cue-candidate features",
        "trained_on": "PolNeAR train (%d documents, 90%%), threshold on the other 10%%" % len(docs),
        "bias": round(float(clf.intercept_[0]), 4),
        "threshold": threshold,
        "weights": weights,
        # share of times a neighbour in this relation belongs to the cue (count >= 5)
        "extension": {k: round(v[1] / v[0], 3) for k, v in sorted(ext.items()) if v[0] >= 5},
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(model, sort_keys=True, separators=(",", ":")), encoding="utf-8")
    log.info("wrote %s (%d weights, %.0f KB)", args.out, len(weights), args.out.stat().st_size / 1024)


if __name__ == "__main__":
    main()
