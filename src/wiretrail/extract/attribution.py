"""Who said what: attributions (source, cue, content) from a parsed article.

Patterns handled, all from the dependency parse rather than word lists alone:
subject of a reporting verb or noun (lexicon and frames in ``cues.py``),
"according to X", "X told Y (that) ..." (Y an outlet or organisation becomes the
*intermediary*), quote-first ("“…,” X said"), "X said in a statement", "citing X",
"as reported by X", nesting ("Elaph cited an official who confirmed ..." gives the
official's attribution a ``parent``), headlines "... – report" and "Haaretz: ...",
quotations over several sentences and paragraphs, quotations credited after a dash
('“…” ― Maria Lopez'), and sources given as a pronoun
or a description resolved to their earlier full mention (``Source.resolved``).
Candidate cues are scored by a small model trained on PolNeAR train, and where each
content ends is chosen among the parse's boundaries by another (``attribution_spans``).

>>> from wiretrail.nlp import load_nlp, parse                          # doctest: +SKIP
>>> doc = parse(load_nlp(), "A resident told Reuters the bridge fell.")  # doctest: +SKIP
>>> a = extract_attributions(doc, "art1")[0]                            # doctest: +SKIP
>>> a.source.type, a.cue, a.intermediary.text, a.content                # doctest: +SKIP
('anonymous', 'tell', 'Reuters', 'the bridge fell')
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, replace

from spacy.tokens import Doc, Token

from wiretrail.extract.attribution_build import build_source, credit_line_attributions, headline_attributions
from wiretrail.extract.attribution_crf import load_tagger
from wiretrail.extract.attribution_features import (
    extend_cue,
    features,
    is_candidate,
    load_scorer,
    near_quote,
    quote_mask,
    sentence_index,
)
from wiretrail.extract.attribution_frames import Frame, _char_range, _trim_chars, frame_for
from wiretrail.extract.attribution_quotes import Quote, find_quotes
from wiretrail.extract.attribution_spans import best_end, end_candidates, load_span_scorer
from wiretrail.extract.cues import frame_of
from wiretrail.extract.sources import Resolver
from wiretrail.model import Attribution, Source, Span as CharSpan

log = logging.getLogger(__name__)

__all__ = ["extract_attributions", "Frame", "find_frames"]


@dataclass(frozen=True)
class Blend:
    """How the role tagger (``attribution_crf``) joins the rules; values tuned on the held-out tenth of train.

    ``weight``: share of the tagger's cue probability in a candidate's score (the rest is
    the cue scorer's); ``threshold``: acceptance of that blend (for a candidate the cue scorer
    turns down, unless ``veto``); ``new_cue``: probability at
    which a tagged cue run with no rule candidate becomes a cue; ``cue_extent``: the tagged
    run gives the cue's words; ``fill``: tagged source and content runs stand in where the
    parse gives a frame none; ``veto``: the blend may also turn down a candidate the cue
    scorer accepts (off: the tagger only adds, so a cue the rules find, and the frame they
    build for it, always stays, as later stages rely on it: a denial, a report citing a source).
    """

    weight: float = 0.5
    threshold: float = 0.6
    new_cue: float = 0.85
    cue_extent: bool = True
    fill: bool = True
    veto: bool = False


def find_frames(
    doc: Doc,
    threshold: float | None = None,
    text: str | None = None,
    learned_ends: bool = True,
    blend: Blend | None = Blend(),
    quotes: list[Quote] | None = None,
) -> list[Frame]:
    """All attribution frames of a Doc whose cue the scorer accepts, in text order.

    ``learned_ends=False`` keeps the rules' content ends (to train the end model);
    ``blend=None`` leaves the role tagger out (the cue scorer alone decides);
    ``quotes``: ``find_quotes(text)``, when the caller has them.
    """
    scorer = load_scorer()
    text = doc.text if text is None else text
    quotes = find_quotes(text) if quotes is None else quotes
    mask = quote_mask(doc, quotes)
    candidates = [tok for tok in doc if is_candidate(tok)]
    tagger = load_tagger() if blend is not None else None
    tagged = tagger.tag(doc, mask, [t.i for t in candidates]) if tagger is not None else None
    if tagged is None:
        blend = None
    rule_cut = scorer.threshold if threshold is None else threshold
    blend_cut = blend.threshold if blend is not None and threshold is None else rule_cut
    scores: dict[int, float] = {}
    ruled: set[int] = set()  # candidates the cue scorer accepts by itself
    sents = sentence_index(doc)
    for tok in candidates:
        rule = scorer.score(features(tok, mask[tok.i], near_quote(mask, tok.i), sents))
        if rule >= rule_cut:
            ruled.add(tok.i)
        if blend is None:
            if rule >= rule_cut:
                scores[tok.i] = rule
            continue
        mixed = (1 - blend.weight) * rule + blend.weight * tagged.cue_prob[tok.i]
        if mixed >= blend_cut:
            scores[tok.i] = mixed if blend.veto else max(rule, mixed)
        elif rule >= rule_cut and not blend.veto:
            scores[tok.i] = rule
    runs = {r: [(a, b) for role, a, b in tagged.spans if role == r] for r in ("Cue", "Source", "Content")} if tagged else {}
    if blend is not None:
        for a, b in runs["Cue"]:
            if any(i in scores for i in range(a, b)):
                continue
            head = _run_head(doc, a, b)
            p = tagged.cue_prob[head.i]
            if p >= blend.new_cue and not head.is_punct:
                scores[head.i] = p
    frames: list[Frame] = []
    taken: set[int] = set()
    for group in _cue_groups(doc, scores, scorer.extension):
        score = max(scores[i] for i in group if i in scores)  # every group grows from an accepted token
        main = _main_token(doc, group, scores)
        run = _run_at(runs.get("Cue", []), main.i) if blend is not None and blend.cue_extent else None
        f = _group_frame(doc, text, group, main, run, scores, runs, blend, taken)
        if f is None and blend is not None and not blend.veto and ruled.intersection(group):
            # the tagger's view lost a cue the rules accept (its run reached into a taken cue, or
            # the token it prefers has no frame): the rules' own cue and main token stand
            rules_main = _main_token(doc, group, {i: s for i, s in scores.items() if i in ruled})
            f = _group_frame(doc, text, group, rules_main, None, scores, runs, blend, taken)
        if f is None:
            continue
        f.score = max([score] + [scores[i] for i in group if i in scores])
        _speaker_after_quote(f, doc, mask)
        taken.update(f.cue)
        frames.append(f)
    credited = credit_line_attributions(doc, taken, text)
    taken.update(i for f in credited for i in f.cue)
    frames.extend(credited)
    frames.extend(headline_attributions(doc, taken, text))
    _stretch_to_quotes(frames, quotes, doc)
    _continue_quotes(frames, quotes, doc, text)
    span_scorer = load_span_scorer() if learned_ends else None
    if span_scorer is not None:
        _choose_ends(frames, doc, mask, span_scorer)
    frames.sort(key=lambda f: f.cue[0])
    return frames


def _group_frame(
    doc: Doc,
    text: str,
    group: set[int],
    main: Token,
    run: tuple[int, int] | None,
    scores: dict[int, float],
    runs: dict[str, list[tuple[int, int]]],
    blend: Blend | None,
    taken: set[int],
) -> Frame | None:
    """The frame of one accepted cue group, its cue the tagged ``run`` when one is given; None
    when the cue is already taken or the frame has neither source nor content."""
    if run is not None:
        # the tagged run is the cue ("responded by saying"); its head verb gives the frame
        group = set(range(*run)) | {main.i}
        main = _main_token(doc, group, scores)
    if main.i in taken or (run is not None and taken.intersection(group)):
        return None
    fill = blend is not None and blend.fill
    f = frame_for(main, doc)
    if f is None and fill:
        f = Frame(cue=[main.i], lemma=main.lemma_.lower(), frame="tagged")
    if f is None:
        return None
    if fill:
        _fill_from_runs(f, doc, runs, group)
    if f.content is None and f.source is None:
        return None
    if run is not None:
        f.cue = _contiguous(sorted(group), main.i)
        _settle_cue(f, doc, text, trim=False)
    elif main.pos_ in ("VERB", "AUX", "ADJ", "NOUN") and main.lower_ != "according":
        f.cue = _contiguous(sorted(set(f.cue) | group), main.i)
        _settle_cue(f, doc, text)
    return f


def _run_head(doc: Doc, a: int, b: int) -> Token:
    """The syntactic head of the token run ``[a, b)`` (the token whose head lies outside it)."""
    for t in doc[a:b]:
        if not a <= t.head.i < b or t.head.i == t.i:
            return t
    return doc[a]


def _run_at(runs: list[tuple[int, int]], i: int) -> tuple[int, int] | None:
    return next((r for r in runs if r[0] <= i < r[1]), None)


def _fill_from_runs(f: Frame, doc: Doc, runs: dict[str, list[tuple[int, int]]], cue: set[int]) -> None:
    """A tagged source or content run next to the cue, where the parse gave the frame none.

    The run must lie in the cue's sentence (a content may go on after it) and touch
    the cue or be separated from it by punctuation and at most a source.
    """
    sent = doc[f.cue[0]].sent
    lo, hi = min(cue), max(cue) + 1
    if f.source is None:
        near = [r for r in runs["Source"] if sent.start <= r[0] and r[1] <= sent.end]
        if near:
            best = min(near, key=lambda r: min(abs(r[0] - hi), abs(lo - r[1])))
            if min(abs(best[0] - hi), abs(lo - best[1])) <= 3:
                f.source = best
    if f.content is None:
        near = [r for r in runs["Content"] if r[0] < sent.end and r[1] > sent.start]
        if near:
            best = min(near, key=lambda r: min(abs(r[0] - hi), abs(lo - r[1])))
            if min(abs(best[0] - hi), abs(lo - best[1])) <= 4:
                f.content = _char_range(doc, *best)


def content_tokens(doc: Doc, content: tuple[int, int]) -> tuple[int, int] | None:
    """The token range of a content's character range."""
    span = doc.char_span(content[0], content[1], alignment_mode="expand")
    return None if span is None or not len(span) else (span.start, span.end)


def _choose_ends(frames: list[Frame], doc: Doc, mask: list[bool], scorer) -> None:
    """Let the learned end model move each content's end (``attribution_spans``)."""
    cues = frozenset(i for f in frames for i in f.cue)
    for f in frames:
        rng = content_tokens(doc, f.content) if f.content is not None else None
        if rng is None:
            continue
        end = best_end(end_candidates(doc, rng[0], rng[1], f.frame, f.cue, mask, cues), scorer)
        if end != rng[1]:
            f.content = _char_range(doc, rng[0], end) or f.content


def _settle_cue(f: Frame, doc: Doc, text: str, trim: bool = True) -> None:
    """Drop a dangling preposition from the cue ("said on" X), and cue words from the content.

    ``trim=False`` keeps the preposition (the tagger's cue runs end where PolNeAR's do: "called on").
    """
    while trim and len(f.cue) > 1 and doc[f.cue[-1]].pos_ == "ADP":
        end = doc[f.cue[-1]].idx + len(doc[f.cue[-1]])
        if f.content is not None and 0 <= f.content[0] - end <= 2:
            break  # "referring to X": the content follows the preposition
        f.cue = f.cue[:-1]
    if f.content is None:
        return
    c0 = doc[f.cue[0]].idx
    c1 = doc[f.cue[-1]].idx + len(doc[f.cue[-1]])
    a, b = f.content
    if a < c1 <= b and c0 <= a:  # the content starts inside the cue
        a = c1
    elif a <= c0 < b and b <= c1:
        b = c0
    trimmed = _trim_chars(text, a, b)
    f.content = trimmed


def _speaker_after_quote(f: Frame, doc: Doc, mask: list[bool]) -> None:
    """'“…,” Sa'ar said': when the parse took a subject from inside the quotation,
    use the short name between the closing mark and the cue instead."""
    cue0 = f.cue[0]
    if mask[cue0] or (f.source is not None and not all(mask[i] for i in range(*f.source))):
        return
    i = cue0 - 1
    while i >= 0 and not mask[i] and cue0 - i <= 6:
        i -= 1
    if i < 0 or not mask[i] or i == cue0 - 1:
        return
    words = doc[i + 1 : cue0]
    words = [t for t in words if not t.is_punct]
    if words and not any(t.pos_ in ("VERB", "AUX", "SCONJ") for t in words) and any(
        t.pos_ in ("PROPN", "PRON", "NOUN") for t in words
    ):
        f.source = (words[0].i, words[-1].i + 1)


def _cue_groups(doc: Doc, scores: dict[int, float], table: dict[str, float]) -> list[set[int]]:
    """Accepted cue tokens grown by the extension table, merged where they meet."""
    groups: list[set[int]] = []
    stop = frozenset(i for i in scores if frame_of(doc[i].lemma_, doc[i].pos_) in ("say", "tell", "cite"))
    for i in sorted(scores):
        tok = doc[i]
        grown = {i} if tok.lower_ == "according" or tok.text == ":" else extend_cue(tok, table, stop=stop - {i})
        merged = [g for g in groups if g & grown]
        for g in merged:
            groups.remove(g)
            grown |= g
        groups.append(grown)
    return sorted(groups, key=min)


def _main_token(doc: Doc, group: set[int], scores: dict[int, float]) -> Token:
    """The token of a cue group whose arguments give source and content."""
    toks = [doc[i] for i in sorted(group)]
    for t in toks:
        if t.lower_ == "according" and t.i in scores:
            return t
    for t in toks:
        if any(c.dep_ == "ccomp" and c.i not in group for c in t.children) and t.pos_ in ("VERB", "AUX", "ADJ", "NOUN"):
            return t
    accepted = [t for t in toks if t.i in scores]
    verbs = [t for t in accepted if t.pos_ == "VERB"]
    pool = verbs or accepted or toks
    return max(pool, key=lambda t: scores.get(t.i, 0.0))


def _contiguous(idx: list[int], around: int) -> list[int]:
    """The run of consecutive indices (allowing one-token gaps) that contains ``around``."""
    if around not in idx:
        return [around]
    pos = idx.index(around)
    lo = hi = pos
    while lo > 0 and idx[lo] - idx[lo - 1] <= 2:
        lo -= 1
    while hi + 1 < len(idx) and idx[hi + 1] - idx[hi] <= 2:
        hi += 1
    return list(range(idx[lo], idx[hi] + 1))


def _stretch_to_quotes(frames: list[Frame], quotes: list[Quote], doc: Doc) -> None:
    """Widen contents that start or end inside a quotation to the whole quotation."""
    for f in frames:
        if f.content is None:
            continue
        a, b = f.content
        cue_at = doc[f.cue[0]].idx
        for q in quotes:
            if q.end <= a or q.start >= b or q.start <= cue_at < q.end:
                continue
            if q.stray:
                f.stray = True
                continue
            if q.start < a < q.end:
                a = q.start
            if q.start < b < q.end:
                b = q.end
        f.content = (a, b)


def _continue_quotes(frames: list[Frame], quotes: list[Quote], doc: Doc, text: str) -> None:
    """'“A,” X said. “B.”': a quotation right after a quoted attribution, in the same
    paragraph and with no cue of its own, continues that attribution's content."""
    cue_starts = sorted(doc[f.cue[0]].idx for f in frames)
    for f in frames:
        if f.content is None:
            continue
        a, b = f.content
        if not any(q.start <= a + 1 and q.end >= b - 1 and not q.stray for q in quotes):
            continue  # only direct quotations continue
        cue_end = doc[f.cue[-1]].idx + len(doc[f.cue[-1]])
        pos = max(b, cue_end)
        for q in quotes:
            if q.start < pos or q.stray:
                continue
            gap = text[pos : q.start]
            if "\n" in gap or len(gap) > 60 or any(pos <= c < q.end for c in cue_starts):
                break
            # the gap holds at most the speaker and cue ("Smith said,") or nothing
            if gap.strip(" .,;") and not (a < cue_end <= q.start):
                break
            b = q.end
            pos = q.end
        f.content = (a, b)


def extract_attributions(
    doc: Doc, article_id: str, threshold: float | None = None, blend: Blend | None = Blend()
) -> list[Attribution]:
    """Every attribution in a parsed article, as ``model.Attribution`` records.

    ``threshold`` overrides the cue model's own acceptance threshold; ``blend`` says how
    the role tagger joins the rules (None: rules and cue scorer only).

    >>> from wiretrail.nlp import load_nlp, parse                                # doctest: +SKIP
    >>> doc = parse(load_nlp(), "“We will win,” Sa'ar said.")                      # doctest: +SKIP
    >>> [(a.source.text, a.cue, a.kind) for a in extract_attributions(doc, "x")]  # doctest: +SKIP
    [("Sa'ar", 'say', 'direct')]
    """
    text = doc.text  # rebuilt by spaCy on each access: read once
    quotes = find_quotes(text)
    frames = find_frames(doc, threshold, text, blend=blend, quotes=quotes)
    resolver = Resolver(doc)
    out: list[Attribution] = []
    for f in frames:
        cue_span = CharSpan(article_id, doc[f.cue[0]].idx, doc[f.cue[-1]].idx + len(doc[f.cue[-1]]))
        source = (
            build_source(doc, f.source, resolver, article_id)
            if f.source and f.source[1] > f.source[0]
            else Source(text="", type="unspecified")
        )
        intermediary = None
        for rng in (f.recipient, f.cited_by):
            if rng is not None and rng[1] > rng[0]:
                inter = build_source(doc, rng, resolver, article_id, remember=False, name_only=True)
                if inter.type in ("media_outlet", "named_org", "government_body") or f.cited_by == rng:
                    intermediary = inter
        if f.content is not None:
            c0, c1 = f.content
        else:
            c0 = c1 = cue_span.end
        holes = [(cue_span.start, cue_span.end)] + (
            [(source.span.start, source.span.end)] if source.span is not None else []
        )
        kind, stray = _kind(text, c0, c1, quotes, holes)
        confidence = f.score * (0.6 if (stray or f.stray) else 1.0)
        out.append(
            Attribution(
                id=f"{article_id}:att{cue_span.start}",
                article=article_id,
                source=source,
                cue=f.lemma,
                cue_span=cue_span,
                content=text[c0:c1],
                content_span=CharSpan(article_id, c0, c1),
                kind=kind,
                intermediary=intermediary,
                confidence=round(confidence, 3),
            )
        )
    return _nest(out)


def _kind(
    text: str, a: int, b: int, quotes: list[Quote], holes: list[tuple[int, int]] = ()
) -> tuple[str, bool]:
    """direct / indirect / mixed by the share of the content's words inside quotation marks
    (the speaker and cue of a split quotation, '“A,” he said, “B.”', do not count)."""
    if b <= a:
        return "indirect", False
    # per character of the content: 0 not counted, 1 a counted word character, 2 one inside quotation marks
    marks = bytearray(1 if c.isalnum() else 0 for c in text[a:b])
    for h0, h1 in holes:
        lo, hi = max(a, h0), min(b, h1)
        if hi > lo:
            marks[lo - a : hi - a] = bytes(hi - lo)
    stray = False
    for q in quotes:
        lo, hi = max(a, q.start), min(b, q.end)
        if hi > lo:
            stray = stray or q.stray
            if not q.stray:
                marks[lo - a : hi - a] = marks[lo - a : hi - a].replace(b"\x01", b"\x02")
    counted = len(marks) - marks.count(0)
    inside = marks.count(2)
    share = inside / counted if counted else 0.0
    if share >= 0.9:
        return "direct", stray
    return ("mixed" if share > 0 else "indirect"), stray


def _nest(atts: list[Attribution]) -> list[Attribution]:
    """Set ``parent`` to the smallest other attribution whose content holds this one's cue."""
    out = []
    for a in atts:
        best: Attribution | None = None
        for b in atts:
            if b is a:
                continue
            cs = b.content_span
            if cs.start <= a.cue_span.start and a.cue_span.end <= cs.end and cs.length > a.content_span.length:
                if best is None or cs.length < best.content_span.length:
                    best = b
        out.append(a if best is None else replace(a, parent=best.id))
    return out
