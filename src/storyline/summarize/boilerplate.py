"""Sentences a summary must never pick: bylines, captions, calls to action, site chrome.

The clean stage removes boilerplate lines (and keeps them in ``Article.removed``); what
slips through, or comes in plain text that was never cleaned, is caught here sentence by
sentence with the clean stage's own rules (data/boilerplate.txt) plus what only shows
inside a sentence: publication stamps, photo credits, embedded tweets, markup.
"""

from __future__ import annotations

import re

from storyline.clean.boilerplate import is_boilerplate_line, line_key
from storyline.clean.text import word_count
from storyline.records import Article

MIN_WORDS = 5  # "Threats were common." can be reporting, but shorter lines rarely are
BYLINE_WORDS = 15  # longer, and "By Monday ..." is more likely reporting than a byline
HEADLINE_WORDS = 20  # a line this short without an end mark reads as a headline or a label

# A byline the clean rules miss: "By John Smith, CNN", "By our Europe correspondent".
_BYLINE = re.compile(
    r"^\W*By\s+(\.|(our|a|the)\s+[\w\s]{0,30}(correspondent|reporter|staff|writer)"
    r"|([A-Z][\w'’.-]+\s+){1,3}[A-Z][\w'’.-]+)"
)
_INSIDE = re.compile(
    r"^\s*\|"  # a caption or credit cut from a page layout
    r"|\bPUBLISHED:|\bUPDATED:|all rights reserved|e-?mail (this|to a friend)|click here"
    r"|^\W*(enlarge this image|toggle caption|hide caption)"
    r"|\(AP Photo\b|\w/(AP|AFP|Reuters|Getty|EPA)\b"  # photo credits, "Pablo Martinez/AP"
    r"|\w - (AP|AFP|Reuters|Getty|EPA)( images)?\W*$"  # and "(Jane Doe - GETTY IMAGES)"
    r"|^\W*(see|view) (all|more)\b|\bsee more (videos|photos)\b"  # links to more of the site
    r"|when the video has been rented|this video is (unavailable|no longer available)"
    r"|non-commercial use only|\border reprints\b"  # a reprint notice
    r"|your (tweets?|tweet location)|location information to your"  # a tweet widget
    r"|\(@\w{1,15}\)\s+[A-Z][a-z]+\.? \d{1,2}, \d{4}"  # an embedded tweet's signature
    r"|</?[a-z][a-z0-9]*(\s+[a-z:-]+(=\"[^\"]*\")?)*\s*/?>"  # markup left in the text
    r"|\b[a-z:-]+=\"[^\"]*\"\s*/?>",
    re.IGNORECASE,
)
END_MARKS = (".", "!", "?", '"', "'", "”", "’", ")")


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
    if _INSIDE.search(line) or (_BYLINE.match(line) and word_count(line) <= BYLINE_WORDS):
        return True
    return line_key(line) in _removed_and_title(article) or is_boilerplate_line(line)


def _is_headline(line: str) -> bool:
    return word_count(line) < HEADLINE_WORDS and not line.endswith(END_MARKS)


def _removed_and_title(article: Article) -> set[str]:
    return {line_key(line) for line in (*article.removed, article.title or "") if line.strip()}


def fills_line(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` is alone on its line (nothing but spaces around it)."""
    before = text.rfind("\n", 0, start)
    after = text.find("\n", end)
    after = len(text) if after < 0 else after
    return not text[before + 1 : start].strip() and not text[end:after].strip()
