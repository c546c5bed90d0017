"""Figures check: is every figure of the English side stated in its Chinese source?

A summary that turns 5.3万 into 35,000 reads as well as a faithful one, and no similarity
score sees the change, so every figure of every English sentence (align.text.numbers) is
checked against the Chinese sentences aligned with it:

- matched: a Chinese figure of equal value and compatible kind stands in the aligned
  sentences, or else elsewhere in the article (then `zh_id` is not among `zh_ids` and the
  note says so: the summary may have moved the figure, or the alignment may be off).
  Elsewhere means the same kind (and currency). Relative dates are never looked for
  elsewhere ("this year": any article has a 今年 somewhere). Small or vague figures
  (whole numbers, counts and ranks under 100, "dozens of") are compared with the aligned
  sentences first: a different value there makes them `differs`, and a match elsewhere
  carries a note that it may be a coincidence.
- differs: no equal figure anywhere, but the aligned sentences hold one of the same kind
  (and currency) with another value: a likely error. `zh_text` is the nearest such figure.
- unsourced: no such figure; the summary adds it. Every figure of an English sentence with
  no Chinese source (status en_only) is unsourced; the note names a Chinese sentence that
  holds the same value, if any.
- omitted: a Chinese figure of the article that no English figure matched, one row each;
  the note says whether its sentence was aligned with any English sentence.

"last year" needs the article's year. Give `article_year`, or a Chinese sentence with a full
date (2024-05-29, 2024年5月29日) lets it be found; failing both, a relative year is matched
with the one calendar year stated in its aligned sentences and the note records the
assumption.

The checks are written as figures.tsv, whose columns `io.outputs` declares.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass, field

from ..records import FigureCheck, Unit
from ..text.numbers import (
    Figure,
    distinctive,
    extract_figures,
    numbers_match,
    resolve,
    same_family,
)

__all__ = [
    "COINCIDENCE",
    "DIFFERS",
    "ELSEWHERE",
    "MATCHED",
    "NO_SOURCE",
    "OMITTED",
    "STATUSES",
    "UNSOURCED",
    "YEAR_UNKNOWN",
    "check_figures",
    "find_article_year",
    "summarize",
]

MATCHED, DIFFERS, UNSOURCED, OMITTED = "matched", "differs", "unsourced", "omitted"
STATUSES = (MATCHED, DIFFERS, UNSOURCED, OMITTED)

ELSEWHERE = "found outside the aligned sentences"
COINCIDENCE = " (a small or vague figure: may be a coincidence)"
NO_SOURCE = "the sentence has no Chinese source"
YEAR_UNKNOWN = "relative date; the article's year is unknown"
# Chinese sentences on either side of an English sentence's sources searched for a figure
# "elsewhere in the article": a whole news article, but not a whole book (that is quadratic).
ELSEWHERE_RADIUS = 300


@dataclass
class _ZhFigure:
    sentence: int
    figure: Figure
    used: bool = field(default=False)


def find_article_year(texts: Sequence[str]) -> int | None:
    """Year of the first full date (year, month and day) in `texts`: a dateline, mostly."""
    for text in texts:
        for figure in extract_figures(text, "zh"):
            value = int(figure.value)
            if figure.kind == "date" and value >= 10**7 and value % 100 and value // 100 % 100:
                return value // 10000
    return None


def check_figures(
    zh: list[str], en: list[str], units: list[Unit], article_year: int | None = None
) -> list[FigureCheck]:
    """Class every figure of `en` against the Chinese sentences `units` align it with."""
    ref_year = article_year if article_year is not None else find_article_year(zh)
    sources: dict[int, set[int]] = {}
    for unit in units:
        for en_id in unit.en_ids:
            sources.setdefault(en_id, set()).update(unit.zh_ids)
    aligned_zh = {zh_id for unit in units if unit.en_ids for zh_id in unit.zh_ids}
    pool = [_ZhFigure(i, f) for i, text in enumerate(zh) for f in extract_figures(text, "zh")]
    positions = [item.sentence for item in pool]  # ascending: the pool is in reading order
    checks = []
    for en_id, text in enumerate(en):
        zh_ids = sorted(sources.get(en_id, ()))
        figures = extract_figures(text, "en")
        if not figures:
            continue
        first, last = (zh_ids[0], zh_ids[-1]) if zh_ids else (en_id * len(zh) // len(en),) * 2
        nearby = pool[
            bisect_left(positions, first - ELSEWHERE_RADIUS) : bisect_right(
                positions, last + ELSEWHERE_RADIUS
            )
        ]
        for figure in figures:
            checks.append(_check(en_id, zh_ids, figure, nearby, ref_year))
    for item in pool:
        if not item.used:
            note = "sentence aligned" if item.sentence in aligned_zh else "sentence not aligned"
            checks.append(FigureCheck(None, [], "", None, item.figure.kind, item.figure.text,
                                      resolve(item.figure, ref_year), item.sentence, OMITTED,
                                      note))  # fmt: skip
    return checks


def _check(
    en_id: int, zh_ids: list[int], figure: Figure, pool: list[_ZhFigure], ref_year: int | None
) -> FigureCheck:
    def result(status: str, found: _ZhFigure | None = None, note: str = "") -> FigureCheck:
        if found is not None:
            found.used = True
        value = resolve(figure, ref_year)
        if value is None and found is not None and figure.relative and not found.figure.relative:
            value = _calendar_year(found.figure)
        return FigureCheck(
            en_id, zh_ids, figure.text, value, figure.kind,
            found.figure.text if found else "",
            resolve(found.figure, ref_year) if found else None,
            found.sentence if found else None, status, note,
        )  # fmt: skip

    if not zh_ids:
        same = _best(figure, pool, ref_year)
        note = NO_SOURCE + (f"; the same value stands in zh {same.sentence}" if same else "")
        return result(UNSOURCED, note=note)
    aligned = [item for item in pool if item.sentence in zh_ids]
    found = _best(figure, aligned, ref_year)
    if found is not None:
        return result(MATCHED, found)
    if figure.relative and ref_year is None:
        years = {_calendar_year(i.figure) for i in aligned if _is_calendar_year(i.figure)}
        if len(years) == 1:
            year = years.pop()
            found = next(i for i in aligned if _is_calendar_year(i.figure))
            note = (
                f"{YEAR_UNKNOWN}: taken as {year:g}, so the article is of {year - figure.value:g}"
            )
            return result(MATCHED, found, note)
    others = [i for i in pool if i.sentence not in zh_ids and same_family(figure, i.figure)]
    elsewhere = None if figure.relative else _best(figure, others, ref_year)
    if elsewhere is not None and distinctive(figure):
        return result(MATCHED, elsewhere, ELSEWHERE)
    nearest = _nearest(figure, aligned, ref_year)
    if nearest is not None:
        return result(DIFFERS, nearest)
    if elsewhere is not None:
        return result(MATCHED, elsewhere, ELSEWHERE + COINCIDENCE)
    return result(UNSOURCED, note=YEAR_UNKNOWN if figure.relative and ref_year is None else "")


def _is_calendar_year(figure: Figure) -> bool:
    return not figure.relative and (
        figure.kind == "year"
        and figure.unit != "decade"
        or figure.kind == "date"
        and figure.value >= 10**7
    )


def _calendar_year(figure: Figure) -> float:
    return figure.value if figure.kind == "year" else float(int(figure.value) // 10000)


def _best(figure: Figure, items: list[_ZhFigure], ref_year: int | None) -> _ZhFigure | None:
    """The matching figure, preferring one not matched yet and then an exact value."""
    matches = [item for item in items if numbers_match(figure, item.figure, ref_year)]
    if not matches:
        return None
    return min(matches, key=lambda item: (item.used, item.figure.value != figure.value))


def _nearest(figure: Figure, items: list[_ZhFigure], ref_year: int | None) -> _ZhFigure | None:
    """The closest figure of the same kind that a reader would compare with this one."""
    mine = resolve(figure, ref_year)
    candidates = []
    for item in items:
        theirs = resolve(item.figure, ref_year)
        if mine is None or theirs is None or not same_family(figure, item.figure):
            continue
        candidates.append((item.used, abs(theirs - mine), item))
    return min(candidates, key=lambda c: c[:2])[2] if candidates else None


def summarize(checks: list[FigureCheck]) -> str:
    """One line for the run summary: "figures: 9 matched, 0 differ, 3 unsourced, 12 omitted"."""
    count = {status: sum(c.status == status for c in checks) for status in STATUSES}
    return (f"figures: {count[MATCHED]} matched, {count[DIFFERS]} differ, "
            f"{count[UNSOURCED]} unsourced, {count[OMITTED]} omitted")  # fmt: skip
