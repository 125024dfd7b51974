"""A cheap language check: the share of a language's commonest words in the text.

storyline's later stages read English; other text is still kept, marked with its language
when it is one of a few common ones, else "und" (undetermined).
"""

from __future__ import annotations

import re

UNDETERMINED = "und"
# Running text in any of these languages has well over this share of such words.
MIN_STOPWORD_SHARE = 0.10
_STOPWORDS = {
    "en": "the of and to a in is that for on it with as was by he said at from his an be "
    "have has are not this were which but or its they their been who will would had",
    "de": "der die und in den von zu das mit sich des auf für ist im dem nicht ein eine als "
    "auch es an er hat aus bei sie nach wird einer um",
    "fr": "le la les de des et en un une du est que qui dans pour pas au sur il a par plus "
    "ne se ce elle son sont avec ont",
    "es": "el la los las de del y en un una que es por con para se no al lo su como más pero "
    "sus le ha fue",
    "it": "il la le di e che un una per non in del della è con si da gli dei al alla sono ha "
    "ma come anche più",
    "pt": "o a os as de do da dos das e em um uma que é para com não no na por se mais ao "
    "como mas foi",
    "nl": "de het een en van in is dat op te zijn met voor niet aan er die als ook door "
    "maar om bij",
}
_WORDS = {code: frozenset(words.split()) for code, words in _STOPWORDS.items()}
_TOKEN = re.compile(r"\w+")


def guess_language(text: str) -> str:
    """An ISO 639-1 code among a few common languages, or "und"."""
    tokens = _TOKEN.findall(text.lower())
    if not tokens:
        return UNDETERMINED
    shares = {code: sum(t in words for t in tokens) / len(tokens) for code, words in _WORDS.items()}
    best = max(shares, key=shares.__getitem__)
    return best if shares[best] >= MIN_STOPWORD_SHARE else UNDETERMINED
