"""Named-entity mentions, and the name keys that let spellings of one name meet.

Two halves, both pure:

- ``extract_mentions(doc, article_id)``: spaCy's named entities as ``model.Mention``
  records (leading "the" and a trailing possessive trimmed off the span);
- name keys used by ``link.resolve``: ``normalise_name`` (transliteration to ASCII,
  apostrophes and ʿ ʼ removed, Arabic articles "al-/el-/ad-..." and titles dropped),
  ``consonant_skeleton`` (the consonants of a spelling, in classes shared by
  Arabic, Persian and Turkish transliterations), ``initials`` and
  ``defined_acronyms`` ("Hayat Tahrir al-Sham (HTS)").

>>> normalise_name("Mr. Bashar al-Assad's")
'bashar assad'
>>> consonant_skeleton("Soleimani") == consonant_skeleton("Süleyman")
True
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator
from functools import lru_cache

from anyascii import anyascii
from spacy.tokens import Doc, Span as SpacySpan

from wiretrail.model import Mention, Span

log = logging.getLogger(__name__)

#: spaCy labels kept as entity mentions (numbers, dates and amounts are other stages' work).
NAME_LABELS = frozenset(
    {"PERSON", "NORP", "FAC", "ORG", "GPE", "LOC", "PRODUCT", "EVENT", "WORK_OF_ART", "LAW"}
)

#: coarse type of each spaCy label; ``types_agree`` compares these.
COARSE_TYPE = {
    "PERSON": "PER", "PER": "PER",
    "ORG": "ORG", "NORP": "ORG",  # "Hamas", "the Houthis" come out as NORP or ORG
    "GPE": "LOC", "LOC": "LOC", "FAC": "LOC",
    "PRODUCT": "MISC", "EVENT": "MISC", "WORK_OF_ART": "MISC", "LAW": "MISC", "MISC": "MISC",
}

# Titles and honorifics dropped from names (lower case, without the final dot).
TITLES = frozenset(
    """
    mr mrs ms miss mme mlle dr prof sir dame lord lady sheikh shaikh sheik sayyid sayed seyed seyyed
    hajji haji hajj mullah imam ayatollah grand hojatoleslam president vice prime minister premier
    king queen prince princess emir amir sultan crown general gen lt lieutenant col colonel maj major
    brig brigadier capt captain commander cmdr adm admiral sgt sergeant marshal field chancellor
    secretary senator sen rep representative gov governor mayor judge justice pope patriarch rev
    father saint st chief deputy former late leader foreign defence defense interior supreme
    """.split()
)

# The Arabic article, dropped before a name part: written apart only as "al"/"el";
# with a hyphen also in its sun-letter forms ("ash-Sharaa", "an-Nu'man", "ad-Dawla").
ARTICLES = frozenset("al el".split())
# Small words left out of initials and of token comparison.
STOPWORDS = frozenset("the of and for in on at to de du da des del della di van von der".split())

_APOSTROPHES = re.compile("['`\u02bb\u02bc\u02bd\u02be\u02bf\u2018\u2019\u00b4\u02b9\u2032\u0301]")
_NON_WORD = re.compile(r"[^a-z0-9]+")
_ARTICLE_JOINED = re.compile(r"\b(?:al|el|ul|ad|ar|as|ash|at|ath|az|adh|an|ad|ed|er|es|et|ez|en)-(?=\w)")


def extract_mentions(doc: Doc, article_id: str) -> list[Mention]:
    """Named-entity mentions of ``doc`` as ``Mention`` records (offsets into ``doc.text``).

    >>> from wiretrail.nlp import load_nlp, parse                    # doctest: +SKIP
    >>> [m.text for m in extract_mentions(parse(load_nlp(), "Bashar al-Assad fled Syria."), "a")]  # doctest: +SKIP
    ['Bashar al-Assad', 'Syria']
    """
    out: list[Mention] = []
    text = doc.text  # built afresh on each access (O(tokens)): read it once
    for ent in doc.ents:
        if ent.label_ not in NAME_LABELS:
            continue
        trimmed = trim_span(ent)
        if trimmed is None:
            continue
        start, end = trimmed
        out.append(Mention(Span(article_id, start, end), text[start:end], ent.label_))
    # spaCy often misses an acronym the text defines ("Hayat Tahrir al-Sham (HTS)")
    acronyms = {acronym: long.label for long, acronym in defined_acronyms(text, out)}
    out.extend(acronym_mentions(text, article_id, acronyms, out))
    return sorted(out, key=lambda m: m.span.start)


def acronym_mentions(
    text: str, article_id: str, acronyms: dict[str, str], existing: list[Mention]
) -> list[Mention]:
    """Mentions for every whole-word occurrence of the given acronyms (acronym -> label)
    that no existing mention covers."""
    taken = [(m.span.start, m.span.end) for m in existing]
    out: list[Mention] = []
    for acronym, label in acronyms.items():
        for m in re.finditer(rf"(?<![\w.]){re.escape(acronym)}(?![\w])", text):
            if any(s < m.end() and m.start() < e for s, e in taken):
                continue
            out.append(Mention(Span(article_id, m.start(), m.end()), acronym, label))
            taken.append((m.start(), m.end()))
    return out


def trim_span(ent: SpacySpan) -> tuple[int, int] | None:
    """Character range of ``ent`` without a leading "the" or a trailing "'s" / punctuation."""
    tokens = list(ent)
    while tokens and (tokens[0].lower_ == "the" or tokens[0].is_punct or tokens[0].is_space):
        tokens.pop(0)
    while tokens and (tokens[-1].lower_ in {"'s", "\u2019s", "'"} or tokens[-1].is_punct
                      or tokens[-1].is_space):
        if tokens[-1].text == "." and len(tokens) > 1 and _abbreviated(tokens[-2].text):
            break  # "W.Va.", "Ky." keep their dot
        tokens.pop()
    if not tokens:
        return None
    return tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)


def _abbreviated(word: str) -> bool:
    """A word the following dot belongs to: "W.Va", "U.S", "Ky", "Calif"."""
    return "." in word or (word[:1].isupper() and word[1:].islower() and len(word) <= 5
                           and word.isalpha() and not word.isupper() and len(word) >= 2
                           and word.lower() not in {"he", "she", "it", "we", "they", "the"})


@lru_cache(maxsize=65536)
def ascii_fold(text: str) -> str:
    """Transliterate to ASCII and drop apostrophes, ʿayn and hamza marks, lower case.

    >>> ascii_fold("Hayʼat Ma'arrat Süleyman")
    'hayat maarrat suleyman'
    """
    text = _APOSTROPHES.sub("", text)
    text = anyascii(text)
    return _APOSTROPHES.sub("", text).lower()


@lru_cache(maxsize=65536)
def name_tokens(text: str, drop_titles: bool = True) -> tuple[str, ...]:
    """Name parts after folding, with leading titles (for people), Arabic articles and
    possessives removed.

    >>> name_tokens("President Bashar al-Assad")
    ('bashar', 'assad')
    >>> name_tokens("Ma'arrat an-Nu'man")
    ('maarrat', 'numan')
    """
    text = re.sub("['\u2019]s\\b|(?<=s)['\u2019](?=\\s|$)", "", text)  # possessives
    folded = ascii_fold(text)
    folded = _ARTICLE_JOINED.sub("", folded)
    raw = [t for t in _NON_WORD.split(folded) if t]
    out = [t for i, t in enumerate(raw) if not (t in ARTICLES and i < len(raw) - 1) and t != "the"]
    # titles are dropped only from the front ("President Assad", not "Prime Minister's Office")
    while drop_titles and len(out) > 1 and out[0] in TITLES:
        out.pop(0)
    return tuple(out)


def normalise_name(text: str) -> str:
    """A name's parts joined by single spaces (see ``name_tokens``).

    >>> normalise_name("Hayʼat Tahrir al-Sham")
    'hayat tahrir sham'
    """
    return " ".join(name_tokens(text))


# Digraphs first (longest first), then single letters, to consonant classes.
_DIGRAPHS = (
    ("tsch", "c"), ("sch", "s"), ("tch", "c"), ("dzh", "j"), ("kh", "h"), ("gh", "g"), ("sh", "s"),
    ("ch", "c"), ("th", "t"), ("dh", "t"), ("zh", "j"), ("ph", "f"), ("ou", "u"), ("ck", "k"),
    ("dj", "j"), ("ts", "s"), ("ck", "k"),
)
_LETTER = {
    "q": "k", "c": "k", "x": "k", "p": "b", "w": "v", "y": "", "z": "z", "j": "j", "g": "g",
    "s": "s", "h": "h", "t": "t", "d": "t", "b": "b", "f": "f", "v": "v", "k": "k", "l": "l",
    "m": "m", "n": "n", "r": "r",
}
_VOWELS = frozenset("aeiouy")
# consonant classes that transliterations swap pairwise (not transitively):
# Gaddafi / Qaddafi / Kadhafi (g~k), Jolani / Golani and Gamal / Jamal (g~j), Chechnya (c~s)
# German/Polish "ch" for kh (Michail / Mikhail: c~h)
_COMPATIBLE = {
    frozenset(p) for p in (("g", "k"), ("g", "j"), ("c", "s"), ("c", "k"), ("j", "z"), ("c", "h"))
}


@lru_cache(maxsize=65536)
def consonant_skeleton(token: str) -> str:
    """The consonant classes of one folded name part, doubled letters collapsed.

    Vowels, "y" and a silent final "h" after a vowel go; q/k/c/x -> k, d/t, p/b,
    w/v, kh -> h, sh -> s, gh -> g, zh/dj -> j.

    >>> consonant_skeleton("qaani"), consonant_skeleton("kaani"), consonant_skeleton("ghaani")
    ('kn', 'kn', 'gn')
    >>> consonant_skeleton("hizbullah") == consonant_skeleton("hezbollah")
    True
    """
    word = ascii_fold(token)
    word = re.sub(r"[^a-z]", "", word)
    if len(word) > 2 and word.endswith("h") and word[-2] in _VOWELS:
        word = word[:-1]
    for src, dst in _DIGRAPHS:
        word = word.replace(src, dst if dst in _VOWELS else dst.upper())
    out: list[str] = []
    for ch in word:
        if ch.isupper():
            cls = ch.lower()
        elif ch in _VOWELS:
            cls = ""
        else:
            cls = _LETTER.get(ch, ch)
        if cls and (not out or out[-1] != cls):
            out.append(cls)
    return "".join(out)


def skeletons_match(a: str, b: str) -> bool:
    """Two skeletons of equal length whose classes agree or are pairwise compatible."""
    if len(a) != len(b) or not a:
        return False
    return all(x == y or frozenset((x, y)) in _COMPATIBLE for x, y in zip(a, b))


_VOWEL_CLASS = {"a": "a", "e": "ae", "i": "ei", "o": "ou", "u": "ou", "y": "ei"}


def vowel_shape(token: str) -> tuple[str, ...]:
    """The vowel groups of a folded token as class strings ("maarat" -> ('a', 'a'))."""
    word = re.sub(r"[^a-z]", "", ascii_fold(token))
    word = re.sub(r"ou", "u", word)
    groups = re.findall(r"[aeiouy]+", word[1:] if word[:1] == "y" else word)
    return tuple(_VOWEL_CLASS.get(g[0], g[0]) for g in groups)


def vowels_compatible(a: str, b: str) -> bool:
    """First vowels share a class (a~e, e~i, o~u) and vowel-initial agrees."""
    fa, fb = ascii_fold(a)[:1], ascii_fold(b)[:1]
    if (fa in "aeiouy") != (fb in "aeiouy"):  # Yevgeny / Evgeny, but not Ahmad / Hamad
        return False
    va, vb = vowel_shape(a), vowel_shape(b)
    if not va or not vb:
        return va == vb
    return bool(set(va[0]) & set(vb[0])) and abs(len(va) - len(vb)) <= 1


def tokens_match(a: str, b: str) -> bool:
    """Two folded name parts are one spelling: equal, or same consonant skeleton.

    >>> tokens_match("maarat", "maaret"), tokens_match("hama", "hamas")
    (True, False)
    """
    if a == b:
        return True
    if a.isdigit() or b.isdigit():
        return False
    a, b = _french_w(a), _french_w(b)
    sa, sb = consonant_skeleton(a), consonant_skeleton(b)
    if not skeletons_match(sa, sb):
        return False
    if not vowels_compatible(a, b):
        return False
    # short skeletons carry little evidence: ask for similar length too
    if len(sa) <= 2 and abs(len(a) - len(b)) > 2:
        return False
    # vowel endings two letters apart are another word or form (Niger / Nigeria,
    # Navalny / Navalnaya); a silent final h does not count (Haniyeh / Haniya)
    return abs(_vowel_tail(a) - _vowel_tail(b)) < 2


# the consonant classes skeletons_match lets swap, joined into one: their pairs chain g~k~c~s~h and g~j~z
_SWAPPED_CLASSES = str.maketrans("gkjzcsh", "KKKKKKK")


def token_key(token: str) -> str:
    """A key that any two name parts ``tokens_match`` share: the consonant skeleton with every class
    a transliteration may swap made one. Coarser than the match (Kaani and Jani share it), so it finds
    candidates to ask ``tokens_match`` about without asking it of every pair.

    >>> token_key("qaani") == token_key("ghaani") == token_key("kaani"), token_key("hama") == token_key("hamas")
    (True, False)
    """
    skeleton = consonant_skeleton(_french_w(token))
    return skeleton.translate(_SWAPPED_CLASSES) if skeleton else "=" + token


def _french_w(word: str) -> str:
    """French transliteration writes Arabic w as initial "ou" before a vowel (Ouertani, Ouattara,
    Ouazzani): read it as w, so it meets Wartani, Wattara, Wazzani."""
    return "w" + word[2:] if len(word) > 3 and word.startswith("ou") and word[2] in "aeiy" else word


def _vowel_tail(word: str) -> int:
    if len(word) > 2 and word.endswith("h") and word[-2] in "aeiouy":
        word = word[:-1]
    return len(word) - len(word.rstrip("aeiouy"))


def initials(tokens: tuple[str, ...], keep_articles: bool = False) -> str:
    """Initial letters of the name parts (stop words skipped).

    >>> initials(name_tokens("Syrian Observatory for Human Rights"))
    'sohr'
    """
    return "".join(t[0] for t in tokens if t not in STOPWORDS and (keep_articles or t not in ARTICLES))


def acronym_form(text: str) -> str | None:
    """The letters of an acronym ("U.S." -> "us", "HTS" -> "hts"), or None for other words."""
    bare = text.replace(".", "").replace(" ", "").strip()
    if 2 <= len(bare) <= 7 and bare.isalpha() and bare.upper() == bare and bare.isascii():
        return bare.lower()
    return None


_DEFINITION = re.compile(r"\(\s*([A-Z][A-Za-z.\-]{1,9})\s*\)")


def defined_acronyms(text: str, mentions: list[Mention]) -> Iterator[tuple[Mention, str]]:
    """Acronyms defined in the text: a mention followed by "(ACR)" yields (mention, "ACR").

    >>> from wiretrail.model import Span
    >>> t = "Hayat Tahrir al-Sham (HTS) took Aleppo."
    >>> [(m.text, a) for m, a in defined_acronyms(t, [Mention(Span("a", 0, 20), t[:20], "ORG")])]
    [('Hayat Tahrir al-Sham', 'HTS')]
    """
    for mention in mentions:
        m = _DEFINITION.match(text, mention.span.end + (1 if text[mention.span.end:mention.span.end + 1] == " " else 0))
        if m and acronym_form(m.group(1)) and len(name_tokens(mention.text)) >= 2:
            yield mention, m.group(1)
