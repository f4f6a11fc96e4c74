"""Cleaning plain text copied from web pages: line shapes, cues, head/body/tail, repeated lines."""

from __future__ import annotations

import pytest

from wiretrail.clean.dates import parse_date
from wiretrail.clean.lines import boilerplate_reason, is_caption, is_news_paragraph, line_key, words
from wiretrail.clean.head import strip_dateline
from wiretrail.clean.repeated import repeated_lines
from wiretrail.clean.text import clean_text


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        ("We use cookies to give you the best experience on our site.", "cookies"),
        ("Accept all cookies", "cookies"),
        ("Comments are closed.", "comments"),
        ("Leave a comment", "comments"),
        ("Your email address will not be published. Required fields are marked *", "comments"),
        ("Sign up for our daily newsletter", "newsletter"),
        ("Subscribe to The Daily Bugle Newsletter", "newsletter"),
        ("Get the latest news delivered straight to your inbox", "newsletter"),
        ("Donate now", "appeal"),
        ("Independent journalism needs readers like you. Please give what you can.", "appeal"),
        ("© 2024 Example Media. All rights reserved.", "copyright"),
        ("Related Articles", "related"),
        ("READ MORE: Israel strikes Damascus suburbs", "related"),
        ("You may also like", "related"),
        ("Share this article", "share"),
        ("Follow us on Telegram", "share"),
        ("Submit your story", "submit"),
        ("The Example Times Staff is a team of reporters based in Cairo.", "staff"),
        ("Skip to main content", "navigation"),
        ("5 min read", "navigation"),
    ],
)
def test_clean_text_boilerplate_cues(line: str, reason: str) -> None:
    assert boilerplate_reason(line) == reason


@pytest.mark.parametrize(
    "line",
    [
        "The ministry said it would share intelligence with its allies in the coming days.",
        "Officials urged residents to subscribe to emergency text alerts, the governor said.",
        "\u201cWe need help, please help us,\u201d said a resident of the besieged town.",
        "The group's newsletter, which has 40,000 readers, was banned in 2019 by the interior ministry.",
        "Rebels took control of Aleppo's airport",
        "More than 300 people were killed in the fighting, the monitor said.",
        "Related developments were reported in Hama, where the army retreated overnight.",
    ],
)
def test_clean_text_news_lines_are_not_boilerplate(line: str) -> None:
    assert boilerplate_reason(line) == ""


@pytest.mark.parametrize(
    ("line", "news"),
    [
        ("The army said on Saturday that dozens of soldiers were killed.", True),
        ("Departing Aleppo", False),
        ("\u2018Weak\u2019 government", False),
        ("He added: \u201cWe will return.\u201d", True),
        ("Rebels capture Hama as army withdraws \u2013 report", False),
    ],
)
def test_clean_text_news_paragraph_shape(line: str, news: bool) -> None:
    assert is_news_paragraph(line) is news


@pytest.mark.parametrize(
    ("line", "caption"),
    [
        ("Smoke rises over the city, December 1, 2024. (Photo: John Smith/Reuters)", True),
        ("A fighter stands guard in Hama. (AP Photo/Ghaith Alsayed)", True),
        ("Photo: Getty Images", True),
        ("The army said it had retreated from the city (without giving figures).", False),
    ],
)
def test_clean_text_captions(line: str, caption: bool) -> None:
    assert is_caption(line) is caption


@pytest.mark.parametrize(
    ("paragraph", "place", "agency", "rest"),
    [
        ("DAMASCUS (Reuters) - Rebels advanced on the city of Hama.", "DAMASCUS", "Reuters", "Rebels advanced on the city of Hama."),
        ("BEIRUT, Dec 1 - Israeli jets struck targets near the border.", "BEIRUT, Dec 1", "", "Israeli jets struck targets near the border."),
        ("Gaza City (AFP) \u2014 Strikes hit the camp before dawn on Sunday.", "Gaza City", "AFP", "Strikes hit the camp before dawn on Sunday."),
        ("(Reuters) - Oil prices rose on Monday after the attack.", "", "Reuters", "Oil prices rose on Monday after the attack."),
        ("KASSERINE, Tunisia, Oct 16 (Lodestar) - Air strikes hit the town late on Wednesday.", "KASSERINE, Tunisia, Oct 16", "Lodestar", "Air strikes hit the town late on Wednesday."),
        ("WASHINGTON \u2014 The Pentagon said on Monday it would send more troops.", "WASHINGTON", "", "The Pentagon said on Monday it would send more troops."),
        ("Israel - and its allies - said they were watching closely.", "", "", "Israel - and its allies - said they were watching closely."),
        ("US-backed forces - the SDF - advanced east of the river.", "", "", "US-backed forces - the SDF - advanced east of the river."),
    ],
)
def test_clean_text_dateline(paragraph: str, place: str, agency: str, rest: str) -> None:
    assert strip_dateline(paragraph) == (place, agency, rest)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("December 1, 2024", ("2024-12-01", "day")),
        ("Published: 30 November 2024 18:05", ("2024-11-30T18:05", "minute")),
        ("Updated Sun, Dec. 1, 2024 5:32 PM ET", ("2024-12-01T17:32", "minute")),
        ("2024-11-30", ("2024-11-30", "day")),
        ("The offensive began on Saturday", None),
    ],
)
def test_clean_text_date_lines(text: str, expected) -> None:
    assert parse_date(text) == expected


def test_clean_text_unspaced_scripts_count_words() -> None:
    assert len(words("不正に改造したiPhoneを販売したとして")) >= 8


PAGE = """The Daily Example
Home
World
Middle East
Rebels seize airport as army pulls back
Government forces withdrew overnight, leaving the city to insurgents.
By Jane Doe, The Daily Example
December 1, 2024
A fighter stands at the airport gate. (Photo: John Roe/Reuters)
ALEPPO (Reuters) - Rebels took control of the city's airport on Saturday, a war monitor said.
Sign up for our newsletter
The army said it had redeployed to strengthen its defence lines around the city.
Fighting spreads south
Clashes were reported near Hama on Sunday, residents told reporters.
Reuters contributed to this report.
Related posts
Oil prices jump after strikes in the Gulf
Five things to know about the election
Leave a Reply
Your email address will not be published. Required fields are marked *
"""


def test_clean_text_page_structure() -> None:
    c = clean_text(PAGE)
    assert c.site_line == "The Daily Example"
    assert c.title == "Rebels seize airport as army pulls back"
    assert c.dek == "Government forces withdrew overnight, leaving the city to insurgents."
    assert (c.byline, c.byline_outlet) == ("Jane Doe", "The Daily Example")
    assert (c.published, c.published_precision) == ("2024-12-01", "day")
    assert (c.dateline, c.agency) == ("ALEPPO", "Reuters")
    assert c.captions and "Photo" in c.captions[0]
    assert c.credit_lines == ("Reuters contributed to this report.",)
    assert c.paragraphs == (
        "ALEPPO (Reuters) - Rebels took control of the city's airport on Saturday, a war monitor said.",
        "The army said it had redeployed to strengthen its defence lines around the city.",
        "Fighting spreads south",
        "Clashes were reported near Hama on Sunday, residents told reporters.",
        "Reuters contributed to this report.",  # a sign-off is part of the article, and a credit
    )
    removed = {r.line for r in c.removed}
    for line in ("Home", "Related posts", "Leave a Reply", "Oil prices jump after strikes in the Gulf"):
        assert line in removed


def test_clean_text_never_merges_lines() -> None:
    c = clean_text("Headline of the day\nFirst paragraph of the story, the minister said.\nSub-heading here\nSecond paragraph, he added.")
    assert "Sub-heading here" in c.paragraphs
    assert all("\n" not in p for p in c.paragraphs)


def test_clean_text_known_boilerplate_is_removed() -> None:
    text = "Storm hits coast\nThe storm made landfall on Monday, forecasters said.\nOur mission: truth first\nMore rain is expected on Tuesday, officials said."
    c = clean_text(text, known_boilerplate={line_key("Our mission: truth first")})
    assert "Our mission: truth first" not in c.text
    assert any(r.reason.startswith("repeated") for r in c.removed)


def test_clean_text_without_news_lines_fails_soft() -> None:
    c = clean_text("Just a title\nand a fragment")
    assert c.text  # nothing thrown away wholesale


def test_clean_text_repeated_lines() -> None:
    background = "The war, which has killed hundreds of thousands of people, has ground on since 2011 with no end."
    texts = {
        "example": [
            f"Story {i}.\nThe Example Team is a group of writers\n{background if i < 2 else f'Other news {i} today, he said.'}"
            for i in range(6)
        ],
        "other": ["Only once.\nThe Example Team is a group of writers"],
    }
    found = repeated_lines(texts, min_articles=3)
    assert found == {"example": {line_key("The Example Team is a group of writers")}}
    assert line_key(background) not in found["example"]


def test_clean_text_hard_wrapped_text_is_unwrapped() -> None:
    text = (
        "Rebels advance on Hama\n\n"
        "Rebels advanced on the city of Hama on Monday after taking most of\n"
        "Aleppo, a war monitor said, in the biggest challenge to the government\n"
        "in years.\n\n"
        "The army said it had sent reinforcements to the city and that its\n"
        "aircraft had struck rebel positions in the countryside, state media\n"
        "reported on Monday.\n"
    )
    c = clean_text(text)
    assert c.title == "Rebels advance on Hama"
    assert len(c.paragraphs) == 2 and c.paragraphs[0].endswith("in years.")


def test_clean_text_short_paragraph_lines_are_not_unwrapped() -> None:
    text = "\n".join(
        [
            "Rebels take the airport",
            "Rebels took the airport on Saturday, the monitor said.",
            "The army said it had redeployed around the city.",
            "Russian jets struck Idlib overnight, residents said.",
            "Iran said it would keep supporting the government.",
            "Turkey called for calm and a return to talks.",
            "The UN envoy urged all sides to protect civilians.",
        ]
    )
    assert len(clean_text(text).paragraphs) == 6
