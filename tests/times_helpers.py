"""The check the time tests share: what ``extract_times`` finds in one sentence, and that each found
expression's span holds its text."""

from __future__ import annotations

from wiretrail.extract.times import extract_times
from wiretrail.nlp import parse


def assert_extracted(nlp, sentence: str, published: str, expected: list[tuple[str, str]]) -> None:
    found = extract_times(parse(nlp, sentence), "a1", published)
    assert [(t.text, t.value) for t in found] == expected
    for t in found:
        assert sentence[t.span.start:t.span.end] == t.text
