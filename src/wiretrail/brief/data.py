"""The brief as data: one JSON-ready dict holding the whole analysis (DESIGN §10).

Every figure, claim and verdict carries the article id and character offsets of
the text it came from, so the HTML brief and the web app can link back to it.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from wiretrail import __version__
from wiretrail.model import Analysis, Article, Copy

if TYPE_CHECKING:
    from wiretrail.corpus import Corpus

KIND_RANK = {"syndicated": 0, "partial": 1, "quotes": 2}


def copy_of(article_id: str, copies: list[Copy]) -> str:
    """The original an article copies (an article id or ``outlet:Name``), "" when none.

    Whole copies before partial ones, larger shares first; among equals, an original
    that is not itself a copy (the root) before a copy of it, and an article in the
    corpus before an outlet named only by a credit line.
    """
    return copy_map([c for c in copies if c.copy == article_id], {c.copy for c in copies if c.kind != "quotes"}).get(
        article_id, "")


def copy_map(copies: list[Copy], copied: set[str] | None = None) -> dict[str, str]:
    """:func:`copy_of` for every article that copies one (one pass over ``copies``); ``copied``: the
    articles that copy something, when ``copies`` is only part of the corpus's copies."""
    copied = {c.copy for c in copies if c.kind != "quotes"} if copied is None else copied
    best: dict[str, Copy] = {}

    def rank(c: Copy) -> tuple:
        return KIND_RANK.get(c.kind, 9), -round(c.share, 2), c.original in copied, c.original.startswith("outlet:")

    for c in copies:
        if c.kind != "quotes" and (c.copy not in best or rank(c) < rank(best[c.copy])):
            best[c.copy] = c
    return {a: c.original for a, c in best.items()}


def root_in(article_id: str, originals: dict[str, str]) -> str:
    """:func:`root_of` through a :func:`copy_map`."""
    seen = {article_id}
    current = article_id
    while True:
        nxt = originals.get(current, "")
        if not nxt or nxt in seen:
            return current if current != article_id else ""
        if nxt.startswith("outlet:"):
            return nxt
        seen.add(nxt)
        current = nxt


def root_of(article_id: str, copies: list[Copy]) -> str:
    """Follow ``copy_of`` to the first original (an article id or ``outlet:Name``)."""
    return root_in(article_id, copy_map(copies))


def article_record(a: Article, copies: list[Copy], with_text: bool = True) -> dict[str, Any]:
    rec: dict[str, Any] = {
        "id": a.id,
        "url": a.url,
        "outlet": a.outlet,
        "outlet_domain": a.outlet_domain,
        "outlet_evidence": a.outlet_evidence,
        "title": a.title,
        "dek": a.dek,
        "byline": a.byline,
        "dateline": a.dateline,
        "published": a.published,
        "published_precision": a.published_precision,
        "language": a.language,
        "credits": list(a.credits),
        "copy_of": copy_of(a.id, copies),
        "input_path": a.input_path,
        "input_format": a.input_format,
        "removed_lines": len(a.removed),
    }
    if with_text:
        rec["text"] = a.text
        rec["paragraphs"] = [list(p) for p in a.paragraphs]
    return rec


def attribution_record(att: Any, article: Article | None) -> dict[str, Any]:
    d = att.to_dict()
    return {
        "id": att.id,
        "article": att.article,
        "outlet": article.outlet if article else "",
        "source": att.source.name,
        "source_text": att.source.text,
        "source_type": att.source.type,
        "descriptor": att.source.descriptor,
        "cue": att.cue,
        "content": att.content,
        "kind": att.kind,
        "intermediary": att.intermediary.name if att.intermediary else "",
        "parent": att.parent,
        "confidence": att.confidence,
        "source_span": d["source"]["span"],
        "cue_span": d["cue_span"],
        "content_span": d["content_span"],
    }


def sources_table(attributions: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Who is cited by whom: outlet x source, anonymous sources counted as such."""
    counts: Counter[tuple[str, str, str]] = Counter()
    for a in attributions:
        name = a["source"] if a["source_type"] not in ("anonymous", "unspecified") else (a["descriptor"] or a["source"])
        counts[(a["outlet"] or "(unknown outlet)", name, a["source_type"])] += 1
    return [
        {"outlet": o, "source": s, "source_type": t, "count": n}
        for (o, s, t), n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
    ]


def build_brief(corpus: Corpus) -> dict[str, Any]:
    store = corpus.store
    articles = store.articles()
    by_id = {a.id: a for a in articles}
    copies = store.copies()
    analyses: dict[str, Analysis] = store.analyses(without=("claim_facts",))  # the judge's readings are for linking only
    attributions = [
        attribution_record(att, by_id.get(an.article)) for an in analyses.values() for att in an.attributions
    ]
    figures = [
        q.to_dict() | {"outlet": by_id[q.article].outlet if q.article in by_id else ""}
        for an in analyses.values()
        for q in an.quantities
    ]
    claims = [c.to_dict() for an in analyses.values() for c in an.claims]
    derived = {k: list(store.derived(k).values()) for k in ("entity", "claim_group", "story", "event", "relation", "dispute")}
    events = derived["event"] or [e.to_dict() for an in analyses.values() for e in an.events]
    relations = derived["relation"] or [r.to_dict() for an in analyses.values() for r in an.relations]
    published = sorted(a.published for a in articles if a.published)
    outlets = sorted({a.outlet for a in articles if a.outlet})
    groups = derived["claim_group"]
    origins = {o["source"] for g in groups for o in g.get("independent_origins", [])}
    stories = derived["story"] or (
        [{"id": "all", "title": _title(articles), "articles": [a.id for a in articles], "claim_groups": []}]
        if articles
        else []
    )
    return {
        "wiretrail": __version__,
        "generated": datetime.now(UTC).isoformat(timespec="seconds"),
        "summary": {
            "title": stories[0]["title"] if stories else "Empty corpus",
            "start": published[0] if published else "",
            "end": published[-1] if published else "",
            "articles": len(articles),
            "outlets": len(outlets),
            "independent_origins": len(origins),
            "copies": len([c for c in copies if c.kind != "quotes"]),
            "languages": dict(Counter(a.language for a in articles)),
        },
        "articles": [article_record(a, copies) for a in articles],
        "copies": [c.to_dict() for c in copies],
        "claim_groups": groups,
        "claims": claims,
        "attributions": attributions,
        "sources": sources_table(attributions),
        "entities": derived["entity"],
        "figures": figures,
        "disputes": derived["dispute"],
        "events": events,
        "relations": relations,
        "stories": stories,
        "skipped": {k: v.skipped for k, v in analyses.items() if v.skipped},
        "problems": list(store.derived("problem").values()),
    }


def _title(articles: list[Article]) -> str:
    """A story title from the words most titles share (fallback when no story stage ran)."""
    if not articles:
        return ""
    words: Counter[str] = Counter()
    for a in articles:
        words.update({w for w in a.title.split() if len(w) > 3 and w[0].isupper()})
    common = [w for w, n in words.most_common(4) if n > 1]
    return " · ".join(common) if common else articles[0].title


def group_by_outlet(records: list[dict[str, Any]]) -> dict[str, list[dict[str, Any]]]:
    out: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for r in records:
        out[r["outlet"] or "(unknown outlet)"].append(r)
    return dict(sorted(out.items()))
