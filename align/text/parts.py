"""The parts of a sentence whose rendering is judged one by one: clauses, with offsets.

A summary keeps a clause of a long Chinese sentence and drops the rest; a translator
sometimes drops one; an English line may add a sentence with no source. Each sentence is
cut into parts that tile it exactly, as (start, end) character offsets into the sentence
as written (end exclusive): a Chinese sentence after each clause mark (，；：。！？ and
the closing quotes after them; never at the enumeration comma 、, which joins items of
one list), an English one into its sentences and after each semicolon or colon. A
part shorter than the minimum (他说：, "Yes;") joins the part after it, the last one the
part before, so that no part is too short to carry evidence of its own.
"""

from __future__ import annotations

import re

__all__ = ["PART_MIN_CHARS", "split_parts"]

# Content characters (not punctuation or space) a part needs to stand alone.
PART_MIN_CHARS = {"zh": 8, "en": 16}

_ZH_CUT = re.compile(r"[，；：。！？,;:!?…]+[”’」』）)》】\"']*\s*")
_EN_CUT = re.compile(
    r"(?:[.!?…]+['\"’”)\]]*\s+(?=['\"‘“(\[]*[A-Z0-9]))|(?:[;:]\s+)"
)
_CONTENT = re.compile(r"\w", re.UNICODE)


def _content(text: str) -> int:
    return len(_CONTENT.findall(text))


def split_parts(text: str, lang: str) -> list[tuple[int, int]]:
    """(start, end) offsets of the parts of one sentence, tiling it from 0 to len(text);
    a sentence with no cut, or a blank one, is one part."""
    if lang not in _CUTS:
        raise ValueError(f"unknown language {lang!r}; expected 'zh' or 'en'")
    if not text:
        return [(0, 0)]
    cuts = [m.end() for m in _CUTS[lang].finditer(text) if 0 < m.end() < len(text)]
    bounds = [0, *sorted(set(cuts)), len(text)]
    spans = [(a, b) for a, b in zip(bounds, bounds[1:]) if b > a]
    return _merge_short(text, spans, PART_MIN_CHARS[lang])


_CUTS = {"zh": _ZH_CUT, "en": _EN_CUT}


def _merge_short(text: str, spans: list[tuple[int, int]], minimum: int) -> list[tuple[int, int]]:
    """Join each part with fewer than `minimum` content characters to the next one (the
    last to the one before)."""
    merged: list[tuple[int, int]] = []
    pending: int | None = None  # start of a short part waiting for the next
    for start, end in spans:
        start = start if pending is None else pending
        if _content(text[start:end]) < minimum:
            pending = start
            continue
        pending = None
        merged.append((start, end))
    if pending is not None:
        if merged:
            merged[-1] = (merged[-1][0], len(text))
        else:
            merged.append((pending, len(text)))
    return merged
