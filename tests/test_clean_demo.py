"""The bundled demo corpus (fiction, pages never seen while writing the cleaner) against its
ground truth in ``demo_expectations``: outlet, credits, head metadata, body bounds, furniture."""

from __future__ import annotations

import pytest

from demo_expectations import ARTICLES, DEMO_DIR
from wiretrail.clean import clean_document
from wiretrail.ingest import read_inputs
from wiretrail.ingest.outlets import OutletRegistry
from wiretrail.model import Article


@pytest.fixture(scope="module")
def demo() -> dict[str, Article]:
    if not DEMO_DIR.is_dir():
        pytest.skip("no demo corpus")
    registry = OutletRegistry()
    by_origin = {}
    for raw in read_inputs([str(DEMO_DIR)]):
        art = clean_document(raw, registry)
        assert isinstance(art, Article), art
        by_origin[raw.origin] = art
    out = {}
    for key, exp in ARTICLES.items():
        origin = str(DEMO_DIR / exp["file"]) + (f"#{exp['line'] + 1}" if exp["line"] is not None else "")
        out[key] = by_origin[origin]
    return out


@pytest.mark.parametrize("key", sorted(ARTICLES))
def test_clean_demo_metadata(demo, key: str) -> None:
    art, exp = demo[key], ARTICLES[key]
    got = {f: getattr(art, f) for f in ("outlet", "outlet_evidence", "title", "dek", "byline", "dateline", "credits")}
    want = {f: exp[f] for f in got}
    assert got == want
    assert art.published[:10] == exp["published"][:10]


@pytest.mark.parametrize("key", sorted(ARTICLES))
def test_clean_demo_body_and_furniture(demo, key: str) -> None:
    art, exp = demo[key], ARTICLES[key]
    assert art.text.startswith(exp["body_first"])
    assert art.text.endswith(exp["body_last"])
    for line in exp["boilerplate"]:
        assert line not in art.text
