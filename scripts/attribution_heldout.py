"""Score the attribution extractor on the tenth of PolNeAR *train* that
``train_attribution.py`` holds out (same seed), for decisions without looking at dev.

Uses the parse cache written by ``train_attribution.py`` (``--cache``), so a run
takes seconds:

    /work/venv/bin/python scripts/attribution_heldout.py \\
        --data ../shared/data/attribution/polnear/train
"""

from __future__ import annotations

import argparse
from pathlib import Path

from wiretrail.evaluate import attribution as ev
from wiretrail.nlp import load_nlp


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", type=Path, required=True, help="PolNeAR train split folder")
    parser.add_argument("--cache", type=Path, default=Path("/tmp/polnear_train.spacy"))
    args = parser.parse_args()

    from train_attribution import held_out, load_docs  # same folder; parses and caches when needed

    files, texts, docs = load_docs(args.data, args.cache)
    held = sorted(held_out(len(docs)))
    counts = {r: {"pred": 0, "gold": 0, "hit": 0, "p_sum": 0.0, "r_sum": 0.0} for r in ev.ROLES}
    for i in held:
        gold = ev.read_ann(files[i][1], texts[i])
        pred = ev.predict_doc(docs[i], texts[i])
        for r in ev.ROLES:
            c = counts[r]
            c["pred"] += len(pred[r])
            c["gold"] += len(gold[r])
            c["hit"] += ev._exact_counts(pred[r], gold[r])
            p_sum, r_sum = ev._overlap_sums(pred[r], gold[r])
            c["p_sum"] += p_sum
            c["r_sum"] += r_sum
    for metric, num in (("exact", ("hit", "hit")), ("overlap", ("p_sum", "r_sum"))):
        for r in ev.ROLES:
            c = counts[r]
            p = c[num[0]] / max(c["pred"], 1)
            q = c[num[1]] / max(c["gold"], 1)
            print(f"{r}_{metric}_f1 {ev._f1(p, q):.4f}  (P {p:.3f} R {q:.3f})")
    print(f"{len(held)} held-out training documents")


if __name__ == "__main__":
    main()
