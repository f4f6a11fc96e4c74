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
from collections.abc import Mapping, Sequence
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


def _entity_weights(sets: Sequence[set[str]]) -> dict[str, float]:
    """The IDF weight of each entity key over the docs (rare names weigh most)."""
    n = len(sets)
    df = Counter(k for s in sets for k in s)
    return {k: math.log((n + 1) / (c + 0.5)) for k, c in df.items()}


def _name_matrix(sets: Sequence[set[str]], weight: Mapping[str, float]) -> tuple[Any, Any, np.ndarray]:
    """The docs' entity keys as sparse matrices (docs x keys): 0/1, and weighted by each key's
    ``weight``; and each doc's total weight."""
    from scipy.sparse import csr_matrix

    column: dict[str, int] = {}
    rows: list[int] = []
    cols: list[int] = []
    for i, keys in enumerate(sets):
        for k in keys:
            rows.append(i)
            cols.append(column.setdefault(k, len(column)))
    w = np.zeros(len(column), dtype=np.float64)
    for k, c in column.items():
        w[c] = weight[k]
    names = csr_matrix((np.ones(len(rows), dtype=np.float64), (rows, cols)), shape=(len(sets), len(column)))
    named = names.multiply(w.reshape(1, -1)).tocsr()
    return names, named, np.asarray(named.sum(axis=1)).ravel()


def _overlap(shared: np.ndarray, smaller: np.ndarray) -> np.ndarray:
    """The weight two docs' entity keys share over the smaller doc's total, in [0, 1]."""
    return np.clip(shared / np.where(smaller > 0, smaller, 1.0), 0.0, 1.0)


def _dense_overlap(names: Any, named: Any, totals: np.ndarray) -> np.ndarray:
    """:func:`_overlap` of every pair of the docs whose :func:`_name_matrix` rows are given."""
    shared = np.asarray((named @ names.T).todense(), dtype=np.float64)
    return _overlap(shared, np.minimum.outer(totals, totals))


def _entity_similarity(sets: list[set[str]], weight: dict[str, float] | None = None) -> np.ndarray:
    """IDF-weighted overlap of entity keys (rare shared names count most): the weight two docs' keys
    share over the smaller doc's total (0 on the diagonal); ``weight``: the keys' IDF over a larger
    collection these docs are part of (else over these docs)."""
    sim = _dense_overlap(*_name_matrix(sets, _entity_weights(sets) if weight is None else weight))
    np.fill_diagonal(sim, 0.0)
    return sim.astype(np.float32)


def _tfidf_matrix(docs: Sequence[StoryDoc]):
    """Unit-length tf-idf rows of the docs (sparse), or None when no doc has a word that counts."""
    from sklearn.feature_extraction.text import TfidfVectorizer

    texts = [f"{d.title}\n{d.title}\n{d.text}" for d in docs]
    vectoriser = TfidfVectorizer(
        token_pattern=_TOKEN.pattern, lowercase=True, stop_words="english", sublinear_tf=True,
        min_df=1, max_df=0.5 if len(docs) > 20 else 1.0,
    )
    try:
        return vectoriser.fit_transform(texts)
    except ValueError:  # every word a stop word, or no text at all
        return None


def _tfidf_similarity(docs: Sequence[StoryDoc]) -> np.ndarray:
    matrix = _tfidf_matrix(docs)
    if matrix is None:
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


def _gap_penalty(gap, half_life: float):
    """How much ``gap`` days between two articles lower their similarity (0 on the same day, towards 1)."""
    return gap / (gap + half_life)


def _ordinals(dates: Sequence[date | None]) -> np.ndarray:
    """Day numbers of the dates (NaN where there is none)."""
    return np.array([d.toordinal() if d else np.nan for d in dates], dtype=np.float64)


def _gap_penalties(gap: np.ndarray, half_life: float) -> np.ndarray:
    """:func:`_gap_penalty` of every gap, 0 where a date is missing (a NaN gap)."""
    return np.where(np.isnan(gap), 0.0, _gap_penalty(np.nan_to_num(gap), half_life))


def lead_text(doc: StoryDoc, weights: StoryWeights = DEFAULT_WEIGHTS) -> str:
    """What is embedded for an article: its title and the start of its text."""
    return f"{doc.title}. {doc.text[: weights.lead_chars]}"


@dataclass(frozen=True)
class _Signals:
    """What the similarity of any two docs is computed from (corpus-wide statistics included)."""

    tfidf: Any  # unit tf-idf rows (sparse), None when no word counts
    sets: list[set[str]]  # entity keys per doc
    days: np.ndarray  # day number of each doc's date, NaN without one
    vectors: np.ndarray | None  # unit lead embeddings, None without embeddings
    names: Any  # entity keys as a sparse 0/1 matrix (docs x keys)
    named: Any  # the same weighted by each key's IDF over all docs
    name_totals: np.ndarray  # each doc's IDF total


def _signals(
    docs: Sequence[StoryDoc], weights: StoryWeights, embedder: Any, use_embeddings: bool, vectors: np.ndarray | None
) -> _Signals:
    if use_embeddings and vectors is None:
        if embedder is None:
            from wiretrail.link.embed import Embedder

            embedder = Embedder()
        vectors = embedder.encode([lead_text(d, weights) for d in docs])
    sets = _entity_sets(docs)
    return _Signals(_tfidf_matrix(docs), sets, _ordinals([_parse_date(d.published) for d in docs]),
                    vectors if use_embeddings else None, *_name_matrix(sets, _entity_weights(sets)))


def _block_similarity(sig: _Signals, rows: Sequence[int], weights: StoryWeights) -> np.ndarray:
    """The dense similarity among the docs at ``rows`` (1 on the diagonal)."""
    rows = list(rows)
    n = len(rows)
    tfidf = (np.asarray((sig.tfidf[rows] @ sig.tfidf[rows].T).todense(), dtype=np.float32) if sig.tfidf is not None
             else np.zeros((n, n), dtype=np.float32))
    entities = _dense_overlap(sig.names[rows], sig.named[rows], sig.name_totals[rows])
    parts = {"tfidf": tfidf, "entities": entities.astype(np.float32)}
    if sig.vectors is not None:
        sub = sig.vectors[rows]
        parts["embedding"] = np.clip(sub @ sub.T, 0.0, 1.0)
    total = sum(getattr(weights, name) for name in parts)
    sim = sum(getattr(weights, name) * m for name, m in parts.items()) / (total or 1.0)
    days = sig.days[rows]
    sim = sim - weights.time * _gap_penalties(np.abs(days[:, None] - days[None, :]), weights.days_half_life)
    np.fill_diagonal(sim, 1.0)
    return sim.astype(np.float32)


def story_similarity(
    docs: Sequence[StoryDoc],
    weights: StoryWeights = DEFAULT_WEIGHTS,
    embedder: Any = None,
    use_embeddings: bool = True,
    vectors: np.ndarray | None = None,
) -> np.ndarray:
    """Pairwise similarity of articles (symmetric, 1 on the diagonal). ``vectors``: the unit-length
    embeddings of the docs' :func:`lead_text`, when the caller keeps them (else they are computed)."""
    if not docs:
        return np.zeros((0, 0), dtype=np.float32)
    return _block_similarity(_signals(docs, weights, embedder, use_embeddings, vectors), range(len(docs)), weights)


PAIR_CHUNK = 50_000  # pairs whose similarity is computed together (their sparse rows are held meanwhile)


def _pair_similarity(sig: _Signals, left: np.ndarray, right: np.ndarray, weights: StoryWeights) -> np.ndarray:
    """The similarity of docs ``left[k]`` and ``right[k]`` for every k (the formula of
    :func:`story_similarity`, pair by pair, a chunk of pairs at a time)."""
    out = np.empty(len(left), dtype=np.float32)
    for start in range(0, len(left), PAIR_CHUNK):
        a, b = left[start:start + PAIR_CHUNK], right[start:start + PAIR_CHUNK]
        parts: dict[str, np.ndarray] = {}
        if sig.tfidf is not None:
            parts["tfidf"] = np.asarray(sig.tfidf[a].multiply(sig.tfidf[b]).sum(axis=1), dtype=np.float32).ravel()
        else:
            parts["tfidf"] = np.zeros(len(a), dtype=np.float32)
        shared = np.asarray(sig.named[a].multiply(sig.names[b]).sum(axis=1), dtype=np.float64).ravel()
        parts["entities"] = _overlap(shared, np.minimum(sig.name_totals[a], sig.name_totals[b]))
        if sig.vectors is not None:
            parts["embedding"] = np.clip(np.einsum("ij,ij->i", sig.vectors[a], sig.vectors[b]), 0.0, 1.0)
        total = sum(getattr(weights, name) for name in parts)
        sim = sum(getattr(weights, name) * m for name, m in parts.items()) / (total or 1.0)
        penalty = _gap_penalties(np.abs(sig.days[a] - sig.days[b]), weights.days_half_life)
        out[start:start + PAIR_CHUNK] = sim - weights.time * penalty
    return out


STORY_NEIGHBOURS = 20  # nearest leads (by embedding) each article is compared with
NAME_NEIGHBOURS = 40  # articles nearest in time, among those sharing a name, each article is compared with
DENSE_LIMIT = 2_000  # connected parts up to this size are clustered exactly (a dense matrix); larger, sparsely


def _candidates(
    sig: _Signals, n: int, extra: Sequence[tuple[int, int]], neighbours: int, per_name: int
) -> tuple[np.ndarray, np.ndarray]:
    """Pairs worth comparing (i < j, each once, in order): articles that share a name (each with the
    ``per_name`` nearest in time among those naming it: every pair while a name is in at most
    ``per_name`` + 1 articles), the ``neighbours`` nearest leads by embedding, and the ``extra`` pairs
    (copies). Gathered as arrays: at 10,000 articles there are millions before duplicates go."""
    found: list[np.ndarray] = [np.array([(i, j) for i, j in extra if i != j], dtype=np.int64).reshape(-1, 2)]
    postings: dict[str, list[int]] = {}
    for i, keys in enumerate(sig.sets):
        for k in keys:
            postings.setdefault(k, []).append(i)
    when = np.nan_to_num(sig.days, nan=float(date.max.toordinal() + 1))  # undated last
    for members in postings.values():
        if len(members) < 2:
            continue
        ordered = np.array(sorted(members, key=lambda i: (when[i], i)), dtype=np.int64)
        for step in range(1, min(per_name, len(ordered) - 1) + 1):
            found.append(np.stack([ordered[:-step], ordered[step:]], axis=1))
    if sig.vectors is not None and n > 1:
        from wiretrail.link.embed import nearest

        near = nearest(sig.vectors, min(neighbours + 1, n))
        found.append(np.stack([np.repeat(np.arange(n), near.shape[1]), near.ravel()], axis=1))
    pairs = np.concatenate(found)
    pairs = pairs[pairs[:, 0] != pairs[:, 1]]
    if not len(pairs):
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
    low, high = pairs.min(axis=1), pairs.max(axis=1)
    codes = np.unique(low * n + high)
    return codes // n, codes % n


def link_stories(
    docs: Sequence[StoryDoc],
    weights: StoryWeights = DEFAULT_WEIGHTS,
    vectors: np.ndarray | None = None,
    pairs: Sequence[tuple[str, str]] = (),
    embedder: Any = None,
    use_embeddings: bool = True,
    neighbours: int = STORY_NEIGHBOURS,
    per_name: int = NAME_NEIGHBOURS,
    dense_limit: int = DENSE_LIMIT,
) -> list[list[str]]:
    """:func:`group_stories` without comparing every pair of articles.

    Average linkage only ever joins two groups when some pair across them is at least ``threshold``
    alike, so every story lies inside one connected part of the graph of such pairs. That graph is
    built from candidate pairs (:func:`_candidates`: shared names, nearest leads, ``pairs`` such as
    copies), and each part is clustered on its own. The result equals :func:`group_stories` whenever
    the candidates hold every pair above the threshold (always while no name is in more than
    ``per_name`` + 1 articles and the leads fit in ``neighbours``) and no part is larger than
    ``dense_limit``. A larger part (stories chained by shared places and nearby dates: at 10,000
    articles, one part holds nearly all) is clustered by :func:`sparse_average_linkage` over its
    candidate pairs, a pair never compared counting as not alike at all.
    """
    n = len(docs)
    if n == 0:
        return []
    sig = _signals(docs, weights, embedder, use_embeddings, vectors)
    pos = {d.id: i for i, d in enumerate(docs)}
    extra = [(pos[a], pos[b]) for a, b in pairs if a in pos and b in pos]
    left, right = _candidates(sig, n, extra, neighbours, per_name)
    similarity = _pair_similarity(sig, left, right, weights)
    keep = similarity >= weights.threshold - 1e-4  # a margin: a part may only grow
    from scipy.sparse import coo_matrix
    from scipy.sparse.csgraph import connected_components

    graph = coo_matrix((np.ones(int(keep.sum())), (left[keep], right[keep])), shape=(n, n))
    _, labels = connected_components(graph, directed=False)
    parts: dict[int, list[int]] = {}
    for i, label in enumerate(labels.tolist()):
        parts.setdefault(label, []).append(i)
    groups: list[list[int]] = []
    large = [label for label, rows in parts.items() if len(rows) > dense_limit]
    for label, rows in parts.items():
        if len(rows) == 1:
            groups.append(rows)
        elif len(rows) <= dense_limit:
            groups.extend([rows[k] for k in g] for g in cluster(_block_similarity(sig, rows, weights), weights.threshold))
    if large:
        inside = np.isin(labels[left], large) & (labels[left] == labels[right])
        log.info("stories: %d articles in %d connected part(s) over %d: clustered over their candidate pairs",
                 sum(len(parts[label]) for label in large), len(large), dense_limit)
        for g in sparse_average_linkage(n, left[inside], right[inside], similarity[inside], weights.threshold):
            if labels[g[0]] in large:
                groups.append(g)
    groups.sort(key=lambda g: (-len(g), g[0]))
    return [[docs[i].id for i in g] for g in groups]


def sparse_average_linkage(
    n: int, left: np.ndarray, right: np.ndarray, similarity: np.ndarray, threshold: float
) -> list[list[int]]:
    """Average-linkage groups of ``n`` items from the similarity of some pairs (``left[k]``,
    ``right[k]``: ``similarity[k]``); a pair not given counts as 0 alike.

    Two groups merge, most alike first, while the mean similarity over every pair across them is at
    least ``threshold`` — :func:`cluster`'s rule — so with every pair given the groups are the same;
    with a sparse graph the work and memory follow the pairs given, not n². Each group keeps the sum
    of its similarity to each group it touches; merging adds the smaller group's sums into the
    larger's (the scheme of sparse UPGMA clustering of protein similarity graphs).

    >>> sparse_average_linkage(4, np.array([0, 0, 1, 2]), np.array([1, 2, 2, 3]), np.array([0.9, 0.8, 0.7, 0.1]), 0.5)
    [[0, 1, 2], [3]]
    """
    import heapq

    sums: list[dict[int, float]] = [{} for _ in range(n)]
    for i, j, s in zip(left.tolist(), right.tolist(), similarity.tolist()):
        if i != j:
            sums[i][j] = sums[j][i] = s
    size = [1] * n
    members: dict[int, list[int]] = {i: [i] for i in range(n)}
    heap = [(-s, i, j, 1, 1) for i in range(n) for j, s in sums[i].items() if i < j and s >= threshold]
    heapq.heapify(heap)
    while heap:
        neg, a, b, size_a, size_b = heapq.heappop(heap)
        if -neg < threshold:
            break
        if a not in members or b not in members or size[a] != size_a or size[b] != size_b:
            continue  # one of the two has merged since: its pairs were pushed again then
        keep, drop = (a, b) if size[a] >= size[b] else (b, a)
        del sums[keep][drop], sums[drop][keep]
        for other, s in sums[drop].items():
            total = sums[keep].get(other, 0.0) + s
            sums[keep][other] = sums[other][keep] = total
            del sums[other][drop]
        sums[drop] = {}
        size[keep] += size[drop]
        members[keep].extend(members.pop(drop))
        for other, s in sums[keep].items():
            mean = s / (size[keep] * size[other])
            if mean >= threshold:
                heapq.heappush(heap, (-mean, min(keep, other), max(keep, other), size[min(keep, other)],
                                      size[max(keep, other)]))
    return sorted((sorted(g) for g in members.values()), key=lambda g: (-len(g), g[0]))


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
