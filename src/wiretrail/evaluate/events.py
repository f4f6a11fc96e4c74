"""Scorer for ``events``: ACLED notes -> event type, sub-type, fatalities, place, actor 1.

Input is an ACLED CSV export (columns ``notes``, ``event_type``, ``sub_event_type``,
``fatalities``, ``latitude``, ``longitude``, ``actor1``, ``actor2`` and the location
columns). Only ``notes`` (and ``event_date``, as the date anchor) are read as input; the
other columns are the gold answers.
"""

from __future__ import annotations

import csv
import hashlib
import logging
from collections.abc import Iterator
from pathlib import Path

from wiretrail.evaluate import EvaluationError

log = logging.getLogger(__name__)

REQUIRED = ("notes", "event_type", "sub_event_type", "fatalities", "latitude", "longitude", "actor1")


def read_acled(path: Path) -> Iterator[dict[str, str]]:
    """Rows of an ACLED CSV export; raises EvaluationError naming the file when columns are missing."""
    path = Path(path)
    if path.is_dir():
        files = sorted(path.glob("*.csv"))
        if not files:
            raise EvaluationError(f"{path}: no .csv file in this folder")
        for f in files:
            yield from read_acled(f)
        return
    try:
        with path.open(encoding="utf-8-sig", newline="") as fh:
            reader = csv.DictReader(fh)
            missing = [c for c in REQUIRED if c not in (reader.fieldnames or [])]
            if missing:
                raise EvaluationError(f"{path}: not an ACLED export, missing columns {', '.join(missing)}")
            yield from reader
    except UnicodeDecodeError as exc:
        raise EvaluationError(f"{path}: not UTF-8 text ({exc})") from exc


def split_of(row: dict[str, str], train_share: int = 70) -> str:
    """``"train"`` or ``"heldout"``: a fixed hash of the event id (70 % / 30 %).

    >>> split_of({"event_id_cnty": "SOM31102"}) in ("train", "heldout")
    True
    """
    key = row.get("event_id_cnty") or row.get("data_id") or row.get("notes", "")
    bucket = int(hashlib.md5(key.encode("utf-8")).hexdigest(), 16) % 100
    return "train" if bucket < train_share else "heldout"
