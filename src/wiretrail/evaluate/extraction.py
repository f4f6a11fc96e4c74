"""HTML main-text extraction on the ScrapingHub article-extraction benchmark (AEB).

The benchmark folder holds ``ground-truth.json`` (``{id: {"articleBody": ..., "url": ...}}``) and
``html/<id>.html.gz``. We score the way the benchmark's own ``evaluate.py`` does, so our figure
is comparable with the published ones:

- tokens are runs of word characters (``\\w+``, case kept), shingles are 4 consecutive tokens
  (a text shorter than 4 tokens gives one shorter shingle);
- per page, shingle multisets give tp / fp / fn, normalised to sum to 1 (long pages weigh no more);
- precision is the mean over pages with ``tp + fp > 0``, recall the mean over pages with
  ``tp + fn > 0`` (a page where both sides are empty counts 1); F1 is the harmonic mean of the two
  means (not a mean of per-page F1).

>>> score_pair("a b c d e", "a b c d e")
(1.0, 0.0, 0.0)
>>> round(metrics_from_counts([score_pair("a b c d e", "a b c d")])["recall"], 2)
0.5
"""

from __future__ import annotations

import gzip
import json
import logging
import re
import statistics
from collections import Counter
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from wiretrail.evaluate import EvaluationError

log = logging.getLogger(__name__)

REFERENCES: dict[str, dict[str, float]] = {
    "trafilatura 2.0": {"f1": 0.958},
    "newspaper4k": {"f1": 0.949},
    "news-please": {"f1": 0.948},
    "readability-lxml": {"f1": 0.922},
}

_TOKEN = re.compile(r"\w+", re.UNICODE)
SHINGLE = 4


def tokens(text: str) -> list[str]:
    """Word tokens as the benchmark counts them.

    >>> tokens("Don't stop—now!")
    ['Don', 't', 'stop', 'now']
    """
    return _TOKEN.findall(text or "")


def shingles(text: str, n: int = SHINGLE) -> Counter[tuple[str, ...]]:
    """Multiset of n-token shingles (one short shingle for a text under n tokens)."""
    toks = tokens(text)
    out: Counter[tuple[str, ...]] = Counter()
    for i in range(max(1, len(toks) - n + 1)):
        shingle = tuple(toks[i : i + n])
        if shingle:
            out[shingle] += 1
    return out


def score_pair(true: str, pred: str, n: int = SHINGLE) -> tuple[float, float, float]:
    """Normalised (tp, fp, fn) of the shingles of ``pred`` against ``true``."""
    gold, got = shingles(true, n), shingles(pred, n)
    tp = sum((gold & got).values())
    fp = sum((got - gold).values())
    fn = sum((gold - got).values())
    total = tp + fp + fn
    if total == 0:
        return (0.0, 0.0, 0.0)
    return (tp / total, fp / total, fn / total)


def _precision(tp: float, fp: float, fn: float) -> float:
    if fp == fn == 0:
        return 1.0
    return 0.0 if tp == fp == 0 else tp / (tp + fp)


def _recall(tp: float, fp: float, fn: float) -> float:
    if fp == fn == 0:
        return 1.0
    return 0.0 if tp == fn == 0 else tp / (tp + fn)


def metrics_from_counts(counts: Sequence[tuple[float, float, float]]) -> dict[str, float]:
    """Benchmark-style macro precision / recall and their harmonic mean."""
    precs = [_precision(*c) for c in counts if c[0] + c[1] > 0]
    recs = [_recall(*c) for c in counts if c[0] + c[2] > 0]
    precision = statistics.mean(precs) if precs else 0.0
    recall = statistics.mean(recs) if recs else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"f1": f1, "precision": precision, "recall": recall}


def load_benchmark(path: Path) -> dict[str, dict[str, Any]]:
    """Read ``ground-truth.json`` under PATH (the folder or the file itself)."""
    path = Path(path)
    truth_file = path / "ground-truth.json" if path.is_dir() else path
    if not truth_file.is_file():
        raise EvaluationError(f"{path}: no ground-truth.json")
    try:
        truth = json.loads(truth_file.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise EvaluationError(f"{truth_file}: cannot read ground truth ({exc})") from exc
    if not isinstance(truth, dict) or not all(isinstance(v, dict) for v in truth.values()):
        raise EvaluationError(f"{truth_file}: expected an object of {{id: {{articleBody, url}}}}")
    return truth


def read_page(html_dir: Path, key: str) -> str:
    """The HTML of page KEY (``html/KEY.html.gz`` or plain ``html/KEY.html``)."""
    for name, opener in ((f"{key}.html.gz", gzip.open), (f"{key}.html", open)):
        file = html_dir / name
        if file.is_file():
            with opener(file, "rb") as handle:  # type: ignore[operator]
                data = handle.read()
            return data.decode("utf-8", errors="replace")
    raise EvaluationError(f"{html_dir}: no page for id {key}")


def extract_body(html: str, url: str = "", registry: Any = None) -> str:
    """The clean text wiretrail keeps for one page: the whole clean stage (HTML extraction, then
    line-level boilerplate removal), exactly as ``clean_document`` runs it on an HTML input."""
    from wiretrail.clean import clean_document
    from wiretrail.ingest.outlets import OutletRegistry
    from wiretrail.ingest.raw import RawDocument

    result = clean_document(
        RawDocument(origin=url or "page", format="html", html=html, url=url), registry or OutletRegistry()
    )
    return getattr(result, "text", "")


def score_outputs(truth: dict[str, dict[str, Any]], outputs: dict[str, str]) -> dict[str, float]:
    """Score {id: predicted body} against the ground truth (ids missing in outputs count empty)."""
    counts = [score_pair(str(item.get("articleBody") or ""), outputs.get(key, "")) for key, item in truth.items()]
    return metrics_from_counts(counts)


def evaluate(path: Path, limit: int | None = None) -> dict[str, float]:
    """F1 / precision / recall of wiretrail's HTML cleaner on an AEB-form folder.

    >>> # evaluate(Path("../shared/data/extraction/aeb"), limit=10)["f1"] > 0.9
    """
    path = Path(path)
    truth = load_benchmark(path)
    html_dir = (path if path.is_dir() else path.parent) / "html"
    if not html_dir.is_dir():
        raise EvaluationError(f"{path}: no html/ folder")
    keys = sorted(truth)
    if limit is not None:
        keys = keys[:limit]
    from wiretrail.ingest.outlets import OutletRegistry

    registry = OutletRegistry()
    outputs: dict[str, str] = {}
    for key in keys:
        html = read_page(html_dir, key)
        outputs[key] = extract_body(html, str(truth[key].get("url") or ""), registry)
    return score_outputs({k: truth[k] for k in keys}, outputs)


def iter_bodies(outputs: dict[str, Any]) -> Iterable[tuple[str, str]]:
    """(id, body) pairs from a benchmark output file's ``output`` object (for comparisons)."""
    for key, item in outputs.items():
        body = item.get("articleBody") if isinstance(item, dict) else item
        yield key, str(body or "")


def _norm(text: str) -> str:
    """Words only, lower case, without a leading 'by' (Readability keeps it in some bylines)."""
    words_ = re.findall(r"\w+", (text or "").lower())
    return " ".join(words_[1:] if words_[:1] == ["by"] else words_)


def _fuzzy(a: str, b: str, threshold: float = 0.8) -> bool:
    from rapidfuzz import fuzz

    a, b = _norm(a), _norm(b)
    if not a or not b:
        return False
    return a == b or a in b or b in a or fuzz.ratio(a, b) / 100 >= threshold


def evaluate_metadata(path: Path, limit: int | None = None) -> dict[str, float]:
    """Title, byline, site name and date of ``clean_document`` on Readability-style test pages.

    PATH holds one folder per page with ``source.html`` and ``expected-metadata.json``
    (``title``, ``byline``, ``siteName``, ``publishedTime``). Each field is scored over the pages
    where the expectation is not empty: ``<field>_exact`` (same words), ``<field>_fuzzy``
    (containment or 80 % similarity); the date counts as right when the day agrees.
    """
    from wiretrail.clean import clean_document
    from wiretrail.ingest.outlets import OutletRegistry
    from wiretrail.ingest.raw import RawDocument

    path = Path(path)
    pages = sorted(p for p in path.iterdir() if (p / "source.html").is_file() and (p / "expected-metadata.json").is_file())
    if not pages:
        raise EvaluationError(f"{path}: no <page>/source.html with expected-metadata.json")
    if limit is not None:
        pages = pages[:limit]
    registry = OutletRegistry()
    hits: dict[str, list[bool]] = {}
    for page in pages:
        try:
            expected = json.loads((page / "expected-metadata.json").read_text(encoding="utf-8"))
        except (OSError, json.JSONDecodeError) as exc:
            raise EvaluationError(f"{page / 'expected-metadata.json'}: {exc}") from exc
        html = (page / "source.html").read_bytes().decode("utf-8", errors="replace")
        art = clean_document(RawDocument(origin=str(page), format="html", html=html), registry)
        got = {
            "title": getattr(art, "title", ""),
            "byline": getattr(art, "byline", ""),
            "site": getattr(art, "outlet", ""),
            "date": getattr(art, "published", ""),
        }
        want = {
            "title": expected.get("title") or "",
            "byline": expected.get("byline") or "",
            "site": expected.get("siteName") or "",
            "date": expected.get("publishedTime") or "",
        }
        for field, value in want.items():
            if not value:
                continue
            if field == "date":
                ok = bool(got["date"]) and got["date"][:10] == value[:10]
                hits.setdefault("date", []).append(ok)
                continue
            hits.setdefault(f"{field}_exact", []).append(_norm(got[field]) == _norm(value))
            hits.setdefault(f"{field}_fuzzy", []).append(_fuzzy(got[field], value))
    result = {key: sum(values) / len(values) for key, values in sorted(hits.items())}
    result["pages"] = float(len(pages))
    return result
