"""The data model: small, frozen dataclasses with character offsets.

Every record produced by a stage is one of these. They hold no live spaCy
objects, so they pickle, cross process boundaries and go into the store
unchanged (``to_dict`` / ``from_dict``). Offsets are always character offsets
into the *clean text* of the article named by ``article``.

>>> s = Span("a1b2", 0, 5)
>>> s.length
5
"""

from __future__ import annotations

import copy
import dataclasses
import functools
import hashlib
import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any, Literal, TypeVar, get_args

OutletKind = Literal[
    "wire", "newspaper", "broadcaster", "aggregator", "blog", "state_media", "ngo", "other"
]
SourceType = Literal[
    "named_person", "named_org", "media_outlet", "government_body", "anonymous", "unspecified"
]
QuoteKind = Literal["direct", "indirect", "mixed"]
CopyKind = Literal["syndicated", "partial", "quotes"]
Precision = Literal["second", "minute", "hour", "day", "week", "month", "quarter", "year", "decade", "unknown"]
Status = Literal["confirmed", "single_origin", "single_anonymous_origin", "disputed", "denied"]
RelationType = Literal[
    "backs", "allied_with", "opposes", "attacks", "asks_help_from", "demands_of", "meets"
]

SOURCE_TYPES: tuple[str, ...] = get_args(SourceType)
OUTLET_KINDS: tuple[str, ...] = get_args(OutletKind)
STATUSES: tuple[str, ...] = get_args(Status)
RELATION_TYPES: tuple[str, ...] = get_args(RelationType)

T = TypeVar("T")


class Record:
    """Mixin: plain-dict conversion that round-trips nested records."""

    def to_dict(self) -> dict[str, Any]:
        """Like ``dataclasses.asdict`` (nested records become dicts, tuples stay tuples), without its
        deep copy of every leaf: strings and numbers are shared, which is safe as records are frozen.
        An article's analysis is converted once per store write, in the process that writes."""
        return _plain(self)  # type: ignore[no-any-return]

    @classmethod
    def from_dict(cls: type[T], data: dict[str, Any]) -> T:
        return _build(cls, data)


_LEAVES = (str, int, float, bool, type(None))


@functools.cache
def _field_names(cls: type) -> tuple[str, ...]:
    return tuple(f.name for f in dataclasses.fields(cls))


def _plain(value: Any) -> Any:
    if isinstance(value, _LEAVES):
        return value
    if hasattr(type(value), "__dataclass_fields__"):
        return {name: _plain(getattr(value, name)) for name in _field_names(type(value))}
    if isinstance(value, tuple) and not hasattr(value, "_fields"):
        return tuple(_plain(v) for v in value)
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {_plain(k): _plain(v) for k, v in value.items()}
    return copy.deepcopy(value)  # anything else, as ``dataclasses.asdict`` does


def _build(cls: type, data: Any) -> Any:
    if not dataclasses.is_dataclass(cls) or not isinstance(data, dict):
        return data
    plan = _plan(cls)
    kwargs: dict[str, Any] = {}
    for name, value in data.items():
        how = plan.get(name)
        if how is None:
            continue  # a newer field we do not know: ignore, never fail
        kwargs[name] = _convert(how, value)
    return cls(**kwargs)


_NESTED: dict[str, type] = {}


@functools.cache
def _plan(cls: type) -> dict[str, tuple[type | None, bool]]:
    """For each field of ``cls``: the nested record class its annotation names (if any) and whether it
    is a tuple. Worked out once per class (reading stores converts hundreds of thousands of values)."""
    plan: dict[str, tuple[type | None, bool]] = {}
    for f in dataclasses.fields(cls):
        text = f.type if isinstance(f.type, str) else getattr(f.type, "__name__", "")
        nested = next((c for name, c in _NESTED.items() if re.search(rf"\b{name}\b", text)), None)
        plan[f.name] = (nested, text.startswith("tuple"))
    return plan


def _convert(how: tuple[type | None, bool], value: Any) -> Any:
    if value is None:
        return None
    nested, is_tuple = how
    if nested is not None:
        if isinstance(value, dict):
            return _build(nested, value)
        if isinstance(value, (list, tuple)):
            return tuple(_build(nested, v) if isinstance(v, dict) else v for v in value)
    if isinstance(value, list) and is_tuple:
        return tuple(tuple(v) if isinstance(v, list) else v for v in value)
    return value


def _nested(cls: type[T]) -> type[T]:
    _NESTED[cls.__name__] = cls
    return cls


@_nested
@dataclass(frozen=True)
class Span(Record):
    """Character offsets ``[start, end)`` into one article's clean text."""

    article: str
    start: int
    end: int

    @property
    def length(self) -> int:
        return self.end - self.start

    def text(self, clean_text: str) -> str:
        return clean_text[self.start : self.end]


@_nested
@dataclass(frozen=True)
class Outlet(Record):
    """A publisher. ``domain`` is its main web domain ("" when unknown)."""

    name: str
    domain: str = ""
    country: str = ""
    kind: str = "other"
    owner: str = ""
    domains: tuple[str, ...] = ()


@_nested
@dataclass(frozen=True)
class TimeValue(Record):
    """A point or period in time. ``value`` is ISO-8601 as far as ``precision`` allows."""

    value: str
    precision: str = "day"


@_nested
@dataclass(frozen=True)
class Article(Record):
    """One news article after ingest and cleaning."""

    id: str
    url: str
    outlet: str  # outlet name ("" when it could not be told)
    title: str
    text: str  # clean text; every Span points into it
    byline: str = ""
    dek: str = ""
    published: str = ""  # ISO-8601, "" when unknown
    published_precision: str = "unknown"
    language: str = "en"
    paragraphs: tuple[tuple[int, int], ...] = ()
    credits: tuple[str, ...] = ()  # "Reuters", "JPost", ... named as the text's source
    dateline: str = ""
    input_format: str = "txt"
    input_path: str = ""
    fingerprint: str = ""  # hash of the normalised text alone (copies share it)
    outlet_domain: str = ""
    outlet_evidence: str = ""  # how the outlet was told ("url", "byline", "leading line", ...)
    removed: tuple[str, ...] = ()  # boilerplate lines dropped by the cleaner, for audit


def normalise_text(text: str) -> str:
    """Normalise text for hashing: NFKC, lower case, single spaces, straight quotes."""
    text = unicodedata.normalize("NFKC", text).lower()
    text = text.translate(str.maketrans({"\u2019": "'", "\u2018": "'", "\u201c": '"', "\u201d": '"'}))
    return " ".join(text.split())


def article_id(text: str, url: str = "") -> str:
    """Stable id from the normalised text and the URL.

    >>> article_id("Hello  world", "http://x") == article_id("hello world", "http://x")
    True
    """
    digest = hashlib.sha256((normalise_text(text) + "\x00" + url.strip()).encode("utf-8"))
    return digest.hexdigest()[:16]


def line_key(line: str) -> str:
    """Key of one line for boilerplate counting: hash of the line, normalised.

    >>> line_key("  Read   More ") == line_key("read more")
    True
    """
    return hashlib.sha1(normalise_text(line).encode("utf-8")).hexdigest()[:16]


def text_fingerprint(text: str) -> str:
    return hashlib.sha256(normalise_text(text).encode("utf-8")).hexdigest()[:16]


@_nested
@dataclass(frozen=True)
class Mention(Record):
    """A name in an article, and the entity it resolves to (filled by linking)."""

    span: Span
    text: str
    label: str  # spaCy label: PERSON, ORG, GPE, LOC, NORP, FAC, ...
    entity: str = ""  # canonical entity id


@_nested
@dataclass(frozen=True)
class Entity(Record):
    """A canonical entity: one person, organisation or place across spellings."""

    id: str
    name: str
    type: str
    aliases: tuple[str, ...] = ()
    mentions: tuple[Span, ...] = ()
    geonameid: int | None = None
    lat: float | None = None
    lon: float | None = None
    country: str = ""


@_nested
@dataclass(frozen=True)
class Source(Record):
    """Who an attribution names."""

    text: str  # the source as written ("a security official", "he")
    type: str = "unspecified"  # one of SOURCE_TYPES
    span: Span | None = None
    descriptor: str = ""  # "a senior research fellow", "two rebel sources"
    resolved: str = ""  # full earlier mention a pronoun/description resolves to
    resolved_span: Span | None = None

    @property
    def name(self) -> str:
        return self.resolved or self.text


@_nested
@dataclass(frozen=True)
class Attribution(Record):
    """Who said what: source, cue and content, each with its span."""

    id: str
    article: str
    source: Source
    cue: str  # lemma: say, tell, according to, report, cite, write, ...
    cue_span: Span
    content: str
    content_span: Span
    kind: str = "indirect"  # direct / indirect / mixed
    intermediary: Source | None = None  # "told Elaph" -> Elaph
    parent: str = ""  # id of the enclosing attribution (nesting)
    confidence: float = 1.0


@_nested
@dataclass(frozen=True)
class Quantity(Record):
    """A figure: what it counts, its value or range, who gives it and as of when."""

    article: str
    span: Span
    counts: str  # killed, civilians killed, wounded, displaced, ...
    value: float | None
    low: float | None = None
    high: float | None = None
    qualifier: str = ""  # at least, more than, up to, about
    text: str = ""
    source: str = ""  # the attribution's source name, "" for the outlet's own voice
    attribution: str = ""  # attribution id
    as_of: str = ""
    scope: str = ""  # place / side / period the figure applies to
    rule: str = ""  # how a vague count was read ("dozens = 12 (ACLED)")


@_nested
@dataclass(frozen=True)
class TimeExpression(Record):
    span: Span
    text: str
    value: str  # TIMEX3-like value: 2024-11-30, 2024-W48, 2024-11, 2011, PRESENT_REF
    precision: str = "day"
    type: str = "DATE"


@_nested
@dataclass(frozen=True)
class Claim(Record):
    """A proposition in an article, attributed or in the outlet's own voice."""

    id: str
    article: str
    span: Span
    text: str
    attribution: str = ""  # attribution id, "" = outlet's own voice
    subject: str = ""
    predicate: str = ""
    object: str = ""
    polarity: int = 1  # 1 affirmed, -1 negated
    hedges: tuple[str, ...] = ()
    entities: tuple[str, ...] = ()
    places: tuple[str, ...] = ()
    times: tuple[str, ...] = ()
    quantities: tuple[int, ...] = ()  # indices into the article's quantities


@_nested
@dataclass(frozen=True)
class Copy(Record):
    """Article ``copy`` carries text of article ``original``."""

    copy: str
    original: str
    share: float  # share of the copy's text that comes from the original
    kind: str = "syndicated"  # syndicated / partial / quotes
    jaccard: float = 0.0
    evidence: tuple[str, ...] = ()


@_nested
@dataclass(frozen=True)
class Origin(Record):
    """The ultimate source a report rests on, with the chain that reaches it."""

    source: str
    source_type: str
    via: tuple[str, ...] = ()  # intermediaries, outermost last
    articles: tuple[str, ...] = ()


@_nested
@dataclass(frozen=True)
class Corroboration(Record):
    reports: int
    outlets: tuple[str, ...]
    origins: tuple[Origin, ...]
    strongest_source_type: str
    status: str
    confidence: float
    explanation: str
    contradicts: tuple[str, ...] = ()
    revised_by: tuple[str, ...] = ()  # groups where the same source gives another figure (not a dispute)


@_nested
@dataclass(frozen=True)
class ClaimGroup(Record):
    id: str
    text: str
    claims: tuple[str, ...]
    evidence: tuple[Span, ...] = ()
    same: tuple[tuple[str, str], ...] = ()
    contradicts: tuple[str, ...] = ()
    corroboration: Corroboration | None = None


@_nested
@dataclass(frozen=True)
class Event(Record):
    id: str
    event_type: str
    sub_event_type: str
    actor1: str = ""
    actor2: str = ""
    place: str = ""
    lat: float | None = None
    lon: float | None = None
    date: str = ""
    date_precision: str = "unknown"
    fatalities: float | None = None
    fatalities_low: float | None = None
    fatalities_high: float | None = None
    fatalities_source: str = ""
    evidence: tuple[Span, ...] = ()
    claims: tuple[str, ...] = ()
    merged_from: tuple[str, ...] = ()
    merge_reasons: tuple[str, ...] = ()


@_nested
@dataclass(frozen=True)
class Relation(Record):
    id: str
    type: str  # one of RELATION_TYPES
    source: str  # actor
    target: str  # actor
    evidence: tuple[Span, ...] = ()
    attribution: str = ""
    said_by: str = ""
    claims: tuple[str, ...] = ()


@_nested
@dataclass(frozen=True)
class Story(Record):
    id: str
    title: str
    articles: tuple[str, ...]
    claim_groups: tuple[str, ...] = ()
    start: str = ""
    end: str = ""


@dataclass(frozen=True)
class Analysis(Record):
    """Everything the per-article stages extract from one article."""

    article: str
    sentences: tuple[tuple[int, int], ...] = ()
    mentions: tuple[Mention, ...] = ()
    attributions: tuple[Attribution, ...] = ()
    claims: tuple[Claim, ...] = ()
    quantities: tuple[Quantity, ...] = ()
    times: tuple[TimeExpression, ...] = ()
    events: tuple[Event, ...] = ()
    relations: tuple[Relation, ...] = ()
    places: tuple[Entity, ...] = ()  # toponyms resolved to GeoNames, one entity per place
    skipped: str = ""  # reason the article was not analysed (e.g. non-English)
    # claim id -> what the pair judge reads in the claim (link.judge_features.SentenceFacts.to_dict),
    # read from this article's parse so that linking never parses the claim again
    claim_facts: dict[str, dict[str, Any]] = field(default_factory=dict)


# the fields of an Analysis that a store keeps, and a reader asks for, one by one (a stage that reads the
# events of 10,000 analyses then decodes their events only)
ANALYSIS_PARTS = ("sentences", "mentions", "attributions", "claims", "quantities", "times", "events", "relations",
                  "places", "claim_facts")


@dataclass(frozen=True)
class InputFailure(Record):
    """An input that could not be read: the file (or URL) and the reason."""

    path: str
    reason: str

    def __str__(self) -> str:
        return f"{self.path}: {self.reason}"


@dataclass
class AddReport(Record):
    """What ``Corpus.add`` did: articles added, unchanged, failed, copies found."""

    added: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    failed: list[InputFailure] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    copies: int = 0

    @property
    def ok(self) -> bool:
        return not self.failed
