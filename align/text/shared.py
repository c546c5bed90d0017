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

import numpy as np

from .numbers import distinctive, extract_figures, numbers_match

__all__ = ["shared_items", "shared_weights", "unsourced_lines"]

_LATIN_NAME = re.compile(r"(?<![A-Za-z])[A-Za-z][A-Za-z0-9&'.-]*[A-Za-z0-9]")
_ENGLISH_WORD = re.compile(r"[A-Za-z][A-Za-z0-9&'.-]*[A-Za-z0-9]")


def shared_items(text: str, lang: str) -> set[tuple[str, object]]:
    """The distinctive figures of a sentence (by value) and, of a Chinese sentence, the
    names it writes in Latin letters (of an English one, every word, lower-cased, for
    them to be found in)."""
    items: set[tuple[str, object]] = {
        ("figure", round(float(f.value), 3)) for f in extract_figures(text, lang) if distinctive(f)
    }
    words = _LATIN_NAME.findall(text) if lang == "zh" else _ENGLISH_WORD.findall(text)
    items.update(("name", word.lower()) for word in words if len(word) > 1)
    return items


def shared_weights(
    article: list[str], article_lang: str, lines: list[str], line_lang: str
) -> np.ndarray:
    """(n_article, n_lines): for each pair, the sum over what both sentences hold of one
    over the number of pairs that share it (article sentences times lines holding it)."""
    article_items = [shared_items(text, article_lang) for text in article]
    line_items = [shared_items(text, line_lang) for text in lines]
    if article_lang == "en":  # names are what a Chinese line writes in Latin letters
        names = {item for items in line_items for item in items if item[0] == "name"}
        article_items = [
            {item for item in items if item[0] != "name" or item in names}
            for items in article_items
        ]
    article_count = Counter(item for items in article_items for item in items)
    line_count = Counter(item for items in line_items for item in items)
    holders: dict[tuple[str, object], list[int]] = {}
    for i, items in enumerate(article_items):
        for item in items:
            holders.setdefault(item, []).append(i)
    weights = np.zeros((len(article), len(lines)))
    for j, items in enumerate(line_items):
        for item in items:
            for i in holders.get(item, ()):
                weights[i, j] += 1.0 / (article_count[item] * line_count[item])
    return weights


def unsourced_lines(
    article: list[str], article_lang: str, lines: list[str], line_lang: str
) -> np.ndarray:
    """(n_lines,) bool: the line states facts in figures and the article states none of
    them, so that what it says comes from elsewhere. A fact is a distinctive figure or one
    written in digits ("15th"): "the first thing", "one day" are words, not facts."""
    stated = [figure for text in article for figure in extract_figures(text, article_lang)]
    unsourced = np.zeros(len(lines), dtype=bool)
    for j, text in enumerate(lines):
        figures = [
            f
            for f in extract_figures(text, line_lang)
            if not f.relative and (distinctive(f) or any(c.isdigit() for c in f.text))
        ]
        unsourced[j] = bool(figures) and not any(
            numbers_match(figure, other) for figure in figures for other in stated
        )
    return unsourced
