"""The Corpus API end to end on small realistic inputs (no analysis: fast)."""

from __future__ import annotations

import gzip
import io
import json
import multiprocessing
import subprocess
import sys
from pathlib import Path

import pytest

from wiretrail.corpus import Corpus
from wiretrail.settings import Settings

STORY = """Rebels seize airport in northern city after week of fighting

Government forces pulled back overnight as the offensive widened, residents said.

By Lina Haddad, Harbor Daily

Rebel fighters took control of the airport of Tal Hamra on Saturday after a week of heavy fighting, two rebel commanders said.

The army said in a statement that it had carried out a redeployment to protect civilians and would launch a counterattack within days.

A resident told Harbor Daily that the streets were empty and shops had closed early.

Subscribe to our newsletter

This website uses cookies to improve your experience. Accept Read More
"""


def _settings() -> Settings:
    return Settings(analyse=False)


def _write(tmp: Path, name: str, data: str | bytes) -> Path:
    p = tmp / name
    p.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return p


def test_corpus_add_stores_and_deduplicates(tmp_path):
    f = _write(tmp_path, "story.txt", STORY)
    with Corpus.open(str(tmp_path / "c.db"), _settings()) as corpus:
        first = corpus.add([f])
        again = corpus.add([f])
        arts = corpus.articles()
    assert len(first.added) == 1 and not first.failed
    assert again.added == [] and again.unchanged == first.added
    assert len(arts) == 1
    art = arts[0]
    assert "airport of Tal Hamra" in art.text
    assert "cookies" not in art.text and "newsletter" not in art.text.lower()


def test_corpus_search_finds_the_article(tmp_path):
    f = _write(tmp_path, "story.txt", STORY)
    with Corpus.open(":memory:", _settings()) as corpus:
        corpus.add([f])
        hits = corpus.search("airport counterattack")
    assert len(hits) == 1


def test_corpus_bad_inputs_fail_alone_and_the_rest_is_stored(tmp_path):
    good = _write(tmp_path, "good.txt", STORY)
    bad = [
        _write(tmp_path, "empty.txt", b""),
        _write(tmp_path, "image.html", b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 40),
        _write(tmp_path, "lines.jsonl", '{"title": "ok", "text": "' + "Rebels advanced on the town of Kafr Nabl on Sunday, a monitor said. " * 3 + '"}\n{broken json\n'),
    ]
    store_path = str(tmp_path / "c.db")
    with Corpus.open(store_path, _settings()) as corpus:
        report = corpus.add([good, *bad])
        count = len(corpus.articles())
    failed = {Path(f.path.split("#")[0]).name: f.reason for f in report.failed}
    assert set(failed) == {"empty.txt", "image.html", "lines.jsonl"}
    assert all(reason for reason in failed.values())
    assert count == 2  # the story and the good JSON line
    with Corpus.open(store_path, _settings()) as corpus:
        assert len(corpus.articles()) == 2


def _add_worker(args: tuple[str, list[str]]) -> int:
    db, files = args
    with Corpus.open(db, Settings(analyse=False)) as corpus:
        return len(corpus.add(files).added)


def test_corpus_two_processes_adding_at_once_lose_nothing(tmp_path):
    files = []
    for i in range(24):
        text = STORY.replace("Tal Hamra", f"Tal Hamra {i}").replace("Saturday", f"day {i}") + f"\nUpdate number {i} of the day's fighting in sector {i}.\n"
        files.append(str(_write(tmp_path, f"s{i}.txt", text)))
    db = str(tmp_path / "c.db")
    Corpus.open(db, _settings()).close()
    ctx = multiprocessing.get_context("spawn")
    with ctx.Pool(2) as pool:
        added = pool.map(_add_worker, [(db, files), (db, list(reversed(files)))])
    with Corpus.open(db, _settings()) as corpus:
        assert len(corpus.articles()) == 24
    assert sum(added) == 24


def test_corpus_lines_repeated_across_one_outlets_articles_are_boilerplate(tmp_path):
    slogan = "Truth from the steppes since 1998"
    background = (
        "The conflict began in 2019 when the Dorsal Liberation Front seized the mountain districts after a disputed "
        "election, and has killed thousands of people and displaced hundreds of thousands more."
    )
    files = []
    for i, town in enumerate(["Thala", "Sbeitla", "Feriana", "Kasserine", "Gafsa", "Tozeur"]):
        body = (
            f"Fighting spreads to {town} as toll rises\n\nBy Staff, Harbor Daily\n\n"
            f"Rebels entered the centre of {town} on day {i} after heavy clashes with the army, residents said.\n\n"
            f"The governor of {town} said {i + 3} people had been killed and schools were closed.\n\n"
            + (background + "\n\n" if i < 2 else "")
            + f"{slogan}\n"
        )
        files.append(_write(tmp_path, f"h{i}.txt", body))
    with Corpus.open(":memory:", _settings()) as corpus:
        corpus.add(files)
        arts = corpus.articles()
    assert len(arts) == 6
    assert all(slogan not in a.text for a in arts)
    with_background = [a for a in arts if background in a.text]
    assert len(with_background) == 2  # news, even though repeated, is kept


def test_corpus_a_widely_syndicated_story_is_compared_with_its_original(tmp_path):
    """Thirty outlets republish one wire story. Each copy is found, and once the copies outnumber
    ``MAX_COMPARED`` a new copy is compared with the original rather than with every copy before it."""
    from wiretrail.corpus import MAX_COMPARED

    body = "\n\n".join(line for line in STORY.split("\n\n")[3:6])
    wire = {"url": "https://wire.example/airport", "outlet": "Harbor Daily", "title": "Rebels seize airport",
            "text": body, "published": "2025-10-04T08:00:00Z"}
    rows = [wire] + [
        {"url": f"https://site{n}.example/news/airport", "outlet": f"Site {n} News", "title": "Rebels seize airport",
         "text": body + f"\n\nRepublished by Site {n} News under licence.", "published": f"2025-10-04T{9 + n // 60:02d}:{n % 60:02d}:00Z"}
        for n in range(MAX_COMPARED + 6)
    ]
    feed = _write(tmp_path, "wire.jsonl", "\n".join(json.dumps(r) for r in rows))
    with Corpus.open(str(tmp_path / "c.db"), _settings()) as corpus:
        report = corpus.add([feed])
        arts = {a.url: a.id for a in corpus.articles()}
        copies = corpus.copies()
    assert len(report.added) == len(rows)
    original = arts[wire["url"]]
    of_each: dict[str, set[str]] = {}
    for c in copies:
        if c.kind == "syndicated":
            of_each.setdefault(c.copy, set()).add(c.original)
    # every copy is recorded as a copy of the wire original
    assert all(original in of_each.get(arts[r["url"]], set()) for r in rows[1:])
    # the last copies, with more earlier copies than MAX_COMPARED, were compared with the original only
    last = arts[rows[-1]["url"]]
    assert of_each[last] == {original}
    first_copy = arts[rows[1]["url"]]
    assert of_each[first_copy] == {original}
