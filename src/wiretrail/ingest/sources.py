"""``read_inputs``: any mix of files, directories, globs, URLs and stdin, to raw documents.

Dispatch is by extension, else by sniffing the first bytes. One bad input (or one bad record inside
a file) becomes an :class:`InputFailure` naming it and the reason; reading always goes on.

>>> from wiretrail.ingest import read_inputs
>>> for item in read_inputs(["news/", "https://apnews.com/hub/syria", "-"]):  # doctest: +SKIP
...     print(item)
"""

from __future__ import annotations

import glob
import gzip
import io
import logging
import os
import sys
import zlib
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import IO

from wiretrail.ingest.decode import BinaryContentError, sniff_binary
from wiretrail.ingest.feeds import feed_documents, looks_like_feed, looks_like_opml, opml_feed_urls
from wiretrail.ingest.fetch import Fetcher, FetchError, FetchResult, is_http_url, page_document
from wiretrail.ingest.files import (
    Outcome,
    json_records,
    jsonl_records,
    read_capped,
    sniff_kind,
    text_document,
    url_lines,
    with_bodies,
)
from wiretrail.ingest.raw import IngestOptions, RawDocument
from wiretrail.ingest.warc import warc_documents, warc_stream_documents
from wiretrail.model import InputFailure

logger = logging.getLogger(__name__)

SNIFF_BYTES = 64 * 1024

EXTENSIONS: dict[str, str] = {
    ".txt": "text", ".text": "text", ".md": "text",
    ".html": "html", ".htm": "html", ".xhtml": "html", ".shtml": "html",
    ".json": "json", ".jsonl": "jsonl", ".ndjson": "jsonl", ".jsonlines": "jsonl",
    ".warc": "warc", ".arc": "warc", ".wet": "warc",
    ".rss": "feed", ".atom": "feed", ".rdf": "feed", ".xml": "feed",
    ".opml": "opml", ".urls": "urls",
    ".gz": "gzip",
}
FORMATS = {"text": "txt", "html": "html", "urls": "txt"}
# Files a saved web page or a crawl folder carries beside the articles: skipped in directory walks.
ASSET_EXTENSIONS = frozenset({
    ".js", ".mjs", ".css", ".map", ".png", ".jpg", ".jpeg", ".gif", ".svg", ".ico", ".webp", ".avif",
    ".bmp", ".tif", ".tiff", ".woff", ".woff2", ".ttf", ".otf", ".eot", ".mp3", ".mp4", ".m4a", ".webm",
    ".ogg", ".wav", ".mov", ".avi", ".pyc", ".db", ".sqlite", ".parquet", ".lock",
})
_FEED_TYPES = ("application/rss+xml", "application/atom+xml", "application/rdf+xml", "application/x-rss+xml",
               "application/x-atom+xml")
_GLOB_CHARS = frozenset("*?[")


def kind_from_name(name: str) -> str | None:
    """The reader an extension asks for (``None``: sniff the content).

    >>> kind_from_name("crawl.warc.gz"), kind_from_name("a.jsonl.gz"), kind_from_name("README")
    ('warc', 'gzip', None)
    """
    name = name.lower()
    if name.endswith((".warc.gz", ".arc.gz", ".wet.gz", ".warc.wet.gz", ".warc.wat.gz")):
        return "warc"
    return EXTENSIONS.get(os.path.splitext(name)[1])


def read_inputs(inputs: Sequence[str], options: IngestOptions | None = None, *,
                stdin: IO[bytes] | None = None, fetcher: Fetcher | None = None) -> Iterator[Outcome]:
    """Read every input and yield a :class:`RawDocument` or an :class:`InputFailure` for each item.

    ``inputs`` are paths (files or directories), glob patterns, http(s) URLs, or ``"-"`` for
    ``stdin`` (a binary stream; ``sys.stdin.buffer`` by default, so tests can pass ``io.BytesIO``).
    A ``fetcher`` may be shared between calls (connections are reused; its own options govern
    fetching); else one is made and closed here. Nothing raises for one bad input.

    >>> import io
    >>> [d.text for d in read_inputs(["-"], stdin=io.BytesIO(b"Reuters - Syria ..."))]
    ['Reuters - Syria ...']
    """
    if isinstance(inputs, (str, bytes, os.PathLike)):
        inputs = [os.fsdecode(inputs)]  # one input given bare, not a list of its characters
    reader = _Reader(options or IngestOptions(), stdin=stdin, fetcher=fetcher)
    try:
        for item in inputs:
            yield from reader.guarded(str(item), reader.read_input)
    finally:
        reader.close()


class _Reader:
    """One reading session: options, a lazily made fetcher, and the dispatch between readers."""

    def __init__(self, options: IngestOptions, *, stdin: IO[bytes] | None, fetcher: Fetcher | None) -> None:
        self.options = options
        self._stdin = stdin
        self._fetcher = fetcher
        self._own_fetcher = fetcher is None

    def close(self) -> None:
        if self._own_fetcher and self._fetcher is not None:
            self._fetcher.close()

    @property
    def fetcher(self) -> Fetcher:
        if self._fetcher is None:
            self._fetcher = Fetcher(self.options)
        return self._fetcher

    def guarded(self, name: str, read, *args) -> Iterator[Outcome]:  # type: ignore[no-untyped-def]
        """Run one reader; an unexpected error becomes a failure for that input only."""
        try:
            yield from read(name, *args)
        except Exception as error:  # the edge of one input: report it, go on with the others
            logger.warning("%s: %s: %s", name, type(error).__name__, error, exc_info=True)
            yield InputFailure(name, f"cannot read: {type(error).__name__}: {error}")

    # -- what an input names ---------------------------------------------------------------

    def read_input(self, item: str) -> Iterator[Outcome]:
        if not self.options.local_files and not is_http_url(item):
            yield InputFailure(item, "only http(s) URLs are read here (local files are off)")
        elif item == "-":
            yield from self.read_stdin()
        elif is_http_url(item):
            yield from self.read_url(item, item)
        else:
            yield from self.read_path(item)

    def read_path(self, item: str) -> Iterator[Outcome]:
        path = Path(item).expanduser()
        if not os.path.lexists(path):
            if _GLOB_CHARS & set(item):
                matches = sorted(glob.glob(os.path.expanduser(item), recursive=True))
                if not matches:
                    yield InputFailure(item, "no file matches this pattern")
                for match in matches:
                    yield from self.guarded(match, self.read_path)
                return
            yield InputFailure(item, "no such file or directory")
        elif path.is_dir():
            yield from self.read_dir(item)
        else:
            yield from self.read_file(item)

    def read_dir(self, top: str) -> Iterator[Outcome]:
        count = assets = 0
        errors: list[OSError] = []
        for root, dirs, files in os.walk(top, onerror=errors.append):
            dirs[:] = sorted(d for d in dirs if not d.startswith(".")) if self.options.recursive else []
            for name in sorted(files):
                if name.startswith("."):
                    continue
                path = os.path.join(root, name)
                if os.path.splitext(name)[1].lower() in ASSET_EXTENSIONS:
                    assets += 1
                    continue
                if not os.path.isfile(path):
                    continue  # FIFOs, sockets, dangling links: never block on them in a walk
                count += 1
                yield from self.guarded(path, self.read_file)
            count += len(errors)
            yield from _listing_failures(errors, top)  # sub-directories that could not be listed
        count += len(errors)
        yield from _listing_failures(errors, top)  # the directory itself could not be listed
        if assets:
            logger.info("%s: skipped %d asset files (scripts, styles, images, fonts, media)", top, assets)
        if not count:
            yield InputFailure(top, "directory has no files to read")

    def read_file(self, path: str) -> Iterator[Outcome]:
        kind = kind_from_name(os.path.basename(path))
        if kind == "warc":
            yield from warc_documents(path, self.options)
            return
        try:
            stream = open(path, "rb")
        except OSError as error:
            yield InputFailure(path, f"cannot open: {error.strerror or error}")
            return
        with stream:
            yield from self.read_stream(stream, path, kind, name=os.path.basename(path))

    def read_stdin(self) -> Iterator[Outcome]:
        stream = self._stdin if self._stdin is not None else sys.stdin.buffer
        yield from self.read_stream(stream, "stdin", None, name="stdin", text_format="stdin")

    # -- streams ---------------------------------------------------------------------------

    def read_stream(self, stream: IO[bytes], origin: str, kind: str | None, *, name: str,
                    text_format: str | None = None) -> Iterator[Outcome]:
        head, stream = _peek(stream, SNIFF_BYTES)
        if kind not in ("gzip", "warc"):
            what = sniff_binary(head[:1024])
            if what and not (what == "gzip archive" and kind is None):
                yield InputFailure(origin, f"binary file ({what})")
                return
        if kind is None:
            try:
                kind = sniff_kind(head)
            except BinaryContentError as error:
                yield InputFailure(origin, str(error))
                return
        if kind == "gzip":
            yield from self._read_gzip(stream, origin, name)
        elif kind == "warc":
            yield from warc_stream_documents(stream, origin, self.options)
        elif kind in ("text", "html", "urls"):
            yield from self._read_text(stream, origin, kind, text_format)
        elif kind == "json":
            yield from with_bodies(json_records(stream, head, origin, self.options), self.fetch_page)
        elif kind == "jsonl":
            yield from with_bodies(jsonl_records(stream, head, origin, self.options), self.fetch_page)
        elif kind in ("feed", "opml"):
            data, cut = read_capped(stream, self.options.max_bytes)
            if cut:
                logger.warning("%s: feed longer than the size limit; cut (items after the cut are lost)", origin)
            yield from self._read_markup(data, origin)
        else:  # pragma: no cover - every kind is listed above
            yield InputFailure(origin, f"no reader for {kind}")

    def _read_gzip(self, stream: IO[bytes], origin: str, name: str) -> Iterator[Outcome]:
        inner = name[:-3] if name.lower().endswith(".gz") else ""
        kind = kind_from_name(inner) if inner else None
        unpacked = gzip.GzipFile(fileobj=stream, mode="rb")
        try:
            yield from self.read_stream(unpacked, origin, None if kind == "gzip" else kind,
                                        name=inner or "unpacked")
        except (gzip.BadGzipFile, EOFError, zlib.error) as error:
            yield InputFailure(origin, f"broken gzip data: {error}")

    def _read_text(self, stream: IO[bytes], origin: str, kind: str, text_format: str | None) -> Iterator[Outcome]:
        data, cut = read_capped(stream, self.options.max_bytes)
        fmt = text_format or FORMATS[kind]
        doc = text_document(data, cut, origin, fmt, html=kind == "html", options=self.options)
        if isinstance(doc, RawDocument) and kind != "html":
            urls = url_lines(doc.text)
            if urls:
                for url in urls:
                    yield from self.guarded(url, self.read_url, url)
                return
            if kind == "urls":
                yield InputFailure(origin, "not a URL list: some lines are not http(s) URLs")
                return
        yield doc

    def _read_markup(self, data: bytes, origin: str, *, url: str = "", content_type: str = "",
                     depth: int = 0) -> Iterator[Outcome]:
        if looks_like_opml(data):
            if depth > 0:
                yield InputFailure(origin, "an OPML list inside an OPML list is not followed")
                return
            try:
                feeds = opml_feed_urls(data, origin)
            except ValueError as error:
                yield InputFailure(origin, str(error))
                return
            for feed in feeds:
                if not is_http_url(feed):
                    yield InputFailure(origin, f"OPML entry is not an http(s) URL: {feed[:200]!r}")
                    continue
                yield from self.guarded(feed, self.read_url, feed, depth + 1)
        elif looks_like_feed(data):
            yield from feed_documents(data, origin, self.fetch_page, url=url, content_type=content_type)
        else:
            yield InputFailure(origin, "XML that is neither an RSS/Atom feed nor an OPML list")

    # -- the network -----------------------------------------------------------------------

    def _fetch(self, url: str) -> FetchResult | str:
        if not self.options.network:
            return "network access is off"
        try:
            return self.fetcher.fetch(url)
        except FetchError as error:
            return error.reason

    def read_url(self, url: str, origin: str, depth: int = 0) -> Iterator[Outcome]:
        """A URL given as input (or listed in a URL list or OPML): a page, a feed, a list."""
        result = self._fetch(url)
        if isinstance(result, str):
            yield InputFailure(origin, result)
            return
        head = result.content[:SNIFF_BYTES]
        media = result.content_type
        if media in _FEED_TYPES or looks_like_feed(head) or looks_like_opml(head):
            yield from self._read_markup(result.content, origin, url=result.url, content_type=media, depth=depth)
        elif media in ("application/json", "application/feed+json"):
            stream = io.BytesIO(result.content)
            yield from with_bodies(json_records(stream, head, origin, self.options), self.fetch_page)
        else:
            yield page_document(result, origin, "url")

    def fetch_page(self, url: str, origin: str) -> RawDocument | InputFailure:
        """Fetch one page (a feed item's link, a JSON record's URL)."""
        result = self._fetch(url)
        if isinstance(result, str):
            return InputFailure(origin, f"{url}: {result}")
        return page_document(result, origin, "url")


class _Replay(io.RawIOBase):
    """Replays bytes already read before the rest of a stream that cannot seek."""

    def __init__(self, head: bytes, rest: IO[bytes]) -> None:
        self._head = memoryview(head)
        self._rest = rest

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:  # type: ignore[no-untyped-def,override]
        if len(self._head):
            n = min(len(buffer), len(self._head))
            buffer[:n] = self._head[:n]
            self._head = self._head[n:]
            return n
        data = self._rest.read(len(buffer))
        buffer[: len(data)] = data
        return len(data)


def _listing_failures(errors: list[OSError], top: str) -> Iterator[InputFailure]:
    while errors:
        error = errors.pop(0)
        yield InputFailure(str(error.filename or top), f"cannot list directory: {error.strerror or error}")


def _seekable(stream: IO[bytes]) -> bool:
    try:
        return bool(stream.seekable())
    except (OSError, ValueError, AttributeError):
        return False


def _peek(stream: IO[bytes], size: int) -> tuple[bytes, IO[bytes]]:
    """The first ``size`` bytes of ``stream``, and a stream that still starts at the beginning."""
    if _seekable(stream):
        start = stream.tell()
        head, _ = read_capped(stream, size)
        stream.seek(start)
        return head, stream
    head, _ = read_capped(stream, size)
    return head, io.BufferedReader(_Replay(head, stream), buffer_size=1 << 16)
