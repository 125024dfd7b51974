"""`storyline eval`: score one stage on one file, or every stage on a folder of files.

Registered on the main command line by ``main.add_command(eval_command)``.
"""

from __future__ import annotations

import json
import sys
from datetime import date
from pathlib import Path

import click
from rich.console import Console

from storyline.evaluate.report import benchmarks_blocks, print_results, update_benchmarks
from storyline.evaluate.tasks import TASKS, TaskUnavailable, run_all, run_task

messages = Console(stderr=True)


@click.command("eval")
@click.argument("task", type=click.Choice([*TASKS, "all"]))
@click.argument("file", required=False, type=click.Path(exists=True, dir_okay=False))
@click.option("--data", type=click.Path(exists=True, file_okay=False),
              help="With `all`: the folder of evaluation files (e.g. ../shared/eval).")
@click.option("--limit", type=click.IntRange(min=1),
              help="Only the first N items of each file (a quick run).")
@click.option("--json", "json_out", type=click.Path(dir_okay=False),
              help="Also write the scores as JSON.")
@click.option("--benchmarks", default="BENCHMARKS.md", show_default=True,
              type=click.Path(dir_okay=False),
              help="With `all`: the file whose quality tables are rewritten.")
@click.option("--only", callback=lambda _, __, value: _task_names(value),
              help="With `all`: only these tasks (comma-separated); the other tables stay.")
def eval_command(task: str, file: str | None, data: str | None, limit: int | None,
                 json_out: str | None, benchmarks: str, only: list[str] | None) -> None:
    """Measure a stage on outside data, next to simple baselines run on the same items.

    \b
    storyline eval TASK FILE.jsonl [--limit N] [--json OUT.json]
    storyline eval all --data DIR [--limit N] [--only TASK,...]
                                    (also rewrites those tables in BENCHMARKS.md)

    Tasks: extraction, summarize, multidoc, cluster, similarity, event-type, geo, time,
    claims. See docs/evaluation.md for their data, metrics and baselines.
    """
    if task == "all":
        if not data:
            raise click.UsageError("`eval all` needs --data DIR")
        _evaluate_all(data, limit, json_out, benchmarks, only)
    elif not file:
        raise click.UsageError(f"`eval {task}` needs a FILE.jsonl")
    else:
        _evaluate_one(task, file, limit, json_out)


def _evaluate_one(task: str, file: str, limit: int | None, json_out: str | None) -> None:
    try:
        result = run_task(task, file, limit)
    except (TaskUnavailable, ValueError) as error:
        messages.print(f"[red]{task}[/]: {error}")
        sys.exit(1)
    print_results([result], [], Console())
    if json_out:
        _write_json(json_out, result.to_json())


def _task_names(value: str | None) -> list[str] | None:
    if value is None:
        return None
    names = [name.strip() for name in value.split(",") if name.strip()]
    if unknown := [name for name in names if name not in TASKS]:
        raise click.BadParameter(f"unknown task {', '.join(unknown)}; tasks: {', '.join(TASKS)}")
    return names


def _evaluate_all(data: str, limit: int | None, json_out: str | None, benchmarks: str,
                  only: list[str] | None) -> None:
    results, failures = run_all(
        data, limit, on_start=lambda task, path: messages.print(f"[bold]{task}[/] {path} ..."),
        tasks=only)
    print_results(results, failures, Console())
    command = f"storyline eval all --data {data}" + (f" --limit {limit}" if limit else "")
    update_benchmarks(benchmarks, benchmarks_blocks(results, failures, date.today().isoformat(),
                                                    data), command)
    messages.print(f"Quality tables written to [bold]{benchmarks}[/]")
    if json_out:
        _write_json(json_out, {"results": [r.to_json() for r in results],
                               "failures": [vars(f) for f in failures]})
    if not results:
        sys.exit(1)


def _write_json(path: str, data: object) -> None:
    Path(path).write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n",
                          encoding="utf-8")
