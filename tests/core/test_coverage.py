"""Deciding parts rendered or not: the log-odds of the evidence, smoothed along a sentence."""

from __future__ import annotations

import numpy as np

from align.core.coverage import PARAMS, CoverageParams, PartFeatures, decide_parts

NEUTRAL = CoverageParams(
    bias=0.0, margin=10.0, relative=0.0, words=0.0, items=0.0, mutual=0.0, whole=0.0,
    switch_cost=1.0, length_power=0.0,
)


def _features(
    sentence: list[int], margin: list[float], chars: list[int] | None = None,
    relative: list[float] | None = None,
) -> PartFeatures:
    n = len(sentence)
    nan = np.full(n, np.nan)
    return PartFeatures(
        np.array(sentence), np.array(margin), np.array(relative or [0.0] * n), nan, nan,
        np.zeros(n), np.zeros(n), np.array(chars or [10] * n),
    )


def test_a_weak_doubt_between_rendered_neighbours_is_smoothed_away():
    covered, score = decide_parts(_features([0, 0, 0], [0.3, -0.05, 0.3]), NEUTRAL)
    assert covered.tolist() == [True, True, True]
    assert score[1] < 0.5 < score[0]  # the score keeps the part's own evidence


def test_a_clearly_unrendered_part_stays_unrendered():
    covered, _ = decide_parts(_features([0, 0, 0], [0.3, -0.3, 0.3]), NEUTRAL)
    assert covered.tolist() == [True, False, True]


def test_sentences_are_smoothed_separately():
    covered, _ = decide_parts(_features([0, 0, 1, 1], [0.3, 0.3, -0.3, -0.3]), NEUTRAL)
    assert covered.tolist() == [True, True, False, False]


def test_longer_parts_weigh_more_with_a_length_power():
    params = CoverageParams(**{**NEUTRAL.__dict__, "length_power": 1.0, "switch_cost": 2.0})
    features = _features([0, 0], [0.15, -0.1], chars=[40, 5])
    assert decide_parts(features, params)[0].tolist() == [True, True]
    features = _features([0, 0], [0.15, -0.1], chars=[5, 40])
    assert decide_parts(features, params)[0].tolist() == [False, False]


def test_the_fitted_weights_favour_a_part_close_to_the_linked_text():
    for params in PARAMS.values():
        near = _features([0], [0.3])
        far = _features([0], [-0.2], relative=[-0.4])  # far from it, and below a sibling
        assert decide_parts(near, params)[1][0] > 0.5 > decide_parts(far, params)[1][0]


def test_no_parts():
    covered, score = decide_parts(_features([], []), NEUTRAL)
    assert covered.shape == (0,) and score.shape == (0,)
