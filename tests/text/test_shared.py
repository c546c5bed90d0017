"""What a pair of sentences shares: distinctive figures and Latin-letter names."""

from __future__ import annotations

import numpy as np

from align.text.shared import shared_evidence, shared_items

ARTICLE = [
    "今年有2500多名中外记者报名采访,其中750名来自外国媒体。",
    "记者们在新闻中心工作。",
    "英国广播公司BBC的记者也来到现场。",
    "会议共有3个议程。",
]
LINES = [
    "Of the 2,500 journalists, 750 represent foreign media.",
    "A BBC reporter was there.",
    "The meeting has 3 items on its agenda.",
]


def test_a_distinctive_figure_is_shared_by_value_and_a_small_count_is_not():
    assert ("figure", 2500.0) in shared_items(ARTICLE[0], "zh")
    assert ("figure", 2500.0) in shared_items(LINES[0], "en")
    assert not any(kind == "figure" for kind, _ in shared_items(ARTICLE[3], "zh"))


def test_each_shared_item_weighs_one_over_the_pairs_that_share_it():
    weights = shared_evidence(ARTICLE, "zh", LINES, "en").weights
    assert weights.shape == (4, 3)
    assert weights[0, 0] == 2.0  # 2,500 and 750, each stated once on each side
    assert weights[2, 1] == 1.0  # the name BBC
    assert weights[3, 2] == 0.0  # "3 items" is no distinctive figure
    assert np.count_nonzero(weights) == 2


def test_a_name_every_line_repeats_points_at_no_pair():
    lines = ["BBC said so.", "BBC said more.", "BBC said nothing else."]
    weights = shared_evidence(ARTICLE, "zh", lines, "en").weights
    assert np.allclose(weights[2], 1 / 3)


def test_an_english_article_shares_only_the_names_a_chinese_line_writes():
    weights = shared_evidence(LINES, "en", ARTICLE, "zh").weights
    assert weights.shape == (3, 4)
    assert weights[1, 2] == 1.0  # BBC, written in the Chinese line
    assert weights[0, 0] == 2.0
    assert weights[2].sum() == 0.0  # "meeting", "agenda": no Chinese line writes them


def test_a_line_whose_figures_the_article_never_states_is_unsourced():
    lines = [
        "The city ranked 15th in computing capacity.",  # no rank in the article
        "About 2,500 reporters came.",  # the article's 2500多名, rounded
        "It was the first thing they saw.",  # "first" is a word here, not a fact
        "Reporters worked in the press centre.",  # no figures at all
    ]
    unsourced = shared_evidence(ARTICLE, "zh", lines, "en").unsourced
    assert unsourced.tolist() == [True, False, False, False]
