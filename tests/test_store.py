"""Store contract tests: the same behaviour on every backend (SQLite here; PostgreSQL when a server is given)."""

from __future__ import annotations

import os
import sqlite3

import pytest

from wiretrail.model import Analysis, Article, Copy, article_id, text_fingerprint
from wiretrail.store import Store, StoreError
from wiretrail.store import schema as S


def _article(text: str, url: str = "https://example.test/a", outlet: str = "Harbor Daily", published: str = "2025-03-01T10:00:00") -> Article:
    return Article(
        id=article_id(text, url), url=url, outlet=outlet, title=text.split(".")[0], text=text,
        published=published, fingerprint=text_fingerprint(text),
    )


@pytest.fixture(params=["sqlite", "postgresql"])
def store(request, tmp_path):
    if request.param == "sqlite":
        s = Store.open(str(tmp_path / "s.db"))
    else:
        url = os.environ.get("WIRETRAIL_TEST_POSTGRES")
        if not url:
            pytest.skip("no PostgreSQL server (set WIRETRAIL_TEST_POSTGRES)")
        s = Store.open(url)
        from sqlalchemy import text as sql

        with s.engine.begin() as conn:  # a clean slate per test
            for t in reversed(S.metadata.sorted_tables):
                conn.execute(sql(f"DELETE FROM {t.name}"))
            conn.execute(sql("INSERT INTO meta(key, value) VALUES ('schema_version', :v)"), {"v": str(S.SCHEMA_VERSION)})
    yield s
    s.close()


def test_store_add_is_idempotent(store):
    a = _article("Rebels entered the northern city on Saturday. The army withdrew.")
    assert store.add_article(a) is True
    assert store.add_article(a) is False
    assert store.count_articles() == 1
    assert store.article(a.id) == a


def test_store_full_text_search_ranks_matches(store):
    a = _article("Rebels captured the airport of the northern city.", url="u1")
    b = _article("The ministry announced new bread prices in the capital.", url="u2")
    store.add_article(a)
    store.add_article(b)
    hits = store.search("airport rebels")
    assert [h.article for h in hits] == [a.id]
    assert "airport" in hits[0].snippet.lower()
    assert store.search("") == []


def test_store_keeps_analysis_and_copies(store):
    a = _article("One two three four five six seven eight nine ten.", url="u1")
    store.add_article(a)
    store.set_analysis(Analysis(article=a.id, sentences=((0, 10),)))
    assert store.analyses()[a.id].sentences == ((0, 10),)
    c = Copy(copy=a.id, original="outlet:Meridian Press", share=1.0, kind="syndicated", evidence=("credit line",))
    assert store.add_copies([c, c]) == 1
    assert store.copies() == [c]
    other = Copy(copy="b" * 16, original="outlet:Meridian Press", share=1.0, kind="syndicated")
    crossed = Copy(copy=a.id, original="outlet:Other Wire", share=1.0, kind="syndicated")
    assert store.add_copies([other, crossed, c]) == 2  # (b, Meridian) and (a, Other) are new pairs


def test_store_candidate_indexes(store):
    a = _article("alpha beta", url="u1")
    store.add_article(a, bands=[(0, 11), (1, 12)], winnows=[5, 6, 7])
    assert store.band_candidates([(1, 12), (2, 99)]) == {a.id}
    assert store.band_candidates([(1, 12)], exclude=a.id) == set()
    # both columns are asked with IN lists (an index search): the cross combinations are not matches
    assert store.band_candidates([(0, 12), (1, 11)]) == set()
    assert store.winnow_candidates([5, 6, 8])[a.id] == 2


def test_store_winnow_candidates_skip_stock_passages(store):
    """A fingerprint many articles hold (a disclaimer, a stock line) is not followed; a rarer one is."""
    held = [_article(f"text number {n}", url=f"u{n}") for n in range(4)]
    for n, art in enumerate(held):
        store.add_article(art, winnows=[100, 200 + n])  # 100: everyone's; 200 + n: each one's own
    assert set(store.winnow_candidates([100])) == {a.id for a in held}
    assert store.winnow_candidates([100], max_holders=3) == {}
    found = store.winnow_candidates([100, 201], max_holders=3)
    assert found == {held[1].id: 1}


def test_store_derived_records_replace(store):
    store.put_derived("entity", {"e1": {"name": "Aleppo"}})
    store.put_derived("entity", {"e2": {"name": "Idlib"}})
    assert store.derived("entity") == {"e2": {"name": "Idlib"}}


def test_store_derived_records_from_a_generator_of_any_length(store):
    store.put_derived("event", {"old": {"label": "same"}})
    store.put_derived("event", ((f"a{n}|b{n}", {"label": "same", "n": n}) for n in range(4500)))  # three batches
    kept = store.derived("event")
    assert len(kept) == 4500 and "old" not in kept and kept["a4499|b4499"] == {"label": "same", "n": 4499}
    store.put_derived("event", iter(()))
    assert store.derived("event") == {}


def test_store_derived_records_added_beside_the_stored_and_read_as_consumed(store):
    store.put_derived("event", {"a0|b0": {"label": "same", "n": 0}, "other": {"label": None}})
    store.add_derived("event", ((f"a{n}|b{n}", {"label": "contradicts", "n": n}) for n in range(4500)))  # a0|b0 replaced
    streamed = store.iter_derived("event")
    first = next(streamed)
    assert first[0] in {"other", "a0|b0"} or first[0].startswith("a")
    rest = dict([first, *streamed])
    assert len(rest) == 4501 and rest["other"] == {"label": None}
    assert rest["a0|b0"] == {"label": "contradicts", "n": 0} and rest["a4499|b4499"]["n"] == 4499
    assert store.derived("event") == rest
    assert dict(store.iter_derived("story")) == {}


def test_store_vectors_read_as_consumed(store):
    store.put_vectors("claim", [("c1", "a1", b"\x00\x3c" * 4), ("c2", "a1", b"\x00\x40" * 4)])
    assert dict(store.iter_vectors("claim")) == store.vectors("claim") == {"c1": b"\x00\x3c" * 4, "c2": b"\x00\x40" * 4}
    assert list(store.iter_vectors("story-lead600")) == []


def test_store_migrates_an_old_schema(tmp_path):
    path = tmp_path / "old.db"
    s = Store.open(str(path))
    with s.engine.begin() as conn:
        from sqlalchemy import text as sql

        conn.execute(sql("DROP TABLE failures"))
        conn.execute(sql("UPDATE meta SET value='1' WHERE key='schema_version'"))
    s.close()
    s = Store.open(str(path))
    assert s.schema_version() == S.SCHEMA_VERSION
    s.record_failure("x.html", "empty file")


def test_store_refuses_a_newer_schema(tmp_path):
    path = tmp_path / "new.db"
    s = Store.open(str(path))
    with s.engine.begin() as conn:
        from sqlalchemy import text as sql

        conn.execute(sql("UPDATE meta SET value='99' WHERE key='schema_version'"))
    s.close()
    with pytest.raises(StoreError, match="newer"):
        Store.open(str(path))


def test_store_refuses_a_file_that_is_not_a_store(tmp_path):
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"this is not sqlite at all" * 10)
    with pytest.raises(StoreError, match="not a wiretrail store"):
        Store.open(str(junk))
    other = tmp_path / "other.db"
    con = sqlite3.connect(other)
    con.execute("CREATE TABLE articles (x)")
    con.commit()
    con.close()
    with pytest.raises(StoreError, match="not a wiretrail store"):
        Store.open(str(other))
    with pytest.raises(StoreError, match="does not exist"):
        Store.open(str(tmp_path / "missing" / "x.db"))


def test_store_sqlite_is_in_wal_mode(tmp_path):
    s = Store.open(str(tmp_path / "w.db"))
    with s.engine.connect() as conn:
        from sqlalchemy import text as sql

        assert conn.execute(sql("PRAGMA journal_mode")).scalar_one() == "wal"


def test_store_opening_again_keeps_the_locks_of_a_connection_already_open(tmp_path):
    """Opening a second Store in a process that already holds a connection must not drop that connection's
    file locks: if it did, another process closing its own connection would think itself the last one,
    checkpoint and delete the WAL under the open connection, and the store would read as malformed."""
    import subprocess
    import sys

    path = tmp_path / "held.db"
    Store.open(str(path)).close()
    held = sqlite3.connect(path)
    try:
        held.execute("SELECT count(*) FROM articles").fetchone()  # an idle, open connection (WAL files exist)
        Store.open(str(path)).close()  # the second open in this process
        writer = (
            "import sqlite3, sys; c = sqlite3.connect(sys.argv[1]); "
            "c.execute(\"INSERT INTO failures(path, reason, at) VALUES ('x', 'y', 'z')\"); c.commit(); c.close()"
        )
        subprocess.run([sys.executable, "-c", writer, str(path)], check=True, timeout=60)
        assert path.with_name("held.db-wal").exists(), "the other process deleted the WAL of a live connection"
        assert held.execute("SELECT count(*) FROM failures").fetchone()[0] == 1
        assert held.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    finally:
        held.close()


def test_store_verdicts_found_from_either_claim(store):
    store.add_verdicts([("c2", "c1", {"label": "same", "cosine": 0.9}), ("c1", "c3", {"label": "contradicts"}),
                        ("c4", "c5", {"label": None})])
    store.add_verdicts([("c1", "c2", {"label": "same", "cosine": 0.95})])  # the same pair, judged again: replaced
    assert sorted(store.iter_verdicts()) == [("c1", "c2", {"label": "same", "cosine": 0.95}),
                                             ("c1", "c3", {"label": "contradicts"}), ("c4", "c5", {"label": None})]
    assert sorted((a, b) for a, b, _ in store.verdicts_touching(["c2", "c3"])) == [("c1", "c2"), ("c1", "c3")]
    assert sorted((a, b) for a, b, _ in store.verdicts_touching(["c1"])) == [("c1", "c2"), ("c1", "c3")]
    assert list(store.verdicts_touching([])) == []
    store.add_verdicts([("c9", "c6", {"label": "same"})], new=True)  # known to be new: no lookup
    assert [(a, b) for a, b, _ in store.verdicts_touching(["c9"])] == [("c6", "c9")]


def test_store_grouped_claims_and_linked_articles(store):
    store.put_grouped_claims([("a1:clm0", "a1", "g1"), ("a1:clm5", "a1", "g2"), ("a2:clm0", "a2", "g2")])
    assert store.count_grouped_claims() == 3
    assert store.grouped_claims(claims=["a2:clm0"]) == [("a2:clm0", "a2", "g2")]
    assert {r[0] for r in store.grouped_claims(groups=["g2"])} == {"a1:clm5", "a2:clm0"}
    assert {r[0] for r in store.grouped_claims(articles=["a1"])} == {"a1:clm0", "a1:clm5"}
    store.put_grouped_claims([("a1:clm0", "a1", "g4")], drop=["a2:clm0"])
    assert sorted(store.grouped_claims(articles=["a1", "a2"])) == [("a1:clm0", "a1", "g4"), ("a1:clm5", "a1", "g2")]

    store.mark_linked("claim_group", ["a1", "a2"])
    store.mark_linked("claim_group", ["a2", "a3"])
    assert store.linked_articles("claim_group") == {"a1", "a2", "a3"} and store.linked_articles("story") == set()
    store.mark_linked("claim_group", ["a9"], replace_all=True)
    assert store.linked_articles("claim_group") == {"a9"}


def test_store_an_article_analysed_again_is_linked_anew_and_its_claims_forgotten(store):
    art = _article("Rebels captured the airport on Saturday, a monitor said.")
    store.add_article(art)
    store.mark_linked("claim_group", [art.id, "other"])
    store.set_analysis(Analysis(article=art.id))
    assert store.linked_articles("claim_group") == {"other"}

    store.add_verdicts([(f"{art.id}:clm0", "b:clm1", {"label": "same"}), ("b:clm1", "c:clm2", {"label": "same"})])
    store.put_vectors("claim", [(f"{art.id}:clm0", art.id, b"\x00\x3c" * 4), ("b:clm1", "b", b"\x00\x3c" * 4)])
    store.put_grouped_claims([(f"{art.id}:clm0", art.id, "g1"), ("b:clm1", "b", "g1")])
    store.forget_claims([f"{art.id}:clm0"])
    assert [(a, b) for a, b, _ in store.iter_verdicts()] == [("b:clm1", "c:clm2")]
    assert list(store.vectors("claim")) == ["b:clm1"]
    assert store.grouped_claims(groups=["g1"]) == [("b:clm1", "b", "g1")]


def test_store_derived_records_added_and_dropped_at_once(store):
    store.put_derived("claim_group", {"g1": {"n": 1}, "g2": {"n": 2}})
    store.add_derived("claim_group", [("g3", {"n": 3}), ("g2", {"n": 22})], drop=["g1"])
    assert store.derived("claim_group") == {"g2": {"n": 22}, "g3": {"n": 3}}


def test_store_migration_moves_kept_pair_verdicts_to_their_table(tmp_path):
    from sqlalchemy import text as sql

    path = tmp_path / "v3.db"
    s = Store.open(str(path))
    with s.engine.begin() as conn:  # a version-3 store: verdicts kept as derived "pair" records
        for name in ("verdicts", "grouped_claims", "linked"):
            conn.execute(sql(f"DROP TABLE {name}"))
        conn.execute(sql("UPDATE meta SET value='3' WHERE key='schema_version'"))
        for n in range(2500):  # more than one batch of the move
            conn.execute(sql("INSERT INTO derived(kind, id, data) VALUES ('pair', :id, :data)"),
                         {"id": f"a{n:04d}:clm1|b{n:04d}:clm2", "data": '{"label": "same", "cosine": 0.9}'})
        conn.execute(sql("INSERT INTO derived(kind, id, data) VALUES ('claim_group', 'g1', '{}')"))
    s.close()
    s = Store.open(str(path))
    assert s.schema_version() == S.SCHEMA_VERSION
    moved = sorted(s.iter_verdicts())
    assert len(moved) == 2500 and moved[0] == ("a0000:clm1", "b0000:clm2", {"label": "same", "cosine": 0.9})
    assert s.derived("pair") == {} and s.derived("claim_group") == {"g1": {}}
    assert s.count_grouped_claims() == 0  # the next link groups every claim and keeps their groups
    s.close()


def test_store_analysis_parts_read_on_their_own(store):
    from wiretrail.model import Claim, Quantity, Span

    art = _article("Rebels captured the airport on Saturday, a monitor said. At least 12 people were killed.")
    claim = Claim(id=f"{art.id}:clm0", article=art.id, span=Span(art.id, 0, 41), text=art.text[:41])
    figure = Quantity(article=art.id, span=Span(art.id, 57, 68), text="At least 12", value=12.0, counts="killed",
                      qualifier="at least")
    analysis = Analysis(article=art.id, sentences=((0, 56), (57, 93)), claims=(claim,), quantities=(figure,))
    store.add_article(art, analysis=analysis)
    assert store.analyses() == {art.id: analysis}
    only = store.analyses([art.id], without=("sentences", "claims"))[art.id]
    assert only.quantities == (figure,) and only.claims == () and only.sentences == ()
    again = Analysis(article=art.id, claims=(claim,), skipped="")
    store.set_analysis(again)  # analysed again: the parts it no longer has are gone
    assert store.analyses([art.id]) == {art.id: again}
    assert store.analyses(["no-such-article"]) == {}


def test_store_migration_splits_kept_analyses_into_parts(tmp_path):
    import json

    from sqlalchemy import text as sql

    from wiretrail.model import Claim, Span

    path = tmp_path / "v4.db"
    s = Store.open(str(path))
    art = _article("The ministry said 12 civilians were killed in the strike on Tala.")
    s.add_article(art)
    claim = Claim(id=f"{art.id}:clm0", article=art.id, span=Span(art.id, 0, 20), text=art.text[:20])
    whole = Analysis(article=art.id, sentences=((0, 66),), claims=(claim,))
    with s.engine.begin() as conn:  # a version-4 store: each analysis one JSON document
        conn.execute(sql("DROP TABLE analysis_parts"))
        conn.execute(sql("UPDATE meta SET value='4' WHERE key='schema_version'"))
        conn.execute(sql("INSERT INTO analyses(article, version, data) VALUES (:a, 3, :d)"),
                     {"a": art.id, "d": json.dumps(whole.to_dict())})
    s.close()
    s = Store.open(str(path))
    assert s.schema_version() == S.SCHEMA_VERSION
    assert s.analyses() == {art.id: whole}
    assert s.analyses(without=("claims",))[art.id].claims == ()
    assert s.unanalysed(3) == []
    s.close()
