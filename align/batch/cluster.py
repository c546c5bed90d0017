"""The Dask engine: the same chunks on a `dask.distributed` cluster, a LocalCluster of
worker processes on this machine or an existing cluster joined by its address.

A worker plugin loads the model once per worker process, also in a worker that replaces
one that died. Chunks go out in a bounded window refilled as they finish, so a manifest
of a million corpora never makes a million futures; each task writes its own results and
returns a small report, which the client drops once read. A task whose worker dies is
rescheduled by Dask (and one that raises is retried); a chunk whose workers keep dying
(`distributed.scheduler.allowed-failures`) is run again a corpus at a time, so that only
the corpus that kills them is reported as failed, and the rest go on.
The worker processes of a LocalCluster started here leave Ctrl-C to the client, which
cancels the chunks and closes the cluster, and print warnings (a damaged cache set aside)
as the client does, on the same terminal; those of a cluster joined by address are left
as their owner set them up.
"""

from __future__ import annotations

import logging
import signal
import threading
import warnings
from collections.abc import Callable, Iterable, Iterator
from itertools import islice
from types import TracebackType

from distributed import Client, LocalCluster, WorkerPlugin, as_completed
from distributed.client import Future

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

__all__ = ["DaskEngine", "EncoderPlugin", "LocalWorkerPlugin"]

IN_FLIGHT_PER_THREAD = 3  # enough queued per worker thread to hide the round trip
RETRIES = 2  # a task that raises (a full disk, a flaky share) runs again
# What a LocalCluster started here changes of Dask's defaults for its workers (costs
# measured in BENCHMARKS.md): the nannies' fixed malloc trim threshold also stops glibc
# from raising its mmap threshold, so every array of a few hundred KB the alignment
# makes is mapped and unmapped anew (a sixth of a worker's time went to the kernel);
# and the profiler's sampling of every task's stack costs about 4% of the alignment (the
# dashboard's other pages stay).
_LOCAL_CLUSTER_SETTINGS = {
    "distributed.nanny.pre-spawn-environ.MALLOC_TRIM_THRESHOLD_": None,
    "distributed.worker.profile.enabled": False,
}


class EncoderPlugin(WorkerPlugin):
    """Loads the encoder when a worker starts, once per worker process."""

    name = "align-encoder"

    def __init__(self, model: str) -> None:
        self.model = model

    def setup(self, worker: object) -> None:
        start_worker(self.model)


class LocalWorkerPlugin(WorkerPlugin):
    """For the workers of a LocalCluster this client started, which share its terminal:
    Ctrl-C signals them too, and their own KeyboardInterrupt would print tracebacks as
    they die, so the client handles it instead; and a warning comes out in the client's
    format (the command line's one line) rather than Python's two."""

    name = "align-local-worker"

    def __init__(self, formatwarning: Callable[..., str]) -> None:
        self.formatwarning = formatwarning

    def setup(self, worker: object) -> None:
        if threading.current_thread() is threading.main_thread():
            signal.signal(signal.SIGINT, signal.SIG_IGN)
        warnings.formatwarning = self.formatwarning


class DaskEngine:
    """Chunks on Dask: `scheduler` is an existing cluster's address; None starts a
    LocalCluster of `workers` single-threaded worker processes."""

    name = "dask"

    def __init__(
        self, scheduler: str | None = None, workers: int | None = None,
        dashboard_address: str | None = ":8787", client: Client | None = None,
    ) -> None:
        self.scheduler = scheduler
        self.workers = workers
        self.dashboard_address = dashboard_address
        self.client = client
        self._own_client = client is None
        self._cluster: LocalCluster | None = None
        self._models: set[str] = set()

    @property
    def dashboard(self) -> str | None:
        return self.client.dashboard_link if self.client is not None else None

    def __enter__(self) -> DaskEngine:
        if self.client is not None:
            return self
        if self.scheduler:
            try:
                self.client = Client(self.scheduler, timeout="30s")
            except OSError as exc:
                raise AlignError(
                    f"--scheduler {self.scheduler}: cannot reach a Dask scheduler ({exc})"
                ) from None
        else:
            import os

            import dask

            with dask.config.set(_LOCAL_CLUSTER_SETTINGS):
                self._cluster = LocalCluster(
                    n_workers=max(1, self.workers or os.cpu_count() or 1), threads_per_worker=1,
                    processes=True, dashboard_address=self.dashboard_address,
                    silence_logs=logging.ERROR,
                )
            self.client = Client(self._cluster)
            self.client.register_plugin(LocalWorkerPlugin(warnings.formatwarning))
        self.workers = self._threads()
        return self

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        if self._own_client and self.client is not None:
            self.client.close()
            self.client = None
        if self._cluster is not None:
            self._cluster.close()
            self._cluster = None

    def _threads(self) -> int:
        """Worker threads now in the cluster (waits for a first worker)."""
        self.client.wait_for_workers(1, timeout=300)
        return max(1, sum(self.client.nthreads().values()))

    def _load(self, model: str) -> None:
        if model in self._models:
            return
        try:
            self.client.register_plugin(EncoderPlugin(model), name=f"align-encoder-{model}")
        except AlignError:
            raise
        except Exception as exc:
            raise AlignError(f"--model {model}: the workers could not load it ({exc})") from None
        self._models.add(model)

    def map(self, chunks: Iterable[Chunk], settings: BatchSettings) -> Iterator[ChunkReport]:
        """Each chunk's report, in the order they finish."""
        self._load(settings.options.model)
        window = self._threads() * IN_FLIGHT_PER_THREAD
        source = iter(chunks)
        in_flight: dict[Future, Chunk] = {}

        def submit(chunk: Chunk) -> Future:
            future = self.client.submit(
                run_chunk, chunk, settings, key=f"align-{settings.run_id}-{chunk.name}",
                retries=RETRIES, pure=False,
            )
            in_flight[future] = chunk
            return future

        finished = as_completed([submit(chunk) for chunk in islice(source, window)])
        try:
            for future in finished:
                chunk = in_flight.pop(future)
                for following in islice(source, 1):
                    finished.add(submit(following))
                report = self._report(future, chunk, settings)
                future.release()
                if report is None:  # its workers kept dying: find the corpus that kills them
                    for piece in chunk.pieces():
                        finished.add(submit(piece))
                    continue
                yield report
        finally:
            if in_flight and self.client is not None:
                self.client.cancel(list(in_flight))

    @staticmethod
    def _report(future: Future, chunk: Chunk, settings: BatchSettings) -> ChunkReport | None:
        """The chunk's report; None for a chunk of several corpora whose workers kept
        dying, to be run again a corpus at a time."""
        from distributed import KilledWorker

        try:
            return future.result()
        except KilledWorker:
            if len(chunk.jobs) > 1:
                return None
            return failed_chunk(chunk, settings, WORKER_DIED)
