"""Names written in characters, read as English writes them: dictionary proper nouns and
pinyin of personal names, and what they make two sentences share."""

from __future__ import annotations

import numpy as np

from align.text.names import english_names, name_phrases
from align.text.shared import shared_evidence

ARTICLE = [
    "外交部发言人汪文斌主持例行记者会。",
    "小彭见到了来自乌兹别克斯坦和菲律宾的外媒记者。",
    "大会在人民大会堂举行。",
    "记者们在新闻中心工作。",
]
LINES = [
    "Reporters from Uzbekistan and the Philippines were there.",
    "The congress was held at the Great Hall of the People.",
    "Spokesperson Wang Wenbin hosted the regular press conference.",
]


def test_dictionary_names_and_pinyin_personal_names():
    assert {"uzbekistan", "philippines"} <= name_phrases(ARTICLE[1])
    assert "buick" not in name_phrases(ARTICLE[1])  # 别克 inside 乌兹别克斯坦
    assert "great hall of the people" in name_phrases(ARTICLE[2])
    assert "wang wenbin" in name_phrases(ARTICLE[0])  # no dictionary entry: read as pinyin
    assert "wang wenbin" in english_names(LINES[2])


def test_names_written_in_characters_link_the_sentences_that_share_them():
    weights = shared_evidence(ARTICLE, "zh", LINES, "en").weights
    assert weights[1, 0] == 2.0  # Uzbekistan and the Philippines, each named once a side
    assert weights[2, 1] >= 1.0  # the Great Hall of the People
    assert weights[0, 2] >= 1.0  # Wang Wenbin
    assert weights[3].sum() == 0.0 and np.count_nonzero(weights[:, 0]) == 1


def test_an_english_article_finds_the_names_of_its_chinese_lines():
    weights = shared_evidence(LINES, "en", ARTICLE, "zh").weights
    assert weights.shape == (3, 4)
    assert weights[0, 1] == 2.0 and weights[2, 0] >= 1.0
