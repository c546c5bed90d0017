"""What the aligners are given: the vectors and evidence of both sides of a text pair.

`embed.features` builds them from the sentences; the aligners in this package take them as
they are. Each object says which evidence it holds, so an aligner decides once, at its
start, what it scores.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ..config import Groups

__all__ = [
    "ClauseEdges",
    "NO_PAIRS",
    "EdgeSide",
    "SharedPairs",
    "SideFeatures",
    "SummaryFeatures",
    "TranslationFeatures",
]


@dataclass(frozen=True)
class SideFeatures:
    """One side of a translation as the search sees it."""

    vectors: np.ndarray  # (n, dim) sentence vectors with their signatures, L2-normalised
    lengths: np.ndarray  # characters of each sentence
    runs: dict[int, np.ndarray]  # size -> vectors of the embedded run of `size` sentences
    # ending at each sentence (rows before the first full run are zero); empty where groups
    # are scored with averaged sentence vectors (Groups.FAST)
    quotes: np.ndarray  # whether each sentence ends inside a quotation (`text.quotes`)


@dataclass(frozen=True)
class SharedPairs:
    """The sentence pairs that share distinctive figures or names (`text.shared`), each
    with its weight: the sum over what both hold of one over the pairs that share it."""

    zh: np.ndarray  # Chinese ids
    en: np.ndarray  # English ids
    weights: np.ndarray

    @classmethod
    def none(cls) -> SharedPairs:
        """No pairs: evidence not gathered (Groups.FAST, RUNS, vectors made elsewhere)."""
        return cls(np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64), np.zeros(0))

    def rectangle_sums(self, rows: np.ndarray, js: np.ndarray, a: int, b: int) -> np.ndarray:
        """For each cell (rows[r], js[r, c]), the weight of the pairs inside the group of
        a Chinese and b English sentences that ends there (Chinese i-a..i-1, English
        j-b..j-1)."""
        sums = np.zeros(js.shape)
        if not len(self.zh) or not len(rows):
            return sums
        first, last = int(rows[0]), int(rows[-1])
        inside = (self.zh >= first - a) & (self.zh < last)
        starts = js[:, 0]
        for p, q, weight in zip(self.zh[inside], self.en[inside], self.weights[inside]):
            for i in range(max(p + 1, first), min(p + a, last) + 1):
                r = i - first
                lo = q + 1 - starts[r]
                c0, c1 = max(lo, 0), min(lo + b, js.shape[1])
                if c0 < c1:
                    sums[r, c0:c1] += weight
        return sums


NO_PAIRS = SharedPairs.none()


@dataclass(frozen=True)
class EdgeSide:
    """The opening (heads) and closing (tails) clauses of each sentence of one side."""

    heads: np.ndarray  # clause vectors; a sentence of one clause has its own vector
    tails: np.ndarray
    word_heads: np.ndarray  # the same clauses' dictionary-word signatures, L2-normalised
    word_tails: np.ndarray


@dataclass(frozen=True)
class ClauseEdges:
    """Both sides' clause edges, which place group boundaries where whole sentences cannot."""

    zh: EdgeSide
    en: EdgeSide
    zh_clauses: np.ndarray  # Chinese sentences of several clauses (their edges are clauses)


@dataclass(frozen=True)
class TranslationFeatures:
    """Everything the translation search uses, for one text pair in one groups mode."""

    groups: Groups  # ACCURATE, RUNS or FAST: what `zh.runs`, `en.runs` and `edges` hold
    zh: SideFeatures
    en: SideFeatures
    edges: ClauseEdges | None  # given exactly when `groups.scores_clauses`
    shared: SharedPairs  # gathered exactly when `groups.scores_clauses`
    # how many sentences of each side open the page in a one-language lead (`core.layout`)
    lead: tuple[int, int] = (0, 0)

    @classmethod
    def from_vectors(
        cls, zh: np.ndarray, en: np.ndarray, zh_lengths: np.ndarray, en_lengths: np.ndarray
    ) -> TranslationFeatures:
        """Sentence vectors alone (as with Groups.FAST), no quotation marks: for vectors
        made elsewhere."""
        return cls(
            Groups.FAST,
            SideFeatures(zh, zh_lengths, {}, np.zeros(len(zh), dtype=bool)),
            SideFeatures(en, en_lengths, {}, np.zeros(len(en), dtype=bool)),
            None,
            NO_PAIRS,
        )

    def __post_init__(self) -> None:
        if self.groups is Groups.AUTO:
            raise ValueError("features are built for a decided groups mode, not AUTO")
        if (self.edges is not None) != self.groups.scores_clauses:
            raise ValueError(
                f"clause edges are given with groups accurate only, not {self.groups.value}"
            )


@dataclass(frozen=True)
class SummaryFeatures:
    """Everything the summary linking uses, for one article and the summary of it.

    The article is the Chinese side or the English one (`config.Direction`); the lines
    are the other side's sentences, each linked to the article sentences it renders.
    """

    article: np.ndarray  # (n_article, dim) sentence vectors of the article
    article_runs: dict[int, np.ndarray]  # runs of neighbouring article sentences as for
    # `SideFeatures.runs`; empty with Groups.FAST
    lines: np.ndarray  # (n_lines, dim) vectors of the summary's lines
    line_lengths: np.ndarray  # each line's length in English characters (a Chinese line's
    # characters count as the English of a translation would); the line test weighs them
    line_pieces: list[np.ndarray | None]  # per line: vectors of the sentences inside it,
    # None for a line of one sentence
    line_lists: list[np.ndarray | None]  # per line: vectors of the head and items of the
    # list it gives (`text.enumeration`, English lines only), None for a line that lists
    # nothing
    shared: np.ndarray  # (n_article, n_lines) weight of the distinctive figures and names
    # each pair of sentences shares (`text.shared`)
    unsourced: np.ndarray  # (n_lines,) bool: the line states figures the article never does
    facing: np.ndarray  # (n_article, n_lines) 1.0 where a page sets the two side by side
    # (`core.layout`), zeros for a page that does not alternate or for two files
    article_parts: np.ndarray  # (n_parts, dim) vectors of the parts (`text.parts`) of each
    # article sentence of several parts: a line often renders one clause of a long sentence
    part_owner: np.ndarray  # (n_parts,) int: the article sentence each part belongs to, a
    # sentence's parts in consecutive rows
    article_lengths: np.ndarray  # (n_article,) each article sentence's length in characters
