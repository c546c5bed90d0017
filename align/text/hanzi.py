"""Traditional Chinese given to the encoders as simplified.

USE reads simplified characters better than traditional ones (BENCHMARKS.md). A text
that looks traditional is mapped character by character to simplified
(`dictionary.simplified_forms`) before it is embedded, so lengths and sentence ids do
not change, and the output shows the page's own text.
"""

from __future__ import annotations

import re
from functools import lru_cache

from .dictionary import simplified_forms

__all__ = [
    "as_simplified",
    "looks_traditional",
    "simplified",
    "simplified_table",
]

# Common characters that exist only in traditional writing: 們這個說來時為會對國 ...
_TRADITIONAL_ONLY = re.compile(
    "[們這個說來時為會對國過還從點樣麼見開關長門問間學實現發與應後經變當種裡將聽]"
)
_HAN = re.compile("[\u4e00-\u9fff]")
TRADITIONAL_SHARE = 0.01  # of the Han characters, above which a text is read as traditional
SAMPLE_CHARS = 100_000  # a book is judged on its first pages, not read whole


def looks_traditional(texts: list[str]) -> bool:
    joined = "".join(texts)[:SAMPLE_CHARS]
    han = len(_HAN.findall(joined))
    return han > 0 and len(_TRADITIONAL_ONLY.findall(joined)) / han > TRADITIONAL_SHARE


def simplified(texts: list[str]) -> list[str]:
    """`texts` in simplified characters if they look traditional, else as they are."""
    if not looks_traditional(texts):
        return texts
    return [as_simplified(text) for text in texts]


def as_simplified(text: str) -> str:
    """`text` with every traditional-only character in its simplified form."""
    return text.translate(_table())


def simplified_table() -> dict[str, str]:
    """Traditional character -> its simplified form, for characters that are not also
    simplified ones (`dictionary.simplified_forms`)."""
    return simplified_forms()


@lru_cache(maxsize=1)
def _table() -> dict[int, str]:
    return str.maketrans(simplified_table())
