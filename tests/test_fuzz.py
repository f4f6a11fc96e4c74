"""Fuzzing: every reader, the cleaner and every extractor on hostile input; no crash, no hang.

Inputs: arbitrary bytes; arbitrary Unicode mixed with the characters that break text code (RTL and
bidi marks, zero-width joiners, combining marks, NUL, odd line breaks, lone surrogates); deeply
nested and unclosed HTML; enormous single lines. Each example is bounded in time twice: the
hypothesis ``deadline`` (slow = failure) and a hard alarm (a hang = failure, never a stuck run).

The normal run takes a few hundred derandomised examples. The long run (10,000+ random examples)::

    WIRETRAIL_FUZZ=full pytest tests/test_fuzz.py -p no:cacheprovider

A failure prints the shrunk input and a ``@reproduce_failure`` blob to paste above the test.
"""

from __future__ import annotations

import dataclasses
import gzip
import io
import os
import signal
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from wiretrail.clean import clean_document
from wiretrail.ingest import IngestOptions, RawDocument, read_inputs
from wiretrail.ingest.decode import DecodeError, decode_bytes
from wiretrail.ingest.feeds import feed_documents, opml_feed_urls
from wiretrail.ingest.warc import warc_stream_documents
from wiretrail.model import Article, InputFailure

FULL = os.environ.get("WIRETRAIL_FUZZ", "").lower() == "full"
HARD_LIMIT_S = 60.0  # a hang, not a slow example: the alarm stops it
HUGE = 2000 if FULL else 150  # how many times one piece may repeat on a single line

pytestmark = pytest.mark.filterwarnings("ignore::hypothesis.errors.HypothesisWarning",
                                        "ignore::DeprecationWarning")


def fuzz(normal: int, full: int, deadline_s: float = 5.0):
    """Hypothesis settings: ``normal`` examples in the ordinary run, ``full`` in the long one."""
    return settings(
        max_examples=full if FULL else normal,
        deadline=timedelta(seconds=deadline_s),
        derandomize=not FULL,  # the ordinary run is the same every time
        database=None,
        print_blob=True,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.large_base_example,
                               HealthCheck.function_scoped_fixture],
    )


class Hang(BaseException):
    """Raised by the alarm; a BaseException so no ``except Exception`` in the code under test hides it."""


@contextmanager
def bounded(what: object = None, seconds: float = HARD_LIMIT_S) -> Iterator[None]:
    """Stop the example after ``seconds``; print ``what`` (the input) so the hang can be reproduced."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def _alarm(signum, frame):  # noqa: ANN001
        sys.stderr.write(f"\nHANG after {seconds} s on input: {what!r}\n")
        raise Hang(f"example still running after {seconds} s (input printed on stderr)")

    old = signal.signal(signal.SIGALRM, _alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, old)


# Crashes found, reported and tracked by an xfail reproducer below; the property tests look for new ones.
KNOWN_FEED_ERRORS: tuple[type[BaseException], ...] = (OverflowError,)  # feedparser, huge &#NNN;
KNOWN_OPML_ERRORS: tuple[type[BaseException], ...] = (LookupError,)  # ElementTree, unknown encoding

# -- strategies -------------------------------------------------------------------------------

SPECIAL = [
    "\u200f", "\u200e", "\u202a", "\u202b", "\u202c", "\u202d", "\u202e", "\u2066", "\u2067", "\u2069",  # bidi
    "\u200d", "\u200c", "\u200b", "\u2060", "\ufeff", "\u00ad",  # zero-width, soft hyphen
    "\u0301", "\u0308", "\u0332", "\u20dd", "e\u0301\u0301\u0301\u0301",  # combining marks
    "\x00", "\x01", "\x1b", "\x7f", "\r", "\n", "\r\n", "\n\n", "\t", "\x0b", "\x0c", "\x85", "\u2028", "\u2029",
    "\ufffd", "\uffff", "\ufdd0", "\U0010ffff", "\U0001f600", "\U0001f1fa\U0001f1f8", "\u0627\u0644\u0631\u0642\u0629",
    "\u05e9\u05dc\u05d5\u05dd", "\u0661\u0662\u0663", "\u4e2d\u6587", "\u0391\u03c1\u03b7\u03c2", "\u0410\u0435\u0440",
    "\uff21\uff22", "\u2460", "\u00bd", "\u2153", "\u0000\u0000",
]
SURROGATES = ["\ud800", "\udfff", "\udc80", "\ud83d", "\ude00"]
WORDS = [
    "said", "told", "reporters", "according", "to", "killed", "wounded", "at", "least", "12", "1,200", "3.5",
    "three", "dozens", "of", "on", "Monday", "last", "week", "yesterday", "2025-10-03", "03/10/2025", "10:30",
    "the", "army", "rebels", "Aleppo", "Syria", "Damascus", "Ministry", "Defence", "Hedi", "Ouertani", "Reuters",
    "AP", "“", "”", "‘", "’", '"', "'", "«", "»", "(", ")", ".", ",", ":", ";", "—", "-", "%", "$", "€", "km",
    "Mr", "Dr.", "U.S.", "UN", "airport", "captured", "attacked", "struck", "protest", "in", "near", "between",
    "and", "backed", "by", "denied", "claimed", "warned", "per", "cent", "million", "billion", "some", "about",
    "up", "between", "1", "0", "-5", "1e9", "999999999999999999999", "By", "Staff", "Writer", "Published",
    "Updated", "Subscribe", "newsletter", "http://x.example/a", "@user", "#tag", "ALEPPO,", "Oct", "3", "(AP)",
]
SEPARATORS = [" ", " ", " ", "", "\n", "\n\n", ". ", ", ", "\t", "  ", "\u00a0"]


def hostile_text(min_tokens: int = 0, max_tokens: int = 120, surrogates: bool = False,
                 max_repeat: int | None = None) -> st.SearchStrategy[str]:
    """Newsy words mixed with hostile characters and arbitrary Unicode; sometimes one enormous line."""
    chars = st.characters(exclude_categories=() if surrogates else ("Cs",))
    specials = SPECIAL + (SURROGATES if surrogates else [])
    token = st.one_of(st.sampled_from(WORDS), st.sampled_from(WORDS), st.sampled_from(specials),
                      st.text(chars, max_size=12))
    piece = st.tuples(token, st.sampled_from(SEPARATORS)).map("".join)
    body = st.lists(piece, min_size=min_tokens, max_size=max_tokens).map("".join)
    huge = st.tuples(st.lists(piece, min_size=1, max_size=6).map("".join),
                     st.integers(100, max(100, max_repeat or HUGE))).map(lambda t: t[0].replace("\n", " ") * t[1])
    return st.one_of(body, body, body, huge)


TAGS = [
    "<p>", "</p>", "<div>", "</div>", "<span>", "<br>", "<br/>", "<h1>", "</h1>", "<article>", "</article>",
    "<html>", "<body>", "</body>", "<head>", "<title>", "</title>", "<table><tr><td>", "</td>", "<li>", "<ul>",
    "<script>alert(1)</script>", "<script>", "<style>p{x:expression(alert(1))}</style>", "<style>", "<!--",
    "-->", "<![CDATA[", "]]>", "&amp;", "&#0;", "&#xD800;", "&#x110000;", "&#99999999999;", "&nbsp;", "&bogus;",
    "&", "<a href='javascript:alert(1)'>", "</a>", "<img src=x onerror=alert(1)>", "<svg onload=alert(1)>",
    "<svg><script>alert(1)</script></svg>", "<math><mi>", "<iframe src='data:text/html,x'>", "<meta charset='utf-7'>",
    "<meta property='og:title' content='T'>", "<meta name='author' content='\u202eA'>",
    "<time datetime='2025-13-45T99:99'>", "<?xml version='1.0'?>", "<!DOCTYPE html>", "<!DOCTYPE x [<!ENTITY e 'x'>]>",
    "<p", ">", "<", "\"", "'", "=", "<noscript>", "<template>", "<object data=x>", "<base href='//evil'>",
    "<form><input name=x>", "<textarea>", "<plaintext>", "<xmp>", "</", "<\x00p>",
]


def hostile_html(surrogates: bool = False) -> st.SearchStrategy[str]:
    """Tag soup: unclosed, mis-nested and deeply nested elements around hostile text."""
    frag = st.one_of(st.sampled_from(TAGS), hostile_text(0, 12, surrogates, max_repeat=HUGE // 4))
    soup = st.lists(frag, max_size=60).map("".join)
    nested = st.tuples(st.sampled_from(["<div>", "<span>", "<p>", "<b><i>", "<table><tr><td>", "<ul><li>", "<a>"]),
                       st.integers(1, 3000), soup, st.booleans()).map(
        lambda t: t[0] * t[1] + t[2] + ("</" + t[0][1:]) * (t[1] if t[3] else t[1] // 3))
    return st.one_of(soup, soup, nested)


def hostile_bytes() -> st.SearchStrategy[bytes]:
    """Arbitrary bytes, and hostile text in the encodings (and with the BOMs) files really use."""
    encs = st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-16-be", "utf-32", "cp1252",
                            "latin-1", "cp1256", "koi8-r", "shift_jis", "gb18030"])
    encoded = st.tuples(hostile_text(), encs).map(lambda t: t[0].encode(t[1], "replace"))
    heads = st.sampled_from([b"", b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff", b"\x00\x00\xfe\xff", b"\x89PNG\r\n\x1a\n",
                             b"%PDF-1.4\n", b"PK\x03\x04", b"\x1f\x8b\x08", b"<?xml version='1.0' encoding='bogus'?>",
                             b"<html><head><meta charset='x-unknown'>", b"{", b"[", b"WARC/1.0\r\n"])
    return st.one_of(st.binary(max_size=2000), st.tuples(heads, st.one_of(encoded, st.binary(max_size=600))).map(
        lambda t: t[0] + t[1]))


# -- readers ----------------------------------------------------------------------------------

NO_NET = IngestOptions(network=False, timeout=5.0)


@fuzz(100, 2500)
@given(hostile_bytes(), st.sampled_from([None, "utf-8", "latin-1", "utf-16", "bogus-charset", "utf-7", ""]),
       st.booleans())
def test_fuzz_decode_bytes_returns_text_or_a_decode_error(data, declared, truncated):
    with bounded(data):
        try:
            text = decode_bytes(data, declared, "fuzz", truncated=truncated)
        except DecodeError:
            return
    assert isinstance(text, str) and "\x00" not in text


EXTS = [".txt", ".md", ".html", ".xhtml", ".json", ".jsonl", ".ndjson", ".warc", ".warc.gz", ".rss", ".atom",
        ".xml", ".opml", ".urls", ".gz", ".jsonl.gz", ""]


def _file_bytes() -> st.SearchStrategy[bytes]:
    jsonish = st.tuples(st.sampled_from(["text", "html", "body", "content", "url", "title", "published", "date"]),
                        hostile_text(0, 30, surrogates=True)).map(
        lambda t: ('{"%s": %s}' % (t[0], _json_str(t[1]))).encode("utf-8"))
    lines = st.lists(jsonish, max_size=8).map(b"\n".join)
    return st.one_of(hostile_bytes(), hostile_html().map(lambda s: s.encode("utf-8", "replace")), jsonish, lines,
                     st.lists(jsonish, max_size=5).map(lambda xs: b"[" + b",".join(xs) + b"]"),
                     st.deferred(lambda: _feed_bytes()), st.deferred(lambda: _opml_bytes()),
                     st.deferred(lambda: _warc_bytes()))


def _json_str(s: str) -> str:
    # JSON escapes every non-ASCII character: lone surrogates (\ud800) survive as escapes, as in the wild
    return '"' + "".join(c if 32 <= ord(c) < 127 and c not in '"\\' else "\\u%04x" % ord(c) if ord(c) < 0x10000
                         else "\\u%04x\\u%04x" % (0xD800 + ((ord(c) - 0x10000) >> 10), 0xDC00 + ((ord(c) - 0x10000) & 0x3FF))
                         for c in s) + '"'


@pytest.fixture(scope="module")
def fuzz_dir(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("fuzz")


@fuzz(100, 2500)
@given(data=_file_bytes(), ext=st.sampled_from(EXTS), gz=st.booleans())
def test_fuzz_read_inputs_any_file_yields_documents_or_failures(fuzz_dir, data, ext, gz):
    if ext.endswith(".gz") and gz:
        data = gzip.compress(data)
    path = fuzz_dir / f"input{ext}"
    path.write_bytes(data)
    with bounded((data, ext)):
        items = list(read_inputs([str(path)], NO_NET))
    if not items:  # known: a WARC whose records are all skipped is silent (test_fuzz_junk_warc_file_is_reported)
        assert ".warc" in ext or b"WARC/" in data or ext.endswith(".gz"), "every input gives a document or a failure"
    for item in items:
        assert isinstance(item, (RawDocument, InputFailure)), item
        if isinstance(item, InputFailure):
            assert item.path and item.reason


def test_fuzz_junk_warc_file_is_reported(tmp_path):
    path = tmp_path / "junk.warc"
    path.write_bytes(b"    \x00")
    assert list(read_inputs([str(path)], NO_NET)), "a junk WARC file says why nothing was read"


def _feed_bytes() -> st.SearchStrategy[bytes]:
    item = st.tuples(hostile_text(0, 8), hostile_html(), st.sampled_from(
        ["https://ex.org/a", "", "javascript:alert(1)", "http://127.0.0.1/x", "ftp://x", "//x", "https://[::1]/"]),
        hostile_text(0, 4)).map(
        lambda t: f"<item><title>{t[0]}</title><link>{t[2]}</link><pubDate>{t[3]}</pubDate>"
                  f"<description><![CDATA[{t[1]}]]></description></item>")
    rss = st.lists(item, max_size=5).map(lambda xs: '<?xml version="1.0"?><rss version="2.0"><channel><title>F</title>'
                                         + "".join(xs) + "</channel></rss>")
    atom = st.lists(st.tuples(hostile_text(0, 8), hostile_html()), max_size=4).map(
        lambda xs: '<feed xmlns="http://www.w3.org/2005/Atom"><title>A</title>' + "".join(
            f'<entry><title>{t}</title><content type="html">{h.replace("<", "&lt;")}</content></entry>'
            for t, h in xs) + "</feed>")
    cut = st.tuples(st.one_of(rss, atom), st.floats(0, 1)).map(lambda t: t[0][: int(len(t[0]) * t[1])])
    return st.one_of(rss, atom, cut).map(lambda s: s.encode("utf-8", "replace"))


@fuzz(50, 1000)
@given(_feed_bytes(), st.sampled_from(["", "application/rss+xml", "text/html; charset=utf-16"]))
def test_fuzz_feed_documents_never_raise(data, content_type):
    def no_fetch(link: str, origin: str) -> InputFailure:
        return InputFailure(link, "network off in the fuzz test")

    with bounded(data):
        try:
            items = list(feed_documents(data, "fuzz.rss", no_fetch, url="https://ex.org/feed",
                                        content_type=content_type))
        except KNOWN_FEED_ERRORS:
            return
    assert items and all(isinstance(i, (RawDocument, InputFailure)) for i in items)


def test_fuzz_feed_with_huge_character_reference_is_a_failure_not_a_crash():
    data = (b'<?xml version="1.0"?><rss version="2.0"><channel><title>F</title><item><title>t</title>'
            b"<link>https://ex.org/a</link><description>x &#99999999999; y</description></item></channel></rss>")
    items = list(feed_documents(data, "f.rss", lambda link, origin: InputFailure(link, "network off")))
    assert items and all(isinstance(i, (RawDocument, InputFailure)) for i in items)


def test_fuzz_opml_with_unknown_encoding_is_a_value_error():
    with pytest.raises(ValueError):
        opml_feed_urls(b"<?xml version='' encoding='b'?>", "f.opml")


def _opml_bytes() -> st.SearchStrategy[bytes]:
    outline = st.tuples(hostile_text(0, 4), st.sampled_from(
        ["https://ex.org/rss", "", "javascript:x", "&amp;", "\"", "'", "http://x/\u202e"]), st.booleans()).map(
        lambda t: f'<outline text="{t[0]}" xmlUrl="{t[1]}"/>' if t[2] else f"<outline text='{t[0]}' xmlUrl='{t[1]}'>")
    doc = st.lists(outline, max_size=6).map(lambda xs: "<opml version='2.0'><body>" + "".join(xs) + "</body></opml>")
    evil = st.just('<?xml version="1.0"?><!DOCTYPE o [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;">]>'
                   '<opml><body><outline xmlUrl="&b;"/></body></opml>')
    return st.one_of(doc, evil, hostile_html()).map(lambda s: s.encode("utf-8", "replace"))


@fuzz(50, 1000)
@given(st.one_of(_opml_bytes(), hostile_bytes()))
def test_fuzz_opml_gives_urls_or_a_value_error(data):
    with bounded(data):
        try:
            urls = opml_feed_urls(data, "fuzz.opml")
        except (ValueError, *KNOWN_OPML_ERRORS):
            return
    assert urls and all(isinstance(u, str) and u for u in urls)


def _warc_record(payload: bytes, ctype: str, length_delta: int, rec_type: str) -> bytes:
    http = b"HTTP/1.1 200 OK\r\nContent-Type: " + ctype.encode("latin-1", "replace") + b"\r\n\r\n" + payload
    body = http if rec_type == "response" else payload
    length = max(0, len(body) + length_delta)
    head = (f"WARC/1.0\r\nWARC-Type: {rec_type}\r\nWARC-Record-ID: <urn:uuid:1>\r\n"
            f"WARC-Target-URI: https://ex.org/a\r\nWARC-Date: 2025-10-03T10:00:00Z\r\n"
            f"Content-Type: application/http; msgtype=response\r\nContent-Length: {length}\r\n\r\n").encode()
    return head + body + b"\r\n\r\n"


def _warc_bytes() -> st.SearchStrategy[bytes]:
    record = st.builds(
        _warc_record,
        st.one_of(hostile_html().map(lambda s: s.encode("utf-8", "replace")), hostile_bytes()),
        st.sampled_from(["text/html", "text/html; charset=utf-16", "text/plain", "application/pdf", "", "text/html;;;=",
                         "\u202etext/html"]),
        st.sampled_from([0, 0, 0, -1, 5, -50, 10_000]),
        st.sampled_from(["response", "response", "resource", "request", "bogus", "warcinfo"]),
    )
    return st.lists(record, min_size=1, max_size=4).map(b"".join)


@fuzz(50, 800)
@given(_warc_bytes(), st.booleans())
def test_fuzz_warc_records_yield_documents_or_failures(data, gz):
    if gz:
        data = gzip.compress(data)
    with bounded(data):
        items = list(warc_stream_documents(io.BytesIO(data), "fuzz.warc", NO_NET))
    assert all(isinstance(i, (RawDocument, InputFailure)) for i in items)


# -- the cleaner ------------------------------------------------------------------------------

URLS = ["", "https://ex.org/2025/10/03/story", "javascript:alert(1)", "http://[::1]:80/x", "https://xn--80ak6aa92e.com/",
        "https://\u0430pple.com/a", "not a url", "https://ex.org/" + "a" * 3000]


def _raw(surrogates: bool) -> st.SearchStrategy[RawDocument]:
    meta = hostile_text(0, 6, surrogates, max_repeat=HUGE // 8)
    text_doc = st.builds(lambda t, u, ti, p, o, a: RawDocument("fuzz.txt", "txt", text=t, url=u, title=ti,
                                                               published=p, outlet=o, author=a),
                         hostile_text(surrogates=surrogates), st.sampled_from(URLS), meta, meta, meta, meta)
    html_doc = st.builds(lambda h, u, ti: RawDocument("fuzz.html", "html", html=h, url=u, title=ti),
                         hostile_html(surrogates), st.sampled_from(URLS), meta)
    return st.one_of(text_doc, html_doc)


def _check_article(art: Article | InputFailure, max_chars: int) -> None:
    assert isinstance(art, (Article, InputFailure)), art
    if isinstance(art, InputFailure):
        assert art.reason
        return
    assert art.text.strip() and len(art.text) <= max_chars
    art.text.encode("utf-8")  # storable
    for start, end in art.paragraphs:
        assert 0 <= start <= end <= len(art.text)


@pytest.fixture(scope="module")
def registry():
    """One outlet registry (as ``Corpus`` keeps), with the cleaner's lazy tables built before timing starts."""
    from wiretrail.ingest.outlets import OutletRegistry

    reg = OutletRegistry()
    story = "Rebels take the airport\n\nBy Lina Haddad, Reuters\n\nRebel fighters took the airport on 3 October, residents said."
    clean_document(RawDocument("warm.txt", "txt", text=story, published="2025-10-03"), reg)
    clean_document(RawDocument("warm.html", "html", html=f"<html><body><article><p>{story}</p></article></body></html>",
                               url="https://www.reuters.com/world/a"), reg)
    return reg


@fuzz(80, 2000)
@given(raw=_raw(surrogates=False))
def test_fuzz_clean_document_gives_an_article_or_a_reason(registry, raw):
    with bounded(raw):
        art = clean_document(raw, registry, max_chars=50_000)
    _check_article(art, 50_000)


def test_fuzz_clean_document_survives_lone_surrogates():
    raw = RawDocument("a.json#1", "json", text="Rebels took the airport \ud800 on Saturday, residents said.",
                      url="https://ex.org/a")
    _check_article(clean_document(raw), 2_000_000)


# -- the extractors ---------------------------------------------------------------------------

def _spans_within(obj, n: int, path: str = "") -> None:
    """Every (start, end) pair in a record lies inside the text of length ``n``."""
    if dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        values = {f.name: getattr(obj, f.name) for f in dataclasses.fields(obj)}
        if isinstance(values.get("start"), int) and isinstance(values.get("end"), int):
            assert 0 <= values["start"] <= values["end"] <= n, f"{path}: {obj!r} outside [0, {n}]"
        for name, value in values.items():
            _spans_within(value, n, f"{path}.{name}")
    elif isinstance(obj, (list, tuple)):
        for i, value in enumerate(obj):
            _spans_within(value, n, f"{path}[{i}]")


def run_extractors(nlp, text: str) -> dict[str, list]:
    from wiretrail.extract.attribution import extract_attributions
    from wiretrail.extract.claims import extract_claims
    from wiretrail.extract.entities import extract_mentions
    from wiretrail.extract.events import extract_events
    from wiretrail.extract.quantities import extract_quantities
    from wiretrail.extract.relations import extract_relations
    from wiretrail.extract.times import extract_times
    from wiretrail.nlp import parse

    doc = parse(nlp, text)
    published = "2025-10-03T10:00:00+00:00"
    out: dict[str, list] = {"mentions": extract_mentions(doc, "a1")}
    attrs = out["attributions"] = extract_attributions(doc, "a1")
    out["claims"] = extract_claims(doc, "a1", attrs)
    times = out["times"] = extract_times(doc, "a1", published)
    out["quantities"] = extract_quantities(doc, "a1", attributions=attrs, times=times, published=published)
    out["events"] = extract_events(doc, "a1", published=published, attributions=attrs)
    out["relations"] = extract_relations(doc, "a1", attributions=attrs)
    return out


@pytest.fixture(scope="module")
def warm_nlp(nlp):
    """The model with every extractor's lazy tables (gazetteer, place index, ...) built outside the timed examples."""
    run_extractors(nlp, "Rebels seized the airport in Aleppo, Syria on Monday, killing 12 people, the army said.\n\n"
                        "“We will not leave,” Hedi Ouertani told reporters in Damascus on 3 October 2025.")
    return nlp


@pytest.mark.model
@fuzz(40, 1500, deadline_s=15.0)
@given(hostile_text(max_tokens=150))
def test_fuzz_extractors_return_records_inside_the_text(warm_nlp, text):
    with bounded(text):
        found = run_extractors(warm_nlp, text)
    for stage, records in found.items():
        assert isinstance(records, list), stage
        _spans_within(records, len(text), stage)


@pytest.mark.model
def test_fuzz_extractors_survive_lone_surrogates(warm_nlp):
    text = "Rebels took the airport \ud800 on Saturday, residents said."
    for stage, records in run_extractors(warm_nlp, text).items():
        _spans_within(records, len(text), stage)


# -- the whole add path, into a store ---------------------------------------------------------

@fuzz(25, 300)
@given(st.lists(_raw(surrogates=True), min_size=1, max_size=3))
def test_fuzz_corpus_add_documents_stores_or_reports_each(raws):
    from wiretrail.corpus import Corpus
    from wiretrail.settings import Settings

    with bounded(raws), Corpus.open(":memory:", Settings(analyse=False)) as corpus:
        report = corpus.add_documents(raws)
        stored = corpus.store.count_articles()
        assert corpus.store.check() == []
    assert stored == len(report.added)
    assert len(report.added) + len(report.unchanged) + len(report.failed) >= len(raws)
