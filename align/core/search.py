"""The banded dynamic programme of the translation search: arrays in, a monotonic path out.

Each step of the path takes Chinese and English sentences together (the shapes of
`TranslationParams.shape_penalty`: 1-1 up to 1-6 and 4-1, 2-2, 2-3, 3-2) or skips one
sentence of either side. A group scores its margin-normalised similarity (weighted by
the sentences it covers) minus a small price for its shape and for an unusual length
ratio, plus its clause-edge score where clause pairs are given; a skip costs a fixed
penalty; every group ending at a cell also takes the gains of the boundary there
(`boundaries`). The search runs only inside a band of English positions per Chinese
row, so time and memory grow with the length of the texts, not with their product.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from contextlib import nullcontext
from dataclasses import dataclass

import numpy as np

from ..config import TranslationParams
from ..records import Group
from .boundaries import BoundaryTerm, ClausePairs
from .features import NO_PAIRS, SharedPairs
from .similarity import normalize_rows, top_k_mean, window_totals

__all__ = ["Band", "PathResult", "SearchSide", "densities", "one_blas_thread", "search"]

_BLOCK_ROWS = 64  # rows whose gains come from one matrix product per move
_BLOCK_CELLS = 1 << 17  # fewer rows per block when rows are wide (whole-grid search)
_CHUNK_ROWS = 2048


@dataclass
class PathResult:
    groups: list[Group]
    scores: list[float]  # margin score of each group (0 for skips)
    zh_density: np.ndarray
    en_density: np.ndarray
    zh_vectors: np.ndarray  # the Chinese vectors scored (a second search corrects them)


@dataclass(frozen=True)
class Band:
    """Per DP row i (0..n), the English positions lo[i] <= j < hi[i] that are searched."""

    lo: np.ndarray
    hi: np.ndarray

    @classmethod
    def full(cls, n: int, m: int) -> Band:
        return cls(np.zeros(n + 1, dtype=np.int64), np.full(n + 1, m + 1, dtype=np.int64))

    @classmethod
    def around(cls, groups: list[Group], scale: int, n: int, m: int, width: int) -> Band:
        """The positions within `width` of a path, whose groups count blocks of `scale`
        sentences (1: sentences), kept monotonic and connected so that a path from (0, 0)
        to (n, m) exists."""
        points = path_points(groups)
        lo = np.full(n + 1, m + 1, dtype=np.int64)
        hi = np.full(n + 1, -1, dtype=np.int64)
        for (i0, j0), (i1, j1) in zip(points, points[1:]):
            rows = slice(min(i0 * scale, n), min(i1 * scale, n) + 1)
            lo[rows] = np.minimum(lo[rows], min(j0 * scale, m))
            hi[rows] = np.maximum(hi[rows], min(j1 * scale, m))
        lo = np.maximum(lo - width, 0)
        hi = np.minimum(hi + width, m) + 1
        lo = np.minimum.accumulate(lo[::-1])[::-1]
        hi = np.maximum.accumulate(hi)
        lo[0], hi[n] = 0, m + 1
        return cls(lo, hi)

    def is_full(self, m: int) -> bool:
        return bool((self.lo == 0).all() and (self.hi == m + 1).all())


def path_points(groups: list[Group]) -> list[tuple[int, int]]:
    """The grid cells a path passes through, from (0, 0)."""
    points = [(0, 0)]
    for zh_ids, en_ids in groups:
        i, j = points[-1]
        points.append((i + len(zh_ids), j + len(en_ids)))
    return points


def densities(zh: np.ndarray, en: np.ndarray, band: Band, k: int):
    """Mean of the k best cosines of each sentence, looking only inside the band."""
    n, m = len(zh), len(en)
    lo, hi = band.lo, band.hi
    if band.is_full(m):
        cosines = zh @ en.T
        return top_k_mean(cosines, k, axis=1), top_k_mean(cosines, k, axis=0)
    zh_density = np.zeros(n)
    en_top = np.full((m, k), -1.0)  # the k best cosines of each English sentence, ascending
    # sentence i sits in DP rows i and i+1; its candidates are en sentences j-1 for j in band
    starts = np.maximum(np.minimum(lo[:-1], lo[1:]) - 1, 0)
    stops = np.minimum(np.maximum(hi[:-1], hi[1:]), m)
    for first in range(0, n, _BLOCK_ROWS):
        rows = np.arange(first, min(first + _BLOCK_ROWS, n))
        rows = rows[stops[rows] > starts[rows]]
        if not len(rows):
            continue
        start, stop = int(starts[rows].min()), int(stops[rows].max())
        columns = np.arange(start, stop)
        inside = (columns >= starts[rows, None]) & (columns < stops[rows, None])
        cos = np.where(inside, zh[rows] @ en[start:stop].T, -np.inf).astype(zh.dtype)
        top = np.sort(cos, axis=1)[:, -k:]
        counts = inside.sum(axis=1)
        full = counts >= k
        zh_density[rows[full]] = top[full].mean(axis=1)
        for r in np.flatnonzero(~full):  # fewer candidates than k: the mean of them all
            zh_density[rows[r]] = top[r, k - counts[r] :].mean()
        merged = np.concatenate([en_top[start:stop], cos.T], axis=1)
        merged.sort(axis=1)
        en_top[start:stop] = merged[:, -k:]
    en_top[en_top < -0.5] = np.nan
    en_density = np.nan_to_num(np.nanmean(en_top, axis=1))
    return zh_density, en_density


def band_densities(zh: np.ndarray, en: np.ndarray, band: Band, k: int):
    """`densities`, on one BLAS thread where the band is narrow (many small products)."""
    with nullcontext() if band.is_full(len(en)) else one_blas_thread():
        return densities(zh, en, band, k)


def window_vectors(vectors: np.ndarray, sizes: list[int]) -> dict[int, np.ndarray]:
    """`similarity.window_sums` for several sizes: the same values, one cumulative sum.

    Rows are finished a chunk at a time so the float64 temporaries stay small.
    """
    n, dim = vectors.shape
    out = {size: np.zeros((n, dim), dtype=np.float32) for size in sizes}
    if not any(size <= n for size in sizes):
        return out
    cumulative = vectors.astype(np.float64)
    np.cumsum(cumulative, axis=0, out=cumulative)
    for size in sizes:
        for start in range(size - 1, n, _CHUNK_ROWS):
            stop = min(start + _CHUNK_ROWS, n)
            sums = cumulative[start:stop].copy()  # window ending at k: cum[k] - cum[k - size]
            if start >= size:
                sums -= cumulative[start - size : stop - size]
            else:
                sums[1:] -= cumulative[: stop - size]
            out[size][start:stop] = normalize_rows(sums)
    return out


@dataclass
class SearchSide:
    """One side as one search scores it."""

    vectors: np.ndarray
    lengths: np.ndarray
    density: np.ndarray
    runs: dict[int, np.ndarray]  # embedded runs by size; empty: groups average sentences
    # what skipping each sentence costs beyond `TranslationParams.skip_penalty` (negative
    # where a skip is cheaper: the untranslated edges of a text), one per sentence
    skip_extra: np.ndarray

    def all_groups(self, sizes: list[int], run_density: Callable[[np.ndarray], np.ndarray]):
        """Per group size: vector, total length and density of each window ending at k.

        Embedded runs are used where the caller paid for them, each with its own density,
        `run_density(vectors)`: the mean of its k best cosines with the other side's
        sentences. A run as one text sits closer to everything than its sentences do;
        measured against its own neighbourhood its margin compares fairly with a single
        sentence's. Otherwise the sentence vectors and their densities are averaged (own
        densities of averaged runs scored lower, see BENCHMARKS.md).
        """
        averaged = window_vectors(self.vectors, [s for s in sizes if s not in self.runs])
        groups = {}
        for size in sizes:
            if size in self.runs:
                vectors, density = self.runs[size], run_density(self.runs[size])
            else:
                vectors, density = averaged[size], window_totals(self.density, size) / size
            groups[size] = (vectors, window_totals(self.lengths, size), density)
        return groups


def one_blas_thread():
    """BLAS on one thread: the search's matrix products are small and many, and BLAS
    threads waking for each cost more than they save (tens of milliseconds a call when
    the cores are busy)."""
    try:
        from threadpoolctl import threadpool_limits
    except ImportError:  # comes with scikit-learn; without it BLAS keeps its threads
        return nullcontext()
    return threadpool_limits(1, user_api="blas")


@dataclass
class _Grid:
    """Where the scores of the DP rows live: one buffer row per DP row, English position j
    at column pad + j, for the block's rows and the `before` rows that moves reach back to."""

    band: Band
    before: int
    pad: int
    stride: int

    def row_cells(self, rows: np.ndarray, cols: int) -> np.ndarray:
        """Buffer positions of the cells of a block's rows."""
        starts = (self.before + np.arange(len(rows))) * self.stride + self.pad
        return (starts + self.band.lo[rows])[:, None] + np.arange(cols)


@dataclass
class _Scoring:
    """What every move into a cell is scored with."""

    zh_groups: dict[int, tuple[np.ndarray, np.ndarray, np.ndarray]]
    en_groups: dict[int, tuple[np.ndarray, np.ndarray, np.ndarray]]
    log_ratio_mean: float
    params: TranslationParams
    edges: ClausePairs | None  # a group's clause-edge score, where clause pairs are given
    terms: Sequence[BoundaryTerm]
    zh_skip_extra: np.ndarray  # the extra cost of skipping each Chinese sentence
    shared: SharedPairs  # pairs sharing figures and names: a group holding them gains


def search(
    zh_side: SearchSide,
    en_side: SearchSide,
    band: Band,
    params: TranslationParams,
    edges: ClausePairs | None = None,
    terms: Sequence[BoundaryTerm] = (),
    density_band: Band | None = None,
    shared: SharedPairs = NO_PAIRS,
) -> PathResult:
    """Row-by-row DP over the band, with the gains of a block of rows computed at once.

    Row i holds the English positions lo[i] <= j < hi[i]. For each block of rows and
    each move, one matrix product against the English slice the block spans gives every
    cosine; the row loop then only gathers the previous rows' scores and takes the best
    move, a few array operations per row, on one BLAS thread. The densities of embedded
    runs are taken over `density_band` (default: the band searched).
    """
    with one_blas_thread():
        return _search_rows(
            zh_side, en_side, band, params, edges, terms, density_band or band, shared
        )


def _search_rows(
    zh_side: SearchSide,
    en_side: SearchSide,
    band: Band,
    params: TranslationParams,
    edges: ClausePairs | None,
    terms: Sequence[BoundaryTerm],
    density_band: Band,
    shared: SharedPairs,
) -> PathResult:
    n, m = len(zh_side.vectors), len(en_side.vectors)
    lo, hi = band.lo, band.hi
    shapes = [shape for shape in params.shape_penalty if shape[0] <= n and shape[1] <= m]
    k = params.density_k
    zh_groups = zh_side.all_groups(
        sorted({s[0] for s in shapes}),
        lambda runs: densities(runs, en_side.vectors, density_band, k)[0],
    )
    en_groups = en_side.all_groups(
        sorted({s[1] for s in shapes}),
        lambda runs: densities(zh_side.vectors, runs, density_band, k)[1],
    )
    total_zh = float(np.sum(zh_side.lengths)) + 1.0
    total_en = float(np.sum(en_side.lengths)) + 1.0
    scoring = _Scoring(
        zh_groups, en_groups, np.log(total_en / total_zh), params, edges, terms,
        zh_side.skip_extra, shared,
    )
    moves = shapes + [(1, 0), (0, 1)]
    stepped = moves[:-1]  # (0, 1) is chained along the row

    width = hi - lo
    max_width = int(width.max())
    block_rows = max(1, min(_BLOCK_ROWS, _BLOCK_CELLS // max_width))
    before = max(a for a, _ in stepped)
    pad = max(b for _, b in stepped)
    grid = _Grid(band, before, pad, pad + m + 1 + max_width)
    buffer = np.full((before + block_rows) * grid.stride, -np.inf)
    steps = np.arange(max_width) * params.skip_penalty
    # English-only skips up to each position: the extra costs summed (column j skips en j-1);
    # padded, since a row's cells past its width are filled but never read
    en_extra = np.concatenate([[0.0], np.cumsum(en_side.skip_extra)])
    en_extra = np.pad(en_extra, (0, max_width), mode="edge")
    starts = lo.tolist()
    back_blocks: list[np.ndarray] = []
    margin_blocks: list[np.ndarray] = []
    for first in range(0, n + 1, block_rows):
        rows = np.arange(first, min(first + block_rows, n + 1))
        cols = int(width[rows].max())
        gains, margins, gather = _block_gains(rows, cols, stepped, grid, scoring)
        reached = np.empty((len(rows), cols))  # best score over the stepped moves
        for r, i in enumerate(rows.tolist()):
            ahead = steps[:cols] + (en_extra[starts[i] : starts[i] + cols] - en_extra[starts[i]])
            if i == 0:
                row = np.where(np.arange(cols) + starts[0] == 0, 0.0, -np.inf)
            else:
                row = (buffer[gather[r]] + gains[r]).max(axis=0)
            reached[r] = row
            # English-only skips (0,1) chain along the row: a running maximum does them at once
            chained = np.maximum.accumulate(row + ahead) - ahead
            row = np.where(chained > row + 1e-12, chained, row)
            at = (before + r) * grid.stride + pad + starts[i]
            buffer[at : at + cols] = row  # cells past the row's width are never read
        final = buffer[grid.row_cells(rows, cols)]
        choice = (buffer[gather] + gains).argmax(axis=1)
        from_left = final > reached + 1e-12
        if first == 0:
            choice[0] = -1  # the start cell has no move; other row-0 cells come from the left
        back = np.where(from_left, len(moves) - 1, choice).astype(np.int8)
        chosen = np.take_along_axis(margins, np.maximum(choice, 0)[:, None], axis=1)[:, 0]
        back_blocks.append(back)
        margin_blocks.append(np.where(from_left | (choice < 0), 0.0, chosen))
        # the last rows of this block are the rows before the next one
        buffer[: before * grid.stride] = buffer[
            len(rows) * grid.stride : (len(rows) + before) * grid.stride
        ]

    groups: list[Group] = []
    group_scores: list[float] = []
    i, j = n, m
    while i > 0 or j > 0:
        block, r = divmod(i, block_rows)
        position = j - starts[i]
        a, b = moves[back_blocks[block][r, position]]
        if b == 0 or a == 0:
            group_scores.append(0.0)
        else:
            group_scores.append(float(margin_blocks[block][r, position]))
        groups.append((list(range(i - a, i)), list(range(j - b, j))))
        i, j = i - a, j - b
    groups.reverse()
    group_scores.reverse()
    return PathResult(groups, group_scores, zh_side.density, en_side.density, zh_side.vectors)


class _BlockEdges:
    """The clause-edge margins of a block of rows: every group ending at a cell closes
    with the same sentences there; it opens with sentences that depend on its shape."""

    def __init__(self, edges: ClausePairs, rows, js, first_en: int, last_en: int, reach: int):
        self.edges, self.last_en = edges, last_en
        self.n_en = len(edges.en_density)
        # a group ending at cell (i, j) closes with zh i-1 and en j-1
        closers = np.maximum(rows - 1, 0)
        self.tails = edges.margins(
            edges.products(closers, first_en, last_en, heads=False),
            closers, np.clip(js - 1, 0, self.n_en - 1), first_en,
        )
        # it opens with zh i-a and en j-b, which may lie before first_en; the products
        # depend on a only, so moves of one Chinese size share them
        self.heads_first = max(first_en - reach, 0)
        self.head_products: dict[int, np.ndarray] = {}

    def heads(self, a: int, b: int, rows, js) -> np.ndarray:
        openers = np.maximum(rows - a, 0)
        if a not in self.head_products:
            self.head_products[a] = self.edges.products(
                openers, self.heads_first, self.last_en, heads=True
            )
        return self.edges.margins(
            self.head_products[a], openers, np.clip(js - b, 0, self.n_en - 1), self.heads_first
        )


def _block_gains(rows, cols: int, stepped: list[tuple[int, int]], grid: _Grid, scoring: _Scoring):
    """Gain and margin of each move into each cell of a block of rows, and where it comes from.

    Arrays are indexed [row, move, column]. Cells a move cannot reach (outside the
    band, outside the source row's band, before the start of either text) gain
    -inf. `gather` holds the buffer position of each move's source cell.
    """
    lo, hi = grid.band.lo, grid.band.hi
    params = scoring.params
    shape = (len(rows), len(stepped), cols)
    gains = np.full(shape, -np.inf)
    margins = np.zeros(shape)
    gather = np.zeros(shape, dtype=np.int64)
    offsets = np.arange(cols)
    js = lo[rows, None] + offsets  # English position of each cell
    inside = offsets < (hi[rows] - lo[rows])[:, None]
    first_en = max(int(lo[rows[0]]) - 1, 0)
    last_en = int(hi[rows[-1]]) - 1  # English sentences first_en..last_en-1 are in reach
    edges = None
    if scoring.edges is not None:
        reach = max(b for _, b in stepped)
        edges = _BlockEdges(scoring.edges, rows, js, first_en, last_en, reach)
    # every group ending at a cell makes the same boundary there; skips do not carry it
    # (their price is the skip penalty)
    boundary = 0.0
    for term in scoring.terms:
        boundary = boundary + term.gains(rows, js)
    for k, (a, b) in enumerate(stepped):
        source_rows = np.maximum(rows - a, 0)
        sources = js - b
        valid = (
            inside
            & (rows >= a)[:, None]
            & (sources >= lo[source_rows, None])
            & (sources < hi[source_rows, None])
            & (sources >= 0)
        )
        gather[:, k] = (
            ((grid.before + rows - rows[0] - a) * grid.stride + grid.pad)[:, None]
            + np.clip(sources, -grid.pad, None)
        )
        if b == 0:
            skip = -params.skip_penalty - scoring.zh_skip_extra[np.maximum(rows - 1, 0)]
            gains[:, k] = np.where(valid, skip[:, None], gains[:, k])
            continue
        ok = valid & (js >= b)
        if not ok.any():
            continue
        zh_vecs, zh_len, zh_dens = (f[np.maximum(rows - 1, 0)] for f in scoring.zh_groups[a])
        en_vecs, en_len, en_dens = scoring.en_groups[b]
        en_at = np.clip(js - 1, 0, len(en_len) - 1)
        dense = zh_vecs @ en_vecs[first_en:last_en].T
        cosines = np.take_along_axis(dense, np.clip(en_at - first_en, 0, last_en - first_en - 1), 1)
        margin = cosines - (zh_dens[:, None] + en_dens[en_at]) / 2
        deviation = (
            np.log((en_len[en_at] + 1.0) / (zh_len[:, None] + 1.0)) - scoring.log_ratio_mean
        )
        gain = (
            (1 + params.size_weight * ((a + b) / 2 - 1)) * margin
            - params.shape_penalty[(a, b)]
            - params.length_weight * deviation**2
        )
        if edges is not None:
            heads = edges.heads(a, b, rows, js)
            gain = gain + params.edge_weight * (heads + edges.tails) / 2
        if params.shared_weight > 0 and len(scoring.shared.zh):
            held = scoring.shared.rectangle_sums(rows, js, a, b)
            gain = gain + params.shared_weight * np.minimum(held, params.shared_cap)
        gains[:, k] = np.where(ok, gain + boundary, -np.inf)
        margins[:, k] = np.where(ok, margin, 0.0)
    return gains, margins, gather
