"""Parts of a sentence: clauses with offsets that tile the sentence as written."""

from __future__ import annotations

import pytest

from align.text.parts import PART_MIN_CHARS, split_parts


def _texts(text: str, lang: str) -> list[str]:
    return [text[a:b] for a, b in split_parts(text, lang)]


def test_chinese_parts_end_at_clause_marks_and_short_ones_join_the_next():
    text = (
        "后来她哈哈大笑了一阵说，她简直见不得我身上那个东西，恬不知耻，见了它，"
        "她就不禁怒从心起。"
    )
    assert _texts(text, "zh") == [
        "后来她哈哈大笑了一阵说，",
        "她简直见不得我身上那个东西，",
        "恬不知耻，见了它，她就不禁怒从心起。",  # 恬不知耻, 见了它: too short alone
    ]


def test_chinese_enumeration_comma_does_not_cut():
    text = "北京、上海、广州和深圳的房价都在上涨，涨幅超过百分之十。"
    assert _texts(text, "zh") == ["北京、上海、广州和深圳的房价都在上涨，", "涨幅超过百分之十。"]


def test_english_parts_are_sentences_and_semicolon_clauses():
    text = (
        "The moment I had the cigarette finished, she embraced me. At first there was "
        'moonlight; then the moon set. "Yes." I don\'t need you to teach me, either.'
    )
    assert _texts(text, "en") == [
        "The moment I had the cigarette finished, she embraced me. ",
        "At first there was moonlight; ",
        'then the moon set. "Yes." ',  # "Yes." is too short alone
        "I don't need you to teach me, either.",
    ]


@pytest.mark.parametrize(
    "text, lang",
    [
        ("“不降！”他说。", "zh"),
        ("他说：好。", "zh"),
        ("Yes.", "en"),
        ("", "en"),
        ("据新华社报道，2023年中国GDP增长5.2%；其中，第三产业贡献最大。  ", "zh"),
        ("Mr. Smith went to Washington. He stayed; it rained: nobody came.", "en"),
    ],
)
def test_parts_tile_the_sentence_and_none_is_too_short(text: str, lang: str):
    spans = split_parts(text, lang)
    assert spans[0][0] == 0 and spans[-1][1] == len(text)
    assert all(a[1] == b[0] for a, b in zip(spans, spans[1:]))
    if len(spans) > 1:
        for a, b in spans:
            assert sum(c.isalnum() for c in text[a:b]) >= PART_MIN_CHARS[lang]


def test_unknown_language_is_refused():
    with pytest.raises(ValueError):
        split_parts("text", "fr")
