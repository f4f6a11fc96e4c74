"""Places: find toponyms in a Doc and put them on the map with the gazetteer.

Recognition (``find_toponyms``): spaCy's GPE / LOC / FAC entities, plus NORP, PERSON
and ORG entities whose text is a well-known place name (spaCy calls "Aleppo" NORP
and "Maarat al-Numan" PERSON in war reports), plus US state abbreviations ("Ky.")
after a comma.

Resolution (``resolve_places``): every toponym gets the gazetteer's candidates for
its name; each candidate is scored with reasons, not per-document rules:

- population (log scale): a bigger place is talked about more;
- feature kind: a country or a state outranks a town of the same name when the
  name is written exactly as the country's (Georgia, Jordan), towns by population;
- how the name matched: main name > other name > same consonant skeleton;
- a qualifier right after the name ("London, Ontario", "Alexandria, La.") restricts
  the candidates to that state or country;
- the article's context: countries and states the article names, and those of its
  other places (each place votes for its country and its first-level region);
- nearby places: after a first pass, a candidate within 200 km of another place of
  the article gains (local news names neighbouring towns); this is repeated, one
  mention at a time against the others' latest places, until nothing moves.

>>> gaz = Gazetteer.load()                                         # doctest: +SKIP
>>> text = "Rebels entered Idlib and Aleppo."
>>> m = [Mention(Span("a", 15, 20), "Idlib", "GPE"), Mention(Span("a", 25, 31), "Aleppo", "GPE")]
>>> [(r.text, r.country) for r in resolve_places(m, text, gaz)]  # doctest: +SKIP
[('Idlib', 'SY'), ('Aleppo', 'SY')]
"""

from __future__ import annotations

import logging
import math
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from spacy.tokens import Doc

from wiretrail.extract.entities import trim_span
from wiretrail.extract.gazetteer import (
    KIND_RANK,
    STATE_ABBREVIATIONS,
    Gazetteer,
    Match,
    Place,
    haversine_km,
    name_key,
)
from wiretrail.model import Entity, Mention, Record, Span

log = logging.getLogger(__name__)

PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
MAYBE_PLACE_LABELS = frozenset({"NORP", "PERSON", "ORG"})
GENERIC_SUFFIX = re.compile(
    r"\s+(?:province|governorate|city|town|village|countryside|region|district|area|state)$", re.I
)
NEAR_KM = 200.0


@dataclass(frozen=True)
class PlaceContext:
    """What is known about an article beyond its text: e.g. the outlet's country (ISO-2)."""

    countries: tuple[str, ...] = ()


@dataclass(frozen=True)
class PlaceResolution(Record):
    """A toponym on the map: the mention's span and the place chosen, with the reason."""

    span: Span
    text: str
    geonameid: int
    name: str
    lat: float
    lon: float
    country: str
    kind: str
    admin1: str = ""
    score: float = 0.0
    reason: str = ""


@dataclass(frozen=True)
class Weights:
    """Scoring weights, in units of "a factor of ten in population".

    Set by reasoning (module docstring), then checked one at a time on the LGL and
    GeoVirus development files: the context weights (country 3 -> 4.5, region
    3 -> 5, nearby 2.5 -> 4) and the adm1 prior (2.5 -> 1) were moved where both
    files agreed or one gained without the other losing; a full coordinate search on
    LGL alone wanted population 0, which cost GeoVirus 3 points, and was not taken.
    Later (issue 4): ``rounds`` re-places each name against the others' latest places
    (LGL +0.5 points, GeoVirus -0.05); ``region_support`` and a stronger ``distance``
    (1.5) were tried and left out: each helped one file and cost the other.
    Nothing is fitted per document."""

    population: float = 1.0  # per factor of 10 people
    kind: tuple[float, ...] = (3.0, 4.0, 1.0, 0.0, 0.0)  # continent, country, adm1, adm2, city
    tier: tuple[float, ...] = (0.0, -2.0, -4.0)  # main name, other name, skeleton
    qualifier: float = 12.0
    country_context: float = 4.5
    region_context: float = 5.0
    region_support: float = 0.0  # per other name with a candidate in the region; 0.5-3 tried: no gain on either file
    near: float = 4.0
    outside_region: float = -1.0
    distance: float = 1.0  # per factor of 10 km to the nearest other place of the article
    rounds: int = 3  # passes placing each name against the others' places
    neighbour: float = 0.25  # share a neighbour of a context country gets (Gaza near Israel)


def find_toponyms(doc: Doc, article_id: str, gazetteer: Gazetteer) -> list[Mention]:
    """Toponym mentions in ``doc``: spaCy place entities, plus entities of other labels
    and state abbreviations that the gazetteer knows as places.

    >>> [m.text for m in find_toponyms(parse(nlp, "He lives in Paris, Ky."), "a", gaz)]  # doctest: +SKIP
    ['Paris', 'Ky.']
    """
    out: list[Mention] = []
    taken: list[tuple[int, int]] = []
    for ent in doc.ents:
        if ent.label_ not in PLACE_LABELS | MAYBE_PLACE_LABELS:
            continue
        trimmed = trim_span(ent)
        if trimmed is None:
            continue
        start, end = trimmed
        text = doc.text[start:end]
        if ent.label_ in MAYBE_PLACE_LABELS and not (
            _known_place(text, ent.label_, gazetteer)
            or (_place_context(doc.text, start, taken) and gazetteer.lookup(text))
        ):
            continue
        if ent.label_ == "GPE" and not gazetteer.lookup(text) and not _COUNTY.fullmatch(text):
            continue  # spaCy's GPE for a surname or a firm ("Pawlenty", "Petrojet")
        out.append(Mention(Span(article_id, start, end), text, ent.label_))
        taken.append((start, end))
    out.extend(_unlabelled_places(doc, article_id, gazetteer, taken))
    for m in re.finditer(r"(?<=, )(?:[A-Z][a-z]{0,4}\.|[A-Z]\.\s?[A-Z][a-z]?\.)", doc.text):
        if m.group(0) in STATE_ABBREVIATIONS and not any(s < m.end() and m.start() < e for s, e in taken):
            out.append(Mention(Span(article_id, m.start(), m.end()), m.group(0), "GPE"))
    return sorted(out, key=lambda m: m.span.start)


_COUNTY = re.compile(r"(?<![\w.])(?:(?:Mc|Mac|De|La)?[A-Z][a-z]+ ){1,2}(?:County|Parish|Borough|Township)\b")
_CAPITALISED = re.compile(r"\b[A-Z][a-z]+(?:[ -][A-Z][a-z]+){0,2}\b")


def _unlabelled_places(doc: Doc, article_id: str, gazetteer: Gazetteer,
                       taken: list[tuple[int, int]]) -> list[Mention]:
    """Places spaCy left untagged: "X County" / "X Parish", and capitalised names that
    are a country or a state by its main name, or a town followed by its state
    ("Fargo, N.D.") or after "in" / "near" (a town of 20,000 or more)."""
    text = doc.text
    out: list[Mention] = []

    def free(start: int, end: int) -> bool:
        return not any(s < end and start < e for s, e in taken)

    for m in _COUNTY.finditer(text):
        if free(m.start(), m.end()):
            out.append(Mention(Span(article_id, m.start(), m.end()), m.group(0), "GPE"))
            taken.append((m.start(), m.end()))
    taken.extend((e.start_char, e.end_char) for e in doc.ents)  # names spaCy did label
    for m in _CAPITALISED.finditer(text):
        start, end = m.start(), m.end()
        if not free(start, end):
            continue
        token = doc.char_span(start, end, alignment_mode="expand")
        if token is None or token[0].is_stop or token[0].lower_ in doc.vocab.strings and token[0].is_lower:
            continue
        matches = [x for x in gazetteer.lookup(m.group(0), fuzzy=False) if x.tier == 0]
        if not matches:
            continue
        big = any(x.place.kind in {"country", "adm1"} for x in matches)
        if not big:
            qualified = _qualifier(Mention(Span(article_id, start, end), m.group(0), "GPE"), text, gazetteer)
            located = _LOCATIVE.search(text[max(0, start - 40):start]) is not None
            if not (qualified or (located and max(x.place.population for x in matches) >= 20_000)):
                continue
        out.append(Mention(Span(article_id, start, end), m.group(0), "GPE"))
        taken.append((start, end))
    return out


_LOCATIVE = re.compile(
    r"(?:\b(?:city|town|village|province|governorate|district|region|outskirts|countryside) of"
    r"|\b(?:in|near|outside|around|towards?|into|from|at|including)) $", re.I)


def _place_context(text: str, start: int, places: list[tuple[int, int]]) -> bool:
    """Words before a name that make it a place: "the city of X", "in X", or a
    coordination with a place just found ("Khan Sheikhun and X", "Aleppo, X")."""
    before = text[max(0, start - 40):start]
    if _LOCATIVE.search(before):
        return True
    return any(0 <= start - end <= 6 and re.fullmatch(r",? (?:and |or )?|, ", text[end:start])
               for _, end in places)


def _known_place(text: str, label: str, gazetteer: Gazetteer) -> bool:
    """A NORP / PERSON / ORG entity that is in fact a place: a country, a demonym
    (NORP only), a region, or a town of 50,000 or more under that exact name."""
    for match in gazetteer.lookup(text, fuzzy=False):
        if match.tier == 1 and label == "NORP" and match.place.kind == "country":
            return True  # "Turkish", "Syrian"
        if match.tier == 0 and match.place.kind in {"country", "adm1", "continent"}:
            return True
        if match.tier == 0 and label != "PERSON" and match.place.population >= 50_000:
            return True  # a person named like a town ("Sanford") needs "in" / "near" before
    return False


def resolve_places(
    mentions: Sequence[Mention],
    text: str,
    gazetteer: Gazetteer,
    context: PlaceContext | None = None,
    weights: Weights | None = None,
) -> list[PlaceResolution]:
    """Resolve place mentions to gazetteer entries (one result per resolvable mention).

    ``mentions`` are toponyms (from ``find_toponyms``, or given); ``text`` is the
    article's clean text (read for "Town, State" qualifiers).
    """
    weights = weights or Weights()
    context = context or PlaceContext()
    candidates = [_candidates(m.text, gazetteer) for m in mentions]
    qualifiers = [_qualifier(m, text, gazetteer) for m in mentions]
    # one sense per discourse: "Paris, Tenn." once qualifies every later bare "Paris"
    named: dict[str, Place] = {}
    for mention, qualifier in zip(mentions, qualifiers):
        if qualifier is not None:
            named.setdefault(name_key(mention.text), qualifier)
    qualifiers = [q or named.get(name_key(m.text)) for m, q in zip(mentions, qualifiers)]

    # context votes: each mention votes for the countries / regions of its candidates,
    # sharply for names that are unambiguous; a name never votes for itself
    base_countries: Counter = Counter({c: 2.0 for c in context.countries})
    by_name: dict[str, tuple[Counter, Counter]] = {}
    for mention, cands in zip(mentions, candidates):
        countries, regions = by_name.setdefault(name_key(mention.text), (Counter(), Counter()))
        for share, match in _first_pass(cands, weights):
            if match.place.country:
                countries[match.place.country] += share
            if match.place.admin1:
                regions[match.place.region] += share
    all_countries = sum((c for c, _ in by_name.values()), base_countries.copy())
    all_regions = sum((r for _, r in by_name.values()), Counter())
    contexts = []
    for mention in mentions:
        own_countries, own_regions = by_name[name_key(mention.text)]
        contexts.append((all_countries - own_countries, all_regions - own_regions))
    support = _region_support(mentions, candidates)
    contexts = [(c, r, support.get(name_key(m.text), {})) for m, (c, r) in zip(mentions, contexts)]
    first = [_pick(c, q, *ctx, None, weights, gazetteer)
             for c, q, ctx in zip(candidates, qualifiers, contexts)]
    # then each mention is placed against the others' current places, again until
    # nothing changes: a first guess made without neighbours (Walker County, Alabama)
    # must not keep pulling a homonym (Huntsville) once it has moved itself
    # (one mention at a time, each seeing the latest places: updating all at once
    # lets two homonyms swap senses forever)
    final = list(first)
    for _ in range(weights.rounds):
        previous = [p and p[0] for p in final]
        for i, (mention, cands, qualifier, ctx) in enumerate(zip(mentions, candidates, qualifiers, contexts)):
            own = name_key(mention.text)
            others = [p[0] for m, p in zip(mentions, final) if p is not None and name_key(m.text) != own]
            final[i] = _pick(cands, qualifier, *ctx, others, weights, gazetteer)
        if [p and p[0] for p in final] == previous:
            break
    out: list[PlaceResolution] = []
    for mention, pick in zip(mentions, final):
        if pick is None:
            continue
        place, score, reason = pick
        out.append(PlaceResolution(mention.span, mention.text, place.geonameid, place.name, place.lat,
                                   place.lon, place.country, place.kind, place.admin1, round(score, 3),
                                   reason))
    return out


def _candidates(name: str, gazetteer: Gazetteer) -> list[Match]:
    found = gazetteer.lookup(name)
    if not found:
        bare = GENERIC_SUFFIX.sub("", name.strip())
        if bare != name.strip():
            found = gazetteer.lookup(bare)
    return found[:60]  # the 60 likeliest by name tier and population


def _qualifier(mention: Mention, text: str, gazetteer: Gazetteer) -> Place | None:
    """The state or country named right after ", " ("Alexandria, La.", "London, Ontario")."""
    after = text[mention.span.end: mention.span.end + 40]
    m = re.match(r",\s*((?:[A-Z][\w.'-]*\.?)(?:\s+[A-Z][\w.'-]*)?)", after)
    if not m:
        return None
    for guess in (m.group(1), m.group(1).split()[0]):
        guess = guess.rstrip(",")
        for match in gazetteer.lookup(guess, fuzzy=False)[:5]:
            if match.tier == 0 and match.place.kind in {"country", "adm1"}:
                return match.place
            if guess in STATE_ABBREVIATIONS and match.place.kind == "adm1":
                return match.place
    return None


def _base_score(match: Match, weights: Weights) -> float:
    place = match.place
    return (weights.population * math.log10(place.population + 10)
            + weights.kind[KIND_RANK[place.kind]] + weights.tier[match.tier])


def _first_pass(cands: list[Match], weights: Weights) -> list[tuple[float, Match]]:
    """Soft votes: each candidate's share of the mention, by softmax over base scores."""
    if not cands:
        return []
    scores = [_base_score(m, weights) for m in cands[:20]]
    top = max(scores)
    exp = [math.exp(s - top) for s in scores]
    total = sum(exp)
    return [(e / total, m) for e, m in zip(exp, cands[:20]) if e / total > 0.05]


def _region_support(mentions: Sequence[Mention], candidates: list[list[Match]]) -> dict[str, Counter]:
    """For each name, how many *other* names of the article have a candidate in each
    first-level region, each name counting 1 / (number of regions it could be in):
    "Paris" and "Henry County" both have a Tennessee sense, and a name with one
    possible region weighs more than one found in twenty states."""
    regions_of: dict[str, set[tuple[str, str]]] = {}
    for mention, cands in zip(mentions, candidates):
        regions = regions_of.setdefault(name_key(mention.text), set())
        regions.update(m.place.region for m in cands if m.place.admin1)
    per_name = {name: Counter({r: 1.0 / len(regions) for r in regions})
                for name, regions in regions_of.items() if regions}
    total = sum(per_name.values(), Counter())
    return {name: total - own for name, own in per_name.items()}


def _pick(
    cands: list[Match],
    qualifier: Place | None,
    country_votes: Counter,
    region_votes: Counter,
    support: dict,
    chosen: list[Place] | None,
    weights: Weights,
    gazetteer: Gazetteer | None = None,
) -> tuple[Place, float, str] | None:
    if not cands:
        return None
    total_country = sum(country_votes.values()) or 1.0
    total_region = sum(region_votes.values()) or 1.0
    best: tuple[float, Place, str] | None = None
    for match in cands:
        place = match.place
        score = _base_score(match, weights)
        reasons = [f"{place.kind} pop {place.population}", f"tier {match.tier}"]
        if qualifier is not None:
            if _within(place, qualifier):
                score += weights.qualifier
                reasons.append(f"qualified by {qualifier.name}")
            elif place != qualifier:
                score += weights.outside_region
        if place.country:
            share = country_votes[place.country] / total_country
            if gazetteer is not None:  # a neighbour of the article's countries counts half
                share += weights.neighbour * sum(country_votes[c] for c in gazetteer.neighbours.get(place.country, ())
                                   ) / total_country
            score += weights.country_context * min(share, 1.0)
            if share > 0.2:
                reasons.append(f"article context {place.country} {share:.2f}")
        if place.kind in {"city", "adm2"} and place.admin1:
            share = region_votes[place.region] / total_region
            score += weights.region_context * share
            backing = support.get(place.region, 0.0)
            if backing:
                score += weights.region_support * min(backing, 2.0)
                if backing >= 0.5:
                    reasons.append(f"{backing:.1f} other names fit {place.admin1}")
        if chosen:
            distances = [haversine_km(place.lat, place.lon, o.lat, o.lon) for o in chosen]
            closest = min(distances)
            score -= weights.distance * math.log10(1 + closest)
            if closest <= NEAR_KM:
                reasons.append(f"{closest:.0f} km from another place of the article")
            if place.kind in {"city", "adm2"}:
                near = sum(1 for o, d in zip(chosen, distances) if d <= NEAR_KM and o.kind in {"city", "adm2"})
                if near:
                    score += weights.near * min(near, 3) / 3
                    reasons.append(f"{near} places nearby")
        if best is None or score > best[0]:
            best = (score, place, "; ".join(reasons))
    assert best is not None
    return best[1], best[0], best[2]


def _within(place: Place, region: Place) -> bool:
    if region.kind == "country":
        return place.country == region.country and place.kind != "country"
    return place.country == region.country and place.admin1 == region.admin1 and place.kind != "adm1"


def place_entities(resolutions: Iterable[PlaceResolution]) -> list[Entity]:
    """Group resolutions by place into ``Entity`` records (aliases: the spellings seen)."""
    groups: dict[tuple, list[PlaceResolution]] = {}
    for r in resolutions:
        groups.setdefault((r.geonameid, r.name, r.country, round(r.lat, 3), round(r.lon, 3)), []).append(r)
    out = []
    for (gid, name, country, _, _), rs in groups.items():
        key = f"{gid or name}-{country}"
        out.append(Entity(id=f"place-{key}", name=name, type="GPE",
                          aliases=tuple(sorted({r.text for r in rs})),
                          mentions=tuple(r.span for r in rs), geonameid=gid or None,
                          lat=rs[0].lat, lon=rs[0].lon, country=country))
    return out
