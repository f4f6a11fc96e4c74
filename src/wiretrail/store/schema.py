"""The store's tables (SQLAlchemy Core), its schema version and migrations.

One schema serves SQLite and PostgreSQL. Full-text search differs per backend
(FTS5 virtual table on SQLite, a ``tsvector`` expression index on PostgreSQL) and
is created in ``create_fulltext``.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from sqlalchemy import (
    BigInteger,
    Column,
    Float,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
    select,
    text,
)
from sqlalchemy.engine import Connection, Row
from sqlalchemy.sql import Select

from wiretrail.model import ANALYSIS_PARTS

SCHEMA_VERSION = 5

metadata = MetaData()

meta = Table(
    "meta",
    metadata,
    Column("key", String(64), primary_key=True),
    Column("value", Text, nullable=False),
)

articles = Table(
    "articles",
    metadata,
    Column("id", String(32), primary_key=True),
    Column("url", Text, nullable=False, default=""),
    Column("outlet", Text, nullable=False, default=""),
    Column("title", Text, nullable=False, default=""),
    Column("published", String(40), nullable=False, default=""),
    Column("language", String(16), nullable=False, default=""),
    Column("fingerprint", String(32), nullable=False, default=""),
    Column("input_path", Text, nullable=False, default=""),
    Column("added_at", String(40), nullable=False),
    Column("text", Text, nullable=False),
    Column("data", Text, nullable=False),  # the whole Article as JSON
    Index("ix_articles_fingerprint", "fingerprint"),
    Index("ix_articles_outlet", "outlet"),
)

analyses = Table(
    "analyses",
    metadata,
    Column("article", String(32), primary_key=True),
    Column("version", Integer, nullable=False),
    Column("data", Text, nullable=False),  # model.Analysis as JSON
)

analysis_parts = Table(  # an analysis's large fields (model.ANALYSIS_PARTS), each readable on its own
    "analysis_parts",
    metadata,
    Column("part", String(16), primary_key=True),
    Column("article", String(32), primary_key=True),
    Column("data", Text, nullable=False),
)

copies = Table(
    "copies",
    metadata,
    Column("copy", String(32), primary_key=True),
    Column("original", String(32), primary_key=True),
    Column("share", Float, nullable=False),
    Column("jaccard", Float, nullable=False),
    Column("kind", String(16), nullable=False),
    Column("data", Text, nullable=False),
    Index("ix_copies_original", "original"),
)

minhashes = Table(
    "minhashes",
    metadata,
    Column("article", String(32), primary_key=True),
    Column("signature", LargeBinary, nullable=False),
    Column("shingles", Integer, nullable=False),
)

lsh_bands = Table(
    "lsh_bands",
    metadata,
    Column("band", Integer, primary_key=True),
    Column("hash", BigInteger, primary_key=True),
    Column("article", String(32), primary_key=True),
)

winnows = Table(
    "winnows",
    metadata,
    Column("hash", BigInteger, primary_key=True),
    Column("article", String(32), primary_key=True),
)

outlet_lines = Table(
    "outlet_lines",
    metadata,
    Column("outlet", String(200), primary_key=True),
    Column("line", String(32), primary_key=True),  # hash of the normalised line
    Column("article", String(32), primary_key=True),
)

derived = Table(
    "derived",
    metadata,
    Column("kind", String(32), primary_key=True),  # entity, claim_group, story, event, relation
    Column("id", String(64), primary_key=True),
    Column("data", Text, nullable=False),
)

vectors = Table(
    "vectors",
    metadata,
    Column("kind", String(16), primary_key=True),  # "claim"
    Column("id", String(64), primary_key=True),
    Column("article", String(32), nullable=False),
    Column("data", LargeBinary, nullable=False),  # float16 little-endian
    Index("ix_vectors_article", "article"),
)

verdicts = Table(  # the judge's verdict on a pair of claims, found from either claim
    "verdicts",
    metadata,
    Column("first", String(64), primary_key=True),
    Column("second", String(64), primary_key=True),
    Column("data", Text, nullable=False),
    Index("ix_verdicts_second", "second"),
)

grouped_claims = Table(  # the claim group each linked claim is in (see link.regroup)
    "grouped_claims",
    metadata,
    Column("claim", String(64), primary_key=True),
    Column("article", String(32), nullable=False),
    Column("grp", String(64), nullable=False),
    Index("ix_grouped_claims_grp", "grp"),
    Index("ix_grouped_claims_article", "article"),
)

linked = Table(  # the articles a cross-article stage has taken in
    "linked",
    metadata,
    Column("stage", String(32), primary_key=True),
    Column("article", String(32), primary_key=True),
)

failures = Table(
    "failures",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("path", Text, nullable=False),
    Column("reason", Text, nullable=False),
    Column("at", String(40), nullable=False),
)


def create_fulltext(conn: Connection) -> None:
    """Create the full-text index for the connection's backend (idempotent)."""
    if conn.dialect.name == "sqlite":
        conn.execute(
            text(
                "CREATE VIRTUAL TABLE IF NOT EXISTS articles_fts USING fts5("
                "id UNINDEXED, title, body, tokenize='unicode61 remove_diacritics 2')"
            )
        )
    elif conn.dialect.name == "postgresql":
        conn.execute(
            text(
                "CREATE INDEX IF NOT EXISTS ix_articles_fts ON articles USING GIN "
                "(to_tsvector('simple', title || ' ' || text))"
            )
        )


# version -> statements that bring a store of version-1 up to it. Each runs in the
# same transaction as the version bump.
def _migrate_to_2(conn: Connection) -> None:
    # v1 had no failures table and no outlet_lines: create whatever is missing.
    metadata.create_all(conn, tables=[failures, outlet_lines])


def _migrate_to_3(conn: Connection) -> None:
    # v3 keeps sentence embeddings so that linking embeds only new claims
    metadata.create_all(conn, tables=[vectors])


def analysis_rows(article: str, record: dict[str, Any]) -> tuple[str, list[dict[str, Any]]]:
    """An analysis record (``Analysis.to_dict``) as the store keeps it: the ``analyses`` row's JSON and a
    row of ``analysis_parts`` for each large field that is not empty. ``record`` loses those fields."""
    rows = []
    for part in ANALYSIS_PARTS:
        value = record.pop(part, None)
        if value:
            rows.append({"part": part, "article": article, "data": json.dumps(value, ensure_ascii=False)})
    return json.dumps(record, ensure_ascii=False), rows


def _in_key_order(conn: Connection, query: Select, key: Any, size: int) -> Iterator[list[Row]]:
    """The rows of ``query`` in lists of ``size``, in the order of the unique column ``key``, each list asked
    for after the one before is handled (the handler may write to the table read)."""
    last = ""
    while True:
        rows = conn.execute(query.where(key > last).order_by(key).limit(size)).all()
        if not rows:
            return
        yield rows
        last = rows[-1][0]


def _migrate_to_4(conn: Connection) -> None:
    # v4 keeps pair verdicts in a table of their own, found from either claim, and the group each claim
    # is in, so that a link regroups only the groups new claims reach. The verdicts kept as derived
    # "pair" records move over (millions at 10,000 articles); the groups are written by the next link,
    # which groups every claim.
    metadata.create_all(conn, tables=[verdicts, grouped_claims, linked])
    query = select(derived.c.id, derived.c.data).where(derived.c.kind == "pair")
    for rows in _in_key_order(conn, query, derived.c.id, 2000):
        conn.execute(verdicts.insert(), [{"first": k.partition("|")[0], "second": k.partition("|")[2], "data": d}
                                         for k, d in rows])
    conn.execute(derived.delete().where(derived.c.kind == "pair"))


def _migrate_to_5(conn: Connection) -> None:
    # v5 keeps each analysis's large fields in rows of their own, so a stage decodes only what it reads
    metadata.create_all(conn, tables=[analysis_parts])
    for rows in _in_key_order(conn, select(analyses.c.article, analyses.c.data), analyses.c.article, 200):
        for article, data in rows:
            base, parts = analysis_rows(article, json.loads(data))
            if parts:
                conn.execute(analysis_parts.insert(), parts)
            conn.execute(analyses.update().where(analyses.c.article == article).values(data=base))


MIGRATIONS = {2: _migrate_to_2, 3: _migrate_to_3, 4: _migrate_to_4, 5: _migrate_to_5}
