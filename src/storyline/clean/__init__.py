"""Clean: raw documents into Articles with clean text; what cannot be used becomes a Problem.

Per document: main text (HTML through ``clean.html``), paragraphs normalized
(``clean.text``), boilerplate removed and kept on record (``clean.boilerplate``, including
lines a site repeats across the batch), the title taken off the body, the wire source it
credits (``clean.attribution``), its language (``clean.language``), a content hash and a
stable id.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Sequence
from dataclasses import dataclass, field

from storyline.clean.attribution import find_attribution
from storyline.clean.boilerplate import (
    is_title_like,
    learn_site_boilerplate,
    remove_boilerplate,
    site_of,
)
from storyline.clean.html import extract_page
from storyline.clean.language import guess_language
from storyline.clean.text import (
    join_paragraphs,
    paragraphs,
    same_headline,
    text_length,
    word_count,
)
from storyline.records import Article, Problem, RawDocument

__all__ = ["clean_documents", "content_hash", "article_id", "MIN_WORDS", "NO_TEXT"]

log = logging.getLogger(__name__)

MIN_WORDS = 20
NO_TEXT = "no article text after cleaning"
MIN_HEADLINE_WORDS = 3


@dataclass
class _Draft:
    """One document on its way: body paragraphs before the boilerplate rules."""

    raw: RawDocument
    paragraphs: list[str]
    title: str | None
    removed: list[str] = field(default_factory=list)

    @property
    def site(self) -> str | None:
        return site_of(self.raw.source, self.raw.url)


def clean_documents(raws: Sequence[RawDocument]) -> tuple[list[Article], list[Problem]]:
    """Articles for the usable documents, in order, and a Problem for each of the others
    (no text left, or the same article twice in the batch)."""
    drafts: list[_Draft] = []
    problems: list[Problem] = []
    for raw in raws:
        _collect(_attempt(raw.origin, _draft, raw), drafts, problems)
    site_lines = learn_site_boilerplate([(d.site, d.paragraphs) for d in drafts])
    articles: list[Article] = []
    first_origin: dict[str, str] = {}
    for draft in drafts:
        result = _attempt(draft.raw.origin, _finish, draft, site_lines.get(draft.site, frozenset()))
        if isinstance(result, Article) and result.id in first_origin:
            result = Problem(result.origin, f"same article as {first_origin[result.id]}", "clean")
        if isinstance(result, Article):
            first_origin[result.id] = result.origin
        _collect(result, articles, problems)
    return articles, problems


def content_hash(text: str) -> str:
    """sha1 of the text lower-cased with its whitespace collapsed."""
    return hashlib.sha1(" ".join(text.split()).lower().encode("utf-8")).hexdigest()


def article_id(source: str | None, url: str | None, title: str | None, digest: str) -> str:
    """Stable across runs: the same document always gets the same id."""
    key = f"{source or ''}|{url or ''}|{title or ''}|{digest}"
    return hashlib.sha1(key.encode("utf-8")).hexdigest()[:16]


def _draft(raw: RawDocument) -> _Draft:
    if raw.text.strip() or not raw.html:
        return _Draft(raw, paragraphs(raw.text), raw.title)
    page = extract_page(raw.html, raw.url)
    removed = [page.standfirst] if page.standfirst else []
    return _Draft(raw, page.paragraphs, raw.title or page.title, removed)


def _finish(draft: _Draft, site_lines: frozenset[str]) -> Article | Problem:
    raw = draft.raw
    cleaned = remove_boilerplate(draft.paragraphs, site_lines=site_lines)
    title, body = _split_title(cleaned.kept, draft.title)
    text = join_paragraphs(body)
    if text_length(text) < MIN_WORDS:
        return Problem(raw.origin, NO_TEXT, "clean")
    digest = content_hash(text)
    language = guess_language(text)
    if language != "en":
        log.info("%s: the text does not look English (%s); kept as is", raw.origin, language)
    return Article(
        id=article_id(raw.source, raw.url, title, digest),
        origin=raw.origin,
        title=title,
        text=text,
        content_hash=digest,
        source=raw.source,
        url=raw.url,
        published=raw.published,
        published_from=raw.published_from,
        removed=draft.removed + cleaned.removed,
        attribution=find_attribution(text),
        language=language,
    )


def _split_title(body: list[str], title: str | None) -> tuple[str | None, list[str]]:
    """The title, and the body without a first line repeating it. Text without a title
    gets its first line as title when that line reads as a headline."""
    if title:
        if body and same_headline(body[0], title):
            return title, body[1:]
        return title, body
    if len(body) > 1 and is_title_like(body[0]) and word_count(body[0]) >= MIN_HEADLINE_WORDS:
        return body[0], body[1:]
    return None, body


def _attempt(origin: str, step, *args):
    """Run one document's step; a failure becomes that document's Problem, not the batch's."""
    try:
        return step(*args)
    except Exception as error:  # one odd document must never stop the batch
        log.debug("cleaning %s failed", origin, exc_info=True)
        return Problem(origin, f"could not be cleaned ({type(error).__name__}: {error})", "clean")


def _collect(result, good: list, problems: list[Problem]) -> None:
    (problems if isinstance(result, Problem) else good).append(result)
