"""Time expressions on TimeML (TimeBank / AQUAINT), scored under TempEval-3 rules.

The data: a folder of TimeML ``.tml`` files, TIMEX3 tags inline in ``TEXT`` and
the document creation time (DCT) as the TIMEX3 inside ``DCT``. We read the plain
text of ``TEXT`` with the character offsets of each gold TIMEX3, run
``extract_times`` with the DCT as publication time, and score:

- ``strict_f1``: extraction F1, a system expression counts only when its span
  equals a gold span exactly;
- ``relaxed_f1``: extraction F1, a system expression counts when it overlaps a gold
  span (one-to-one: each gold span is matched at most once);
- ``value_f1``: TempEval-3 attribute F1 for ``value``. Over the relaxed matches,
  ``P = correct / |system|`` and ``R = correct / |gold|`` where *correct* counts
  matches whose normalised values are equal; ``value_f1 = 2PR / (P + R)``, which is
  relaxed F1 × value accuracy on the matches (UzZaman et al. 2013, §4.1).

Rules, each as the TempEval-3 entity scorer applies them (``evaluate_entities.py``
of the TempEval-3 toolkit, UzZaman et al. 2013; the copy read is in
github.com/CogComp/cogcomp-nlp ``temporal-normalizer/tools/evaluation-entities/``):

- only TIMEX3 inside ``TEXT`` are scored and the DCT TIMEX3 (``tid="t0"``) is
  skipped, so the DCT is excluded on both sides; we read it from ``DCT`` and hand it
  to the system as the publication time, as TempEval-3 hands it to systems;
- ``value`` is compared as an exact, case-sensitive string (``g.value == s.value``):
  no upper-casing, and no special treatment of DURATION / SET / ``PXY`` / ``XXXX``
  values, which must match character for character like dates;
- value F1 is ``value accuracy over relaxed matches × relaxed F1`` (the scorer's
  ``performance_value``), which equals ``2·correct / (|system| + |gold|)`` with the
  one-to-one matching used here;
- strict match compares the expression's text (after the toolkit's alignment); we
  compare character spans, trimmed of surrounding whitespace;
- relaxed match is any overlap; the toolkit aligns entities one-to-one first
  (TimeML-Normalizer), we match each system span to the first unused overlapping gold
  span, preferring an exact one.

>>> from pathlib import Path
>>> evaluate(Path("/work/shared/data/time/tbaq/AQUAINT"), limit=2)  # doctest: +SKIP
{'strict_f1': ..., 'relaxed_f1': ..., 'value_f1': ..., 'documents': 2, ...}
"""

from __future__ import annotations

import logging
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from wiretrail.evaluate import EvaluationError

log = logging.getLogger(__name__)

REFERENCES: dict[str, dict[str, float]] = {
    # value F1 on the TempEval-3 platinum test set, as given by /work/shared/data/README.md
    # (the only figure sourced there; strict/relaxed figures were removed for want of a source)
    "HeidelTime (TempEval-3 platinum)": {"value_f1": 0.776},
}


@dataclass(frozen=True)
class GoldTimex:
    start: int
    end: int
    text: str
    type: str
    value: str


@dataclass(frozen=True)
class TimeMLDoc:
    name: str
    text: str
    dct: str
    timexes: tuple[GoldTimex, ...]


def read_tml(path: Path) -> TimeMLDoc:
    """Plain ``TEXT`` of one TimeML file, its DCT value and its gold TIMEX3 with offsets."""
    try:
        root = ET.parse(path).getroot()
    except ET.ParseError as exc:
        raise EvaluationError(f"{path}: not well-formed XML ({exc})") from exc
    text_el = root.find("TEXT")
    if text_el is None:
        raise EvaluationError(f"{path}: no TEXT element (not TimeML)")
    dct_el = root.find("DCT/TIMEX3")
    dct = dct_el.get("value", "") if dct_el is not None else ""
    parts: list[str] = []
    timexes: list[GoldTimex] = []
    pos = 0

    def walk(el: ET.Element) -> None:
        nonlocal pos
        start = pos
        if el.text:
            parts.append(el.text)
            pos += len(el.text)
        for child in el:
            walk(child)
            if child.tail:
                parts.append(child.tail)
                pos += len(child.tail)
        if el.tag == "TIMEX3" and el is not text_el:
            surface = "".join(parts)[start:pos]
            lead = len(surface) - len(surface.lstrip())
            trail = len(surface) - len(surface.rstrip())
            timexes.append(
                GoldTimex(start + lead, pos - trail, surface.strip(), el.get("type", ""), el.get("value", ""))
            )

    walk(text_el)
    return TimeMLDoc(path.name, "".join(parts), dct, tuple(sorted(timexes, key=lambda t: t.start)))


def _files(path: Path) -> list[Path]:
    if path.is_file():
        return [path]
    files = sorted(path.rglob("*.tml"))
    if not files:
        raise EvaluationError(f"{path}: no .tml files (expected a folder of TimeML documents)")
    return files


def _prf(correct: int, system: int, gold: int) -> tuple[float, float, float]:
    p = correct / system if system else 0.0
    r = correct / gold if gold else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def score(pairs: list[tuple[list[GoldTimex], list[tuple[int, int, str]]]]) -> dict[str, float]:
    """TempEval-3 scores for (gold, system) pairs; system items are (start, end, value)."""
    n_gold = n_sys = strict = relaxed = value_ok = 0
    for gold, system in pairs:
        n_gold += len(gold)
        n_sys += len(system)
        used: set[int] = set()
        for s_start, s_end, s_value in system:
            exact = [i for i, g in enumerate(gold) if i not in used and (g.start, g.end) == (s_start, s_end)]
            overlap = exact or [
                i for i, g in enumerate(gold) if i not in used and g.start < s_end and s_start < g.end
            ]
            if not overlap:
                continue
            i = overlap[0]
            used.add(i)
            relaxed += 1
            strict += bool(exact)
            value_ok += gold[i].value == s_value  # exact and case-sensitive, as the TempEval-3 scorer
    sp, sr, sf = _prf(strict, n_sys, n_gold)
    rp, rr, rf = _prf(relaxed, n_sys, n_gold)
    vp, vr, vf = _prf(value_ok, n_sys, n_gold)
    return {
        "strict_f1": sf, "relaxed_f1": rf, "value_f1": vf,
        "strict_precision": sp, "strict_recall": sr,
        "relaxed_precision": rp, "relaxed_recall": rr,
        "value_precision": vp, "value_recall": vr,
        "value_accuracy": value_ok / relaxed if relaxed else 0.0,
    }


def evaluate(path: Path, limit: int | None = None) -> dict[str, Any]:
    """Score ``extract_times`` on a folder (or one file) of TimeML documents."""
    from wiretrail.extract.times import extract_times
    from wiretrail.nlp import load_nlp, parse_many

    docs = [read_tml(f) for f in _files(Path(path))[: limit or None]]
    nlp = load_nlp()
    pairs = []
    for tml, doc in zip(docs, parse_many(nlp, (d.text for d in docs))):
        found = extract_times(doc, tml.name, tml.dct)
        pairs.append((list(tml.timexes), [(t.span.start, t.span.end, t.value) for t in found]))
    result: dict[str, Any] = score(pairs)
    result["documents"] = len(docs)
    result["gold"] = sum(len(d.timexes) for d in docs)
    return result
