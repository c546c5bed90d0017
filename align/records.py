"""Records shared by every stage: sentences and alignment units."""

from __future__ import annotations

from dataclasses import dataclass, field

__all__ = [
    "ALIGNED",
    "EN_ONLY",
    "NOT_MEASURED",
    "NO_LAYOUT",
    "SENTENCE_KINDS",
    "STATUSES",
    "ZH_ONLY",
    "Block",
    "Coverage",
    "FigureCheck",
    "Group",
    "PageLayout",
    "Part",
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
    place: int = 0  # the place of its block on a page (`Block.place`)


@dataclass(frozen=True)
class Block:
    """One line (paragraph) of one language, marked with its role on the page; the
    sentence splitter turns blocks into sentences of that kind."""

    text: str
    kind: str = "body"
    place: int = 0  # its place among the blocks of both languages, in page order


@dataclass(frozen=True)
class PageLayout:
    """Where each sentence stood on a page: the place of its block among the blocks of
    both languages. A page that alternates between the languages puts a passage and its
    rendering side by side, which is evidence of what renders what; two separate files
    have no such places (empty)."""

    zh_places: tuple[int, ...] = ()
    en_places: tuple[int, ...] = ()

    @classmethod
    def of(cls, zh: list[Sentence], en: list[Sentence]) -> PageLayout:
        return cls(tuple(s.place for s in zh), tuple(s.place for s in en))

    def fits(self, n_zh: int, n_en: int) -> bool:
        """Whether these places are those of n_zh Chinese and n_en English sentences."""
        return len(self.zh_places) == n_zh and len(self.en_places) == n_en


NO_LAYOUT = PageLayout()  # two separate files: no places


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


@dataclass(frozen=True)
class Part:
    """One part of a linked sentence (a clause or a sentence of a line) and whether the
    sentences linked with it render it (`core.coverage`)."""

    lang: str  # "zh" or "en"
    sentence: int  # the sentence id on that side
    start: int  # character offsets in the sentence as written, end exclusive
    end: int
    covered: bool
    score: float  # how surely the linked text renders the part, 0 to 1
    evidence: str  # what was found, in words ("figures 2/2, words 3/5, vector 0.41")


@dataclass(frozen=True)
class Coverage:
    """Which parts of every linked sentence the other side renders; `measured` is false
    when the run did not look (`--no-coverage`) and `parts` is then empty."""

    measured: bool
    parts: tuple[Part, ...] = ()

    def by_sentence(self) -> dict[tuple[str, int], list[Part]]:
        """(lang, sentence id) -> the parts of that sentence, in order."""
        out: dict[tuple[str, int], list[Part]] = {}
        for part in self.parts:
            out.setdefault((part.lang, part.sentence), []).append(part)
        return out


NOT_MEASURED = Coverage(measured=False)
