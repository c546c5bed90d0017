"""Boundary evidence of the translation search: crossed clause edges and words, quotation
states, and what each does on real literary chapters."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest

from align.config import TranslationParams
from align.core.boundaries import MAX_EVIDENCE, ClausePairs, quote_evidence
from align.core.features import ClauseEdges, EdgeSide
from align.core.similarity import normalize_rows


def _unit(rows: np.ndarray) -> np.ndarray:
    return (rows / np.linalg.norm(rows, axis=1, keepdims=True)).astype(np.float32)


def _random_edges(n: int, m: int, seed: int = 0, zh_clauses=None, words=False) -> ClausePairs:
    rng = np.random.default_rng(seed)
    zh, en = _unit(rng.standard_normal((n, 16))), _unit(rng.standard_normal((m, 16)))
    zh_edges = tuple(_unit(rng.standard_normal((n, 16))) for _ in range(2))
    en_edges = tuple(_unit(rng.standard_normal((m, 16))) for _ in range(2))
    edge_words = [[np.zeros((k, 8)) for _ in range(2)] for k in (n, m)]  # no known word
    if words:  # non-negative, as hashed word counts mostly are, with a few empty clauses
        edge_words = [
            [normalize_rows(np.abs(rng.standard_normal((k, 8))) * (rng.random((k, 1)) > 0.2))
             for _ in range(2)]
            for k in (n, m)
        ]
    clauses = np.ones(n, dtype=bool) if zh_clauses is None else zh_clauses
    edges = ClauseEdges(
        EdgeSide(*zh_edges, *edge_words[0]), EdgeSide(*en_edges, *edge_words[1]), clauses
    )
    return ClausePairs.of(zh, np.zeros(n), en, np.zeros(m), zh_edges, edges)


def test_crossings_compare_the_pairs_across_a_boundary_with_those_along_it():
    n, m = 7, 9
    edges = _random_edges(n, m)
    rows = np.arange(n + 1)
    js = np.tile(np.arange(m + 1), (n + 1, 1))
    found = edges.crossings(rows, js)

    def pair(zh_vectors, i, en_vectors, j):  # an edge against a whole sentence, both ways
        return float(zh_vectors[i] @ en_vectors[j])

    zh_heads, zh_tails, en_heads, en_tails = (
        edges.zh_heads, edges.zh_tails, edges.en_heads, edges.en_tails
    )
    for i in range(1, n):
        for j in range(1, m):
            crossed = pair(zh_tails, i - 1, en_heads, j) + pair(zh_heads, i, en_tails, j - 1)
            along = pair(zh_tails, i - 1, en_tails, j - 1) + pair(zh_heads, i, en_heads, j)
            assert found[i, j] == pytest.approx(max(crossed - along, 0.0) / 2, abs=1e-5)
    # no boundary at either end of either text
    assert not found[0].any() and not found[n].any()
    assert not found[:, 0].any() and not found[:, m].any()
    assert (found > 0).any() and (found == 0)[1:n, 1:m].any()


def test_word_crossings_compare_the_clauses_words_across_a_boundary_with_those_along_it():
    n, m = 7, 9
    clauses = np.ones(n, dtype=bool)
    clauses[5] = False
    edges = _random_edges(n, m, seed=2, zh_clauses=clauses, words=True)
    (zh_heads, zh_tails), (en_heads, en_tails) = edges.zh_words, edges.en_words
    rows, js = np.arange(n + 1), np.tile(np.arange(m + 1), (n + 1, 1))
    found = edges.word_crossings(rows, js)
    for i in range(1, n):
        for j in range(1, m):
            crossed = zh_tails[i - 1] @ en_heads[j] + zh_heads[i] @ en_tails[j - 1]
            along = zh_tails[i - 1] @ en_tails[j - 1] + zh_heads[i] @ en_heads[j]
            expected = 0.0 if i in (5, 6) else max(crossed - along, 0.0)
            assert found[i, j] == pytest.approx(expected, abs=1e-6)
    assert not found[0].any() and not found[n].any() and not found[:, m].any()
    assert (found > 0).any()
    assert not _random_edges(n, m).word_crossings(rows, js).any()  # no known words


def test_crossings_of_a_block_match_those_of_the_whole_grid():
    edges = _random_edges(12, 15, seed=3)
    whole = edges.crossings(np.arange(13), np.tile(np.arange(16), (13, 1)))
    rows = np.arange(4, 8)
    js = rows[:, None] + np.arange(5)  # a band of five columns from the diagonal
    np.testing.assert_allclose(edges.crossings(rows, js), whole[rows[:, None], js], atol=1e-6)


def test_a_one_clause_chinese_sentence_makes_no_crossing_on_either_side():
    clauses = np.ones(7, dtype=bool)
    clauses[3] = False
    rows, js = np.arange(8), np.tile(np.arange(10), (8, 1))
    found = _random_edges(7, 9, zh_clauses=clauses).crossings(rows, js)
    every = _random_edges(7, 9).crossings(rows, js)
    assert not found[3].any() and not found[4].any()  # the boundaries before and after zh 3
    others = [0, 1, 2, 5, 6, 7]
    np.testing.assert_array_equal(found[others], every[others])
    assert every[3].any() and every[4].any()


def _one_to_one(n: int) -> list[tuple[list[int], list[int]]]:
    return [([i], [i]) for i in range(n)]


def test_a_path_whose_boundaries_follow_the_speeches_weighs_them():
    rng = np.random.default_rng(0)
    states = rng.random(200) < 0.4  # speeches start and stop at random
    price, bonus = quote_evidence(_one_to_one(200), states, states)
    assert 0 < price <= MAX_EVIDENCE and bonus > 0


def test_texts_without_quotation_marks_give_no_evidence():
    none = np.zeros(100, dtype=bool)
    assert quote_evidence(_one_to_one(100), none, none) == (0.0, 0.0)
    speeches = np.arange(100) % 3 == 0  # one side marks speeches, the other has no marks
    assert quote_evidence(_one_to_one(100), speeches, none) == (0.0, 0.0)


def test_a_path_across_the_speeches_gives_no_evidence():
    rng = np.random.default_rng(1)
    zh, en = rng.random(200) < 0.4, rng.random(200) < 0.4  # unrelated
    price, _ = quote_evidence(_one_to_one(200), zh, en)
    assert price < 0.3  # against 1.6-3 in the dialogue chapters of mac-dev


def test_quotation_evidence_places_boundaries_better_in_a_dialogue_chapter(mac_dev):
    with_quotes = mac_dev.strict_f1("003", TranslationParams())
    without = mac_dev.strict_f1("003", replace(TranslationParams(), quote_weight=0.0))
    assert with_quotes > without + 0.02


def test_the_accurate_mode_gives_the_search_clause_edges_and_their_words(mac_dev):
    _, data = mac_dev.input("006")
    assert data.edges is not None and data.edges.zh_clauses.any()
    for side in (data.edges.zh, data.edges.en):
        assert side.heads.shape == side.tails.shape and side.word_heads.any()
    assert mac_dev.strict_f1("006", TranslationParams()) > 0.87


@pytest.mark.parametrize(
    ("chapter", "weight"),
    [
        ("006", "edge_weight"),  # clause edges place group boundaries
        ("004", "crossing_weight"),  # crossed clause edges place merged groups
        ("005", "word_crossing_weight"),  # and so do the words that cross a boundary
    ],
)
def test_each_kind_of_boundary_evidence_helps_on_a_literary_chapter(mac_dev, chapter, weight):
    with_it = mac_dev.strict_f1(chapter, TranslationParams())
    without = mac_dev.strict_f1(chapter, replace(TranslationParams(), **{weight: 0.0}))
    assert with_it > without + 0.01
