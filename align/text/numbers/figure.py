"""A figure found in a text, and what the Chinese and English readers share to find them."""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

__all__ = ["KINDS", "RELATIVE", "Figure"]

KINDS = ("number", "percent", "ordinal", "money", "year", "date", "count")
RELATIVE = "relative"


@dataclass(frozen=True)
class Figure:
    """One figure found in a text: `text` is `source[start:end]`, qualifier included."""

    value: float
    kind: str
    text: str
    start: int
    end: int
    qualifier: str = ""
    unit: str = ""
    upper: float | None = None  # an approximate pair (八九, eight or nine) runs value..upper

    @property
    def relative(self) -> bool:
        return self.qualifier == RELATIVE


def _decimal(digits: str) -> Decimal:
    return Decimal(digits.replace(",", "").replace("，", ""))


def _date_value(year: int, month: int, day: int) -> float:
    return float(year * 10000 + month * 100 + day)


def _scan(text: str, anchor: re.Pattern[str], pattern: re.Pattern[str]):
    """Full-pattern matches tried only where `anchor` says a figure may start."""
    end = 0
    for a in anchor.finditer(text):
        if a.start() < end:
            continue
        m = pattern.match(text, a.start())
        if m is not None:
            end = m.end()
            yield m


# Units written in Latin letters right after a number (20cm, 1GeV, 2.726K); other letters
# glued to digits make a name, not a figure (5G, 3D).
_LATIN_UNITS = (
    "km|cm|mm|nm|m|kg|mg|g|t|kW|MW|GW|W|kV|V|Hz|kHz|MHz|GHz|eV|keV|MeV|GeV|TeV|kpc|pc|K"
    "|kb|Kb|Mb|Gb|KB|MB|GB|TB|s|ms|h|min|L|ml|mL|ft|in|lb|lbs|oz|mph"
)
_NO_LETTER = rf"(?!(?!(?:{_LATIN_UNITS})(?![A-Za-z]))[A-Za-z])"


class _FigureMaker:
    """A Figure factory for one match: its text runs from `at` (default: match start) to
    end. Where the match is an approximate pair, `spread` (upper / lower bound) gives
    each figure made its upper bound, whatever the value was scaled by on the way."""

    def __init__(self, source: str, start: int, end: int) -> None:
        self.source, self.start, self.end = source, start, end
        self.spread: float | None = None

    def __call__(
        self,
        value: float | Decimal,
        kind: str,
        qualifier: str = "",
        unit: str = "",
        at: int | None = None,
    ) -> Figure:
        s = self.start if at is None else at
        upper = float(value) * self.spread if self.spread else None
        return Figure(float(value), kind, self.source[s : self.end], s, self.end, qualifier, unit,
                      upper)  # fmt: skip

