"""What a page's layout says of which passages render which: the blocks that face each other.

A bilingual page that alternates between the languages (a Chinese paragraph, its English
version, the next Chinese paragraph ...) sets each passage beside its rendering. For each
English sentence, the Chinese blocks right before and right after its block face it; a
page with both sides in one stretch each (or two separate files) says nothing this way.
"""

from __future__ import annotations

import numpy as np

from ..records import PageLayout

__all__ = ["MIN_SWITCHES", "facing", "lead_sizes", "stretch_past_lead"]

MIN_SWITCHES = 3  # changes of language in page order: zh en zh en at the least


def _blocks(layout: PageLayout) -> list[tuple[int, str]]:
    """Each block's place and language, in page order."""
    return sorted({(p, "zh") for p in layout.zh_places} | {(p, "en") for p in layout.en_places})


def stretch_past_lead(layout: PageLayout, n_zh: int, n_en: int) -> tuple[list[int], list[int]]:
    """The Chinese and English sentence ids of the page after its opening blocks in one
    language (a title, an intro, boilerplate), when the rest strictly alternates between
    the languages; empty otherwise (and where the layout is not that of n_zh and n_en
    sentences), so that the lengths of the whole page speak for it."""
    if not layout.fits(n_zh, n_en):
        return [], []
    blocks = _blocks(layout)
    start = 0
    while start < len(blocks) and blocks[start][1] == blocks[0][1]:
        start += 1
    stretch = blocks[start:]
    alternates = all(a[1] != b[1] for a, b in zip(stretch, stretch[1:]))
    if len(stretch) <= MIN_SWITCHES or not alternates:
        return [], []
    first = stretch[0][0]
    zh = [i for i, place in enumerate(layout.zh_places) if place >= first]
    en = [i for i, place in enumerate(layout.en_places) if place >= first]
    return zh, en


def lead_sizes(layout: PageLayout, n_zh: int, n_en: int) -> tuple[int, int]:
    """How many Chinese and English sentences stand in the one-language lead before the
    alternating stretch (`stretch_past_lead`), its last block left out (it may face the
    stretch's first block); none where the page has no such stretch."""
    zh_ids, en_ids = stretch_past_lead(layout, n_zh, n_en)
    if not zh_ids or not en_ids:
        return 0, 0
    places = layout.zh_places[: zh_ids[0]] or layout.en_places[: en_ids[0]]
    before_last = sum(1 for place in places if place < places[-1])
    return (before_last, 0) if zh_ids[0] else (0, before_last)


def facing(layout: PageLayout, n_zh: int, n_en: int) -> np.ndarray:
    """(n_zh, n_en) 1.0 where the Chinese sentence's block is the nearest Chinese block
    before or after the English sentence's block on an alternating page, else 0."""
    out = np.zeros((n_zh, n_en))
    zh_places = np.asarray(layout.zh_places, dtype=np.int64)
    en_places = np.asarray(layout.en_places, dtype=np.int64)
    if not layout.fits(n_zh, n_en) or not n_zh or not n_en:
        return out
    blocks = _blocks(layout)
    switches = sum(1 for a, b in zip(blocks, blocks[1:]) if a[1] != b[1])
    if switches < MIN_SWITCHES:
        return out
    zh_blocks = np.unique(zh_places)
    for j, place in enumerate(en_places):
        at = int(np.searchsorted(zh_blocks, place))
        near = [zh_blocks[k] for k in (at - 1, at) if 0 <= k < len(zh_blocks)]
        out[np.isin(zh_places, near), j] = 1.0
    return out
