"""Figures as people write them in Chinese and English: value, kind, qualifier and span.

Why: a summary that changes a figure is wrong in a way no similarity score shows, so the
figures check (`review.figures`) needs every figure of both sides with its value, and the
aligner uses a sentence's set of values as cheap evidence (`figure_values`).

Kinds and values:
- number   plain cardinal: 五万 -> 50000, 53,000 -> 53000, six -> 6; fractions (三分之一,
           one-third) have unit "fraction"
- count    cardinal with a measure word: 100名, 5个, 两个, 30岁, 20cm; `unit` holds the word
- percent  value in percent: 70% / 百分之七十 / 七成 -> 70; unit "pp" for percentage points
- ordinal  第30位, 首次, 30th, fifteenth -> 30 / 1 / 15; 党的二十大 (a congress) is ordinal
           20; centuries (二十一世纪, 21st century) have unit "century"; labels (Chapter 10,
           Figure 1.4, 图1.4) unit "label"
- money    value in the currency, `unit` its ISO code: 2560亿元 -> 2.56e11 CNY,
           $36.5 billion -> 3.65e10 USD
- year     2023年, in 2023, the 98 of 1997-98 -> 2023 / 1998; decades (70年代, 1970s) have
           unit "decade"
- date     year*10000 + month*100 + day, 0 for a part not written: 2023年6月 -> 20230600,
           May 28 -> 528, 2024-05-29 -> 20240529
Relative dates (今年, 去年, last year, next month) have qualifier "relative" and value = the
offset from the article's date: kind "year" with unit "year" (last year -> -1), kind "date"
with unit "month". Only `numbers_match` with a `ref_year` turns one into a calendar year.

Qualifiers, normalised: about (约, 左右, around, some, or so), over (以上, 超过, more than,
-plus), odd (十多, 三百余, 十几, twenty-odd: up to the next unit of the last digit), under
(不到, 以下, less than), nearly (近, 将近, almost), at least (至少), up to (as many as),
several (几百, 数十, hundreds of). "50,000 more" is not a qualifier: it means additional.
Approximate pairs are one figure, qualifier about, from `value` to `upper`: 八九 and
"eight or nine" -> 8..9, 十七八 -> 17..18, 一二十 ("ten or twenty") -> 10..20, 三四百 ->
300..400, 两三天 and 三两天 -> 2..3, 一两个 -> 1..2 (三两银子 stays three taels); they match
any figure whose span they meet (八九 = nine).

Deliberately left out: a bare 一 / "one" counting one thing (mostly the article "a": 一个,
一些, one of); a bare one-character Chinese numeral with no measure word (王二, 十分); a few
numeric idioms (千方百计, 三番五次, a word or two); "First" opening a sentence as an adverb
("First, ...", "First checking"), first thing; clock times, phone numbers, and digits
glued to letters that are not a unit (5G, G20, COVID-19).

Traditional characters are read as their simplified forms (萬 億 兩 個 約 餘 ...), so a
Taiwan or Hong Kong page gives the same figures, with spans on its own text.

`chinese` and `english` read each language, `matching` says when two figures agree.

Extraction is regex-based and fast: a one-class regex finds where a figure may start and
the full pattern is tried only there.
The parsers are hand-written: cn2an rejects 百万, 多/余, 百分之 and thousands separators, and
reads 七八 ("seven or eight") as 78; the tests use it as an oracle for plain numerals.
"""

from __future__ import annotations

from functools import lru_cache

from .chinese import extract_zh, parse_zh_numeral
from .english import extract_en, parse_en_words
from .figure import KINDS, RELATIVE, Figure
from .matching import (
    APPROXIMATE,
    ROUNDING,
    distinctive,
    numbers_match,
    resolve,
    same_family,
    values_close,
)

__all__ = [
    "APPROXIMATE",
    "KINDS",
    "RELATIVE",
    "ROUNDING",
    "Figure",
    "distinctive",
    "extract_figures",
    "figure_values",
    "numbers_match",
    "parse_en_words",
    "parse_zh_numeral",
    "resolve",
    "same_family",
    "values_close",
]


def extract_figures(text: str, lang: str) -> list[Figure]:
    """Every figure in `text` ("zh" or "en"), in reading order."""
    if lang not in ("zh", "en"):
        raise ValueError(f"lang must be 'zh' or 'en', not {lang!r}")
    return list(_figures(text, lang))


# The stages read the same sentences' figures several times over (signatures, shared
# figures and names, the coverage's parts and linked texts, the figures check).
@lru_cache(maxsize=65_536)
def _figures(text: str, lang: str) -> tuple[Figure, ...]:
    return tuple(extract_zh(text) if lang == "zh" else extract_en(text))


def figure_values(text: str, lang: str) -> set[float]:
    """Values of the absolute figures of `text`: cheap alignment evidence."""
    return {f.value for f in extract_figures(text, lang) if not f.relative}
