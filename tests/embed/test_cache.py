"""The embedding cache under damage and under many processes."""

from __future__ import annotations

import sqlite3
import threading
from concurrent.futures import ProcessPoolExecutor

import numpy as np
import pytest

from align.embed.cache import CACHE_FILE, CacheDamagedWarning, CachedEncoder
from align.embed.use import UseEncoder

ZH = ["我市集聚了全区70%的高等教育资源。", "今天下午会下雨。"]
EN = ["The city has 70 percent of the region's higher education resources.",
      "It will rain this afternoon."]


@pytest.fixture(scope="module")
def encoder() -> UseEncoder:
    return UseEncoder()


def test_garbage_in_the_cache_file_is_set_aside_with_a_warning_and_rebuilt(tmp_path, encoder):
    (tmp_path / CACHE_FILE).write_bytes(b"this is not a database, just bytes\x00\xff" * 200)
    with pytest.warns(CacheDamagedWarning, match=CACHE_FILE):
        vectors = CachedEncoder(encoder, tmp_path).encode(ZH + EN)
    assert np.allclose(vectors, encoder.encode(ZH + EN), atol=1e-6)
    assert len(list(tmp_path.glob(f"{CACHE_FILE}.damaged-*"))) == 1
    again = CachedEncoder(encoder, tmp_path)
    assert np.allclose(again.encode(ZH + EN), vectors) and again.hits == 4


def test_a_malformed_page_inside_a_real_cache_is_set_aside_and_rebuilt(tmp_path, encoder):
    texts = [f"Sentence number {i} of a long cached text." for i in range(400)]
    CachedEncoder(encoder, tmp_path).encode(texts)
    path = tmp_path / CACHE_FILE
    with sqlite3.connect(path) as db:
        db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    data = bytearray(path.read_bytes())
    page = 4096
    data[page : len(data)] = b"\xa5" * (len(data) - page)  # every page but the header
    path.write_bytes(bytes(data))
    with pytest.warns(CacheDamagedWarning, match="damaged"):
        vectors = CachedEncoder(encoder, tmp_path).encode(texts[:3])
    assert np.allclose(vectors, encoder.encode(texts[:3]), atol=1e-6)


def _encode_in_a_process(args: tuple[str, list[str]]) -> np.ndarray:
    folder, texts = args
    from pathlib import Path

    return CachedEncoder(UseEncoder(), Path(folder)).encode(texts)


def test_processes_writing_the_cache_at_once_all_get_their_vectors(tmp_path, encoder):
    batches = [[f"Process {p} writes sentence {i}." for i in range(60)] + EN for p in range(4)]
    with ProcessPoolExecutor(2) as pool:
        results = list(pool.map(_encode_in_a_process, [(str(tmp_path), b) for b in batches]))
    for batch, vectors in zip(batches, results):
        assert np.allclose(vectors, encoder.encode(batch), atol=1e-6)
    with sqlite3.connect(tmp_path / CACHE_FILE) as db:
        assert db.execute("SELECT count(*) FROM vectors").fetchone()[0] == 4 * 60 + 2


def test_a_new_cache_another_process_is_creating_is_waited_for(tmp_path, encoder):
    """SQLite refuses at once, without its busy timeout, to switch a file to WAL while
    another connection writes it in its first (rollback) mode: as when two workers create
    the cache together."""
    creating = sqlite3.connect(tmp_path / CACHE_FILE, isolation_level=None,
                               check_same_thread=False)
    creating.execute("BEGIN IMMEDIATE")
    creating.execute("CREATE TABLE IF NOT EXISTS vectors (key BLOB PRIMARY KEY, vec BLOB)")
    released = threading.Timer(0.5, lambda: creating.execute("COMMIT"))
    released.start()
    try:
        vectors = CachedEncoder(encoder, tmp_path).encode(EN)
    finally:
        released.join()
        creating.close()
    assert np.allclose(vectors, encoder.encode(EN), atol=1e-6)
    with sqlite3.connect(tmp_path / CACHE_FILE) as db:
        assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
