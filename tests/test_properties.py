"""Properties that hold for any input: random Unicode, mixed scripts, any sentence counts.

The aligner (`align_sentences`, both modes) must cover every sentence id with ids in range,
give finite scores and be deterministic. Corpus loading must either give sentences that keep
every character of every line holding a word, with no empty sentence, or refuse with an
InputError that names the file.
"""

from __future__ import annotations

import math
import re
import tempfile
from collections import Counter
from pathlib import Path

import numpy as np
import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from align.config import TranslationParams
from align.embed.encoders import get_encoder
from align.errors import InputError
from align.io.corpus import load_pair
from align.pipeline import align_sentences

# Pieces of mixed-script text: Han, Latin words, digits and figures, Chinese and ASCII
# marks, emoji, other scripts, combining and zero-width characters, odd spaces.
MIXED = [
    *"天地人和我们明天出发下雨经济增长百分之",
    "the ", "city ", "Growth ", "rose ", "U.S. ", "Mr. ", "e.g. ", "5.3", "70%", "$36.5 ",
    *"。，；！？、“”《》…", *".,;!?\"'()-", "😀", "👍🏽", "Ж", "ñ", "é", "ق", "한", "の",
    "\u0301", "\u200b", "\u3000", "\xa0", "\t", " ",
]
mixed_text = st.lists(st.sampled_from(MIXED), max_size=25).map("".join)
any_text = st.text(st.characters(blacklist_categories=("Cs",)), max_size=40)
sentence = st.one_of(mixed_text, any_text)
sentences = st.lists(sentence, max_size=12)


@pytest.fixture(scope="module")
def encoder():
    """One offline encoder for the whole module: the model loads once."""
    return get_encoder()


def as_tuples(units) -> list[tuple]:
    return [(u.zh_ids, u.en_ids, u.score, u.best_ids, u.best_score) for u in units]


def check_units(units, n_zh: int, n_en: int, exactly_once: bool) -> None:
    for side, n in ((0, n_zh), (1, n_en)):
        counts = Counter(i for unit in units for i in (unit.zh_ids, unit.en_ids)[side])
        assert set(counts) == set(range(n)), (side, counts)
        if exactly_once:
            assert all(count == 1 for count in counts.values()), (side, counts)
    for unit in units:
        assert unit.zh_ids or unit.en_ids
        assert math.isfinite(unit.score)
        assert unit.best_score is None or math.isfinite(unit.best_score)
        other = n_en if unit.status == "zh_only" else n_zh
        assert all(0 <= i < other for i in unit.best_ids)
        assert unit.zh_ids == sorted(unit.zh_ids) and unit.en_ids == sorted(unit.en_ids)


@pytest.mark.parametrize("mode", ["translation", "summary"])
@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(zh=sentences, en=sentences)
def test_aligner_covers_every_id_with_finite_scores_deterministically(encoder, mode, zh, en):
    result = align_sentences(zh, en, mode=mode, encoder=encoder)
    assert result.mode == mode
    check_units(result.units, len(zh), len(en), exactly_once=mode == "translation")
    if mode == "translation":  # monotonic but for crossed one-to-one pairs (core.reorder)
        zh_ids = [i for unit in result.units for i in unit.zh_ids]
        en_ids = [j for unit in result.units for j in unit.en_ids]
        assert zh_ids == sorted(zh_ids)
        one_to_one = {u.en_ids[0] for u in result.units if len(u.zh_ids) == len(u.en_ids) == 1}
        reach = TranslationParams().uncross_reach
        for placed, in_order in zip(en_ids, sorted(en_ids)):
            assert placed == in_order or (placed in one_to_one and abs(placed - in_order) <= reach)
    if result.similarity is not None:
        assert result.similarity.shape == (len(zh), len(en))
        assert np.isfinite(result.similarity).all()
    again = align_sentences(zh, en, mode=mode, encoder=encoder)
    assert as_tuples(again.units) == as_tuples(result.units)


@settings(max_examples=15, deadline=None)
@given(zh=sentences, en=sentences)
def test_auto_mode_picks_one_of_the_two(encoder, zh, en):
    result = align_sentences(zh, en, mode="auto", encoder=encoder)
    assert result.mode in ("translation", "summary")
    check_units(result.units, len(zh), len(en), exactly_once=result.mode == "translation")


# --- corpus loading and sentence splitting ---------------------------------------------------

HAS_WORD = re.compile(r"[^\W_]")  # what the splitter counts as a word character
ZH_PIECES = [*"天地人和我们明天出发下雨经济增长百分之" * 3, *"。，；！？、“”…：", "5.3", "70%",
             "GDP", " ", "\u3000", "😀", "《中国日报》", "(完)", "来源:新华网"]
EN_PIECES = ["the ", "city ", "Growth ", "rose ", "U.S. ", "Mr. ", "No. ", "5.3", "70% ",
             *".,;!?\"'-", " ", "\t", "...", "中国", "é", "Editor: ", "Copyright 2024 "]
zh_file = st.lists(st.lists(st.sampled_from(ZH_PIECES), max_size=30).map("".join), max_size=8)
en_file = st.lists(st.lists(st.sampled_from(EN_PIECES), max_size=30).map("".join), max_size=8)
line_end = st.sampled_from(["\n", "\r\n", "\r"])


def kept_text(lines: list[str]) -> str:
    """Every non-space character of the lines that hold a word, in order."""
    return "".join("".join(line.split()) for line in lines if HAS_WORD.search(line))


def lines_of(text: str) -> list[str]:
    """Lines as the reader sees them: a leading UTF-8 BOM dropped, any line end."""
    text = text.removeprefix("\ufeff")
    return text.replace("\r\n", "\n").replace("\r", "\n").split("\n")


@settings(max_examples=150, deadline=None)
@given(zh_lines=zh_file, en_lines=en_file, end=line_end,
       junk=st.lists(st.one_of(any_text, st.sampled_from(MIXED)), max_size=3))
def test_loading_keeps_every_character_or_names_the_file(zh_lines, en_lines, end, junk):
    zh_text = end.join(zh_lines + junk[:1]) + end
    en_text = end.join(en_lines + junk[1:]) + end
    with tempfile.TemporaryDirectory() as folder:
        zh_path, en_path = Path(folder) / "zh.txt", Path(folder) / "en.txt"
        zh_path.write_text(zh_text, encoding="utf-8", newline="")
        en_path.write_text(en_text, encoding="utf-8", newline="")
        try:
            corpus = load_pair(zh_path, en_path)
        except InputError as error:
            event(f"refused: {error.problem.split(';')[0]}")
            assert error.path in (zh_path, en_path)
            assert str(error).startswith(f"{error.path}: ") and "\n" not in str(error)
            return
        presplit = load_pair(zh_path, en_path, presplit=True)
    event("loaded")
    for side, text in ((corpus.zh, zh_text), (corpus.en, en_text)):
        assert side, "a loaded side has at least one sentence"
        assert [s.id for s in side] == list(range(len(side)))
        assert all(s.text and s.text == s.text.strip() and HAS_WORD.search(s.text) for s in side)
        assert "".join("".join(s.text.split()) for s in side) == kept_text(lines_of(text))
    for side, text in ((presplit.zh, zh_text), (presplit.en, en_text)):
        lines = lines_of(text)[:-1]  # the final line end does not open a line
        assert [s.id for s in side] == list(range(len(lines)))
        assert [s.text for s in side] == [" ".join(line.split()) for line in lines]
