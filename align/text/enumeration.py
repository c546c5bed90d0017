"""Enumerations inside an English sentence: the head clause and each listed item.

A summary often condenses a list of Chinese sentences, one per item, into one
English sentence ("six pillar industries: dairy, electronics, ..., and chemicals").
The whole sentence sits far from each item's sentence; its items, embedded on
their own, find them.
"""

from __future__ import annotations

import re

__all__ = [
    "split_enumeration",
]

# words that open a list after a clause; a colon or a dash does too
_MARKERS = re.compile(
    r":\s+|\s*[—–]\s*|\s+-\s+|\b(?:such as|including|namely|like)\s+", re.IGNORECASE
)
_CLOSING_DASH = re.compile(r"^\s*[—–]\s*")
_LAST = re.compile(r"^(?:and|or)\s+", re.IGNORECASE)
_INNER_LAST = re.compile(r"\s+(?:and|or)\s+", re.IGNORECASE)
MIN_ITEMS = 3
MAX_ITEM_WORDS = 6


def split_enumeration(sentence: str) -> list[str]:
    """[head, item, item, ...] where `sentence` lists at least MIN_ITEMS short items
    after a colon, a dash or "such as"/"including"; [] otherwise.

    The head is the sentence without its list (what follows the list stays with it).
    """
    for marker in _MARKERS.finditer(sentence):
        items, end = _items(sentence[marker.end() :])
        if len(items) >= MIN_ITEMS:
            rest = _CLOSING_DASH.sub(" ", sentence[marker.end() + end :], count=1)
            head = sentence[: marker.start()].rstrip() + rest.rstrip()
            return [head.strip(" ,;")] + items
    return []


def _items(text: str) -> tuple[list[str], int]:
    """Short comma-separated items at the start of `text`, the last one after "and"/"or"
    ("A, B, and C" or "A, B and C"; a dash closes a list between dashes), and where
    the list ends in `text`."""
    segments: list[tuple[str, int]] = []
    for segment in re.finditer(r"[^,;—–]+", text):
        words = segment.group().split()
        if not words or len(words) > MAX_ITEM_WORDS + 1:
            break
        segments.append((segment.group().strip().rstrip(".!?"), segment.end()))
        if _LAST.match(segments[-1][0]):  # "..., and C": the last item
            items = [item for item, _ in segments[:-1]]
            return items + [_LAST.sub("", segments[-1][0])], segment.end()
        if text[segment.end() : segment.end() + 1] in ("—", "–"):  # "— A, B and C —"
            break
    for k in range(len(segments) - 1, 0, -1):  # "A, B and C": the last segment with "and"
        inner = _INNER_LAST.split(segments[k][0])
        if len(inner) == 2:
            return [item for item, _ in segments[:k]] + inner, segments[k][1]
    return [], 0
