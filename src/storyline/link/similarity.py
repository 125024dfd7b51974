"""The one similarity used for linking: duplicates, rewrites, stories, merged events.

Sentences are compared by the cosine of their unit MiniLM vectors (rewrite alignment, event
evidence). Articles are compared within a :class:`TextSpace`, the collection being linked:
- sentences found verbatim in ``BOILERPLATE_MIN_TEXTS`` or more texts of the collection are
  boilerplate ("Share this article", an archive notice) and are left out;
- the *article vector* is the weighted mean of the first ``LEAD_SENTENCES`` remaining
  sentence vectors, sentence ``i`` weighted ``1 / (1 + i)``: news puts the story in the
  lead, later sentences drift into background that unrelated reports share (so plain texts
  need only their lead encoded);
- the TF-IDF vector (IDF fitted on the collection) adds the names and rare words that
  separate two stories about the same kind of thing.
similarity = (1 - LEXICAL_WEIGHT) * cos(article vectors) + LEXICAL_WEIGHT * cos(TF-IDF).
``text_similarity`` computes exactly this for plain texts, so the eval measures the number
that linking uses. A text against a story (``story_similarity``) also asks how much of the
text's opening the story already tells (``told``), from the lead sentence vectors the
space keeps.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np
from scipy import sparse
from sklearn.feature_extraction.text import TfidfVectorizer

from storyline.models import embed
from storyline.records import Annotation

DIM = 384
LEXICAL_WEIGHT = 0.6
BOILERPLATE_MIN_TEXTS = 3
LEAD_SENTENCES = 20
TOLD_SENTENCES = 10  # the opening sentences of an article looked up in a story
TOLD_WEIGHT = 0.5  # share of the story similarity's semantic part that is ``told``
# A sentence ends at . ! or ? (closing quotes/brackets allowed) before a capital or digit,
# or at a line break. Only for plain texts: annotated articles bring spaCy's sentences.
_SENTENCE_BREAK = re.compile(
    r"(?<=[.!?])[\"'\u201d\u2019)\]]*\s+(?=[\"\u201c\u2018(\[]?[A-Z0-9])|\s*\n\s*"
)


def sentence_vectors(annotation: Annotation) -> np.ndarray:
    """Unit vectors of the article's sentences, one row each, in one encoder batch."""
    return embed([sentence.text for sentence in annotation.sentences])


def lead_weights(count: int) -> np.ndarray:
    """Weight of each sentence position: the lead counts most."""
    return 1.0 / (1.0 + np.arange(count, dtype=np.float32))


def article_vector(
    sentence_matrix: np.ndarray, title_vector: np.ndarray | None = None
) -> np.ndarray:
    """The unit article vector: the lead-weighted mean of its first ``LEAD_SENTENCES``
    sentence vectors. A title, when given, counts as the article's first sentence."""
    rows = np.asarray(sentence_matrix, dtype=np.float32).reshape(-1, DIM)
    if title_vector is not None:
        rows = np.vstack([np.asarray(title_vector, dtype=np.float32).reshape(1, DIM), rows])
    rows = rows[:LEAD_SENTENCES]
    if not len(rows):
        return np.zeros(DIM, dtype=np.float32)
    return _unit(lead_weights(len(rows)) @ rows)


def article_matrix(sentence_matrices: Sequence[np.ndarray]) -> np.ndarray:
    """Article vectors of many articles, one row each."""
    if not sentence_matrices:
        return np.zeros((0, DIM), dtype=np.float32)
    return np.vstack([article_vector(m) for m in sentence_matrices])


def cosine(a: np.ndarray, b: np.ndarray) -> float | np.ndarray:
    """Cosine of two vectors, or the matrix of cosines between the rows of two matrices."""
    a = np.asarray(a, dtype=np.float32)
    b = np.asarray(b, dtype=np.float32)
    if a.ndim == 1 and b.ndim == 1:
        return float(_unit(a) @ _unit(b))
    return _unit_rows(np.atleast_2d(a)) @ _unit_rows(np.atleast_2d(b)).T


def split_sentences(text: str) -> list[str]:
    """A light sentence split for plain texts that have no annotation."""
    return [part.strip() for part in _SENTENCE_BREAK.split(text) if part and part.strip()]


def _sentence_matrices(sentences: Sequence[Sequence[str]]) -> list[np.ndarray]:
    """Sentence vectors of many texts, all encoded in one batch."""
    flat = embed([s for group in sentences for s in group])
    bounds = np.cumsum([0] + [len(group) for group in sentences])
    return [flat[start:end] for start, end in zip(bounds[:-1], bounds[1:], strict=True)]


def text_similarity(texts_a: list[str], texts_b: list[str]) -> np.ndarray:
    """Similarity of ``texts_a[i]`` and ``texts_b[i]`` for every i, as linking computes it
    (the space is fitted on the distinct texts given)."""
    if len(texts_a) != len(texts_b):
        raise ValueError("text_similarity compares pairs: both lists must have one length")
    distinct = list(dict.fromkeys([*texts_a, *texts_b]))  # a text in many pairs is one text
    row = {text: i for i, text in enumerate(distinct)}
    space = TextSpace.of_texts(distinct)
    rows_a, rows_b = [row[t] for t in texts_a], [row[t] for t in texts_b]
    semantic = np.einsum("ij,ij->i", space.vectors[rows_a], space.vectors[rows_b])
    lexical = np.asarray(space.lexical[rows_a].multiply(space.lexical[rows_b]).sum(axis=1))
    return (1 - LEXICAL_WEIGHT) * semantic + LEXICAL_WEIGHT * lexical.ravel()


@dataclass
class TextSpace:
    """Article vectors and TF-IDF vectors of one collection of texts, row for row."""

    vectors: np.ndarray  # n x DIM unit article vectors (zero for an all-boilerplate text)
    lexical: sparse.csr_matrix  # n x vocabulary unit TF-IDF rows
    # per text, the vectors of its first LEAD_SENTENCES content sentences (by default the
    # article vector alone, as one sentence)
    leads: list[np.ndarray] = field(default_factory=list)

    def __post_init__(self) -> None:
        if not self.leads:
            self.leads = [vector.reshape(1, -1) for vector in self.vectors]

    @classmethod
    def of_sentences(
        cls, sentence_texts: Sequence[Sequence[str]], sentence_matrices: Sequence[np.ndarray]
    ) -> TextSpace:
        """From every text's sentences and all their vectors (stored articles)."""
        kept = _content(sentence_texts)
        return cls._of_leads(kept, [m[mask] for m, (_, mask) in zip(sentence_matrices, kept,
                                                                       strict=True)])

    @classmethod
    def of_texts(cls, texts: Sequence[str]) -> TextSpace:
        """Plain texts, split into sentences here; only the lead the article vector uses is
        encoded (one encoder batch for the whole collection)."""
        sentences = [split_sentences(text) or [text.strip() or " "] for text in texts]
        kept = _content(sentences)
        return cls._of_leads(kept, _sentence_matrices([s[:LEAD_SENTENCES] for s, _ in kept]))

    @classmethod
    def _of_leads(
        cls, kept: list[tuple[list[str], np.ndarray]], lead_matrices: Sequence[np.ndarray]
    ) -> TextSpace:
        """From each text's content sentences and the vectors of (at least) their lead."""
        leads = [np.asarray(m, dtype=np.float32)[:LEAD_SENTENCES] for m in lead_matrices]
        return cls(article_matrix(leads), _tfidf([" ".join(s) for s, _ in kept]), leads)

    def __len__(self) -> int:
        return len(self.vectors)

    def similarity(self, row: int, others: Sequence[int]) -> np.ndarray:
        """The linking similarity of text ``row`` to each text in ``others`` (computed for
        those rows only: a story's members or an index's candidates, never the collection)."""
        others = list(others)
        semantic = self.vectors[others] @ self.vectors[row]
        lexical = (self.lexical[others] @ self.lexical[row].T).toarray().ravel()
        return (1 - LEXICAL_WEIGHT) * semantic + LEXICAL_WEIGHT * lexical

    def centroid_similarity(self, row: int, others: Sequence[int]) -> float:
        """The linking similarity of text ``row`` to the centroid of ``others``: the cosine
        with the sum of their article vectors and with the sum of their TF-IDF vectors,
        combined as in ``similarity``. For one text it is the pairwise similarity."""
        others = list(others)
        semantic = _cosine_with_sum(self.vectors[row], self.vectors[others])
        lexical = _cosine_with_sum(self.lexical[row], self.lexical[others])
        return (1 - LEXICAL_WEIGHT) * semantic + LEXICAL_WEIGHT * lexical

    def story_similarity(self, row: int, others: Sequence[int]) -> float:
        """How well text ``row`` fits the story of ``others``: ``centroid_similarity`` with
        its semantic part shared with ``told``. The centroid hears what the story says as a
        whole; ``told`` finds the sentences of the article that one of the story's articles
        already tells, though the rest of that article is about other things."""
        others = list(others)
        semantic = ((1 - TOLD_WEIGHT) * _cosine_with_sum(self.vectors[row], self.vectors[others])
                    + TOLD_WEIGHT * self.told(row, others))
        lexical = _cosine_with_sum(self.lexical[row], self.lexical[others])
        return (1 - LEXICAL_WEIGHT) * semantic + LEXICAL_WEIGHT * lexical

    def told(self, row: int, others: Sequence[int]) -> float:
        """How much of text ``row``'s opening ``others`` already tell: the mean, over its
        first ``TOLD_SENTENCES`` sentences, of each one's best cosine with any lead sentence
        of ``others`` (0 when either side has none)."""
        opening = self.leads[row][:TOLD_SENTENCES]
        story = [self.leads[k] for k in others if len(self.leads[k])]
        if not len(opening) or not story:
            return 0.0
        return float((opening @ np.vstack(story).T).max(axis=1).mean())

    def mean_similarity(self, rows: Sequence[int], others: Sequence[int]) -> float:
        """Average link: the mean similarity over every pair across two groups."""
        if not rows or not others:
            return 0.0
        return float(np.mean([self.similarity(row, others).mean() for row in rows]))


def content_masks(sentence_texts: Sequence[Sequence[str]]) -> list[np.ndarray]:
    """Per text, which sentences carry content: not repeated verbatim across the collection.

    Identical texts count like any others: a page repeated whole under unrelated stories
    is a template (a login wall, an archive notice). Copies of one report never get here in
    the pipeline: they are linked to their origin before stories are built."""
    keys = [[_sentence_key(s) for s in texts] for texts in sentence_texts]
    spread = Counter(key for text_keys in keys for key in set(text_keys))
    return [np.array([spread[key] < BOILERPLATE_MIN_TEXTS for key in text_keys], dtype=bool)
            for text_keys in keys]


def _content(
    sentence_texts: Sequence[Sequence[str]],
) -> list[tuple[list[str], np.ndarray]]:
    """Per text, its content sentences and the mask that picked them."""
    return [([s for s, keep in zip(texts, mask, strict=True) if keep], mask)
            for texts, mask in zip(sentence_texts, content_masks(sentence_texts), strict=True)]


def _sentence_key(sentence: str) -> str:
    return " ".join(re.findall(r"\w+", sentence.casefold()))


def _tfidf(texts: Sequence[str]) -> sparse.csr_matrix:
    """Unit TF-IDF rows; all zero when the texts share no usable word."""
    try:
        return TfidfVectorizer(sublinear_tf=True, stop_words="english").fit_transform(texts)
    except ValueError:  # empty vocabulary
        return sparse.csr_matrix((len(texts), 1), dtype=np.float64)


def _cosine_with_sum(
    vector: np.ndarray | sparse.csr_matrix, rows: np.ndarray | sparse.csr_matrix
) -> float:
    """Cosine of one row with the sum of ``rows`` (0 when either is all zero). Sparse rows
    are summed sparse: the cost follows the words the texts use, not the vocabulary."""
    if sparse.issparse(rows):
        total = sparse.csr_matrix(np.ones((1, rows.shape[0]))) @ rows
        dot = float(vector.multiply(total).sum())
        norms = np.sqrt(float(vector.multiply(vector).sum()) * float(total.multiply(total).sum()))
    else:
        total = rows.sum(axis=0)
        dot = float(vector @ total)
        norms = float(np.linalg.norm(vector) * np.linalg.norm(total))
    return dot / norms if norms > 0 else 0.0


def _unit(vector: np.ndarray) -> np.ndarray:
    norm = float(np.linalg.norm(vector))
    return vector / norm if norm > 0 else vector


def _unit_rows(matrix: np.ndarray) -> np.ndarray:
    norms = np.linalg.norm(matrix, axis=1, keepdims=True)
    return matrix / np.where(norms > 0, norms, 1.0)
