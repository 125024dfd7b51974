"""The wire source an article names: "[Source: TASS]", "(AP) —", "cited by CNN".

Explicit source notes win over datelines, datelines over phrases in the running text.
The note itself stays in the article text (it is the publisher's own statement of where
the report comes from); only ``Article.attribution`` records the name.
"""

from __future__ import annotations

import re
from collections import Counter
from functools import cache
from importlib.resources import files

# A name as written in a credit: capitalized words or acronyms, a domain such as
# socialbites.ca, up to five words ("Agence France-Presse", "RIA Novosti").
_WORD = r"[A-Z][\w&'’-]*(?:\.[A-Za-z]+)*\.?"
_NAME = rf"(?:{_WORD}|[a-z][\w-]*\.[a-z]{{2,}})(?:[ ]+(?:{_WORD}|of|de))*"
_SOURCE_NOTE = re.compile(r"[\[(]?\b(?:Source|Sources|Via)\s*:\s*(?P<rest>[^\]\)\n]{1,200})")
# "WASHINGTON (AP) —", "MOSCOW, May 29 (Reuters) -": the article opens with place and
# date, then the agency.
_DATELINE = re.compile(r"\A\s*(?:[A-Z][^\n(]{0,60})?\((?P<name>" + _NAME + r")\)\s*[—–-]")
# Phrases whose object is a medium, so any name there counts.
_MEDIA_CUE = re.compile(
    r"\b(?:cited by|quoted by|according to a report (?:by|in))"
    r"\s+(?:the\s+)?(?P<name>" + _NAME + ")"
)
# These also introduce people and places: only a known agency or a web site counts there.
_PERSON_CUE = re.compile(
    r"\b(?:according to|reported by|told)\s+(?:the\s+)?(?P<name>" + _NAME + ")"
)
_DOMAIN = re.compile(r"^[a-z][\w-]*\.[a-z]{2,}$")
_MAX_NAME_WORDS = 5


def find_attribution(text: str) -> str | None:
    """The agency or outlet ``text`` credits for its report, or None."""
    for finder in (_from_source_note, _from_dateline, _from_phrases):
        name = finder(text)
        if name:
            return name
    return None


def without_dateline(text: str) -> str:
    """``text`` after an opening wire dateline ("WASHINGTON (AP) — ", "(CNN) -- ")."""
    match = _DATELINE.match(text)
    return text[match.end():].lstrip(" —–-") if match else text


def _from_source_note(text: str) -> str | None:
    for match in _SOURCE_NOTE.finditer(text):
        rest = match.group("rest")
        name = _known_in(rest) or _leading_name(rest)
        if name:
            return name
    return None


def _from_dateline(text: str) -> str | None:
    match = _DATELINE.match(text)
    return _accept(match.group("name"), any_name=True) if match else None


def _from_phrases(text: str) -> str | None:
    """The most cited name in the running text; the first cited on a tie."""
    names = [_accept(m.group("name"), any_name=True) for m in _MEDIA_CUE.finditer(text)]
    names += [_accept(m.group("name"), any_name=False) for m in _PERSON_CUE.finditer(text)]
    counted = Counter(name for name in names if name)
    return counted.most_common(1)[0][0] if counted else None


def _accept(name: str, any_name: bool) -> str | None:
    """The canonical name of a known agency; otherwise the name itself where any name counts
    (and always a web domain); else None."""
    name = name.strip(" .,'’")
    known = _known_in(name)
    if known:
        return known
    if _DOMAIN.match(name):
        return name
    if any_name and len(name.split()) <= _MAX_NAME_WORDS:
        return name
    return None


def _leading_name(text: str) -> str | None:
    match = re.match(r"\s*(?:the\s+)?(" + _NAME + ")", text)
    return _accept(match.group(1), any_name=True) if match else None


def _known_in(text: str) -> str | None:
    """The first known agency named in ``text``, by its canonical name."""
    hits = [(m.start(), m.group()) for m in known_names_pattern().finditer(text)]
    return known_sources()[min(hits)[1]] if hits else None


@cache
def known_sources() -> dict[str, str]:
    """Every spelling in data/wire_sources.txt -> the canonical name."""
    table = {}
    content = files("storyline.data").joinpath("wire_sources.txt").read_text(encoding="utf-8")
    for line in content.splitlines():
        if line.strip() and not line.lstrip().startswith("#"):
            spellings = [s.strip() for s in line.split("|") if s.strip()]
            table.update({s: spellings[0] for s in spellings})
    return table


@cache
def known_names_pattern() -> re.Pattern[str]:
    # Longest first, so "Associated Press" is not read as a bare "AP" somewhere inside.
    names = sorted(known_sources(), key=len, reverse=True)
    return re.compile(r"(?<![\w-])(?:" + "|".join(map(re.escape, names)) + r")(?![\w-])")
