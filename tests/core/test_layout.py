"""Which blocks a page sets side by side: read from real page layouts."""

import numpy as np
import pytest

from align.core.layout import facing, lead_sizes, stretch_past_lead
from align.io.corpus import load_page
from align.records import NO_LAYOUT, PageLayout
from align.text.sentences import split_text

from ..paths import SEED

ALTERNATING = """\
北京今天举行了开幕式。来自一百个国家的代表出席了会议。
The opening ceremony was held in Beijing today. Delegates from 100 countries attended.
会议将持续五天。
The meeting will last five days.
主办方表示,明年的会议将在上海举行。
"""


def test_an_alternating_page_sets_each_english_block_beside_its_chinese_neighbours(tmp_path):
    page = tmp_path / "page.txt"
    page.write_text(ALTERNATING, encoding="utf-8")
    corpus = load_page(page)
    assert [s.place for s in corpus.zh] == [0, 0, 2, 4]
    assert [s.place for s in corpus.en] == [1, 1, 3]
    beside = facing(corpus.layout, len(corpus.zh), len(corpus.en))
    # English block 1 faces Chinese blocks 0 and 2; English block 3 faces 2 and 4
    np.testing.assert_array_equal(beside, [[1, 1, 0], [1, 1, 0], [1, 1, 1], [0, 0, 1]])


def test_a_page_of_two_stretches_says_nothing(tmp_path):
    zh = "".join(split_text(ALTERNATING.splitlines()[0], "zh"))
    page = tmp_path / "page.txt"
    page.write_text(f"{zh}\n会议将持续五天。\n\nThe meeting opened.\nIt lasts five days.\n",
                    encoding="utf-8")  # fmt: skip
    corpus = load_page(page)
    assert not facing(corpus.layout, len(corpus.zh), len(corpus.en)).any()


def test_the_seed_and_two_files_have_no_facing_blocks():
    seed = load_page(SEED)
    assert not facing(seed.layout, len(seed.zh), len(seed.en)).any()
    assert not facing(NO_LAYOUT, 3, 2).any()


@pytest.mark.parametrize("zh_places", [(0, 2), (0, 2, 4, 6)])
def test_places_that_do_not_fit_the_sentences_are_ignored(zh_places):
    layout = PageLayout(zh_places, (1, 3, 5))
    assert not facing(layout, 3, 3).any()


def test_the_stretch_past_a_one_language_lead_is_found_where_the_rest_alternates(tmp_path):
    page = tmp_path / "page.txt"
    lead = "本文介绍会议的背景。会议由多个机构共同主办。\n\n主办方已经筹备了一年。\n\n"
    page.write_text(lead + ALTERNATING.replace("\n", "\n\n"), encoding="utf-8")
    corpus = load_page(page)
    assert [s.place for s in corpus.zh] == [0, 0, 1, 2, 2, 4, 6]
    zh_ids, en_ids = stretch_past_lead(corpus.layout, len(corpus.zh), len(corpus.en))
    # blocks 0-2 are all Chinese: the lead; the rest alternates from English block 3 on
    assert (zh_ids, en_ids) == ([5, 6], [0, 1, 2])
    # places that are not those of the sentences given say nothing
    assert stretch_past_lead(corpus.layout, len(corpus.zh) - 1, len(corpus.en)) == ([], [])
    # the lead's last block may face the stretch's first one: it is not counted as lead
    assert lead_sizes(corpus.layout, len(corpus.zh), len(corpus.en)) == (3, 0)


def test_no_stretch_where_the_rest_does_not_alternate_or_is_too_short():
    assert stretch_past_lead(PageLayout((0, 1, 3, 4), (2, 5)), 4, 2) == ([], [])
    assert stretch_past_lead(PageLayout((0, 1, 3), (2, 4)), 3, 2) == ([], [])
    assert stretch_past_lead(NO_LAYOUT, 0, 0) == ([], [])
    assert lead_sizes(PageLayout((0, 1, 3, 4), (2, 5)), 4, 2) == (0, 0)
    assert lead_sizes(PageLayout((3, 5), (0, 0, 1, 2, 4, 6)), 2, 6) == (0, 3)
