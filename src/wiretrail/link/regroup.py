"""Claim groups kept up to date: a link groups the new claims again with the groups they reach, and leaves
every other group as it is.

The store keeps the judge's verdict on every candidate pair (found from either claim), the group each
claim is in and which articles have been taken in. When articles arrive, their claims are embedded and
paired with their nearest kept claims, those pairs are judged, and the new claims are grouped (by the
complete linkage of ``link.claimgroups.group_claims``) together with every kept group one of their pairs
touches, with all the verdicts among them. The groups that contradict a regrouped claim have their records
written anew (the group they contradict has a new id); nothing else is read. The work grows with the
new articles and the groups they reach, not with the store.

It is the greedy grouping of everything, started from the kept groups instead of from single claims: where
a new claim pulls a claim out of its old group, that claim can no longer join a group outside the region
that refused its old group — a grouping of everything might let it. ``Corpus.link(full=True)`` groups
every claim again. On the demo corpus linked in two batches the two agree (``tests/test_regroup.py``).
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import numpy as np

from wiretrail.link.claimgroups import (
    MIN_COSINE,
    MIN_LINK,
    NEIGHBOURS,
    SAME_ARTICLE_COSINE,
    Verdict,
    accept_same,
    group_claims,
    groupable,
    judge_pairs,
    pair_key,
)
from wiretrail.link.embed import _unit
from wiretrail.linking import (
    claim_entities,
    encode_once,
    group_records,
    grouped_rows,
    stored_verdict,
    verdict_record,
)
from wiretrail.model import ANALYSIS_PARTS, Analysis, Article, Claim, Copy

if TYPE_CHECKING:
    from wiretrail.corpus import Corpus

log = logging.getLogger(__name__)

STAGE = "claim_group"
PARTS = ("claims", "attributions", "claim_facts")  # what this stage reads of an analysis
SEARCH_BLOCK = 50_000  # kept vectors scored at a time,
QUERY_BLOCK = 1024  # against this many new claims' (scores of 200 MB)


@dataclass
class Update:
    """What a link changes in the claim groups: the records to forget and the ones to write."""

    remove: set[str] = field(default_factory=set)
    records: dict[str, dict] = field(default_factory=dict)
    regrouped: int = 0  # claims grouped again
    judged: int = 0  # pairs judged now


class _Analyses:
    """Analyses read from the store by article as they are asked for (only the parts this stage reads),
    each read once."""

    def __init__(self, store) -> None:
        self.store = store
        self.held: dict[str, Analysis] = {}

    def of(self, articles: Iterable[str]) -> dict[str, Analysis]:
        wanted = list(dict.fromkeys(articles))
        missing = [a for a in wanted if a not in self.held]
        if missing:
            self.held.update(self.store.analyses(missing, without=tuple(p for p in ANALYSIS_PARTS if p not in PARTS)))
        return {a: self.held[a] for a in wanted if a in self.held}

    def claims(self, ids: Iterable[str]) -> dict[str, Claim]:
        """The claims with these ids, from their articles' analyses (an id carries no article: the caller
        asks for the articles first with :meth:`of`)."""
        wanted = set(ids)
        return {c.id: c for an in self.held.values() for c in an.claims if c.id in wanted}


def update_claim_groups(
    corpus: Corpus,
    articles: Mapping[str, Article],
    copies: Sequence[Copy],
    entities: Mapping[str, dict],
) -> Update | None:
    """The change new articles make to the stored claim groups, or None when the store keeps no earlier
    grouping to change (the caller then groups every claim)."""
    store = corpus.store
    if not store.count_grouped_claims():
        return None
    linked = store.linked_articles(STAGE)
    fresh_articles = [a for a in articles if a not in linked]
    if not fresh_articles:
        return Update()
    read = _Analyses(store)
    new_claims = list({c.id: c for an in read.of(fresh_articles).values() for c in an.claims if groupable(c)}.values())
    # an article analysed again: its old claims are forgotten, and the groups they were in regrouped
    new_ids = {c.id for c in new_claims}
    stale = store.grouped_claims(articles=fresh_articles)
    stale_ids = {r[0] for r in stale}
    # and what a link stopped part-way kept of the new claims is judged again
    store.forget_claims(stale_ids | new_ids)
    kept = _KeptVectors(store)
    new_vectors = _embed(corpus, new_claims)
    pairs = kept.neighbours(new_claims, new_vectors)

    # judge the new pairs: the new claims and the kept claims they found
    old_ids = sorted({b for _, b, _ in pairs if b not in new_ids})
    read.of(kept.article_of(i) for i in old_ids)
    known = read.claims(old_ids)
    side = [known[i] for i in old_ids if i in known] + new_claims  # kept claims first, as a whole grouping has them
    at = {c.id: n for n, c in enumerate(side)}
    side_vectors = np.vstack([kept.rows([c.id for c in side[:len(side) - len(new_claims)]]), new_vectors])
    indexed = [(at[a], at[b], cos) for a, b, cos in pairs if a in at and b in at]
    facts = {cid: f for an in read.held.values() for cid, f in an.claim_facts.items()}
    update = Update(judged=len(indexed))
    fresh: dict[str, Verdict] = {}
    if indexed:
        fresh = judge_pairs(side, [(min(i, j), max(i, j), cos) for i, j, cos in indexed], corpus.linkers()[1], {},
                            side_vectors, facts)
        store.add_verdicts(((*k.split("|", 1), verdict_record(v)) for k, v in fresh.items()), new=True)
    store.put_vectors("claim", [(c.id, c.article, v.astype(np.float16).tobytes()) for c, v in zip(new_claims, new_vectors)])

    # the region grouped again: the new claims and the kept groups one of them could join (a contradiction
    # across is handled below)
    reached = _joinable(store, kept, fresh, side, side_vectors, claim_entities(side, entities), new_ids)
    reached |= {r[2] for r in stale}
    del fresh
    region = [r for r in store.grouped_claims(groups=reached) if r[0] not in stale_ids]
    update.remove = reached
    read.of(r[1] for r in region)
    old_region = read.claims(r[0] for r in region)
    claims = new_claims + [old_region[r[0]] for r in region if r[0] in old_region]
    inside = {c.id for c in claims}
    vectors = np.vstack([new_vectors, kept.rows([c.id for c in claims[len(new_claims):]])])
    verdicts = list(store.verdicts_touching(inside))
    within = [(pair_key(a, b), stored_verdict(v)) for a, b, v in verdicts if a in inside and b in inside]
    grouping = group_claims(claims, within, vectors, entities=claim_entities(claims, entities))
    update.regrouped = len(claims)
    store.put_grouped_claims(grouped_rows(claims, grouping.groups), drop=stale_ids)

    # groups outside the region that contradict a claim in it are written anew (their contradicting
    # group's id changed); what contradicts *them* is read only
    groups: list[list[Claim]] = [[claims[i] for i in g] for g in grouping.groups]
    group_of: dict[str, int] = {c.id: gi for gi, g in enumerate(groups) for c in g}
    write = set(range(len(groups)))
    contra = [(a, b) for a, b, v in verdicts if v.get("label") == "contradicts"]
    outside = {x for a, b in contra for x in (a, b) if x not in inside}
    rewritten = _add_groups(store, read, {r[2] for r in store.grouped_claims(claims=outside)}, groups, group_of)
    write.update(rewritten)
    members = [c.id for gi in rewritten for c in groups[gi]]
    more = [(a, b) for a, b, v in store.verdicts_touching(members) if v.get("label") == "contradicts"]
    contra += more
    beyond = {x for a, b in more for x in (a, b) if x not in group_of}
    _add_groups(store, read, {r[2] for r in store.grouped_claims(claims=beyond)}, groups, group_of)
    pairs_between = {(min(group_of[a], group_of[b]), max(group_of[a], group_of[b]))
                     for a, b in contra if a in group_of and b in group_of and group_of[a] != group_of[b]}
    attributions = {k: an.attributions for k, an in read.held.items()}
    update.records = group_records(groups, pairs_between, articles, attributions, copies, write=write)
    store.mark_linked(STAGE, fresh_articles)
    log.info("claim groups: %d new claims, %d pairs judged, %d claims regrouped, %d groups rewritten",
             len(new_claims), update.judged, update.regrouped, len(write))
    return update


def _joinable(store, kept: _KeptVectors, fresh: Mapping[str, Verdict], side: Sequence[Claim], vectors: np.ndarray,
              names: Sequence[frozenset[str]], new_ids: set[str]) -> set[str]:
    """The kept groups a new claim could join: one of their claims is judged the same as it, strongly
    enough to join (``accept_same``), and the whole group is close enough to it for complete linkage with
    no pair across judged contradictory or distinct. A group no new claim can join stays as it is: its own
    claims group alike again, and what kept two kept groups apart still does."""
    at = {c.id: n for n, c in enumerate(side)}
    partners: dict[str, set[str]] = {}  # new claim -> kept claims it may join
    blocked: set[tuple[str, str]] = set()
    for key, v in fresh.items():
        a, b = key.split("|", 1)
        new, old = (a, b) if a in new_ids else (b, a)
        if old in new_ids:
            continue
        if v.label == "contradicts" or v.distinct:
            blocked.add((new, old))
        elif accept_same(v, len(names[at[a]] & names[at[b]])):
            partners.setdefault(new, set()).add(old)
    group_of = {r[0]: r[2] for r in store.grouped_claims(claims={c for olds in partners.values() for c in olds})}
    members: dict[str, list[str]] = {}
    for claim_id, _, gid in store.grouped_claims(groups=set(group_of.values())):
        members.setdefault(gid, []).append(claim_id)
    reached: set[str] = set()
    for new, olds in partners.items():
        vector = vectors[at[new]]
        for gid in {group_of[o] for o in olds if o in group_of} - reached:
            inside = [m for m in members[gid] if m in kept.row]
            if any((new, m) in blocked for m in inside):
                continue
            if float((kept.rows(inside) @ vector).min()) >= MIN_LINK:
                reached.add(gid)
    return reached


def _add_groups(store, read: _Analyses, ids: set[str], groups: list[list[Claim]], group_of: dict[str, int]) -> list[int]:
    """Append the kept groups ``ids`` (not already held) to ``groups``; their indices."""
    rows = [r for r in store.grouped_claims(groups=ids) if r[0] not in group_of]
    read.of(r[1] for r in rows)
    found = read.claims(r[0] for r in rows)
    by_group: dict[str, list[Claim]] = {}
    for claim_id, _, gid in rows:
        if claim_id in found:
            by_group.setdefault(gid, []).append(found[claim_id])
    added = []
    for gid, members in sorted(by_group.items()):
        groups.append(members)
        added.append(len(groups) - 1)
        for c in members:
            group_of[c.id] = len(groups) - 1
    return added


def _embed(corpus: Corpus, claims: Sequence[Claim]) -> np.ndarray:
    """The claims' embeddings as the store keeps them (float16, read back as float32)."""
    if not claims:
        return np.zeros((0, 384), dtype=np.float32)
    fresh = encode_once(corpus, [c.text for c in claims])
    return np.vstack([fresh[c.text] for c in claims]).astype(np.float32)


class _KeptVectors:
    """Every kept claim vector (float16, as stored) and a search over them."""

    def __init__(self, store) -> None:
        ids: list[str] = []
        articles: list[str] = []
        matrix: np.ndarray | None = None
        for item, article, data in store.iter_vectors_of("claim"):  # rows written in place as they come
            vector = np.frombuffer(data, dtype=np.float16)
            if matrix is None or len(ids) == len(matrix):
                grown = np.zeros((max(1024, 2 * len(ids)), len(vector)), dtype=np.float16)
                if matrix is not None:
                    grown[:len(matrix)] = matrix
                matrix = grown
            matrix[len(ids)] = vector
            ids.append(item)
            articles.append(article)
        self.matrix = matrix[:len(ids)] if matrix is not None else np.zeros((0, 384), dtype=np.float16)
        self.ids = ids
        self.articles = articles
        self.row = {item: n for n, item in enumerate(ids)}

    def article_of(self, item: str) -> str:
        return self.articles[self.row[item]]

    def rows(self, ids: Sequence[str]) -> np.ndarray:
        return self.matrix[[self.row[i] for i in ids]].astype(np.float32)

    def neighbours(self, claims: Sequence[Claim], vectors: np.ndarray) -> list[tuple[str, str, float]]:
        """(new claim, other claim, cosine) for each new claim's nearest, among the kept claims and the
        other new ones, as ``link.claimgroups.candidate_pairs`` finds them for the new claims of a whole
        grouping: the ``NEIGHBOURS`` nearest at a cosine of ``MIN_COSINE`` or more, within one article
        only near-verbatim repeats; each pair once, with its best cosine."""
        if not claims:
            return []
        queries = _unit(vectors)
        k = NEIGHBOURS + 1
        best_scores = np.full((len(claims), 0), -2.0, dtype=np.float32)
        best_rows = np.zeros((len(claims), 0), dtype=np.int64)
        spaces = [(self.matrix[s:s + SEARCH_BLOCK], s) for s in range(0, len(self.ids), SEARCH_BLOCK)]
        spaces.append((queries, len(self.ids)))  # the new claims themselves come after the kept ones
        for block, offset in spaces:  # memory: QUERY_BLOCK x SEARCH_BLOCK scores at a time
            space = _unit(block)
            take = min(k, len(space))
            found_scores = np.zeros((len(claims), take), dtype=np.float32)
            found_rows = np.zeros((len(claims), take), dtype=np.int64)
            for q in range(0, len(claims), QUERY_BLOCK):
                scores = queries[q:q + QUERY_BLOCK] @ space.T
                top = np.argpartition(-scores, take - 1, axis=1)[:, :take]
                found_scores[q:q + QUERY_BLOCK] = np.take_along_axis(scores, top, axis=1)
                found_rows[q:q + QUERY_BLOCK] = top + offset
            best_scores = np.hstack([best_scores, found_scores])
            best_rows = np.hstack([best_rows, found_rows])
            if best_scores.shape[1] > k:
                keep = np.argsort(-best_scores, axis=1, kind="stable")[:, :k]
                best_scores = np.take_along_axis(best_scores, keep, axis=1)
                best_rows = np.take_along_axis(best_rows, keep, axis=1)
        n_kept = len(self.ids)
        out: dict[tuple[str, str], float] = {}
        for q, claim in enumerate(claims):
            for row, cos in zip(best_rows[q].tolist(), best_scores[q].tolist()):
                if row == n_kept + q or cos < MIN_COSINE:
                    continue
                other, article = (claims[row - n_kept].id, claims[row - n_kept].article) if row >= n_kept else (
                    self.ids[row], self.articles[row])
                if article == claim.article and cos < SAME_ARTICLE_COSINE:
                    continue
                # a kept claim comes second; two new claims in id order, so that each pair is found once
                key = (claim.id, other) if row < n_kept else (min(claim.id, other), max(claim.id, other))
                out[key] = max(out.get(key, 0.0), float(cos))
        return [(a, b, cos) for (a, b), cos in sorted(out.items())]
