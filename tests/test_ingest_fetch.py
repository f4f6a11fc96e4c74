"""Fetching, feeds, OPML and URL lists against a real HTTP server on localhost (no mocks)."""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import ClassVar

import pytest

from wiretrail.ingest import Fetcher, FetchError, IngestOptions, RawDocument, read_inputs
from wiretrail.ingest.fetch import address_refusal, fetch, is_http_url
from wiretrail.model import InputFailure

FULL_TEXT = ("Syrian government forces retook the town of Maarat al-Numan on Tuesday, state media said. " * 12).strip()
ARTICLE = (f"<!DOCTYPE html><html><head><title>Army retakes town</title></head><body><article><p>{FULL_TEXT}</p>"
           "</article></body></html>")
LOCAL = IngestOptions(timeout=5)


class _Handler(BaseHTTPRequestHandler):
    routes: ClassVar[dict[str, Callable[[_Handler], None]]] = {}
    seen_agents: ClassVar[list[str]] = []

    def do_GET(self) -> None:
        self.seen_agents.append(self.headers.get("User-Agent", ""))
        route = self.routes.get(self.path.split("?", 1)[0])
        if route is None:
            self.send(404, b"not found", "text/plain")
        else:
            route(self)

    def send(self, status: int, body: bytes, content_type: str, headers: dict[str, str] | None = None) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        for key, value in (headers or {}).items():
            self.send_header(key, value)
        self.end_headers()
        self.wfile.write(body)

    def redirect(self, location: str, status: int = 302) -> None:
        self.send_response(status)
        self.send_header("Location", location)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, *args: object) -> None:  # keep test output quiet
        return


class Server:
    def __init__(self, host: str = "127.0.0.1", elsewhere: str = "") -> None:
        self.handler = type("Handler", (_Handler,), {"routes": {}, "seen_agents": []})
        self.httpd = ThreadingHTTPServer((host, 0), self.handler)
        self.httpd.daemon_threads = True
        self.port = self.httpd.server_address[1]
        self.base = f"http://{host}:{self.port}"
        self.elsewhere = elsewhere  # another server's base URL, for cross-address redirects
        self.handler.routes = self.routes()
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def url(self, path: str) -> str:
        return self.base + path

    def routes(self) -> dict[str, Callable[[_Handler], None]]:
        base = self.base

        def html(body: str, charset: str = "utf-8", **headers: str) -> Callable[[_Handler], None]:
            return lambda h: h.send(200, body.encode("utf-8"), f"text/html; charset={charset}", headers)

        def conditional(h: _Handler) -> None:
            if h.headers.get("If-None-Match") == '"v1"':
                h.send_response(304)
                h.send_header("ETag", '"v1"')
                h.end_headers()
            else:
                h.send(200, ARTICLE.encode(), "text/html", {"ETag": '"v1"'})

        def huge(h: _Handler) -> None:
            h.send_response(200)
            h.send_header("Content-Type", "text/html")
            h.end_headers()
            chunk = b"<p>" + b"Huge page of filler text. " * 2500 + b"</p>\n"
            try:
                for _ in range(30 * 1024 * 1024 // len(chunk)):
                    h.wfile.write(chunk)
            except (BrokenPipeError, ConnectionResetError):
                return  # the client stopped reading at its size cap, as it should

        def slow(h: _Handler) -> None:
            time.sleep(3)
            try:
                h.send(200, ARTICLE.encode(), "text/html")
            except (BrokenPipeError, ConnectionResetError):
                return

        def drip(h: _Handler) -> None:
            h.send_response(200)
            h.send_header("Content-Type", "text/html")
            h.end_headers()
            try:
                for _ in range(40):
                    h.wfile.write(b"<p>.</p>")
                    h.wfile.flush()
                    time.sleep(0.2)
            except (BrokenPipeError, ConnectionResetError):
                return

        def chain(n: int) -> Callable[[_Handler], None]:
            return lambda h: h.redirect(f"/chain/{n - 1}" if n > 1 else "/article.html")

        feed = f"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel><title>Levant Wire</title><link>{base}/</link><description>News</description>
<item><title>Army retakes town</title><link>{base}/story/1</link>
<pubDate>Tue, 28 Jan 2020 18:00:00 GMT</pubDate><author>desk@levant.example (Desk)</author>
<description>Short teaser.</description>
<content:encoded><![CDATA[<p>{FULL_TEXT}</p><script>alert(1)</script>]]></content:encoded></item>
<item><title>Rebels say they hold the road</title><link>{base}/story/2</link>
<pubDate>Wed, 29 Jan 2020 07:30:00 GMT</pubDate><description>Only a teaser here.</description></item>
<item><title>Dead link</title><link>{base}/gone</link><description>Teaser.</description></item>
</channel></rss>"""
        opml = f"""<?xml version="1.0"?><opml version="2.0"><head><title>Desk feeds</title></head><body>
<outline text="Syria"><outline text="Levant Wire" type="rss" xmlUrl="{base}/feed.xml"/></outline>
<outline text="Broken" type="rss" xmlUrl="{base}/gone.xml"/></body></opml>"""
        story2 = ARTICLE.replace("Army retakes town", "Rebels hold the road")
        return {
            "/article.html": html(ARTICLE, **{"Last-Modified": "Tue, 28 Jan 2020 18:05:00 GMT", "ETag": '"a1"'}),
            "/story/1": html(ARTICLE),
            "/story/2": html(story2),
            "/mislabelled.html": lambda h: h.send(200, "<p>Caf\u00e9 \u201cquoted\u201d</p>".encode("utf-8"),
                                                  "text/html; charset=iso-8859-1"),
            "/cp1252.html": lambda h: h.send(200, "<p>Caf\u00e9 \u201cquoted\u201d</p>".encode("cp1252"),
                                             "text/html; charset=utf-8"),
            "/plain.txt": lambda h: h.send(200, FULL_TEXT.encode(), "text/plain; charset=utf-8"),
            "/feed.xml": lambda h: h.send(200, feed.encode(), "application/rss+xml"),
            "/feed-as-xml": lambda h: h.send(200, feed.encode(), "text/xml"),
            "/feeds.opml": lambda h: h.send(200, opml.encode(), "text/x-opml"),
            "/data.json": lambda h: h.send(200, json.dumps([{"text": "From JSON.", "outlet": "API"}]).encode(),
                                           "application/json"),
            "/conditional.html": conditional,
            "/loop-a": lambda h: h.redirect("/loop-b"),
            "/loop-b": lambda h: h.redirect("/loop-a"),
            **{f"/chain/{n}": chain(n) for n in range(1, 10)},
            "/to-metadata": lambda h: h.redirect("http://169.254.169.254/latest/meta-data/"),
            "/to-loopback": lambda h: h.redirect(f"http://127.0.0.2:{self.port}/article.html"),
            "/to-file": lambda h: h.redirect("file:///etc/passwd"),
            "/to-elsewhere": lambda h: h.redirect(f"{self.elsewhere}/article.html"),
            "/huge.html": huge,
            "/slow.html": slow,
            "/drip.html": drip,
            "/image.png": lambda h: h.send(200, b"\x89PNG\r\n\x1a\n" + bytes(100), "image/png"),
            "/binary-as-html": lambda h: h.send(200, b"\x89PNG\r\n\x1a\n" + bytes(100), "text/html"),
            "/error": lambda h: h.send(500, b"oops", "text/plain"),
        }


@pytest.fixture(scope="module")
def server() -> Iterator[Server]:
    srv = Server()
    srv.thread.start()
    yield srv
    srv.httpd.shutdown()
    srv.httpd.server_close()


@pytest.fixture(scope="module")
def second_server(server: Server) -> Iterator[Server]:
    """A server on 127.0.0.2 whose /to-elsewhere redirects to the main server on 127.0.0.1."""
    try:
        srv = Server("127.0.0.2", elsewhere=server.base)
    except OSError as error:
        pytest.skip(f"cannot listen on 127.0.0.2 here: {error}")
    srv.thread.start()
    yield srv
    srv.httpd.shutdown()
    srv.httpd.server_close()


def read(*inputs: str | Path, options: IngestOptions = LOCAL) -> list:
    return list(read_inputs([str(i) for i in inputs], options))


# -- fetch ----------------------------------------------------------------------------------

def test_ingest_fetch_html_page(server: Server) -> None:
    [doc] = read(server.url("/article.html"))
    assert doc == RawDocument(origin=server.url("/article.html"), format="url", html=ARTICLE,
                              url=server.url("/article.html"), published="2020-01-28T18:05:00+00:00")


def test_ingest_fetch_result_fields_and_user_agent(server: Server) -> None:
    result = fetch(server.url("/article.html"), LOCAL)
    assert (result.status, result.content_type, result.charset) == (200, "text/html", "utf-8")
    assert (result.etag, result.last_modified) == ('"a1"', "Tue, 28 Jan 2020 18:05:00 GMT")
    assert result.headers["content-type"] == "text/html; charset=utf-8" and not result.truncated
    assert server.handler.seen_agents[-1] == "wiretrail/0.1 (+https://github.com/wiretrail/wiretrail)"


def test_ingest_fetch_conditional_get(server: Server) -> None:
    with Fetcher(LOCAL) as fetcher:
        first = fetcher.fetch(server.url("/conditional.html"))
        again = fetcher.fetch(server.url("/conditional.html"), etag=first.etag)
    assert first.status == 200 and first.etag == '"v1"'
    assert again.not_modified and again.content == b""


def test_ingest_fetch_redirects_followed_up_to_the_cap(server: Server) -> None:
    result = fetch(server.url("/chain/3"), LOCAL)
    assert result.url == server.url("/article.html") and len(result.redirects) == 3
    with pytest.raises(FetchError, match=r"too many redirects \(more than 5\)"):
        fetch(server.url("/chain/6"), LOCAL)
    assert fetch(server.url("/chain/5"), LOCAL).status == 200


def test_ingest_fetch_redirect_loop(server: Server) -> None:
    with pytest.raises(FetchError, match="redirect loop"):
        fetch(server.url("/loop-a"), LOCAL)


def test_ingest_fetch_redirect_to_other_scheme_refused(server: Server) -> None:
    with pytest.raises(FetchError, match=r"refused: file:/+etc/passwd is not an http\(s\) URL"):
        fetch(server.url("/to-file"), LOCAL)


GUARDED = IngestOptions(timeout=5, allow_private=False)
# The test server is on 127.0.0.1: let only that address through, to watch later hops get refused.
GUARDED_BUT_TEST_SERVER = IngestOptions(timeout=5, allow_private=False, allowed_networks=("127.0.0.1/32",))


def test_ingest_fetch_private_address_refused(server: Server) -> None:
    with pytest.raises(FetchError, match=r"refused: 127\.0\.0\.1 is a loopback address"):
        fetch(server.url("/article.html"), GUARDED)
    local_name = server.url("/article.html").replace("127.0.0.1", "localhost")
    with pytest.raises(FetchError, match=r"refused: localhost \(.*\) is a loopback address"):
        fetch(local_name, GUARDED)
    assert fetch(server.url("/article.html"), GUARDED_BUT_TEST_SERVER).status == 200


@pytest.mark.parametrize("path,reason", [
    ("/to-metadata", "refused: 169.254.169.254 is a link-local address"),
    ("/to-loopback", "refused: 127.0.0.2 is a loopback address"),
])
def test_ingest_fetch_private_redirect_hop_refused(server: Server, path: str, reason: str) -> None:
    with pytest.raises(FetchError) as caught:
        fetch(server.url(path), GUARDED_BUT_TEST_SERVER)
    assert caught.value.reason == reason
    assert read(server.url(path), options=GUARDED_BUT_TEST_SERVER) == [InputFailure(server.url(path), reason)]


def test_ingest_fetch_redirect_to_127_0_0_1_refused(server: Server, second_server: Server) -> None:
    start = second_server.url("/to-elsewhere")
    only_second = IngestOptions(timeout=5, allow_private=False, allowed_networks=("127.0.0.2/32",))
    with pytest.raises(FetchError) as caught:
        fetch(start, only_second)
    assert caught.value.reason == "refused: 127.0.0.1 is a loopback address"
    assert fetch(start, LOCAL).url == server.url("/article.html")  # the CLI's default follows it


def test_ingest_fetch_huge_response_capped(server: Server) -> None:
    options = IngestOptions(timeout=5, max_response_bytes=1024 * 1024)
    result = fetch(server.url("/huge.html"), options)
    assert result.truncated and len(result.content) == 1024 * 1024
    [doc] = read(server.url("/huge.html"), options=options)
    assert doc.warnings == ("response cut at 1 MB",) and len(doc.html) == 1024 * 1024


def test_ingest_fetch_slow_response_times_out(server: Server) -> None:
    started = time.monotonic()
    with pytest.raises(FetchError, match=r"timed out after 0.5 s"):
        fetch(server.url("/slow.html"), IngestOptions(timeout=0.5))
    assert time.monotonic() - started < 2.5


def test_ingest_fetch_dripping_response_hits_the_deadline(server: Server) -> None:
    started = time.monotonic()
    with pytest.raises(FetchError, match=r"still downloading after 1.5 s"):
        fetch(server.url("/drip.html"), IngestOptions(timeout=0.5))
    assert time.monotonic() - started < 4


@pytest.mark.parametrize("path,reason", [
    ("/image.png", "unsupported content type image/png (not HTML, XML, a feed or text)"),
    ("/binary-as-html", "binary file (PNG image)"),
    ("/error", "HTTP 500 Internal Server Error"),
    ("/missing", "HTTP 404 Not Found"),
])
def test_ingest_fetch_unusable_responses(server: Server, path: str, reason: str) -> None:
    [failure] = read(server.url(path))
    assert isinstance(failure, InputFailure) and failure.path == server.url(path)
    assert failure.reason.endswith(reason)


def test_ingest_fetch_unreachable_port() -> None:
    [failure] = read("http://127.0.0.1:9/nothing", options=IngestOptions(timeout=2))
    assert failure.reason.startswith("cannot connect")


@pytest.mark.parametrize("path,body", [
    ("/mislabelled.html", "<p>Caf\u00e9 \u201cquoted\u201d</p>"),
    ("/cp1252.html", "<p>Caf\u00e9 \u201cquoted\u201d</p>"),
])
def test_ingest_fetch_wrong_declared_charset(server: Server, path: str, body: str) -> None:
    [doc] = read(server.url(path))
    assert doc.html == body


def test_ingest_fetch_plain_text_and_json(server: Server) -> None:
    [text] = read(server.url("/plain.txt"))
    assert text.text == FULL_TEXT and not text.html
    [record] = read(server.url("/data.json"))
    assert (record.origin, record.text, record.outlet) == (server.url("/data.json") + "#1", "From JSON.", "API")


def test_ingest_fetch_network_off(server: Server) -> None:
    assert read(server.url("/article.html"), options=IngestOptions(network=False)) == [
        InputFailure(server.url("/article.html"), "network access is off")]


@pytest.mark.parametrize("ip,reason", [
    ("127.0.0.1", "a loopback address"), ("10.0.0.8", "a private address"), ("172.16.5.4", "a private address"),
    ("192.168.1.1", "a private address"), ("169.254.169.254", "a link-local address"),
    ("224.0.0.251", "a multicast address"), ("0.0.0.0", "an unspecified address"),
    ("240.0.0.1", "a reserved address"), ("100.64.0.1", "a non-public address"), ("::1", "a loopback address"),
    ("fe80::1%eth0", "a link-local address"), ("fc00::1", "a private address"), ("ff02::1", "a multicast address"),
    ("::ffff:127.0.0.1", "a loopback address"), ("2002:7f00:1::", "a loopback address"),
    ("8.8.8.8", None), ("2606:4700:4700::1111", None),
])
def test_ingest_fetch_address_refusal(ip: str, reason: str | None) -> None:
    assert address_refusal(ip) == reason


@pytest.mark.parametrize("text,ok", [
    ("https://www.aljazeera.com/news/", True), ("http://a.b/c?d=e", True), ("HTTPS://X.ORG", True),
    ("ftp://a.org/x", False), ("https://", False), ("https://a.org/with space", False), ("news.txt", False),
    ("javascript:alert(1)", False),
])
def test_ingest_fetch_is_http_url(text: str, ok: bool) -> None:
    assert is_http_url(text) is ok


# -- feeds, OPML, URL lists -------------------------------------------------------------------

def _check_feed_items(result: list, origin: str, server: Server) -> None:
    docs = [r for r in result if isinstance(r, RawDocument)]
    failures = [r for r in result if isinstance(r, InputFailure)]
    assert [d.origin for d in docs] == [f"{origin}#1", f"{origin}#2"]
    full, fetched = docs
    # item 1 carries its full text: used as is (feedparser's sanitiser dropped the script)
    assert full.format == "rss" and FULL_TEXT in full.html and "<script" not in full.html
    assert (full.title, full.outlet, full.published, full.url) == (
        "Army retakes town", "Levant Wire", "2020-01-28T18:00:00+00:00", server.url("/story/1"))
    # item 2 has only a teaser: its page was fetched
    assert fetched.html == ARTICLE.replace("Army retakes town", "Rebels hold the road")
    assert (fetched.title, fetched.published, fetched.url) == (
        "Rebels say they hold the road", "2020-01-29T07:30:00+00:00", server.url("/story/2"))
    assert failures == [InputFailure(f"{origin}#3", f"{server.url('/gone')}: HTTP 404 Not Found")]


def test_ingest_feed_from_url(server: Server) -> None:
    _check_feed_items(read(server.url("/feed.xml")), server.url("/feed.xml"), server)
    _check_feed_items(read(server.url("/feed-as-xml")), server.url("/feed-as-xml"), server)


def test_ingest_feed_from_file(server: Server, tmp_path: Path) -> None:
    path = tmp_path / "levant.rss"
    path.write_bytes(fetch(server.url("/feed.xml"), LOCAL).content)
    _check_feed_items(read(path), str(path), server)
    unnamed = tmp_path / "feed-without-extension"
    unnamed.write_bytes(path.read_bytes())
    _check_feed_items(read(unnamed), str(unnamed), server)


def test_ingest_opml_lists_feeds(server: Server, tmp_path: Path) -> None:
    result = read(server.url("/feeds.opml"))
    feed = server.url("/feed.xml")
    assert [r.origin for r in result if isinstance(r, RawDocument)] == [f"{feed}#1", f"{feed}#2"]
    assert InputFailure(server.url("/gone.xml"), "HTTP 404 Not Found") in result
    path = tmp_path / "desk.opml"
    path.write_bytes(fetch(server.url("/feeds.opml"), LOCAL).content)
    assert [r.origin for r in read(path) if isinstance(r, RawDocument)] == [f"{feed}#1", f"{feed}#2"]


def test_ingest_opml_not_well_formed_read_leniently(tmp_path: Path) -> None:
    path = tmp_path / "hand-edited.opml"
    path.write_text("<opml><body><outline text='A & B' xmlUrl='http://127.0.0.1:9/a.xml'>"
                    '<outline xmlUrl="http://127.0.0.1:9/b.xml?x=1&amp;y=2"></body>')
    result = read(path, options=IngestOptions(network=False))
    assert result == [InputFailure("http://127.0.0.1:9/a.xml", "network access is off"),
                      InputFailure("http://127.0.0.1:9/b.xml?x=1&y=2", "network access is off")]


def test_ingest_opml_refuses_entities(tmp_path: Path) -> None:
    path = tmp_path / "bomb.opml"
    path.write_text('<?xml version="1.0"?><!DOCTYPE opml [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;&a;">]>'
                    '<opml><body><outline xmlUrl="http://x/&b;"/></body></opml>')
    assert read(path) == [InputFailure(str(path), "OPML declares XML entities; refused")]


@pytest.mark.parametrize("name", ["list.urls", "list.txt", "list-no-extension"])
def test_ingest_url_list(server: Server, tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    path.write_text(f"# desk list\n{server.url('/article.html')}\n\n{server.url('/missing')}\n"
                    f"{server.url('/feed.xml')}\n{server.url('/article.html')}\n")
    result = read(path)
    assert [r.origin if isinstance(r, RawDocument) else r.path for r in result] == [
        server.url("/article.html"), server.url("/missing"),
        server.url("/feed.xml") + "#1", server.url("/feed.xml") + "#2", server.url("/feed.xml") + "#3",
    ]
    assert result[1] == InputFailure(server.url("/missing"), "HTTP 404 Not Found")


def test_ingest_url_list_with_prose_is_text(tmp_path: Path) -> None:
    path = tmp_path / "notes.txt"
    path.write_text("https://a.example/1\nSee the second link for more.\n")
    [doc] = read(path)
    assert doc.format == "txt" and doc.text.startswith("https://a.example/1")
    bad = tmp_path / "bad.urls"
    bad.write_text("https://a.example/1\nnot a url\n")
    assert read(bad) == [InputFailure(str(bad), "not a URL list: some lines are not http(s) URLs")]


def test_ingest_json_records_with_only_a_url_or_an_excerpt_are_fetched(server: Server, tmp_path: Path) -> None:
    path = tmp_path / "newsapi.json"
    path.write_text(json.dumps({"status": "ok", "articles": [
        {"url": server.url("/story/1"), "title": "Army retakes town", "source": {"name": "Levant Wire"},
         "content": "Syrian government forces retook the town\u2026 [+1021 chars]",
         "publishedAt": "2020-01-28T18:00:00Z"},
        {"url": server.url("/story/2")},
        {"url": server.url("/gone")},
    ]}))
    first, second, third = read(path)
    assert first == RawDocument(origin=f"{path}#1", format="json", html=ARTICLE, url=server.url("/story/1"),
                                title="Army retakes town", published="2020-01-28T18:00:00+00:00",
                                outlet="Levant Wire", warnings=("record held only an excerpt; page fetched",))
    assert second.html.startswith("<!DOCTYPE html>") and second.origin == f"{path}#2"
    assert third == InputFailure(f"{path}#3", f"{server.url('/gone')}: HTTP 404 Not Found")
