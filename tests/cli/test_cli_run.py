"""`align run` end to end, as a user calls it: exit codes, files, one-line errors."""

from __future__ import annotations

import csv
import json
import subprocess
import sys
from pathlib import Path

import pytest

from ..paths import ROOT, SEED_DIR

SEED = SEED_DIR  # the seed page as a corpus folder


def align(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "align", *args], cwd=cwd, capture_output=True, text=True,
        timeout=600,
    )


def assert_one_line_error(result: subprocess.CompletedProcess, *words: str) -> None:
    assert result.returncode != 0
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("align: error: ")
    for word in words:
        assert word in lines[0]


@pytest.fixture(scope="module")
def seed_run(tmp_path_factory) -> tuple[subprocess.CompletedProcess, Path]:
    out = tmp_path_factory.mktemp("run") / "q7x2"
    return align("run", str(SEED), "--out", str(out)), out


def test_run_writes_every_output_file(seed_run):
    result, out = seed_run
    assert result.returncode == 0, result.stderr
    for name in ("alignment.tsv", "alignment.align", "zh.sentences.txt", "en.sentences.txt",
                 "sentences.tsv", "run.json", "similarity.npy", "figures.tsv", "report.html"):
        assert (out / name).is_file(), name
    facts = json.loads((out / "run.json").read_text(encoding="utf-8"))
    assert facts["mode"] == "summary" and facts["model"] == "use"
    assert facts["direction"] == "zh->en"
    assert "summary zh->en" in result.stdout and "zh_only" in result.stdout


def test_tsv_reads_as_the_annotated_article(seed_run):
    _, out = seed_run
    with open(out / "alignment.tsv", encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t"))
    assert list(rows[0])[:6] == ["zh_ids", "en_ids", "zh", "en", "score", "status"]
    assert {row["status"] for row in rows} == {"aligned", "zh_only", "en_only"}
    first_zh = [int(row["zh_ids"].split(",")[0]) for row in rows if row["zh_ids"]]
    assert first_zh == sorted(first_zh)
    zh_lines = (out / "zh.sentences.txt").read_text(encoding="utf-8").splitlines()
    for row in rows:
        if row["zh_ids"]:
            ids = [int(i) for i in row["zh_ids"].split(",")]
            assert row["zh"] == "".join(zh_lines[i] for i in ids)
    flagged_text = " ".join(row["zh"] for row in rows if row["status"] == "zh_only")
    for furniture in ("版权", "分享", "责任编辑", "来源"):
        assert furniture not in flagged_text
    align_lines = (out / "alignment.align").read_text(encoding="utf-8").splitlines()
    assert len(align_lines) == len(rows)


def test_rerun_replaces_a_previous_output(seed_run):
    _, out = seed_run
    result = align("run", str(SEED), "--out", str(out))
    assert result.returncode == 0, result.stderr


def write(folder: Path, name: str, data: bytes | str) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_bytes(data) if isinstance(data, bytes) else path.write_text(data, "utf-8")


@pytest.mark.parametrize(
    ("files", "words"),
    [
        ({}, ["no .txt or .html file"]),
        ({"zh.txt": "", "en.txt": "Hello there."}, ["zh.txt", "empty"]),
        ({"page.txt": "只有中文的一页。\n第二句话。"}, ["page.txt", "only Chinese"]),
        ({"zh.txt": b"\xff\xfe\xfa\x00\x81", "en.txt": "Hello."}, ["zh.txt"]),
        ({"zh.txt": "Hello there.", "en.txt": "你好。"}, ["swapped"]),
    ],
)
def test_bad_corpus_gives_one_line_and_no_output(tmp_path, files, words):
    corpus = tmp_path / "bad"
    corpus.mkdir()
    for name, data in files.items():
        write(corpus, name, data)
    out = tmp_path / "out"
    result = align("run", str(corpus), "--out", str(out))
    assert_one_line_error(result, *words)
    assert not out.exists()
    assert sorted(p.name for p in corpus.iterdir()) == sorted(files)


def test_missing_folder(tmp_path):
    result = align("run", str(tmp_path / "nowhere"), "--out", str(tmp_path / "out"))
    assert_one_line_error(result, "nowhere")
    assert not (tmp_path / "out").exists()


def test_refuses_to_replace_a_foreign_folder_unless_forced(tmp_path):
    out = tmp_path / "mine"
    write(out, "notes.txt", "precious")
    result = align("run", str(SEED), "--out", str(out))
    assert_one_line_error(result, "--force")
    assert (out / "notes.txt").read_text() == "precious"
    forced = align("run", str(SEED), "--out", str(out), "--force")
    assert forced.returncode == 0, forced.stderr
    assert (out / "alignment.tsv").exists() and not (out / "notes.txt").exists()


def test_unknown_model_names_the_offline_default(tmp_path):
    result = align("run", str(SEED), "--out", str(tmp_path / "o"), "--model", "no/such-model")
    assert_one_line_error(result, "no/such-model", "--model 'use'")
    assert not (tmp_path / "o").exists()


def test_several_corpora_go_to_subfolders_and_failures_do_not_stop_the_rest(tmp_path):
    pair = tmp_path / "pair"
    write(pair, "zh.txt", "我市集聚了全区70%的高等教育资源。\n今天下午会下雨。\n")
    write(pair, "en.txt", "The city has 70 percent of the region's universities.\n"
          "It will rain this afternoon.\n")
    empty = tmp_path / "empty"
    empty.mkdir()
    out = tmp_path / "all"
    result = align("run", str(SEED), str(pair), str(empty), "--out", str(out))
    assert result.returncode == 1
    assert (out / "q7x2" / "alignment.tsv").exists() and (out / "pair" / "run.json").exists()
    assert not (out / "empty").exists()
    assert "empty" in result.stderr and "1 of 3 corpora failed" in result.stderr


@pytest.mark.parametrize("flag, groups", [(None, "accurate"), ("--fast", "fast"),
                                          ("--no-fast", "accurate")])
def test_the_groups_mode_is_chosen_by_flag_and_recorded(tmp_path, flag, groups):
    pair = tmp_path / "pair"
    write(pair, "zh.txt", "我市集聚了全区70%的高等教育资源。\n今天下午会下雨。\n")
    write(pair, "en.txt", "The city has 70 percent of the region's universities.\n"
          "It will rain this afternoon.\n")
    out = tmp_path / "out"
    result = align("run", str(pair), "--out", str(out), *([flag] if flag else []))
    assert result.returncode == 0, result.stderr
    assert json.loads((out / "run.json").read_text(encoding="utf-8"))["groups"] == groups
    assert f"({groups})" in result.stdout


def test_presplit_keeps_line_numbers_as_ids(tmp_path):
    corpus = tmp_path / "lines"
    write(corpus, "zh.txt", "第一句。第二句。\n今天下午会下雨。\n")
    write(corpus, "en.txt",
          "The first sentence. The second sentence.\nIt will rain this afternoon.\n")
    out = tmp_path / "out"
    result = align("run", str(corpus), "--out", str(out), "--presplit", "--mode", "translation")
    assert result.returncode == 0, result.stderr
    assert (out / "alignment.align").read_text().splitlines() == ["[0]:[0]", "[1]:[1]"]


def test_a_direction_asked_for_is_used_and_a_wrong_one_refused(tmp_path):
    out = tmp_path / "o"
    result = align("run", str(SEED), "--out", str(out), "--mode", "summary", "--direction",
                   "en->zh")
    assert result.returncode == 0, result.stderr
    assert json.loads((out / "run.json").read_text(encoding="utf-8"))["direction"] == "en->zh"
    result = align("run", str(SEED), "--out", str(tmp_path / "p"), "--direction", "sideways")
    assert_one_line_error(result, "unknown direction 'sideways'", "zh->en")


def test_coverage_is_written_unless_left_out(tmp_path):
    corpus = tmp_path / "lines"
    write(corpus, "zh.txt", "国家统计局周一公布，2023年中国国内生产总值增长百分之五点二，"
          "北京当天的一场暴雨导致多条地铁线路停运，数千名乘客滞留车站。\n"
          "春节期间，全国铁路共发送旅客四千八百万人次。\n专家认为，明年经济将继续恢复。\n")
    write(corpus, "en.txt", "China's economy grew 5.2 percent in 2023, the National Bureau of "
          "Statistics said on Monday.\nRailways carried 48 million passengers during the Spring "
          "Festival.\nExperts expect the recovery to continue next year.\n")
    out, bare = tmp_path / "out", tmp_path / "bare"
    result = align("run", str(corpus), "--out", str(out), "--presplit", "--mode", "summary")
    assert result.returncode == 0, result.stderr
    assert "% of the Chinese rendered" in result.stdout
    with open(out / "coverage.tsv", encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t"))
    zh = (out / "zh.sentences.txt").read_text(encoding="utf-8").splitlines()
    dropped = [zh[int(r["sentence"])][int(r["start"]) : int(r["end"])]
               for r in rows if r["lang"] == "zh" and r["covered"] == "0"]
    assert dropped == ["北京当天的一场暴雨导致多条地铁线路停运，", "数千名乘客滞留车站。"]
    with open(out / "alignment.tsv", encoding="utf-8", newline="") as handle:
        first = next(csv.DictReader(handle, delimiter="\t"))
    assert first["zh_unrendered"] == " … ".join(dropped) and float(first["zh_covered"]) < 0.6
    result = align("run", str(corpus), "--out", str(bare), "--presplit", "--mode", "summary",
                   "--no-coverage")
    assert result.returncode == 0, result.stderr
    assert not (bare / "coverage.tsv").exists() and "rendered" not in result.stdout
