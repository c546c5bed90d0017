"""Which kind of pair two texts are: a translation, or an article and a summary of it.

The texts' lengths decide first: a translation writes about three English characters per
Chinese one, a summary far fewer (or, the other way round, far more). A page can hide a
translation behind a one-language lead (an intro, a summary, boilerplate) that skews the
lengths; there the alternating stretch after it decides, by its own lengths and by whether
most of both its sides find a counterpart.
"""

from __future__ import annotations

import numpy as np

from ..config import Direction, Mode

__all__ = [
    "RENDERED_MARGIN",
    "RENDERED_SHARE",
    "REVERSE_CHAR_RATIO",
    "SUMMARY_CHAR_RATIO",
    "TRANSLATION_CHAR_RATIO",
    "char_ratio",
    "choose_direction",
    "choose_mode",
    "renders_both_ways",
]

# English characters per Chinese character: 2.8-5.2 in the translations of the benchmarks,
# 1.1-1.7 in their summaries; below this ratio the English is treated as a summary of the
# Chinese, above the other one the Chinese as a summary of the English.
SUMMARY_CHAR_RATIO = 2.2
REVERSE_CHAR_RATIO = 6.5
TRANSLATION_CHAR_RATIO = 3.0  # about what a translation writes: which side is the longer
# A sentence has a counterpart when its best margin clears the bar a summary line's
# unsourced facts are judged by; a translation gives most of both sides' text one.
RENDERED_MARGIN = 0.05
RENDERED_SHARE = 2 / 3


def char_ratio(zh: list[str], en: list[str]) -> float:
    return sum(len(s) for s in en) / (sum(len(s) for s in zh) or 1)


def choose_mode(zh: list[str], en: list[str]) -> Mode:
    """Summary when one side is much shorter than a translation of the other would be."""
    ratio = char_ratio(zh, en)
    if ratio < SUMMARY_CHAR_RATIO or ratio > REVERSE_CHAR_RATIO:
        return Mode.SUMMARY
    return Mode.TRANSLATION


def choose_direction(mode: Mode, zh: list[str], en: list[str]) -> Direction:
    """BOTH for a translation; for a summary, the side longer than a translation of the
    other would make it is the article."""
    if mode is Mode.TRANSLATION:
        return Direction.BOTH
    if char_ratio(zh, en) > TRANSLATION_CHAR_RATIO:
        return Direction.EN_TO_ZH
    return Direction.ZH_TO_EN


def renders_both_ways(margins: np.ndarray, zh_chars: np.ndarray, en_chars: np.ndarray) -> bool:
    """Whether most of both sides' text (by characters) sits in sentences whose best match
    on the other side clears the bar: a translation does, a title over each lead or a
    summary does not. `margins` is (n_zh, n_en)."""
    if not margins.size:
        return False
    zh_share = zh_chars[margins.max(axis=1) >= RENDERED_MARGIN].sum() / max(zh_chars.sum(), 1)
    en_share = en_chars[margins.max(axis=0) >= RENDERED_MARGIN].sum() / max(en_chars.sum(), 1)
    return bool(min(zh_share, en_share) >= RENDERED_SHARE)
