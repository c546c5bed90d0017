"""Evidence about where a group of the translation search begins and ends.

Whole-sentence similarity cannot tell where one group ends and the next begins when a
translator splits or joins sentences. Two kinds of evidence can:

- clause edges (`text.clauses`): a group's first English sentence should match the opening
  clauses of its first Chinese sentence, its last one the closing clauses of its last
  (and the other way round); and where the clauses on either side of a boundary pair
  better across it than along it, a translator moved a clause over it and the two groups
  should be one (`ClausePairs`, `Crossings`);
- quotation state (`text.quotes`): in fiction a speech runs over several sentences and a
  translation keeps its turns, so both sides of a boundary are inside a quotation or both
  outside, where the text's quotation marks follow its turns at all (`quote_evidence`).

Each boundary term gives, for every cell (i, j) of a block of the search grid, the gain of
a group boundary after Chinese sentence i-1 and English sentence j-1 (none at the end of
either text); the search adds it to every group ending there.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol

import numpy as np

from ..records import Group
from .features import ClauseEdges

__all__ = [
    "MAX_EVIDENCE",
    "BoundaryTerm",
    "ClausePairs",
    "Crossings",
    "QuoteAgreement",
    "quote_evidence",
]

MAX_EVIDENCE = 3.0  # log-likelihood ratio at most counted for a disagreeing quotation state


class BoundaryTerm(Protocol):
    def gains(self, rows: np.ndarray, js: np.ndarray) -> np.ndarray:
        """Gain of a boundary at cell (rows[r], js[r, c]), shaped like `js`."""
        ...


@dataclass
class ClausePairs:
    """Clause-edge vectors paired so that one product gives both directions' cosines.

    heads: row i of `zh_heads` . row j of `en_heads` = cos(opening clauses of zh i, en j)
    + cos(zh i, opening clauses of en j); the same for the closing clauses (tails).
    """

    zh_heads: np.ndarray
    en_heads: np.ndarray
    zh_tails: np.ndarray
    en_tails: np.ndarray
    zh_density: np.ndarray
    en_density: np.ndarray
    zh_clauses: np.ndarray  # Chinese sentences whose edges are clauses, not the whole sentence
    zh_words: tuple[np.ndarray, np.ndarray]  # dictionary-word signatures: heads, tails
    en_words: tuple[np.ndarray, np.ndarray]

    @classmethod
    def of(
        cls,
        zh: np.ndarray,
        zh_density: np.ndarray,
        en: np.ndarray,
        en_density: np.ndarray,
        zh_edges: tuple[np.ndarray, np.ndarray],
        edges: ClauseEdges,
    ) -> ClausePairs:
        """`zh`, `zh_edges`: the Chinese sentence and clause vectors this search scores (a
        second search corrects them); the English ones and the words come from `edges`."""
        return cls(
            np.hstack([zh_edges[0], zh]),
            np.hstack([en, edges.en.heads]),
            np.hstack([zh_edges[1], zh]),
            np.hstack([en, edges.en.tails]),
            zh_density,
            en_density,
            edges.zh_clauses,
            (edges.zh.word_heads, edges.zh.word_tails),
            (edges.en.word_heads, edges.en.word_tails),
        )

    def products(self, zh_rows, first_en: int, last_en: int, heads: bool) -> np.ndarray:
        """Edge cosine sums of zh sentences `zh_rows` with English sentences first_en..last_en-1."""
        zh_vecs, en_vecs = (
            (self.zh_heads, self.en_heads) if heads else (self.zh_tails, self.en_tails)
        )
        return zh_vecs[zh_rows] @ en_vecs[first_en:last_en].T

    def margins(self, products, zh_rows, en_ids, first_en: int) -> np.ndarray:
        """Edge margin of zh sentence zh_rows[r] with English sentence en_ids[r, c],
        taken from `products` (rows zh_rows, columns from first_en)."""
        at = np.clip(en_ids - first_en, 0, products.shape[1] - 1)
        cosines = np.take_along_axis(products, at, 1) / 2
        return cosines - (self.zh_density[zh_rows, None] + self.en_density[en_ids]) / 2

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
        pairs guess.
        """
        crossed = _crossed_less_along(
            self.zh_tails, self.zh_heads, self.en_heads, self.en_tails, rows, js
        )
        return np.where(self._between_clauses(rows, js), np.maximum(crossed, 0.0) / 2, 0.0)

    def word_crossings(self, rows: np.ndarray, js: np.ndarray) -> np.ndarray:
        """The same with the clauses' dictionary words (signature cosines, clause with
        clause): a moved clause takes its words with it where the sentence vectors blur."""
        (zh_heads, zh_tails), (en_heads, en_tails) = self.zh_words, self.en_words
        crossed = _crossed_less_along(zh_tails, zh_heads, en_heads, en_tails, rows, js)
        return np.where(self._between_clauses(rows, js), np.maximum(crossed, 0.0), 0.0)

    def _between_clauses(self, rows: np.ndarray, js: np.ndarray) -> np.ndarray:
        """Inner boundaries between two Chinese sentences of several clauses."""
        n, m = len(self.zh_density), len(self.en_density)
        before_clauses = self.zh_clauses[np.clip(rows - 1, 0, n - 1)]
        clauses = before_clauses & self.zh_clauses[np.clip(rows, 0, n - 1)]
        return (clauses & (rows >= 1) & (rows < n))[:, None] & (js >= 1) & (js < m)


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
class Crossings:
    """The price of a boundary whose clauses pair better across it than along it, by one
    measure of `ClausePairs`: their vectors (`crossings`) or their words (`word_crossings`)."""

    measure: Callable[[np.ndarray, np.ndarray], np.ndarray]
    weight: float

    def gains(self, rows: np.ndarray, js: np.ndarray) -> np.ndarray:
        return -self.weight * self.measure(rows, js)


@dataclass
class QuoteAgreement:
    """Gain of a group boundary by whether the two sides agree on being inside a quotation."""

    zh_states: np.ndarray
    en_states: np.ndarray
    price: float  # taken where they disagree
    bonus: float  # given where they agree

    def gains(self, rows: np.ndarray, js: np.ndarray) -> np.ndarray:
        n, m = len(self.zh_states), len(self.en_states)
        zh = self.zh_states[np.clip(rows - 1, 0, n - 1)][:, None]
        en = self.en_states[np.clip(js - 1, 0, m - 1)]
        inside = (rows < n)[:, None] & (js < m)
        return np.where(inside, np.where(zh == en, self.bonus, -self.price), 0.0)


def quote_evidence(
    groups: list[Group], zh_states: np.ndarray, en_states: np.ndarray
) -> tuple[float, float]:
    """(price of a disagreeing boundary, bonus of an agreeing one), as log-likelihood
    ratios of the boundaries between a path's aligned groups against the boundaries
    one sentence off them. Zero, zero where the path's boundaries agree no better: the
    text's quotation marks do not follow its turns of speech (or it has none)."""
    n, m = len(zh_states), len(en_states)
    agree = total = near_agree = near_total = 0
    i = j = 0
    for zh_ids, en_ids in groups:
        i, j = i + len(zh_ids), j + len(en_ids)
        if not zh_ids or not en_ids or i >= n or j >= m:
            continue
        total += 1
        agree += zh_states[i - 1] == en_states[j - 1]
        for a, b in ((i, j + 1), (i, j - 1), (i + 1, j), (i - 1, j)):
            if 0 < a < n and 0 < b < m:
                near_total += 1
                near_agree += zh_states[a - 1] == en_states[b - 1]
    # disagreement rates, with one pseudo-count each way so that an empty side says nothing
    on_path = (total - agree + 1) / (total + 2)
    near = (near_total - near_agree + 1) / (near_total + 2)
    price = min(float(np.log(near / on_path)), MAX_EVIDENCE)
    if price <= 0:
        return 0.0, 0.0
    return price, float(np.log((1 - on_path) / (1 - near)))
