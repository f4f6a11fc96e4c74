"""Shared fixtures: the evaluation data beside the repo (skipped where absent), the spaCy model."""

from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED_DATA = REPO.parent / "shared" / "data"


@pytest.fixture(scope="session")
def shared_data() -> Path:
    """``../shared/data``; tests that need it skip cleanly where it is absent."""
    if not SHARED_DATA.is_dir():
        pytest.skip("../shared/data is not here (a user's machine)")
    return SHARED_DATA


@pytest.fixture(scope="session")
def seeds_dir(shared_data: Path) -> Path:
    path = shared_data / "seeds"
    if not path.is_dir():
        pytest.skip("../shared/data/seeds is not here")
    return path


@pytest.fixture(scope="session")
def nlp():
    from wiretrail.nlp import load_nlp

    return load_nlp()


@pytest.fixture(scope="session")
def demo_corpus(tmp_path_factory):
    """The bundled demo corpus added, analysed and linked once, for the tests that only read it."""
    from demo_expectations import DEMO_DIR

    from wiretrail.corpus import Corpus

    db = tmp_path_factory.mktemp("demo") / "demo.db"
    with Corpus.open(str(db)) as corpus:
        corpus.add([str(DEMO_DIR)])
        corpus.analyse()
        corpus.link()
        yield corpus
