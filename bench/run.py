"""wiretrail benchmark: end-to-end speed, each stage's share, bare spaCy as the reference,
peak memory, and the cost of adding 100 articles to stores of growing size.

    python bench/run.py --articles 1000 --json
    python bench/run.py --articles 200 --store-sizes 1000,10000

Prints ``articles_per_s``, ``spacy_articles_per_s``, ``ratio_to_spacy``, ``peak_rss_mb``,
``add100_seconds_by_store_size`` (and per-stage seconds). Not a test: run it by hand
and put the figures, with the machine, in the README.

Stages timed: ``ingest`` (read + clean + store + copy detection), ``analyse`` (parse +
every extractor, in ``--workers`` processes), ``link`` (entities, claim groups with
embeddings and the pair judge, disputes, events, relations, stories). The spaCy
reference is ``nlp.pipe`` over the same texts, same batch size, one process.

``add100``: a base store of S articles is filled through ``Corpus.add`` with analysis
off (ingest, cleaning, MinHash/winnowing indexes — the parts whose cost can grow with
the store); then 100 new articles are added with full analysis and linking, and that
is timed. The same 100 are added to an empty store for the baseline.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus_gen import generate, write_jsonl  # noqa: E402


def _rss_mb() -> float:
    self_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    kids_kb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return round(max(self_kb, kids_kb) / 1024, 1)


def bench_pipeline(n: int, workers: int, tmp: Path) -> dict:
    from wiretrail.corpus import Corpus
    from wiretrail.nlp import load_nlp, mark_paragraphs
    from wiretrail.settings import Settings

    arts = generate(n, seed=11)
    files = write_jsonl(arts, tmp / "corpus")
    settings = Settings(workers=workers)
    out: dict = {"articles": n, "words_per_article": round(sum(len(a.text.split()) for a in arts) / n)}
    with Corpus.open(str(tmp / "bench.db"), settings) as corpus:
        t0 = time.perf_counter()
        report = corpus.add([str(f) for f in files], analyse=False)
        t1 = time.perf_counter()
        corpus.analyse()
        t2 = time.perf_counter()
        corpus.link()
        t3 = time.perf_counter()
        out["stored"] = len(report.added)
        out["copies_found"] = report.copies
    total = t3 - t0
    out["stage_seconds"] = {"ingest": round(t1 - t0, 2), "analyse": round(t2 - t1, 2), "link": round(t3 - t2, 2)}
    out["stage_share"] = {k: round(v / total, 3) for k, v in out["stage_seconds"].items()}
    out["articles_per_s"] = round(n / total, 2)
    # the reference: bare spaCy on the same texts, one process
    nlp = load_nlp()
    texts = [a.text for a in arts]
    s0 = time.perf_counter()
    for _ in nlp.pipe((mark_paragraphs(nlp.make_doc(t)) for t in texts), batch_size=settings.batch_size):
        pass
    s1 = time.perf_counter()
    out["spacy_articles_per_s"] = round(n / (s1 - s0), 2)
    out["ratio_to_spacy"] = round(out["articles_per_s"] / out["spacy_articles_per_s"], 3)
    return out


def bench_add100(sizes: list[int], workers: int, tmp: Path) -> dict[str, float]:
    from wiretrail.corpus import Corpus
    from wiretrail.settings import Settings

    new = generate(100, seed=99)
    new_files = write_jsonl(new, tmp / "new100")
    result: dict[str, float] = {}
    for size in [0, *sizes]:
        db = tmp / f"base-{size}.db"
        with Corpus.open(str(db), Settings(workers=workers)) as corpus:
            if size:
                base = write_jsonl(generate(size, seed=5), tmp / f"base-{size}", per_file=2000)
                corpus.add([str(f) for f in base], analyse=False)
            t0 = time.perf_counter()
            corpus.add([str(f) for f in new_files])
            result[str(size)] = round(time.perf_counter() - t0, 2)
        db.unlink(missing_ok=True)
    return result


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--articles", type=int, default=1000)
    ap.add_argument("--store-sizes", default="1000,10000", help="comma-separated base store sizes for add100")
    ap.add_argument("--workers", type=int, default=os.cpu_count() or 2)
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()
    sizes = [int(s) for s in args.store_sizes.split(",") if s.strip()]
    with tempfile.TemporaryDirectory(prefix="wiretrail-bench-") as tmp:
        res = bench_pipeline(args.articles, args.workers, Path(tmp))
        res["add100_seconds_by_store_size"] = bench_add100(sizes, args.workers, Path(tmp)) if sizes else {}
    res["peak_rss_mb"] = _rss_mb()
    res["machine"] = {"cpus": os.cpu_count(), "python": platform.python_version(), "platform": platform.platform()}
    if args.json:
        print(json.dumps(res))
        return
    for k, v in res.items():
        print(f"{k:32} {v}")


if __name__ == "__main__":
    main()
