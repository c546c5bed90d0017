"""Separating raw bilingual pages: languages, furniture, and the role of each line."""

import re

import pytest

from align.errors import InputError
from align.io.page import split_page
from align.io.scripts import text_lang
from align.text.dictionary import simplified_forms
from align.text.sentences import split_blocks

from ..paths import SEED

FURNITURE = re.compile(
    r"来源|分享|导读|责任编辑|版权|未经|禁止转载|提意见|@|\d{4}-\d{2}-\d{2}|Updated|Copyright"
)


@pytest.fixture(scope="module")
def seed():
    return split_page(SEED.read_text(encoding="utf-8"), SEED)


def kinds(blocks):
    return [(b.kind, b.text) for b in blocks if b.kind != "body"]


def test_seed_chinese_roles(seed):
    marked = kinds(seed.zh)
    assert marked[0] == (
        "title",
        "《中国日报》专访呼和浩特市委副书记、市长贺海东:"
        "创新引领 以新质生产力推进呼和浩特高质量发展",
    )
    assert marked[1][0] == "lead" and marked[1][1].startswith("为深入宣传贯彻习近平生态文明思想")
    assert marked[2] == ("heading", "贺海东:创新引领 以新质生产力推进呼和浩特高质量发展")
    assert marked[3] == ("byline", "内蒙古自治区呼和浩特市委副书记、市长贺海东")
    headings = [text for kind, text in marked if kind == "heading"]
    assert headings[1:] == [
        f"发展新质生产力“{h}”"
        for h in ("有优质条件", "有平台支撑", "有产业引领", "有人才保障", "有要素集成")
    ]
    assert "(记者:袁慧 邹硕)" not in [block.text for block in seed.zh]  # a credit: furniture
    assert seed.zh[4].kind == "body" and seed.zh[4].text.startswith("新质生产力是")


def test_seed_english_roles(seed):
    assert seed.en[0].kind == "title" and seed.en[0].text == "Innovation drives growth in Hohhot"
    assert seed.en[1].kind == "subtitle" and seed.en[1].text.startswith("The city aims")
    assert not any(b.text.startswith("Reporters:") for b in seed.en)  # a credit: furniture
    assert {b.kind for b in seed.en[2:]} == {"body"}
    assert seed.en[2].text.startswith("Hohhot, capital of the Inner Mongolia")


def test_seed_furniture_is_gone(seed):
    for block in seed.zh + seed.en:
        if block.kind == "lead":  # the lead quotes an English headline and a date
            continue
        assert not FURNITURE.search(block.text), block.text
    texts = [b.text for b in seed.zh + seed.en]
    assert all(t.strip() == t and t for t in texts)
    assert not any("版权" in t or "分享" in t or "来源" in t for t in texts)


def test_seed_sentence_counts(seed):
    zh = split_blocks(seed.zh, "zh")
    en = split_blocks(seed.en, "en")
    assert 30 <= len(zh) <= 45
    assert 13 <= len(en) <= 16
    assert [s.id for s in zh] == list(range(len(zh)))
    body = [s for s in zh if s.kind == "body"]
    assert all(s.section for s in body)  # every body sentence stands under a heading
    assert all(5 <= len(s.text) <= 150 for s in zh)


PAGE = """中国加快发展绿色能源
——来自三个城市的报道

2024-06-01 08:30 来源：新华网
【字号 大 中 小】 打印本页
编者按：今年以来，各地加快绿色转型。本报记者走访了三个城市。
一、风电装机再创新高
本报记者 王明
今年一季度，全国风电新增装机1,200万千瓦，同比增长5.3%。专家说：“这是好势头。”
二、光伏产业加快升级
光伏企业加大研发投入。
China speeds up green energy
By WANG MING | China Daily | Updated: 2024-06-01 08:30
Editor's note: Cities are going green.
Wind power capacity rose 5.3 percent in the first quarter. "This is a good trend," an expert said.
Solar companies spend more on research
Contact the writer at wangming@chinadaily.com.cn
（完）
[责任编辑:李四]
Copyright 1995-2024. All rights reserved.
分享到: 微信 微博 QQ空间
Share
"""


def test_other_page_layout():
    page = split_page(PAGE, "page.txt")
    assert kinds(page.zh) == [
        ("title", "中国加快发展绿色能源"),
        ("subtitle", "——来自三个城市的报道"),
        ("lead", "今年以来，各地加快绿色转型。本报记者走访了三个城市。"),
        ("heading", "一、风电装机再创新高"),
        ("heading", "二、光伏产业加快升级"),
    ]
    assert [b.kind for b in page.en] == ["title", "lead", "body", "heading"]
    assert page.en[1].text == "Cities are going green."


def test_interleaved_paragraphs_are_sorted_by_language():
    text = "标题\nA title\n第一段。\nFirst paragraph.\n第二段。\nSecond paragraph."
    page = split_page(text, "p.txt")
    assert [b.text for b in page.zh] == ["标题", "第一段。", "第二段。"]
    assert [b.text for b in page.en] == ["A title", "First paragraph.", "Second paragraph."]


def test_a_paragraph_of_alternating_sentences_is_cut_where_the_language_changes():
    text = (
        "The region has six pillar industrial clusters, he said. "
        "近年来,呼和浩特培育形成“六大产业集群”。乳业正在由“中国乳都”向“世界乳都”迈进。 "
        "\"Dairy leads the way,\" the mayor said. 市长说:“乳业走在前面。”\n"
        "Reporters: Yuan Hui and Zou Shuo"
    )
    page = split_page(text, "p.txt")
    assert [b.text for b in page.zh] == [
        "近年来,呼和浩特培育形成“六大产业集群”。乳业正在由“中国乳都”向“世界乳都”迈进。",
        "市长说:“乳业走在前面。”",
    ]
    assert [b.text for b in page.en][:2] == [
        "The region has six pillar industrial clusters, he said.",
        "\"Dairy leads the way,\" the mayor said.",
    ]


@pytest.mark.parametrize(
    "line",
    [
        "5月28日,栏目刊发专访《Innovation drives growth in Hohhot》(呼和浩特:创新引领)。",
        "The city is called Hohhot (呼和浩特). It means green city.",
        "他说:“OK.”然后离开了会场,回到办公室继续工作。",
    ],
)
def test_a_few_words_of_the_other_script_stay_in_their_line(line):
    page = split_page(line + "\nThe end of the story is near.\n故事快结束了。", "p.txt")
    assert line in [b.text for b in page.zh + page.en]


def test_body_lines_that_look_like_furniture_are_kept():
    text = (
        "标题\n2024年5月29日，市长在会上说，要加快发展。\n记者从市政府获悉，项目已开工。\n"
        "By 2025, the city will double its output.\nBy contrast, the village stayed small."
    )
    page = split_page(text, "p.txt")
    assert [b.kind for b in page.zh] == ["title", "body", "body"]
    assert [b.kind for b in page.en] == ["body", "body"]


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("标题\n第一段。\n来源:新华网", "holds only Chinese text; expected Chinese and English"),
        (
            "A title\nFirst paragraph.\nShare",
            "holds only English text; expected Chinese and English",
        ),
        ("2024-05-29 12:24\n分享\n", "holds no Chinese or English text"),
    ],
)
def test_one_language_missing(text, problem):
    with pytest.raises(InputError) as err:
        split_page(text, "page.txt")
    assert str(err.value) == f"page.txt: {problem}"


@pytest.mark.parametrize(
    ("line", "lang"),
    [
        ("(记者:袁慧 邹硕)", "zh"),
        ("栏目刊发专访《Innovation drives growth in Hohhot》(呼和浩特:创新引领)。", "zh"),
        ("Reporters: Yuan Hui and Zou Shuo", "en"),
        ("The term 新质生产力 means new quality productive forces.", "en"),
        ("2024-05-29 12:24", None),
    ],
)
def test_text_lang(line, lang):
    assert text_lang(line) == lang


def test_body_lines_that_mention_copyright_are_kept():
    text = (
        "加强版权保护。\n群众积极提意见，政府认真听取。\n未经授权不得进入该区域。\n"
        "Copyright law was reformed last year.\nThe court ruled on copyright."
    )
    page = split_page(text, "p.txt")
    assert [b.text for b in page.zh] == text.split("\n")[:3]
    assert [b.text for b in page.en] == text.split("\n")[3:]


def test_a_traditional_page_is_read_as_its_simplified_original(seed):
    """来源, 导读, 记者 ... are written simplified in the rules; 來源, 導讀, 記者 match too."""
    to_traditional = str.maketrans({s: t for t, s in simplified_forms().items()})
    page = split_page(SEED.read_text(encoding="utf-8").translate(to_traditional), SEED)
    assert [(b.kind, len(b.text)) for b in page.zh] == [(b.kind, len(b.text)) for b in seed.zh]
    assert page.zh[1].kind == "lead" and "導" not in page.zh[1].text  # the 導讀 label is gone
    assert page.en == seed.en
