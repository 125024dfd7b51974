"""Results as people read them: a terminal table per task, and the quality section of
BENCHMARKS.md (rewritten between its markers; the rest of the file is left alone)."""

from __future__ import annotations

import fcntl
import os
import platform
import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from rich.console import Console, Group
from rich.table import Table
from rich.text import Text

from storyline.evaluate.tasks import TASKS, Failure, TaskResult

START, END = "<!-- eval:start -->", "<!-- eval:end -->"
MISSING = "—"


def format_value(metric: str, value: Any) -> str:
    """ROUGE (already ×100) with 2 decimals, words 1, kilometres 0, other ratios 3."""
    if value is None:
        return MISSING
    if isinstance(value, bool | int):
        return str(value)
    if metric.startswith("rouge"):
        return f"{value:.2f}"
    if metric == "words":
        return f"{value:.1f}"
    if metric.endswith("_km"):
        return f"{value:.0f}"
    return f"{value:.3f}"


def scalar_rows(result: TaskResult) -> list[list[str]]:
    """[metric, ours, baseline...] for every single-number metric, ours' order first."""
    systems = [result.metrics, *result.baselines.values()]
    names = list(dict.fromkeys(k for scores in systems for k, v in scores.items()
                               if not isinstance(v, dict)))
    return [[name, *(format_value(name, scores.get(name)) for scores in systems)]
            for name in names]


def per_label_rows(result: TaskResult) -> list[list[str]]:
    """[label, ours F1, baseline F1...] when the task scores labels."""
    systems = [result.metrics, *result.baselines.values()]
    if "per_label_f1" not in result.metrics:
        return []
    labels = list(dict.fromkeys(k for s in systems for k in s.get("per_label_f1", {})))
    return [[label, *(format_value("f1", s.get("per_label_f1", {}).get(label))
                      for s in systems)] for label in labels]


def describe(result: TaskResult) -> str:
    """One line: items, time, and the settings a reader needs to interpret the numbers."""
    parts = [f"n = {result.n}", f"{result.seconds:.1f} s"]
    parts += [f"{k.replace('_', ' ')}: {v}" for k, v in result.settings.items()]
    if result.timing:
        parts.append("time: " + ", ".join(f"{k} {v:.1f} s" for k, v in result.timing.items()))
    if result.problems:
        parts.append(f"{len(result.problems)} problems (see --json)")
    return " · ".join(parts)


# --- terminal -----------------------------------------------------------------------------

def render(result: TaskResult) -> Group:
    systems = ["ours", *result.baselines]
    parts = [Text(f"{result.task} · {result.file}", style="bold"),
             _table(["metric", *systems], scalar_rows(result)), Text(describe(result))]
    if labels := per_label_rows(result):
        parts += [Text("F1 per label"), _table(["label", *systems], labels)]
    if confusion := result.metrics.get("confusion"):
        names = [str(label) for label in confusion["labels"]]
        rows = [[name, *map(str, row)] for name, row in zip(names, confusion["matrix"],
                                                            strict=True)]
        parts += [Text("ours: confusion matrix (rows gold, columns predicted)"),
                  _table(["", *names], rows)]
    return Group(*parts, Text(""))


def _table(columns: Sequence[str], rows: Sequence[Sequence[str]]) -> Table:
    table = Table()
    for index, column in enumerate(columns):
        table.add_column(column, justify="left" if index == 0 else "right")
    for row in rows:
        table.add_row(*row)
    return table


def print_results(results: Sequence[TaskResult], failures: Sequence[Failure],
                  console: Console) -> None:
    for result in results:
        console.print(render(result))
        for problem in result.problems[:5]:
            console.print(f"[yellow]problem[/] {problem}")
    for failure in failures:
        console.print(f"[red]{failure.task}[/] {failure.file}: {failure.reason}")


# --- BENCHMARKS.md ------------------------------------------------------------------------

def machine() -> str:
    memory = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    return (f"{platform.system()} {platform.machine()}, {os.cpu_count()} cores, "
            f"{memory:.0f} GiB RAM, Python {platform.python_version()}")


def benchmarks_blocks(results: Sequence[TaskResult], failures: Sequence[Failure],
                      date: str, data_dir: str | Path) -> dict[str, str]:
    """One markdown block per task and file, keyed by its heading; each says when it was run,
    so tables of different runs can stand side by side."""
    blocks = {}
    for result in results:
        heading = f"### {result.task} · `{_relative(result.file, data_dir)}`"
        systems = ["ours", *result.baselines]
        lines = [heading, "", f"{describe(result)} · run on {date}", "",
                 *_markdown(["metric", *systems], scalar_rows(result))]
        if labels := per_label_rows(result):
            lines += ["", "F1 per label:", "", *_markdown(["label", *systems], labels)]
        blocks[heading] = "\n".join(lines)
    for failure in failures:
        heading = f"### {failure.task}" + (
            f" · `{_relative(failure.file, data_dir)}`" if failure.file else "")
        blocks[heading] = f"{heading}\n\nNot measured (run on {date}): {failure.reason}"
    return blocks


def benchmarks_section(blocks: dict[str, str], command: str) -> str:
    """The markdown between the markers: how to re-create it, then the blocks in task order."""
    order = {task: index for index, task in enumerate(TASKS)}

    def position(heading: str) -> tuple[int, str]:
        task = heading.removeprefix("### ").split(" ")[0]
        return order.get(task, len(order)), heading

    lines = [
        START, "## Quality (`storyline eval`)", "",
        f"Re-create with `{command}`; `--only TASK,...` re-runs some tasks and keeps the other "
        f"tables, so each table says when it was run ({machine()}).",
        "Each table puts storyline (**ours**, the same functions the pipeline runs) next to "
        "simple baselines computed in the same run; metrics and baselines are described in "
        "[docs/evaluation.md](docs/evaluation.md).", "",
    ]
    for heading in sorted(blocks, key=position):
        lines += [blocks[heading], ""]
    lines.append(END)
    return "\n".join(lines)


def stored_blocks(text: str) -> dict[str, str]:
    """The per-task blocks of the quality section already in BENCHMARKS.md."""
    marked = re.search(re.escape(START) + r"(.*?)" + re.escape(END), text, re.DOTALL)
    if not marked:
        return {}
    parts = re.split(r"^(?=### )", marked.group(1), flags=re.MULTILINE)[1:]
    blocks = {part.split("\n", 1)[0]: part.strip() for part in parts}
    return {heading: block for heading, block in blocks.items()
            if heading.removeprefix("### ").split(" ")[0] in TASKS}


def update_benchmarks(path: str | Path, blocks: dict[str, str], command: str) -> None:
    """Put this run's blocks into the quality section, keeping the blocks of tasks it did
    not run. The file is locked while it is rewritten: runs over parts of the data may end
    at the same time."""
    with open(path, "a+", encoding="utf-8") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        handle.seek(0)
        current = handle.read() or "# Benchmarks\n"
        section = benchmarks_section({**stored_blocks(current), **blocks}, command)
        handle.seek(0)
        handle.truncate()
        handle.write(replace_section(current, section))


def _markdown(columns: Sequence[str], rows: Sequence[Sequence[str]]) -> list[str]:
    aligns = ["---", *["---:"] * (len(columns) - 1)]
    return ["| " + " | ".join(row) + " |" for row in (columns, aligns, *rows)]


def _relative(path: str, data_dir: str | Path) -> str:
    try:
        return str(Path(path).relative_to(data_dir))
    except ValueError:
        return str(path)


def replace_section(current: str, section: str) -> str:
    """Replace the text between the markers, or add the section at the end; everything
    outside the markers stays as it was."""
    marked = re.compile(re.escape(START) + r".*?" + re.escape(END), re.DOTALL)
    if marked.search(current):
        return marked.sub(lambda _: section, current, count=1)
    return current.rstrip("\n") + "\n\n" + section + "\n"
