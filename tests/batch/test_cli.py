"""`align run` on an archive, as a user calls it: Dask, a manifest, a dataset, resume and
a bad corpus, with exit codes and one-line errors."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys

import pandas as pd
import pytest

from align.embed.cache import CACHE_FILE

from ..cli.test_cli_run import align, assert_one_line_error
from ..paths import ROOT
from .conftest import cut_corpora


def test_an_archive_on_dask_reports_a_bad_corpus_and_resumes(tmp_path):
    duckdb = pytest.importorskip("duckdb")
    archive = tmp_path / "archive"
    cut_corpora(archive, 4)
    (archive / "empty").mkdir()
    (archive / "empty" / "zh.txt").write_text("", encoding="utf-8")
    (archive / "empty" / "en.txt").write_text("Hello.\n", encoding="utf-8")
    dataset = tmp_path / "dataset"
    args = ("run", str(archive), "--engine", "dask", "--jobs", "2", "--dataset", str(dataset))
    first = align(*args)
    assert first.returncode == 1, first.stderr
    errors = [line for line in first.stderr.splitlines() if line.startswith("align: error: ")]
    assert len(errors) == 1 and "empty/zh.txt" in errors[0]
    assert "Dask dashboard at http" in first.stderr
    assert "1 of 5 corpora failed" in first.stderr and "Traceback" not in first.stderr
    done = duckdb.sql(
        f"SELECT corpus FROM read_parquet('{dataset}/runs/**/*.parquet') "
        "WHERE status = 'done' ORDER BY corpus"
    ).fetchall()
    assert done == [(f"c{i:03d}",) for i in range(4)]
    (archive / "empty" / "zh.txt").write_text("你好。\n", encoding="utf-8")
    second = align(*args)
    assert second.returncode == 0, second.stderr
    assert "4 of 5 corpora already done, skipped" in second.stderr
    runs = pd.read_parquet(dataset / "runs")
    assert sorted(runs["corpus"]) == ["c000", "c001", "c002", "c003", "empty"]
    assert set(runs["status"]) == {"done"}


def test_a_manifest_runs_on_the_local_engine_into_folders(tmp_path):
    archive = tmp_path / "texts"
    cut_corpora(archive, 2)
    manifest = tmp_path / "archive.csv"
    manifest.write_text(
        "id,zh,en,mode\n"
        "first,texts/c000/zh.txt,texts/c000/en.txt,translation\n"
        "second,texts/c001/zh.txt,texts/c001/en.txt,\n", encoding="utf-8")
    out = tmp_path / "out"
    result = align("run", str(manifest), "--out", str(out), "--jobs", "2")
    assert result.returncode == 0, result.stderr
    assert (out / "first" / "alignment.tsv").exists() and (out / "second" / "run.json").exists()
    assert "first: " in result.stdout and "mode translation" in result.stdout


def test_a_bad_manifest_is_one_line_and_nothing_runs(tmp_path):
    manifest = tmp_path / "archive.csv"
    manifest.write_text("id,zh,en\nx,missing-zh.txt,missing-en.txt\n", encoding="utf-8")
    out = tmp_path / "out"
    result = align("run", str(manifest), "--out", str(out), "--engine", "dask")
    assert_one_line_error(result, "archive.csv", "line 2", "missing-zh.txt")
    assert not out.exists()


def test_a_plain_progress_line_when_stderr_is_not_a_terminal(tmp_path):
    archive = tmp_path / "archive"
    cut_corpora(archive, 3)
    result = align("run", str(archive), "--dataset", str(tmp_path / "d"), "--jobs", "1")
    assert result.returncode == 0, result.stderr
    assert "align: 3/3 corpora" in result.stderr and "sentences/s, 0 failed" in result.stderr


@pytest.mark.parametrize("engine", ["local", "dask"])
def test_ctrl_c_stops_in_one_line_keeps_what_is_complete_and_a_rerun_does_the_rest(
    tmp_path, engine
):
    archive, out, dataset = tmp_path / "archive", tmp_path / "out", tmp_path / "dataset"
    cut_corpora(archive, 24)
    args = ("run", str(archive), "--out", str(out), "--dataset", str(dataset), "--jobs", "2",
            "--engine", engine, "--no-cache")
    process = subprocess.Popen(
        [sys.executable, "-m", "align", *args], cwd=ROOT, stdout=subprocess.PIPE,
        stderr=subprocess.PIPE, text=True, start_new_session=True,
        # as from a terminal: a shell starts background jobs with Ctrl-C ignored, and
        # an ignored signal is inherited
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )
    try:
        first = process.stdout.readline()  # a corpus is done: the run is under way
        assert first.startswith("c0"), process.communicate(timeout=60)[1]
        os.killpg(process.pid, signal.SIGINT)  # as Ctrl-C does: the client and its workers
        _, stderr = process.communicate(timeout=300)
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
    assert process.returncode == 130, stderr
    lines = stderr.splitlines()
    assert lines[-1] == "align: interrupted" and lines.count("align: interrupted") == 1
    assert all(line.startswith("align: ") for line in lines), stderr  # no traceback, no log
    folders = sorted(out.iterdir())
    assert all((folder / "run.json").is_file() for folder in folders)  # none half-written
    assert [folder.name for folder in folders if folder.name.startswith(".")] == []
    committed = [json.loads(marker.read_text()) for marker in (dataset / "_done").iterdir()]
    for marker in committed:
        for table in ("units", "sentences", "coverage", "runs"):
            assert (dataset / table / f"run={marker['run']}" / f"{marker['part']}.parquet"
                    ).is_file()
    done = sum(len(marker["done"]) for marker in committed)
    assert 0 < done < 24
    second = align(*args)
    assert second.returncode == 0, second.stderr
    assert f"{done} of 24 corpora already done, skipped" in second.stderr
    runs = pd.read_parquet(dataset / "runs")
    assert sorted(runs["corpus"]) == [f"c{i:03d}" for i in range(24)]
    assert set(runs["status"]) == {"done"}


@pytest.mark.parametrize("engine", ["local", "dask"])
def test_a_damaged_cache_is_one_warning_line_from_the_workers(tmp_path, engine):
    archive, cache = tmp_path / "archive", tmp_path / "cache"
    cut_corpora(archive, 2)
    cache.mkdir()
    (cache / CACHE_FILE).write_bytes(b"\x00garbage, not SQLite\xff" * 500)
    result = subprocess.run(
        [sys.executable, "-m", "align", "run", str(archive), "--dataset",
         str(tmp_path / "dataset"), "--jobs", "2", "--engine", engine],
        cwd=ROOT, capture_output=True, text=True, timeout=600,
        env={**os.environ, "ALIGN_CACHE_DIR": str(cache)},
    )
    assert result.returncode == 0, result.stderr
    assert list(cache.glob(f"{CACHE_FILE}.damaged-*"))
    warned = [line for line in result.stderr.splitlines() if "cache is damaged" in line]
    assert len(warned) == 1 and warned[0].startswith("align: warning: "), result.stderr
    assert all(line.startswith("align: ") for line in result.stderr.splitlines()), result.stderr
