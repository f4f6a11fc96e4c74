"""Merging reports of one event across articles (helper of :mod:`events`).

Two events are one when they have the same ACLED type, lie within ``radius_km`` of each
other (or share a place name), fall in the same date window (widened by a week when a
date is only known to the week), and their actors are compatible (they share a word, or
one side names none). Each merge keeps its reason in ``Event.merge_reasons``.

>>> merge_events([])
[]
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence
from datetime import date

from wiretrail.extract.event_places import km, normalise
from wiretrail.model import Event


def _actor_keys(actor: str) -> set[str]:
    return {w[:5] for w in normalise(actor).split() if len(w) > 2 and w not in _STOP}


_STOP = frozenset("the and of with for from forces force protesters rioters group groups".split())


def _day(value: str) -> date | None:
    """The first day an ISO date value names: 2025-10-16, 2025-10-16T.., 2025-W42 (its Monday)."""
    m = re.match(r"^(\d{4})-(\d{2})-(\d{2})", value)
    if m:
        try:
            return date(int(m[1]), int(m[2]), int(m[3]))
        except ValueError:
            return None
    m = re.match(r"^(\d{4})-W(\d{1,2})", value)
    if m:
        try:
            return date.fromisocalendar(int(m[1]), int(m[2]), 1)
        except ValueError:
            return None
    return None


def _date_gap(a: Event, b: Event) -> float | None:
    da, db = _day(a.date or ""), _day(b.date or "")
    if da is None or db is None:
        return None
    return abs((da - db).days)


def _same_event(a: Event, b: Event, window_days: int, radius_km: float) -> str:
    """The reason ``a`` and ``b`` are one event, or "" when they are not."""
    if a.event_type != b.event_type:
        return ""
    if a.lat is not None and b.lat is not None:
        d = km((a.lat, a.lon), (b.lat, b.lon))
        if d > radius_km:
            return ""
        where = f"same place ({a.place or '?'} / {b.place or '?'}, {d:.0f} km apart)"
    elif a.place and normalise(a.place) == normalise(b.place):
        where = f"same place name {a.place!r}"
    else:
        return ""
    gap = _date_gap(a, b)
    wider = window_days + (7 if "week" in (a.date_precision, b.date_precision) else 0)
    if gap is None:
        if a.date[:7] != b.date[:7]:
            return ""
        when = f"same period {a.date[:7] or 'undated'}"
    elif gap > wider:
        return ""
    else:
        when = f"dates {a.date} / {b.date} within {wider} days"
    ka, kb = _actor_keys(a.actor1 + " " + a.actor2), _actor_keys(b.actor1 + " " + b.actor2)
    if ka and kb and not ka & kb:
        return ""
    who = f"actors share {', '.join(sorted(ka & kb))}" if ka & kb else "one side names no actor"
    return f"same type {a.event_type}; {where}; {when}; {who}"


def merge_events(events: Sequence[Event], window_days: int = 1, radius_km: float = 25.0) -> list[Event]:
    """Merge reports of one event (same type, place and date window, compatible actors).

    The merged event keeps every report's evidence, the ids it was merged from and, for
    each merge, the reason. Fatalities: ``low``/``high`` span the reports, ``best`` is the
    lowest reported figure (ACLED's conservative rule).

    >>> merge_events([])
    []
    """
    groups: list[list[Event]] = []
    reasons: list[list[str]] = []
    for ev in events:
        for gi, group in enumerate(groups):
            why = _same_event(group[0], ev, window_days, radius_km)
            if why:
                group.append(ev)
                reasons[gi].append(f"{ev.id} -> {group[0].id}: {why}")
                break
        else:
            groups.append([ev])
            reasons.append([])
    return [_combine(g, r) if len(g) > 1 else g[0] for g, r in zip(groups, reasons)]


def _combine(group: list[Event], reasons: list[str]) -> Event:
    first = group[0]
    subs = [e.sub_event_type for e in group]
    sub = max(dict.fromkeys(subs), key=subs.count)
    figures = [e for e in group if e.fatalities is not None]
    lows = [e.fatalities_low if e.fatalities_low is not None else e.fatalities for e in figures]
    highs = [e.fatalities_high if e.fatalities_high is not None else e.fatalities for e in figures]
    best = min(figures, key=lambda e: e.fatalities) if figures else None
    evidence = tuple(dict.fromkeys(s for e in group for s in e.evidence))
    return Event(
        id=hashlib.sha1("|".join(sorted(e.id for e in group)).encode()).hexdigest()[:16],
        event_type=first.event_type,
        sub_event_type=sub,
        actor1=next((e.actor1 for e in group if e.actor1), ""),
        actor2=next((e.actor2 for e in group if e.actor2), ""),
        place=next((e.place for e in group if e.place), ""),
        lat=next((e.lat for e in group if e.lat is not None), None),
        lon=next((e.lon for e in group if e.lon is not None), None),
        date=min((e.date for e in group if e.date), default=""),
        date_precision=min((e.date_precision for e in group), key=_PRECISION_ORDER.index),
        fatalities=best.fatalities if best else None,
        fatalities_low=min(lows) if figures else None,
        fatalities_high=max(highs) if figures else None,
        fatalities_source="; ".join(dict.fromkeys(f"{e.evidence[0].article}: {e.fatalities:g}" for e in figures if e.evidence)),
        evidence=evidence,
        claims=tuple(dict.fromkeys(c for e in group for c in e.claims)),
        merged_from=tuple(dict.fromkeys(i for e in group for i in (e.merged_from or (e.id,)))),
        merge_reasons=tuple(reasons),
    )


_PRECISION_ORDER = ["second", "minute", "hour", "day", "week", "month", "quarter", "year", "decade", "unknown"]
