"""Place resolution on LGL / TR-News / GeoVirus (DESIGN §10, task ``places``).

Two measures, as in the geoparsing literature:

- **resolution**, with each gold toponym's span given (as in the published
  CamCoder figures): ``acc161`` = share of toponyms placed within 161 km (100
  miles) of the gold point; ``mean_error_km``; ``auc`` = area under the curve of
  the sorted log errors, normalised (Gritta et al. 2018, CamCoder)::

      auc = trapz(ln(1 + sorted(errors_km))) / ((n - 1) * ln(20039))

  0 is perfect, 1 is every toponym at the antipode (20,039 km, the largest error
  on Earth). A toponym the gazetteer cannot place counts as 20,039 km off.
  Gold toponyms without coordinates are skipped.
- **recognition** of our own toponyms (``find_toponyms``) against every gold span:
  ``precision`` and ``recall`` of exact span matches.

Formats (a file in either is detected by its elements):

- LGL / TR-News: ``article/text`` and ``toponyms/toponym`` with ``start``, ``end``,
  ``phrase`` and ``gaztag/lat``, ``gaztag/lon``;
- GeoVirus: ``article/text`` and ``locations/location`` with ``start``, ``end``,
  ``lat``, ``lon``.

>>> evaluate(Path("../shared/data/geo/Corpora/lgl.xml"), limit=20)   # doctest: +SKIP
{'acc161': ..., 'auc': ..., 'mean_error_km': ..., 'recall': ..., 'precision': ...}
"""

from __future__ import annotations

import logging
import math
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

from wiretrail.evaluate import EvaluationError
from wiretrail.extract.gazetteer import Gazetteer, haversine_km
from wiretrail.extract.places import Weights, find_toponyms, resolve_places
from wiretrail.model import Mention, Span

log = logging.getLogger(__name__)

MAX_ERROR_KM = 20039.0

REFERENCES: dict[str, dict[str, float]] = {
    "CamCoder (LGL)": {"acc161": 0.76},
    "CamCoder (GeoVirus)": {"acc161": 0.82},
    "most populous candidate (LGL, issue 4)": {"acc161": 0.52},
}


@dataclass(frozen=True)
class GoldToponym:
    start: int
    end: int
    phrase: str
    lat: float | None
    lon: float | None


@dataclass(frozen=True)
class GoldArticle:
    id: str
    text: str
    toponyms: tuple[GoldToponym, ...]


def read_corpus(path: Path, limit: int | None = None) -> list[GoldArticle]:
    """Articles with gold toponyms from an LGL / TR-News or GeoVirus XML file."""
    try:
        root = ET.parse(path).getroot()
    except (ET.ParseError, OSError) as exc:
        raise EvaluationError(f"{path}: not readable XML: {exc}") from exc
    articles = root.findall("article") if root.tag != "article" else [root]
    if not articles:
        raise EvaluationError(f"{path}: no <article> elements (expected LGL/TR-News or GeoVirus XML)")
    out: list[GoldArticle] = []
    for n, article in enumerate(articles):
        text = article.findtext("text")
        if text is None:
            raise EvaluationError(f"{path}: article {n} has no <text>")
        items = article.findall("toponyms/toponym") or article.findall("locations/location")
        if not items and article.find("toponyms") is None and article.find("locations") is None:
            raise EvaluationError(f"{path}: article {n} has neither <toponyms> nor <locations>")
        toponyms = []
        for item in items:
            try:
                start, end = int(item.findtext("start")), int(item.findtext("end"))
            except (TypeError, ValueError) as exc:
                raise EvaluationError(f"{path}: article {n}: toponym without start/end") from exc
            phrase = item.findtext("phrase") or item.findtext("name") or text[start:end]
            lat = item.findtext("gaztag/lat") if item.find("gaztag") is not None else item.findtext("lat")
            lon = item.findtext("gaztag/lon") if item.find("gaztag") is not None else item.findtext("lon")
            start, end = _align(text, start, end, phrase)
            toponyms.append(GoldToponym(start, end, phrase, _float(lat), _float(lon)))
        out.append(GoldArticle(article.get("docid") or f"{path.stem}-{n}", text, tuple(toponyms)))
        if limit is not None and len(out) >= limit:
            break
    return out


def _align(text: str, start: int, end: int, phrase: str) -> tuple[int, int]:
    """The gold span, moved onto the phrase when the file's offsets are shifted
    (GeoVirus counts from 1): the nearest occurrence within 5 characters."""
    if text[start:end] == phrase or not phrase:
        return start, end
    for shift in sorted(range(-5, 6), key=abs):
        if text[start + shift: start + shift + len(phrase)] == phrase:
            return start + shift, start + shift + len(phrase)
    return start, end


def _float(value: str | None) -> float | None:
    try:
        return float(value) if value not in (None, "") else None
    except ValueError:
        return None


def resolution_errors(articles: list[GoldArticle], gazetteer: Gazetteer, weights: Weights | None = None
                      ) -> list[float]:
    """Error in km for each gold toponym with coordinates, resolving it with its span given
    (with ``weights``, else the shipped ranker's)."""
    errors: list[float] = []
    for article in articles:
        mentions = [Mention(Span(article.id, t.start, t.end), article.text[t.start:t.end] or t.phrase, "GPE")
                    for t in article.toponyms]
        resolved = {(r.span.start, r.span.end): r for r in resolve_places(mentions, article.text, gazetteer,
                                                                                   weights=weights)}
        for t in article.toponyms:
            if t.lat is None or t.lon is None:
                continue
            r = resolved.get((t.start, t.end))
            errors.append(MAX_ERROR_KM if r is None else haversine_km(t.lat, t.lon, r.lat, r.lon))
    return errors


def summarise(errors: list[float]) -> dict[str, float]:
    """acc161, auc and mean error (km) of a list of errors."""
    if not errors:
        return {"acc161": 0.0, "auc": 1.0, "mean_error_km": MAX_ERROR_KM}
    ordered = sorted(errors)
    logs = [math.log(1 + e) for e in ordered]
    if len(logs) > 1:
        area = sum((a + b) / 2 for a, b in zip(logs, logs[1:])) / (len(logs) - 1)
    else:
        area = logs[0]
    return {
        "acc161": sum(e <= 161 for e in errors) / len(errors),
        "auc": area / math.log(MAX_ERROR_KM),
        "mean_error_km": sum(errors) / len(errors),
    }


def recognition(articles: list[GoldArticle], gazetteer: Gazetteer) -> dict[str, float]:
    """Precision and recall of our toponym spans (exact match) against the gold spans."""
    from wiretrail.nlp import load_nlp, parse_many

    nlp = load_nlp(disable=("parser", "lemmatizer"))  # entities are all recognition needs
    tp = found = gold = 0
    for article, doc in zip(articles, parse_many(nlp, (a.text for a in articles))):
        ours = {(m.span.start, m.span.end) for m in find_toponyms(doc, article.id, gazetteer)}
        theirs = {(t.start, t.end) for t in article.toponyms}
        tp += len(ours & theirs)
        found += len(ours)
        gold += len(theirs)
    return {"recall": tp / gold if gold else 0.0, "precision": tp / found if found else 0.0}


def evaluate(path: Path, limit: int | None = None, gazetteer: Gazetteer | None = None) -> dict[str, float]:
    """Resolution (gold spans given) and recognition figures for one XML file."""
    articles = read_corpus(Path(path), limit)
    gazetteer = gazetteer or Gazetteer.load()
    result = summarise(resolution_errors(articles, gazetteer))
    result.update(recognition(articles, gazetteer))
    return result
