"""Per-article analysis in several processes.

Each worker process loads the pipeline once (``_init``) and keeps it in a
process-local slot; articles go out in chunks and analyses come back as plain
records (they pickle: frozen dataclasses, no spaCy objects).
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from wiretrail.model import Analysis, Article
from wiretrail.settings import Settings

# process-local: set once in each worker by _init, never in the parent
_SLOT: dict[str, Any] = {}


def _init(settings: Settings) -> None:
    from wiretrail.analyse import Pipeline

    _SLOT["pipeline"] = Pipeline.load(settings)


def _work(chunk: list[Article]) -> list[Analysis]:
    return list(_SLOT["pipeline"].analyse_many(chunk))


def analyse_parallel(
    articles: Sequence[Article] | Iterable[Sequence[Article]], settings: Settings, workers: int, chunk: int = 16
) -> Iterator[Analysis]:
    """Analyses of ``articles`` in order, computed by ``workers`` processes. ``articles`` may also be
    an iterable of batches (read one after the other, so a large corpus is never all in memory): the
    same processes analyse every batch, loading the pipeline once."""
    if isinstance(articles, Sequence) and (not articles or isinstance(articles[0], Article)):
        batches: Iterable[Sequence[Article]] = [articles]
    else:
        batches = articles
    ctx = multiprocessing.get_context("forkserver" if "forkserver" in multiprocessing.get_all_start_methods() else "spawn")
    with ctx.Pool(workers, initializer=_init, initargs=(settings,)) as pool:
        for batch in batches:
            chunks = [list(batch[i : i + chunk]) for i in range(0, len(batch), chunk)]
            for result in pool.imap(_work, chunks):
                yield from result
