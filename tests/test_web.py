"""The web app through httpx's TestClient: pages, the JSON API and its schema, the token rule, CSP."""

from __future__ import annotations

import base64
import hashlib
import re

import pytest
from fastapi.testclient import TestClient

from test_brief_html import HOSTILE, sample_brief
from wiretrail.corpus import Corpus
from wiretrail.settings import Settings
from wiretrail.web.app import create_app, is_loopback, marked

TEXTS = {
    "wire.txt": "Truce agreed in Sbeitla\n\nThe army and the rebels agreed on Saturday to a 48-hour truce in Sbeitla, "
                "a defence ministry spokesman told reporters.\n\nThe Highlands Monitoring Network said 40 people were killed.\n",
    "hostile.txt": f"Hostile headline\n\nThe governor said the market reopened. {HOSTILE}\n\nMore words about the governor.\n",
}
SETTINGS = Settings(analyse=False)


@pytest.fixture
def store(tmp_path):
    """A store with two articles (no analysis) and derived records shaped like the linker's."""
    for name, text in TEXTS.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    db = str(tmp_path / "w.db")
    with Corpus.open(db, SETTINGS) as corpus:
        report = corpus.add([str(tmp_path / n) for n in TEXTS])
        assert len(report.added) == 2, report
        art = next(a for a in corpus.articles() if "truce" in a.text)
        s = art.text.index("The army")
        e = art.text.index("reporters.") + len("reporters.")
        sample = sample_brief()
        group = sample["claim_groups"][0] | {
            "id": "g/1", "articles": [art.id], "outlets": [art.outlet],
            "evidence": [{"article": art.id, "start": s, "end": e, "outlet": art.outlet, "text": art.text[s:e],
                          "source": "a defence ministry spokesman", "copy_of": ""}]}
        corpus.store.put_derived("claim_group", {group["id"]: group})
        corpus.store.put_derived("event", {"ev1": sample["events"][0] | {"evidence": group["evidence"]}})
        corpus.store.put_derived("relation", {"r1": sample["relations"][1]})
        corpus.store.put_derived("entity", {"e1": sample["entities"][0]})
        corpus.store.put_derived("dispute", {"killed|": sample["disputes"][0] | {"figures": []}})
        corpus.store.put_derived("story", {"s1": {"id": "s1", "title": "Sbeitla truce", "articles": [art.id], "claim_groups": ["g/1"]}})
    return db, art


@pytest.fixture
def client(store):
    return TestClient(create_app(store[0], settings=SETTINGS))


LISTS = ("articles", "claim-groups", "attributions", "entities", "figures", "disputes", "events", "relations",
         "stories", "copies", "sources")


@pytest.mark.parametrize("path", LISTS)
def test_web_api_lists_answer(client, path):
    r = client.get(f"/api/{path}", params={"limit": 5})
    assert r.status_code == 200, r.text
    assert isinstance(r.json(), list)
    assert r.headers["content-type"].startswith("application/json")


def test_web_api_items_answer(client, store):
    _, art = store
    a = client.get(f"/api/articles/{art.id}").json()
    assert a["text"] == art.text and a["paragraphs"]
    assert "text" not in client.get("/api/articles").json()[0]
    g = client.get("/api/claim-groups/g/1").json()
    assert g["status"] == "single_anonymous_origin" and g["evidence"][0]["article"] == art.id
    assert client.get("/api/stories/s1").json()["claim_groups"] == ["g/1"]
    assert client.get("/api/events/ev1").json()["event_type"] == "Battles"
    assert client.get("/api/entities/e1").json()["lat"] == pytest.approx(35.57)
    assert client.get("/api/claim-groups/nope").status_code == 404
    assert client.get("/api/articles/nope").status_code == 404
    assert client.get("/api/summary").json()["articles"] == 2


def test_web_api_search_and_check(client):
    hits = client.get("/api/search", params={"q": "truce"}).json()
    assert hits and "[" in hits[0]["snippet"]
    checked = client.get("/api/check", params={"claim": "a truce was agreed in Sbeitla"})
    assert checked.status_code == 200
    assert {"claim", "verdict", "summary", "matches"} <= set(checked.json())
    stance = checked.json()["matches"][0]["stance"]
    assert stance["label"] in ("supports", "refutes", "not_covered") and "truce" in stance["sentence"].lower()
    assert client.get("/api/check", params={"claim": ""}).status_code == 422
    page = client.get("/check", params={"claim": "<img src=x onerror=alert(1)> truce"})
    assert page.status_code == 200 and 'id="check-result"' in page.text
    assert "<img src=x" not in page.text
    assert "Closest report:" in page.text  # the stance line, with the claim's words escaped where echoed


def test_web_openapi_documents_every_object(client):
    schema = client.get("/openapi.json").json()
    paths = schema["paths"]
    for p in [f"/api/{x}" for x in LISTS] + ["/api/articles/{article_id}", "/api/claim-groups/{item_id}",
                                              "/api/search", "/api/check", "/api/add", "/api/summary"]:
        assert p in paths, p
    names = set(schema["components"]["schemas"])
    assert {"ArticleMeta", "Article", "ClaimGroup", "Origin", "Evidence", "Attribution", "Entity", "Figure",
            "Event", "Relation", "Story", "CheckResult", "SearchHit", "AddResult"} <= names
    group = schema["components"]["schemas"]["ClaimGroup"]["properties"]
    assert {"status", "independent_origins", "evidence", "contradicts"} <= set(group)
    page = client.get("/api")
    assert page.status_code == 200 and "/api/claim-groups" in page.text


def test_web_writes_need_the_token_off_loopback(store):
    client = TestClient(create_app(store[0], host="0.0.0.0", token="s3cret", settings=SETTINGS))
    assert client.post("/api/add", data={"urls": "https://example.org/a"}).status_code == 401
    wrong = client.post("/api/add", data={"urls": ""}, headers={"Authorization": "Bearer nope"})
    assert wrong.status_code == 401
    ok = client.post("/api/add", data={"urls": ""}, headers={"Authorization": "Bearer s3cret"})
    assert ok.status_code == 422  # past the token: nothing to add
    form = client.post("/add", data={"urls": "", "token": "nope"})
    assert form.status_code == 401 and "valid token" in form.text
    assert 'name="token"' in client.get("/add").text
    assert client.get("/api/articles").status_code == 200  # reads stay open


def test_web_token_is_made_when_bound_elsewhere_without_one(store):
    app = create_app(store[0], host="192.168.1.5", settings=SETTINGS)
    assert app.state.wiretrail.token and len(app.state.wiretrail.token) >= 24
    assert not app.state.wiretrail.settings.allow_private


def test_web_loopback_writes_need_no_token_but_same_origin(client, tmp_path):
    f = tmp_path / "new.txt"
    f.write_text("A new article\n\nThe governor of Kasserine said on Sunday that schools would reopen.\n", encoding="utf-8")
    with f.open("rb") as fh:
        r = client.post("/api/add", files={"files": ("new.txt", fh, "text/plain")})
    assert r.status_code == 200, r.text
    assert len(r.json()["added"]) == 1
    assert client.get("/api/summary").json()["articles"] == 3
    evil = client.post("/api/add", data={"urls": "https://example.org/x"}, headers={"Origin": "https://evil.example"})
    assert evil.status_code == 403
    evil = client.post("/add", data={"urls": "https://example.org/x"}, headers={"Sec-Fetch-Site": "cross-site"})
    assert evil.status_code == 403
    bad = client.post("/add", data={"urls": "file:///etc/passwd"})
    assert bad.status_code == 422 and "not an http(s) URL" in bad.text


@pytest.mark.parametrize("host,loop", [("127.0.0.1", True), ("::1", True), ("localhost", True),
                                       ("0.0.0.0", False), ("192.168.1.5", False), ("example.org", False)])
def test_web_is_loopback(host, loop):
    assert is_loopback(host) is loop


def test_web_csp_headers(client):
    home = client.get("/")
    csp = home.headers["content-security-policy"]
    script = re.search(r"<script>(.*?)</script>\s*</body>", home.text, re.S).group(1)
    digest = base64.b64encode(hashlib.sha256(script.encode()).digest()).decode()
    assert f"script-src 'sha256-{digest}'" in csp and "default-src 'none'" in csp
    assert "frame-ancestors 'none'" in csp
    for path in ("/search?q=truce", "/check", "/add", "/api", "/api/articles"):
        r = client.get(path)
        assert "script-src 'none'" in r.headers["content-security-policy"], path
        assert r.headers["x-content-type-options"] == "nosniff"


def test_web_pages_escape_article_text(client):
    home = client.get("/").text
    assert "<script>window.__pwned" not in home and "&lt;script&gt;window.__pwned = 1&lt;/script&gt;" in home
    assert "<img src=x" not in home and "<svg onload" not in home
    hits = client.get("/search", params={"q": "governor"}).text
    assert "<mark>" in hits and "<script>window" not in hits and "<img src=x" not in hits
    echo = client.get("/search", params={"q": '"><script>alert(1)</script>'}).text
    assert "<script>alert(1)" not in echo


def test_web_brief_page_is_live_and_links_evidence(client, store):
    _, art = store
    home = client.get("/").text
    assert 'class="live"' in home and 'href="/check"' in home
    assert f'id="ev-{art.id}-{art.text.index("The army")}"' in home


@pytest.mark.parametrize("snippet,expected", [
    ("a [b] c", "a <mark>b</mark> c"),
    ("[<i>]", "<mark>&lt;i&gt;</mark>"),
    ("no match [open", "no match [open"),
])
def test_web_marked_snippets(snippet, expected):
    assert str(marked(snippet)) == expected
