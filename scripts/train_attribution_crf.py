"""Train the attribution role tagger (a linear-chain CRF) on PolNeAR *train*.

Each spaCy token gets the role of the gold span its characters overlap (BIO tags
over Cue / Source / Content; a punctuation token between two tokens of one span
takes that span's role, so "A, B" stays one content), features from
``attribution_crf.doc_features``; the tenth of training documents held out by
``train_attribution.held_out`` (seed 13) is left out of training, for tuning.
One sequence per document (contents run over sentences).

Reproduce (parses cached in --cache by ``train_attribution.py``'s loader; training
takes a few minutes on one core):

    PYTHONPATH=src /work/venv/bin/python scripts/train_attribution_crf.py \\
        --data ../shared/data/attribution/polnear/train \\
        --out src/wiretrail/models/attribution_crf.crfsuite
"""

from __future__ import annotations

import argparse
import logging
import time
from pathlib import Path

from wiretrail.evaluate.attribution import read_ann
from wiretrail.extract.attribution_crf import ROLES, doc_features
from wiretrail.extract.attribution_features import quote_mask
from wiretrail.extract.attribution_quotes import find_quotes

log = logging.getLogger("train_attribution_crf")


def gold_tags(doc, text: str, ann: Path) -> list[str]:
    """BIO role tags of the tokens of ``doc`` from a PolNeAR annotation file."""
    gold = read_ann(ann, text)
    owner: dict[int, tuple[str, int]] = {}  # word-token start -> (role, span number)
    n = 0
    for role in ROLES:
        for span in gold[role.lower()]:
            n += 1
            for o in span:
                owner[o] = (role, n)
    per_tok: list[tuple[str, int] | None] = []
    for t in doc:
        hit = next((owner[o] for o in range(t.idx, t.idx + len(t)) if o in owner), None)
        per_tok.append(hit)
    # punctuation (not a word token of the scorer) inside a span takes the span's role
    words = [i for i, t in enumerate(doc) if per_tok[i] is not None or not (t.is_punct or t.is_space)]
    for a, b in zip(words, words[1:]):
        if b - a > 1 and per_tok[a] is not None and per_tok[a] == per_tok[b]:
            for k in range(a + 1, b):
                per_tok[k] = per_tok[a]
    tags = []
    for i, cur in enumerate(per_tok):
        if cur is None:
            tags.append("O")
        else:
            tags.append(("I-" if i and per_tok[i - 1] == cur else "B-") + cur[0])
    return tags


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", type=Path, required=True, help="PolNeAR train split folder")
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--cache", type=Path, default=Path("/tmp/polnear_train.spacy"))
    parser.add_argument("--c1", type=float, default=0.2, help="L1 weight (sparser, smaller model)")
    parser.add_argument("--c2", type=float, default=0.01, help="L2 weight")
    parser.add_argument("--iterations", type=int, default=150)
    parser.add_argument("--min-freq", type=int, default=2, help="drop features seen fewer times")
    args = parser.parse_args()
    logging.basicConfig(level=logging.INFO, format="%(message)s")

    import pycrfsuite

    from train_attribution import held_out, load_docs  # same folder

    files, texts, docs = load_docs(args.data, args.cache)
    held = held_out(len(docs))
    trainer = pycrfsuite.Trainer(verbose=False)
    t0 = time.perf_counter()
    n_tok = 0
    for i, (doc, text, (_, ann)) in enumerate(zip(docs, texts, files)):
        if i in held or not len(doc):
            continue
        mask = quote_mask(doc, find_quotes(text))
        trainer.append(doc_features(doc, mask), gold_tags(doc, text, ann))
        n_tok += len(doc)
    log.info("features of %d tokens in %.0f s", n_tok, time.perf_counter() - t0)
    trainer.set_params(
        {
            "c1": args.c1,
            "c2": args.c2,
            "max_iterations": args.iterations,
            "feature.minfreq": args.min_freq,
            "feature.possible_transitions": True,
        }
    )
    args.out.parent.mkdir(parents=True, exist_ok=True)
    t0 = time.perf_counter()
    trainer.train(str(args.out))
    info = trainer.logparser.last_iteration
    log.info("trained in %.0f s (%s); wrote %s (%.0f KB)", time.perf_counter() - t0,
             {k: info.get(k) for k in ("num", "loss", "active_features")}, args.out, args.out.stat().st_size / 1024)


if __name__ == "__main__":
    main()
