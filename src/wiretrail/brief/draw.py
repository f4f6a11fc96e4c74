"""Pictures for the brief, drawn as inline SVG strings (no script, no network).

Every function is pure: plain data in, ``Markup`` out. Every piece of text that
reaches an SVG goes through ``esc`` (labels, titles, link targets), so article text
can never become markup. Layouts are deterministic: the same data draws the same
picture.

>>> svg = layered_svg([Node("a", "Origin", col=0), Node("b", "Outlet", col=1)], [Edge("a", "b")])
>>> svg.startswith("<svg")
True
"""

from __future__ import annotations

import hashlib
import math
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from markupsafe import Markup, escape

PALETTE = ("#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#17becf", "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22")
SOURCE_TYPE_COLOURS = {
    "named_person": "#2b8a3e",
    "government_body": "#1864ab",
    "named_org": "#6741d9",
    "media_outlet": "#e67700",
    "anonymous": "#c92a2a",
    "unspecified": "#868e96",
}
RELATION_COLOURS = {
    "backs": "#2b8a3e",
    "allied_with": "#1971c2",
    "opposes": "#e8590c",
    "attacks": "#c92a2a",
    "asks_help_from": "#7048e8",
    "demands_of": "#d6336c",
    "meets": "#868e96",
}
EVENT_COLOURS = {
    "Battles": "#c92a2a",
    "Explosions/Remote violence": "#e8590c",
    "Violence against civilians": "#862e9c",
    "Protests": "#1971c2",
    "Riots": "#0c8599",
    "Strategic developments": "#5c940d",
}


def esc(text: object) -> str:
    """Text made safe for an SVG attribute or element body.

    >>> esc('<script>"x"</script>')
    '&lt;script&gt;&#34;x&#34;&lt;/script&gt;'
    """
    return str(escape("" if text is None else str(text)))


def colour_for(name: str) -> str:
    """A stable palette colour for a name (same name, same colour in every picture)."""
    digest = hashlib.sha1(name.encode("utf-8")).digest()
    return PALETTE[digest[0] % len(PALETTE)]


def short(text: str, n: int) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= n else text[: n - 1] + "…"


def _fmt(x: float) -> str:
    return f"{x:.1f}".rstrip("0").rstrip(".")


def _link(href: str, body: str, label: str = "") -> str:
    """An SVG link; only same-page fragments (``#...``) are ever emitted."""
    if not href.startswith("#"):
        return body
    aria = f' aria-label="{esc(label)}"' if label else ""
    return f'<a href="{esc(href)}"{aria}>{body}</a>'


# -- layered graphs (provenance chains, copy trees) ---------------------------------------------
@dataclass(frozen=True)
class Node:
    id: str
    label: str
    col: int
    sub: str = ""
    kind: str = ""  # origin / via / outlet / copy / untraced; "pass": an invisible slot an edge runs through
    colour: str = "#495057"
    href: str = ""
    title: str = ""


@dataclass(frozen=True)
class Edge:
    a: str
    b: str
    kind: str = ""  # "" solid, copy (dashed), untraced (dotted)
    title: str = ""


def layered_svg(nodes: Sequence[Node], edges: Sequence[Edge], *, col_width: int = 206, row_height: int = 46,
                headers: Sequence[str] = (), label: str = "") -> Markup:
    """Nodes in columns, joined left to right by curves. Rows are ordered so edges cross little."""
    if not nodes:
        return Markup("")
    cols: dict[int, list[Node]] = defaultdict(list)
    for n in nodes:
        cols[n.col].append(n)
    ncols = max(cols) + 1
    # order each column by the mean row of its parents (barycentre), left to right
    row: dict[str, float] = {}
    parents: dict[str, list[str]] = defaultdict(list)
    for e in edges:
        parents[e.b].append(e.a)
    for c in range(ncols):
        items = cols.get(c, [])
        if c > 0:
            items.sort(key=lambda n: (sum(row.get(p, 0) for p in parents[n.id]) / max(1, len(parents[n.id])) if parents[n.id] else 1e9))
        for i, n in enumerate(items):
            row[n.id] = i
    rows = max(len(v) for v in cols.values())
    top = 22 if headers else 6
    height = top + rows * row_height + 4
    width = ncols * col_width
    pos: dict[str, tuple[float, float]] = {}
    box_w = col_width - 34
    for c, items in cols.items():
        offset = (rows - len(items)) * row_height / 2
        for i, n in enumerate(items):
            pos[n.id] = (c * col_width + 4, top + offset + i * row_height + 4)
    out = [
        f'<svg class="chart layered" viewBox="0 0 {width} {height}" width="{width}" height="{height}" '
        f'style="min-width:{int(width * 0.72)}px" role="group" aria-label="{esc(label)}" xmlns="http://www.w3.org/2000/svg">'
    ]
    for c, h in enumerate(headers[:ncols]):
        out.append(f'<text class="colhead" x="{c * col_width + 4}" y="13">{esc(h)}</text>')
    bh = row_height - 12
    kinds = {n.id: n.kind for n in nodes}
    for e in edges:
        if e.a not in pos or e.b not in pos:
            continue
        (x1, y1), (x2, y2) = pos[e.a], pos[e.b]
        x1, y1, y2 = x1 + box_w, y1 + bh / 2, y2 + bh / 2
        cls = f"edge edge-{e.kind}" if e.kind else "edge"
        if kinds.get(e.b) == "pass":  # an edge passing a column runs straight through its slot
            out.append(f'<path class="{cls}" d="M{_fmt(x2)},{_fmt(y2)} H{_fmt(x2 + box_w)}"/>')
        mid = (x1 + x2) / 2
        title = f"<title>{esc(e.title)}</title>" if e.title else ""
        out.append(f'<path class="{cls}" d="M{_fmt(x1)},{_fmt(y1)} C{_fmt(mid)},{_fmt(y1)} {_fmt(mid)},{_fmt(y2)} {_fmt(x2)},{_fmt(y2)}">{title}</path>')
    for n in nodes:
        if n.kind == "pass":
            continue
        x, y = pos[n.id]
        title = f"<title>{esc(n.title or (n.label + (' — ' + n.sub if n.sub else '')))}</title>"
        body = (
            f'<g class="node node-{esc(n.kind)}">{title}'
            f'<rect x="{_fmt(x)}" y="{_fmt(y)}" width="{box_w}" height="{bh}" rx="5" style="stroke:{esc(n.colour)}"/>'
            f'<rect x="{_fmt(x)}" y="{_fmt(y)}" width="5" height="{bh}" rx="2" style="fill:{esc(n.colour)}"/>'
            f'<text x="{_fmt(x + 11)}" y="{_fmt(y + 14)}" class="nl">{esc(short(n.label, 25))}</text>'
            + (f'<text x="{_fmt(x + 11)}" y="{_fmt(y + 27)}" class="ns">{esc(short(n.sub, 30))}</text>' if n.sub else "")
            + "</g>"
        )
        out.append(_link(n.href, body, n.label))
    out.append("</svg>")
    return Markup("".join(out))


# -- figures in dispute ---------------------------------------------------------------------------
def nice_max(x: float) -> float:
    """The next round number at or above ``x`` (1, 2, 2.5, 5 × 10^k).

    >>> nice_max(37), nice_max(1200)
    (40.0, 1500.0)
    """
    if x <= 0:
        return 1.0
    exp = 10 ** math.floor(math.log10(x))
    for m in (1, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10):
        if m * exp >= x:
            return float(m * exp)
    return float(10 * exp)


def dispute_svg(figures: Sequence[dict], label: str = "") -> Markup:
    """One row per figure: a dot at its value, a bar over its range, an arrow for "at least".

    Figures are dicts with ``value``/``low``/``high``/``qualifier``/``source``/``outlet``/``as_of``
    and ``href`` (a same-page link to the sentence).
    """
    rows = [f for f in figures if any(f.get(k) is not None for k in ("value", "low", "high"))]
    if not rows:
        return Markup("")
    top_value = max(max(v for v in (f.get("value"), f.get("low"), f.get("high")) if v is not None) for f in rows)
    vmax = nice_max(top_value * 1.08)
    left, right, rh = 262, 24, 26
    plot_w = 420
    width = left + plot_w + right
    height = 28 + rh * len(rows)

    def X(v: float) -> float:
        return left + plot_w * (v / vmax)

    out = [f'<svg class="chart dispute" viewBox="0 0 {width} {height}" width="{width}" height="{height}" role="group" '
           f'aria-label="{esc(label)}" xmlns="http://www.w3.org/2000/svg">']
    for i in range(6):
        v = vmax * i / 5
        out.append(f'<line class="grid" x1="{_fmt(X(v))}" y1="4" x2="{_fmt(X(v))}" y2="{height - 18}"/>')
        out.append(f'<text class="tick" x="{_fmt(X(v))}" y="{height - 4}" text-anchor="middle">{esc(_num(v))}</text>')
    for i, f in enumerate(rows):
        y = 14 + i * rh
        who = f.get("source") or f.get("outlet") or "unknown source"
        colour = colour_for(who)
        when = (f.get("as_of") or "")[:10]
        tip = f'{who}: {f.get("qualifier", "")} {_num(f.get("value"))} ({f.get("outlet", "")}{", as of " + when if when else ""})'
        parts = [f'<title>{esc(" ".join(tip.split()))}</title>',
                 f'<text class="rl" x="{left - 8}" y="{y + 4}" text-anchor="end">{esc(short(who, 26))}'
                 f'<tspan class="rs"> {esc(when[5:] if len(when) == 10 else when)}'
                 + (f" ×{len(f['outlets'])}" if len(f.get("outlets") or []) > 1 else "") + "</tspan></text>"]
        low, high, value = f.get("low"), f.get("high"), f.get("value")
        if low is not None and high is not None and high != low:
            parts.append(f'<line class="range" x1="{_fmt(X(low))}" y1="{y}" x2="{_fmt(X(high))}" y2="{y}" style="stroke:{colour}"/>')
        elif low is not None and high is None and (f.get("qualifier") or "") in ("at least", "more than", "over"):
            parts.append(f'<line class="open" x1="{_fmt(X(low))}" y1="{y}" x2="{_fmt(X(min(vmax, low * 1.35)))}" y2="{y}" style="stroke:{colour}"/>'
                         f'<path class="arrow" d="M{_fmt(X(min(vmax, low * 1.35)))},{y - 4} l6,4 l-6,4z" style="fill:{colour}"/>')
        elif high is not None and value is None:
            parts.append(f'<line class="open" x1="{_fmt(X(0))}" y1="{y}" x2="{_fmt(X(high))}" y2="{y}" style="stroke:{colour}"/>')
        point = value if value is not None else (low if low is not None else high)
        parts.append(f'<circle cx="{_fmt(X(point))}" cy="{y}" r="6" style="fill:{colour}"/>'
                     f'<text class="vl" x="{_fmt(X(point) + 9)}" y="{y - 6}">{esc(_num(point))}</text>')
        out.append(_link(f.get("href", ""), "<g class=\"fig\">" + "".join(parts) + "</g>", tip))
    out.append("</svg>")
    return Markup("".join(out))


def _num(v: float | None) -> str:
    if v is None:
        return "?"
    return f"{v:,.0f}" if float(v).is_integer() else f"{v:,.1f}"


# -- dates and the timeline ---------------------------------------------------------------------
def date_range(value: str, precision: str = "day") -> tuple[date, date] | None:
    """The days a date of some precision covers: ("2025-10", "month") -> Oct 1 .. Oct 31.

    >>> date_range("2025-10", "month")
    (datetime.date(2025, 10, 1), datetime.date(2025, 10, 31))
    >>> date_range("2025-W42", "week")
    (datetime.date(2025, 10, 13), datetime.date(2025, 10, 19))
    >>> date_range("2025-10-16", "week")  # a date known only to its week
    (datetime.date(2025, 10, 13), datetime.date(2025, 10, 19))
    """
    v = (value or "").strip()
    try:
        if len(v) >= 8 and v[4] == "-" and v[5] == "W":
            start = date.fromisocalendar(int(v[:4]), int(v[6:8]), 1)
            return start, start + timedelta(days=6)
        if len(v) >= 10:
            d = date.fromisoformat(v[:10])
            if precision == "week":
                start = d - timedelta(days=d.weekday())
                return start, start + timedelta(days=6)
            if precision in ("month", "quarter", "year", "decade"):
                return date_range(v[:7] if precision == "month" else v[:4], precision)
            return d, d
        if len(v) == 7:
            start = date(int(v[:4]), int(v[5:7]), 1)
            nxt = date(start.year + (start.month == 12), start.month % 12 + 1, 1)
            return start, nxt - timedelta(days=1)
        if len(v) == 4 and v.isdigit():
            return date(int(v), 1, 1), date(int(v), 12, 31)
    except ValueError:
        return None
    return None


def timeline_svg(items: Sequence[dict], label: str = "") -> Markup:
    """Items (``start``/``end`` dates, ``lane``, ``colour``, ``size``, ``label``, ``href``) on a day axis.

    A day-precise item is a dot; a vaguer one a bar over the days it may cover.
    """
    dated = [it for it in items if it.get("start")]
    if not dated:
        return Markup("")
    lo = min(it["start"] for it in dated)
    hi = max(it["end"] for it in dated)
    span = max(1, (hi - lo).days + 1)
    lanes = list(dict.fromkeys(it.get("lane", "") for it in dated))
    left, width, lane_h = 178, 780, 30
    plot_w = width - left - 20
    height = 34 + lane_h * len(lanes)

    def X(d: date, frac: float = 0.5) -> float:
        return left + plot_w * (((d - lo).days + frac) / span)

    out = [f'<svg class="chart timeline" viewBox="0 0 {width} {height}" width="{width}" height="{height}" role="group" '
           f'aria-label="{esc(label)}" xmlns="http://www.w3.org/2000/svg">']
    step = max(1, math.ceil(span / 10))
    for k in range(0, span + 1, step):
        d = lo + timedelta(days=k)
        out.append(f'<line class="grid" x1="{_fmt(X(d, 0))}" y1="4" x2="{_fmt(X(d, 0))}" y2="{height - 20}"/>')
        if k < span:
            out.append(f'<text class="tick" x="{_fmt(X(d, 0) + 3)}" y="{height - 6}">{esc(d.strftime("%d %b" if span < 400 else "%b %Y"))}</text>')
    for i, lane in enumerate(lanes):
        y = 18 + i * lane_h
        out.append(f'<text class="rl" x="{left - 8}" y="{y + 4}" text-anchor="end">{esc(short(lane, 25))}</text>')
        out.append(f'<line class="lane" x1="{left}" y1="{y}" x2="{width - 20}" y2="{y}"/>')
    for it in dated:
        y = 18 + lanes.index(it.get("lane", "")) * lane_h
        colour = it.get("colour", "#495057")
        tip = f'<title>{esc(it.get("label", ""))}</title>'
        if it["start"] == it["end"]:
            r = 4 + min(10, 2 * math.sqrt(it.get("size") or 0))
            shape = f'<circle cx="{_fmt(X(it["start"]))}" cy="{y}" r="{_fmt(r)}" style="fill:{colour}"/>'
        else:
            x1, x2 = X(it["start"], 0), X(it["end"], 1)
            shape = f'<rect class="vague" x="{_fmt(x1)}" y="{y - 5}" width="{_fmt(max(3, x2 - x1))}" height="10" rx="4" style="fill:{colour}"/>'
        out.append(_link(it.get("href", ""), f'<g class="ti">{tip}{shape}</g>', it.get("label", "")))
    out.append("</svg>")
    return Markup("".join(out))


# -- the actor graph --------------------------------------------------------------------------------
def force_layout(names: Sequence[str], links: Sequence[tuple[str, str]], width: float, height: float,
                 iterations: int = 300) -> dict[str, tuple[float, float]]:
    """A small deterministic spring layout (Fruchterman–Reingold), started on a circle."""
    n = len(names)
    if n == 0:
        return {}
    pos = {m: [width / 2 + 0.35 * width * math.cos(2 * math.pi * i / n), height / 2 + 0.35 * height * math.sin(2 * math.pi * i / n)]
           for i, m in enumerate(names)}
    if n == 1:
        return {names[0]: (width / 2, height / 2)}
    k = math.sqrt(width * height / n) * 0.6
    temp = width / 8
    for _ in range(iterations):
        disp = {m: [0.0, 0.0] for m in names}
        for i, a in enumerate(names):
            for b in names[i + 1:]:
                dx, dy = pos[a][0] - pos[b][0], pos[a][1] - pos[b][1]
                d = math.hypot(dx, dy) or 0.01
                f = k * k / d
                disp[a][0] += dx / d * f
                disp[a][1] += dy / d * f
                disp[b][0] -= dx / d * f
                disp[b][1] -= dy / d * f
        for a, b in links:
            if a == b:
                continue
            dx, dy = pos[a][0] - pos[b][0], pos[a][1] - pos[b][1]
            d = math.hypot(dx, dy) or 0.01
            f = d * d / k
            disp[a][0] -= dx / d * f
            disp[a][1] -= dy / d * f
            disp[b][0] += dx / d * f
            disp[b][1] += dy / d * f
        for m in names:
            # gravity keeps separate components near the middle instead of on the walls
            dx = disp[m][0] + 0.01 * (width / 2 - pos[m][0])
            dy = disp[m][1] + 0.01 * (height / 2 - pos[m][1])
            d = math.hypot(dx, dy) or 0.01
            pos[m][0] += dx / d * min(d, temp)
            pos[m][1] += dy / d * min(d, temp)
        temp = max(1.0, temp * 0.97)
    # stretch the result to fill the picture
    xs, ys = [p[0] for p in pos.values()], [p[1] for p in pos.values()]
    (x0, x1), (y0, y1) = (min(xs), max(xs)), (min(ys), max(ys))
    mx, my = min(110.0, width * 0.22), min(28.0, height * 0.2)

    def fit(v: float, lo: float, hi: float, size: float, m: float) -> float:
        return size / 2 if hi - lo < 1 else m + (v - lo) / (hi - lo) * (size - 2 * m)

    return {m: (fit(p[0], x0, x1, width, mx), fit(p[1], y0, y1, height, my)) for m, p in pos.items()}


def components(names: Sequence[str], links: Sequence[tuple[str, str]]) -> list[list[str]]:
    """Connected components, largest first (ties in name order).

    >>> components(["a", "b", "c"], [("a", "b")])
    [['a', 'b'], ['c']]
    """
    root = {m: m for m in names}

    def find(m: str) -> str:
        while root[m] != m:
            root[m] = root[root[m]]
            m = root[m]
        return m

    for a, b in links:
        root[find(a)] = find(b)
    groups: dict[str, list[str]] = defaultdict(list)
    for m in names:
        groups[find(m)].append(m)
    return sorted(groups.values(), key=lambda g: (-len(g), g[0]))


def graph_layout(names: Sequence[str], links: Sequence[tuple[str, str]], width: float) -> tuple[dict[str, tuple[float, float]], float]:
    """Each connected component laid out in its own box; boxes packed in rows. Returns positions and height."""
    total = max(1, len(names))
    boxes = []
    for comp in components(names, links):
        w = min(width, max(240.0, width * math.sqrt(len(comp) / total)))
        h = max(120.0, min(460.0, 95 * math.sqrt(len(comp)) + 30))
        boxes.append((comp, w, h))
    pos: dict[str, tuple[float, float]] = {}
    x = y = row_h = 0.0
    for comp, w, h in boxes:
        if x + w > width + 1 and x > 0:
            y, x, row_h = y + row_h, 0.0, 0.0
        inner = force_layout(comp, [(a, b) for a, b in links if a in comp], w, h)
        for m, (px, py) in inner.items():
            pos[m] = (x + px, y + py)
        x += w
        row_h = max(row_h, h)
    return pos, y + row_h


def _label_box(name: str, x: float, y: float, width: float) -> tuple[float, float, float, float]:
    w = 7 * len(short(name, 28)) + 22
    return (x - 12, y - 9, x + w, y + 9) if x < width * 0.7 else (x - w, y - 9, x + 12, y + 9)


def _separate_labels(pos: dict[str, tuple[float, float]], width: float, height: float) -> dict[str, tuple[float, float]]:
    """Push apart, vertically, nodes whose labels would overlap."""
    p = {k: [x, y] for k, (x, y) in pos.items()}
    names = sorted(p)
    for _ in range(60):
        moved = False
        for i, a in enumerate(names):
            for b in names[i + 1:]:
                ax0, ay0, ax1, ay1 = _label_box(a, *p[a], width)
                bx0, by0, bx1, by1 = _label_box(b, *p[b], width)
                if ax0 < bx1 and bx0 < ax1 and ay0 < by1 and by0 < ay1:
                    up, down = (a, b) if p[a][1] <= p[b][1] else (b, a)
                    p[up][1] = max(16, p[up][1] - 5)
                    p[down][1] = min(height - 16, p[down][1] + 5)
                    moved = True
        if not moved:
            break
    return {k: (v[0], v[1]) for k, v in p.items()}


def graph_svg(relations: Sequence[dict], label: str = "") -> Markup:
    """Actors as labelled dots, relations as coloured arrows; each arrow links to ``#rel-N``.

    Relations are dicts with ``type``, ``source``, ``target`` and ``anchor`` (the N of ``#rel-N``).
    """
    if not relations:
        return Markup("")
    names = list(dict.fromkeys(m for r in relations for m in (r["source"], r["target"])))
    width = 760
    pos, height = graph_layout(names, [(r["source"], r["target"]) for r in relations], width)
    height = int(math.ceil(height))
    degree: dict[str, int] = defaultdict(int)
    for r in relations:
        degree[r["source"]] += 1
        degree[r["target"]] += 1
    pos = _separate_labels(pos, width, height)
    out = [f'<svg class="chart graph" viewBox="0 0 {width} {height}" width="{width}" height="{height}" role="group" '
           f'aria-label="{esc(label)}" xmlns="http://www.w3.org/2000/svg"><defs>']
    for t, c in RELATION_COLOURS.items():
        out.append(f'<marker id="arr-{t}" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse">'
                   f'<path d="M0,0 L10,5 L0,10z" style="fill:{c}"/></marker>')
    out.append("</defs>")
    seen: dict[tuple[str, str], int] = defaultdict(int)
    for r in relations:
        (x1, y1), (x2, y2) = pos[r["source"]], pos[r["target"]]
        pair = tuple(sorted((r["source"], r["target"])))
        bend = 18 * (seen[pair] + 1) * (1 if r["source"] < r["target"] else -1)  # parallel edges fan out
        seen[pair] += 1
        dx, dy = x2 - x1, y2 - y1
        d = math.hypot(dx, dy) or 1
        r2 = 7 + min(8, 2 * degree[r["target"]])
        ex, ey = x2 - dx / d * (r2 + 3), y2 - dy / d * (r2 + 3)
        mx, my = (x1 + ex) / 2 - dy / d * bend, (y1 + ey) / 2 + dx / d * bend
        colour = RELATION_COLOURS.get(r["type"], "#495057")
        kind = r["type"] if r["type"] in RELATION_COLOURS else "other"
        tip = f'{r["source"]} {r["type"].replace("_", " ")} {r["target"]}' + (f' (said by {", ".join(r.get("said_by") or [])})' if r.get("said_by") else "")
        body = (f'<g class="rel rel-{esc(kind)}"><title>{esc(tip)}</title>'
                f'<path class="hit" d="M{_fmt(x1)},{_fmt(y1)} Q{_fmt(mx)},{_fmt(my)} {_fmt(ex)},{_fmt(ey)}"/>'
                f'<path class="edge" d="M{_fmt(x1)},{_fmt(y1)} Q{_fmt(mx)},{_fmt(my)} {_fmt(ex)},{_fmt(ey)}" '
                f'style="stroke:{colour}" marker-end="url(#arr-{esc(kind)})"'
                + (' stroke-dasharray="5 3"' if r.get("said_by") else "") + "/></g>")
        out.append(_link(f'#rel-{r["anchor"]}', body, tip))
    for m in names:
        x, y = pos[m]
        rad = 7 + min(8, 2 * degree[m])
        anchor = "start" if x < width * 0.7 else "end"
        tx = x + rad + 4 if anchor == "start" else x - rad - 4
        out.append(f'<g class="actor"><title>{esc(m)}</title><circle cx="{_fmt(x)}" cy="{_fmt(y)}" r="{rad}" style="fill:{colour_for(m)}"/>'
                   f'<text class="al" x="{_fmt(tx)}" y="{_fmt(y + 4)}" text-anchor="{anchor}">{esc(short(m, 28))}</text></g>')
    out.append("</svg>")
    return Markup("".join(out))


# -- who cites whom -------------------------------------------------------------------------------
def bipartite_svg(rows: Sequence[dict], label: str = "", limit: int = 30) -> Markup:
    """Outlets (left) joined to the sources they cite (right); line width by count, colour by source type."""
    rows = sorted(rows, key=lambda r: -r["count"])[:limit]
    if not rows:
        return Markup("")
    rows = [r | {"source": r.get("source") or "(unnamed)", "outlet": r.get("outlet") or "(unknown outlet)"} for r in rows]
    outlets = list(dict.fromkeys(r["outlet"] for r in rows))
    bary: dict[str, list[int]] = defaultdict(list)
    for r in rows:
        bary[r["source"]].append(outlets.index(r["outlet"]))
    sources = sorted(dict.fromkeys(r["source"] for r in rows), key=lambda s: sum(bary[s]) / len(bary[s]))
    types = {r["source"]: r["source_type"] for r in rows}
    rh = 24
    height = 10 + rh * max(len(outlets), len(sources))
    width = 760
    lx, rx = 180, 560

    def ys(items: list[str], i: int) -> float:
        return 10 + (height - 10 - rh * len(items)) / 2 + i * rh + rh / 2

    out = [f'<svg class="chart cites" viewBox="0 0 {width} {height}" width="{width}" height="{height}" role="group" '
           f'aria-label="{esc(label)}" xmlns="http://www.w3.org/2000/svg">']
    top = max(r["count"] for r in rows)
    for r in rows:
        y1, y2 = ys(outlets, outlets.index(r["outlet"])), ys(sources, sources.index(r["source"]))
        w = 1 + 5 * r["count"] / top
        c = SOURCE_TYPE_COLOURS.get(r["source_type"], "#868e96")
        out.append(f'<path class="cite" d="M{lx},{_fmt(y1)} C{(lx + rx) / 2},{_fmt(y1)} {(lx + rx) / 2},{_fmt(y2)} {rx},{_fmt(y2)}" '
                   f'style="stroke:{c};stroke-width:{_fmt(w)}"><title>{esc(r["outlet"])} cites {esc(r["source"])} ({r["count"]}×)</title></path>')
    for i, o in enumerate(outlets):
        out.append(f'<text class="rl" x="{lx - 8}" y="{_fmt(ys(outlets, i) + 4)}" text-anchor="end">{esc(short(o, 24))}</text>'
                   f'<circle cx="{lx}" cy="{_fmt(ys(outlets, i))}" r="4" class="dot"/>')
    for i, s in enumerate(sources):
        c = SOURCE_TYPE_COLOURS.get(types[s], "#868e96")
        out.append(f'<circle cx="{rx}" cy="{_fmt(ys(sources, i))}" r="4" style="fill:{c}"/>'
                   f'<text class="rl" x="{rx + 8}" y="{_fmt(ys(sources, i) + 4)}">{esc(short(s, 26))}<title>{esc(s)}</title></text>')
    out.append("</svg>")
    return Markup("".join(out))
