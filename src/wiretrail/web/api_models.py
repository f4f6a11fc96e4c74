"""Response schemas of the JSON API, so ``/openapi.json`` documents every object.

They mirror the brief's JSON (``wiretrail.brief.data``); fields the analysis adds later
pass through (``extra="allow"``), so the API never drops data the schema does not name yet.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field


class Open(BaseModel):
    model_config = ConfigDict(extra="allow")


class SpanRef(Open):
    article: str = Field(description="Article id")
    start: int = Field(description="Character offset into the article's clean text")
    end: int


class ArticleMeta(Open):
    id: str
    url: str = ""
    outlet: str = ""
    outlet_domain: str = ""
    title: str = ""
    byline: str = ""
    published: str = Field("", description="ISO 8601; empty when unknown")
    published_precision: str = "unknown"
    language: str = "en"
    credits: list[str] = []
    copy_of: str = Field("", description="Id of the article this one copies (or 'outlet:Name'), empty when none")


class Article(ArticleMeta):
    text: str = Field("", description="Clean text; every span offset points into it")
    paragraphs: list[list[int]] = []


class Evidence(SpanRef):
    outlet: str = ""
    text: str = Field("", description="The article's words at the span")
    reading: str = Field("", description="The claim as read from them (a clause with its antecedent filled in)")
    source: str = ""
    copy_of: str = ""


class Origin(Open):
    source: str
    source_type: str
    via: list[str] = Field([], description="Intermediaries, outermost last")
    articles: list[str] = []


class ClaimGroup(Open):
    id: str
    text: str
    status: str = Field("", description="confirmed / single_origin / single_anonymous_origin / disputed / denied")
    confidence: float | None = None
    explanation: str = ""
    reports: int = 0
    outlets: list[str] = []
    independent_origins: list[Origin] = []
    contradicts: list[str] = []
    evidence: list[Evidence] = []
    importance: float | None = None


class Attribution(Open):
    id: str
    article: str
    outlet: str = ""
    source: str = ""
    source_type: str = ""
    cue: str = ""
    content: str = ""
    kind: str = ""
    intermediary: str = ""
    source_span: dict[str, Any] | None = None
    cue_span: dict[str, Any] | None = None
    content_span: dict[str, Any] | None = None


class Entity(Open):
    id: str = ""
    name: str
    type: str = ""
    aliases: list[str] = []
    lat: float | None = None
    lon: float | None = None


class Figure(Open):
    article: str = ""
    counts: str = ""
    value: float | None = None
    low: float | None = None
    high: float | None = None
    qualifier: str = ""
    source: str = ""
    as_of: str = ""
    outlet: str = ""


class Dispute(Open):
    id: str
    counts: str = ""
    scope: str = ""
    figures: list[dict[str, Any]] = []


class Event(Open):
    id: str
    event_type: str = ""
    sub_event_type: str = ""
    place: str = ""
    lat: float | None = None
    lon: float | None = None
    date: str = ""
    date_precision: str = "unknown"
    fatalities: float | None = None
    evidence: list[SpanRef] = []


class Relation(Open):
    id: str = ""
    type: str
    source: str
    target: str
    evidence: list[SpanRef] = []
    said_by: list[str] = []
    outlets: list[str] = []


class Story(Open):
    id: str
    title: str = ""
    articles: list[str] = []
    claim_groups: list[str] = []


class Copy(Open):
    copy_: str = Field("", alias="copy", description="The article that carries the text")
    original: str = ""
    share: float = 0.0
    kind: str = ""


class SourceRow(Open):
    outlet: str
    source: str
    source_type: str
    count: int


class SearchHit(Open):
    article: str
    title: str = ""
    outlet: str = ""
    snippet: str = Field("", description="Matching words wrapped in [ ]")
    score: float = 0.0


class CheckStance(Open):
    label: str = Field("", description="supports / refutes / not_covered: does the closest evidence sentence say all the claim says")
    sentence: str = ""
    coverage: float = 0.0
    unsaid: list[str] = Field([], description="the claim's content words the sentence does not have")
    unsaid_names_figures: list[str] = []
    unsaid_things: list[str] = []
    reasons: list[str] = []


class CheckMatch(Open):
    group: str = ""
    relation: str = ""
    stance: CheckStance | None = None


class CheckResult(Open):
    claim: str
    verdict: str = Field(description="Supported / Refuted / Not Enough Evidence / Conflicting Evidence/Cherrypicking")
    summary: str = ""
    matches: list[CheckMatch] = []


class AddResult(Open):
    added: list[str] = []
    unchanged: list[str] = []
    failed: list[dict[str, str]] = []
    copies: int = 0


class Summary(Open):
    title: str = ""
    start: str = ""
    end: str = ""
    articles: int = 0
    outlets: int = 0
    independent_origins: int = 0
