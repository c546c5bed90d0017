"""Cheap lexical evidence that sentence embeddings miss: the figures a sentence states.

Embeddings hardly tell 53,000 from 50,000, or see that `5.3万` is 53,000. Each
sentence gets a small signature of the values of its figures (hashed into a few
dimensions) that is appended to its embedding: sentences sharing a figure move
closer, and a sentence whose figures its candidate lacks moves away, inside the
same cosine the aligners already use.
"""

from __future__ import annotations

import numpy as np

from ..core.similarity import normalize_rows
from ..text.numbers import figure_values

__all__ = [
    "SIGNATURE_DIM",
    "figure_bags",
    "with_signatures",
]

SIGNATURE_DIM = 64


def figure_bags(texts: list[str], lang: str, dim: int = SIGNATURE_DIM) -> np.ndarray:
    """One row per text: 1 in the slot of each of its hashed figure values, else 0."""
    rows = np.zeros((len(texts), dim), dtype=np.float32)
    for row, text in enumerate(texts):
        for value in figure_values(text, lang):
            rows[row, hash(round(float(value), 3)) % dim] = 1.0
    return rows


def with_signatures(vectors: np.ndarray, signatures: np.ndarray, weight: float) -> np.ndarray:
    """Append weighted signatures to normalised vectors and renormalise."""
    if weight <= 0 or len(vectors) == 0:
        return vectors
    return normalize_rows(np.hstack([vectors, weight * signatures])).astype(np.float32)
