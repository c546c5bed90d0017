"""A whole archive through an engine: what is already done is skipped, the rest goes out
in chunks, and every corpus ends done or failed with its error.

Complete means: its output folder holds run.json (written last, the folder renamed into
place) and, with a dataset, a committed part holds it. A rerun skips those unless
`force`; a corpus that failed is tried again.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Protocol

from ..io.outputs import OUTPUT_MARKER
from ..runner import RunOptions
from .dataset import DONE, committed, new_run_id, prepare
from .inputs import Job
from .task import BatchSettings, Chunk, ChunkReport

__all__ = ["ArchivePlan", "ArchiveTotals", "Engine", "chunk_size_for", "run_archive"]

MAX_CHUNK = 16  # corpora per task: amortises the per-task cost, keeps retries cheap


class Engine(Protocol):
    name: str
    workers: int | None

    @property
    def dashboard(self) -> str | None: ...

    def map(self, chunks: Iterator[Chunk], settings: BatchSettings) -> Iterator[ChunkReport]: ...


@dataclass(frozen=True)
class ArchivePlan:
    """Where the results go and how the corpora are grouped."""

    out_root: Path | None = None  # per-corpus folders under it
    dataset: Path | None = None  # one Parquet dataset
    force: bool = False  # redo corpora already complete
    chunk_size: int | None = None  # None: chunk_size_for(...)
    cache_dir: Path | None = None  # None: each worker's default


@dataclass
class ArchiveTotals:
    total: int  # corpora asked for
    skipped: int = 0  # already complete
    done: int = 0
    failed: int = 0
    sentences: int = 0
    seconds: float = 0.0
    run_id: str = ""


def chunk_size_for(corpora: int, workers: int) -> int:
    """Four chunks per worker at least, so the last ones do not leave workers idle."""
    return max(1, min(MAX_CHUNK, math.ceil(corpora / (max(1, workers) * 4))))


def _complete(jobs: list[Job], plan: ArchivePlan) -> tuple[set[str], dict[str, str]]:
    in_dataset = committed(plan.dataset) if plan.dataset else {}
    complete = set()
    for job in jobs:
        if plan.dataset and in_dataset.get(job.id) != DONE:
            continue
        if plan.out_root and not (plan.out_root / job.id / OUTPUT_MARKER).exists():
            continue
        complete.add(job.id)
    return complete, in_dataset


def run_archive(
    jobs: list[Job], options: RunOptions, engine: Engine, plan: ArchivePlan,
    on_report: Callable[[ChunkReport], None] | None = None,
    on_start: Callable[[ArchiveTotals], None] | None = None,
) -> ArchiveTotals:
    """Align every job not already complete; `on_report` hears of each chunk as it ends."""
    started = time.perf_counter()
    complete, in_dataset = _complete(jobs, plan) if not plan.force else (set(), {})
    pending = [job for job in jobs if job.id not in complete]
    if plan.dataset:
        held = in_dataset or committed(plan.dataset)
        prepare(plan.dataset, {job.id for job in pending if job.id in held})
    totals = ArchiveTotals(total=len(jobs), skipped=len(jobs) - len(pending), run_id=new_run_id())
    if on_start:
        on_start(totals)
    size = plan.chunk_size or chunk_size_for(len(pending), engine.workers or 1)
    chunks = (
        Chunk(number, tuple(pending[start : start + size]))
        for number, start in enumerate(range(0, len(pending), size))
    )
    settings = BatchSettings(
        options=replace(options, encoder=None, progress=None), run_id=totals.run_id,
        out_root=plan.out_root, dataset=plan.dataset, cache_dir=plan.cache_dir,
    )
    if pending:
        for report in engine.map(chunks, settings):
            for corpus in report.corpora:
                totals.failed += bool(corpus.error)
                totals.done += not corpus.error
                totals.sentences += corpus.sentences
            totals.seconds = time.perf_counter() - started
            if on_report:
                on_report(report)
    totals.seconds = time.perf_counter() - started
    return totals
