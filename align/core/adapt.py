"""A per-text correction of the Chinese vectors, learned from the text's own first alignment.

A multilingual encoder places a Chinese sentence and its translation near each other,
but not at the same point, and how they miss each other depends on the text (its
register, its names, its translator). The one-to-one pairs of a first alignment are
mostly right, so a linear map fitted on them, pulled towards the identity (ridge),
moves the Chinese vectors closer to their English counterparts for this text only;
a second search with the corrected vectors places some boundaries better (BENCHMARKS.md).
"""

from __future__ import annotations

import numpy as np

from .similarity import normalize_rows

__all__ = [
    "MIN_PAIRS",
    "corrected",
    "fit_correction",
]

MIN_PAIRS = 20  # fewer one-to-one pairs say too little about the text to correct anything


def fit_correction(zh: np.ndarray, en: np.ndarray, ridge: float) -> np.ndarray:
    """W minimising |zh W - en|^2 + ridge |W - I|^2 over paired rows of `zh` and `en`.

    W = I + (X'X + rI)^-1 X'(Y - X) = I + X'(XX' + rI)^-1 (Y - X): the system is solved in
    whichever is smaller, the vectors' dimension (576 with figure signatures) or the
    number of pairs. Most texts have fewer pairs than that (an article of an archive a
    few dozen), and a 576 x 576 system with 576 right-hand sides costs the same whatever
    the text (tens of ms on one core, over 100 ms in a busy worker).
    """
    x = zh.astype(np.float64)
    y = en.astype(np.float64)
    pairs, dim = x.shape
    if pairs < dim:
        return np.eye(dim) + x.T @ np.linalg.solve(x @ x.T + ridge * np.eye(pairs), y - x)
    return np.eye(dim) + np.linalg.solve(x.T @ x + ridge * np.eye(dim), x.T @ (y - x))


def corrected(vectors: np.ndarray, correction: np.ndarray) -> np.ndarray:
    """Rows mapped by the correction and normalised again, in the input's dtype."""
    return normalize_rows(vectors @ correction.astype(vectors.dtype)).astype(vectors.dtype)
