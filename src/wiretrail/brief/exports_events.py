"""Exports of events and the actor graph: ACLED-style CSV, GraphML, GEXF.

- :func:`write_acled_csv`: one row per event with ACLED's column names (those we can
  fill; the others are left empty so that tools reading ACLED exports accept the file).
- :func:`actor_graph`: a networkx ``MultiDiGraph`` with one node per actor and one edge
  per (source, relation type, target), carrying ``type``, ``evidence_count``,
  ``articles`` and ``said_by``.
- :func:`write_graphml` / :func:`write_gexf`: that graph in GraphML (yEd, Gephi,
  networkx) or GEXF (Gephi).

>>> import io
>>> buf = io.StringIO()
>>> write_acled_csv([], buf)
>>> buf.getvalue().splitlines()[0].split(",")[:3]
['event_id_cnty', 'event_date', 'year']
"""

from __future__ import annotations

import csv
import logging
from collections.abc import Iterable, Sequence
from datetime import date
from pathlib import Path
from typing import IO

import networkx as nx

from wiretrail.model import Event, Relation

log = logging.getLogger(__name__)

# ACLED export columns (as in an ACLED CSV header) that an extracted event can fill
ACLED_COLUMNS: tuple[str, ...] = (
    "event_id_cnty", "event_date", "year", "time_precision", "event_type", "sub_event_type",
    "actor1", "assoc_actor_1", "actor2", "assoc_actor_2", "country", "admin1", "admin2", "location",
    "latitude", "longitude", "geo_precision", "source", "notes", "fatalities",
)
# ACLED's time_precision: 1 = day, 2 = week, 3 = month (or coarser)
_TIME_PRECISION = {"second": 1, "minute": 1, "hour": 1, "day": 1, "week": 2}


def _acled_date(iso: str) -> str:
    """"2024-11-30" -> "30 November 2024" (ACLED's long form); partial dates stay as they are."""
    try:
        d = date.fromisoformat(iso[:10])
    except ValueError:
        return iso
    return f"{d.day} {d.strftime('%B')} {d.year}"


def event_row(event: Event, texts: dict[str, str] | None = None) -> dict[str, str]:
    """One ACLED-style row. ``texts`` (article id -> clean text) fills ``notes`` from the evidence."""
    notes = ""
    if texts:
        notes = " ".join(
            texts[s.article][s.start : s.end].strip() for s in event.evidence if s.article in texts
        )
    return {
        "event_id_cnty": event.id,
        "event_date": _acled_date(event.date) if event.date else "",
        "year": event.date[:4] if event.date[:4].isdigit() else "",
        "time_precision": str(_TIME_PRECISION.get(event.date_precision, 3)),
        "event_type": event.event_type,
        "sub_event_type": event.sub_event_type,
        "actor1": event.actor1,
        "assoc_actor_1": "",
        "actor2": event.actor2,
        "assoc_actor_2": "",
        "country": "",
        "admin1": "",
        "admin2": "",
        "location": event.place,
        "latitude": "" if event.lat is None else f"{event.lat:.4f}",
        "longitude": "" if event.lon is None else f"{event.lon:.4f}",
        "geo_precision": "1" if event.lat is not None else "",
        "source": "; ".join(dict.fromkeys(s.article for s in event.evidence)),
        "notes": notes,
        "fatalities": "" if event.fatalities is None else f"{event.fatalities:g}",
    }


def write_acled_csv(events: Iterable[Event], out: IO[str] | Path, texts: dict[str, str] | None = None) -> None:
    """Write events as an ACLED-style CSV (header = :data:`ACLED_COLUMNS`) to a file or path."""
    if isinstance(out, Path):
        with out.open("w", encoding="utf-8", newline="") as fh:
            write_acled_csv(events, fh, texts)
        return
    writer = csv.DictWriter(out, fieldnames=list(ACLED_COLUMNS), lineterminator="\n")
    writer.writeheader()
    for event in events:
        writer.writerow(event_row(event, texts))


def actor_graph(relations: Sequence[Relation]) -> nx.MultiDiGraph:
    """Actors as nodes, relations as typed edges with evidence counts.

    >>> from wiretrail.model import Relation, Span
    >>> g = actor_graph([Relation("r1", "backs", "Turkey", "rebels", (Span("a", 0, 5),))])
    >>> g["Turkey"]["rebels"]["backs"]["evidence_count"]
    1
    """
    graph = nx.MultiDiGraph()
    edges: dict[tuple[str, str, str], dict[str, object]] = {}
    for rel in relations:
        for name in (rel.source, rel.target):
            if name not in graph:
                graph.add_node(name, label=name, mentions=0)
            graph.nodes[name]["mentions"] += 1
        key = (rel.source, rel.target, rel.type)
        data = edges.setdefault(key, {"evidence": 0, "articles": set(), "said_by": set()})
        data["evidence"] += max(1, len(rel.evidence))
        data["articles"].update(s.article for s in rel.evidence)
        if rel.said_by:
            data["said_by"].add(rel.said_by)
    for (src, tgt, kind), data in edges.items():
        graph.add_edge(
            src, tgt, key=kind, type=kind, label=kind,
            evidence_count=int(data["evidence"]),
            articles=";".join(sorted(data["articles"])),
            said_by=";".join(sorted(data["said_by"])),
        )
    return graph


def write_graphml(relations: Sequence[Relation], path: Path | IO[bytes]) -> None:
    """The actor graph as GraphML (read back with ``networkx.read_graphml``)."""
    nx.write_graphml(actor_graph(relations), path)


def write_gexf(relations: Sequence[Relation], path: Path | IO[bytes]) -> None:
    """The actor graph as GEXF 1.2 (Gephi)."""
    nx.write_gexf(actor_graph(relations), path)
