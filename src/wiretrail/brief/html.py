"""The HTML brief: one self-contained file (no network) rendered from the brief data.

Article text is only ever inserted escaped (Jinja2 autoescape, and ``draw.esc`` inside
the SVG pictures); the one inline script is pinned by its hash in a
Content-Security-Policy, so nothing that came from a page can run in the reader's
browser. Every evidence span gets an anchor ``#ev-{article}-{start}`` in the article
text, so any claim, figure, event or relation links back to its sentence.

>>> html = render_html({"articles": [], "summary": {"title": "Empty"}})
>>> "<title>Empty" in html
True
"""

from __future__ import annotations

import base64
import hashlib
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, select_autoescape
from markupsafe import Markup

from wiretrail.brief import draw
from wiretrail.brief.basemap import map_svg

TEMPLATES = Path(__file__).parent / "templates"
STATUS_LABELS = {
    "confirmed": "confirmed",
    "single_origin": "single origin",
    "single_anonymous_origin": "one anonymous origin",
    "disputed": "disputed",
    "denied": "denied",
}
MAX_CHAIN_ARTICLES = 30
MAX_CHAIN_ORIGINS = 30


@dataclass(frozen=True)
class Segment:
    text: str
    cls: str = ""  # source / cue / content (the innermost attribution part)
    ref: str = ""  # attribution id
    ev: tuple[str, ...] = ()  # evidence keys ("{article}-{start}") this text belongs to
    anchors: tuple[str, ...] = ()  # evidence keys whose anchor sits just before this text


def segments(
    text: str,
    start: int,
    end: int,
    marks: list[tuple[int, int, str, str]],
    evidence: Iterable[tuple[int, int, str]] = (),
    anchors: dict[int, list[str]] | None = None,
) -> list[Segment]:
    """Cut ``text[start:end]`` at the marks (start, end, cls, ref; inner marks win) and evidence spans.

    >>> [s.text for s in segments("Assad said no.", 0, 14, [(0, 5, "source", "a1")])]
    ['Assad', ' said no.']
    >>> [(s.text, s.ev) for s in segments("Assad said no.", 0, 14, [], [(6, 14, "x-6")])]
    [('Assad ', ()), ('said no.', ('x-6',))]
    """
    n = end - start
    owner: list[tuple[str, str] | None] = [None] * n
    for s, e, cls, ref in sorted(marks, key=lambda m: -(m[1] - m[0])):
        for i in range(max(s, start), min(e, end)):
            owner[i - start] = (cls, ref)
    evs: list[tuple[str, ...]] = [()] * n
    for s, e, key in evidence:
        for i in range(max(s, start), min(e, end)):
            evs[i - start] = evs[i - start] + (key,)
    anchors = anchors or {}
    out: list[Segment] = []
    i = 0
    while i < n:
        j = i + 1
        while j < n and owner[j] == owner[i] and evs[j] == evs[i] and (start + j) not in anchors:
            j += 1
        cls, ref = owner[i] or ("", "")
        out.append(Segment(text[start + i : start + j], cls, ref, evs[i], tuple(anchors.get(start + i, ()))))
        i = j
    return out


def _marks(data: dict[str, Any]) -> dict[str, list[tuple[int, int, str, str]]]:
    marks: dict[str, list[tuple[int, int, str, str]]] = defaultdict(list)
    for att in data.get("attributions", []):
        for key, cls in (("content_span", "content"), ("cue_span", "cue"), ("source_span", "source")):
            span = att.get(key)
            if span and span.get("end", 0) > span.get("start", 0):
                marks[att["article"]].append((span["start"], span["end"], cls, att["id"]))
    return marks


def ev_key(article: str, start: int) -> str:
    """The anchor key of an evidence span: ``#ev-{key}`` links to it."""
    return f"{article}-{start}"


def _spans(data: dict[str, Any]) -> Iterable[tuple[str, int, int]]:
    """Every (article, start, end) any part of the brief points at."""
    for g in data.get("claim_groups", []):
        for e in g.get("evidence", []):
            yield e["article"], e["start"], e["end"]
    for f in data.get("figures", []):
        sp = f.get("span") or {}
        if sp:
            yield f.get("article") or sp.get("article", ""), sp["start"], sp["end"]
    for d in data.get("disputes", []):
        for f in d.get("figures", []):
            if f.get("start") is not None:
                yield f["article"], f["start"], f["end"]
    for kind in ("events", "relations"):
        for r in data.get(kind, []):
            for e in r.get("evidence", []):
                yield e["article"], e["start"], e["end"]


def evidence_index(data: dict[str, Any]) -> dict[str, list[tuple[int, int, str]]]:
    out: dict[str, set[tuple[int, int, str]]] = defaultdict(set)
    for art, s, e in _spans(data):
        if art and e > s:
            out[art].add((s, e, ev_key(art, s)))
    return {k: sorted(v) for k, v in out.items()}


def article_views(data: dict[str, Any]) -> list[dict[str, Any]]:
    """Articles with their paragraphs cut into highlighted segments and evidence anchors."""
    marks = _marks(data)
    evidence = evidence_index(data)
    sources = {a["id"]: a.get("source", "") for a in data.get("attributions", [])}
    views = []
    for art in data.get("articles", []):
        text = art.get("text", "")
        paras = [tuple(p) for p in (art.get("paragraphs") or [[0, len(text)]])] or [(0, len(text))]
        spans = evidence.get(art["id"], [])
        anchors: dict[int, list[str]] = defaultdict(list)
        placed: set[str] = set()
        for s, _e, key in spans:
            if key in placed:
                continue
            placed.add(key)
            # an anchor between paragraphs goes to the start of the next one
            para = next((p for p in paras if p[0] <= s < p[1]), None) or next((p for p in paras if p[0] >= s), paras[-1])
            anchors[max(s, para[0]) if s < para[1] else para[0]].append(key)
        views.append(
            art
            | {
                "paras": [
                    {"start": s, "end": e, "segments": segments(text, s, e, marks.get(art["id"], []), spans, anchors)}
                    for s, e in paras
                ],
                "att_sources": sources,
            }
        )
    return views


# -- claims and their provenance --------------------------------------------------------------
def _copy_parent(data: dict[str, Any]) -> dict[str, str]:
    """article -> the article it copies (within the corpus), from ``copy_of`` and ``copies[]``."""
    ids = {a["id"] for a in data.get("articles", [])}
    parent = {a["id"]: a["copy_of"] for a in data.get("articles", []) if a.get("copy_of") in ids}
    for c in sorted(data.get("copies", []), key=lambda c: -c.get("share", 0)):
        if c.get("kind") != "quotes" and c.get("original") in ids and c.get("copy") in ids:
            parent.setdefault(c["copy"], c["original"])
    return parent


def provenance(group: dict[str, Any], by_id: dict[str, dict], parent: dict[str, str]) -> tuple[list[draw.Node], list[draw.Edge], list[str]]:
    """Nodes and edges of a claim's chain: origin → intermediaries → reporting articles → copies."""
    first_ev: dict[str, str] = {}
    for e in group.get("evidence", []):
        first_ev.setdefault(e["article"], ev_key(e["article"], e["start"]))
    reports = list(first_ev)
    children: dict[str, list[str]] = defaultdict(list)
    for c, p in parent.items():
        children[p].append(c)
    members = list(reports)
    k = 0
    while k < len(members):  # articles that copy a report carry the claim too
        for c in sorted(children.get(members[k], [])):
            if c not in members:
                members.append(c)
        k += 1
    members = members[:MAX_CHAIN_ARTICLES]
    mset = set(members)

    def depth(a: str) -> int:
        d, seen = 0, {a}
        while parent.get(a) in mset and parent[a] not in seen:
            a = parent[a]
            seen.add(a)
            d += 1
        return d

    origins = group.get("independent_origins", [])
    maxvia = max((len(o.get("via", [])) for o in origins), default=0)
    base = 1 + maxvia
    nodes: list[draw.Node] = []
    edges: list[draw.Edge] = []
    traced: set[str] = set()
    vias: dict[tuple[int, str], str] = {}
    for i, o in enumerate(origins[:MAX_CHAIN_ORIGINS]):
        oid = f"o{i}"
        st = o.get("source_type", "unspecified")
        nodes.append(draw.Node(oid, o.get("source") or "unnamed source", 0, st.replace("_", " "), "origin",
                               draw.SOURCE_TYPE_COLOURS.get(st, "#868e96")))
        prev = oid
        for j, via in enumerate(o.get("via", [])):
            vid = vias.get((j, via.lower()))
            if vid is None:  # one node per intermediary at each step, shared by the origins that pass it
                vid = vias[(j, via.lower())] = f"v{j}-{len(vias)}"
                nodes.append(draw.Node(vid, via, 1 + j, "intermediary", "via", "#e67700"))
            edges.append(draw.Edge(prev, vid, title=f"{o.get('source')} → {via}"))
            prev = vid
        for j in range(len(o.get("via", [])), maxvia):  # no (further) intermediary: run straight on
            pid = f"p{i}-{j}"
            nodes.append(draw.Node(pid, "", 1 + j, kind="pass"))
            edges.append(draw.Edge(prev, pid))
            prev = pid
        for a in o.get("articles", []):
            if a in mset and depth(a) == 0:
                edges.append(draw.Edge(prev, f"a:{a}"))
                traced.add(a)
    if len(origins) > MAX_CHAIN_ORIGINS:
        nodes.append(draw.Node("more", f"+{len(origins) - MAX_CHAIN_ORIGINS} more origins", 0, "listed below", "untraced", "#adb5bd"))
        traced |= {a for o in origins[MAX_CHAIN_ORIGINS:] for a in o.get("articles", [])}
    untraced = [a for a in members if depth(a) == 0 and a not in traced]
    if untraced:
        nodes.append(draw.Node("untraced", "no source named", 0, "reports, unattributed", "untraced", "#adb5bd"))
        prev = "untraced"
        for j in range(maxvia):
            nodes.append(draw.Node(f"pu-{j}", "", 1 + j, kind="pass"))
            edges.append(draw.Edge(prev, f"pu-{j}", "untraced"))
            prev = f"pu-{j}"
        edges.extend(draw.Edge(prev, f"a:{a}", "untraced") for a in untraced)
    for a in members:
        art = by_id.get(a, {})
        d = depth(a)
        is_report = a in first_ev
        sub = (art.get("published") or "")[:10] + ("" if is_report else " · copy, claim not read")
        nodes.append(draw.Node(f"a:{a}", art.get("outlet") or "unknown outlet", base + d, sub.strip(" ·"),
                               "copy" if d else "outlet", draw.colour_for(art.get("outlet") or a),
                               "#" + (first_ev.get(a) or f"art-{a}"), art.get("title", "")))
        if d:
            edges.append(draw.Edge(f"a:{parent[a]}", f"a:{a}", "copy", "copy"))
    maxdepth = max((depth(a) for a in members), default=0)
    headers = ["Origin"] + ["Via"] * maxvia + ["Reported by"] + ["Copied by"] * maxdepth
    return nodes, edges, headers


def claim_views(data: dict[str, Any], by_id: dict[str, dict]) -> list[dict[str, Any]]:
    parent = _copy_parent(data)
    groups = sorted(data.get("claim_groups", []), key=lambda g: -(g.get("importance") or 0))
    names = {g["id"]: g.get("text", "") for g in groups}
    story_of = _story_index(data)
    views = []
    for n, g in enumerate(groups):
        nodes, edges, headers = provenance(g, by_id, parent)
        stories = sorted({s for a in g.get("articles", []) or [e["article"] for e in g.get("evidence", [])] for s in story_of.get(a, ())}
                         | {s["id"] for s in data.get("stories", []) if g["id"] in s.get("claim_groups", [])})
        evidence = [
            e | {"key": ev_key(e["article"], e["start"]), "copy_label": _copy_label(e.get("copy_of", ""), by_id),
                 "published": by_id.get(e["article"], {}).get("published", "")}
            for e in g.get("evidence", [])
        ]
        views.append(
            g
            | {
                "rank": n + 1,
                "status_label": STATUS_LABELS.get(g.get("status", ""), (g.get("status") or "unscored").replace("_", " ")),
                "chain": draw.layered_svg(nodes, edges, headers=headers, label=f"Provenance of: {g.get('text', '')}"),
                "evidence_views": evidence,
                "contradicts_views": [{"id": c, "text": names.get(c, c)} for c in g.get("contradicts", [])],
                "revised_views": [{"id": c, "text": names.get(c, c)} for c in g.get("revised_by", [])],
                "stories": stories,
                "origins_n": len(g.get("independent_origins", [])),
            }
        )
    return views


def _copy_label(original: str, by_id: dict[str, dict]) -> str:
    if not original:
        return ""
    if original.startswith("outlet:"):
        return original.removeprefix("outlet:")
    return by_id.get(original, {}).get("outlet") or original


def _story_index(data: dict[str, Any]) -> dict[str, list[str]]:
    out: dict[str, list[str]] = defaultdict(list)
    for s in data.get("stories", []):
        for a in s.get("articles", []):
            out[a].append(s["id"])
    return out


# -- figures, timeline, map, actors, sources, copies ----------------------------------------------
def dispute_views(data: dict[str, Any]) -> list[dict[str, Any]]:
    """Disputes with one row per distinct statement (source, value, range, as-of); copies fold in."""
    views = []
    for d in data.get("disputes", []):
        rows: dict[tuple, dict[str, Any]] = {}
        for f in d.get("figures", []):
            key = (f.get("source") or f.get("outlet") or "", f.get("value"), f.get("low"), f.get("high"),
                   f.get("qualifier") or "", (f.get("as_of") or "")[:10])
            href = f"#ev-{ev_key(f['article'], f['start'])}" if f.get("start") is not None else ""
            row = rows.setdefault(key, f | {"href": href, "outlets": [], "links": []})
            if f.get("outlet") and f["outlet"] not in row["outlets"]:
                row["outlets"].append(f["outlet"])
            row["links"].append({"href": href, "outlet": f.get("outlet") or "unknown outlet", "text": f.get("text", "")})
        figs = sorted(rows.values(), key=lambda f: (f.get("as_of") or "", f.get("value") or 0))
        label = f"{d.get('counts', '')}" + (f" — {d['scope']}" if d.get("scope") else "")
        views.append(d | {"figures": figs, "label": label, "svg": draw.dispute_svg(figs, label=f"Figures for {label}")})
    return views


def figure_rows(data: dict[str, Any]) -> list[dict[str, Any]]:
    rows = []
    for f in data.get("figures", []):
        sp = f.get("span") or {}
        art = f.get("article") or sp.get("article", "")
        href = f"#ev-{ev_key(art, sp['start'])}" if sp.get("end", 0) > sp.get("start", 0) else f"#art-{art}"
        rows.append(f | {"href": href})
    return sorted(rows, key=lambda f: (f.get("counts") or "", f.get("as_of") or "", f.get("value") or 0))


def timeline(data: dict[str, Any], by_id: dict[str, dict]) -> dict[str, Any]:
    """Events by date (with their precision), claims by first report, articles by publication."""
    items: list[dict[str, Any]] = []
    rows: list[dict[str, Any]] = []
    for e in data.get("events", []):
        rng = draw.date_range(e.get("date", ""), e.get("date_precision") or "day")
        ev = e.get("evidence") or []
        href = f"#ev-{ev_key(ev[0]['article'], ev[0]['start'])}" if ev else ""
        label = f"{e.get('sub_event_type') or e.get('event_type')}: {e.get('place') or 'place unknown'} ({e.get('date') or 'undated'})"
        row = {"kind": "event", "date": e.get("date", ""), "precision": e.get("date_precision") or "unknown",
               "label": label, "event": e, "href": href, "sort": rng[0].isoformat() if rng else "9999"}
        rows.append(row)
        if rng:
            items.append({"start": rng[0], "end": rng[1], "lane": e.get("event_type") or "event",
                          "colour": draw.EVENT_COLOURS.get(e.get("event_type", ""), "#495057"),
                          "size": e.get("fatalities") or 0, "label": label, "href": href})
    for g in data.get("claim_groups", []):
        when = g.get("first_reported") or ""
        rng = draw.date_range(when, "day")
        if rng:
            items.append({"start": rng[0], "end": rng[1], "lane": "claims first reported",
                          "colour": "#495057", "size": 0, "label": f"first reported: {g.get('text', '')}", "href": f"#claim-{g['id']}"})
            rows.append({"kind": "claim", "date": when[:16].replace("T", " "), "precision": "day", "label": g.get("text", ""),
                         "href": f"#claim-{g['id']}", "status": g.get("status", ""), "sort": when})
    for a in data.get("articles", []):
        rng = draw.date_range(a.get("published") or "", "day")
        if rng:
            items.append({"start": rng[0], "end": rng[1], "lane": "articles published", "colour": "#adb5bd",
                          "size": 0, "label": f"{a.get('outlet') or 'unknown outlet'}: {a.get('title', '')}", "href": f"#art-{a['id']}"})
    rows.sort(key=lambda r: r["sort"])
    return {"svg": draw.timeline_svg(items, label="Timeline of events, claims and articles"), "rows": rows}


def map_view(data: dict[str, Any]) -> Markup:
    """Events (merged where they share a place) and the other places named, as one map."""
    at: dict[tuple[float, float], list[dict[str, Any]]] = defaultdict(list)
    for e in data.get("events", []):
        if e.get("lat") is not None and e.get("lon") is not None:
            at[(round(e["lat"], 2), round(e["lon"], 2))].append(e)
    points = []
    for (lat, lon), evs in at.items():
        evs.sort(key=lambda e: -(e.get("fatalities") or 0))
        top = evs[0]
        ev = top.get("evidence") or []
        lines = [f"{e.get('sub_event_type') or e.get('event_type')}, {e.get('date') or 'undated'}"
                 + (f", {e['fatalities']:g} killed" if e.get("fatalities") else "") for e in evs]
        points.append({"lat": lat, "lon": lon, "label": (top.get("place") or "") + (f" ({len(evs)})" if len(evs) > 1 else ""),
                       "title": f"{top.get('place') or 'unnamed place'}: " + "; ".join(lines),
                       "size": sum(e.get("fatalities") or 0 for e in evs),
                       "colour": draw.EVENT_COLOURS.get(top.get("event_type", ""), "#495057"),
                       "kind": "event", "href": f"#ev-{ev_key(ev[0]['article'], ev[0]['start'])}" if ev else ""})
    for ent in data.get("entities", []):
        if ent.get("lat") is None or ent.get("lon") is None or (round(ent["lat"], 2), round(ent["lon"], 2)) in at:
            continue
        points.append({"lat": ent["lat"], "lon": ent["lon"], "label": ent.get("name", ""), "kind": "place",
                       "title": ent.get("name", "") + (f" ({', '.join(ent.get('aliases', [])[:4])})" if ent.get("aliases") else "")})
    # a far outlier would shrink everything else to a dot: keep the points near the median
    if len(points) > 3:
        lats = sorted(p["lat"] for p in points)
        lons = sorted(p["lon"] for p in points)
        mlat, mlon = lats[len(lats) // 2], lons[len(lons) // 2]
        near = [p for p in points if abs(p["lat"] - mlat) < 25 and abs(p["lon"] - mlon) < 35]
        if len(near) >= len(points) * 0.6:
            points = near
    return map_svg(points, label="Map of events and places")


def relation_views(data: dict[str, Any], by_id: dict[str, dict]) -> list[dict[str, Any]]:
    """One edge per (type, source, target), with every piece of evidence, who says so and which outlets.

    Accepts the linker's merged relations and the per-article ones (``said_by`` a string).
    """
    merged: dict[tuple[str, str, str], dict[str, Any]] = {}
    for r in data.get("relations", []):
        key = (r.get("type", ""), r.get("source", ""), r.get("target", ""))
        view = merged.setdefault(key, {"id": r.get("id", ""), "type": key[0], "source": key[1], "target": key[2],
                                       "said_by": [], "outlets": [], "evidence_views": []})
        said = r.get("said_by") or []
        for name in [said] if isinstance(said, str) else said:
            if name and name not in view["said_by"]:
                view["said_by"].append(name)
        for e in r.get("evidence", []):
            art = by_id.get(e["article"], {})
            key_ev = ev_key(e["article"], e["start"])
            if any(x["key"] == key_ev for x in view["evidence_views"]):
                continue
            view["evidence_views"].append(e | {"key": key_ev, "outlet": art.get("outlet", ""),
                                               "text": art.get("text", "")[e["start"]: e["end"]]})
            if art.get("outlet") and art["outlet"] not in view["outlets"]:
                view["outlets"].append(art["outlet"])
        for o in r.get("outlets", []):
            if o and o not in view["outlets"]:
                view["outlets"].append(o)
        if r.get("status") and not view.get("status"):  # the provenance of the claim it is stated in
            view["status"] = r["status"]
            view["status_label"] = STATUS_LABELS.get(r["status"], r["status"].replace("_", " "))
            view["origins"] = len(r.get("independent_origins", []))
            view["claim_groups"] = list(r.get("claim_groups", []))
    return [v | {"anchor": n} for n, v in enumerate(merged.values())]


def copy_tree(data: dict[str, Any], by_id: dict[str, dict]) -> Markup:
    parent = _copy_parent(data)
    if not parent:
        return Markup("")

    def depth(a: str) -> int:
        d, seen = 0, {a}
        while a in parent and parent[a] not in seen:
            a = parent[a]
            seen.add(a)
            d += 1
        return d

    ids = sorted(set(parent) | set(parent.values()), key=lambda a: (depth(a), by_id.get(a, {}).get("published", "")))
    nodes = [draw.Node(a, by_id.get(a, {}).get("outlet") or "unknown outlet", depth(a),
                       (by_id.get(a, {}).get("published") or "")[:16].replace("T", " "),
                       "copy" if depth(a) else "outlet", draw.colour_for(by_id.get(a, {}).get("outlet") or a), f"#art-{a}",
                       by_id.get(a, {}).get("title", "")) for a in ids]
    edges = [draw.Edge(p, c, "copy") for c, p in parent.items()]
    deepest = max(depth(a) for a in ids)
    return draw.layered_svg(nodes, edges, headers=["Original"] + ["Copy"] * deepest, label="Which article copies which")


# -- rendering ----------------------------------------------------------------------------------------
def _env() -> Environment:
    env = Environment(
        loader=FileSystemLoader(str(TEMPLATES)),
        autoescape=select_autoescape(["html", "j2"], default=True),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["short"] = lambda s, n=90: (s[: n - 1] + "…") if s and len(s) > n else (s or "")
    env.filters["pct"] = lambda x: f"{float(x or 0):.0%}"
    env.filters["num"] = draw._num
    env.filters["when"] = lambda s: (s or "")[:16].replace("T", " ")
    return env


def render_html(data: dict[str, Any], *, live: bool = False, with_hash: bool = False) -> Any:
    """Render the brief data into one self-contained HTML page.

    ``live`` adds the web app's links (search, check, add); ``with_hash`` also returns
    the CSP hash of the page's one inline script.
    """
    env = _env()
    script = (TEMPLATES / "brief.js").read_text(encoding="utf-8")
    style = (TEMPLATES / "brief.css").read_text(encoding="utf-8")
    digest = base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode()
    by_id = {a["id"]: a for a in data.get("articles", [])}
    outlets: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for a in data.get("articles", []):
        outlets[a.get("outlet") or "(unknown outlet)"].append(a)
    story_of = _story_index(data)
    claims = claim_views(data, by_id)
    relations = relation_views(data, by_id)
    template = env.get_template("brief.html.j2")
    html = template.render(
        live=live,
        data=data,
        summary=data.get("summary", {}),
        articles=[a | {"stories": story_of.get(a["id"], [])} for a in article_views(data)],
        by_id=by_id,
        outlets=dict(sorted(outlets.items())),
        claims=claims,
        statuses=sorted({c.get("status", "") for c in claims if c.get("status")}),
        disputes=dispute_views(data),
        figures=figure_rows(data),
        timeline=timeline(data, by_id),
        map_svg=map_view(data),
        graph_svg=draw.graph_svg(relations, label="Who backs, attacks or asks whom"),
        relations=relations,
        relation_colours=draw.RELATION_COLOURS,
        event_colours=draw.EVENT_COLOURS,
        source_colours=draw.SOURCE_TYPE_COLOURS,
        cites_svg=draw.bipartite_svg(data.get("sources", []), label="Which outlet cites which source"),
        copy_svg=copy_tree(data, by_id),
        story_of=story_of,
        script=Markup(script),
        style=Markup(style),
        script_hash=digest,
    )
    return (html, digest) if with_hash else html
