"""Translation search: known paths on synthetic vectors; band search against the full one."""

from __future__ import annotations

import numpy as np
import pytest

from align.config import TranslationParams
from align.core.features import TranslationFeatures
from align.core.search import Band, SearchSide, densities, search, window_vectors
from align.core.similarity import window_sums
from align.core.translation import align_translation
from align.io.alignfile import read_alignment

from ..paths import BENCH

FULL = TranslationParams()
BAND = TranslationParams(full_limit=0)  # the coarse pass and the band search, even when small


def _unit(rows: np.ndarray) -> np.ndarray:
    return (rows / np.linalg.norm(rows, axis=1, keepdims=True)).astype(np.float32)


def _texts_from_groups(shapes: list[tuple[int, int]], dim: int = 64, seed: int = 0):
    """Sentence vectors for a known path: the sentences of a group share one topic.

    A group of several sentences on one side splits its topic into parts whose sum
    is the topic, so only the joined group matches the other side well. A skip
    gets a topic of its own. Lengths follow the 2:1 Chinese/English character ratio.
    """
    rng = np.random.default_rng(seed)
    zh, en, zh_len, en_len = [], [], [], []
    for a, b in shapes:
        topic = rng.standard_normal(dim)
        for side, lengths, count, scale in ((zh, zh_len, a, 1.0), (en, en_len, b, 2.0)):
            if count == 0:
                continue
            parts = rng.standard_normal((count, dim)) * 0.6
            parts += (topic - parts.sum(axis=0)) / count  # parts sum to the topic
            side.extend(parts + rng.standard_normal((count, dim)) * 0.05)
            lengths.extend([40.0 * scale / count] * count)
        if a == 0 or b == 0:
            # an unmatched sentence: its own topic, nothing like its neighbours
            (en if a == 0 else zh)[-1] = rng.standard_normal(dim)
    return _unit(np.array(zh)), _unit(np.array(en)), np.array(zh_len), np.array(en_len)


def _expected(shapes: list[tuple[int, int]]) -> list[tuple[list[int], list[int]]]:
    groups, i, j = [], 0, 0
    for a, b in shapes:
        groups.append((list(range(i, i + a)), list(range(j, j + b))))
        i, j = i + a, j + b
    return groups


SHAPES = [(1, 1), (1, 2), (1, 1), (2, 1), (1, 1), (1, 0), (1, 1), (0, 1), (1, 1), (1, 1)] * 6


@pytest.mark.parametrize("params", [FULL, BAND], ids=["full", "band"])
def test_known_path_is_found(params):
    zh, en, zh_len, en_len = _texts_from_groups(SHAPES)
    assert len(zh) * len(en) > BAND.full_limit and min(len(zh), len(en)) > BAND.block * 4
    result = align_translation(TranslationFeatures.from_vectors(zh, en, zh_len, en_len), params)
    assert result.groups == _expected(SHAPES)
    assert len(result.scores) == len(result.groups)
    for (zh_ids, en_ids), score in zip(result.groups, result.scores):
        if zh_ids and en_ids:
            assert score > 0.3
        else:
            assert score == 0.0


@pytest.mark.parametrize("shapes", [[(1, 1)], [(1, 1), (1, 0), (1, 0)], [(0, 1), (1, 1)]])
def test_tiny_texts_are_covered_in_order(shapes):
    zh, en, zh_len, en_len = _texts_from_groups(shapes)
    result = align_translation(TranslationFeatures.from_vectors(zh, en, zh_len, en_len))
    assert [i for zh_ids, _ in result.groups for i in zh_ids] == list(range(len(zh)))
    assert [j for _, en_ids in result.groups for j in en_ids] == list(range(len(en)))
    assert all(zh_ids or en_ids for zh_ids, en_ids in result.groups)


def _chapter():
    """mac-dev 001's gold groups and real sentence lengths, with vectors built as above."""
    gold = read_alignment(BENCH / "mac-dev" / "gold" / "001.align")
    zh_lines = (BENCH / "mac-dev" / "src" / "001").read_text(encoding="utf-8").splitlines()
    en_lines = (BENCH / "mac-dev" / "tgt" / "001").read_text(encoding="utf-8").splitlines()
    zh, en, _, _ = _texts_from_groups([(len(z), len(e)) for z, e in gold], seed=1)
    assert (len(zh), len(en)) == (len(zh_lines), len(en_lines))
    zh_len = np.array([len(line) for line in zh_lines], dtype=float)
    en_len = np.array([len(line) for line in en_lines], dtype=float)
    return gold, zh, en, zh_len, en_len


needs_bench = pytest.mark.skipif(not (BENCH / "mac-dev").is_dir(), reason="needs ../shared/bench")


@needs_bench
def test_band_search_equals_full_search_when_the_best_path_is_in_the_band():
    _, zh, en, zh_len, en_len = _chapter()
    n, m = len(zh), len(en)
    everywhere = Band.full(n, m)
    zh_density, en_density = densities(zh, en, everywhere, FULL.density_k)
    sides = (
        SearchSide(zh, zh_len, zh_density, {}, np.zeros(n)),
        SearchSide(en, en_len, en_density, {}, np.zeros(m)),
    )
    full = search(*sides, everywhere, FULL)
    near = Band.around(full.groups, 1, n, m, 6)
    assert not near.is_full(m)
    band = search(*sides, near, FULL)
    assert band.groups == full.groups
    np.testing.assert_allclose(band.scores, full.scores, atol=1e-6)


@needs_bench
def test_band_mode_finds_the_gold_groups_of_a_real_chapter():
    gold, zh, en, zh_len, en_len = _chapter()
    full = align_translation(TranslationFeatures.from_vectors(zh, en, zh_len, en_len), FULL)
    band = align_translation(TranslationFeatures.from_vectors(zh, en, zh_len, en_len), BAND)
    gold_set = {(tuple(z), tuple(e)) for z, e in gold}
    for result in (full, band):
        found = {(tuple(z), tuple(e)) for z, e in result.groups}
        assert len(found & gold_set) / len(gold) > 0.8
    # densities differ (the band sees fewer candidates), so the paths differ a little at most
    same = {(tuple(z), tuple(e)) for z, e in band.groups} & {
        (tuple(z), tuple(e)) for z, e in full.groups
    }
    assert len(same) / len(full.groups) > 0.95


@pytest.mark.parametrize("n", [1, 3, 50, 5000])
def test_window_vectors_match_window_sums(n):
    vectors = _unit(np.random.default_rng(n).standard_normal((n, 16)))
    windows = window_vectors(vectors, [1, 2, 3, 4])
    for size in (1, 2, 3, 4):
        np.testing.assert_array_equal(windows[size], window_sums(vectors, size))


def test_band_densities_are_the_mean_of_the_best_cosines_inside_the_band():
    zh, en, _, _ = _texts_from_groups(SHAPES, seed=2)
    n, m = len(zh), len(en)
    diagonal = [(i, min(i * m // n, m)) for i in range(n + 1)]
    diagonal[-1] = (n, m)
    groups = [
        (list(range(i0, i1)), list(range(j0, j1)))
        for (i0, j0), (i1, j1) in zip(diagonal, diagonal[1:])
    ]
    band = Band.around(groups, 1, n, m, 3)
    lo, hi = band.lo, band.hi
    k = 4
    zh_density, en_density = densities(zh, en, band, k)
    cos = zh.astype(float) @ en.T.astype(float)
    seen = [[] for _ in range(m)]
    for i in range(n):
        start, stop = max(min(lo[i], lo[i + 1]) - 1, 0), min(max(hi[i], hi[i + 1]), m)
        assert zh_density[i] == pytest.approx(np.sort(cos[i, start:stop])[-k:].mean(), abs=1e-6)
        for j in range(start, stop):
            seen[j].append(cos[i, j])
    for j in range(m):
        assert en_density[j] == pytest.approx(np.mean(sorted(seen[j])[-k:]), abs=1e-6)


def test_untranslated_edges_stand_alone_instead_of_joining_their_neighbours():
    """A headline in one language at the top and two lines in the other at the end: with
    a skip as dear as inside the text the search would merge them into the first and last
    groups; at the edges a skip is cheap unless the sentence belongs to its neighbour's
    group."""
    shapes = [(1, 0)] + [(1, 1)] * 30 + [(0, 1), (0, 1)]
    zh, en, zh_len, en_len = _texts_from_groups(shapes, seed=5)
    # the edge sentences look a little like their neighbours, as a headline does its story
    zh[0] = _unit((zh[0] + zh[1])[None])[0]
    en[-2:] = _unit(en[-2:] + en[-3])
    features = TranslationFeatures.from_vectors(zh, en, zh_len, en_len)
    groups = align_translation(features).groups
    assert groups[0] == ([0], []) and groups[-2:] == [([], [30]), ([], [31])]
    dear = align_translation(features, TranslationParams(edge_skip_penalty=0.2)).groups
    assert dear[0] == ([0, 1], [0]) and dear[-1] == ([30], [29, 30, 31])
