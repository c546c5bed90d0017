"""A small archive through a real Dask LocalCluster (two worker processes) and through the
local engine: the same units, a killed worker survived, a chunk whose workers always die
recorded as failed, resume, a damaged cache, a bad corpus, and a dataset that pandas and
DuckDB read back."""

from __future__ import annotations

import json
import os
import signal
import threading
from pathlib import Path

import pandas as pd
import pytest

from align.batch.archive import ArchivePlan, run_archive
from align.batch.cluster import DaskEngine
from align.batch.inputs import find_jobs
from align.batch.pool import LocalEngine
from align.embed.cache import CACHE_FILE
from align.runner import RunOptions

from .conftest import cut_corpora

UNIT_KEY = ["corpus", "unit"]


def units(dataset: Path) -> pd.DataFrame:
    """The units table as a reader sees it, without the run that wrote each row."""
    frame = pd.read_parquet(dataset / "units").drop(columns="run")
    for column in ("zh_ids", "en_ids", "best_ids"):
        frame[column] = frame[column].map(list)
    return frame.sort_values(UNIT_KEY).reset_index(drop=True)


@pytest.fixture(scope="module")
def archive(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("archive") / "corpora"
    cut_corpora(folder, 8, zh_per_corpus=12)
    return folder


@pytest.fixture(scope="module")
def local_units(archive, tmp_path_factory) -> pd.DataFrame:
    """The reference: the archive through the local engine, in this process."""
    dataset = tmp_path_factory.mktemp("local") / "dataset"
    with LocalEngine(1) as engine:
        totals = run_archive(find_jobs([archive]), RunOptions(), engine, ArchivePlan(
            dataset=dataset))
    assert totals.done == 8 and totals.failed == 0
    return units(dataset)


def test_dask_gives_the_units_of_local_and_a_dataset_pandas_and_duckdb_read(
    archive, local_units, cluster, tmp_path
):
    duckdb = pytest.importorskip("duckdb")
    dataset, out = tmp_path / "dataset", tmp_path / "out"
    with DaskEngine(client=cluster) as engine:
        totals = run_archive(find_jobs([archive]), RunOptions(), engine, ArchivePlan(
            out_root=out, dataset=dataset, chunk_size=2))
    assert (totals.done, totals.failed, totals.skipped) == (8, 0, 0)
    pd.testing.assert_frame_equal(units(dataset), local_units)
    assert sorted(p.name for p in out.iterdir()) == [f"c{i:03d}" for i in range(8)]
    tsv = pd.read_csv(out / "c003" / "alignment.tsv", sep="\t", dtype=str, keep_default_na=False)
    from_dataset = local_units[local_units.corpus == "c003"]
    assert list(tsv["status"]) == list(from_dataset["status"])
    for lang in ("zh", "en"):  # the coverage cells of alignment.tsv, null where empty
        written = tsv[f"{lang}_covered"]
        assert from_dataset[f"{lang}_covered"].isna().tolist() == (written == "").tolist()
        shares = from_dataset[f"{lang}_covered"].dropna().round(3).tolist()
        assert shares == written[written != ""].astype(float).tolist()
        texts = from_dataset[f"{lang}_unrendered"].dropna().tolist()
        assert texts == tsv[f"{lang}_unrendered"][written != ""].tolist()
    assert local_units["zh_unrendered"].fillna("").str.len().sum() > 0  # some in the archive
    run = json.loads((out / "c003" / "run.json").read_text(encoding="utf-8"))
    rendered = pd.read_parquet(dataset / "runs").set_index("corpus").loc["c003", "zh_rendered"]
    assert 0 < rendered <= 1 and rendered == pytest.approx(run["zh_rendered"])
    counted = duckdb.sql(
        f"SELECT corpus, count(*) FROM read_parquet('{dataset}/units/**/*.parquet') "
        "GROUP BY corpus ORDER BY corpus"
    ).fetchall()
    assert counted == sorted(local_units.groupby("corpus").size().items())
    runs = duckdb.sql(
        f"SELECT status, sum(zh_sentences + en_sentences) FROM "
        f"read_parquet('{dataset}/runs/**/*.parquet') GROUP BY status"
    ).fetchall()
    assert runs == [("done", totals.sentences)]
    sentences = pd.read_parquet(dataset / "sentences")
    assert len(sentences) == totals.sentences and set(sentences["lang"]) == {"zh", "en"}
    coverage = pd.read_parquet(dataset / "coverage")
    parts = coverage[coverage.corpus == "c003"].drop(columns=["corpus", "run"])
    written = pd.read_csv(out / "c003" / "coverage.tsv", sep="\t", keep_default_na=False)
    assert len(parts) and list(parts.columns) == list(written.columns)
    assert parts["covered"].tolist() == (written["covered"] == 1).tolist()
    for column in ("lang", "sentence", "start", "end", "evidence"):
        assert parts[column].tolist() == written[column].tolist(), column
    assert parts["score"].astype(float).round(4).tolist() == written["score"].tolist()
    counted = duckdb.sql(
        f"SELECT corpus, count(*), sum(CASE WHEN covered THEN 1 ELSE 0 END) FROM "
        f"read_parquet('{dataset}/coverage/**/*.parquet') GROUP BY corpus ORDER BY corpus"
    ).fetchall()
    assert counted == [
        (corpus, len(group), int(group["covered"].sum()))
        for corpus, group in coverage.groupby("corpus")
    ]


def test_a_worker_killed_mid_run_is_replaced_and_the_result_is_the_same(
    archive, local_units, cluster, tmp_path
):
    pids = set(cluster.run(os.getpid).values())
    killed: list[int] = []

    def kill_a_busy_worker(report) -> None:
        if killed:
            return
        busy = [address for address, keys in cluster.processing().items() if keys]
        pid = cluster.run(os.getpid, workers=busy[:1])[busy[0]] if busy else next(iter(pids))
        os.kill(pid, signal.SIGKILL)
        killed.append(pid)

    dataset = tmp_path / "dataset"
    with DaskEngine(client=cluster) as engine:
        totals = run_archive(find_jobs([archive]), RunOptions(), engine, ArchivePlan(
            dataset=dataset, chunk_size=1), on_report=kill_a_busy_worker)
    assert killed and (totals.done, totals.failed) == (8, 0)
    pd.testing.assert_frame_equal(units(dataset), local_units)
    cluster.wait_for_workers(2, timeout=120)
    now = set(cluster.run(os.getpid).values())
    assert killed[0] not in now and len(now) == 2  # the nanny started a new worker


def _kill_the_workers_of(local, chunks: set[str], stop: threading.Event) -> list[int]:
    """Kill, again and again, each worker process the scheduler gives one of `chunks`
    (named as `Chunk.name`) to: how a corpus too big for a worker's memory goes. Returns
    the pids killed, as it kills them."""
    from distributed import Client

    killed: list[int] = []
    dead: set[str] = set()

    def watch() -> None:
        with Client(local.scheduler_address, timeout="30s") as client:
            while not stop.wait(0.05):
                for address, keys in client.processing().items():
                    if address in dead or not any(
                        key.startswith("align-") and key.rsplit("-", 1)[1] in chunks
                        for key in keys
                    ):
                        continue
                    pids = [n.pid for n in local.workers.values() if n.worker_address == address]
                    if pids and pids[0]:
                        os.kill(pids[0], signal.SIGKILL)
                        killed.append(pids[0])
                        dead.add(address)

    threading.Thread(target=watch, daemon=True).start()
    return killed


def test_only_the_corpus_whose_workers_die_on_every_attempt_is_recorded_as_failed(
    archive, local_units, tmp_path
):
    dask, distributed = pytest.importorskip("dask"), pytest.importorskip("distributed")
    dataset, stop, reports = tmp_path / "dataset", threading.Event(), []
    one_task_each = {  # a worker holds only the chunk it runs, so only that chunk dies
        "distributed.scheduler.allowed-failures": 1, "distributed.scheduler.worker-saturation": 1.0,
    }
    with dask.config.set(one_task_each), \
            distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                     dashboard_address=":0") as local, \
            distributed.Client(local) as client:
        # chunk 1 holds c002 and c003; c003 kills its workers, alone too
        killed = _kill_the_workers_of(local, {"000001", "000001.0001"}, stop)
        try:
            with DaskEngine(client=client) as engine:
                totals = run_archive(find_jobs([archive]), RunOptions(), engine, ArchivePlan(
                    dataset=dataset, chunk_size=2), on_report=reports.append)
        finally:
            stop.set()
    assert len(killed) == 4  # allowed-failures 1: the second death fails a task
    assert (totals.done, totals.failed) == (7, 1)  # c002 done in its own piece
    errors = {c.id: c.error for r in reports for c in r.corpora if c.error}
    assert sorted(errors) == ["c003"]
    for corpus, error in errors.items():
        assert error.startswith(str(archive / corpus)) and "\n" not in error
        assert "worker process died on every attempt" in error
    runs = pd.read_parquet(dataset / "runs").set_index("corpus")
    assert runs.loc[sorted(errors), "error"].tolist() == [errors[k] for k in sorted(errors)]
    assert runs.loc[sorted(errors), "status"].tolist() == ["failed"]
    assert (runs.drop(index=sorted(errors))["status"] == "done").all()
    expected = local_units[~local_units.corpus.isin(errors)].reset_index(drop=True)
    pd.testing.assert_frame_equal(units(dataset), expected)


def _kill_local_workers(engine: LocalEngine, alone: set[str], stop: threading.Event) -> list[int]:
    """Kill a worker of the local engine's pool as soon as it has one, then, again and
    again, the workers of each pool that runs one of the chunks in `alone` (named as
    `Chunk.name`) by itself. Returns the pids killed, as it kills them."""
    killed: list[int] = []

    def pids() -> list[int]:
        pool = engine._pool  # the engine's own ProcessPoolExecutor: its processes
        return list(getattr(pool, "_processes", None) or {}) if pool is not None else []

    def kill(pid: int) -> None:
        os.kill(pid, signal.SIGKILL)
        killed.append(pid)

    def watch() -> None:
        while not stop.wait(0.02) and not killed:
            for pid in pids()[:1]:
                kill(pid)
        seen: set[int] = set()
        while not stop.wait(0.02):
            chunk = engine.running_alone
            if chunk is not None and chunk.name in alone:
                for pid in pids():
                    if pid not in seen:
                        seen.add(pid)
                        kill(pid)

    threading.Thread(target=watch, daemon=True).start()
    return killed


def test_the_local_engine_runs_again_what_a_dead_worker_held_and_fails_only_its_corpus(
    archive, local_units, tmp_path
):
    dataset, stop, reports = tmp_path / "dataset", threading.Event(), []
    with LocalEngine(2) as engine:
        # chunk 1 holds c002 and c003; c003 kills its worker, alone too
        killed = _kill_local_workers(engine, {"000001", "000001.0001"}, stop)
        try:
            totals = run_archive(find_jobs([archive]), RunOptions(), engine, ArchivePlan(
                dataset=dataset, chunk_size=2), on_report=reports.append)
        finally:
            stop.set()
    assert len(killed) >= 4  # the first death, chunk 1 alone, and c003 alone twice
    assert (totals.done, totals.failed) == (7, 1)  # the chunks in flight ran again
    errors = {c.id: c.error for r in reports for c in r.corpora if c.error}
    assert sorted(errors) == ["c003"]
    assert errors["c003"].startswith(str(archive / "c003"))
    assert "worker process died on every attempt" in errors["c003"]
    runs = pd.read_parquet(dataset / "runs").set_index("corpus")
    assert runs.loc["c003", "status"] == "failed"
    expected = local_units[local_units.corpus != "c003"].reset_index(drop=True)
    pd.testing.assert_frame_equal(units(dataset), expected)


def test_a_rerun_skips_what_is_done_and_force_redoes_it_without_duplicates(
    archive, local_units, cluster, tmp_path
):
    dataset, out = tmp_path / "dataset", tmp_path / "out"
    plan = ArchivePlan(out_root=out, dataset=dataset)
    jobs = find_jobs([archive])
    with DaskEngine(client=cluster) as engine:
        first = run_archive(jobs[:5], RunOptions(), engine, plan)
        stamp = (out / "c001" / "run.json").stat().st_mtime_ns
        second = run_archive(jobs, RunOptions(), engine, plan)
        assert (first.done, second.skipped, second.done) == (5, 5, 3)
        assert (out / "c001" / "run.json").stat().st_mtime_ns == stamp
        pd.testing.assert_frame_equal(units(dataset), local_units)
        forced = run_archive(jobs[:2], RunOptions(force=True), engine,
                             ArchivePlan(out_root=out, dataset=dataset, force=True))
    assert (forced.skipped, forced.done) == (0, 2)
    assert (out / "c001" / "run.json").stat().st_mtime_ns != stamp
    pd.testing.assert_frame_equal(units(dataset), local_units)
    runs = pd.read_parquet(dataset / "runs")
    assert sorted(runs["corpus"]) == [f"c{i:03d}" for i in range(8)]  # one row each
    assert runs.set_index("corpus").loc["c000", "run"] == forced.run_id


def test_a_damaged_cache_is_rebuilt_by_the_workers(archive, local_units, cluster, tmp_path):
    cache = tmp_path / "cache"
    cache.mkdir()
    (cache / CACHE_FILE).write_bytes(b"\x00garbage, not SQLite\xff" * 500)
    dataset = tmp_path / "dataset"
    with DaskEngine(client=cluster) as engine:
        totals = run_archive(find_jobs([archive]), RunOptions(), engine, ArchivePlan(
            dataset=dataset, cache_dir=cache))
    assert (totals.done, totals.failed) == (8, 0)
    assert list(cache.glob(f"{CACHE_FILE}.damaged-*"))
    pd.testing.assert_frame_equal(units(dataset), local_units)


def test_a_bad_corpus_is_recorded_with_its_error_while_the_others_finish(
    archive, local_units, cluster, tmp_path
):
    bad = tmp_path / "bad"
    bad.mkdir()
    (bad / "zh.txt").write_text("Only English here.\n", encoding="utf-8")
    (bad / "en.txt").write_text("And here too.\n", encoding="utf-8")
    dataset = tmp_path / "dataset"
    reports = []
    with DaskEngine(client=cluster) as engine:
        totals = run_archive(find_jobs([archive, bad]), RunOptions(), engine, ArchivePlan(
            dataset=dataset, chunk_size=3), on_report=reports.append)
    assert (totals.done, totals.failed) == (8, 1)
    errors = [c.error for r in reports for c in r.corpora if c.error]
    assert len(errors) == 1 and "zh.txt" in errors[0] and "\n" not in errors[0]
    runs = pd.read_parquet(dataset / "runs").set_index("corpus")
    assert runs.loc["bad", "status"] == "failed" and runs.loc["bad", "error"] == errors[0]
    assert (runs.drop(index="bad")["status"] == "done").all()
    pd.testing.assert_frame_equal(units(dataset), local_units)


def test_a_corpus_aligned_without_coverage_has_no_coverage_rows(archive, tmp_path):
    dataset = tmp_path / "dataset"
    first, second = find_jobs([archive])[:2]
    with LocalEngine(1) as engine:
        run_archive([first], RunOptions(coverage=False), engine, ArchivePlan(dataset=dataset))
        totals = run_archive([first, second], RunOptions(), engine, ArchivePlan(dataset=dataset))
    assert (totals.skipped, totals.done) == (1, 1)
    coverage = pd.read_parquet(dataset / "coverage")
    assert set(coverage["corpus"]) == {second.id}
    runs = pd.read_parquet(dataset / "runs")
    assert sorted(runs["corpus"]) == [first.id, second.id] and set(runs["status"]) == {"done"}


def test_a_dataset_from_before_the_coverage_table_takes_a_rerun(archive, tmp_path):
    dataset = tmp_path / "dataset"
    first, second = find_jobs([archive])[:2]
    with LocalEngine(1) as engine:
        run_archive([first, second], RunOptions(), engine, ArchivePlan(
            dataset=dataset, chunk_size=2))  # one part: the rerun rewrites it without first
        for part in (dataset / "coverage").rglob("*.parquet"):  # as the earlier code wrote it
            part.unlink()
        totals = run_archive([first], RunOptions(force=True), engine, ArchivePlan(
            dataset=dataset, force=True))
    assert totals.done == 1
    runs = pd.read_parquet(dataset / "runs")
    assert sorted(runs["corpus"]) == [first.id, second.id]
    assert set(pd.read_parquet(dataset / "coverage")["corpus"]) == {first.id}
    assert set(pd.read_parquet(dataset / "units")["corpus"]) == {first.id, second.id}


def test_parts_from_before_a_table_gained_columns_are_upgraded_by_the_next_run(
    archive, tmp_path
):
    """Readers take a dataset's columns from one file: an old part beside a new one would
    hide the new columns, so the next run rewrites old parts with them (null)."""
    import pyarrow.parquet as pq

    dataset = tmp_path / "dataset"
    first, second = find_jobs([archive])[:2]
    new_columns = {"units": ["zh_covered", "en_covered", "zh_unrendered", "en_unrendered"],
                   "runs": ["zh_rendered"]}
    with LocalEngine(1) as engine:
        run_archive([first], RunOptions(), engine, ArchivePlan(dataset=dataset))
        for table, columns in new_columns.items():  # as the earlier code wrote them
            for part in (dataset / table).rglob("*.parquet"):
                pq.write_table(pq.read_table(part, partitioning=None).drop_columns(columns), part)
        for path in (dataset / "_done").glob("*.json"):
            marker = json.loads(path.read_text(encoding="utf-8"))
            path.write_text(json.dumps({k: v for k, v in marker.items() if k != "schema"}))
        totals = run_archive([first, second], RunOptions(), engine, ArchivePlan(
            dataset=dataset))
    assert (totals.skipped, totals.done) == (1, 1)
    runs = pd.read_parquet(dataset / "runs").set_index("corpus")
    assert pd.isna(runs.loc[first.id, "zh_rendered"]) and 0 < runs.loc[second.id, "zh_rendered"]
    table = units(dataset)
    old, new = table[table.corpus == first.id], table[table.corpus == second.id]
    assert len(old) and old["zh_covered"].isna().all() and old["zh_unrendered"].isna().all()
    assert new["zh_covered"].notna().any()
    assert set(table.columns) >= set(new_columns["units"])


def test_the_workers_of_a_local_cluster_started_here_run_as_fast_as_local_workers():
    """Dask's nannies set MALLOC_TRIM_THRESHOLD_, which makes glibc map and unmap every
    mid-sized array anew, and its workers sample every task's stack; workers the engine
    starts itself are spawned without either, on one BLAS thread each. A fresh process,
    since a nanny also sets the variable in the process that starts it."""
    import subprocess
    import sys

    pytest.importorskip("distributed")
    code = (
        "import os\n"
        "from align.batch.cluster import DaskEngine\n"
        "def facts():\n"
        "    from threadpoolctl import threadpool_info\n"
        "    blas = max(p['num_threads'] for p in threadpool_info() if p['user_api'] == 'blas')\n"
        "    import dask\n"
        "    profile = dask.config.get('distributed.worker.profile.enabled')\n"
        "    return os.environ.get('MALLOC_TRIM_THRESHOLD_'), blas, profile\n"
        "if __name__ == '__main__':\n"
        "    with DaskEngine(workers=1, dashboard_address=None) as engine:\n"
        "        print(list(engine.client.run(facts).values()))\n"
    )
    env = {k: v for k, v in os.environ.items() if k != "MALLOC_TRIM_THRESHOLD_"}
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, env=env,
        timeout=120,
    )
    assert done.stdout.strip() == "[(None, 1, False)]"
