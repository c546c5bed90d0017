"""Figures as written in the seed page and the benchmark texts, and the formatters."""

from __future__ import annotations

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from align.text.numbers import (
    Figure,
    extract_figures,
    figure_values,
    numbers_match,
    parse_en_words,
    parse_zh_numeral,
)

from ..paths import BENCH, SEED
from .figure_writing import format_en, format_zh

# (lang, snippet as it stands in the seed or a benchmark text, the one figure it holds:
#  text, value, kind, qualifier, unit)
# fmt: off
FORMS = [
    # seed page, Chinese
    ("zh", "5月28日,栏目刊发", "5月28日", 528, "date", "", ""),
    ("zh", "2023年6月习近平总书记", "2023年6月", 20230600, "date", "", ""),
    ("zh", "集聚了全区70%的高等教育资源", "70%", 70, "percent", "", ""),
    ("zh", "创新能力指数上升到全国第30位", "第30位", 30, "ordinal", "", "位"),
    ("zh", "益生菌等5个创新中心建设", "5个", 5, "count", "", "个"),
    ("zh", "培育形成“六大产业集群”", "六大", 6, "count", "", "大"),
    ("zh", "中(蒙)医药3条产业链", "3条", 3, "count", "", "条"),
    ("zh", "每年引进高层次人才100名以上", "100名以上", 100, "count", "over", "名"),
    ("zh", "首府在2023年增加", "2023年", 2023, "year", "", ""),
    ("zh", "增加5.3万人的基础上", "5.3万人", 53000, "count", "", "人"),
    ("zh", "今年实施再留", "今年", 0, "year", "relative", "year"),
    ("zh", "再留“五万大学生留呼”", "五万", 50000, "number", "", ""),
    ("zh", "发挥沙良、铁通两个国际陆港", "两个", 2, "count", "", "个"),
    ("zh", "党的二十大精神", "二十大", 20, "ordinal", "", "congress"),
    # seed page, English
    ("en", "it has, for example, 70 percent of the higher", "70 percent", 70, "percent", "", ""),
    ("en", "The region has six pillar industrial clusters", "six", 6, "number", "", ""),
    ("en", "exceeded 256 billion yuan (", "256 billion yuan", 2.56e11, "money", "", "CNY"),
    ("en", "($36.5 billion)", "$36.5 billion", 3.65e10, "money", "", "USD"),
    ("en", "up 14 percent year-on-year", "14 percent", 14, "percent", "", ""),
    ("en", "The city also ranked 15th in the country", "15th", 15, "ordinal", "", ""),
    ("en", "with about 100 arriving", "about 100", 100, "number", "about", ""),
    ("en", "Meanwhile, 53,000 college graduates", "53,000", 53000, "number", "", ""),
    ("en", "to attract 50,000 more", "50,000", 50000, "number", "", ""),
    ("en", "successfully held the China Green Computing Conference last year",
     "last year", -1, "year", "relative", "year"),
    # benchmark texts, Chinese
    ("zh", "此人于1860年在这个当时的边远地区", "1860年", 1860, "year", "", ""),
    ("zh", "超出了人们在100年前", "100年", 100, "count", "", "年"),
    ("zh", "这个面积达85万平方英尺的巨大仓库", "85万平方英尺", 850000, "count", "", "平方英尺"),
    ("zh", "净亏损额就将近3.5亿美元", "将近3.5亿美元", 3.5e8, "money", "nearly", "USD"),
    ("zh", "自亚马逊公司1995年7月诞生以来", "1995年7月", 19950700, "date", "", ""),
    ("zh", "销售总额接近10亿美元", "接近10亿美元", 1e9, "money", "nearly", "USD"),
    ("zh", "必须每年交纳30美元会员费", "30美元", 30, "money", "", "USD"),
    ("zh", "在随后15分钟的提问时间里", "15分钟", 15, "count", "", "分钟"),
    ("zh", "（到今天为止有1，800万种。）", "1，800万种", 1.8e7, "count", "", "种"),
    ("zh", "购买了25，000英亩的牧场", "25，000英亩", 25000, "count", "", "英亩"),
    ("zh", "并于1964年1月12日生下了杰夫", "1964年1月12日", 19640112, "date", "", ""),
    ("zh", "以每年2，300%的速度发展时", "2，300%", 2300, "percent", "", ""),
    ("zh", "他们的投资总额达30万美元", "30万美元", 3e5, "money", "", "USD"),
    ("zh", "以每股18美元的低价上市", "18美元", 18, "money", "", "USD"),
    ("zh", "贝索斯只兑现了不到2，500万美元的股票", "不到2，500万美元", 2.5e7, "money", "under",
     "USD"),
    ("zh", "仓库中存放着440万码包装带", "440万码", 4.4e6, "count", "", "码"),
    ("zh", "每天可以装运多达20万件商品", "20万件", 2e5, "count", "", "件"),
    ("zh", "约60%的订货通过美国邮政局发送", "约60%", 60, "percent", "about", ""),
    ("zh", "重量超过150磅的商品", "超过150磅", 150, "count", "over", "磅"),
    ("zh", "一个身高1.78米、", "1.78米", 1.78, "count", "", "米"),
    ("zh", "保健费用高达2，380亿美元", "2，380亿美元", 2.38e11, "money", "", "USD"),
    ("zh", "各种疾病花费了194亿美元", "194亿美元", 1.94e10, "money", "", "USD"),
    ("zh", "在1970年代初期", "1970年代", 1970, "year", "", "decade"),
    ("zh", "预算支出不到500，000美元", "不到500，000美元", 5e5, "money", "under", "USD"),
    ("zh", "诊治的患者却有3，000人", "3，000人", 3000, "count", "", "人"),
    ("zh", "温家兄弟又将这二十两银子输了", "二十两", 20, "count", "", "两"),
    ("zh", "也有三百余口人", "三百余口", 300, "count", "odd", "口"),
    ("zh", "在这剩下的千余个小时中", "千余个", 1000, "count", "odd", "个"),
    ("zh", "进来了一个十七八岁的少年", "十七八岁", 17, "count", "about", "岁"),
    ("zh", "一天也有一二十件事", "一二十件", 10, "count", "about", "件"),
    ("zh", "约有一二十个妇人", "一二十个", 10, "count", "about", "个"),
    ("zh", "闹吵吵三二十个孩子在那里", "三二十个", 20, "count", "about", "个"),
    ("zh", "她说过一两天就来看我", "一两天", 1, "count", "about", "天"),
    ("zh", "又见三两个妇人，都", "三两个", 2, "count", "about", "个"),
    ("zh", "论今日初次见，原不该说的", "初次", 1, "ordinal", "", "次"),
    ("zh", "又是头一遭儿和我张个口", "头一遭", 1, "ordinal", "", "遭"),
    ("zh", "床上的被子是七成新的", "七成", 70, "percent", "", ""),
    ("zh", "第一次做爱的很多细节", "第一次", 1, "ordinal", "", "次"),
    ("zh", "我进山后两个星期", "两个", 2, "count", "", "个"),
    ("zh", "却是有着几百年的大事", "几百年", 100, "count", "several", "年"),
    ("zh", "终于裹就一双三寸金莲", "三寸", 3, "count", "", "寸"),
    ("zh", "直径为九米的抛物面天线", "九米", 9, "count", "", "米"),
    ("zh", "5月19日在戛纳电影节放映", "5月19日", 519, "date", "", ""),
    ("zh", "1999年10月下旬", "1999年10月", 19991000, "date", "", ""),
    ("zh", "造成数千人死难的决定", "数千人", 1000, "count", "several", "人"),
    ("zh", "十几种效力强大", "十几种", 10, "count", "odd", "种"),
    ("zh", "这红光来自于一百多亿年前", "一百多亿年", 1e10, "count", "odd", "年"),
    ("zh", "关系图有超过60亿个顶点", "超过60亿个", 6e9, "count", "over", "个"),
    ("zh", "投资总额已经突破6，300万美元", "6，300万美元", 6.3e7, "money", "", "USD"),
    ("zh", "当莫里斯·哈布瓦茨在1920年代", "1920年代", 1920, "year", "", "decade"),
    ("zh", "移民到欧洲，去年写了一本书", "去年", -1, "year", "relative", "year"),
    ("zh", "根据该调查，有22%的公众", "22%", 22, "percent", "", ""),
    ("zh", "还剩1108小时？", "1108小时", 1108, "count", "", "小时"),
    ("zh", "而欧盟国家只有大约三分之一的居民", "三分之一", 1 / 3, "number", "", "fraction"),
    ("zh", "在报名期限即将结束之际，一支首次参赛", "首次", 1, "ordinal", "", "次"),
    ("zh", "移动电话正在成为二十一世纪一个", "二十一世纪", 21, "ordinal", "", "century"),
    ("zh", "第十章 图", "第十章", 10, "ordinal", "", "章"),
    ("zh", "从图1.1我们可以估计", "1.1", 1.1, "ordinal", "", "label"),
    ("zh", "频谱非常精确地符合温度为2.726K的黑体", "2.726", 2.726, "number", "", ""),
    ("zh", "在1GeV附近", "1", 1, "number", "", ""),
    ("zh", "速度达到115千比特秒", "115千比特", 115, "count", "", "千比特"),
    ("zh", "（一种为五毫克，另一种", "五毫克", 5, "count", "", "毫克"),
    ("zh", "赢了十几两银子", "十几两", 10, "count", "odd", "两"),
    # benchmark texts, English
    ("en", "being beseiged by a crowd of some twenty or thirty noisy", "some twenty or thirty", 20,
     "number", "about", ""),
    ("en", "seeing that this is our first meeting", "first", 1, "ordinal", "", ""),
    ("en", "was followed in rapid succession by eight or nine others", "eight or nine", 8,
     "number", "about", ""),
    ("en", "post there in 1860 on the old", "1860", 1860, "year", "", ""),
    ("en", "loss was approximately $350 million last", "approximately $350 million", 3.5e8,
     "money", "about", "USD"),
    ("en", "anged since July, 1995, when", "July, 1995", 19950700, "date", "", ""),
    ("en", "have to pay $30 a year", "$30", 30, "money", "", "USD"),
    ("en", "filled with 300 new employees", "300", 300, "number", "", ""),
    ("en", "acquired a 25,000-acre ranch", "25,000", 25000, "number", "", ""),
    ("en", "to Jeff on Jan. 12, 1964, when", "Jan. 12, 1964", 19640112, "date", "", ""),
    ("en", "to lend him $400 million.", "$400 million", 4e8, "money", "", "USD"),
    ("en", "at a rate of 2,300% a year", "2,300%", 2300, "percent", "", ""),
    ("en", "On July 4, 1994, Jeff", "July 4, 1994", 19940704, "date", "", ""),
    ("en", "By June 1995 a rudimentary", "June 1995", 19950600, "date", "", ""),
    ("en", "mazon was a $400-a-share company", "$400", 400, "money", "", "USD"),
    ("en", "were worth $10.5 billion.", "$10.5 billion", 1.05e10, "money", "", "USD"),
    ("en", "cashed in less than $25 million worth", "less than $25 million", 2.5e7, "money",
     "under", "USD"),
    ("en", "stocked with 4.4 million yards of ribbon", "4.4 million", 4.4e6, "number", "", ""),
    ("en", "can ship as many as 200,000 pieces", "as many as 200,000", 2e5, "number", "up to",
     ""),
    ("en", "About 60% of orders", "About 60%", 60, "percent", "about", ""),
    ("en", "Some 40 boys and girls", "Some 40", 40, "number", "about", ""),
    ("en", "A person 1.78-m tall", "1.78", 1.78, "number", "", ""),
    ("en", "According to a 1993 report", "1993", 1993, "year", "", ""),
    ("en", "Ministry, around $179 million is spent", "around $179 million", 1.79e8, "money",
     "about", "USD"),
    ("en", "a rigorous 12-week day-care", "12", 12, "number", "", ""),
    ("en", "tall glass of 30%-fat heavy cream", "30%", 30, "percent", "", ""),
    ("en", "to win over twenty taels off them", "over twenty", 20, "number", "over", ""),
    ("en", "numbered more than three hundred souls", "more than three hundred", 300, "number",
     "over", ""),
    ("en", "the remaining one thousand or so hours", "one thousand or so", 1000, "number",
     "about", ""),
    ("en", "between them a dozen or more incidents", "a dozen or more", 12, "number", "over",
     ""),
    ("en", "If we fight a hundred times", "a hundred", 100, "number", "", ""),
    ("en", "ing for the first time or", "first", 1, "ordinal", "", ""),
    ("en", "Dozens of powerful", "Dozens of", 12, "number", "several", ""),
    ("en", "Half a million Chinese are", "Half a million", 5e5, "number", "", ""),
    ("en", "mory in the 1920s, the great", "1920s", 1920, "year", "", "decade"),
    ("en", "October 1997.", "October 1997", 19971000, "date", "", ""),
    ("en", "will be at least 15% more", "at least 15%", 15, "percent", "at least", ""),
    ("en", "This giant 850,000 square-foot warehouse", "850,000", 850000, "number", "", ""),
    ("en", "with dishes fifty meters in diameter", "fifty", 50, "number", "", ""),
    ("en", "hout Europe next year to provide", "next year", 1, "year", "relative", "year"),
    ("en", "Japan's second largest carmaker", "second", 2, "ordinal", "", ""),
    ("en", "way to the fifteenth team", "fifteenth", 15, "ordinal", "", ""),
    ("en", "But almost one-third of people", "almost one-third", 1 / 3, "number", "nearly",
     "fraction"),
    ("en", "nologies of the 21st century.", "21st", 21, "ordinal", "", "century"),
    ("en", "Chapter 10 Graphs", "10", 10, "ordinal", "", "label"),
    ("en", "From fig. 1.1 we", "1.1", 1.1, "ordinal", "", "label"),
    ("en", "(entry fee: about US $12).", "about US $12", 12, "money", "about", "USD"),
    ("en", "'I won a dozen taels,'", "a dozen", 12, "number", "", ""),
    ("en", "teenth- and twentieth-century literature", "twentieth", 20, "ordinal", "", "century"),
]
# fmt: on


@pytest.mark.parametrize(
    ("lang", "snippet", "text", "value", "kind", "qualifier", "unit"),
    FORMS,
    ids=[f"{row[0]}:{row[2]}" for row in FORMS],
)
def test_real_forms(lang, snippet, text, value, kind, qualifier, unit):
    figures = extract_figures(snippet, lang)
    assert [(f.text, f.kind, f.qualifier, f.unit) for f in figures] == [
        (text, kind, qualifier, unit)
    ]
    assert math.isclose(figures[0].value, value, rel_tol=1e-12)
    start = snippet.index(text)
    assert (figures[0].start, figures[0].end) == (start, start + len(text))


def test_forms_are_real():
    """Every snippet stands in the seed page or a benchmark text, word for word."""
    if not BENCH.is_dir():
        pytest.skip("benchmark data not present")
    texts = [SEED.read_text(encoding="utf-8")]
    for corpus in ("mag", "aca", "mac-dev"):
        texts += [p.read_text(encoding="utf-8") for p in (BENCH / corpus).glob("*/*")]
    missing = [snippet for _, snippet, *_ in FORMS if not any(snippet in t for t in texts)]
    assert missing == []
    assert len(FORMS) >= 60


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("zh", "千方百计、多种渠道引进各类人才"),  # idiom
        ("zh", "新一代半导体材料"),  # 一 + measure word: "a"
        ("zh", "三清零全覆盖"),  # a bare numeral is a name, not a figure
        ("zh", "我和王二在山上"),
        ("zh", "这件事十分重要"),
        ("zh", "如需使用，请与010-84883777联系"),  # a phone number
        ("zh", "2024-05-29 12:24"[11:]),  # a clock time
        ("en", "bservations at 7:30 a.m. and conclud"),
        ("zh", "发展5G网络和G20峰会"),
        ("en", "one of the servant girls, no one said"),
        ("en", "May I come in?"),
        ("en", "the COVID-19 pandemic and 5G networks"),
        ("zh", "二三十年代，风沙侵蚀区"),  # (19th century) 1820s-30s: no "twenty or thirty years"
        ("en", "First ascertaining that Wang Xi-feng had not yet left"),  # adverbs, not ordinals
        ("en", "'We were on our way first thing this morning,'"),
        ("en", "First, when you met her, you couldn't get a word out"),
        ("en", "e couldn't decipher more than a word or two, let alone book titles"),
    ],
)
def test_not_figures(lang, text):
    assert extract_figures(text, lang) == []


def test_seed_figures():
    """All figures of the seed page's body and summary, in order."""
    page = SEED.read_text(encoding="utf-8")
    body, summary = page.split("\nInnovation drives growth in Hohhot\n")
    body = body[body.index("新质生产力是") :]
    zh = [(f.text, f.value) for f in extract_figures(body, "zh")]
    assert zh == [
        ("2023年6月", 20230600), ("70%", 70), ("50%", 50), ("30%", 30),
        ("第30位", 30), ("二期", 2), ("5个", 5), ("六大", 6), ("3条", 3), ("2条", 2),
        ("5条", 5), ("100名以上", 100), ("2023年", 2023), ("5.3万人", 53000), ("今年", 0),
        ("五万", 50000), ("六大", 6), ("两个", 2),
    ]  # fmt: skip
    summary = summary[: summary.index("Reporters")]
    en = [f.text for f in extract_figures(summary, "en")]
    assert en == [
        "70 percent", "50 percent", "30 percent", "six", "256 billion yuan", "$36.5 billion",
        "last year", "14 percent", "15th", "last year", "about 100", "53,000", "last year",
        "50,000", "this year", "six", "this year",
    ]  # fmt: skip


@pytest.mark.parametrize(
    ("numeral", "value"),
    [
        ("五万三千", 53000), ("两千", 2000), ("三千五", 3500), ("两万五", 25000),
        ("一万零五", 10005), ("十五", 15), ("一百一十", 110), ("二〇二三", 2023),
        ("一亿二千万", 120000000), ("一万亿", 10**12), ("二万五千六百亿", 256 * 10**10),
        ("百万", 10**6), ("十万零一百", 100100), ("一千零五十", 1050),
        ("七八", None), ("一一", None), ("十百", None), ("万万", None),
    ],
)  # fmt: skip
def test_parse_zh_numeral(numeral, value):
    assert parse_zh_numeral(numeral) == value


@pytest.mark.parametrize(
    ("lang", "text", "low", "high"),
    [
        ("zh", "进来了一个十七八岁的少年", 17, 18), ("zh", "约有一二十个妇人", 10, 20),
        ("zh", "三四百人", 300, 400), ("zh", "七八成新", 70, 80), ("zh", "三二十个孩子", 20, 30),
        ("zh", "又见三两个妇人", 2, 3), ("zh", "没过一两天", 1, 2), ("zh", "两三天后", 2, 3),
        ("en", "followed by eight or nine others", 8, 9), ("en", "5 or 6 percent", 5, 6),
    ],
)  # fmt: skip
def test_approximate_pairs_span_both_values(lang, text, low, high):
    (figure,) = extract_figures(text, lang)
    assert (figure.value, figure.upper, figure.qualifier) == (low, high, "about")


@pytest.mark.parametrize("text", ["实现了“十二五”时期良好开局", "二五仔"])
def test_two_digits_that_are_not_neighbours_make_no_approximate_pair(text):
    assert not any(f.upper is not None for f in extract_figures(text, "zh"))


@pytest.mark.parametrize(
    ("en", "zh", "expected"),
    [
        ("eight or nine", "八九下", True), ("nine", "八九下", True), ("ten", "八九下", False),
        ("a dozen or more", "一二十件", True), ("thirty", "一二十件", False),
        ("four or five", "五六岁", True), ("two or three", "五六岁", False),
    ],
)  # fmt: skip
def test_approximate_pairs_match_what_their_span_meets(en, zh, expected):
    (a,), (b,) = extract_figures(en, "en"), extract_figures(zh, "zh")
    assert numbers_match(a, b) is expected


@pytest.mark.parametrize(
    ("simplified", "traditional"),
    [
        ("乳业总收入超过2560亿元", "乳業總收入超過2560億元"),
        ("首府在2023年增加5.3万人的基础上", "首府在2023年增加5.3萬人的基礎上"),
        ("每年引进高层次人才100名以上", "每年引進高層次人才100名以上"),
        ("创新能力指数上升到全国第30位", "創新能力指數上升到全國第30位"),
        ("约有一二十个妇人", "約有一二十個婦人"),
        ("我进山后两个星期", "我進山後兩個星期"),
        ("也有三百余口人", "也有三百餘口人"),
        ("去年增长了百分之十四", "去年增長了百分之十四"),
    ],
)
def test_traditional_characters_give_the_same_figures(simplified, traditional):
    def read(text: str) -> list[tuple]:
        return [(f.value, f.kind, f.qualifier, f.unit, f.start, f.end)
                for f in extract_figures(text, "zh")]  # fmt: skip

    assert read(traditional) == read(simplified) != []
    assert "萬" in extract_figures("增加5.3萬人", "zh")[0].text  # spans are the page's own


def test_year_ranges():
    figures = extract_figures("skippered by 1997-98 Whitbread Round the World Race", "en")
    assert [(f.text, f.value, f.kind) for f in figures] == [
        ("1997", 1997, "year"),
        ("98", 1998, "year"),
    ]


def test_parse_en_words():
    assert parse_en_words("fifty-three thousand") == 53000
    assert parse_en_words("two hundred fifty-six billion") == 256 * 10**9
    assert parse_en_words("one hundred and five") == 105


def fig(value, kind="number", qualifier="", unit=""):
    return Figure(float(value), kind, "", 0, 0, qualifier, unit)


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        (fig(53000), fig(53000, "count", unit="人"), True),
        (fig(50000), fig(53000, "count"), False),  # not a rounding of each other
        (fig(2.56e11, "money", unit="CNY"), fig(2.5603e11, "money", unit="CNY"), True),
        (fig(2.56e11, "money", unit="CNY"), fig(2.56e11, "money", unit="USD"), False),
        (fig(2.56e11, "money", unit="CNY"), fig(2.56e11), True),
        (fig(100, qualifier="about"), fig(100, "count", "over"), True),
        (fig(100, qualifier="about"), fig(96, "count"), True),
        (fig(50000, qualifier="over"), fig(53000), True),
        (fig(50000, qualifier="over"), fig(47000), False),
        (fig(70, "percent"), fig(70, "number"), False),
        (fig(70, "percent"), fig(71, "percent"), False),
        (fig(15, "ordinal"), fig(30, "ordinal"), False),
        (fig(2023, "year"), fig(20230600, "date"), True),
        (fig(528, "date"), fig(20240528, "date"), True),
        (fig(528, "date"), fig(20240529, "date"), False),
        (fig(70, "year", unit="decade"), fig(1970, "year", unit="decade"), True),
        (fig(0, "year", "relative", "year"), fig(0, "year", "relative", "year"), True),
        (fig(-1, "year", "relative", "year"), fig(2023, "year"), False),  # article year unknown
    ],
)
def test_numbers_match(a, b, expected):
    assert numbers_match(a, b) is expected
    assert numbers_match(b, a) is expected


def test_relative_years_need_the_article_year():
    last_year = fig(-1, "year", "relative", "year")
    assert numbers_match(last_year, fig(2023, "year"), ref_year=2024)
    assert numbers_match(last_year, fig(20230600, "date"), ref_year=2024)
    assert not numbers_match(last_year, fig(2022, "year"), ref_year=2024)


def test_figure_values_leaves_out_relative_dates():
    assert figure_values("首府在2023年增加5.3万人的基础上，今年实施", "zh") == {2023.0, 53000.0}
    assert figure_values("53,000 graduates stayed last year", "en") == {53000.0}


@pytest.mark.parametrize(
    ("value", "zh_mixed", "zh_hanzi", "en_digits", "en_scale", "en_words"),
    [
        (53000, "5.3万", "五万三千", "53,000", "53,000", "fifty-three thousand"),
        (2.56e11, "2560亿", "二千五百六十亿", "256,000,000,000", "256 billion",
         "two hundred fifty-six billion"),
        (100010001, "1.00010001亿", "一亿零一万零一", "100,010,001", "100.010001 million",
         "one hundred million ten thousand one"),
        (15, "15", "十五", "15", "15", "fifteen"),
    ],
)  # fmt: skip
def test_formatters(value, zh_mixed, zh_hanzi, en_digits, en_scale, en_words):
    assert format_zh(value) == zh_mixed
    assert format_zh(value, "hanzi") == zh_hanzi
    assert format_en(value) == en_digits
    assert format_en(value, "scale") == en_scale
    assert format_en(value, "words") == en_words


integers = st.integers(min_value=2, max_value=10**15)
decimals = st.decimals(min_value=0, max_value=10**12, places=2, allow_nan=False).map(float)


def only_value(text: str, lang: str) -> float:
    figures = extract_figures(text, lang)
    assert len(figures) == 1, (text, figures)
    return figures[0].value


@settings(max_examples=150, deadline=None)
@given(value=integers, style=st.sampled_from(["mixed", "digits", "hanzi"]))
def test_zh_integers_round_trip(value, style):
    text = format_zh(value, style)
    assert only_value(f"共有{text}名学生", "zh") == value


@settings(max_examples=150, deadline=None)
@given(value=decimals, style=st.sampled_from(["mixed", "digits"]))
def test_zh_decimals_round_trip(value, style):
    text = format_zh(value, style)
    assert only_value(f"投资{text}元", "zh") == value


@settings(max_examples=150, deadline=None)
@given(value=integers, style=st.sampled_from(["digits", "scale", "words"]))
def test_en_integers_round_trip(value, style):
    text = format_en(value, style)
    assert only_value(f"There were {text} students.", "en") == value


@settings(max_examples=150, deadline=None)
@given(value=decimals, style=st.sampled_from(["digits", "scale"]))
def test_en_decimals_round_trip(value, style):
    text = format_en(value, style)
    assert only_value(f"It cost ${text}.", "en") == value


@settings(max_examples=200, deadline=None)
@given(value=st.integers(min_value=0, max_value=10**15))
def test_hanzi_agrees_with_cn2an(value):
    """cn2an, a maintained converter, writes numerals our parser must read back."""
    cn2an = pytest.importorskip("cn2an")
    assert parse_zh_numeral(cn2an.an2cn(value)) == value
    assert parse_zh_numeral(format_zh(value, "hanzi")) == value
