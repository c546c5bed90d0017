"""When two figures state the same thing: kinds, units, rounding and qualifiers."""

from __future__ import annotations

from decimal import Decimal

from .figure import Figure

__all__ = [
    "APPROXIMATE",
    "ROUNDING",
    "distinctive",
    "numbers_match",
    "resolve",
    "same_family",
    "values_close",
]

_FAMILY = {
    "number": "quantity",
    "count": "quantity",
    "money": "money",
    "percent": "percent",
    "ordinal": "ordinal",
    "year": "time",
    "date": "time",
}
ROUNDING = 0.01  # a rounded figure may differ from the exact one by 1 % at most
APPROXIMATE = 0.10  # "about 100" covers 90..110


def distinctive(figure: Figure) -> bool:
    """Whether an equal figure elsewhere in the article is likely the same fact: not a
    relative date, a vague "dozens of", nor a whole number, count or rank under 100."""
    if figure.relative or figure.qualifier == "several":
        return False
    small = figure.value < 100 and float(figure.value).is_integer()
    return not (small and figure.kind in ("number", "count", "ordinal"))


def same_family(a: Figure, b: Figure) -> bool:
    """Whether two figures speak of the same sort of thing (so a value change is an error)."""
    if _FAMILY[a.kind] != _FAMILY[b.kind]:
        return False
    if a.kind == b.kind == "ordinal" and (a.unit == "century") != (b.unit == "century"):
        return False  # the 18th century is no rank
    return a.kind != "money" or b.kind != "money" or a.unit == b.unit


def resolve(figure: Figure, ref_year: int | None) -> float | None:
    """The calendar value of a figure: a relative year becomes ref_year + offset."""
    if not figure.relative:
        return figure.value
    if figure.unit == "year" and ref_year is not None:
        return float(ref_year + figure.value)
    return None


def numbers_match(a: Figure, b: Figure, ref_year: int | None = None) -> bool:
    """Whether `a` and `b` state the same figure.

    Kinds must be compatible: number and count go together; money matches money in the
    same currency or a plain number; years match years, dates holding that year and
    relative years (these need `ref_year`, the article's year, unless both are relative);
    dates match when every part both give agrees (May 28 = 2024年5月28日). Values match
    when equal, when one is the other rounded (within 1 %), or within a qualifier's reach
    (about 100 = 96; over 50,000 = 53,000).
    """
    if a.relative or b.relative:
        return _relative_match(a, b, ref_year)
    kinds = {a.kind, b.kind}
    if kinds <= {"number", "count"} or kinds == {"money", "number"}:
        return values_close(a, b)
    if kinds == {"money"}:
        return a.unit == b.unit and values_close(a, b)
    if kinds <= {"year", "number", "count"}:
        if a.unit == "decade" or b.unit == "decade":
            return a.unit == b.unit and (
                a.value % 100 == b.value % 100
                if min(a.value, b.value) < 100
                else a.value == b.value
            )
        return a.value == b.value
    if kinds == {"year", "date"}:
        date = a if a.kind == "date" else b
        year = b if date is a else a
        return year.unit != "decade" and int(date.value) // 10000 == int(year.value)
    if kinds == {"date"}:
        return _dates_agree(a.value, b.value)
    if kinds == {"percent"}:
        return values_close(a, b)
    if kinds == {"ordinal"}:
        return same_family(a, b) and a.value == b.value
    return False


def _relative_match(a: Figure, b: Figure, ref_year: int | None) -> bool:
    if a.relative and b.relative:
        return a.unit == b.unit and a.value == b.value
    rel, other = (a, b) if a.relative else (b, a)
    year = resolve(rel, ref_year)
    if year is None or other.kind not in ("year", "date") or other.unit == "decade":
        return False
    other_year = other.value if other.kind == "year" else float(int(other.value) // 10000)
    return other_year == year


def _dates_agree(x: float, y: float) -> bool:
    parts_x = (int(x) // 10000, int(x) // 100 % 100, int(x) % 100)
    parts_y = (int(y) // 10000, int(y) // 100 % 100, int(y) % 100)
    shared = [(p, q) for p, q in zip(parts_x, parts_y, strict=True) if p and q]
    return bool(shared) and all(p == q for p, q in shared)


def _precision(value: float) -> float:
    """Place value of the last significant digit: 53000 -> 1000, 36.5 -> 0.1."""
    exponent = Decimal(repr(abs(value))).normalize().as_tuple().exponent
    return 10.0 ** int(exponent)


def values_close(a: Figure, b: Figure) -> bool:
    """Equal, equal after rounding, or within the reach of either figure's qualifier;
    an approximate pair matches what its span meets (八九 = eight or nine = 8)."""
    if a.upper is not None or b.upper is not None:
        (a_low, a_high), (b_low, b_high) = _span(a), _span(b)
        return a_low <= b_high and b_low <= a_high
    x, y = a.value, b.value
    if x == y:
        return True
    if a.qualifier == b.qualifier == "several":  # dozens of = 几十
        return max(x, y) <= 1.25 * min(x, y)
    largest = max(abs(x), abs(y))
    diff = abs(x - y)
    if diff <= max(_precision(x), _precision(y)) / 2 and diff <= ROUNDING * largest:
        return True
    return _within_qualifier(a.qualifier, x, y) or _within_qualifier(b.qualifier, y, x)


def _span(figure: Figure) -> tuple[float, float]:
    """The values a figure may stand for, by its pair or its qualifier."""
    if figure.upper is not None:
        return figure.value, figure.upper
    return _reach(figure.qualifier, figure.value) or (figure.value, figure.value)


def _within_qualifier(qualifier: str, stated: float, other: float) -> bool:
    """Whether `other` is what a figure `stated` with `qualifier` may stand for."""
    reach = _reach(qualifier, stated)
    if reach is None:
        return False
    low, high = reach
    return low <= other < high if qualifier == "odd" else low <= other <= high


def _reach(qualifier: str, stated: float) -> tuple[float, float] | None:
    """Lowest and highest value a qualifier lets `stated` stand for; None without one.
    For "odd" the highest is the next unit itself, which it does not reach (十几 is 10 to
    19, 三百余 300 to 399)."""
    reach = APPROXIMATE * abs(stated)
    if qualifier == "about":
        return stated - reach, stated + reach
    if qualifier in ("over", "at least"):
        return stated, stated + reach
    if qualifier == "odd":
        return stated, stated + _precision(stated)
    if qualifier in ("under", "nearly", "up to"):
        return stated - reach, stated
    return None

