"""The cross-article stages, run over what the store holds: entities, claim groups with
their corroboration, figures in dispute, merged events, the actor graph, stories.

Each stage is a pure function of the articles and analyses; ``link_corpus`` runs
them and writes their results to the store as derived records.
"""

from __future__ import annotations

import logging
import time

import numpy as np
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import TYPE_CHECKING

from wiretrail.brief.data import copy_map as copy_originals
from wiretrail.model import ANALYSIS_PARTS, Analysis, Article, Attribution, Claim, Copy, Entity, Quantity
from wiretrail.score import Report, corroborate, outlet_label, trace

if TYPE_CHECKING:
    from wiretrail.corpus import Corpus

log = logging.getLogger(__name__)

Progress = Callable[[str, int, int | None], None]


def link_corpus(corpus: Corpus, progress: Progress | None = None, full: bool = False) -> dict[str, float]:
    """Run every cross-article stage and store its results; returns each stage's seconds.

    Each stage reads the parts of the analyses it needs, and lets them go when it ends: at 10,000
    articles the analyses are some 3 GB in memory, the claims and attributions alone a third of it.
    Only the claim groups new articles' claims reach are grouped again (``link.regroup``); with
    ``full``, every claim is.
    """
    store = corpus.store
    seconds: dict[str, float] = {}
    t0 = time.perf_counter()
    articles = {a.id: a for a in store.articles()}
    copies = store.copies()
    seconds["read"] = time.perf_counter() - t0

    def parts(*names: str) -> dict[str, Analysis]:
        return store.analyses(without=tuple(p for p in ANALYSIS_PARTS if p not in names))

    steps = [
        ("entity", lambda: entity_records(articles, parts("mentions", "places"))),
        ("claim_group", lambda: _claim_groups(corpus, articles, copies, parts, full)),
        ("dispute", lambda: dispute_records(articles, parts("quantities"))),
        ("event", lambda: event_records(parts("events"))),
        ("relation", lambda: relation_records(articles, parts("relations"), store.derived("claim_group"))),
        ("story", lambda: story_records(articles, store.derived("claim_group"), store.derived("entity"),
                                        corpus=corpus, copies=copies)),
    ]
    problems: dict[str, dict] = {}
    for n, (kind, step) in enumerate(steps, 1):
        t0 = time.perf_counter()
        try:
            records = step()
            if records is not None:  # None: the stage wrote its own changes
                store.put_derived(kind, records)
        except Exception as exc:  # one stage failing keeps the others (and its last results)
            log.warning("linking stage %s failed: %s: %s", kind, type(exc).__name__, exc)
            log.debug("traceback", exc_info=True)
            problems[kind] = {"stage": kind, "reason": f"{type(exc).__name__}: {exc}"}
        seconds[kind] = time.perf_counter() - t0
        if progress:
            progress("link", n, len(steps))
    store.put_derived("problem", problems)
    return {k: round(v, 2) for k, v in seconds.items()}


def _claim_groups(corpus: Corpus, articles: Mapping[str, Article], copies: Sequence[Copy], parts, full: bool
                  ) -> dict[str, dict] | None:
    """The claim-group stage: the stored groups changed where new claims reach them, or (``full``, or
    nothing kept to change) every claim grouped: the records to store then."""
    from wiretrail.link.regroup import update_claim_groups

    entities = corpus.store.derived("entity")
    update = None if full else update_claim_groups(corpus, articles, copies, entities)
    if update is None:
        return claim_group_records(articles, parts("claims", "attributions", "claim_facts"), copies, corpus, entities)
    corpus.store.add_derived("claim_group", update.records.items(), drop=update.remove)
    return None


# -- entities ------------------------------------------------------------------
def entity_records(articles: Mapping[str, Article], analyses: Mapping[str, Analysis]) -> dict[str, dict]:
    """Canonical entities across the corpus; places carry GeoNames coordinates.

    Names are clustered by ``link.resolve`` (spelling variants, containment,
    acronyms). A cluster whose mentions were resolved on the map takes the place
    most of them resolved to; clusters that resolve to the same GeoNames place are
    one entity (Maarat al-Numan and Maaret al-Numan).
    """
    from wiretrail.link.resolve import resolve_entities

    mentions = {k: a.mentions for k, a in analyses.items() if a.mentions}
    entities = resolve_entities(mentions, {k: articles[k].text for k in mentions if k in articles})
    resolved: dict[tuple[str, int, int], Entity] = {}
    for an in analyses.values():
        for place in an.places:
            for sp in place.mentions:
                resolved[(sp.article, sp.start, sp.end)] = place
    out: dict[str, dict] = {}
    by_place: dict[str, str] = {}  # place key -> entity id
    covered: set[tuple[str, int, int]] = set()
    merged = _Merged()
    for e in entities:
        rec = e.to_dict()
        rec["articles"] = sorted({m.article for m in e.mentions})
        hits = [resolved[k] for k in ((m.article, m.start, m.end) for m in e.mentions) if k in resolved]
        if hits:
            covered.update((m.article, m.start, m.end) for m in e.mentions)
            votes = Counter(h.id for h in hits)  # the place most mentions resolved to (first of equals)
            best = max(hits, key=lambda p: votes[p.id])
            rec.update(lat=best.lat, lon=best.lon, geonameid=best.geonameid, country=best.country, place=best.name)
            if best.id in by_place:  # same place, another spelling: one entity
                merged.add(out[by_place[best.id]], rec)
                continue
            by_place[best.id] = e.id
        out[e.id] = rec
    for an in analyses.values():  # toponyms the name clusters did not hold
        for place in an.places:
            spans = [sp for sp in place.mentions if (sp.article, sp.start, sp.end) not in covered]
            if not spans:
                continue
            rec = place.to_dict() | {"mentions": [sp.to_dict() for sp in spans], "articles": sorted({sp.article for sp in spans}), "place": place.name}
            if place.id in by_place:
                merged.add(out[by_place[place.id]], rec)
            else:
                by_place[place.id] = place.id
                out[place.id] = rec
    merged.settle()
    return out


class _Merged:
    """Entity records that take in others (one place under several spellings, a town's toponyms in
    every article): mentions are appended in place and aliases and articles gathered in sets, sorted
    once by ``settle`` — merging by copying would cost the record's size on every merge."""

    def __init__(self) -> None:
        self._open: dict[int, tuple[dict, set[str], set[str]]] = {}

    def add(self, into: dict, other: dict) -> None:
        key = id(into)
        if key not in self._open:
            into["mentions"] = list(into.get("mentions", []))
            self._open[key] = (into, set(into.get("aliases", [])), set(into.get("articles", [])))
        _, aliases, articles = self._open[key]
        aliases.update(other.get("aliases", []))
        aliases.add(other["name"])
        articles.update(other.get("articles", []))
        into["mentions"].extend(other.get("mentions", []))

    def settle(self) -> None:
        for into, aliases, articles in self._open.values():
            into["aliases"] = sorted(aliases)
            into["articles"] = sorted(articles)
        self._open.clear()


# -- claim groups --------------------------------------------------------------
def kept_vectors(corpus: Corpus, kind: str, items: Sequence[tuple[str, str, str]]) -> tuple[np.ndarray, set[str]]:
    """Embeddings of ``items`` (id, article, text), one row each, and the ids embedded now: those kept
    in the store are read, only the others are embedded (and kept for the next link)."""
    vectors, rows = embedded_vectors(corpus, kind, items)
    corpus.store.put_vectors(kind, rows)
    return vectors, {i for i, _, _ in rows}


def embedded_vectors(
    corpus: Corpus, kind: str, items: Sequence[tuple[str, str, str]]
) -> tuple[np.ndarray, list[tuple[str, str, bytes]]]:
    """:func:`kept_vectors` without keeping: the rows of ``items`` (kept ones read from the store
    straight into the array, the others embedded) and the (id, article, float16 bytes) rows of those
    embedded now, for the caller to keep once what rests on them is stored."""
    row_of: dict[str, list[int]] = defaultdict(list)
    for n, (item_id, _, _) in enumerate(items):
        row_of[item_id].append(n)
    vectors: np.ndarray | None = None
    found = np.zeros(len(items), dtype=bool)
    for item_id, data in corpus.store.iter_vectors(kind):
        rows = row_of.get(item_id)
        if rows is None:
            continue
        vector = np.frombuffer(data, dtype=np.float16)
        if vectors is None:
            vectors = np.zeros((len(items), len(vector)), dtype=np.float32)
        vectors[rows] = vector
        found[rows] = True
    missing = [items[n] for n in np.flatnonzero(~found).tolist()]
    fresh_rows: list[tuple[str, str, bytes]] = []
    if missing:
        fresh = encode_once(corpus, [text for _, _, text in missing])
        if vectors is None:
            vectors = np.zeros((len(items), len(next(iter(fresh.values())))), dtype=np.float32)
        for item_id, article, text in missing:
            vectors[row_of[item_id]] = fresh[text]
        fresh_rows = list({i: (i, article, fresh[text].tobytes()) for i, article, text in missing}.values())
    if vectors is None:
        vectors = np.zeros((len(items), 0), dtype=np.float32)
    return vectors, fresh_rows


def encode_once(corpus: Corpus, texts: Sequence[str]) -> dict[str, np.ndarray]:
    """Each distinct text's embedding as the store keeps it (float16): copies repeat sentences, and each is
    embedded once."""
    unique = list(dict.fromkeys(texts))
    if not unique:
        return {}
    embedder, _ = corpus.linkers()
    return dict(zip(unique, embedder.encode(unique).astype(np.float16)))


def claim_group_records(
    articles: Mapping[str, Article],
    analyses: Mapping[str, Analysis],
    copies: Sequence[Copy],
    corpus: Corpus,
    entities: Mapping[str, dict] | None = None,
    facts: Mapping[str, dict] | None = None,
) -> dict[str, dict]:
    """Claim groups with their corroboration. ``facts``: the judge's reading of each claim by claim id
    (``Analysis.claim_facts``; default: read from ``analyses``)."""
    from wiretrail.link.claimgroups import candidate_pairs, group_claims, groupable, judge_pairs, pair_key
    from wiretrail.link.embed import EmbeddingIndex

    unique = {c.id: c for an in analyses.values() for c in an.claims if groupable(c) and c.article in articles}
    claims: list[Claim] = list(unique.values())
    store = corpus.store
    if not claims:
        store.put_grouped_claims((), replace_all=True)
        store.mark_linked("claim_group", articles, replace_all=True)
        return {}
    # claims embedded before were paired and judged then: only pairs that involve a new claim are judged.
    # Their vectors are kept only once their verdicts are, so a link stopped between the two judges
    # them again instead of never
    vectors, fresh_rows = embedded_vectors(corpus, "claim", [(c.id, c.article, c.text) for c in claims])
    new_ids = {i for i, _, _ in fresh_rows}
    index = EmbeddingIndex(dim=vectors.shape[1])
    index.add([c.id for c in claims], vectors)
    only = {i for i, c in enumerate(claims) if c.id in new_ids} if len(new_ids) < len(unique) else None
    pairs = candidate_pairs(claims, vectors, index, only=only)
    if facts is None:
        facts = {cid: f for an in analyses.values() for cid, f in an.claim_facts.items()}
    if pairs:
        fresh = judge_pairs(claims, pairs, corpus.linkers()[1], {}, vectors, facts)
        store.add_verdicts((*k.split("|", 1), verdict_record(v)) for k, v in fresh.items())
        del fresh
    store.put_vectors("claim", fresh_rows)
    # every verdict (millions at 10,000 articles) is read from the store as the grouping consumes it
    verdicts = ((pair_key(a, b), stored_verdict(v)) for a, b, v in store.iter_verdicts())
    grouping = group_claims(claims, verdicts, vectors, entities=claim_entities(claims, entities or {}))
    store.put_grouped_claims(grouped_rows(claims, grouping.groups), replace_all=True)
    store.mark_linked("claim_group", articles, replace_all=True)
    attributions = {k: an.attributions for k, an in analyses.items()}
    return group_records([[claims[i] for i in g] for g in grouping.groups], grouping.contradicts, articles,
                         attributions, copies)


def grouped_rows(claims: Sequence[Claim], groups: Sequence[Sequence[int]]) -> list[tuple[str, str, str]]:
    """(claim, article, group) rows that keep the group each claim is in (``Store.put_grouped_claims``)."""
    from wiretrail.link.claimgroups import group_id

    rows = []
    for g in groups:
        gid = group_id([claims[k].id for k in g])
        rows.extend((claims[i].id, claims[i].article, gid) for i in g)
    return rows


def group_records(
    groups: Sequence[Sequence[Claim]],
    contradicts: Iterable[tuple[int, int]],
    articles: Mapping[str, Article],
    attributions: Mapping[str, Sequence[Attribution]],
    copies: Sequence[Copy],
    write: Iterable[int] | None = None,
) -> dict[str, dict]:
    """The claim group records, most important first: each group's reports traced to their origins and
    corroborated, against the groups that contradict it. ``attributions``: each report's article's
    attributions; ``write``: the groups to make records for (default all; the others are only read as
    contradicting ones). A single report in the outlet's own voice that nothing contradicts is not worth
    a ledger line and gets none."""
    from wiretrail.link.claimgroups import group_id

    atts: dict[str, Attribution] = {}
    for claim in (c for g in groups for c in g):
        if claim.attribution and claim.attribution not in atts:
            atts.update((a.id, a) for a in attributions.get(claim.article, ()))
    originals = copy_originals(list(copies))
    copy_map = {a: originals.get(a, "") for a in articles}
    voice = _voice(articles, copies, originals)
    def told(c: Claim) -> tuple:  # each group's reports in the order they were published
        return articles[c.article].published or "9999", c.article, c.span.start, c.id

    reports_by_group = [[Report(c, articles[c.article], atts.get(c.attribution)) for c in sorted(g, key=told)]
                        for g in groups]
    ids = [group_id([c.id for c in g]) for g in groups]
    contra: dict[int, list[int]] = defaultdict(list)
    for a, b in contradicts:
        contra[a].append(b)
        contra[b].append(a)
    out: dict[str, dict] = {}
    for gi in range(len(groups)) if write is None else sorted(set(write)):
        reports = reports_by_group[gi]
        if len(reports) == 1 and reports[0].attribution is None and gi not in contra:
            continue
        origins = [trace(r, atts, attributions.get(r.article.id, ()), copy_map, articles, voice) for r in reports]
        contradicting = sorted((ids[o], reports_by_group[o]) for o in set(contra.get(gi, [])))
        corr = corroborate(reports, origins, contradicting)
        lead = _lead(reports, copy_map)
        out[ids[gi]] = {
            "id": ids[gi],
            "text": lead.claim.text,
            "status": corr.status,
            "confidence": corr.confidence,
            "explanation": corr.explanation,
            "reports": corr.reports,
            "articles": sorted({r.article.id for r in reports}),
            "outlets": list(corr.outlets),
            "independent_origins": [
                {"source": o.source, "source_type": o.source_type, "via": list(o.via), "articles": list(o.articles)}
                for o in corr.origins
            ],
            "strongest_source_type": corr.strongest_source_type,
            "contradicts": list(corr.contradicts),
            "revised_by": list(corr.revised_by),
            "claims": [r.claim.id for r in reports],
            "evidence": [
                {
                    "article": r.claim.span.article,
                    "start": r.claim.span.start,
                    "end": r.claim.span.end,
                    "outlet": outlet_label(r.article),
                    "text": written(r.article, r.claim),
                    "reading": r.claim.text,
                    "source": r.attribution.source.name if r.attribution else "",
                    "copy_of": copy_map.get(r.article.id, ""),
                }
                for r in reports
            ],
            "first_reported": min((r.article.published for r in reports if r.article.published), default=""),
            "importance": _importance(reports, corr, copy_map),
        }
    return dict(sorted(out.items(), key=lambda kv: -kv[1]["importance"]))


def verdict_record(v) -> dict:
    """A pair verdict (``link.claimgroups.Verdict``) as the store keeps it."""
    return {"label": v.label, "cosine": round(v.cosine, 4), "reasons": list(v.reasons), "p_same": round(v.p_same, 4),
            "distinct": v.distinct}


def stored_verdict(record: dict):
    """The verdict of a stored pair record (:func:`verdict_record`)."""
    from wiretrail.link.claimgroups import Verdict

    return Verdict(record["label"], record["cosine"], tuple(record["reasons"]), record.get("p_same", 0.0),
                   record.get("distinct", False))


def written(article: Article, claim: Claim) -> str:
    """The words at a claim's span as the article has them; the claim's ``text`` may be a reading of
    them (a relative clause with its antecedent filled in: "Thala, which DLF fighters captured" ->
    "DLF fighters captured Thala")."""
    return article.text[claim.span.start:claim.span.end] or claim.text


def claim_entities(claims: Sequence[Claim], entities: Mapping[str, dict]) -> list[frozenset[str]]:
    """The resolved entities each claim mentions (a mention span inside the claim's span)."""
    spans: dict[str, list[tuple[int, int, str]]] = defaultdict(list)
    for eid, e in entities.items():
        for m in e.get("mentions", []):
            spans[m["article"]].append((m["start"], m["end"], eid))
    out = []
    for c in claims:
        inside = {eid for s, e, eid in spans.get(c.article, ()) if s >= c.span.start and e <= c.span.end}
        out.append(frozenset(inside))
    return out


def _voice(articles: Mapping[str, Article], copies: Sequence[Copy], originals: Mapping[str, str]):
    """Whose own reporting a sentence in an article's own voice is (``originals``: the
    :func:`~wiretrail.brief.data.copy_map` of ``copies``).

    Copied text speaks with the voice of the root original it came from: a claim
    in a partial copy is the original's only when the original holds that sentence.
    """
    from wiretrail.brief.data import root_in

    by_copy: dict[str, list[Copy]] = defaultdict(list)
    for c in copies:
        if c.kind != "quotes":
            by_copy[c.copy].append(c)
    flat: dict[str, str] = {}  # an original's text with its spaces evened, made when first asked for

    def flat_text(aid: str) -> str:
        if aid not in flat:
            flat[aid] = " ".join(articles[aid].text.split())
        return flat[aid]

    def voice(article: Article, claim: Claim) -> str:
        sentence = " ".join(written(article, claim).split())
        for c in sorted(by_copy.get(article.id, ()), key=lambda c: -c.share):
            if c.original in articles and sentence in flat_text(c.original):
                root = root_in(c.original, originals) or c.original
                if root.startswith("outlet:"):
                    return root[7:]
                return outlet_label(articles[root]) if root in articles else outlet_label(articles[c.original])
            if c.original.startswith("outlet:") and c.kind == "syndicated" and c.share >= 0.99:
                return c.original[7:]
        return outlet_label(article)

    return voice


def _lead(reports: Sequence[Report], copy_map: Mapping[str, str]) -> Report:
    """The report that best states the claim: an original, attributed, earliest."""
    return min(
        reports,
        key=lambda r: (bool(copy_map.get(r.article.id)), r.attribution is None, r.article.published or "9999", r.claim.span.start),
    )


def _importance(reports: Sequence[Report], corr, copy_map: Mapping[str, str]) -> float:
    """Most important first: independent origins, then articles that are not copies, then all reports."""
    own = len({r.article.id for r in reports if not copy_map.get(r.article.id)})
    disputed = 2 if corr.status in ("disputed", "denied") else 0
    return round(3 * len(corr.origins) + 2 * own + 0.5 * len(reports) + disputed, 2)


# -- figures in dispute --------------------------------------------------------
def dispute_records(articles: Mapping[str, Article], analyses: Mapping[str, Analysis]) -> dict[str, dict]:
    """Figures that count the same thing (same counts, same scope) but differ, side by side."""
    groups: dict[tuple[str, str], list[Quantity]] = defaultdict(list)
    for an in analyses.values():
        for q in an.quantities:
            if q.value is None or not q.counts or q.counts in ("other",):
                continue
            groups[(q.counts, (q.scope or "").lower())].append(q)
    out: dict[str, dict] = {}
    for (counts, scope), qs in sorted(groups.items()):
        values = {q.value for q in qs}
        sources = {q.source or articles[q.article].outlet for q in qs if q.article in articles}
        if len(values) < 2 or len(sources) < 2:
            continue
        key = f"{counts}|{scope}"
        out[key] = {
            "id": key,
            "counts": counts,
            "scope": scope,
            "figures": [
                {
                    "value": q.value,
                    "low": q.low,
                    "high": q.high,
                    "qualifier": q.qualifier,
                    "text": q.text,
                    "source": q.source,
                    "as_of": q.as_of,
                    "article": q.article,
                    "outlet": articles[q.article].outlet if q.article in articles else "",
                    "start": q.span.start,
                    "end": q.span.end,
                }
                for q in sorted(qs, key=lambda q: (q.value or 0))
            ],
        }
    return out


# -- events and relations ----------------------------------------------------------
def event_records(analyses: Mapping[str, Analysis]) -> dict[str, dict]:
    from wiretrail.extract.events import merge_events

    events = [e for an in analyses.values() for e in an.events]
    return {e.id: e.to_dict() for e in merge_events(events)}


def relation_records(
    articles: Mapping[str, Article], analyses: Mapping[str, Analysis], groups: Mapping[str, dict] | None = None
) -> dict[str, dict]:
    """One edge per (type, source, target) with all its evidence and who says so.

    With the claim groups, an edge also takes the provenance of the claims it is stated in: the groups
    whose evidence overlaps the edge's evidence, and the best-corroborated group's status and independent
    origins (an edge read from one anonymous official's words, copied by five outlets, has one origin).
    """
    spans_by_article: dict[str, list[tuple[int, int, str]]] = defaultdict(list)
    for g in (groups or {}).values():
        for ev in g.get("evidence", []):
            spans_by_article[ev["article"]].append((ev["start"], ev["end"], g["id"]))
    edges: dict[tuple[str, str, str], dict] = {}
    for an in analyses.values():
        for r in an.relations:
            key = (r.type, r.source, r.target)
            rec = edges.setdefault(
                key,
                {"id": f"{r.type}:{r.source}->{r.target}", "type": r.type, "source": r.source, "target": r.target,
                 "evidence": [], "said_by": [], "outlets": []},
            )
            for sp in r.evidence:
                rec["evidence"].append({"article": sp.article, "start": sp.start, "end": sp.end})
            if r.said_by and r.said_by not in rec["said_by"]:
                rec["said_by"].append(r.said_by)
            outlet = articles[an.article].outlet if an.article in articles else ""
            if outlet and outlet not in rec["outlets"]:
                rec["outlets"].append(outlet)
            for sp in r.evidence:
                for start, end, gid in spans_by_article.get(sp.article, ()):
                    if start < sp.end and sp.start < end and gid not in rec.setdefault("claim_groups", []):
                        rec["claim_groups"].append(gid)
    for rec in edges.values():
        found = [groups[g] for g in rec.get("claim_groups", []) if g in (groups or {})]
        if found:
            best = max(found, key=lambda g: (len(g.get("independent_origins", [])), g.get("importance", 0)))
            rec["status"] = best.get("status", "")
            rec["independent_origins"] = best.get("independent_origins", [])
    return {v["id"]: v for v in edges.values()}


# -- stories -------------------------------------------------------------------------
def story_records(
    articles, groups: Mapping[str, dict], entities: Mapping[str, dict], corpus: Corpus | None = None,
    copies: Sequence[Copy] = (),
) -> dict[str, dict]:
    """Stories of the corpus; with ``corpus``, article embeddings are kept in its store (only new
    articles are embedded on the next link). Articles are compared with their candidates only
    (``link.stories.link_stories``): shared names, nearest leads and ``copies``."""
    from wiretrail.link.stories import DEFAULT_WEIGHTS, StoryDoc, lead_text, link_stories, story_title

    ents_by_article: dict[str, list[str]] = defaultdict(list)
    for e in entities.values():
        for aid in e.get("articles", []):
            ents_by_article[aid].append(e["name"])
    docs = [
        StoryDoc(id=a.id, title=a.title, text=a.text, published=a.published, entities=tuple(ents_by_article.get(a.id, ())))
        for a in articles.values()
    ]
    vectors = None
    if corpus is not None and docs:
        kind = f"story-lead{DEFAULT_WEIGHTS.lead_chars}"
        vectors, _ = kept_vectors(corpus, kind, [(d.id, d.id, lead_text(d)) for d in docs])
    groups_by_article: dict[str, list[int]] = defaultdict(list)
    group_list = list(groups.values())
    for gi, g in enumerate(group_list):
        for aid in g["articles"]:
            groups_by_article[aid].append(gi)
    doc_by_id = {d.id: d for d in docs}
    pairs = [(c.copy, c.original) for c in copies]
    out: dict[str, dict] = {}
    for n, members in enumerate(link_stories(docs, vectors=vectors, pairs=pairs), 1):
        arts = [articles[m] for m in members]
        dates = sorted(a.published for a in arts if a.published)
        found = sorted({gi for m in members for gi in groups_by_article.get(m, ())})
        sid = f"s{n}"
        out[sid] = {
            "id": sid,
            "title": story_title([doc_by_id[m] for m in members]),  # members keep the articles' order
            "articles": list(members),
            "claim_groups": [group_list[gi]["id"] for gi in found],
            "start": dates[0] if dates else "",
            "end": dates[-1] if dates else "",
        }
    return out
