"""``wiretrail check`` on the bundled demo corpus: the verdict, and how closely the reports
say what the claim says (``link.stance`` on each match's closest evidence sentence)."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.model


@pytest.fixture(scope="module")
def demo(demo_corpus):
    return demo_corpus


def test_a_claim_the_reports_make_in_full_is_supported_with_its_single_origin(demo):
    result = demo.check("Security forces arrested nine people in Sidi Bouzid")
    assert result["verdict"] == "Supported"
    assert "one origin: the interior ministry (government body)" in result["summary"]
    top = result["matches"][0]
    assert top["relation"] == "same" and top["stance"]["label"] == "supports"
    assert "arrested nine people" in top["stance"]["sentence"]
    assert top["stance"]["unsaid"] == []


def test_a_claim_with_a_place_no_report_gives_is_only_partly_reported(demo):
    result = demo.check("Security forces arrested nine people in Kasserine")
    assert result["verdict"] == "Not Enough Evidence"
    assert result["summary"].startswith("Only part of the claim is reported")
    assert "does not mention: Kasserine" in result["summary"]


def test_a_report_sharing_only_the_topic_is_related_not_the_same_claim(demo):
    # "whether the rebels intended to push on towards Kasserine" shares a place and nothing else
    result = demo.check("Police arrested nine people in Kasserine")
    same = [m for m in result["matches"] if m["relation"] == "same"]
    assert same and all(m["stance"]["coverage"] >= 0.5 for m in same)
    assert not any("push on towards" in m["stance"]["sentence"] for m in same)


def test_each_match_says_which_of_the_claims_words_its_evidence_lacks(demo):
    result = demo.check("Security forces arrested nine journalists in Sidi Bouzid")
    top = result["matches"][0]
    assert "journalists" in top["stance"]["unsaid_things"]
    assert top["stance"]["unsaid_names_figures"] == []
    assert "does not mention: journalists" in result["summary"]
