"""Copies between articles: syndicated, partial, and shared quotes.

Pure functions; the store keeps the signatures and answers candidate look-ups.

- Word 5-gram shingles, hashed to 64 bits.
- A MinHash signature (datasketch) banded for LSH: near-duplicates (Jaccard).
- Winnowing fingerprints (a window minimum over shingle hashes): any passage of
  ``WINDOW + K - 1`` words shared by two articles shares a fingerprint, so partial
  copies are found by *containment*, not only by Jaccard.
- Direction: credit lines, then publication time, then which text contains which.

>>> a = "Rebels took the airport on Saturday after a day of heavy fighting in the north of the city."
>>> b = a + " The army said it would strike back within days, officials said."
>>> round(containment(shingles(a), shingles(b)), 2)
1.0
"""

from __future__ import annotations

import hashlib
import re
import struct
from collections.abc import Sequence, Set
from dataclasses import dataclass

import numpy as np
from datasketch import MinHash

from wiretrail.model import Article, Copy

K = 5  # words per shingle
NUM_PERM = 128
BANDS = 32  # 32 bands x 4 rows: candidate pairs from Jaccard ~0.4 up
ROWS = NUM_PERM // BANDS
WINDOW = 8  # winnowing window: any shared run of WINDOW + K - 1 = 12 words is seen

SYNDICATED = 0.8  # share of the copy's shingles found in the original
PARTIAL = 0.2
MIN_SHARED = 8  # shingles shared before anything is called a copy

_WORD = re.compile(r"\w+", re.UNICODE)


def words(text: str) -> list[str]:
    return [w.lower() for w in _WORD.findall(text)]


def _h64(s: str) -> int:
    # signed 64-bit so it fits a BIGINT column
    return struct.unpack("<q", hashlib.blake2b(s.encode("utf-8"), digest_size=8).digest())[0]


def shingles(text: str, k: int = K) -> list[int]:
    """Hashes of the word k-grams of ``text``, in order (duplicates kept)."""
    w = words(text)
    if len(w) < k:
        return [_h64(" ".join(w))] if w else []
    return [_h64(" ".join(w[i : i + k])) for i in range(len(w) - k + 1)]


def signature(shingle_hashes: Sequence[int], num_perm: int = NUM_PERM) -> np.ndarray:
    """MinHash signature of a set of shingle hashes."""
    mh = MinHash(num_perm=num_perm, seed=1)
    if shingle_hashes:
        mh.update_batch([struct.pack("<q", h) for h in set(shingle_hashes)])
    return mh.hashvalues


def signature_bytes(sig: np.ndarray) -> bytes:
    return np.asarray(sig, dtype=np.uint64).tobytes()


def bands(sig: np.ndarray, n_bands: int = BANDS) -> list[tuple[int, int]]:
    """LSH band keys (band index, 64-bit hash of the band's rows)."""
    rows = len(sig) // n_bands
    out = []
    for b in range(n_bands):
        chunk = np.asarray(sig[b * rows : (b + 1) * rows], dtype=np.uint64).tobytes()
        out.append((b, struct.unpack("<q", hashlib.blake2b(chunk, digest_size=8).digest())[0]))
    return out


def winnow(shingle_hashes: Sequence[int], window: int = WINDOW) -> set[int]:
    """Winnowing fingerprints: the minimum hash of every window of shingles."""
    n = len(shingle_hashes)
    if n == 0:
        return set()
    if n <= window:
        return {min(shingle_hashes)}
    return {min(shingle_hashes[i : i + window]) for i in range(n - window + 1)}


def containment(a: Sequence[int] | set[int], b: Sequence[int] | set[int]) -> float:
    """Share of ``a``'s shingles that also occur in ``b``."""
    sa, sb = set(a), set(b)
    return len(sa & sb) / len(sa) if sa else 0.0


@dataclass(frozen=True)
class Overlap:
    shared: int
    a_in_b: float  # share of a found in b
    b_in_a: float
    jaccard: float


def overlap(a_text: str, b_text: str) -> Overlap:
    return overlap_sets(set(shingles(a_text)), set(shingles(b_text)))


def overlap_sets(sa: Set[int], sb: Set[int]) -> Overlap:
    """The overlap of two shingle sets (as :func:`overlap` gives for two texts)."""
    shared = len(sa & sb)
    union = len(sa | sb) or 1
    return Overlap(
        shared,
        shared / len(sa) if sa else 0.0,
        shared / len(sb) if sb else 0.0,
        shared / union,
    )


def _credits_name(article: Article, other: Article) -> str:
    names = {c.lower() for c in article.credits}
    for candidate in (other.outlet, other.outlet_domain):
        if candidate and candidate.lower() in names:
            return candidate
    return ""


def judge_copy(a: Article, b: Article, ov: Overlap | None = None) -> Copy | None:
    """Decide whether one of two articles copies the other, and which way.

    Returns a ``Copy`` whose ``copy`` field is the later / crediting / containing
    article, or None when they share too little.
    """
    ov = ov or overlap(a.text, b.text)
    if ov.shared < MIN_SHARED:
        return None
    evidence: list[str] = []
    # which way? 1. credit lines
    if _credits_name(a, b):
        copy, orig, why = a, b, f"{a.outlet or a.id} credits {_credits_name(a, b)}"
    elif _credits_name(b, a):
        copy, orig, why = b, a, f"{b.outlet or b.id} credits {_credits_name(b, a)}"
    # 2. publication time, when both are known and differ
    elif a.published and b.published and a.published[:16] != b.published[:16]:
        copy, orig = (a, b) if a.published > b.published else (b, a)
        why = f"published later ({copy.published} after {orig.published})"
    # 3. the text that contains the other whole is the one that added to it
    elif ov.b_in_a > ov.a_in_b + 0.05:
        copy, orig, why = a, b, "contains the other text whole and adds to it"
    elif ov.a_in_b > ov.b_in_a + 0.05:
        copy, orig, why = b, a, "contains the other text whole and adds to it"
    else:  # indistinguishable: the one stored first is the original
        copy, orig, why = b, a, "same text; the later-added article is taken as the copy"
    evidence.append(why)
    share = ov.a_in_b if copy is a else ov.b_in_a
    orig_share = ov.b_in_a if copy is a else ov.a_in_b
    if share >= SYNDICATED or orig_share >= SYNDICATED:
        kind = "syndicated"
    elif share >= PARTIAL or orig_share >= PARTIAL or ov.shared >= 40:
        kind = "partial"
    else:
        kind = "quotes"
    evidence.append(
        f"{ov.shared} shared 5-word passages: {share:.0%} of the copy, {orig_share:.0%} of the original"
    )
    return Copy(
        copy=copy.id,
        original=orig.id,
        share=round(share, 4),
        kind=kind,
        jaccard=round(ov.jaccard, 4),
        evidence=tuple(evidence),
    )


WIRE_CUES = re.compile(
    r"\btold (?P<a>Reuters|AFP|the Associated Press|AP|Agence France-Presse|Anadolu(?: Agency)?|dpa|Xinhua|TASS)\b"
    r"|^\s*[A-Z][A-Za-z .,'-]{1,60}\((?P<b>Reuters|AFP|AP|dpa|Xinhua|TASS|Anadolu)\)\s*[-–—]"
    r"|\b(?P<c>Reuters|AFP|the Associated Press|Associated Press|Agence France-Presse) contributed to this report",
    re.MULTILINE,
)


def same_outlet(a: str, b: str) -> bool:
    """Two outlet names for one outlet ("Lodestar" and "Lodestar Press", "The Jerusalem Post" and "Jerusalem Post").

    >>> same_outlet("Lodestar", "Lodestar Press"), same_outlet("Reuters", "Lodestar Press")
    (True, False)
    """
    stop = {"the", "press", "news", "agency", "daily", "online", "newspaper"}
    ta = {w for w in words(a) if w not in stop}
    tb = {w for w in words(b) if w not in stop}
    return bool(ta and tb) and (ta <= tb or tb <= ta)


def credited_sources(article: Article, wire_names: dict[str, str] | None = None) -> list[Copy]:
    """Copies of outlets that are not in the corpus, told from the text itself.

    A credit line ("JPost", "Source From: Sozcu") marks the whole text as carried
    from that outlet; a wire cue ("told Reuters", "(Reuters) -", "Reuters
    contributed to this report") marks the paragraphs that carry it as wire copy.
    The original is named ``outlet:<Name>``.
    """
    found: list[Copy] = []
    wire_names = wire_names or {}
    for credit in article.credits:
        if credit and not same_outlet(credit, article.outlet):
            found.append(
                Copy(
                    copy=article.id,
                    original=f"outlet:{credit}",
                    share=1.0,
                    kind="syndicated",
                    evidence=(f"credit line names {credit}",),
                )
            )
    paras = article.paragraphs or ((0, len(article.text)),)
    wire_paras: dict[str, list[int]] = {}
    for i, (s, e) in enumerate(paras):
        for m in WIRE_CUES.finditer(article.text[s:e]):
            name = m.group("a") or m.group("b") or m.group("c")
            name = wire_names.get(name.lower(), name)
            wire_paras.setdefault(name, []).append(i)
    total = sum(e - s for s, e in paras) or 1
    for name, idx in wire_paras.items():
        if same_outlet(name, article.outlet) or any(same_outlet(c.original[7:], name) for c in found):
            continue
        chars = sum(paras[i][1] - paras[i][0] for i in set(idx))
        found.append(
            Copy(
                copy=article.id,
                original=f"outlet:{name}",
                share=round(chars / total, 4),
                kind="partial",
                evidence=tuple(
                    f"wire cue in paragraph {i + 1}: {article.text[paras[i][0]:paras[i][1]][:80]!r}"
                    for i in sorted(set(idx))[:3]
                ),
            )
        )
    return found
