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
import re
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np

from wiretrail.link.judge_features import DIFFERENT_ACTIONS, SentenceFacts
from wiretrail.model import Claim

log = logging.getLogger(__name__)

MIN_COSINE = 0.6  # below this, a pair is not even shown to the judge
NEIGHBOURS = 12
SAME_ARTICLE_COSINE = 0.97  # within one article only verbatim repeats (a dek repeated in the body)
MIN_WORDS = 5
MIN_LINK = 0.6  # complete-linkage floor: every pair in a group at least this similar


@dataclass
class Grouping:
    groups: list[list[int]]  # indices into the claims
    contradicts: dict[tuple[int, int], tuple[str, ...]] = field(default_factory=dict)  # group pair -> reasons
    same_reasons: dict[tuple[int, int], tuple[str, ...]] = field(default_factory=dict)  # claim pair -> reasons


_SIGN_OFF = re.compile(
    r"^\W*(reporting by|writing by|editing by|additional reporting|compiled by)\b|contributed to this report\W*$", re.I
)


def groupable(claim: Claim) -> bool:
    """Claims worth grouping: a real proposition of a few words, not a sign-off line.

    >>> groupable(Claim("c", "a", None, "(Reporting by Yasmine Kefi; Editing by Paul Renner)"))
    False
    """
    return len(claim.text.split()) >= MIN_WORDS and not _SIGN_OFF.search(claim.text)


def candidate_pairs(
    claims: Sequence[Claim], vectors: np.ndarray, index, only: set[int] | None = None
) -> list[tuple[int, int, float]]:
    """Pairs (i, j, cosine) of claims close in embedding space, found through ``index``.

    With ``only``, just the neighbours of those claims are looked up (the new ones).
    """
    pos = {c.id: i for i, c in enumerate(claims)}
    out: dict[tuple[int, int], float] = {}
    asked = [i for i in range(len(claims)) if only is None or i in only]
    if not asked:
        return []
    rows, cosines = index.search_rows(vectors[asked], k=NEIGHBOURS + 1)
    for i, found, scores in zip(asked, rows, cosines):
        c = claims[i]
        for other, cos in zip(index.ids_at(found), scores.tolist()):
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
    p_same: float = 0.0
    distinct: bool = False  # the judge found two different facts (a cannot-link, not a contradiction)


# The judge alone over-merges topical neighbours of one story (it is trained on
# same-event pairs). A "same" verdict joins two claims only with enough support:
# close wording, or shared resolved entities (names that survive spelling variants).
SAME_BY_WORDING = 0.75
SAME_WITH_ONE_ENTITY = 0.65
SAME_WITH_TWO_ENTITIES = 0.55


def accept_same(v: Verdict, shared_entities: int) -> bool:
    """Whether a "same" verdict is strong enough to join two claims.

    Shared names make two sentences topical neighbours, not one claim: when their actions
    differ ("Assad asked Israel for help" / "Assad aimed to bolster support from his allies")
    only close wording joins them.

    >>> accept_same(Verdict("same", 0.62), 2), accept_same(Verdict("same", 0.62), 0)
    (True, False)
    >>> accept_same(Verdict("same", 0.68, (DIFFERENT_ACTIONS,)), 2)
    False
    """
    if v.label != "same":
        return False
    if v.cosine >= SAME_BY_WORDING:
        return True
    if DIFFERENT_ACTIONS in v.reasons:
        return False
    if shared_entities >= 2:
        return v.cosine >= SAME_WITH_TWO_ENTITIES
    return shared_entities == 1 and v.cosine >= SAME_WITH_ONE_ENTITY


def pair_key(a: str, b: str) -> str:
    return f"{a}|{b}" if a < b else f"{b}|{a}"


def judge_pairs(
    claims: Sequence[Claim],
    pairs: Sequence[tuple[int, int, float]],
    judge,
    known: dict[str, Verdict],
    vectors: np.ndarray | None = None,
    facts: Mapping[str, dict] | None = None,
) -> dict[str, Verdict]:
    """Verdicts for ``pairs``: the ones already ``known`` are reused, the rest judged now (with the
    claims' kept embeddings ``vectors``, when given, instead of embedding the texts again, and the
    judge's reading of each claim kept by the analysis, ``facts`` by claim id, instead of parsing it)."""
    todo = [(i, j, cos) for i, j, cos in pairs if pair_key(claims[i].id, claims[j].id) not in known]
    out = {k: v for k, v in known.items()}
    for start in range(0, len(todo), JUDGE_CHUNK):  # the judge's features of a few thousand pairs at a time
        part = todo[start:start + JUDGE_CHUNK]
        sides = None
        if vectors is not None:
            sides = (vectors[[i for i, _, _ in part]], vectors[[j for _, j, _ in part]])
        read = kept_facts([claims[k] for i, j, _ in part for k in (i, j)], facts or {})
        fresh = judge.pairs([(claims[i].text, claims[j].text) for i, j, _ in part], vectors=sides, facts=read)
        for (i, j, cos), v in zip(part, fresh):
            if cos >= SAME_ARTICLE_COSINE and v.label != "contradicts":
                verdict = Verdict("same", cos, (f"near-identical wording (cosine {cos:.2f})",), 1.0)
            else:
                verdict = Verdict(v.label, cos, tuple(v.reasons), float(v.p_same), v.distinct)
            out[pair_key(claims[i].id, claims[j].id)] = verdict
    return out


JUDGE_CHUNK = 4096  # pairs judged together: their features and readings are held only meanwhile


def kept_facts(claims: Sequence[Claim], facts: Mapping[str, dict]) -> dict[str, SentenceFacts]:
    """The judge's reading of each claim's text, from the records the analysis kept (by claim id); texts
    without one (an analysis older than these records) are left for the judge to parse."""
    out: dict[str, SentenceFacts] = {}
    for c in claims:
        if c.text in out or c.id not in facts:
            continue
        try:
            out[c.text] = SentenceFacts.from_dict(facts[c.id])
        except (KeyError, TypeError, ValueError) as exc:
            log.warning("claim %s: kept judge facts unreadable (%s); parsing the claim instead", c.id, exc)
    return out


def group_claims(
    claims: Sequence[Claim],
    verdicts: Mapping[str, Verdict] | Iterable[tuple[str, Verdict]],
    vectors: np.ndarray | None = None,
    min_link: float = MIN_LINK,
    entities: Sequence[frozenset[str]] | None = None,
) -> Grouping:
    """Join claims judged ``same``; keep ``contradicts`` edges between the resulting groups.

    Joining is complete-linkage: two groups merge only when every pair across them is
    at least ``min_link`` similar (cosine of their embeddings) and no pair across them
    is judged contradictory or distinct (one act, different named participants) — so
    "same" verdicts cannot chain unrelated claims into one giant group. Strongest edges
    are merged first.
    """
    pos = {c.id: i for i, c in enumerate(claims)}
    edges: list[tuple[float, int, int, tuple[str, ...]]] = []
    contra: list[tuple[int, int, tuple[str, ...]]] = []
    blocked: dict[int, set[int]] = defaultdict(set)  # claim -> claims no group may hold with it
    for key, v in verdicts.items() if isinstance(verdicts, Mapping) else verdicts:
        a, b = key.split("|", 1)
        if a not in pos or b not in pos:
            continue
        i, j = sorted((pos[a], pos[b]))
        shared = len(entities[i] & entities[j]) if entities is not None else 2
        if accept_same(v, shared):
            edges.append((v.cosine, i, j, v.reasons))
        elif v.label == "contradicts":
            contra.append((i, j, v.reasons))
            blocked[i].add(j)
            blocked[j].add(i)
        elif v.distinct:  # two facts ("asked Israel" / "asked Iran"): no group may hold both
            blocked[i].add(j)
            blocked[j].add(i)
    members: dict[int, list[int]] = {i: [i] for i in range(len(claims))}
    owner = list(range(len(claims)))
    same_reasons: dict[tuple[int, int], tuple[str, ...]] = {}
    # two groups that may not merge never may once either grows (a larger group only adds pairs)
    refused: dict[int, set[int]] = defaultdict(set)
    # strongest first; equal cosines in the claims' id order, so any list of the same claims groups alike
    for cos, i, j, reasons in sorted(edges, key=lambda e: (-e[0], *sorted((claims[e[1]].id, claims[e[2]].id)))):
        gi, gj = owner[i], owner[j]
        if gi == gj:
            same_reasons[(i, j)] = reasons
            continue
        if gj in refused[gi]:
            continue
        a, b = members[gi], members[gj]
        small, other = (a, gj) if len(a) <= len(b) else (b, gi)
        if any(owner[y] == other for x in small for y in blocked.get(x, ())) or (
            vectors is not None and float((vectors[a] @ vectors[b].T).min()) < min_link
        ):
            refused[gi].add(gj)
            refused[gj].add(gi)
            continue
        keep, drop = (gi, gj) if len(a) >= len(b) else (gj, gi)
        for other in refused.pop(drop, set()):
            refused[other].discard(drop)
            refused[other].add(keep)
            refused[keep].add(other)
        for x in members[drop]:  # the smaller group is relabelled: each claim moves O(log n) times
            owner[x] = keep
        members[keep].extend(members.pop(drop))
        same_reasons[(i, j)] = reasons
    groups = sorted((sorted(g) for g in members.values()), key=lambda g: g[0])
    where = {i: gi for gi, g in enumerate(groups) for i in g}
    contradicts: dict[tuple[int, int], tuple[str, ...]] = {}
    for i, j, reasons in contra:
        gi, gj = where[i], where[j]
        if gi != gj:
            contradicts[(min(gi, gj), max(gi, gj))] = reasons
    return Grouping(groups=groups, contradicts=contradicts, same_reasons=same_reasons)


def group_id(claim_ids: Sequence[str]) -> str:
    return "g" + hashlib.sha1("|".join(sorted(claim_ids)).encode()).hexdigest()[:12]
