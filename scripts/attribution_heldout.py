"""Score the attribution extractor on the tenth of PolNeAR *train* that
``train_attribution.py`` holds out (same seed), for decisions without looking at dev.

Uses the parse cache written by ``train_attribution.py`` (``--cache``), so a run
takes seconds:

    /work/venv/bin/python scripts/attribution_heldout.py \\
        --data ../shared/data/attribution/polnear/train

``--all`` scores every document of ``--data`` instead (a dev run from a parse cache of
its own: ``--data .../dev --cache /tmp/polnear_dev.spacy --all``).
"""

from __future__ import annotations

import argparse
from pathlib import Path

from wiretrail.evaluate import attribution as ev


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", type=Path, required=True, help="PolNeAR train split folder")
    parser.add_argument("--cache", type=Path, default=Path("/tmp/polnear_train.spacy"))
    parser.add_argument("--all", action="store_true", help="score every document of --data (e.g. dev, parsed once into --cache)")
    args = parser.parse_args()

    from train_attribution import held_out, load_docs  # same folder; parses and caches when needed

    files, texts, docs = load_docs(args.data, args.cache)
    held = range(len(docs)) if args.all else sorted(held_out(len(docs)))
    counts = ev.new_counts()
    for i in held:
        ev.add_counts(counts, ev.predict_doc(docs[i], texts[i]), ev.read_ann(files[i][1], texts[i]))
    out = ev.scores(counts)
    for metric in ("exact", "overlap"):
        for r in ev.ROLES:
            k = f"{r}_{metric}"
            print(f"{k}_f1 {out[k + '_f1']:.4f}  (P {out[k + '_precision']:.3f} R {out[k + '_recall']:.3f})")
    print(f"{len(held)} {'documents' if args.all else 'held-out training documents'}")


if __name__ == "__main__":
    main()
