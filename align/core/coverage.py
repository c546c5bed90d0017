"""Which parts of a linked sentence the linked text renders, from each part's evidence.

Each part (`text.parts`) of a linked sentence brings its evidence against the sentences it
is linked with (`embed.coverage`): how much closer its vector is to them than to the
other side at large (its margin), how it compares with its sibling parts (a summary keeps
the part closest to its line and drops the others), and which share of its dictionary
words and of its figures and names the linked text holds. A logistic score of these
says how surely the part is rendered. Rendered stretches are contiguous more often than
not, so the decisions along a sentence are smoothed: a two-state path over its parts
pays `switch_cost` for each change between rendered and unrendered. A sentence of one
part is rendered: its link already says so.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

__all__ = ["PARAMS", "CoverageParams", "PartFeatures", "decide_parts"]


@dataclass(frozen=True)
class CoverageParams:
    """Weights of the log-odds that a part is rendered, and of the smoothing along a
    sentence; `PARAMS` holds those of each side (see BENCHMARKS.md, coverage)."""

    bias: float
    margin: float  # per unit of the part's margin over its own density
    relative: float  # per unit of cosine the part lies above its best sibling (<= 0)
    words: float  # per share of the part's dictionary words found, centred on 0.5
    items: float  # per share of its figures and names found, centred on 0.5
    mutual: float  # when the part and a part of the linked text are each other's best
    whole: float  # per unit of cosine the part lies above its whole sentence
    switch_cost: float  # log-odds paid for a change of state along a sentence
    length_power: float  # a part's log-odds count (its characters / the mean)^this


# Fitted on summary-dev-fused (a logistic fit, then a coordinate search on the scored
# characters); the English lines' parts are sentences, so their weights differ.
PARAMS = {
    "zh": CoverageParams(
        bias=0.48, margin=7.37, relative=6.08, words=2.02, items=1.7, mutual=0.82,
        whole=-3.88, switch_cost=1.5, length_power=1.5,
    ),
    "en": CoverageParams(
        bias=3.1, margin=4.1, relative=7.99, words=1.88, items=0.19, mutual=1.48,
        whole=-1.3, switch_cost=1.0, length_power=0.0,
    ),
}


@dataclass(frozen=True)
class PartFeatures:
    """The evidence of every part of the linked sentences of one side, one row a part;
    the parts of a sentence are consecutive rows sharing `sentence`."""

    sentence: np.ndarray  # (n,) int: key of the sentence the part belongs to
    margin: np.ndarray  # (n,) cosine to the linked text minus the part's density
    relative: np.ndarray  # (n,) cosine minus the best cosine among its sentence's parts
    words: np.ndarray  # (n,) share of dictionary words found; NaN: the part has none
    items: np.ndarray  # (n,) share of figures and names found; NaN: none
    mutual: np.ndarray  # (n,) 1 where the part and a part of the linked text are each
    # other's best match (among the parts of its sentence, and of the linked text), else 0
    whole: np.ndarray  # (n,) its cosine to the linked text less its whole sentence's
    chars: np.ndarray  # (n,) its length in characters


def _log_odds(features: PartFeatures, params: CoverageParams) -> np.ndarray:
    words = np.where(np.isnan(features.words), 0.5, features.words)
    items = np.where(np.isnan(features.items), 0.5, features.items)
    return (
        params.bias
        + params.margin * features.margin
        + params.relative * features.relative
        + params.words * (words - 0.5)
        + params.items * (items - 0.5)
        + params.mutual * (features.mutual - 0.5)
        + params.whole * features.whole
    )


def decide_parts(
    features: PartFeatures, params: CoverageParams
) -> tuple[np.ndarray, np.ndarray]:
    """(covered, score) of every part: score the probability that the part is rendered,
    covered the smoothed decision along its sentence."""
    odds = _log_odds(features, params)
    score = 1.0 / (1.0 + np.exp(-odds))
    covered = np.ones(len(odds), dtype=bool)
    if len(odds) == 0:
        return covered, score
    chars = np.maximum(features.chars.astype(float), 1.0)
    weighted = odds * (chars / chars.mean()) ** params.length_power
    keys = features.sentence
    start = 0
    while start < len(keys):
        stop = start + 1
        while stop < len(keys) and keys[stop] == keys[start]:
            stop += 1
        if stop - start > 1:
            covered[start:stop] = _smooth(weighted[start:stop], params.switch_cost)
        start = stop
    return covered, score


def _smooth(odds: np.ndarray, switch_cost: float) -> np.ndarray:
    """The states (True: rendered) along one sentence that maximise the summed signed
    log-odds less `switch_cost` per change of state."""
    gain = np.stack([-odds, odds])  # state 0 unrendered, 1 rendered
    value = gain[:, 0].copy()
    back = np.zeros((len(odds), 2), dtype=int)
    for k in range(1, len(odds)):
        stay, switch = value, value[::-1] - switch_cost
        back[k] = np.where(stay >= switch, [0, 1], [1, 0])
        value = np.maximum(stay, switch) + gain[:, k]
    states = np.zeros(len(odds), dtype=int)
    states[-1] = int(value.argmax())
    for k in range(len(odds) - 1, 0, -1):
        states[k - 1] = back[k, states[k]]
    return states.astype(bool)
