"""Known metadata fields (front matter, JSON, CSV, feeds) onto a RawDocument."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from storyline.ingest.dates import ASSUMED_UTC, parse_date
from storyline.ingest.page import complete_from_page
from storyline.records import Problem, RawDocument

TEXT_FIELDS = ("text", "content", "body")
PUBLISHED_FIELDS = ("published", "date")
# Fields copied onto the RawDocument itself; any other field is kept in its metadata.
DOCUMENT_FIELDS = ("title", "url", "source")


def apply_metadata(doc: RawDocument, fields: Mapping[str, Any]) -> RawDocument:
    """Set title, url, source and published from ``fields``; keep the rest in metadata."""
    for name in DOCUMENT_FIELDS:
        value = _string(fields.get(name))
        if value:
            setattr(doc, name, value)
    raw_date = next((fields[k] for k in PUBLISHED_FIELDS if fields.get(k)), None)
    if raw_date is not None:
        set_published(doc, raw_date, "metadata")
    skip = {*DOCUMENT_FIELDS, *PUBLISHED_FIELDS, *TEXT_FIELDS, "html"}
    doc.metadata.update({k: v for k, v in fields.items() if k not in skip and v not in (None, "")})
    return doc


def set_published(doc: RawDocument, value: Any, found_in: str) -> None:
    """Record a publication date; an unreadable one is noted, not guessed."""
    published, assumed_utc = parse_date(value)
    if published is None:
        doc.metadata["published_unreadable"] = str(value)
        return
    doc.published, doc.published_from = published, found_in
    if assumed_utc:
        doc.metadata["published_zone"] = ASSUMED_UTC


def document_from_fields(origin: str, fields: object) -> RawDocument | Problem:
    """One JSON object or CSV row: text in ``text``/``content``/``body``, or a page in ``html``."""
    if not isinstance(fields, Mapping):
        return Problem(origin, f"expected an object with a text field, got {type(fields).__name__}")
    fields = {str(k).strip().lower(): v for k, v in fields.items()}
    text = next((t for k in TEXT_FIELDS if (t := _string(fields.get(k)))), "")
    html = _string(fields.get("html"))
    if not text and not html:
        return Problem(origin, "no article text (expected a text, content, body or html field)")
    doc = apply_metadata(RawDocument(origin=origin, text=text, html=html), fields)
    return complete_from_page(doc) if html and not text else doc


def _string(value: object) -> str | None:
    if value is None:
        return None
    text = str(value).strip()
    return text or None
