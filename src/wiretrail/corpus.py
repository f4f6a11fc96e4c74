"""The Python API: one ``Corpus`` that the CLI, the web app and scripts all call.

>>> from wiretrail import Corpus
>>> corpus = Corpus.open(":memory:")
>>> report = corpus.add(["tests/fixtures/minimal.txt"])   # doctest: +SKIP
>>> [a.title for a in corpus.articles()]                   # doctest: +SKIP
"""

from __future__ import annotations

import dataclasses
import logging
import re
from collections import OrderedDict, defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import IO, Any

from wiretrail.model import AddReport, Analysis, Article, Copy, InputFailure, line_key
from wiretrail.settings import Settings
from wiretrail.store import SearchHit, Store

log = logging.getLogger(__name__)

Progress = Callable[[str, int, int | None], None]  # (stage, done, total)

DEMO_DIR = Path(__file__).parent / "data" / "demo"
RECENT_SHINGLE_SETS = 2000  # shingle sets kept for copy judging (~40 KB each)
MIN_SHARED_FINGERPRINTS = 4  # winnowing fingerprints two articles share before they are compared
# a fingerprint more articles than this already hold is a stock passage, not followed (Store.winnow_candidates);
# a copy of text syndicated more widely is still found by its MinHash bands or a rarer passage it shares
MAX_FINGERPRINT_HOLDERS = 64
# more candidates than this: those stored as copies of another candidate are not compared (a wire text
# syndicated k times would otherwise cost k comparisons for each new copy); fewer are all compared, so a
# copy of a copy still names the copy it took the text from
MAX_COMPARED = 24


def ingest_options(settings: Settings):
    """The ingest options the settings ask for."""
    from wiretrail.ingest import IngestOptions

    return IngestOptions(
        timeout=settings.fetch_timeout,
        max_bytes=settings.max_document_bytes,
        max_response_bytes=settings.fetch_max_bytes,
        max_redirects=settings.fetch_max_redirects,
        user_agent=settings.user_agent,
        allow_private=settings.allow_private,
    )


_SURROGATE = re.compile("[\ud800-\udfff]")


def without_surrogates(raw: Any) -> Any:
    """``raw`` with each lone surrogate (a JSON ``"\\ud800"`` escape, a broken page) made U+FFFD.

    Such text cannot be encoded, stored or tokenised; the replacement keeps every offset.

    >>> without_surrogates(InputFailure("a" + chr(0xD800), "x")).path
    'a�'
    """
    if not dataclasses.is_dataclass(raw):
        return raw
    changes: dict[str, Any] = {}
    for f in dataclasses.fields(raw):
        value = getattr(raw, f.name)
        if isinstance(value, str) and _SURROGATE.search(value):
            changes[f.name] = _SURROGATE.sub("\ufffd", value)
        elif isinstance(value, tuple) and any(isinstance(v, str) and _SURROGATE.search(v) for v in value):
            changes[f.name] = tuple(_SURROGATE.sub("\ufffd", v) if isinstance(v, str) else v for v in value)
    return dataclasses.replace(raw, **changes) if changes else raw


def demo_corpus_path() -> Path:
    """The folder of the bundled demo corpus (a fictional developing story)."""
    return DEMO_DIR


class Corpus:
    """A collection of news articles and everything wiretrail derives from them."""

    def __init__(self, store: Store, settings: Settings | None = None) -> None:
        self.store = store
        self.settings = settings or Settings()
        self._registry = None
        self._pipeline = None
        self._linkers = None
        # shingle sets of recently stored articles: a new article's copy candidates are mostly recent
        # (the same story), and comparing against a kept set spares reading and re-shingling its text
        self._recent_shingles: OrderedDict[str, frozenset[int]] = OrderedDict()

    # -- opening -----------------------------------------------------------
    @classmethod
    def open(cls, location: str | Path = "wiretrail.db", settings: Settings | None = None) -> Corpus:
        """Open (or create) the store at a path, ``:memory:`` or a ``postgresql://`` URL."""
        return cls(Store.open(str(location)), settings)

    def close(self) -> None:
        self.store.close()

    def __enter__(self) -> Corpus:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def registry(self):
        if self._registry is None:
            from wiretrail.ingest.outlets import OutletRegistry

            self._registry = OutletRegistry()
        return self._registry

    @property
    def pipeline(self):
        if self._pipeline is None:
            from wiretrail.analyse import Pipeline

            self._pipeline = Pipeline.load(self.settings)
        return self._pipeline

    def linkers(self):
        """(embedder, judge) for the claim-group stage, loaded once per corpus."""
        if self._linkers is None:
            from wiretrail.link.embed import Embedder
            from wiretrail.link.judge import Judge

            embedder = Embedder()
            # the judge parses only claims whose analysis kept no reading of them: it loads a parser
            # then, not the whole analysis pipeline (gazetteers) unless that is loaded already
            nlp = self._pipeline.nlp if self._pipeline is not None else None
            self._linkers = (embedder, Judge.load(nlp=nlp, embedder=embedder))
        return self._linkers

    # -- adding --------------------------------------------------------------
    def add(
        self,
        inputs: Sequence[str | Path],
        *,
        analyse: bool | None = None,
        stdin: IO[bytes] | None = None,
        progress: Progress | None = None,
    ) -> AddReport:
        """Read, clean, deduplicate and store ``inputs``; find copies; analyse new articles.

        Bad inputs are reported in ``report.failed`` (path and reason); every other
        input is still stored. Adding the same article again changes nothing.
        """
        from wiretrail.ingest import read_inputs

        raws = read_inputs([str(i) for i in inputs], self._ingest_options(), stdin=stdin)
        return self.add_documents(raws, analyse=analyse, progress=progress)

    def add_documents(
        self, raws: Iterable[Any], *, analyse: bool | None = None, progress: Progress | None = None
    ) -> AddReport:
        """Add already-read documents (``RawDocument`` or ``InputFailure`` records)."""
        report = AddReport()
        batch: list[Any] = []
        for item in raws:
            if isinstance(item, InputFailure):
                self._fail(report, item)
                continue
            batch.append(item)
            if len(batch) >= 200:
                self._add_batch(batch, report, progress)
                batch = []
        if batch:
            self._add_batch(batch, report, progress)
        if report.added and (analyse if analyse is not None else self.settings.analyse):
            self.analyse(report.added, progress=progress)
            self.link(progress=progress)
        return report

    def _ingest_options(self):
        return ingest_options(self.settings)

    def _fail(self, report: AddReport, failure: InputFailure) -> None:
        failure = without_surrogates(failure)  # a file name that is not UTF-8 ("\udcff")
        report.failed.append(failure)
        log.warning("%s", failure)
        self.store.record_failure(failure.path, failure.reason)

    def _add_batch(self, raws: list[Any], report: AddReport, progress: Progress | None) -> None:
        first: list[tuple[Any, Article]] = []
        for raw in raws:
            raw = without_surrogates(raw)
            for w in getattr(raw, "warnings", ()):
                report.warnings.append(f"{raw.origin}: {w}")
            result = self._clean(raw, frozenset())
            if isinstance(result, InputFailure):
                self._fail(report, result)
            else:
                first.append((raw, result))
        # lines that repeat across one outlet's articles (this batch + the store) are boilerplate
        boiler = self._repeated_lines([a for _, a in first])
        for n, (raw, art) in enumerate(first, 1):
            known = boiler.get(art.outlet, frozenset())
            if self.store.has_article(art.id):
                report.unchanged.append(art.id)
                continue
            if known and any(line_key(l) in known for l in art.text.splitlines()):
                result = self._clean(raw, known)
                if isinstance(result, InputFailure):
                    self._fail(report, result)
                    continue
                # the id stays that of the page as first read, so that adding the same
                # input again is a no-op however much boilerplate the store has learnt since
                art = dataclasses.replace(result, id=art.id)
            self.store_article(art, report)
            if progress:
                progress("add", n, len(first))

    def _clean(self, raw: Any, known: frozenset[str]) -> Article | InputFailure:
        from wiretrail.clean import clean_document

        try:
            return clean_document(
                raw, self.registry, known_boilerplate=known, max_chars=self.settings.max_article_chars
            )
        except Exception as exc:  # one bad page never stops the batch
            log.debug("cleaning %s failed", raw.origin, exc_info=True)
            return InputFailure(raw.origin, f"could not be cleaned: {type(exc).__name__}: {exc}")

    def _repeated_lines(self, arts: list[Article]) -> dict[str, frozenset[str]]:
        """Lines seen in ``boilerplate_min_articles`` articles of one outlet (this batch + the store).

        Long sentences are news, not boilerplate, even when a wire reuses a background
        paragraph: a line of more than 20 words counts only when it is in at least half
        of the outlet's articles in the batch.
        """
        by_outlet: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
        long_lines: set[str] = set()
        per_outlet: dict[str, int] = defaultdict(int)
        for a in arts:
            if not a.outlet:
                continue
            per_outlet[a.outlet] += 1
            for line in (*a.text.splitlines(), *a.removed):
                if not line.strip():
                    continue
                key = line_key(line)
                by_outlet[a.outlet][key].add(a.id)
                if len(line.split()) > 20:
                    long_lines.add(key)
        out: dict[str, frozenset[str]] = {}
        need = self.settings.boilerplate_min_articles
        for outlet, lines in by_outlet.items():
            stored = self.store.line_counts(outlet, lines)
            rep = {
                key
                for key, ids in lines.items()
                if len(ids) + stored.get(key, 0) >= need
                and (key not in long_lines or len(ids) * 2 >= max(per_outlet[outlet], need))
            }
            if rep:
                out[outlet] = frozenset(rep)
        return out

    def store_article(self, art: Article, report: AddReport) -> None:
        """Store one clean article (language told, signatures kept) and record its copies."""
        from wiretrail.language import detect_language
        from wiretrail.link import copies as C

        if self.store.has_article(art.id):
            report.unchanged.append(art.id)
            return
        art = dataclasses.replace(art, language=detect_language(art.text))
        sh = C.shingles(art.text)
        sig = C.signature(sh)
        bands = C.bands(sig)
        win = C.winnow(sh)
        lines = {line_key(l) for l in (*art.text.splitlines(), *art.removed) if l.strip()}
        # candidates are looked up before the insert so the article never matches itself
        cands = self.store.band_candidates(bands, exclude=art.id)
        # a partial copy shares whole passages: several fingerprints, not one stock phrase
        for other, n in self.store.winnow_candidates(win, exclude=art.id, max_holders=MAX_FINGERPRINT_HOLDERS).items():
            if n >= MIN_SHARED_FINGERPRINTS:
                cands.add(other)
        if not self.store.add_article(
            art,
            signature=C.signature_bytes(sig),
            shingle_count=len(set(sh)),
            bands=bands,
            winnows=win,
            line_hashes=lines,
        ):
            report.unchanged.append(art.id)
            return
        report.added.append(art.id)
        mine = frozenset(sh)
        found: list[Copy] = []
        # candidates whose kept shingles already show too little overlap are never read from the store
        overlaps = {o: C.overlap_sets(self._recent_shingles[o], mine) for o in cands if o in self._recent_shingles}
        to_read = sorted(o for o in cands if o not in overlaps or overlaps[o].shared >= C.MIN_SHARED)
        if len(to_read) > MAX_COMPARED:
            # a text syndicated many times: its recorded copies stand behind their original, which is
            # compared instead of each of them (else every new copy is read against all earlier ones)
            behind = self.store.copies_among(to_read)
            to_read = [o for o in to_read if o not in behind]
        for other in self.store.articles(to_read):
            ov = overlaps.get(other.id) or C.overlap_sets(self._remember(other.id, C.shingles(other.text)), mine)
            judged = C.judge_copy(other, art, ov)
            if judged is not None:
                found.append(judged)
        self._remember(art.id, sh)
        # a credit line names an outlet outside the corpus only when no article of that
        # outlet in the corpus is the text it carries
        carried = {o.outlet for o in self.store.articles([c.original for c in found if c.copy == art.id])}
        found += [
            c for c in C.credited_sources(art) if not any(C.same_outlet(c.original[7:], o) for o in carried if o)
        ]
        report.copies += self.store.add_copies(found)

    def _remember(self, article_id: str, shingle_hashes: Iterable[int]) -> frozenset[int]:
        kept = self._recent_shingles[article_id] = frozenset(shingle_hashes)
        self._recent_shingles.move_to_end(article_id)
        while len(self._recent_shingles) > RECENT_SHINGLE_SETS:
            self._recent_shingles.popitem(last=False)
        return kept

    # -- analysis --------------------------------------------------------------
    def analyse(self, ids: Iterable[str] | None = None, progress: Progress | None = None) -> int:
        """Run the per-article stages on ``ids`` (default: every article not yet analysed)."""
        from wiretrail.analyse import ANALYSIS_VERSION

        todo = list(ids) if ids is not None else self.store.unanalysed(ANALYSIS_VERSION)
        pending = set(self.store.unanalysed(ANALYSIS_VERSION))
        todo = [i for i in todo if i in pending]
        if not todo:
            return 0
        done = 0
        for done, analysis in enumerate(self._analyses(todo), 1):
            self.store.set_analysis(analysis, ANALYSIS_VERSION)
            if progress:
                progress("analyse", done, len(todo))
        return done

    def _analyses(self, todo: list[str]) -> Iterator[Analysis]:
        """Analyses of the articles ``todo``, in several processes when the settings ask for it."""
        workers = self.settings.workers
        if workers > 1 and len(todo) >= 4 * workers:
            from wiretrail.scale.pool import analyse_parallel

            batches = (self.store.articles(todo[start : start + 512]) for start in range(0, len(todo), 512))
            yield from analyse_parallel(batches, self.settings, workers)  # one pool: the pipeline loads once
            return
        for start in range(0, len(todo), 64):
            yield from self.pipeline.analyse_many(self.store.articles(todo[start : start + 64]))

    def link(self, progress: Progress | None = None, full: bool = False) -> dict[str, float]:
        """Run the cross-article stages (entities, claim groups, stories, scores); each stage's seconds.
        Claim groups change only where new articles' claims reach them; ``full`` groups every claim again."""
        from wiretrail.linking import link_corpus

        return link_corpus(self, progress=progress, full=full)

    # -- reading -----------------------------------------------------------------
    def articles(self, limit: int | None = None, offset: int = 0, outlet: str | None = None) -> list[Article]:
        arts = self.store.articles(limit=None if outlet else limit, offset=0 if outlet else offset)
        if outlet:
            arts = [a for a in arts if a.outlet.lower() == outlet.lower()]
            arts = arts[offset : offset + limit if limit else None]
        return arts

    def article(self, article_id: str) -> Article | None:
        return self.store.article(article_id)

    def search(self, query: str, limit: int = 20) -> list[SearchHit]:
        return self.store.search(query, limit=limit)

    def copies(self) -> list[Copy]:
        return self.store.copies()

    def analyses(self, ids: Sequence[str] | None = None) -> dict[str, Analysis]:
        return self.store.analyses(ids)

    # -- the brief -----------------------------------------------------------------
    def brief(self) -> dict[str, Any]:
        """The whole analysis as one JSON-ready dict (schema in the README)."""
        from wiretrail.brief.data import build_brief

        return build_brief(self)

    def write_brief(self, html_path: str | Path | None = "brief.html", json_path: str | Path | None = None) -> dict[str, Any]:
        from wiretrail.brief.html import render_html
        import json

        data = self.brief()
        if html_path:
            Path(html_path).write_text(render_html(data), encoding="utf-8")
        if json_path:
            Path(json_path).write_text(json.dumps(data, ensure_ascii=False, indent=2), encoding="utf-8")
        return data

    # -- check ---------------------------------------------------------------------
    def check(self, claim: str, limit: int = 5) -> dict[str, Any]:
        """Match a claim against the claim groups; answer with their corroboration and a verdict."""
        from wiretrail.check import check_claim

        return check_claim(self, claim, limit=limit)

    # -- export ----------------------------------------------------------------------
    def export(self, fmt: str) -> str:
        """The analysis in a format other tools read: claimreview, jsonl, acled-csv, graphml, gexf."""
        from wiretrail.brief.exports import export

        return export(self.brief(), fmt)
