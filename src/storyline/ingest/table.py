"""CSV files: one article a row, the same fields as JSON Lines as column names."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator

from storyline.ingest.fields import document_from_fields
from storyline.records import Problem, RawDocument

_DELIMITERS = ",;\t"
_SNIFF_CHARS = 8192


def read_csv(origin: str, content: str) -> Iterator[RawDocument | Problem]:
    # Article bodies can exceed csv's default 128 KiB field limit; the file size limit
    # already bounds them.
    csv.field_size_limit(max(csv.field_size_limit(), len(content)))
    reader = csv.DictReader(io.StringIO(content, newline=""), dialect=_dialect(content))
    try:
        for row in reader:
            yield document_from_fields(f"{origin}:line {reader.line_num}", row)
    except csv.Error as error:
        yield Problem(f"{origin}:line {reader.line_num}", f"malformed CSV: {error}")


def _dialect(content: str) -> type[csv.Dialect] | csv.Dialect:
    try:
        return csv.Sniffer().sniff(content[:_SNIFF_CHARS], delimiters=_DELIMITERS)
    except csv.Error:
        return csv.excel
