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
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from itertools import islice
from types import TracebackType

from ..errors import AlignError
from .task import BatchSettings, Chunk, ChunkReport, run_chunk, start_worker

__all__ = ["LocalEngine"]

IN_FLIGHT_PER_WORKER = 2  # one running, one waiting: no worker idles between chunks
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
        """Each chunk's report, in the order they finish."""
        if self.workers == 1:
            for chunk in chunks:
                yield run_chunk(chunk, settings)
            return
        pool = self._pool_for(settings.options.model)
        source = iter(chunks)
        in_flight: set[Future] = {
            pool.submit(_run_local_chunk, chunk, settings)
            for chunk in islice(source, self.workers * IN_FLIGHT_PER_WORKER)
        }
        try:
            while in_flight:
                done, in_flight = wait(in_flight, return_when=FIRST_COMPLETED)
                for future in done:
                    for chunk in islice(source, 1):
                        in_flight.add(pool.submit(_run_local_chunk, chunk, settings))
                    yield future.result()
        except BrokenProcessPool:
            raise AlignError(
                "a worker process died (out of memory?); what was complete is kept and a "
                "rerun resumes from it (--engine dask replaces dead workers and retries)"
            ) from None
        finally:
            for future in in_flight:
                future.cancel()
