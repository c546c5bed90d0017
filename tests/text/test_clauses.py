"""Clause edges: which part of a sentence is its opening or its closing edge."""

from __future__ import annotations

import pytest

from align.text.clauses import EDGE_FRACTION, sentence_edges


def test_chinese_edges_are_whole_clauses_of_at_least_a_third():
    text = "韦小宝大怒，翻滚过去，用力抱住了男孩的双腿，使劲拖拉，那男孩站立不住，倒了下来。"
    heads, tails = sentence_edges([text], "zh")
    assert heads == ["韦小宝大怒，翻滚过去，用力抱住了男孩的双腿，"]
    assert tails == ["使劲拖拉，那男孩站立不住，倒了下来。"]
    for edge in heads + tails:
        assert len(edge) >= EDGE_FRACTION * len(text)
        assert edge in text


def test_english_edges_split_after_commas_and_semicolons():
    text = "He came tumbling back, wrapped both arms round the boy's legs; and the boy fell."
    heads, tails = sentence_edges([text], "en")
    assert heads == ["He came tumbling back, wrapped both arms round the boy's legs;"]
    assert tails == ["wrapped both arms round the boy's legs; and the boy fell."]


@pytest.mark.parametrize(
    "lang, text, head",
    [
        ("en", '"Thank you!" says Bezos, and he smiles.', '"Thank you!"'),
        ("en", "Where do they come from? asked the physicist.", "Where do they come from?"),
        ("zh", "“不降！”韦小宝叫道，一面挺腰翻起。", "“不降！”"),
        ("zh", "不能吐！奶奶命令着自己，不能吐啊。", "不能吐！"),
    ],
)
def test_a_question_or_exclamation_inside_a_sentence_ends_a_clause(lang, text, head):
    heads, _ = sentence_edges([text], lang, fraction=0.1)
    assert heads == [head]


@pytest.mark.parametrize(
    "lang, text", [("zh", "两人同时跌倒。"), ("en", "Trinket was furious."), ("en", "")]
)
def test_a_text_of_one_clause_is_its_own_head_and_tail(lang, text):
    assert sentence_edges([text], lang) == ([text], [text])
