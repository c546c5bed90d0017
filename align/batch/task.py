"""The unit of work of a batch: align a chunk of corpora in a worker and write their
results there, so that the client only ever holds a small report per chunk.

The same function runs in a local process pool and on Dask workers. Each worker process
loads the model once (`worker_encoder`); a corpus that fails is recorded with its
one-line error and the chunk goes on.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field, replace
from pathlib import Path

from ..config import default_cache_dir
from ..embed.encoders import get_worker_encoder
from ..embed.protocol import Encoder
from ..errors import AlignError
from ..runner import RunOptions, align_corpus, check_out_dir, write_output_folder
from .dataset import ChunkRows, part_name, write_part
from .inputs import Job

__all__ = [
    "BatchSettings",
    "Chunk",
    "ChunkReport",
    "CorpusReport",
    "WORKER_DIED",
    "failed_chunk",
    "record_failure",
    "run_chunk",
    "start_worker",
    "worker_encoder",
    "write_chunk_part",
]


@dataclass(frozen=True)
class Chunk:
    """Corpora that go to a worker together (one task), numbered within the run. A chunk
    whose workers kept dying is run again in pieces, one corpus each, so that only the
    corpus that kills them fails."""

    number: int
    jobs: tuple[Job, ...]
    piece: int = -1  # the corpus's place in its chunk, for a piece; -1 for a whole chunk

    @property
    def name(self) -> str:
        """Unique within the run: its task's key and its dataset part are named by it."""
        whole = f"{self.number:06d}"
        return whole if self.piece < 0 else f"{whole}.{self.piece:04d}"

    def pieces(self) -> list[Chunk]:
        return [Chunk(self.number, (job,), k) for k, job in enumerate(self.jobs)]


@dataclass(frozen=True)
class BatchSettings:
    """What every task of a run shares; small, sent with each task."""

    options: RunOptions  # without an encoder or a progress callback
    run_id: str
    out_root: Path | None = None  # per-corpus folders under it, or none
    dataset: Path | None = None  # the Parquet dataset, or none
    cache_dir: Path | None = None  # None: each worker's own default (ALIGN_CACHE_DIR)


@dataclass
class CorpusReport:
    id: str
    sentences: int = 0  # Chinese + English
    line: str = ""  # RunSummary.line() when done
    error: str = ""  # one line when failed


@dataclass
class ChunkReport:
    number: int
    corpora: list[CorpusReport] = field(default_factory=list)


_encoders: dict[str, Encoder] = {}


def worker_encoder(model: str) -> Encoder:
    """This process's encoder for `model`, loaded once, on one BLAS thread (the workers
    give the parallelism); a model that cannot load is an AlignError."""
    if model not in _encoders:
        encoder = get_worker_encoder(model)
        encoder.encode(["warm up"])  # models load on first use: load it now
        _encoders[model] = encoder
    return _encoders[model]


def start_worker(model: str) -> None:
    """Load the model when the worker starts rather than in its first task. A model that
    cannot load fails the first task instead, whose error reaches the client."""
    try:
        worker_encoder(model)
    except AlignError:
        pass


def _one_line(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    return f"{type(exc).__name__}: {text[0] if text else ''}".rstrip(": ")


def run_chunk(chunk: Chunk, settings: BatchSettings) -> ChunkReport:
    """Align every corpus of the chunk; write its folders and its dataset part."""
    options = replace(
        settings.options, encoder=worker_encoder(settings.options.model), progress=None,
        cache_dir=settings.cache_dir or default_cache_dir(),
    )
    report, rows = ChunkReport(chunk.number), ChunkRows()
    for job in chunk.jobs:
        started = time.perf_counter()
        try:
            corpus = job.load(options.presplit)
            out_dir = settings.out_root / job.id if settings.out_root else None
            if out_dir is not None:
                check_out_dir(out_dir, corpus.path, options.force)
            chosen = replace(options, mode=job.mode) if job.mode else options
            summary, tables = align_corpus(corpus, chosen, out_dir, started)
            if out_dir is not None:
                write_output_folder(out_dir, tables)
        except AlignError as exc:
            error = str(exc)
        except Exception as exc:  # a bug on one text must not stop an archive: record it
            error = f"{job.source}: {_one_line(exc)}"
        else:
            rows.add(job.id, job.source, tables)
            report.corpora.append(CorpusReport(
                job.id, summary.zh_sentences + summary.en_sentences, summary.line(),
            ))
            continue
        record_failure(rows, report, job, error)
    write_chunk_part(chunk, settings, rows)
    return report


WORKER_DIED = "its worker process died on every attempt (out of memory?)"


def failed_chunk(chunk: Chunk, settings: BatchSettings, error: str) -> ChunkReport:
    """Record a chunk that never finished (its worker died), as the task would have
    recorded its failures."""
    rows, report = ChunkRows(), ChunkReport(chunk.number)
    for job in chunk.jobs:
        record_failure(rows, report, job, f"{job.source}: {error}")
    write_chunk_part(chunk, settings, rows)
    return report


def record_failure(rows: ChunkRows, report: ChunkReport, job: Job, error: str) -> None:
    """A corpus that failed, in the chunk's dataset rows and in its report."""
    rows.add_failure(job.id, job.source, error)
    report.corpora.append(CorpusReport(job.id, error=error))


def write_chunk_part(chunk: Chunk, settings: BatchSettings, rows: ChunkRows) -> None:
    """The chunk's part of the dataset, where the run writes one."""
    if settings.dataset is not None:
        write_part(settings.dataset, settings.run_id, part_name(settings.run_id, chunk.name), rows)
