"""Text normalization: Unicode NFC, one paragraph a line of input, spaces collapsed."""

from __future__ import annotations

import re
import unicodedata

PARAGRAPH_BREAK = "\n\n"
# Zero-width and soft-hyphen characters hide inside words and break matching.
_INVISIBLE = dict.fromkeys(map(ord, "\u00ad\u200b\u2060\ufeff"))
_SPACES = re.compile(r"[^\S\n]+")  # any whitespace but newlines, incl. NBSP and thin spaces
_BLOCK_BREAK = re.compile(r"\n[^\S\n]*\n")
_WORD = re.compile(r"\w+")
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_SENTENCE_END = tuple(".!?\"'”’)")
# A block counts as hard-wrapped (one paragraph broken at a fixed width) when its lines
# fill out to a common width: the longest in this range, the others at least this share.
_WRAP_WIDTH = (50, 110)
_WRAP_FILL = 0.6


def paragraphs(text: str) -> list[str]:
    """The paragraphs of ``text``: each non-empty line is one, except inside hard-wrapped
    blocks, whose lines are joined back into one paragraph."""
    text = unicodedata.normalize("NFC", text).translate(_INVISIBLE)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    result = []
    for block in _BLOCK_BREAK.split(text):
        lines = [" ".join(_SPACES.split(line)).strip() for line in block.split("\n")]
        lines = [line for line in lines if line]
        result.extend([" ".join(lines)] if _is_hard_wrapped(lines) else lines)
    return result


def join_paragraphs(parts: list[str]) -> str:
    return PARAGRAPH_BREAK.join(parts)


def word_count(text: str) -> int:
    return len(text.split())


def text_length(text: str) -> int:
    """Length in words, for scripts written without spaces too: two Chinese or Japanese
    characters count about as much text as one English word."""
    return word_count(text) + len(_CJK.findall(text)) // 2


def words(text: str) -> list[str]:
    """Lower-cased word tokens, for comparing lines regardless of punctuation."""
    return _WORD.findall(text.lower())


def same_headline(line: str, title: str) -> bool:
    """``line`` is the headline: the title's words, perhaps with the site name around them
    (or the title with it)."""
    line_words, title_words = words(line), words(title)
    if not line_words or not title_words:
        return False
    shorter, longer = sorted((line_words, title_words), key=len)
    n = len(shorter)
    return n >= 0.6 * len(longer) and any(
        longer[i : i + n] == shorter for i in range(len(longer) - n + 1)
    )


def _is_hard_wrapped(lines: list[str]) -> bool:
    if len(lines) < 2:
        return False
    longest = max(len(line) for line in lines)
    if not _WRAP_WIDTH[0] <= longest <= _WRAP_WIDTH[1]:
        return False
    body = lines[:-1]
    filled = all(len(line) >= _WRAP_FILL * longest for line in body)
    open_ended = sum(not line.endswith(_SENTENCE_END) for line in body)
    return filled and open_ended * 2 > len(body)
