"""Aligning many corpora at once: a process pool with one model load per worker.

A corpus that fails is reported with its error and does not stop the others.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass, replace
from pathlib import Path

from .embed.encoders import get_encoder
from .errors import AlignError
from .pipeline import RunOptions, RunSummary, run_corpus


@dataclass
class Outcome:
    corpus: Path
    summary: RunSummary | None = None
    error: str = ""


_worker_options: RunOptions | None = None


def _start_worker(options: RunOptions) -> None:
    """Each worker loads the model once, on one BLAS thread (the pool gives the parallelism)."""
    global _worker_options
    encoder = get_encoder(options.model)
    encoder.use_threads(1)
    _worker_options = replace(options, encoder=encoder, progress=None)


def _run_one(corpus: Path, out_dir: Path) -> Outcome:
    try:
        return Outcome(corpus, run_corpus(corpus, out_dir, _worker_options))
    except AlignError as exc:
        return Outcome(corpus, error=str(exc))


def run_many(
    jobs: list[tuple[Path, Path]], options: RunOptions, workers: int | None = None
) -> Iterator[Outcome]:
    """Align each (corpus, out_dir) pair; yields outcomes as they finish."""
    workers = max(1, min(workers or os.cpu_count() or 1, len(jobs)))
    if workers == 1:
        encoder = options.encoder or get_encoder(options.model)
        single = replace(options, encoder=encoder)
        for corpus, out_dir in jobs:
            try:
                yield Outcome(corpus, run_corpus(corpus, out_dir, single))
            except AlignError as exc:
                yield Outcome(corpus, error=str(exc))
        return
    with ProcessPoolExecutor(workers, initializer=_start_worker, initargs=(options,)) as pool:
        futures = [pool.submit(_run_one, corpus, out_dir) for corpus, out_dir in jobs]
        for future in as_completed(futures):
            yield future.result()
