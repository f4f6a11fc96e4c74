"""The web app: the brief's views live, full-text search, a claim-check form, adding
inputs, and a JSON API for every object (OpenAPI schema at ``/openapi.json``).

A thin face over ``wiretrail.Corpus``: no analysis happens here. Every page sends a
strict Content-Security-Policy; article text is only ever inserted escaped. Write
endpoints need a token whenever the server is bound to anything but loopback.

>>> app = create_app("wiretrail.db")            # doctest: +SKIP
"""

from __future__ import annotations

import dataclasses
import hmac
import ipaddress
import logging
import secrets
import tempfile
import threading
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from fastapi import FastAPI, File, Form, HTTPException, Query, Request, UploadFile
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import HTMLResponse
from jinja2 import Environment, FileSystemLoader, select_autoescape
from markupsafe import Markup, escape

from wiretrail import __version__
from wiretrail.brief.html import render_html
from wiretrail.settings import Settings
from wiretrail.web import api_models as M

log = logging.getLogger(__name__)

TEMPLATES = Path(__file__).parent / "templates"
MAX_UPLOAD_BYTES = 20_000_000


def is_loopback(host: str) -> bool:
    if host in ("localhost", ""):
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


class _State:
    """What one app instance holds: its store location, settings and a lock for writes."""

    def __init__(self, db: str, settings: Settings, token: str | None) -> None:
        self.db = db
        self.settings = settings
        self.token = token
        self.lock = threading.Lock()
        self._corpus = None
        self._brief: tuple[tuple[int, int], dict[str, Any]] | None = None
        self._page: tuple[str, str] | None = None

    def corpus(self):
        from wiretrail.corpus import Corpus

        if self._corpus is None:
            self._corpus = Corpus.open(self.db, self.settings)
        return self._corpus

    def _key(self) -> tuple[int, int]:
        store = self.corpus().store
        return store.count_articles(), len(store.derived("claim_group"))

    def brief(self) -> dict[str, Any]:
        key = self._key()
        if self._brief is None or self._brief[0] != key:
            self._brief = (key, self.corpus().brief())
            self._page = None
        return self._brief[1]

    def page(self) -> tuple[str, str]:
        """The live brief page and its script hash, rendered once per state of the store."""
        data = self.brief()
        if self._page is None:
            self._page = render_html(data, live=True, with_hash=True)
        return self._page


def marked(snippet: str) -> Markup:
    """A search snippet with its [matches] as <mark>, everything else escaped.

    >>> str(marked("a [<b>] c"))
    'a <mark>&lt;b&gt;</mark> c'
    """
    out, rest = [], snippet or ""
    while "[" in rest and "]" in rest[rest.index("[") :]:
        i = rest.index("[")
        j = rest.index("]", i)
        out.append(escape(rest[:i]) + Markup("<mark>") + escape(rest[i + 1 : j]) + Markup("</mark>"))
        rest = rest[j + 1 :]
    out.append(escape(rest))
    return Markup("").join(out)


def _csp(script_hash: str = "") -> str:
    script = f"'sha256-{script_hash}'" if script_hash else "'none'"
    return (
        "default-src 'none'; style-src 'unsafe-inline'; img-src data:; form-action 'self'; "
        f"base-uri 'none'; frame-ancestors 'none'; script-src {script}"
    )


def create_app(db: str = "wiretrail.db", *, host: str = "127.0.0.1", token: str | None = None,
               settings: Settings | None = None) -> FastAPI:
    """The app for one store. Bound elsewhere than loopback, writes need ``token``."""
    settings = settings or Settings()
    if not is_loopback(host):
        # a server reachable by others never fetches private addresses, and writes need a token
        settings = dataclasses.replace(settings, allow_private=False)
        token = token or secrets.token_urlsafe(24)
    state = _State(db, settings, token)
    env = Environment(loader=FileSystemLoader(str(TEMPLATES)), autoescape=select_autoescape(default=True))
    env.filters["marked"] = marked
    app = FastAPI(
        title="wiretrail",
        version=__version__,
        description="Claims, their provenance and independent origins, from a store of news articles.",
        docs_url=None,
        redoc_url=None,
    )
    app.state.wiretrail = state

    @app.middleware("http")
    async def security_headers(request: Request, call_next):
        response = await call_next(request)
        response.headers.setdefault("Content-Security-Policy", _csp())
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["Referrer-Policy"] = "no-referrer"
        response.headers["X-Frame-Options"] = "DENY"
        return response

    def page(name: str, **ctx: Any) -> HTMLResponse:
        html = env.get_template(name).render(version=__version__, here=name.split(".")[0], **ctx)
        resp = HTMLResponse(html)
        resp.headers["Content-Security-Policy"] = _csp()
        return resp

    def require_token(request: Request, form_token: str | None = None) -> None:
        """Writes come from this site only (no cross-site form posts), and carry the token when one is set."""
        origin = request.headers.get("origin", "")
        if request.headers.get("sec-fetch-site") == "cross-site" or (
            origin and origin != "null" and urlsplit(origin).netloc != request.headers.get("host", "")
        ):
            raise HTTPException(status_code=403, detail="cross-site writes are refused")
        if state.token is None:
            return
        given = request.headers.get("authorization", "").removeprefix("Bearer ").strip() or (form_token or "")
        if not hmac.compare_digest(given.encode(), state.token.encode()):
            raise HTTPException(status_code=401, detail="a valid token is needed to change the store")

    # -- pages ----------------------------------------------------------------
    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    def home() -> HTMLResponse:
        html, digest = state.page()
        resp = HTMLResponse(html)
        resp.headers["Content-Security-Policy"] = _csp(digest)
        return resp

    @app.get("/search", response_class=HTMLResponse, include_in_schema=False)
    def search_page(q: str = "") -> HTMLResponse:
        hits = state.corpus().search(q, limit=50) if q.strip() else []
        return page("search.html.j2", q=q, hits=hits)

    @app.get("/check", response_class=HTMLResponse, include_in_schema=False)
    def check_page(claim: str = "") -> HTMLResponse:
        result, error = None, ""
        if claim.strip():
            try:
                result = state.corpus().check(claim[:2000])
            except Exception as err:  # the edge: show the reason, keep the server up
                log.exception("check failed for %r", claim[:200])
                error = f"the check could not run: {type(err).__name__}: {err}"
        resp = page("check.html.j2", claim=claim, result=result, error=error)
        if error:
            resp.status_code = 500
        return resp

    @app.get("/add", response_class=HTMLResponse, include_in_schema=False)
    def add_page() -> HTMLResponse:
        return page("add.html.j2", report=None, needs_token=state.token is not None)

    @app.post("/add", response_class=HTMLResponse, include_in_schema=False)
    async def add_form(
        request: Request,
        urls: str = Form(""),
        token: str = Form(""),
        files: list[UploadFile] = File(default=[]),
    ) -> HTMLResponse:
        try:
            require_token(request, token)
            report = await _add(state, urls, files)
        except HTTPException as err:
            resp = page("add.html.j2", report=None, error=str(err.detail), needs_token=state.token is not None)
            resp.status_code = err.status_code
            return resp
        return page("add.html.j2", report=report, needs_token=state.token is not None)

    @app.get("/api", response_class=HTMLResponse, include_in_schema=False)
    def api_page() -> HTMLResponse:
        """A readable index of the JSON API, made from its OpenAPI schema."""
        schema = app.openapi()
        routes = [
            {"path": path, "method": method.upper(), "summary": op.get("summary", ""), "doc": op.get("description", ""),
             "params": [p["name"] for p in op.get("parameters", [])]}
            for path, ops in schema.get("paths", {}).items()
            for method, op in ops.items()
        ]
        return page("api.html.j2", routes=routes, needs_token=state.token is not None)

    # -- JSON API ----------------------------------------------------------------
    @app.get("/api/articles", tags=["articles"], response_model=list[M.ArticleMeta])
    def api_articles(limit: int = Query(100, ge=1, le=1000), offset: int = Query(0, ge=0), outlet: str | None = None) -> list[dict[str, Any]]:
        """Articles with metadata (no text); ``copy_of`` names what an article copies."""
        rows = [{k: v for k, v in a.items() if k not in ("text", "paragraphs")} for a in state.brief()["articles"]]
        if outlet:
            rows = [r for r in rows if (r["outlet"] or "").lower() == outlet.lower()]
        return rows[offset : offset + limit]

    @app.get("/api/articles/{article_id}", tags=["articles"], response_model=M.Article)
    def api_article(article_id: str) -> dict[str, Any]:
        """One article with its clean text and paragraph offsets."""
        return _one(state.brief()["articles"], article_id, "article")

    for kind, path, model, doc in (
        ("claim_groups", "claim-groups", M.ClaimGroup, "Claim groups with status, independent origins and evidence spans, most important first."),
        ("attributions", "attributions", M.Attribution, "Who said what: source, cue and content with spans."),
        ("entities", "entities", M.Entity, "Canonical entities with aliases and, for places, coordinates."),
        ("figures", "figures", M.Figure, "Figures: what is counted, value, range, source, as-of time."),
        ("disputes", "disputes", M.Dispute, "Figures that count the same thing but differ, side by side."),
        ("events", "events", M.Event, "ACLED-style events with actors, place, date and fatalities."),
        ("relations", "relations", M.Relation, "Actor relations (backs, attacks, ...) with evidence."),
        ("stories", "stories", M.Story, "Stories: articles and claim groups about one developing event."),
        ("copies", "copies", M.Copy, "Copies: which article carries whose text."),
        ("sources", "sources", M.SourceRow, "Who is cited by whom (outlet x source)."),
    ):
        app.add_api_route(f"/api/{path}", _lister(kind, state), methods=["GET"], tags=[path], summary=doc,
                          name=f"list_{kind}", response_model=list[model])
        if kind in ("claim_groups", "entities", "disputes", "events", "relations", "stories"):
            app.add_api_route(f"/api/{path}/{{item_id:path}}", _getter(kind, state), methods=["GET"], tags=[path],
                              summary=f"One of: {doc[0].lower()}{doc[1:]}", name=f"get_{kind}", response_model=model)

    @app.get("/api/search", tags=["search"], response_model=list[M.SearchHit])
    def api_search(q: str = Query(..., min_length=1), limit: int = Query(20, ge=1, le=200)) -> list[dict[str, Any]]:
        """Full-text search over articles (BM25); matching words come back in [ ]."""
        return [dataclasses.asdict(h) for h in state.corpus().search(q, limit=limit)]

    @app.get("/api/check", tags=["check"], response_model=M.CheckResult)
    def api_check(claim: str = Query(..., min_length=3, max_length=2000)) -> dict[str, Any]:
        """Check a claim against the store: matches, corroboration, verdict (AVeriTeC terms)."""
        try:
            return state.corpus().check(claim)
        except Exception as err:  # the edge: a clear reason, not a traceback
            log.exception("check failed for %r", claim[:200])
            raise HTTPException(status_code=503, detail=f"the check could not run: {type(err).__name__}: {err}") from err

    @app.post("/api/add", tags=["add"], response_model=M.AddResult)
    async def api_add(
        request: Request,
        urls: str = Form("", description="URLs or feeds, one per line"),
        files: list[UploadFile] = File(default=[]),
    ) -> dict[str, Any]:
        """Add uploaded files and/or URLs and feeds (one per line). Needs the token when not on loopback."""
        require_token(request)
        return await _add(state, urls, files)

    @app.get("/api/summary", tags=["summary"], response_model=M.Summary)
    def api_summary() -> dict[str, Any]:
        """The brief's header: title, time span, counts."""
        return state.brief()["summary"]

    return app


def _one(rows: list[dict[str, Any]], item_id: str, what: str) -> dict[str, Any]:
    for r in rows:
        if r.get("id") == item_id:
            return r
    raise HTTPException(status_code=404, detail=f"no {what} {item_id[:200]}")


def _getter(kind: str, state: _State):
    def handler(item_id: str) -> dict[str, Any]:
        return _one(state.brief()[kind], item_id, kind.rstrip("s").replace("_", " "))

    handler.__name__ = f"get_{kind}"
    return handler


def _lister(kind: str, state: _State):
    def handler(limit: int = Query(100, ge=1, le=5000), offset: int = Query(0, ge=0)) -> list[dict[str, Any]]:
        return state.brief()[kind][offset : offset + limit]

    handler.__name__ = f"list_{kind}"
    return handler


def _locked_add(state: _State, inputs: list[str]):
    with state.lock:
        return state.corpus().add(inputs)


async def _add(state: _State, urls: str, files: list[UploadFile]) -> dict[str, Any]:
    inputs: list[str] = [u.strip() for u in urls.splitlines() if u.strip()]
    bad = [u for u in inputs if not u.lower().startswith(("http://", "https://"))]
    if bad:
        raise HTTPException(status_code=422, detail=f"not an http(s) URL: {bad[0][:200]}")
    with tempfile.TemporaryDirectory(prefix="wiretrail-upload-") as tmp:
        for n, upload in enumerate(files):
            name = Path(upload.filename or f"upload-{n}").name or f"upload-{n}"
            data = await upload.read(MAX_UPLOAD_BYTES + 1)
            if len(data) > MAX_UPLOAD_BYTES:
                raise HTTPException(status_code=413, detail=f"{name}: larger than {MAX_UPLOAD_BYTES} bytes")
            target = Path(tmp) / f"{n:03d}-{name}"
            target.write_bytes(data)
            inputs.append(str(target))
        if not inputs:
            raise HTTPException(status_code=422, detail="nothing to add: give files or URLs")
        report = await run_in_threadpool(_locked_add, state, inputs)
    return {
        "added": report.added,
        "unchanged": report.unchanged,
        "failed": [{"path": Path(f.path).name if not f.path.startswith("http") else f.path, "reason": f.reason} for f in report.failed],
        "copies": report.copies,
    }
