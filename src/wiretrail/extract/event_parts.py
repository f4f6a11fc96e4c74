"""Parts of an event read from text: place names, dates, actors (helpers of :mod:`events`).

>>> place_names("On 5 May 2020, villagers pelted stones at police in Khetolai village (Jaisalmer, Rajasthan).")[0]
['Khetolai', 'Jaisalmer', 'Rajasthan']
>>> note_date("Around 5 May 2020 (as reported), protesters gathered.")
('2020-05-05', 'day')
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from spacy.tokens import Span as SpacySpan
from spacy.tokens import Token

_CONNECT = r"(?:al|el|an|as|ad|ar|at|az|ash|de|do|da|dos|das|del|la|las|los|le|les|des|du|di|van|der|wa|bin|ibn|of|i|e|y|sur|am)"
_NAME = rf"[A-Z][\w'’ʼ-]*(?:[ -](?:[A-Z][\w'’ʼ-]*|{_CONNECT}(?= [A-Z]))){{0,5}}"
_KIND = (
    r"(?:\s+(?:town|village|city|area|district|neighbou?rhood|hill|camp|region|sub-?district|municipality|"
    r"county|province|governorate|countryside|commune|locality|township|island|valley|front|mountains?))?"
)
_PAREN = re.compile(rf"(?P<place>{_NAME}){_KIND}\s*\((?P<admin>[A-Z][^()]{{1,80}})\)")
_PREP = re.compile(
    rf"\b(?:in|near|at|outside|around|of|into|on|from|to)\s+(?:the\s+)?(?:(?:town|village|city|area|district|"
    rf"region|province|governorate|countryside|outskirts) of\s+)?(?P<place>{_NAME})"
    rf"(?:,\s+(?P<admin>{_NAME}(?:,\s+{_NAME})?)(?=[,.]))?"
)
_SKIP_ADMIN = re.compile(r"^(?:As reported|Assumed|Coded|Approximate|Kurdish|Between|Beginning|Size|Which|Including|Photo)", re.I)
_NOT_PLACE = frozenset(
    "On Around Between During The A An As Movement Arrests Looting Property Non Security Weapons Interception "
    "Fatalities Unknown Military Police Government Forces Army Civilians Protesters Rioters January February March "
    "April May June July August September October November December Street".split()
)
MONTHS = {m: i for i, m in enumerate(
    "january february march april may june july august september october november december".split(), 1)}
_DATE = re.compile(
    r"\b(?P<day>\d{1,2})(?:st|nd|rd|th)?\s+(?P<month>January|February|March|April|May|June|July|August|"
    r"September|October|November|December)\s+(?P<year>\d{4})\b"
    r"|\b(?P<month2>January|February|March|April|May|June|July|August|September|October|November|December)\s+"
    r"(?P<day2>\d{1,2}),?\s+(?P<year2>\d{4})\b"
)


def place_names(text: str) -> list[list[str]]:
    """Groups of place names in ``text``, most specific first within a group, in text order.

    ACLED's "Town (District, Province)" comes first, then "in Town, Province", then any
    capitalised name after a preposition of place.
    """
    out: list[list[str]] = []
    for m in _PAREN.finditer(text):
        admin = m.group("admin")
        if _SKIP_ADMIN.match(admin) or re.search(r"\d", admin):
            continue
        place = _trim(m.group("place"))
        if place:
            out.append([place] + [a.strip() for a in admin.split(",") if a.strip()])
    for m in _PREP.finditer(text):
        place = _trim(m.group("place"))
        if not place:
            continue
        names = [place]
        if m.group("admin"):
            names += [_trim(a) for a in m.group("admin").split(",") if _trim(a)]
        if names not in out:
            out.append(names)
    for m in re.finditer(_NAME, text):  # last resort: any capitalised name
        place = _trim(m.group())
        if place and [place] not in out and not any(place == g[0] for g in out):
            out.append([place])
    return out


def _trim(name: str) -> str:
    words = name.strip().split()
    while words and words[0] in _NOT_PLACE:
        words.pop(0)
    return " ".join(words)


def note_date(text: str, anchor: str = "") -> tuple[str, str]:
    """(ISO date, precision) of the first explicit date in ``text``, else the anchor's.

    >>> note_date("On 2nd May 2020, in Mossoro")
    ('2020-05-02', 'day')
    >>> note_date("No date here", "2024-11-30")
    ('2024-11-30', 'day')
    """
    m = _DATE.search(text)
    if m:
        day = m.group("day") or m.group("day2")
        month = m.group("month") or m.group("month2")
        year = m.group("year") or m.group("year2")
        try:
            return date(int(year), MONTHS[month.lower()], int(day)).isoformat(), "day"
        except ValueError:
            pass
    if re.match(r"\d{4}-\d{2}-\d{2}", anchor or ""):
        return anchor[:10], "day"
    return "", "unknown"


_WEEKDAYS = "monday tuesday wednesday thursday friday saturday sunday".split()


def sentence_date(sent: SpacySpan, published: str) -> tuple[str, str]:
    """Date of an event told in ``sent``: its DATE entity resolved against ``published``.

    Uses the shared time normaliser when it is there, else reads explicit dates,
    weekdays ("on Saturday" = on or before publication), "yesterday" and years. With no
    date in the sentence the event lies on or before publication: the publication
    week, precision ``week``.
    """
    anchor = _iso_day(published)
    for ent in sent.ents:
        if ent.label_ != "DATE":
            continue
        value = _normalise(ent.text, anchor)
        if value:
            return value
    if anchor:
        return anchor.isoformat(), "week"
    return "", "unknown"


def _iso_day(published: str) -> date | None:
    m = re.match(r"(\d{4})-(\d{2})-(\d{2})", published or "")
    return date(int(m.group(1)), int(m.group(2)), int(m.group(3))) if m else None


def _normalise(text: str, anchor: date | None) -> tuple[str, str] | None:
    from wiretrail.extract.times import normalise_time

    normalised = normalise_time(text, anchor) if anchor is not None else None  # None: not a time it knows
    if normalised is not None:
        value, precision, kind = normalised
        if kind == "DATE" and value and re.match(r"\d{4}", value):
            return value, precision
    low = text.lower()
    explicit = note_date(text)
    if explicit[0]:
        return explicit
    if anchor is not None:
        if "yesterday" in low:
            return (anchor - timedelta(days=1)).isoformat(), "day"
        if low in ("today", "tonight", "this morning", "this evening"):
            return anchor.isoformat(), "day"
        for i, day in enumerate(_WEEKDAYS):
            if day in low:
                back = (anchor.weekday() - i) % 7
                return (anchor - timedelta(days=back)).isoformat(), "day"
    m = re.fullmatch(r"(?:in |since )?((?:19|20)\d{2})", low)
    if m:
        return m.group(1), "year"
    return None


# -- actors from the parse ---------------------------------------------------------------

_SUBJ = ("nsubj", "csubj")
_KEEP_MODS = ("compound", "amod", "nmod", "poss", "case", "cc", "conj", "prep", "pobj", "punct", "npadvmod", "nummod", "det")


def phrase(token: Token, max_tokens: int = 8) -> tuple[str, int, int]:
    """A compact noun phrase around ``token`` (modifiers, "X and Y", "of Z"): text, start, end chars."""
    left = token
    for child in token.lefts:
        if child.dep_ in _KEEP_MODS and child.dep_ not in ("det", "punct", "cc"):
            left = min(left, child.left_edge, key=lambda t: t.i)
            break
    right = token
    for child in token.rights:
        if child.dep_ in ("conj", "prep", "compound", "appos") and child.i - left.i < max_tokens:
            if child.dep_ == "prep" and child.lower_ not in ("of", "from"):
                continue
            right = max(right, child.right_edge, key=lambda t: t.i)
    span = token.doc[left.i : min(right.i + 1, left.i + max_tokens)]
    while len(span) > 1 and (span[-1].is_punct or span[-1].dep_ in ("cc", "prep", "det")):
        span = span[:-1]
    while len(span) > 1 and span[0].dep_ in ("det", "predet") or (len(span) > 1 and span[0].is_punct):
        span = span[1:]
    return span.text, span.start_char, span.end_char


# nouns that name the act, not who acts: "airstrikes targeted ...", "the opposition's offensive began"
ACT_NOUNS = frozenset(
    """strike airstrike attack offensive assault raid bombardment bombing shelling fighting clash
    operation campaign advance incursion explosion blast barrage push""".split()
)


def _agent(subject: Token) -> tuple[str, int, int] | None:
    """Who acts, given a clause's subject: the subject itself, or for an act noun its possessor
    or national modifier ("Russian airstrikes" -> Russian; "the opposition's offensive" -> opposition)."""
    if subject.lemma_.lower() not in ACT_NOUNS:
        return phrase(subject)
    for mod in subject.children:
        if mod.dep_ == "poss" or (mod.dep_ in ("amod", "compound") and mod.ent_type_ in ("NORP", "GPE", "ORG")):
            return mod.text, mod.idx, mod.idx + len(mod.text)
    return None


def actors_of(verb: Token) -> tuple[tuple[str, int, int] | None, tuple[str, int, int] | None]:
    """(actor 1, actor 2) of an event verb: subject or passive agent; object or target."""
    actor1 = actor2 = None
    for child in verb.children:
        if child.dep_ in _SUBJ and actor1 is None:
            actor1 = _agent(child)
        elif child.dep_ == "agent":
            for pobj in child.children:
                if pobj.dep_ == "pobj":
                    actor1 = _agent(pobj)
        elif child.dep_ == "nsubjpass" and actor2 is None:
            actor2 = phrase(child)
        elif child.dep_ == "dobj" and actor2 is None and child.ent_type_ not in ("GPE", "LOC", "FAC"):
            actor2 = phrase(child)
        elif child.dep_ == "prep" and child.lower_ in ("on", "against", "with") and actor2 is None:
            for pobj in child.children:
                if pobj.dep_ == "pobj" and pobj.ent_type_ not in ("GPE", "LOC", "FAC", "DATE"):
                    actor2 = phrase(pobj)
    if actor1 is None and verb.dep_ in ("xcomp", "conj", "advcl", "acl", "relcl") and verb.head.i != verb.i:
        if verb.dep_ == "acl" and verb.head.pos_ in ("NOUN", "PROPN"):
            actor1 = phrase(verb.head)  # "rebels led by HTS" / "forces shelling X"
        else:
            actor1 = actors_of(verb.head)[0]
    return actor1, actor2
