"""Small real corpora cut from the shared benchmarks, and a real Dask LocalCluster."""

from __future__ import annotations

from pathlib import Path

import pytest

from align.io.alignfile import read_alignment

from ..paths import BENCH

CHAPTER = BENCH / "mac-dev"


def cut_corpora(folder: Path, count: int, zh_per_corpus: int = 6) -> list[Path]:
    """`count` corpus folders of about `zh_per_corpus` Chinese sentences each, cut from a
    mac-dev chapter at its gold group boundaries, so each is a real translation pair."""
    if not CHAPTER.is_dir():
        pytest.skip("needs ../shared/bench/mac-dev")
    zh = (CHAPTER / "src" / "001").read_text(encoding="utf-8").splitlines()
    en = (CHAPTER / "tgt" / "001").read_text(encoding="utf-8").splitlines()
    groups = read_alignment(CHAPTER / "gold" / "001.align")
    corpora, piece, number = [], [], 0
    for zh_ids, en_ids in groups:
        piece.append((zh_ids, en_ids))
        if sum(len(z) for z, _ in piece) >= zh_per_corpus and all(z and e for z, e in piece):
            corpus = folder / f"c{number:03d}"
            corpus.mkdir(parents=True)
            for name, side, at in (("zh.txt", zh, 0), ("en.txt", en, 1)):
                ids = [i for group in piece for i in group[at]]
                (corpus / name).write_text("\n".join(side[i] for i in ids) + "\n", "utf-8")
            corpora.append(corpus)
            piece, number = [], number + 1
            if number == count:
                break
        elif not all(z and e for z, e in piece):
            piece = []
    return corpora


@pytest.fixture(scope="module")
def cluster():
    """A real LocalCluster: two single-threaded worker processes."""
    distributed = pytest.importorskip("distributed")
    with distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0",
    ) as local, distributed.Client(local) as client:
        yield client
