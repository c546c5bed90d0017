"""Vectors of runs of neighbouring sentences from one pass of USE over the sentences alone.

USE-multilingual v3 embeds a text by summing its token features and passing the sum,
scaled by the token count, through a small dense head. Each token feature sees at most
two tokens on either side, so the features of sentences joined into one text are almost
the sums of the sentences' own features: only the few tokens beside each join differ,
and the start and end markers of the inner sentences must be left out. One pass over
the sentences thus gives every run of neighbours at about the cost of the sentences,
where re-encoding the joined runs costs about 8 times the tokens (how close the two
are: BENCHMARKS.md).

This follows the backend's architecture through `backend`; any other backend makes
`run_vectors` return None and the caller re-encodes.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from . import backend as use

__all__ = ["TokenSums", "run_vectors", "token_sums"]


@dataclass
class TokenSums:
    """Per sentence: the sum of its inner token features, its first and last token
    features (the start and end markers) and its token count."""

    inner: np.ndarray
    first: np.ndarray
    last: np.ndarray
    lengths: np.ndarray


def run_vectors(
    backend: object, texts: list[str], sizes: list[int]
) -> dict[int, np.ndarray] | None:
    """Row k of result[size]: the vector of texts k-size+1..k as one text (zeros for k < size-1).

    Size 1 gives the sentence vectors themselves (those of encoding them, within 3e-7).
    None when `backend` is not the numpy USE backend `backend` knows.
    """
    if not use.supported(backend) or not texts:
        return None
    with use.limit_threads(backend):
        return _runs(backend, texts, sizes)


def _runs(backend, texts: list[str], sizes: list[int]) -> dict[int, np.ndarray]:
    """The head's first layer is linear, so it is applied to each sentence's sums once,
    and runs are summed in its 512 dimensions rather than the 1,280 of the features."""
    sums = token_sums(backend, texts)
    weights = use.first_layer(backend)
    inner, first, last = (part @ weights for part in (sums.inner, sums.first, sums.last))
    inner_tokens = (sums.lengths - 2).astype(np.float32)
    n = len(texts)
    total, tokens = inner.copy(), inner_tokens.copy()  # of the run of `size` ending at each k
    out = {}
    for size in range(1, max(sizes, default=0) + 1):
        if size > 1:
            total[size - 1 :] = total[size - 2 : n - 1] + inner[size - 1 :]
            tokens[size - 1 :] = tokens[size - 2 : n - 1] + inner_tokens[size - 1 :]
        if size not in sizes:
            continue
        vectors = np.zeros((n, use.output_dim(backend)), dtype=np.float32)
        if n >= size:
            ends = slice(size - 1, n)
            projected = total[ends] + first[: n - size + 1] + last[ends]
            vectors[ends] = use.head(backend, projected, tokens[ends] + 2)
        out[size] = vectors
    return out


def token_sums(backend, texts: list[str]) -> TokenSums:
    """Token feature sums of each text, in micro-batches of the backend's token budget."""
    ids = use.tokenize(backend, texts)
    budget = use.token_budget()
    dim = use.feature_dim(backend)
    inner, first, last = (np.zeros((len(texts), dim), dtype=np.float32) for _ in range(3))
    start = 0
    while start < len(ids):
        stop, count = start + 1, len(ids[start])
        while stop < len(ids) and count + len(ids[stop]) <= budget:
            count += len(ids[stop])
            stop += 1
        inner[start:stop], first[start:stop], last[start:stop] = use.token_features(
            backend, ids[start:stop], count
        )
        start = stop
    return TokenSums(inner, first, last, np.array([len(row) for row in ids]))
