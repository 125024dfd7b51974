"""What an HTML page says about itself: title, canonical url, site name, publication date."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime

import htmldate
import lxml.html
from lxml.etree import ParserError
from trafilatura import extract_metadata

from storyline.ingest.dates import ASSUMED_UTC, parse_date
from storyline.records import Problem, RawDocument

_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*>")
_INVISIBLE = "//script|//style|//noscript|//template"
_HTMLDATE_FORMAT = "%Y-%m-%dT%H:%M:%S%z"
# Where pages state the full publication timestamp (htmldate keeps only the day of some).
_TIMESTAMP_META = (
    "article:published_time",
    "og:article:published_time",
    "datepublished",
    "pubdate",
    "publishdate",
    "dc.date.issued",
    "parsely-pub-date",
    "sailthru.date",
)
_JSON_LD_PUBLISHED = re.compile(r'"datePublished"\s*:\s*"([^"]{8,40})"')


def complete_from_page(doc: RawDocument) -> RawDocument | Problem:
    """Fill what the caller did not know (title, url, site, date) from the page in ``doc.html``.
    Values already set (front matter, JSON fields) win over the page."""
    html = doc.html or ""
    if not has_visible_text(html):
        return Problem(doc.origin, "HTML page has no readable text (empty or malformed)")
    meta = extract_metadata(html, default_url=doc.url)
    if meta is not None:
        doc.title = doc.title or meta.title
        doc.url = doc.url or meta.url
        doc.source = doc.source or meta.sitename
    if doc.published is None:
        _set_page_date(doc, html)
    return doc


def has_visible_text(html: str) -> bool:
    try:
        tree = lxml.html.fromstring(_XML_DECLARATION.sub("", html, count=1))
    except (ParserError, ValueError):
        return False
    for element in tree.xpath(_INVISIBLE):
        element.drop_tree()
    return bool(tree.text_content().strip())


def _set_page_date(doc: RawDocument, html: str) -> None:
    """The day comes from htmldate (the engine behind trafilatura's date metadata), asked for
    the original publication rather than the last update; a timestamp the page states for that
    same day adds the time and zone."""
    found = htmldate.find_date(html, url=doc.url, original_date=True, outputformat=_HTMLDATE_FORMAT)
    if not found:
        return
    published = datetime.fromisoformat(found)
    stated = _stated_timestamp(html, published.date())
    if stated is not None:
        published = stated
    elif published.tzinfo is None:
        published = published.replace(tzinfo=UTC)
        doc.metadata["published_zone"] = ASSUMED_UTC
    doc.published, doc.published_from = published, "page"


def _stated_timestamp(html: str, day: date) -> datetime | None:
    """A zoned publication timestamp from meta tags or JSON-LD that falls on ``day``."""
    for value in _timestamp_candidates(html):
        moment, assumed_utc = parse_date(value)
        if moment is not None and not assumed_utc and moment.date() == day:
            return moment
    return None


def _timestamp_candidates(html: str) -> list[str]:
    try:
        tree = lxml.html.fromstring(_XML_DECLARATION.sub("", html, count=1))
    except (ParserError, ValueError):
        return []
    values = []
    for meta in tree.iter("meta"):
        key = (meta.get("property") or meta.get("name") or meta.get("itemprop") or "").lower()
        if key in _TIMESTAMP_META and meta.get("content"):
            values.append(meta.get("content"))
    values += [t.get("datetime") for t in tree.iter("time") if t.get("datetime")]
    return values + _JSON_LD_PUBLISHED.findall(html)
