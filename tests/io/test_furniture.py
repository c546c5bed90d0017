"""Page furniture: what a copied page holds besides its content, by the shape of a line."""

from __future__ import annotations

import pytest

from align.io.furniture import clean_line, is_furniture
from align.io.page import split_page

# Written for these tests, in the shapes real pages take.


@pytest.mark.parametrize(
    "line",
    [
        "首页 | 新闻中心",  # breadcrumbs and menus
        "Home > World > Asia",
        "查看原文",  # widgets
        "阅读原文",
        "Read more",
        "分类",  # category, tag and location labels
        "Category: 双语阅读 (Bilingual Reading)",
        "Tags: economy, trade",
        "当前位置: 首页 > 双语",
        "【本期要点】",  # a bracketed section label alone
        "2. 3H AGO",  # a listing's episode line
        "2小时前",
        "新华社 2023-11-02 09:15",  # datelines
        "2023-11-02",
        "(记者:王明 李华)",  # credits
        "By Zhang Wei",
        "Reporters: Li Na and Chen Jie",
        "图为游客在景区参观。",  # captions, with and without the alt text copied beside them
        "Photo: a tram in the old town",
        "市民参观展览10月5日(市民参观展览)(3)",
    ],
)
def test_furniture(line):
    assert is_furniture(line)


@pytest.mark.parametrize(
    "line",
    [
        "2023年10月1日国务院新闻办公室举行发布会",  # a title that opens with its date
        "2023-10-01 城市举行国庆游园活动 City Holds National Day Fair",
        "More than 1,000 years ago, traders crossed the desert.",
        "纪念活动回顾了100年前的历史。",
        "By 2030, the city will have ten metro lines.",
        "By contrast, the old port stayed quiet.",
        "【特稿】城市更新的十年(2)",  # a numbered title, not a caption
        "Section 3 of the law covers data.",
    ],
)
def test_content_is_not_furniture(line):
    assert not is_furniture(line)


def test_a_line_keeps_its_own_separators_and_loses_only_its_furniture():
    same = lambda text: text  # noqa: E731
    assert clean_line("双语新闻丨城市举行国庆游园活动", same) == "双语新闻丨城市举行国庆游园活动"
    assert clean_line("By Zhang Wei | China News | Updated: 2023-11-02 09:15", same) == ""
    assert clean_line("**Prices rose in May.**", same) == "Prices rose in May."
    assert clean_line("• 第一项任务已经完成。", same) == "第一项任务已经完成。"
    assert clean_line("例句:The harvest was late this year.", same) == (
        "The harvest was late this year."
    )
    assert clean_line("Sackur: Welcome to the programme.", same) == (
        "Sackur: Welcome to the programme."
    )


def test_a_sites_header_above_its_first_episode_line_goes():
    page = split_page(
        "City Radio\n\nYour daily news in ten minutes.\n\n  1. 2H AGO\n\n"
        "新闻丨大桥通车\n\nThe bridge opened on Monday. 大桥周一通车。",
        "page.txt",
    )
    assert [block.text for block in page.en] == ["The bridge opened on Monday."]
    assert [block.text for block in page.zh] == ["新闻丨大桥通车", "大桥周一通车。"]


def test_a_date_that_a_question_mark_cut_off_is_dropped_as_a_sentence():
    page = split_page(
        "本栏目每周更新。\n节目:明年会更好吗?2023-12-20\nWill next year be better? Many hope so.",
        "page.txt",
    )
    assert [s.text for s in page.sentences("zh")] == ["本栏目每周更新。", "节目:明年会更好吗?"]
