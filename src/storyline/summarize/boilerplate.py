"""Sentences a summary must never pick: bylines, captions, calls to action, site chrome.

The clean stage removes most boilerplate lines (and keeps them in ``Article.removed``); what
slips through is caught here, sentence by sentence, so a summary is made of reporting only.
"""

from __future__ import annotations

import re

from storyline.records import Article

MIN_WORDS = 5  # "Threats were common." can be reporting, but shorter lines rarely are
BYLINE_WORDS = 15  # longer, and "By Monday ..." is more likely reporting than a byline
HEADLINE_WORDS = 20  # a line this short without an end mark reads as a headline or a label

_CHROME = re.compile(
    r"""^(
        \s*\|  # a caption or credit cut from a page layout
      | \W*(
          (photo|image|picture|video|graphic|illustration|caption|file\ photo|watch|listen)\b
            .{0,40}?[:|/]
        | (read|see|click|tap|scroll)\ (more|also|here|next|on|below|the\ full)
        | (related|more|previous|next)\ (article|story|stories|coverage|post|on)
        | advertisement | sponsored | subscribe | sign\ up | follow\ (us|@) | share\ (this|on)
        | copyright | ©
        | (published|updated|last\ updated|posted)\s*(:|at\s+\d|on\s+\d|\d)
        | (enlarge\ this\ image|toggle\ caption|hide\ caption)
        | no\ time\ to\ read
      )
    )""",
    re.IGNORECASE | re.VERBOSE,
)
# A byline: "By . Daily Mail Reporter", "By John Smith, CNN", "By our Europe correspondent".
_BYLINE = re.compile(
    r"^\W*By\s+(\.|(our|a|the)\s+[\w\s]{0,30}(correspondent|reporter|staff|writer)"
    r"|([A-Z][\w'’.-]+\s+){1,3}[A-Z][\w'’.-]+)"
)
_ANYWHERE = re.compile(
    r"all rights reserved|\bPUBLISHED:|\bUPDATED:|e-?mail (this|to a friend)"
    r"|(story|article) continues below|click here|getty images|\(AP Photo\b"
    r"|\w/(AP|AFP|Reuters|Getty|EPA)\b"  # a photo credit, "Pablo Martinez/AP"
    r"|your (tweets?|tweet location)|location information to your"
    r"|\(@\w{1,15}\)\s+[A-Z][a-z]+\.? \d{1,2}, \d{4}",  # an embedded tweet's signature
    re.IGNORECASE,
)
END_MARKS = (".", "!", "?", '"', "'", "”", "’", ")")
_WORD = re.compile(r"\w[\w'’-]*")


def word_count(text: str) -> int:
    return len(_WORD.findall(text))


def is_boilerplate(text: str, article: Article, whole_line: bool = False) -> bool:
    """True for a sentence that is site chrome rather than reporting.

    ``whole_line`` says the sentence fills its line in the article, so a short one with no end
    mark is a headline, a label or a caption, not a sentence of the report. A sentence that
    runs over several lines (a parser may join a headline, a byline and the first sentence)
    is boilerplate when any of its lines is.
    """
    stripped = text.strip()
    if word_count(stripped) < MIN_WORDS:
        return True
    lines = [line.strip() for line in stripped.splitlines() if line.strip()]
    if len(lines) == 1:
        return _is_chrome(stripped, article) or (whole_line and _is_headline(stripped))
    return any(_is_chrome(line, article) for line in lines) or any(
        _is_headline(line) and following[:1].isupper()
        for line, following in zip(lines, lines[1:], strict=False)
    )


def _is_chrome(line: str, article: Article) -> bool:
    if _CHROME.match(line) or _ANYWHERE.search(line):
        return True
    if _BYLINE.match(line) and word_count(line) <= BYLINE_WORDS:
        return True
    return _normal(line) in _removed_and_title(article)


def _is_headline(line: str) -> bool:
    return word_count(line) < HEADLINE_WORDS and not line.endswith(END_MARKS)


def _removed_and_title(article: Article) -> set[str]:
    lines = [*article.removed, article.title or ""]
    return {_normal(line) for line in lines if line.strip()}


def _normal(text: str) -> str:
    return " ".join(_WORD.findall(text.lower()))


def fills_line(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` is alone on its line (nothing but spaces around it)."""
    before = text.rfind("\n", 0, start)
    after = text.find("\n", end)
    after = len(text) if after < 0 else after
    return not text[before + 1 : start].strip() and not text[end:after].strip()
