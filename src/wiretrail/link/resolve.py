"""Entities across spellings: cluster mentions within and across articles, no knowledge base.

``same_entity(a, b, type_a, type_b)`` decides whether two names can denote one
entity, from the names alone:

1. the types agree (``entities.COARSE_TYPE``: PERSON, ORG/NORP, GPE/LOC/FAC);
2. the names, folded (diacritics, ʿ ʼ ', "al-/an-/el-", titles), are equal; or
3. every part of the shorter name matches a part of the longer one in order
   (token containment: "Assad" ⊂ "Bashar al-Assad"), parts matching when equal or
   when their consonant skeletons agree (Soleimani / Süleyman, Qaani / Ghaani) and,
   for short skeletons, their vowels are compatible (Iran / Oran stay apart);
   organisations need the shorter name to be a leading part of the longer
   ("Syrian Observatory" ⊂ "Syrian Observatory for Human Rights", but not
   "Syrian Army" ⊂ "Free Syrian Army"), places need all parts;
4. or one is the initials of the other ("HTS", "U.S.").

``resolve_entities`` clusters the mentions of a corpus with that test, adding acronyms
defined in the text ("Hayat Tahrir al-Sham (HTS)"), and attaches a short mention that
fits several full names ("Assad") to the full name of its own article, else the most
frequent one.

>>> same_entity("Qassem Soleimani", "Süleyman", "PERSON", "PERSON")
True
>>> same_entity("Bashar al-Assad", "Bassel al-Assad", "PERSON", "PERSON")
False
"""

from __future__ import annotations

import hashlib
import logging
import re
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from wiretrail.extract.entities import (
    COARSE_TYPE,
    acronym_form,
    acronym_mentions,
    ascii_fold,
    consonant_skeleton,
    defined_acronyms,
    initials,
    name_tokens,
    token_key,
    tokens_match,
)
from wiretrail.model import Entity, Mention, Span

log = logging.getLogger(__name__)

# Words that only say what kind of organisation or place a name is.
ORG_GENERIC = frozenset("movement group organisation organization militia party front faction".split())
LOC_GENERIC = frozenset("province governorate city town village countryside region".split())
PATRONYMIC = frozenset("bin ibn bint ben".split())
GENERATION = frozenset("jr sr ii iii iv".split())
KINSHIP = frozenset("daughter son wife husband widow brother sister father mother nephew niece uncle cousin".split())


def coarse_type(label: str) -> str:
    return COARSE_TYPE.get(label.upper(), "MISC")


def types_agree(type_a: str, type_b: str) -> bool:
    """Coarse types equal (PERSON vs PERSON, ORG vs NORP, GPE vs LOC ...)."""
    return coarse_type(type_a) == coarse_type(type_b)


def _strip_generic(tokens: tuple[str, ...], kind: str) -> tuple[str, ...]:
    generic = ORG_GENERIC if kind == "ORG" else LOC_GENERIC if kind == "LOC" else frozenset()
    kept = tuple(t for t in tokens if t not in generic)
    return kept or tokens


def _in_order(short: tuple[str, ...], long: tuple[str, ...]) -> list[int] | None:
    """Positions in ``long`` matching each part of ``short`` in order, or None."""
    positions: list[int] = []
    j = 0
    for part in short:
        while j < len(long) and not tokens_match(part, long[j]):
            j += 1
        if j == len(long):
            return None
        positions.append(j)
        j += 1
    return positions


def _joined_match(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    """Names split differently ("Nasrallah" / "Nasr Allah", "Kim Jong-un" / "Kim Jong Un")."""
    ja, jb = "".join(a), "".join(b)
    return ja == jb or (tokens_match(ja, jb) and len(consonant_skeleton(ja)) >= 4)


def is_acronym_of(short: str, long: str) -> bool:
    """``short`` ("HTS", "U.S.", "AQAP") spells the initials of the name ``long``.

    >>> is_acronym_of("AQAP", "al-Qaeda in the Arabian Peninsula")
    True
    """
    letters = acronym_form(short)
    tokens = name_tokens(long)
    if not letters or len(tokens) < 2:
        return False
    raw = tuple(t for t in re.split(r"[^a-z0-9]+", ascii_fold(long)) if t)
    return letters in {initials(tokens), initials(raw, keep_articles=True)}


def name_similarity(a: str, b: str, type_a: str = "", type_b: str = "") -> float:
    """1.0 for the same name, 0.9 for a spelling or containment match, 0.8 for initials, else 0.

    >>> name_similarity("Hayʼat Tahrir al-Sham", "Hayat Tahrir al-Sham", "ORG", "ORG")
    1.0
    """
    if type_a and type_b and not types_agree(type_a, type_b):
        return 0.0
    kind = coarse_type(type_a or type_b) if (type_a or type_b) else ""
    titles = kind in {"PER", ""}  # "Foreign Ministry" keeps its first word
    ta, tb = name_tokens(a, titles), name_tokens(b, titles)
    if not ta or not tb:
        return 0.0
    if ta == tb:
        return 1.0
    ga, gb = _strip_generic(ta, kind), _strip_generic(tb, kind)
    if ga == gb:
        return 1.0
    if acronym_form(a) and not acronym_form(b):
        return 0.8 if is_acronym_of(a, b) else 0.0
    if acronym_form(b) and not acronym_form(a):
        return 0.8 if is_acronym_of(b, a) else 0.0
    short, long = (ga, gb) if len(ga) <= len(gb) else (gb, ga)
    if len(short) == len(long):
        if all(tokens_match(x, y) for x, y in zip(short, long)):
            return 0.9
        return 0.9 if _joined_match(short, long) else 0.0
    if _joined_match(short, long):
        return 0.9
    positions = _in_order(short, long)
    if positions is None:
        return 0.0
    if kind == "LOC":
        return 0.0  # "Korea" is not "North Korea"
    if kind == "ORG":
        # a leading part of the name, and more than one word unless nothing else follows
        if positions != list(range(len(short))):
            return 0.0
        if len(short) == 1 and len(long) > 1:
            return 0.0
        return 0.9
    if kind == "PER":
        # "Soleimani's daughter Zeinab" is another person
        if KINSHIP & set(long):
            return 0.0
        # "Salman" in "Mohammed bin Salman" names the father
        if any(p > 0 and long[p - 1] in PATRONYMIC and (i == 0 or short[i - 1] not in PATRONYMIC)
               for i, p in enumerate(positions)):
            return 0.0
        # "Donald Trump" is not "Donald Trump Jr."
        if (set(long) & GENERATION) - set(short) and len(short) >= 2:
            return 0.0
        # the surname (last part) must be there: "Bashar" alone is too weak across a corpus
        last = len(long) - 1 - (long[-1] in GENERATION)
        return 0.9 if positions[-1] >= last or len(short) >= 2 else 0.0
    return 0.9 if len(short) >= 2 else 0.0


def same_entity(a: str, b: str, type_a: str = "", type_b: str = "") -> bool:
    """Whether names ``a`` and ``b`` (with spaCy labels) can be one entity.

    >>> same_entity("Hayat Tahrir al-Sham", "HTS", "ORG", "ORG")
    True
    >>> same_entity("Iran", "Iraq", "GPE", "GPE")
    False
    """
    return name_similarity(a, b, type_a, type_b) >= 0.8


@dataclass
class _Cluster:
    key: tuple[str, ...]
    kind: str
    names: Counter = field(default_factory=Counter)
    labels: Counter = field(default_factory=Counter)
    spans: list[Span] = field(default_factory=list)
    articles: set[str] = field(default_factory=set)

    @property
    def label(self) -> str:
        return self.labels.most_common(1)[0][0]

    def add(self, mention: Mention, label: str) -> None:
        self.names[mention.text] += 1
        self.labels[label] += 1
        self.spans.append(mention.span)
        self.articles.add(mention.span.article)


def resolve_entities(
    mentions_by_article: Mapping[str, Sequence[Mention]], texts: Mapping[str, str]
) -> list[Entity]:
    """Cluster mentions within and across articles into canonical entities.

    Full names (most parts) are clustered first; shorter mentions join the cluster
    they fit in their own article, else the most frequent fitting cluster in the
    corpus. An acronym defined in a text joins its long form. The entity's name is
    the most frequent of the fullest spellings; aliases are every spelling seen.

    >>> m = [Mention(Span("a", 0, 15), "Bashar al-Assad", "PERSON"), Mention(Span("a", 20, 25), "Assad", "PERSON")]
    >>> [(e.name, e.aliases) for e in resolve_entities({"a": m}, {"a": ""})]
    [('Bashar al-Assad', ('Assad', 'Bashar al-Assad'))]
    """
    defined: dict[tuple[str, str], str] = {}  # (article, acronym letters) -> long form
    for article, mentions in mentions_by_article.items():
        for mention, acronym in defined_acronyms(texts.get(article, ""), list(mentions)):
            defined[(article, acronym_form(acronym) or "")] = mention.text
    corpus_defined = {letters: long for (_, letters), long in defined.items()}
    # an acronym defined in one article names the same thing where another uses it bare
    spelled = {acronym: mention.label for article, mentions in mentions_by_article.items()
               for mention, acronym in defined_acronyms(texts.get(article, ""), list(mentions))}
    if spelled:
        mentions_by_article = {
            article: [*mentions, *acronym_mentions(texts.get(article, ""), article, spelled, list(mentions))]
            for article, mentions in mentions_by_article.items()
        }

    all_mentions = [m for ms in mentions_by_article.values() for m in ms if name_tokens(m.text)]
    # spaCy labels one name differently from sentence to sentence ("Aleppo" GPE, NORP,
    # PERSON): every spelling takes the label most of its mentions carry
    label_of = _majority_labels(all_mentions)
    # longest names first, so that short ones find the full form
    order = sorted(all_mentions, key=lambda m: (-len(name_tokens(m.text)), m.span.article, m.span.start))
    clusters: list[_Cluster] = []
    # candidate index: every name a cluster holds, by the keys of its parts and of its parts joined
    # (any name same_entity can join to it shares one) and by its initials (an acronym's candidates)
    by_key: dict[str, list[int]] = defaultdict(list)
    by_initials: dict[str, list[int]] = defaultdict(list)
    by_acronym: dict[str, list[int]] = defaultdict(list)
    indexed: list[set[str]] = []

    same: dict[tuple[str, str, str, str], bool] = {}  # names repeat across mentions: decide each once
    best: dict[int, str] = {}  # cluster -> its best name, until the cluster grows

    def fits_cluster(i: int, name: str, label: str) -> bool:
        if i not in best:
            best[i] = _best_name(clusters[i])
        key = (name, best[i], label, clusters[i].label)
        if key not in same:
            same[key] = same_entity(*key)
        return same[key]

    def candidates(name: str, kind: str) -> set[int]:
        found: set[int] = set()
        for key in _name_keys(name, kind):
            found.update(by_key.get(key, ()))
        letters = acronym_form(name)
        if letters:  # an acronym: the clusters whose names it spells
            found.update(by_initials.get(letters, ()))
        for letters in _initials_of(name):  # a long form: the acronyms that spell it
            found.update(by_acronym.get(letters, ()))
        return found

    def index(i: int, name: str) -> None:
        if name in indexed[i]:
            return
        indexed[i].add(name)
        for key in _name_keys(name, clusters[i].kind):
            by_key[key].append(i)
        for letters in _initials_of(name):
            by_initials[letters].append(i)
        spelt = acronym_form(name)
        if spelt:
            by_acronym[spelt].append(i)

    for mention in order:
        name = mention.text
        label = label_of[name_tokens(name)]
        letters = acronym_form(name)
        if letters and len(name_tokens(name)) == 1:
            long = defined.get((mention.span.article, letters)) or corpus_defined.get(letters)
            if long:  # a definition in the text outweighs the label of the short form
                name = long
                label = label_of.get(name_tokens(long), label)
        kind = coarse_type(label)
        tokens = name_tokens(name)
        fits = [
            i for i in sorted(candidates(name, kind))
            if clusters[i].kind == kind and fits_cluster(i, name, label)
        ]
        if fits:
            same_article = [i for i in fits if mention.span.article in clusters[i].articles]
            pool = same_article or fits
            chosen = max(pool, key=lambda i: (len(clusters[i].spans), -i))
            clusters[chosen].add(mention, label)
            best.pop(chosen, None)
            index(chosen, mention.text)
            continue
        cluster = _Cluster(tokens, kind)
        cluster.add(mention, label)
        clusters.append(cluster)
        indexed.append(set())
        index(len(clusters) - 1, mention.text)
        index(len(clusters) - 1, name)
    acronyms = frozenset(letters for _, letters in defined)
    return [_entity(c, acronyms) for c in clusters]


def _majority_labels(mentions: Sequence[Mention]) -> dict[tuple[str, ...], str]:
    votes: dict[tuple[str, ...], Counter] = defaultdict(Counter)
    for m in mentions:
        votes[name_tokens(m.text)][m.label] += 1
    out: dict[tuple[str, ...], str] = {}
    for key, labels in votes.items():
        coarse = Counter()
        for label, n in labels.items():
            coarse[coarse_type(label)] += n
        best = coarse.most_common(1)[0][0]
        out[key] = max((n, label) for label, n in labels.items() if coarse_type(label) == best)[1]
    return out


def _name_keys(name: str, kind: str) -> set[str]:
    """``token_key`` of every part of a name (titles kept: similarity keeps them for some kinds), and
    of its parts joined with and without generic words ("Nasr Allah" meets "Nasrallah")."""
    tokens = name_tokens(name, drop_titles=False)
    untitled = name_tokens(name)
    keys = {token_key(t) for t in tokens}
    for parts in (tokens, untitled, _strip_generic(untitled, kind), _strip_generic(tokens, kind)):
        if parts:
            keys.add(token_key("".join(parts)))
    return keys


def _initials_of(name: str) -> set[str]:
    """The letters an acronym of this name would have, as ``is_acronym_of`` reads them."""
    tokens = name_tokens(name)
    if len(tokens) < 2:
        return set()
    raw = tuple(t for t in re.split(r"[^a-z0-9]+", ascii_fold(name)) if t)
    return {initials(tokens), initials(raw, keep_articles=True)}


def _best_name(cluster: _Cluster) -> str:
    """The most frequent spelling among those with the most name parts."""
    most = max(len(name_tokens(n)) for n in cluster.names)
    full = [(count, n) for n, count in cluster.names.items() if len(name_tokens(n)) == most
            and not acronym_form(n)]
    if not full:
        full = [(count, n) for n, count in cluster.names.items()]
    return max(full, key=lambda cn: (cn[0], -len(cn[1]), cn[1]))[1]


def _entity(cluster: _Cluster, acronyms: frozenset[str] = frozenset()) -> Entity:
    name = _best_name(cluster)
    label = cluster.labels.most_common(1)[0][0]
    if label == "PERSON" and any(acronym_form(n) in acronyms for n in cluster.names):
        label = "ORG"  # an acronym the text defines names a body, not a person (spaCy: PERSON)
    digest = hashlib.sha256(f"{cluster.kind}\x00{' '.join(name_tokens(name))}".encode()).hexdigest()[:12]
    return Entity(
        id=f"ent-{digest}",
        name=name,
        type=label,
        aliases=tuple(sorted(cluster.names)),
        mentions=tuple(sorted(cluster.spans, key=lambda s: (s.article, s.start))),
    )


def link_mentions(mentions: Sequence[Mention], entities: Sequence[Entity]) -> list[Mention]:
    """The mentions with ``entity`` filled from the entities' spans."""
    owner = {(s.article, s.start, s.end): e.id for e in entities for s in e.mentions}
    return [
        Mention(m.span, m.text, m.label, owner.get((m.span.article, m.span.start, m.span.end), m.entity))
        for m in mentions
    ]
