"""Quotation state at sentence ends, the evidence a first path gives for it, and its
effect on a real chapter."""

from dataclasses import replace

import numpy as np

from align.config import TranslationParams
from align.core.boundaries import MAX_EVIDENCE, quote_evidence
from align.text.quotes import en_quote_states, zh_quote_states


def test_a_chinese_speech_stays_open_until_its_closing_mark():
    sentences = ["刘老老道：“这倒也不然。", "我们姑娘年轻。", "倒还是我去。”", "说着便走了。",
                 "他说「好」", "「来"]
    assert zh_quote_states(sentences).tolist() == [True, True, False, False, False, True]


def test_an_unbalanced_chinese_mark_misleads_only_until_the_next_one():
    sentences = ["他说：“一。””", "二。", "她道：“三。"]
    assert zh_quote_states(sentences).tolist() == [False, False, True]


def test_english_apostrophes_are_not_quotation_marks():
    sentences = ["It's Grannie Liu's turn.", "The servants' hall was cold.", "Rock 'n' roll."]
    assert en_quote_states(sentences).tolist() == [False, False, False]


def test_an_english_speech_runs_over_sentences():
    sentences = ["'Now where we live may be out in the country.", "But it's close.",
                 "We'll go!' she said.", "He left."]
    assert en_quote_states(sentences).tolist() == [True, True, False, False]


def test_a_double_quote_inside_a_single_quoted_speech_leaves_it_open():
    sentences = ["'You know what they say: \"A prince's door is like the deep sea.\"",
                 "What am I to them?'"]
    assert en_quote_states(sentences).tolist() == [True, False]


def test_curly_quotes_open_and_close_by_their_shape():
    sentences = ["“Go and look,” she said, “then come back.", "Quickly.”", "‘Yes.’"]
    assert en_quote_states(sentences).tolist() == [True, False, False]


def _one_to_one(n: int) -> list[tuple[list[int], list[int]]]:
    return [([i], [i]) for i in range(n)]


def test_a_path_whose_boundaries_follow_the_speeches_weighs_them():
    rng = np.random.default_rng(0)
    states = rng.random(200) < 0.4  # speeches start and stop at random
    price, bonus = quote_evidence(_one_to_one(200), states, states)
    assert 0 < price <= MAX_EVIDENCE and bonus > 0


def test_texts_without_quotation_marks_give_no_evidence():
    none = np.zeros(100, dtype=bool)
    assert quote_evidence(_one_to_one(100), none, none) == (0.0, 0.0)
    speeches = np.arange(100) % 3 == 0  # one side marks speeches, the other has no marks
    assert quote_evidence(_one_to_one(100), speeches, none) == (0.0, 0.0)


def test_a_path_across_the_speeches_gives_no_evidence():
    rng = np.random.default_rng(1)
    zh, en = rng.random(200) < 0.4, rng.random(200) < 0.4  # unrelated
    price, _ = quote_evidence(_one_to_one(200), zh, en)
    assert price < 0.3  # against 1.6-3 in the dialogue chapters of mac-dev


def test_quotation_evidence_places_boundaries_better_in_a_dialogue_chapter(mac_dev):
    with_quotes = mac_dev.strict_f1("003", TranslationParams())
    without = mac_dev.strict_f1("003", replace(TranslationParams(), quote_weight=0.0))
    assert with_quotes > without + 0.02
