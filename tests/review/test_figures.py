"""Figures check on the seed page, with its alignment written by hand."""

from __future__ import annotations

import csv
import re

import pytest

from align.io.outputs import FIGURE_COLUMNS, OutputTables, write_outputs
from align.records import FigureCheck, Sentence, Unit
from align.review.figures import (
    COINCIDENCE,
    ELSEWHERE,
    check_figures,
    find_article_year,
    summarize,
)

from ..paths import SEED


def seed_sentences() -> tuple[list[str], list[str]]:
    """The page's Chinese lines cut after 。！？ (page furniture kept) and its English lines."""
    page = SEED.read_text(encoding="utf-8")
    zh_part, en_part = page.split("\nInnovation drives growth in Hohhot\n")
    en_part = "Innovation drives growth in Hohhot\n" + en_part[: en_part.index("(记者")]
    zh = [s for line in zh_part.splitlines() for s in re.findall(r"[^。！？]+[。！？”]*", line)]
    zh = [s.strip() for s in zh if s.strip()]
    en = [line.strip() for line in en_part.splitlines() if line.strip()]
    return zh, en


# Which Chinese sentence each English sentence of the summary renders, read off the page.
# None: the Chinese article does not say it.
HAND_ALIGNMENT = [
    ("Innovation drives growth in Hohhot", "《中国日报》专访"),
    ("The city aims to foster high-tech industries", None),
    ("Hohhot, capital of the Inner Mongolia", "呼和浩特作为内蒙古自治区首府"),
    ("In an exclusive interview with China Daily", "我市集聚了全区70%"),
    ("The region has six pillar industrial clusters", "培育形成“六大产业集群”"),
    ("According to the local government work report", None),  # dairy revenue: not in the article
    ("The city also ranked 15th", None),  # computing capacity, green computing conference
    ('"Industrial development in Hohhot', "重点布局人工智能"),
    ("He said the city has made efforts to introduce", "每年引进高层次人才100名以上"),
    ("Meanwhile, 53,000 college graduates", "在2023年增加5.3万人"),
    ("He said the city will offer high-quality jobs", None),  # youth communities: not there
    ("Meanwhile, the city has established funds", "金融服务方面"),
    ("It has built a market-oriented", "营商环境方面"),
    ("He said the city will also accelerate", "对外开放方面"),
    ("Reporters:", None),
]


def hand_units(zh: list[str], en: list[str]) -> list[Unit]:
    def only(texts: list[str], key: str | None) -> list[int]:
        ids = [i for i, text in enumerate(texts) if key and key in text]
        assert len(ids) <= 1, (key, ids)
        return ids

    units, linked = [], set()
    for en_key, zh_key in HAND_ALIGNMENT:
        zh_ids = only(zh, zh_key)  # the page title is not among the body sentences
        units.append(Unit(zh_ids, only(en, en_key), 1.0 if zh_ids else 0.0))
        linked.update(zh_ids)
    units += [Unit([i], [], 0.0) for i in range(len(zh)) if i not in linked]
    return units


# Every figure of the English summary, with the class a careful reader gives it.
EXPECTED = [
    ("70 percent", "matched", "70%"),
    ("50 percent", "matched", "50%"),
    ("30 percent", "matched", "30%"),
    ("six", "matched", "六大"),
    ("256 billion yuan", "unsourced", ""),  # the article gives no dairy revenue
    ("$36.5 billion", "unsourced", ""),
    ("last year", "unsourced", ""),
    ("14 percent", "unsourced", ""),
    ("15th", "unsourced", ""),  # the article ranks innovation capacity 30th, not computing
    ("last year", "unsourced", ""),
    ("about 100", "matched", "100名以上"),
    ("53,000", "matched", "5.3万人"),
    ("last year", "matched", "2023年"),  # the article is of 2024
    ("50,000", "matched", "五万"),  # "50,000 more": 再留“五万大学生”
    ("this year", "matched", "今年"),
    ("six", "matched", "六大"),  # the "六大产业集群" guidance fund
    ("this year", "unsourced", ""),  # freight trains: no time given in the article
]


def test_seed_figures_with_dateline():
    zh, en = seed_sentences()
    assert find_article_year(zh) == 2024  # 来源:中国日报网 2024-05-29 12:24
    checks = check_figures(zh, en, hand_units(zh, en))
    english = [c for c in checks if c.status != "omitted"]
    assert [(c.en_text, c.status, c.zh_text) for c in english] == EXPECTED
    last_year = next(c for c in english if c.zh_text == "2023年")
    assert (last_year.en_value, last_year.zh_value, last_year.note) == (2023, 2023, "")
    assert all(c.zh_id in c.zh_ids for c in english if c.status == "matched")
    omitted = {c.zh_text: c.note for c in checks if c.status == "omitted"}
    assert omitted == {
        "2024-05-29": "sentence not aligned",
        "二十大": "sentence not aligned",
        "5月28日": "sentence not aligned",
        "2023年6月": "sentence not aligned",
        "第30位": "sentence not aligned",
        "二期": "sentence not aligned",
        "5个": "sentence not aligned",
        "3条": "sentence not aligned",
        "2条": "sentence not aligned",
        "5条": "sentence not aligned",
        "两个": "sentence aligned",  # 沙良、铁通两个国际陆港: the summary drops them
    }
    assert summarize(checks) == "figures: 10 matched, 0 differ, 7 unsourced, 12 omitted"


def test_seed_figures_without_dateline():
    """Body sentences only: "last year" is read against the one year its source states."""
    zh, en = seed_sentences()
    body = zh[zh.index(next(s for s in zh if s.startswith("新质生产力是"))) :]
    assert find_article_year(body) is None
    checks = check_figures(body, en, hand_units(body, en))
    english = [c for c in checks if c.status != "omitted"]
    assert [(c.en_text, c.status, c.zh_text) for c in english] == EXPECTED
    last_year = next(c for c in english if c.zh_text == "2023年")
    assert last_year.en_value == 2023
    assert "taken as 2023" in last_year.note and "2024" in last_year.note


def test_explicit_article_year_wins():
    zh, en = seed_sentences()
    checks = check_figures(zh, en, hand_units(zh, en), article_year=2025)
    last_year = next(c for c in checks if c.en_id == 9 and c.en_text == "last year")
    assert (last_year.status, last_year.zh_text) == ("differs", "2023年")
    assert last_year.en_value == 2024


def test_differs_and_elsewhere():
    zh = ["全市常住人口5.3万人。", "今年新增企业300家。", "全年增长百分之七十。"]
    en = ["The city has 35,000 residents.", "It added 300 firms this year."]
    units = [Unit([0], [0], 0.9), Unit([2], [1], 0.5), Unit([1], [], 0.0)]
    checks = check_figures(zh, en, units)
    rows = [(c.en_text, c.status, c.zh_text, c.zh_id, c.note) for c in checks]
    assert rows == [
        ("35,000", "differs", "5.3万人", 0, ""),
        ("300", "matched", "300家", 1, ELSEWHERE),
        ("this year", "unsourced", "", None, "relative date; the article's year is unknown"),
        ("", "omitted", "今年", 1, "sentence not aligned"),
        ("", "omitted", "百分之七十", 2, "sentence aligned"),
    ]
    assert checks[3].en_text == "" and checks[3].en_id is None


def test_small_figures_prefer_differs_to_a_match_elsewhere():
    zh = ["创新能力指数上升到全国第30位。", "培育形成“六大产业集群”。", "推进5个创新中心建设。"]
    en = ["It has six pillar industrial clusters.", "It is building seven innovation centres."]
    units = [Unit([0], [0], 0.2), Unit([2], [1], 0.5), Unit([1], [], 0.0)]
    rows = [(c.en_text, c.status, c.zh_text, c.note) for c in check_figures(zh, en, units)]
    assert rows[:2] == [
        ("six", "matched", "六大", ELSEWHERE + COINCIDENCE),  # the aligner missed 六大
        ("seven", "differs", "5个", ""),
    ]


def test_approximate_pairs_match_what_their_span_meets():
    zh = ["接着一连又是八九下。", "一天也有一二十件事。", "五六岁的孩子，听见带了他进城逛去。"]
    en = ["The dong! was followed by eight or nine others.",
          "They produced a dozen or more incidents in a single day.",
          "Any little boy of three or four."]  # fmt: skip
    units = [Unit([0], [0], 0.3), Unit([1], [1], 0.3), Unit([2], [2], 0.3)]
    rows = [(c.en_text, c.status, c.zh_text) for c in check_figures(zh, en, units)]
    assert rows == [
        ("eight or nine", "matched", "八九下"),  # not "nine" left over, differing from 八九
        ("a dozen or more", "matched", "一二十件"),  # 12 and up meets ten to twenty
        ("three or four", "differs", "五六岁"),
    ]


def test_en_only_figures_are_unsourced_with_a_pointer():
    zh = ["每年引进高层次人才100名以上。"]
    en = ["About 100 experts arrive every year."]
    checks = check_figures(zh, en, [Unit([], [0], 0.0), Unit([0], [], 0.0)])
    assert checks[0].status == "unsourced"
    assert checks[0].note == "the sentence has no Chinese source; the same value stands in zh 0"
    assert checks[1].status == "omitted"


def test_money_needs_the_same_currency():
    zh = ["乳业总收入超过2560亿元。"]
    en = ["Dairy revenue exceeded 256 billion yuan ($36.5 billion)."]
    checks = check_figures(zh, en, [Unit([0], [0], 0.9)])
    assert [(c.en_text, c.status) for c in checks] == [
        ("256 billion yuan", "matched"),
        ("$36.5 billion", "unsourced"),
    ]


def test_figures_tsv_round_trip(tmp_path):
    zh, en = seed_sentences()
    units = hand_units(zh, en)
    checks = check_figures(zh, en, units)
    sentences = [[Sentence(i, text) for i, text in enumerate(side)] for side in (zh, en)]
    write_outputs(tmp_path, OutputTables.of_run(*sentences, units, None, checks, {}))
    with open(tmp_path / "figures.tsv", encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t"))
    assert tuple(rows[0]) == FIGURE_COLUMNS
    assert len(rows) == len(checks)
    fifty = next(r for r in rows if r["en_text"] == "53,000")
    assert fifty == {
        "en_id": "9", "zh_ids": str(fifty["zh_ids"]), "en_text": "53,000", "en_value": "53000",
        "kind": "number", "zh_text": "5.3万人", "zh_value": "53000", "zh_id": fifty["zh_ids"],
        "status": "matched", "note": "",
    }  # fmt: skip
    money = next(r for r in rows if r["en_text"] == "256 billion yuan")
    assert (money["en_value"], money["zh_ids"]) == ("256000000000", "")
    assert money["status"] == "unsourced"
    omitted = next(r for r in rows if r["status"] == "omitted")
    assert omitted["en_id"] == "" and omitted["en_value"] == ""


def test_summary_counts_every_class():
    checks = [
        FigureCheck(0, [0], "5", 5.0, "number", "5", 5.0, 0, status)
        for status in ["matched"] * 9 + ["unsourced"] * 3
    ]
    assert summarize(checks) == "figures: 9 matched, 0 differ, 3 unsourced, 0 omitted"


@pytest.mark.parametrize(
    ("texts", "year"),
    [
        (["来源:中国日报网    2024-05-29 12:24"], 2024),
        (["2023年6月习近平总书记在考察时说"], None),  # no day: not a dateline
        (["2019年10月1日，庆祝大会在北京举行。"], 2019),
        ([], None),
    ],
)
def test_find_article_year(texts, year):
    assert find_article_year(texts) == year
