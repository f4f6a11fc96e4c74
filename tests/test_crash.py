"""Crash safety: ``wiretrail add`` killed with SIGKILL mid-batch leaves a sound store; a restart completes it.

The batch comes from ``bench/corpus_gen.py``. Its templates repeat whole sentences across articles,
which makes every article a copy candidate of every other (slow, and beside the point here), so each
article's text gets its own marker words; sizes and structure stay those of the generator.

The normal run adds 400 articles; ``WIRETRAIL_SLOW=1`` adds 3,000.
"""

from __future__ import annotations

import hashlib
import json
import os
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
from contextlib import closing
from dataclasses import replace
from pathlib import Path

import pytest

from wiretrail.store import Store

REPO = Path(__file__).resolve().parents[1]
N_ARTICLES = 3000 if os.environ.get("WIRETRAIL_SLOW") == "1" else 400


def _marked(text: str, salt: str) -> str:
    """The text with a marker word after every third word (offsets change; paragraphs stay)."""
    marks = [salt[i : i + 4] for i in range(0, 16, 4)]
    return "\n\n".join(
        " ".join(w + (f" {marks[(i // 3) % 4]}" if i % 3 == 2 else "") for i, w in enumerate(p.split(" ")))
        for p in text.split("\n\n")
    )


def write_batch(folder: Path, n: int, per_file: int = 100) -> list[Path]:
    sys.path.insert(0, str(REPO / "bench"))
    try:
        from corpus_gen import generate, write_jsonl
    finally:
        sys.path.remove(str(REPO / "bench"))
    arts = [replace(a, text=_marked(a.text, hashlib.blake2b(a.url.encode(), digest_size=8).hexdigest()))
            for a in generate(n)]
    return write_jsonl(arts, folder, per_file=per_file)


def _wiretrail(*args: str) -> list[str]:
    return [sys.executable, "-m", "wiretrail.cli", *args]


def _count(db: Path) -> int:
    try:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5) as conn:
            return conn.execute("SELECT count(*) FROM articles").fetchone()[0]
    except sqlite3.Error:
        return 0  # not created yet


def assert_sound(db: Path) -> int:
    """The store opens, passes its check, and holds no half-written article; returns its article count."""
    with Store.open(str(db)) as store:
        assert store.check() == []
        n = store.count_articles()
    with closing(sqlite3.connect(db)) as conn:  # closed now: a connection left to the GC keeps a stale WAL index
        q = lambda sql: conn.execute(sql).fetchone()[0]  # noqa: E731
        assert q("SELECT count(*) FROM articles a WHERE NOT EXISTS (SELECT 1 FROM articles_fts f WHERE f.id = a.id)") == 0
        assert q("SELECT count(*) FROM articles_fts f WHERE NOT EXISTS (SELECT 1 FROM articles a WHERE a.id = f.id)") == 0
        assert q("SELECT count(*) FROM articles a WHERE NOT EXISTS (SELECT 1 FROM minhashes m WHERE m.article = a.id)") == 0
        assert q("SELECT count(*) FROM articles a WHERE NOT EXISTS (SELECT 1 FROM lsh_bands b WHERE b.article = a.id)") == 0
        assert q("SELECT count(*) FROM minhashes m WHERE NOT EXISTS (SELECT 1 FROM articles a WHERE a.id = m.article)") == 0
        assert q("SELECT count(*) FROM winnows w WHERE NOT EXISTS (SELECT 1 FROM articles a WHERE a.id = w.article)") == 0
        assert q("SELECT count(*) FROM (SELECT url FROM articles GROUP BY url HAVING count(*) > 1)") == 0
        assert q("SELECT count(*) FROM articles_fts") == n
    return n


@pytest.fixture()
def own_tmp() -> Path:
    """A folder of this test's own: pytest sessions running at the same time (other checkouts, CI jobs)
    prune each other's old ``tmp_path`` folders, and deleting a live store's ``-wal`` file corrupts it."""
    with tempfile.TemporaryDirectory(prefix="wiretrail-crash-") as tmp:
        yield Path(tmp)


@pytest.fixture()
def batch(own_tmp) -> Path:
    folder = own_tmp / "batch"
    write_batch(folder, N_ARTICLES)
    return folder


def test_crash_sigkill_mid_batch_then_restart_completes_without_duplicates(batch, own_tmp):
    db = own_tmp / "news.db"
    proc = subprocess.Popen(_wiretrail("add", str(batch), "--db", str(db), "--no-analyse", "-q"),
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 600
    try:
        while _count(db) < N_ARTICLES // 4 and proc.poll() is None and time.monotonic() < deadline:
            time.sleep(0.05)
    finally:
        proc.send_signal(signal.SIGKILL)
        proc.wait()
    assert proc.returncode == -signal.SIGKILL, proc.stderr.read().decode()
    stored = assert_sound(db)
    assert 0 < stored < N_ARTICLES, "killed mid-batch"

    done = subprocess.run(_wiretrail("add", str(batch), "--db", str(db), "--no-analyse", "--json"),
                          capture_output=True, text=True, timeout=1800)
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)
    assert not report["failed"]
    assert len(report["unchanged"]) == stored  # what survived the kill is kept, not added again
    assert len(report["added"]) + len(report["unchanged"]) == N_ARTICLES
    assert assert_sound(db) == N_ARTICLES


def test_crash_two_writer_processes_at_once_lose_nothing(own_tmp):
    folder = own_tmp / "in"
    files = write_batch(folder, 160, per_file=20)
    db = own_tmp / "both.db"
    Store.open(str(db)).close()
    # one writer takes the files in order, the other in reverse: they meet in the middle
    procs = [subprocess.Popen(_wiretrail("add", *map(str, order), "--db", str(db), "--no-analyse", "--json"),
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
             for order in (files, files[::-1])]
    reports = []
    for p in procs:
        out, err = p.communicate(timeout=900)
        assert p.returncode == 0, err
        reports.append(json.loads(out))
    added = [a for r in reports for a in r["added"]]
    assert len(added) == len(set(added)) == 160  # each article added by exactly one writer
    assert assert_sound(db) == 160
