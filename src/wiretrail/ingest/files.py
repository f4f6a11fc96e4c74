"""Readers for byte streams: plain text, HTML, JSON (one object, a list, a container), JSON Lines.

Each reader takes the first bytes already read (``head``, used to sniff the encoding) and the whole
stream, and yields :class:`RawDocument` or :class:`InputFailure`. JSON lists and JSON Lines are read
item by item, so memory stays flat whatever the file size. A JSON record holding only a URL comes
back with an empty body (the caller fetches it).

>>> import io
>>> data = b'{"url": "https://ex.org/a", "text": "Body."}\\nnot json\\n'
>>> [type(r).__name__ for r in jsonl_records(io.BytesIO(data), data, "a.jsonl", IngestOptions())]
['RawDocument', 'InputFailure']
"""

from __future__ import annotations

import codecs
import io
import json
import logging
import re
from collections.abc import Callable, Iterator
from typing import IO, Any

from wiretrail.ingest.decode import BinaryContentError, DecodeError, decode_bytes, detect_encoding, sniff_binary
from wiretrail.ingest.feeds import looks_like_feed, looks_like_opml
from wiretrail.ingest.fetch import is_http_url, looks_like_html
from wiretrail.ingest.raw import MB, IngestOptions, RawDocument, size_text
from wiretrail.ingest.records import record_document, records_in
from wiretrail.model import InputFailure

logger = logging.getLogger(__name__)

CHUNK = 1 << 20
MAX_JSON_OBJECT = 64 * MB  # a single JSON object is parsed whole; lists and JSON Lines are streamed
_WS = re.compile(r"[ \t\r\n\ufeff]*")
_DECODER = json.JSONDecoder()

Outcome = RawDocument | InputFailure


def read_capped(stream: IO[bytes], limit: int) -> tuple[bytes, bool]:
    """Read at most ``limit`` bytes; also say whether more followed (the input was cut).

    >>> import io
    >>> read_capped(io.BytesIO(b"abcdef"), 4)
    (b'abcd', True)
    """
    data = stream.read(limit)  # one allocation for files: no copies of a large body
    if len(data) < limit:  # a pipe or socket may answer short: keep reading
        parts = [data]
        size = len(data)
        while size < limit:
            chunk = stream.read(limit - size)
            if not chunk:
                return b"".join(parts), False
            parts.append(chunk)
            size += len(chunk)
        data = b"".join(parts)
    return data, bool(stream.read(1))


def sniff_kind(head: bytes) -> str:
    """What a file without a telling extension holds, from its first bytes.

    One of ``"gzip"``, ``"warc"``, ``"opml"``, ``"feed"``, ``"html"``, ``"json"``, ``"jsonl"``,
    ``"text"``; raises :class:`BinaryContentError` for binary data.

    >>> sniff_kind(b"<!doctype html><p>x"), sniff_kind(b'{"a": 1}\\n{"a": 2}\\n'), sniff_kind(b"Words.")
    ('html', 'jsonl', 'text')
    """
    what = sniff_binary(head)
    if what == "gzip archive":
        return "gzip"
    if what:
        raise BinaryContentError(f"binary file ({what})")
    encoding = detect_encoding(head)
    if encoding != "utf-8":
        head = head.decode(encoding, "replace").encode("utf-8")
    stripped = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    if stripped.startswith((b"WARC/", b"filedesc://")):
        return "warc"
    if stripped.startswith(b"<"):
        if looks_like_opml(stripped):
            return "opml"
        if looks_like_feed(stripped):
            return "feed"
        if looks_like_html(stripped):
            return "html"
    if stripped.startswith(b"["):
        return "json"
    if stripped.startswith(b"{"):
        first = stripped.split(b"\n", 1)[0]
        try:
            json.loads(first)
            return "jsonl"
        except (ValueError, RecursionError):
            return "json"
    return "text"


def url_lines(text: str) -> list[str] | None:
    """The URLs of a URL list (every non-empty, non-``#`` line an http(s) URL), else ``None``.

    >>> url_lines("https://a.org/1\\n\\n# wires\\nhttps://b.org/2\\nhttps://a.org/1\\n")
    ['https://a.org/1', 'https://b.org/2']
    >>> url_lines("See https://a.org/1 for more") is None
    True
    """
    urls: list[str] = []
    seen: set[str] = set()
    for line in _lines(text):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        if not is_http_url(line):
            return None
        if line not in seen:
            seen.add(line)
            urls.append(line)
    return urls or None


def _lines(text: str) -> Iterator[str]:
    """Lines of ``text`` one at a time (no list of all lines of a large text)."""
    start = 0
    while start < len(text):
        end = text.find("\n", start)
        if end < 0:
            end = len(text)
        yield text[start:end]
        start = end + 1


def text_document(data: bytes, truncated: bool, origin: str, fmt: str, *, html: bool,
                  options: IngestOptions, declared: str | None = None) -> Outcome:
    """A text or HTML document from bytes read with :func:`read_capped`."""
    try:
        body = decode_bytes(data, declared, origin, truncated=truncated)
    except DecodeError as error:
        return InputFailure(origin, str(error))
    warnings = (f"cut at {size_text(options.max_bytes)}",) if truncated else ()
    if truncated:
        logger.info("%s: longer than %s; cut", origin, size_text(options.max_bytes))
    return RawDocument(origin=origin, format=fmt, text="" if html else body, html=body if html else "",
                       warnings=warnings)


def _json_error(error: Exception) -> str:
    if isinstance(error, json.JSONDecodeError):
        return f"invalid JSON: {error.msg} (line {error.lineno}, column {error.colno})"
    if isinstance(error, RecursionError):
        return "invalid JSON: nested too deeply"
    return f"invalid JSON: {error}"


def _record(value: Any, origin: str, fmt: str, outlet: str = "") -> Outcome:
    result = record_document(value, origin, fmt, outlet=outlet)
    return InputFailure(origin, result) if isinstance(result, str) else result


def jsonl_records(stream: IO[bytes], head: bytes, origin: str, options: IngestOptions) -> Iterator[Outcome]:
    """One record per line; a bad line is a failure named ``origin#N`` and the other lines still count."""
    encoding = detect_encoding(head)
    if encoding.startswith(("utf-16", "utf-32")):
        lines: Iterator[tuple[int, bytes | str, bool]] = _text_lines(
            io.TextIOWrapper(stream, encoding=encoding, errors="replace"), options.max_bytes)  # type: ignore[arg-type]
    else:
        lines = _byte_lines(stream, options.max_bytes)
    seen = 0
    for number, line, too_long in lines:
        where = f"{origin}#{number}"
        if too_long:
            yield InputFailure(where, f"line {number} is longer than {size_text(options.max_bytes)}")
            continue
        if isinstance(line, bytes):
            if not line.strip():
                continue
            try:
                line = _decode_line(line, where)
            except DecodeError as error:
                yield InputFailure(where, f"line {number}: {error}")
                continue
        if not line.strip():
            continue
        seen += 1
        try:
            value = json.loads(line.lstrip("\ufeff"))
        except (ValueError, RecursionError) as error:
            yield InputFailure(where, f"line {number}: {_json_error(error)}")
            continue
        yield _record(value, where, "jsonl")
    if not seen:
        yield InputFailure(origin, "empty file")


def _decode_line(line: bytes, where: str) -> str:
    try:
        return line.decode("utf-8")  # the common case, fast
    except UnicodeDecodeError:
        return decode_bytes(line, None, where)


def _byte_lines(stream: IO[bytes], limit: int) -> Iterator[tuple[int, bytes, bool]]:
    number = 0
    while True:
        line = stream.readline(limit + 1)
        if not line:
            return
        number += 1
        if len(line) > limit and not line.endswith(b"\n"):
            while line and not line.endswith(b"\n"):  # skip the rest of the long line
                line = stream.readline(CHUNK)
            yield number, b"", True
            continue
        yield number, line, False


def _text_lines(stream: IO[str], limit: int) -> Iterator[tuple[int, str, bool]]:
    number = 0
    while True:
        line = stream.readline(limit + 1)
        if not line:
            return
        number += 1
        if len(line) > limit and not line.endswith("\n"):
            while line and not line.endswith("\n"):
                line = stream.readline(CHUNK)
            yield number, "", True
            continue
        yield number, line, False


class _Text:
    """Decoded text read chunk by chunk from a byte stream, with a cursor (for streaming JSON)."""

    def __init__(self, stream: IO[bytes], encoding: str) -> None:
        self._stream = stream
        self._decoder = codecs.getincrementaldecoder(encoding)(errors="replace")
        self.text = ""
        self.pos = 0
        self.eof = False

    def fill(self, size: int = CHUNK) -> None:
        if self.pos:
            self.text, self.pos = self.text[self.pos:], 0
        while not self.eof:
            data = self._stream.read(size)
            chunk = self._decoder.decode(data, final=not data)
            self.eof = not data
            if chunk or self.eof:
                self.text += chunk
                return

    def skip_space(self) -> str:
        """Move past whitespace; return the next character ("" at the end)."""
        while True:
            self.pos = _WS.match(self.text, self.pos).end()  # type: ignore[union-attr]
            if self.pos < len(self.text) or self.eof:
                return self.text[self.pos] if self.pos < len(self.text) else ""
            self.fill()

    def value(self, max_chars: int) -> Any:
        size = CHUNK
        while True:
            if not self.eof and len(self.text) - self.pos < 64:
                self.fill(size)
            try:
                value, end = _DECODER.raw_decode(self.text, self.pos)
            except json.JSONDecodeError:
                if self.eof or len(self.text) - self.pos > max_chars:
                    raise
                self.fill(size)
                size = min(size * 2, 64 * CHUNK)
                continue
            self.pos = end
            return value


def json_records(stream: IO[bytes], head: bytes, origin: str, options: IngestOptions) -> Iterator[Outcome]:
    """Records of a JSON file: one object, a list of objects (streamed), or a container of them."""
    text = _Text(stream, detect_encoding(head))
    text.fill()
    first = text.skip_space()
    if not first:
        yield InputFailure(origin, "empty file")
        return
    if first != "[":
        yield from _json_object(text, origin, options)
        return
    text.pos += 1
    number = 0
    while True:
        char = text.skip_space()
        if char == "]":
            break
        if number:
            if char != ",":
                yield InputFailure(f"{origin}#{number + 1}",
                                   f"invalid JSON after item {number}: expected ',' or ']', "
                                   f"found {char or 'the end'!r}")
                return
            text.pos += 1
            text.skip_space()
        number += 1
        try:
            value = text.value(options.max_bytes)
        except (ValueError, RecursionError) as error:
            yield InputFailure(f"{origin}#{number}", f"item {number}: {_json_error(error)}; the rest is not read")
            return
        yield _record(value, f"{origin}#{number}", "json")
    if number == 0:
        yield InputFailure(origin, "empty JSON list")


def _json_object(text: _Text, origin: str, options: IngestOptions) -> Iterator[Outcome]:
    while not text.eof and len(text.text) <= MAX_JSON_OBJECT:
        text.fill()
    if not text.eof:
        yield InputFailure(origin, f"JSON object larger than {size_text(MAX_JSON_OBJECT)}; "
                                   "write a JSON list or JSON Lines instead")
        return
    try:
        value = json.loads(text.text[text.pos:])
    except (ValueError, RecursionError) as error:
        yield InputFailure(origin, _json_error(error))
        return
    records, outlet = records_in(value)
    if not records:
        yield InputFailure(origin, "no records in the JSON file")
    for number, record in enumerate(records, 1):
        yield _record(record, origin if len(records) == 1 else f"{origin}#{number}", "json", outlet)


def with_bodies(outcomes: Iterator[Outcome], fetch_page: Callable[[str, str], Outcome]) -> Iterator[Outcome]:
    """Fetch the page of each record that has a URL but no body."""
    from wiretrail.ingest.records import complete

    for outcome in outcomes:
        if isinstance(outcome, RawDocument):
            yield from complete(outcome, fetch_page)
        else:
            yield outcome
