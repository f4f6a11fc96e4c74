"""The per-article stages: parse, then every extractor, into one ``Analysis``.

A ``Pipeline`` holds what the stages need loaded once (the spaCy pipeline, the
gazetteer); the stages themselves are pure functions in ``wiretrail.extract``.
One extractor failing on one article is logged and recorded in
``Analysis.skipped``; it never stops the article or the batch.

>>> pipe = Pipeline.load()                     # doctest: +SKIP
>>> analysis = pipe.analyse(article)           # doctest: +SKIP
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from typing import Any, TypeVar

from spacy.language import Language
from spacy.tokens import Doc

from wiretrail.model import Analysis, Article, Claim
from wiretrail.nlp import load_nlp, parse_many, sentences
from wiretrail.settings import Settings

log = logging.getLogger(__name__)

ANALYSIS_VERSION = 2
T = TypeVar("T")


@dataclass
class Pipeline:
    nlp: Language
    settings: Settings = field(default_factory=Settings)
    gazetteer: Any = None  # places (extract.places.Gazetteer)
    event_gazetteer: Any = None  # what extract.events resolves event places with

    @classmethod
    def load(cls, settings: Settings | None = None) -> Pipeline:
        from wiretrail.extract.events import get_gazetteer
        from wiretrail.extract.places import Gazetteer

        return cls(
            nlp=load_nlp(), settings=settings or Settings(), gazetteer=Gazetteer.load(), event_gazetteer=get_gazetteer()
        )

    def analyse(self, article: Article) -> Analysis:
        return next(self.analyse_many([article]))

    def analyse_many(self, articles: Iterable[Article]) -> Iterator[Analysis]:
        """Analyse articles in batches; non-English ones are stored with a reason."""
        articles = list(articles)
        english = [a for a in articles if a.language in ("en", "und")]
        limit = self.settings.max_analysis_chars
        docs = parse_many(self.nlp, (a.text[:limit] for a in english), batch_size=self.settings.batch_size)
        by_id = {a.id: doc for a, doc in zip(english, docs)}
        for art in articles:
            doc = by_id.get(art.id)
            if doc is None:
                yield Analysis(article=art.id, skipped=f"language {art.language!r}: full analysis is English-only")
                continue
            note = f"analysed the first {limit} characters only" if len(art.text) > limit else ""
            yield self.extract(art, doc, note)

    def places(self, doc: Doc, art: Article) -> list:
        """The article's toponyms resolved on the map, grouped one entity per place."""
        from wiretrail.extract.places import find_toponyms, place_entities, resolve_places

        toponyms = find_toponyms(doc, art.id, self.gazetteer)
        return place_entities(resolve_places(toponyms, art.text, self.gazetteer))

    def extract(self, art: Article, doc: Doc, note: str = "") -> Analysis:
        from wiretrail.extract.attribution import extract_attributions
        from wiretrail.extract.claims import extract_claims
        from wiretrail.extract.entities import extract_mentions
        from wiretrail.extract.events import extract_events
        from wiretrail.extract.quantities import extract_quantities
        from wiretrail.extract.relations import extract_relations
        from wiretrail.extract.times import extract_times

        problems: list[str] = [note] if note else []

        def run(stage: str, fn: Callable[..., Sequence[T]], *args: Any, **kw: Any) -> tuple[T, ...]:
            try:
                return tuple(fn(*args, **kw))
            except Exception as exc:  # fail soft inside: one stage, one article
                log.warning("%s: %s failed on article %s: %s", art.input_path or art.url, stage, art.id, exc)
                log.debug("traceback", exc_info=True)
                problems.append(f"{stage} failed: {type(exc).__name__}: {exc}")
                return ()

        mentions = run("entities", extract_mentions, doc, art.id)
        attributions = run("attribution", extract_attributions, doc, art.id)
        claims = run("claims", extract_claims, doc, art.id, attributions)
        times = run("times", extract_times, doc, art.id, art.published)
        quantities = run(
            "quantities", extract_quantities, doc, art.id, attributions=attributions, times=times, published=art.published
        )
        events = run(
            "events", extract_events, doc, art.id, published=art.published, attributions=attributions,
            gazetteer=self.event_gazetteer,
        )
        relations = run("relations", extract_relations, doc, art.id, attributions=attributions)
        places = run("places", self.places, doc, art)
        facts = run("claim facts", lambda: claim_facts(self.nlp, doc, claims).items())
        return Analysis(
            article=art.id,
            sentences=tuple(sentences(doc)),
            mentions=mentions,
            attributions=attributions,
            claims=claims,
            quantities=quantities,
            times=times,
            events=events,
            relations=relations,
            places=places,
            skipped="; ".join(problems),
            claim_facts=dict(facts),
        )


def claim_facts(nlp: Language, doc: Doc, claims: Sequence[Claim]) -> dict[str, dict[str, Any]]:
    """What the pair judge reads in each claim worth grouping (``SentenceFacts.to_dict``), by claim id.

    A claim whose text is the article's words at its span is read from the article's own parse (the
    span); a claim whose text is a reading of those words ("Thala, which DLF fighters captured" ->
    "DLF fighters captured Thala") is parsed on its own, as the judge would parse it.
    """
    from wiretrail.link.claimgroups import groupable
    from wiretrail.link.judge_features import one_line, sentence_facts

    out: dict[str, dict[str, Any]] = {}
    readings: dict[str, list[str]] = {}  # one-line text -> ids of the claims that read so
    text = doc.text
    for claim in claims:
        if not groupable(claim):
            continue
        line = one_line(claim.text)
        span = None
        if claim.text == text[claim.span.start:claim.span.end]:
            span = doc.char_span(claim.span.start, claim.span.end, alignment_mode="expand")
        if span is None:
            readings.setdefault(line, []).append(claim.id)
            continue
        out[claim.id] = replace(sentence_facts(span), text=line).to_dict()
    for line, parsed in zip(readings, parse_many(nlp, readings)):
        record = sentence_facts(parsed).to_dict()
        out.update((cid, record) for cid in readings[line])
    return out
