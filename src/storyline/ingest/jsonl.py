"""JSON Lines (one article object a line) and plain JSON (one object or a list of them)."""

from __future__ import annotations

import json
from collections.abc import Iterator

from storyline.ingest.fields import document_from_fields
from storyline.records import Problem, RawDocument


def read_jsonl(origin: str, content: str) -> Iterator[RawDocument | Problem]:
    """A malformed line is reported with its number and the rest of the file goes on."""
    # split("\n"), not splitlines(): JSON strings may hold U+2028, which splitlines breaks on.
    for number, line in enumerate(content.split("\n"), start=1):
        if not line.strip():
            continue
        line_origin = f"{origin}:line {number}"
        try:
            fields = json.loads(line)
        except json.JSONDecodeError as error:
            yield Problem(line_origin, f"malformed JSON: {error.msg} (column {error.colno})")
            continue
        yield document_from_fields(line_origin, fields)


def read_json(origin: str, content: str) -> Iterator[RawDocument | Problem]:
    try:
        data = json.loads(content)
    except json.JSONDecodeError as error:
        yield Problem(origin, f"malformed JSON: {error.msg} (line {error.lineno})")
        return
    if not isinstance(data, list):
        yield document_from_fields(origin, data)
        return
    for number, item in enumerate(data, start=1):
        yield document_from_fields(f"{origin}:item {number}", item)
