"""Figures as Chinese writes them: numerals (五万三千, 两千, 二〇二三), measure words, 万/亿,
qualifiers (约, 以上, 多, 余), dates, percentages (百分之七十, 七成) and relative dates (去年).

Extraction is two-step for speed: a one-character-class regex finds where a figure may
start (C-speed scan), and the full pattern is tried only there. Qualifiers written
before a number (约, more than) are read by looking back from where the number starts.
A traditional text is read as simplified (`text.hanzi`), so spans stay on its own text.
"""

from __future__ import annotations

import re
from decimal import Decimal
from functools import lru_cache

from ..hanzi import simplified_table
from .figure import _NO_LETTER, RELATIVE, Figure, _date_value, _decimal, _FigureMaker, _scan

__all__ = ["extract_zh", "parse_zh_numeral"]

_CN_DIGIT = {
    "零": 0,
    "〇": 0,
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
_CN_SMALL = {"十": 10, "百": 100, "千": 1000}
_MAGNITUDE = {
    "万亿": 10**12,
    "千万": 10**7,
    "百万": 10**6,
    "亿": 10**8,
    "万": 10**4,
    "千": 10**3,
    "百": 100,
}


def parse_zh_numeral(s: str) -> int | None:
    """Value of a Chinese numeral (五万三千, 两千, 三千五, 二〇二三); None if it is not one.

    Runs of bare digits are read digit by digit only from three characters on (二〇二三);
    two adjacent digits (七八, "seven or eight") are an estimate, not a number: None.
    """
    if not s:
        return None
    if all(ch in _CN_DIGIT for ch in s):
        if len(s) == 1:
            return _CN_DIGIT[s]
        if len(s) < 3:
            return None
        return int("".join(str(_CN_DIGIT[ch]) for ch in s))
    total = wan = section = 0
    digit: int | None = None
    last_unit = 0  # place value of the last unit character, for 三千五 = 3500
    small_cap = 10**4  # a small unit must fall within the current section
    zero = False
    for ch in s:
        if ch in _CN_DIGIT:
            value = _CN_DIGIT[ch]
            if value == 0:
                if digit is not None:
                    return None
                zero = True
                continue
            if digit is not None:
                return None
            digit = value
        elif ch in _CN_SMALL:
            unit = _CN_SMALL[ch]
            if unit >= small_cap or (digit is None and (section or wan or total or zero)):
                return None  # 十百, 千百万: units need a digit between them
            section += (1 if digit is None else digit) * unit
            digit, small_cap, last_unit, zero = None, unit, unit, False
        elif ch == "万":
            if wan:
                return None
            part = section + (digit or 0)
            wan = (part or 1) * 10**4
            section, digit, small_cap, last_unit, zero = 0, None, 10**4, 10**4, False
        elif ch == "亿":
            if total:
                return None
            total = (wan + section + (digit or 0) or 1) * 10**8
            wan = section = 0
            digit, small_cap, last_unit, zero = None, 10**4, 10**8, False
        else:
            return None
    if digit is not None and not zero and last_unit >= 10:
        digit *= last_unit // 10
    return total + wan + section + (digit or 0)



_ZH_QUALIFIER = {
    "约": "about",
    "大约": "about",
    "大概": "about",
    "左右": "about",
    "近": "nearly",
    "将近": "nearly",
    "接近": "nearly",
    "超过": "over",
    "超": "over",
    "逾": "over",
    "以上": "over",
    "多": "odd",
    "余": "odd",
    "不到": "under",
    "不足": "under",
    "以下": "under",
    "至少": "at least",
    "不少于": "at least",
    "几": "several",
    "数": "several",
}

_ZH_CURRENCY = {
    "美元": "USD",
    "欧元": "EUR",
    "英镑": "GBP",
    "日元": "JPY",
    "港元": "HKD",
    "港币": "HKD",
    "韩元": "KRW",
    "卢布": "RUB",
    "元人民币": "CNY",
    "元": "CNY",
    "人民币": "CNY",
    "块钱": "CNY",
}

# Measure words; longest first so 平方公里 wins over 公里.
_ZH_MEASURES = sorted(
    """世纪 毫克 毫米 毫升 厘米 微米 纳米 千瓦时 千瓦 兆瓦 千比特 千字节 兆字节 比特 字节 赫兹 分贝
    摄氏度 光年 加仑 盎司 卡路里 千卡 帧 平方公里 平方米 平方英尺 平方英里 千米 公里 公顷 公斤
    千克 英亩 英尺 英里 英寸 小时 分钟
    秒钟 个月 周年 辈子 岁 年 天 周 次 个 名 人 位 条 家 所 项 座 台 辆 架 艘 件 种 类 批 支
    只 头 户 吨 米 亩 倍 篇 部 本 张 场 届 期 轮 片 栋 间 套 份 笔 例 层 级 处 寸 尺 里 斤 克 磅
    码 升 口 颗 棵 根 匹 封 首 段 章 节 门 扇 道 幅 粒 双 对 群 伙 帮 队 班 组 排 枚 遍 趟 回
    声 步 箱 桶 袋 包 盒 瓶 杯 碗 代 两 块 点 下 面""".split(),
    key=len,
    reverse=True,
)
_ZH_IDIOMS = frozenset(
    """千方百计 千家万户 千军万马 千山万水 千辛万苦 千变万化 千丝万缕 万紫千红 万水千山
    三番五次 七上八下 七嘴八舌 七手八脚 四面八方 五湖四海 五光十色 十全十美 十拿九稳
    九死一生 三言两语 三心二意 三三两两 四分五裂 五花八门 百发百中 千载难逢 一五一十
    千里迢迢 万无一失 五花大绑 十有八九 三天两头 两全其美 万里长城 千千万万 一来二去""".split()
)

# Characters the figure patterns read as their simplified form although CC-CEDICT also
# uses them as simplified characters (於 in 不少於, 隻 in 三隻), with full-width digits.
_ALSO_SIMPLIFIED = {"傢": "家", "冣": "最", "剋": "克", "夥": "伙", "於": "于", "昇": "升",
                    "疋": "匹", "祇": "只", "芲": "花", "衹": "只"}  # fmt: skip
_FULL_WIDTH = dict(zip("０１２３４５６７８９％．：", "0123456789%.:"))


@lru_cache(maxsize=1)
def _reading() -> dict[int, str]:
    """How a Chinese text is read before its figures are sought."""
    return str.maketrans({**simplified_table(), **_ALSO_SIMPLIFIED, **_FULL_WIDTH})


_ZH_DIGITS = (
    r"(?<![A-Za-z\d.])(?<![A-Za-z]-)(?:\d{1,3}(?:[,，]\d{3})+(?!\d)|\d+)(?:\.\d+)?(?!\d)"
    + _NO_LETTER
)
_ZH_KILO = "千(?![米克瓦比帕焦卡伏赫字])"  # 千米, 千比特: kilo-, not thousand
_PAIR_MEASURES = "个天年人次回只位名家条件本月日岁句步趟遍"
# 两 is a numeral before 百千万亿 and in a pair (两三天, 一两个, 三两个); before anything
# else it counts two or weighs taels (二十两银子), which the unit pattern reads
_ZH_CN = (
    rf"(?:[零〇一二三四五六七八九十百万亿]|{_ZH_KILO}|两(?=[百千万亿一二三四五六七八九])"
    rf"|(?<=[一三])两(?=[{_PAIR_MEASURES}]))+|两"
)
_ZH_NUM = rf"{_ZH_DIGITS}|{_ZH_CN}"
_ZH_MONTH = r"1[0-2]|0?[1-9]|十[一二]?|[一二三四五六七八九]"
_ZH_DAY = (
    r"3[01]|[12]\d|0?[1-9]|三十一?|二十[一二三四五六七八九]?|十[一二三四五六七八九]?"
    r"|[一二三四五六七八九]"
)
_ZH_UNITS = "|".join(
    [
        "个百分点",
        "%",
        "(?<=[一二三四五六七八九十两])成(?![为功立员本果绩就长熟不])",
        *_ZH_CURRENCY,
        r"大(?![学量约概多型小于众会家都])",
        *_ZH_MEASURES,
    ]
)
_ZH_ANCHOR = re.compile(r"[\d零〇一二三四五六七八九十百千万亿两第首初头]")
_ZH_PATTERN = re.compile(
    rf"""
    (?P<skip>\d+(?::\d\d)+|\d{{3,4}}-\d{{7,8}})
    | (?P<iso>(?<!\d)(?P<iy>\d{{4}})-(?P<im>\d{{1,2}})-(?P<id>\d{{1,2}})(?!\d))
    | (?P<dec>(?<![\d.])(?P<dy>\d{{4}}|\d{{2}}|[一二三四五六七八九]十)年代)
    | (?P<ymd>(?P<y>(?<![\d.])\d{{4}}|[零〇一二三四五六七八九]{{4}})年
        (?:(?P<m>{_ZH_MONTH})月(?:(?P<d>{_ZH_DAY})[日号])?)?)
    | (?P<md>(?<![\d.])(?P<m2>{_ZH_MONTH})月(?:(?P<d2>{_ZH_DAY})[日号])?)
    | (?P<dd>(?<![\d.])(?P<d3>[12]\d|3[01]|0?[1-9])日)
    | (?P<pct>百分之(?P<pnum>{_ZH_NUM})(?P<pmore>[多余])?)
    | (?P<frac>(?P<fden>{_ZH_NUM})分之(?P<fnum>{_ZH_NUM}))
    | (?P<first>首(?P<fm>[次个家届批位款座部项例场轮]))
    | (?P<firsttime>(?:初|头一)(?P<ftm>[次回遭]))
    | (?P<ord>第(?P<onum>{_ZH_NUM})(?P<ounit>{"|".join(_ZH_MEASURES)})?)
    | (?P<gen>
        (?P<num>{_ZH_NUM})
        (?P<mid>[多余几])?
        (?P<mag>万亿|千万|百万|亿|万|{_ZH_KILO}|百)?
        (?P<more>[多余])?
        (?P<unit>{_ZH_UNITS})?
        (?P<post>以上|以下|左右)?)
    """,
    re.VERBOSE,
)
_ZH_RELATIVE = re.compile(r"今年|去年|明年|前年|(?<![此之以然随最日])后年|本月|上个?月|下个?月")
_ZH_PRE_BEFORE = re.compile(
    r"(?:大约|大概|约|将近|接近|近|超过|超|逾|不到|不足|至少|不少于|几|数)$"
)

_ZH_LABELS = ("附录", "方程", "公式", "习题", "例题")


def _zh_small(s: str | None) -> int:
    """A year, month or day written in digits or Chinese numerals; 0 when absent."""
    if not s:
        return 0
    return int(s) if s.isdigit() else parse_zh_numeral(s) or 0


def _zh_value(num: str, mag: str | None) -> Decimal | None:
    if num[0].isdigit():
        value = _decimal(num)
    else:
        parsed = parse_zh_numeral(num)
        if parsed is None:
            return None
        value = Decimal(parsed)
    return value * _MAGNITUDE[mag] if mag else value


def _zh_estimate(num: str) -> tuple[int, int] | None:
    """Bounds of an approximate pair: 十七八 ("seventeen or eighteen") -> 17, 18; 七八 ->
    7, 8; 一二十 ("ten or twenty") -> 10, 20; 三四百 -> 300, 400; 三二十 (colloquial,
    larger first) -> 20, 30."""
    pair = digits = None
    if len(num) >= 2 and num[-1] in _CN_DIGIT and num[-2] in _CN_DIGIT and "零" not in num[-2:]:
        pair, digits = (num[:-1], num[:-2] + num[-1]), num[-2:]
    elif len(num) == 3 and num[0] in _CN_DIGIT and num[1] in _CN_DIGIT and num[2] in _CN_SMALL:
        pair, digits = (num[0] + num[2], num[1:]), num[:2]
    if pair is None or not _neighbours(digits):
        return None  # 十二五 (the 12th five-year plan) is no "twelve or fifteen"
    first, second = (parse_zh_numeral(part) for part in pair)
    if first is None or second is None or first == second or min(first, second) <= 0:
        return None
    if first > second and len(num) != 3 and num != "三两":
        return None  # 八七 is not said; only 三二十 and 三两 put the larger first
    return min(first, second), max(first, second)


def _neighbours(digits: str) -> bool:
    """Whether two digit characters are next to each other (七八, 三两): only neighbours
    make an approximate pair."""
    first, second = (parse_zh_numeral(digit) for digit in digits)
    return first is not None and second is not None and abs(first - second) == 1


def extract_zh(raw: str) -> list[Figure]:
    """Every figure of a Chinese text, in reading order."""
    text = raw.translate(_reading())
    figures = [
        f
        for m in _scan(text, _ZH_ANCHOR, _ZH_PATTERN)
        if (f := _zh_figure(m, text, raw)) is not None
    ]
    relative = [
        Figure(
            float(
                {"今": 0, "去": -1, "明": 1, "前": -2, "后": 2, "本": 0, "上": -1, "下": 1}[
                    m.group()[0]
                ]
            ),
            "year" if m.group().endswith("年") else "date",
            m.group(),
            m.start(),
            m.end(),
            RELATIVE,
            "year" if m.group().endswith("年") else "month",
        )
        for m in _ZH_RELATIVE.finditer(text)
    ]
    if relative:
        figures = sorted(figures + relative, key=lambda f: f.start)
    return figures



def _zh_figure(m: re.Match[str], text: str, raw: str) -> Figure | None:
    start, end = m.span()
    fig = _FigureMaker(raw, start, end)

    group = m.lastgroup
    if group == "skip":
        return None
    if group == "iso":
        return fig(_date_value(int(m["iy"]), int(m["im"]), int(m["id"])), "date")
    if group == "dec":
        return fig(_zh_small(m["dy"]), "year", unit="decade")
    if group == "ymd":
        year = _zh_small(m["y"])
        if not 1000 <= year <= 2199:  # a duration, not a year
            return fig(year, "count", unit="年")
        month, day = _zh_small(m["m"]), _zh_small(m["d"])
        if month:
            return fig(_date_value(year, month, day), "date")
        return fig(year, "year")
    if group == "md":
        return fig(_date_value(0, _zh_small(m["m2"]), _zh_small(m["d2"])), "date")
    if group == "dd":
        return fig(_date_value(0, 0, int(m["d3"])), "date")
    if group == "pct":
        value = _zh_value(m["pnum"], None)
        if value is None:
            return None
        return fig(value, "percent", "odd" if m["pmore"] else "")
    if group == "frac":
        numerator, denominator = _zh_value(m["fnum"], None), _zh_value(m["fden"], None)
        if not numerator or not denominator:
            return None
        return fig(numerator / denominator, "number", unit="fraction")
    if group == "first":
        return fig(1, "ordinal", unit=m["fm"])  # 首次, 首个: the first
    if group == "firsttime":
        return fig(1, "ordinal", unit=m["ftm"])  # 初次, 头一遭: the first time
    if group == "ord":
        value = _zh_value(m["onum"], None)
        if value is None or raw[start : start + 4] in ("第一时间", "第三方"):
            return None
        return fig(value, "ordinal", unit=m["ounit"] or "")
    return _zh_general(m, text, fig)


def _zh_general(m: re.Match[str], text: str, fig) -> Figure | None:
    num, unit = m["num"], m["unit"] or ""
    start = m.start()
    pre_match = _ZH_PRE_BEFORE.search(text, max(0, start - 3), start)
    pre = pre_match.group() if pre_match else ""
    if pre in ("几", "数") and num[0] not in "十百千万亿":
        pre = ""
    qualifier = _ZH_QUALIFIER.get(pre or m["post"] or m["more"] or "", "")
    if m["mid"]:
        qualifier = qualifier or "odd"  # 十多万, 十余万, 十几万
    mag = m["mag"]
    digits = num[0].isdigit()
    if not digits and not m["mid"]:
        mag = None  # a Chinese numeral already holds its 万/亿
    value = _zh_value(num, mag)
    if value is None:
        estimate = None if digits else _zh_estimate(num)
        if estimate is None or text[m.end() : m.end() + 1] == "代":  # 二三十年代: decades
            return None
        low, high = estimate
        value, qualifier = Decimal(low) * (_MAGNITUDE[mag] if mag else 1), "about"
        fig.spread = high / low
    if any(text[i : i + 4] in _ZH_IDIOMS for i in range(max(0, start - 3), start + 1)):
        return None
    if not digits:
        if (num[0] in "万亿" and not pre) or (num == "千万" and not unit):
            return None  # 万里, 亿万, 千万(不要): figurative
        bare = not (unit or mag or m["mid"] or pre or m["post"] or m["more"])
        if bare and len(num) == 1:
            return None
        if unit == "两" and text[m.end() : m.end() + 1] in _ZH_MEASURES:
            return None  # 三两个: "two or three", not three taels
    if value == 1 and num == "一" and unit not in _ZH_CURRENCY and unit not in ("%", "成"):
        return None
    at = start - len(pre) if pre else None
    if unit == "%":
        return fig(value, "percent", qualifier, at=at)
    if unit == "个百分点":
        return fig(value, "percent", qualifier, "pp", at=at)
    if unit == "成":
        return fig(value * 10, "percent", qualifier, at=at)
    if unit in _ZH_CURRENCY:
        return fig(value, "money", qualifier, _ZH_CURRENCY[unit], at=at)
    if unit == "大":
        if (
            text[max(0, start - 2) : start] == "党的"
            or value >= 10
            and text[m.end() : m.end() + 2] in ("精神", "报告", "代表", "以来", "召开", "期间")
        ):
            return fig(value, "ordinal", unit="congress")
        if value > 20:
            return fig(value, "number", qualifier, at=at)
    if unit == "世纪":
        return fig(value, "ordinal", unit="century", at=at)  # 二十一世纪: the 21st century
    label = text[max(0, start - 2) : start] in _ZH_LABELS or (start and text[start - 1] in "图表")
    if digits and label:
        return fig(value, "ordinal", unit="label")  # 图1.1, 附录2: a label, not a quantity
    if unit:
        return fig(value, "count", qualifier, unit, at=at)
    if digits and "." not in num and 1500 <= value <= 2100 and not mag and not qualifier:
        return fig(value, "year")
    return fig(value, "number", qualifier, at=at)

