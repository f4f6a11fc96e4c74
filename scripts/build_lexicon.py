"""Build the hypernym table stance reads (src/wiretrail/data/wordnet_hypernyms.tsv.gz) from WordNet 3.0.

Source: the WordNet 3.0 database files as Debian's ``wordnet-base`` package installs them
(``apt-get install wordnet-base`` -> /usr/share/wordnet: index.noun, data.noun, index.verb,
data.verb). Nothing is fetched at run time; the table ships in the package.

What is kept, for nouns and verbs:

- each lemma's first ``SENSES`` synsets, most frequent first (WordNet's own order, from its
  tagged-sense counts): the evidence side reads only the first, the claim side all of them;
- each synset's hypernyms (``@``); instance links (``@i``: "Paris" is a capital) are left
  out, as are synsets whose words are all proper names, since stance compares common words.

Lines (tab-separated, after the licence header): ``L pos lemma id[,id]`` and
``H id hypernym[,hypernym]``, ids renumbered from 0. Deterministic: sorted input order.

    /work/venv/bin/python scripts/build_lexicon.py [--wordnet /usr/share/wordnet] [--out PATH]
"""

from __future__ import annotations

import argparse
import gzip
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from wiretrail.link.lexicon import LEXICON_PATH  # noqa: E402

SENSES = 2
POS = {"noun": "n", "verb": "v"}
LICENCE = """\
# Hypernyms of English nouns and verbs, derived from WordNet 3.0 by scripts/build_lexicon.py.
# WordNet 3.0 Copyright 2006 by Princeton University.  All rights reserved.
# THIS SOFTWARE AND DATABASE IS PROVIDED "AS IS" AND PRINCETON UNIVERSITY MAKES NO
# REPRESENTATIONS OR WARRANTIES, EXPRESS OR IMPLIED.  BY WAY OF EXAMPLE, BUT NOT LIMITATION,
# PRINCETON UNIVERSITY MAKES NO REPRESENTATIONS OR WARRANTIES OF MERCHANTABILITY OR FITNESS FOR
# ANY PARTICULAR PURPOSE OR THAT THE USE OF THE LICENSED SOFTWARE, DATABASE OR DOCUMENTATION
# WILL NOT INFRINGE ANY THIRD PARTY PATENTS, COPYRIGHTS, TRADEMARKS OR OTHER RIGHTS.
# The name of Princeton University or Princeton may not be used in advertising or publicity
# pertaining to distribution of the software and/or database.  Title to copyright in this
# software, database and any associated documentation shall at all times remain with
# Princeton University and LICENSEE agrees to preserve same.
# Permission to use, copy, modify and distribute this software and database and its
# documentation for any purpose and without fee or royalty is hereby granted, provided that
# you agree to comply with the following copyright notice and statements, including the
# disclaimer, and that the same appear on ALL copies of the software, database and
# documentation, including modifications that you make for internal use or for distribution.
"""


def read_data(path: Path, pos: str) -> tuple[dict[str, list[str]], dict[str, bool]]:
    """Hypernym offsets of each synset, and whether it names only proper nouns."""
    hypernyms: dict[str, list[str]] = {}
    proper: dict[str, bool] = {}
    for line in path.read_text(encoding="latin-1").splitlines():
        if not line or line.startswith(" "):
            continue
        fields = line.split(" | ")[0].split()
        offset, count = fields[0], int(fields[3], 16)
        words = [fields[4 + 2 * i] for i in range(count)]
        k = 4 + 2 * count
        pointers = int(fields[k])
        k += 1
        found = []
        for _ in range(pointers):
            symbol, target, target_pos = fields[k], fields[k + 1], fields[k + 2]
            k += 4
            if symbol == "@" and target_pos == pos:
                found.append(target)
        hypernyms[offset] = found
        proper[offset] = all(w[:1].isupper() for w in words)
    return hypernyms, proper


def read_index(path: Path) -> dict[str, list[str]]:
    """Each lemma's synset offsets, most frequent sense first."""
    out: dict[str, list[str]] = {}
    for line in path.read_text(encoding="latin-1").splitlines():
        if not line or line.startswith(" "):
            continue
        fields = line.split()
        senses, pointer_kinds = int(fields[2]), int(fields[3])
        out[fields[0]] = fields[4 + pointer_kinds + 2:][:senses]
    return out


def build(wordnet: Path) -> list[str]:
    lines: list[str] = []
    ids: dict[tuple[str, str], int] = {}
    hyper_lines: dict[int, list[int]] = {}

    def number(pos: str, offset: str) -> int:
        return ids.setdefault((pos, offset), len(ids))

    for name, pos in POS.items():
        hypernyms, proper = read_data(wordnet / f"data.{name}", pos)
        index = read_index(wordnet / f"index.{name}")
        kept: set[str] = set()
        for lemma in sorted(index):
            offsets = [o for o in index[lemma] if not proper.get(o, True)][:SENSES]
            if not offsets:
                continue
            lines.append(f"L\t{pos}\t{lemma}\t{','.join(str(number(pos, o)) for o in offsets)}")
            kept.update(offsets)
        stack = sorted(kept)
        seen: set[str] = set()
        while stack:  # every ancestor of a kept synset, so chains are whole
            offset = stack.pop()
            if offset in seen:
                continue
            seen.add(offset)
            parents = hypernyms.get(offset, [])
            if parents:
                hyper_lines[number(pos, offset)] = [number(pos, p) for p in parents]
            stack.extend(parents)
    lines += [f"H\t{i}\t{','.join(map(str, hyper_lines[i]))}" for i in sorted(hyper_lines)]
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--wordnet", type=Path, default=Path("/usr/share/wordnet"),
                        help="WordNet 3.0 dict folder (Debian: apt-get install wordnet-base)")
    parser.add_argument("--out", type=Path, default=LEXICON_PATH)
    args = parser.parse_args(argv)
    if not (args.wordnet / "data.noun").is_file():
        parser.error(f"{args.wordnet}: no WordNet data.noun here (apt-get install wordnet-base)")
    lines = build(args.wordnet)
    text = LICENCE + "\n".join(lines) + "\n"
    args.out.parent.mkdir(parents=True, exist_ok=True)
    with args.out.open("wb") as raw, gzip.GzipFile("", "wb", fileobj=raw, mtime=0) as fh:
        fh.write(text.encode("utf-8"))  # no name, mtime 0: the same bytes on every build
    print(f"wrote {args.out}: {sum(1 for x in lines if x[0] == 'L')} lemmas, "
          f"{sum(1 for x in lines if x[0] == 'H')} synsets with hypernyms, {args.out.stat().st_size:,} bytes")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
