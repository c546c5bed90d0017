"""Vectors of runs of neighbouring sentences, and of spans inside each sentence, from one
pass of USE over the sentences alone.

USE-multilingual v3 embeds a text by summing its token features and passing the sum,
scaled by the token count, through a small dense head. Each token feature sees at most
two tokens on either side, so the features of sentences joined into one text are almost
the sums of the sentences' own features: only the few tokens beside each join differ,
and the start and end markers of the inner sentences must be left out. One pass over
the sentences thus gives every run of neighbours at about the cost of the sentences,
where re-encoding the joined runs costs about 8 times the tokens (how close the two
are: BENCHMARKS.md). The same holds inside a sentence: a clause's vector is the head of
the features of the tokens that begin in it and of the sentence's markers, where
encoding the clause as a text of its own would pass over its tokens again.

This follows the backend's architecture through `backend`; any other backend makes
`compose` return None and the caller encodes the texts.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ..protocol import Composed, Spans
from . import backend as use

__all__ = ["TokenSums", "compose", "token_sums"]


@dataclass
class TokenSums:
    """Per sentence: the sum of its inner token features, its first and last token
    features (the start and end markers) and its token count; per span (of all sentences
    in order): the sum of the features of the tokens that begin in it, and their count."""

    inner: np.ndarray
    first: np.ndarray
    last: np.ndarray
    lengths: np.ndarray
    span_sums: np.ndarray
    span_tokens: np.ndarray


def compose(backend: object, texts: list[str], sizes: list[int], spans: Spans) -> Composed | None:
    """Runs: row k of result.runs[size] is the vector of texts k-size+1..k as one text
    (zeros for k < size-1); size 1 gives the sentence vectors themselves (those of
    encoding them, within 3e-7). Spans: result.spans[k] holds a vector per (start, end)
    character span of spans[k], the span of text k as a text of its own (a span that is
    the whole text gets the text's own vector).

    None when `backend` is not the numpy USE backend `backend` knows.
    """
    if not use.supported(backend) or not texts:
        return None
    with use.limit_threads(backend):
        return _compose(backend, texts, sizes, spans)


def _compose(backend, texts: list[str], sizes: list[int], spans: Spans) -> Composed:
    """The head's first layer is linear, so it is applied to each sentence's sums once,
    and runs are summed in its 512 dimensions rather than the 1,280 of the features."""
    sums = token_sums(backend, texts, spans)
    weights = use.first_layer(backend)
    inner, first, last = (part @ weights for part in (sums.inner, sums.first, sums.last))
    inner_tokens = (sums.lengths - 2).astype(np.float32)
    n = len(texts)
    total, tokens = inner.copy(), inner_tokens.copy()  # of the run of `size` ending at each k
    runs = {}
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
        runs[size] = vectors
    counts = np.array([len(own) for own in spans], dtype=np.int64)
    owner = np.repeat(np.arange(n), counts)
    span_vectors = np.zeros((len(owner), use.output_dim(backend)), dtype=np.float32)
    if len(owner):
        projected = sums.span_sums @ weights + first[owner] + last[owner]
        span_vectors = use.head(backend, projected, sums.span_tokens + 2)
    return Composed(runs, np.split(span_vectors, np.cumsum(counts)[:-1]))


def _token_ranges(begins: np.ndarray, spans: list[tuple[int, int]]) -> np.ndarray:
    """(lo, hi) inner-token range of each character span: the tokens that begin in it,
    else (a span inside one token) the token it falls in; (0, 0) for a text of no tokens."""
    ranges = np.zeros((len(spans), 2), dtype=np.int64)
    for row, (start, end) in enumerate(spans):
        lo = int(np.searchsorted(begins, start, side="left"))
        hi = int(np.searchsorted(begins, end, side="left"))
        if hi <= lo and len(begins):
            lo = max(int(np.searchsorted(begins, start, side="right")) - 1, 0)
            hi = lo + 1
        ranges[row] = lo, hi
    return ranges


def token_sums(backend, texts: list[str], spans: Spans) -> TokenSums:
    """Token feature sums of each text and of each of its spans, in micro-batches of the
    backend's token budget."""
    ids, begins = use.tokenize(backend, texts)
    budget = use.token_budget()
    dim = use.feature_dim(backend)
    inner, first, last = (np.zeros((len(texts), dim), dtype=np.float32) for _ in range(3))
    span_sums, span_tokens = [], []
    start = 0
    while start < len(ids):
        stop, count = start + 1, len(ids[start])
        while stop < len(ids) and count + len(ids[stop]) <= budget:
            count += len(ids[stop])
            stop += 1
        feats = use.token_features(backend, ids[start:stop], count)
        lens = np.array([len(row) for row in ids[start:stop]], dtype=np.int64)
        starts = np.concatenate([[0], np.cumsum(lens)[:-1]])
        own_first, own_last = feats[starts], feats[starts + lens - 1]
        first[start:stop], last[start:stop] = own_first, own_last
        inner[start:stop] = np.add.reduceat(feats, starts, axis=0) - own_first - own_last
        ranges = [
            _token_ranges(begins[k], spans[k]) + starts[k - start] + 1 for k in range(start, stop)
        ]
        if any(len(r) for r in ranges):
            # every bound lies before its text's end marker, so inside `feats`
            bounds = np.vstack(ranges)
            sums = np.add.reduceat(feats, bounds.ravel(), axis=0)[::2]
            sizes = bounds[:, 1] - bounds[:, 0]
            sums[sizes == 0] = 0.0
            span_sums.append(sums)
            span_tokens.append(sizes)
        start = stop
    return TokenSums(
        inner, first, last, np.array([len(row) for row in ids]),
        np.vstack(span_sums) if span_sums else np.zeros((0, dim), dtype=np.float32),
        np.concatenate(span_tokens) if span_tokens else np.zeros(0, dtype=np.int64),
    )
