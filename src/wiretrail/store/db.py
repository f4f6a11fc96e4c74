"""The store: SQLite (default) or PostgreSQL behind one narrow interface.

All SQL of wiretrail lives in this package. Each article is written in one
transaction together with its signatures and analysis, so a crash never leaves
half an article behind; SQLite runs in WAL mode with ``BEGIN IMMEDIATE`` so two
processes adding at once wait for each other instead of failing.

>>> store = Store.open(":memory:")
>>> store.count_articles()
0
"""

from __future__ import annotations

import json
import logging
import os
import re
import sqlite3
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass
from itertools import islice
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import create_engine, delete, event, func, select, text
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.exc import DBAPIError, SQLAlchemyError
from sqlalchemy.pool import QueuePool, StaticPool

from wiretrail.model import ANALYSIS_PARTS, Analysis, Article, Copy
from wiretrail.store import schema as S

log = logging.getLogger(__name__)

DEFAULT_BUSY_TIMEOUT = 60.0  # seconds a writer waits for another before "database is locked"


class StoreError(RuntimeError):
    """The store cannot be opened or used; the message names the store and the reason."""


@dataclass(frozen=True)
class SearchHit:
    article: str
    title: str
    outlet: str
    snippet: str
    score: float


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _url_for(location: str) -> tuple[str, str]:
    """(SQLAlchemy URL, human name) for a path, ':memory:' or a database URL."""
    if location == ":memory:":
        return "sqlite://", ":memory:"
    if re.match(r"^[a-z][a-z0-9+]*://", location):
        url = location
        if url.startswith("postgresql://"):
            url = "postgresql+psycopg://" + url[len("postgresql://") :]
        elif url.startswith("postgres://"):
            url = "postgresql+psycopg://" + url[len("postgres://") :]
        return url, re.sub(r"//[^@/]*@", "//***@", location)
    path = Path(location).expanduser()
    if path.is_dir():
        raise StoreError(f"{location}: is a folder, not a store file")
    if path.exists():
        _probe_sqlite(path, str(location))
    elif not path.parent.exists():
        raise StoreError(f"{location}: folder {path.parent} does not exist")
    return f"sqlite:///{path}", str(location)


def _probe_sqlite(path: Path, name: str) -> None:
    """Refuse a file that is not an SQLite database, asking SQLite itself.

    Reading the header with a plain ``open()`` would be wrong: closing any file descriptor of the
    database drops every POSIX lock this process holds on it, including those of connections still
    open (a web app, a test), after which another process may checkpoint and delete the WAL under them.
    SQLite's own open and close keep those locks.
    """
    try:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, timeout=1.0)  # the open waits
    except sqlite3.Error as exc:
        raise StoreError(f"{name}: cannot open the store ({exc})") from exc
    try:
        conn.execute("PRAGMA schema_version").fetchone()
    except sqlite3.DatabaseError as exc:
        if "not a database" in str(exc) or "encrypted" in str(exc):
            raise StoreError(f"{name}: not a wiretrail store (not an SQLite database)") from exc
        log.debug("%s: probe before opening: %s", name, exc)  # locked or busy: the real open reports it
    finally:
        conn.close()


class Store:
    """A wiretrail store. Open with ``Store.open(path_or_url)``."""

    def __init__(self, engine: Engine, name: str) -> None:
        self.engine = engine
        self.name = name
        self.dialect = engine.dialect.name

    # -- opening -----------------------------------------------------------
    @classmethod
    def open(cls, location: str | Path = "wiretrail.db", *, busy_timeout: float | None = None) -> Store:
        """Open (or create) a store; ``busy_timeout`` (default: env ``WIRETRAIL_BUSY_TIMEOUT`` or 60 s)
        is how long to wait for another process's write before "database is locked"."""
        busy_timeout = _busy_timeout() if busy_timeout is None else busy_timeout
        url, name = _url_for(str(location))
        if url.startswith("sqlite"):
            memory = url == "sqlite://"
            engine = create_engine(
                url,
                poolclass=StaticPool if memory else QueuePool,  # connections kept: opening one costs ms
                connect_args={"timeout": busy_timeout, "check_same_thread": False},
            )
            _sqlite_pragmas(engine, memory)
        else:
            try:
                engine = create_engine(url, pool_pre_ping=True)
            except (SQLAlchemyError, ImportError) as exc:
                raise StoreError(f"{name}: cannot open: {exc}") from exc
        store = cls(engine, name)
        store._prepare()
        return store

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def _tx(self, read: bool = False) -> Iterator[Connection]:
        """A transaction, committed at the end; with ``read``, one for reading only: on SQLite a
        deferred transaction (no write lock, no ``BEGIN IMMEDIATE``), ended without a commit."""
        try:
            opened = self.engine.connect().execution_options(wiretrail_read=True) if read else self.engine.begin()
            with opened as conn:
                yield conn
        except DBAPIError as exc:  # OperationalError ("database is locked") is one
            raise StoreError(f"{self.name}: {_reason(exc)}") from exc

    def _read(self) -> AbstractContextManager[Connection]:
        return self._tx(read=True)

    def _prepare(self) -> None:
        with self._tx() as conn:
            existing = set(_table_names(conn))
            if "meta" not in existing:
                if existing - {"articles_fts"} and "articles" in existing:
                    raise StoreError(f"{self.name}: not a wiretrail store (no meta table)")
                S.metadata.create_all(conn)
                S.create_fulltext(conn)
                conn.execute(S.meta.insert().values(key="schema_version", value=str(S.SCHEMA_VERSION)))
                return
            row = conn.execute(select(S.meta.c.value).where(S.meta.c.key == "schema_version")).first()
            version = int(row[0]) if row else 1
            if version > S.SCHEMA_VERSION:
                raise StoreError(
                    f"{self.name}: store schema version {version} is newer than this wiretrail "
                    f"understands ({S.SCHEMA_VERSION}); upgrade wiretrail"
                )
            for target in range(version + 1, S.SCHEMA_VERSION + 1):
                log.info("%s: migrating store schema %d -> %d", self.name, target - 1, target)
                S.MIGRATIONS[target](conn)
            if version < S.SCHEMA_VERSION:
                S.metadata.create_all(conn)
                S.create_fulltext(conn)
                conn.execute(
                    S.meta.update().where(S.meta.c.key == "schema_version").values(value=str(S.SCHEMA_VERSION))
                ) if row else conn.execute(
                    S.meta.insert().values(key="schema_version", value=str(S.SCHEMA_VERSION))
                )

    def schema_version(self) -> int:
        with self._read() as conn:
            row = conn.execute(select(S.meta.c.value).where(S.meta.c.key == "schema_version")).first()
        return int(row[0]) if row else 0

    # -- articles ----------------------------------------------------------
    def has_article(self, article_id: str) -> bool:
        with self._read() as conn:
            return conn.execute(select(S.articles.c.id).where(S.articles.c.id == article_id)).first() is not None

    def add_article(
        self,
        article: Article,
        *,
        signature: bytes = b"",
        shingle_count: int = 0,
        bands: Sequence[tuple[int, int]] = (),
        winnows: Iterable[int] = (),
        line_hashes: Iterable[str] = (),
        analysis: Analysis | None = None,
        analysis_version: int = 1,
    ) -> bool:
        """Store an article with its signatures in one transaction; False when already stored."""
        with self._tx() as conn:
            if conn.execute(select(S.articles.c.id).where(S.articles.c.id == article.id)).first():
                return False
            conn.execute(
                S.articles.insert().values(
                    id=article.id,
                    url=article.url,
                    outlet=article.outlet,
                    title=article.title,
                    published=article.published,
                    language=article.language,
                    fingerprint=article.fingerprint,
                    input_path=article.input_path,
                    added_at=_now(),
                    text=article.text,
                    data=json.dumps(article.to_dict(), ensure_ascii=False),
                )
            )
            if self.dialect == "sqlite":
                conn.execute(
                    text("INSERT INTO articles_fts(id, title, body) VALUES (:id, :title, :body)"),
                    {"id": article.id, "title": article.title, "body": article.text},
                )
            if signature:
                conn.execute(
                    S.minhashes.insert().values(article=article.id, signature=signature, shingles=shingle_count)
                )
            band_rows = [{"band": b, "hash": h, "article": article.id} for b, h in set(bands)]
            if band_rows:
                conn.execute(S.lsh_bands.insert(), band_rows)
            win_rows = [{"hash": h, "article": article.id} for h in set(winnows)]
            if win_rows:
                conn.execute(S.winnows.insert(), win_rows)
            line_rows = [{"outlet": article.outlet[:200], "line": h, "article": article.id} for h in set(line_hashes)]
            if line_rows and article.outlet:
                conn.execute(S.outlet_lines.insert(), line_rows)
            if analysis is not None:
                _insert_analysis(conn, analysis, analysis_version)
        return True

    def count_articles(self) -> int:
        with self._read() as conn:
            return int(conn.execute(select(func.count()).select_from(S.articles)).scalar_one())

    def article_ids(self) -> list[str]:
        with self._read() as conn:
            return [r[0] for r in conn.execute(select(S.articles.c.id).order_by(S.articles.c.published, S.articles.c.id))]

    def articles(self, ids: Sequence[str] | None = None, limit: int | None = None, offset: int = 0) -> list[Article]:
        """Articles by id (in that order) or all, oldest publication first."""
        query = select(S.articles.c.id, S.articles.c.data)
        if ids is not None:
            if not ids:
                return []
            query = query.where(S.articles.c.id.in_(list(ids)))
        else:
            query = query.order_by(S.articles.c.published, S.articles.c.id).offset(offset)
            if limit is not None:
                query = query.limit(limit)
        with self._read() as conn:
            rows = {r[0]: Article.from_dict(json.loads(r[1])) for r in conn.execute(query)}
        if ids is not None:
            return [rows[i] for i in ids if i in rows]
        return list(rows.values())

    def article(self, article_id: str) -> Article | None:
        found = self.articles([article_id])
        return found[0] if found else None

    def has_url(self, url: str) -> bool:
        with self._read() as conn:
            return conn.execute(select(S.articles.c.id).where(S.articles.c.url == url).limit(1)).first() is not None

    def by_fingerprint(self, fingerprint: str) -> list[str]:
        with self._read() as conn:
            return [r[0] for r in conn.execute(select(S.articles.c.id).where(S.articles.c.fingerprint == fingerprint))]

    # -- analyses ----------------------------------------------------------
    def set_analysis(self, analysis: Analysis, version: int = 1) -> None:
        with self._tx() as conn:
            conn.execute(delete(S.analyses).where(S.analyses.c.article == analysis.article))
            conn.execute(delete(S.analysis_parts).where(S.analysis_parts.c.article == analysis.article))
            conn.execute(delete(S.linked).where(S.linked.c.article == analysis.article))  # to be linked anew
            _insert_analysis(conn, analysis, version)

    def analyses(self, ids: Sequence[str] | None = None, without: Iterable[str] = ()) -> dict[str, Analysis]:
        """Analyses by article id (``ids``, else all); fields named in ``without`` are left at their
        defaults (what a reader does not need is then never held in memory).

        >>> Store.open(":memory:").analyses(without=("times", "sentences"))
        {}
        """
        skip = set(without)
        wanted = [p for p in ANALYSIS_PARTS if p not in skip]
        a, ap = S.analyses, S.analysis_parts
        chunks: list[list[str] | None] = [None] if ids is None else list(_chunks(list(dict.fromkeys(ids)), 500))
        records: dict[str, dict[str, Any]] = {}
        with self._read() as conn:
            for chunk in chunks:
                query = select(a.c.article, a.c.data)
                for article, data in conn.execute(query if chunk is None else query.where(a.c.article.in_(chunk))):
                    record = json.loads(data)
                    for name in skip:
                        record.pop(name, None)
                    records[article] = record
            for part in wanted:  # each part read on its own: what is not asked for is never decoded
                for chunk in chunks:
                    query = select(ap.c.article, ap.c.data).where(ap.c.part == part)
                    for article, data in conn.execute(query if chunk is None else query.where(ap.c.article.in_(chunk))):
                        if article in records:
                            records[article][part] = json.loads(data)
        return {article: Analysis.from_dict(record) for article, record in records.items()}

    def unanalysed(self, version: int = 1) -> list[str]:
        a, s = S.articles, S.analyses
        query = (
            select(a.c.id)
            .select_from(a.outerjoin(s, s.c.article == a.c.id))
            .where((s.c.article.is_(None)) | (s.c.version < version))
        )
        with self._read() as conn:
            return [r[0] for r in conn.execute(query)]

    # -- search ------------------------------------------------------------
    def search(self, query: str, limit: int = 20) -> list[SearchHit]:
        """Full-text search (BM25 on SQLite, ts_rank on PostgreSQL)."""
        terms = re.findall(r"\w+", query, flags=re.UNICODE)
        if not terms:
            return []
        with self._read() as conn:
            if self.dialect == "sqlite":
                match = " ".join(f'"{t}"' for t in terms)
                rows = conn.execute(
                    text(
                        "SELECT f.id, a.title, a.outlet, snippet(articles_fts, 2, '[', ']', ' … ', 16), "
                        "bm25(articles_fts) AS score FROM articles_fts f JOIN articles a ON a.id = f.id "
                        "WHERE articles_fts MATCH :m ORDER BY score LIMIT :n"
                    ),
                    {"m": match, "n": limit},
                ).all()
                return [SearchHit(r[0], r[1], r[2], r[3], -float(r[4])) for r in rows]
            tsq = " & ".join(terms)
            rows = conn.execute(
                text(
                    "SELECT id, title, outlet, ts_headline('simple', text, to_tsquery('simple', :q), "
                    "'StartSel=[,StopSel=],MaxWords=25,MinWords=8'), "
                    "ts_rank(to_tsvector('simple', title || ' ' || text), to_tsquery('simple', :q)) AS score "
                    "FROM articles WHERE to_tsvector('simple', title || ' ' || text) @@ to_tsquery('simple', :q) "
                    "ORDER BY score DESC LIMIT :n"
                ),
                {"q": tsq, "n": limit},
            ).all()
            return [SearchHit(r[0], r[1], r[2], r[3], float(r[4])) for r in rows]

    # -- copy detection indexes -------------------------------------------
    def band_candidates(self, bands: Sequence[tuple[int, int]], exclude: str = "") -> set[str]:
        if not bands:
            return set()
        b = S.lsh_bands
        found: set[str] = set()
        with self._read() as conn:
            for chunk in _chunks(list(set(bands)), 200):
                found.update(art for art, pair in _pairs_in(conn, b.c.band, b.c.hash, chunk, b.c.article))
        found.discard(exclude)
        return found

    def winnow_candidates(self, hashes: Iterable[int], exclude: str = "", max_holders: int | None = None) -> Counter[str]:
        """Articles sharing winnowing fingerprints with ``hashes``, with how many each shares.

        ``max_holders``: fingerprints already held by more articles than this are stock passages (a
        standard phrase, a disclaimer, a template line), not evidence of copying, and are not followed —
        as MOSS ignores passages common to many documents. Without the cut, every article would be
        compared with every earlier one that holds one stock passage: work growing with the store.
        """
        hashes = list(set(hashes))
        counts: Counter[str] = Counter()
        if not hashes:
            return counts
        w = S.winnows
        with self._read() as conn:
            for chunk in _chunks(hashes, 500):
                if max_holders is not None:
                    held = select(w.c.hash).where(w.c.hash.in_(chunk)).group_by(w.c.hash)
                    chunk = [h for (h,) in conn.execute(held.having(func.count() <= max_holders))]
                    if not chunk:
                        continue
                for art, n in conn.execute(
                    select(w.c.article, func.count()).where(w.c.hash.in_(chunk)).group_by(w.c.article)
                ):
                    counts[art] += int(n)
        counts.pop(exclude, None)
        return counts

    def winnow_counts(self, ids: Sequence[str]) -> dict[str, int]:
        w = S.winnows
        with self._read() as conn:
            return {
                r[0]: int(r[1])
                for r in conn.execute(
                    select(w.c.article, func.count()).where(w.c.article.in_(list(ids))).group_by(w.c.article)
                )
            }

    def add_copies(self, found: Sequence[Copy]) -> int:
        """Record copy relations not stored yet (one lookup and one insert for the lot); the number added."""
        pairs: dict[tuple[str, str], Copy] = {}
        for c in found:
            pairs.setdefault((c.copy, c.original), c)  # the first finding of a pair is the one kept
        if not pairs:
            return 0
        cp = S.copies
        with self._tx() as conn:
            for chunk in _chunks(list(pairs), 200):
                for _, pair in _pairs_in(conn, cp.c.copy, cp.c.original, chunk, cp.c.copy):
                    pairs.pop(pair, None)
            rows = [
                {"copy": c.copy, "original": c.original, "share": c.share, "jaccard": c.jaccard, "kind": c.kind,
                 "data": json.dumps(c.to_dict(), ensure_ascii=False)}
                for c in pairs.values()
            ]
            if rows:
                conn.execute(cp.insert(), rows)
        return len(rows)

    def copies_among(self, ids: Sequence[str]) -> set[str]:
        """The articles of ``ids`` stored as a syndicated or partial copy of another of ``ids``."""
        cp = S.copies
        wanted = sorted(set(ids))
        found: set[str] = set()
        with self._read() as conn:
            for chunk in _chunks(wanted, 500):
                query = select(cp.c.copy).where(cp.c.copy.in_(chunk), cp.c.original.in_(wanted), cp.c.kind != "quotes")
                found.update(r[0] for r in conn.execute(query))
        return found

    def copies(self) -> list[Copy]:
        with self._read() as conn:
            return [Copy.from_dict(json.loads(r[0])) for r in conn.execute(select(S.copies.c.data))]

    # -- boilerplate lines per outlet ------------------------------------
    def line_counts(self, outlet: str, line_hashes: Iterable[str]) -> dict[str, int]:
        hashes = list(set(line_hashes))
        if not outlet or not hashes:
            return {}
        o = S.outlet_lines
        out: dict[str, int] = {}
        with self._read() as conn:
            for chunk in _chunks(hashes, 500):
                for line, n in conn.execute(
                    select(o.c.line, func.count())
                    .where((o.c.outlet == outlet[:200]) & o.c.line.in_(chunk))
                    .group_by(o.c.line)
                ):
                    out[line] = int(n)
        return out

    # -- cross-article results --------------------------------------------
    def put_derived(self, kind: str, records: Mapping[str, dict[str, Any]] | Iterable[tuple[str, dict[str, Any]]]) -> None:
        """Replace every derived record of ``kind`` (entities, claim groups, ...), given as a mapping or
        as (id, record) pairs; pairs are read and written a few thousand at a time, so a generator of
        them never holds all the records (nor their JSON) in memory at once."""
        items = records.items() if isinstance(records, Mapping) else records
        with self._tx() as conn:
            conn.execute(delete(S.derived).where(S.derived.c.kind == kind))
            for chunk in _batches(items, 2000):
                conn.execute(S.derived.insert(), _derived_rows(kind, chunk))

    def add_derived(self, kind: str, records: Iterable[tuple[str, dict[str, Any]]], *, drop: Iterable[str] = ()) -> None:
        """Add (id, record) pairs of ``kind`` beside those stored (a stored id is replaced), a few
        thousand at a time, after forgetting the records ``drop`` names — in one transaction."""
        d = S.derived
        with self._tx() as conn:
            for chunk in _chunks(list(dict.fromkeys(drop)), 500):
                conn.execute(delete(d).where((d.c.kind == kind) & d.c.id.in_(chunk)))
            for chunk in _batches(records, 2000):
                conn.execute(delete(d).where((d.c.kind == kind) & d.c.id.in_([k for k, _ in chunk])))
                conn.execute(d.insert(), _derived_rows(kind, chunk))

    def iter_derived(self, kind: str) -> Iterator[tuple[str, dict[str, Any]]]:
        """The (id, record) pairs of ``kind`` in id order, read as they are consumed (never all at once)."""
        query = select(S.derived.c.id, S.derived.c.data).where(S.derived.c.kind == kind).order_by(S.derived.c.id)
        with self._read() as conn:
            for row in conn.execution_options(yield_per=2000).execute(query):
                yield row[0], json.loads(row[1])

    def derived(self, kind: str) -> dict[str, dict[str, Any]]:
        return dict(self.iter_derived(kind))

    # -- pair verdicts, grouped claims, linked articles ----------------------------
    def add_verdicts(self, records: Iterable[tuple[str, str, dict[str, Any]]], *, new: bool = False) -> None:
        """Add the judge's (claim, claim, record) verdicts beside those kept (a kept pair is replaced; with
        ``new``, the caller knows none is kept and the lookup is skipped), a few thousand at a time; a pair
        is kept under its claims in sorted order."""
        v = S.verdicts
        with self._tx() as conn:
            for chunk in _batches(records, 2000):
                rows = {tuple(sorted((a, b))): r for a, b, r in chunk}
                for _, (first, second) in () if new else _pairs_in(conn, v.c.first, v.c.second, list(rows), v.c.first):
                    conn.execute(delete(v).where((v.c.first == first) & (v.c.second == second)))
                conn.execute(v.insert(), [{"first": a, "second": b, "data": json.dumps(r, ensure_ascii=False)}
                                          for (a, b), r in rows.items()])

    def iter_verdicts(self) -> Iterator[tuple[str, str, dict[str, Any]]]:
        """Every kept verdict as (claim, claim, record), read as they are consumed (never all at once)."""
        v = S.verdicts
        with self._read() as conn:
            for row in conn.execution_options(yield_per=2000).execute(select(v.c.first, v.c.second, v.c.data)):
                yield row[0], row[1], json.loads(row[2])

    def verdicts_touching(self, claims: Iterable[str]) -> Iterator[tuple[str, str, dict[str, Any]]]:
        """The kept verdicts on pairs with at least one of ``claims`` in them, each pair once."""
        v = S.verdicts
        wanted = list(dict.fromkeys(claims))
        seen: set[tuple[str, str]] = set()
        with self._read() as conn:
            for chunk in _chunks(wanted, 500):
                for side in (v.c.first, v.c.second):
                    for a, b, data in conn.execute(select(v.c.first, v.c.second, v.c.data).where(side.in_(chunk))):
                        if (a, b) not in seen:
                            seen.add((a, b))
                            yield a, b, json.loads(data)

    def grouped_claims(self, *, claims: Iterable[str] = (), groups: Iterable[str] = (), articles: Iterable[str] = ()
                       ) -> list[tuple[str, str, str]]:
        """(claim, article, group) rows of the claims named, and of every claim in the ``groups`` and the
        ``articles`` named."""
        c = S.grouped_claims
        out: dict[str, tuple[str, str, str]] = {}
        with self._read() as conn:
            for column, values in ((c.c.claim, claims), (c.c.grp, groups), (c.c.article, articles)):
                for chunk in _chunks(list(dict.fromkeys(values)), 500):
                    for row in conn.execute(select(c.c.claim, c.c.article, c.c.grp).where(column.in_(chunk))):
                        out[row[0]] = (row[0], row[1], row[2])
        return list(out.values())

    def count_grouped_claims(self) -> int:
        with self._read() as conn:
            return conn.execute(select(func.count()).select_from(S.grouped_claims)).scalar_one()

    def put_grouped_claims(self, rows: Iterable[tuple[str, str, str]], *, drop: Iterable[str] = (),
                           replace_all: bool = False) -> None:
        """Keep the group each claim is in, as (claim, article, group) rows; the claims in ``drop`` (and with
        ``replace_all``, every kept row) are forgotten first."""
        c = S.grouped_claims
        with self._tx() as conn:
            if replace_all:
                conn.execute(delete(c))
            for chunk in _chunks(list(dict.fromkeys(drop)), 500):
                conn.execute(delete(c).where(c.c.claim.in_(chunk)))
            for chunk in _batches(rows, 2000):
                conn.execute(delete(c).where(c.c.claim.in_([r[0] for r in chunk])))
                conn.execute(c.insert(), [{"claim": r[0], "article": r[1], "grp": r[2]} for r in chunk])

    def forget_claims(self, claims: Iterable[str]) -> None:
        """Forget what linking kept of these claims (an article analysed again has new ones): their pair
        verdicts, their embeddings and the groups they were in."""
        v, c, vec = S.verdicts, S.grouped_claims, S.vectors
        with self._tx() as conn:
            for chunk in _chunks(list(dict.fromkeys(claims)), 500):
                conn.execute(delete(v).where(v.c.first.in_(chunk)))
                conn.execute(delete(v).where(v.c.second.in_(chunk)))
                conn.execute(delete(vec).where((vec.c.kind == "claim") & vec.c.id.in_(chunk)))
                conn.execute(delete(c).where(c.c.claim.in_(chunk)))

    def linked_articles(self, stage: str) -> set[str]:
        """The articles the cross-article ``stage`` has taken in (an article analysed again is not)."""
        with self._read() as conn:
            return {r[0] for r in conn.execute(select(S.linked.c.article).where(S.linked.c.stage == stage))}

    def mark_linked(self, stage: str, articles: Iterable[str], *, replace_all: bool = False) -> None:
        """Record that ``stage`` has taken ``articles`` in (with ``replace_all``, only them)."""
        t = S.linked
        with self._tx() as conn:
            if replace_all:
                conn.execute(delete(t).where(t.c.stage == stage))
            for chunk in _batches(articles, 2000):
                conn.execute(delete(t).where((t.c.stage == stage) & t.c.article.in_(chunk)))
                conn.execute(t.insert(), [{"stage": stage, "article": a} for a in chunk])

    # -- embeddings --------------------------------------------------------------
    def put_vectors(self, kind: str, rows: Sequence[tuple[str, str, bytes]]) -> None:
        """Store vectors as (id, article, float16 bytes); existing ids are replaced."""
        if not rows:
            return
        v = S.vectors
        with self._tx() as conn:
            for chunk in _chunks(list(rows), 500):
                conn.execute(delete(v).where((v.c.kind == kind) & v.c.id.in_([r[0] for r in chunk])))
                conn.execute(v.insert(), [{"kind": kind, "id": i, "article": a, "data": d} for i, a, d in chunk])

    def iter_vectors(self, kind: str) -> Iterator[tuple[str, bytes]]:
        """The (id, float16 bytes) pairs of ``kind``, read as they are consumed."""
        for item, _, data in self.iter_vectors_of(kind):
            yield item, data

    def iter_vectors_of(self, kind: str) -> Iterator[tuple[str, str, bytes]]:
        """The (id, article, float16 bytes) rows of ``kind``, read as they are consumed."""
        v = S.vectors
        query = select(v.c.id, v.c.article, v.c.data).where(v.c.kind == kind)
        with self._read() as conn:
            for row in conn.execution_options(yield_per=2000).execute(query):
                yield row[0], row[1], row[2]

    def vectors(self, kind: str, ids: Sequence[str] | None = None) -> dict[str, bytes]:
        v = S.vectors
        query = select(v.c.id, v.c.data).where(v.c.kind == kind)
        if ids is None:
            return dict(self.iter_vectors(kind))
        out: dict[str, bytes] = {}
        with self._read() as conn:
            for chunk in _chunks(list(ids), 500):
                out.update({r[0]: r[1] for r in conn.execute(query.where(v.c.id.in_(chunk)))})
        return out

    # -- failures ------------------------------------------------------------
    def record_failure(self, path: str, reason: str) -> None:
        with self._tx() as conn:
            conn.execute(S.failures.insert().values(path=path, reason=reason, at=_now()))

    def check(self) -> list[str]:
        """Integrity problems found (empty list = healthy)."""
        problems: list[str] = []
        with self._tx() as conn:
            if self.dialect == "sqlite":
                res = conn.execute(text("PRAGMA integrity_check")).scalar_one()
                if res != "ok":
                    problems.append(str(res))
            bad = conn.execute(select(func.count()).select_from(S.articles).where(S.articles.c.data == "")).scalar_one()
            if bad:
                problems.append(f"{bad} article rows without data")
        return problems


def _busy_timeout() -> float:
    value = os.environ.get("WIRETRAIL_BUSY_TIMEOUT", "").strip()
    if not value:
        return DEFAULT_BUSY_TIMEOUT
    try:
        seconds = float(value)
    except ValueError:
        raise StoreError(f"WIRETRAIL_BUSY_TIMEOUT={value!r}: not a number of seconds") from None
    if seconds < 0:
        raise StoreError(f"WIRETRAIL_BUSY_TIMEOUT={value!r}: must be 0 or more seconds")
    return seconds


def _insert_analysis(conn: Connection, analysis: Analysis, version: int) -> None:
    """Write an analysis: its large fields (``model.ANALYSIS_PARTS``) each in a row of its own, the rest in
    the ``analyses`` row."""
    base, rows = S.analysis_rows(analysis.article, analysis.to_dict())
    conn.execute(S.analyses.insert().values(article=analysis.article, version=version, data=base))
    if rows:
        conn.execute(S.analysis_parts.insert(), rows)


def _derived_rows(kind: str, records: Iterable[tuple[str, dict[str, Any]]]) -> list[dict[str, Any]]:
    """Rows of the ``derived`` table for (id, record) pairs of ``kind``."""
    return [{"kind": kind, "id": k, "data": json.dumps(v, ensure_ascii=False)} for k, v in records]


def _batches(items: Iterable, size: int) -> Iterator[list]:
    """``items`` in lists of ``size`` (the last shorter), read lazily."""
    it = iter(items)
    while chunk := list(islice(it, size)):
        yield chunk


def _pairs_in(conn: Connection, first: Any, second: Any, pairs: Sequence[tuple[Any, Any]], value: Any) -> Iterator[tuple[Any, tuple[Any, Any]]]:
    """(value, pair) for each stored row whose (first, second) is one of ``pairs``.

    Asked as ``first IN (...) AND second IN (...)`` — both columns of the primary key, so every engine
    searches its index — and the cross combinations that are not asked for dropped here. A row-value
    ``(first, second) IN (...)`` reads the same rows but SQLite answers it with a scan of the whole table:
    work that grew with the store on every article added.
    """
    wanted = set(pairs)
    query = select(value, first, second).where(
        first.in_(sorted({a for a, _ in wanted})), second.in_(sorted({b for _, b in wanted}))
    )
    for val, a, b in conn.execute(query):
        if (a, b) in wanted:
            yield val, (a, b)


def _chunks(items: list, size: int) -> Iterator[list]:
    for i in range(0, len(items), size):
        yield items[i : i + size]


def _table_names(conn: Connection) -> list[str]:
    from sqlalchemy import inspect

    return inspect(conn).get_table_names()


def _reason(exc: Exception) -> str:
    orig = getattr(exc, "orig", None)
    msg = str(orig or exc).splitlines()[0]
    if "locked" in msg:
        return f"database is locked by another process ({msg})"
    if "file is not a database" in msg or "file is encrypted" in msg:
        return "not a wiretrail store (not an SQLite database)"
    if "unable to open" in msg or "readonly" in msg:
        return f"cannot open or write the store ({msg})"
    return msg


def _sqlite_pragmas(engine: Engine, memory: bool) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn: sqlite3.Connection, _record: object) -> None:
        dbapi_conn.isolation_level = None  # we issue BEGIN ourselves
        cur = dbapi_conn.cursor()
        if not memory:
            cur.execute("PRAGMA journal_mode=WAL")
        cur.execute("PRAGMA synchronous=NORMAL")
        cur.execute("PRAGMA foreign_keys=ON")
        cur.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Connection) -> None:
        # a write takes the lock up front (no deadlock upgrading a read lock); a read needs none
        conn.exec_driver_sql("BEGIN" if conn.get_execution_options().get("wiretrail_read") else "BEGIN IMMEDIATE")
