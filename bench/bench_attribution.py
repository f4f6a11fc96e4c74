"""How much attribution + claims add to spaCy's parse time (target: at most 20 %).

Parses a set of news texts once (timed), then runs ``extract_attributions`` and
``extract_claims`` on the parsed Docs (timed) and prints both and their ratio.
Texts: the PolNeAR dev split and the seeds when ``../shared/data`` is present,
else a built-in paragraph repeated.

    /work/venv/bin/python bench/bench_attribution.py [--limit 40] [--rules-only]

``--rules-only`` leaves the role tagger out (``blend=None``), to see what it costs.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from wiretrail.extract.attribution import Blend, extract_attributions
from wiretrail.extract.attribution_crf import load_tagger
from wiretrail.extract.attribution_features import load_scorer
from wiretrail.extract.attribution_spans import load_span_scorer
from wiretrail.extract.claims import extract_claims
from wiretrail.nlp import load_nlp, parse_many

DATA = Path(__file__).resolve().parents[2] / "shared" / "data"
FALLBACK = (
    "Syrian President Bashar al-Assad asked Israel for help, Saudi newspaper Elaph reported Monday. "
    "“This is a disaster,” a resident told Reuters. According to the Observatory, 412 people died.\n"
)


def texts(limit: int) -> list[str]:
    found = sorted((DATA / "attribution" / "polnear" / "dev" / "text").glob("*.txt"))
    found += sorted((DATA / "seeds").glob("*.txt"))
    if not found:
        return [FALLBACK * 10] * min(limit, 20)
    return [p.read_text(encoding="utf-8") for p in found[:limit]]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--limit", type=int, default=60)
    parser.add_argument("--rules-only", action="store_true", help="attribution without the role tagger")
    args = parser.parse_args()
    nlp = load_nlp()
    # the models are loaded once per process; not part of the per-article cost
    load_scorer()
    load_span_scorer()
    load_tagger()
    sample = texts(args.limit)
    list(parse_many(nlp, sample[:2]))  # warm up
    t0, c0 = time.perf_counter(), time.process_time()
    docs = list(parse_many(nlp, sample))
    parse_s, parse_cpu = time.perf_counter() - t0, time.process_time() - c0
    blend = None if args.rules_only else Blend()
    t0, c0 = time.perf_counter(), time.process_time()
    n_att = n_claims = 0
    for i, doc in enumerate(docs):
        atts = extract_attributions(doc, f"b{i}", blend=blend)
        n_att += len(atts)
        n_claims += len(extract_claims(doc, f"b{i}", atts))
    extract_s, extract_cpu = time.perf_counter() - t0, time.process_time() - c0
    words = sum(len(d) for d in docs)
    print(f"texts {len(docs)}, tokens {words}, attributions {n_att}, claims {n_claims}")
    print(f"spaCy parse:          {parse_s:8.3f} s  (CPU {parse_cpu:.3f} s)")
    print(f"attribution + claims: {extract_s:8.3f} s  (CPU {extract_cpu:.3f} s)")
    # CPU time is steadier than the clock on a shared machine
    print(f"ratio: {extract_s / parse_s:.1%} of the parse time, {extract_cpu / parse_cpu:.1%} in CPU time (target <= 20%)")


if __name__ == "__main__":
    main()
