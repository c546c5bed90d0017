"""Which summary lines have no source: a second look at the first pass's links.

The order-aware pass links a line when its margin clears one fixed threshold, but
margins run at different levels in different texts (a literary summary's true lines
score about half what a technical one's do), so one threshold both links lines added
from elsewhere and drops true ones. This test looks at each line within its own text:
how its best margin stands against the text's other lines (median and spread), how
far its link sits from where its neighbours' links say it should, whether the first
pass linked it, and its length (short lines such as "'What?'" are often added).
A logistic model weighs these; lines it calls English-only lose their links, and
unlinked lines it calls sourced are linked to their best candidate.

The weights were fitted on synthetic summaries made from the benchmark texts with
seeds other than summary-dev's, both literary and non-literary
(`benchmarks/fit_english_only.py`). The features are free of the margin scale, yet
weights fitted on one genre alone do not carry over to the other: literary summaries
need literary training lines (BENCHMARKS.md).
"""

from __future__ import annotations

import numpy as np

from ..config import EnglishOnlyWeights

__all__ = ["MIN_LINES", "line_features", "probabilities", "revise_links"]

MIN_LINES = 6  # fewer summary lines than this give no reliable median and spread
SPREAD_FLOOR = 0.01  # least spread of best margins (median absolute deviation)


def probabilities(weights: EnglishOnlyWeights, features: np.ndarray) -> np.ndarray:
    """The logistic model's probability that each line (a row of `line_features`) is
    English-only."""
    coefficients = np.array(
        [weights.linked, weights.relative_margin, weights.position, weights.log_length]
    )
    return 1.0 / (1.0 + np.exp(-(features @ coefficients + weights.intercept)))


def line_features(
    zh_ids: list[list[int]], margins: np.ndarray, en_lengths: np.ndarray
) -> np.ndarray:
    """(n_en, 4): linked, relative best margin, log position offset, log length.

    The relative margin is (best - median of all lines' best) / spread. The position
    offset is the distance, in the summary's pace (Chinese sentences per English line),
    between the line's link (or best candidate) and the middle of its nearest linked
    neighbours' first links.
    """
    n_zh, n_en = margins.shape
    best = margins.max(axis=0)
    median = float(np.median(best))
    spread = max(float(np.median(np.abs(best - median))), SPREAD_FLOOR)
    firsts = [min(ids) if ids else None for ids in zh_ids]
    before = _nearest_linked(firsts)  # before[j]: first link of the last linked line before j
    after = _nearest_linked(firsts[::-1])[::-1]
    pace = max(1.0, n_zh / n_en)
    features = np.zeros((n_en, 4))
    for j in range(n_en):
        chosen = firsts[j] if firsts[j] is not None else int(margins[:, j].argmax())
        known = [p for p in (before[j], after[j]) if p is not None]
        expected = sum(known) / len(known) if known else chosen
        features[j] = (
            firsts[j] is not None,
            (best[j] - median) / spread,
            np.log1p(abs(chosen - expected) / pace),
            np.log(max(float(en_lengths[j]), 1.0)),
        )
    return features


def _nearest_linked(firsts: list[int | None]) -> list[int | None]:
    """Per line, the first link of the nearest linked line before it (None if none)."""
    nearest: list[int | None] = []
    last = None
    for first in firsts:
        nearest.append(last)
        if first is not None:
            last = first
    return nearest


def revise_links(
    zh_ids: list[list[int]],
    margins: np.ndarray,
    en_lengths: np.ndarray,
    weights: EnglishOnlyWeights | None = None,
) -> list[list[int]]:
    """The links with the test's verdict applied: English-only lines unlinked, sourced
    lines that had no link given their best candidate."""
    n_en = margins.shape[1]
    if n_en < MIN_LINES or margins.shape[0] == 0:
        return zh_ids
    weights = weights or EnglishOnlyWeights()
    chances = probabilities(weights, line_features(zh_ids, margins, en_lengths))
    english_only = chances > weights.threshold
    revised = []
    for j, ids in enumerate(zh_ids):
        if english_only[j]:
            revised.append([])
        elif not ids:
            revised.append([int(margins[:, j].argmax())])
        else:
            revised.append(ids)
    return revised
