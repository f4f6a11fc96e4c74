"""A learned sequence tagger for attribution roles (cue, source, content).

PolNeAR is univocal: every token has at most one role, so its annotation is a tag
sequence (BIO tags ``B-Cue``, ``I-Cue``, ``B-Source``, ..., ``O``). A linear-chain CRF
(python-crfsuite) trained on PolNeAR *train* (``scripts/train_attribution_crf.py``)
tags a whole parsed article; its features come from the parse: the word, lemma,
part of speech and dependency of a token and its neighbours, its head's lemma and
relation, the lexicon frame (``cues.py``) of the token with its relation and of its head, the nearest
ancestor with a frame and the relation under which the token hangs from it (the
subject of *said*, inside the clause of *believes*), whether it is quoted, and
where it sits in its sentence. The weights ship as
``wiretrail/models/attribution_crf.crfsuite``; without that file (or the
``pycrfsuite`` package) ``load_tagger`` returns None and the rules work alone.

>>> tag_spans(["O", "B-Cue", "I-Cue", "B-Source", "O", "I-Content"])
[('Cue', 1, 3), ('Source', 3, 4), ('Content', 5, 6)]
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from spacy.attrs import DEP, ENT_TYPE, HEAD, LEMMA, LOWER, POS, SENT_START, TAG
from spacy.tokens import Doc

from wiretrail.extract.cues import frame_of

log = logging.getLogger(__name__)

MODEL_FILE = "attribution_crf.crfsuite"
ROLES = ("Cue", "Source", "Content")
_KID_DEPS = frozenset(("ccomp", "xcomp", "dobj", "nsubj", "prep", "agent", "dative", "poss"))


def _frame(tok: Token) -> str:
    if tok.lower_ == "according":
        return "according"
    if tok.text == ":":
        return "colon"
    return frame_of(tok.lemma_, tok.pos_) or "-"


def _bucket(n: int) -> str:
    return str(n) if n < 4 else ("4-7" if n < 8 else "8+")


def doc_features(doc: Doc, quoted: list[bool]) -> list[list[str]]:
    """One list of string features per token of ``doc`` (``quoted``: whether each token is inside a quotation).

    Read from ``Doc.to_array`` columns once (attribute access per token is slow):
    these features are built for every word of every article, so templates that carried
    little weight (the frames two words away, the quote state of the sentence and of the
    word before, the head's frame alone) were dropped: tagging is about a quarter faster
    and overlap F1 within 0.002 on the train held-out tenth.
    """
    n = len(doc)
    if not n:
        return []
    arr = doc.to_array([LOWER, LEMMA, POS, TAG, DEP, ENT_TYPE])
    rel = doc.to_array([HEAD]).astype("int64").ravel().tolist()  # head offsets, negative to the left
    starts = doc.to_array([SENT_START]).ravel().tolist()
    strings = doc.vocab.strings
    names = {int(k): strings[int(k)] for k in set(arr.ravel().tolist()) - {0}}
    names[0] = ""
    low, lem, pos, tag, dep, ent = ([names[k] for k in col] for col in arr.T.tolist())
    lem = [x.lower() for x in lem]
    ent = [x or "-" for x in ent]
    head = [i + r for i, r in enumerate(rel)]
    w_ = ["w=" + x for x in low]
    frames = []
    for i in range(n):
        if low[i] == "according":
            frames.append("according")
        elif low[i] == ":":
            frames.append("colon")
        else:
            frames.append(frame_of(lem[i], pos[i]) or "-")
    kids: list[set[str]] = [set() for _ in range(n)]
    for i in range(n):
        if head[i] != i:
            kids[head[i]].add(dep[i])
    # nearest ancestor with a frame: (frame, relation leaving it, hops), memoised down the tree
    anchor: list[tuple[str, str, int] | None] = [None] * n

    def anc(i: int) -> tuple[str, str, int]:
        path = []
        j = i
        while anchor[j] is None:
            h = head[j]
            if h == j:
                anchor[j] = ("-", "-", 0)
                break
            if frames[h] != "-":
                anchor[j] = (frames[h], dep[j], 1)
                break
            path.append(j)
            j = h
        for k in reversed(path):  # k's head is the next element up, already settled
            a = anchor[head[k]]
            anchor[k] = ("-", "-", 0) if a[0] == "-" or a[2] >= 6 else (a[0], a[1], a[2] + 1)
        return anchor[i]

    # sentences as doc.sents gives them, from the SENT_START column (cheaper than Span objects)
    firsts = [0] + [i for i in range(1, n) if starts[i] == 1]
    bucket = [_bucket(k) for k in range(8)]
    out: list[list[str]] = []
    for s0, s1 in zip(firsts, firsts[1:] + [n]):
        framed = [j for j in range(s0, s1) if frames[j] not in ("-", "noun")]
        fi = 0
        for i in range(s0, s1):
            h = head[i]
            fr = frames[i]
            afr, adep, hops = anc(i)
            d = dep[i]
            ks = kids[i]
            a_key = afr + "|" + adep
            f = [
                w_[i],
                "l=" + lem[i],
                "p=" + pos[i],
                "t=" + tag[i],
                "d=" + d,
                "fr_d=" + fr + "|" + d,
                "hl=" + (lem[h] if h != i else "<root>"),
                "hd=" + dep[h],
                "d_hfr=" + d + "|" + frames[h],
                "anc=" + a_key,
                "anc_h=" + a_key + "|" + (bucket[hops] if hops < 8 else "8+"),
                "q=1" if quoted[i] else "q=0",
                "sp=" + (bucket[i - s0] if i - s0 < 8 else "8+") + "|" + (bucket[s1 - 1 - i] if s1 - 1 - i < 8 else "8+"),
                "ent=" + ent[i],
                "p-1=" + pos[i - 1] if i > s0 else "p-1=<s>",
                "p+1=" + pos[i + 1] if i + 1 < s1 else "p+1=<s>",
                "w-1=" + low[i - 1] if i > s0 else "w-1=<s>",
                "w+1=" + low[i + 1] if i + 1 < s1 else "w+1=<s>",
            ]
            # the nearest verb-like cue of the lexicon in the sentence: side and distance
            while fi + 1 < len(framed) and abs(framed[fi + 1] - i) < abs(framed[fi] - i):
                fi += 1
            if not framed:
                f.append("near=none")
            else:
                near = framed[fi]
                f.append("near=%s|%s|%s" % (frames[near], "L" if near < i else ("R" if near > i else "0"), _bucket(abs(near - i))))
            f.append("anc_l=" + (lem[h] if afr != "-" and hops == 1 else afr) + "|" + adep)
            f += ["k=" + k for k in ks if k in _KID_DEPS]
            if i == s0:
                f.append("BOS")
            if i == s1 - 1:
                f.append("EOS")
            if low[i] == "according" and i + 1 < n and low[i + 1] == "to":
                f.append("according_to")
            out.append(f)
    return out


def tag_spans(tags: list[str]) -> list[tuple[str, int, int]]:
    """Contiguous runs of one role in a BIO tag sequence, as (role, start, end) token ranges.

    An ``I-`` tag after ``O`` or another role starts a run (the tagger's slips are kept).
    """
    out: list[tuple[str, int, int]] = []
    cur: tuple[str, int] | None = None
    for i, t in enumerate(tags + ["O"]):
        role = t[2:] if t != "O" else None
        if cur is not None and (role != cur[0] or t.startswith("B-")):
            out.append((cur[0], cur[1], i))
            cur = None
        if role is not None and cur is None:
            cur = (role, i)
    return out


@dataclass(frozen=True)
class Tagged:
    """The tagger's output for one Doc: role runs, and the probability of being (part of) a cue of
    the tokens asked for."""

    spans: list[tuple[str, int, int]]
    cue_prob: dict[int, float]


class CrfTagger:
    """A loaded crfsuite model."""

    def __init__(self, path: str) -> None:
        import pycrfsuite

        self._tagger = pycrfsuite.Tagger()
        self._tagger.open(path)
        self._cue_labels = [lab for lab in ("B-Cue", "I-Cue") if lab in set(self._tagger.labels())]

    def tag(self, doc: Doc, quoted: list[bool], wanted: Iterable[int] | None = None) -> Tagged:
        """Tag ``doc``; cue probabilities for the token indices ``wanted`` (all tokens when None)
        and for every token of a tagged cue run."""
        if not len(doc):
            return Tagged([], {})
        spans = tag_spans(self._tagger.tag(doc_features(doc, quoted)))
        ask = set(range(len(doc))) if wanted is None else set(wanted)
        for role, a, b in spans:
            if role == "Cue":
                ask.update(range(a, b))
        marginal = self._tagger.marginal
        probs = {i: sum(marginal(lab, i) for lab in self._cue_labels) for i in sorted(ask)}
        return Tagged(spans, probs)


@lru_cache(maxsize=1)
def load_tagger() -> CrfTagger | None:
    """The shipped tagger, or None when the model file or ``pycrfsuite`` is missing."""
    try:
        ref = resources.files("wiretrail").joinpath("models", MODEL_FILE)
        with resources.as_file(ref) as path:
            if not path.is_file():
                log.warning("attribution tagger %s not found; rules only", MODEL_FILE)
                return None
            return CrfTagger(str(path))
    except ImportError as exc:
        log.warning("pycrfsuite not installed (%s); attribution rules only", exc)
        return None
