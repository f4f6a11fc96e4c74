"""``Watcher`` against a real local HTTP server whose feeds change between polls.

The server honours ETag / If-None-Match (one feed) and Last-Modified / If-Modified-Since (another),
serves the article pages the feeds link to, answers 500 for a broken feed and serves a hostile
feed; the clock is the test's, so back-off is checked without waiting.
"""

from __future__ import annotations

import hashlib
import threading
from collections import Counter
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from wiretrail.corpus import Corpus
from wiretrail.scale.watch import Watcher, parse_interval
from wiretrail.settings import Settings

TOWNS = ["Sbeitla", "Thala", "Feriana", "Kasserine", "Gafsa", "Tozeur"]


def article_html(n: int) -> str:
    town = TOWNS[n % len(TOWNS)]
    paras = [
        f"Fighters entered the old market of {town} on day {n} after heavy clashes, residents said.",
        f"The health ministry said {n + 3} people had been killed and {2 * n + 5} wounded in {town} since the weekend.",
        f"“We will not leave {town} until the siege is lifted,” a commander told reporters on day {n}.",
        f"Shops remained closed in {town} and queues formed at bakeries as residents stocked up on bread, report {n}.",
    ]
    body = "".join(f"<p>{p}</p>" for p in paras)
    return (f"<html><head><title>Clashes in {town}, report {n}</title></head>"
            f"<body><article><h1>Clashes in {town}, report {n}</h1>{body}</article></body></html>")


def rss(base: str, items: list[int]) -> str:
    entries = "".join(
        f"<item><title>Clashes in {TOWNS[n % len(TOWNS)]}, report {n}</title><link>{base}/article/{n}</link>"
        f"<description>Short teaser {n}.</description><pubDate>Mon, 06 Oct 2025 10:{n:02d}:00 GMT</pubDate></item>"
        for n in items
    )
    return f'<?xml version="1.0"?><rss version="2.0"><channel><title>Harbor Daily</title>{entries}</channel></rss>'


class NewsServer:
    """Feeds and pages; ``items`` per feed may change between polls; every request is counted."""

    def __init__(self) -> None:
        self.items = {"/etag.xml": [1, 2], "/lastmod.xml": [11]}
        self.versions = {"/etag.xml": 1, "/lastmod.xml": 1}
        self.requests: Counter[str] = Counter()
        self.conditional: Counter[str] = Counter()  # 304s answered
        server = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: object) -> None:
                pass

            def _send(self, status: int, body: bytes = b"", ctype: str = "text/html; charset=utf-8",
                      headers: dict[str, str] | None = None) -> None:
                self.send_response(status)
                self.send_header("Content-Type", ctype)
                self.send_header("Content-Length", str(len(body)))
                for k, v in (headers or {}).items():
                    self.send_header(k, v)
                self.end_headers()
                self.wfile.write(body)

            def do_GET(self) -> None:  # noqa: N802
                path = self.path
                server.requests[path] += 1
                base = f"http://127.0.0.1:{self.server.server_address[1]}"
                if path == "/broken.xml":
                    return self._send(500, b"internal error")
                if path == "/hostile.xml":
                    # a pubDate that makes feedparser overflow, plus markup in every field
                    body = ('<?xml version="1.0"?><rss version="2.0"><channel><title><script>x</script></title>'
                            f'<item><title>t</title><link>{base}/article/99</link>'
                            f'<pubDate>{"2025-10-03 " * 500}</pubDate><description>d</description></item>'
                            "</channel></rss>").encode()
                    return self._send(200, body, "application/rss+xml")
                if path in server.items:
                    body = rss(base, server.items[path]).encode()
                    version = server.versions[path]
                    if path == "/etag.xml":
                        etag = '"' + hashlib.sha1(body).hexdigest()[:16] + '"'
                        if self.headers.get("If-None-Match") == etag:
                            server.conditional[path] += 1
                            return self._send(304, headers={"ETag": etag})
                        return self._send(200, body, "application/rss+xml", {"ETag": etag})
                    stamp = f"Mon, 06 Oct 2025 1{version}:00:00 GMT"
                    if self.headers.get("If-Modified-Since") == stamp:
                        server.conditional[path] += 1
                        return self._send(304, headers={"Last-Modified": stamp})
                    return self._send(200, body, "application/rss+xml", {"Last-Modified": stamp})
                if path.startswith("/article/"):
                    return self._send(200, article_html(int(path.rsplit("/", 1)[1])).encode())
                return self._send(404, b"not found")

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.base = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def publish(self, feed: str, n: int) -> None:
        self.items[feed] = self.items[feed] + [n]
        self.versions[feed] += 1


@pytest.fixture()
def server():
    s = NewsServer()
    s.thread.start()
    yield s
    s.httpd.shutdown()
    s.httpd.server_close()


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_watch_polls_only_new_items_honours_304_and_backs_off(server, tmp_path):
    clock = Clock()
    feeds = [server.base + p for p in ("/broken.xml", "/hostile.xml", "/etag.xml", "/lastmod.xml")]
    with Corpus.open(tmp_path / "w.db", Settings(analyse=False)) as corpus:
        watcher = Watcher(corpus, feeds, every=60.0, clock=clock)
        state = {f.url.rsplit("/", 1)[1]: f for f in watcher.feeds}

        first = watcher.poll()
        numbers = lambda ids: sorted(int(a.url.rsplit("/", 1)[1]) for a in corpus.store.articles(ids))  # noqa: E731
        # the failing feeds did not stop the others; the hostile one adds its item or fails alone
        hostile = numbers(first.added)[3:]
        assert numbers(first.added)[:3] == [1, 2, 11] and hostile in ([], [99])
        assert hostile or server.base + "/hostile.xml" in dict(first.failed)
        failed = dict(first.failed)
        assert server.base + "/broken.xml" in failed and "500" in failed[server.base + "/broken.xml"]
        assert state["broken.xml"].failures == 1 and state["broken.xml"].next_poll == clock.now + 120.0

        server.publish("/etag.xml", 3)
        server.publish("/lastmod.xml", 12)
        clock.now += 61
        second = watcher.poll()
        assert numbers(second.added) == [3, 12]
        for n in (1, 2, 11):
            assert server.requests[f"/article/{n}"] == 1  # known items are not fetched again
        assert server.requests["/broken.xml"] == 1  # backing off: not due yet

        clock.now += 61
        third = watcher.poll()
        assert third.added == []
        assert sorted(third.not_modified) == [server.base + "/etag.xml", server.base + "/lastmod.xml"]
        assert server.conditional["/etag.xml"] == 1 and server.conditional["/lastmod.xml"] == 1
        assert server.requests["/broken.xml"] == 2 and state["broken.xml"].failures == 2
        assert state["broken.xml"].next_poll == clock.now + 240.0  # doubled
        assert state["etag.xml"].failures == 0 and state["etag.xml"].not_modified == 1
        assert corpus.store.count_articles() == 5 + len(hostile)


def test_watch_run_stops_after_polls_and_reports_each(server, tmp_path):
    with Corpus.open(tmp_path / "w.db", Settings(analyse=False)) as corpus:
        watcher = Watcher(corpus, [server.base + "/etag.xml"], every=1.0)
        seen = []
        watcher.run(max_polls=2, on_poll=seen.append)
    assert [len(r.added) for r in seen] == [2, 0]
    assert seen[1].not_modified == [server.base + "/etag.xml"]


@pytest.mark.parametrize("text, seconds", [("90", 90.0), ("30s", 30.0), ("10m", 600.0), ("2h", 7200.0)])
def test_watch_parse_interval(text, seconds):
    assert parse_interval(text) == seconds
