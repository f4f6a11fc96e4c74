"""Fetching URLs: timeouts, a size cap, a redirect cap, a clear User-Agent, content-type checks and,
when ``allow_private=False``, refusal of loopback/private/link-local/multicast/reserved addresses.

The address check happens where the socket is opened (every hop of a redirect goes through it), on
the addresses the host name resolves to, and the connection is made to the address that was checked,
so a host name that changes its answer between check and connect (DNS rebinding) gains nothing.

>>> with Fetcher(IngestOptions(allow_private=False)) as fetcher:  # doctest: +SKIP
...     result = fetcher.fetch("https://example.org/news/1")
>>> result.status, result.content_type  # doctest: +SKIP
(200, 'text/html')
"""

from __future__ import annotations

import ipaddress
import logging
import re
import socket
import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from email.utils import parsedate_to_datetime
from functools import lru_cache
from types import TracebackType
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from wiretrail.ingest.decode import DecodeError, decode_bytes
from wiretrail.ingest.raw import IngestOptions, RawDocument, size_text
from wiretrail.model import InputFailure

if TYPE_CHECKING:  # httpx is imported when something is fetched, not at import
    import httpx

logger = logging.getLogger(__name__)

ACCEPT = (
    "text/html,application/xhtml+xml,application/rss+xml,application/atom+xml,"
    "application/xml;q=0.9,text/xml;q=0.9,text/plain;q=0.8,application/json;q=0.5,*/*;q=0.1"
)
ALLOWED_TYPES = frozenset({
    "text/html", "application/xhtml+xml", "text/plain", "text/xml", "application/xml",
    "application/rss+xml", "application/atom+xml", "application/rdf+xml", "application/feed+json",
    "application/json", "text/x-opml", "application/x-rss+xml", "application/x-atom+xml",
})
_REFUSED_PREFIX = "refused"


class FetchError(Exception):
    """A URL that could not be fetched; ``reason`` says why (``str(error)`` is ``"url: reason"``)."""

    def __init__(self, url: str, reason: str) -> None:
        super().__init__(f"{url}: {reason}")
        self.url = url
        self.reason = reason


@dataclass(frozen=True)
class FetchResult:
    """The outcome of one fetch.

    ``url`` is the final URL after redirects; ``content_type`` the media type without parameters
    (``"text/html"``), ``charset`` the declared one (``""`` if none). ``status`` 304 means the
    conditional GET found nothing new (``content`` is empty). ``etag``/``last_modified`` are to be
    passed back to :meth:`Fetcher.fetch` next time.
    """

    url: str
    status: int
    content: bytes
    content_type: str = ""
    charset: str = ""
    etag: str = ""
    last_modified: str = ""
    headers: Mapping[str, str] = field(default_factory=dict, compare=False, hash=False)
    truncated: bool = False
    redirects: tuple[str, ...] = ()

    @property
    def not_modified(self) -> bool:
        return self.status == 304


def address_refusal(ip: str) -> str | None:
    """Why ``ip`` must not be fetched from a public service, or ``None`` if it is a global address.

    >>> address_refusal("127.0.0.1"), address_refusal("10.1.2.3"), address_refusal("93.184.216.34")
    ('a loopback address', 'a private address', None)
    >>> address_refusal("::ffff:169.254.169.254")
    'a link-local address'
    """
    try:
        address = ipaddress.ip_address(ip.split("%", 1)[0])
    except ValueError:
        return "not an IP address"
    if isinstance(address, ipaddress.IPv6Address):
        embedded = address.ipv4_mapped or address.sixtofour or (address.teredo[1] if address.teredo else None)
        if embedded is not None:
            inner = address_refusal(str(embedded))
            if inner:
                return inner
    for test, what in (
        ("is_unspecified", "an unspecified"), ("is_loopback", "a loopback"),
        ("is_link_local", "a link-local"), ("is_multicast", "a multicast"),
        ("is_reserved", "a reserved"), ("is_private", "a private"),
    ):
        if getattr(address, test):
            return f"{what} address"
    if not address.is_global:
        return "a non-public address"
    return None


def _allowed(ip: str, networks: tuple[str, ...]) -> bool:
    try:
        address = ipaddress.ip_address(ip.split("%", 1)[0])
    except ValueError:
        return False
    return any(address in ipaddress.ip_network(n, strict=False) for n in networks)


def _resolve(host: str, port: int) -> list[str]:
    import httpcore

    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError, OSError) as error:
        raise httpcore.ConnectError(f"cannot resolve {host}: {error}") from error
    addresses: list[str] = []
    for info in infos:
        ip = str(info[4][0])
        if ip not in addresses:
            addresses.append(ip)
    return addresses


@lru_cache(maxsize=1)
def _guarded_backend_class() -> type:
    """The network backend class (built on first use, so httpcore is not imported before)."""
    import httpcore

    class GuardedBackend(httpcore.NetworkBackend):
        """Opens TCP connections only to global addresses, connecting to the address it checked."""

        def __init__(self, inner: httpcore.NetworkBackend | None = None, allowed: tuple[str, ...] = ()) -> None:
            self._inner = inner or httpcore.SyncBackend()
            self._allowed = allowed

        def connect_tcp(self, host: str, port: int, timeout: float | None = None,
                        local_address: str | None = None, socket_options: Any = None) -> Any:
            addresses = _resolve(host, port)
            for ip in addresses:
                why = None if _allowed(ip, self._allowed) else address_refusal(ip)
                if why:
                    shown = host if host == ip else f"{host} ({ip})"
                    raise httpcore.ConnectError(f"{_REFUSED_PREFIX}: {shown} is {why}")
            error: Exception | None = None
            for ip in addresses:
                try:
                    return self._inner.connect_tcp(ip, port, timeout=timeout, local_address=local_address,
                                                   socket_options=socket_options)
                except (httpcore.ConnectError, httpcore.ConnectTimeout) as failure:
                    error = failure
            raise error or httpcore.ConnectError(f"cannot resolve {host}")

        def connect_unix_socket(self, path: str, timeout: float | None = None, socket_options: Any = None) -> Any:
            raise httpcore.ConnectError(f"{_REFUSED_PREFIX}: unix sockets are not fetched")

        def sleep(self, seconds: float) -> None:
            self._inner.sleep(seconds)

    return GuardedBackend


def _guarded_transport(allowed: tuple[str, ...]) -> httpx.HTTPTransport:
    import httpx

    transport = httpx.HTTPTransport(trust_env=False)
    pool = getattr(transport, "_pool", None)
    if pool is None or not hasattr(pool, "_network_backend"):  # pragma: no cover - httpx is pinned
        raise RuntimeError("this httpx version cannot be guarded against private addresses")
    pool._network_backend = _guarded_backend_class()(pool._network_backend, allowed)
    return transport


def is_http_url(text: str) -> bool:
    """True for an absolute http(s) URL with a host.

    >>> is_http_url("https://www.reuters.com/world/"), is_http_url("ftp://x"), is_http_url("news.txt")
    (True, False, False)
    """
    text = text.strip()
    if not text.lower().startswith(("http://", "https://")) or any(c.isspace() for c in text):
        return False
    try:
        return bool(urlsplit(text).hostname)
    except ValueError:
        return False


class Fetcher:
    """Fetches URLs with one HTTP client (connections reused); use as a context manager.

    >>> with Fetcher(IngestOptions(timeout=5)) as fetcher:  # doctest: +SKIP
    ...     page = fetcher.fetch("https://apnews.com/", etag='"abc"')
    """

    def __init__(self, options: IngestOptions | None = None) -> None:
        self.options = options or IngestOptions()
        self._client: httpx.Client | None = None

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 trace: TracebackType | None) -> None:
        self.close()

    def close(self) -> None:
        if self._client is not None:
            self._client.close()
            self._client = None

    @property
    def client(self) -> httpx.Client:
        if self._client is None:
            import httpx

            opts = self.options
            self._client = httpx.Client(
                transport=None if opts.allow_private else _guarded_transport(opts.allowed_networks),
                timeout=httpx.Timeout(opts.timeout),
                follow_redirects=False,
                headers={"User-Agent": opts.user_agent, "Accept": ACCEPT},
                trust_env=opts.allow_private,
            )
        return self._client

    def fetch(self, url: str, *, etag: str | None = None, last_modified: str | None = None) -> FetchResult:
        """GET ``url``; raise :class:`FetchError` with a reason on any failure.

        ``etag`` / ``last_modified`` (from an earlier :class:`FetchResult`) make the request
        conditional; a 304 answer comes back as a result with ``status == 304``.
        """
        import httpx

        opts = self.options
        headers: dict[str, str] = {}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        deadline = time.monotonic() + 3 * opts.timeout
        visited: list[str] = []
        current = url
        for _hop in range(opts.max_redirects + 1):
            self._check_url(url, current)
            try:
                with self.client.stream("GET", current, headers=headers) as response:
                    if response.has_redirect_location:
                        target = str(response.url.join(response.headers["location"]))
                        visited.append(current)
                        if target in visited:
                            raise FetchError(url, f"redirect loop ({current} -> {target})")
                        current = target
                        continue
                    return self._result(url, response, visited, deadline)
            except httpx.TimeoutException as error:
                raise FetchError(url, f"timed out after {opts.timeout:g} s ({type(error).__name__})") from error
            except httpx.HTTPError as error:
                raise FetchError(url, _describe(error)) from error
            except httpx.InvalidURL as error:
                raise FetchError(url, f"bad URL: {error}") from error
        raise FetchError(url, f"too many redirects (more than {opts.max_redirects})")

    def _check_url(self, url: str, current: str) -> None:
        try:
            parts = urlsplit(current)
            host = parts.hostname
        except ValueError as error:
            raise FetchError(url, f"bad URL {current!r}: {error}") from error
        if parts.scheme not in ("http", "https"):
            raise FetchError(url, f"{_REFUSED_PREFIX}: {current} is not an http(s) URL")
        if not host:
            raise FetchError(url, f"bad URL {current!r}: no host")
        if not self.options.allow_private:
            try:
                ipaddress.ip_address(host)
            except ValueError:
                return  # a host name: checked when the connection is opened
            why = None if _allowed(host, self.options.allowed_networks) else address_refusal(host)
            if why:
                raise FetchError(url, f"{_REFUSED_PREFIX}: {host} is {why}")

    def _result(self, url: str, response: httpx.Response, visited: list[str], deadline: float) -> FetchResult:
        status = response.status_code
        headers = {k.lower(): v for k, v in response.headers.items()}
        common = dict(
            url=str(response.url), status=status, etag=headers.get("etag", ""),
            last_modified=headers.get("last-modified", ""), headers=headers, redirects=tuple(visited),
        )
        if status == 304:
            return FetchResult(content=b"", **common)
        if not 200 <= status < 300:
            raise FetchError(url, f"HTTP {status} {response.reason_phrase}".rstrip())
        media = headers.get("content-type", "").split(";", 1)[0].strip().lower()
        if media and media not in ALLOWED_TYPES and not media.endswith("+xml"):
            raise FetchError(url, f"unsupported content type {media} (not HTML, XML, a feed or text)")
        content, truncated = self._read(url, response, deadline)
        return FetchResult(content=content, content_type=media, charset=response.charset_encoding or "",
                           truncated=truncated, **common)

    def _read(self, url: str, response: httpx.Response, deadline: float) -> tuple[bytes, bool]:
        cap = self.options.max_response_bytes
        body = bytearray()
        for chunk in response.iter_bytes():
            body += chunk
            if len(body) > cap:
                logger.info("%s: response cut at %s", url, size_text(cap))
                return bytes(body[:cap]), True
            if time.monotonic() > deadline:
                raise FetchError(url, f"timed out: still downloading after {3 * self.options.timeout:g} s")
        return bytes(body), False


def _describe(error: httpx.HTTPError) -> str:
    import httpx

    text = str(error) or type(error).__name__
    if isinstance(error, httpx.ConnectError) and not text.startswith(_REFUSED_PREFIX):
        return f"cannot connect: {text}"
    return text


def fetch(url: str, options: IngestOptions | None = None, *, etag: str | None = None,
          last_modified: str | None = None) -> FetchResult:
    """Fetch one URL with a client of its own (for many URLs, use one :class:`Fetcher`).

    >>> try:
    ...     fetch("http://127.0.0.1:1/", IngestOptions(allow_private=False))
    ... except FetchError as error:
    ...     print(error.reason)
    refused: 127.0.0.1 is a loopback address
    """
    with Fetcher(options) as fetcher:
        return fetcher.fetch(url, etag=etag, last_modified=last_modified)


_HTML_SNIFF = re.compile(rb"<(!doctype\s+html|html|head|body|meta|title|div|p|article)\b", re.IGNORECASE)


def looks_like_html(head: bytes) -> bool:
    """True when the first bytes look like an HTML page.

    >>> looks_like_html(b"<!DOCTYPE html><html>"), looks_like_html(b"Plain words")
    (True, False)
    """
    return bool(_HTML_SNIFF.search(head[:2048]))


def http_date_iso(value: str) -> str:
    """An HTTP date (``Last-Modified``) as ISO-8601, or ``""``.

    >>> http_date_iso("Mon, 23 Nov 2026 10:00:00 GMT")
    '2026-11-23T10:00:00+00:00'
    """
    try:
        return parsedate_to_datetime(value).isoformat() if value else ""
    except (TypeError, ValueError, IndexError, OverflowError):
        return ""


def page_document(result: FetchResult, origin: str, fmt: str = "url") -> RawDocument | InputFailure:
    """A fetched HTML or text page as a :class:`RawDocument` (or the reason it is not one).

    ``published`` comes from ``Last-Modified`` when the server sends one (the cleaner usually finds
    a better date in the page itself).
    """
    try:
        body = decode_bytes(result.content, result.charset or None, result.url, truncated=result.truncated)
    except DecodeError as error:
        return InputFailure(origin, f"{result.url}: {error}")
    warnings: tuple[str, ...] = ()
    if result.truncated:
        warnings = (f"response cut at {size_text(len(result.content))}",)
    is_html = result.content_type in ("text/html", "application/xhtml+xml") or (
        result.content_type != "text/plain" and looks_like_html(result.content[:2048])
    )
    return RawDocument(
        origin=origin, format=fmt, html=body if is_html else "", text="" if is_html else body,
        url=result.url, published=http_date_iso(result.last_modified), warnings=warnings,
    )
