"""Places on the map (wiretrail.extract.gazetteer, wiretrail.extract.places, evaluate.places)."""

from __future__ import annotations

from pathlib import Path

import pytest

from wiretrail.evaluate.places import read_corpus, summarise
from wiretrail.extract.gazetteer import Gazetteer, Place, haversine_km, name_key, skeleton_key
from wiretrail.extract.places import find_toponyms, place_entities, resolve_places
from wiretrail.model import Mention, Span

# A small gazetteer of real places (GeoNames facts, rounded) for the rule tests.
PLACES = [
    Place(2643743, "London", 51.51, -0.13, "GB", 8961989, "city", "England"),
    Place(6058560, "London", 42.98, -81.23, "CA", 422324, "city", "Ontario"),
    Place(0, "Ontario", 49.25, -84.5, "CA", 12000000, "adm1", "Ontario"),
    Place(361058, "Alexandria", 31.2, 29.92, "EG", 5263542, "city", "Alexandria"),
    Place(4314550, "Alexandria", 31.31, -92.45, "US", 47889, "city", "Louisiana"),
    Place(4331987, "Louisiana", 31.0, -92.0, "US", 4600000, "adm1", "Louisiana"),
    Place(6252001, "United States", 39.8, -98.6, "US", 327167434, "country"),
    Place(2988507, "Paris", 48.85, 2.35, "FR", 2138551, "city", "Ile-de-France"),
    Place(4717560, "Paris", 33.66, -95.56, "US", 24782, "city", "Texas"),
    Place(4736286, "Texas", 31.25, -99.25, "US", 25000000, "adm1", "Texas"),
    Place(4699066, "Houston", 29.76, -95.36, "US", 2296224, "city", "Texas"),
    Place(4674871, "Dallas", 32.78, -96.81, "US", 1300092, "city", "Texas"),
    Place(163843, "Syria", 35.0, 38.0, "SY", 16906283, "country"),
    Place(170063, "Aleppo", 36.2, 37.16, "SY", 2098210, "city", "Aleppo"),
    Place(4058553, "Aleppo", 33.4, -86.6, "US", 1200, "city", "Alabama"),
]


@pytest.fixture(scope="module")
def small() -> Gazetteer:
    gaz = Gazetteer(PLACES, demonyms={"Syrian": "SY", "American": "US"})
    gaz.states_by_code = {"LA": PLACES[5], "TX": PLACES[9]}
    return gaz


def _resolve(text: str, names: list[str], gaz: Gazetteer):
    mentions, pos = [], 0
    for name in names:
        start = text.index(name, pos)
        mentions.append(Mention(Span("a", start, start + len(name)), name, "GPE"))
        pos = start + len(name)
    return {r.text: r for r in resolve_places(mentions, text, gaz)}


@pytest.mark.parametrize(
    "text, names, name, country",
    [
        ("He moved to London last year.", ["London"], "London", "GB"),  # population
        ("He moved to London, Ontario, last year.", ["London", "Ontario"], "London", "CA"),  # qualifier
        ("A woman of Alexandria, La., was arrested.", ["Alexandria", "La."], "Alexandria", "US"),  # abbreviation
        ("Police in Houston and Dallas said Paris was quiet.", ["Houston", "Dallas", "Paris"], "Paris", "US"),
        ("Syrian rebels entered Aleppo.", ["Syrian", "Aleppo"], "Aleppo", "SY"),
        ("The American envoy spoke.", ["American"], "American", "US"),  # demonym
    ],
)
def test_places_homonyms(small: Gazetteer, text: str, names: list[str], name: str, country: str) -> None:
    assert _resolve(text, names, small)[name].country == country


def test_places_resolution_has_reason_and_span(small: Gazetteer) -> None:
    r = _resolve("He moved to London, Ontario.", ["London"], small)["London"]
    assert (r.span.start, r.span.end) == (12, 18)
    assert "Ontario" in r.reason and r.geonameid == 6058560


def test_places_unknown_name_is_skipped(small: Gazetteer) -> None:
    assert _resolve("Nowhereville is far.", ["Nowhereville"], small) == {}


@pytest.mark.parametrize(
    "a, b", [("Maarat al-Numan", "Ma`arrat an Nu`man"), ("Maaret al-Numan", "Maʿarrat al-Nuʿmān")]
)
def test_places_skeleton_key(a: str, b: str) -> None:
    assert skeleton_key(a) == skeleton_key(b)


def test_places_name_key() -> None:
    assert name_key("U.S.") == "us" and name_key("St. Louis") == "st louis"


def test_places_summary_metrics() -> None:
    result = summarise([0.0, 100.0, 20039.0])
    assert result["acc161"] == pytest.approx(2 / 3)
    assert 0 < result["auc"] < 1
    assert summarise([0.0, 0.0])["auc"] == 0.0


def test_places_read_corpus_forms(tmp_path: Path) -> None:
    lgl = tmp_path / "lgl.xml"
    lgl.write_text(
        "<articles><article docid='1'><text>Fire in Alexandria.</text><toponyms><toponym>"
        "<start>8</start><end>18</end><phrase>Alexandria</phrase><gaztag geonameid='1'>"
        "<lat>31.3</lat><lon>-92.4</lon></gaztag></toponym></toponyms></article></articles>",
        encoding="utf-8")
    virus = tmp_path / "virus.xml"
    virus.write_text(  # GeoVirus counts offsets from 1
        "<articles><article><text>Cases in Pandi rose.</text><locations><location><name>Pandi</name>"
        "<start>10</start><end>15</end><lat>14.87</lat><lon>120.95</lon></location></locations>"
        "</article></articles>", encoding="utf-8")
    (a,) = read_corpus(lgl)
    assert a.toponyms[0].lat == 31.3 and a.text[8:18] == "Alexandria"
    (v,) = read_corpus(virus)
    assert v.text[v.toponyms[0].start:v.toponyms[0].end] == "Pandi"


def test_places_read_corpus_wrong_form(tmp_path: Path) -> None:
    from wiretrail.evaluate import EvaluationError

    bad = tmp_path / "bad.xml"
    bad.write_text("<root><item/></root>", encoding="utf-8")
    with pytest.raises(EvaluationError, match="bad.xml"):
        read_corpus(bad)


@pytest.mark.parametrize(
    "region, short",
    [("Anhui Sheng", ["Anhui"]), ("Province of Pangasinan", ["Pangasinan"]), ("Oconee County", ["Oconee"]),
     ("Avoyelles Parish", ["Avoyelles"]), ("Texas", []), ("Nairobi Area", ["Nairobi"])],
)
def test_places_region_short_names(region: str, short: list[str]) -> None:
    from wiretrail.extract.gazetteer import short_names

    assert short_names(region) == short


@pytest.mark.parametrize(
    "region, other", [("South Kivu", ["Sud Kivu"]), ("Nord-Ouest", ["North West"]), ("Texas", [])]
)
def test_places_region_compass_names(region: str, other: list[str]) -> None:
    from wiretrail.extract.gazetteer import compass_names

    assert compass_names(region) == other


@pytest.mark.parametrize(
    "text, names, name, expected",
    [
        ("Texans went to the polls.", ["Texans"], "Texans", "Texas"),  # demonym of a region
        ("Homes in North Dallas flooded.", ["North Dallas"], "North Dallas", "Dallas"),  # direction
        ("Boats left Lake Houston.", ["Lake Houston"], "Lake Houston", "Houston"),  # feature word
        ("Syrians fled Aleppo province.", ["Aleppo province"], "Aleppo province", "Aleppo"),
    ],
)
def test_places_name_variants(small: Gazetteer, text: str, names: list[str], name: str, expected: str) -> None:
    assert _resolve(text, names, small)[name].name == expected


def test_places_unknown_name_placed_at_article_focus(small: Gazetteer) -> None:
    found = _resolve("Police in Houston said Nowhereville and Dallas were quiet.",
                     ["Houston", "Nowhereville", "Dallas"], small)
    r = found["Nowhereville"]
    assert r.kind == "approximate" and r.geonameid == 0 and r.country == "US"
    assert "focus" in r.reason and haversine_km(r.lat, r.lon, 29.76, -95.36) < 400
    off = resolve_places([Mention(Span("a", 0, 12), "Nowhereville", "GPE")], "Nowhereville", small,
                         fallback=False)
    assert off == []
    # the guess is evidence of a mention, never a pin on the map
    entity = next(e for e in place_entities([r]) if e.name == r.name)
    assert entity.lat is None and entity.lon is None and entity.mentions == (r.span,)


def test_places_event_group_names_its_region() -> None:
    from wiretrail.extract.event_places import PlaceCandidate, resolve_coherent

    table = {
        "San Lorenzo": [PlaceCandidate("San Lorenzo", 13.42, -87.45, "HN", 300000, 1, 0, "Valle"),
                        PlaceCandidate("San Lorenzo", -25.34, -57.51, "PY", 227876, 2, 0, "Central")],
        "Central": [PlaceCandidate("Central", -25.4, -57.5, "PY", 1171857, 3, 0, "Central")],
        "Kibera": [PlaceCandidate("Kibara", -2.2, 33.5, "TZ", 17211, 4, 2, "Mara")],
        "Nairobi": [PlaceCandidate("Nairobi", -1.28, 36.82, "KE", 4397073, 5, 0, "Nairobi Area")],
    }

    class Table:
        def lookup(self, name: str) -> list[PlaceCandidate]:
            return table.get(name, [])

    # the town in the province its group names, not a bigger namesake
    assert resolve_coherent([["San Lorenzo", "Central"]], "", Table()).country == "PY"
    # a town known only by a look-alike spelling yields to its province
    assert resolve_coherent([["Kibera", "Nairobi"]], "", Table()).name == "Nairobi"


def test_places_event_country_words() -> None:
    from wiretrail.extract.event_places import countries_in

    assert countries_in("protested in Nis, Serbia") == {"RS"}
    assert countries_in("in San Lorenzo (Central)") == set()


def test_places_one_sense_per_discourse(small: Gazetteer) -> None:
    text = "A fire broke out in London, Ontario, on Monday. By Tuesday London was calm again."
    start = text.index("London", 40)
    mentions = [Mention(Span("a", 20, 26), "London", "GPE"), Mention(Span("a", 28, 35), "Ontario", "GPE"),
                Mention(Span("a", start, start + 6), "London", "GPE")]
    found = [r.country for r in resolve_places(mentions, text, small) if r.text == "London"]
    assert found == ["CA", "CA"]


def test_places_cache_round_trip(small: Gazetteer, tmp_path: Path) -> None:
    from wiretrail.extract.gazetteer_cache import read_cache, write_cache

    path = tmp_path / "gazetteer-test.pickle"
    assert write_cache(path, small._tables())
    packed = Gazetteer._from_tables(read_cache(path))
    assert list(packed.places) == list(small.places)
    for name in ("London", "Paris", "Alexandria", "La.", "Syrian", "Aleppo"):
        assert packed.lookup(name) == small.lookup(name)
    assert _resolve("He moved to London, Ontario.", ["London", "Ontario"], packed)["London"].country == "CA"


def test_places_cache_not_writable(small: Gazetteer, tmp_path: Path) -> None:
    from wiretrail.extract.gazetteer_cache import read_cache, write_cache

    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    assert not write_cache(blocker / "gazetteer-x.pickle", small._tables())  # falls back, logged
    assert read_cache(tmp_path / "absent.pickle") is None


def test_places_country_point_conventions() -> None:
    from wiretrail.extract.gazetteer import _country_point

    # Factbook point and landmass centroid agree: their midpoint; disagree: the Factbook's
    square = {"type": "Polygon", "coordinates": [[[10, 10], [12, 10], [12, 12], [10, 12], [10, 10]]]}
    near = {"latlng": [11.4, 11.0], "geoJSON": {"features": [{"geometry": square}]}}
    assert _country_point(near) == pytest.approx([11.2, 11.0])
    far = {"latlng": [20.0, 11.0], "geoJSON": {"features": [{"geometry": square}]}}
    assert _country_point(far) == [20.0, 11.0]
    assert haversine_km(*_country_point({}, "US"), 39.76, -98.5) < 161


# --- the real gazetteer (a few seconds to load; once per module) ---


@pytest.fixture(scope="module")
def gazetteer() -> Gazetteer:
    return Gazetteer.load()


@pytest.mark.slow
def test_places_gazetteer_knows_towns(gazetteer: Gazetteer) -> None:
    (first, *_) = gazetteer.lookup("Maarat al-Numan")
    assert first.place.country == "SY" and first.place.admin1 == "Idlib"
    assert gazetteer.lookup("Ky.")[0].place.name == "Kentucky"
    assert gazetteer.lookup("Turkish")[0].place.country == "TR"
    assert gazetteer.lookup("U.S.")[0].place.country == "US"
    assert gazetteer.lookup("Darfur")[0].place.country == "SD"  # a region the package data lacks


@pytest.mark.slow
@pytest.mark.model
def test_places_seeds(seeds_dir: Path, nlp, gazetteer: Gazetteer) -> None:
    from wiretrail.nlp import parse

    idlib = gazetteer.region("SY", "Idlib")
    found: dict[str, set[str]] = {}
    maarat = []
    for path in sorted(seeds_dir.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        resolved = resolve_places(find_toponyms(parse(nlp, text), path.stem, gazetteer), text, gazetteer)
        for r in resolved:
            found.setdefault(r.text, set()).add(r.country)
            if r.text in {"Maarat al-Numan", "Maaret al-Numan"}:
                maarat.append(r)
    for name in ("Aleppo", "Idlib", "Hama", "Damascus"):
        assert found.get(name) == {"SY"}, (name, found.get(name))
    assert {r.text for r in maarat} == {"Maarat al-Numan", "Maaret al-Numan"}
    assert len({r.geonameid for r in maarat}) == 1
    assert all(r.admin1 == "Idlib" and haversine_km(r.lat, r.lon, idlib.lat, idlib.lon) < 100 for r in maarat)


@pytest.mark.slow
@pytest.mark.data
def test_places_evaluate_keys(shared_data: Path, gazetteer: Gazetteer) -> None:
    from wiretrail.evaluate.places import evaluate

    path = shared_data / "geo" / "Corpora" / "GeoVirus.xml"
    if not path.is_file():
        pytest.skip("GeoVirus.xml not here")
    result = evaluate(path, limit=15, gazetteer=gazetteer)
    assert set(result) == {"acc161", "auc", "mean_error_km", "recall", "precision"}
    assert result["acc161"] > 0.5
