"""The brief and the web app in a real browser: Debian's chromium driven by Playwright.

Playwright never downloads a browser here: the tests use the executable at
``$WIRETRAIL_CHROMIUM`` (default ``/usr/bin/chromium``) and skip when it is absent.
They save ``docs/screenshots/brief.png`` and ``docs/screenshots/webapp.png``.
"""

from __future__ import annotations

import os
import socket
import threading
import time
from pathlib import Path

import pytest

from test_brief_html import sample_brief

playwright_api = pytest.importorskip("playwright.sync_api")

CHROMIUM = os.environ.get("WIRETRAIL_CHROMIUM", "/usr/bin/chromium")
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run", "--disable-quic"]
SHOTS = Path(__file__).resolve().parents[1] / "docs" / "screenshots"

pytestmark = pytest.mark.skipif(not Path(CHROMIUM).is_file(), reason=f"no chromium at {CHROMIUM}")


@pytest.fixture(scope="session")
def browser():
    os.environ.setdefault("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")
    with playwright_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield b
        b.close()


class Watch:
    """A page plus everything it logged, threw, fetched or tried to open."""

    def __init__(self, browser, width: int = 1280, height: int = 900) -> None:
        self.context = browser.new_context(viewport={"width": width, "height": height})
        self.page = self.context.new_page()
        self.errors: list[str] = []
        self.requests: list[str] = []
        self.dialogs: list[str] = []
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type in ("error", "warning") else None)
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("request", lambda r: self.requests.append(r.url))
        self.page.on("dialog", lambda d: (self.dialogs.append(d.message), d.dismiss()))

    def close(self) -> None:
        self.context.close()


@pytest.fixture
def watch(browser):
    w = Watch(browser)
    yield w
    w.close()


@pytest.fixture(scope="session")
def demo(tmp_path_factory):
    """The bundled demo corpus, analysed once per session: (store path, brief file, brief data)."""
    from wiretrail.brief.html import render_html
    from wiretrail.corpus import Corpus, demo_corpus_path

    tmp = tmp_path_factory.mktemp("demo")
    db = tmp / "demo.db"
    with Corpus.open(str(db)) as corpus:
        report = corpus.add([str(demo_corpus_path())])
        assert not report.failed, report.failed
        data = corpus.brief()
    page = tmp / "brief.html"
    page.write_text(render_html(data), encoding="utf-8")
    return db, page, data


def _serve(app):
    import uvicorn

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.time() + 30
    while not server.started:
        if time.time() > deadline or not thread.is_alive():
            raise RuntimeError("uvicorn did not start")
        time.sleep(0.05)
    return server, thread, f"http://127.0.0.1:{port}"


@pytest.fixture(scope="session")
def webapp(demo):
    from wiretrail.web.app import create_app

    server, thread, url = _serve(create_app(str(demo[0])))
    yield url
    server.should_exit = True
    thread.join(10)


def _open_first_claim_and_follow_evidence(page) -> dict:
    claim = page.locator("li.claim").first
    claim.locator("summary").click()
    assert claim.locator("details").get_attribute("open") is not None
    link = claim.locator("a.evlink").first
    href = link.get_attribute("href")
    assert href.startswith("#ev-")
    link.click()
    page.wait_for_function("location.hash.length > 4")
    lit = page.locator(".ev-on")
    assert lit.count() >= 1
    # the lit segments sit side by side in the text: joined as they read, not with spaces between
    return {"href": href, "text": "".join(lit.all_inner_texts()), "visible": lit.first.is_visible(),
            "in_view": page.evaluate("() => { const r = document.querySelector('.ev-on').getBoundingClientRect();"
                                     " return r.top >= 0 && r.top < innerHeight; }")}


def test_browser_brief_opens_offline_without_errors(demo, watch):
    _, page_path, data = demo
    watch.page.goto(page_path.as_uri())
    watch.page.wait_for_load_state("load")
    assert watch.page.locator("h1").inner_text().strip()
    assert watch.page.locator("li.claim").count() == len(data["claim_groups"])
    assert watch.page.locator("article.article").count() == len(data["articles"])
    if data["claim_groups"]:
        # for the picture: the first claim whose chain fits the screen (several outlets, few origins)
        ranked = sorted(data["claim_groups"], key=lambda g: -(g.get("importance") or 0))
        pick = next((g for g in ranked if len(g["outlets"]) >= 2 and len(g["independent_origins"]) <= 3), ranked[0])
        claim = watch.page.locator(f'li.claim[id="claim-{pick["id"]}"]')
        claim.locator("summary").click()
        claim.evaluate("el => el.scrollIntoView()")
    SHOTS.mkdir(parents=True, exist_ok=True)
    watch.page.screenshot(path=str(SHOTS / "brief.png"))
    assert watch.errors == []
    assert [u for u in watch.requests if not u.startswith("file:")] == []


def test_browser_brief_claim_to_evidence_to_article(demo, watch):
    _, page_path, data = demo
    assert data["claim_groups"], "the demo corpus should give claim groups"
    watch.page.goto(page_path.as_uri())
    seen = _open_first_claim_and_follow_evidence(watch.page)
    first = sorted(data["claim_groups"], key=lambda g: -(g.get("importance") or 0))[0]
    ev = first["evidence"][0]
    article = next(a for a in data["articles"] if a["id"] == ev["article"])
    assert seen["href"] == f"#ev-{ev['article']}-{ev['start']}"
    assert " ".join(seen["text"].split()) == " ".join(article["text"][ev["start"]:ev["end"]].split())
    assert seen["visible"] and seen["in_view"]
    assert watch.errors == []


def test_browser_brief_filters_search_and_keys(demo, watch):
    _, page_path, data = demo
    page = watch.page
    page.goto(page_path.as_uri())
    articles = page.locator("article.article")
    word = max(data["articles"][0]["title"].split(), key=len)
    page.fill("#q", word)
    shown = articles.evaluate_all("els => els.filter(e => !e.classList.contains('hidden')).length")
    expected = sum(word.lower() in (a["title"] + " " + a["text"]).lower() for a in data["articles"])
    assert 1 <= shown <= len(data["articles"]) and shown >= expected - 1
    assert "articles" in page.locator("#filter-count").inner_text()
    page.keyboard.press("Escape")
    outlet = next(a["outlet"] for a in data["articles"] if a["outlet"])
    page.select_option("#outlet-filter", outlet)
    visible = articles.evaluate_all("els => els.filter(e => !e.classList.contains('hidden')).map(e => e.dataset.outlet)")
    assert visible and set(visible) == {outlet}
    page.select_option("#outlet-filter", "")
    if data["claim_groups"]:
        status = data["claim_groups"][0]["status"]
        page.select_option("#status-filter", status)
        statuses = page.locator("li.claim").evaluate_all(
            "els => els.filter(e => !e.classList.contains('hidden')).map(e => e.dataset.status)")
        assert statuses and set(statuses) == {status}
        page.select_option("#status-filter", "")
    if len(data["stories"]) > 1:
        chip = page.locator("button.story").nth(1)
        chip.click()
        assert chip.get_attribute("aria-pressed") == "true"
        sid = chip.get_attribute("data-story")
        assert page.locator("#story-filter").input_value() == sid
        stories = articles.evaluate_all("els => els.filter(e => !e.classList.contains('hidden')).map(e => e.dataset.stories)")
        assert stories and all(sid in s.split() for s in stories)
        chip.click()
        assert page.locator("#story-filter").input_value() == ""
    if data["claim_groups"]:
        page.locator("body").click(position={"x": 5, "y": 400})
        page.keyboard.press("j")
        assert page.locator("li.claim.current details[open]").count() == 1
    page.keyboard.press("/")
    assert page.evaluate("document.activeElement.id") == "q"
    assert watch.errors == []


def test_browser_brief_on_a_phone(demo, browser):
    w = Watch(browser, width=390, height=844)
    try:
        w.page.goto(demo[1].as_uri())
        overflow = w.page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
        assert overflow <= 2  # wide pictures scroll inside their own box, the page does not
        assert w.errors == []
    finally:
        w.close()


HOSTILE_TXT = """Hostile page <script>window.__pwned = 1</script>

Officials said <img src=x onerror="window.__pwned = 2"> the town fell, according to a <a href="javascript:window.__pwned = 3">report</a>.

<svg onload="window.__pwned = 4"><circle r="9"/></svg> The ministry said the toll was 12.
"""
HOSTILE_HTML = """<!doctype html><html><head><title>Hostile &lt;script&gt;window.__pwned=5&lt;/script&gt;</title></head>
<body><article><h1>Hostile &lt;img src=x onerror=window.__pwned=6&gt;</h1>
<p>The governor said &lt;script&gt;window.__pwned = 7&lt;/script&gt; that the town was calm on Friday, and that markets had reopened.</p>
<p>A spokesman said &lt;svg onload=window.__pwned=8&gt; and &lt;a href="javascript:window.__pwned=9"&gt;this&lt;/a&gt; was false.</p>
<script>window.__pwned = 10</script><img src="x" onerror="window.__pwned = 11">
</article></body></html>
"""


def _assert_inert(w: Watch) -> None:
    assert w.page.evaluate("typeof window.__pwned") == "undefined"
    assert w.dialogs == []
    assert w.page.locator("main img, main iframe").count() == 0
    assert w.page.locator("main [onerror], main [onload], main a[href^='javascript:']").count() == 0
    assert w.errors == []


def test_browser_hostile_article_text_shows_as_text(browser, tmp_path):
    from wiretrail.brief.html import render_html
    from wiretrail.corpus import Corpus

    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "hostile.txt").write_text(HOSTILE_TXT, encoding="utf-8")
    (tmp_path / "in" / "hostile.html").write_text(HOSTILE_HTML, encoding="utf-8")
    with Corpus.open(str(tmp_path / "h.db")) as corpus:
        report = corpus.add([str(tmp_path / "in")], analyse=False)
        assert report.added
        data = corpus.brief()
    pages = {"store": render_html(data), "every-section": render_html(sample_brief(hostile=True))}
    for name, html in pages.items():
        path = tmp_path / f"{name}.html"
        path.write_text(html, encoding="utf-8")
        w = Watch(browser)
        try:
            w.page.goto(path.as_uri())
            body = w.page.locator("main").inner_text()
            assert "<script>" in body, name
            _assert_inert(w)
            assert [u for u in w.requests if not u.startswith("file:")] == []
        finally:
            w.close()
    # and live, through the web app
    from wiretrail.web.app import create_app

    server, thread, url = _serve(create_app(str(tmp_path / "h.db")))
    w = Watch(browser)
    try:
        w.page.goto(url + "/")
        assert "<script>" in w.page.locator("main").inner_text()
        _assert_inert(w)
        w.page.goto(url + "/search?q=governor")
        assert w.page.locator(".hit").count() >= 1
        _assert_inert(w)
    finally:
        w.close()
        server.should_exit = True
        thread.join(10)


def test_browser_webapp_brief_search_and_check(webapp, demo, watch):
    page = watch.page
    data = demo[2]
    page.goto(webapp + "/")
    assert page.locator(".live").count() == 1
    if data["claim_groups"]:
        seen = _open_first_claim_and_follow_evidence(page)
        assert seen["visible"]
    # full-text search, then open a hit in the brief
    page.goto(webapp + "/search")
    page.fill("#q", "Sbeitla")
    page.locator("form[role=search] button").click()
    page.wait_for_selector("#result-count")
    assert page.locator(".hit").count() >= 1
    assert page.locator(".hit mark").count() >= 1
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / "webapp.png"))  # replaced by the check page below when the check runs
    page.locator(".hit a.title").first.click()
    page.wait_for_function("location.hash.startsWith('#art-')")
    assert page.locator("article.article:target").count() == 1
    # the check form
    page.goto(webapp + "/check")
    page.fill("#claim", "The rebels asked an allied militia to send fighters")
    page.set_default_timeout(300_000)  # the first check loads the language and embedding models
    page.locator("main form button").click()
    page.wait_for_selector("#check-result, #check-error")
    assert page.locator("#check-error").count() == 0, page.locator("#check-error").inner_text()
    assert page.locator(".verdict").inner_text().strip()
    page.screenshot(path=str(SHOTS / "webapp.png"))
    page.goto(webapp + "/api")
    assert page.locator("code", has_text="/api/claim-groups").count() >= 1
    assert watch.errors == []
    assert all(u.startswith(webapp) for u in watch.requests)


def test_browser_seeds_brief_opens_offline(seeds_dir, browser, tmp_path):
    """The five real seed articles: the brief opens with no network request and no console error."""
    from wiretrail.brief.html import render_html
    from wiretrail.corpus import Corpus

    with Corpus.open(str(tmp_path / "seeds.db")) as corpus:
        report = corpus.add([str(seeds_dir)])
        assert not report.failed, report.failed
        data = corpus.brief()
    path = tmp_path / "seeds.html"
    path.write_text(render_html(data), encoding="utf-8")
    w = Watch(browser)
    try:
        w.page.goto(path.as_uri())
        assert w.page.locator("article.article").count() == len(data["articles"]) >= 5
        if data["claim_groups"]:
            _open_first_claim_and_follow_evidence(w.page)
        assert w.errors == []
        assert [u for u in w.requests if not u.startswith("file:")] == []
    finally:
        w.close()
