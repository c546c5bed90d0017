"""An on-disk embedding cache keyed by model and sentence text.

A re-run of the same corpus (or a corpus sharing sentences) does not re-embed.
SQLite from the standard library keeps it one file, safe across processes.
"""

from __future__ import annotations

import hashlib
import sqlite3
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from ..config import default_cache_dir
from .protocol import EncoderWrapper

__all__ = [
    "CachedEncoder",
    "text_key",
]


def text_key(model: str, text: str) -> bytes:
    return hashlib.blake2b(f"{model}\x00{text}".encode(), digest_size=16).digest()


@dataclass
class CachedEncoder(EncoderWrapper):
    """Wraps an encoder; looks sentences up in the cache and encodes only the missing ones
    (in one call: wrap a `ReportingEncoder` to see them go). Run vectors pass through
    uncached: they cost about one pass."""

    cache_dir: Path = field(default_factory=default_cache_dir)
    hits: int = 0
    misses: int = 0

    def _connect(self) -> sqlite3.Connection:
        self.cache_dir.mkdir(parents=True, exist_ok=True)
        db = sqlite3.connect(self.cache_dir / "embeddings.sqlite", timeout=60)
        db.execute("CREATE TABLE IF NOT EXISTS vectors (key BLOB PRIMARY KEY, vec BLOB)")
        return db

    def encode(self, texts: list[str]) -> np.ndarray:
        keys = [text_key(self.cache_name, text) for text in texts]
        found: dict[bytes, np.ndarray] = {}
        with self._connect() as db:
            for start in range(0, len(keys), 500):
                chunk = keys[start : start + 500]
                marks = ",".join("?" * len(chunk))
                rows = db.execute(f"SELECT key, vec FROM vectors WHERE key IN ({marks})", chunk)
                for key, blob in rows:
                    found[key] = np.frombuffer(blob, dtype=np.float32)
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
            with self._connect() as db:
                db.executemany(
                    "INSERT OR REPLACE INTO vectors VALUES (?, ?)",
                    [(key, np.asarray(vec, dtype=np.float32).tobytes()) for key, vec in new_rows],
                )
            found.update(new_rows)
        if not texts:
            return self.encoder.encode([])
        return np.vstack([found[key] for key in keys]).astype(np.float32)
