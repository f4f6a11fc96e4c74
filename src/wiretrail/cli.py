"""The command line: thin faces over ``wiretrail.Corpus`` (one method per command).

Errors become one clear line and a non-zero exit here, at the edge, and only here.
"""

from __future__ import annotations

import json
import logging
import os
import sys
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import click

from wiretrail import __version__

log = logging.getLogger("wiretrail")

EXIT_FAILED_INPUTS = 1
EXIT_ERROR = 2


class CliError(click.ClickException):
    exit_code = EXIT_ERROR

    def format_message(self) -> str:
        return self.message

    def show(self, file: Any = None) -> None:
        click.echo(f"wiretrail: error: {self.format_message()}", err=True)


def _known_errors() -> tuple[type[BaseException], ...]:
    from wiretrail.evaluate import EvaluationError
    from wiretrail.nlp import ModelError
    from wiretrail.settings import SettingsError
    from wiretrail.store import StoreError

    return (StoreError, EvaluationError, ModelError, SettingsError, OSError)


@contextmanager
def edge() -> Iterator[None]:
    """Turn library errors into one-line CLI errors (set WIRETRAIL_DEBUG=1 for tracebacks)."""
    try:
        yield
    except click.ClickException:
        raise
    except KeyboardInterrupt:
        raise CliError("interrupted") from None
    except Exception as exc:
        if os.environ.get("WIRETRAIL_DEBUG"):
            raise
        if isinstance(exc, _known_errors()):
            raise CliError(str(exc)) from None
        log.debug("unexpected error", exc_info=True)
        raise CliError(f"{type(exc).__name__}: {exc}") from None


def _setup_logging(verbose: int, quiet: bool) -> None:
    level = logging.DEBUG if verbose > 1 else logging.INFO if verbose else logging.ERROR if quiet else logging.WARNING
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level)
    for noisy in ("trafilatura", "htmldate", "httpx", "httpcore", "charset_normalizer", "urllib3"):
        logging.getLogger(noisy).setLevel(max(level, logging.ERROR))


@contextmanager
def progress_bar(enabled: bool) -> Iterator[Callable[[str, int, int | None], None] | None]:
    """A rich progress display on stderr, or nothing when disabled."""
    if not enabled or not sys.stderr.isatty():
        yield None
        return
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    with Progress(
        TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(), transient=True
    ) as prog:
        tasks: dict[str, Any] = {}

        def update(stage: str, done: int, total: int | None) -> None:
            if stage not in tasks:
                tasks[stage] = prog.add_task(stage, total=total)
            prog.update(tasks[stage], completed=done, total=total)

        yield update


def _open(db: str, settings: str | None = None):
    from wiretrail.corpus import Corpus
    from wiretrail.settings import Settings

    return Corpus.open(db, Settings.load(settings))


def _echo_json(obj: Any) -> None:
    click.echo(json.dumps(obj, ensure_ascii=False, indent=2, default=str))


db_option = click.option(
    "--db", default="wiretrail.db", show_default=True, help="Store: an SQLite file path or a postgresql:// URL."
)
json_option = click.option("--json", "as_json", is_flag=True, help="Print only JSON on stdout.")
quiet_option = click.option("--quiet", "-q", is_flag=True, help="No progress, warnings only as errors.")
settings_option = click.option("--settings", type=click.Path(dir_okay=False), help="A TOML settings file.")


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="wiretrail")
@click.option("-v", "--verbose", count=True, help="More log output (-vv for debug).")
@click.pass_context
def cli(ctx: click.Context, verbose: int) -> None:
    """wiretrail: trace every claim in the news back to where it came from."""
    ctx.ensure_object(dict)
    ctx.obj["verbose"] = verbose


def _print_report(report: Any, as_json: bool, quiet: bool) -> None:
    if as_json:
        _echo_json(
            {
                "added": report.added,
                "unchanged": report.unchanged,
                "failed": [{"path": f.path, "reason": f.reason} for f in report.failed],
                "warnings": report.warnings,
                "copies": report.copies,
            }
        )
    else:
        for f in report.failed:
            click.echo(f"wiretrail: failed: {f.path}: {f.reason}", err=True)
        for w in report.warnings:
            click.echo(f"wiretrail: warning: {w}", err=True)
        if not quiet:
            click.echo(
                f"added {len(report.added)} article(s), {len(report.unchanged)} already stored, "
                f"{len(report.failed)} failed, {report.copies} copy link(s)",
                err=True,
            )


@cli.command()
@click.argument("inputs", nargs=-1, required=True)
@db_option
@click.option("--no-analyse", is_flag=True, help="Store only; analyse later with `wiretrail brief --db`.")
@json_option
@quiet_option
@settings_option
@click.pass_context
def add(ctx: click.Context, inputs: tuple[str, ...], db: str, no_analyse: bool, as_json: bool, quiet: bool, settings: str | None) -> None:
    """Add files, folders, feeds, URL lists, URLs or - (stdin) to a store.

    Exits 1 when any input failed, after storing all the others.

    Example: wiretrail add ../shared/data/seeds/ --db syria.db
    """
    _setup_logging(ctx.obj["verbose"], quiet or as_json)
    with edge():
        with _open(db, settings) as corpus, progress_bar(not (quiet or as_json)) as prog:
            report = corpus.add(list(inputs), analyse=not no_analyse, stdin=sys.stdin.buffer, progress=prog)
        _print_report(report, as_json, quiet)
    if report.failed:
        ctx.exit(EXIT_FAILED_INPUTS)


@cli.command()
@click.argument("inputs", nargs=-1)
@click.option("-o", "--output", default="brief.html", show_default=True, help="HTML file to write.")
@click.option("--json", "json_path", type=click.Path(dir_okay=False), help="Also write the whole analysis as JSON here.")
@click.option("--db", default=None, help="Store to brief (and to add INPUTS to). Default: a fresh temporary store.")
@quiet_option
@settings_option
@click.pass_context
def brief(ctx: click.Context, inputs: tuple[str, ...], output: str, json_path: str | None, db: str | None, quiet: bool, settings: str | None) -> None:
    """Write the brief: with no INPUTS and no --db, of the bundled demo corpus.

    Example: wiretrail brief ../shared/data/seeds/ -o seeds.html --json seeds.json
    """
    from wiretrail.corpus import demo_corpus_path

    _setup_logging(ctx.obj["verbose"], quiet)
    failed = False
    with edge(), tempfile.TemporaryDirectory(prefix="wiretrail-") as tmp:
        sources = list(inputs) or ([] if db else [str(demo_corpus_path())])
        location = db or str(Path(tmp) / "brief.db")
        with _open(location, settings) as corpus, progress_bar(not quiet) as prog:
            if sources:
                report = corpus.add(sources, progress=prog)
                _print_report(report, False, quiet)
                failed = bool(report.failed)
            else:
                corpus.analyse(progress=prog)
                corpus.link(progress=prog)
            data = corpus.write_brief(output, json_path)
        if not quiet:
            s = data["summary"]
            click.echo(
                f"wrote {output}: {s['articles']} articles, {s['outlets']} outlets, {s['copies']} copies, "
                f"{len(data['claim_groups'])} claim groups" + (f"; JSON in {json_path}" if json_path else ""),
                err=True,
            )
    if failed:
        ctx.exit(EXIT_FAILED_INPUTS)


@cli.command()
@db_option
@click.option("--outlet", help="Only this outlet's articles.")
@click.option("--limit", type=int, default=50, show_default=True)
@click.option("--offset", type=int, default=0)
@json_option
@click.pass_context
def articles(ctx: click.Context, db: str, outlet: str | None, limit: int, offset: int, as_json: bool) -> None:
    """List the stored articles.

    Example: wiretrail articles --db syria.db --json
    """
    from wiretrail.brief.data import article_record

    _setup_logging(ctx.obj["verbose"], as_json)
    with edge(), _open(db) as corpus:
        arts = corpus.articles(limit=limit, offset=offset, outlet=outlet)
        copies = corpus.copies()
        recs = [article_record(a, copies, with_text=False) for a in arts]
    if as_json:
        _echo_json(recs)
        return
    for r in recs:
        copy = f"  [copy of {r['copy_of'].replace('outlet:', '')}]" if r["copy_of"] else ""
        click.echo(f"{r['id']}  {r['published'][:10]:10}  {(r['outlet'] or '?')[:24]:24}  {r['title'][:70]}{copy}")


@cli.command()
@click.argument("query")
@db_option
@click.option("--limit", type=int, default=20, show_default=True)
@json_option
@click.pass_context
def search(ctx: click.Context, query: str, db: str, limit: int, as_json: bool) -> None:
    """Full-text search over article titles and text (BM25).

    Example: wiretrail search "Aleppo airport" --db syria.db
    """
    _setup_logging(ctx.obj["verbose"], as_json)
    with edge(), _open(db) as corpus:
        hits = corpus.search(query, limit=limit)
    if as_json:
        _echo_json([h.__dict__ for h in hits])
        return
    if not hits:
        click.echo("no matches", err=True)
    for h in hits:
        click.echo(f"{h.article}  {(h.outlet or '?')[:20]:20}  {h.title[:60]}\n    {h.snippet}")


@cli.command("eval")
@click.argument("task")
@click.option("--data", "data_path", required=True, type=click.Path(), help="Dataset path, laid out as its public release.")
@click.option("--limit", type=int, default=None, help="Score only the first N items (quicker).")
@json_option
@click.pass_context
def eval_cmd(ctx: click.Context, task: str, data_path: str, limit: int | None, as_json: bool) -> None:
    """Score one stage on a dataset; print ours beside the published figures.

    TASK is one of: extraction, attribution, places, times, ner, events, pairs, stance, stories.

    Example: wiretrail eval extraction --data ../shared/data/extraction/aeb
    """
    from wiretrail.evaluate import references, run

    _setup_logging(ctx.obj["verbose"], True)
    with edge():
        metrics = run(task, Path(data_path), limit=limit)
        refs = references(task)
    if as_json:
        click.echo(json.dumps(metrics))
        return
    from rich.console import Console
    from rich.table import Table

    table = Table(title=f"wiretrail eval {task} — {data_path}")
    table.add_column("metric")
    table.add_column("wiretrail", justify="right")
    for name in refs:
        table.add_column(name, justify="right")
    for key, value in metrics.items():
        cells = [f"{value:.3f}" if isinstance(value, float) else str(value)]
        cells += [f"{refs[n][key]:.3f}" if key in refs[n] else "—" for n in refs]
        table.add_row(key, *cells)
    Console().print(table)


@cli.command()
@click.argument("claim")
@db_option
@click.option("--limit", type=int, default=5, show_default=True, help="Matching claim groups to show.")
@json_option
@click.pass_context
def check(ctx: click.Context, claim: str, db: str, limit: int, as_json: bool) -> None:
    """Check a claim against the store: who reports it, its origins, a verdict.

    Example: wiretrail check "Assad asked Israel for help against the rebels" --db syria.db
    """
    _setup_logging(ctx.obj["verbose"], True)
    with edge(), _open(db) as corpus:
        result = corpus.check(claim, limit=limit)
    if as_json:
        _echo_json(result)
        return
    click.echo(f"{result['verdict']}: {result['summary']}")
    for m in result["matches"]:
        click.echo(f"\n[{m['relation']}, {m['status']}] {m['text']}\n  {m['explanation']}")
        stance = m["stance"]
        reading = {"supports": "says all the claim says", "refutes": "reads against the claim",
                   "not_covered": "does not say all the claim says"}[stance["label"]]
        unsaid = f" (not: {', '.join(stance['unsaid'])})" if stance["unsaid"] else ""
        click.echo(f"  closest report {reading}{unsaid}")
        for e in m["evidence"][:6]:
            click.echo(f"  - {e['outlet'] or e['article']} ({e['article']}:{e['start']}-{e['end']}): {e['text'][:160]}")


@cli.command()
@click.option("--format", "fmt", required=True, type=click.Choice(["claimreview", "jsonl", "acled-csv", "graphml", "gexf"]))
@db_option
@click.option("-o", "--output", type=click.Path(dir_okay=False), help="File to write (default: stdout).")
@click.pass_context
def export(ctx: click.Context, fmt: str, db: str, output: str | None) -> None:
    """Export the analysis: ClaimReview JSON-LD, JSONL, ACLED CSV, GraphML or GEXF.

    Example: wiretrail export --format claimreview --db syria.db -o claims.jsonld
    """
    _setup_logging(ctx.obj["verbose"], True)
    with edge(), _open(db) as corpus:
        text = corpus.export(fmt)
        if output:
            Path(output).write_text(text, encoding="utf-8")
        else:
            click.echo(text, nl=False)


@cli.command()
@db_option
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to bind (loopback by default).")
@click.option("--port", type=int, default=8000, show_default=True)
@click.option("--token", envvar="WIRETRAIL_TOKEN", help="Token for write endpoints (required off loopback; generated if absent).")
@click.pass_context
def serve(ctx: click.Context, db: str, host: str, port: int, token: str | None) -> None:
    """Serve the brief as a live web app with search, a check form and a JSON API.

    Example: wiretrail serve --db syria.db --port 8000
    """
    import uvicorn

    from wiretrail.web.app import create_app, is_loopback

    _setup_logging(ctx.obj["verbose"], False)
    with edge():
        app = create_app(db, host=host, token=token)
        state = app.state.wiretrail
        state.corpus()  # fail early on a bad store
        if not is_loopback(host):
            click.echo(f"write endpoints need the token: {state.token}", err=True)
        click.echo(f"serving {db} on http://{host}:{port}/ (API schema at /openapi.json)", err=True)
        uvicorn.run(app, host=host, port=port, log_level="warning")


@cli.command()
@click.argument("inputs", nargs=-1, required=True)
@click.option("--engine", type=click.Choice(["dask"]), default="dask", show_default=True)
@click.option("--scheduler", help="Address of a running Dask scheduler (tcp://host:8786); default: a LocalCluster.")
@click.option("--workers", type=int, default=2, show_default=True, help="LocalCluster worker processes.")
@click.option("--out", "out_dir", required=True, type=click.Path(file_okay=False), help="Folder for the Parquet shards.")
@db_option
@settings_option
@click.pass_context
def batch(ctx: click.Context, inputs: tuple[str, ...], engine: str, scheduler: str | None, workers: int, out_dir: str, db: str, settings: str | None) -> None:
    """Run the per-article stages on a Dask cluster, write Parquet shards, then link into a store.

    Example: wiretrail batch 'cc-news/*.warc.gz' --out shards/ --db news.db
    """
    from wiretrail.scale.batch import run_batch
    from wiretrail.settings import Settings

    _setup_logging(ctx.obj["verbose"], False)
    with edge():
        report = run_batch(list(inputs), out_dir, db=db, scheduler=scheduler, workers=workers, settings=Settings.load(settings))
    for path, reason in report.failed:
        click.echo(f"wiretrail: failed: {path}: {reason}", err=True)
    click.echo(f"{len(report.shards)} shard(s) in {out_dir}; {report.articles} article(s) read, {report.added} added to {db}", err=True)
    if report.failed:
        ctx.exit(EXIT_FAILED_INPUTS)


@cli.command()
@click.argument("feeds", nargs=-1, required=True)
@db_option
@click.option("--every", default="10m", show_default=True, help="Poll interval: 90, 30s, 10m, 2h.")
@click.option("-o", "--output", default="brief.html", show_default=True, help="Brief rewritten after each poll that adds articles.")
@click.option("--polls", type=int, default=None, help="Stop after N polls (default: run until interrupted).")
@quiet_option
@click.pass_context
def watch(ctx: click.Context, feeds: tuple[str, ...], db: str, every: str, output: str, polls: int | None, quiet: bool) -> None:
    """Keep ingesting from RSS/Atom feeds (URLs or OPML files); keep the brief current.

    Example: wiretrail watch feeds.opml --db news.db --every 10m
    """
    from wiretrail.corpus import ingest_options
    from wiretrail.scale.watch import Watcher, feed_urls, parse_interval

    _setup_logging(ctx.obj["verbose"], quiet)
    with edge(), _open(db) as corpus:
        urls = feed_urls(list(feeds), ingest_options(corpus.settings))
        if not urls:
            raise CliError("no feed URLs in " + ", ".join(feeds))
        watcher = Watcher(corpus, urls, every=parse_interval(every), brief_path=output)

        def report(r) -> None:
            if not quiet:
                click.echo(
                    f"poll: {len(r.added)} added, {len(r.not_modified)} feed(s) unchanged, {len(r.failed)} failed",
                    err=True,
                )
            for path, reason in r.failed:
                click.echo(f"wiretrail: failed: {path}: {reason}", err=True)

        watcher.run(max_polls=polls, on_poll=report)


def main() -> None:
    cli(obj={})


if __name__ == "__main__":
    main()
