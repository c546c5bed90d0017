"""What two sentences share that sentence vectors blur: distinctive figures and names.

"2500多名中外记者 … 其中750名来自国外媒体" and "more than 2,500 journalists … 750 represent
foreign media" state the same facts, and a reader links them by those figures at once;
an embedding hardly tells 2,500 from 2,100. Names written in Latin letters inside a
Chinese sentence (BBC, Ryan, HARDtalk) are read the same way. Each item a pair of
sentences shares weighs by how rare it is on both sides: a figure that one article
sentence and one line alone state points at that pair, a name every line repeats at none.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from .names import english_names, name_phrases
from .numbers import Figure, distinctive, extract_figures, numbers_match

__all__ = [
    "MOST_PAIRS",
    "SharedEvidence",
    "latin_names",
    "shared_count",
    "shared_counter",
    "shared_evidence",
    "shared_items",
    "shared_pairs",
]

_LATIN_NAME = re.compile(r"(?<![A-Za-z])[A-Za-z][A-Za-z0-9&'.-]*[A-Za-z0-9]")
_ENGLISH_WORD = re.compile(r"[A-Za-z][A-Za-z0-9&'.-]*[A-Za-z0-9]")

Item = tuple[str, object]
MOST_PAIRS = 400  # a translation's items shared by more pairs weigh too little to keep


@dataclass(frozen=True)
class SharedEvidence:
    """What an article and the lines of its summary share, figure by figure and name by name."""

    weights: np.ndarray  # (n_article, n_lines): for each pair, the sum over what both
    # sentences hold of one over the number of pairs that share it (article sentences
    # times lines holding it)
    unsourced: np.ndarray  # (n_lines,) bool: the line states facts in figures and the
    # article states none of them, so that what it says comes from elsewhere


def shared_items(text: str, lang: str, phrases: frozenset[str] = frozenset()) -> set[Item]:
    """The distinctive figures of a sentence (by value) and its names: of a Chinese
    sentence, those it writes in Latin letters and, in English, those it writes in
    characters (`text.names`); of an English one, every word, lower-cased, and which of
    `phrases` (names a Chinese text writes in characters) it holds."""
    return _items(text, lang, extract_figures(text, lang), phrases)


def latin_names(text: str) -> set[str]:
    """The names a Chinese sentence writes in Latin letters (BBC, Ryan), lower-cased."""
    return {word.lower() for word in _LATIN_NAME.findall(text) if len(word) > 1}


def shared_count(zh: str, en: str) -> int:
    """How many distinctive figures and names a Chinese and an English sentence share
    (a translation's pairs, one at a time)."""
    return len(shared_items(zh, "zh") & shared_items(en, "en", name_phrases(zh)))


def shared_counter(zh: list[str], en: list[str]) -> Callable[[int, int], int]:
    """`shared_count` of Chinese sentence i and English sentence j of two texts."""
    return lambda i, j: shared_count(zh[i], en[j])


def _items(text: str, lang: str, figures: list[Figure], phrases: frozenset[str]) -> set[Item]:
    items: set[Item] = {("figure", round(float(f.value), 3)) for f in figures if distinctive(f)}
    if lang == "zh":
        items.update(("name", name) for name in latin_names(text) | name_phrases(text))
    else:
        words = _ENGLISH_WORD.findall(text)
        items.update(("name", word.lower()) for word in words if len(word) > 1)
        items.update(("name", phrase) for phrase in english_names(text) & phrases)
    return items


def shared_evidence(
    article: list[str], article_lang: str, lines: list[str], line_lang: str
) -> SharedEvidence:
    """The shared weights of every pair and which lines are unsourced, from one reading of
    each sentence's figures."""
    article_figures = [extract_figures(text, article_lang) for text in article]
    line_figures = [extract_figures(text, line_lang) for text in lines]
    chinese = article if article_lang == "zh" else lines
    phrases = frozenset().union(*(name_phrases(text) for text in chinese))
    article_items = [
        _items(t, article_lang, f, phrases) for t, f in zip(article, article_figures)
    ]
    line_items = [_items(t, line_lang, f, phrases) for t, f in zip(lines, line_figures)]
    return SharedEvidence(
        _weights(article_items, line_items, article_lang),
        _unsourced(article_figures, line_figures),
    )


def _weights(article_items: list[set[Item]], line_items: list[set[Item]], article_lang: str
             ) -> np.ndarray:  # fmt: skip
    if article_lang == "en":  # names are what a Chinese line writes in Latin letters
        names = {item for items in line_items for item in items if item[0] == "name"}
        article_items = [
            {item for item in items if item[0] != "name" or item in names}
            for items in article_items
        ]
    weights = np.zeros((len(article_items), len(line_items)))
    for (i, j), weight in _pair_weights(article_items, line_items).items():
        weights[i, j] = weight
    return weights


def _pair_weights(left: list[set[Item]], right: list[set[Item]], most_pairs: int | None = None
                  ) -> dict[tuple[int, int], float]:  # fmt: skip
    """(i, j) -> the sum over the items both hold of one over the pairs that share it;
    items shared by more than `most_pairs` pairs (each weighing less than its inverse) are
    left out where a bound is given."""
    left_count = Counter(item for items in left for item in items)
    right_count = Counter(item for items in right for item in items)
    holders: dict[Item, list[int]] = {}
    for i, items in enumerate(left):
        for item in items:
            holders.setdefault(item, []).append(i)
    weights: dict[tuple[int, int], float] = {}
    for j, items in enumerate(right):
        for item in items:
            pairs = left_count[item] * right_count[item]
            if item not in holders or (most_pairs is not None and pairs > most_pairs):
                continue
            for i in holders[item]:
                weights[i, j] = weights.get((i, j), 0.0) + 1.0 / pairs
    return weights


def shared_pairs(zh: list[str], en: list[str], most_pairs: int = MOST_PAIRS
                 ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:  # fmt: skip
    """The (Chinese id, English id, weight) of every pair of a translation's sentences that
    share distinctive figures or names, as `shared_evidence` weighs them."""
    phrases = frozenset().union(*(name_phrases(text) for text in zh))
    zh_items = [shared_items(text, "zh") for text in zh]
    en_items = [shared_items(text, "en", phrases) for text in en]
    weights = _pair_weights(zh_items, en_items, most_pairs)
    keys = sorted(weights)
    return (
        np.array([i for i, _ in keys], dtype=np.int64),
        np.array([j for _, j in keys], dtype=np.int64),
        np.array([weights[key] for key in keys]),
    )


def _unsourced(article_figures: list[list[Figure]], line_figures: list[list[Figure]]
               ) -> np.ndarray:  # fmt: skip
    """A fact is a distinctive figure or one written in digits ("15th"): "the first
    thing", "one day" are words, not facts."""
    stated = [figure for figures in article_figures for figure in figures]
    unsourced = np.zeros(len(line_figures), dtype=bool)
    for j, figures in enumerate(line_figures):
        facts = [
            f for f in figures
            if not f.relative and (distinctive(f) or any(c.isdigit() for c in f.text))
        ]
        unsourced[j] = bool(facts) and not any(
            numbers_match(fact, other) for fact in facts for other in stated
        )
    return unsourced
