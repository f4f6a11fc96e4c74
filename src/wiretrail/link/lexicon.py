"""Is one word a more general name for another? ("film" is a "movie", a "quarterback" a "player").

A claim often names with a wider word what its evidence names precisely: "produced by an
animation studio" for "produced by DreamWorks Animation", "a football player" for "a
quarterback", "was in a movie" for "his film debut". The evidence then says what the claim
says, though not in its words. This reads that from WordNet 3.0's hypernyms (a table derived
by ``scripts/build_lexicon.py``, shipped in ``data/``; see its licence header).

Direction matters: the specific word entails the general one, never the reverse ("a
quarterback" is "a player"; "a player" need not be "a quarterback"). The evidence word is
read in its most frequent sense only, since nothing tells which sense it has, and a rare sense
would bear out too much ("singer" is also Isaac Bashevis Singer, a writer); the claim word may
have either of its first two senses. Verbs climb at most ``VERB_DEPTH`` steps ("murder" →
"kill"), since a verb's far hypernyms say almost nothing ("move", "act").

>>> broader("movie", "film", "n")           # doctest: +SKIP
True
>>> broader("quarterback", "player", "n")   # doctest: +SKIP
False
"""

from __future__ import annotations

import functools
import gzip
import logging
from pathlib import Path

log = logging.getLogger(__name__)

LEXICON_PATH = Path(__file__).resolve().parent.parent / "data" / "wordnet_hypernyms.tsv.gz"
NOUN_DEPTH = 12
VERB_DEPTH = 2


class _Lexicon:
    def __init__(self, senses: dict[tuple[str, str], tuple[int, ...]], parents: dict[int, tuple[int, ...]]) -> None:
        self.senses = senses  # (pos, lemma) -> synset ids, most frequent first
        self.parents = parents  # synset id -> hypernym ids

    @classmethod
    def read(cls, path: Path) -> _Lexicon:
        senses: dict[tuple[str, str], tuple[int, ...]] = {}
        parents: dict[int, tuple[int, ...]] = {}
        with gzip.open(path, "rt", encoding="utf-8") as fh:
            for line in fh:
                if line.startswith("#"):
                    continue
                fields = line.rstrip("\n").split("\t")
                if fields[0] == "L":
                    senses[(fields[1], fields[2])] = tuple(int(x) for x in fields[3].split(","))
                elif fields[0] == "H":
                    parents[int(fields[1])] = tuple(int(x) for x in fields[2].split(","))
        return cls(senses, parents)

    @functools.lru_cache(maxsize=1 << 14)
    def ancestors(self, lemma: str, pos: str) -> frozenset[int]:
        """The first sense of ``lemma`` and every hypernym above it (within the depth for ``pos``)."""
        first = self.senses.get((pos, lemma), ())[:1]
        out: set[int] = set()
        frontier = list(first)
        for _ in range(1 + (NOUN_DEPTH if pos == "n" else VERB_DEPTH)):
            out.update(frontier)
            frontier = [p for s in frontier for p in self.parents.get(s, ()) if p not in out]
            if not frontier:
                break
        return frozenset(out)


@functools.lru_cache(maxsize=1)
def _lexicon() -> _Lexicon | None:
    try:
        return _Lexicon.read(LEXICON_PATH)
    except (OSError, ValueError, IndexError) as exc:  # a broken install reads no hypernyms, and says so
        log.warning("%s: cannot read the hypernym table (%s); stance reads words only as written", LEXICON_PATH, exc)
        return None


def broader(specific: str, general: str, pos: str) -> bool:
    """Is ``general`` the same as or a hypernym of ``specific`` (lemmas, lower case; ``pos`` "n" or "v")?

    Multi-word lemmas join their words with "_" ("football_player")."""
    lexicon = _lexicon()
    if lexicon is None or specific == general:
        return specific == general
    wanted = lexicon.senses.get((pos, general))
    return bool(wanted) and not lexicon.ancestors(specific, pos).isdisjoint(wanted)


def known(word: str) -> bool:
    """Is ``word`` (lower case) a common English noun or verb, as WordNet lists them? A capitalised
    word that is not ("Ingushetia", "Daggering") is a name, whatever its tag."""
    lexicon = _lexicon()
    return lexicon is None or ("n", word) in lexicon.senses or ("v", word) in lexicon.senses
