"""Quotation state: which sentences end inside a quotation.

In fiction a speech often runs over several sentences, and a translation keeps its
turns: where one side is inside a quotation at a group boundary, the other side
usually is too. Whether a text shows this depends on its quotation marks (some texts
have none), so the translation search measures it on a first alignment of the text
itself (`core.boundaries.quote_evidence`) before its second search uses it.
"""

from __future__ import annotations

import re

import numpy as np

__all__ = [
    "en_quote_states",
    "zh_quote_states",
]

_ZH_OPEN = "“「『"
_ZH_CLOSE = "”」』"
_ZH_MARK = re.compile(f"[{_ZH_OPEN}{_ZH_CLOSE}]")
_SINGLE = "'‘’"
_EN_MARK = re.compile("['‘’\"“”]")
_BEFORE_OPENING = "([—–-'\"‘“"
_AFTER_CLOSING = ".,;:!?)—–-'\"’”"


def zh_quote_states(sentences: list[str]) -> np.ndarray:
    """True where a Chinese sentence ends inside a quotation (“...”, 「...」).

    The last mark decides, not a count of them: after one unbalanced mark a count
    stays off until another unbalances it back (texts with stray marks make it disagree
    with the last mark on most sentences); the last mark is wrong only until the next
    one.
    """
    inside, states = False, []
    for sentence in sentences:
        marks = _ZH_MARK.findall(sentence)
        if marks:
            inside = marks[-1] in _ZH_OPEN
        states.append(inside)
    return np.array(states, dtype=bool)


def en_quote_states(sentences: list[str]) -> np.ndarray:
    """True where an English sentence ends inside a quotation.

    Straight quotes open or close by what stands beside them; an apostrophe between
    letters (it's, Rui's) is neither. Single and double quotes nest, so a closing
    double quote inside a single-quoted speech leaves the speech open.
    """
    stack: list[str] = []
    states = []
    for sentence in sentences:
        for mark in _EN_MARK.finditer(sentence):
            k, char = mark.start(), mark.group()
            before = sentence[k - 1] if k else " "
            after = sentence[k + 1] if k + 1 < len(sentence) else " "
            if before.isalpha() and after.isalpha():
                continue  # an apostrophe inside a word
            if char == "’" and after.isalpha():
                continue
            kind = "single" if char in _SINGLE else "double"
            opening = char in "‘“" or (
                char in "'\"" and (before.isspace() or before in _BEFORE_OPENING)
                and not after.isspace()
            )
            closing = char in "’”" or (
                char in "'\"" and not before.isspace()
                and (after.isspace() or after in _AFTER_CLOSING or k + 1 == len(sentence))
            )
            if closing and kind in stack:
                while stack.pop() != kind:  # close what the quotation left open inside it
                    pass
            elif opening and kind not in stack:
                stack.append(kind)
        states.append(bool(stack))
    return np.array(states, dtype=bool)
