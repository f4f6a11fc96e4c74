"""Building ``Source`` records, and attributions in headlines ("... – report").

>>> from wiretrail.nlp import load_nlp, parse                               # doctest: +SKIP
>>> doc = parse(load_nlp(), "Assad asks Israel for help – report")           # doctest: +SKIP
>>> [(f.lemma, doc[f.source[0]:f.source[1]].text) for f in headline_attributions(doc, set())]  # doctest: +SKIP
[('–', 'report')]
"""

from __future__ import annotations

import re

from spacy.tokens import Doc, Span

from wiretrail.extract.attribution_frames import Frame, _char_range
from wiretrail.extract.sources import Resolver, descriptor_of, name_part, source_type
from wiretrail.model import Source, Span as CharSpan

DASHES = {"\u2013", "\u2014", "-", "--", "\u2012", "\u2015"}
# a paragraph that is a quotation followed by a dash and who said it:
# '“We were never asked.” ― Maria Lopez' (reader and vox-pop quotes, epigraphs)
_CREDIT_LINE = re.compile(
    r"(?P<quote>[\"“”].*[\"”])[ \t]*(?P<dash>[\u2012\u2013\u2014\u2015]|--?)[ \t]*"
    r"(?P<name>[^\W\d_][^\n]{0,60}?)[ \t.]*$"
)
_NAME_PARTICLES = frozenset("de del della der di da van von la le al el bin ibn y st. jr. sr.".split())


def build_source(
    doc: Doc, rng: tuple[int, int], resolver: Resolver, article_id: str, remember: bool = True, name_only: bool = False
) -> Source:
    """A ``Source`` for the token range ``rng``: type, descriptor, resolved full mention.

    ``name_only`` keeps only the name of the phrase as its text ("Elaph, an online
    Arabic media outlet" -> "Elaph", the rest becoming the descriptor).
    """
    full = doc[rng[0] : rng[1]]
    span = name_part(full) if name_only else full
    while len(span) > 1 and (span[-1].is_punct or span[-1].is_space):
        span = span[:-1]
    while len(span) > 1 and (span[0].is_punct or span[0].is_space):
        span = span[1:]
    span = _without_lead(span)
    if span.end < len(doc) and doc[span.end].text == ")" and (
        sum(t.text == "(" for t in span) > sum(t.text == ")" for t in span)
    ):
        # the trim left a parenthetical open ("The Highlands Monitoring Network (HMN" once its ")"
        # went, or the parse left it out): close it
        span = doc[span.start : span.end + 1]
    resolved = resolver.resolve(span)
    if remember:
        resolver.note(span)
    stype = source_type(span, resolved)
    descriptor = descriptor_of(full)
    if not descriptor and resolved is not None:
        descriptor = descriptor_of(resolved)
    resolved_name = name_part(resolved) if resolved is not None else None
    return Source(
        text=span.text,
        type=stype,
        span=CharSpan(article_id, span.start_char, span.end_char),
        descriptor=descriptor,
        resolved=resolved_name.text if resolved_name is not None else "",
        resolved_span=(
            CharSpan(article_id, resolved_name.start_char, resolved_name.end_char)
            if resolved_name is not None
            else None
        ),
    )


def _is_credit_name(words: list[str]) -> bool:
    """Whether the words after a credit dash are a name (and perhaps a short place or title after a comma):
    at most seven words, the first four of the name capitalised or name particles."""
    if not 1 <= len(words) <= 7:
        return False
    name = words[: next((k for k, w in enumerate(words) if w.endswith(",")), len(words) - 1) + 1]
    return len(name) <= 4 and all(w[0].isupper() or w.lower() in _NAME_PARTICLES for w in name)


def credit_line_attributions(doc: Doc, taken: set[int], text: str | None = None) -> list[Frame]:
    """Paragraphs made of a quotation and a dash naming its speaker: '“…” ― Maria Lopez'.

    The dash is the cue, the name after it the source, the quotation the content.
    """
    text = doc.text if text is None else text
    out: list[Frame] = []
    pos = 0
    for line in text.split("\n"):
        start, pos = pos, pos + len(line) + 1
        m = _CREDIT_LINE.search(line)
        if m is None or line[: m.start()].strip() or not _is_credit_name(m.group("name").split()):
            continue
        dash = doc.char_span(start + m.start("dash"), start + m.end("dash"), alignment_mode="expand")
        name = doc.char_span(start + m.start("name"), start + m.end("name"), alignment_mode="expand")
        if dash is None or name is None or dash[0].i in taken or any(t.pos_ in ("VERB", "AUX") for t in name):
            continue
        src = [t for t in name if not (t.is_punct and t.i == name.end - 1)]
        content = _trim_quote(text, start + m.start("quote"), start + m.end("quote"))
        if not src or content is None:
            continue
        f = Frame(cue=[dash[-1].i], lemma=m.group("dash"), frame="credit")
        f.source = (src[0].i, src[-1].i + 1)
        f.content = content
        f.score = 0.9
        out.append(f)
    return out


def _trim_quote(text: str, a: int, b: int) -> tuple[int, int] | None:
    while a < b and text[a].isspace():
        a += 1
    while b > a and text[b - 1].isspace():
        b -= 1
    return (a, b) if b > a else None


def _without_lead(span: Span) -> Span:
    """A source phrase without a dateline before it ("WASHINGTON — Sen. Ann Roe") or a focusing
    "even" ("even his allies"): neither is part of who speaks."""
    dash = next((k for k, t in enumerate(span[:5]) if t.text in DASHES), None)
    if dash and dash + 1 < len(span) and all(t.is_upper or t.is_punct for t in span[:dash]):
        span = span[dash + 1 :]
    if len(span) > 1 and span[0].lower_ == "even" and span[0].dep_ == "advmod":
        span = span[1:]
    return span


def headline_attributions(doc: Doc, taken: set[int], text: str | None = None) -> list[Frame]:
    """One-line headlines and sub-headings ending in a dash and a short source.

    "Assad asks Israel for help – report", "Rebels reach Hama – Turkey": the tail
    (at most four words, no verb) is the source, the dash the cue.
    """
    out: list[Frame] = []
    text = doc.text if text is None else text
    for sent in doc.sents:
        # a headline is a whole line
        toks = [t for t in sent if not t.is_space]
        if not toks:
            continue
        s_end = toks[-1].idx + len(toks[-1])
        line_start = text.rfind("\n", 0, sent.start_char) + 1
        line_end = text.find("\n", s_end)
        line_end = len(text) if line_end < 0 else line_end
        if text[line_start : sent.start_char].strip() or text[s_end:line_end].strip():
            continue
        if len(toks) < 4:
            continue
        colon = next((k for k, t in enumerate(toks[:5]) if t.text == ":"), None)
        if colon and toks[colon].i not in taken and len(toks) - colon > 3 and all(
            t.pos_ == "PROPN" or (t.is_title or t.is_upper) and not t.is_stop or t.is_punct for t in toks[:colon]
        ):
            # "Haaretz: Assad asked Iran not to respond"
            f = Frame(cue=[toks[colon].i], lemma=":", frame="headline")
            f.source = (toks[0].i, toks[colon - 1].i + 1)
            f.content = _char_range(doc, toks[colon + 1].i, toks[-1].i + 1)
            f.score = 0.9
            out.append(f)
            continue
        if toks[-1].text in ".!?\"”":
            continue
        for k in range(len(toks) - 2, max(len(toks) - 6, 0), -1):
            if toks[k].text in DASHES and toks[k].i not in taken:
                tail = toks[k + 1 :]
                if any(t.pos_ in ("VERB", "AUX") and t.lemma_.lower() != "report" for t in tail) or not any(
                    t.pos_ in ("NOUN", "PROPN") or t.lemma_.lower() == "report" for t in tail
                ):
                    break
                f = Frame(cue=[toks[k].i], lemma=toks[k].text, frame="headline")
                f.source = (tail[0].i, tail[-1].i + 1)
                f.content = _char_range(doc, toks[0].i, toks[k].i)
                f.score = 0.9
                out.append(f)
                break
    return out
