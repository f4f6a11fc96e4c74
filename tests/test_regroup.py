"""Claim groups kept up to date (``link.regroup``): a link after new articles regroups only the groups their
claims reach, and on the demo corpus ends with the groups a grouping of every claim gives."""

from __future__ import annotations

import logging
import re

import pytest
from demo_expectations import DEMO_DIR

from wiretrail.corpus import Corpus

pytestmark = pytest.mark.model


def _regrouped(caplog) -> tuple[int, int]:
    """(new claims, claims regrouped) of the last incremental claim-group link, from its log line."""
    lines = [r.getMessage() for r in caplog.records if r.name == "wiretrail.link.regroup"]
    assert lines, "the link grouped every claim instead of regrouping the parts new claims reach"
    m = re.search(r"(\d+) new claims, \d+ pairs judged, (\d+) claims regrouped", lines[-1])
    assert m, lines[-1]
    return int(m.group(1)), int(m.group(2))


def test_demo_linked_in_two_batches_ends_with_the_groups_of_one_whole_grouping(tmp_path, caplog):
    files = sorted(DEMO_DIR.iterdir())
    first, second = [f for f in files if f.name[:2] in ("01", "03", "05", "07", "09")], \
        [f for f in files if f.name[:2] in ("02", "04", "06", "08")]
    caplog.set_level(logging.INFO, logger="wiretrail.link.regroup")
    with Corpus.open(str(tmp_path / "demo.db")) as corpus:
        corpus.add([str(f) for f in first])  # analysed and linked: every claim grouped
        store = corpus.store
        assert store.count_grouped_claims() > 0
        before = store.derived("claim_group")

        corpus.add([str(f) for f in second])  # the Daily Ledger copies the Lodestar, the Herald retells the Najma Post
        new_claims, regrouped = _regrouped(caplog)
        assert 0 < new_claims <= regrouped < store.count_grouped_claims()  # some groups were left as they were
        incremental = store.derived("claim_group")
        assert incremental != before
        assert store.linked_articles("claim_group") == set(store.article_ids())

        corpus.link(full=True)
        assert store.derived("claim_group") == incremental

        # an article analysed again: its claims are forgotten, judged and grouped anew, to the same end
        some = next(a for a in store.article_ids() if store.grouped_claims(articles=[a]))
        store.set_analysis(store.analyses([some])[some])
        assert some not in store.linked_articles("claim_group")
        corpus.link()
        _regrouped(caplog)
        assert store.derived("claim_group") == incremental
