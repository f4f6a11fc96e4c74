"""When a claim and its evidence date an act: the dates of a sentence, the verb each hangs from, and
how the evidence's dates bear out or refute the claim's (read by ``link.stance``).

"15 December 2006" bears out "December 15th, 2006"; a day inside the claim's month or year bears it
out ("April 14, 1866" for "April of 1866"); a date the evidence gives the same act refutes another
("born 22 November 1948" against "born on November 22nd, 1968"). A life span in parentheses after a
name ("Haddad (3 May 1946 – 9 June 2009)") dates the birth and the death.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Doc, Span


@dataclass(frozen=True)
class _Date:
    value: str  # a resolved TIMEX value: "2006-12-15", "1866-04", "1948"
    start: int  # character offsets in the sentence
    end: int
    verb: str  # lemma of the verb the date hangs from ("" when none)
    verb_at: int = -1  # that verb's character offset in the sentence (-1: none, or implied as in a life span)


def _dates(sent: Span | Doc) -> list[_Date]:
    """The sentence's calendar dates that resolve without a publication date ("15 December 2006",
    "April of 1866"), with the verb each hangs from; weekdays and "last week" need the article's date."""
    from wiretrail.extract.times import extract_times

    doc = sent if isinstance(sent, Doc) else sent.as_doc()
    out = []
    for t in extract_times(doc, "", ""):
        if t.type != "DATE" or "X" in t.value or not t.value[:1].isdigit():
            continue
        span = doc.char_span(t.span.start, t.span.end, alignment_mode="expand")
        tok, verb, verb_at = (span.root if span is not None else None), "", -1
        if span is not None and span.start > 0 and doc[span.start - 1].pos_ == "VERB":
            tok = doc[span.start - 1]  # "born 3 May 1961": the verb just before a bare date is its verb
        for _ in range(8):
            if tok is None:
                break
            if tok.pos_ in ("VERB", "AUX"):
                verb, verb_at = tok.lemma_.lower(), tok.idx
                break
            if tok.head.i == tok.i:
                break
            tok = tok.head
        out.append(_Date(t.value, t.span.start, t.span.end, verb, verb_at))
    return _life_span(doc.text, out)


# "Amira Haddad (3 May 1946 – 9 June 2009) was ...": two dates joined by a dash that close a parenthesis
_SPAN_DASH = re.compile(r"\s*[-–—−]{1,2}\s*")


def _life_span(text: str, dates: list[_Date]) -> list[_Date]:
    """Two dates in parentheses, joined by a dash, after a name are a life span: born on the first,
    died on the second (the way encyclopedias and obituaries give them). Whatever else precedes them
    inside the parenthesis (a pronunciation, "born") does not change that."""
    out = list(dates)
    for i, (a, b) in enumerate(zip(dates, dates[1:])):
        opened = text.rfind("(", 0, a.start)
        if (
            opened >= 0 and ")" not in text[opened:a.start]
            and _SPAN_DASH.fullmatch(text[a.end:b.start])
            and text[b.end:].lstrip().startswith(")")
        ):
            out[i] = _Date(a.value, a.start, a.end, "bear")
            out[i + 1] = _Date(b.value, b.start, b.end, "die")
    return out


def date_reading(evidence: Span | Doc, claim: Span | Doc) -> tuple[list[tuple[int, int]], list[str]]:
    """Character ranges of the claim's dates the evidence bears out (the same day, or a day inside
    the claim's month or year: "15 December 2006" for "December 15th, 2006", "April 14, 1866" for
    "April of 1866"), and reasons where the evidence dates the same act otherwise ("born 22
    November 1948" against "born on November 22nd, 1968")."""
    said = _dates(evidence)
    held: list[tuple[int, int]] = []
    reasons: list[str] = []
    for c in _dates(claim):
        same_act = [e for e in said if c.verb and e.verb == c.verb]  # when the evidence dates the act, only those
        if any(e.value.startswith(c.value) for e in same_act or said):
            held.append((c.start, c.end))
            if c.verb_at >= 0 and any(e.value.startswith(c.value) for e in same_act):
                held.append((c.verb_at, c.verb_at + 1))  # the act itself, dated alike ("died" / "(1974 – 2013)")
        elif same_act and not any(c.value.startswith(e.value) for e in same_act):
            reasons.append(f"different dates: {c.value} / {same_act[0].value} {c.verb}")
    return held, reasons
