"""The summary linking's evidence beyond sentence vectors, and its bar for short summaries.

Vectors are built by hand here so that each case isolates one rule of `align_summary`;
tests/test_pipeline.py runs the same linking on real sentences.
"""

from __future__ import annotations

from dataclasses import replace

import numpy as np

from align.config import SummaryParams
from align.core.features import SummaryFeatures
from align.core.summary import _best_origins, align_summary

DIM = 16


def _features(
    article: np.ndarray, lines: np.ndarray, shared: np.ndarray, unsourced: list[bool] | None = None,
    facing: np.ndarray | None = None, parts: tuple[np.ndarray, list[int]] | None = None,
) -> SummaryFeatures:
    part_vectors, owners = parts or (np.zeros((0, article.shape[1])), [])
    return SummaryFeatures(
        article=article,
        article_runs={},
        lines=lines,
        line_lengths=np.full(len(lines), 80.0),
        line_pieces=[None] * len(lines),
        line_lists=[None] * len(lines),
        shared=shared,
        unsourced=np.array(unsourced or [False] * len(lines)),
        facing=np.zeros((len(article), len(lines))) if facing is None else facing,
        article_parts=part_vectors,
        part_owner=np.array(owners, dtype=int),
        article_lengths=np.full(len(article), 30.0),
    )


def _unit(*weights: tuple[int, float]) -> np.ndarray:
    vector = np.zeros(DIM)
    for axis, weight in weights:
        vector[axis] = weight
    return vector / np.linalg.norm(vector)


ARTICLE = np.eye(DIM)[:8]  # eight unrelated sentences
# line 0 is as near article 1 as article 2 (a shade nearer 1); line 1 renders article 5
LINES = np.stack([_unit((1, 0.71), (2, 0.70)), _unit((5, 1.0))])


def test_a_shared_figure_decides_between_two_equally_near_sentences():
    plain = align_summary(_features(ARTICLE, LINES, np.zeros((8, 2))))
    assert plain.article_ids == [[1], [5]]
    shared = np.zeros((8, 2))
    shared[2, 0] = 1.0  # line 0 and article 2 alone state the same figure
    assert align_summary(_features(ARTICLE, LINES, shared)).article_ids == [[2], [5]]


def test_a_page_that_sets_a_line_beside_a_sentence_decides_between_two_equally_near():
    beside = np.zeros((8, 2))
    beside[[2, 3], 0] = beside[[5, 6], 1] = 1.0  # each line's block stands by two sentences'
    links = align_summary(_features(ARTICLE, LINES, np.zeros((8, 2)), facing=beside))
    assert links.article_ids == [[2], [5]]
    assert np.isclose(links.scores[0], links.margins[2, 0])


def test_a_line_that_renders_one_part_of_a_long_sentence_links_that_sentence():
    article = ARTICLE.copy()
    article[3] = _unit((3, 0.9), (10, 0.44))  # a long sentence: one part on 3, one on 10
    line = _unit((10, 0.9), (11, 0.43))  # renders the part on 10 alone
    lines = np.vstack([LINES, line])
    article[6] = _unit((10, 0.5), (6, 0.87))  # a sentence a little like the line too
    plain = align_summary(_features(article, lines, np.zeros((8, 3))))
    assert plain.article_ids[2] == [6]  # the long sentence's vector is too diluted
    parts = (np.stack([_unit((3, 1.0)), _unit((10, 1.0))]), [3, 3])
    with_parts = align_summary(_features(article, lines, np.zeros((8, 3)), parts=parts))
    assert with_parts.article_ids[2] == [3]
    assert with_parts.article_ids[:2] == plain.article_ids[:2]


def test_shared_evidence_chooses_a_link_but_does_not_change_its_score():
    shared = np.zeros((8, 2))
    shared[2, 0] = 1.0
    links = align_summary(_features(ARTICLE, LINES, shared))
    assert np.isclose(links.scores[0], links.margins[2, 0])


def test_a_short_summary_links_a_line_only_above_its_bar():
    weak = _unit((3, 0.1), (9, 0.99))  # faintly like article 3, mostly about nothing in it
    lines = np.vstack([LINES, weak])
    links = align_summary(_features(ARTICLE, lines, np.zeros((8, 3))))
    assert links.article_ids[:2] == [[1], [5]]
    assert links.margins[3, 2] < SummaryParams().short_link_bar
    assert links.article_ids[2] == []
    lowered = SummaryParams(short_link_bar=0.0)
    assert align_summary(_features(ARTICLE, lines, np.zeros((8, 3))), lowered).article_ids[2] == [3]


def test_a_line_of_facts_the_article_never_states_is_not_linked_at_chance_level():
    faint = _unit((4, 0.06), (9, 0.998))  # at chance level with article 4
    lines = np.vstack([LINES, faint])
    shared = np.zeros((8, 3))
    params = SummaryParams(short_link_bar=0.0)  # the bar for short summaries aside
    assert align_summary(_features(ARTICLE, lines, shared), params).article_ids[2] == [4]
    unsourced = [False, False, True]
    links = align_summary(_features(ARTICLE, lines, shared, unsourced), params)
    assert links.margins[4, 2] < params.unsourced_bar
    assert links.article_ids == [[1], [5], []]


def test_a_line_as_long_as_two_sentences_links_the_short_neighbour_its_vector_hides():
    article = np.eye(DIM)[:8]
    runs = np.zeros((8, DIM))
    runs[4] = _unit((3, 1.0), (4, 0.5))  # sentences 3 and 4 as one text
    line = _unit((3, 1.0), (4, 0.35))  # mostly sentence 3: the run is only a little nearer
    lines = np.vstack([LINES, line])
    line_lengths = np.array([90.0, 90.0, 0.0])  # the text's ratio: 3 per article character

    def links(length: float) -> list[int]:
        features = replace(
            _features(article, lines, np.zeros((8, 3))), article_runs={2: runs},
            line_lengths=np.where(np.arange(3) == 2, length, line_lengths),
        )
        return align_summary(features).article_ids[2]

    assert links(90.0) == [3]  # as long as sentence 3 alone would make it
    assert links(180.0) == [3, 4]  # as long as both


def test_the_best_origin_of_each_position_is_the_argmax_over_every_step():
    rng = np.random.default_rng(7)
    for trial in range(300):
        n, near = int(rng.integers(1, 40)), int(rng.integers(1, 50))
        reach = rng.normal(0.0, 0.05, n)
        if trial % 2:
            reach = np.round(reach, 2)  # ties: the first origin wins, as with argmax
        step = np.arange(n)[None, :] - np.arange(n)[:, None]  # step[p, q] = q - p
        moves = np.where(step <= 0, -0.05, 0.0) - np.where(np.abs(step) > near, 0.1, 0.0)
        totals = reach[:, None] + moves
        value, origin = _best_origins(reach, near, 0.05, 0.1)
        assert np.array_equal(origin, totals.argmax(axis=0))
        assert np.array_equal(value, totals.max(axis=0))
