"""The outlet registry and telling a page's publisher and credited sources."""

from __future__ import annotations

import json
import re
from importlib import resources

import pytest

from wiretrail.ingest.outlets import OutletRegistry, domain_of, name_key, parse_byline
from wiretrail.model import OUTLET_KINDS


@pytest.fixture(scope="module")
def registry() -> OutletRegistry:
    return OutletRegistry()


def test_outlets_registry_facts_are_well_formed() -> None:
    data = json.loads(resources.files("wiretrail").joinpath("data/outlets.json").read_text(encoding="utf-8"))
    outlets = data["outlets"]
    assert len(outlets) >= 150
    names, domains, keys = set(), set(), {}
    for o in outlets:
        assert o["name"] not in names
        names.add(o["name"])
        assert re.fullmatch(r"[A-Z]{2}", o["country"]), o
        assert o["kind"] in OUTLET_KINDS, o
        assert o["domains"], o
        for d in o["domains"]:
            assert d == domain_of(d) and d not in domains, d
            domains.add(d)
        for alias in {name_key(a) for a in [o["name"], *o["aliases"]]}:
            assert keys.setdefault(alias, o["name"]) == o["name"], f"alias {alias!r} names two outlets"


@pytest.mark.parametrize(
    "name",
    [
        "Reuters", "Associated Press", "Agence France-Presse", "dpa", "ANSA", "EFE", "Xinhua", "TASS", "RIA Novosti",
        "Interfax", "Anadolu Agency", "SANA", "IRNA", "Tasnim News Agency", "Fars News Agency", "Mehr News Agency",
        "WAFA", "Kyodo News", "Yonhap", "Press Trust of India", "Haaretz", "The Jerusalem Post", "The Times of Israel",
        "Ynet", "Israel Hayom", "i24NEWS", "Kan", "Channel 12", "World Israel News", "All Israel News", "Al Jazeera",
        "Al Arabiya", "Asharq Al-Awsat", "Elaph", "Al-Watan (Syria)", "Al Mayadeen", "Al-Manar", "Enab Baladi",
        "Syrian Observatory for Human Rights", "Press TV", "Daily Sabah", "Hürriyet", "Sözcü", "Middle East Eye",
        "The National", "Arab News", "Gulf News", "Rudaw", "Kurdistan 24", "Al-Monitor",
    ],
)  # fmt: skip
def test_outlets_registry_has_named_outlets(registry: OutletRegistry, name: str) -> None:
    assert registry.by_name(name) is not None


@pytest.mark.parametrize(
    ("url", "name"),
    [
        ("https://www.reuters.com/world/middle-east/syria-2024-11-30/", "Reuters"),
        ("http://m.jpost.com/middle-east/article-831000", "The Jerusalem Post"),
        ("https://edition.cnn.com/2024/12/01/middleeast/syria", "CNN"),
        ("https://english.alarabiya.net/News/2024/12/01", "Al Arabiya"),
        ("https://WWW.HAARETZ.COM:443/x", "Haaretz"),
        ("sozcu.com.tr", "Sözcü"),
        ("https://amp.theguardian.com/world/2024/dec/01/syria", "The Guardian"),
        ("https://www.syriahr.com/en/123", "Syrian Observatory for Human Rights"),
    ],
)
def test_outlets_by_domain(registry: OutletRegistry, url: str, name: str) -> None:
    outlet = registry.by_domain(url)
    assert outlet is not None and outlet.name == name


@pytest.mark.parametrize("url", ["https://example.org/news", "", "not a url", "https://notreuters.com/x"])
def test_outlets_by_domain_unknown(registry: OutletRegistry, url: str) -> None:
    assert registry.by_domain(url) is None


@pytest.mark.parametrize(
    "spoof",
    [
        "https://www.r\u0435uters.com/world/x",  # Cyrillic e
        "https://xn--ruters-2nf.com/world/x",  # the same name as the browser's punycode
        "https://www.\u0430p.org/news/x",  # Cyrillic a in ap.org
        "https://www.reuters.com.evil.example/x",
    ],
)
def test_outlets_look_alike_domains_are_not_the_real_outlet(registry: OutletRegistry, spoof: str) -> None:
    assert registry.by_domain(spoof) is None
    assert registry.identify(url=spoof).name not in {"Reuters", "Associated Press"}


@pytest.mark.parametrize("spoof", ["R\u0435uters", "Reu\u200bters", "\u0410ssociated Press"])
def test_outlets_look_alike_names_are_not_the_real_outlet(registry: OutletRegistry, spoof: str) -> None:
    found = registry.by_name(spoof)
    assert found is None or found.name not in {"Reuters", "Associated Press"}


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("JPost", "The Jerusalem Post"),
        ("AP", "Associated Press"),
        ("The Associated Press", "Associated Press"),
        ("Reuters", "Reuters"),
        ("the Syrian Observatory", "Syrian Observatory for Human Rights"),
        ("Sozcu", "Sözcü"),
        ("AFP", "Agence France-Presse"),
        ("jpost.com", "The Jerusalem Post"),
    ],
)
def test_outlets_by_name_aliases(registry: OutletRegistry, text: str, name: str) -> None:
    outlet = registry.by_name(text)
    assert outlet is not None and outlet.name == name


def test_outlets_by_name_loose_generic_suffix(registry: OutletRegistry) -> None:
    assert registry.by_name("All Israel") is None
    assert registry.by_name("All Israel", loose=True).name == "All Israel News"


@pytest.mark.parametrize(
    ("line", "parsed"),
    [
        ("By Vered Weiss, World Israel News", ("Vered Weiss", "World Israel News")),
        ("By Jane Doe | Reuters", ("Jane Doe", "Reuters")),
        ("Written by Ali al-Hassan", ("Ali al-Hassan", "")),
        ("By the end of the day, rebels held the city.", None),
        ("By Saturday evening", None),
        ("By Contrast", None),
    ],
)
def test_outlets_parse_byline(line: str, parsed) -> None:
    assert parse_byline(line) == parsed


@pytest.mark.parametrize(
    ("url", "lines", "meta", "name", "evidence", "credits"),
    [
        ("https://www.jpost.com/x", ["Title here", "Text of the story, he said."], {}, "The Jerusalem Post", "url", ()),
        ("", ["Headline", "By Ann Lee, Al-Monitor", "Body text, she said."], {}, "Al-Monitor", "byline", ()),
        ("", ["Kurdistan 24", "A long headline about the region", "Body text, she said."], {}, "Kurdistan 24", "leading site-name line", ()),
        ("", ["Headline", "Body text.", "The Example Wire Staff is a team of journalists."], {}, "Example Wire", "staff line", ()),
        ("", ["Headline", "Body text.", "Subscribe to The Jerusalem Post Newsletter"], {}, "The Jerusalem Post", "newsletter line", ()),
        ("", ["Headline", "BEIRUT (AFP) - Body text of the story."], {}, "", "", ("Agence France-Presse",)),
        ("", ["Headline", "Body.", "(Reporting by Ann Lee; Editing by Tom Roe)"], {}, "", "", ()),  # no outlet named
        ("", ["Headline", "Body.", "Lodestar Press contributed to this report."], {}, "", "", ("Lodestar Press",)),
        ("", ["Headline", "Body.", "Jane Roe contributed to this report."], {}, "", "", ()),  # a person
        ("https://www.example-daily.com/a", ["Headline", "Body."], {"sitename": "Example Daily"}, "Example Daily", "url / og:site_name", ()),
        ("", ["Headline", "Body."], {"outlet": "Northwind Post"}, "Northwind Post", "record field", ()),
        ("", ["Headline", "Body.", "Source From: Sozcu"], {}, "", "", ("Sözcü",)),
        ("", ["Headline", "Body.", "Reuters and AFP contributed to this report."], {}, "", "", ("Reuters", "Agence France-Presse")),
        ("", ["Headline", "Body."], {"sitename": "Example Times"}, "Example Times", "og:site_name", ()),
        ("https://news.example-blog.net/p/1", ["Headline", "Body."], {}, "example-blog.net", "domain", ()),
        ("", ["Headline", "An official told Elaph that the message was sent."], {}, "", "", ()),
        ("", ["Headline", "Body.", "The hospital staff are exhausted, doctors said."], {}, "", "", ()),
        ("", ["Headline", "Body.", "Qatar continued to support Al Jazeera despite the pressure, officials said."], {}, "", "", ()),
        ("", ["Headline", "Body.", "Donate to ALL ISRAEL NEWS"], {}, "All Israel News", "appeal line", ()),
        ("", ["Headline", "A resident told Reuters that the square was hit."], {}, "", "", ()),  # a hint only
    ],
)
def test_outlets_identify(registry: OutletRegistry, url, lines, meta, name, evidence, credits) -> None:
    guess = registry.identify(url, lines, meta)
    assert (guess.name, guess.evidence, guess.credits) == (name, evidence, credits)


def test_outlets_identify_wire_cues_are_hints(registry: OutletRegistry) -> None:
    guess = registry.identify("", ["Headline", "A resident told Reuters the square was hit.", "JPost"], {})
    assert guess.credits == ("The Jerusalem Post",) and guess.wire_cues == ("Reuters",)
    assert registry.identify("", ["Headline", "An official told Elaph the message was sent."], {}).wire_cues == ()


def test_outlets_identify_publisher_is_not_its_own_credit(registry: OutletRegistry) -> None:
    guess = registry.identify("https://www.reuters.com/a", ["Headline", "LONDON (Reuters) - Body text here.", "Reuters"], {})
    assert guess.name == "Reuters" and guess.credits == ()


def test_outlets_registry_loads_lazily(tmp_path) -> None:
    path = tmp_path / "outlets.json"
    path.write_text('{"outlets": [{"name": "Test Wire", "aliases": ["TW"], "domains": ["tw.example"], "country": "XX", "kind": "wire", "owner": ""}]}')
    reg = OutletRegistry(path)
    assert reg.by_name("TW").domain == "tw.example"
    bad = tmp_path / "bad.json"
    bad.write_text("{not json")
    with pytest.raises(ValueError, match="bad.json"):
        OutletRegistry(bad).by_name("x")
