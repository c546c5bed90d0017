"""Which language a line is in, and where a line that holds both languages is cut."""

from __future__ import annotations

import pytest

from align.io.scripts import language_runs, text_lang

# Written for these tests, in the shapes real bilingual pages take.


@pytest.mark.parametrize(
    ("line", "runs"),
    [
        # a bilingual title with its date
        ("2023-10-01 城市举行国庆游园活动 City Holds National Day Fair",
         [("zh", "2023-10-01 城市举行国庆游园活动"), ("en", "City Holds National Day Fair")]),
        # a Chinese sentence glued before an English paragraph
        ("市长说明年将再建三座公园 The mayor said three more parks will open next year.",
         [("zh", "市长说明年将再建三座公园"),
          ("en", "The mayor said three more parks will open next year.")]),
        # a heading pair and a paragraph inside one long line; 2022 stays with its English
        ("二、2022年工作回顾 II. Review of Work in 2022 过去一年经济平稳增长。",
         [("zh", "二、2022年工作回顾"), ("en", "II. Review of Work in 2022"),
          ("zh", "过去一年经济平稳增长。")]),
        # sentence by sentence, with and without a space after the stop
        ("The bridge opened on Monday. 大桥周一通车。 It links two islands.两座岛由此相连。",
         [("en", "The bridge opened on Monday."), ("zh", "大桥周一通车。"),
          ("en", "It links two islands."), ("zh", "两座岛由此相连。")]),
        # a vocabulary entry: the headword, then its Chinese gloss
        ("3. harvest [ˈhɑːvɪst] n. 收获;收成(四级词汇)",
         [("en", "3. harvest [ˈhɑːvɪst] n."), ("zh", "收获;收成(四级词汇)")]),
    ],
)
def test_a_line_of_both_languages_is_cut_where_the_script_changes(line, runs):
    assert language_runs(line) == runs


@pytest.mark.parametrize(
    ("line", "lang"),
    [
        ("他在会上介绍了Smart City计划的进展。", "zh"),  # a name stays in its sentence
        ("该节目名为 Science Today,每周播出一次。", "zh"),
        ("专访《Building a Better Future Together》(共建美好未来)刊发后引起关注。", "zh"),
        ("The plan marks a quantum leap***巨大进步*** for the region.", "en"),  # a gloss
        ("Please stay calm『镇定』 and breathe slowly.", "en"),
        ("Effective Public Speaking( 高效演讲)", "en"),  # a title with its Chinese gloss
    ],
)
def test_glosses_names_and_bracketed_titles_stay_in_their_sentence(line, lang):
    assert language_runs(line) == [(lang, line)]
    assert text_lang(line) == lang


def test_text_without_letters_has_no_language():
    assert text_lang("2024-05-29 12:24") is None
    assert language_runs("---") == []
