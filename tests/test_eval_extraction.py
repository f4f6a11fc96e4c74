"""The AEB-style extraction scorer: the benchmark's own method, a hand-made set, the real data floor."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

from wiretrail.evaluate import EvaluationError
from wiretrail.evaluate.extraction import (
    REFERENCES,
    evaluate,
    evaluate_metadata,
    metrics_from_counts,
    score_pair,
    shingles,
    tokens,
)


def test_eval_extraction_tokens_and_shingles() -> None:
    assert tokens("It's 4:30 — go!") == ["It", "s", "4", "30", "go"]
    assert shingles("a b") == {("a", "b"): 1}  # a short text is one short shingle
    assert sum(shingles("a b c d e f").values()) == 3


@pytest.mark.parametrize(
    ("true", "pred", "expected"),
    [
        ("a b c d e", "a b c d e", (1.0, 0.0, 0.0)),
        ("a b c d e", "", (0.0, 0.0, 1.0)),
        ("", "a b c d e", (0.0, 1.0, 0.0)),
        ("", "", (0.0, 0.0, 0.0)),
    ],
)
def test_eval_extraction_score_pair(true: str, pred: str, expected) -> None:
    assert score_pair(true, pred) == pytest.approx(expected)


def test_eval_extraction_macro_average_like_the_benchmark() -> None:
    # precision averages over pages with a prediction, recall over pages with a gold body
    counts = [score_pair("a b c d e", "a b c d e"), score_pair("a b c d e", ""), score_pair("", "x y z w")]
    m = metrics_from_counts(counts)
    assert m["precision"] == pytest.approx(0.5)
    assert m["recall"] == pytest.approx(0.5)
    assert m["f1"] == pytest.approx(0.5)


PAGES = {
    "p1": (
        "<html><head><title>Ceasefire holds</title></head><body><nav>Home World</nav><article>"
        "<p>The ceasefire held for a third day on Monday, officials on both sides of the border said.</p>"
        "<p>Aid trucks entered the area through two crossings, the United Nations said in a statement.</p>"
        "</article><footer>Contact us</footer></body></html>",
        "The ceasefire held for a third day on Monday, officials on both sides of the border said.\n\n"
        "Aid trucks entered the area through two crossings, the United Nations said in a statement.",
    ),
    "p2": (
        "<html><body><div class='post'><p>Prices of bread doubled in the city over the past week, traders said on Tuesday.</p>"
        "<p>Many bakeries closed because they could not buy flour, residents said.</p></div></body></html>",
        "Prices of bread doubled in the city over the past week, traders said on Tuesday.\n\n"
        "Many bakeries closed because they could not buy flour, residents said.",
    ),
}


@pytest.fixture()
def benchmark(tmp_path: Path) -> Path:
    (tmp_path / "html").mkdir()
    truth = {}
    for key, (html, body) in PAGES.items():
        with gzip.open(tmp_path / "html" / f"{key}.html.gz", "wt", encoding="utf-8") as f:
            f.write(html)
        truth[key] = {"articleBody": body, "url": f"https://example.org/{key}"}
    (tmp_path / "ground-truth.json").write_text(json.dumps(truth), encoding="utf-8")
    return tmp_path


def test_eval_extraction_hand_made_pages(benchmark: Path) -> None:
    result = evaluate(benchmark)
    assert set(result) == {"f1", "precision", "recall"}
    assert result["f1"] >= 0.95
    assert evaluate(benchmark, limit=1)["recall"] >= 0.95


def test_eval_extraction_wrong_form(tmp_path: Path) -> None:
    with pytest.raises(EvaluationError, match="ground-truth.json"):
        evaluate(tmp_path)
    (tmp_path / "ground-truth.json").write_text("[1, 2]")
    with pytest.raises(EvaluationError, match="expected an object"):
        evaluate(tmp_path)
    (tmp_path / "ground-truth.json").write_text('{"k": {"articleBody": "x"}}')
    with pytest.raises(EvaluationError, match="html"):
        evaluate(tmp_path)
    (tmp_path / "html").mkdir()
    with pytest.raises(EvaluationError, match="no page for id k"):
        evaluate(tmp_path)


def test_eval_extraction_references() -> None:
    assert REFERENCES["trafilatura 2.0"]["f1"] == 0.958


@pytest.mark.data
def test_eval_extraction_scorer_reproduces_published_figure(shared_data: Path) -> None:
    from wiretrail.evaluate.extraction import iter_bodies, load_benchmark, score_outputs

    aeb = shared_data / "extraction" / "aeb"
    ref = aeb / "reference_outputs" / "trafilatura.json"
    if not ref.is_file():
        pytest.skip("no reference output")
    outputs = dict(iter_bodies(json.loads(ref.read_text(encoding="utf-8"))["output"]))
    assert score_outputs(load_benchmark(aeb), outputs)["f1"] == pytest.approx(0.958, abs=0.0015)


@pytest.mark.data
@pytest.mark.slow
def test_eval_extraction_aeb_floor(shared_data: Path) -> None:
    aeb = shared_data / "extraction" / "aeb"
    if not aeb.is_dir():
        pytest.skip("no AEB data")
    result = evaluate(aeb, limit=60)  # full set: 0.963 (see README); the floor is for the first 60 pages
    assert result["f1"] >= 0.95


@pytest.mark.data
def test_eval_extraction_readability_metadata_floor(shared_data: Path) -> None:
    path = shared_data / "extraction" / "readability_news"
    if not path.is_dir():
        pytest.skip("no readability_news data")
    result = evaluate_metadata(path)
    assert result["title_fuzzy"] >= 0.9
    assert result["site_fuzzy"] >= 0.8
    assert result["byline_fuzzy"] >= 0.65
    assert result["date"] >= 0.8
