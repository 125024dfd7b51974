"""Main text of an HTML page: trafilatura's extraction without the headline and standfirst
it sometimes repeats, then the same boilerplate rules as every other input."""

from __future__ import annotations

import re
from dataclasses import dataclass

import lxml.html
import trafilatura
from lxml.etree import ParserError

from storyline.clean.boilerplate import remove_boilerplate
from storyline.clean.text import join_paragraphs, paragraphs, same_headline, words

_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*>")
_INVISIBLE = "//script|//style|//noscript|//template"
_BLOCKS = ("p", "div", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "td")


@dataclass
class Page:
    paragraphs: list[str]  # the article body (no headline), before boilerplate rules
    title: str | None = None
    standfirst: str | None = None  # the summary line under the headline, not body text


def extract_main_text(html: str, url: str | None = None) -> str:
    """The article's paragraphs, separated by blank lines, without headline or boilerplate."""
    return join_paragraphs(remove_boilerplate(extract_page(html, url).paragraphs).kept)


def extract_page(html: str, url: str | None = None) -> Page:
    """trafilatura's main-text extraction, comments left out (they are not the article).
    A page or feed fragment trafilatura finds nothing in falls back to its block text."""
    tree = trafilatura.load_html(html)
    if tree is None:
        return Page(paragraphs(block_text(html)))
    h1_texts = [_text_of(h1) for h1 in tree.iter("h1")]  # before extraction prunes the tree
    document = trafilatura.bare_extraction(
        tree, url=url, include_comments=False, with_metadata=True
    )
    text = document.text if document is not None and document.text else ""
    if not text.strip():
        return Page(paragraphs(block_text(html)))
    headlines = [document.title or "", *h1_texts]
    return _split_heading(paragraphs(text), document.title, headlines, document.description)


def _split_heading(
    parts: list[str], title: str | None, headlines: list[str], description: str | None
) -> Page:
    """Take off a first line repeating the headline, and the standfirst under it."""
    if not parts or not any(same_headline(parts[0], h) for h in headlines if h):
        return Page(parts, title)
    body = parts[1:]
    # Only right under the headline is the page's description a standfirst; elsewhere it
    # is often the article's own first paragraph.
    if body and description and words(body[0]) == words(description):
        return Page(body[1:], title, standfirst=body[0])
    return Page(body, title)


def block_text(html: str) -> str:
    """All visible text, one line per block element: the fallback for fragments."""
    tree = _parse(html)
    if tree is None:
        return ""
    for element in tree.xpath(_INVISIBLE):
        element.drop_tree()
    for block in tree.iter(*_BLOCKS, "br"):
        block.tail = "\n" + (block.tail or "")
        if block.text:
            block.text = "\n" + block.text
    return tree.text_content()


def _parse(html: str):
    try:
        return lxml.html.fromstring(_XML_DECLARATION.sub("", html, count=1))
    except (ParserError, ValueError):
        return None


def _text_of(element) -> str:
    return " ".join(element.text_content().split())
