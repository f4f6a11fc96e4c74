"""Events (ACLED types and sub-types) from parsed articles, and merging them across articles.

An event is told by a sentence with an event word (a strike, a clash, a capture, a
protest, ...) used as a verb or as the subject/object of one. Its ACLED sub-type
comes from cue rules and a small learned model (:mod:`event_classify`), its actors
from the parse (subject or passive agent; object or target), its place from the
places named in the sentence (or the one before), its date from the sentence's date
expressions against the publication date, its fatalities from the sentence and the
next one (:mod:`event_fatalities`).

>>> from wiretrail.nlp import load_nlp, parse                       # doctest: +SKIP
>>> doc = parse(load_nlp(), "Russian warplanes struck Idlib on Saturday, killing four civilians.")  # doctest: +SKIP
>>> ev = extract_events(doc, "a1", published="2024-11-30")[0]      # doctest: +SKIP
>>> ev.sub_event_type, ev.place, ev.fatalities, ev.date            # doctest: +SKIP
('Air/drone strike', 'Idlib', 4.0, '2024-11-30')
"""

from __future__ import annotations

import hashlib
import logging
import re
from collections.abc import Sequence
from functools import lru_cache

from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from wiretrail.extract.event_classify import SUBTYPES, code_types
from wiretrail.extract.event_fatalities import read_fatalities
from wiretrail.extract.event_merge import merge_events
from wiretrail.extract.event_parts import actors_of, note_date, phrase, place_names, sentence_date
from wiretrail.extract.event_places import (
    EventGazetteer, Gazetteer, PlaceCandidate, SharedGazetteer, resolve_coherent, resolve_place,
)
from wiretrail.extract.event_rules import rule_subtype
from wiretrail.model import Attribution, Event, Span

log = logging.getLogger(__name__)

__all__ = ["extract_events", "merge_events", "code_note", "get_gazetteer"]

# event words: lemma -> used as a verb / as a noun
EVENT_VERBS = frozenset(
    """attack strike bomb shell bombard shoot kill clash fight capture seize overrun retake recapture regain
    reclaim storm raid target ambush abduct kidnap protest demonstrate rally march riot loot burn arrest detain
    execute massacre besiege advance sweep withdraw deploy take secure lose control""".split()
)
EVENT_NOUNS = frozenset(
    """airstrike strike raid clash clashes battle fighting offensive attack assault bombardment shelling
    protest demonstration rally riot ambush explosion bombing massacre""".split()
)
_TAKE_CONTROL = re.compile(r"\b(?:take|took|taken|taking|seize[ds]?|seizing|gain(?:ed)?|secured?|won?)\s+(?:over\s+)?control\b", re.I)
_GOV = re.compile(r"\b(?:army|military|government|regime|troops|soldiers|forces of|security forces|police)\b", re.I)
_NONSTATE = re.compile(r"\b(?:rebels?|insurgents?|militants?|opposition|jihadists?|militias?|fighters)\b", re.I)


def get_gazetteer(gazetteer: Gazetteer | None = None) -> Gazetteer:
    """The gazetteer events resolve places with: the one given, else the shared one.

    The shared ``wiretrail.extract.gazetteer.Gazetteer`` (towns plus admin-1/admin-2
    regions) is used through :class:`~wiretrail.extract.event_places.SharedGazetteer`
    (loaded once per process); where that module is missing, this package's own
    towns-only :class:`~wiretrail.extract.event_places.EventGazetteer` stands in.
    """
    if gazetteer is not None:
        return gazetteer
    return _default_gazetteer()


@lru_cache(maxsize=1)
def _default_gazetteer() -> Gazetteer:
    try:
        import wiretrail.extract.gazetteer  # noqa: F401 - probe only
    except ImportError as exc:
        log.warning("shared gazetteer unavailable (%s); using the towns-only event gazetteer", exc)
        return EventGazetteer()
    return SharedGazetteer()


def _event_id(article_id: str, start: int, end: int, sub: str) -> str:
    return hashlib.sha1(f"{article_id}:{start}:{end}:{sub}".encode()).hexdigest()[:16]


def code_note(doc: Doc, article_id: str = "", date: str = "", gazetteer: Gazetteer | None = None) -> Event:
    """Code a whole event description (an ACLED note) as one event.

    ``date`` is an anchor used only when the text has no date of its own.

    >>> code_note(parse(nlp, "On 5 May 2020, rebels shelled Idlib. Fatalities: 2")).fatalities  # doctest: +SKIP
    2.0
    """
    text = doc.text
    etype, sub, _, reason = code_types([text])[0]
    actor1, actor2 = _note_actors(doc)
    actor1 = _acled_actor(etype, actor1)
    day, precision = note_date(text, date)
    fat = read_fatalities(text)
    place = _resolve(place_names(text), text, get_gazetteer(gazetteer))
    return Event(
        id=_event_id(article_id, 0, len(text), sub),
        event_type=etype,
        sub_event_type=sub,
        actor1=actor1,
        actor2=actor2,
        place=place.name if place else "",
        lat=place.lat if place else None,
        lon=place.lon if place else None,
        date=day,
        date_precision=precision,
        fatalities=fat.best,
        fatalities_low=fat.low,
        fatalities_high=fat.high,
        fatalities_source=fat.rule,
        evidence=(Span(article_id, 0, len(text)),),
        merge_reasons=(f"type: {reason}",),
    )


_EVENT_HEADS = frozenset(
    """airstrike strike raid attack operation clash clashes exchange fire shells shell explosion explosions
    bombardment offensive ambush assault incursion fighting battle""".split()
)
_VICTIMS = frozenset(
    """man men woman women person people child children civilian civilians body bodies boy girl resident residents
    victim victims member members driver farmer""".split()
)


def _note_actors(doc: Doc) -> tuple[str, str]:
    """Actor 1 and actor 2 of an event note, following ACLED's conventions.

    The subject of the first event clause is actor 1; when that subject is the event
    itself ("an airstrike by Afghan forces", "clashes between X and Y") the party named
    in it is; when only victims are named ("a man was shot dead"), actor 1 is ACLED's
    "Unidentified Armed Group".
    """
    for sent in doc.sents:
        root = sent.root
        verbs = [root] + [t for t in root.children if t.dep_ in ("conj", "xcomp", "ccomp") and t.pos_ == "VERB"]
        for verb in verbs:
            subj = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass", "csubj")), None)
            passive = subj is not None and subj.dep_ == "nsubjpass"
            agent = next((c for c in verb.children if c.dep_ == "agent"), None)
            a1, a2 = actors_of(verb)
            if subj is not None and subj.ent_type_ in ("DATE", "TIME", "CARDINAL"):
                subj, a1 = None, None
            if subj is not None and subj.lemma_.lower() in _EVENT_HEADS:
                party = _party_in(subj)
                if party:
                    return party, (a2[0] if a2 else "")
            died = subj is not None and subj.lemma_.lower() in _VICTIMS and verb.lemma_.lower() in ("die", "succumb", "drown")
            if agent is None and (passive or died):
                victim = phrase(subj)[0] if subj is not None else ""
                other = _other_party(verb)
                return (other or "Unidentified Armed Group"), victim
            if a1 and a1[0].lower() not in ("it", "there", "they"):
                return a1[0], (a2[0] if a2 else "")
        break
    return "", ""


def _other_party(verb: Token) -> str:
    """"was killed after exchanging fire with police": the party the victim fought."""
    for tok in verb.subtree:
        if tok.dep_ == "prep" and tok.lower_ in ("with", "by") and tok.head.lemma_.lower() in (
            "exchange", "clash", "fire", "fight", "shoot", "shootout", "confrontation", "encounter"
        ):
            pobj = next((c for c in tok.children if c.dep_ == "pobj"), None)
            if pobj is not None:
                return phrase(pobj)[0]
    return ""


def _party_in(event_noun: Token) -> str:
    """The party named inside an event noun phrase: "an airstrike by X", "clashes between X and Y"."""
    for prep in event_noun.children:
        if prep.dep_ == "prep" and prep.lower_ in ("by", "between", "from"):
            pobj = next((c for c in prep.children if c.dep_ == "pobj"), None)
            if pobj is not None:
                return phrase(pobj)[0]
        if prep.dep_ == "acl":  # "shells fired by X"
            agent = next((c for c in prep.children if c.dep_ == "agent"), None)
            pobj = next((c for c in agent.children if c.dep_ == "pobj"), None) if agent is not None else None
            if pobj is not None:
                return phrase(pobj)[0]
    return ""


def _acled_actor(etype: str, actor: str) -> str:
    """ACLED names protest and riot actors by role: "Protesters (workers)"."""
    role = {"Protests": "Protesters", "Riots": "Rioters"}.get(etype)
    if role and actor and role.lower()[:6] not in actor.lower():
        return f"{role} ({actor})"
    return actor or (role or "")


def _resolve(groups: list[list[str]], context: str, gazetteer: Gazetteer) -> PlaceCandidate | None:
    return resolve_coherent(groups, context, gazetteer)


# -- events in news articles ----------------------------------------------------------------------


def _trigger(sent: SpacySpan) -> Token | None:
    for tok in sent:
        if tok.pos_ in ("VERB", "AUX") and tok.lemma_.lower() in EVENT_VERBS:
            if any(c.dep_ == "neg" for c in tok.children) or tok.tag_ == "VB" and any(
                c.lower_ in ("will", "would", "could", "may", "might", "should") for c in tok.children
            ):
                continue
            return tok
        if tok.pos_ in ("NOUN", "PROPN") and tok.lemma_.lower() in EVENT_NOUNS and tok.dep_ in (
            "nsubj", "nsubjpass", "dobj", "pobj"
        ) and tok.head.pos_ in ("VERB", "ADP"):
            return tok
    return None


def extract_events(
    doc: Doc,
    article_id: str,
    published: str = "",
    attributions: Sequence[Attribution] = (),
    gazetteer: Gazetteer | None = None,
) -> list[Event]:
    """Events told in an article, one per sentence and place (ACLED codes one event per location).

    Each event keeps its evidence span (the sentence); an event told inside an
    attribution's content names that attribution in ``claims``.
    """
    gaz = get_gazetteer(gazetteer)
    sents = list(doc.sents)
    events: list[Event] = []
    context = doc.text
    for i, sent in enumerate(sents):
        trig = _trigger(sent)
        if trig is None:
            continue
        text = sent.text
        etype, sub, conf, reason = _sentence_type(text, sent)
        if sub is None:
            continue
        verb = trig if trig.pos_ in ("VERB", "AUX") else trig.head
        a1, a2 = actors_of(verb)
        actor1, actor2 = (a1[0] if a1 else ""), (a2[0] if a2 else "")
        if sub.endswith("territory") or re.search(r"\b(?:control|strikes?|airstrikes?)\b", actor2):
            actor2 = ""  # what is taken is a place, not a party
        if sub in ("Non-state actor overtakes territory", "Government regains territory"):
            if _NONSTATE.search(actor1):
                sub = "Non-state actor overtakes territory"
            elif _GOV.search(actor1):
                sub = "Government regains territory"
            etype = SUBTYPES[sub]
        nxt = sents[i + 1].text if i + 1 < len(sents) else ""
        fat = read_fatalities(text)
        if fat.start < 0 and nxt and not _trigger(sents[i + 1]):
            fat = read_fatalities(nxt)
        day, precision = sentence_date(sent, published)
        places = _sentence_places(sent, verb, sub, gaz, context) or (
            _sentence_places(sents[i - 1], None, sub, gaz, context)[:1] if i > 0 else []
        )
        claim = _attribution_of(sent.start_char, sent.end_char, attributions)
        for name, cand in places or [("", None)]:
            ev_id = _event_id(article_id, sent.start_char, sent.end_char, f"{sub}:{name}")
            events.append(
                Event(
                    id=ev_id,
                    event_type=etype,
                    sub_event_type=sub,
                    actor1=_acled_actor(etype, actor1),
                    actor2=actor2,
                    place=name,
                    lat=cand.lat if cand else None,
                    lon=cand.lon if cand else None,
                    date=day,
                    date_precision=precision,
                    fatalities=fat.best if fat.start >= 0 else None,
                    fatalities_low=fat.low,
                    fatalities_high=fat.high,
                    fatalities_source=fat.rule if fat.start >= 0 else "",
                    evidence=(Span(article_id, sent.start_char, sent.end_char),),
                    claims=(claim,) if claim else (),
                    merge_reasons=(f"type: {reason}",),
                )
            )
    return events


def _sentence_type(text: str, sent: SpacySpan) -> tuple[str, str | None, float, str]:
    if _TAKE_CONTROL.search(text):
        return "Battles", "Non-state actor overtakes territory", 0.7, "cue 'control'"
    hit = rule_subtype(text)
    etype, sub, conf, reason = code_types([text])[0]
    if hit and (conf < 0.6 or hit[0] != sub):
        sub, etype, reason = hit[0], SUBTYPES[hit[0]], f"cue '{hit[1]}'"
    elif not hit and conf < 0.35:
        return etype, None, conf, "no cue and low model confidence"
    return etype, sub, conf, reason


def _sentence_places(
    sent: SpacySpan, verb: Token | None, sub: str, gaz: Gazetteer, context: str
) -> list[tuple[str, PlaceCandidate]]:
    ents = [e for e in sent.ents if e.label_ in ("GPE", "LOC", "FAC")]
    if verb is not None and sub.endswith("territory"):
        # the places taken: the object of "take control of X" / "captured X", and their conjuncts;
        # transliterated town names are often not tagged, so proper-noun chunks count too
        inside = {w.i for w in verb.subtree}
        chunks = [
            c for c in sent.noun_chunks
            if c.root.pos_ == "PROPN" and c.root.i in inside and c.root.dep_ not in ("nsubj", "nsubjpass")
            and c.root.ent_type_ not in ("DATE", "TIME", "NORP", "CARDINAL")
        ]
        obj = [e for e in ents if any(t.i in inside for t in e)]
        obj += [c for c in chunks if not any(c.start < e.end and e.start < c.end for e in obj)]
        obj.sort(key=lambda x: x.start)
        ents = obj or ents
    out: list[tuple[str, PlaceCandidate]] = []
    countries: list[tuple[str, PlaceCandidate]] = []
    for ent in ents:
        name = ent.text.removeprefix("the ")
        cand = resolve_place([name, *_strip_kind(name)], context, gaz)
        if cand and all(n != name for n, _ in out):
            # a country stands in (at its capital) only when no town is named
            (countries if cand.geonameid < 0 else out).append((name, cand))
    out = out or countries[:1]
    if not sub.endswith("territory"):
        out = out[:1]
    else:
        # "Maarat al-Numan in Idlib province": the province only situates the town
        out = [p for p in out if not re.search(rf"\bin\s+(?:the\s+)?{re.escape(p[0])}\s+(?:province|region|governorate)", sent.text)] or out
    return out


def _strip_kind(name: str) -> list[str]:
    name = re.sub(r"[’']s\b", "", name)
    words = name.split()
    if len(words) > 1 and words[-1].lower() in ("airport", "citadel", "square", "province", "city", "base", "district"):
        return [name, " ".join(words[:-1])]
    return [name]


def _attribution_of(start: int, end: int, attributions: Sequence[Attribution]) -> str:
    for att in attributions:
        cs = att.content_span
        if cs.start < end and start < cs.end:
            return att.id
    return ""
