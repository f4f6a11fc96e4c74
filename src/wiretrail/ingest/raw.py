"""What ingest produces (:class:`RawDocument`) and the options it takes (:class:`IngestOptions`).

>>> doc = RawDocument(origin="news/a.txt", format="txt", text="Reuters - ...")
>>> doc.body
'Reuters - ...'
>>> IngestOptions().max_redirects
5
"""

from __future__ import annotations

import ipaddress
from dataclasses import dataclass, replace

MB = 1024 * 1024

FORMATS = ("txt", "html", "json", "jsonl", "warc", "rss", "url", "stdin")


@dataclass(frozen=True)
class RawDocument:
    """One document as read from an input, before cleaning.

    ``origin`` names where it came from: a file path, a URL, ``"stdin"``, or ``"path#N"`` for the
    N-th record (1-based) inside a file: a JSON Lines line, a JSON list item, a WARC record, a feed
    item, a line of a URL list. Exactly one of ``text`` and ``html`` is normally set. ``published``
    is ISO-8601 or ``""``; the other metadata are as the input states them (the cleaner may know
    better from the page itself).
    """

    origin: str
    format: str  # one of FORMATS
    text: str = ""
    html: str = ""
    url: str = ""
    title: str = ""
    published: str = ""
    outlet: str = ""
    author: str = ""
    warnings: tuple[str, ...] = ()

    @property
    def body(self) -> str:
        """The HTML if there is some, else the text."""
        return self.html or self.text

    def with_warning(self, warning: str) -> RawDocument:
        """A copy with one more warning."""
        return replace(self, warnings=(*self.warnings, warning))


@dataclass(frozen=True)
class IngestOptions:
    """How inputs are read and fetched; one object passed down to every reader.

    - ``timeout``: seconds for each network step (connect, each read); a whole fetch is also
      stopped after ``3 * timeout`` seconds.
    - ``max_bytes``: a document longer than this is cut, with a warning (default 10 MB).
    - ``max_response_bytes``: a fetched response longer than this is cut, with a warning.
    - ``max_redirects``: redirects followed per fetch.
    - ``allow_private``: fetch loopback/private/link-local addresses (the CLI: yes; the web app: no).
    - ``allowed_networks``: CIDR networks fetched even when ``allow_private`` is off (an internal
      archive or proxy a server operator trusts), e.g. ``("10.8.0.0/16",)``.
    - ``recursive``: descend into sub-directories.
    - ``local_files``: read paths, globs and stdin at all; a web service taking inputs from users
      sets it to ``False`` (with ``allow_private=False``) so that only URLs are read.
    - ``network``: fetch URLs at all (URL inputs, URL lists, feed item links); when ``False`` each
      is reported as a failure instead.

    >>> IngestOptions(allow_private=False).allow_private
    False
    """

    timeout: float = 15.0
    max_bytes: int = 10 * MB
    max_response_bytes: int = 10 * MB
    max_redirects: int = 5
    user_agent: str = "wiretrail/0.1 (+https://github.com/wiretrail/wiretrail)"
    allow_private: bool = True
    allowed_networks: tuple[str, ...] = ()
    recursive: bool = True
    local_files: bool = True
    network: bool = True

    def __post_init__(self) -> None:
        if self.timeout <= 0:
            raise ValueError(f"timeout must be positive, not {self.timeout}")
        if self.max_bytes <= 0 or self.max_response_bytes <= 0:
            raise ValueError("max_bytes and max_response_bytes must be positive")
        for network in self.allowed_networks:
            ipaddress.ip_network(network, strict=False)  # ValueError names a bad entry
        if self.max_redirects < 0:
            raise ValueError(f"max_redirects must be 0 or more, not {self.max_redirects}")


def size_text(n: int) -> str:
    """A byte count for messages.

    >>> size_text(10 * MB), size_text(1536)
    ('10 MB', '1.5 KB')
    """
    for unit, size in (("GB", MB * 1024), ("MB", MB), ("KB", 1024)):
        if n >= size:
            value = n / size
            return f"{value:.0f} {unit}" if value == int(value) else f"{value:.1f} {unit}"
    return f"{n} bytes"
