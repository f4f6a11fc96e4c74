"""Claim groups: claims in different articles that say the same thing.

Candidates come from sentence embeddings through an index (never all pairs);
each candidate pair is then judged by ``link.judge`` (structure + a small learned
model), which sees what embeddings miss: negation, different figures, different
actors. ``same`` edges are joined (union-find); ``contradicts`` edges are kept
between the groups.
"""

from __future__ import annotations

import hashlib
import logging
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np

from wiretrail.model import Claim

log = logging.getLogger(__name__)

MIN_COSINE = 0.55  # below this, a pair is not even shown to the judge
NEIGHBOURS = 12
SAME_ARTICLE_COSINE = 0.97  # within one article only verbatim repeats (a dek repeated in the body)
MIN_WORDS = 5


@dataclass
class Grouping:
    groups: list[list[int]]  # indices into the claims
    contradicts: dict[tuple[int, int], tuple[str, ...]] = field(default_factory=dict)  # group pair -> reasons
    same_reasons: dict[tuple[int, int], tuple[str, ...]] = field(default_factory=dict)  # claim pair -> reasons


class _UnionFind:
    def __init__(self, n: int) -> None:
        self.parent = list(range(n))

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def union(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


def groupable(claim: Claim) -> bool:
    """Claims worth grouping: a real proposition of a few words."""
    return len(claim.text.split()) >= MIN_WORDS


def candidate_pairs(
    claims: Sequence[Claim], vectors: np.ndarray, index, only: set[int] | None = None
) -> list[tuple[int, int, float]]:
    """Pairs (i, j, cosine) of claims close in embedding space, found through ``index``.

    With ``only``, just the neighbours of those claims are looked up (the new ones).
    """
    pos = {c.id: i for i, c in enumerate(claims)}
    out: dict[tuple[int, int], float] = {}
    for i, c in enumerate(claims):
        if only is not None and i not in only:
            continue
        for other, cos in index.search(vectors[i], k=NEIGHBOURS + 1):
            j = pos.get(other)
            if j is None or j == i or cos < MIN_COSINE:
                continue
            if claims[j].article == c.article and cos < SAME_ARTICLE_COSINE:
                continue
            key = (min(i, j), max(i, j))
            out[key] = max(out.get(key, 0.0), float(cos))
    return [(i, j, cos) for (i, j), cos in sorted(out.items())]


@dataclass(frozen=True)
class Verdict:
    label: str | None  # same / contradicts / None
    cosine: float
    reasons: tuple[str, ...] = ()


def pair_key(a: str, b: str) -> str:
    return f"{a}|{b}" if a < b else f"{b}|{a}"


def judge_pairs(
    claims: Sequence[Claim], pairs: Sequence[tuple[int, int, float]], judge, known: dict[str, Verdict]
) -> dict[str, Verdict]:
    """Verdicts for ``pairs``: the ones already ``known`` are reused, the rest judged now."""
    todo = [(i, j, cos) for i, j, cos in pairs if pair_key(claims[i].id, claims[j].id) not in known]
    out = {k: v for k, v in known.items()}
    fresh = judge.pairs([(claims[i].text, claims[j].text) for i, j, _ in todo]) if todo else []
    for (i, j, cos), v in zip(todo, fresh):
        if cos >= SAME_ARTICLE_COSINE and v.label != "contradicts":
            verdict = Verdict("same", cos, (f"near-identical wording (cosine {cos:.2f})",))
        else:
            verdict = Verdict(v.label, cos, tuple(v.reasons))
        out[pair_key(claims[i].id, claims[j].id)] = verdict
    return out


def group_claims(claims: Sequence[Claim], verdicts: dict[str, Verdict]) -> Grouping:
    """Join claims judged ``same``; keep ``contradicts`` edges between the resulting groups."""
    pos = {c.id: i for i, c in enumerate(claims)}
    uf = _UnionFind(len(claims))
    contra: list[tuple[int, int, tuple[str, ...]]] = []
    same_reasons: dict[tuple[int, int], tuple[str, ...]] = {}
    for key, v in verdicts.items():
        a, b = key.split("|", 1)
        if a not in pos or b not in pos:
            continue
        i, j = pos[a], pos[b]
        if v.label == "same":
            uf.union(i, j)
            same_reasons[(min(i, j), max(i, j))] = v.reasons
        elif v.label == "contradicts":
            contra.append((i, j, v.reasons))
    members: dict[int, list[int]] = defaultdict(list)
    for i in range(len(claims)):
        members[uf.find(i)].append(i)
    groups = sorted(members.values(), key=lambda g: g[0])
    where = {i: gi for gi, g in enumerate(groups) for i in g}
    contradicts: dict[tuple[int, int], tuple[str, ...]] = {}
    for i, j, reasons in contra:
        gi, gj = where[i], where[j]
        if gi != gj:
            contradicts[(min(gi, gj), max(gi, gj))] = reasons
    return Grouping(groups=groups, contradicts=contradicts, same_reasons=same_reasons)


def group_id(claim_ids: Sequence[str]) -> str:
    return "g" + hashlib.sha1("|".join(sorted(claim_ids)).encode()).hexdigest()[:12]
