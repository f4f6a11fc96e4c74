"""Scorers for the evaluation sets (DESIGN §10).

Each task is a module ``wiretrail.evaluate.<task>`` exposing

- ``REFERENCES``: published systems and their figures, ``{"system": {"metric": value}}``
- ``evaluate(path, limit=None) -> dict[str, float]``: our metrics, keys as in DESIGN §10.

>>> sorted(TASKS)[:3]
['attribution', 'events', 'extraction']
"""

from __future__ import annotations

from importlib import import_module
from pathlib import Path
from types import ModuleType
from typing import Any

TASKS: dict[str, str] = {
    "extraction": "wiretrail.evaluate.extraction",
    "attribution": "wiretrail.evaluate.attribution",
    "places": "wiretrail.evaluate.places",
    "times": "wiretrail.evaluate.times",
    "ner": "wiretrail.evaluate.ner",
    "events": "wiretrail.evaluate.events",
    "pairs": "wiretrail.evaluate.pairs",
    "stance": "wiretrail.evaluate.stance",
    "stories": "wiretrail.evaluate.stories",
}


class EvaluationError(RuntimeError):
    """The data at PATH is not in the form the task expects (message names the file)."""


def task_module(task: str) -> ModuleType:
    if task not in TASKS:
        raise EvaluationError(f"unknown task {task!r}; choose one of {', '.join(sorted(TASKS))}")
    try:
        return import_module(TASKS[task])
    except ModuleNotFoundError as exc:
        raise EvaluationError(f"task {task!r} is not available in this build: {exc}") from exc


def run(task: str, path: Path, limit: int | None = None) -> dict[str, Any]:
    """Run one scorer; raises EvaluationError with the path and reason when the data is wrong."""
    module = task_module(task)
    if not Path(path).exists():
        raise EvaluationError(f"{path}: no such file or folder")
    return module.evaluate(Path(path), limit=limit)


def references(task: str) -> dict[str, dict[str, float]]:
    return dict(getattr(task_module(task), "REFERENCES", {}))
