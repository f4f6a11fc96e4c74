"""``wiretrail watch``: keep ingesting from RSS/Atom feeds; the store and brief stay current.

Each feed is polled with a conditional GET (ETag, Last-Modified); a 304 costs
nothing. Items whose link is already stored are not fetched again. A feed that
fails is retried later with exponential back-off (capped), and never stops the
others. Each poll adds what is new and, when anything was added, re-links the
corpus and rewrites the brief.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from wiretrail.corpus import Corpus

log = logging.getLogger(__name__)


@dataclass
class FeedState:
    url: str
    etag: str = ""
    last_modified: str = ""
    failures: int = 0
    next_poll: float = 0.0
    last_error: str = ""
    polls: int = 0
    not_modified: int = 0


@dataclass
class PollReport:
    added: list[str] = field(default_factory=list)
    failed: list[tuple[str, str]] = field(default_factory=list)
    not_modified: list[str] = field(default_factory=list)
    skipped_known: int = 0


def parse_interval(text: str) -> float:
    """Seconds in "90", "30s", "10m", "2h".

    >>> parse_interval("10m"), parse_interval("45s"), parse_interval("2h"), parse_interval("90")
    (600.0, 45.0, 7200.0, 90.0)
    """
    text = text.strip().lower()
    units = {"s": 1, "m": 60, "h": 3600}
    if text and text[-1] in units:
        return float(text[:-1]) * units[text[-1]]
    return float(text)


def feed_urls(sources: Sequence[str], options: Any) -> list[str]:
    """Feed URLs from URLs given directly and from OPML files."""
    from wiretrail.ingest.feeds import opml_feed_urls
    from wiretrail.ingest.fetch import Fetcher, is_http_url

    urls: list[str] = []
    for src in sources:
        if is_http_url(src):
            if src.lower().endswith(".opml"):
                with Fetcher(options) as f:
                    urls.extend(opml_feed_urls(f.fetch(src).content, src))
            else:
                urls.append(src)
            continue
        urls.extend(opml_feed_urls(Path(src).read_bytes(), src))
    return list(dict.fromkeys(urls))


class Watcher:
    """Polls feeds into a corpus. ``poll()`` once, or ``run()`` until stopped."""

    def __init__(self, corpus: Corpus, urls: Sequence[str], *, every: float = 600.0,
                 max_backoff: float = 6 * 3600.0, brief_path: str | None = None,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.corpus = corpus
        self.feeds = [FeedState(u) for u in urls]
        self.every = every
        self.max_backoff = max_backoff
        self.brief_path = brief_path
        self.clock = clock

    def poll(self, force: bool = False) -> PollReport:
        from wiretrail.corpus import ingest_options
        from wiretrail.ingest.feeds import feed_documents
        from wiretrail.ingest.fetch import Fetcher, FetchError, page_document
        from wiretrail.ingest.raw import RawDocument
        from wiretrail.model import InputFailure

        report = PollReport()
        now = self.clock()
        options = ingest_options(self.corpus.settings)
        docs: list[Any] = []
        with Fetcher(options) as fetcher:

            def fetch_page(link: str, origin: str) -> RawDocument | InputFailure:
                try:
                    return page_document(fetcher.fetch(link), origin)
                except FetchError as exc:
                    return InputFailure(link, exc.reason)

            for feed in self.feeds:
                if not force and feed.next_poll > now:
                    continue
                feed.polls += 1
                try:
                    res = fetcher.fetch(feed.url, etag=feed.etag or None, last_modified=feed.last_modified or None)
                except FetchError as exc:
                    self._backoff(feed, exc.reason, now)
                    report.failed.append((feed.url, exc.reason))
                    continue
                feed.failures, feed.last_error = 0, ""
                feed.next_poll = now + self.every
                if res.not_modified:
                    feed.not_modified += 1
                    report.not_modified.append(feed.url)
                    continue

                def fetch_new(link: str, origin: str) -> RawDocument | InputFailure:
                    if self.corpus.store.has_url(link):
                        report.skipped_known += 1
                        return InputFailure(link, "already stored")
                    return fetch_page(link, origin)

                try:
                    items = list(feed_documents(res.content, feed.url, fetch_new, url=res.url,
                                                content_type=res.content_type))
                except Exception as exc:  # one hostile feed never stops the others
                    log.debug("reading %s failed", feed.url, exc_info=True)
                    reason = f"cannot read the feed: {type(exc).__name__}: {exc}"
                    self._backoff(feed, reason, now)
                    report.failed.append((feed.url, reason))
                    continue
                feed.etag, feed.last_modified = res.etag, res.last_modified  # only once read
                for item in items:
                    if isinstance(item, InputFailure) and item.reason == "already stored":
                        continue
                    docs.append(item)
        added = self.corpus.add_documents(docs)
        report.added = added.added
        report.failed.extend((f.path, f.reason) for f in added.failed)
        if added.added and self.brief_path:
            self.corpus.write_brief(self.brief_path)
        return report

    def _backoff(self, feed: FeedState, reason: str, now: float) -> None:
        feed.failures += 1
        feed.last_error = reason
        delay = min(self.every * (2 ** feed.failures), self.max_backoff)
        feed.next_poll = now + delay
        log.warning("%s: %s (retry in %.0f s)", feed.url, reason, delay)

    def run(self, max_polls: int | None = None, on_poll: Callable[[PollReport], None] | None = None) -> None:
        n = 0
        while max_polls is None or n < max_polls:
            report = self.poll()
            n += 1
            if on_poll:
                on_poll(report)
            if max_polls is not None and n >= max_polls:
                break
            due = min((f.next_poll for f in self.feeds), default=self.clock() + self.every)
            time.sleep(max(1.0, due - self.clock()))
