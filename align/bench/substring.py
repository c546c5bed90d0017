"""Scores against substring gold: sentences named by short verbatim pieces of the page.

A real page's gold (`gold.json`, see ../shared/bench/realpages/README.md) does not depend
on how a tool splits sentences: it names each sentence by a short substring that occurs in
it. A sentence of the output matches a substring when the substring, with white space and
punctuation removed (NFKC), occurs in it. From that:

- links: the gold (Chinese substring, English substring) pairs an aligned unit joins
  (recall), and the aligned (zh, en) sentence pairs whose sentences both hold scored
  substrings that a gold pair joins (precision);
- zh flags, en flags: the sentences of one side left without a link, against the gold's
  `zh_only` / `en_only`;
- furniture: furniture substrings found in an aligned or flagged unit (should be 0);
- lost: content substrings found in no sentence of their side (should be 0).

This is the definition of ../shared/bench/realpages/score.py, so that a user who
annotates pages of their own the same way scores them with `align bench`.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, fields

from ..records import Unit

__all__ = ["PageGold", "PageScores", "Ratio", "normalise", "score_page"]


def normalise(text: str) -> str:
    """NFKC, with white space and punctuation removed."""
    text = unicodedata.normalize("NFKC", text)
    return "".join(
        c for c in text if not c.isspace() and not unicodedata.category(c).startswith("P")
    )


@dataclass(frozen=True)
class Ratio:
    """`right` of `n_test` output items are right; `found` of `n_gold` gold items are found.

    An empty output is perfectly precise only when there was nothing to find; an empty
    gold is perfectly recalled.
    """

    right: int = 0
    n_test: int = 0
    found: int = 0
    n_gold: int = 0

    @property
    def precision(self) -> float:
        if self.n_test:
            return self.right / self.n_test
        return 0.0 if self.n_gold else 1.0

    @property
    def recall(self) -> float:
        return self.found / self.n_gold if self.n_gold else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def __add__(self, other: Ratio) -> Ratio:
        return Ratio(*(getattr(self, f.name) + getattr(other, f.name) for f in fields(self)))

    def to_dict(self) -> dict[str, float | int]:
        return {"precision": self.precision, "recall": self.recall, "f1": self.f1,
                "right": self.right, "n_test": self.n_test, "found": self.found,
                "n_gold": self.n_gold}  # fmt: skip


@dataclass(frozen=True)
class PageScores:
    link: Ratio = Ratio()
    zh_flag: Ratio = Ratio()
    en_flag: Ratio = Ratio()
    furniture: int = 0
    lost: int = 0

    def __add__(self, other: PageScores) -> PageScores:
        return PageScores(*(getattr(self, f.name) + getattr(other, f.name) for f in fields(self)))

    def to_dict(self) -> dict:
        return {"link": self.link.to_dict(), "zh_flag": self.zh_flag.to_dict(),
                "en_flag": self.en_flag.to_dict(), "furniture": self.furniture,
                "lost": self.lost}  # fmt: skip


@dataclass(frozen=True)
class PageGold:
    """A page's gold: links (an English substring, the Chinese substrings it renders),
    the content of each side with no counterpart, and the furniture."""

    links: list[tuple[str, list[str]]]
    zh_only: list[str]
    en_only: list[str]
    furniture: list[str]

    @classmethod
    def of(cls, gold: dict) -> PageGold:
        links = [(link["en"], list(link["zh"])) for link in gold.get("links", [])]
        return cls(links, list(gold.get("zh_only", [])), list(gold.get("en_only", [])),
                   list(gold.get("furniture", [])))  # fmt: skip


def _holders(sentences: list[str], pieces: Iterable[str]) -> dict[str, set[int]]:
    """Each substring -> the sentences that hold it."""
    found = {}
    for piece in pieces:
        key = normalise(piece)
        found[piece] = {k for k, text in enumerate(sentences) if key and key in text}
    return found


def _flags(holders: dict[str, set[int]], gold_only: list[str], scored: set[int],
           linked: set[int]) -> Ratio:  # fmt: skip
    flagged = {k for k in scored if k not in linked}
    found = sum(1 for piece in gold_only if holders[piece] and not holders[piece] & linked)
    right = sum(1 for k in flagged if any(k in holders[piece] for piece in gold_only))
    return Ratio(right, len(flagged), found, len(gold_only))


def score_page(zh: list[str], en: list[str], units: list[Unit], gold: PageGold) -> PageScores:
    """Score the units an aligner made of a page's sentences against its substring gold."""
    zh_norm, en_norm = [normalise(s) for s in zh], [normalise(s) for s in en]
    pairs = {(i, j) for unit in units if unit.zh_ids and unit.en_ids
             for i in unit.zh_ids for j in unit.en_ids}  # fmt: skip
    linked_zh, linked_en = {i for i, _ in pairs}, {j for _, j in pairs}
    zh_pieces = [z for _, zs in gold.links for z in zs] + gold.zh_only
    en_pieces = [e for e, _ in gold.links] + gold.en_only
    zh_of, en_of = _holders(zh_norm, zh_pieces), _holders(en_norm, en_pieces)
    scored_zh = set().union(*zh_of.values())
    scored_en = set().union(*en_of.values())
    gold_pairs = {(z, e) for e, zs in gold.links for z in zs}
    found = sum(
        1 for z, e in gold_pairs if any((i, j) in pairs for i in zh_of[z] for j in en_of[e])
    )
    test = [(i, j) for i, j in pairs if i in scored_zh and j in scored_en]
    right = sum(
        1 for i, j in test if any(i in zh_of[z] and j in en_of[e] for z, e in gold_pairs)
    )
    rows = [
        normalise("".join(zh[i] for i in unit.zh_ids) + " ".join(en[j] for j in unit.en_ids))
        for unit in units
    ]
    furniture = sum(1 for piece in gold.furniture if any(normalise(piece) in row for row in rows))
    lost = sum(1 for holders in (*zh_of.values(), *en_of.values()) if not holders)
    return PageScores(
        Ratio(right, len(test), found, len(gold_pairs)),
        _flags(zh_of, gold.zh_only, scored_zh, linked_zh),
        _flags(en_of, gold.en_only, scored_en, linked_en),
        furniture,
        lost,
    )
