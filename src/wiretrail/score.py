"""Corroboration: follow every report of a claim to its origin, and count independent origins.

A report is one claim in one article. Its origin is found by following, in order:

1. nesting — "Elaph cited an intelligence official, who confirmed …": the inner
   source is the origin, the outer one an intermediary; words relayed by a person or
   body ("the official said Israel responded by stating …") rest on the relayer;
2. intermediaries — "a security official told Elaph": origin the official, via Elaph;
3. vague references — "according to the report", "according to reports": the
   report the article named before (the nearest earlier attribution that came
   through an outlet), else an unspecified origin;
4. definite descriptions — "a security official told Elaph … the official said": the
   description names the source introduced before and reaches us the same way (via Elaph);
   an outlet described ("the magazine", "the news site") is the outlet named before;
5. copies — an article that carries another's text reports nothing of its own:
   its origin is the original's;
6. the outlet's own voice — the outlet itself (its own reporting).

Origins that rest on the same thing collapse: anonymous sources reached through the
same intermediary are one origin (we cannot tell two unnamed officials apart), an
outlet's own report is the same origin as the source it names, and named sources
collapse by name.

>>> rank("named_person") > rank("anonymous")
True
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache

from wiretrail.model import Article, Attribution, Claim, Corroboration, Origin

# strongest first: on-record named person or document > named organisation >
# outlet's own reporting > anonymous > unspecified reports
SOURCE_RANK = {
    "named_person": 6,
    "document": 6,
    "government_body": 5,
    "named_org": 5,
    "media_outlet": 4,
    "outlet_reporting": 3,
    "anonymous": 2,
    "unspecified": 1,
}
# cues that report a claim (evidential): the source vouches for the content. Others
# (ask, demand, vow, support, attack, ...) are the claim's own event, not its report.
REPORTING_CUES = frozenset(
    """say tell report according to confirm state write note add claim announce cite quote reveal disclose
    describe explain insist acknowledge indicate warn allege assert affirm maintain argue stress remark
    comment convey relay inform brief testify post tweet show suggest believe estimate deny dismiss reject
    refute contend declare mention observe recount recall point out as reported by citing accuse""".split()
) | {"according to", "as reported by", "point out", "quoted by", "in a statement"}
DENIAL_CUES = frozenset(
    "deny denial reject dismiss refute rebut disown contradict dispute repudiate".split()
)
DENIAL_WORDS = re.compile(r"\b(fabricat\w*|baseless|untrue|false|lies?|fake news|no truth|groundless|denied)\b", re.I)


UNSPECIFIED = "unspecified reports"  # the origin of a report that names no source


def rank(source_type: str) -> int:
    return SOURCE_RANK.get(source_type, 0)


@dataclass(frozen=True)
class Report:
    """One claim as it appears in one article."""

    claim: Claim
    article: Article
    attribution: Attribution | None


@lru_cache(maxsize=65536)  # one source name is compared with every other report's, group after group
def _norm(name: str) -> str:
    name = re.sub(r"^(the|a|an)\s+", "", name.strip(), flags=re.I)
    return re.sub(r"\W+", " ", name).strip().lower()


# "according to reports", "the report said", "media reports", "it was stated": a report without a
# source of its own. Only such references lean on a report named before; an unspecified source
# with content of its own ("a statement by the operations room") is an origin itself.
_REPORT_HEADS = frozenset({"report", "reports", "news", "media"})
_VAGUE_WORDS = frozenset(
    "media news press local recent earlier previous unconfirmed unverified some several other those these such "
    "various multiple many same that this".split()
)


def vague_name(text: str) -> bool:
    """Whether a source's words name no one: "reports", "the report", "media reports", "sources".

    >>> vague_name("media reports"), vague_name("the report"), vague_name("a statement by the army")
    (True, True, False)
    """
    words = _norm(text).split()
    if words == ["sources"]:
        return True
    return bool(words) and words[-1] in _REPORT_HEADS and all(w in _VAGUE_WORDS for w in words[:-1])


def _is_vague(att: Attribution) -> bool:
    if not att.source.text.strip():
        return att.source.type == "unspecified"
    return vague_name(att.source.text)


_DETERMINERS = frozenset("the a an one two three several some this that these those".split())


def _leans_back(att: Attribution) -> bool:
    """"The report", "the newspaper", "it was stated" point back to a report the article named;
    "reports", "media reports" do not say whose they are (an unspecified origin)."""
    text = att.source.text.strip().lower()
    if not text:  # "it was stated that ..." continues the report; "X was told that ..." names a hearer
        return att.cue != "tell"
    return text.split()[0] in ("the", "that", "this", "those", "these")


def _through_outlet(att: Attribution, attributions: Mapping[str, Attribution]) -> bool:
    """Whether an attribution reached the article through a media outlet (an intermediary, an outlet
    as its source, or an outlet anywhere up its nesting chain)."""
    seen: set[str] = set()
    while att is not None and att.id not in seen:
        if att.intermediary is not None or att.source.type == "media_outlet":
            return True
        seen.add(att.id)
        att = attributions.get(att.parent) if att.parent else None
    return False


def _head(name: str) -> tuple[str, frozenset[str]]:
    """The head noun (singular) of a description and its other content words."""
    words = [w for w in _norm(name).split() if w not in _DETERMINERS]
    if not words:
        return "", frozenset()
    head = words[-1][:-1] if words[-1].endswith("s") and not words[-1].endswith("ss") else words[-1]
    return head, frozenset(words[:-1])


# head nouns that describe an outlet without naming it ("the magazine", "the Tunis-based news site")
OUTLET_NOUNS = frozenset(
    "magazine newspaper paper daily weekly site website outlet broadcaster channel network agency tabloid".split()
)


def _antecedent(
    att: Attribution, attributions: Mapping[str, Attribution], article_attributions: Sequence[Attribution]
) -> Attribution | None:
    """The earlier mention a definite description refers back to.

    "A security official told Elaph ... The official said ...": a definite description
    ("the official", "the intelligence official") with no chain of its own names a source the
    article introduced before; it reaches the reader the same way (here through Elaph). The
    nearest earlier anonymous source with the same head noun is taken, one whose other words
    agree first ("the intelligence official" -> "an intelligence official").

    An outlet described, not named ("the Tell Review reported ... a letter the magazine said it
    had seen"; "according to the Najma Post ... the Tunis-based news site reported") is the outlet
    it is nested under, else the nearest outlet the article named before.
    """
    if not re.match(r"(?i)the\s", att.source.text.strip()):
        return None
    head, mods = _head(att.source.name)
    if not head:
        return None
    if head in OUTLET_NOUNS and att.source.type != "anonymous":
        return _named_outlet_before(att, attributions, article_attributions)
    if att.source.type != "anonymous" or att.intermediary is not None or att.parent:
        return None
    earlier = []
    for a in article_attributions:
        if a.id == att.id or a.source.type != "anonymous" or a.cue_span.start >= att.cue_span.start:
            continue
        a_head, a_mods = _head(a.source.descriptor or a.source.name)
        if a_head == head:
            earlier.append((mods <= a_mods, a.cue_span.start, a))
    if not earlier:
        return None
    return max(earlier, key=lambda e: (e[0], e[1]))[2]


def _evidence_source(
    att: Attribution, attributions: Mapping[str, Attribution], article_attributions: Sequence[Attribution]
) -> Attribution:
    """The attribution whose word a report rests on.

    A description is its antecedent ("the official" -> "a security official told Elaph"). Words relayed
    by a person or body ("the official said Israel responded by stating ...") rest on the relayer: we
    have only the official's word that Israel said it. An outlet relaying ("Elaph cited an official")
    is a conduit, so the inner source stays the origin and the outlet its intermediary.
    """
    seen = {att.id}
    while True:
        ante = _antecedent(att, attributions, article_attributions)
        if ante is not None and ante.id not in seen:
            seen.add(ante.id)
            att = ante
            continue
        parent = attributions.get(att.parent) if att.parent else None
        if (parent is None or parent.id in seen or parent.source.type == "media_outlet" or _is_vague(parent)
                or not is_reporting(parent)):
            return att
        seen.add(parent.id)
        att = parent


def _outlet_name(name: str, att: Attribution, article_attributions: Sequence[Attribution]) -> str:
    """An intermediary described, not named ("citing an official, the Tunis-based news site
    reported"), is the outlet the article named before; a name stays as it is."""
    if not re.match(r"(?i)the\s", name.strip()) or _head(name)[0] not in OUTLET_NOUNS:
        return name
    named = [(a.cue_span.start, n) for a in article_attributions if a.cue_span.start < att.cue_span.start
             for n in (a.source.name if a.source.type in ("media_outlet", "named_org") else "",
                       a.intermediary.name if a.intermediary is not None else "")
             if n and _head(n)[0] not in OUTLET_NOUNS | {"official", "source"}]
    return max(named)[1] if named else name


def _named_outlet_before(
    att: Attribution, attributions: Mapping[str, Attribution], article_attributions: Sequence[Attribution]
) -> Attribution | None:
    def names_outlet(a: Attribution) -> bool:
        return a.source.type in ("media_outlet", "named_org") and _head(a.source.name)[0] not in OUTLET_NOUNS

    parent = attributions.get(att.parent) if att.parent else None
    if parent is not None and names_outlet(parent):
        return parent
    earlier = [a for a in article_attributions
               if a.id != att.id and a.cue_span.start < att.cue_span.start and names_outlet(a)]
    return max(earlier, key=lambda a: a.cue_span.start) if earlier else None


def trace(
    report: Report,
    attributions: Mapping[str, Attribution],
    article_attributions: Sequence[Attribution],
    copy_of: Mapping[str, str],
    articles: Mapping[str, Article],
    voice=None,
) -> Origin:
    """The origin a report rests on (see the module docstring for the rules).

    ``voice(article, claim) -> str``, when given, names whose own reporting a claim
    in an article's own voice is (the root original for copied text).
    """
    art = report.article
    att = report.attribution
    # a speech act that *is* the claim ("Assad asked Israel for help") is not its report:
    # climb to the attribution that reports it ("..., a security official told Elaph")
    seen_up: set[str] = set()
    while att is not None and not is_reporting(att) and att.id not in seen_up:
        seen_up.add(att.id)
        att = attributions.get(att.parent) if att.parent else None
    via: list[str] = []
    if att is not None and _is_vague(att) and _leans_back(att):
        earlier = [
            a
            for a in article_attributions
            if a.content_span.start <= att.cue_span.start
            and a.id != att.id
            and not _is_vague(a)
            and is_reporting(a)  # "the report" leans on a report, not on a speech act it tells ("asked")
            and _through_outlet(a, attributions)
        ]
        if earlier:
            att = max(earlier, key=lambda a: a.content_span.start)
    if att is not None and not _is_vague(att):
        att = _evidence_source(att, attributions, article_attributions)
        if att.intermediary is not None:
            via.append(_outlet_name(att.intermediary.name, att, article_attributions))
        parent = attributions.get(att.parent) if att.parent else None
        seen = {att.id}
        while parent is not None and parent.id not in seen:
            seen.add(parent.id)
            via.append(_outlet_name(parent.source.name, parent, article_attributions))
            if parent.intermediary is not None:
                via.append(_outlet_name(parent.intermediary.name, parent, article_attributions))
            parent = attributions.get(parent.parent) if parent.parent else None
        return Origin(
            source=att.source.name if att.source.type not in ("anonymous",) else (att.source.descriptor or att.source.text),
            source_type=att.source.type,
            via=tuple(dict.fromkeys(v for v in via if v)),
            articles=(art.id,),
        )
    if att is not None:  # vague, and nothing earlier to lean on
        return Origin(source=att.source.text or UNSPECIFIED, source_type="unspecified", articles=(art.id,))
    # the outlet's own voice; a copy speaks with its original's voice
    if voice is not None:
        return Origin(source=voice(art, report.claim), source_type="outlet_reporting", articles=(art.id,))
    original = copy_of.get(art.id, "")
    if original.startswith("outlet:"):
        return Origin(source=original[7:], source_type="outlet_reporting", articles=(art.id,))
    if original in articles:
        return Origin(source=articles[original].outlet or original, source_type="outlet_reporting", articles=(art.id,))
    return Origin(source=outlet_label(art), source_type="outlet_reporting", articles=(art.id,))


def is_reporting(att: Attribution) -> bool:
    cue = att.cue.lower().strip()
    return cue in REPORTING_CUES or cue.split()[0] in REPORTING_CUES


def outlet_label(article: Article) -> str:
    """The outlet's name, else its domain, else the input file it came from."""
    if article.outlet:
        return article.outlet
    if article.outlet_domain:
        return article.outlet_domain
    name = article.input_path.replace("\\", "/").rsplit("/", 1)[-1]
    return f"unknown outlet ({name or article.id})"


def _key(o: Origin, same_name) -> tuple[str, ...]:
    if o.source_type in ("anonymous", "unspecified"):
        return ("anon", _norm(o.via[0]) if o.via else "", _norm(o.source) if not o.via else "")
    return ("named", _norm(o.source))


_GENERIC = frozenset(
    "the a an newspaper paper daily site website outlet agency news media channel network tv television radio "
    "saudi israeli iranian syrian russian turkish american british french arab online state".split()
)


def same_source_name(a: str, b: str) -> bool:
    """Two names for one source: equal, or one's distinctive words inside the other's.

    >>> same_source_name("Elaph", "Saudi newspaper Elaph"), same_source_name("Elaph", "Haaretz")
    (True, False)
    """
    ta = {w for w in _norm(a).split() if w not in _GENERIC}
    tb = {w for w in _norm(b).split() if w not in _GENERIC}
    if not ta or not tb:
        return _norm(a) == _norm(b)
    return ta <= tb or tb <= ta


def collapse(origins: Sequence[Origin], same_name=None) -> list[Origin]:
    """Merge origins that rest on the same thing; strongest description kept."""
    same_name = same_name or same_source_name
    merged: list[Origin] = []
    for o in sorted(origins, key=lambda o: -rank(o.source_type)):
        target = None
        for i, m in enumerate(merged):
            if _key(m, same_name) == _key(o, same_name) or (
                o.source_type not in ("anonymous", "unspecified") and m.source_type not in ("anonymous", "unspecified")
                and same_name(m.source, o.source)
            ):
                target = i
                break
            # an outlet's own report of X is the same origin as X reached through that outlet
            if o.source_type in ("outlet_reporting", "media_outlet") and any(same_name(v, o.source) for v in m.via):
                target = i
                break
            if m.source_type in ("outlet_reporting", "media_outlet") and any(same_name(v, m.source) for v in o.via):
                merged[i] = Origin(o.source, o.source_type, o.via, tuple(dict.fromkeys(m.articles + o.articles)))
                target = -1
                break
        if target is None:
            merged.append(o)
        elif target >= 0:
            m = merged[target]
            via = m.via if len(m.via) >= len(o.via) else o.via
            merged[target] = Origin(m.source, m.source_type, via, tuple(dict.fromkeys(m.articles + o.articles)))
    return merged


def is_denial(report: Report) -> bool:
    att = report.attribution
    if att is not None and att.cue.split()[0].lower() in DENIAL_CUES:
        return True
    return report.claim.polarity < 0 and bool(DENIAL_WORDS.search(report.claim.text))


def _untraced(o: Origin) -> bool:
    return o.source_type == "unspecified" and (o.source == UNSPECIFIED or vague_name(o.source))


def _revisions(
    origins: Sequence[Origin], contradicting: Sequence[tuple[str, Sequence[Report]]], same_name
) -> tuple[list[tuple[str, Sequence[Report]]], list[tuple[str, Sequence[Report]]]]:
    """Split the groups that disagree with one into (revisions, disputes).

    A single source giving a new figure ("6,500 have fled" on Thursday, "about 8,000" on
    Saturday, both from Open Hands) revises its own count: that is not a dispute. Only a
    group resting on one origin can be revised, by reports that all name that same source.
    """
    if len(origins) != 1:
        return [], list(contradicting)
    own = origins[0].source
    revisions, disputes = [], []
    for gid, reps in contradicting:
        names = {r.attribution.source.name if r.attribution else outlet_label(r.article) for r in reps}
        same = bool(names) and all(same_name(n, own) for n in names)
        (revisions if same else disputes).append((gid, reps))
    return revisions, disputes


def corroborate(
    reports: Sequence[Report],
    origins: Sequence[Origin],
    contradicting: Sequence[tuple[str, Sequence[Report]]] = (),
    same_name=None,
) -> Corroboration:
    """Status, confidence and a checkable explanation for one claim group."""
    independent = collapse(origins, same_name)
    # "according to reports" names no source: it may rest on the very origins named elsewhere,
    # so it adds no independent origin beside them (it stands alone only when nothing is traced)
    traced = [o for o in independent if not _untraced(o)]
    untraced = [o for o in independent if _untraced(o)] if traced else []
    independent = traced or independent
    revisions, contradicting = _revisions(independent, contradicting, same_name or same_source_name)
    outlets = tuple(dict.fromkeys(outlet_label(r.article) for r in reports))
    strongest = max((o.source_type for o in independent), key=rank, default="unspecified")
    denials = [r for r in reports if is_denial(r)]
    denials += [r for _, reps in contradicting for r in reps if is_denial(r)]
    on_record = [o for o in independent if rank(o.source_type) >= rank("outlet_reporting")]
    if denials:
        status = "denied"
    elif contradicting:
        status = "disputed"
    elif len(independent) >= 2 and on_record:
        status = "confirmed"
    elif len(independent) == 1 and independent[0].source_type in ("anonymous", "unspecified"):
        status = "single_anonymous_origin"
    else:
        status = "single_origin"
    strength = rank(strongest) / max(SOURCE_RANK.values())
    confidence = 0.25 + 0.45 * strength + 0.3 * (1 - math.exp(-(len(independent) - 1)))
    if status in ("disputed", "denied"):
        confidence *= 0.5
    confidence = round(min(1.0, max(0.0, confidence)), 2)
    return Corroboration(
        reports=len(reports),
        outlets=outlets,
        origins=tuple(independent),
        strongest_source_type=strongest,
        status=status,
        confidence=confidence,
        explanation=explain(reports, outlets, independent, status, denials, contradicting, untraced, revisions),
        contradicts=tuple(gid for gid, _ in contradicting),
        revised_by=tuple(gid for gid, _ in revisions),
    )


def describe(o: Origin) -> str:
    kind = {
        "outlet_reporting": "its own reporting",
        "anonymous": "anonymous",
        "unspecified": "unspecified reports",
    }.get(o.source_type, o.source_type.replace("_", " "))
    via = f", via {' → '.join(o.via)}" if o.via else ""
    return f"{o.source} ({kind}{via})"


def explain(reports, outlets, origins, status, denials, contradicting, untraced=(), revisions=()) -> str:
    n_art = len({r.article.id for r in reports})
    parts = [
        f"Reported {len(reports)} time(s) in {n_art} article(s) by {len(outlets)} outlet(s): {', '.join(outlets)}."
    ]
    if len(origins) == 1:
        parts.append(f"Every report rests on one origin: {describe(origins[0])}.")
    else:
        parts.append(f"{len(origins)} independent origins: " + "; ".join(describe(o) for o in origins) + ".")
    if untraced:
        n = len({a for o in untraced for a in o.articles})
        parts.append(f"{n} article(s) name no source for it ({', '.join(o.source for o in untraced)}); not counted as an origin.")
    if denials:
        who = ", ".join(dict.fromkeys((r.attribution.source.name if r.attribution else outlet_label(r.article)) for r in denials))
        parts.append(f"Denied by {who}.")
    elif contradicting:
        parts.append(f"{len(contradicting)} contradicting claim group(s).")
    else:
        parts.append("No contradicting report found.")
    if revisions:
        parts.append(f"The same source gave another figure later or earlier ({len(revisions)} claim group(s)): "
                     "a revision, not a dispute.")
    return " ".join(parts)
