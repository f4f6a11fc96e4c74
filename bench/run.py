"""wiretrail benchmark: end-to-end speed, each stage's share, bare spaCy as the reference,
peak memory, and the cost of adding 100 articles to stores of growing size.

    python bench/run.py --articles 1000 --json
    python bench/run.py --articles 200 --store-sizes 1000,10000   # also ingest-only stores of 1k and 10k
    python bench/run.py --articles 10000 --spacy-sample 2000 --json  # spaCy's rate from 2,000 of the texts

Prints ``articles_per_s``, ``spacy_articles_per_s``, ``ratio_to_spacy``, ``peak_rss_mb``,
``add100_seconds_by_store_size`` (and per-stage seconds). Not a test: run it by hand
and put the figures, with the machine, in the README.

Stages timed: ``ingest`` (read + clean + store + copy detection), ``analyse`` (parse +
every extractor, in ``--workers`` processes), ``link`` (entities, claim groups with
embeddings and the pair judge, disputes, events, relations, stories). The spaCy
reference is ``nlp.pipe`` over the same texts, same batch size, one process.

``add100``: 100 new articles are added (ingest, full analysis, linking) to an empty store, to
the store the pipeline run just built (``--articles`` analysed articles) and, for each of
``--store-sizes``, to a store filled through ``Corpus.add`` with analysis off (articles, MinHash
and winnowing indexes: the parts whose lookups grow with the store). Each figure says which kind
of base it had.

Peak memory is the largest resident set of the whole process tree (this process and its analysis
workers), sampled every 0.2 s.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import shutil
import sys
import threading
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus_gen import generate, write_jsonl  # noqa: E402


class TreeRss:
    """The peak resident set of this process and every descendant, sampled in a thread."""

    def __init__(self, every: float = 0.2) -> None:
        self.peak = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, args=(every,), daemon=True)

    def _run(self, every: float) -> None:
        import psutil

        me = psutil.Process()
        while not self._stop.is_set():
            total = 0
            for proc in [me, *me.children(recursive=True)]:
                try:
                    total += proc.memory_info().rss
                except psutil.Error:
                    continue  # a worker that just ended
            self.peak = max(self.peak, total)
            self._stop.wait(every)

    def __enter__(self) -> TreeRss:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()

    @property
    def mb(self) -> float:
        own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
        return round(max(self.peak, own) / 2**20, 1)


def bench_pipeline(n: int, workers: int, tmp: Path, spacy_sample: int = 0) -> dict:
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
        link_seconds = corpus.link()
        t3 = time.perf_counter()
        out["stored"] = len(report.added)
        out["copies_found"] = report.copies
    total = t3 - t0
    out["stage_seconds"] = {"ingest": round(t1 - t0, 2), "analyse": round(t2 - t1, 2), "link": round(t3 - t2, 2)}
    out["link_stage_seconds"] = link_seconds
    out["stage_share"] = {k: round(v / total, 3) for k, v in out["stage_seconds"].items()}
    out["articles_per_s"] = round(n / total, 2)
    # the reference: bare spaCy on the same texts (or the first --spacy-sample of them), one process
    nlp = load_nlp()
    texts = [a.text for a in arts][: spacy_sample or None]
    s0 = time.perf_counter()
    for _ in nlp.pipe((mark_paragraphs(nlp.make_doc(t)) for t in texts), batch_size=settings.batch_size):
        pass
    s1 = time.perf_counter()
    out["spacy_articles_measured"] = len(texts)
    out["spacy_articles_per_s"] = round(len(texts) / (s1 - s0), 2)
    out["ratio_to_spacy"] = round(out["articles_per_s"] / out["spacy_articles_per_s"], 3)
    return out


def bench_add100(analysed: tuple[int, Path] | None, sizes: list[int], workers: int, tmp: Path) -> dict:
    """Seconds to add 100 new articles to stores of several sizes, and what each base store held."""
    from wiretrail.corpus import Corpus
    from wiretrail.settings import Settings

    # the new articles come from stories of their own (seed), published after every base article
    new_files = write_jsonl(generate(100, seed=99, start_story=10**6), tmp / "new100")
    seconds: dict[str, float] = {}
    kind: dict[str, str] = {}
    bases: list[tuple[int, Path | None, str]] = [(0, None, "empty")]
    if analysed:
        bases.append((analysed[0], analysed[1], "analysed and linked"))
    bases += [(size, None, "ingested, not analysed") for size in sizes if not analysed or size != analysed[0]]
    for size, source, what in bases:
        db = tmp / f"base-{size}.db"
        if source is not None:
            shutil.copyfile(source, db)
        with Corpus.open(str(db), Settings(workers=workers)) as corpus:
            if size and source is None:
                base = write_jsonl(generate(size, seed=5), tmp / f"base-{size}", per_file=2000)
                corpus.add([str(f) for f in base], analyse=False)
            t0 = time.perf_counter()
            corpus.add([str(f) for f in new_files])
            seconds[str(size)] = round(time.perf_counter() - t0, 2)
            kind[str(size)] = what
        db.unlink(missing_ok=True)
    return {"add100_seconds_by_store_size": seconds, "add100_base_store": kind}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--articles", type=int, default=1000)
    ap.add_argument("--store-sizes", default="", help="comma-separated sizes of ingest-only base stores for add100 "
                    "(the store of --articles analysed articles is always measured)")
    ap.add_argument("--workers", type=int, default=os.cpu_count() or 2)
    ap.add_argument("--spacy-sample", type=int, default=0, help="time bare spaCy on the first N of the same "
                    "texts only (a rate per article; saves half an hour at 10k). Default: all of them")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()
    sizes = [int(s) for s in args.store_sizes.split(",") if s.strip()]
    with tempfile.TemporaryDirectory(prefix="wiretrail-bench-") as tmp, TreeRss() as rss:
        res = bench_pipeline(args.articles, args.workers, Path(tmp), args.spacy_sample)
        res["peak_rss_mb"] = rss.mb  # the pipeline run; add100 below runs on smaller batches
        res.update(bench_add100((args.articles, Path(tmp) / "bench.db"), sizes, args.workers, Path(tmp)))
    res["add100_ratio_largest_to_empty"] = round(
        max(res["add100_seconds_by_store_size"].items(), key=lambda kv: int(kv[0]))[1]
        / res["add100_seconds_by_store_size"]["0"], 2)
    res["load_average_1m_at_end"] = round(os.getloadavg()[0], 2)
    res["machine"] = {"cpus": os.cpu_count(), "python": platform.python_version(), "platform": platform.platform()}
    if args.json:
        print(json.dumps(res))
        return
    for k, v in res.items():
        print(f"{k:32} {v}")


if __name__ == "__main__":
    main()
