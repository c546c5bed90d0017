"""Shared figures and names in the translation search: the weight each group holds."""

from __future__ import annotations

import numpy as np
import pytest

from align.config import Groups
from align.core.features import SharedPairs
from align.embed.encoders import get_encoder
from align.embed.features import translation_features


def _brute_force(pairs: SharedPairs, rows, js, a: int, b: int) -> np.ndarray:
    sums = np.zeros(js.shape)
    for r, i in enumerate(rows):
        for c, j in enumerate(js[r]):
            for p, q, w in zip(pairs.zh, pairs.en, pairs.weights):
                if i - a <= p < i and j - b <= q < j:
                    sums[r, c] += w
    return sums


@pytest.mark.parametrize(("a", "b"), [(1, 1), (1, 3), (2, 1), (3, 2)])
@pytest.mark.parametrize("first", [0, 5])
def test_rectangle_sums_hold_the_pairs_inside_each_group(a, b, first):
    rng = np.random.default_rng(a * 10 + b + first)
    pairs = SharedPairs(rng.integers(0, 12, 15), rng.integers(0, 14, 15), rng.random(15))
    rows = np.arange(first, first + 6)
    lo = np.maximum(rows - 3, 0)  # a band: each row starts a little further right
    js = lo[:, None] + np.arange(7)
    np.testing.assert_allclose(
        pairs.rectangle_sums(rows, js, a, b), _brute_force(pairs, rows, js, a, b)
    )


def test_a_translation_gathers_the_pairs_that_share_figures_and_names():
    zh = ["外交部发言人汪文斌主持例行记者会。", "今年有2500多名记者报名。", "天气很好。"]
    en = ["Spokesperson Wang Wenbin hosted the press conference.",
          "This year 2,500 journalists registered.", "The weather was fine."]  # fmt: skip
    encoder = get_encoder("use")
    shared = translation_features(zh, en, encoder, Groups.ACCURATE, False)[0].shared
    assert sorted(zip(shared.zh.tolist(), shared.en.tolist())) == [(0, 0), (1, 1)]
    assert not len(translation_features(zh, en, encoder, Groups.FAST, False)[0].shared.zh)
