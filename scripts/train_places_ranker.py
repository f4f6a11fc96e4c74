"""Train the toponym ranker shipped as src/wiretrail/models/places_ranker.json.

The ranker is a linear score over ``wiretrail.extract.places.FEATURES`` (population,
feature kind, name tier, "Town, State" qualifier, the article's country and region
votes, distance to and number of the article's other places, ...), fitted as a
conditional logit: for each gold toponym, the candidates within 161 km of the gold
point against the others. The features of a candidate are taken against the other
toponyms' places as ``resolve_places`` settles them with the set weights, then once
more with the first fit's weights (the context the learned ranker will see).

Honest figures come from training on one corpus and measuring on the other::

    /work/venv/bin/python scripts/train_places_ranker.py --cross \\
        /work/shared/data/geo/Corpora/lgl.xml /work/shared/data/geo/Corpora/GeoVirus.xml

prints LGL->GeoVirus and GeoVirus->LGL beside the set weights. ``--write`` fits on all
files given and writes the model (with the cross figures in it); deterministic (L-BFGS
from zero, fixed L2 penalty, nothing tuned on the measured file).
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
from pathlib import Path

import numpy as np
from scipy.optimize import minimize

from wiretrail.evaluate.places import GoldArticle, read_corpus, resolution_errors, summarise
from wiretrail.extract.gazetteer import Gazetteer, haversine_km
from wiretrail.extract.places import FEATURES, RANKER_FILE, Weights, candidate_features
from wiretrail.model import Mention, Span

log = logging.getLogger("train_places_ranker")
L2 = 0.01  # per feature, per toponym
GOOD_KM = 161.0


def ranking_rows(articles: list[GoldArticle], gazetteer: Gazetteer, weights: Weights
                 ) -> list[tuple[np.ndarray, np.ndarray]]:
    """(candidate features, which candidates are within 161 km of the gold point) for
    every gold toponym with at least one good and one bad candidate."""
    rows = []
    for article in articles:
        mentions = [Mention(Span(article.id, t.start, t.end), article.text[t.start:t.end] or t.phrase, "GPE")
                    for t in article.toponyms]
        for gold, (_, cands, feats) in zip(article.toponyms, candidate_features(
                mentions, article.text, gazetteer, weights)):
            if gold.lat is None or gold.lon is None or len(cands) < 2:
                continue
            good = np.array([haversine_km(gold.lat, gold.lon, m.place.lat, m.place.lon) <= GOOD_KM
                             for m in cands])
            if good.any() and not good.all():
                rows.append((np.asarray(feats, dtype=float), good))
    return rows


def fit(rows: list[tuple[np.ndarray, np.ndarray]]) -> np.ndarray:
    """Weights maximising the log-probability of the good candidates (softmax per toponym)."""
    n = len(FEATURES)

    def loss(w: np.ndarray) -> tuple[float, np.ndarray]:
        total, grad = L2 * len(rows) * float(w @ w), 2 * L2 * len(rows) * w
        for x, good in rows:
            s = x @ w
            p = np.exp(s - s.max())
            p /= p.sum()
            q = p * good
            mass = q.sum()
            total -= np.log(max(mass, 1e-300))
            grad -= (q / mass - p) @ x
        return total, grad

    result = minimize(loss, np.zeros(n), jac=True, method="L-BFGS-B", options={"maxiter": 500})
    log.info("fit: %d toponyms, loss %.1f, %s", len(rows), result.fun, result.message)
    return result.x


def train(articles: list[GoldArticle], gazetteer: Gazetteer) -> np.ndarray:
    w = fit(ranking_rows(articles, gazetteer, Weights()))
    return fit(ranking_rows(articles, gazetteer, Weights(learned=tuple(w))))


def acc161(articles: list[GoldArticle], gazetteer: Gazetteer, weights: Weights) -> float:
    return summarise(resolution_errors(articles, gazetteer, weights))["acc161"]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("corpora", nargs="+", type=Path, help="LGL / GeoVirus XML files")
    ap.add_argument("--cross", action="store_true", help="train on each file, measure on the others")
    ap.add_argument("--write", action="store_true", help=f"fit on all files and write {RANKER_FILE}")
    args = ap.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    gazetteer = Gazetteer.load()
    corpora = {path.stem: read_corpus(path) for path in args.corpora}
    cross: dict[str, dict[str, float]] = {}
    if args.cross or args.write:
        for train_name, train_articles in corpora.items():
            w = Weights(learned=tuple(train(train_articles, gazetteer)))
            for test_name, test_articles in corpora.items():
                if test_name != train_name:
                    cross[f"{train_name}->{test_name}"] = {
                        "learned": round(acc161(test_articles, gazetteer, w), 4),
                        "set_weights": round(acc161(test_articles, gazetteer, Weights()), 4)}
                    print(f"{train_name} -> {test_name}: acc161 {cross[f'{train_name}->{test_name}']}")
    if args.write:
        w = train([a for articles in corpora.values() for a in articles], gazetteer)
        RANKER_FILE.write_text(json.dumps({
            "features": list(FEATURES), "weights": [round(float(v), 5) for v in w],
            "trained_on": sorted(corpora), "l2": L2, "cross_corpus_acc161": cross,
        }, indent=1) + "\n", encoding="utf-8")
        print(f"wrote {RANKER_FILE}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
