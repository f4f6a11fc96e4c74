"""Cross-article boilerplate: lines that one outlet repeats on many pages (``repeated_lines``);
the cleaner takes their keys as ``known_boilerplate``."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from wiretrail.clean.lines import is_news_paragraph, line_key, split_lines, words


def repeated_lines(texts_by_outlet: Mapping[str, Sequence[str]], min_articles: int = 3) -> dict[str, set[str]]:
    """Keys (``model.line_key``) of lines that recur in at least ``min_articles`` articles of one
    outlet: its boilerplate. Give each article's page text (before cleaning), grouped by outlet.

    A long line that reads as a news sentence is kept out unless it is in at least half of the
    outlet's articles: wires reuse background paragraphs, which are news, while appeals and
    slogans sit on every page.

    >>> texts = {"x": ["A.\\nDonate to X today", "B.\\nDonate to X today", "C.\\nDonate to X today"]}
    >>> repeated_lines(texts) == {"x": {line_key("Donate to X today")}}
    True
    """
    out: dict[str, set[str]] = {}
    for outlet, texts in texts_by_outlet.items():
        counts: dict[str, int] = {}
        sample: dict[str, str] = {}
        for text in texts:
            keys = set()
            for line in split_lines(text):
                key = line_key(line)
                if key:
                    keys.add(key)
                    sample.setdefault(key, line)
            for key in keys:
                counts[key] = counts.get(key, 0) + 1
        half = max(min_articles, (len(texts) + 1) // 2)
        found = set()
        for key, n in counts.items():
            if n < min_articles:
                continue
            if is_news_paragraph(sample[key]) and len(words(sample[key])) >= 12 and n < half:
                continue
            found.add(key)
        if found:
            out[outlet] = found
    return out
