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

Candidates (``candidates``): exact names first; a name the gazetteer lacks is tried
as news shortens or extends it (a region's name without "County" / "Sheng", "Co.",
"Swat Valley", "North Dallas" for a city's district) and as a demonym ("Ohioans").
A name still unknown is placed at the article's focus (``article_focus``: the town
with most of the article's towns within 161 km), marked kind ``"approximate"``.

The weights (``Weights``) are set by reasoning; ``scripts/train_places_ranker.py``
fits them as a ranker over the same ``FEATURES``, and ``default_weights`` uses a
shipped fit (``models/places_ranker.json``) only where one is present: trained on
one corpus and measured on the other, the fit lost to the set weights (LGL ->
GeoVirus 0.850 vs 0.857; GeoVirus -> LGL 0.789 vs 0.862), so none is shipped.

>>> gaz = Gazetteer.load()                                         # doctest: +SKIP
>>> text = "Rebels entered Idlib and Aleppo."
>>> m = [Mention(Span("a", 15, 20), "Idlib", "GPE"), Mention(Span("a", 25, 31), "Aleppo", "GPE")]
>>> [(r.text, r.country) for r in resolve_places(m, text, gaz)]  # doctest: +SKIP
[('Idlib', 'SY'), ('Aleppo', 'SY')]
"""

from __future__ import annotations

import json
import logging
import math
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

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
FOCUS_KM = 161.0
DISTRICTS_FROM = 100_000  # people in a city whose parts news names by direction ("North Dallas")
APPROXIMATE = "approximate"  # kind of a name placed at its article's focus (not a gazetteer entry)


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
    learned: tuple[float, ...] = ()  # weights of ``FEATURES`` from a trained ranker, if any

    def vector(self) -> tuple[float, ...]:
        """Weights of ``FEATURES``: the learned ones, else the ones set above."""
        if self.learned:
            return self.learned
        return (self.population, *self.kind, self.tier[1] - self.tier[0], self.tier[2] - self.tier[0],
                self.qualifier, self.outside_region, self.country_context, self.region_context,
                self.region_support, -self.distance, self.near, 0.0, 0.0, 0.0)


RANKER_FILE = Path(__file__).resolve().parent.parent / "models" / "places_ranker.json"


@lru_cache(maxsize=1)
def default_weights() -> Weights:
    """The weights ``resolve_places`` uses: the trained ranker's (``RANKER_FILE``, made by
    ``scripts/train_places_ranker.py``) where it is shipped, else ``Weights()``."""
    try:
        model = json.loads(RANKER_FILE.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return Weights()
    except (OSError, ValueError) as exc:
        log.warning("%s: unreadable place ranker, using the set weights: %s", RANKER_FILE, exc)
        return Weights()
    if tuple(model.get("features", ())) != FEATURES or len(model.get("weights", ())) != len(FEATURES):
        log.warning("%s: made for other features, using the set weights", RANKER_FILE)
        return Weights()
    return Weights(learned=tuple(float(w) for w in model["weights"]))


def find_toponyms(doc: Doc, article_id: str, gazetteer: Gazetteer) -> list[Mention]:
    """Toponym mentions in ``doc``: spaCy place entities, plus entities of other labels
    and state abbreviations that the gazetteer knows as places.

    >>> [m.text for m in find_toponyms(parse(nlp, "He lives in Paris, Ky."), "a", gaz)]  # doctest: +SKIP
    ['Paris', 'Ky.']
    """
    out: list[Mention] = []
    taken: list[tuple[int, int]] = []
    doc_text = doc.text  # spaCy joins every token on each access: read it once
    for ent in doc.ents:
        if ent.label_ not in PLACE_LABELS | MAYBE_PLACE_LABELS:
            continue
        trimmed = trim_span(ent)
        if trimmed is None:
            continue
        start, end = trimmed
        text = doc_text[start:end]
        if ent.label_ in MAYBE_PLACE_LABELS and not (
            _known_place(text, ent.label_, gazetteer)
            or (_place_context(doc_text, start, taken) and gazetteer.lookup(text))
        ):
            continue
        if ent.label_ == "GPE" and not gazetteer.lookup(text) and not _COUNTY.fullmatch(text):
            continue  # spaCy's GPE for a surname or a firm ("Pawlenty", "Petrojet")
        out.append(Mention(Span(article_id, start, end), text, ent.label_))
        taken.append((start, end))
    out.extend(_unlabelled_places(doc, article_id, gazetteer, taken))
    for m in re.finditer(r"(?<=, )(?:[A-Z][a-z]{0,4}\.|[A-Z]\.\s?[A-Z][a-z]?\.)", doc_text):
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
    fallback: bool = True,
) -> list[PlaceResolution]:
    """Resolve place mentions to gazetteer entries (one result per resolvable mention).

    ``mentions`` are toponyms (from ``find_toponyms``, or given); ``text`` is the
    article's clean text (read for "Town, State" qualifiers). With ``fallback``, a
    name the gazetteer lacks is placed at the article's focus (``article_focus``),
    with kind ``"approximate"``, geonameid 0 and the reason saying so.
    """
    weights = weights or default_weights()
    final = _settle(mentions, text, gazetteer, context or PlaceContext(), weights)[-1]
    out: list[PlaceResolution] = []
    focus = article_focus([p[0] for p in final if p is not None]) if fallback else None
    for mention, pick in zip(mentions, final):
        if pick is None:
            if focus is not None:  # a name no gazetteer holds: local news names local places
                out.append(PlaceResolution(mention.span, mention.text, 0, mention.text, focus.lat, focus.lon,
                                           focus.country, APPROXIMATE, focus.admin1, 0.0,
                                           f"not in the gazetteer: placed at the article's focus, {focus.name}"))
            continue
        place, score, reason = pick
        out.append(PlaceResolution(mention.span, mention.text, place.geonameid, place.name, place.lat,
                                   place.lon, place.country, place.kind, place.admin1, round(score, 3),
                                   reason))
    return out


def _settle(mentions: Sequence[Mention], text: str, gazetteer: Gazetteer, context: PlaceContext,
            weights: Weights) -> tuple[list, list, list, list]:
    """Candidates, qualifiers, context votes and the settled pick of every mention."""
    candidates_of = [candidates(m.text, gazetteer) for m in mentions]
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
    for mention, cands in zip(mentions, candidates_of):
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
    support = _region_support(mentions, candidates_of)
    contexts = [(c, r, support.get(name_key(m.text), {})) for m, (c, r) in zip(mentions, contexts)]
    first = [_pick(c, q, *ctx, None, weights, gazetteer)
             for c, q, ctx in zip(candidates_of, qualifiers, contexts)]
    # then each mention is placed against the others' current places, again until
    # nothing changes: a first guess made without neighbours (Walker County, Alabama)
    # must not keep pulling a homonym (Huntsville) once it has moved itself
    # (one mention at a time, each seeing the latest places: updating all at once
    # lets two homonyms swap senses forever)
    final = list(first)
    for _ in range(weights.rounds):
        previous = [p and p[0] for p in final]
        for i, (mention, cands, qualifier, ctx) in enumerate(zip(mentions, candidates_of, qualifiers, contexts)):
            own = name_key(mention.text)
            others = [p[0] for m, p in zip(mentions, final) if p is not None and name_key(m.text) != own]
            final[i] = _pick(cands, qualifier, *ctx, others, weights, gazetteer)
        if [p and p[0] for p in final] == previous:
            break
    return candidates_of, qualifiers, contexts, final


def article_focus(places: Sequence[Place]) -> Place | None:
    """The place an article is about, for names the gazetteer lacks: the town or
    district with the most of the article's other towns and districts within 161 km
    (the earliest on a tie), else its first region, else its first country.

    >>> article_focus([Place(1, "Athens", 33.96, -83.38, "US", 127064, "city", "Georgia")]).name
    'Athens'
    """
    for kinds in ({"city", "adm2"}, {"adm1"}, {"country"}):
        local = [p for p in places if p.kind in kinds]
        if local:
            return max(local, key=lambda p: (
                sum(haversine_km(p.lat, p.lon, o.lat, o.lon) <= FOCUS_KM for o in local),
                -local.index(p)))
    return None


def candidates(name: str, gazetteer: Gazetteer) -> list[Match]:
    """The gazetteer's candidates for a toponym, the 60 likeliest by name tier and population.

    Exact names first; a name the gazetteer does not hold is tried as news shortens or
    extends it: without a generic word ("Idlib province", "Swat Valley", "Lake Erie"),
    without a direction ("North Dallas", "Western Europe"), "Co." as "County", or as a
    demonym of a country or region ("Minnesotans", "Abkhaz"); then by consonant skeleton.
    """
    found = gazetteer.lookup(name, fuzzy=False)
    if not found:
        for variant in _name_variants(name.strip()):
            found = [Match(m.place, 1) for m in gazetteer.lookup(variant, fuzzy=False) if m.tier == 0]
            if _DIRECTION.match(name) and not _DIRECTION.match(variant):
                # "North Dallas" is a part of a city; "Northern Europe" lies far from Europe's middle
                found = [m for m in found if m.place.kind == "city" and m.place.population >= DISTRICTS_FROM]
            if found:
                break
    if not found:
        found = _demonym_places(name_key(name), gazetteer)
    if not found:
        found = gazetteer.lookup(name)
    return found[:60]


_DIRECTION = re.compile(
    r"^(?:(?:north|south)(?:-?(?:east|west))?(?:ern)?|east(?:ern)?|west(?:ern)?|central|upper|lower|greater|"
    r"downtown|metro|suburban|rural|inner|outer)\s+", re.I)
_FEATURE_HEAD = re.compile(r"^(?:lake|mount|mt\.?|isle of)\s+", re.I)
_FEATURE_TAIL = re.compile(
    r"\s+(?:valley|mountains?|hills|islands?|river|basin|delta|coast|peninsula|bay|sea|lake|plains?|"
    r"metropolitan area|metro area|area|region|county seat)$", re.I)


def _name_variants(name: str) -> list[str]:
    """Other ways to write a name the gazetteer lacks (see ``candidates``), likeliest first."""
    out = []
    bare = GENERIC_SUFFIX.sub("", name)
    if bare != name:
        out.append(bare)
    if re.search(r"\s+Co\.?$", name):
        out.append(re.sub(r"\s+Co\.?$", " County", name))
    for pattern in (_FEATURE_TAIL, _FEATURE_HEAD, _DIRECTION):
        stripped = pattern.sub("", name)
        if stripped != name and len(stripped) >= 4:
            out.append(stripped)
            out.extend(v for v in _name_variants(stripped) if v not in out)
    return out


_DEMONYM_ENDINGS = ("ians", "ans", "ian", "an", "ese", "ers", "er", "ites", "ite", "is", "i", "ns", "n", "s", "")


def _demonym_places(key: str, gazetteer: Gazetteer) -> list[Match]:
    """Countries, regions and continents a demonym-like word names: the word less a
    demonym ending is the start of the place's name, a few letters short of it
    ("ohioans" -> Ohio, "minnesotans" -> Minnesota, "african" -> Africa) or its first
    word ("saudi" -> Saudi Arabia)."""
    if len(key) < 4 or " " in key:
        return []
    for ending in _DEMONYM_ENDINGS:
        if not key.endswith(ending):
            continue
        stem = key[: len(key) - len(ending)]
        if len(stem) < 4:
            continue
        hits = [Match(place, 1) for k, place in gazetteer.large_places()
                if k.startswith(stem) and ((len(k) - len(stem) <= 3 and " " not in k[len(stem):])
                                           or (len(stem) >= 5 and k.startswith(stem + " ")))]
        if hits:
            return sorted(hits, key=lambda m: -m.place.population)
    return []


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


FEATURES = (
    "population", "continent", "country", "adm1", "adm2", "city", "other_name", "skeleton", "qualified",
    "outside_qualifier", "country_context", "region_context", "region_support", "log_distance", "nearby",
    "most_populous", "in_named_region", "in_named_country",
)


def _features(
    match: Match,
    qualifier: Place | None,
    country_votes: Counter,
    region_votes: Counter,
    support: dict,
    chosen: list[Place] | None,
    weights: Weights,
    gazetteer: Gazetteer | None,
    top_population: int,
) -> tuple[list[float], list[str]]:
    """The candidate's values of ``FEATURES`` (see ``Weights``) and the reasons they give."""
    place = match.place
    kind = KIND_RANK[place.kind]
    f = [math.log10(place.population + 10), *(float(kind == k) for k in range(5)),
         float(match.tier == 1), float(match.tier == 2)] + [0.0] * 10
    reasons = [f"{place.kind} pop {place.population}", f"tier {match.tier}"]
    if qualifier is not None:
        if _within(place, qualifier):
            f[8] = 1.0
            reasons.append(f"qualified by {qualifier.name}")
        elif place != qualifier:
            f[9] = 1.0
    total_country = sum(country_votes.values()) or 1.0
    if place.country:
        share = country_votes[place.country] / total_country
        if gazetteer is not None:  # a neighbour of the article's countries counts a quarter
            share += weights.neighbour * sum(
                country_votes[c] for c in gazetteer.neighbours.get(place.country, ())) / total_country
        f[10] = min(share, 1.0)
        if share > 0.2:
            reasons.append(f"article context {place.country} {share:.2f}")
    local = place.kind in {"city", "adm2"}
    if local and place.admin1:
        f[11] = region_votes[place.region] / (sum(region_votes.values()) or 1.0)
        backing = support.get(place.region, 0.0)
        f[12] = min(backing, 2.0)
        if backing >= 0.5:
            reasons.append(f"{backing:.1f} other names fit {place.admin1}")
    if chosen:
        distances = [haversine_km(place.lat, place.lon, o.lat, o.lon) for o in chosen]
        closest = min(distances)
        f[13] = math.log10(1 + closest)
        if closest <= NEAR_KM:
            reasons.append(f"{closest:.0f} km from another place of the article")
        if local:
            near = sum(1 for o, d in zip(chosen, distances) if d <= NEAR_KM and o.kind in {"city", "adm2"})
            f[14] = min(near, 3) / 3
            if near:
                reasons.append(f"{near} places nearby")
        f[16] = float(local and any(o.kind == "adm1" and o.region == place.region for o in chosen))
        f[17] = float(place.kind != "country" and any(o.kind == "country" and o.country == place.country
                                                      for o in chosen))
    f[15] = float(place.population >= top_population)
    return f, reasons


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
    vector = weights.vector()
    top = max(m.place.population for m in cands)
    best: tuple[float, Place, str] | None = None
    for match in cands:
        f, reasons = _features(match, qualifier, country_votes, region_votes, support, chosen, weights,
                               gazetteer, top)
        score = sum(w * x for w, x in zip(vector, f))
        if best is None or score > best[0]:
            best = (score, match.place, "; ".join(reasons))
    assert best is not None
    return best[1], best[0], best[2]


def candidate_features(mentions: Sequence[Mention], text: str, gazetteer: Gazetteer,
                       weights: Weights | None = None) -> list[tuple[Mention, list[Match], list[list[float]]]]:
    """For training a ranker: each mention's candidates and their ``FEATURES``, against
    the other mentions' places as ``resolve_places`` settles them with ``weights``."""
    weights = weights or Weights()
    candidates_of, qualifiers, contexts, final = _settle(mentions, text, gazetteer, PlaceContext(), weights)
    out = []
    for mention, cands, qualifier, ctx in zip(mentions, candidates_of, qualifiers, contexts):
        own = name_key(mention.text)
        others = [p[0] for m, p in zip(mentions, final) if p is not None and name_key(m.text) != own]
        top = max((m.place.population for m in cands), default=0)
        rows = [_features(m, qualifier, *ctx, others, weights, gazetteer, top)[0] for m in cands]
        out.append((mention, cands, rows))
    return out


def _within(place: Place, region: Place) -> bool:
    if region.kind == "country":
        return place.country == region.country and place.kind != "country"
    return place.country == region.country and place.admin1 == region.admin1 and place.kind != "adm1"


def place_entities(resolutions: Iterable[PlaceResolution]) -> list[Entity]:
    """Group resolutions by place into ``Entity`` records (aliases: the spellings seen).

    A name placed only at its article's focus (kind ``approximate``) keeps its mentions but gets no
    coordinates: the brief's map shows places the gazetteer knows, never a guess as a pin.
    """
    groups: dict[tuple, list[PlaceResolution]] = {}
    for r in resolutions:
        groups.setdefault((r.geonameid, r.name, r.country, round(r.lat, 3), round(r.lon, 3)), []).append(r)
    out = []
    for (gid, name, country, _, _), rs in groups.items():
        key = f"{gid or name}-{country}"
        guessed = rs[0].kind == APPROXIMATE
        out.append(Entity(id=f"place-{key}", name=name, type="GPE",
                          aliases=tuple(sorted({r.text for r in rs})),
                          mentions=tuple(r.span for r in rs), geonameid=gid or None,
                          lat=None if guessed else rs[0].lat, lon=None if guessed else rs[0].lon,
                          country=country))
    return out
