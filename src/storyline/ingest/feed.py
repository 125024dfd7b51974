"""RSS and Atom feeds: one RawDocument per entry, read with feedparser."""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from datetime import UTC, datetime

import feedparser

from storyline.ingest.fields import set_published
from storyline.records import Problem, RawDocument

_FEED_ROOT = re.compile(r"<(rss|feed|rdf:RDF)\b", re.IGNORECASE)
_XML_ENCODING = re.compile(r"^(\s*<\?xml[^>]*?)\s+encoding\s*=\s*[\"'][^\"']*[\"']")
_SNIFF_CHARS = 2048


def looks_like_feed(content: str) -> bool:
    return bool(_FEED_ROOT.search(content[:_SNIFF_CHARS]))


def read_feed(origin: str, content: str) -> Iterator[RawDocument | Problem]:
    if not looks_like_feed(content):
        yield Problem(origin, "XML file is not an RSS or Atom feed")
        return
    # The text is already decoded: drop the declared encoding so feedparser reads UTF-8,
    # and hand it a stream, so feedparser never takes the content for a URL to fetch.
    utf8 = _XML_ENCODING.sub(r"\1", content, count=1).encode("utf-8")
    feed = feedparser.parse(io.BytesIO(utf8))
    if not feed.entries:
        reason = getattr(feed, "bozo_exception", None) or "no entries"
        yield Problem(origin, f"feed has no readable entries ({reason})")
        return
    outlet = feed.feed.get("title") or None
    for number, entry in enumerate(feed.entries, start=1):
        yield _entry_document(f"{origin}:item {number}", entry, outlet)


def _entry_document(origin: str, entry, outlet: str | None) -> RawDocument | Problem:
    body, is_html = _entry_body(entry)
    if not body.strip():
        return Problem(origin, "feed item has no content or summary")
    doc = RawDocument(
        origin=origin,
        text="" if is_html else body,
        html=body if is_html else None,  # cleaned by the same HTML path as pages
        title=entry.get("title") or None,
        url=entry.get("link") or None,
        source=outlet,
    )
    if entry.get("id"):
        doc.metadata["id"] = entry["id"]
    _set_entry_date(doc, entry)
    return doc


def _entry_body(entry) -> tuple[str, bool]:
    """Full content (content:encoded, Atom content) when the feed has it, else the summary."""
    contents = [c for c in entry.get("content", []) if c.get("value", "").strip()]
    if contents:
        best = max(contents, key=lambda c: len(c["value"]))
        return best["value"], best.get("type", "text/html") != "text/plain"
    detail = entry.get("summary_detail") or {}
    return entry.get("summary", ""), detail.get("type", "text/html") != "text/plain"


def _set_entry_date(doc: RawDocument, entry) -> None:
    for key in ("published", "updated", "created"):
        if entry.get(key):
            set_published(doc, entry[key], "metadata")
            if doc.published is not None:
                return
    parsed = entry.get("published_parsed") or entry.get("updated_parsed")
    if parsed:  # feedparser's own reading, already converted to UTC
        doc.published = datetime(*parsed[:6], tzinfo=UTC)
        doc.published_from = "metadata"
