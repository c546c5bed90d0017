"""An on-disk embedding cache keyed by model and sentence text.

A re-run of the same corpus (or a corpus sharing sentences) does not re-embed.
SQLite from the standard library keeps it one file; WAL mode and a busy timeout let
many processes (a process pool, Dask workers on one machine) read and write it at once.
A damaged file (a crash mid-write on a bad disk, a truncated copy) is only a cache: it
is set aside with a warning and rebuilt, rather than ending every run with a traceback.
"""

from __future__ import annotations

import hashlib
import sqlite3
import time
import warnings
from collections.abc import Callable, Iterable
from contextlib import closing
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

import numpy as np

from ..config import default_cache_dir
from .protocol import EncoderWrapper

__all__ = [
    "CACHE_FILE",
    "CacheDamagedWarning",
    "CachedEncoder",
    "text_key",
]

CACHE_FILE = "embeddings.sqlite"
BUSY_TIMEOUT_S = 120  # a writer holds the lock for one INSERT batch: a fraction of a second
BUSY_PAUSE_S = 0.05  # between tries where SQLite answers "locked" without waiting
_BUSY, _LOCKED = 5, 6  # SQLite's primary result codes for a lock held elsewhere
_CORRUPT, _NOTADB = 11, 26  # SQLite's primary result codes for a damaged file

T = TypeVar("T")


class CacheDamagedWarning(UserWarning):
    """The embedding cache file was damaged, set aside and rebuilt."""


def text_key(model: str, text: str) -> bytes:
    return hashlib.blake2b(f"{model}\x00{text}".encode(), digest_size=16).digest()


def _is_damage(exc: sqlite3.DatabaseError) -> bool:
    """A damaged file, not a busy or unwritable one (those are OperationalErrors)."""
    code = getattr(exc, "sqlite_errorcode", None)  # Python 3.11+
    if code is not None:
        return code & 0xFF in (_CORRUPT, _NOTADB)
    return not isinstance(exc, sqlite3.OperationalError)


def _is_busy(exc: sqlite3.DatabaseError) -> bool:
    """A lock another connection holds. SQLite answers at once, without the busy timeout,
    where waiting could deadlock: switching a new file to WAL while another process
    creates its table, say."""
    code = getattr(exc, "sqlite_errorcode", None)  # Python 3.11+
    if code is not None:
        return code & 0xFF in (_BUSY, _LOCKED)
    return isinstance(exc, sqlite3.OperationalError) and "locked" in str(exc)


def _set_aside(path: Path, exc: Exception) -> None:
    """Rename a damaged cache (and its WAL files) out of the way; another process may
    have done it already."""
    aside = path.with_name(f"{path.name}.damaged-{time.strftime('%Y%m%d-%H%M%S')}")
    try:
        path.rename(aside)
    except FileNotFoundError:
        return
    for suffix in ("-wal", "-shm"):
        path.with_name(path.name + suffix).unlink(missing_ok=True)
    warnings.warn(
        f"{path}: embedding cache is damaged ({exc}); moved to {aside.name} and rebuilt",
        CacheDamagedWarning,
        stacklevel=4,
    )


@dataclass
class CachedEncoder(EncoderWrapper):
    """Wraps an encoder; looks sentences up in the cache and encodes only the missing ones
    (in one call: wrap a `ReportingEncoder` to see them go). What an encoder composes in
    one pass (runs, spans) passes through uncached: it costs about one pass."""

    cache_dir: Path = field(default_factory=default_cache_dir)
    hits: int = 0
    misses: int = 0

    def __post_init__(self) -> None:
        """Open the file once at the start, so that a damaged one is set aside and
        rebuilt even by a run whose vectors all pass through uncached (USE composes the
        sentences, their runs and their parts in one pass)."""
        self._guarded(lambda db: db.execute("SELECT 1 FROM vectors LIMIT 1").fetchall())

    @property
    def path(self) -> Path:
        return self.cache_dir / CACHE_FILE

    def _connect(self) -> sqlite3.Connection:
        self.cache_dir.mkdir(parents=True, exist_ok=True)
        db = sqlite3.connect(self.path, timeout=BUSY_TIMEOUT_S)
        try:
            db.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_S * 1000}")
            db.execute("PRAGMA journal_mode = WAL")
            db.execute("CREATE TABLE IF NOT EXISTS vectors (key BLOB PRIMARY KEY, vec BLOB)")
        except BaseException:
            db.close()
            raise
        return db

    def _guarded(self, work: Callable[[sqlite3.Connection], T]) -> T:
        """Run `work` (a read, or an idempotent write) on a connection; a lock held
        elsewhere is waited out, and a damaged file is set aside and `work` runs again on
        a fresh one."""
        deadline, set_aside = time.monotonic() + BUSY_TIMEOUT_S, False
        while True:
            try:
                with closing(self._connect()) as db, db:
                    return work(db)
            except sqlite3.DatabaseError as exc:
                if _is_busy(exc) and time.monotonic() < deadline:
                    time.sleep(BUSY_PAUSE_S)
                    continue
                if set_aside or not _is_damage(exc):
                    raise
                _set_aside(self.path, exc)
                set_aside = True

    def _lookup(self, keys: list[bytes]) -> dict[bytes, np.ndarray]:
        def read(db: sqlite3.Connection) -> dict[bytes, np.ndarray]:
            found: dict[bytes, np.ndarray] = {}
            for start in range(0, len(keys), 500):
                chunk = keys[start : start + 500]
                marks = ",".join("?" * len(chunk))
                rows = db.execute(f"SELECT key, vec FROM vectors WHERE key IN ({marks})", chunk)
                for key, blob in rows:
                    found[key] = np.frombuffer(blob, dtype=np.float32)
            return found

        return self._guarded(read)

    def _store(self, rows: Iterable[tuple[bytes, np.ndarray]]) -> None:
        cells = [(key, np.asarray(vec, dtype=np.float32).tobytes()) for key, vec in rows]
        self._guarded(lambda db: db.executemany("INSERT OR REPLACE INTO vectors VALUES (?, ?)",
                                                cells))

    def encode(self, texts: list[str]) -> np.ndarray:
        keys = [text_key(self.cache_name, text) for text in texts]
        found = self._lookup(keys)
        first_missing: dict[bytes, int] = {}
        for i, key in enumerate(keys):
            if key not in found:
                first_missing.setdefault(key, i)
        order = list(first_missing.values())
        self.hits += len(texts) - sum(1 for key in keys if key not in found)
        self.misses += len(order)
        if order:
            vectors = self.encoder.encode([texts[i] for i in order])
            new_rows = list(zip((keys[i] for i in order), vectors))
            self._store(new_rows)
            found.update(new_rows)
        if not texts:
            return self.encoder.encode([])
        return np.vstack([found[key] for key in keys]).astype(np.float32)
