"""Names shared between articles, and how much a shared name says.

Stories weigh the entities (and places) an article shares with a story by their rarity in
the collection: two reports that both name "Strzok" or "Zvečan" are far more likely one
story than two that both name "Trump" or "Monday". Stored articles bring the entities of
their parse; plain texts (``cluster_texts``, the eval) have no parse, so their names are
found here from capitalisation alone, which costs a regular expression per text.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Hashable, Iterable, Sequence

from storyline.link.similarity import split_sentences

# A word: a letter, then letters, digits, apostrophes or hyphens ("O'Rourke", "Jean-Luc").
_WORD = re.compile(r"[^\W\d_][\w'\u2019-]*")
_POSSESSIVE = re.compile(r"['\u2019]s$")


def text_names(texts: Sequence[str]) -> list[frozenset[str]]:
    """Per text, the casefolded words used as names: capitalised inside a sentence, in more
    texts of the collection than they are written in lower case. The collection decides, so
    a headline's Title Case ("Fed Sees High Bar") makes no name of "sees", while "Fed",
    written capitalised wherever it occurs, is one."""
    words = [_words(text) for text in texts]
    capitalised = Counter(w for text in words for w in {w.casefold() for w, first in text
                                                      if w[0].isupper() and not first})
    lower = Counter(w for text in words for w in {w for w, _ in text if w[0].islower()})
    return [frozenset(w.casefold() for w, first in text
                      if w[0].isupper() and len(w) > 1
                      and capitalised[w.casefold()] > lower[w.casefold()])
            for text in words]


def rarity(sets: Iterable[Iterable[Hashable]]) -> dict[Hashable, float]:
    """Inverse document frequency of each name over the collection, ln(n / texts naming it):
    a name every text shares weighs nothing."""
    sets = [set(names) for names in sets]
    spread = Counter(name for names in sets for name in names)
    return {name: math.log(len(sets) / count) for name, count in spread.items()}


def _words(text: str) -> list[tuple[str, bool]]:
    """(word without a possessive 's, whether it opens its sentence), in order."""
    return [(_POSSESSIVE.sub("", match.group()), k == 0)
            for sentence in split_sentences(text)
            for k, match in enumerate(_WORD.finditer(sentence))]
