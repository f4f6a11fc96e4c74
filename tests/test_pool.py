"""``scale.pool.analyse_parallel``: analyses in worker processes equal the single-process pipeline's."""

from __future__ import annotations

import pytest

from wiretrail.analyse import Pipeline
from wiretrail.model import Article
from wiretrail.scale.pool import analyse_parallel
from wiretrail.settings import Settings

TEXTS = [
    "Rebels killed 18 soldiers near Thala on Sunday, a resident told Reuters.",
    "Thala, which DLF fighters captured on Tuesday, was calm on Wednesday morning.",
    "The defence minister Brahim Souissi said the army would retake the town within days.",
    "At least 31 people were killed in airstrikes on Sbeitla, the Highlands Monitoring Network said.",
]


def _articles() -> list[Article]:
    return [Article(id=f"a{n}", url=f"https://example.org/{n}", outlet="Harbor Daily", title="", text=text) for n, text in enumerate(TEXTS)]


@pytest.mark.model
def test_pool_batches_analysed_by_one_pool_equal_the_single_process_pipeline():
    arts = _articles()
    expected = [a.to_dict() for a in Pipeline.load().analyse_many(arts)]
    batches = (arts[i : i + 2] for i in range(0, len(arts), 2))  # read lazily, one batch after the other
    got = [a.to_dict() for a in analyse_parallel(batches, Settings(), workers=2, chunk=1)]
    assert got == expected
    assert all(a["claim_facts"] for a in got[:2]), "each article keeps the judge's reading of its claims"
    assert [a.to_dict() for a in analyse_parallel(arts[:1], Settings(), workers=2)] == expected[:1]
