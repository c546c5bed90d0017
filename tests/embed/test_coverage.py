"""Which parts of linked sentences the other side renders, with the real encoder."""

from __future__ import annotations

import pytest

from align.pipeline import align_sentences

ZH = [
    "国家统计局周一公布，2023年中国国内生产总值增长百分之五点二，"
    "北京当天的一场暴雨导致多条地铁线路停运，数千名乘客滞留车站。",
    "春节期间，全国铁路共发送旅客四千八百万人次。",
    "专家认为，明年经济将继续恢复。",
]
EN = [
    "China's economy grew 5.2 percent in 2023, the National Bureau of Statistics said on Monday.",
    "Railways carried 48 million passengers during the Spring Festival. The old lighthouse "
    "keeper painted his boat bright yellow before the winter storms arrived.",
    "Experts expect the recovery to continue next year.",
]


@pytest.fixture(scope="module", params=["summary", "translation"])
def result(request):
    return align_sentences(ZH, EN, mode=request.param)


def _parts(result, lang: str, sentence: int) -> list[tuple[str, bool]]:
    text = (ZH if lang == "zh" else EN)[sentence]
    return [(text[p.start : p.end], p.covered)
            for p in result.coverage.by_sentence()[(lang, sentence)]]


def test_a_fused_sentence_keeps_the_clauses_its_english_renders(result):
    assert result.coverage.measured
    assert _parts(result, "zh", 0) == [
        ("国家统计局周一公布，", True),
        ("2023年中国国内生产总值增长百分之五点二，", True),
        ("北京当天的一场暴雨导致多条地铁线路停运，", False),
        ("数千名乘客滞留车站。", False),
    ]


def test_an_english_sentence_with_no_source_is_unrendered(result):
    assert _parts(result, "en", 1) == [
        ("Railways carried 48 million passengers during the Spring Festival. ", True),
        ("The old lighthouse keeper painted his boat bright yellow before the winter storms "
         "arrived.", False),
    ]


def test_parts_tile_every_linked_sentence_and_sentences_of_one_part_are_rendered(result):
    by_sentence = result.coverage.by_sentence()
    assert {key for key in by_sentence} == {(lang, k) for lang in ("zh", "en") for k in range(3)}
    for (lang, k), parts in by_sentence.items():
        text = (ZH if lang == "zh" else EN)[k]
        assert parts[0].start == 0 and parts[-1].end == len(text)
        assert all(a.end == b.start for a, b in zip(parts, parts[1:]))
        assert all(0.0 <= p.score <= 1.0 and p.evidence for p in parts)
        if len(parts) == 1:
            assert parts[0].covered


def test_coverage_can_be_left_out():
    result = align_sentences(ZH, EN, mode="summary", coverage=False)
    assert not result.coverage.measured and result.coverage.parts == ()
