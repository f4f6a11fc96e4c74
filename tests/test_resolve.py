"""Entities across spellings (wiretrail.link.resolve), and the name-variant test set."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from wiretrail.link.resolve import resolve_entities, same_entity
from wiretrail.model import Mention, Span

VARIANTS = Path(__file__).parent / "data" / "name_variants.tsv"


def read_variants() -> list[tuple[str, str, str, str, bool, str]]:
    rows = []
    with VARIANTS.open(encoding="utf-8") as handle:
        for row in csv.reader(handle, delimiter="\t"):
            if not row or row[0].startswith("#") or row[0] == "a":
                continue
            a, b, type_a, type_b, same, note = row
            rows.append((a, b, type_a, type_b, same == "1", note))
    return rows


def variant_scores() -> dict[str, float]:
    """Precision and recall of ``same_entity`` on tests/data/name_variants.tsv."""
    tp = fp = fn = tn = 0
    for a, b, type_a, type_b, gold, _ in read_variants():
        predicted = same_entity(a, b, type_a, type_b)
        tp += predicted and gold
        fp += predicted and not gold
        fn += gold and not predicted
        tn += not gold and not predicted
    return {"precision": tp / (tp + fp), "recall": tp / (tp + fn), "pairs_same": tp + fn,
            "pairs_apart": fp + tn}


def test_resolve_variant_set_size() -> None:
    rows = read_variants()
    assert sum(r[4] for r in rows) >= 80 and sum(not r[4] for r in rows) >= 80


def test_resolve_variant_precision_recall(capsys) -> None:
    scores = variant_scores()
    with capsys.disabled():
        print(f"\nname variants: precision {scores['precision']:.3f} recall {scores['recall']:.3f} "
              f"({scores['pairs_same']} same, {scores['pairs_apart']} apart)")
    assert scores["precision"] >= 0.95
    assert scores["recall"] >= 0.90


@pytest.mark.parametrize(
    "a, b, type_a, type_b, expected",
    [
        ("Qassem Soleimani", "Süleyman", "PERSON", "PERSON", True),
        ("Hayʼat Tahrir al-Sham", "HTS", "ORG", "ORG", True),
        ("Assad", "Bashar al-Assad", "PERSON", "PERSON", True),
        ("Mr. Assad", "Bashar al-Assad", "PERSON", "PERSON", True),
        ("Maarat al-Numan", "Maaret al-Numan", "GPE", "GPE", True),
        ("Bashar al-Assad", "Bassel al-Assad", "PERSON", "PERSON", False),
        ("Hama", "Hamas", "GPE", "ORG", False),
        ("Free Syrian Army", "Syrian Army", "ORG", "ORG", False),
        ("Salman", "Mohammed bin Salman", "PERSON", "PERSON", False),
        ("Georgia", "Georgia", "GPE", "PERSON", False),
    ],
)
def test_resolve_same_entity(a: str, b: str, type_a: str, type_b: str, expected: bool) -> None:
    assert same_entity(a, b, type_a, type_b) is expected


def _mentions(article: str, text: str, names: list[tuple[str, str]]) -> list[Mention]:
    out, pos = [], 0
    for name, label in names:
        start = text.index(name, pos)
        out.append(Mention(Span(article, start, start + len(name)), name, label))
        pos = start + len(name)
    return out


def test_resolve_entities_within_and_across_articles() -> None:
    t1 = "Bashar al-Assad met Qassem Soleimani. Assad asked Soleimani to wait."
    t2 = "Haaretz said Süleyman refused. Mr. Assad insisted."
    mentions = {
        "a": _mentions("a", t1, [("Bashar al-Assad", "PERSON"), ("Qassem Soleimani", "PERSON"),
                                 ("Assad", "PERSON"), ("Soleimani", "PERSON")]),
        "b": _mentions("b", t2, [("Haaretz", "ORG"), ("Süleyman", "PERSON"), ("Mr. Assad", "PERSON")]),
    }
    entities = {e.name: e for e in resolve_entities(mentions, {"a": t1, "b": t2})}
    assert set(entities) == {"Bashar al-Assad", "Qassem Soleimani", "Haaretz"}
    assert set(entities["Qassem Soleimani"].aliases) == {"Qassem Soleimani", "Soleimani", "Süleyman"}
    assert len(entities["Bashar al-Assad"].mentions) == 3
    assert {s.article for s in entities["Bashar al-Assad"].mentions} == {"a", "b"}


def test_resolve_entities_short_name_joins_own_article() -> None:
    t1 = "Bashar al-Assad spoke. Assad left."
    t2 = "Bassel al-Assad died in 1994. Assad was the heir."
    mentions = {
        "a": _mentions("a", t1, [("Bashar al-Assad", "PERSON"), ("Assad", "PERSON")]),
        "b": _mentions("b", t2, [("Bassel al-Assad", "PERSON"), ("Assad", "PERSON")]),
    }
    entities = {e.name: e for e in resolve_entities(mentions, {"a": t1, "b": t2})}
    assert {s.article for s in entities["Bassel al-Assad"].mentions} == {"b"}
    assert {s.article for s in entities["Bashar al-Assad"].mentions} == {"a"}


def test_resolve_entities_acronym_defined_elsewhere() -> None:
    t1 = "Hayat Tahrir al-Sham (HTS) advanced."
    t2 = "HTS took the city."
    mentions = {"a": _mentions("a", t1, [("Hayat Tahrir al-Sham", "ORG")]), "b": []}
    entities = resolve_entities(mentions, {"a": t1, "b": t2})
    assert len(entities) == 1
    assert {s.article for s in entities[0].mentions} == {"a", "b"}


@pytest.mark.model
def test_resolve_seeds(seeds_dir: Path, nlp) -> None:
    from wiretrail.extract.entities import extract_mentions
    from wiretrail.nlp import parse

    texts = {p.stem: p.read_text(encoding="utf-8") for p in sorted(seeds_dir.glob("*.txt"))}
    mentions = {k: extract_mentions(parse(nlp, t), k) for k, t in texts.items()}
    entities = resolve_entities(mentions, texts)

    def owner(alias: str):
        found = [e for e in entities if alias in e.aliases]
        assert len(found) == 1, (alias, [(e.name, e.aliases) for e in found])
        return found[0]

    assert owner("Süleyman") is owner("Qassem Soleimani")
    assert owner("Hayʼat Tahrir al-Sham") is owner("Hayat Tahrir al-Sham") is owner("HTS")
    assert owner("Maarat al-Numan") is owner("Maaret al-Numan")
