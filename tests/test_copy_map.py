"""copy_map (every article's original in one pass) agrees with copy_of and root_of article by article."""

from __future__ import annotations

from wiretrail.brief.data import copy_map, copy_of, root_in, root_of
from wiretrail.model import Copy

COPIES = [
    Copy("b", "a", 1.0), Copy("c", "b", 1.0), Copy("c", "a", 1.0),  # c copies a's text through b: the root wins
    Copy("d", "a", 0.4, "partial"), Copy("d", "outlet:Reuters", 0.99),  # a whole copy before a partial one
    Copy("e", "a", 0.3, "quotes"),  # quotes are not copies
    Copy("f", "outlet:AP", 0.8), Copy("f", "g", 0.8),  # an article in the corpus before a credit line
    Copy("h", "i", 0.5, "partial"), Copy("i", "h", 0.5, "partial"),  # a loop ends
]


def test_copy_map_equals_copy_of_for_every_article():
    originals = copy_map(COPIES)
    for article in "abcdefghi":
        assert originals.get(article, "") == copy_of(article, COPIES)
        assert root_in(article, originals) == root_of(article, COPIES)
    assert originals["c"] == "a" and originals["d"] == "outlet:Reuters" and originals["f"] == "g"
    assert "e" not in originals
