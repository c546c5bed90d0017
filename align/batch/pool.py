"""The local engine: chunks in a process pool on this machine (today's `align run`).

At most a few chunks per worker are submitted at a time, so an archive of any size
holds only that many futures and their small reports. Ctrl-C reaches the workers too (the
terminal signals the whole process group): a busy one unwinds its chunk, so that nothing
it was writing stays half-written, and ends without a traceback, as does an idle one.
"""

from __future__ import annotations

import os
import signal
import threading
import time
import warnings
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from itertools import islice
from types import TracebackType

from ..errors import AlignError
from .task import (
    WORKER_DIED,
    BatchSettings,
    Chunk,
    ChunkReport,
    failed_chunk,
    run_chunk,
    start_worker,
)

__all__ = ["LocalEngine"]

IN_FLIGHT_PER_WORKER = 2  # one running, one waiting: no worker idles between chunks
RETRIES = 1  # a corpus whose worker dies alone once more than this is recorded as failed
DEATHS_IN_A_ROW = 8  # workers that die alone this often with no chunk done between: stop
INTERRUPTED = 130  # a worker's exit code after Ctrl-C, as a shell's

_busy = False  # this worker process is running a chunk


def _watch_parent(parent: int) -> None:
    while os.getppid() == parent:
        time.sleep(1.0)
    os._exit(1)  # the client died (killed): stop rather than align for no one


def _on_interrupt(signum: int, frame: object) -> None:
    """Ctrl-C in a worker: unwind a running chunk (its staging files are removed on the
    way out), or end at once when idle; the client reports the interruption."""
    if _busy:
        raise KeyboardInterrupt
    os._exit(INTERRUPTED)


def _start_local_worker(model: str, formatwarning: Callable[..., str]) -> None:
    """Load the model, stop quietly on Ctrl-C, format warnings as the client does (on
    the same terminal), and end this worker when the client that started it dies."""
    signal.signal(signal.SIGINT, _on_interrupt)
    warnings.formatwarning = formatwarning
    threading.Thread(target=_watch_parent, args=(os.getppid(),), daemon=True).start()
    start_worker(model)


def _run_local_chunk(chunk: Chunk, settings: BatchSettings) -> ChunkReport:
    """`run_chunk` in a pool worker; after Ctrl-C the worker ends rather than take the
    next chunk queued for it."""
    global _busy
    _busy = True
    try:
        return run_chunk(chunk, settings)
    except KeyboardInterrupt:
        os._exit(INTERRUPTED)
    finally:
        _busy = False


class LocalEngine:
    """A process pool with one model load per worker; one worker runs in this process."""

    name = "local"
    dashboard: str | None = None

    def __init__(self, workers: int | None = None) -> None:
        self.workers = max(1, workers or os.cpu_count() or 1)
        self._pool: ProcessPoolExecutor | None = None
        self._model: str | None = None
        self.running_alone: Chunk | None = None  # a chunk run again alone after a death
        self._deaths_in_a_row = 0

    def __enter__(self) -> LocalEngine:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=kind is None, cancel_futures=True)
            self._pool = None

    def _pool_for(self, model: str) -> ProcessPoolExecutor:
        if self._pool is None or self._model != model:
            if self._pool is not None:
                self._pool.shutdown()
            self._pool = ProcessPoolExecutor(
                self.workers, initializer=_start_local_worker,
                initargs=(model, warnings.formatwarning),
            )
            self._model = model
        return self._pool

    def map(self, chunks: Iterable[Chunk], settings: BatchSettings) -> Iterator[ChunkReport]:
        """Each chunk's report, in the order they finish.

        A worker that dies breaks the whole pool, and every chunk in flight with it: a new
        pool runs those chunks again one at a time, so that the one that kills its worker
        is known. That one is run again in pieces, a corpus each, and a corpus whose
        worker dies alone `RETRIES` + 1 times is recorded as failed; then the run goes on
        in parallel.
        """
        if self.workers == 1:
            for chunk in chunks:
                yield run_chunk(chunk, settings)
            return
        model, source = settings.options.model, iter(chunks)
        suspects: deque[tuple[Chunk, int]] = deque()  # with the deaths each has had alone
        in_flight: dict[Future, Chunk] = {}
        try:
            while True:
                if suspects:
                    chunk, deaths = suspects.popleft()
                    report = self._alone(chunk, settings)
                    if report is not None:
                        yield report
                    elif len(chunk.jobs) > 1:
                        suspects.extendleft((piece, 0) for piece in reversed(chunk.pieces()))
                    elif deaths < RETRIES:
                        suspects.appendleft((chunk, deaths + 1))
                    else:
                        yield failed_chunk(chunk, settings, WORKER_DIED)
                    continue
                pool = self._pool_for(model)
                window = self.workers * IN_FLIGHT_PER_WORKER - len(in_flight)
                for chunk in islice(source, max(window, 0)):
                    in_flight[pool.submit(_run_local_chunk, chunk, settings)] = chunk
                if not in_flight:
                    return
                done, _ = wait(in_flight, return_when=FIRST_COMPLETED)
                for future in done:
                    chunk = in_flight.pop(future)
                    if isinstance(future.exception(), BrokenProcessPool):
                        suspects.append((chunk, 0))
                    else:
                        yield future.result()
                if suspects:  # the pool broke: what it held finished or runs again
                    for future, chunk in list(in_flight.items()):
                        wait([future])
                        if future.exception() is None:
                            yield future.result()
                        else:
                            suspects.append((chunk, 0))
                    in_flight.clear()
                    self._discard_pool()
        finally:
            for future in in_flight:
                future.cancel()

    def _alone(self, chunk: Chunk, settings: BatchSettings) -> ChunkReport | None:
        """The chunk's report, run with nothing else in flight; None if its worker died."""
        self.running_alone = chunk
        try:
            future = self._pool_for(settings.options.model).submit(
                _run_local_chunk, chunk, settings
            )
            wait([future])
            if isinstance(future.exception(), BrokenProcessPool):
                self._discard_pool()
                self._deaths_in_a_row += 1
                if self._deaths_in_a_row >= DEATHS_IN_A_ROW:
                    raise AlignError(
                        "worker processes keep dying (out of memory?); what was complete is "
                        "kept and a rerun resumes from it"
                    )
                return None
            self._deaths_in_a_row = 0
            return future.result()
        finally:
            self.running_alone = None

    def _discard_pool(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None
