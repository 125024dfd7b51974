"""Line-level boilerplate: known UI phrases (data/boilerplate.txt), navigation blocks with
the neighbouring headlines they carry, and lines a site repeats on several of its pages.

Every rule works on whole paragraphs and never touches one longer than
``MAX_BOILERPLATE_WORDS``, so article prose is not cut into.
"""

from __future__ import annotations

import os
import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from importlib.resources import files
from urllib.parse import urlsplit

from storyline.clean.text import word_count

MAX_BOILERPLATE_WORDS = 25
MAX_TITLE_WORDS = 20
MIN_SITE_PAGES = 3  # a line on this many pages of one site in a batch is the site's template
EXTRA_RULES_ENV = "STORYLINE_BOILERPLATE"

_LEADING_MARKS = re.compile(r"^[\s\-–—•*·|>»›→]+")
_TRAILING_MARKS = re.compile(r"[\s.:!?|»›→\-–—…]+$")
_NOT_TITLE_END = (".", ":", ";", ",")


@dataclass(frozen=True)
class Rules:
    lines: re.Pattern[str]  # the line itself is boilerplate
    navigation: re.Pattern[str]  # the line and the headlines after it are
    closing: re.Pattern[str]  # navigation that only ever comes after the article body


@dataclass
class Cleaned:
    kept: list[str]
    removed: list[str]


def line_key(line: str) -> str:
    """The form patterns are matched against: lower case, single spaces, straight
    apostrophes, no bullets in front or punctuation at the end."""
    key = " ".join(line.lower().replace("’", "'").split())
    return _TRAILING_MARKS.sub("", _LEADING_MARKS.sub("", key))


def is_title_like(line: str) -> bool:
    """Short, capitalized, no sentence-final punctuation: a headline, not prose."""
    stripped = line.strip()
    return (
        0 < word_count(stripped) <= MAX_TITLE_WORDS
        and not stripped.endswith(_NOT_TITLE_END)
        and (stripped[0].isupper() or stripped[0].isdigit() or stripped[0] in "\"'“‘")
    )


def remove_boilerplate(
    paragraphs: Sequence[str], rules: Rules | None = None, site_lines: frozenset[str] = frozenset()
) -> Cleaned:
    """Split ``paragraphs`` into what is kept and what is removed, both in order."""
    rules = rules or default_rules()
    drop = [False] * len(paragraphs)
    for index, paragraph in enumerate(paragraphs):
        if word_count(paragraph) > MAX_BOILERPLATE_WORDS:
            continue
        key = line_key(paragraph)
        if rules.closing.fullmatch(key) and _only_short_after(paragraphs, index):
            drop[index:] = [True] * (len(paragraphs) - index)
            break
        if rules.navigation.fullmatch(key) or rules.closing.fullmatch(key):
            _drop_navigation(paragraphs, index, rules, drop)
        elif key in site_lines or rules.lines.fullmatch(key):
            drop[index] = True
    kept = [p for p, gone in zip(paragraphs, drop, strict=True) if not gone]
    removed = [p for p, gone in zip(paragraphs, drop, strict=True) if gone]
    return Cleaned(kept, removed)


def is_boilerplate_line(line: str, rules: Rules | None = None) -> bool:
    """A short line that some rule names on its own (as a line, or as a navigation or
    closing marker): for text that never went through :func:`remove_boilerplate`."""
    rules = rules or default_rules()
    key = line_key(line)
    return word_count(line) <= MAX_BOILERPLATE_WORDS and any(
        pattern.fullmatch(key) for pattern in (rules.lines, rules.navigation, rules.closing)
    )


def _only_short_after(paragraphs: Sequence[str], index: int) -> bool:
    """Nothing but short lines from ``index`` to the end: the site's closing block."""
    return all(word_count(p) <= MAX_BOILERPLATE_WORDS for p in paragraphs[index + 1 :])


def _drop_navigation(paragraphs: Sequence[str], start: int, rules: Rules, drop: list[bool]) -> None:
    """A navigation marker goes with the headlines right after it."""
    drop[start] = True
    for offset in range(start + 1, len(paragraphs)):
        paragraph = paragraphs[offset]
        key = line_key(paragraph)
        is_marker = rules.navigation.fullmatch(key) or rules.closing.fullmatch(key)
        if is_marker or not is_title_like(paragraph):
            return  # prose, or the next marker, which the caller handles in its turn
        drop[offset] = True


def site_of(source: str | None, url: str | None) -> str | None:
    """The key that groups one site's pages: its host name, else the outlet's name."""
    try:
        host = urlsplit(url).hostname if url else None
    except ValueError:  # a malformed URL names no host
        host = None
    if host:
        return host.removeprefix("www.")
    return source.strip().lower() if source else None


def learn_site_boilerplate(
    pages: Sequence[tuple[str | None, Sequence[str]]], min_pages: int = MIN_SITE_PAGES
) -> dict[str, frozenset[str]]:
    """For each site, the short lines (as ``line_key``) found on at least ``min_pages`` of its
    distinct pages: the site's template (newsletter prompts, section labels, teaser titles)."""
    counts: dict[str, Counter[str]] = defaultdict(Counter)
    # The same page given twice shares every line with itself: count each page once.
    distinct = {(site, tuple(paragraphs)) for site, paragraphs in pages if site is not None}
    for site, paragraphs in distinct:
        counts[site].update(
            {line_key(p) for p in paragraphs if word_count(p) <= MAX_BOILERPLATE_WORDS}
        )
    return {
        site: frozenset(key for key, n in counter.items() if n >= min_pages and key)
        for site, counter in counts.items()
    }


@cache
def default_rules() -> Rules:
    """The packaged list plus any files named in $STORYLINE_BOILERPLATE."""
    texts = [files("storyline.data").joinpath("boilerplate.txt").read_text(encoding="utf-8")]
    extra = os.environ.get(EXTRA_RULES_ENV, "")
    texts += [_read(path) for path in extra.split(os.pathsep) if path.strip()]
    return parse_rules("\n".join(texts))


def parse_rules(text: str) -> Rules:
    """Rules from the boilerplate.txt format: ``[lines]``, ``[navigation]`` and ``[closing]``
    sections of regular expressions, one a line, ``#`` comments."""
    sections: dict[str, list[str]] = {"lines": [], "navigation": [], "closing": []}
    current = "lines"
    for raw in text.splitlines():
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("[") and line[1:-1] in sections:
            current = line[1:-1]
            continue
        re.compile(line)  # a broken pattern fails here, naming itself
        sections[current].append(line)
    return Rules(*(_union(sections[name]) for name in ("lines", "navigation", "closing")))


def _union(patterns: list[str]) -> re.Pattern[str]:
    if not patterns:
        return re.compile(r"(?!)")  # matches nothing
    return re.compile("|".join(f"(?:{p})" for p in patterns))


def _read(path: str) -> str:
    with open(path, encoding="utf-8") as handle:
        return handle.read()
