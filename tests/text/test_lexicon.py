"""Dictionary-word signatures: stems, glosses, signatures, and what they do for summaries."""

from __future__ import annotations

import os
from dataclasses import replace

import numpy as np
import pytest

from align.bench.evaluate import evaluate
from align.bench.texts import discover_texts, load_text
from align.config import Direction, Groups, SummaryParams
from align.core.similarity import normalize_rows
from align.embed.encoders import get_encoder
from align.embed.features import summary_features
from align.embed.vectors import edge_words, embed_sentences
from align.pipeline import summary_units
from align.records import NO_LAYOUT
from align.text.clauses import edge_spans
from align.text.lexicon import Lexicon, chinese_bag, english_stems, gloss_stems, segment_chinese

from ..paths import BENCH


def test_english_stems_drop_function_words_and_endings():
    assert english_stems("The industries were running quickly") == ["industri", "run", "quick"]


def test_chinese_words_are_found_by_longest_match_and_glossed():
    assert segment_chinese("产业集群发展很快。") == ["产业集群", "发展", "很", "快", "。"]
    assert {"industri", "cluster"} <= gloss_stems("产业集群")
    assert "furious" in gloss_stems("大怒")
    assert gloss_stems("。") == frozenset()
    assert set(chinese_bag("经济增长")) == {"econom", "growth"}  # one dictionary word
    assert {"econom", "grow", "increas"} <= set(chinese_bag("经济在增长"))


def test_chinese_bags_keep_only_stems_the_english_side_uses():
    lexicon = Lexicon.fit(["经济在增长。"], ["The economic situation is growing."])
    assert "increas" in gloss_stems("增长")
    assert set(lexicon.bag("经济在增长。", "zh")) == {"econom", "grow"}


ZH = ["今年全市经济增长了百分之五。", "学校明天放假一天。", "这家工厂生产汽车。"]
EN = ["The school is closed tomorrow.", "The city's economy grew this year.", "Cars are made here."]


def test_a_sentence_is_nearest_its_translation_by_words_alone():
    lexicon = Lexicon.fit(ZH, EN)
    zh = normalize_rows(lexicon.signatures(ZH, "zh"))
    en = normalize_rows(lexicon.signatures(EN, "en"))
    assert list((zh @ en.T).argmax(axis=1)) == [1, 0, 2]


def test_the_signature_of_a_run_is_the_sum_of_its_sentences():
    lexicon = Lexicon.fit(ZH, EN)
    rows = lexicon.signatures(EN, "en")
    joined = lexicon.signatures([" ".join(EN[:2])], "en")[0]
    np.testing.assert_allclose(joined, rows[0] + rows[1], atol=1e-5)


def test_text_without_known_words_gets_a_zero_signature():
    lexicon = Lexicon.fit(ZH, EN)
    assert not lexicon.signatures(["", "??"], "en").any()
    assert not lexicon.signatures(["韦小宝"], "zh").any()


def test_vectors_carry_the_signature_only_when_a_lexicon_is_given():
    encoder = get_encoder("use")
    plain = embed_sentences(encoder, EN, "en")
    with_words = embed_sentences(encoder, EN, "en", Lexicon.fit(ZH, EN))
    assert with_words.shape[1] == plain.shape[1] + 512
    np.testing.assert_allclose(np.linalg.norm(with_words, axis=1), 1.0, atol=1e-5)


def _summary_scores(text, lexicon):
    data, _ = summary_features(
        text.zh, text.en, get_encoder("use"), Groups.ACCURATE, Direction.ZH_TO_EN,
        NO_LAYOUT, False, lexicon,
    )
    units, _ = summary_units(data, SummaryParams(english_only_test=False))
    groups = [(u.zh_ids, u.en_ids) for u in units]
    return evaluate(groups, text.gold, len(text.zh), len(text.en))


@pytest.mark.skipif(not (BENCH / "summary-dev").exists(), reason="benchmark data not present")
def test_dictionary_words_find_the_sources_of_a_literary_summary():
    spec = next(s for s in discover_texts(BENCH / "summary-dev") if s.name.endswith("mac-dev-003"))
    text = load_text(spec)
    lexicon = Lexicon.fit(text.zh, text.en)
    with_words = _summary_scores(text, lexicon)
    without = _summary_scores(text, replace(lexicon, weight=0.0))
    assert with_words.links.f1 > without.links.f1 + 0.05
    assert with_words.en_only.f1 > without.en_only.f1


def test_clause_words_of_each_sentence_edge():
    zh = ["两人同时跌倒。", "韦小宝大怒，便去扭男孩的双臂。"]
    en = ["Both fell down.", "Trinket was furious, and he seized the boy by both arms."]
    lexicon = Lexicon.fit(zh, en)
    (zh_heads, zh_tails), (en_heads, en_tails) = (
        edge_words(lexicon, zh, "zh", edge_spans(zh, "zh")),
        edge_words(lexicon, en, "en", edge_spans(en, "en")),
    )
    for rows in (zh_heads, zh_tails, en_heads, en_tails):
        norms = np.linalg.norm(rows, axis=1)
        assert np.all((np.abs(norms - 1) < 1e-5) | (norms == 0))
    np.testing.assert_array_equal(zh_heads[0], zh_tails[0])  # one clause: both edges
    # 大怒 ~ furious opens the second pair, 双臂 ~ arms closes it
    assert zh_heads[1] @ en_heads[1] > zh_heads[1] @ en_tails[1]
    assert zh_tails[1] @ en_tails[1] > zh_tails[1] @ en_heads[1]


@pytest.mark.skipif(not (BENCH / "aca").exists(), reason="benchmark data not present")
def test_signatures_do_not_depend_on_the_hash_seed():
    """A book-length text, where three glosses of a sentence share a hashed slot: their
    float32 sum must be added in one order whatever the seed that orders sets."""
    import subprocess
    import sys

    code = (
        "import sys; from pathlib import Path; from align.text.lexicon import Lexicon; "
        "zh, en = (Path(p).read_text(encoding='utf-8').splitlines() for p in sys.argv[1:]); "
        "sys.stdout.buffer.write(Lexicon.fit(zh, en).signatures(zh, 'zh').tobytes())"
    )
    texts = [str(BENCH / "aca" / side / "001") for side in ("tgt", "src")]
    runs = {
        seed: subprocess.run(
            [sys.executable, "-c", code, *texts], capture_output=True, check=True,
            env={**os.environ, "PYTHONHASHSEED": seed},
        ).stdout
        for seed in ("1", "2", "3")
    }
    assert runs["1"] == runs["2"] == runs["3"]
