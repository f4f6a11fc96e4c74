"""Quoted passages in an article, robust to stray quotation marks.

A quotation may run over several sentences and, by news convention, over several
paragraphs: a paragraph that ends inside a quotation with no closing mark is
continued by the next paragraph when that one opens with a quotation mark. An
unmatched mark never aborts anything: it is returned alone (a one-character
passage) flagged ``stray``, so callers lower their confidence for the one
attribution whose content holds it.

>>> [(q.start, q.end, q.stray) for q in find_quotes('He said: "Go. Now." Then left.')]
[(9, 19, False)]
>>> [(q.start, q.end) for q in find_quotes("He said, ''No.''")]
[(9, 16)]
>>> [q.stray for q in find_quotes('A stray " mark.')]
[True]
"""

from __future__ import annotations

from dataclasses import dataclass

OPENING = {"\u201c": "\u201d", "\u00ab": "\u00bb", "\u201e": "\u201d"}
CLOSING = {"\u201d", "\u00bb"}
STRAIGHT = '"'
_FILL = "\u0001"


@dataclass(frozen=True)
class Quote:
    """A quoted passage ``[start, end)`` including its marks."""

    start: int
    end: int
    stray: bool = False


def _paragraphs(text: str) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    pos = 0
    for line in text.split("\n"):
        if line.strip():
            out.append((pos, pos + len(line)))
        pos += len(line) + 1
    return out


def find_quotes(text: str) -> list[Quote]:
    """All quoted passages of ``text``, in order (see module doc).

    Doubled apostrophes and backticks (''like this'', ``or this'') count as marks.
    """
    # same length, so offsets hold: a doubled mark becomes '"' plus a filler
    text = text.replace("''", '"' + _FILL).replace("``", '"' + _FILL)
    quotes: list[Quote] = []
    carry: int | None = None  # start of a quotation continued from the previous paragraph
    for p_start, p_end in _paragraphs(text):
        open_at: int | None = None
        first = _first_visible(text, p_start, p_end)
        if carry is not None and not (first is not None and _is_open_mark(text, first)):
            # the previous paragraph's quotation was not continued: it was stray
            quotes.append(Quote(carry, carry + 1, stray=True))
        elif carry is not None:
            open_at = carry
        carry = None
        i = p_start
        while i < p_end:
            ch = text[i]
            if open_at is None:
                if ch in OPENING or (ch == STRAIGHT and not _closing_context(text, i, p_start)):
                    open_at = i
                elif ch in CLOSING or ch == STRAIGHT:
                    quotes.append(Quote(i, i + 1, stray=True))
            else:
                if ch in CLOSING or ch == STRAIGHT:
                    if i == first and open_at < p_start:  # continuation mark of a carried quote
                        i += 1
                        continue
                    close = i + 2 if i + 1 < len(text) and text[i + 1] == _FILL else i + 1
                    quotes.append(Quote(open_at, close))
                    open_at = None
                elif ch in OPENING and i != first:
                    # a new opening mark while one is open: the first was stray
                    quotes.append(Quote(open_at, open_at + 1, stray=True))
                    open_at = i
            i += 1
        if open_at is not None:
            carry = open_at
    if carry is not None:
        quotes.append(Quote(carry, carry + 1, stray=True))
    return quotes


def _first_visible(text: str, start: int, end: int) -> int | None:
    for i in range(start, end):
        if not text[i].isspace():
            return i
    return None


def _is_open_mark(text: str, i: int) -> bool:
    return text[i] in OPENING or text[i] == STRAIGHT


def _closing_context(text: str, i: int, p_start: int) -> bool:
    """A straight mark right after a word and before space/punctuation closes nothing here."""
    before = text[i - 1] if i > p_start else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    return before.isalnum() and (after.isspace() or after in ".,;:!?)")
