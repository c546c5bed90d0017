"""Pure numpy maths on sentence vectors: groups, neighbourhoods, margins.

Raw cosine is not comparable across documents or sentences: some sentences sit
close to everything. Scores here are margin-normalised (cosine minus the mean
cosine of each side's nearest neighbours), so one threshold means the same
thing in every document.
"""

from __future__ import annotations

import numpy as np

__all__ = [
    "blocks",
    "margin_scores",
    "normalize_rows",
    "top_k_mean",
    "window_max",
    "window_sums",
    "window_totals",
]


def normalize_rows(vectors: np.ndarray) -> np.ndarray:
    """L2-normalise each row; an all-zero row stays zero."""
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    return vectors / np.maximum(norms, 1e-12)


def window_sums(vectors: np.ndarray, size: int) -> np.ndarray:
    """Row k holds the normalised sum of rows k-size+1..k (zero where k < size-1).

    The vector of a group of `size` consecutive sentences ending at k: averaging
    sentence vectors is a cheap, length-neutral stand-in for re-encoding the
    joined text.
    """
    n, dim = vectors.shape
    out = np.zeros((n, dim), dtype=np.float32)
    if size <= n:
        cumulative = np.cumsum(vectors, axis=0, dtype=np.float64)
        sums = cumulative[size - 1 :].copy()
        sums[1:] -= cumulative[: n - size]
        out[size - 1 :] = normalize_rows(sums)
    return out


def window_max(rows: np.ndarray, size: int) -> np.ndarray:
    """Elementwise maximum of each window of `size` consecutive rows; row r of the
    result is the window ending at row r + size - 1 (only full windows)."""
    out = rows[size - 1 :].copy()
    for back in range(1, size):
        np.maximum(out, rows[size - 1 - back : len(rows) - back], out=out)
    return out


def window_totals(values: np.ndarray, size: int) -> np.ndarray:
    """Sum of `values` over each window of `size` ending at k (nan where k < size-1)."""
    out = np.full(len(values), np.nan)
    if size <= len(values):
        cumulative = np.concatenate([[0.0], np.cumsum(values, dtype=np.float64)])
        out[size - 1 :] = cumulative[size:] - cumulative[: len(values) - size + 1]
    return out


def top_k_mean(scores: np.ndarray, k: int, axis: int = 1) -> np.ndarray:
    """Mean of the k largest scores along `axis` (all of them when fewer than k)."""
    length = scores.shape[axis]
    if length == 0:
        return np.zeros(scores.shape[1 - axis])
    k = max(1, min(k, length))
    part = np.partition(scores, length - k, axis=axis)
    top = part[:, length - k :] if axis == 1 else part[length - k :, :]
    return top.mean(axis=axis)


def margin_scores(cosines: np.ndarray, k: int = 4) -> np.ndarray:
    """Cosine minus half the neighbourhood density of each row and column (CSLS / 2)."""
    row_density = top_k_mean(cosines, k, axis=1)
    col_density = top_k_mean(cosines, k, axis=0)
    return cosines - (row_density[:, None] + col_density[None, :]) / 2


def blocks(vectors: np.ndarray, size: int) -> np.ndarray:
    """Normalised sums of consecutive blocks of `size` rows (the last block may be short)."""
    n = len(vectors)
    starts = np.arange(0, n, size)
    return normalize_rows(np.add.reduceat(vectors.astype(np.float64), starts, axis=0)).astype(
        np.float32
    )
