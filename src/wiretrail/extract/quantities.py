"""Figures: numbers with what they count, their range, scope, as-of time and source.

A figure is a number expression ("412", "at least 61", "between 10 and 15",
"dozens", "hundreds of thousands") read with the dependency parse of its sentence:

- **what it counts** comes from the counted noun and the predicate governing it:
  the noun itself ("412 deaths", "the toll rose to 40"), the verb it is the object
  or passive subject of ("killing four civilians", "dozens of its soldiers had been
  killed"), a participle on it ("12 people killed"), or the noun it is the "of"
  complement of ("the deaths of at least 12 individuals"); conjuncts and
  "including ..." share their head's predicate ("... and nine civilians in Idlib").
  A victim group from the noun ("civilians", "soldiers", "fighters") is put in
  front: ``civilians killed``. Numbers that count anything else keep the noun as a
  generic ``counts`` ("troops", "km", "hours").
- **vague counts** follow fixed rules, recorded in ``Quantity.rule`` (see
  ``VAGUE``): "dozens" is 12 as ACLED codes it (range 12-99), "hundreds" 100,
  "several" and "a handful" 3, "scores" 20, "thousands" 1,000.
- **qualifiers** set the range: "at least N" / "more than N" / "over N" give low=N;
  "up to N" gives high=N; "between A and B", "A-B", "A to B" give low/high with the
  value at the conservative low end.
- years, dates, ages, times of day, percentages of time, document numbers
  ("UNSCR 2254", "page 4") are never casualty figures.
- **source**: the innermost attribution whose content holds the figure; a pronoun
  source ("They reported ...") takes the name of the attribution before it.

>>> from wiretrail.nlp import load_nlp, parse
>>> doc = parse(load_nlp(), "Airstrikes killed at least 12 civilians in Idlib.")  # doctest: +SKIP
>>> q = extract_quantities(doc, "a1")[0]                                         # doctest: +SKIP
>>> (q.counts, q.value, q.low, q.qualifier, q.scope)                               # doctest: +SKIP
('civilians killed', 12.0, 12.0, 'at least', 'in Idlib')
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from spacy.tokens import Doc, Span as SpacySpan, Token

from wiretrail.model import Attribution, Quantity, Span, TimeExpression

log = logging.getLogger(__name__)

# vague word -> (value, low, high, rule)
VAGUE: dict[str, tuple[float, float | None, float | None, str]] = {
    "dozens": (12, 12, 99, "dozens = 12 (ACLED's conservative reading), range 12-99"),
    "scores": (20, 20, 199, "scores = 20, range 20-199"),
    "hundreds": (100, 100, 999, "hundreds = 100 (ACLED), range 100-999"),
    "thousands": (1000, 1000, 9999, "thousands = 1,000, range 1,000-9,999"),
    "tens of thousands": (10000, 10000, 99999, "tens of thousands = 10,000, range 10,000-99,999"),
    "hundreds of thousands": (100000, 100000, 999999, "hundreds of thousands = 100,000, range 100,000-999,999"),
    "millions": (1000000, 1000000, None, "millions = 1,000,000 (at least)"),
    "several": (3, 3, 9, "several = 3, range 3-9"),
    "a handful": (3, 3, 9, "a handful = 3, range 3-9"),
    "handful": (3, 3, 9, "a handful = 3, range 3-9"),
    "a few": (3, 2, 9, "a few = 3, range 2-9"),
    "a couple": (2, 2, 3, "a couple = 2"),
    "a dozen": (12, None, None, "a dozen = 12"),
    "dozen": (12, None, None, "a dozen = 12"),
}
WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
    "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
    "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
}
SCALES = {"dozen": 12, "hundred": 100, "thousand": 1000, "million": 1_000_000, "billion": 1_000_000_000}
QUALIFIERS = {
    "at least": "at least", "no fewer than": "at least", "no less than": "at least", "a minimum of": "at least",
    "more than": "more than", "over": "more than", "upwards of": "more than", "in excess of": "more than",
    "up to": "up to", "as many as": "up to", "at most": "up to", "no more than": "up to",
    "fewer than": "fewer than", "less than": "fewer than", "under": "fewer than",
    "about": "about", "around": "about", "some": "about", "approximately": "about", "roughly": "about",
    "an estimated": "about", "estimated": "about", "close to": "nearly", "nearly": "nearly",
    "almost": "nearly", "just over": "more than", "just under": "nearly",
}

# predicate lemmas -> what is counted
KILL_VERBS = {"kill", "slay", "execute", "massacre", "murder", "behead", "assassinate", "claim", "shoot", "die",
              "perish", "slaughter", "martyr"}
WOUND_VERBS = {"wound", "injure", "hurt", "maim"}
VERB_COUNTS = {
    **{v: "killed" for v in KILL_VERBS},
    **{v: "wounded" for v in WOUND_VERBS},
    "displace": "displaced", "uproot": "displaced", "flee": "displaced", "evacuate": "evacuated",
    "arrest": "arrested", "detain": "arrested", "abduct": "abducted", "kidnap": "abducted",
    "miss": "missing", "rescue": "rescued",
}
NOUN_COUNTS = {
    "death": "killed", "fatality": "killed", "dead": "killed", "body": "killed", "life": "killed",
    "toll": "killed", "death toll": "killed", "killing": "killed",
    "injury": "wounded", "wounded": "wounded", "injured": "wounded", "casualty": "casualties",
    "refugee": "displaced", "displaced": "displaced", "detainee": "arrested", "prisoner": "arrested",
    "arrest": "arrested", "hostage": "abducted", "missing": "missing",
}
GROUPS = {
    "civilian": "civilians", "child": "children", "woman": "women", "soldier": "soldiers", "troop": "soldiers",
    "serviceman": "soldiers", "servicemember": "soldiers", "fighter": "fighters", "militant": "fighters",
    "rebel": "fighters", "insurgent": "fighters", "combatant": "fighters", "jihadist": "fighters",
    "terrorist": "fighters", "gunman": "fighters", "policeman": "police", "officer": "police",
    "journalist": "journalists", "worker": "workers", "student": "students", "protester": "protesters",
    "member": "members", "commander": "commanders", "resident": "civilians", "villager": "civilians",
    "farmer": "civilians", "passenger": "civilians", "worshipper": "civilians", "pilgrim": "civilians",
}
PEOPLE = {"people", "person", "individual", "other", "man", "victim", "citizen", "inhabitant", "one"}
PLACES_TAKEN = {"town": "towns", "village": "villages", "city": "cities", "neighborhood": "neighbourhoods",
                "neighbourhood": "neighbourhoods", "district": "districts", "position": "positions",
                "settlement": "settlements", "base": "bases", "area": "areas", "hill": "hills"}
CAPTURE_VERBS = {"capture", "seize", "take", "overrun", "regain", "recapture", "retake", "control", "enter",
                 "storm", "liberate", "win", "lose", "fall"}
DEPLOY_VERBS = {"deploy", "send", "dispatch", "station", "maintain", "keep", "base", "move", "mobilize",
                "mobilise"}
PEOPLE_COUNTS = set(VERB_COUNTS.values()) | set(NOUN_COUNTS.values())

_NUMWORD = "|".join(sorted(WORDS, key=len, reverse=True))
_SCALE = "dozen|hundred|thousand|million|billion"
_DIGITS = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_WORDNUM = rf"(?:{_NUMWORD})(?:[- ](?:one|two|three|four|five|six|seven|eight|nine))?"
_ONE = rf"(?:(?:{_DIGITS})(?:\s+(?:{_SCALE}))?|{_WORDNUM}(?:\s+(?:{_SCALE}))?|a (?:hundred|thousand|million))"
_VAGUE = r"hundreds of thousands|tens of thousands|dozens|scores|hundreds|thousands|millions|several|a handful|a few|a dozen|a couple"
_QUAL = "|".join(sorted((re.escape(q) for q in QUALIFIERS), key=len, reverse=True))
NUMBER = re.compile(
    rf"(?<![\w$£€#.,/-])(?:(?P<qual>{_QUAL})\s+)?(?:"
    rf"between\s+(?P<b1>{_ONE})\s+and\s+(?P<b2>{_ONE})"
    rf"|from\s+(?P<f1>{_ONE})\s+to\s+(?P<f2>{_ONE})"
    rf"|(?P<r1>{_DIGITS})\s*(?:-|–|to)\s*(?P<r2>{_DIGITS})"
    rf"|(?P<vague>{_VAGUE})"
    rf"|(?P<one>{_ONE})"
    rf")(?![\w%])",
    re.I,
)
_NOT_A_COUNT_BEFORE = re.compile(
    r"(?:\b(?:unscr|resolution|resolutions|no\.|number|page|pages|p\.|article|section|chapter|route|highway|"
    r"flight|room|floor|aged|age|of age|version|verse|law|decree|paragraph|item|grade|class|level|phase|stage|"
    r"round|scale|us)|\$|£|€|#)\s*$",
    re.I,
)
_NOT_A_COUNT_AFTER = re.compile(
    r"^(?:\s*(?:-|\s)?(?:years?|months?|weeks?)[- ]old|\s*(?:%|percent|per cent|a\.m\.|p\.m\.|am\b|pm\b|:\d)|"
    r"(?:st|nd|rd|th)\b|-year-old|-month-old)",
    re.I,
)


@dataclass(frozen=True)
class _Number:
    start: int
    end: int
    value: float | None
    low: float | None
    high: float | None
    qualifier: str
    rule: str


def parse_number(text: str) -> float | None:
    """A number in digits or words: "1,200", "twenty-four", "3 million", "a hundred".

    >>> parse_number("twenty-four"), parse_number("1,200"), parse_number("2.5 million")
    (24.0, 1200.0, 2500000.0)
    """
    t = text.lower().strip().replace(",", "")
    scale = 1.0
    m = re.fullmatch(rf"(.+?)\s+({_SCALE})", t)
    if m:
        t, scale = m.group(1), float(SCALES[m.group(2)])
    if t in ("a", "an"):
        return scale
    if re.fullmatch(r"\d+(?:\.\d+)?", t):
        return float(t) * scale
    parts = re.split(r"[- ]", t)
    if all(p in WORDS for p in parts) and parts:
        return float(sum(WORDS[p] for p in parts)) * scale
    return None


def find_numbers(text: str, offset: int = 0) -> Iterator[_Number]:
    """Number expressions in ``text`` with their value, range, qualifier and rule."""
    for m in NUMBER.finditer(text):
        g = m.groupdict()
        qual = QUALIFIERS.get((g["qual"] or "").lower(), "")
        value = low = high = None
        rule = ""
        if g["b1"] or g["f1"] or g["r1"]:
            a = parse_number(g["b1"] or g["f1"] or g["r1"])
            b = parse_number(g["b2"] or g["f2"] or g["r2"])
            if a is None or b is None or b < a:
                continue
            value, low, high = a, a, b
            qual = qual or "between"
            rule = "range: value is the low end"
        elif g["vague"]:
            value, low, high, rule = VAGUE[g["vague"].lower()]
        else:
            value = parse_number(g["one"])
            if value is None:
                continue
        if qual in ("at least", "more than") and not g["vague"]:
            low = value
        elif qual in ("at least", "more than") and g["vague"]:
            high = None
        elif qual in ("up to", "fewer than") and not (g["b1"] or g["f1"] or g["r1"]):
            high, low = value, (None if not g["vague"] else low)
        yield _Number(offset + m.start(), offset + m.end(), _f(value), _f(low), _f(high), qual, rule)


def _f(x: float | None) -> float | None:
    return None if x is None else float(x)


def _excluded(text: str, n: _Number, times: Sequence[TimeExpression]) -> bool:
    if any(t.span.start <= n.start < t.span.end or t.span.start < n.end <= t.span.end for t in times):
        return True
    before = text[max(0, n.start - 12):n.start]
    after = text[n.end:n.end + 12]
    number = text[n.start:n.end]
    if _NOT_A_COUNT_BEFORE.search(before) and not n.qualifier:
        return True
    if _NOT_A_COUNT_AFTER.match(after):
        return True
    digits = re.sub(r"\D", "", number)
    if re.fullmatch(r"(?:1[89]|20)\d\d", number.strip()) and digits and not re.match(r"\s+(?:people|civilians|[a-z]+s)\b", after):
        return True  # a bare four-digit year
    if number.strip().lower() == "one" and re.match(r"\s+of\b", after, re.I):
        return True  # "one of the war's turning points": a pronoun
    return number.strip().lower() in ("one",) and not re.match(r"\s+[a-z]", after)


def _token_span(doc: Doc, start: int, end: int) -> SpacySpan | None:
    return doc.char_span(start, end, alignment_mode="expand")


def _of_object(tok: Token) -> Token | None:
    """"dozens of soldiers" -> soldiers; "hundreds of thousands of people" -> people."""
    for _ in range(3):
        nxt = None
        for child in tok.children:
            if child.dep_ == "prep" and child.lower_ == "of":
                objs = [c for c in child.children if c.dep_ == "pobj"]
                if objs:
                    nxt = objs[0]
        if nxt is None:
            return tok if tok.pos_ in ("NOUN", "PROPN") and tok.lower_ not in VAGUE else None
        tok = nxt
    return tok


def _counted_noun(span: SpacySpan) -> tuple[Token | None, Token]:
    """The noun a number counts, and the token carrying the phrase's role in the clause.

    "four civilians": civilians (nummod), role on civilians; "dozens of its soldiers":
    soldiers, role on "dozens" (the subject of "had been killed").
    """
    for tok in span:
        if tok.dep_ in ("nummod", "quantmod", "amod", "det") and tok.head not in span and tok.head.pos_ in ("NOUN", "PROPN", "ADJ"):
            return tok.head, tok.head
    root = span.root
    if root.dep_ == "compound" and root.head.pos_ == "NOUN" and root.head not in span:
        return root.head, root.head
    obj = _of_object(root) or _of_object(span[-1])
    if obj is not None and obj not in span:
        return obj, root
    nxt = span.doc[span.end] if span.end < len(span.doc) else None
    if nxt is not None and nxt.pos_ == "NOUN" and nxt.head in span:
        return nxt, root
    return None, root


def _predicate(tok: Token) -> str:
    """What a counted token is counted as, from its own word and the words above it."""
    seen = 0
    cur = tok
    while seen < 6:
        seen += 1
        lemma = cur.lemma_.lower()
        if cur.i != tok.i and cur.pos_ in ("NOUN", "ADJ", "PROPN") and lemma in NOUN_COUNTS:
            return NOUN_COUNTS[lemma]
        for child in cur.children:  # "12 people killed", "4 dead"
            if child.dep_ in ("acl", "amod", "relcl") and child.lemma_.lower() in VERB_COUNTS and child.i > cur.i:
                return VERB_COUNTS[child.lemma_.lower()]
            if child.dep_ in ("amod", "compound") and child.lemma_.lower() in ("dead", "wounded", "injured"):
                return NOUN_COUNTS[child.lemma_.lower()]
        if cur.dep_ in ("dobj", "nsubjpass", "obj", "attr", "oprd") and cur.head.lemma_.lower() in VERB_COUNTS:
            return VERB_COUNTS[cur.head.lemma_.lower()]
        if cur.dep_ == "nsubj" and cur.head.lemma_.lower() in ("die", "perish", "flee", "miss"):
            return VERB_COUNTS[cur.head.lemma_.lower()]
        if cur.dep_ in ("nsubj", "nsubjpass", "dobj"):  # "were found dead", "reported missing", "left 5 dead"
            states = [c.lower_ for c in cur.head.children
                      if c.dep_ in ("acomp", "attr", "oprd", "xcomp", "ccomp") and c.lower_ in ("dead", "missing", "wounded", "injured")]
            if states:
                return NOUN_COUNTS[states[0]]
        if cur.dep_ in ("pobj",) and cur.head.lower_ in ("to", "at") and cur.head.head.pos_ in ("VERB", "AUX"):
            verb = cur.head.head  # "the toll rose to 40", "the death toll stands at 40"
            subj = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
            if subj and (subj[0].lemma_.lower() in NOUN_COUNTS or any(
                    c.lemma_.lower() in NOUN_COUNTS for c in subj[0].children)):
                return "killed" if "toll" in subj[0].lemma_.lower() or subj[0].lemma_.lower() in ("death", "fatality") \
                    else NOUN_COUNTS.get(subj[0].lemma_.lower(), "killed")
        if cur.dep_ in ("conj", "appos", "pobj", "prep", "nmod", "npadvmod") or (
            cur.dep_ == "dobj" and cur.head.lower_ in ("including", "include")
        ) or cur.lower_ in ("including", "among"):
            cur = cur.head
            continue
        break
    return ""


def _group(noun: Token | None) -> str:
    if noun is None:
        return ""
    lemma = noun.lemma_.lower()
    if lemma in GROUPS:
        return GROUPS[lemma]
    return ""


def _counts(doc: Doc, span: SpacySpan) -> tuple[str, Token | None, Token]:
    """(what the figure counts, the counted noun, the token with the clause role)."""
    noun, role = _counted_noun(span)
    lemma = noun.lemma_.lower() if noun is not None else ""
    if lemma in NOUN_COUNTS:
        return NOUN_COUNTS[lemma], noun, role  # "412 deaths", "dozens of casualties"
    predicate = _predicate(role)
    if not predicate and noun is not None and noun is not role:
        predicate = _predicate(noun)
    if predicate:
        group = _group(noun)
        return (f"{group} {predicate}" if group else predicate), noun, role
    if noun is None:
        return "", None, role
    verb = role.head if role.dep_ in ("dobj", "nsubjpass", "pobj", "nsubj") else None
    if verb is not None and verb.dep_ == "prep":
        verb = verb.head
    verb_lemma = verb.lemma_.lower() if verb is not None else ""
    if lemma in PLACES_TAKEN and verb_lemma in CAPTURE_VERBS:
        return f"{PLACES_TAKEN[lemma]} captured", noun, role
    if lemma in ("troop", "soldier", "force") and verb_lemma in DEPLOY_VERBS:
        return "troops deployed", noun, role
    if lemma in GROUPS:
        return GROUPS[lemma], noun, role
    if lemma in PEOPLE:
        return "people", noun, role
    return (noun.text.lower() if noun.pos_ == "NOUN" else ""), noun, role


_INHERIT = re.compile(r"\b(?:including|among (?:them|whom)|of (?:them|whom)|and|as well as|plus)\b", re.I)


def _scope(noun: Token | None, span: SpacySpan) -> str:
    """Place (and side) the figure applies to: "in Aleppo", "Syrian"."""
    parts: list[str] = []
    heads = [t for t in (noun, span.root) if t is not None]
    if noun is not None:
        heads += [c for c in noun.children if c.dep_ == "acl"]
    if noun is not None and noun.head.pos_ in ("VERB", "AUX"):
        heads.append(noun.head)
    for tok in heads:
        for child in tok.children:
            if child.dep_ == "prep" and child.lower_ in ("in", "near", "across", "around", "outside", "inside"):
                obj = [c for c in child.children if c.dep_ == "pobj"]
                if obj and any(t.ent_type_ in ("GPE", "LOC", "FAC") or t.pos_ == "PROPN" for t in obj[0].subtree):
                    phrase = span.doc[child.i: obj[0].right_edge.i + 1].text
                    if phrase not in parts:
                        parts.append(phrase)
            if noun is not None and tok.i == noun.i and child.dep_ in ("amod", "compound") and child.ent_type_ in ("NORP", "GPE", "ORG"):
                if child.text not in parts:
                    parts.append(child.text)
    whole = _whole_conflict(noun)
    if whole and whole not in parts:
        parts.append(whole)
    return "; ".join(parts)


# what kills when a toll is a whole conflict's ("the war, which has killed hundreds of thousands")
CONFLICT_NOUNS = frozenset("war conflict crisis uprising insurgency revolution".split())


def _whole_conflict(noun: Token | None) -> str:
    """"the war" when the figure counts a whole conflict's toll, not one event's: a different scope."""
    verb, hops = noun, 0
    while verb is not None and verb.pos_ not in ("VERB", "AUX") and verb.head.i != verb.i and hops < 4:
        verb, hops = verb.head, hops + 1  # "hundreds of thousands of people": up to the verb
    if verb is None or verb.pos_ not in ("VERB", "AUX"):
        return ""
    subj = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if subj is not None and subj.lower_ in ("which", "that") and verb.dep_ == "relcl":
        subj = verb.head
    if subj is None or subj.lemma_.lower() not in CONFLICT_NOUNS:
        return ""
    return f"the {subj.lemma_.lower()}"


_PRONOUN_SOURCE = re.compile(r"^(?:they|it|he|she|we|the group|the organi[sz]ation|the monitor)$", re.I)


def _source_of(start: int, end: int, attributions: Sequence[Attribution]) -> tuple[str, str]:
    inside = [a for a in attributions if a.content_span.start <= start and end <= a.content_span.end]
    if not inside:
        return "", ""
    att = min(inside, key=lambda a: a.content_span.length)
    name = att.source.name
    if _PRONOUN_SOURCE.match(name.strip()) and not att.source.resolved:
        earlier = [a for a in attributions if a.cue_span.start < att.cue_span.start
                   and not _PRONOUN_SOURCE.match(a.source.name.strip())]
        if earlier:
            name = max(earlier, key=lambda a: a.cue_span.start).source.name
    return name, att.id


def _as_of(sent: SpacySpan, times: Sequence[TimeExpression], published: str) -> str:
    here = [t for t in times if sent.start_char <= t.span.start < sent.end_char
            and t.type in ("DATE", "TIME") and re.match(r"\d{4}-\d\d", t.value)]
    if here:
        return here[0].value
    return published[:10]


def extract_quantities(
    doc: Doc,
    article_id: str,
    attributions: Sequence[Attribution] = (),
    times: Sequence[TimeExpression] = (),
    published: str = "",
) -> list[Quantity]:
    """Figures in a parsed article, with what they count, range, scope, as-of time and source.

    ``times`` (from ``extract_times``) keeps dates and durations out of the figures;
    when empty they are found here. ``attributions`` give each figure its source.

    >>> from wiretrail.nlp import load_nlp, parse
    >>> doc = parse(load_nlp(), "The strikes killed four civilians and wounded six others.")  # doctest: +SKIP
    >>> [(q.counts, q.value) for q in extract_quantities(doc, "a1")]                          # doctest: +SKIP
    [('civilians killed', 4.0), ('wounded', 6.0)]
    """
    if not times:
        from wiretrail.extract.times import extract_times

        times = extract_times(doc, article_id, published)
    text = doc.text
    out: list[Quantity] = []
    for sent in doc.sents:
        previous: Quantity | None = None
        for n in find_numbers(sent.text, sent.start_char):
            if _excluded(text, n, times):
                continue
            span = _token_span(doc, n.start, n.end)
            if span is None or len(span) == 0:
                continue
            counts, noun, _role = _counts(doc, span)
            if previous is not None and (counts in GROUPS.values() or counts == "people"):
                between = text[previous.span.end:n.start]
                predicate = previous.counts.split()[-1]
                if predicate in PEOPLE_COUNTS and _INHERIT.search(between):
                    counts = predicate if counts == "people" else f"{counts} {predicate}"
            if not counts:
                continue
            end = n.end
            if noun is not None and noun.idx >= n.end and noun.idx - n.end < 40:
                end = noun.idx + len(noun.text)
            source, attribution = _source_of(n.start, end, attributions)
            out.append(
                Quantity(
                    article=article_id,
                    span=Span(article_id, n.start, end),
                    counts=counts,
                    value=n.value,
                    low=n.low,
                    high=n.high,
                    qualifier=n.qualifier,
                    text=text[n.start:end],
                    source=source,
                    attribution=attribution,
                    as_of=_as_of(sent, times, published),
                    scope=_scope(noun, span),
                    rule=n.rule,
                )
            )
            previous = out[-1]
    return out


def is_people_count(quantity: Quantity) -> bool:
    """True when the figure counts people or places taken (not a generic quantity)."""
    return quantity.counts.split()[-1] in PEOPLE_COUNTS or quantity.counts.endswith("captured") \
        or quantity.counts == "troops deployed"
