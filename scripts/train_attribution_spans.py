"""Train the content-end model (``extract/attribution_spans.py``) on PolNeAR *train*.

Reproduce (after ``train_attribution.py``, whose parse cache it reuses; a few minutes):

    PYTHONPATH=src /work/venv/bin/python scripts/train_attribution_spans.py \\
        --data ../shared/data/attribution/polnear/train \\
        --out src/wiretrail/models/attribution_spans.json

For every frame the extractor finds (rule content ends, ``learned_ends=False``) whose
cue overlaps a gold attribution's cue (BRAT ``E`` relations link cue, source and
content), each candidate end is scored by the token F1 of the content it gives
against that attribution's gold content, with the scorer's conventions (word tokens,
the attribution's own cue and source tokens left out). Candidates within 0.001 of
the best are positives. A logistic regression is fit on the seed-13 90 % of the
documents (``train_attribution.py``'s split); the other 10 % report the gain.
"""

from __future__ import annotations

import json
import logging
import re
from pathlib import Path

from train_attribution import fit_logistic, held_out, load_docs, training_args  # same folder

from wiretrail.evaluate.attribution import _TEXT_BOUND, _tokens
from wiretrail.extract.attribution import content_tokens, find_frames
from wiretrail.extract.attribution_features import quote_mask
from wiretrail.extract.attribution_quotes import find_quotes
from wiretrail.extract.attribution_spans import end_candidates

log = logging.getLogger("train_attribution_spans")


def gold_attributions(ann: Path, text: str) -> list[dict[str, frozenset[int]]]:
    """Gold attributions of one ``.ann`` file: role -> word-token set, from ``E`` relations."""
    spans: dict[str, frozenset[int]] = {}
    out = []
    for line in ann.read_text(encoding="utf-8").splitlines():
        if _TEXT_BOUND.match(line):
            tid, rest = line.split("\t")[:2]
            offsets = rest.partition(" ")[2]
            spans[tid] = _tokens(text, [tuple(int(x) for x in p.split()) for p in offsets.split(";")])
        elif line.startswith("E"):
            roles = {}
            for arg in line.split("\t")[1].split():
                role, _, tid = arg.partition(":")
                if tid in spans:
                    roles[re.sub(r"\d+$", "", role).lower()] = spans[tid]
            out.append(roles)
    return out


def _f1(pred: frozenset[int], gold: frozenset[int]) -> float:
    hit = len(pred & gold)
    return 0.0 if not hit else 2 * hit / (len(pred) + len(gold))


def examples(doc, text: str, ann: Path):
    """(candidate features, labels, F1 of each candidate) per matched frame of one document."""
    gold = gold_attributions(ann, text)
    frames = find_frames(doc, text=text, learned_ends=False)
    mask = quote_mask(doc, find_quotes(text))
    cues = frozenset(i for f in frames for i in f.cue)
    out = []
    for f in frames:
        if f.content is None:
            continue
        rng = content_tokens(doc, f.content)
        cue = _tokens(text, [(doc[f.cue[0]].idx, doc[f.cue[-1]].idx + len(doc[f.cue[-1]]))])
        match = next((g for g in gold if g.get("cue", frozenset()) & cue and g.get("content")), None)
        if rng is None or match is None:
            continue
        src = frozenset()
        if f.source is not None and f.source[1] > f.source[0]:
            last = doc[f.source[1] - 1]
            src = _tokens(text, [(doc[f.source[0]].idx, last.idx + len(last))])
        cands = end_candidates(doc, rng[0], rng[1], f.frame, f.cue, mask, cues)
        f1s = []
        for c in cands:
            last = doc[c.end - 1]
            toks = _tokens(text, [(doc[rng[0]].idx, last.idx + len(last))]) - cue - src
            f1s.append(_f1(toks, match["content"]))
        out.append(([list(c.feats) for c in cands], f1s))
    return out


def main() -> None:
    args = training_args(__doc__, C=0.5, min_weight=0.02)
    logging.basicConfig(level=logging.INFO, format="%(message)s")

    files, texts, docs = load_docs(args.data, args.cache)
    held = held_out(len(docs))
    groups = {"fit": [], "held": []}
    for i in range(len(docs)):
        groups["held" if i in held else "fit"] += examples(docs[i], texts[i], files[i][1])
    xs, ys = [], []
    for cands, f1s in groups["fit"]:
        top = max(f1s)
        for feats, f1 in zip(cands, f1s):
            xs.append(feats)
            ys.append(1 if top > 0 and f1 >= top - 0.001 else 0)
    log.info("contents: %d to fit (%d candidates), %d held out", len(groups["fit"]), len(xs), len(groups["held"]))
    vec, clf = fit_logistic(xs, ys, args.C)
    names = vec.get_feature_names_out()
    weights = {str(n): round(float(w), 4) for n, w in zip(names, clf.coef_[0]) if abs(w) >= args.min_weight}

    rule = chosen = oracle = 0.0
    for cands, f1s in groups["held"]:
        scores = clf.decision_function(vec.transform([{f: 1 for f in c} for c in cands]))
        k = max(range(len(cands)), key=lambda j: (scores[j], -j))
        rule, chosen, oracle = rule + f1s[0], chosen + f1s[k], oracle + max(f1s)
    n = max(len(groups["held"]), 1)
    log.info("held-out mean content F1 of matched frames: rule ends %.3f, learned %.3f, oracle %.3f",
             rule / n, chosen / n, oracle / n)
    out = {
        "kind": "logistic regression over content-end candidates (highest score wins)",
        "trained_on": "PolNeAR train (%d documents, 90%%); the other 10%% held out" % len(docs),
        "bias": round(float(clf.intercept_[0]), 4),
        "threshold": 0.5,
        "weights": weights,
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(out, sort_keys=True, separators=(",", ":")), encoding="utf-8")
    log.info("wrote %s (%d weights, %.0f KB)", args.out, len(weights), args.out.stat().st_size / 1024)


if __name__ == "__main__":
    main()
