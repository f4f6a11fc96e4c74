"""The CLI as a user runs it (click's CliRunner): thin faces, one-line errors, exit codes."""

from __future__ import annotations

import gzip
import io
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from wiretrail.cli import cli

STORY = """Rebels seize airport in northern city after week of fighting

By Lina Haddad, Harbor Daily

Rebel fighters took control of the airport of Tal Hamra on Saturday after a week of heavy fighting, two rebel commanders said.

The army said in a statement that it had carried out a redeployment to protect civilians and would launch a counterattack within days.

A resident told Harbor Daily that the streets were empty and shops had closed early.
"""


def run(*args: str, input: bytes | None = None):
    return CliRunner().invoke(cli, list(args), input=input, catch_exceptions=False)


def _warc_with_broken_record(path: Path) -> None:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    buf = io.BytesIO()
    writer = WARCWriter(buf, gzip=True)
    for i in range(2):
        body = (
            f"<html><head><title>Strikes hit Idlib, report {i}</title></head><body><article>"
            + f"<p>Warplanes struck the town of Sarmin on day {i}, killing four civilians, rescuers said.</p>" * 6
            + "</article></body></html>"
        ).encode()
        headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
        writer.write_record(
            writer.create_warc_record(f"https://news.example/{i}", "response", payload=io.BytesIO(body), http_headers=headers)
        )
    good = buf.getvalue()
    path.write_bytes(good + b"WARC/1.0\r\nWARC-Type: response\r\nContent-Length: 99999\r\n\r\n<html>trunc")


def test_cli_add_bad_inputs_one_line_each_others_stored(tmp_path):
    files = tmp_path / "batch"
    files.mkdir()
    (files / "good.txt").write_text(STORY, encoding="utf-8")
    (files / "empty.txt").write_bytes(b"")
    (files / "binary.html").write_bytes(b"\x00\x01\x02GIF89a" + bytes(range(256)) * 20)
    (files / "truncated.html").write_bytes(
        b"<html><head><title>Aleppo airport falls</title></head><body><article><p>"
        + b"Rebels took the airport of the northern city on Saturday, commanders said. " * 8
    )
    (files / "big.txt").write_bytes((STORY.replace("\n", " ") + "\n").encode() * (50_000_000 // len(STORY) + 1))
    (files / "cp1252.txt").write_bytes(
        "Tanks entered the caf\xe9 district of Sarmin on Sunday \u201cat dawn\u201d, witnesses said, as the offensive widened.\n\nThe army said it had repelled the attack.".encode("cp1252")
    )
    (files / "lines.jsonl").write_text(
        json.dumps({"title": "Shelling in Hama", "text": "Shelling hit the outskirts of Hama overnight, wounding six people, a monitor said. " * 3}) + "\n{not json\n",
        encoding="utf-8",
    )
    _warc_with_broken_record(files / "crawl.warc.gz")
    db = str(tmp_path / "w.db")
    result = run("add", str(files), "--db", db, "--no-analyse")
    assert result.exit_code == 1
    errors = [l for l in result.stderr.splitlines() if l.startswith("wiretrail: failed:")]
    named = " ".join(errors)
    for name in ("empty.txt", "binary.html", "lines.jsonl", "crawl.warc.gz"):
        assert name in named, f"no error line for {name}: {errors}"
    assert all(len(l) < 400 for l in errors)
    assert "Traceback" not in result.output + result.stderr
    listed = json.loads(run("articles", "--db", db, "--json", "--limit", "100").stdout)
    titles = " ".join(a["title"] for a in listed)
    assert "Rebels seize airport" in titles  # good.txt
    assert any("Strikes hit Idlib" in a["title"] for a in listed)  # the good WARC records
    assert any("Shelling" in a["title"] for a in listed)  # the good JSON line
    assert len(listed) >= 5  # good, truncated html, big (cut), cp1252, jsonl line, 2 warc records
    cp = [a for a in listed if a["input_path"].endswith("cp1252.txt")]
    assert cp, "the cp1252 file was stored"
    again = run("add", str(files), "--db", db, "--no-analyse", "--json")
    assert json.loads(again.stdout)["added"] == []


def test_cli_search_and_articles_json(tmp_path):
    f = tmp_path / "s.txt"
    f.write_text(STORY, encoding="utf-8")
    db = str(tmp_path / "w.db")
    assert run("add", str(f), "--db", db, "--no-analyse", "--quiet").exit_code == 0
    hits = json.loads(run("search", "airport counterattack", "--db", db, "--json").stdout)
    assert len(hits) == 1 and "airport" in hits[0]["snippet"].lower()
    arts = json.loads(run("articles", "--db", db, "--json").stdout)
    assert arts[0]["outlet"] == "Harbor Daily"


def test_cli_errors_are_one_line_never_a_traceback(tmp_path):
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"not a database" * 100)
    for args in (
        ("articles", "--db", str(junk)),
        ("search", "x", "--db", str(tmp_path / "nope" / "x.db")),
        ("eval", "nosuchtask", "--data", str(tmp_path)),
        ("eval", "extraction", "--data", str(tmp_path / "missing")),
    ):
        result = run(*args)
        assert result.exit_code == 2, args
        lines = result.stderr.strip().splitlines()
        assert len(lines) == 1 and lines[0].startswith("wiretrail: error:"), (args, result.stderr)


def test_cli_brief_writes_html_and_json(tmp_path):
    f = tmp_path / "s.txt"
    f.write_text(STORY, encoding="utf-8")
    out, js = tmp_path / "b.html", tmp_path / "b.json"
    result = run("brief", str(f), "-o", str(out), "--json", str(js), "--quiet", "--settings", str(_no_analysis(tmp_path)))
    assert result.exit_code == 0, result.stderr
    data = json.loads(js.read_text(encoding="utf-8"))
    for key in ("articles", "claim_groups", "attributions", "entities", "figures", "events", "relations", "stories"):
        assert key in data
    assert {"id", "url", "outlet", "title", "published", "copy_of"} <= set(data["articles"][0])
    html = out.read_text(encoding="utf-8")
    assert "Rebels seize airport" in html and "Content-Security-Policy" in html


def _no_analysis(tmp_path: Path) -> Path:
    p = tmp_path / "settings.toml"
    p.write_text("[wiretrail]\nanalyse = false\n", encoding="utf-8")
    return p
