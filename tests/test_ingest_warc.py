"""WARC files written with warcio: good records read, broken ones reported, reading goes on."""

from __future__ import annotations

import io
import tracemalloc
import zlib
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from wiretrail.ingest import IngestOptions, RawDocument, read_inputs
from wiretrail.model import InputFailure

OPTIONS = IngestOptions(network=False)


def page(n: int, extra: str = "") -> bytes:
    return (f"<html><head><title>Story {n}</title></head><body><p>Story {n}: Turkish-backed factions "
            f"advanced on Tal Rifaat, the monitor said. Caf\u00e9 {extra}</p></body></html>").encode()


def make_warc(path: Path, records: list[tuple[str, bytes, str]], *, gz: bool) -> Path:
    """Write a WARC: a warcinfo record, then per (url, body, content type) a request and a response."""
    with path.open("wb") as out:
        writer = WARCWriter(out, gzip=gz)
        writer.write_record(writer.create_warcinfo_record(path.name, {"software": "wiretrail-tests"}))
        for url, body, content_type in records:
            request = StatusAndHeaders("GET / HTTP/1.1", [("Host", "example.org")], is_http_request=True)
            writer.write_record(writer.create_warc_record(url, "request", http_headers=request))
            headers = StatusAndHeaders("200 OK", [("Content-Type", content_type),
                                                  ("Last-Modified", "Fri, 20 Nov 2026 08:00:00 GMT")],
                                       protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(url, "response", payload=io.BytesIO(body),
                                                          http_headers=headers))
    return path


def read(path: Path, options: IngestOptions = OPTIONS) -> list:
    return list(read_inputs([str(path)], options))


GOOD = [("https://example.org/1", page(1), "text/html; charset=utf-8"),
        ("https://example.org/2", page(2).decode().encode("cp1252"), "text/html; charset=windows-1252")]


@pytest.mark.parametrize("gz", [False, True], ids=["plain", "gzip"])
def test_ingest_warc_two_good_responses(tmp_path: Path, gz: bool) -> None:
    path = make_warc(tmp_path / ("a.warc.gz" if gz else "a.warc"), GOOD, gz=gz)
    result = read(path)
    assert all(isinstance(r, RawDocument) for r in result), result
    assert [(d.origin, d.url, d.format) for d in result] == [
        (f"{path}#3", "https://example.org/1", "warc"), (f"{path}#5", "https://example.org/2", "warc")]
    assert all("Caf\u00e9" in d.html for d in result)
    assert result[0].published == "2026-11-20T08:00:00+00:00"


def test_ingest_warc_reads_html_responses_only(tmp_path: Path) -> None:
    records = GOOD[:1] + [("https://example.org/logo.png", b"\x89PNG\r\n\x1a\n" + bytes(100), "image/png"),
                          ("https://example.org/robots.txt", b"User-agent: *\nDisallow:\n", "text/plain"),
                          ("https://example.org/x.xhtml", page(3), "application/xhtml+xml")]
    result = read(make_warc(tmp_path / "mixed.warc.gz", records, gz=True))
    assert [d.url for d in result] == ["https://example.org/1", "https://example.org/x.xhtml"]


def test_ingest_warc_wet_conversion_records_are_text(tmp_path: Path) -> None:
    path = tmp_path / "a.warc.wet.gz"
    with path.open("wb") as out:
        writer = WARCWriter(out, gzip=True)
        writer.write_record(writer.create_warc_record(
            "https://example.org/1", "conversion", payload=io.BytesIO("Extracted text, caf\u00e9.".encode()),
            warc_content_type="text/plain"))
    [doc] = read(path)
    assert (doc.text, doc.html, doc.url) == ("Extracted text, caf\u00e9.", "", "https://example.org/1")


def _gzip_members(data: bytes) -> list[int]:
    """Where each gzip member starts, found by decompressing (the magic bytes can also occur inside
    compressed data, and record ids and dates differ on every run)."""
    starts, pos = [], 0
    while pos < len(data):
        starts.append(pos)
        member = zlib.decompressobj(16 + zlib.MAX_WBITS)
        member.decompress(data[pos:])
        pos = len(data) - len(member.unused_data)
    return starts


def test_ingest_warc_broken_record_in_the_middle_gzip(tmp_path: Path) -> None:
    records = [(f"https://example.org/{n}", page(n), "text/html") for n in range(1, 5)]
    path = make_warc(tmp_path / "bad.warc.gz", records, gz=True)
    data = bytearray(path.read_bytes())
    target = _gzip_members(bytes(data))[4]  # the gzip member of the second response record
    data[target + 20: target + 60] = bytes(40)  # corrupt its deflate stream
    path.write_bytes(bytes(data))
    result = read(path)
    urls = [r.url for r in result if isinstance(r, RawDocument)]
    failures = [r for r in result if isinstance(r, InputFailure)]
    assert urls == ["https://example.org/1", "https://example.org/3", "https://example.org/4"]
    assert len(failures) == 1 and failures[0].path.startswith(f"{path}#")
    assert "broken record at byte" in failures[0].reason


def test_ingest_warc_garbage_between_records_plain(tmp_path: Path) -> None:
    records = [(f"https://example.org/{n}", page(n), "text/html") for n in range(1, 4)]
    path = make_warc(tmp_path / "junk.warc", records, gz=False)
    data = path.read_bytes()
    cut = data.index(b"WARC/1.", data.index(b"https://example.org/2") - 400)
    path.write_bytes(data[:cut] + b"this is not a WARC record at all\r\n\r\n" + data[cut:])
    result = read(path)
    assert [r.url for r in result if isinstance(r, RawDocument)][-1] == "https://example.org/3"
    assert "https://example.org/1" in [r.url for r in result if isinstance(r, RawDocument)]


@pytest.mark.parametrize("gz", [False, True], ids=["plain", "gzip"])
def test_ingest_warc_truncated_file(tmp_path: Path, gz: bool) -> None:
    records = [(f"https://example.org/{n}", page(n, "x" * 3000), "text/html") for n in range(1, 4)]
    path = make_warc(tmp_path / ("cut.warc.gz" if gz else "cut.warc"), records, gz=gz)
    data = path.read_bytes()
    path.write_bytes(data[: len(data) - (300 if gz else 1500)])
    result = read(path)
    urls = [r.url for r in result if isinstance(r, RawDocument)]
    failures = [r for r in result if isinstance(r, InputFailure)]
    assert urls == ["https://example.org/1", "https://example.org/2"]
    assert len(failures) == 1 and failures[0].path.startswith(f"{path}#")


def test_ingest_warc_not_a_warc(tmp_path: Path) -> None:
    path = tmp_path / "fake.warc"
    path.write_bytes(b"Just some text pretending.\n")
    [failure] = read(path)
    assert isinstance(failure, InputFailure) and failure.path == f"{path}#1"


def test_ingest_warc_large_record_cut_memory_flat(tmp_path: Path) -> None:
    big = b"<html><body><p>" + b"Aleppo shelling continued overnight. " * 300000 + b"</p></body></html>"  # 11 MB
    path = make_warc(tmp_path / "big.warc", [("https://example.org/big", big, "text/html")] + GOOD, gz=False)
    tracemalloc.start()
    try:
        result = read(path, IngestOptions(network=False, max_bytes=1024 * 1024))
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert [r.url for r in result] == ["https://example.org/big", "https://example.org/1", "https://example.org/2"]
    assert len(result[0].html) == 1024 * 1024 and result[0].warnings == ("cut at 1 MB",)
    assert peak < 12 * 1024 * 1024, f"peak {peak / 2**20:.1f} MB reading an 11 MB record"


def test_ingest_warc_from_stdin(tmp_path: Path) -> None:
    data = make_warc(tmp_path / "s.warc.gz", GOOD, gz=True).read_bytes()
    result = list(read_inputs(["-"], OPTIONS, stdin=io.BytesIO(data)))
    assert [(r.origin, r.url) for r in result] == [("stdin#3", "https://example.org/1"), ("stdin#5", "https://example.org/2")]
