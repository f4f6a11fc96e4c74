"""WARC (and ARC, WET) files: HTML and text responses become documents, streamed record by record.

Memory stays flat: records are read one at a time and each body at most up to ``max_bytes``.
A broken record is reported as an :class:`InputFailure` naming ``path#N`` and the byte offset;
reading then resumes at the next record start found after it (gzip member or ``WARC/1.x`` line),
so the good records after a bad one are still read. A record whose body ends early (a file cut
during download) is reported, not passed on half-read.

>>> docs = list(warc_documents("crawl.warc.gz", IngestOptions()))  # doctest: +SKIP
"""

from __future__ import annotations

import logging
import os
from collections import Counter
from collections.abc import Iterator
from typing import IO, Any

from wiretrail.ingest.decode import DecodeError, decode_bytes
from wiretrail.ingest.fetch import http_date_iso, looks_like_html
from wiretrail.ingest.raw import IngestOptions, RawDocument, size_text
from wiretrail.ingest.records import iso_date
from wiretrail.model import InputFailure

logger = logging.getLogger(__name__)

HTML_TYPES = ("text/html", "application/xhtml+xml")
TEXT_TYPES = ("text/plain",)
KNOWN_TYPES = frozenset({"warcinfo", "response", "resource", "request", "metadata", "revisit",
                         "conversion", "continuation"})
_SCAN_CHUNK = 1 << 20


def _media(value: str | None) -> tuple[str, str]:
    """(media type, charset) from a Content-Type value."""
    if not value:
        return "", ""
    parts = [p.strip() for p in value.split(";")]
    charset = ""
    for part in parts[1:]:
        key, _, val = part.partition("=")
        if key.strip().lower() == "charset":
            charset = val.strip().strip("\"'")
    return parts[0].lower(), charset


def _record_document(record: Any, origin: str, options: IngestOptions, skipped: Counter[str]
                     ) -> RawDocument | InputFailure | None:
    kind = record.rec_type
    if kind not in KNOWN_TYPES:
        return InputFailure(origin, f"unknown WARC record type {str(kind)[:40]!r} (truncated or corrupt record)")
    if kind not in ("response", "resource", "conversion"):
        skipped[kind] += 1
        return None
    headers = record.http_headers
    if kind == "response" and headers is not None:
        status = headers.get_statuscode() or ""
        if not status.startswith("2"):
            skipped[f"HTTP {status or '?'}"] += 1
            return None
        media, charset = _media(headers.get_header("Content-Type"))
    else:
        media, charset = _media(record.rec_headers.get_header("Content-Type"))
    # crawled responses: HTML only (text/plain ones are robots.txt and the like); text/plain comes
    # from WET "conversion" records and from archived "resource" files
    allowed = HTML_TYPES if kind == "response" else HTML_TYPES + TEXT_TYPES
    if media and media not in allowed:
        skipped[media] += 1
        return None
    stream = record.content_stream()
    body = stream.read(options.max_bytes + 1)
    cut = len(body) > options.max_bytes
    if cut:
        body = body[: options.max_bytes]
    else:
        missing = getattr(record.raw_stream, "limit", 0) or 0
        if missing > 0:
            return InputFailure(origin, f"record truncated ({size_text(missing)} missing)")
    url = record.rec_headers.get_header("WARC-Target-URI") or ""
    try:
        text = decode_bytes(body, charset or None, origin, truncated=cut)
    except DecodeError as error:
        return InputFailure(origin, f"{url or 'record'}: {error}")
    is_html = media in HTML_TYPES or (not media and looks_like_html(body[:2048]))
    modified = headers.get_header("Last-Modified") if headers is not None else None
    published = http_date_iso(modified or "") or iso_date(record.rec_headers.get_header("WARC-Date"))
    warnings = (f"cut at {size_text(options.max_bytes)}",) if cut else ()
    return RawDocument(origin=origin, format="warc", html=text if is_html else "",
                       text="" if is_html else text, url=url, published=published, warnings=warnings)


def _next_start(fh: IO[bytes], start: int, gzipped: bool) -> int | None:
    """Offset of the first record start at or after ``start``, or ``None``."""
    marker = b"\x1f\x8b\x08" if gzipped else b"\nWARC/1."
    fh.seek(start)
    offset = start
    carry = b""
    while True:
        chunk = fh.read(_SCAN_CHUNK)
        if not chunk:
            return None
        data = carry + chunk
        found = data.find(marker)
        if found >= 0:
            position = offset - len(carry) + found
            return position if gzipped else position + 1
        carry = data[-(len(marker) - 1):]
        offset += len(chunk)


def warc_documents(path: str, options: IngestOptions, *, origin: str | None = None
                   ) -> Iterator[RawDocument | InputFailure]:
    """The documents in a WARC/ARC/WET file (plain or gzip), with failures for broken records.

    Documents are named ``path#N``, N counting the file's records from 1.
    """
    origin = origin or path
    try:
        size = os.path.getsize(path)
        fh = open(path, "rb")
    except OSError as error:
        yield InputFailure(origin, f"cannot open: {error.strerror or error}")
        return
    with fh:
        yield from _read(fh, origin, options, size=size, seekable=True)


def warc_stream_documents(stream: IO[bytes], origin: str, options: IngestOptions
                          ) -> Iterator[RawDocument | InputFailure]:
    """Like :func:`warc_documents` for a stream that cannot seek (stdin): stops at a broken record."""
    yield from _read(stream, origin, options, size=None, seekable=False)


def _read(fh: IO[bytes], origin: str, options: IngestOptions, *, size: int | None, seekable: bool
          ) -> Iterator[RawDocument | InputFailure]:
    from warcio.archiveiterator import ArchiveIterator  # lazy: only WARC inputs need it

    head = fh.read(2)
    gzipped = head == b"\x1f\x8b"
    if seekable:
        fh.seek(0)
    else:
        fh = _Prepend(head, fh)
    number = 0
    skipped: Counter[str] = Counter()
    found = 0
    failed = 0
    while True:
        iterator = ArchiveIterator(fh, arc2warc=True)
        in_record = False
        try:
            for record in iterator:
                number += 1
                in_record = True
                result = _record_document(record, f"{origin}#{number}", options, skipped)
                in_record = False
                if result is not None:
                    found += 1
                    yield result
            end = iterator.offset
            if size is not None and size - end > 4 and number > 0:
                yield InputFailure(f"{origin}#{number + 1}",
                                   f"unreadable data at byte {end} ({size_text(size - end)}; file truncated?)")
            break
        except Exception as error:  # warcio raises many kinds of error on bad bytes
            if not in_record:
                number += 1  # the record that could not even be parsed
            start = iterator.offset  # where the failing record begins
            detail = "".join(c if c.isprintable() else "?" for c in str(error)[:120])
            reason = f"broken record at byte {start}: {type(error).__name__}: {detail}"
            failed += 1
            yield InputFailure(f"{origin}#{number}", reason)
            if not seekable:
                break
            resume = _next_start(fh, start + 1, gzipped)
            if resume is None:
                break
            logger.info("%s: resuming after a broken record, at byte %d", origin, resume)
            fh.seek(resume)
    if skipped:
        logger.debug("%s: skipped records: %s", origin, dict(skipped))
    if number == 0 and found == 0:
        yield InputFailure(origin, "no WARC records")
    elif found == 0 and failed == 0:
        kinds = ", ".join(f"{n} {k}" for k, n in skipped.most_common(3)) or f"{number} record(s)"
        yield InputFailure(origin, f"no HTML article in the file (skipped: {kinds})")


class _Prepend:
    """A read-only stream that replays ``head`` before the rest of ``stream``."""

    def __init__(self, head: bytes, stream: IO[bytes]) -> None:
        self._head = head
        self._stream = stream

    def read(self, size: int = -1) -> bytes:
        if self._head:
            if size is None or size < 0:
                data, self._head = self._head + self._stream.read(), b""
                return data
            data, self._head = self._head[:size], self._head[size:]
            if len(data) < size:
                data += self._stream.read(size - len(data))
            return data
        return self._stream.read(size)

    def tell(self) -> int:
        raise OSError("stream cannot tell")
