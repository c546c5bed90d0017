"""Monotonic alignment of a translation: two passes of the banded search (`search`).

Long texts are first aligned at block resolution, and the fine search runs only in a
band around that path. The one-to-one pairs of the first path then fit a correction of
the Chinese vectors for this text (`adapt`), the path's boundaries show whether quotation
marks follow its turns of speech (`boundaries.quote_evidence`), and a second search near
the first path, with both, gives the result. What each pass scores besides the sentence
vectors is decided once, from the features and the weights: embedded runs where the
features hold them, clause edges and the boundaries they cross where they are given
(Groups.ACCURATE) and weighted, quotation states in the second pass where the first path
shows they follow the speech.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from ..config import TranslationParams
from .adapt import MIN_PAIRS, corrected, fit_correction
from .boundaries import (
    BoundaryTerm,
    ClausePairs,
    Crossings,
    QuoteAgreement,
    quote_evidence,
)
from .features import TranslationFeatures
from .search import Band, PathResult, SearchSide, band_densities, search
from .similarity import blocks, margin_scores

__all__ = ["align_translation"]


def align_translation(
    features: TranslationFeatures, params: TranslationParams | None = None
) -> PathResult:
    """The best monotonic path through the two texts of `features`."""
    params = params or TranslationParams()
    passes = _Passes.of(features, params)
    chinese = _Chinese.of(features, params)
    path = passes.search(chinese)
    if params.adapt_ridge <= 0:
        return path
    pairs = [(z[0], e[0]) for z, e in path.groups if len(z) == 1 and len(e) == 1]
    if len(pairs) < MIN_PAIRS:
        return path
    zh_ids, en_ids = np.array(pairs).T
    zh, en = features.zh, features.en
    correction = fit_correction(zh.vectors[zh_ids], en.vectors[en_ids], params.adapt_ridge)
    terms: list[BoundaryTerm] = []
    if params.quote_weight > 0:
        price, bonus = quote_evidence(path.groups, zh.quotes, en.quotes)
        if price > 0:
            weight = params.quote_weight
            terms.append(QuoteAgreement(zh.quotes, en.quotes, weight * price, weight * bonus))
    # the second search keeps near the first path; densities stay over the first band
    near = Band.around(path.groups, 1, len(zh.vectors), len(en.vectors), params.band)
    return passes.search(chinese.corrected(correction), near, terms)


@dataclass
class _Chinese:
    """The Chinese vectors one pass scores; the second pass scores them corrected."""

    vectors: np.ndarray
    runs: dict[int, np.ndarray]
    edges: tuple[np.ndarray, np.ndarray] | None  # opening and closing clauses, where scored

    @classmethod
    def of(cls, features: TranslationFeatures, params: TranslationParams) -> _Chinese:
        edges = None
        if features.edges is not None and params.edge_weight > 0:
            edges = (features.edges.zh.heads, features.edges.zh.tails)
        return cls(features.zh.vectors, features.zh.runs, edges)

    def corrected(self, correction: np.ndarray) -> _Chinese:
        return _Chinese(
            corrected(self.vectors, correction),
            {size: corrected(runs, correction) for size, runs in self.runs.items()},
            None if self.edges is None else (
                corrected(self.edges[0], correction), corrected(self.edges[1], correction)
            ),
        )


def _band(
    zh: np.ndarray, en: np.ndarray, zh_lengths: np.ndarray, en_lengths: np.ndarray,
    params: TranslationParams,
) -> Band:
    """The whole grid, or for long texts a band around the path of their blocks."""
    n, m = len(zh), len(en)
    if not (n * m > params.full_limit and min(n, m) > params.block * 4):
        return Band.full(n, m)
    size = params.block
    coarse = _block_path(
        blocks(zh, size),
        blocks(en, size),
        np.add.reduceat(zh_lengths.astype(float), np.arange(0, n, size)),
        np.add.reduceat(en_lengths.astype(float), np.arange(0, m, size)),
        params,
    )
    return Band.around(coarse.groups, size, n, m, params.band + size)


def _block_path(
    zh: np.ndarray, en: np.ndarray, zh_lengths: np.ndarray, en_lengths: np.ndarray,
    params: TranslationParams,
) -> PathResult:
    """One search on sentence vectors alone (blocks of sentences, banded in turn when long)."""
    band = _band(zh, en, zh_lengths, en_lengths, params)
    zh_density, en_density = band_densities(zh, en, band, params.density_k)
    return search(
        SearchSide(zh, zh_lengths, zh_density, {}, np.zeros(len(zh))),
        SearchSide(en, en_lengths, en_density, {}, np.zeros(len(en))),
        band,
        params,
    )


def _edge_extra(
    zh: np.ndarray, en: np.ndarray, lead: tuple[int, int], params: TranslationParams
) -> tuple[np.ndarray, np.ndarray]:
    """The extra cost of skipping each sentence of either side: edge_skip_penalty less the
    skip penalty for a text's untranslated edges, nothing elsewhere.

    The `lead` sentences of each side, which open a page in one language before it
    alternates, are an edge whatever their vectors say.

    An edge lies before the text's first anchor pair or after its last, on one side only
    (where both sides hold sentences there, they most likely render each other); an
    anchor pair is two sentences each the other's best match among the first (or last)
    anchor_reach sentences by a margin of at least anchor_margin. Of an edge, the
    sentences count from the anchor outwards while each, added to the anchor's sentence,
    brings the two nearer its counterpart on the other side no more (a sentence that does
    belongs to the anchor's group).
    """
    n, m = len(zh), len(en)
    zh_extra, en_extra = np.zeros(n), np.zeros(m)
    cheaper = params.edge_skip_penalty - params.skip_penalty
    if cheaper >= 0 or not n or not m:
        return zh_extra, en_extra
    zh_extra[: lead[0]], en_extra[: lead[1]] = cheaper, cheaper
    reach = params.anchor_reach
    for last in (False, True):
        zh_at, en_at = (max(n - reach, 0), max(m - reach, 0)) if last else (0, 0)
        margins = margin_scores(zh[zh_at : zh_at + reach] @ en[en_at : en_at + reach].T,
                                params.density_k)  # fmt: skip
        anchor = _anchor(margins, params, last)
        if anchor is None:
            continue
        i, j = zh_at + anchor[0], en_at + anchor[1]
        zh_edge = range(i + 1, n) if last else range(i - 1, -1, -1)
        en_edge = range(j + 1, m) if last else range(j - 1, -1, -1)
        if len(zh_edge) and len(en_edge):
            continue
        for edge, vectors, at, counterpart, extra in (
            (zh_edge, zh, i, en[j], zh_extra), (en_edge, en, j, zh[i], en_extra)
        ):
            for k in _unrelated(edge, vectors, at, counterpart):
                extra[k] = cheaper
    return zh_extra, en_extra


def _unrelated(edge: range, vectors: np.ndarray, anchor: int, counterpart: np.ndarray):
    """The sentences of an edge, from the anchor outwards, that the anchor's group would not
    take: joined to it (the sum of their vectors), each brings the group no nearer the
    anchor's counterpart."""
    group = vectors[anchor].astype(np.float64)
    nearness = float(vectors[anchor] @ counterpart)
    for k in edge:
        joined = group + vectors[k]
        joined_nearness = float(joined @ counterpart) / (np.linalg.norm(joined) or 1.0)
        if joined_nearness >= nearness:
            return
        yield k
        group, nearness = joined, joined_nearness


def _anchor(margins: np.ndarray, params: TranslationParams, last: bool) -> tuple[int, int] | None:
    """The first (or last) pair of mutual best matches by at least anchor_margin."""
    zh_best, en_best = margins.argmax(axis=1), margins.argmax(axis=0)
    pairs = [
        (i, int(j)) for i, j in enumerate(zh_best)
        if en_best[j] == i and margins[i, j] >= params.anchor_margin
    ]
    if not pairs:
        return None
    return max(pairs, key=sum) if last else min(pairs, key=sum)


@dataclass
class _Passes:
    """What stays fixed between the first search and the corrected second one."""

    features: TranslationFeatures
    band: Band  # over which densities are taken (and searched, unless narrowed)
    params: TranslationParams
    zh_skip_extra: np.ndarray  # `_edge_extra`
    en_skip_extra: np.ndarray

    @classmethod
    def of(cls, features: TranslationFeatures, params: TranslationParams) -> _Passes:
        zh, en = features.zh, features.en
        band = _band(zh.vectors, en.vectors, zh.lengths, en.lengths, params)
        extra = _edge_extra(zh.vectors, en.vectors, features.lead, params)
        return cls(features, band, params, *extra)

    def search(
        self, chinese: _Chinese, narrowed: Band | None = None, terms: Sequence[BoundaryTerm] = ()
    ) -> PathResult:
        """One pass over the band (or `narrowed`), with the boundary terms given and, where
        the Chinese clause edges are scored, those of the clauses."""
        zh, en, params = self.features.zh, self.features.en, self.params
        zh_density, en_density = band_densities(
            chinese.vectors, en.vectors, self.band, params.density_k
        )
        zh_side = SearchSide(
            chinese.vectors, zh.lengths, zh_density, chinese.runs, self.zh_skip_extra
        )
        en_side = SearchSide(en.vectors, en.lengths, en_density, en.runs, self.en_skip_extra)
        terms = list(terms)
        pairs = None
        if chinese.edges is not None:
            pairs = ClausePairs.of(
                chinese.vectors, zh_density, en.vectors, en_density, chinese.edges,
                self.features.edges,
            )
            if params.crossing_weight > 0:
                terms.append(Crossings(pairs.crossings, params.crossing_weight))
            if params.word_crossing_weight > 0:
                terms.append(Crossings(pairs.word_crossings, params.word_crossing_weight))
        return search(
            zh_side, en_side, narrowed or self.band, params, pairs, terms, self.band,
            self.features.shared,
        )
