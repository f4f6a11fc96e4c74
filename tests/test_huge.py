"""Huge inputs: a 10 MB single article is cut with a warning; a 1 GB WARC streams with flat memory.

The WARC test writes 1 GB to a temporary folder and is marked ``slow``: it runs with
``WIRETRAIL_SLOW=1 pytest tests/test_huge.py``.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from wiretrail.corpus import Corpus
from wiretrail.settings import Settings

MB = 1024 * 1024
slow = pytest.mark.skipif(os.environ.get("WIRETRAIL_SLOW") != "1", reason="slow: set WIRETRAIL_SLOW=1")

PARAGRAPH = ("Rebel fighters took control of the airport of Tal Hamra on Saturday after a week of heavy fighting, "
             "two rebel commanders said, while the army said it had redeployed to protect civilians. ")


def test_huge_10mb_article_is_cut_with_a_warning(tmp_path):
    path = tmp_path / "huge.txt"
    with path.open("w", encoding="utf-8") as fh:
        fh.write("Rebels take the airport of Tal Hamra\n\n")
        n = 0
        while fh.tell() < 12 * MB:
            fh.write(f"{PARAGRAPH}Paragraph {n}.\n\n")
            n += 1
    settings = Settings(analyse=False)
    with Corpus.open(tmp_path / "h.db", settings) as corpus:
        report = corpus.add([str(path)])
        assert not report.failed and len(report.added) == 1
        assert any("huge.txt" in w and "cut" in w for w in report.warnings), report.warnings
        art = corpus.article(report.added[0])
    assert 0 < len(art.text) <= settings.max_article_chars
    assert art.text.rstrip().endswith(".")  # cut at a line break, not inside a word


def _write_warc(path: Path, size: int, body_kb: int = 100) -> int:
    """An uncompressed WARC of HTML responses, about ``size`` bytes; returns the record count."""
    para = f"<p>{PARAGRAPH}</p>\n"
    n = 0
    with path.open("wb") as fh:
        while fh.tell() < size:
            html = (f"<html><head><title>Report {n}</title></head><body><article><h1>Report {n}</h1>"
                    + para * (body_kb * 1024 // len(para)) + f"<p>Report number {n}.</p></article></body></html>")
            http = b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n" + html.encode()
            head = (f"WARC/1.0\r\nWARC-Type: response\r\nWARC-Record-ID: <urn:uuid:00000000-0000-0000-0000-{n:012d}>\r\n"
                    f"WARC-Target-URI: https://news.example/{n}\r\nWARC-Date: 2025-10-03T10:00:00Z\r\n"
                    f"Content-Type: application/http; msgtype=response\r\nContent-Length: {len(http)}\r\n\r\n")
            fh.write(head.encode() + http + b"\r\n\r\n")
            n += 1
    return n


_READER = """
import resource, sys
from wiretrail.ingest import read_inputs
docs = fails = 0
for item in read_inputs([sys.argv[1]]):
    if hasattr(item, "html"):
        docs += 1
    else:
        fails += 1
print(docs, fails, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024)
"""


def _stream(path: Path) -> tuple[int, int, int]:
    out = subprocess.run([sys.executable, "-c", _READER, str(path)], capture_output=True, text=True, timeout=3600)
    assert out.returncode == 0, out.stderr
    docs, fails, rss_mb = map(int, out.stdout.split())
    return docs, fails, rss_mb


@pytest.mark.slow
@slow
def test_huge_1gb_warc_streams_with_flat_memory(tmp_path):
    small, big = tmp_path / "small.warc", tmp_path / "big.warc"
    n_small = _write_warc(small, 50 * MB)
    n_big = _write_warc(big, 1024 * MB)
    docs_small, fails_small, rss_small = _stream(small)
    small.unlink()
    docs_big, fails_big, rss_big = _stream(big)
    print(f"\n50 MB WARC: {n_small} records, peak RSS {rss_small} MB; 1 GB WARC: {n_big} records, peak RSS {rss_big} MB")
    assert (docs_small, fails_small) == (n_small, 0) and (docs_big, fails_big) == (n_big, 0)
    assert rss_big <= rss_small + 64, "memory grows with the file: it is not streamed"
