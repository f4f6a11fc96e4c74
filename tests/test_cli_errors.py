"""Bad arguments: every command answers a bad store or a wrong path with one clear line, never a traceback.

Bad stores: a path in a missing folder, a folder where the file should be, a file that is not a
database, a damaged database, a store written by a newer wiretrail, and a store another process
holds locked (``BEGIN EXCLUSIVE``; ``WIRETRAIL_BUSY_TIMEOUT`` keeps the wait short).
"""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from wiretrail.cli import cli
from wiretrail.store import Store

STORY = """Rebels seize airport in northern city

Rebel fighters took control of the airport of Tal Hamra on Saturday after a week of heavy fighting, two rebel commanders said.

The army said in a statement that it had carried out a redeployment to protect civilians.
"""

COMMANDS = {
    "add": lambda db, t: ["add", str(t / "story.txt"), "--db", db, "--no-analyse"],
    "brief": lambda db, t: ["brief", "--db", db, "-o", str(t / "brief.html")],
    "articles": lambda db, t: ["articles", "--db", db],
    "search": lambda db, t: ["search", "airport", "--db", db],
    "check": lambda db, t: ["check", "rebels took the airport", "--db", db],
    "export": lambda db, t: ["export", "--format", "jsonl", "--db", db],
    "serve": lambda db, t: ["serve", "--db", db, "--port", "0"],
    "watch": lambda db, t: ["watch", "http://127.0.0.1:9/feed.xml", "--db", db, "--polls", "1"],
    "batch": lambda db, t: ["batch", str(t / "story.txt"), "--out", str(t / "shards"), "--db", db],
}


@pytest.fixture(scope="module")
def stores(tmp_path_factory) -> dict[str, str]:
    """One bad store of each kind (and the story file the commands read)."""
    t = tmp_path_factory.mktemp("stores")
    (t / "story.txt").write_text(STORY, encoding="utf-8")
    good = t / "good.db"
    Store.open(str(good)).close()
    newer = t / "newer.db"
    Store.open(str(newer)).close()
    with sqlite3.connect(newer) as conn:
        conn.execute("UPDATE meta SET value = '99' WHERE key = 'schema_version'")
    (t / "junk.db").write_bytes(b"this is not a database\n" * 200)
    (t / "damaged.db").write_bytes(good.read_bytes()[:100] + b"\xff" * 8192)  # a valid header, garbage after
    (t / "folder.db").mkdir()
    Store.open(str(t / "locked.db")).close()
    return {
        "missing folder": str(t / "no" / "such" / "folder" / "x.db"),
        "a folder": str(t / "folder.db"),
        "not a database": str(t / "junk.db"),
        "damaged": str(t / "damaged.db"),
        "newer schema": str(newer),
        "locked": str(t / "locked.db"),
        "_dir": str(t),
    }


EXPECTED = {
    "missing folder": "does not exist",
    "a folder": "is a folder",
    "not a database": "not a wiretrail store",
    "damaged": "malformed",
    "newer schema": "newer than this wiretrail",
    "locked": "locked",
}


def _one_error_line(result) -> str:
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    assert result.exit_code != 0
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("wiretrail: error: ") and "Traceback" not in result.output
    return lines[0]


@pytest.fixture()
def locked_store(stores, monkeypatch):
    """Another connection holds the lock while the command runs."""
    monkeypatch.setenv("WIRETRAIL_BUSY_TIMEOUT", "0.3")
    holder = sqlite3.connect(stores["locked"], isolation_level=None, timeout=0)
    holder.execute("BEGIN EXCLUSIVE")
    yield
    holder.execute("ROLLBACK")
    holder.close()


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_cli_errors_every_command_answers_a_bad_store_in_one_line(command, stores, locked_store, monkeypatch):
    import uvicorn

    def no_server(*args, **kwargs):  # a command that got this far opened a store it should have refused
        raise AssertionError("serve started on a bad store")

    monkeypatch.setattr(uvicorn, "run", no_server)
    for case, needle in EXPECTED.items():
        db = stores[case]
        result = CliRunner().invoke(cli, COMMANDS[command](db, Path(stores["_dir"])), catch_exceptions=True)
        line = _one_error_line(result)
        assert needle in line, (command, case, line)
        assert db in line, (command, case, line)  # the message names the store


@pytest.mark.parametrize("args, needle", [
    (["add", "{t}/story.txt", "--db", "{t}/ok.db", "--settings", "{t}/missing.toml"], "missing.toml"),
    (["brief", "--db", "{t}/ok.db", "-o", "{t}/no/such/folder/brief.html"], "brief.html"),
    (["export", "--format", "jsonl", "--db", "{t}/ok.db", "-o", "{t}/no/such/folder/out.jsonl"], "out.jsonl"),
    (["watch", "{t}/missing.opml", "--db", "{t}/ok.db", "--polls", "1"], "missing.opml"),
    (["eval", "extraction", "--data", "{t}/missing-data"], "missing-data"),
    (["eval", "no-such-task", "--data", "{t}"], "no-such-task"),
])
def test_cli_errors_a_wrong_path_is_one_line_naming_it(args, needle, tmp_path):
    (tmp_path / "story.txt").write_text(STORY, encoding="utf-8")
    result = CliRunner().invoke(cli, [a.format(t=tmp_path) for a in args], catch_exceptions=True)
    assert needle in _one_error_line(result)


def test_cli_errors_a_missing_input_is_named_and_the_rest_stored(tmp_path):
    (tmp_path / "story.txt").write_text(STORY, encoding="utf-8")
    db = str(tmp_path / "c.db")
    result = CliRunner().invoke(cli, ["add", str(tmp_path / "story.txt"), str(tmp_path / "missing.txt"), "--db", db,
                                      "--no-analyse", "-q"], catch_exceptions=True)
    assert result.exit_code == 1
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("wiretrail: failed: ") and "missing.txt" in lines[0], lines
    with Store.open(db) as store:
        assert store.count_articles() == 1


def test_cli_errors_a_bad_busy_timeout_setting_is_one_line(tmp_path, monkeypatch):
    monkeypatch.setenv("WIRETRAIL_BUSY_TIMEOUT", "soon")
    result = CliRunner().invoke(cli, ["articles", "--db", str(tmp_path / "c.db")], catch_exceptions=True)
    assert "WIRETRAIL_BUSY_TIMEOUT" in _one_error_line(result)


def test_cli_errors_real_process_on_a_locked_store_prints_one_line(stores, locked_store):
    """As a user sees it: a separate process, a real terminal's stderr, no traceback."""
    env = dict(os.environ, WIRETRAIL_BUSY_TIMEOUT="0.3")
    proc = subprocess.run([sys.executable, "-m", "wiretrail.cli", "add", str(Path(stores["_dir"]) / "story.txt"),
                           "--db", stores["locked"], "--no-analyse"],
                          capture_output=True, text=True, env=env, timeout=120)
    assert proc.returncode == 2, proc.stderr
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("wiretrail: error: ") and "locked" in lines[0], proc.stderr
