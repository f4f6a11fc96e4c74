"""The HTML brief: one self-contained file (no network) rendered from the brief data.

Article text is only ever inserted escaped (Jinja2 autoescape); the one inline
script is pinned by its hash in a Content-Security-Policy, so nothing that came
from a page can run in the reader's browser.
"""

from __future__ import annotations

import base64
import hashlib
import json
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, select_autoescape
from markupsafe import Markup

TEMPLATES = Path(__file__).parent / "templates"


@dataclass(frozen=True)
class Segment:
    text: str
    cls: str = ""  # source / cue / content / evidence
    ref: str = ""  # attribution or claim id


def segments(text: str, start: int, end: int, marks: list[tuple[int, int, str, str]]) -> list[Segment]:
    """Cut ``text[start:end]`` into segments at the marks (start, end, cls, ref); inner marks win.

    >>> [s.text for s in segments("Assad said no.", 0, 14, [(0, 5, "source", "a1")])]
    ['Assad', ' said no.']
    """
    owner: list[tuple[str, str] | None] = [None] * (end - start)
    for s, e, cls, ref in sorted(marks, key=lambda m: -(m[1] - m[0])):
        for i in range(max(s, start), min(e, end)):
            owner[i - start] = (cls, ref)
    out: list[Segment] = []
    i = 0
    while i < len(owner):
        j = i
        while j < len(owner) and owner[j] == owner[i]:
            j += 1
        cls, ref = owner[i] or ("", "")
        out.append(Segment(text[start + i : start + j], cls, ref))
        i = j
    return out


def _marks(data: dict[str, Any]) -> dict[str, list[tuple[int, int, str, str]]]:
    marks: dict[str, list[tuple[int, int, str, str]]] = defaultdict(list)
    for att in data.get("attributions", []):
        for key, cls in (("content_span", "content"), ("cue_span", "cue"), ("source_span", "source")):
            span = att.get(key)
            if span:
                marks[att["article"]].append((span["start"], span["end"], cls, att["id"]))
    return marks


def article_views(data: dict[str, Any]) -> list[dict[str, Any]]:
    marks = _marks(data)
    views = []
    for art in data.get("articles", []):
        text = art.get("text", "")
        paras = art.get("paragraphs") or [[0, len(text)]]
        views.append(
            art
            | {
                "paras": [
                    {"start": s, "end": e, "segments": segments(text, s, e, marks.get(art["id"], []))}
                    for s, e in paras
                ]
            }
        )
    return views


def _json_for_script(obj: Any) -> Markup:
    """JSON safe inside <script type=application/json>: no '<', '>' or '&' survive."""
    raw = json.dumps(obj, ensure_ascii=False)
    raw = raw.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    raw = raw.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")
    return Markup(raw)


def _env() -> Environment:
    env = Environment(
        loader=FileSystemLoader(str(TEMPLATES)),
        autoescape=select_autoescape(["html", "j2"], default=True),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["short"] = lambda s, n=90: (s[: n - 1] + "…") if s and len(s) > n else (s or "")
    env.filters["pct"] = lambda x: f"{float(x):.0%}"
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
        outlets[a["outlet"] or "(unknown outlet)"].append(a)
    template = env.get_template("brief.html.j2")
    html = template.render(
        live=live,
        data=data,
        summary=data.get("summary", {}),
        articles=article_views(data),
        by_id=by_id,
        outlets=dict(sorted(outlets.items())),
        script=Markup(script),
        style=Markup(style),
        script_hash=digest,
        index_json=_json_for_script(_search_index(data)),
    )
    return (html, digest) if with_hash else html


def _search_index(data: dict[str, Any]) -> list[dict[str, str]]:
    return [
        {"id": a["id"], "outlet": a["outlet"], "title": a["title"], "text": a.get("text", "")}
        for a in data.get("articles", [])
    ]
