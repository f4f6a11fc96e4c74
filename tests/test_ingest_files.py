"""Reading files, directories and stdin into raw documents (wiretrail.ingest, no network)."""

from __future__ import annotations

import codecs
import gzip
import io
import json
import tracemalloc
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from wiretrail.ingest import IngestOptions, RawDocument, read_inputs
from wiretrail.ingest.records import iso_date, record_document, records_in
from wiretrail.ingest.sources import kind_from_name
from wiretrail.model import InputFailure

OFFLINE = IngestOptions(network=False)
ARTICLE = ("DAMASCUS (Reuters) - Syrian rebels took the town of Saraqeb on Thursday, a war monitor said.\n\n"
           "\u201cThe situation is very dangerous,\u201d said a caf\u00e9 owner in Idlib.\n")
HTML = f"<!DOCTYPE html><html><head><title>Rebels take Saraqeb</title></head><body><p>{ARTICLE}</p></body></html>"


def read(*inputs: str | Path, options: IngestOptions = OFFLINE, stdin: bytes | None = None) -> list:
    stream = io.BytesIO(stdin) if stdin is not None else None
    return list(read_inputs([str(i) for i in inputs], options, stdin=stream))


def docs(items: list) -> list[RawDocument]:
    return [i for i in items if isinstance(i, RawDocument)]


def failures(items: list) -> list[InputFailure]:
    return [i for i in items if isinstance(i, InputFailure)]


def write(path: Path, data: bytes | str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return path


# -- plain files and encodings ------------------------------------------------------------

ENCODED_FILES = [
    ("a.txt", ARTICLE.encode("utf-8"), "txt"),
    ("bom.txt", ARTICLE.encode("utf-8-sig"), "txt"),
    ("utf16.txt", ARTICLE.encode("utf-16"), "txt"),
    ("utf16-nobom.txt", ARTICLE.encode("utf-16-le"), "txt"),
    ("cp1252.txt", ARTICLE.encode("cp1252"), "txt"),
    ("page.html", HTML.encode("utf-8"), "html"),
    ("page.htm", HTML.encode("cp1252"), "html"),
    ("noext", ARTICLE.encode("utf-8"), "txt"),
    ("page-noext", HTML.encode("utf-8"), "html"),
]


@pytest.mark.parametrize("name,data,fmt", ENCODED_FILES, ids=[c[0] for c in ENCODED_FILES])
def test_ingest_files_read_each_encoding(tmp_path: Path, name: str, data: bytes, fmt: str) -> None:
    items = read(write(tmp_path / name, data))
    assert not failures(items)
    [doc] = docs(items)
    assert doc.format == fmt and doc.origin == str(tmp_path / name)
    assert "\u201cThe situation is very dangerous,\u201d said a caf\u00e9 owner" in doc.body
    assert (doc.html != "") == (fmt == "html")


def test_ingest_files_utf8_page_declaring_latin1(tmp_path: Path) -> None:
    page = HTML.replace("<head>", '<head><meta http-equiv="Content-Type" content="text/html; charset=iso-8859-1">')
    [doc] = read(write(tmp_path / "declared.html", page.encode("utf-8")))
    assert "caf\u00e9 owner" in doc.html and "\u00c3" not in doc.html


def test_ingest_files_truncated_html_is_still_read(tmp_path: Path) -> None:
    [doc] = read(write(tmp_path / "cut.html", HTML[: len(HTML) // 2]))
    assert isinstance(doc, RawDocument) and doc.html.startswith("<!DOCTYPE html>")


@pytest.mark.parametrize("name,data,reason", [
    ("empty.txt", b"", "empty file"),
    ("blank.html", b"  \n\n \t", "empty file"),
    ("photo.txt", b"\x89PNG\r\n\x1a\n" + bytes(200), "binary file (PNG image)"),
    ("photo", b"\x89PNG\r\n\x1a\n" + bytes(200), "binary file (PNG image)"),
    ("report.json", b"%PDF-1.4\n" + bytes(100), "binary file (PDF document)"),
    ("a.jsonl", b"", "empty file"),
    ("a.json", b"   ", "empty file"),
    ("b.json", b"[]", "empty JSON list"),
])
def test_ingest_files_unreadable_files_are_failures(tmp_path: Path, name: str, data: bytes, reason: str) -> None:
    path = write(tmp_path / name, data)
    assert read(path) == [InputFailure(str(path), reason)]


def test_ingest_files_missing_path_and_bad_glob(tmp_path: Path) -> None:
    missing = tmp_path / "nope.txt"
    pattern = str(tmp_path / "*.warc.gz")
    assert read(missing, pattern) == [
        InputFailure(str(missing), "no such file or directory"),
        InputFailure(pattern, "no file matches this pattern"),
    ]


def test_ingest_files_glob_pattern(tmp_path: Path) -> None:
    write(tmp_path / "b.txt", "Second story.")
    write(tmp_path / "a.txt", "First story.")
    write(tmp_path / "c.html", HTML)
    assert [d.text for d in read(tmp_path / "*.txt")] == ["First story.", "Second story."]


def test_ingest_files_huge_text_is_cut_with_flat_memory(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    line = b"Casualty figures rose again on Tuesday according to the Syrian Observatory.\n"
    with path.open("wb") as out:
        for _ in range(50 * 1024 * 1024 // len(line) + 1):
            out.write(line)
    assert path.stat().st_size >= 50 * 1024 * 1024
    tracemalloc.start()
    try:
        [doc] = read(path)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert len(doc.text) == 10 * 1024 * 1024
    assert doc.warnings == ("cut at 10 MB",)
    assert peak < 40 * 1024 * 1024, f"peak {peak / 2**20:.1f} MB for a 50 MB file"


def test_ingest_files_small_size_limit(tmp_path: Path) -> None:
    [doc] = read(write(tmp_path / "a.txt", "x" * 5000), options=IngestOptions(network=False, max_bytes=1000))
    assert len(doc.text) == 1000 and doc.warnings == ("cut at 1000 bytes",)


def test_ingest_files_hostile_markup_is_only_data(tmp_path: Path) -> None:
    hostile = ('<html><body><script>alert(document.cookie)</script><img src=x onerror="alert(1)">'
               "<p>Text</p></body></html>")
    [doc] = read(write(tmp_path / "x.html", hostile))
    assert doc.html == hostile  # kept verbatim for the cleaner; nothing is run or rendered here


# -- JSON and JSON Lines --------------------------------------------------------------------

RECORD = {"url": "https://www.reuters.com/world/middle-east/a-1", "title": "Rebels take Saraqeb",
          "text": ARTICLE, "published": "2026-11-20T09:30:00Z", "outlet": "Reuters", "author": "Suleiman Al-Khalidi"}


def test_ingest_files_json_object(tmp_path: Path) -> None:
    path = write(tmp_path / "one.json", json.dumps(RECORD))
    [doc] = read(path)
    assert doc == RawDocument(origin=str(path), format="json", text=ARTICLE, url=RECORD["url"],
                              title=RECORD["title"], published="2026-11-20T09:30:00+00:00", outlet="Reuters",
                              author="Suleiman Al-Khalidi")


def test_ingest_files_json_list_streamed_with_bad_items(tmp_path: Path) -> None:
    items = [RECORD, {"html": HTML, "source": {"id": "jpost", "name": "The Jerusalem Post"}}, "just a string",
             {"title": "no body"}]
    path = write(tmp_path / "list.json", json.dumps(items, indent=2))
    result = read(path)
    assert [r.origin if isinstance(r, RawDocument) else r.path for r in result] == [f"{path}#{n}" for n in (1, 2, 3, 4)]
    assert [type(r).__name__ for r in result] == ["RawDocument", "RawDocument", "InputFailure", "InputFailure"]
    assert result[1].html == HTML and result[1].outlet == "The Jerusalem Post"
    assert result[2].reason == "not a JSON object but str"
    assert result[3].reason.startswith("record has no text, html or url field")


def test_ingest_files_json_list_invalid_midway(tmp_path: Path) -> None:
    path = write(tmp_path / "broken.json", '[{"text": "First."}, {"text": "Sec')
    result = read(path)
    assert isinstance(result[0], RawDocument) and result[0].text == "First."
    assert isinstance(result[1], InputFailure) and result[1].path == f"{path}#2"
    assert "invalid JSON" in result[1].reason


def test_ingest_files_json_list_bigger_than_one_chunk(tmp_path: Path) -> None:
    records = [{"text": f"Story number {n}. " + "word " * 400, "url": f"https://ex.org/{n}"} for n in range(1500)]
    path = write(tmp_path / "many.json", json.dumps(records))
    assert path.stat().st_size > 2 * 1024 * 1024
    result = read(path)
    assert len(docs(result)) == 1500 and not failures(result)
    assert result[-1].url == "https://ex.org/1499"


@pytest.mark.parametrize("container,outlet", [
    ({"status": "ok", "totalResults": 1, "articles": [{"url": "https://ex.org/a", "content": "<p>Body</p>",
                                                       "publishedAt": "2026-11-20T10:00:00Z"}]}, ""),
    ({"version": "https://jsonfeed.org/version/1.1", "title": "Wire Feed",
      "items": [{"id": "1", "url": "https://ex.org/a", "content_html": "<p>Body</p>"}]}, "Wire Feed"),
])
def test_ingest_files_json_containers(tmp_path: Path, container: dict, outlet: str) -> None:
    path = write(tmp_path / "c.json", json.dumps(container))
    [doc] = read(path)
    assert doc.html == "<p>Body</p>" and doc.outlet == outlet and doc.url == "https://ex.org/a"


def test_ingest_files_jsonl_bad_lines_reported_good_lines_read(tmp_path: Path) -> None:
    lines = [json.dumps(RECORD), "{not json", "", json.dumps({"text": "Second."}), "[1, 2]",
             json.dumps({"text": "Third.", "date": "yesterday-ish"})]
    path = write(tmp_path / "a.jsonl", "\n".join(lines) + "\n")
    result = read(path)
    assert [(type(r).__name__, r.origin if isinstance(r, RawDocument) else r.path) for r in result] == [
        ("RawDocument", f"{path}#1"), ("InputFailure", f"{path}#2"), ("RawDocument", f"{path}#4"),
        ("InputFailure", f"{path}#5"), ("RawDocument", f"{path}#6"),
    ]
    assert result[1].reason.startswith("line 2: invalid JSON")
    assert result[3].reason == "not a JSON object but list"
    assert result[4].warnings == ("date not understood: 'yesterday-ish'",)


def test_ingest_files_jsonl_encodings_and_long_lines(tmp_path: Path) -> None:
    text = "\n".join(json.dumps({"text": f"Caf\u00e9 {n}"}, ensure_ascii=False) for n in range(3))
    expected = ["Caf\u00e9 0", "Caf\u00e9 1", "Caf\u00e9 2"]
    assert [d.text for d in read(write(tmp_path / "u16.jsonl", text.encode("utf-16")))] == expected
    assert [d.text for d in read(write(tmp_path / "cp.jsonl", text.encode("cp1252")))] == expected
    long_line = json.dumps({"text": "x" * 3000})
    path = write(tmp_path / "long.jsonl", long_line + "\n" + json.dumps({"text": "ok"}) + "\n")
    result = read(path, options=IngestOptions(network=False, max_bytes=1000))
    assert result[0] == InputFailure(f"{path}#1", "line 1 is longer than 1000 bytes")
    assert result[1].text == "ok"


def test_ingest_files_json_nested_too_deeply(tmp_path: Path) -> None:
    path = write(tmp_path / "deep.jsonl", "[" * 100000 + "]" * 100000 + "\n" + json.dumps({"text": "ok"}))
    result = read(path)
    assert isinstance(result[0], InputFailure) and "nested too deeply" in result[0].reason
    assert result[1].text == "ok"


def test_ingest_files_json_url_only_record_without_network(tmp_path: Path) -> None:
    path = write(tmp_path / "urls.jsonl", json.dumps({"url": "https://ex.org/story", "title": "T"}) + "\n")
    assert read(path) == [InputFailure(f"{path}#1", "https://ex.org/story: network access is off")]


def test_ingest_files_gzipped_jsonl_and_text(tmp_path: Path) -> None:
    write(tmp_path / "a.jsonl.gz", gzip.compress((json.dumps({"text": "Zipped."}) + "\n").encode()))
    write(tmp_path / "b.txt.gz", gzip.compress(b"Zipped text."))
    write(tmp_path / "c.gz", gzip.compress(HTML.encode()))
    write(tmp_path / "d.txt.gz", b"\x1f\x8b\x08\x00broken")
    result = read(tmp_path)
    assert [d.body for d in docs(result)] == ["Zipped.", "Zipped text.", HTML]
    [failure] = failures(result)
    assert failure.path == str(tmp_path / "d.txt.gz") and "gzip" in failure.reason.lower()


# -- directories and stdin ----------------------------------------------------------------

def test_ingest_files_directory_tree_sorted_recursive_hidden_skipped(tmp_path: Path) -> None:
    write(tmp_path / "b.txt", "B story.")
    write(tmp_path / "a.html", HTML)
    write(tmp_path / "sub" / "deeper" / "c.json", json.dumps({"text": "C story."}))
    write(tmp_path / "sub" / "d.jsonl", json.dumps({"text": "D story."}) + "\n")
    write(tmp_path / ".hidden.txt", "hidden")
    write(tmp_path / ".git" / "config.txt", "hidden too")
    write(tmp_path / "page_files" / "app.js", "alert(1)")
    write(tmp_path / "page_files" / "logo.png", b"\x89PNG\r\n\x1a\n")
    write(tmp_path / "z.bin", b"\x00\x01\x02\x03" * 100)
    result = read(tmp_path)
    assert [d.origin for d in docs(result)] == [
        str(tmp_path / "a.html"), str(tmp_path / "b.txt"), f"{tmp_path / 'sub' / 'd.jsonl'}#1",
        str(tmp_path / "sub" / "deeper" / "c.json"),
    ]  # each directory's files in name order, then its sub-directories in name order
    assert failures(result) == [InputFailure(str(tmp_path / "z.bin"), "binary file (contains NUL bytes)")]
    flat = read(tmp_path, options=IngestOptions(network=False, recursive=False))
    assert [d.origin for d in docs(flat)] == [str(tmp_path / "a.html"), str(tmp_path / "b.txt")]


def test_ingest_files_unlistable_directory(tmp_path: Path) -> None:
    import os

    if os.geteuid() == 0:
        pytest.skip("root can list any directory")
    locked = tmp_path / "locked"
    write(locked / "a.txt", "Hidden story.")
    write(tmp_path / "b.txt", "Open story.")
    locked.chmod(0)
    try:
        result = read(tmp_path)
    finally:
        locked.chmod(0o755)
    assert [d.text for d in docs(result)] == ["Open story."]
    assert failures(result) == [InputFailure(str(locked), "cannot list directory: Permission denied")]


def test_ingest_files_empty_directory(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    assert read(tmp_path / "empty") == [InputFailure(str(tmp_path / "empty"), "directory has no files to read")]


@pytest.mark.parametrize("data,expected", [
    (ARTICLE.encode("utf-16"), RawDocument(origin="stdin", format="stdin", text=ARTICLE)),
    (HTML.encode("cp1252"), RawDocument(origin="stdin", format="stdin", html=HTML)),
    ((json.dumps({"text": "One."}) + "\n" + json.dumps({"text": "Two."}) + "\n").encode(),
     RawDocument(origin="stdin#1", format="jsonl", text="One.")),
    (json.dumps([{"text": "One."}]).encode(), RawDocument(origin="stdin#1", format="json", text="One.")),
])
def test_ingest_files_stdin(data: bytes, expected: RawDocument) -> None:
    assert read("-", stdin=data)[0] == expected


def test_ingest_files_stdin_binary_and_empty() -> None:
    assert read("-", stdin=b"\x89PNG\r\n\x1a\n" + bytes(50)) == [InputFailure("stdin", "binary file (PNG image)")]
    assert read("-", stdin=b"") == [InputFailure("stdin", "empty file")]


def test_ingest_files_local_files_off_and_bare_string(tmp_path: Path) -> None:
    path = write(tmp_path / "a.txt", "Story.")
    options = IngestOptions(network=False, local_files=False)
    assert read(path, "-", options=options, stdin=b"x") == [
        InputFailure(str(path), "only http(s) URLs are read here (local files are off)"),
        InputFailure("-", "only http(s) URLs are read here (local files are off)"),
    ]
    assert [d.text for d in read_inputs(str(path), OFFLINE)] == ["Story."]
    assert [d.text for d in read_inputs(path, OFFLINE)] == ["Story."]


def test_ingest_files_one_bad_input_does_not_stop_the_rest(tmp_path: Path) -> None:
    good = write(tmp_path / "good.txt", "Good story.")
    result = read(tmp_path / "missing.txt", write(tmp_path / "bad.png", b"\x89PNG\r\n\x1a\n"), good)
    assert [type(r).__name__ for r in result] == ["InputFailure", "InputFailure", "RawDocument"]


# -- records and names --------------------------------------------------------------------

@pytest.mark.parametrize("value,expected", [
    ("2026-11-20", "2026-11-20"),
    ("2026-11-20T09:30:00Z", "2026-11-20T09:30:00+00:00"),
    ("2026-11-20T09:30:00+03:00", "2026-11-20T09:30:00+03:00"),
    ("Fri, 20 Nov 2026 09:30:00 GMT", "2026-11-20T09:30:00+00:00"),
    (1795428000, "2026-11-23T10:00:00+00:00"),
    (1795428000000, "2026-11-23T10:00:00+00:00"),
    ("1795428000", "2026-11-23T10:00:00+00:00"),
    ({"$date": "2026-11-20"}, "2026-11-20"),
    ("20 November 2026", "2026-11-20T00:00:00"),
    ("", ""), (None, ""), (True, ""), (42, ""), ("soon", ""), ("x" * 500, ""),
])
def test_ingest_files_dates(value: object, expected: str) -> None:
    assert iso_date(value) == expected


def test_ingest_files_record_field_names() -> None:
    record = {"link": "https://ex.org/a", "headline": "H", "maintext": "Body", "date_publish": "2026-11-20",
              "source_domain": "ex.org", "authors": ["A. One", {"name": "B. Two"}]}
    doc = record_document(record, "x#1", "jsonl")
    assert isinstance(doc, RawDocument)
    assert (doc.url, doc.title, doc.text, doc.published, doc.outlet, doc.author) == (
        "https://ex.org/a", "H", "Body", "2026-11-20", "ex.org", "A. One, B. Two")
    assert record_document({"content": "Plain words only."}, "x", "json").text == "Plain words only."
    assert record_document({"content": "<p>Markup</p>"}, "x", "json").html == "<p>Markup</p>"
    assert record_document({"url": "javascript:alert(1)"}, "x", "json").startswith("record has no text")
    assert records_in({"data": {"articles": [{"text": "a"}, {"text": "b"}]}}) == ([{"text": "a"}, {"text": "b"}], "")


@pytest.mark.parametrize("name,kind", [
    ("a.txt", "text"), ("a.HTML", "html"), ("a.jsonl", "jsonl"), ("a.ndjson", "jsonl"), ("a.json", "json"),
    ("a.warc", "warc"), ("a.warc.gz", "warc"), ("CC-NEWS-2026.warc.gz", "warc"), ("a.warc.wet.gz", "warc"),
    ("feeds.opml", "opml"), ("world.rss", "feed"), ("a.xml", "feed"), ("list.urls", "urls"),
    ("a.json.gz", "gzip"), ("README", None), ("a.docx", None),
])
def test_ingest_files_kinds_from_names(name: str, kind: str | None) -> None:
    assert kind_from_name(name) == kind


_PREFIXES = [b"", b"{", b"[", b'{"text": "', b"<rss><channel><item>", b"<opml><body>", b"WARC/1.0\r\n",
             b"\x1f\x8b\x08\x00", b"<html><body>", b"https://a.example/1\n", codecs.BOM_UTF16_LE]


@settings(max_examples=200, deadline=None)
@given(prefix=st.sampled_from(_PREFIXES), data=st.binary(max_size=3000))
def test_ingest_files_stdin_never_raises(prefix: bytes, data: bytes) -> None:
    result = read("-", stdin=prefix + data)
    assert result and all(isinstance(r, (RawDocument, InputFailure)) for r in result)
    assert all(r.reason for r in result if isinstance(r, InputFailure))


@pytest.mark.data
def test_ingest_files_seed_articles(seeds_dir: Path) -> None:
    result = read(seeds_dir)
    assert not failures(result)
    texts = [d for d in docs(result) if d.origin.endswith(".txt")]
    assert len(texts) == 5 and all(d.format == "txt" and len(d.text) > 500 for d in texts)
    assert texts == sorted(texts, key=lambda d: d.origin)
