"""The command line: parses, calls the pipeline, prints. Nothing else lives here."""

from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path

import click
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from storyline.evaluate.cli import eval_command
from storyline.ingest import DEFAULT_MAX_BYTES

DEFAULT_DB = "storyline.db"
console = Console(stderr=True)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
def main() -> None:
    """storyline: from a stream of news articles to stories, events, claims and a briefing."""


@main.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--db", default=DEFAULT_DB, show_default=True, help="SQLite file or database URL.")
@click.option("--out", default="out", show_default=True, help="Folder for briefing and exports.")
@click.option("--max-bytes", default=DEFAULT_MAX_BYTES, show_default=True, type=int,
              help="Skip input files larger than this.")
def run(paths: tuple[str, ...], db: str, out: str, max_bytes: int) -> None:
    """Process articles (files, folders, or - for stdin) into the database, then write the
    briefing and exports to OUT and print a digest."""
    from storyline.outputs import load_briefing, render_digest, write_outputs
    from storyline.pipeline import run as run_pipeline
    from storyline.store import Store

    store = Store(db)
    with _progress() as progress:
        task = progress.add_task("articles", total=None)
        report = run_pipeline(list(paths), store, max_bytes,
                              progress=lambda n: progress.advance(task, n))
    store.save_problems(report.problems)
    data = load_briefing(store)
    written = write_outputs(data, Path(out))
    print(render_digest(data))
    _print_report(report)
    console.print("Briefing: [bold]" + str(written["briefing.html"]) + "[/]")
    console.print("Exports:  " + ", ".join(str(p) for k, p in written.items()
                                           if k != "briefing.html"))
    if report.processed == 0:
        sys.exit(1)


@main.command()
@click.argument("paths", nargs=-1)
@click.option("--output", "-o", type=click.File("w"), default="-",
              help="Where to write the JSON lines (default: standard output).")
@click.option("--max-bytes", default=DEFAULT_MAX_BYTES, show_default=True, type=int)
def extract(paths: tuple[str, ...], output, max_bytes: int) -> None:
    """Analyse texts without a database: one JSON line per article with its clean text,
    summary, entities, places, times, events and claims (schema: docs/extract-schema.md).
    Reads files, folders, JSONL (id, text, optional published) or standard input."""
    from storyline.pipeline import extract_documents

    problems = []
    count = 0
    for item in extract_documents(list(paths) or ["-"], max_bytes, problems):
        output.write(json.dumps(item, ensure_ascii=False) + "\n")
        count += 1
    for problem in problems:
        console.print(f"[yellow]skipped[/] {problem.origin}: {problem.reason}")
    if count == 0:
        sys.exit(1)


@main.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--json", "json_out", type=click.Path(dir_okay=False),
              help="Also write the figures as JSON.")
def bench(paths: tuple[str, ...], json_out: str | None) -> None:
    """Time each pipeline stage on a corpus (models loaded first): articles and sentences
    per second, and the process's peak memory after each stage."""
    from rich.table import Table

    from storyline.bench import benchmark

    report = benchmark(list(paths))
    rows = report.as_rows()
    table = Table(title=f"{report.articles} articles, {report.sentences} sentences; "
                        f"models loaded in {report.model_load_seconds:.1f} s")
    for column in rows[0]:
        table.add_column(column)
    for row in rows:
        table.add_row(*(str(v) for v in row.values()))
    Console().print(table)
    if json_out:
        Path(json_out).write_text(json.dumps({
            "articles": report.articles, "sentences": report.sentences,
            "model_load_seconds": round(report.model_load_seconds, 2), "stages": rows,
        }, indent=2))


@main.command("bench-web")
@click.argument("paths", nargs=-1, required=True)
@click.option("--articles", default=10_000, show_default=True, type=int,
              help="Grow the database to this many articles by copying the processed corpus.")
@click.option("--requests", "requests_", default=200, show_default=True, type=int)
def bench_web(paths: tuple[str, ...], articles: int, requests_: int) -> None:
    """Time the story page: process PATHS into a scratch database, grow it to --articles
    articles, then request random story pages over loopback (p50/p95/max latency)."""
    import tempfile

    from storyline.pipeline import run as run_pipeline
    from storyline.store import Store
    from storyline.web.loadtest import grow, time_story_page

    with tempfile.TemporaryDirectory() as folder:
        store = Store(str(Path(folder) / "bench-web.db"))
        run_pipeline(list(paths), store)
        grow(store, articles)
        timing = time_story_page(store, requests_)
    print(json.dumps(vars(timing)))


@main.command()
@click.option("--db", default=DEFAULT_DB, show_default=True, help="SQLite file or database URL.")
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=8000, show_default=True, type=int)
def serve(db: str, host: str, port: int) -> None:
    """Serve the stories as a web page and a JSON API (OpenAPI at /docs). Writing through
    POST /api/articles needs STORYLINE_TOKEN; URL ingest needs STORYLINE_ALLOWED_HOSTS."""
    import uvicorn

    from storyline.store import Store
    from storyline.web.app import create_app

    uvicorn.run(create_app(Store(db)), host=host, port=port)


def _progress() -> Progress:
    return Progress(
        TextColumn("[bold]{task.description}"), BarColumn(), MofNCompleteColumn(),
        TimeElapsedColumn(), console=console, transient=True,
    )


def _print_report(report) -> None:
    console.print(
        f"Read {report.read} articles: {report.added} new, "
        f"{report.already_stored} already stored, {len(report.problems)} skipped."
    )
    for reason, count in Counter(p.reason.split(":")[0] for p in report.problems).most_common():
        console.print(f"  skipped {count} × {reason}")
    for problem in report.problems:
        console.print(f"  [yellow]{problem.origin}[/]: {problem.reason}")


main.add_command(eval_command)

if __name__ == "__main__":
    main()
