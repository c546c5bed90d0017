"""What a page's layout says of which passages render which: the blocks that face each other.

A bilingual page that alternates between the languages (a Chinese paragraph, its English
version, the next Chinese paragraph ...) sets each passage beside its rendering. For each
English sentence, the Chinese blocks right before and right after its block face it; a
page with both sides in one stretch each (or two separate files) says nothing this way.
"""

from __future__ import annotations

import numpy as np

from ..records import PageLayout

__all__ = ["MIN_SWITCHES", "facing"]

MIN_SWITCHES = 3  # changes of language in page order: zh en zh en at the least


def facing(layout: PageLayout, n_zh: int, n_en: int) -> np.ndarray:
    """(n_zh, n_en) 1.0 where the Chinese sentence's block is the nearest Chinese block
    before or after the English sentence's block on an alternating page, else 0."""
    out = np.zeros((n_zh, n_en))
    zh_places = np.asarray(layout.zh_places, dtype=np.int64)
    en_places = np.asarray(layout.en_places, dtype=np.int64)
    if len(zh_places) != n_zh or len(en_places) != n_en or not n_zh or not n_en:
        return out
    blocks = sorted({(int(p), "zh") for p in zh_places} | {(int(p), "en") for p in en_places})
    switches = sum(1 for a, b in zip(blocks, blocks[1:]) if a[1] != b[1])
    if switches < MIN_SWITCHES:
        return out
    zh_blocks = np.unique(zh_places)
    for j, place in enumerate(en_places):
        at = int(np.searchsorted(zh_blocks, place))
        near = [zh_blocks[k] for k in (at - 1, at) if 0 <= k < len(zh_blocks)]
        out[np.isin(zh_places, near), j] = 1.0
    return out
