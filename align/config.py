"""Settings every stage may read: the modes, the tuning of each aligner, the cache folder.

The defaults of the tuning dataclasses were chosen on the benchmarks (BENCHMARKS.md says
how, and what each is worth); a caller may pass others, as the benchmark scripts do.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path
from typing import TypeVar

from .errors import AlignError

__all__ = [
    "ACCURATE_LIMIT",
    "Direction",
    "EnglishOnlyWeights",
    "Groups",
    "Mode",
    "SummaryParams",
    "TranslationParams",
    "default_cache_dir",
]


_C = TypeVar("_C", bound="_Choice")


class _Choice(str, Enum):
    """A named choice a user makes by its value ("auto", "fast", ...)."""

    @classmethod
    def parse(cls: type[_C], value: str) -> _C:
        """The member a user's value names; an unknown one is an AlignError naming the choices."""
        try:
            return cls(value)
        except ValueError:
            choices = ", ".join(member.value for member in cls)
            label = cls.__name__.lower()
            raise AlignError(f"unknown {label} {value!r}; choose one of {choices}") from None


class Mode(_Choice):
    """How the English relates to the Chinese; AUTO asks the aligner to decide."""

    AUTO = "auto"
    TRANSLATION = "translation"
    SUMMARY = "summary"


class Direction(_Choice):
    """Which side is the source: the article a summary renders part of (the longer side),
    or, for a translation, both in turn. AUTO decides by the texts' lengths."""

    AUTO = "auto"
    ZH_TO_EN = "zh->en"  # a Chinese article, its English summary or partial version
    EN_TO_ZH = "en->zh"  # an English article, its Chinese summary or partial version
    BOTH = "zh<->en"  # a translation: every sentence of each side has its counterpart


class Groups(_Choice):
    """How the translation search scores groups of neighbouring sentences.

    ACCURATE embeds each run of neighbours as one text and scores the opening and
    closing clauses of each sentence; RUNS keeps the embedded runs but no clauses
    (texts over ACCURATE_LIMIT sentences); FAST averages sentence vectors. AUTO asks
    for ACCURATE or RUNS by the texts' length.
    """

    AUTO = "auto"
    ACCURATE = "accurate"
    RUNS = "runs"
    FAST = "fast"

    @property
    def embeds_runs(self) -> bool:
        """Runs of neighbours are embedded as one text (else sentence vectors are averaged)."""
        return self in (Groups.ACCURATE, Groups.RUNS)

    @property
    def scores_clauses(self) -> bool:
        """The opening and closing clauses of each sentence are embedded and scored."""
        return self is Groups.ACCURATE


# Past this many sentences (both sides) AUTO leaves out the clause edges: another encode
# of most of the text, and the search they feed.
ACCURATE_LIMIT = 20_000


@dataclass(frozen=True)
class TranslationParams:
    """Scoring of the translation search's steps (`core.translation`)."""

    skip_penalty: float = 0.2
    # Untranslated edges: before the first sentence pair both sides agree on (each the
    # other's best match by at least anchor_margin), and after the last, skipping a
    # sentence costs edge_skip_penalty (a headline, an intro, a tagline in one language).
    edge_skip_penalty: float = 0.05
    anchor_margin: float = 0.15
    anchor_reach: int = 40  # sentences of each side in which the first and last pairs are sought
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
    band: int = 12
    block: int = 8
    full_limit: int = 4_000_000  # cells searched in full before falling back to a band
    adapt_ridge: float = 3.0  # ridge of the per-text correction before a second search; 0: off
    quote_weight: float = 0.05  # weight of quotation-state evidence in the second search
    # The clause edges (Groups.ACCURATE only): the weight of a group's edge score, the price
    # of a boundary whose clauses pair better across it than along it, by their vectors and
    # by their dictionary words.
    edge_weight: float = 0.3
    crossing_weight: float = 1.0
    word_crossing_weight: float = 0.3
    # Reordered lines (`core.reorder`): two one-to-one groups within uncross_reach
    # sentences are crossed where the crossing pairs' margins beat the path's by
    # uncross_gain (and share no fewer figures and names); 0 reach: never.
    uncross_reach: int = 2
    uncross_gain: float = 0.1
    # Distinctive figures and names a group's pairs share (`text.shared`, Groups.ACCURATE):
    # each unit of their weight adds shared_weight to the group's gain, up to the cap.
    shared_weight: float = 0.1
    shared_cap: float = 2.0


@dataclass(frozen=True)
class EnglishOnlyWeights:
    """Logistic weights of the English-only test's line features (`core.english_only`)."""

    linked: float = -2.35
    relative_margin: float = -1.70
    position: float = 0.79
    log_length: float = -0.61
    intercept: float = -1.11
    threshold: float = 0.5  # probability above which a line is English-only


@dataclass(frozen=True)
class SummaryParams:
    """Thresholds on margin scores of the summary linking (`core.summary`)."""

    link_threshold: float = -0.02
    density_k: int = 4
    order_bonus: float = 0.02
    order_window: int = 3
    back_penalty: float = 0.0  # stepping back in the article from one summary sentence to the next
    far_penalty: float = 0.1  # jumping much further than the summary's pace, either way
    pace: float = 3.0  # a "near" forward step, in multiples of n_zh / n_en
    path_limit: int = 3000  # longer articles skip the order-aware path (n_zh * n_en back pointers)
    window_gain: float = 0.05  # a run of neighbours must beat the single sentence by this
    window3_extra: float = 0.02  # and a run of three by this much more
    # a line of one sentence: per unit of |log| between the article characters a run holds
    # and those the line's length predicts (the text's own median ratio of line to link)
    length_weight: float = 0.05
    pieces_window_gain: float = 0.08  # window_gain for a line of several sentences
    piece_threshold: float = 0.05  # margin a sentence inside a multi-sentence unit must reach
    # A line is as near an article sentence as the sentence's nearest part (`text.parts`),
    # whose cosine counts this much less: a short text comes near by chance more often.
    part_price: float = 0.03
    piece_radius: int = 12  # ... within this many Chinese sentences of the unit's first link
    list_min_items: int = 3  # listed items whose sentences must form a block
    list_spread: float = 2.0  # the block spans at most this many sentences per listed item
    list_head_reach: int = 3  # the list's head may render a sentence this far before the block
    english_only_test: bool = True  # second look at which lines have a source
    english_only: EnglishOnlyWeights = EnglishOnlyWeights()
    # a summary of too few lines for that look (MIN_LINES) links a line only where its
    # margin reaches this: chance margins of a short text run up to about 0.08
    short_link_bar: float = 0.09
    # what a pair shares that vectors blur (distinctive figures and names, each weighing
    # one over the pairs that share it, `text.shared`) adds this much per unit, up to the
    # cap, to its margin when a line's link is chosen (not when it is judged sourced)
    shared_bonus: float = 0.1
    shared_cap: float = 2.0
    # on a page that alternates between the languages, a pair of sentences whose blocks
    # stand side by side (`core.layout`) adds this to its margin when a line's link is chosen
    layout_bonus: float = 0.1
    # a line whose figures the article never states keeps its link only from this margin:
    # below it the link is at chance level and the line a fact added from elsewhere
    unsourced_bar: float = 0.05


def default_cache_dir() -> Path:
    """$ALIGN_CACHE_DIR, else align/ under the user's cache folder ($XDG_CACHE_HOME or
    ~/.cache): the embedding cache and the parsed dictionary live there."""
    configured = os.environ.get("ALIGN_CACHE_DIR")
    if configured:
        return Path(configured)
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "align"
