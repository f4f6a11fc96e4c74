"""``run_batch`` on a Dask LocalCluster with 2 workers equals a single-process ``Corpus.add``.

A dozen generated articles (``bench/corpus_gen.py``, with wire copies) in four files, so the
partitions really are spread over both workers. The run with analysis on (spaCy loaded in each
worker) is slow and runs with ``WIRETRAIL_SLOW=1``.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

from wiretrail.corpus import Corpus
from wiretrail.scale.batch import expand_inputs, plan_partitions, run_batch
from wiretrail.settings import Settings

REPO = Path(__file__).resolve().parents[1]


def write_corpus(folder: Path, n: int, per_file: int) -> list[Path]:
    sys.path.insert(0, str(REPO / "bench"))
    try:
        from corpus_gen import generate, write_jsonl
    finally:
        sys.path.remove(str(REPO / "bench"))
    return write_jsonl(generate(n, seed=11, copy_share=0.3), folder, per_file=per_file)


def snapshot(db: Path) -> dict:
    """What must be equal: articles (id, outlet, title), copy links, analyses."""
    with Corpus.open(db, Settings(analyse=False)) as corpus:
        arts = {a.id: (a.outlet, a.title, a.published) for a in corpus.articles()}
        copies = sorted((c.copy, c.original, c.kind) for c in corpus.copies())
        analyses = {k: v.to_dict() for k, v in corpus.analyses().items()}
        failures = corpus.store.count_articles()
    return {"articles": arts, "copies": copies, "analyses": analyses, "count": failures}


def _compare(inputs: Path, tmp: Path, settings: Settings) -> tuple[dict, dict]:
    single = tmp / "single.db"
    with Corpus.open(single, settings) as corpus:
        report = corpus.add([str(inputs)])
    assert not report.failed
    batch = run_batch([str(inputs)], tmp / "shards", db=str(tmp / "dask.db"), workers=2, settings=settings)
    assert not batch.failed and len(batch.shards) >= 2
    assert all(Path(s).exists() and Path(s).suffix == ".parquet" for s in batch.shards)
    return snapshot(single), snapshot(tmp / "dask.db")


def test_batch_dask_equals_single_process_add(tmp_path):
    inputs = tmp_path / "in"
    write_corpus(inputs, 12, per_file=3)
    single, dask = _compare(inputs, tmp_path, Settings(analyse=False))
    assert single["count"] == 12
    assert dask["articles"] == single["articles"]
    assert dask["copies"] == single["copies"] and single["copies"], "the corpus has copies"
    assert dask["analyses"] == single["analyses"] == {}


@pytest.mark.slow
@pytest.mark.skipif(os.environ.get("WIRETRAIL_SLOW") != "1", reason="slow: set WIRETRAIL_SLOW=1")
def test_batch_dask_with_analysis_equals_single_process_add(tmp_path):
    inputs = tmp_path / "in"
    write_corpus(inputs, 4, per_file=2)
    single, dask = _compare(inputs, tmp_path, Settings(analyse=True))
    assert dask["articles"] == single["articles"] and len(single["analyses"]) == 4
    assert dask["analyses"] == single["analyses"]
    assert dask["copies"] == single["copies"]


def test_batch_partitions_spread_inputs(tmp_path):
    files = write_corpus(tmp_path, 12, per_file=3)
    paths = expand_inputs([str(tmp_path)])
    assert paths == sorted(map(str, files))
    parts = plan_partitions(paths, 4)
    assert sorted(p for part in parts for p in part) == paths and len(parts) == 4
