"""Story grouping scored on ECB+ (DESIGN §10 ``stories``), and the ECB+ reader.

PATH is an ECB+ folder of topic sub-folders of ``.xml`` documents. Gold: the
sub-topic, i.e. the topic folder plus ``ecb`` or ``ecbplus`` in the file name
(``3_7ecbplus.xml`` → ``3/ecbplus``). All documents are grouped together by
``wiretrail.link.stories.group_stories`` and scored with B³ F1 and the
adjusted Rand index.

>>> from pathlib import Path
>>> evaluate(Path("../shared/data/coref/ecbplus/ECB+"), limit=50)   # doctest: +SKIP
{'b3_f1': ..., 'ari': ..., 'documents': 50, 'stories': ...}
"""

from __future__ import annotations

import logging
import re
import xml.etree.ElementTree as ET
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from wiretrail.evaluate import EvaluationError

log = logging.getLogger(__name__)

REFERENCES: dict[str, dict[str, float]] = {
    # No published document-clustering figure on these exact splits; the usual
    # sub-topic clustering baseline in ECB+ event-coreference papers is near-perfect
    # with gold topics, so we print none rather than invent one.
}

_NAME = re.compile(r"^(\d+)_(\d+)(ecbplus|ecb)\.xml$")
_NO_SPACE_BEFORE = {",", ".", ":", ";", "!", "?", "%", ")", "]", "}", "''", "'s", "n't", "'re",
                    "'ve", "'ll", "'d", "'m", "'", "’s"}
_NO_SPACE_AFTER = {"(", "[", "{", "``", "$", "#"}


@dataclass(frozen=True)
class EcbDocument:
    """One ECB+ document: sentences as text, and the event instances each sentence mentions."""

    name: str  # file name without .xml: "1_10ecbplus"
    topic: str
    subtopic: str  # "1/ecbplus"
    sentences: dict[int, str]
    actions: dict[int, frozenset[str]] = field(default_factory=dict)  # sentence -> event instances
    negated: dict[int, bool] = field(default_factory=dict)  # sentence mentions a NEG_ action
    participants: dict[int, frozenset[str]] = field(default_factory=dict)  # people, places, times

    @property
    def text(self) -> str:
        """Body text: sentences in order, one a line, without the URL line of ecbplus files."""
        return "\n".join(s for n, s in sorted(self.sentences.items()) if not _is_url_line(n, s))

    @property
    def title(self) -> str:
        lines = [s for n, s in sorted(self.sentences.items()) if not _is_url_line(n, s)]
        return lines[0] if lines else ""


def _is_url_line(number: int, sentence: str) -> bool:
    return number == 0 and bool(re.match(r"^(https?|www)\b", sentence.strip()))


def detokenise(tokens: Sequence[str]) -> str:
    """Join ECB+ tokens back into readable text.

    >>> detokenise(["``", "We", "won", ",", "''", "he", "said", "."])
    '"We won," he said.'
    >>> detokenise(["a", "90", "-", "day", "stay", "at", "14", ":", "00", ",", "magnitude", "3", ".", "6"])
    'a 90-day stay at 14:00, magnitude 3.6'
    """
    out: list[str] = []
    quote_open = False
    for tok in tokens:
        text = tok
        if tok == "``":
            text, quote_open = '"', True
        elif tok == "''":
            text = '"'
        glue = tok == "-" or (out and out[-1] == "-") or (
            out and tok[:1].isdigit() and out[-1] in (".", ":", ",") and len(out) >= 2 and out[-2][-1:].isdigit()
        )
        if out and not glue and tok not in _NO_SPACE_BEFORE and out[-1] not in _NO_SPACE_AFTER and not (
            out[-1] == '"' and quote_open and _just_opened(out)
        ):
            out.append(" ")
        if tok == "''":
            quote_open = False
        out.append(text if tok != "``" else '"')
    return "".join(out).replace(" \" ", " \"").strip()


def _just_opened(out: list[str]) -> bool:
    # the previous token is an opening quote when it follows a space or starts the text
    return len(out) == 1 or out[-2] == " "


def read_document(path: Path) -> EcbDocument:
    """Parse one ECB+ XML file (tokens, action mentions, cross-document event instances)."""
    match = _NAME.match(path.name)
    if not match:
        raise ValueError(f"{path}: not an ECB+ file name (expected TOPIC_NNecb[plus].xml)")
    topic, kind = match.group(1), match.group(3)
    try:
        root = ET.parse(path).getroot()
    except ET.ParseError as exc:
        raise ValueError(f"{path}: not well-formed XML ({exc})") from exc
    tokens: dict[str, tuple[int, str]] = {}
    by_sentence: dict[int, list[str]] = defaultdict(list)
    for tok in root.iter("token"):
        sent = int(tok.get("sentence", "0"))
        tokens[tok.get("t_id", "")] = (sent, tok.text or "")
        by_sentence[sent].append(tok.text or "")
    mention_sentence: dict[str, int] = {}
    mention_neg: dict[str, bool] = {}
    part_sentence: dict[str, int] = {}
    markables = root.find("Markables")
    for mark in markables if markables is not None else ():
        anchors = [a.get("t_id", "") for a in mark.iter("token_anchor")]
        if anchors and mark.tag.startswith(("HUMAN", "LOC", "TIME", "NON_HUMAN")) and anchors[0] in tokens:
            part_sentence[mark.get("m_id", "")] = tokens[anchors[0]][0]
        if not anchors or not mark.tag.startswith(("ACTION", "NEG_ACTION")):
            continue
        if mark.tag.endswith("REPORTING"):
            continue  # "said", "told": sharing one says little about sharing a claim
        first = tokens.get(anchors[0])
        if first is not None:
            mention_sentence[mark.get("m_id", "")] = first[0]
            mention_neg[mark.get("m_id", "")] = mark.tag.startswith("NEG")
    actions: dict[int, set[str]] = defaultdict(set)
    negated: dict[int, bool] = defaultdict(bool)
    parts: dict[int, set[str]] = defaultdict(set)
    relations = root.find("Relations")
    for rel in relations if relations is not None else ():
        instance = rel.get("note", "")
        if rel.tag == "INTRA_DOC_COREF":
            instance = f"{path.stem}:{rel.get('r_id', '')}"
        for src in rel.iter("source"):
            m_id = src.get("m_id", "")
            if m_id in part_sentence:
                parts[part_sentence[m_id]].add(instance)
            if m_id in mention_sentence:
                actions[mention_sentence[m_id]].add(instance)
                negated[mention_sentence[m_id]] |= mention_neg[m_id]
    return EcbDocument(
        name=path.stem,
        topic=topic,
        subtopic=f"{topic}/{kind}",
        sentences={n: detokenise(toks) for n, toks in sorted(by_sentence.items())},
        actions={n: frozenset(v) for n, v in actions.items()},
        negated=dict(negated),
        participants={n: frozenset(v) for n, v in parts.items()},
    )


def iter_documents(folder: Path, topics: Iterable[str] | None = None) -> list[EcbDocument]:
    """All documents of an ECB+ folder (topic sub-folders), optionally of some topics only."""
    folder = Path(folder)
    if not folder.is_dir():
        raise ValueError(f"{folder}: not a folder")
    if not any(_NAME.match(p.name) for p in folder.glob("*/*.xml")) and (folder / "ECB+").is_dir():
        folder = folder / "ECB+"  # the release's top folder was given
    wanted = set(topics) if topics is not None else None
    files = sorted(
        (p for p in folder.glob("*/*.xml") if _NAME.match(p.name)),
        key=lambda p: (int(_NAME.match(p.name).group(1)), p.name),  # type: ignore[union-attr]
    )
    docs: list[EcbDocument] = []
    for path in files:
        if wanted is not None and path.parent.name not in wanted:
            continue
        docs.append(read_document(path))
    return docs


_ENTITY_LABELS = frozenset({"PERSON", "ORG", "GPE", "LOC", "FAC", "NORP", "EVENT", "PRODUCT", "WORK_OF_ART"})
_YEAR = re.compile(r"\b(19[5-9]\d|20\d\d)\b")


def story_docs(docs: Sequence[EcbDocument]) -> list:
    """StoryDocs for ECB+ documents, with names found by spaCy NER (and years mentioned)."""
    from wiretrail.link.stories import StoryDoc
    from wiretrail.nlp import load_nlp, parse_many

    nlp = load_nlp(disable=("tagger", "parser", "attribute_ruler", "lemmatizer"))  # names only
    out = []
    for doc, parsed in zip(docs, parse_many(nlp, [d.text for d in docs], batch_size=16)):
        names = [e.text for e in parsed.ents if e.label_ in _ENTITY_LABELS]
        names += [m.group(1) for e in parsed.ents if e.label_ == "DATE" for m in _YEAR.finditer(e.text)]
        out.append(StoryDoc(id=doc.name, title=doc.title, text=doc.text, published="", entities=tuple(names)))
    return out


def b_cubed(gold: dict[str, str], groups: Sequence[Sequence[str]]) -> dict[str, float]:
    """B³ precision, recall and F1 of ``groups`` against gold labels per item.

    >>> round(b_cubed({"a": "x", "b": "x", "c": "y"}, [["a", "b", "c"]])["b3_f1"], 3)
    0.714
    """
    predicted = {item: i for i, group in enumerate(groups) for item in group}
    members: dict[int, set[str]] = defaultdict(set)
    classes: dict[str, set[str]] = defaultdict(set)
    for item, cls in gold.items():
        members[predicted.get(item, -hash(item))].add(item)
        classes[cls].add(item)
    precision = recall = 0.0
    for item, cls in gold.items():
        cluster = members[predicted.get(item, -hash(item))]
        overlap = len(cluster & classes[cls])
        precision += overlap / len(cluster)
        recall += overlap / len(classes[cls])
    n = len(gold) or 1
    precision, recall = precision / n, recall / n
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"b3_precision": precision, "b3_recall": recall, "b3_f1": f1}


def score_groups(gold: dict[str, str], groups: Sequence[Sequence[str]]) -> dict[str, float]:
    from sklearn.metrics import adjusted_rand_score

    predicted = {item: i for i, group in enumerate(groups) for item in group}
    items = sorted(gold)
    scores = b_cubed(gold, groups)
    scores["ari"] = float(adjusted_rand_score([gold[i] for i in items], [predicted.get(i, -1 - k) for k, i in enumerate(items)]))
    return scores


def _load(path: Path, limit: int | None, topics: Iterable[str] | None = None) -> list[EcbDocument]:
    try:
        docs = iter_documents(path, topics)
    except ValueError as exc:
        raise EvaluationError(str(exc)) from exc
    if not docs:
        raise EvaluationError(f"{path}: no ECB+ documents (expected TOPIC/TOPIC_NNecb[plus].xml)")
    if limit is not None:
        docs = docs[:limit]
    return docs


def evaluate(path: Path, limit: int | None = None) -> dict[str, float]:
    """Group every document of the folder into stories; B³ F1 and ARI against sub-topics."""
    from wiretrail.link.stories import group_stories

    docs = _load(Path(path), limit)
    gold = {d.name: d.subtopic for d in docs}
    groups = group_stories(story_docs(docs))
    scores = score_groups(gold, groups)
    return {"b3_f1": scores["b3_f1"], "ari": scores["ari"], "b3_precision": scores["b3_precision"],
            "b3_recall": scores["b3_recall"], "documents": len(docs), "stories": len(groups)}


def tune(path: Path, topics: Iterable[str]) -> list[tuple[float, dict[str, float]]]:
    """Grid-search story weights on some topics (the training ones); best first.

    ``python -m wiretrail.evaluate.stories DIR`` runs it on ECB+ topics 1–20.
    """
    import dataclasses

    import numpy as np

    from wiretrail.link.stories import DEFAULT_WEIGHTS, _entity_sets, _entity_similarity, _tfidf_similarity, cluster
    from wiretrail.link.embed import Embedder

    docs = _load(Path(path), None, topics)
    gold = {d.name: d.subtopic for d in docs}
    sdocs = story_docs(docs)
    parts = {"tfidf": _tfidf_similarity(sdocs), "entities": _entity_similarity(_entity_sets(sdocs))}
    vectors = Embedder().encode([f"{d.title}. {d.text[: DEFAULT_WEIGHTS.lead_chars]}" for d in sdocs])
    parts["embedding"] = np.clip(vectors @ vectors.T, 0.0, 1.0)
    results = []
    grid = np.arange(0.0, 1.01, 0.1)
    for wt in grid:
        for we in grid:
            wm = 1.0 - wt - we
            if wm < -1e-9:
                continue
            sim = wt * parts["tfidf"] + we * parts["entities"] + wm * parts["embedding"]
            np.fill_diagonal(sim, 1.0)
            for threshold in np.arange(0.1, 0.71, 0.025):
                groups = [[sdocs[i].id for i in g] for g in cluster(sim, float(threshold))]
                s = score_groups(gold, groups)
                weights = dataclasses.replace(DEFAULT_WEIGHTS, tfidf=round(float(wt), 2), entities=round(float(we), 2),
                                              embedding=round(float(wm), 2), threshold=round(float(threshold), 3))
                results.append((s["b3_f1"], {**s, **{k: getattr(weights, k) for k in ("tfidf", "entities", "embedding", "threshold")}}))
    results.sort(key=lambda r: -r[0])
    return results


if __name__ == "__main__":  # pragma: no cover - tuning aid
    import json
    import sys

    logging.basicConfig(level=logging.INFO)
    for score, row in tune(Path(sys.argv[1]), [str(i) for i in range(1, 21)])[:10]:
        print(json.dumps(row))
