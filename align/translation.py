"""Monotonic alignment of a translation: dynamic programming over sentence groups.

Each step of the path takes a Chinese and English sentences together (1-1, 1-2,
2-1, 2-2, 1-3, 3-1) or skips one sentence of either side. A group scores its
margin-normalised similarity (weighted by the sentences it covers) minus a
small price for its shape and for an unusual length ratio; a skip costs a fixed
penalty. Long texts are first aligned at block resolution, and the fine search
runs only in a band around that path, so time and memory grow with the length
of the texts, not with their product.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from .similarity import blocks, top_k_mean, window_sums, window_totals

Group = tuple[list[int], list[int]]


@dataclass(frozen=True)
class TranslationParams:
    """Scoring of path steps; defaults tuned on mac-dev, aca and mag (see BENCHMARKS.md)."""

    skip_penalty: float = 0.2
    shape_penalty: dict[tuple[int, int], float] = field(
        default_factory=lambda: {
            (1, 1): 0.0,
            (1, 2): 0.09,
            (2, 1): 0.09,
            (2, 2): 0.2,
            (1, 3): 0.2,
            (3, 1): 0.2,
            (1, 4): 0.3,
            (4, 1): 0.3,
            (2, 3): 0.3,
            (3, 2): 0.3,
        }
    )
    length_weight: float = 0.05
    size_weight: float = 0.0  # 0: a group scores once; 1: once per sentence pair it covers
    density_k: int = 8
    band: int = 12
    block: int = 8
    full_limit: int = 4_000_000  # cells searched in full before falling back to a band


@dataclass
class PathResult:
    groups: list[Group]
    scores: list[float]  # margin score of each group (0 for skips)
    zh_density: np.ndarray
    en_density: np.ndarray


def _band_from_path(points: list[tuple[int, int]], scale: int, n: int, m: int, width: int):
    """Per fine row i (0..n), the range [lo, hi) of English positions j near a coarse path."""
    lo = np.full(n + 1, m + 1, dtype=np.int64)
    hi = np.full(n + 1, -1, dtype=np.int64)
    for (i0, j0), (i1, j1) in zip(points, points[1:]):
        rows = slice(min(i0 * scale, n), min(i1 * scale, n) + 1)
        lo[rows] = np.minimum(lo[rows], min(j0 * scale, m))
        hi[rows] = np.maximum(hi[rows], min(j1 * scale, m))
    lo = np.maximum(lo - width, 0)
    hi = np.minimum(hi + width, m) + 1
    # keep the band monotonic and connected so a path from (0,0) to (n,m) exists
    lo = np.minimum.accumulate(lo[::-1])[::-1]
    hi = np.maximum.accumulate(hi)
    lo[0], hi[n] = 0, m + 1
    return lo, hi


def _group_features(vectors, lengths, density, size, encoded=None):
    """Group vector, total length and mean density of each window of `size` ending at k.

    `encoded` maps a window size to vectors of the re-encoded joined text, where
    the caller paid for them; otherwise the sentence vectors are averaged.
    """
    return (
        encoded[size] if encoded and size in encoded else window_sums(vectors, size),
        window_totals(lengths, size),
        window_totals(density, size) / size,
    )


def _densities(zh: np.ndarray, en: np.ndarray, lo: np.ndarray, hi: np.ndarray, k: int):
    """Mean of the k best cosines of each sentence, looking only inside the band."""
    n, m = len(zh), len(en)
    if _is_full(lo, hi, m):
        cosines = zh @ en.T
        return top_k_mean(cosines, k, axis=1), top_k_mean(cosines, k, axis=0)
    zh_density = np.zeros(n)
    en_top = np.full((m, k), -1.0)
    for i in range(n):
        # sentence i sits in DP rows i and i+1; its candidates are en sentences j-1 for j in band
        start = max(min(lo[i], lo[i + 1]) - 1, 0)
        stop = min(max(hi[i], hi[i + 1]), m)
        if stop <= start:
            continue
        cos = en[start:stop] @ zh[i]
        top = np.sort(cos)[-k:]
        zh_density[i] = top.mean()
        merged = np.concatenate([en_top[start:stop], cos[:, None]], axis=1)
        merged.sort(axis=1)
        en_top[start:stop] = merged[:, 1:]
    en_top[en_top < -0.5] = np.nan
    en_density = np.nan_to_num(np.nanmean(np.where(np.isnan(en_top), np.nan, en_top), axis=1))
    return zh_density, en_density


def _is_full(lo: np.ndarray, hi: np.ndarray, m: int) -> bool:
    return bool((lo == 0).all() and (hi == m + 1).all())


def _path_points(groups: list[Group]) -> list[tuple[int, int]]:
    points = [(0, 0)]
    for zh_ids, en_ids in groups:
        i, j = points[-1]
        points.append((i + len(zh_ids), j + len(en_ids)))
    return points


def align_translation(
    zh: np.ndarray,
    en: np.ndarray,
    zh_lengths: np.ndarray,
    en_lengths: np.ndarray,
    params: TranslationParams | None = None,
    zh_windows: dict[int, np.ndarray] | None = None,
    en_windows: dict[int, np.ndarray] | None = None,
) -> PathResult:
    """Best monotonic path through the two texts; `zh`/`en` are normalised sentence vectors."""
    params = params or TranslationParams()
    n, m = len(zh), len(en)
    if n * m > params.full_limit and min(n, m) > params.block * 4:
        size = params.block
        coarse = align_translation(
            blocks(zh, size),
            blocks(en, size),
            np.add.reduceat(zh_lengths.astype(float), np.arange(0, n, size)),
            np.add.reduceat(en_lengths.astype(float), np.arange(0, m, size)),
            params,
        )
        lo, hi = _band_from_path(_path_points(coarse.groups), size, n, m, params.band + size)
    else:
        lo = np.zeros(n + 1, dtype=np.int64)
        hi = np.full(n + 1, m + 1, dtype=np.int64)
    zh_density, en_density = _densities(zh, en, lo, hi, params.density_k)
    zh_side = _Side(zh, zh_lengths, zh_density, zh_windows)
    en_side = _Side(en, en_lengths, en_density, en_windows)
    return _search(zh_side, en_side, lo, hi, params)


@dataclass
class _Side:
    vectors: np.ndarray
    lengths: np.ndarray
    density: np.ndarray
    windows: dict[int, np.ndarray] | None

    def groups(self, size: int):
        return _group_features(self.vectors, self.lengths, self.density, size, self.windows)


def _search(zh_side: _Side, en_side: _Side, lo: np.ndarray, hi: np.ndarray, params):
    zh_lengths, en_lengths = zh_side.lengths, en_side.lengths
    zh_density, en_density = zh_side.density, en_side.density
    n, m = len(zh_side.vectors), len(en_side.vectors)
    shapes = [shape for shape in params.shape_penalty if shape[0] <= n and shape[1] <= m]
    zh_groups = {a: zh_side.groups(a) for a in {s[0] for s in shapes}}
    en_groups = {b: en_side.groups(b) for b in {s[1] for s in shapes}}
    total_zh, total_en = float(np.sum(zh_lengths)) + 1.0, float(np.sum(en_lengths)) + 1.0
    log_ratio_mean = np.log(total_en / total_zh)

    moves = shapes + [(1, 0), (0, 1)]
    # with no band, one matrix product per shape beats a gather per row
    full_cosines = (
        {(a, b): zh_groups[a][0] @ en_groups[b][0].T for a, b in shapes}
        if _is_full(lo, hi, m)
        else None
    )
    best: list[np.ndarray] = []
    back: list[np.ndarray] = []
    margin_of: list[np.ndarray] = []
    for i in range(n + 1):
        width = hi[i] - lo[i]
        js = np.arange(lo[i], hi[i])
        row = np.full(width, -np.inf)
        row_back = np.full(width, -1, dtype=np.int8)
        row_margin = np.zeros(width)
        if i == 0:
            row[js == 0] = 0.0
        for move_index, (a, b) in enumerate(moves[:-1]):
            if a > i:
                continue
            prev = i - a
            source = js - b
            valid = (source >= lo[prev]) & (source < hi[prev]) & (source >= 0)
            if not valid.any():
                continue
            prev_scores = np.full(width, -np.inf)
            prev_scores[valid] = best[prev][source[valid] - lo[prev]]
            if b == 0:
                gain = np.full(width, -params.skip_penalty)
                margins = np.zeros(width)
            else:
                ok = valid & (js >= b)
                gain = np.full(width, -np.inf)
                margins = np.zeros(width)
                if ok.any():
                    zh_vec, zh_len, zh_dens = (f[i - 1] for f in zh_groups[a])
                    en_len, en_dens = (f[js[ok] - 1] for f in en_groups[b][1:])
                    if full_cosines is not None:
                        cosines = full_cosines[(a, b)][i - 1, js[ok] - 1]
                    else:
                        cosines = en_groups[b][0][js[ok] - 1] @ zh_vec
                    margin = cosines - (zh_dens + en_dens) / 2
                    deviation = np.log((en_len + 1.0) / (zh_len + 1.0)) - log_ratio_mean
                    gain[ok] = (
                        (1 + params.size_weight * ((a + b) / 2 - 1)) * margin
                        - params.shape_penalty[(a, b)]
                        - params.length_weight * deviation**2
                    )
                    margins[ok] = margin
            candidate = prev_scores + gain
            better = candidate > row
            row[better] = candidate[better]
            row_back[better] = move_index
            row_margin[better] = margins[better]
        # English-only skips (0,1) chain along the row: a running maximum does them at once.
        steps = np.arange(width) * params.skip_penalty
        chained = np.maximum.accumulate(row + steps) - steps
        from_left = chained > row + 1e-12
        row = np.where(from_left, chained, row)
        row_back[from_left] = len(moves) - 1
        row_margin[from_left] = 0.0
        best.append(row)
        back.append(row_back)
        margin_of.append(row_margin)

    groups: list[Group] = []
    scores: list[float] = []
    i, j = n, m
    while i > 0 or j > 0:
        position = j - lo[i]
        a, b = moves[back[i][position]]
        if b == 0 or a == 0:
            scores.append(0.0)
        else:
            scores.append(float(margin_of[i][position]))
        groups.append((list(range(i - a, i)), list(range(j - b, j))))
        i, j = i - a, j - b
    groups.reverse()
    scores.reverse()
    return PathResult(groups, scores, zh_density, en_density)

