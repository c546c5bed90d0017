"""Quotation state at sentence ends, in Chinese and English marks."""

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
