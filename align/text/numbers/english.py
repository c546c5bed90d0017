"""Figures as English writes them: digits and number words (fifty-three thousand), scales
(billion, bn), currencies, percentages, ordinals, dates, decades, qualifiers (about, more
than, -odd), approximate pairs (eight or nine) and relative dates (last year)."""

from __future__ import annotations

import re
from decimal import Decimal

from .figure import _NO_LETTER, RELATIVE, Figure, _date_value, _decimal, _FigureMaker, _scan

__all__ = ["extract_en", "parse_en_words"]

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

# numbers that count nothing: "a word or two", "a thing or two"
_EN_IDIOMS = re.compile(r"\ba (?:word|thing) or two\b", re.IGNORECASE)
# "first" opening a sentence as an adverb, not an ordinal ("First, ...", "First checking");
# inside a sentence ("was first used") it often renders 首次, so it stays a figure there
_OPENING_FIRST_AS_ADVERB = re.compile(r",| [a-z]+ing\b")
_DETERMINER = re.compile(r"(?:the|its|his|her|their|our|my|your|a) $")

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
_CENTURY_AFTER = re.compile(r"(?:[\s-]+(?:and|or|to)\s+[a-z]+(?:-[a-z]+)?)?[\s-]+centur")
_FRACTIONS = {"half": 2, "third": 3, "quarter": 4, "fourth": 4, "fifth": 5, "sixth": 6,
              "seventh": 7, "eighth": 8, "ninth": 9, "tenth": 10}  # fmt: skip
_YEAR_RANGE_BEFORE = re.compile(r"(?<!\d)((?:1[5-9]|20)\d\d)[-–]$")
_EN_A_BEFORE = re.compile(r"(?<![A-Za-z])[Aa]\s+$")


def extract_en(text: str) -> list[Figure]:
    """Every figure of an English text, in reading order."""
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


