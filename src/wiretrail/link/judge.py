"""Do two news sentences make the same claim, contradict each other, or neither?

Embeddings alone cannot tell "18 killed" from "31 killed", "captured" from "did
not capture", or Tara Reid's rehab from Lindsay Lohan's. The judge reads both
sentences' structure (``judge_features``: predicates, subjects, objects, names by
kind, numbers and what they count, negation, opposite verbs), adds the MiniLM
cosine, and weighs them with a small multinomial logistic model trained by
``scripts/train_judge.py`` (weights: ``models/judge.json``).

>>> judge = Judge.load()                                                # doctest: +SKIP
>>> j = judge.pair("Rebels killed 18 soldiers in Aleppo on Sunday.",
...                "Rebels killed 31 soldiers in Aleppo on Sunday.")    # doctest: +SKIP
>>> j.label, j.reasons[0]                                               # doctest: +SKIP
('contradicts', 'numbers differ: 18 vs 31 killed')
"""

from __future__ import annotations

import json
import logging
from collections import OrderedDict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
from spacy.tokens import Doc, Span

from wiretrail.link.judge_features import (
    FEATURES,
    SentenceFacts,
    has_conflict,
    one_line,
    pair_features,
    pair_reasons,
    mood_mismatch,
    role_conflicts,
    sentence_facts,
)

log = logging.getLogger(__name__)

MODEL_PATH = Path(__file__).resolve().parent.parent / "models" / "judge.json"
CLASSES = ("none", "same", "contradicts")


class JudgeError(RuntimeError):
    """The judge's weights are missing or malformed (the message names the file)."""


@dataclass(frozen=True)
class Judgement:
    """The verdict on one pair: ``label`` is "same", "contradicts" or None.

    ``p_same`` + ``p_contra`` = ``p_related``, the chance the two sentences speak
    of one claim; ``p_contra`` is the part of it where they disagree.
    """

    label: str | None
    p_same: float
    p_contra: float
    reasons: tuple[str, ...] = ()
    p_related: float = 0.0
    distinct: bool = False  # one act told with different named participants: two facts, never one claim


@dataclass(frozen=True)
class LinearModel:
    """Two standardised logistic heads, as stored in ``judge.json``.

    ``related``: do the sentences make one claim (same or opposite)?
    ``contradicts``: given they do, do they disagree (negation, figures, opposite verbs)?
    """

    features: tuple[str, ...]
    mean: np.ndarray
    scale: np.ndarray
    coef: np.ndarray  # (2, features): rows related, contradicts
    intercept: np.ndarray  # (2,)
    threshold_same: float
    threshold_contra: float
    meta: dict[str, Any]
    classes: tuple[str, ...] = CLASSES

    def probabilities(self, rows: np.ndarray) -> np.ndarray:
        """Per row: (p_related, p_contradicts_given_related)."""
        z = (rows - self.mean) / self.scale
        return 1.0 / (1.0 + np.exp(-(z @ self.coef.T + self.intercept)))

    def label(self, probs: np.ndarray) -> str | None:
        """"contradicts", "same" or None for one row of ``probabilities``."""
        p_related, p_contra = float(probs[0]), float(probs[1])
        if p_related < self.threshold_same:
            return None
        return "contradicts" if p_contra >= self.threshold_contra else "same"

    def to_json(self) -> dict[str, Any]:
        return {
            "features": list(self.features),
            "mean": self.mean.tolist(),
            "scale": self.scale.tolist(),
            "heads": ["related", "contradicts"],
            "coef": self.coef.tolist(),
            "intercept": self.intercept.tolist(),
            "threshold_same": self.threshold_same,
            "threshold_contra": self.threshold_contra,
            "meta": self.meta,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any], path: Path | str = "") -> LinearModel:
        try:
            model = cls(
                features=tuple(data["features"]),
                mean=np.asarray(data["mean"], dtype=np.float64),
                scale=np.asarray(data["scale"], dtype=np.float64),
                coef=np.asarray(data["coef"], dtype=np.float64),
                intercept=np.asarray(data["intercept"], dtype=np.float64),
                threshold_same=float(data["threshold_same"]),
                threshold_contra=float(data["threshold_contra"]),
                meta=dict(data.get("meta", {})),
            )
        except (KeyError, TypeError, ValueError) as exc:
            raise JudgeError(f"{path}: malformed judge weights ({exc})") from exc
        unknown = set(model.features) - set(FEATURES)
        if unknown or model.coef.shape != (2, len(model.features)) or model.intercept.shape != (2,):
            raise JudgeError(f"{path}: weights do not fit the features ({sorted(unknown)})")
        return model


def feature_rows(feats: Sequence[dict[str, float]], names: Sequence[str]) -> np.ndarray:
    return np.array([[f[n] for n in names] for f in feats], dtype=np.float64).reshape(len(feats), len(names))


FACTS_KEPT = 20_000  # sentences whose facts a judge keeps (a few KB each)


class Judge:
    """Pair judgement: ``Judge.load()`` then ``judge.pair(a, b)``.

    The spaCy pipeline and the embedder are loaded on first use; pass your own
    to share them with the rest of a run.
    """

    def __init__(self, model: LinearModel, nlp: Any = None, embedder: Any = None) -> None:
        self.model = model
        self._nlp = nlp
        self._embedder = embedder
        # what each sentence read as: a long-lived corpus (watch, serve) judges the same old claims
        # against every new batch, and parsing them again is most of a judging run
        self._facts: OrderedDict[str, SentenceFacts] = OrderedDict()

    @classmethod
    def load(cls, path: Path | None = None, nlp: Any = None, embedder: Any = None) -> Judge:
        """Read the shipped weights (or ``path``)."""
        path = Path(path) if path else MODEL_PATH
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, json.JSONDecodeError) as exc:
            raise JudgeError(f"{path}: cannot read judge weights ({exc}); run scripts/train_judge.py") from exc
        return cls(LinearModel.from_json(data, path), nlp=nlp, embedder=embedder)

    @property
    def nlp(self) -> Any:
        if self._nlp is None:
            from wiretrail.nlp import load_nlp

            self._nlp = load_nlp()
        return self._nlp

    @property
    def embedder(self) -> Any:
        if self._embedder is None:
            from wiretrail.link.embed import Embedder

            self._embedder = Embedder()
        return self._embedder

    def facts(self, texts: Sequence[str]) -> list[SentenceFacts]:
        """Parse and read each text (one claim sentence each); texts read before are not parsed again."""
        from wiretrail.nlp import parse_many

        todo = list(dict.fromkeys(t for t in texts if t not in self._facts))
        for text, doc in zip(todo, parse_many(self.nlp, [one_line(t) for t in todo])):
            self._facts[text] = sentence_facts(doc)
        out = []
        for t in texts:
            self._facts.move_to_end(t)
            out.append(self._facts[t])
        while len(self._facts) > FACTS_KEPT:
            self._facts.popitem(last=False)
        return out

    def features(
        self,
        pairs: Sequence[tuple[str, str]],
        docs: Sequence[tuple[Doc | Span | None, Doc | Span | None]] | None = None,
        vectors: tuple[np.ndarray, np.ndarray] | None = None,
        facts: Mapping[str, SentenceFacts] | None = None,
    ) -> tuple[list[SentenceFacts], list[SentenceFacts], list[dict[str, float]]]:
        """Facts of both sides and the feature dict of every pair (batched). ``facts``: texts already
        read (by the analysis, from the article's parse), which are not parsed again."""
        if not pairs:
            return [], [], []
        texts = sorted({t for pair in pairs for t in pair})
        known: dict[str, SentenceFacts] = {t: facts[t] for t in texts if t in facts} if facts else {}
        for (a, b), (da, db) in zip(pairs, docs or ()):
            if da is not None:
                known[a] = sentence_facts(da)
            if db is not None:
                known[b] = sentence_facts(db)
        missing = [t for t in texts if t not in known]
        known.update(zip(missing, self.facts(missing)))
        if vectors is None:
            matrix = self.embedder.encode(texts)
            row = {t: i for i, t in enumerate(texts)}
            cosines = [float(matrix[row[a]] @ matrix[row[b]]) for a, b in pairs]
        else:
            cosines = [float(x) for x in np.sum(vectors[0] * vectors[1], axis=1)]
        facts_a = [known[a] for a, _ in pairs]
        facts_b = [known[b] for _, b in pairs]
        feats = [pair_features(fa, fb, c) for fa, fb, c in zip(facts_a, facts_b, cosines)]
        return facts_a, facts_b, feats

    def decide(self, fa: SentenceFacts, fb: SentenceFacts, feats: dict[str, float], probs: np.ndarray) -> Judgement:
        p_related, p_contra_given = float(probs[0]), float(probs[1])
        distinct = bool(role_conflicts(fa, fb)) or mood_mismatch(fa, fb)
        if distinct:
            # one action with different named participants ("asked Israel" / "asked Iran") is two facts:
            # neither the same claim nor a contradiction of it
            p_related = min(p_related, 0.5 * self.model.threshold_same)
        if not has_conflict(feats):
            # no checkable reason to disagree: never call it a contradiction
            p_contra_given = min(p_contra_given, 0.5 * self.model.threshold_contra)
        elif feats.get("num_conflict_same_head"):
            # two figures for one count are a dispute to show side by side, not one claim (DESIGN §5);
            # ECB+ "same event" pairs often differ in running tolls, so the model alone under-weighs it
            p_contra_given = max(p_contra_given, self.model.threshold_contra)
        return Judgement(
            label=self.model.label(np.array([p_related, p_contra_given])),
            p_same=round(p_related * (1.0 - p_contra_given), 4),
            p_contra=round(p_related * p_contra_given, 4),
            reasons=pair_reasons(fa, fb, feats),
            p_related=round(p_related, 4),
            distinct=distinct,
        )

    def pairs(
        self,
        pairs: Sequence[tuple[str, str]],
        docs: Sequence[tuple[Doc | Span | None, Doc | Span | None]] | None = None,
        vectors: tuple[np.ndarray, np.ndarray] | None = None,
        facts: Mapping[str, SentenceFacts] | None = None,
    ) -> list[Judgement]:
        """Judge many pairs at once (one parse and one embedding per distinct text). ``vectors``: the two
        sides' unit embeddings row by row, when the caller keeps them (nothing is embedded then);
        ``facts``: what texts read as, when the caller keeps that (those texts are not parsed)."""
        facts_a, facts_b, feats = self.features(pairs, docs, vectors, facts)
        if not feats:
            return []
        probs = self.model.probabilities(feature_rows(feats, self.model.features))
        return [self.decide(fa, fb, f, p) for fa, fb, f, p in zip(facts_a, facts_b, feats, probs)]

    def pair(self, a: str, b: str, doc_a: Doc | Span | None = None, doc_b: Doc | Span | None = None) -> Judgement:
        """Judge one pair; pass parsed sentences as ``doc_a`` / ``doc_b`` to skip parsing."""
        return self.pairs([(a, b)], [(doc_a, doc_b)])[0]


