"""Who a source is: its type, its descriptor, and the earlier mention it stands for.

``source_type`` reads the head of the source phrase and its named entities:

>>> from wiretrail.nlp import load_nlp, parse              # doctest: +SKIP
>>> doc = parse(load_nlp(), "Two Syrian military sources said it.")   # doctest: +SKIP
>>> source_type(doc[0:4])                                  # doctest: +SKIP
'anonymous'

``resolve`` maps a pronoun ("he"), a surname ("Rakov") or a definite
description ("the official", "the ministry") to the earliest full mention in
the article that it can stand for, looking only at text before it.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

MEDIA_WORDS = frozenset(
    """media newspaper paper daily weekly outlet agency agencies channel network broadcaster
    television tv radio website site magazine journal tabloid press news wire reporter reporters
    journalist journalists correspondent editor editors columnist station""".split()
)
MEDIA_NAMES = frozenset(
    """reuters ap afp bloomberg cnn bbc msnbc fox nbc abc cbs npr pbs politico axios elaph haaretz
    tass ria interfax xinhua sana irna anadolu al-jazeera aljazeera jazeera al-arabiya arabiya
    times post guardian telegraph independent journal tribune herald gazette globe observer
    breitbart huffpost usa today wsj nyt dpa efe ansa kyodo yonhap""".split()
)
# heads that name a medium only with a media word before them ("news agency", "Fox News Network",
# "the state broadcasting network"); "the Highlands Monitoring Network" or "the UN refugee agency" are not
AMBIGUOUS_MEDIA_HEADS = frozenset("network networks agency agencies".split())
MEDIA_MODIFIERS = frozenset(
    "news media broadcasting broadcast broadcaster television tv radio press cable satellite wire".split()
)
GOVERNMENT_WORDS = frozenset(
    """government ministry ministries department army military navy police administration cabinet
    presidency kremlin pentagon white house state house senate congress parliament council
    authorities authority regime court commission agency embassy consulate command forces
    office bureau prosecutor prosecutors spokesman spokeswoman spokesperson""".split()
)
ANONYMOUS_HEADS = frozenset(
    """official officials source sources resident residents witness witnesses person people
    aide aides diplomat diplomats insider insiders staffer staffers member members officer
    officers activist activists analyst analysts expert experts commander commanders fighter
    fighters doctor doctors medic medics employee employees adviser advisers advisor advisors
    spokesman spokeswoman spokesperson someone individual individuals worker workers
    observer observers critic critics supporter supporters voter voters lawmaker lawmakers
    associate associates ally allies friend friends""".split()
)
UNSPECIFIED_HEADS = frozenset("report reports reporting rumor rumors rumour rumours word it".split())
TITLES = frozenset(
    """president minister secretary ambassador envoy spokesman spokeswoman spokesperson chancellor
    governor mayor senator general commander leader chief director premier king emir""".split()
)
# common nouns that stand for an organisation: "the rebel group Hayat Tahrir al-Sham" is a named one
ORG_HEADS = frozenset(
    """group groups organisation organization movement party front coalition alliance faction militia
    observatory committee union association institute foundation federation league society charity
    company firm corporation brigade brigades battalion""".split()
)
# words that make a proper name an organisation's, whatever the NER says: English ones as the name's
# head ("Popular Mobilization Front"), and the Arabic, Persian, Kurdish and Turkish words that open a
# group's name in the construct state ("Jabhat al-Nusra" = the Nusra Front, "Hayat Tahrir al-Sham" =
# the Levant Liberation Body, "Liwa al-Quds", "Hizb ut-Tahrir", "Partiya Karkerên Kurdistanê")
ORG_NAME_WORDS = frozenset(
    """front party movement army brigade brigades council union committee observatory institute
    foundation organisation organization group association league coalition alliance federation
    society centre center corps company bank university network""".split()
)
CONSTRUCT_ORG_WORDS = frozenset(
    """hayat hay'at hayʼat jabhat jabhet harakat hizb hezb liwa jaysh jaish katibat kataib
    kata'ib saraya tanzim majlis faylaq asaib asa'ib ansar partiya partisi sepah""".split()
)
HYPHENS = frozenset("-\u2010\u2011\u2012\u2013")  # what joins the parts of a name ("al-Sham")
ARABIC_ARTICLES = frozenset(("al", "el", "ad", "ut"))  # the article as names transliterate it ("al-Sham", "ad-Dawla")
NAME_PARTICLES = ARABIC_ARTICLES | {"bin", "ibn"}  # inside a name: the article and "son of"
PRONOUNS = frozenset("he she they him her them it we i you who which that his its their".split())
PERSON_PRONOUNS = frozenset("he she him her his i we you who".split())


def head_of(span: Span) -> Token:
    """The syntactic head of a phrase (the token whose head lies outside it)."""
    for tok in span:
        if tok.head.i < span.start or tok.head.i >= span.end or tok.head.i == tok.i:
            return tok
    return span[-1]


def _ent_label(span: Span) -> str:
    labels = [t.ent_type_ for t in span if t.ent_type_]
    for wanted in ("PERSON", "ORG", "GPE", "NORP"):
        if wanted in labels:
            return wanted
    return labels[0] if labels else ""


def source_type(span: Span, resolved: Span | None = None) -> str:
    """One of model.SOURCE_TYPES for a source phrase (using its resolved mention if any)."""
    target = resolved if resolved is not None else span
    head = head_of(target)
    words = {t.lower_ for t in target}
    hl = head.lower_
    label = head.ent_type_ or _ent_label(target)
    if head.lower_ in PRONOUNS and resolved is None:
        return "unspecified" if hl in ("it", "they", "them", "their", "which", "that") else "named_person"
    if words & MEDIA_NAMES and (head.pos_ == "PROPN" or label == "ORG" or head.is_title):
        return "media_outlet"
    if hl in MEDIA_WORDS and (hl not in AMBIGUOUS_MEDIA_HEADS or words & MEDIA_MODIFIERS):
        return "media_outlet"
    has_the = any(c.lower_ == "the" for c in head.children)
    if _organisation_name(head) or hl in ORG_HEADS and any(t.pos_ == "PROPN" for t in target if t.i > head.i):
        return "named_org"
    if label == "PERSON" and not has_the:
        return "named_person"
    if (hl in ANONYMOUS_HEADS or hl in TITLES) and not any(t.ent_type_ == "PERSON" for t in target):
        # "a government spokesman" is anonymous; "the State Department spokesman" is too
        return "anonymous"
    if hl in GOVERNMENT_WORDS or label in ("GPE", "NORP") and head.pos_ != "NOUN":
        return "government_body"
    if hl in UNSPECIFIED_HEADS:
        return "unspecified"
    if label == "ORG" or (head.pos_ == "PROPN" or head.is_title) and (has_the or label == "PERSON"):
        return "named_org"
    if head.pos_ == "PROPN":  # a bare unknown name speaking is most often a person
        return "named_person"
    if head.pos_ == "NOUN" and head.tag_ == "NNS":
        return "anonymous"
    return "unspecified"


def _name_run(head: Token) -> list[Token]:
    """The proper name ``head`` belongs to: the run of name tokens (and the hyphens and "al" or "bin"
    particles inside it) around it."""
    doc = head.doc

    def inside(t: Token) -> bool:
        return t.pos_ == "PROPN" or t.text in HYPHENS or t.lower_ in NAME_PARTICLES

    if head.pos_ != "PROPN":
        return []
    lo, hi = head.i, head.i
    while lo > 0 and inside(doc[lo - 1]):
        lo -= 1
    while hi + 1 < len(doc) and inside(doc[hi + 1]):
        hi += 1
    return list(doc[lo : hi + 1])


def _organisation_name(head: Token) -> bool:
    """Whether the name ``head`` belongs to is an organisation's by its words: an organisation word as
    the head of the name ("the Popular Mobilization Front"; "U.S. Army Gen. Mark Milley" is a person) or
    a construct-state opening word followed by a definite name ("Jabhat al-Nusra", "Hayat Tahrir al-Sham")."""
    if head.lower_ in ORG_NAME_WORDS and head.is_title and head.pos_ == "PROPN":
        return head.lower_ not in GOVERNMENT_WORDS  # "the Syrian Arab Army" stays a government body
    run = _name_run(head)
    if len(run) < 2:
        return False
    first = run[0].lower_.replace("\u2019", "'")
    return first in CONSTRUCT_ORG_WORDS and any(t.lower_ in ARABIC_ARTICLES for t in run[1:])


def descriptor_of(span: Span) -> str:
    """The describing part of a source: the apposition or the common-noun phrase.

    "Daniel Rakov, a senior research fellow for X" -> "a senior research fellow for X";
    "two rebel sources" -> "two rebel sources"; "Rakov" -> "".
    """
    head = head_of(span)
    for child in head.children:
        if child.dep_ == "appos":
            return _text(child.subtree)
    if head.pos_ == "NOUN":
        return span.text.strip(" ,")
    return ""


def _text(tokens) -> str:
    toks = list(tokens)
    if not toks:
        return ""
    doc = toks[0].doc
    return doc[toks[0].i : toks[-1].i + 1].text.strip(" ,")


def name_part(span: Span) -> Span:
    """The name inside a source phrase, without its apposition or relative clause."""
    head = head_of(span)
    cut = span.end
    for child in head.children:
        if child.dep_ in ("appos", "relcl", "acl", "punct") and child.i > head.i:
            cut = min(cut, min(t.i for t in child.subtree))
    cut = max(cut, head.i + 1)
    out = span.doc[span.start : cut]
    while len(out) > 1 and out[-1].is_punct:
        out = out[:-1]
    return out


def _modifiers(head: Token) -> frozenset[str]:
    """The words that say which one a description means ("defence" in "the defence ministry")."""
    return frozenset(c.lemma_.lower() for c in head.children if c.dep_ in ("amod", "compound", "nmod"))


class Resolver:
    """Resolves pronouns and descriptions to earlier full mentions in one article.

    Built once per Doc; ``resolve(span)`` only looks at text before ``span``.
    """

    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        self.persons = [e for e in doc.ents if e.label_ == "PERSON"]
        self.orgs = [e for e in doc.ents if e.label_ in ("ORG", "GPE", "NORP", "FAC")]
        self.sources: list[Span] = []  # earlier source phrases, in order

    def note(self, span: Span) -> None:
        """Remember a source phrase so later descriptions can point back to it."""
        self.sources.append(span)

    def resolve(self, span: Span) -> Span | None:
        head = head_of(span)
        lower = head.lower_
        if head.pos_ == "PRON" or lower in PRONOUNS:
            if lower in ("who", "which", "that") and head.dep_.startswith("nsubj"):
                rel = head.head
                if rel.dep_ == "relcl":
                    noun = rel.head
                    phrase = self.doc[min(t.i for t in noun.subtree) : rel.left_edge.i]
                    return self._full(phrase) or (phrase if len(phrase) else None)
                return None
            if lower in PERSON_PRONOUNS:
                speakers = [
                    s for s in self.sources
                    if s.end <= span.start and head_of(s).pos_ == "PROPN" and head_of(s).ent_type_ not in ("ORG", "GPE", "NORP")
                ]
                person = self._last(self.persons, span.start)
                if speakers and (person is None or speakers[-1].start > person.start):
                    name = name_part(speakers[-1])
                    return self._full(name) or name
                return person
            if lower in ("they", "it", "them", "their", "its"):
                prior = [s for s in self.sources if s.end <= span.start and head_of(s).lower_ not in PRONOUNS]
                return prior[-1] if prior else None
            return None
        if head.pos_ == "PROPN":
            return self._full(span)
        determiners = {t.lower_ for t in head.children if t.dep_ == "det"}
        if determiners & {"the", "this", "that", "these", "those"}:
            own = _modifiers(head)
            for prior in reversed(self.sources):
                ph = head_of(prior)
                if (
                    prior.end <= span.start
                    and ph.lemma_.lower() == head.lemma_.lower()
                    and ph.tag_.endswith("S") == head.tag_.endswith("S")
                    and prior.text != span.text
                    and own <= _modifiers(ph)  # "the defence ministry" is not "the health ministry"
                ):
                    return prior
            for ent in reversed(self.orgs):
                if ent.end <= span.start and lower in ent.text.lower():
                    return ent
            if lower in TITLES:
                # "the prime minister" -> the latest person introduced with that title
                for ent in reversed(self.persons):
                    before = {t.lower_ for t in self.doc[max(ent.start - 4, 0) : ent.start]}
                    if ent.end <= span.start and lower in before:
                        return ent
        return None

    def _full(self, span: Span) -> Span | None:
        """A longer earlier mention containing this name ("Rakov" -> "Daniel Rakov")."""
        words = [t.lower_ for t in span if t.pos_ == "PROPN"]
        if not words:
            return None
        pool = self.persons if any(t.ent_type_ == "PERSON" for t in span) else self.persons + self.orgs
        best = None
        for ent in pool:
            if ent.end > span.start:
                continue
            ent_words = [t.lower_ for t in ent]
            if len(ent_words) > len(words) and all(w in ent_words for w in words):
                if best is None or ent.start < best.start:
                    best = ent
        return best

    @staticmethod
    def _last(ents: list[Span], before: int) -> Span | None:
        prior = [e for e in ents if e.end <= before]
        if not prior:
            return None
        # the latest mention, widened to the longest earlier form of the same person
        last = prior[-1]
        surname = last[-1].lower_
        for e in prior:
            if e[-1].lower_ == surname and len(e) > len(last):
                return e
        return last
