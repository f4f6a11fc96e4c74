"""ACLED event type and sub-type of a short event description, by a small linear model.

The model is a tf-idf bag of word uni- and bi-grams with a multinomial logistic
regression over ACLED *sub-event types*; the event type follows from the
sub-type (ACLED's hierarchy is fixed). It is trained by
``scripts/train_events.py`` on the train part of an ACLED export and shipped as
``wiretrail/models/events_subtype.npz`` (plain arrays, no pickle).

Features never carry names: capitalised words inside a sentence (places,
actors, countries) become ``<name>``, acronyms ``<acr>`` (a small list of
weapon and role acronyms such as IED and RPG is kept), digits ``0``. The model
learns what happened ("shelled", "protest", "abducted"), not where or by whom,
so it transfers to other countries and dates.

>>> featurise("On 5 May 2020, Taliban militants attacked an Afghan convoy in Logar.")
['taliban', 'militants', 'attacked', 'an', '<name>', 'convoy', 'in', '<name>']
>>> featurise("On 5 May 2020, Taliban militants attacked a convoy.", lexicon={"militants"})[:2]
['<name>', 'militants']
>>> classify(["Protesters gathered outside parliament."])[0][:2]  # doctest: +SKIP
('Protests', 'Peaceful protest')
"""

from __future__ import annotations

import logging
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np

from wiretrail.extract.event_rules import DECISIVE, rule_hits, rule_subtype

log = logging.getLogger(__name__)

MODEL_PATH = Path(__file__).resolve().parent.parent / "models" / "events_subtype.npz"

# ACLED's hierarchy: sub-event type -> event type
SUBTYPES: dict[str, str] = {
    "Armed clash": "Battles",
    "Government regains territory": "Battles",
    "Non-state actor overtakes territory": "Battles",
    "Air/drone strike": "Explosions/Remote violence",
    "Shelling/artillery/missile attack": "Explosions/Remote violence",
    "Remote explosive/landmine/IED": "Explosions/Remote violence",
    "Suicide bomb": "Explosions/Remote violence",
    "Grenade": "Explosions/Remote violence",
    "Chemical weapon": "Explosions/Remote violence",
    "Attack": "Violence against civilians",
    "Abduction/forced disappearance": "Violence against civilians",
    "Sexual violence": "Violence against civilians",
    "Peaceful protest": "Protests",
    "Protest with intervention": "Protests",
    "Excessive force against protesters": "Protests",
    "Violent demonstration": "Riots",
    "Mob violence": "Riots",
    "Agreement": "Strategic developments",
    "Arrests": "Strategic developments",
    "Change to group/activity": "Strategic developments",
    "Disrupted weapons use": "Strategic developments",
    "Headquarters or base established": "Strategic developments",
    "Looting/property destruction": "Strategic developments",
    "Non-violent transfer of territory": "Strategic developments",
    "Other": "Strategic developments",
}
EVENT_TYPES: tuple[str, ...] = tuple(dict.fromkeys(SUBTYPES.values()))

# acronyms that name a weapon or a kind of event, not a party: kept as words
KEPT_ACRONYMS = frozenset(
    {"IED", "IEDS", "VBIED", "RPG", "RPGS", "UAV", "UAVS", "AK", "SVBIED", "PBIED", "ATGM", "MLRS"}
)

_DATE_LEAD = re.compile(
    r"^\s*(?P<label>[A-Z][a-z]+(?: [a-z]+)*:\s*)?(?:On|Around|Between|During|As of|Sometime)\b[^,]{0,80}?\d{4}"
    r"(?:\s*\([^)]*\))?,?\s*"
)
_TOKEN = re.compile(r"[A-Za-z][A-Za-z'\-]*|\d+(?:[.,]\d+)*|[:\[\]]")
_SENT_END = re.compile(r"[.!?]\s+")


def featurise(text: str, lexicon: frozenset[str] | set[str] | None = None) -> list[str]:
    """Tokens of an event description with names masked (see the module docstring).

    A capitalised word opening a sentence is kept (lower-cased) only when it is
    in ``lexicon`` (words seen in lower case inside sentences), else masked.
    """
    # "Movement of forces: On 5 May 2020, ..." -> "Movement of forces: ..." (ACLED's labels are cues)
    text = _DATE_LEAD.sub(lambda m: m.group("label") or "", text, count=1)
    out: list[str] = []
    starts = {0} | {m.end() for m in _SENT_END.finditer(text)}
    for m in _TOKEN.finditer(text):
        tok = m.group()
        if tok[0].isdigit():
            out.append("0")
        elif tok in ":[]":
            continue
        elif tok.isupper() and len(tok) > 1:
            out.append(tok.lower() if tok.rstrip("S") in KEPT_ACRONYMS or tok in KEPT_ACRONYMS else "<acr>")
        elif tok[0].isupper() and (
            m.start() not in starts or (lexicon is not None and tok.lower() not in lexicon)
        ):
            out.append("<name>")
        else:
            out.append(tok.lower())
    return out


def ngrams(tokens: Sequence[str]) -> list[str]:
    """Uni- and bi-grams of a token list."""
    grams = list(tokens)
    grams.extend(f"{a} {b}" for a, b in zip(tokens, tokens[1:]))
    return grams


def features(text: str, lexicon: frozenset[str] | set[str] | None = None) -> list[str]:
    """The model's features: n-grams of :func:`featurise` plus one ``<cue:...>`` per rule cue."""
    return ngrams(featurise(text, lexicon)) + [f"<cue:{sub}>" for sub in rule_hits(text)]


@dataclass(frozen=True, eq=False)
class SubtypeModel:
    """A tf-idf + linear model over :func:`ngrams` of :func:`featurise`."""

    vocabulary: dict[str, int]
    idf: np.ndarray
    coef: np.ndarray  # classes x features
    intercept: np.ndarray
    classes: tuple[str, ...]

    @property
    def lexicon(self) -> frozenset[str]:
        return _lexicon(self)

    def vectorise(self, texts: Sequence[str]) -> np.ndarray:
        x = np.zeros((len(texts), len(self.vocabulary)), dtype=np.float32)
        for row, text in enumerate(texts):
            counts = Counter(g for g in features(text, self.lexicon) if g in self.vocabulary)
            for gram, n in counts.items():
                x[row, self.vocabulary[gram]] = 1.0 + np.log(n)
        x *= self.idf
        norms = np.linalg.norm(x, axis=1, keepdims=True)
        norms[norms == 0] = 1.0
        return x / norms

    def probabilities(self, texts: Sequence[str]) -> np.ndarray:
        scores = self.vectorise(texts) @ self.coef.T + self.intercept
        scores -= scores.max(axis=1, keepdims=True)
        e = np.exp(scores)
        return e / e.sum(axis=1, keepdims=True)

    def save(self, path: Path) -> None:
        words = sorted(self.vocabulary, key=self.vocabulary.__getitem__)
        np.savez_compressed(
            path,
            vocabulary=np.array(words),
            idf=self.idf.astype(np.float32),
            coef=self.coef.astype(np.float16),
            intercept=self.intercept.astype(np.float32),
            classes=np.array(self.classes),
        )


@lru_cache(maxsize=4)
def _lexicon(model: SubtypeModel) -> frozenset[str]:
    return frozenset(w for w in model.vocabulary if " " not in w and not w.startswith("<"))


@lru_cache(maxsize=2)
def load_model(path: Path = MODEL_PATH) -> SubtypeModel:
    """Load the shipped sub-type model (cached)."""
    if not path.is_file():
        raise FileNotFoundError(f"{path}: event model missing; run scripts/train_events.py")
    with np.load(path, allow_pickle=False) as data:
        words = [str(w) for w in data["vocabulary"]]
        return SubtypeModel(
            vocabulary={w: i for i, w in enumerate(words)},
            idf=data["idf"].astype(np.float32),
            coef=data["coef"].astype(np.float32),
            intercept=data["intercept"].astype(np.float32),
            classes=tuple(str(c) for c in data["classes"]),
        )


def classify(texts: Sequence[str], model: SubtypeModel | None = None) -> list[tuple[str, str, float]]:
    """(event type, sub-event type, probability) for each text.

    >>> classify(["Militants abducted two civilians."])[0][0]  # doctest: +SKIP
    'Violence against civilians'
    """
    if not texts:
        return []
    model = model or load_model()
    probs = model.probabilities(texts)
    out: list[tuple[str, str, float]] = []
    for row in probs:
        best = int(row.argmax())
        sub = model.classes[best]
        out.append((SUBTYPES.get(sub, "Strategic developments"), sub, float(row[best])))
    return out


_GOVERNMENT = re.compile(
    r"\b(?:army|armed forces|military|troops|soldiers|government|regime|security forces|police|"
    r"gendarm\w*|pro-government|national guard|forces of)\b",
    re.I,
)
_RETURN_FIRE = re.compile(
    r"\b(?:gunfire|opened fire|returned fire|responded|reacted|clash\w*|shoot-?out|exchange of fire|before opening fire)\b", re.I
)
_VIOLENCE = re.compile(r"\b(?:clash\w*|fight\w*|attack\w*|kill\w*|battle\w*|offensive|shell\w*|fire)\b", re.I)


def code_types(texts: Sequence[str], model: SubtypeModel | None = None) -> list[tuple[str, str, float, str]]:
    """(event type, sub-type, confidence, reason): the learned model, overruled by a decisive cue.

    Territory cues are split by who moves: government forces -> "Government regains
    territory", others -> "Non-state actor overtakes territory", and a take-over with no
    fighting words -> "Non-violent transfer of territory".

    >>> code_types(["Militants threw a grenade at police."])[0][1]  # doctest: +SKIP
    'Grenade'
    """
    out: list[tuple[str, str, float, str]] = []
    for text, (etype, sub, p) in zip(texts, classify(texts, model)):
        reason = f"model p={p:.2f}"
        hit = rule_subtype(text)
        if hit and hit[0] == "Grenade" and _RETURN_FIRE.search(text):
            hit = None  # a grenade answered with gunfire is an armed clash (ACLED)
        if hit and hit[0] in DECISIVE and hit[0] != sub:
            sub, reason = hit[0], f"cue '{hit[1]}'"
            if sub in ("Government regains territory", "Non-state actor overtakes territory"):
                head = text[: text.lower().find(hit[1])] if hit[1] in text.lower() else text
                head = _DATE_LEAD.sub("", head)
                if _GOVERNMENT.search(head) and not re.search(r"\b(?:rebels?|militants?|insurgents?)\b", head, re.I):
                    sub = "Government regains territory"
                elif sub == "Non-state actor overtakes territory" and not _VIOLENCE.search(text):
                    sub = "Non-violent transfer of territory"
                else:
                    sub = "Non-state actor overtakes territory"
            etype, p = SUBTYPES[sub], max(p, 0.6)
        out.append((etype, sub, p, reason))
    return out
