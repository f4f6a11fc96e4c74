"""Outlet identity: a registry of well-known outlets, and telling a page's outlet from its URL or text.

Two different things are told apart: the **publisher** (the site whose page this is) and the
**credited sources** (whose text it carries: a wire, or the newspaper a blog copied from).

>>> reg = OutletRegistry()
>>> reg.by_domain("https://m.jpost.com/middle-east/article-1").name
'The Jerusalem Post'
>>> reg.by_name("AP").name
'Associated Press'
>>> guess = reg.identify("", ["Some Blog", "Rebels take city", "Rebels took the city, the army said.", "JPost"])
>>> guess.credits
('The Jerusalem Post',)
"""

from __future__ import annotations

import json
import logging
import re
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cached_property
from importlib import resources
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from wiretrail.model import Outlet

log = logging.getLogger(__name__)

_STRIP_HOST = re.compile(r"^(?:www\d?|m|mobile|amp|edition|beta)\.")
_GENERIC_SUFFIXES = ("news", "media", "online", "network", "tv", "agency", "daily", "today")
_NAME = r"(?:the )?[A-Z0-9][\w'’&.\-]*(?: (?:[A-Z0-9&][\w'’&.\-]*|of|al|el|de|la|and)){0,6}"

BYLINE = re.compile(
    r"^(?:by|written by|words by|posted by|reported by|author\s*:|par|von|por|door|di)\s+(?P<rest>[A-Z].{1,150})$", re.I
)
#: last words of outlet names ("Lodestar Press", "The Daily Ledger"), told apart from people's names
OUTLET_WORDS = frozenset(
    "press news agency post times herald tribune journal daily wire media network radio tv television gazette "
    "observer telegraph chronicle dispatch monitor review magazine weekly express standard star sun mail mirror "
    "guardian independent courier bulletin service ledger report today online international world".split()
)
_BYLINE_SPLIT = re.compile(r"\s*(?:,|\||•|·|\s[-–—]\s|\bfor\b|\bin\b)\s*")
_PERSON_TOKEN = re.compile(
    r"^(?:[A-Z][\w'’.\-]*|(?:al|el|ad|as|ash|at|bin|ibn|abu|de|da|di|van|von|der|la|le)(?:-[A-Z][\w'’.\-]*)?|and|&)$"
)
_NOT_A_NAME = re.compile(
    r"^(?:mon|tues|wednes|thurs|fri|satur|sun)day|^(?:january|february|march|april|may|june|july|august|september"
    r"|october|november|december|the|a|an|way|far|then|now|contrast|comparison)$",
    re.I,
)
SOURCE_LINE = re.compile(
    r"^(?:(?:sources?|via|courtesy(?: of)?|credit)\s*[:\-–—]|source from\s*:?|courtesy of"
    r"|(?:originally|first) (?:published|appeared) (?:in|on|by|at)"
    r"|this (?:article|story|report) (?:was )?(?:originally |first )?(?:published|appeared) (?:in|on|at|by))"
    r"\s*(?P<name>[^.:]{2,60}?)\.?$",
    re.I,
)
CONTRIBUTED = re.compile(r"^\(?(?P<name>[^()]{2,80}?) contributed (?:to )?(?:this|the) (?:report|story|article)\.?\)?$", re.I)
SIGNOFF = re.compile(r"^\(?\s*(?:additional )?(?:reporting|writing) by\b.*\bediting by\b.*$", re.I)
DATELINE_AGENCY = re.compile(
    r"^(?:[A-Z][\w'’.\-]*(?:[ ,]+[A-Z][\w'’.\-]*){0,4}(?:,\s*[A-Z][a-z]{2,8}\.?\s+\d{1,2})?\s*)?"
    r"\((?P<name>[A-Z][A-Za-z .&/\-]{1,30})\)\s*[-–—]"
)
STAFF_LINE = re.compile(r"^(?:the )?(?P<name>[\w'’&.\- ]{2,60}?) (?:staff|news desk|editorial team|newsroom) (?:is|are)\b", re.I)
_NEWSROOM = re.compile(r"\b(?:journalists|reporters|writers|editors|correspondents|newsroom)\b", re.I)
_APPEAL_CONTEXT = re.compile(r"donat|non-?profit|readers like you|for as little as|contribution|a message from", re.I)
APPEAL_LINE = re.compile(r"\b(?:a message from|donate to|support|subscribe to)\s+(?P<name>" + _NAME + ")", re.I)
NEWSLETTER_LINE = re.compile(r"\b(?:subscribe|sign up|register) (?:to|for)\s+(?P<name>" + _NAME + r")(?:['’]s)? newsletters?\b", re.I)
WIRE_PHRASE = re.compile(r"\b(?:told|said to|speaking to|in an interview with) (?P<name>[A-Z][A-Za-z]+(?: [A-Z][A-Za-z]+)?)")
#: short labels that head a page but are sections, not sites
SECTION_WORDS = frozenset(
    "news world politics middle east business opinion analysis breaking live exclusive sport sports tech "
    "technology science health culture video videos latest home international national local region "
    "europe asia africa americas us uk israel syria iran war conflict".split()
)


@dataclass(frozen=True)
class OutletGuess:
    """Who published a page (``name``, ``domain``; "" when unknown), how we know, and whose text it carries."""

    name: str
    domain: str = ""
    evidence: str = ""  # url / input / site name / leading line / byline / staff line / newsletter / domain
    credits: tuple[str, ...] = ()  # credited sources, canonical names where the registry knows them
    credit_evidence: tuple[str, ...] = ()  # one entry per credit: how it was found
    outlet: Outlet | None = None  # the registry record of the publisher, when known
    wire_cues: tuple[str, ...] = ()  # wires the text quotes as its reporters ("told Reuters"): a hint, not a credit

    @property
    def publisher(self) -> str:
        return self.name


def domain_of(url_or_domain: str) -> str:
    """Host of a URL or domain, lower case, without ``www.``/``m.``/``amp.`` and port.

    >>> domain_of("https://www.Haaretz.com/middle-east-news/")
    'haaretz.com'
    """
    text = (url_or_domain or "").strip().lower()
    if not text:
        return ""
    host = urlsplit(text if "//" in text else "//" + text).hostname or ""
    host = host.rstrip(".")
    while _STRIP_HOST.match(host) and host.count(".") >= 2:
        host = _STRIP_HOST.sub("", host, count=1)
    return host


_SECOND_LEVEL = frozenset("co com org net gov ac edu or ne go mil nic".split())


def site_domain(url_or_domain: str) -> str:
    """The registrable part of a host: ``news.example-blog.net`` -> ``example-blog.net``,
    ``www.bbc.co.uk`` -> ``bbc.co.uk`` (a two-letter country domain under co/com/org/... keeps three labels).

    >>> site_domain("https://news.example-blog.net/p/1"), site_domain("a.b.example.com.tr")
    ('example-blog.net', 'example.com.tr')
    """
    labels = domain_of(url_or_domain).split(".")
    if len(labels) >= 3 and len(labels[-1]) == 2 and labels[-2] in _SECOND_LEVEL:
        return ".".join(labels[-3:])
    return ".".join(labels[-2:])


def name_key(text: str) -> str:
    """Key for matching outlet names: accents, case, punctuation, a leading 'the' and "'s" ignored.

    >>> name_key("The Jerusalem Post's") == name_key("jerusalem post")
    True
    """
    text = unicodedata.normalize("NFKD", text or "")
    text = "".join(c for c in text if not unicodedata.combining(c)).lower().replace("&", " and ")
    text = re.sub(r"['’]s\b", "", text)
    tokens = re.findall(r"[^\W_]+", text)
    if tokens and tokens[0] == "the":
        tokens = tokens[1:]
    return " ".join(tokens)


def parse_byline(line: str) -> tuple[str, str] | None:
    """``(names, rest)`` of a byline such as 'By Vered Weiss, World Israel News'; else None.

    >>> parse_byline("By Jane Doe and John Roe, Reuters")
    ('Jane Doe and John Roe', 'Reuters')
    >>> parse_byline("By the way, nobody came.") is None
    True
    """
    m = BYLINE.match(line.strip())
    if not m or len(line.split()) > 16:
        return None
    parts = [p for p in _BYLINE_SPLIT.split(m.group("rest").strip().rstrip(".")) if p]
    if not parts:
        return None
    names = parts[0].strip()
    tokens = names.split()
    if not 1 <= len(tokens) <= 9 or not all(_PERSON_TOKEN.match(t) for t in tokens):
        return None
    if _NOT_A_NAME.match(tokens[0]) or not tokens[0][:1].isupper():
        return None
    return names, (parts[1].strip() if len(parts) > 1 else "")


def _outlet_shaped(text: str) -> bool:
    """A short capitalised name ending in a word outlets use ('Lodestar Press'), not a person's."""
    tokens = text.strip(" .()").split()
    return 1 < len(tokens) <= 5 and tokens[0][:1].isupper() and tokens[-1].lower() in OUTLET_WORDS


def _name_only(line: str) -> bool:
    return 0 < len(line.split()) <= 5 and not re.search(r"[.!?,;:]$", line)


class OutletRegistry:
    """The shipped registry of well-known outlets (``data/outlets.json``), loaded on first use.

    >>> OutletRegistry().by_name("The Associated Press").domain
    'apnews.com'
    """

    def __init__(self, path: Path | str | None = None) -> None:
        self._path = Path(path) if path else None

    @cached_property
    def _entries(self) -> list[dict[str, Any]]:
        try:
            if self._path is not None:
                raw = self._path.read_text(encoding="utf-8")
            else:
                raw = resources.files("wiretrail").joinpath("data/outlets.json").read_text(encoding="utf-8")
            data = json.loads(raw)
        except (OSError, json.JSONDecodeError) as exc:
            raise ValueError(f"{self._path or 'wiretrail/data/outlets.json'}: cannot read outlet registry ({exc})") from exc
        entries = data["outlets"] if isinstance(data, dict) else data
        return [e for e in entries if isinstance(e, dict) and e.get("name")]

    @cached_property
    def outlets(self) -> tuple[Outlet, ...]:
        """Every registry outlet as a ``model.Outlet``."""
        return tuple(
            Outlet(
                name=e["name"], domain=(e.get("domains") or [""])[0], country=e.get("country", ""),
                kind=e.get("kind", "other"), owner=e.get("owner", ""), domains=tuple(e.get("domains") or ()),
            )  # fmt: skip
            for e in self._entries
        )

    @cached_property
    def _by_domain(self) -> dict[str, Outlet]:
        index: dict[str, Outlet] = {}
        for outlet in self.outlets:
            for domain in outlet.domains:
                index.setdefault(domain_of(domain), outlet)
        return index

    @cached_property
    def _by_name(self) -> dict[str, Outlet]:
        index: dict[str, Outlet] = {}
        for entry, outlet in zip(self._entries, self.outlets):
            for alias in [entry["name"], *(entry.get("aliases") or [])]:
                index.setdefault(name_key(alias), outlet)
        return index

    def __len__(self) -> int:
        return len(self.outlets)

    def by_domain(self, url_or_domain: str) -> Outlet | None:
        """The outlet owning a URL or domain, walking up subdomains (``edition.cnn.com`` -> CNN)."""
        host = domain_of(url_or_domain)
        while host:
            if host in self._by_domain:
                return self._by_domain[host]
            if host.count(".") < 2:
                return None
            host = host.split(".", 1)[1]
        return None

    def by_name(self, text: str, loose: bool = False) -> Outlet | None:
        """The outlet a name or alias denotes ('JPost', 'AP', 'The Associated Press'), else None.

        With ``loose``, a name missing a generic last word also matches ('All Israel' -> 'All
        Israel News'), and a domain-like text ('jpost.com') is looked up as a domain.
        """
        key = name_key(text)
        if not key:
            return None
        if key in self._by_name:
            return self._by_name[key]
        if re.fullmatch(r"[\w\-]+(?:\.[\w\-]+)+", text.strip().lower()):
            return self.by_domain(text)
        if loose:
            for suffix in _GENERIC_SUFFIXES:
                found = self._by_name.get(f"{key} {suffix}")
                if found:
                    return found
        return None

    def _prefix_outlet(self, text: str) -> Outlet | None:
        """The outlet named by TEXT or by its first words ('Associated Press writer X' -> AP)."""
        tokens = text.split()
        for k in range(min(len(tokens), 6), 0, -1):
            found = self.by_name(" ".join(tokens[:k]), loose=k == len(tokens))
            if found is not None:
                return found
        return None

    def canonical(self, text: str) -> str:
        """The registry name for TEXT when known, else TEXT tidied."""
        found = self.by_name(text)
        return found.name if found else " ".join(text.split()).strip(" .,:;-–—()")

    def identify(
        self, url: str = "", text_lines: Sequence[str] = (), metadata: Mapping[str, str] | None = None
    ) -> OutletGuess:
        """Tell the publisher of a page and the sources its text credits.

        ``metadata`` may carry ``outlet`` (given by the input), ``sitename`` (page metadata),
        ``site_line`` (a leading site-name line the cleaner found by its shape) and ``byline``.
        The publisher comes from, in order: the URL (registry), the input, the page's site name, a
        leading line naming a known outlet, a leading site-name line, the byline ('By X, Outlet'),
        a staff or appeal line ('The X Staff is ...', 'Donate to X'), a newsletter line, the domain.
        Credits come from 'Source: X', '(Reuters) -', 'X contributed to this report', an outlet name
        alone on a line near the end, a newsletter line of another outlet, a byline naming another
        outlet. Wires the text quotes as its reporters ('a resident told Reuters') are only a hint
        (``wire_cues``): the text may cite them, not carry their copy.
        """
        meta = dict(metadata or {})
        lines = [" ".join(str(l).split()) for l in text_lines if str(l).strip()]
        publisher: list[tuple[str, str, str, Outlet | None]] = []  # (name, domain, evidence, record)
        credits: list[tuple[str, str]] = []

        def known(outlet: Outlet | None, evidence: str) -> None:
            if outlet is not None:
                publisher.append((outlet.name, outlet.domain, evidence, outlet))

        def named(text: str, evidence: str, loose: bool = False) -> None:
            text = " ".join(text.split()).strip(" .,:;-–—")
            if not text:
                return
            found = self.by_name(text, loose=loose)
            if found is None and text.isupper() and len(text) > 4:
                text = text.title()  # "RIDGELINE NEWS" -> "Ridgeline News"
            publisher.append((found.name, found.domain, evidence, found) if found else (text, "", evidence, None))

        def credit(text: str, evidence: str, known_only: bool = False) -> None:
            found = self.by_name(text, loose=True)
            if found is None and (known_only or not text.strip() or len(text.split()) > 6):
                return
            credits.append((found.name if found else self.canonical(text), evidence))

        host = domain_of(url)
        known(self.by_domain(url) if host else None, "url")
        if meta.get("outlet"):
            named(meta["outlet"], "record field", loose=True)
        if meta.get("sitename"):
            named(meta["sitename"], "og:site_name", loose=True)
        head = lines[:3]
        for line in head[:1]:
            if _name_only(line):
                known(self.by_name(line, loose=True), "leading site-name line")
        if meta.get("site_line"):
            named(meta["site_line"], "leading site-name line", loose=True)
        byline_outlet = ""
        for line in lines[:12]:
            parsed = parse_byline(line)
            if parsed and not parsed[1] and self.by_name(parsed[0]) is not None:
                parsed = ("", parsed[0])  # "By Reuters": the byline names an outlet
            if parsed and parsed[1] and not re.search(r"\d", parsed[1]):
                byline_outlet = parsed[1]
                named(byline_outlet, "byline", loose=True)
                break
        tail_start = max(0, len(lines) - 20)
        for line in lines[tail_start:]:
            m = STAFF_LINE.match(line)
            if m and (self.by_name(m.group("name"), loose=True) or _NEWSROOM.search(line)):
                named(m.group("name"), "staff line", loose=True)  # not "the hospital staff are ..."
            appeal = len(line.split()) <= 8 or _APPEAL_CONTEXT.search(line)
            for m in APPEAL_LINE.finditer(line) if appeal else ():
                known(self.by_name(m.group("name"), loose=True), "appeal line")
        newsletter = []
        for line in lines:
            m = NEWSLETTER_LINE.search(line)
            if m and self.by_name(m.group("name"), loose=True):
                newsletter.append(self.by_name(m.group("name"), loose=True))
        for outlet in newsletter[:1]:
            known(outlet, "newsletter line")
        if host:
            found = self.by_domain(host)
            site = site_domain(host)
            publisher.append((found.name, found.domain, "domain", found) if found else (site, site, "domain", None))

        # credits: whose text this page carries, from explicit credit lines; wire phrases are hints
        wire_phrases: list[tuple[str, str]] = []
        for line in lines:
            m = DATELINE_AGENCY.match(line)
            if m:
                credit(m.group("name"), "dateline")
            m = SOURCE_LINE.match(line)
            if m and len(line.split()) <= 10:
                parts = [p for p in re.split(r",|\band\b|&|/|;", m.group("name")) if p.strip()]
                named_parts = [self._prefix_outlet(p) for p in parts]
                if any(named_parts):
                    credits.extend((o.name, "source line") for o in named_parts if o)
                else:
                    credit(m.group("name"), "source line")
            m = CONTRIBUTED.match(line)
            if m:
                for part in re.split(r",|\band\b|&", m.group("name")):
                    found = self._prefix_outlet(part)
                    if found:
                        credits.append((found.name, "contributed line"))
                    elif _outlet_shaped(part):
                        credits.append((self.canonical(part), "contributed line"))
            for m in WIRE_PHRASE.finditer(line):
                found = self.by_name(m.group("name"))
                if found is not None and found.kind == "wire":
                    wire_phrases.append((found.name, "wire phrase"))
        for line in lines[tail_start:]:
            if _name_only(line) and not SOURCE_LINE.match(line):
                credit(line, "credit line", known_only=True)
        for outlet in newsletter:
            credits.append((outlet.name, "newsletter line"))
        if byline_outlet:
            credit(byline_outlet, "byline")

        name, domain, evidence, record = publisher[0] if publisher else ("", "", "", None)
        sitename = meta.get("sitename", "")
        if host and evidence == "url" and sitename and self.by_name(sitename, loose=True) == record:
            evidence = "url / og:site_name"
        elif host and evidence == "og:site_name" and (record is None or self.by_domain(host) == record):
            evidence, domain = "url / og:site_name", domain or site_domain(host)
        elif host and record is None and name and not domain:
            domain = site_domain(host)  # a publisher named by the page, at the URL's site
        seen = {name_key(name)} if name else set()
        kept_names: list[str] = []
        kept_evidence: list[str] = []
        for cname, cevidence in credits:
            key = name_key(cname)
            if key and key not in seen:
                seen.add(key)
                kept_names.append(cname)
                kept_evidence.append(cevidence)
        return OutletGuess(
            name=name, domain=domain or (record.domain if record else ""), evidence=evidence,
            credits=tuple(kept_names), credit_evidence=tuple(kept_evidence), outlet=record,
            wire_cues=tuple(dict.fromkeys(n for n, _ in wire_phrases if name_key(n) not in seen)),
        )  # fmt: skip
