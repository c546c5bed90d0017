"""Sentence splitting for Chinese and English, one line (paragraph) at a time.

Lines are never joined: a heading without final punctuation stays its own sentence.
Chinese uses a regex on sentence-final punctuation (pysbd's Chinese rules split a
closing quote off its sentence and are slow on book-length text). English uses pysbd,
but only on the stretches that hold a doubtful full stop (an abbreviation, an initial,
a decimal, an ellipsis); plain boundaries are cut by regex, which keeps a 30,000-line
book to seconds. Very long sentences are cut further so that no alignment unit is huge.
"""

from __future__ import annotations

import math
import re
from bisect import bisect_left
from collections.abc import Callable, Iterable
from functools import lru_cache

from ..records import Block, Sentence

__all__ = [
    "EN_HARD_WORDS",
    "ZH_HARD_CHARS",
    "ZH_SOFT_CHARS",
    "split_blocks",
    "split_en",
    "split_text",
    "split_zh",
]

ZH_SOFT_CHARS = 150  # a longer Chinese sentence is cut at ；then at ，
ZH_HARD_CHARS = 300  # a piece still longer (no usable punctuation) is cut into equal parts
ZH_MIN_CHARS = 12  # never cut off a Chinese piece shorter than this
EN_SOFT_WORDS = 100  # a longer English sentence is cut at ; then at ,
EN_HARD_WORDS = 100  # a piece still longer is cut into equal parts of at most this
EN_MIN_WORDS = 5
EN_HARD_CHARS = 2000  # a "word" run with no spaces (a URL blob) is cut by characters
PYSBD_MAX_CHARS = 1000  # longer doubtful stretches go to pysbd in windows

NON_ASCII = r"[^\x00-\x7f]"
# Chinese sentence end: 。！？, ASCII !? after a Chinese character, an ellipsis (where a
# quotation ends or begins after it: `_ZH_ELLIPSIS`);
# then any further end marks and the closing quotes/brackets that belong to the sentence.
_ZH_END = re.compile(
    rf"(?:[。！？]|(?<={NON_ASCII})[!?]|…+|\.{{3,}})"
    r"[。！？!?…]*[”’」』）)》】〕〉\]\"']*"
)
# After an end, a clause mark means the sentence goes on (……，  “好！”，他说).
_ZH_GOES_ON = re.compile(r"\s*[，,、；;：:]")
# An ellipsis with no closing quote after it is mostly a pause inside a sentence, and one
# followed by a closing or an opening quote ends its sentence (BENCHMARKS.md, splitting).
_ZH_ELLIPSIS = re.compile(r"(?:…+|\.{3,})")
_ZH_OPENING = re.compile(r"\s*[“「『\"]|\s*$")
_ZH_SEMI = re.compile(rf"[；]|(?<={NON_ASCII});|;(?={NON_ASCII})")
_ZH_COMMA = re.compile(rf"[，]|(?<={NON_ASCII}),|,(?={NON_ASCII})")

# English candidate boundary: end marks (+ closing quotes) then space then a capital,
# digit or opening quote; a dash is an end mark where a quotation closes after it
# (a broken-off speech: antenna—" "That's ...).
_EN_CAND = re.compile(r"""((?:[.!?…]+|[—–]+(?=['"’”]))['"’”)\]]*)\s+(?=['"‘“(\[]*[A-Z0-9])""")
_LEADING_CLOSE = re.compile(r"""\s*['"’”]+(?=\s)""")
_EN_SEMI = re.compile(r";\s")
_EN_COMMA = re.compile(r",\s")
_HAS_WORD = re.compile(r"[^\W_]")
_WORD = re.compile(r"\S+")


def _is_text(piece: str) -> bool:
    """A sentence must hold a letter, digit or ideograph; bare punctuation is not one."""
    return bool(_HAS_WORD.search(piece))


def _attach_punctuation(pieces: Iterable[str]) -> list[str]:
    """Strip pieces; glue punctuation-only pieces to a neighbour instead of dropping text."""
    out: list[str] = []
    pending = ""
    for raw in pieces:
        piece = raw.strip()
        if not piece:
            continue
        if not _is_text(piece):
            if out:
                out[-1] += piece
            else:
                pending += piece
            continue
        out.append(pending + piece)
        pending = ""
    return out


def _cut_at(
    text: str,
    boundary: re.Pattern[str],
    limit: int,
    min_size: int,
    by_words: bool = False,
) -> list[str]:
    """Cut `text` at `boundary` matches into near-equal pieces of at most `limit` units.

    Units are characters, or words when `by_words`. Cuts go at the boundaries nearest
    to equal shares, so the last piece is not a stub; a cut that would leave a piece
    under `min_size` is skipped. Deterministic, and linear-logarithmic in the length.
    """
    if (len(text.split()) if by_words else len(text)) <= limit:
        return [text]
    if by_words:
        starts = [m.start() for m in _WORD.finditer(text)]

        def units(pos: int) -> int:
            return bisect_left(starts, pos)
    else:

        def units(pos: int) -> int:
            return pos

    total = units(len(text))
    if total <= limit:
        return [text]
    cuts = [m.end() for m in boundary.finditer(text)]
    cuts = [c for c in cuts if min_size <= units(c) <= total - min_size]
    if not cuts:
        return [text]
    at = [units(c) for c in cuts]
    parts = math.ceil(total / limit)
    chosen: list[int] = []  # indexes into cuts
    for i in range(1, parts):
        target = total * i / parts
        first = chosen[-1] + 1 if chosen else 0
        j = bisect_left(at, target, lo=first)
        near = [k for k in (j - 1, j) if first <= k < len(cuts)]
        if not near:
            break
        best = min(near, key=lambda k: abs(at[k] - target))
        if at[best] - (at[chosen[-1]] if chosen else 0) >= min_size:
            chosen.append(best)
    edges = [0, *(cuts[k] for k in chosen), len(text)]
    pieces = [text[a:b].strip() for a, b in zip(edges, edges[1:], strict=False)]
    if len(pieces) == 1:
        return pieces
    out: list[str] = []
    for piece in pieces:
        out.extend(_cut_at(piece, boundary, limit, min_size, by_words))
    return out


def _equal_chunks(items: list[str], limit: int, joiner: str) -> list[str]:
    """Cut a sequence into the fewest near-equal chunks of at most `limit` items."""
    parts = math.ceil(len(items) / limit)
    step = math.ceil(len(items) / parts)
    return [joiner.join(items[i : i + step]) for i in range(0, len(items), step)]


def _limit_zh(sentence: str) -> list[str]:
    out: list[str] = []
    for piece in _cut_at(sentence, _ZH_SEMI, ZH_SOFT_CHARS, ZH_MIN_CHARS):
        for part in _cut_at(piece, _ZH_COMMA, ZH_SOFT_CHARS, ZH_MIN_CHARS):
            if len(part) > ZH_HARD_CHARS:
                out.extend(_equal_chunks(list(part), ZH_HARD_CHARS, ""))
            else:
                out.append(part)
    return out


def _words(text: str) -> int:
    return len(text.split())


def _limit_en(sentence: str) -> list[str]:
    out: list[str] = []
    for piece in _cut_at(sentence, _EN_SEMI, EN_SOFT_WORDS, EN_MIN_WORDS, by_words=True):
        for part in _cut_at(piece, _EN_COMMA, EN_SOFT_WORDS, EN_MIN_WORDS, by_words=True):
            chunks = (
                _equal_chunks(part.split(), EN_HARD_WORDS, " ")
                if _words(part) > EN_HARD_WORDS
                else [part]
            )
            for chunk in chunks:
                if len(chunk) > EN_HARD_CHARS:
                    out.extend(_equal_chunks(list(chunk), EN_HARD_CHARS, ""))
                else:
                    out.append(chunk)
    return out


def _split_zh_line(line: str) -> list[str]:
    pieces: list[str] = []
    start = 0
    for m in _ZH_END.finditer(line):
        if _ZH_GOES_ON.match(line, m.end()):
            continue
        if _ZH_ELLIPSIS.fullmatch(m.group()) and not _ZH_OPENING.match(line, m.end()):
            continue  # a pause (……我, 一言既出，…… 马难追) unless a quotation ends or begins
        pieces.append(line[start : m.end()])
        start = m.end()
    pieces.append(line[start:])
    return _attach_punctuation(pieces)


def _split_lines(
    text: str, split_line: Callable[[str], list[str]], limit: Callable[[str], list[str]]
) -> list[str]:
    """Every line on its own (with its white space folded), split, then long pieces cut."""
    out: list[str] = []
    for line in text.split("\n"):
        for sentence in split_line(" ".join(line.split())):
            out.extend(limit(sentence))
    return out


def split_zh(text: str) -> list[str]:
    """Split Chinese text into sentences; every line is split on its own."""
    return _split_lines(text, _split_zh_line, _limit_zh)


@lru_cache(maxsize=1)
def _abbreviations() -> frozenset[str]:
    from pysbd.lang.english import English

    return frozenset(English.Abbreviation.ABBREVIATIONS) - _EVERYDAY_WORDS


# pysbd's abbreviations that are everyday words ending many sentences ("...to punch me.
# I kicked him"): before a space and a capital they are words (No. 5, Fig. 3 and Art. 2
# stay doubtful through the digit after them)
_EVERYDAY_WORDS = frozenset(
    "me man is may miss no ok art mass wash ill ark arc ore ing".split()
)


@lru_cache(maxsize=1)
def _segmenter():  # noqa: ANN202 - pysbd has no type hints
    import pysbd

    return pysbd.Segmenter(language="en", clean=False)


def _doubtful(line: str, match: re.Match[str]) -> bool:
    """Whether a candidate boundary needs pysbd's judgement (abbreviation, initial, ...)."""
    marks = match.group(1)
    if "!" in marks or "?" in marks:
        return False
    if ".." in marks or "…" in marks:
        return True
    if line[match.end()].isdigit():
        return True
    # lines reach here with whitespace folded to single spaces
    word = line[line.rfind(" ", 0, match.start()) + 1 : match.start()]
    word = word.lstrip("\"'“‘([").lower()
    if marks[-1] in "'\"’”":  # a quotation closes after the stop: only U.S." stays doubtful
        return "." in word
    return len(word) <= 1 or "." in word or word in _abbreviations()


def _pysbd_windows(segments: list[str]) -> list[str]:
    """Group neighbouring doubtful stretches into windows of at most PYSBD_MAX_CHARS.

    pysbd costs a few milliseconds per call whatever the length, and slows down on
    very long input, so it gets one call per window rather than one per stretch.
    """
    windows: list[str] = []
    for segment in segments:
        if len(segment) > PYSBD_MAX_CHARS:
            windows.extend(_cut_at(segment, _EN_CAND, PYSBD_MAX_CHARS, 1))
        elif windows and len(windows[-1]) + 1 + len(segment) <= PYSBD_MAX_CHARS:
            windows[-1] += " " + segment
        else:
            windows.append(segment)
    return windows


def _split_en_line(line: str) -> list[str]:
    """Cut at plain boundaries by regex; leave stretches with a doubtful stop to pysbd."""
    pieces: list[str] = []
    doubtful_run: list[str] = []

    def flush() -> None:
        for window in _pysbd_windows(doubtful_run):
            for segment in _segmenter().segment(window):
                # pysbd leaves a closing quote to the next sentence (man. | " "Why?")
                stray = _LEADING_CLOSE.match(segment)
                if stray and pieces:
                    pieces[-1] = pieces[-1].rstrip() + stray.group().strip()
                    segment = segment[stray.end() :]
                pieces.append(segment)
        doubtful_run.clear()

    start = 0
    doubtful = False
    for m in _EN_CAND.finditer(line):
        if _doubtful(line, m):
            doubtful = True
            continue
        segment = line[start : m.end(1)]
        if doubtful:
            doubtful_run.append(segment)
        else:
            flush()
            pieces.append(segment)
        start = m.end()
        doubtful = False
    if doubtful:
        doubtful_run.append(line[start:])
        flush()
    else:
        flush()
        pieces.append(line[start:])
    return _attach_punctuation(pieces)


def split_en(text: str) -> list[str]:
    """Split English text into sentences; every line is split on its own."""
    return _split_lines(text, _split_en_line, _limit_en)


def split_text(text: str, lang: str) -> list[str]:
    if lang == "zh":
        return split_zh(text)
    if lang == "en":
        return split_en(text)
    raise ValueError(f"unknown language {lang!r}; expected 'zh' or 'en'")


# Kinds whose line stays one sentence: a title or heading is a unit of its own.
WHOLE_KINDS = ("title", "subtitle", "heading", "byline")


def split_blocks(blocks: list[Block], lang: str) -> list[Sentence]:
    """Turn marked blocks into numbered sentences that carry their kind and section.

    A heading opens a section (its own section is its text); titles, headings and
    bylines stay whole, other blocks are split into sentences.
    """
    sentences: list[Sentence] = []
    section = ""
    for block in blocks:
        if block.kind == "heading":
            section = block.text.strip()
        if block.kind in WHOLE_KINDS and _is_text(block.text):
            texts = [" ".join(block.text.split())]
        else:
            texts = split_text(block.text, lang)
        for text in texts:
            sentences.append(Sentence(len(sentences), text, block.kind, section, block.place))
    return sentences
