"""What two news sentences say, read from their parse, and how the readings compare.

``sentence_facts`` reads one parsed sentence into a small record: predicates,
subjects, objects, named things by kind, numbers with what they count, and
negation. ``pair_features`` compares two such records (plus the embedding
cosine) into the numbers the pair judge weighs; ``pair_reasons`` says the
differences in words a person can check.

>>> from wiretrail.nlp import load_nlp, parse                      # doctest: +SKIP
>>> nlp = load_nlp()                                               # doctest: +SKIP
>>> a = sentence_facts(parse(nlp, "Rebels killed 18 soldiers in Aleppo."))   # doctest: +SKIP
>>> b = sentence_facts(parse(nlp, "Rebels killed 31 soldiers in Aleppo."))   # doctest: +SKIP
>>> pair_reasons(a, b, pair_features(a, b, 0.95))                  # doctest: +SKIP
('numbers differ: 18 vs 31 killed',)
"""

from __future__ import annotations

import functools
import math
import re
from dataclasses import dataclass
from typing import Any

from rapidfuzz import fuzz
from spacy.tokens import Doc, Span

from wiretrail.extract.entities import initials, name_tokens, tokens_match

REPORTING = frozenset(
    "say tell report add state claim announce confirm according note cite quote write "
    "explain insist warn allege describe suggest believe think accord".split()
)
NEGATORS = frozenset("not n't never no nobody nothing none neither nor without cannot".split())
NEGATIVE_VERBS = frozenset("deny refuse fail reject decline dismiss lack".split())
# adjectives whose complement is not done ("unable to confirm", "incapable of writing")
NEGATIVE_ADJECTIVES = frozenset("unable incapable".split())
# pairs of opposite predicates common in news; symmetric lookup
_ANTONYM_PAIRS = (
    ("win", "lose"), ("rise", "fall"), ("increase", "decrease"), ("increase", "drop"),
    ("accept", "reject"), ("confirm", "deny"), ("open", "close"), ("arrest", "release"),
    ("approve", "reject"), ("gain", "lose"), ("capture", "lose"), ("advance", "retreat"),
    ("support", "oppose"), ("live", "die"), ("survive", "die"), ("enter", "leave"),
    ("start", "end"), ("begin", "end"), ("raise", "cut"), ("raise", "lower"), ("hire", "fire"),
    ("allow", "ban"), ("allow", "forbid"), ("acquit", "convict"), ("attack", "defend"),
    ("join", "leave"), ("resign", "appoint"), ("sell", "buy"), ("admit", "deny"),
    ("agree", "disagree"), ("succeed", "fail"), ("pass", "fail"), ("lift", "impose"),
    ("withdraw", "deploy"), ("award", "strip"), ("include", "exclude"), ("find", "lose"),
)


def symmetric(pairs: tuple[tuple[str, str], ...]) -> dict[str, frozenset[str]]:
    """Each word of a pair table -> the words it is paired with, both ways."""
    out: dict[str, frozenset[str]] = {}
    for a, b in pairs:
        out[a] = out.get(a, frozenset()) | {b}
        out[b] = out.get(b, frozenset()) | {a}
    return out


ANTONYMS = symmetric(_ANTONYM_PAIRS)

_GROUPS = {
    "PERSON": "person", "ORG": "org", "NORP": "org", "GPE": "place", "LOC": "place",
    "FAC": "place", "DATE": "date", "TIME": "date", "EVENT": "other", "WORK_OF_ART": "other",
    "PRODUCT": "other", "LAW": "other",
}
_WORD_NUMBERS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20,
    "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80,
    "ninety": 90, "hundred": 100, "dozen": 12, "dozens": 24, "hundreds": 200, "thousand": 1000,
    "thousands": 2000, "million": 1e6, "billion": 1e9,
}
_SCALE = {"hundred": 100, "thousand": 1e3, "million": 1e6, "billion": 1e9}
_CONTENT_POS = frozenset({"NOUN", "PROPN", "VERB", "ADJ", "NUM"})

ALL_FEATURES: tuple[str, ...] = (
    "cosine", "cosine_sq", "lemma_jaccard", "lemma_containment", "fuzzy", "pred_shared",
    "pred_both", "subj_both", "subj_shared", "obj_both", "obj_shared", "ent_jaccard",
    "ent_unmatched", "person_conflict", "org_conflict", "place_conflict", "date_conflict",
    "num_both", "num_shared", "num_conflict", "num_conflict_same_head", "neg_mismatch",
    "neg_any", "antonym", "len_ratio", "proper_unmatched", "polarity_conflict",
)
# what the model weighs: "neg_any" is computed for reading but left out, since made
# contradictions would teach it "any negation = disagreement" instead of a mismatch
FEATURES: tuple[str, ...] = tuple(f for f in ALL_FEATURES if f != "neg_any")


@dataclass(frozen=True)
class Number:
    value: float
    text: str
    head: str  # lemma of what it counts or of the verb it hangs from ("kill", "soldier")
    word: str = ""  # that word as written ("killed")


@dataclass(frozen=True)
class SentenceFacts:
    """One sentence read from its parse (lemmas are lower-case)."""

    text: str
    lemmas: frozenset[str]
    propers: frozenset[str]
    predicates: frozenset[str]
    subjects: frozenset[str]
    objects: frozenset[str]
    entities: dict[str, frozenset[str]]  # group -> normalised names
    numbers: tuple[Number, ...]
    negations: int
    tokens: int
    negated: frozenset[str] = frozenset()  # predicates said not to happen ("did not capture" -> capture)
    roles: frozenset[tuple[str, str, str]] = frozenset()  # (predicate, "agent"/"patient", name) for named fillers
    mood: str = ""  # "past" (a reported act), "conjecture" (will/would/may + a hedge), "" otherwise

    def to_dict(self) -> dict[str, Any]:
        """A JSON-able form (sets as sorted lists), read back by ``from_dict``; the analysis keeps
        each claim's facts in it so the pair judge need not parse the claim again.

        >>> f = SentenceFacts("Rebels took Thala", frozenset({"rebel", "take", "thala"}), frozenset({"thala"}),
        ...                   frozenset({"take"}), frozenset({"rebel"}), frozenset({"thala"}), {"place": frozenset({"thala"})},
        ...                   (Number(3.0, "three", "town", "towns"),), 0, 3)
        >>> SentenceFacts.from_dict(f.to_dict()) == f
        True
        """
        return {
            "text": self.text,
            "lemmas": sorted(self.lemmas),
            "propers": sorted(self.propers),
            "predicates": sorted(self.predicates),
            "subjects": sorted(self.subjects),
            "objects": sorted(self.objects),
            "entities": {k: sorted(v) for k, v in sorted(self.entities.items())},
            "numbers": [[n.value, n.text, n.head, n.word] for n in self.numbers],
            "negations": self.negations,
            "tokens": self.tokens,
            "negated": sorted(self.negated),
            "roles": sorted(list(r) for r in self.roles),
            "mood": self.mood,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> SentenceFacts:
        """The facts ``to_dict`` wrote (a ``KeyError`` / ``TypeError`` when ``data`` is not such a record)."""
        return cls(
            text=data["text"],
            lemmas=frozenset(data["lemmas"]),
            propers=frozenset(data["propers"]),
            predicates=frozenset(data["predicates"]),
            subjects=frozenset(data["subjects"]),
            objects=frozenset(data["objects"]),
            entities={k: frozenset(v) for k, v in data["entities"].items()},
            numbers=tuple(Number(float(v), t, h, w) for v, t, h, w in data["numbers"]),
            negations=int(data["negations"]),
            tokens=int(data["tokens"]),
            negated=frozenset(data.get("negated", ())),
            roles=frozenset(tuple(r) for r in data.get("roles", ())),
            mood=data.get("mood", ""),
        )


def one_line(text: str) -> str:
    """A claim's words on one line, as the judge reads them ("Rebels\n took  Thala" -> "Rebels took Thala")."""
    return " ".join(text.split())


def _norm(text: str) -> str:
    text = re.sub(r"^(the|a|an)\s+", "", text.strip().lower())
    return re.sub(r"['’]s$", "", text).strip()


def _number_value(tok) -> float | None:
    text = tok.text.lower().replace(",", "")
    try:
        return float(text)
    except ValueError:
        pass
    return float(_WORD_NUMBERS[text]) if text in _WORD_NUMBERS else None


def _numbers(span: Span | Doc) -> tuple[Number, ...]:
    """Figures with what they count, read within ``span``: a claim read from its article's parse never
    takes the word a figure counts from outside the claim ("..., the ministry announced")."""
    out: list[Number] = []
    lo, hi = (span.start, span.end) if isinstance(span, Span) else (0, len(span))

    def inside(t) -> bool:
        return lo <= t.i < hi

    for tok in span:
        if not (tok.like_num or tok.lower_ in _WORD_NUMBERS) or tok.ent_type_ in ("DATE", "TIME"):
            continue
        if tok.dep_ == "compound" and tok.head.like_num:
            continue
        if tok.i > 0 and tok.doc[tok.i - 1].lower_ == "no":  # "no one"
            continue
        value = _number_value(tok)
        if value is None:
            continue
        text = tok.text
        if tok.lower_ in _SCALE:  # "1.2 million", "two thousand": the figure the compound before it scales
            first = next((c for c in tok.lefts if c.dep_ == "compound" and c.like_num and c.i == tok.i - 1), None)
            factor = _number_value(first) if first is not None else None
            if factor is not None:
                value, text = factor * _SCALE[tok.lower_], tok.doc[first.i : tok.i + 1].text
        nxt = tok.nbor(1) if tok.i + 1 < len(tok.doc) else None
        if nxt is not None and nxt.lower_ in _SCALE and nxt.head == tok or (
            nxt is not None and nxt.lower_ in _SCALE and tok.head == nxt
        ):
            value *= _SCALE[nxt.lower_]
        head = tok.head if inside(tok.head) else tok
        while head.like_num and head.head.i != head.i and inside(head.head):
            head = head.head
        if head.pos_ == "NOUN" and head.head.pos_ == "VERB" and head.dep_ in ("nsubjpass", "dobj", "nsubj") and inside(head.head):
            head = head.head
        out.append(Number(value, text, head.lemma_.lower(), head.text.lower()))
    return tuple(out)


def _is_yet_to(tok) -> bool:
    """ "yet" in "has yet to comment" / "is yet to write": the act has not happened."""
    return tok.lower_ == "yet" and tok.dep_ == "advmod" and any(
        c.dep_ == "xcomp" and any(a.lower_ == "to" for a in c.children) for c in tok.head.children
    )


def negative_cue(tok) -> str:
    """How ``tok`` makes its clause negative: "word" for a negator ("not", "never", "no", "zero
    films", "has yet to"), "verb" for a verb or adjective whose complement is not done ("refused
    to", "turned down", "unable to"), "" when it does neither."""
    lemma = tok.lemma_.lower()
    if tok.dep_ == "neg" or tok.lower_ in NEGATORS or _is_yet_to(tok):
        return "word"
    if tok.lower_ == "zero" and tok.dep_ in ("nummod", "det"):
        return "word"
    if tok.pos_ == "VERB" and (
        lemma in NEGATIVE_VERBS or lemma == "turn" and any(c.dep_ == "prt" and c.lower_ == "down" for c in tok.children)
    ):
        return "verb"
    if tok.pos_ == "ADJ" and lemma in NEGATIVE_ADJECTIVES:
        return "verb"
    return ""


def _phrase_keys(tok) -> set[str]:
    keys = {tok.lemma_.lower()}
    for child in tok.children:
        if child.dep_ in ("compound", "amod", "poss") and child.pos_ in ("PROPN", "NOUN", "ADJ"):
            keys.add(child.lemma_.lower())
    if tok.ent_type_:
        keys.add(_norm(tok.text))
    return {k for k in keys if k and k not in ("-PRON-",)}


def sentence_facts(sent: Span | Doc) -> SentenceFacts:
    """Read predicates, arguments, names, numbers and negation from one parsed sentence."""
    lemmas, propers, preds, subjects, objects = set(), set(), set(), set(), set()
    negations = 0
    for tok in sent:
        lemma = tok.lemma_.lower()
        if tok.pos_ in _CONTENT_POS and not tok.is_stop and not tok.is_punct:
            lemmas.add(lemma)
        if tok.pos_ == "PROPN":
            propers.add(tok.lower_)
        if tok.pos_ in ("VERB", "AUX") and tok.dep_ != "aux" and tok.dep_ != "auxpass" and lemma not in REPORTING:
            if tok.pos_ == "VERB" or tok.dep_ == "ROOT":
                preds.add(lemma)
        if tok.dep_ in ("nsubj", "nsubjpass", "agent") and tok.head.lemma_.lower() not in REPORTING:
            subjects |= _phrase_keys(tok if tok.dep_ != "agent" else next(iter(tok.children), tok))
        if tok.dep_ in ("dobj", "attr", "oprd") or (tok.dep_ == "pobj" and tok.head.head.pos_ == "VERB"):
            if tok.pos_ in ("NOUN", "PROPN"):
                objects |= _phrase_keys(tok)
        if negative_cue(tok):
            negations += 1
    entities: dict[str, set[str]] = {}
    negated = _negated_predicates(sent)
    for ent in sent.ents:
        group = _GROUPS.get(ent.label_)
        if group:
            entities.setdefault(group, set()).add(_norm(ent.text))
    return SentenceFacts(
        text=sent.text,
        lemmas=frozenset(lemmas),
        propers=frozenset(propers),
        predicates=frozenset(preds),
        subjects=frozenset(subjects),
        objects=frozenset(objects),
        entities={k: frozenset(v) for k, v in entities.items()},
        numbers=_numbers(sent),
        negations=negations,
        tokens=sum(1 for t in sent if not t.is_punct and not t.is_space),
        negated=frozenset(negated),
        roles=frozenset(_roles(sent)),
        mood=_mood(sent),
    )


_MODALS = frozenset({"will", "would", "may", "might", "could", "should"})
_HEDGE_ADVERBS = frozenset({"presumably", "probably", "likely", "perhaps", "possibly", "maybe", "arguably",
                            "apparently"})  # not "reportedly": that reports, it does not guess


def _mood(sent: Span | Doc) -> str:
    """How the main clause tells its act: "past" for a finished act ("asked"), "conjecture" for a modal
    with a hedge ("will presumably be more concerned"), "" otherwise.

    >>> # "Assad asked Israel for help" -> "past"; "Assad will presumably fight on" -> "conjecture"
    """
    if len(sent) == 0:
        return ""
    root = sent.root if isinstance(sent, Span) else next(iter(sent.sents)).root
    kids = list(root.children)
    modal = any(c.dep_ == "aux" and c.lower_ in _MODALS for c in kids)
    hedged = any(t.lower_ in _HEDGE_ADVERBS for t in sent)
    if modal and hedged:
        return "conjecture"
    if root.tag_ == "VBD" and not modal:
        return "past"
    return ""


def mood_mismatch(a: SentenceFacts, b: SentenceFacts) -> bool:
    """One sentence reports an act, the other conjectures: a guess is not a report of the act."""
    return {a.mood, b.mood} == {"past", "conjecture"}


def _negated_predicates(sent: Span | Doc) -> set[str]:
    """Lemmas of predicates under negation: "not"/"never" on the verb, "has yet to sign", "no one
    was hurt", "produced zero films", or the complement of refuse / deny / fail / turn down / unable
    ("refused to sign" -> sign, "unable to confirm" -> confirm)."""
    out: set[str] = set()
    for tok in sent:
        if negative_cue(tok) == "verb":  # refuse / deny / turn down (verbs), unable / incapable (adjectives)
            out |= _complement_verbs(tok) | _object_content(tok)
        if tok.pos_ not in ("VERB", "AUX"):
            continue
        negative = any(c.dep_ == "neg" or c.lower_ in ("never",) or _is_yet_to(c) for c in tok.children)
        negative |= any(
            c.dep_ in ("nsubj", "nsubjpass", "dobj")
            and any(d.dep_ in ("det", "nummod") and d.lower_ in ("no", "zero") for d in c.children)
            or c.lower_ in ("nobody", "nothing", "none", "no-one")
            for c in tok.children
        )
        if negative:
            out.add(tok.lemma_.lower())
            out |= _complement_verbs(tok)
    return out


def _complement_verbs(tok) -> set[str]:
    """Lemmas of the verbs ``tok`` takes as its complement ("refused to sign" -> sign)."""
    return {c.lemma_.lower() for c in tok.children if c.dep_ in ("xcomp", "ccomp") and c.pos_ == "VERB"}


def _object_content(verb) -> set[str]:
    """Verbs of the content clause of a negative verb's object: "turned down offers to work",
    "rejected calls to resign", "denied reports that it had captured" (not a relative clause:
    "denied the report that he wrote" has no complementiser)."""
    out: set[str] = set()
    for obj in verb.children:
        if obj.dep_ != "dobj":
            continue
        for clause in obj.children:
            if clause.dep_ in ("acl", "relcl") and clause.pos_ == "VERB" and any(
                (a.dep_ == "aux" and a.lower_ == "to") or (a.dep_ == "mark" and a.lower_ == "that") for a in clause.children
            ):
                out.add(clause.lemma_.lower())
    return out


_ROLE_ENTITIES = frozenset({"PERSON", "ORG", "GPE", "NORP"})
# Verbs that tell one kind of act: participants are compared across them ("Israel demanded" and
# "Russia asked" are two requests by two parties, "Turkey backs" and "Russia supports" two patrons).
FRAMES = {lemma: frame for frame, lemmas in {
    "request": ("ask", "demand", "request", "urge", "press", "require", "implore", "beg"),
    "support": ("back", "support", "arm", "fund", "finance", "help", "aid", "assist", "sponsor"),
    "attack": ("attack", "strike", "bomb", "shell", "hit", "target", "raid", "shoot", "assault"),
    "capture": ("capture", "seize", "take", "overrun", "retake", "recapture", "storm", "conquer"),
    "kill": ("kill", "slay", "murder", "assassinate", "execute"),
    "arrest": ("arrest", "detain", "apprehend", "abduct", "kidnap"),
    "meet": ("meet", "visit", "host", "receive"),
}.items() for lemma in lemmas}
# frames whose nouns name the act of the verb's subject ("X responded with a demand", "X launched a
# strike"); not "support", whose noun is often asked for ("Assad asked for help": the help is Israel's)
NOMINAL_FRAMES = frozenset({"request", "attack"})


def _role_fillers(tok, ents_by_token: dict[int, str]) -> set[str]:
    """Names filling an argument headed by ``tok``: the named entity it heads, or its possessor's
    ("asked for Israel's help" -> israel)."""
    names = {ents_by_token[tok.i]} if tok.i in ents_by_token else set()
    for child in tok.children:
        if child.dep_ == "poss" and child.i in ents_by_token:
            names.add(ents_by_token[child.i])
    return names


def _roles(sent: Span | Doc) -> set[tuple[str, str, str]]:
    """Who does what to whom, for named participants: (predicate lemma, role, normalised name).

    A verb of a known kind of act is named by its frame ("asked" -> "request").
    >>> # "Assad asked Iran not to respond" -> {("request", "agent", "assad"), ("request", "patient", "iran")}
    """
    ents_by_token = {t.i: _norm(ent.text) for ent in sent.ents if ent.label_ in _ROLE_ENTITIES for t in ent}
    out: set[tuple[str, str, str]] = set()
    for tok in sent:
        if tok.pos_ == "NOUN" and FRAMES.get(tok.lemma_.lower()) in NOMINAL_FRAMES:
            # a nominal act ("Israel's demand", "Israel responded with a demand"): its agent is the
            # possessor, or the subject of the verb it is the object of
            agents = {ents_by_token[c.i] for c in tok.children if c.dep_ == "poss" and c.i in ents_by_token}
            verb = tok.head.head if tok.dep_ == "pobj" and tok.head.dep_ == "prep" else tok.head
            if not agents and tok.dep_ in ("dobj", "pobj") and verb.pos_ == "VERB":
                for subj in (c for c in verb.children if c.dep_ == "nsubj"):
                    agents |= _role_fillers(subj, ents_by_token)
            out |= {(FRAMES[tok.lemma_.lower()], "agent", n) for n in agents}
            continue
        if tok.pos_ != "VERB" or tok.lemma_.lower() in REPORTING:
            continue
        pred = FRAMES.get(tok.lemma_.lower(), tok.lemma_.lower())
        if tok.dep_ == "xcomp" and not any(c.dep_ in ("nsubj", "nsubjpass") for c in tok.children):
            # control: "asked Iran not to respond" -> Iran responds; "vowed to respond" -> the subject
            objects = [c for c in tok.head.children if c.dep_ == "dobj"]
            controllers = objects or [c for c in tok.head.children if c.dep_ == "nsubj"]
            for c in controllers:
                out |= {(pred, "agent", n) for n in _role_fillers(c, ents_by_token)}
        for child in tok.children:
            if child.dep_ in ("nsubj", "agent"):
                arg = next((c for c in child.children if c.dep_ == "pobj"), child) if child.dep_ == "agent" else child
                out |= {(pred, "agent", n) for n in _role_fillers(arg, ents_by_token)}
            elif child.dep_ in ("dobj", "dative", "nsubjpass"):
                out |= {(pred, "patient", n) for n in _role_fillers(child, ents_by_token)}
            elif child.dep_ == "prep":
                for pobj in (c for c in child.children if c.dep_ == "pobj"):
                    # through a preposition only a possessor counts ("asked for Israel's help"), not a
                    # place or a companion ("in Syria", "with Iran")
                    out |= {(pred, "patient", n) for n in _role_fillers(pobj, ents_by_token) if ents_by_token.get(pobj.i) != n}
    return out


def _name_tokens(name: str) -> tuple[str, ...]:
    """Folded name parts without titles and Arabic articles, as the entity resolver reads them."""
    return tuple(t for t in name_tokens(name) if len(t) > 2)


def _share_a_name(a: str, b: str) -> bool:
    """One name part in common, allowing spelling variants (Wartani / Ouertani / Wertani)."""
    return any(tokens_match(x, y) for x in _name_tokens(a) for y in _name_tokens(b))


def role_conflicts(a: SentenceFacts, b: SentenceFacts) -> list[tuple[str, str, list[str], list[str]]]:
    """Shared actions whose named agent (or patient) differs: "Assad asked Israel" and "Assad asked Iran"
    report two requests, not one. (predicate, role, names in a, names in b) for each."""
    out = []
    for pred, role in sorted({(p, r) for p, r, _ in a.roles} & {(p, r) for p, r, _ in b.roles}):
        na = [n for p, r, n in a.roles if (p, r) == (pred, role)]
        nb = [n for p, r, n in b.roles if (p, r) == (pred, role)]
        if not any(_share_a_name(x, y) for x in na for y in nb):
            out.append((pred, role, sorted(na), sorted(nb)))
    return out


@functools.lru_cache(maxsize=1 << 16)  # a corpus judges the same few names against each other in most of its pairs
def _names_match(a: str, b: str) -> bool:
    """One name inside the other, part by part, spelling variants allowed
    ("hadi wertani" / "al-hadi al-wartani", "hédi ouertani" / "hedi ouertani")."""
    if a == b:
        return True
    ta, tb = name_tokens(a), name_tokens(b)
    if not ta or not tb:
        return False
    small, big = (ta, tb) if len(ta) <= len(tb) else (tb, ta)
    if len(small) == 1 and len(big) >= 2 and small[0] in (initials(big), initials(big, keep_articles=True)):
        return True  # "dlf" / "dorsal liberation front"
    return all(any(tokens_match(x, y) for y in big) for x in small)


def _group_conflict(a: frozenset[str], b: frozenset[str]) -> float:
    """1.0 when both name things of a kind and none of them match."""
    if not a or not b:
        return 0.0
    return 0.0 if any(_names_match(x, y) for x in a for y in b) else 1.0


def _jaccard(a: frozenset[str] | set[str], b: frozenset[str] | set[str]) -> float:
    return len(a & b) / len(a | b) if a or b else 0.0


def _close(x: float, y: float) -> bool:
    return abs(x - y) <= 1e-9 * max(1.0, abs(x), abs(y))


def number_conflicts(a: SentenceFacts, b: SentenceFacts) -> list[tuple[Number, Number]]:
    """Numbers counting the same thing with different values (head lemma equal)."""
    out = []
    for x in a.numbers:
        same_head = [y for y in b.numbers if y.head == x.head]
        if same_head and not any(_close(x.value, y.value) for y in same_head):
            out.append((x, same_head[0]))
    return out


def antonym_pairs(a: SentenceFacts, b: SentenceFacts) -> list[tuple[str, str]]:
    """Opposite predicates, one in each sentence; a sentence that holds both ("fired the coach and
    hired his assistant") opposes neither."""
    return [
        (p, q) for p in a.predicates for q in b.predicates
        if q in ANTONYMS.get(p, ()) and q not in a.predicates and p not in b.predicates
    ]


def pair_features(a: SentenceFacts, b: SentenceFacts, cosine: float) -> dict[str, float]:
    """The judge's inputs for a pair of sentences (names in ``ALL_FEATURES``)."""
    ents_a = set().union(*a.entities.values()) if a.entities else set()
    ents_b = set().union(*b.entities.values()) if b.entities else set()
    unmatched = [x for x in ents_a if not any(_names_match(x, y) for y in ents_b)]
    unmatched += [y for y in ents_b if not any(_names_match(x, y) for x in ents_a)]
    vals_a = {n.value for n in a.numbers}
    vals_b = {n.value for n in b.numbers}
    num_both = float(bool(vals_a) and bool(vals_b))
    small = min(len(a.lemmas), len(b.lemmas)) or 1
    props_a, props_b = a.propers, b.propers
    return {
        "cosine": cosine,
        "cosine_sq": cosine * cosine,
        "lemma_jaccard": _jaccard(a.lemmas, b.lemmas),
        "lemma_containment": len(a.lemmas & b.lemmas) / small,
        "fuzzy": fuzz.token_set_ratio(a.text, b.text) / 100.0,
        "pred_shared": float(bool(a.predicates & b.predicates)),
        "pred_both": float(bool(a.predicates) and bool(b.predicates)),
        "subj_both": float(bool(a.subjects) and bool(b.subjects)),
        "subj_shared": float(bool(a.subjects & b.subjects)),
        "obj_both": float(bool(a.objects) and bool(b.objects)),
        "obj_shared": float(bool(a.objects & b.objects)),
        "ent_jaccard": _jaccard(ents_a, ents_b),
        "ent_unmatched": math.log1p(len(unmatched)),
        "person_conflict": _group_conflict(a.entities.get("person", frozenset()), b.entities.get("person", frozenset())),
        "org_conflict": _group_conflict(a.entities.get("org", frozenset()), b.entities.get("org", frozenset())),
        "place_conflict": _group_conflict(a.entities.get("place", frozenset()), b.entities.get("place", frozenset())),
        "date_conflict": _group_conflict(a.entities.get("date", frozenset()), b.entities.get("date", frozenset())),
        "num_both": num_both,
        "num_shared": float(bool(vals_a & vals_b)),
        "num_conflict": float(num_both and not (vals_a & vals_b)),
        "num_conflict_same_head": float(bool(number_conflicts(a, b))),
        "neg_mismatch": float((a.negations % 2) != (b.negations % 2)),
        "neg_any": float(a.negations > 0 or b.negations > 0),
        "antonym": float(bool(antonym_pairs(a, b))),
        "len_ratio": min(a.tokens, b.tokens) / max(a.tokens, b.tokens, 1),
        "proper_unmatched": math.log1p(len(props_a ^ props_b)),
        "polarity_conflict": float(bool(polarity_conflicts(a, b))),
    }


def polarity_conflicts(a: SentenceFacts, b: SentenceFacts) -> list[str]:
    """Predicates both sentences use, said not to happen in one only, by the same actors as far as the
    parse tells ("Israel responded" and "Iran did not respond" do not clash). A copula or light verb is
    no action of its own: "was not concerned" and "another concern is" do not clash over "be"."""
    clashing = {(p, r) for p, r, *_ in role_conflicts(a, b)}
    return sorted(p for p in (a.predicates & b.predicates) & (a.negated ^ b.negated)
                  if p not in LIGHT_VERBS and (FRAMES.get(p, p), "agent") not in clashing)


LIGHT_VERBS = frozenset("be have do become seem get".split())


DIFFERENT_ACTIONS = "different actions"  # a reason; claim grouping reads it (link.claimgroups.accept_same)
CONFLICT_FEATURES = ("polarity_conflict", "num_conflict_same_head", "antonym")


def has_conflict(feats: dict[str, float]) -> bool:
    """A contradiction needs a reason a person can check: polarity, a figure or an opposite verb."""
    return any(feats.get(name, 0.0) > 0 for name in CONFLICT_FEATURES)


def pair_reasons(a: SentenceFacts, b: SentenceFacts, feats: dict[str, float]) -> tuple[str, ...]:
    """Differences and agreements a person can check, most telling first."""
    reasons: list[str] = []
    for pred, role, na, nb in role_conflicts(a, b)[:1]:
        reasons.append(f"different {role} of '{pred}': {', '.join(na)} vs {', '.join(nb)}")
    if mood_mismatch(a, b):
        reasons.append("one reports an act, the other conjectures")
    for x, y in number_conflicts(a, b)[:2]:
        reasons.append(f"numbers differ: {x.text} vs {y.text} {x.word or x.head}")
    flipped = polarity_conflicts(a, b)
    if flipped:
        reasons.append(f"negation differs: {', '.join(flipped[:2])}")
    elif feats["neg_mismatch"]:
        reasons.append("negation differs elsewhere in the sentence")
    for p, q in antonym_pairs(a, b)[:1]:
        reasons.append(f"opposite actions: {p} vs {q}")
    for group, label in (("person", "actors"), ("org", "organisations"), ("place", "places"), ("date", "dates")):
        ea, eb = a.entities.get(group, frozenset()), b.entities.get(group, frozenset())
        if _group_conflict(ea, eb):
            reasons.append(f"different {label}: {', '.join(sorted(ea))} vs {', '.join(sorted(eb))}")
    if feats["subj_both"] and not feats["subj_shared"] and not any("actors" in r for r in reasons):
        reasons.append("different actors")
    acts = (a.predicates & b.predicates) - LIGHT_VERBS  # "is" in both is no shared action
    if feats["pred_both"] and not acts:
        reasons.append(DIFFERENT_ACTIONS)
    if acts:
        reasons.append(f"same action: {', '.join(sorted(acts)[:3])}")
    shared = set().union(*a.entities.values()) & set().union(*b.entities.values()) if a.entities and b.entities else set()
    if shared:
        reasons.append(f"shared names: {', '.join(sorted(shared)[:4])}")
    reasons.append(f"embedding cosine {feats['cosine']:.2f}")
    return tuple(reasons)
