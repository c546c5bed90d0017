"""The vectors of clause edges: only sentences of several clauses are encoded again."""

from __future__ import annotations

import numpy as np

from align.embed.encoders import get_encoder
from align.embed.vectors import embed_edges, embed_sentences, embed_texts
from align.text.lexicon import Lexicon


def test_only_sentences_with_clauses_are_encoded_again():
    encoder = get_encoder("use")
    texts = ["两人同时跌倒。", "韦小宝扑将过去，便去扭男孩的双臂。"]
    vectors = embed_sentences(encoder, texts, "zh")
    heads, tails = embed_edges(encoder, texts, "zh", vectors)
    np.testing.assert_array_equal(heads[0], vectors[0])
    np.testing.assert_array_equal(tails[0], vectors[0])
    head_alone = embed_sentences(encoder, ["韦小宝扑将过去，"], "zh")[0]
    np.testing.assert_allclose(heads[1], head_alone, atol=1e-5)
    assert float(heads[1] @ vectors[1]) < 0.99


def test_texts_from_the_composing_pass_are_their_sentence_vectors():
    texts = ["国家统计局周一公布，", "2023年国内生产总值增长百分之五点二，", "国家统计局周一公布，"]
    lexicon = Lexicon.fit(texts, ["China's economy grew 5.2 percent in 2023."])
    encoder = get_encoder("use")
    assert encoder.composes_runs
    composed = embed_texts(encoder, texts, "zh", lexicon)
    np.testing.assert_allclose(composed, embed_sentences(encoder, texts, "zh", lexicon), atol=1e-5)
    assert (composed[0] == composed[2]).all()  # a repeated text gets the same vector
