"""Exports in formats people already use: schema.org ClaimReview JSON-LD, JSONL of every
object, and (through ``exports_events``) ACLED-style CSV, GraphML and GEXF.

>>> sorted(FORMATS)
['acled-csv', 'claimreview', 'gexf', 'graphml', 'jsonl']
"""

from __future__ import annotations

import json
from typing import Any

FORMATS = ("claimreview", "jsonl", "acled-csv", "graphml", "gexf")

# our status -> a rating on a 1 (worst) .. 5 (best) scale, as ClaimReview wants numbers
RATING = {"confirmed": 5, "single_origin": 3, "single_anonymous_origin": 2, "disputed": 2, "denied": 1}
STATUS_TEXT = {
    "confirmed": "Confirmed by independent origins",
    "single_origin": "Rests on a single origin",
    "single_anonymous_origin": "Rests on a single anonymous origin",
    "disputed": "Disputed",
    "denied": "Denied",
}


class ExportError(ValueError):
    """Unknown export format."""


def claimreview(data: dict[str, Any]) -> list[dict[str, Any]]:
    """One schema.org ClaimReview per claim group."""
    articles = {a["id"]: a for a in data.get("articles", [])}
    out = []
    for g in data.get("claim_groups", []):
        appearances = []
        for e in g.get("evidence", []):
            a = articles.get(e["article"], {})
            appearances.append(
                {
                    "@type": "CreativeWork",
                    "url": a.get("url", ""),
                    "headline": a.get("title", ""),
                    "datePublished": a.get("published", ""),
                    "publisher": {"@type": "Organization", "name": a.get("outlet", "")},
                    "text": e.get("text", ""),
                }
            )
        first = min(appearances, key=lambda x: x["datePublished"] or "9999") if appearances else {}
        out.append(
            {
                "@context": "https://schema.org",
                "@type": "ClaimReview",
                "claimReviewed": g["text"],
                "itemReviewed": {
                    "@type": "Claim",
                    "appearance": appearances,
                    "firstAppearance": first,
                    "author": [
                        {"@type": "Thing", "name": o["source"], "description": o["source_type"]}
                        for o in g.get("independent_origins", [])
                    ],
                },
                "reviewRating": {
                    "@type": "Rating",
                    "ratingValue": RATING.get(g["status"], 3),
                    "bestRating": 5,
                    "worstRating": 1,
                    "alternateName": g["status"],
                    "ratingExplanation": g.get("explanation", ""),
                    "description": STATUS_TEXT.get(g["status"], g["status"]),
                },
                "author": {"@type": "Organization", "name": "wiretrail (automated provenance analysis)"},
                "datePublished": data.get("generated", "")[:10],
            }
        )
    return out


def jsonl(data: dict[str, Any]) -> str:
    """Every object on its own line, tagged with its kind."""
    lines = []
    for kind in ("articles", "copies", "claim_groups", "attributions", "entities", "figures", "disputes", "events", "relations", "stories"):
        for obj in data.get(kind, []):
            lines.append(json.dumps({"kind": kind.rstrip("s") if kind != "copies" else "copy", **obj}, ensure_ascii=False))
    return "\n".join(lines) + ("\n" if lines else "")


def export(data: dict[str, Any], fmt: str) -> str:
    if fmt == "claimreview":
        return json.dumps(claimreview(data), ensure_ascii=False, indent=2) + "\n"
    if fmt == "jsonl":
        return jsonl(data)
    if fmt in ("acled-csv", "graphml", "gexf"):
        from wiretrail.brief import exports_events as ev

        return {"acled-csv": ev.acled_csv, "graphml": ev.graphml, "gexf": ev.gexf}[fmt](data)
    raise ExportError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")
