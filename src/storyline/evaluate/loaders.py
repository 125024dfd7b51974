"""Read an evaluation file (JSONL, one item a line) and check each line has what its task
needs. A bad line becomes a Problem naming the file and line; it never stops the run."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from storyline.records import Problem

# Each entry is a field name, or a tuple of names of which one must be there.
Fields = Sequence[str | tuple[str, ...]]


@dataclass
class Loaded:
    items: list[dict[str, Any]]
    problems: list[Problem] = field(default_factory=list)


def load_items(path: str | Path, required: Fields, limit: int | None = None) -> Loaded:
    """The first ``limit`` valid items of a JSONL file (all when ``limit`` is None)."""
    loaded = Loaded(items=[])
    with open(path, encoding="utf-8") as lines:
        for number, line in enumerate(lines, start=1):
            if limit is not None and len(loaded.items) >= limit:
                break
            if not line.strip():
                continue
            item, reason = _parse(line, required)
            if reason:
                loaded.problems.append(Problem(f"{path}:line {number}", reason, "evaluate"))
            else:
                loaded.items.append(item)
    return loaded


def _parse(line: str, required: Fields) -> tuple[dict[str, Any], str | None]:
    try:
        item = json.loads(line)
    except json.JSONDecodeError as error:
        return {}, f"not JSON: {error}"
    if not isinstance(item, dict):
        return {}, "not a JSON object"
    for need in required:
        options = (need,) if isinstance(need, str) else need
        if not any(item.get(name) is not None for name in options):
            return {}, f"missing field {' or '.join(repr(o) for o in options)}"
    return item, None
