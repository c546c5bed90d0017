"""Reordered lines: nearby one-to-one groups crossed where the crossing pairs fit better."""

from __future__ import annotations

import numpy as np
import pytest

from align.bench.texts import discover_texts, load_page_text
from align.core.reorder import uncross
from align.embed.encoders import get_encoder
from align.pipeline import align_sentences

from ..paths import BENCH

# a path of four one-to-one groups; Chinese 1 renders English 2 and Chinese 2 English 1
PATH = [([0], [0]), ([1], [1]), ([2], [2]), ([3], [3])]
MARGINS = np.array([
    [0.4, 0.0, 0.0, 0.0],
    [0.0, 0.05, 0.3, 0.0],
    [0.0, 0.35, 0.02, 0.0],
    [0.0, 0.0, 0.0, 0.4],
])  # fmt: skip


def margin(i: int, j: int) -> float:
    return float(MARGINS[i, j])


def no_names(i: int, j: int) -> int:
    return 0


def test_two_lines_a_translator_swapped_are_crossed():
    groups, scores = uncross(PATH, [0.4, 0.05, 0.02, 0.4], margin, no_names, 2, 0.1)
    assert groups == [([0], [0]), ([1], [2]), ([2], [1]), ([3], [3])]
    assert scores == [0.4, 0.3, 0.35, 0.4]


@pytest.mark.parametrize(
    ("reach", "gain", "shared"),
    [
        (2, 0.6, no_names),  # the crossing pairs gain 0.58: not enough
        (0, 0.1, no_names),  # no reach: never crossed
        (2, 0.1, lambda i, j: int(i == j)),  # the path's pairs share a figure or a name
    ],
)
def test_crossing_needs_a_clear_gain_near_by_and_no_evidence_against(reach, gain, shared):
    groups, _ = uncross(PATH, [0.4, 0.05, 0.02, 0.4], margin, shared, reach, gain)
    assert groups == PATH


@pytest.mark.skipif(not (BENCH / "realpages").exists(), reason="benchmark data not present")
def test_a_page_of_short_lines_keeps_the_figures_a_translator_moved_with_their_lines():
    spec = next(s for s in discover_texts(BENCH / "realpages") if "silkroad" in s.name)
    page = load_page_text(spec)
    result = align_sentences(page.zh, page.en, "translation", get_encoder("use"))
    zh_of = {j: i for unit in result.units for i in unit.zh_ids for j in unit.en_ids}
    attendees = next(j for j, text in enumerate(page.en) if "1,500 representatives" in text)
    heads = next(j for j, text in enumerate(page.en) if "29 foreign heads" in text)
    assert "1500名代表" in page.zh[zh_of[attendees]]
    assert "包括29位" in page.zh[zh_of[heads]]
