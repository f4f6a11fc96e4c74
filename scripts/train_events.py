"""Train the ACLED sub-event type model shipped as src/wiretrail/models/events_subtype.npz.

Reproducible: the split is a hash of each event's id (``wiretrail.evaluate.events.split_of``),
training uses only the *train* part (70 %), and the solver is deterministic.

    /work/venv/bin/python scripts/train_events.py /work/shared/data/events/acled/acled_2020-05-01_05.csv
    /work/venv/bin/python scripts/train_events.py FILE --cv     # grouped-by-country CV on train only

``--cv`` holds out whole countries (5 folds over the train part) to check that the model
transfers to countries it has not seen, which is how it is measured in the end.
"""

from __future__ import annotations

import argparse
import logging
import sys
from collections import Counter
from pathlib import Path

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import f1_score

from wiretrail.evaluate.events import read_acled, split_of
from wiretrail.extract.event_classify import MODEL_PATH, SUBTYPES, SubtypeModel, features, featurise

log = logging.getLogger("train_events")


def lexicon_of(texts: list[str]) -> frozenset[str]:
    """Words seen in lower case inside sentences (kept when they open a sentence)."""
    seen: Counter[str] = Counter()
    for text in texts:
        seen.update(t for t in featurise(text, frozenset()) if not t.startswith("<") and t != "0")
    return frozenset(w for w, n in seen.items() if n >= 2)


def fit(texts: list[str], labels: list[str], c: float, min_df: int) -> SubtypeModel:
    lexicon = lexicon_of(texts)
    vec = TfidfVectorizer(
        analyzer=lambda t: features(t, lexicon), min_df=min_df, sublinear_tf=True, norm="l2"
    )
    x = vec.fit_transform(texts)
    clf = LogisticRegression(C=c, max_iter=3000, class_weight="balanced")
    clf.fit(x, labels)
    vocab = {w: int(i) for w, i in vec.vocabulary_.items()}
    # lexicon words must stay in the vocabulary for sentence-initial words to be read the same way
    return SubtypeModel(
        vocabulary=vocab,
        idf=vec.idf_.astype(np.float32),
        coef=clf.coef_.astype(np.float32),
        intercept=clf.intercept_.astype(np.float32),
        classes=tuple(str(c) for c in clf.classes_),
    )


def scores(model: SubtypeModel, texts: list[str], subs: list[str]) -> tuple[float, float]:
    probs = model.probabilities(texts)
    pred = [model.classes[int(i)] for i in probs.argmax(axis=1)]
    sub_f1 = f1_score(subs, pred, average="macro", labels=sorted(set(subs)), zero_division=0)
    types = [SUBTYPES[s] for s in subs]
    ptypes = [SUBTYPES.get(p, "Strategic developments") for p in pred]
    type_f1 = f1_score(types, ptypes, average="macro", labels=sorted(set(types)), zero_division=0)
    return float(type_f1), float(sub_f1)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("csv", type=Path)
    ap.add_argument("--c", type=float, default=3.0)
    ap.add_argument("--min-df", type=int, default=2)
    ap.add_argument("--cv", action="store_true", help="grouped-by-country CV on the train part only")
    ap.add_argument("-o", "--output", type=Path, default=MODEL_PATH)
    args = ap.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(message)s")

    rows = [r for r in read_acled(args.csv) if split_of(r) == "train"]
    texts = [r["notes"] for r in rows]
    subs = [r["sub_event_type"] for r in rows]
    log.info("train part: %d events, %d sub-types", len(rows), len(set(subs)))
    if args.cv:
        countries = sorted({r.get("country", "") for r in rows})
        fold_of = {c: i % 5 for i, c in enumerate(countries)}
        results = []
        for k in range(5):
            tr = [i for i, r in enumerate(rows) if fold_of[r.get("country", "")] != k]
            te = [i for i, r in enumerate(rows) if fold_of[r.get("country", "")] == k]
            model = fit([texts[i] for i in tr], [subs[i] for i in tr], args.c, args.min_df)
            results.append(scores(model, [texts[i] for i in te], [subs[i] for i in te]))
            log.info("fold %d: type macro-F1 %.3f, sub-type macro-F1 %.3f", k, *results[-1])
        mean = np.mean(results, axis=0)
        log.info("unseen countries (mean of 5): type %.3f, sub-type %.3f", *mean)
        return 0
    model = fit(texts, subs, args.c, args.min_df)
    args.output.parent.mkdir(parents=True, exist_ok=True)
    model.save(args.output)
    log.info("wrote %s (%d features, %d classes, %.0f kB)", args.output, len(model.vocabulary),
             len(model.classes), args.output.stat().st_size / 1024)
    return 0


if __name__ == "__main__":
    sys.exit(main())
