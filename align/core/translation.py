"""Monotonic alignment of a translation: dynamic programming over sentence groups.

Each step of the path takes Chinese and English sentences together (1-1 up to
1-6 and 4-1, 2-2, 2-3, 3-2) or skips one sentence of either side. A group scores its
margin-normalised similarity (weighted by the sentences it covers) minus a
small price for its shape and for an unusual length ratio; a skip costs a fixed
penalty. In the accurate mode a group also scores how well its first sentences'
opening clauses and its last sentences' closing clauses match (`edges`), which
places group boundaries where whole-sentence similarity cannot, and a boundary costs
what its clauses gain by pairing across it rather than along it. Long texts are
first aligned at block resolution, and the fine search runs only in a band around
that path, so time and memory grow with the length of the texts, not with their
product. The one-to-one pairs of the path then fit a correction of the Chinese
vectors for this text (`adapt`), the path's boundaries show whether quotation marks
follow its turns of speech (`quotes`), and a second search near the first path,
with both, gives the result.
"""

from __future__ import annotations

from collections.abc import Callable
from contextlib import nullcontext
from dataclasses import dataclass, field, replace

import numpy as np

from ..text.quotes import boundary_evidence
from .adapt import MIN_PAIRS, corrected, fit_correction
from .similarity import blocks, normalize_rows, top_k_mean, window_totals

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
            (1, 5): 0.4,
            (1, 6): 0.5,
        }
    )
    length_weight: float = 0.05
    size_weight: float = 0.0  # 0: a group scores once; 1: once per sentence pair it covers
    density_k: int = 8
    edge_weight: float = 0.3  # weight of the clause-edge score, where edges are given
    band: int = 12
    block: int = 8
    full_limit: int = 4_000_000  # cells searched in full before falling back to a band
    adapt_ridge: float = 3.0  # ridge of the per-text correction before a second search; 0: off
    quote_weight: float = 0.05  # weight of quotation-state evidence in the second search
    crossing_weight: float = 1.0  # price of a boundary whose crossed clause edges match better
    word_crossing_weight: float = 0.3  # ... and whose crossed clauses share more dictionary words
    # (crossings need clause edges: none with edge_weight 0, nor in the "runs" and "fast" modes;
    # word crossings also need the clauses' dictionary words, `embedding.edge_words`)


@dataclass
class PathResult:
    groups: list[Group]
    scores: list[float]  # margin score of each group (0 for skips)
    zh_density: np.ndarray
    en_density: np.ndarray
    zh_vectors: np.ndarray  # the Chinese vectors scored: corrected by `adapt` if it ran


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


def _window_vectors(vectors: np.ndarray, sizes: list[int]) -> dict[int, np.ndarray]:
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


_CHUNK_ROWS = 2048


def _densities(zh: np.ndarray, en: np.ndarray, lo: np.ndarray, hi: np.ndarray, k: int):
    """Mean of the k best cosines of each sentence, looking only inside the band."""
    n, m = len(zh), len(en)
    if _is_full(lo, hi, m):
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
    zh_edges: tuple[np.ndarray, np.ndarray] | None = None,
    en_edges: tuple[np.ndarray, np.ndarray] | None = None,
    zh_quotes: np.ndarray | None = None,
    en_quotes: np.ndarray | None = None,
    zh_edge_words: tuple[np.ndarray, np.ndarray] | None = None,
    en_edge_words: tuple[np.ndarray, np.ndarray] | None = None,
) -> PathResult:
    """Best monotonic path through the two texts; `zh`/`en` are normalised sentence vectors.

    `*_windows` map a group size to re-encoded runs ending at each sentence;
    `*_edges` are (opening, closing) clause vectors of each sentence; `*_quotes`
    say which sentences end inside a quotation (`quotes`); `*_edge_words` the
    clauses' dictionary-word signatures (`embedding.edge_words`).
    """
    params = params or TranslationParams()
    n, m = len(zh), len(en)
    if n * m > params.full_limit and min(n, m) > params.block * 4:
        size = params.block
        coarse = align_translation(
            blocks(zh, size),
            blocks(en, size),
            np.add.reduceat(zh_lengths.astype(float), np.arange(0, n, size)),
            np.add.reduceat(en_lengths.astype(float), np.arange(0, m, size)),
            replace(params, adapt_ridge=0.0),
        )
        lo, hi = _band_from_path(_path_points(coarse.groups), size, n, m, params.band + size)
    else:
        lo = np.zeros(n + 1, dtype=np.int64)
        hi = np.full(n + 1, m + 1, dtype=np.int64)
    zh_clauses = None
    if zh_edges is not None:  # `embedding.embed_edges` gives a one-clause sentence as its own edges
        zh_clauses = np.any(zh_edges[0] != zh, axis=1) | np.any(zh_edges[1] != zh, axis=1)
    words = None
    if zh_edge_words is not None and en_edge_words is not None:
        words = (zh_edge_words, en_edge_words)
    sides = _Sides(
        zh_lengths, en_lengths, en, en_windows, en_edges, lo, hi, params, zh_clauses, words
    )
    path = sides.search(zh, zh_windows, zh_edges)
    if params.adapt_ridge <= 0:
        return path
    pairs = [(z[0], e[0]) for z, e in path.groups if len(z) == 1 and len(e) == 1]
    if len(pairs) < MIN_PAIRS:
        return path
    zh_ids, en_ids = np.array(pairs).T
    correction = fit_correction(zh[zh_ids], en[en_ids], params.adapt_ridge)
    boundaries = None
    if zh_quotes is not None and en_quotes is not None and params.quote_weight > 0:
        price, bonus = boundary_evidence(path.groups, zh_quotes, en_quotes)
        if price > 0:
            boundaries = _Boundaries(
                zh_quotes, en_quotes, params.quote_weight * price, params.quote_weight * bonus
            )
    # the second search keeps near the first path; densities stay over the first band
    near = _band_from_path(_path_points(path.groups), 1, n, m, params.band)
    return sides.search(
        corrected(zh, correction),
        {size: corrected(runs, correction) for size, runs in (zh_windows or {}).items()} or None,
        None if zh_edges is None else tuple(corrected(e, correction) for e in zh_edges),
        near,
        boundaries,
    )


@dataclass
class _Sides:
    """What stays fixed between the first search and the corrected second one."""

    zh_lengths: np.ndarray
    en_lengths: np.ndarray
    en: np.ndarray
    en_windows: dict[int, np.ndarray] | None
    en_edges: tuple[np.ndarray, np.ndarray] | None
    lo: np.ndarray  # band over which densities are taken (and searched, unless narrowed)
    hi: np.ndarray
    params: TranslationParams
    zh_clauses: np.ndarray | None = None  # Chinese sentences of more than one clause
    # the clauses' dictionary words: (zh (opening, closing), en (opening, closing))
    edge_words: tuple[tuple[np.ndarray, np.ndarray], tuple[np.ndarray, np.ndarray]] | None = None

    def search(self, zh, zh_windows, zh_edges, narrowed=None, boundaries=None) -> PathResult:
        lo, hi, params = self.lo, self.hi, self.params
        with nullcontext() if _is_full(lo, hi, len(self.en)) else _one_blas_thread():
            zh_density, en_density = _densities(zh, self.en, lo, hi, params.density_k)
        zh_side = _Side(zh, self.zh_lengths, zh_density, zh_windows)
        en_side = _Side(self.en, self.en_lengths, en_density, self.en_windows)
        edges = None
        if zh_edges is not None and self.en_edges is not None and params.edge_weight > 0:
            edges = _Edges.pair(
                zh_side, en_side, zh_edges, self.en_edges, self.zh_clauses, self.edge_words
            )
        search_lo, search_hi = narrowed if narrowed is not None else (lo, hi)
        return _search(
            zh_side, en_side, search_lo, search_hi, params, edges, (lo, hi), boundaries
        )


@dataclass
class _Side:
    vectors: np.ndarray
    lengths: np.ndarray
    density: np.ndarray
    windows: dict[int, np.ndarray] | None

    def all_groups(self, sizes: list[int], run_density: Callable[[np.ndarray], np.ndarray]):
        """Per group size: vector, total length and density of each window ending at k.

        Embedded runs (`windows`) are used where the caller paid for them, each with its
        own density, `run_density(vectors)`: the mean of its k best cosines with the
        other side's sentences. A run as one text sits closer to everything than its
        sentences do; measured against its own neighbourhood its margin compares fairly
        with a single sentence's (mac-dev strict F1 0.897 -> 0.901, mag 0.987 -> 0.991).
        Otherwise the sentence vectors and their densities are averaged (`--fast`: own
        densities of averaged runs scored lower there).
        """
        encoded = self.windows or {}
        averaged = _window_vectors(self.vectors, [s for s in sizes if s not in encoded])
        groups = {}
        for size in sizes:
            if size in encoded:
                vectors, density = encoded[size], run_density(encoded[size])
            else:
                vectors, density = averaged[size], window_totals(self.density, size) / size
            groups[size] = (vectors, window_totals(self.lengths, size), density)
        return groups


@dataclass
class _Edges:
    """Clause-edge vectors paired so that one product gives both directions' cosines.

    heads: row i of `zh_heads` . row j of `en_heads` = cos(opening clauses of zh i, en j)
    + cos(zh i, opening clauses of en j); the same for the closing clauses.
    """

    zh_heads: np.ndarray
    en_heads: np.ndarray
    zh_tails: np.ndarray
    en_tails: np.ndarray
    zh_density: np.ndarray
    en_density: np.ndarray
    zh_clauses: np.ndarray  # Chinese sentences whose edges are clauses, not the whole sentence
    # dictionary-word signatures of the clauses: zh (opening, closing), en (opening, closing)
    words: tuple[tuple[np.ndarray, np.ndarray], tuple[np.ndarray, np.ndarray]] | None = None

    @classmethod
    def pair(
        cls, zh_side: _Side, en_side: _Side, zh_edges, en_edges, zh_clauses=None, words=None
    ) -> _Edges:
        zh, en = zh_side.vectors, en_side.vectors
        return cls(
            np.hstack([zh_edges[0], zh]),
            np.hstack([en, en_edges[0]]),
            np.hstack([zh_edges[1], zh]),
            np.hstack([en, en_edges[1]]),
            zh_side.density,
            en_side.density,
            np.ones(len(zh), dtype=bool) if zh_clauses is None else zh_clauses,
            words,
        )

    def products(self, zh_rows, first_en: int, last_en: int, heads: bool) -> np.ndarray:
        """Edge cosine sums of zh sentences `zh_rows` with English sentences first_en..last_en-1."""
        zh_vecs, en_vecs = (
            (self.zh_heads, self.en_heads) if heads else (self.zh_tails, self.en_tails)
        )
        return zh_vecs[zh_rows] @ en_vecs[first_en:last_en].T

    def crossings(self, rows: np.ndarray, js: np.ndarray) -> np.ndarray:
        """How much better a group boundary at cell (i, js[r]) of each row i pairs its
        sentences across it than along it; 0 where along is better.

        At the boundary after zh i-1 and en j-1, along means zh i-1's closing clauses
        with en j-1's and zh i's opening clauses with en j's; crossed means zh i-1's
        closing clauses with en j's opening ones and zh i's opening clauses with en
        j-1's closing ones (each edge against the other side's whole sentence, as in
        `products`). A translator who moves a clause over a sentence boundary leaves
        the crossed pairs matching: the two groups should have been one. The two
        sides' densities cancel out, so cosines compare directly. Only boundaries
        between Chinese sentences of several clauses count: a one-clause sentence's
        edge is the whole sentence, and where such short sentences go the crossed
        pairs guess (Bible 001 lost 0.002 strict F1 with them, mac-dev gained 0.0015).
        """
        crossed = _crossed_less_along(
            self.zh_tails, self.zh_heads, self.en_heads, self.en_tails, rows, js
        )
        return np.where(self._between_clauses(rows, js), np.maximum(crossed, 0.0) / 2, 0.0)

    def word_crossings(self, rows: np.ndarray, js: np.ndarray) -> np.ndarray:
        """The same with the clauses' dictionary words (signature cosines, clause with
        clause): a moved clause takes its words with it where the sentence vectors
        blur. On the second path's neighbouring groups of mac-dev this separates the
        gold merges from right splits with AUC 0.90, against 0.64 for the vectors'
        crossed margins. 0 where no words are given."""
        if self.words is None:
            return np.zeros(js.shape)
        (zh_heads, zh_tails), (en_heads, en_tails) = self.words
        crossed = _crossed_less_along(zh_tails, zh_heads, en_heads, en_tails, rows, js)
        return np.where(self._between_clauses(rows, js), np.maximum(crossed, 0.0), 0.0)

    def _between_clauses(self, rows: np.ndarray, js: np.ndarray) -> np.ndarray:
        """Inner boundaries between two Chinese sentences of several clauses."""
        n, m = len(self.zh_density), len(self.en_density)
        before_clauses = self.zh_clauses[np.clip(rows - 1, 0, n - 1)]
        clauses = before_clauses & self.zh_clauses[np.clip(rows, 0, n - 1)]
        return (clauses & (rows >= 1) & (rows < n))[:, None] & (js >= 1) & (js < m)

    def margins(self, products, zh_rows, en_ids, first_en: int) -> np.ndarray:
        """Edge margin of zh sentence zh_rows[r] with English sentence en_ids[r, c],
        taken from `products` (rows zh_rows, columns from first_en)."""
        at = np.clip(en_ids - first_en, 0, products.shape[1] - 1)
        cosines = np.take_along_axis(products, at, 1) / 2
        return cosines - (self.zh_density[zh_rows, None] + self.en_density[en_ids]) / 2


def _crossed_less_along(zh_tails, zh_heads, en_heads, en_tails, rows, js) -> np.ndarray:
    """At the boundary after zh i-1 and en j-1, for each row i (`rows`) and column j
    (`js[r]`): zh i-1's tail . en j's head + zh i's head . en j-1's tail (crossed),
    less zh i-1's tail . en j-1's tail + zh i's head . en j's head (along)."""
    n, m = len(zh_tails), len(en_heads)
    first, last = max(int(js.min()) - 1, 0), min(int(js.max()) + 1, m)
    width = last - first
    closing = zh_tails[np.clip(rows - 1, 0, n - 1)] @ np.vstack(
        [en_heads[first:last], en_tails[first:last]]
    ).T
    opening = zh_heads[np.clip(rows, 0, n - 1)] @ np.vstack(
        [en_tails[first:last], en_heads[first:last]]
    ).T
    at = np.clip(js - first, 0, width - 1)
    before = np.clip(js - 1 - first, 0, width - 1)
    crossed = np.take_along_axis(closing[:, :width], at, 1) + np.take_along_axis(
        opening[:, :width], before, 1
    )
    along = np.take_along_axis(closing[:, width:], before, 1) + np.take_along_axis(
        opening[:, width:], at, 1
    )
    return crossed - along


@dataclass
class _Boundaries:
    """Gain of a group boundary by whether the two sides agree on being inside a quotation."""

    zh_states: np.ndarray
    en_states: np.ndarray
    price: float  # taken where they disagree
    bonus: float  # given where they agree

    def gains(self, rows: np.ndarray, js: np.ndarray) -> np.ndarray:
        """For a group ending at cell (i, j) of each row i and column js[r]: the boundary
        after zh sentence i-1 and en sentence j-1 (none at the end of either text)."""
        n, m = len(self.zh_states), len(self.en_states)
        zh = self.zh_states[np.clip(rows - 1, 0, n - 1)][:, None]
        en = self.en_states[np.clip(js - 1, 0, m - 1)]
        inside = (rows < n)[:, None] & (js < m)
        return np.where(inside, np.where(zh == en, self.bonus, -self.price), 0.0)


def _search(
    zh_side: _Side, en_side: _Side, lo: np.ndarray, hi: np.ndarray, params,
    edges: _Edges | None = None, density_band: tuple[np.ndarray, np.ndarray] | None = None,
    boundaries: _Boundaries | None = None,
):
    """Row-by-row DP over the band, with the gains of a block of rows computed at once.

    Row i holds the English positions lo[i] <= j < hi[i]. For each block of rows
    and each move, one matrix product against the English slice the block spans
    gives every cosine; the row loop then only gathers the previous rows' scores
    and takes the best move, a few array operations per row. The products are
    small and many: BLAS threads waking for each cost more than they save (tens
    of milliseconds a call when the cores are busy), so BLAS runs on one thread.
    """
    with _one_blas_thread():
        return _search_rows(
            zh_side, en_side, lo, hi, params, edges, density_band or (lo, hi), boundaries
        )


def _one_blas_thread():
    try:
        from threadpoolctl import threadpool_limits
    except ImportError:  # comes with scikit-learn; without it BLAS keeps its threads
        return nullcontext()
    return threadpool_limits(1, user_api="blas")


def _search_rows(
    zh_side: _Side, en_side: _Side, lo: np.ndarray, hi: np.ndarray, params, edges, density_band,
    boundaries: _Boundaries | None = None,
):
    n, m = len(zh_side.vectors), len(en_side.vectors)
    shapes = [shape for shape in params.shape_penalty if shape[0] <= n and shape[1] <= m]
    k = params.density_k
    zh_groups = zh_side.all_groups(
        sorted({s[0] for s in shapes}),
        lambda runs: _densities(runs, en_side.vectors, *density_band, k)[0],
    )
    en_groups = en_side.all_groups(
        sorted({s[1] for s in shapes}),
        lambda runs: _densities(zh_side.vectors, runs, *density_band, k)[1],
    )
    total_zh = float(np.sum(zh_side.lengths)) + 1.0
    total_en = float(np.sum(en_side.lengths)) + 1.0
    log_ratio_mean = np.log(total_en / total_zh)
    moves = shapes + [(1, 0), (0, 1)]
    stepped = moves[:-1]  # (0, 1) is chained along the row

    width = hi - lo
    max_width = int(width.max())
    block_rows = max(1, min(_BLOCK_ROWS, _BLOCK_CELLS // max_width))
    # scores of the block's rows and of the rows before it that moves reach back to,
    # one buffer row per DP row, English position j at column pad + j
    before = max(a for a, _ in stepped)
    pad = max(b for _, b in stepped)
    stride = pad + m + 1 + max_width
    buffer = np.full((before + block_rows) * stride, -np.inf)
    steps = np.arange(max_width) * params.skip_penalty
    starts = lo.tolist()
    back_blocks: list[np.ndarray] = []
    margin_blocks: list[np.ndarray] = []
    for first in range(0, n + 1, block_rows):
        rows = np.arange(first, min(first + block_rows, n + 1))
        cols = int(width[rows].max())
        gains, margins, gather = _block_gains(
            rows, cols, stepped, zh_groups, en_groups, lo, hi, before, stride, pad,
            log_ratio_mean, params, edges, boundaries,
        )
        reached = np.empty((len(rows), cols))  # best score over the stepped moves
        ahead = steps[:cols]
        for r, i in enumerate(rows.tolist()):
            if i == 0:
                row = np.where(np.arange(cols) + starts[0] == 0, 0.0, -np.inf)
            else:
                row = (buffer[gather[r]] + gains[r]).max(axis=0)
            reached[r] = row
            # English-only skips (0,1) chain along the row: a running maximum does them at once
            chained = np.maximum.accumulate(row + ahead) - ahead
            row = np.where(chained > row + 1e-12, chained, row)
            at = (before + r) * stride + pad + starts[i]
            buffer[at : at + cols] = row  # cells past the row's width are never read
        final = buffer[_row_cells(rows, before, stride, pad, lo, cols)]
        choice = (buffer[gather] + gains).argmax(axis=1)
        from_left = final > reached + 1e-12
        if first == 0:
            choice[0] = -1  # the start cell has no move; other row-0 cells come from the left
        back = np.where(from_left, len(moves) - 1, choice).astype(np.int8)
        chosen = np.take_along_axis(margins, np.maximum(choice, 0)[:, None], axis=1)[:, 0]
        back_blocks.append(back)
        margin_blocks.append(np.where(from_left | (choice < 0), 0.0, chosen))
        # the last rows of this block are the rows before the next one
        buffer[: before * stride] = buffer[len(rows) * stride : (len(rows) + before) * stride]

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


_BLOCK_ROWS = 64  # rows whose gains come from one matrix product per move
_BLOCK_CELLS = 1 << 17  # fewer rows per block when rows are wide (whole-grid search)


def _row_cells(rows, before, stride, pad, lo, cols):
    """Buffer positions of the cells of the block's rows."""
    return ((before + np.arange(len(rows))) * stride + pad + lo[rows])[:, None] + np.arange(cols)


def _block_gains(
    rows, cols, stepped, zh_groups, en_groups, lo, hi, before, stride, pad, log_ratio_mean, params,
    edges=None, boundaries=None,
):
    """Gain and margin of each move into each cell of a block of rows, and where it comes from.

    Arrays are indexed [row, move, column]. Cells a move cannot reach (outside the
    band, outside the source row's band, before the start of either text) gain
    -inf. `gather` holds the buffer position of each move's source cell.
    """
    shape = (len(rows), len(stepped), cols)
    gains = np.full(shape, -np.inf)
    margins = np.zeros(shape)
    gather = np.zeros(shape, dtype=np.int64)
    offsets = np.arange(cols)
    js = lo[rows, None] + offsets  # English position of each cell
    inside = offsets < (hi[rows] - lo[rows])[:, None]
    first_en = max(int(lo[rows[0]]) - 1, 0)
    last_en = int(hi[rows[-1]]) - 1  # English sentences first_en..last_en-1 are in reach
    if edges is not None:  # a group ending at cell (i, j) closes with zh i-1 and en j-1
        n_en = len(edges.en_density)
        closers = np.maximum(rows - 1, 0)
        tails = edges.margins(
            edges.products(closers, first_en, last_en, heads=False),
            closers, np.clip(js - 1, 0, n_en - 1), first_en,
        )
        # and opens with zh i-a and en j-b, which may lie before first_en; the products
        # depend on a only, so moves of one Chinese size share them
        heads_first = max(first_en - max(b for _, b in stepped), 0)
        head_products: dict[int, np.ndarray] = {}
    # every group ending at a cell makes the same boundary there; skips do not carry it
    # (their price is the skip penalty), as measured
    boundary = 0.0 if boundaries is None else boundaries.gains(rows, js)
    if edges is not None and params.crossing_weight > 0:
        boundary = boundary - params.crossing_weight * edges.crossings(rows, js)
    if edges is not None and params.word_crossing_weight > 0:
        boundary = boundary - params.word_crossing_weight * edges.word_crossings(rows, js)
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
            ((before + rows - rows[0] - a) * stride + pad)[:, None] + np.clip(sources, -pad, None)
        )
        if b == 0:
            gains[:, k][valid] = -params.skip_penalty
            continue
        ok = valid & (js >= b)
        if not ok.any():
            continue
        zh_vecs, zh_len, zh_dens = (f[np.maximum(rows - 1, 0)] for f in zh_groups[a])
        en_vecs, en_len, en_dens = en_groups[b]
        en_at = np.clip(js - 1, 0, len(en_len) - 1)
        dense = zh_vecs @ en_vecs[first_en:last_en].T
        cosines = np.take_along_axis(dense, np.clip(en_at - first_en, 0, last_en - first_en - 1), 1)
        margin = cosines - (zh_dens[:, None] + en_dens[en_at]) / 2
        deviation = np.log((en_len[en_at] + 1.0) / (zh_len[:, None] + 1.0)) - log_ratio_mean
        gain = (
            (1 + params.size_weight * ((a + b) / 2 - 1)) * margin
            - params.shape_penalty[(a, b)]
            - params.length_weight * deviation**2
        )
        if edges is not None:
            openers = np.maximum(rows - a, 0)
            if a not in head_products:
                head_products[a] = edges.products(openers, heads_first, last_en, heads=True)
            heads = edges.margins(
                head_products[a], openers, np.clip(js - b, 0, n_en - 1), heads_first
            )
            gain = gain + params.edge_weight * (heads + tails) / 2
        gains[:, k] = np.where(ok, gain + boundary, -np.inf)
        margins[:, k] = np.where(ok, margin, 0.0)
    return gains, margins, gather
