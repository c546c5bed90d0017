"""Records shared by every stage: sentences and alignment units."""

from __future__ import annotations

from dataclasses import dataclass, field

__all__ = [
    "ALIGNED",
    "EN_ONLY",
    "SENTENCE_KINDS",
    "STATUSES",
    "ZH_ONLY",
    "Block",
    "FigureCheck",
    "Group",
    "Sentence",
    "Unit",
]

# Kinds a block of a page, and each sentence split from it, may carry; page furniture
# never becomes a block.
SENTENCE_KINDS = ("title", "subtitle", "lead", "heading", "byline", "body")

ALIGNED, ZH_ONLY, EN_ONLY = "aligned", "zh_only", "en_only"
STATUSES = (ALIGNED, ZH_ONLY, EN_ONLY)

# An alignment group: Chinese sentence ids and English sentence ids, either may be empty.
Group = tuple[list[int], list[int]]


@dataclass(frozen=True)
class Sentence:
    """One sentence of one side; `id` is its 0-based position on that side."""

    id: int
    text: str
    kind: str = "body"
    section: str = ""  # the heading the sentence stands under, if the page has headings


@dataclass(frozen=True)
class Block:
    """One line (paragraph) of one language, marked with its role on the page; the
    sentence splitter turns blocks into sentences of that kind."""

    text: str
    kind: str = "body"


@dataclass
class Unit:
    """One alignment unit: Chinese ids, English ids (either may be empty) and its score.

    For a flagged unit (one side empty) `best_ids` and `best_score` name the best
    candidate on the other side, so a reviewer sees why it fell short.
    """

    zh_ids: list[int]
    en_ids: list[int]
    score: float
    best_ids: list[int] = field(default_factory=list)
    best_score: float | None = None

    @property
    def status(self) -> str:
        if self.zh_ids and self.en_ids:
            return ALIGNED
        return ZH_ONLY if self.zh_ids else EN_ONLY


@dataclass
class FigureCheck:
    """One figure of the English side checked against its Chinese source, or one Chinese
    figure the English leaves out (`review.figures`)."""

    en_id: int | None
    zh_ids: list[int]
    en_text: str
    en_value: float | None
    kind: str
    zh_text: str
    zh_value: float | None
    zh_id: int | None
    status: str
    note: str = ""
