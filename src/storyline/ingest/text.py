"""Plain text and Markdown files, with optional front matter between two ``---`` lines."""

from __future__ import annotations

import re

from markdown_it import MarkdownIt

from storyline.ingest.fields import apply_metadata
from storyline.records import RawDocument

_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(?P<head>.*?)\n(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.DOTALL)
_FIELD = re.compile(r"^(?P<key>[A-Za-z_][\w-]*)\s*:\s*(?P<value>.*)$")


def read_text(origin: str, content: str, markdown: bool = False) -> RawDocument:
    fields, body = split_front_matter(content.replace("\r\n", "\n"))
    text = markdown_to_text(body) if markdown else body
    return apply_metadata(RawDocument(origin=origin, text=text), fields)


def split_front_matter(content: str) -> tuple[dict[str, str], str]:
    """``key: value`` lines between ``---`` lines at the very top; values are kept as written
    (no YAML typing, so a date stays the string the author wrote)."""
    match = _FRONT_MATTER.match(content.lstrip("\ufeff"))
    if not match:
        return {}, content
    fields = {}
    for line in match.group("head").splitlines():
        field = _FIELD.match(line.strip())
        if field:
            fields[field.group("key").lower()] = _unquote(field.group("value").strip())
    return fields, content[match.end() :]


def markdown_to_text(markdown: str) -> str:
    """The words of a Markdown document, one paragraph per block (heading, paragraph, list
    item, quote), without markup: link targets, images and raw HTML are dropped."""
    blocks = []
    for token in MarkdownIt("commonmark").parse(markdown):
        if token.type == "inline":
            blocks.append(_inline_text(token.children or []))
        elif token.type in ("fence", "code_block"):
            blocks.append(token.content.strip())
    return "\n\n".join(block for block in blocks if block.strip())


def _inline_text(children) -> str:
    parts = []
    for child in children:
        if child.type in ("text", "code_inline"):
            parts.append(child.content)
        elif child.type == "softbreak":
            parts.append(" ")
        elif child.type == "hardbreak":
            parts.append("\n")
    return "".join(parts).strip()


def _unquote(value: str) -> str:
    if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
        return value[1:-1]
    return value
