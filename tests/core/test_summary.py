"""The summary linking's bar for short summaries.

Vectors are built by hand here so that each case isolates one rule of `align_summary`;
tests/test_pipeline.py runs the same linking on real sentences.
"""

from __future__ import annotations

import numpy as np

from align.config import SummaryParams
from align.core.features import SummaryFeatures
from align.core.summary import align_summary

DIM = 16


def _features(article: np.ndarray, lines: np.ndarray) -> SummaryFeatures:
    return SummaryFeatures(
        article=article,
        article_runs={},
        lines=lines,
        line_lengths=np.full(len(lines), 80.0),
        line_pieces=[None] * len(lines),
        line_lists=[None] * len(lines),
    )


def _unit(*weights: tuple[int, float]) -> np.ndarray:
    vector = np.zeros(DIM)
    for axis, weight in weights:
        vector[axis] = weight
    return vector / np.linalg.norm(vector)


ARTICLE = np.eye(DIM)[:8]  # eight unrelated sentences
# line 0 is a shade nearer article 1 than article 2; line 1 renders article 5
LINES = np.stack([_unit((1, 0.71), (2, 0.70)), _unit((5, 1.0))])


def test_a_short_summary_links_a_line_only_above_its_bar():
    weak = _unit((3, 0.1), (9, 0.99))  # faintly like article 3, mostly about nothing in it
    lines = np.vstack([LINES, weak])
    links = align_summary(_features(ARTICLE, lines))
    assert links.article_ids[:2] == [[1], [5]]
    assert links.margins[3, 2] < SummaryParams().short_link_bar
    assert links.article_ids[2] == []
    lowered = SummaryParams(short_link_bar=0.0)
    assert align_summary(_features(ARTICLE, lines), lowered).article_ids[2] == [3]
