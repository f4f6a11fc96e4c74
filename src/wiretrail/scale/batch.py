"""``wiretrail batch``: the per-article stages on a Dask cluster, Parquet shards out, then
linking through the store's indexes.

1. Inputs (files, folders, globs such as ``cc-news/*.warc.gz``) are listed and split
   into partitions; each partition is read, cleaned and analysed on a worker (the
   spaCy pipeline is loaded once per partition) and written as one Parquet shard of
   ``(article, analysis)`` JSON rows plus the inputs that failed.
2. The driver loads the shards into the store in a stable order: each article goes
   through the same incremental copy detection (MinHash LSH bands and winnowing
   fingerprints in the store) as ``wiretrail add``, then the cross-article stages run.

The result equals a single-process ``wiretrail add`` of the same inputs.

>>> plan_partitions(["a", "b", "c"], 2)
[['a', 'c'], ['b']]
"""

from __future__ import annotations

import glob
import json
import logging
import os
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

log = logging.getLogger(__name__)


@dataclass
class BatchReport:
    shards: list[str] = field(default_factory=list)
    articles: int = 0
    added: int = 0
    failed: list[tuple[str, str]] = field(default_factory=list)


def expand_inputs(inputs: Sequence[str]) -> list[str]:
    """Files named by paths, folders (recursive) and glob patterns, sorted, no duplicates."""
    out: list[str] = []
    for item in inputs:
        if item.startswith(("http://", "https://")):
            out.append(item)
            continue
        matches = glob.glob(item, recursive=True) if any(ch in item for ch in "*?[") else [item]
        for m in matches:
            p = Path(m)
            if p.is_dir():
                out.extend(str(f) for f in sorted(p.rglob("*")) if f.is_file() and not any(part.startswith(".") for part in f.parts))
            else:
                out.append(str(p))
    return list(dict.fromkeys(out))


def plan_partitions(paths: Sequence[str], n: int) -> list[list[str]]:
    """Round-robin the inputs over ``n`` partitions (large files spread out)."""
    n = max(1, min(n, len(paths)))
    parts: list[list[str]] = [[] for _ in range(n)]
    for i, p in enumerate(paths):
        parts[i % n].append(p)
    return [p for p in parts if p]


def process_partition(paths: list[str], out_dir: str, shard: int, settings_dict: dict[str, Any]) -> str:
    """Read, clean and analyse one partition; write its Parquet shard; return the shard path."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    from wiretrail.analyse import Pipeline
    from wiretrail.clean import clean_document
    from wiretrail.ingest import read_inputs
    from wiretrail.ingest.outlets import OutletRegistry
    from wiretrail.model import Article, InputFailure
    from wiretrail.settings import Settings

    settings = Settings(**settings_dict)
    registry = OutletRegistry()
    articles: list[Article] = []
    failures: list[tuple[str, str]] = []
    from wiretrail.corpus import ingest_options

    for item in read_inputs(paths, ingest_options(settings)):
        if isinstance(item, InputFailure):
            failures.append((item.path, item.reason))
            continue
        try:
            result = clean_document(item, registry, max_chars=settings.max_article_chars)
        except Exception as exc:  # one bad page never stops the partition
            log.debug("cleaning %s failed", item.origin, exc_info=True)
            failures.append((item.origin, f"could not be cleaned: {type(exc).__name__}: {exc}"))
            continue
        if isinstance(result, InputFailure):
            failures.append((result.path, result.reason))
        else:
            articles.append(result)
    from wiretrail.language import detect_language
    import dataclasses

    articles = [dataclasses.replace(a, language=detect_language(a.text)) for a in articles]
    pipeline = Pipeline.load(settings) if settings.analyse else None
    analyses = list(pipeline.analyse_many(articles)) if pipeline else [None] * len(articles)
    rows = {
        "kind": ["article"] * len(articles) + ["failure"] * len(failures),
        "order": [f"{shard:05d}-{i:07d}" for i in range(len(articles) + len(failures))],
        "article": [json.dumps(a.to_dict(), ensure_ascii=False) for a in articles] + [""] * len(failures),
        "analysis": [json.dumps(x.to_dict(), ensure_ascii=False) if x else "" for x in analyses] + [""] * len(failures),
        "path": [a.input_path for a in articles] + [p for p, _ in failures],
        "reason": [""] * len(articles) + [r for _, r in failures],
    }
    target = Path(out_dir) / f"shard-{shard:05d}.parquet"
    pq.write_table(pa.table(rows), target)
    return str(target)


def run_batch(
    inputs: Sequence[str],
    out_dir: str | Path,
    *,
    db: str | None = None,
    scheduler: str | None = None,
    workers: int = 2,
    partitions: int | None = None,
    settings: Any = None,
) -> BatchReport:
    """Run the per-article stages on Dask (a LocalCluster unless ``scheduler`` is given)."""
    import dataclasses

    from dask.distributed import Client, LocalCluster

    from wiretrail.settings import Settings

    settings = settings or Settings()
    out = Path(out_dir)
    if db:
        from wiretrail.store import Store

        Store.open(db).close()  # a bad or locked store fails now, not after the cluster's work
    out.mkdir(parents=True, exist_ok=True)
    paths = expand_inputs(inputs)
    report = BatchReport()
    if not paths:
        return report
    parts = plan_partitions(paths, partitions or max(2, workers * 2))
    cluster = None
    if scheduler:
        client = Client(scheduler)
    else:
        cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None)
        client = Client(cluster)
    try:
        sd = dataclasses.asdict(settings)
        futures = [client.submit(process_partition, p, str(out), i, sd, pure=False) for i, p in enumerate(parts)]
        report.shards = sorted(client.gather(futures))
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
    if db:
        load_shards(report, db, settings)
    return report


def load_shards(report: BatchReport, db: str, settings: Any) -> None:
    """Load shards into the store (same incremental copy detection as ``add``), then link."""
    import pyarrow.parquet as pq

    from wiretrail.corpus import Corpus
    from wiretrail.model import AddReport, Analysis, Article, InputFailure

    with Corpus.open(db, settings) as corpus:
        add = AddReport()
        rows: list[tuple[str, str, str, str, str]] = []
        for shard in report.shards:
            t = pq.read_table(shard).to_pydict()
            rows.extend(zip(t["order"], t["kind"], t["article"], t["analysis"], t["path"], t["reason"]))  # type: ignore[arg-type]
        # the same order as a single process reading the sorted inputs
        rows.sort(key=lambda r: (r[4], r[0]))
        for _order, kind, art_json, an_json, path, reason in rows:  # type: ignore[misc]
            if kind == "failure":
                corpus._fail(add, InputFailure(path, reason))
                continue
            art = Article.from_dict(json.loads(art_json))
            report.articles += 1
            corpus.store_article(art, add)
            if an_json and art.id in add.added:
                from wiretrail.analyse import ANALYSIS_VERSION

                corpus.store.set_analysis(Analysis.from_dict(json.loads(an_json)), ANALYSIS_VERSION)
        report.added = len(add.added)
        report.failed = [(f.path, f.reason) for f in add.failed]
        if settings.analyse:  # as ``Corpus.add``: no analysis asked, none done on the driver
            corpus.analyse()
            corpus.link()


def default_workers() -> int:
    return max(1, (os.cpu_count() or 2))
