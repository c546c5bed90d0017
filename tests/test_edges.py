"""Clause edges: which text is an edge, and what edges do for the translation search."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest

from align.core.translation import TranslationParams
from align.embed.encoders import get_encoder
from align.embed.vectors import embed_edges, embed_sentences
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


def test_only_sentences_with_clauses_are_encoded_again():
    encoder = get_encoder("use")
    texts = ["两人同时跌倒。", "韦小宝扑将过去，便去扭男孩的双臂。"]
    vectors = embed_sentences(encoder, texts, "zh")
    heads, tails = embed_edges(encoder, texts, "zh", vectors)
    np.testing.assert_array_equal(heads[0], vectors[0])
    np.testing.assert_array_equal(tails[0], vectors[0])
    head_alone = embed_sentences(encoder, ["韦小宝扑将过去，"], "zh")[0]
    np.testing.assert_allclose(heads[1], head_alone, atol=1e-5)
    assert float(heads[1] @ vectors[1]) < 0.99


def test_the_accurate_mode_gives_the_search_clause_edges_and_their_words(mac_dev):
    _, data = mac_dev.input("006")
    assert data.edges is not None and data.edges.zh_clauses.any()
    for side in (data.edges.zh, data.edges.en):
        assert side.heads.shape == side.tails.shape and side.word_heads.any()
    assert mac_dev.strict_f1("006", TranslationParams()) > 0.87


@pytest.mark.parametrize(
    ("chapter", "weight"),
    [
        ("006", "edge_weight"),  # clause edges place group boundaries
        ("004", "crossing_weight"),  # crossed clause edges place merged groups
        ("005", "word_crossing_weight"),  # and so do the words that cross a boundary
    ],
)
def test_each_kind_of_boundary_evidence_helps_on_a_literary_chapter(mac_dev, chapter, weight):
    with_it = mac_dev.strict_f1(chapter, TranslationParams())
    without = mac_dev.strict_f1(chapter, replace(TranslationParams(), **{weight: 0.0}))
    assert with_it > without + 0.01
