"""Figures as people write them in Chinese and English: value, kind, qualifier and span.

Why: a summary that changes a figure is wrong in a way no similarity score shows, so the
figures check (align/figures.py) needs every figure of both sides with its value, and the
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

Extraction is regex-based and fast (about 0.5 s for 40,000 sentences): a one-class regex
finds where a figure may start and the full pattern is tried only there.
The parsers are hand-written: cn2an rejects 百万, 多/余, 百分之 and thousands separators, and
reads 七八 ("seven or eight") as 78; the tests use it as an oracle for plain numerals.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

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


# ---------------------------------------------------------------- numeral values

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
_CN_BIG = {"万": 10**4, "亿": 10**8}
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


def _decimal(digits: str) -> Decimal:
    return Decimal(digits.replace(",", "").replace("，", ""))


_EN_SMALL = {
    w: i
    for i, w in enumerate(
        "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
        "fifteen sixteen seventeen eighteen nineteen".split()
    )
}
_EN_TENS = {
    w: 10 * i
    for i, w in enumerate("twenty thirty forty fifty sixty seventy eighty ninety".split(), start=2)
}
_EN_SCALE = {"thousand": 10**3, "million": 10**6, "billion": 10**9, "trillion": 10**12}
_EN_ORD = {
    "first": 1,
    "second": 2,
    "third": 3,
    "fourth": 4,
    "fifth": 5,
    "sixth": 6,
    "seventh": 7,
    "eighth": 8,
    "ninth": 9,
    "tenth": 10,
    "eleventh": 11,
    "twelfth": 12,
    "thirteenth": 13,
    "fourteenth": 14,
    "fifteenth": 15,
    "sixteenth": 16,
    "seventeenth": 17,
    "eighteenth": 18,
    "nineteenth": 19,
    "twentieth": 20,
    "thirtieth": 30,
    "fortieth": 40,
    "fiftieth": 50,
    "sixtieth": 60,
    "seventieth": 70,
    "eightieth": 80,
    "ninetieth": 90,
    "hundredth": 100,
    "thousandth": 1000,
}


def parse_en_words(s: str) -> float:
    """Value of English number words the extraction regex accepted (fifty-three thousand)."""
    total = current = 0
    tokens = re.findall(r"[a-z]+", s.lower())
    half = tokens[:1] == ["half"]
    for token in tokens:
        if token in _EN_SMALL:
            current += _EN_SMALL[token]
        elif token in _EN_TENS:
            current += _EN_TENS[token]
        elif token == "a":
            current = 1
        elif token == "hundred":
            current = (current or 1) * 100
        elif token == "dozen":
            current = (current or 1) * 12
        elif token in _EN_SCALE:
            total += (current or 1) * _EN_SCALE[token]
            current = 0
    return (total + current) / 2 if half else total + current


# ---------------------------------------------------------------- qualifiers and units

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
_EN_QUALIFIER = {
    "about": "about",
    "around": "about",
    "approximately": "about",
    "roughly": "about",
    "some": "about",
    "several": "several",
    "or so": "about",
    "nearly": "nearly",
    "almost": "nearly",
    "close to": "nearly",
    "more than": "over",
    "over": "over",
    "or more": "over",
    "-plus": "over",
    "plus": "over",
    "+": "over",
    "odd": "odd",
    "-odd": "odd",
    "at least": "at least",
    "less than": "under",
    "fewer than": "under",
    "under": "under",
    "up to": "up to",
    "as many as": "up to",
    "as much as": "up to",
    "at most": "up to",
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
_EN_CURRENCY = {
    "$": "USD",
    "us$": "USD",
    "hk$": "HKD",
    "€": "EUR",
    "£": "GBP",
    "¥": "CNY",
    "rmb": "CNY",
    "cny": "CNY",
    "usd": "USD",
    "hkd": "HKD",
    "eur": "EUR",
    "gbp": "GBP",
    "yuan": "CNY",
    "dollars": "USD",
    "dollar": "USD",
    "us dollars": "USD",
    "euros": "EUR",
    "euro": "EUR",
    "pounds": "GBP",
    "yen": "JPY",
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

# ---------------------------------------------------------------- Chinese regex
# Extraction is two-step for speed: a one-character-class regex finds where a figure may
# start (C-speed scan), and the full pattern is tried only there. Qualifiers written
# before a number (约, more than) are read by looking back from where the number starts.

# Traditional forms of the characters these patterns use (萬 億 兩 個 約 餘 歲 點 號 ...),
# from CC-CEDICT's one-character entries: a traditional page reads as a simplified one.
_TRADITIONAL = (
    "佈來侖個傢億兩冣剋員噸圖坿報場塊塲夥學尅將對屆層崘崙嵗幀幇幚幣幫幾張彔後徧戶拏攝"
    "數於旹昇時會朞桮條棟椀槩檯歐歲為無爲畂畆畝畮疋發盃盌盧眾碼祇秊秖種穩筆箇節紀約紅"
    "納級組絲綁縷績缾羣習聲腳臺芲茲菓萬蘤處號衆衹裏裡計語變貝踰軍載輛輩輪迴逥週過釐錄"
    "錢錶鍾鎊鐘長門開間陞隊隨隻雙難韆韓頃項頭顆題類颱餘馬髮麪麵點黨"
)
_SIMPLIFIED = (
    "布来仑个家亿两最克员吨图附报场块场伙学克将对届层仑仑岁帧帮帮币帮几张录后遍户拿摄"
    "数于时升时会期杯条栋碗概台欧岁为无为亩亩亩亩匹发杯碗卢众码只年只种稳笔个节纪约红"
    "纳级组丝绑缕绩瓶群习声脚台花兹果万花处号众只里里计语变贝逾军载辆辈轮回回周过厘录"
    "钱表钟镑钟长门开间升队随只双难千韩顷项头颗题类台余马发面面点党"
)
_ZH_NORMALISE = str.maketrans(
    "０１２３４５６７８９％．：" + _TRADITIONAL, "0123456789%.:" + _SIMPLIFIED
)
# Units written in Latin letters right after a number (20cm, 1GeV, 2.726K); other letters
# glued to digits make a name, not a figure (5G, 3D).
_LATIN_UNITS = (
    "km|cm|mm|nm|m|kg|mg|g|t|kW|MW|GW|W|kV|V|Hz|kHz|MHz|GHz|eV|keV|MeV|GeV|TeV|kpc|pc|K"
    "|kb|Kb|Mb|Gb|KB|MB|GB|TB|s|ms|h|min|L|ml|mL|ft|in|lb|lbs|oz|mph"
)
_NO_LETTER = rf"(?!(?!(?:{_LATIN_UNITS})(?![A-Za-z]))[A-Za-z])"
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

# numbers that count nothing: "a word or two", "a thing or two"
_EN_IDIOMS = re.compile(r"\ba (?:word|thing) or two\b", re.IGNORECASE)
# "first" opening a sentence as an adverb, not an ordinal ("First, ...", "First checking");
# inside a sentence ("was first used") it often renders 首次, so it stays a figure there
_OPENING_FIRST_AS_ADVERB = re.compile(r",| [a-z]+ing\b")
_DETERMINER = re.compile(r"(?:the|its|his|her|their|our|my|your|a) $")
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

# ---------------------------------------------------------------- English regex

_EN_UNIT99 = (
    r"(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:-(?:one|two|three"
    r"|four|five|six|seven|eight|nine))?|zero|one|two|three|four|five|six|seven|eight"
    r"|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen"
    r"|nineteen"
)
_EN_GROUP = (
    rf"(?:(?:(?:{_EN_UNIT99})\s+)?hundred(?:\s+(?:and\s+)?(?:{_EN_UNIT99})\b)?"
    rf"|(?:{_EN_UNIT99}))"
)
_EN_BIG = r"(?:trillion|billion|million|thousand)"
_EN_WORDS = (
    rf"(?:half\s+a\s+{_EN_BIG}\b|(?:{_EN_GROUP}\s+)?{_EN_BIG}\b"
    rf"(?:,?\s+(?:and\s+)?{_EN_GROUP}\b(?:\s+{_EN_BIG}\b)?)*|dozen\b|{_EN_GROUP}\b)"
)
_EN_DIGITS = (
    r"(?<![A-Za-z\d.,])(?<![A-Za-z]-)(?:\d{1,3}(?:,\d{3})+(?!\d)|\d+)(?:\.\d+)?|(?<=[$€£¥])\.\d+"
)
_MONTHS = {
    "january": 1,
    "february": 2,
    "march": 3,
    "april": 4,
    "may": 5,
    "june": 6,
    "july": 7,
    "august": 8,
    "september": 9,
    "october": 10,
    "november": 11,
    "december": 12,
    "jan": 1,
    "feb": 2,
    "mar": 3,
    "apr": 4,
    "jun": 6,
    "jul": 7,
    "aug": 8,
    "sep": 9,
    "sept": 9,
    "oct": 10,
    "nov": 11,
    "dec": 12,
}
_EN_MONTH = (
    r"(?:January|February|March|April|May|June|July|August|September|October"
    r"|November|December|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.)"
)
_EN_DAY = r"(?:3[01]|[12]\d|0?[1-9])"
_EN_YEAR = r"(?:1[5-9]|20|21)\d\d(?!\d)"
_EN_ORDWORD = (
    r"(?:(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)-)?(?:first|second"
    r"|third|fourth|fifth|sixth|seventh|eighth|ninth)|"
    + "|".join(w for w in _EN_ORD if _EN_ORD[w] >= 10)
)
_EN_PLURALS = {
    "tens": 10,
    "dozens": 12,
    "hundreds": 100,
    "thousands": 10**3,
    "millions": 10**6,
    "billions": 10**9,
}


def _trie_regex(words: list[str]) -> str:
    """One regex alternation for `words`, factored by prefix so each position is cheap."""
    trie: dict = {}
    for word in words:
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}

    def emit(node: dict) -> str:
        ends = "" in node
        alts = [re.escape(ch) + emit(sub) for ch, sub in sorted(node.items()) if ch]
        if not alts:
            return ""
        body = alts[0] if len(alts) == 1 and not ends else "(?:" + "|".join(alts) + ")"
        return body + ("?" if ends else "")

    return emit(trie)


_EN_ANCHOR_WORDS = [
    *_EN_SMALL,
    *_EN_TENS,
    "hundred",
    *_EN_SCALE,
    "dozen",
    "half",
    *_EN_ORD,
    *_EN_PLURALS,
    "this",
    "last",
    "next",
]
_EN_ANCHOR = re.compile(
    r"(?<![A-Za-z])(?:[\d$€£¥]|'(?=\d0s)|(?:"
    + _trie_regex(
        [
            *_EN_ANCHOR_WORDS,
            *(w.capitalize() for w in _EN_ANCHOR_WORDS),
            "January",
            "February",
            "March",
            "April",
            "May",
            "June",
            "July",
            "August",
            "September",
            "October",
            "November",
            "December",
            "Jan",
            "Feb",
            "Mar",
            "Apr",
            "Jun",
            "Jul",
            "Aug",
            "Sep",
            "Sept",
            "Oct",
            "Nov",
            "Dec",
            "No",
            "US",
            "HK",
            "RMB",
            "CNY",
            "USD",
            "HKD",
            "EUR",
            "GBP",
        ]
    )
    + r")(?![A-Za-z]))"
)
_EN_PATTERN = re.compile(
    rf"""
    (?P<skip>\d+(?::\d\d)+(?:\s?[ap]\.?m\b\.?)?|\d{{1,2}}\s?[ap]\.?m\b\.?|\d{{3,4}}-\d{{7,8}})
    | (?P<efrac>(?i:a|one|two|three|four|five|six|seven|eight|nine|ten)[\s-]
        (?P<eden>(?i:half|halves|thirds?|quarters?|fourths?|fifths?|sixths?|sevenths?|eighths?
        |ninths?|tenths?))\b)
    | (?P<iso>(?P<iy>\d{{4}})-(?P<im>\d{{1,2}})-(?P<id>\d{{1,2}})\b)
    | (?P<mdy>(?P<mon>{_EN_MONTH})(?![a-z])(?:\s+(?P<day>{_EN_DAY})(?:st|nd|rd|th)?\b)?
        (?:,?\s+(?P<yr>{_EN_YEAR}))?)
    | (?P<dmy>(?P<day2>{_EN_DAY})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<mon2>{_EN_MONTH})(?![a-z])
        (?:,?\s+(?P<yr2>{_EN_YEAR}))?)
    | (?P<rel>(?i:this|last|next)\s+(?P<relu>year|month)\b)
    | (?P<decade>(?<!\w)(?:(?:1[5-9]|20)\d0s|'?\d0s)\b)
    | (?P<ord>(?i:{_EN_ORDWORD})\b|(?<![\d.,])\d+(?:st|nd|rd|th)\b|No\.\s?\d+\b)
    | (?P<plural>(?i:tens|dozens|hundreds|thousands|millions|billions)\s+of
        (?:\s+(?i:thousands|millions|billions)\b)?)
    | (?P<year>(?<![\d.,$£€¥])(?:1[5-9]|20)\d\d\b(?![,.]\d|\s*%|\s*percent|-[A-Za-z]))
    | (?P<gen>
        (?P<cur>(?:US|HK)\s?\$|\$|€|£|¥|(?:RMB|CNY|USD|HKD|EUR|GBP)\s?)?
        (?P<num>{_EN_DIGITS}|(?i:{_EN_WORDS}))
        (?P<scale>[\s-]?{_EN_BIG}\b|\s?bn\b|(?(cur)\s?(?:m|mn|k)\b|(?!)))?
        (?P<unit>\s?%|\s+(?:percent|per\s+cent)\b|\s+percentage\s+points?\b
           |\s+(?:(?i:US\s+dollars|dollars|yuan|euros|pounds|yen)|RMB)\b)?
        (?P<post>\s+or\s+(?:so|more)\b|-plus\b|\+|[\s-]odd\b)?
        (?!\d){_NO_LETTER})
    """,
    re.VERBOSE,
)
_EN_PRE = "|".join(
    sorted(
        (
            re.escape(k).replace(r"\ ", r"\s+")
            for k in _EN_QUALIFIER
            if k[0].isalpha() and k not in ("or so", "or more", "plus")
        ),
        key=len,
        reverse=True,
    )
)
_EN_PRE_BEFORE = re.compile(rf"(?<![A-Za-z])(?i:{_EN_PRE})\s+$")
_EN_PREP_BEFORE = re.compile(
    r"(?<![A-Za-z])(?i:in|since|until|by|from|through|during|before"
    r"|after|last|this|next|early|late|of|mid|the\s+end\s+of)[\s-]+$"
)
_EN_LABEL_BEFORE = re.compile(
    r"(?<![A-Za-z])(?i:chapter|rule|fig\.|figure|table|article|section|part|phase|grade"
    r"|level|round|volume|vol\.|no\.|item|step|stage|equation|eq\.)\s?$"
)
_ZH_LABELS = ("附录", "方程", "公式", "习题", "例题")
_CENTURY_AFTER = re.compile(r"(?:[\s-]+(?:and|or|to)\s+[a-z]+(?:-[a-z]+)?)?[\s-]+centur")
_FRACTIONS = {"half": 2, "third": 3, "quarter": 4, "fourth": 4, "fifth": 5, "sixth": 6,
              "seventh": 7, "eighth": 8, "ninth": 9, "tenth": 10}  # fmt: skip
_YEAR_RANGE_BEFORE = re.compile(r"(?<!\d)((?:1[5-9]|20)\d\d)[-–]$")
_EN_A_BEFORE = re.compile(r"(?<![A-Za-z])[Aa]\s+$")

# ---------------------------------------------------------------- extraction


def extract_figures(text: str, lang: str) -> list[Figure]:
    """Every figure in `text` ("zh" or "en"), in reading order."""
    if lang == "zh":
        return _extract_zh(text)
    if lang == "en":
        return _extract_en(text)
    raise ValueError(f"lang must be 'zh' or 'en', not {lang!r}")


def figure_values(text: str, lang: str) -> set[float]:
    """Values of the absolute figures of `text`: cheap alignment evidence."""
    return {f.value for f in extract_figures(text, lang) if not f.relative}


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


def _date_value(year: int, month: int, day: int) -> float:
    return float(year * 10000 + month * 100 + day)


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
    pair = None
    if len(num) >= 2 and num[-1] in _CN_DIGIT and num[-2] in _CN_DIGIT and "零" not in num[-2:]:
        pair = num[:-1], num[:-2] + num[-1]
    elif len(num) == 3 and num[0] in _CN_DIGIT and num[1] in _CN_DIGIT and num[2] in _CN_SMALL:
        pair = num[0] + num[2], num[1:]
    if pair is None:
        return None
    first, second = (parse_zh_numeral(part) for part in pair)
    if first is None or second is None or first == second or min(first, second) <= 0:
        return None
    if first > second and len(num) != 3 and num != "三两":
        return None  # 八七 is not said; only 三二十 and 三两 put the larger first
    return min(first, second), max(first, second)


def _extract_zh(raw: str) -> list[Figure]:
    text = raw.translate(_ZH_NORMALISE)
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


def _extract_en(text: str) -> list[Figure]:
    figures = [
        f for m in _scan(text, _EN_ANCHOR, _EN_PATTERN) if (f := _en_figure(m, text)) is not None
    ]
    idioms = [m.span() for m in _EN_IDIOMS.finditer(text)]
    figures = [f for f in figures if not any(a <= f.start and f.end <= b for a, b in idioms)]
    return _approximate_pairs(figures, text)


def _approximate_pairs(figures: list[Figure], text: str) -> list[Figure]:
    """"eight or nine", "two or three days": one approximate figure from the lower bound
    to the upper, as Chinese states it (八九, 两三天); two figures would leave one of them
    unmatched."""
    out: list[Figure] = []
    for figure in figures:
        first = out[-1] if out else None
        if (
            first is not None
            and text[first.end : figure.start] == " or "
            and first.kind in ("number", "count")
            and figure.kind in ("number", "count", "percent")  # 5 or 6 percent
            and first.qualifier in ("", "about")  # some twenty or thirty
            and not figure.qualifier
            and not first.unit
            and first.value < figure.value <= 2 * first.value + 1
        ):
            out[-1] = Figure(first.value, figure.kind, text[first.start : figure.end],
                             first.start, figure.end, "about", figure.unit,
                             figure.value)  # fmt: skip
        else:
            out.append(figure)
    return out


def _en_figure(m: re.Match[str], text: str) -> Figure | None:
    start, end = m.span()
    group = m.lastgroup
    fig = _FigureMaker(text, start, end)

    if group == "skip":
        return None
    if group == "iso":
        return fig(_date_value(int(m["iy"]), int(m["im"]), int(m["id"])), "date")
    if group == "mdy":
        prep = _EN_PREP_BEFORE.search(text, max(0, start - 16), start)
        if not (prep or m["day"] or m["yr"]):
            return None  # a bare month name: "May" is usually the verb
        month = _MONTHS[m["mon"].rstrip(".").lower()]
        return fig(_date_value(int(m["yr"] or 0), month, int(m["day"] or 0)), "date")
    if group == "dmy":
        month = _MONTHS[m["mon2"].rstrip(".").lower()]
        return fig(_date_value(int(m["yr2"] or 0), month, int(m["day2"])), "date")
    if group == "rel":
        offset = {"this": 0, "last": -1, "next": 1}[m["rel"].split()[0].lower()]
        unit = m["relu"].lower()
        return fig(offset, "year" if unit == "year" else "date", RELATIVE, unit)
    if group == "decade":
        return fig(int(m["decade"].lstrip("'")[:-1]), "year", unit="decade")
    if group == "efrac":
        count = m["efrac"].lower().split()[0].split("-")[0]
        denominator = _FRACTIONS[m["eden"].lower().rstrip("s").replace("halve", "half")]
        numerator = 1 if count in ("a", "one") else _EN_SMALL[count]
        pre = _EN_PRE_BEFORE.search(text, max(0, start - 24), start)
        qualifier = _EN_QUALIFIER[re.sub(r"\s+", " ", pre.group().strip().lower())] if pre else ""
        value = Decimal(numerator) / denominator
        return fig(value, "number", qualifier, "fraction", at=pre.start() if pre else None)
    if group == "ord":
        word = m["ord"].lower()
        before, after = text[max(0, start - 4) : start].lower(), text[end : end + 24].lower()
        if word == "second" and before == "per ":
            return None  # frames per second
        if word == "first" and (before.endswith("at ") or after.startswith((" of all", " and"))):
            return None  # at first, first of all, first and foremost
        opening = not text[:start].strip(" '\"‘“(")  # the sentence starts with it
        if word == "first" and (
            (opening and _OPENING_FIRST_AS_ADVERB.match(after))
            or (after.startswith(" thing") and not _DETERMINER.search(before))
        ):
            return None  # "First, ...", "First ascertaining ...", first thing this morning
        a_before = re.search(r"(?<![a-z])a $", before)
        if word in _FRACTIONS and a_before and after.startswith(" of "):
            return fig(Decimal(1) / _FRACTIONS[word], "number", unit="fraction")  # a third of
        unit = "century" if _CENTURY_AFTER.match(after) else ""
        digits = re.search(r"\d+", word)
        if digits:
            return fig(int(digits.group()), "ordinal", unit=unit)
        parts = word.split("-")
        value = _EN_ORD[parts[-1]] + (_EN_TENS[parts[0]] if len(parts) == 2 else 0)
        return fig(value, "ordinal", unit=unit)
    if group == "plural":
        words = m["plural"].lower().split()
        value = _EN_PLURALS[words[0]] * (_EN_PLURALS[words[-1]] if len(words) == 3 else 1)
        return fig(value, "number", "several")
    if group == "year":
        return fig(int(m["year"]), "year")
    return _en_general(m, text, fig)


def _en_general(m: re.Match[str], text: str, fig) -> Figure | None:
    num, start = m["num"], m.start()
    if num[0].isdigit() or num[0] == ".":
        value = _decimal(num)
        range_start = _YEAR_RANGE_BEFORE.search(text, max(0, start - 5), start)
        if range_start and len(num) == 2 and not (m["unit"] or m["scale"] or m["cur"]):
            first = int(range_start.group(1))
            year = first // 100 * 100 + int(num)
            if year > first:
                return fig(year, "year")  # the 98 of 1997-98
    else:
        if num.lower() == "one" and not m["scale"]:
            return None  # "one of", "no one": not a figure
        value = Decimal(str(parse_en_words(num)))
    scale = (m["scale"] or "").strip(" -").lower()
    if scale:
        value *= {"bn": 10**9, "m": 10**6, "mn": 10**6, "k": 10**3}.get(
            scale, _EN_SCALE.get(scale, 1)
        )
    at = start
    if not m["cur"] and num[0].isalpha():
        a = _EN_A_BEFORE.search(text, max(0, start - 3), start)
        if a and num.lower().split()[0] in ("hundred", "dozen", *_EN_SCALE):
            at = a.start()  # "a hundred", "a dozen"
    if num[0].isdigit() and _EN_LABEL_BEFORE.search(text, max(0, start - 9), start):
        return fig(value, "ordinal", unit="label")  # Chapter 10, Figure 1.4, Rule 5
    pre_match = _EN_PRE_BEFORE.search(text, max(0, at - 24), at)
    pre = re.sub(r"\s+", " ", pre_match.group().strip().lower()) if pre_match else ""
    post = re.sub(r"\s+", " ", (m["post"] or "").strip().lower())
    qualifier = _EN_QUALIFIER.get(pre) or _EN_QUALIFIER.get(post, "")
    if pre_match:
        at = pre_match.start()
    unit = re.sub(r"\s+", " ", (m["unit"] or "").strip().lower())
    cur = re.sub(r"\s+", "", (m["cur"] or "").lower())
    if unit in ("%", "percent", "per cent"):
        return fig(value, "percent", qualifier, at=at)
    if unit.startswith("percentage point"):
        return fig(value, "percent", qualifier, "pp", at=at)
    if cur or unit:
        return fig(value, "money", qualifier, _EN_CURRENCY[cur or unit], at=at)
    return fig(value, "number", qualifier, at=at)


# ---------------------------------------------------------------- matching

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


# ---------------------------------------------------------------- formatting

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
