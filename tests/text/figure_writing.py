"""Figures written out as a Chinese or an English text would write them: the tests write
values in every style and read them back (`align.text.numbers` only reads)."""

from __future__ import annotations

from decimal import Decimal

from align.text.numbers.english import _EN_SCALE, _EN_SMALL, _EN_TENS

_CN_NUMERALS = "零一二三四五六七八九"
_EN_ONES = list(_EN_SMALL)
_EN_TENS_WORDS = {v: k for k, v in _EN_TENS.items()}


def _plain(d: Decimal) -> str:
    """A Decimal without exponent or trailing zeros: 5.30 -> 5.3, 1E+1 -> 10."""
    return format(d.normalize(), "f")


def _as_decimal(value: float) -> Decimal:
    if value < 0:
        raise ValueError(f"negative figures are not written by these helpers: {value}")
    return Decimal(repr(float(value)))


def format_zh(value: float, style: str = "mixed") -> str:
    """Write `value` as a Chinese text would.

    styles: "mixed" (53000 -> 5.3万, 2.56e11 -> 2560亿), "digits" (53000), "hanzi" (integers
    only: 五万三千).
    """
    d = _as_decimal(value)
    if style == "digits":
        return _plain(d)
    if style == "mixed":
        if d >= 10**12:
            return _plain(d / 10**12) + "万亿"
        if d >= 10**8:
            return _plain(d / 10**8) + "亿"
        if d >= 10**4:
            return _plain(d / 10**4) + "万"
        return _plain(d)
    if style == "hanzi":
        if d != d.to_integral_value():
            raise ValueError(f"hanzi style writes integers only, not {value}")
        return _hanzi(int(d))
    raise ValueError(f"unknown style {style!r}")


def _hanzi(n: int, leading: bool = True) -> str:
    if n == 0:
        return "零"
    yi, rest = divmod(n, 10**8)
    wan, low = divmod(rest, 10**4)
    out = _hanzi(yi, leading) + "亿" if yi else ""
    if wan:
        if out and wan < 1000:
            out += "零"
        out += _hanzi_section(wan, leading=not out) + "万"
    if low:
        if out and (low < 1000 or not wan):
            out += "零"
        out += _hanzi_section(low, leading=not out)
    return out


def _hanzi_section(n: int, leading: bool) -> str:
    """0 < n < 10000 as 千百十 numerals; a leading 一十 is written 十."""
    out, zero, started = "", False, False
    digits = (n // 1000, n // 100 % 10, n // 10 % 10, n % 10)
    for digit, unit in zip(digits, "千百十 ", strict=True):
        unit = unit.strip()
        if digit == 0:
            zero = zero or started
            continue
        if zero:
            out += "零"
            zero = False
        skip_one = digit == 1 and unit == "十" and not started and leading
        out += ("" if skip_one else _CN_NUMERALS[digit]) + unit
        started = True
    return out


def format_en(value: float, style: str = "digits") -> str:
    """Write `value` as an English text would.

    styles: "digits" (53,000), "scale" (2.56e11 -> 256 billion; below a million as digits),
    "words" (integers only: fifty-three thousand).
    """
    d = _as_decimal(value)
    if style == "digits":
        return f"{d.normalize():,f}"
    if style == "scale":
        for word, scale in sorted(_EN_SCALE.items(), key=lambda kv: -kv[1]):
            if scale >= 10**6 and d >= scale:
                return f"{_plain(d / scale)} {word}"
        return f"{d.normalize():,f}"
    if style == "words":
        if d != d.to_integral_value():
            raise ValueError(f"words style writes integers only, not {value}")
        return _en_words(int(d))
    raise ValueError(f"unknown style {style!r}")


def _en_words(n: int) -> str:
    if n == 0:
        return "zero"
    parts = []
    for word, scale in sorted(_EN_SCALE.items(), key=lambda kv: -kv[1]):
        count, n = divmod(n, scale)
        if count:
            parts.append(f"{_en_words(count)} {word}")
    if n:
        parts.append(_en_below_thousand(n))
    return " ".join(parts)


def _en_below_thousand(n: int) -> str:
    hundreds, rest = divmod(n, 100)
    parts = [f"{_EN_ONES[hundreds]} hundred"] if hundreds else []
    if rest >= 20:
        tens, ones = divmod(rest, 10)
        parts.append(_EN_TENS_WORDS[tens * 10] + (f"-{_EN_ONES[ones]}" if ones else ""))
    elif rest:
        parts.append(_EN_ONES[rest])
    return " ".join(parts)
