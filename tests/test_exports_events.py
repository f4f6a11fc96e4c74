"""Exports: ACLED-style CSV read back with csv.DictReader; GraphML with networkx; GEXF."""

from __future__ import annotations

import csv
import io

import networkx as nx

from wiretrail.brief.exports_events import ACLED_COLUMNS, actor_graph, write_acled_csv, write_gexf, write_graphml
from wiretrail.model import Event, Relation, Span

EVENTS = [
    Event("e1", "Explosions/Remote violence", "Air/drone strike", actor1="Russian warplanes", place="Idlib",
          lat=35.93, lon=36.63, date="2024-11-30", date_precision="day", fatalities=4.0,
          evidence=(Span("a1", 0, 20),)),
    Event("e2", "Battles", "Non-state actor overtakes territory", actor1="Rebels", place="Aleppo Airport",
          date="2024-11-30", date_precision="week", evidence=(Span("a2", 5, 30),)),
]
RELATIONS = [
    Relation("r1", "backs", "Russia", "Assad", (Span("a1", 0, 9),)),
    Relation("r2", "backs", "Russia", "Assad", (Span("a2", 0, 9),), said_by="Reuters"),
    Relation("r3", "asks_help_from", "Assad", "Israel", (Span("a3", 0, 9),)),
]


def test_exports_events_acled_csv_reads_back():
    buf = io.StringIO()
    write_acled_csv(EVENTS, buf, texts={"a1": "Russian jets struck Idlib city today."})
    rows = list(csv.DictReader(io.StringIO(buf.getvalue())))
    assert list(rows[0]) == list(ACLED_COLUMNS)
    assert rows[0]["sub_event_type"] == "Air/drone strike"
    assert rows[0]["event_date"] == "30 November 2024" and rows[0]["time_precision"] == "1"
    assert rows[0]["fatalities"] == "4" and rows[0]["latitude"] == "35.9300"
    assert rows[0]["notes"] == "Russian jets struck"
    assert rows[1]["fatalities"] == "" and rows[1]["time_precision"] == "2"


def test_exports_events_graphml_reads_back(tmp_path):
    path = tmp_path / "actors.graphml"
    write_graphml(RELATIONS, path)
    graph = nx.read_graphml(path)
    edges = {(u, v, d["type"]): d for u, v, d in graph.edges(data=True)}
    assert edges[("Russia", "Assad", "backs")]["evidence_count"] == 2
    assert edges[("Russia", "Assad", "backs")]["said_by"] == "Reuters"
    assert ("Assad", "Israel", "asks_help_from") in edges


def test_exports_events_gexf(tmp_path):
    path = tmp_path / "actors.gexf"
    write_gexf(RELATIONS, path)
    graph = nx.read_gexf(path)
    assert graph.number_of_nodes() == 3
    assert actor_graph(RELATIONS).number_of_edges() == 2
