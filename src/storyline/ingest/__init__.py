"""Ingest: read files, directories and stdin into RawDocuments; bad input becomes a Problem.

One reader per input kind (text.py, page.py, jsonl.py, table.py, feed.py), all yielding
``RawDocument`` or ``Problem``. Nothing here raises for one bad file.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path

from storyline.ingest.decoding import NotText, decode
from storyline.ingest.feed import looks_like_feed, read_feed
from storyline.ingest.jsonl import read_json, read_jsonl
from storyline.ingest.page import complete_from_page
from storyline.ingest.table import read_csv
from storyline.ingest.text import read_text
from storyline.records import Problem, RawDocument

__all__ = ["DEFAULT_MAX_BYTES", "read_sources", "read_bytes"]

DEFAULT_MAX_BYTES = 5_000_000
STDIN = "-"

Item = RawDocument | Problem
Reader = Callable[[str, str], Iterable[Item]]


def _read_html(origin: str, content: str) -> Iterator[Item]:
    yield complete_from_page(RawDocument(origin=origin, html=content))


def _read_plain(origin: str, content: str) -> Iterator[Item]:
    yield read_text(origin, content)


def _read_markdown(origin: str, content: str) -> Iterator[Item]:
    yield read_text(origin, content, markdown=True)


READERS: dict[str, Reader] = {
    "text": _read_plain,
    "markdown": _read_markdown,
    "html": _read_html,
    "jsonl": read_jsonl,
    "json": read_json,
    "csv": read_csv,
    "feed": read_feed,
}
KIND_BY_SUFFIX = {
    ".txt": "text",
    ".text": "text",
    ".md": "markdown",
    ".markdown": "markdown",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".json": "json",
    ".csv": "csv",
    ".tsv": "csv",
    ".xml": "feed",
    ".rss": "feed",
    ".atom": "feed",
}


def read_sources(paths: Sequence[str], max_bytes: int = DEFAULT_MAX_BYTES) -> Iterator[Item]:
    """Every document under ``paths`` (files, directories walked recursively in sorted order
    without hidden entries, or "-" for stdin), in order, with a Problem for each bad input."""
    for path in paths:
        if path == STDIN:
            yield from _read_stdin(max_bytes)
        else:
            yield from _read_path(Path(path), max_bytes)


def read_bytes(origin: str, data: bytes, kind: str | None = None) -> Iterator[Item]:
    """Decode ``data`` and read it as ``kind`` (sniffed from the content when None)."""
    try:
        content = decode(data, markup=kind in (None, "html", "feed"))
    except NotText as reason:
        yield Problem(origin, str(reason))
        return
    reader = READERS[kind or sniff_kind(content)]
    try:
        yield from reader(origin, content)
    except Exception as error:  # a library choking on one odd file must not stop the batch
        yield Problem(origin, f"could not be read ({type(error).__name__}: {error})")


def sniff_kind(content: str) -> str:
    """What stdin (or an unnamed input) holds: JSON Lines, a feed, HTML, or plain text."""
    head = content.lstrip("\ufeff \t\r\n")
    if head.startswith("{"):
        return "jsonl"
    if head.startswith("["):
        return "json"
    if head.startswith("<") and looks_like_feed(head):
        return "feed"
    if head.startswith("<") or "<html" in head[:2048].lower():
        return "html"
    return "text"


def _read_stdin(max_bytes: int) -> Iterator[Item]:
    stream = getattr(sys.stdin, "buffer", None)
    data = stream.read(max_bytes + 1) if stream else sys.stdin.read().encode("utf-8")
    if len(data) > max_bytes:
        yield Problem("stdin", f"larger than the {_megabytes(max_bytes)} limit")
        return
    yield from read_bytes("stdin", data)


def _read_path(path: Path, max_bytes: int) -> Iterator[Item]:
    if path.is_dir():
        for file in _files_under(path):
            yield from _read_file(file, max_bytes)
    elif path.is_file():
        yield from _read_file(path, max_bytes)
    else:
        yield Problem(str(path), "no such file or directory")


def _files_under(root: Path) -> Iterator[Path]:
    """Files below ``root``, sorted, skipping hidden files and directories."""
    for directory, subdirectories, files in os.walk(root):
        subdirectories[:] = sorted(d for d in subdirectories if not d.startswith("."))
        for name in sorted(files):
            if not name.startswith("."):
                yield Path(directory, name)


def _read_file(path: Path, max_bytes: int) -> Iterator[Item]:
    origin = str(path)
    kind = KIND_BY_SUFFIX.get(path.suffix.lower())
    if kind is None:
        yield Problem(origin, f"skipped: unsupported file type {path.suffix or '(no extension)'}")
        return
    try:
        size = path.stat().st_size
        if size > max_bytes:
            limit = _megabytes(max_bytes)
            yield Problem(origin, f"larger than the {limit} limit ({_megabytes(size, 1)})")
            return
        data = path.read_bytes()
    except OSError as error:
        yield Problem(origin, f"cannot be read: {error.strerror or error}")
        return
    yield from read_bytes(origin, data, kind)


def _megabytes(size: int, decimals: int | None = None) -> str:
    value = size / 1_000_000
    return f"{value:.{decimals}f} MB" if decimals is not None else f"{value:g} MB"
