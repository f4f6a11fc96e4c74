"""Group articles into stories: shared names, salient terms, meaning and time.

Two articles belong to one story when they name the same people, places and
organisations, share rare words (tf-idf), read alike (MiniLM embedding of title
and lead) and appeared close in time. The pairwise similarity is a weighted sum
of those signals less a time penalty; stories are the groups of an
average-linkage clustering cut at a threshold. Weights and threshold were tuned
on ECB+ topics 1–20 (``wiretrail eval stories``), where near-identical kinds of
event (two different earthquakes, two different rehab check-ins) must be told
apart.

>>> docs = [StoryDoc("a", "Quake hits Indonesia", "A 7.6 quake hit Sumatra.", "2009-09-30", ("Sumatra",)),
...         StoryDoc("b", "Sumatra earthquake toll rises", "The Sumatra quake killed 1,100.", "2009-10-02",
...                  ("Sumatra",)),
...         StoryDoc("c", "Lohan checks into rehab", "Lindsay Lohan entered Betty Ford.", "2013-05-03",
...                  ("Lindsay Lohan", "Betty Ford"))]
>>> group_stories(docs, use_embeddings=False)
[['a', 'b'], ['c']]
"""

from __future__ import annotations

import logging
import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

import numpy as np

from wiretrail.model import Story, article_id

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class StoryDoc:
    """What story grouping needs of an article."""

    id: str
    title: str
    text: str
    published: str = ""  # ISO-8601 or ""
    entities: tuple[str, ...] = ()  # names mentioned (people, organisations, places)


@dataclass(frozen=True)
class StoryWeights:
    """How the signals add up; defaults tuned on ECB+ topics 1–20."""

    tfidf: float = 0.2
    entities: float = 0.7
    embedding: float = 0.1
    days_half_life: float = 30.0  # time penalty reaches half of ``time`` at this gap (not tuned: ECB+ has no dates)
    time: float = 0.15
    threshold: float = 0.275
    lead_chars: int = 600
    extra: dict[str, float] = field(default_factory=dict)


DEFAULT_WEIGHTS = StoryWeights()
_TOKEN = re.compile(r"[A-Za-z][A-Za-z'\-]+|\d+(?:[.,]\d+)?")


def _entity_key(name: str) -> str:
    name = re.sub(r"^(the|a|an)\s+", "", name.strip().lower())
    return re.sub(r"['’]s$", "", name)


def _entity_sets(docs: Sequence[StoryDoc]) -> list[set[str]]:
    """Entity keys per doc; single tokens of multi-word names count too (Assad ⊂ Bashar al-Assad)."""
    out = []
    for doc in docs:
        keys: set[str] = set()
        for name in doc.entities:
            key = _entity_key(name)
            if not key or key.isdigit():
                continue
            keys.add(key)
            keys.update(w for w in key.split() if len(w) > 3)
        out.append(keys)
    return out


def _entity_similarity(sets: list[set[str]]) -> np.ndarray:
    """IDF-weighted overlap of entity keys (rare shared names count most)."""
    n = len(sets)
    df = Counter(k for s in sets for k in s)
    weight = {k: math.log((n + 1) / (c + 0.5)) for k, c in df.items()}
    sim = np.zeros((n, n), dtype=np.float32)
    totals = [sum(weight[k] for k in s) for s in sets]
    for i in range(n):
        if not sets[i]:
            continue
        for j in range(i + 1, n):
            shared = sets[i] & sets[j]
            if shared:
                w = sum(weight[k] for k in shared)
                sim[i, j] = sim[j, i] = w / (min(totals[i], totals[j]) or 1.0)
    return np.clip(sim, 0.0, 1.0)


def _tfidf_similarity(docs: Sequence[StoryDoc]) -> np.ndarray:
    from sklearn.feature_extraction.text import TfidfVectorizer

    texts = [f"{d.title}\n{d.title}\n{d.text}" for d in docs]
    vectoriser = TfidfVectorizer(
        token_pattern=_TOKEN.pattern, lowercase=True, stop_words="english", sublinear_tf=True,
        min_df=1, max_df=0.5 if len(docs) > 20 else 1.0,
    )
    try:
        matrix = vectoriser.fit_transform(texts)
    except ValueError:  # every word a stop word, or no text at all
        return np.zeros((len(docs), len(docs)), dtype=np.float32)
    return np.asarray((matrix @ matrix.T).todense(), dtype=np.float32)


def _parse_date(value: str) -> date | None:
    if not value:
        return None
    try:
        return datetime.fromisoformat(value.replace("Z", "+00:00")[:25]).date()
    except ValueError:
        try:
            return date.fromisoformat(value[:10])
        except ValueError:
            return None


def _time_penalty(docs: Sequence[StoryDoc], half_life: float) -> np.ndarray:
    dates = [_parse_date(d.published) for d in docs]
    n = len(docs)
    pen = np.zeros((n, n), dtype=np.float32)
    for i in range(n):
        for j in range(i + 1, n):
            if dates[i] and dates[j]:
                gap = abs((dates[i] - dates[j]).days)
                pen[i, j] = pen[j, i] = gap / (gap + half_life)
    return pen


def lead_text(doc: StoryDoc, weights: StoryWeights = DEFAULT_WEIGHTS) -> str:
    """What is embedded for an article: its title and the start of its text."""
    return f"{doc.title}. {doc.text[: weights.lead_chars]}"


def story_similarity(
    docs: Sequence[StoryDoc],
    weights: StoryWeights = DEFAULT_WEIGHTS,
    embedder: Any = None,
    use_embeddings: bool = True,
    vectors: np.ndarray | None = None,
) -> np.ndarray:
    """Pairwise similarity of articles (symmetric, 1 on the diagonal). ``vectors``: the unit-length
    embeddings of the docs' :func:`lead_text`, when the caller keeps them (else they are computed)."""
    n = len(docs)
    if n == 0:
        return np.zeros((0, 0), dtype=np.float32)
    parts = {"tfidf": _tfidf_similarity(docs), "entities": _entity_similarity(_entity_sets(docs))}
    if use_embeddings:
        if vectors is None:
            if embedder is None:
                from wiretrail.link.embed import Embedder

                embedder = Embedder()
            vectors = embedder.encode([lead_text(d, weights) for d in docs])
        parts["embedding"] = np.clip(vectors @ vectors.T, 0.0, 1.0)
    total = sum(getattr(weights, name) for name in parts)
    sim = sum(getattr(weights, name) * m for name, m in parts.items()) / (total or 1.0)
    sim = sim - weights.time * _time_penalty(docs, weights.days_half_life)
    np.fill_diagonal(sim, 1.0)
    return sim.astype(np.float32)


def cluster(similarity: np.ndarray, threshold: float) -> list[list[int]]:
    """Average-linkage groups whose members are on average at least ``threshold`` alike."""
    n = similarity.shape[0]
    if n == 0:
        return []
    if n == 1:
        return [[0]]
    from scipy.cluster.hierarchy import fcluster, linkage
    from scipy.spatial.distance import squareform

    distance = np.clip(1.0 - similarity, 0.0, None).astype(np.float64)
    np.fill_diagonal(distance, 0.0)
    tree = linkage(squareform(distance, checks=False), method="average")
    labels = fcluster(tree, t=1.0 - threshold, criterion="distance")
    groups: dict[int, list[int]] = {}
    for i, label in enumerate(labels):
        groups.setdefault(int(label), []).append(i)
    return sorted(groups.values(), key=lambda g: (-len(g), g[0]))


def group_stories(
    docs: Sequence[StoryDoc],
    weights: StoryWeights = DEFAULT_WEIGHTS,
    embedder: Any = None,
    use_embeddings: bool = True,
    vectors: np.ndarray | None = None,
) -> list[list[str]]:
    """Group articles into stories; returns lists of article ids, largest story first."""
    sim = story_similarity(docs, weights, embedder=embedder, use_embeddings=use_embeddings, vectors=vectors)
    return [[docs[i].id for i in group] for group in cluster(sim, weights.threshold)]


def story_title(docs: Sequence[StoryDoc]) -> str:
    """The title of the member most like the others (by shared salient words).

    >>> story_title([StoryDoc("a", "Quake hits Sumatra", ""), StoryDoc("b", "Sumatra quake kills 1,100", ""),
    ...              StoryDoc("c", "Aid reaches Padang", "")])
    'Quake hits Sumatra'
    """
    titled = [d for d in docs if d.title.strip()]
    if not titled:
        return ""
    words = [set(w.lower() for w in _TOKEN.findall(d.title) if len(w) > 3) for d in titled]
    counts = Counter(w for ws in words for w in ws)
    scores = [sum(counts[w] - 1 for w in ws) / (len(ws) or 1) for ws in words]
    best = max(range(len(titled)), key=lambda i: (scores[i], -len(titled[i].title), -i))
    return titled[best].title.strip()


def build_stories(docs: Sequence[StoryDoc], groups: Sequence[Sequence[str]]) -> list[Story]:
    """Story records (title, members, time span) for groups from ``group_stories``."""
    by_id = {d.id: d for d in docs}
    stories = []
    for group in groups:
        members = [by_id[i] for i in group if i in by_id]
        dates = sorted(d.published for d in members if d.published)
        stories.append(
            Story(
                id="story-" + article_id("\n".join(sorted(group))),
                title=story_title(members),
                articles=tuple(group),
                start=dates[0] if dates else "",
                end=dates[-1] if dates else "",
            )
        )
    return stories
