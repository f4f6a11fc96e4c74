"""``wiretrail check``: find the claim groups that match or contradict a claim, and answer
with their corroboration and a verdict in AVeriTeC's terms.

Candidates come from full-text search (BM25 over the articles that carry a group's
evidence) and from embeddings; each is judged against the claim by ``link.judge``.
Each match also carries the stance towards the claim of the group's evidence sentence
that says most of it (``link.stance``): whether it says all the claim says, and which words it does not
say, so "reported" never hides that the reports say less ("Assad asked Israel for
help" is not "... against the rebels"); the summary names those words.

Verdicts: ``Supported`` (a matching group confirmed by independent origins, or resting
on one on-record origin, whose reports mention every name, figure and thing the claim
does — nouns and verbs may be paraphrased, names and figures not), ``Refuted`` (a contradicting group is confirmed, or the
subject denies it and nobody confirms it), ``Conflicting Evidence/Cherrypicking``
(matching and contradicting reports both stand, or the group is disputed/denied),
``Not Enough Evidence`` (nothing matches, every report rests on one anonymous or
unspecified origin, or the reports carry only part of the claim: "killed 40 soldiers"
where no report mentions 40).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from wiretrail.corpus import Corpus

MIN_COSINE = 0.35
MIN_COVERAGE = 0.5  # a report making the claim says at least half its content words (``link.stance``)
CANDIDATES = 12


def check_claim(corpus: Corpus, claim: str, limit: int = 5) -> dict[str, Any]:
    claim = " ".join(claim.split())
    groups = corpus.store.derived("claim_group")
    if not claim or not groups:
        return _answer(claim, [], "the store holds no claim groups yet" if not groups else "empty claim")
    embedder, judge = corpus.linkers()
    gids = list(groups)
    # a clause claim is matched by its reading (the antecedent filled in), not by the bare clause
    texts = {gid: [e.get("reading") or e["text"] for e in groups[gid]["evidence"]][:6] for gid in gids}
    flat = [(gid, t) for gid in gids for t in texts[gid]]
    vecs = embedder.encode([claim] + [t for _, t in flat])
    sims = vecs[1:] @ vecs[0]
    best: dict[str, tuple[float, str]] = {}
    for (gid, t), s in zip(flat, sims):
        if s > best.get(gid, (-1.0, ""))[0]:
            best[gid] = (float(s), t)
    # full-text search: groups whose evidence articles match the claim's words
    fts_articles = {h.article: h.score for h in corpus.search(claim, limit=30)}
    for gid in gids:
        if gid not in best:
            continue
        if set(groups[gid]["articles"]) & set(fts_articles):
            best[gid] = (best[gid][0] + 0.05, best[gid][1])
    ranked = sorted(best.items(), key=lambda kv: -kv[1][0])[:CANDIDATES]
    ranked = [(gid, s, t) for gid, (s, t) in ranked if s >= MIN_COSINE]
    verdicts = judge.pairs([(claim, t) for _, _, t in ranked]) if ranked else []
    stances = _closest_reports(corpus, claim, [texts[gid] for gid, _, _ in ranked])
    matches = []
    for (gid, sim, _), v, (text, stance) in zip(ranked, verdicts, stances):
        relation = v.label or ("related" if sim >= 0.6 else None)
        if relation is None:
            continue
        if relation == "same" and stance.coverage < MIN_COVERAGE:
            relation = "related"  # it shares a topic, not the claim: most of what the claim says is not there
        g = groups[gid]
        matches.append(
            {
                "group": gid,
                "relation": relation,
                "similarity": round(sim, 3),
                "p_same": v.p_same,
                "p_contradicts": v.p_contra,
                "reasons": list(v.reasons),
                "stance": {
                    "label": stance.label,
                    "sentence": text,
                    "coverage": stance.coverage,
                    "unsaid": list(stance.uncovered),
                    "unsaid_names_figures": list(stance.specifics),
                    "unsaid_things": list(stance.things),
                    "reasons": list(stance.reasons),
                },
                "text": g["text"],
                "status": g["status"],
                "confidence": g["confidence"],
                "explanation": g["explanation"],
                "reports": g["reports"],
                "outlets": g["outlets"],
                "independent_origins": g["independent_origins"],
                "evidence": g["evidence"],
            }
        )
    order = {"same": 0, "contradicts": 1, "related": 2}
    matches.sort(key=lambda m: (order[m["relation"]], -m["similarity"]))
    return _answer(claim, matches[:limit], "")


def _closest_reports(corpus: Corpus, claim: str, groups: list[list[str]]) -> list[tuple[str, Any]]:
    """For each group's evidence sentences, the one that says most of the claim, with its
    ``link.stance.read_stance`` reading (ties: one that does not refute, then the first)."""
    if not groups:
        return []
    from wiretrail.link.stance import REFUTES, read_stance
    from wiretrail.nlp import parse_many

    sentences = list(dict.fromkeys(t for texts in groups for t in texts))
    docs = list(parse_many(corpus.pipeline.nlp, [claim, *sentences]))
    read = {t: read_stance(doc, docs[0]) for t, doc in zip(sentences, docs[1:])}
    return [
        max(((t, read[t]) for t in texts), key=lambda ts: (ts[1].coverage, ts[1].label != REFUTES))
        for texts in groups
    ]


def _caveat(match: dict[str, Any]) -> str:
    """The names, figures and things of the claim the closest report does not mention, or
    why it reads against the claim. Verbs are left out: reports paraphrase them freely."""
    stance = match["stance"]
    unsaid = [*stance["unsaid_names_figures"], *stance["unsaid_things"]]
    if stance["label"] == "not_covered" and unsaid:
        return f" The closest report does not mention: {', '.join(unsaid)}."
    if stance["label"] == "refutes":
        return f" Read closely, the closest report differs: {'; '.join(stance['reasons'])}."
    return ""


def verdict(matches: list[dict[str, Any]]) -> tuple[str, str]:
    same = [m for m in matches if m["relation"] == "same"]
    contra = [m for m in matches if m["relation"] == "contradicts"]
    if not same and not contra:
        return "Not Enough Evidence", "No report in the store makes this claim."
    if same and contra:
        return "Conflicting Evidence/Cherrypicking", "Some reports make this claim and others contradict it."
    if contra:
        c = contra[0]
        if c["status"] in ("confirmed", "single_origin"):
            return "Refuted", f"The store holds a contradicting claim ({c['status'].replace('_', ' ')}): {c['text']}"
        return "Not Enough Evidence", f"Only a weakly sourced contradicting claim: {c['text']}"
    m = same[0]
    origins = m["independent_origins"]
    strength = _origin_phrase(origins)
    if m["status"] == "confirmed":
        return "Supported", f"Reported and confirmed by {len(origins)} independent origins: {strength}."
    if m["status"] == "single_origin":
        return "Supported", f"Reported, but every report rests on one origin: {strength}."
    if m["status"] == "single_anonymous_origin":
        return (
            "Not Enough Evidence",
            f"Reported by {len(m['outlets'])} outlet(s) ({', '.join(m['outlets'])}), but every report rests on "
            f"one anonymous or unspecified origin: {strength}.",
        )
    if m["status"] == "denied":
        return "Conflicting Evidence/Cherrypicking", f"Reported, and denied. {m['explanation']}"
    return "Conflicting Evidence/Cherrypicking", f"Reported, and disputed. {m['explanation']}"


def _origin_phrase(origins: list[dict[str, Any]]) -> str:
    out = []
    for o in origins:
        via = f" via {' → '.join(o['via'])}" if o.get("via") else ""
        out.append(f"{o['source']} ({o['source_type'].replace('_', ' ')}){via}")
    return "; ".join(out) or "unknown"


def _answer(claim: str, matches: list[dict[str, Any]], note: str) -> dict[str, Any]:
    v, summary = verdict(matches)
    same = [m for m in matches if m["relation"] == "same"]
    if same:
        summary += _caveat(same[0])
        partial = all(m["stance"]["unsaid_names_figures"] for m in same)
        if v == "Supported" and partial:
            # the reports carry part of the claim; the rest (a figure, a name) is the claimant's own
            v = "Not Enough Evidence"
            summary = f"Only part of the claim is reported. {summary}"
    if note:
        summary = f"{summary} ({note})"
    return {"claim": claim, "verdict": v, "summary": summary, "matches": matches}
