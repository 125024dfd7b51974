"""A nearest-neighbour index over unit vectors, behind two small methods.

At storyline's scale (hundreds to a few thousand articles) one matrix product per query is
exact and fast. The linking code only calls ``add``/``update``/``query``, so an approximate
index (HNSW, Faiss) could replace this class without touching it.
"""

from __future__ import annotations

import numpy as np

from storyline.link.similarity import DIM


class VectorIndex:
    """Keys 0..n-1 with one unit vector each; query returns the nearest keys by cosine."""

    def __init__(self, vectors: np.ndarray | None = None, dim: int = DIM) -> None:
        initial = np.zeros((0, dim), dtype=np.float32) if vectors is None else vectors
        self._rows = np.array(initial, dtype=np.float32, copy=True).reshape(-1, dim)
        self._size = len(self._rows)

    def __len__(self) -> int:
        return self._size

    def add(self, vector: np.ndarray) -> int:
        """Store a vector under the next key and return that key."""
        if self._size == len(self._rows):  # grow by doubling: adding stays cheap
            grown = np.zeros((max(8, 2 * len(self._rows)), self._rows.shape[1]), np.float32)
            grown[: self._size] = self._rows[: self._size]
            self._rows = grown
        self._rows[self._size] = vector
        self._size += 1
        return self._size - 1

    def update(self, key: int, vector: np.ndarray) -> None:
        self._rows[key] = vector

    def query(
        self, vector: np.ndarray, k: int, min_similarity: float = -1.0
    ) -> list[tuple[int, float]]:
        """Up to ``k`` (key, cosine) pairs, most similar first, at least ``min_similarity``."""
        if not self._size or k <= 0:
            return []
        scores = self._rows[: self._size] @ np.asarray(vector, dtype=np.float32)
        count = min(k, self._size)
        top = np.argpartition(-scores, count - 1)[:count]
        top = top[np.argsort(-scores[top], kind="stable")]
        return [(int(key), float(scores[key])) for key in top if scores[key] >= min_similarity]
