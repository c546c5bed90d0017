"""`align.bench.run` on tiny benchmark folders cut from ../shared/bench at test time."""

from __future__ import annotations

import importlib
import json
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from align.bench.run import BenchResult, TextResult, format_markdown
from align.bench.texts import discover_texts, load_text, score_prediction, select_texts
from align.cli import bench as bench_command
from align.errors import AlignError, InputError
from align.io.alignfile import format_alignment, read_alignment
from align.records import Group

from ..paths import BENCH

needs_bench = pytest.mark.skipif(not BENCH.is_dir(), reason="../shared/bench is not here")


def _pipeline_imports() -> bool:
    try:
        importlib.import_module("align.pipeline")
    except ImportError:
        return False
    return True


needs_pipeline = pytest.mark.skipif(
    not _pipeline_imports(), reason="align.pipeline (or a module it needs) is not written yet"
)


def lines(path: Path) -> list[str]:
    return path.read_text(encoding="utf-8").splitlines()


def cut_corpus(source: Path, stem: str, target: Path, n_groups: int, verses: bool = False) -> None:
    """Copy the first `n_groups` gold groups of one text (and the lines they use) to `target`."""
    gold = read_alignment(source / "gold" / f"{stem}.align")[:n_groups]
    n_src = max(i for src, _ in gold for i in src) + 1
    n_tgt = max(i for _, tgt in gold for i in tgt) + 1
    for part, n in (("src", n_src), ("tgt", n_tgt)):
        (target / part).mkdir(parents=True)
        kept = lines(source / part / stem)[:n]
        (target / part / stem).write_text("\n".join(kept) + "\n", encoding="utf-8")
        if verses:
            labels = lines(source / f"{part}.verse")[:n]
            (target / f"{part}.verse").write_text("\n".join(labels) + "\n", encoding="utf-8")
    (target / "gold").mkdir()
    (target / "gold" / f"{stem}.align").write_text(format_alignment(gold), encoding="utf-8")


def cut_summary(target: Path, n_groups: int) -> None:
    """An article + summary pair: the English of every third gold group of mac-dev/001."""
    gold = read_alignment(BENCH / "mac-dev" / "gold" / "001.align")[:n_groups]
    zh_lines = lines(BENCH / "mac-dev" / "src" / "001")
    en_lines = lines(BENCH / "mac-dev" / "tgt" / "001")
    n_zh = max(i for src, _ in gold for i in src) + 1
    summary: list[Group] = []
    english: list[str] = []
    for number, (zh_ids, en_ids) in enumerate(gold):
        if number % 3 == 0 and zh_ids and en_ids:
            summary.append((zh_ids, [len(english)]))
            english.append(" ".join(en_lines[i] for i in en_ids))
    linked = {i for zh_ids, _ in summary for i in zh_ids}
    summary += [([i], []) for i in range(n_zh) if i not in linked]
    target.mkdir(parents=True)
    (target / "zh.txt").write_text("\n".join(zh_lines[:n_zh]) + "\n", encoding="utf-8")
    (target / "en.txt").write_text("\n".join(english) + "\n", encoding="utf-8")
    (target / "gold.align").write_text(format_alignment(summary), encoding="utf-8")


@needs_bench
def test_discovers_the_shared_layouts() -> None:
    names = [text.name for text in discover_texts(BENCH / "mac-dev")]
    assert names == [f"mac-dev/00{i}" for i in range(1, 7)]
    summaries = discover_texts(BENCH / "summary-dev")
    assert {text.kind for text in summaries} == {"summary"}
    assert "summary-dev/mac-dev-001" in [text.name for text in summaries]
    bible = discover_texts(BENCH / "bible")
    assert [text.name for text in bible] == ["bible/001", "bible/006"]
    assert bible[0].verse_paths is not None
    assert [t.name for t in select_texts(bible, ["001"])] == ["bible/001"]
    with pytest.raises(AlignError, match="bible/006"):
        select_texts(bible, ["999"])


@needs_bench
def test_english_source_is_swapped(tmp_path: Path) -> None:
    cut_corpus(BENCH / "aca", "001", tmp_path / "aca", 12)
    (text,) = [load_text(spec) for spec in discover_texts(tmp_path / "aca")]
    assert text.src_is_en
    assert text.n_src == len(text.en) and text.n_tgt == len(text.zh)
    english_first = read_alignment(tmp_path / "aca" / "gold" / "001.align")
    assert text.gold == [(tgt, src) for src, tgt in english_first]
    perfect = score_prediction(text, text.gold)
    assert perfect.strict.f1 == 1.0 and perfect.lax.f1 == 1.0


@needs_bench
def test_bible_predictions_are_merged_by_verse(tmp_path: Path) -> None:
    cut_corpus(BENCH / "bible", "001", tmp_path / "bible", 30, verses=True)
    (text,) = [load_text(spec) for spec in discover_texts(tmp_path / "bible")]
    assert text.zh_verses is not None and len(text.zh_verses) == len(text.zh)
    # A sentence-level prediction: each gold verse group cut into 1-1 pairs plus the rest.
    split: list[Group] = []
    for zh_ids, en_ids in text.gold:
        pairs = min(len(zh_ids), len(en_ids))
        split += [([zh_ids[k]], [en_ids[k]]) for k in range(pairs - 1)]
        split.append((zh_ids[pairs - 1 :], en_ids[pairs - 1 :]))
    assert len(split) > len(text.gold)  # some verses really have several sentences
    assert score_prediction(text, split).strict.f1 == 1.0


@needs_bench
def test_bad_folders_are_named(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no benchmark texts"):
        discover_texts(tmp_path)
    cut_corpus(BENCH / "mac-dev", "002", tmp_path / "mac", 5)
    (tmp_path / "mac" / "tgt" / "002").unlink()
    with pytest.raises(InputError, match="002"):
        discover_texts(tmp_path / "mac")


@needs_bench
@needs_pipeline
@pytest.mark.slow
def test_bench_command_table_rows(tmp_path: Path) -> None:
    root = tmp_path / "bench"
    cut_corpus(BENCH / "mac-dev", "001", root / "mac-dev", 15)
    cut_corpus(BENCH / "aca", "001", root / "aca", 15)
    cut_summary(root / "summary-dev" / "mac-dev-001", 24)
    app = typer.Typer()

    @app.callback()
    def _root() -> None:
        pass

    bench_command.register(app)
    md, js = tmp_path / "table.md", tmp_path / "scores.json"
    result = CliRunner().invoke(app, ["bench", str(root), "--markdown", str(md), "--json", str(js)])
    assert result.exit_code == 0, result.output
    rows = [line for line in md.read_text(encoding="utf-8").splitlines() if line.startswith("| ")]
    names = [row.split("|")[1].strip() for row in rows]
    assert names == ["text", "aca/001", "mac-dev/001", "summary-dev/mac-dev-001", "**all (micro)**"]
    payload = json.loads(js.read_text(encoding="utf-8"))
    by_name = {text["name"]: text for text in payload["texts"]}
    assert by_name["aca/001"]["n_src"] == len(lines(root / "aca" / "src" / "001"))
    assert by_name["summary-dev/mac-dev-001"]["kind"] == "summary"
    pooled = payload["overall"]["strict"]
    assert pooled["n_test"] == sum(t["scores"]["strict"]["n_test"] for t in payload["texts"])
    # Real sentence pairs of a translation: the aligner gets most groups right.
    assert by_name["mac-dev/001"]["scores"]["strict"]["f1"] > 0.5


@needs_bench
def test_table_rows_and_pooling_without_the_aligner(tmp_path: Path) -> None:
    """The report itself, fed gold-perfect and empty predictions (no model needed)."""
    cut_corpus(BENCH / "mag", "003", tmp_path / "mag", 10)
    cut_summary(tmp_path / "summary-dev" / "mac-dev-002", 12)
    texts = [load_text(spec) for spec in discover_texts(tmp_path / "mag")]
    texts += [load_text(spec) for spec in discover_texts(tmp_path / "summary-dev")]
    result = BenchResult(str(tmp_path), "none", None, load_seconds=0.0)
    for text, test in ((texts[0], texts[0].gold), (texts[1], [])):
        evaluation = score_prediction(text, test)
        result.texts.append(
            TextResult(text.spec.name, text.spec.kind, "-", text.n_src, text.n_tgt, 1.0, evaluation)
        )
    rows = [line.split("|")[1:-1] for line in format_markdown(result).splitlines()]
    rows = [[cell.strip() for cell in row] for row in rows if row]
    assert [row[0] for row in rows] == [
        "text",
        "---",
        "mag/003",
        "summary-dev/mac-dev-002",
        "**all (micro)**",
    ]
    assert "links F1" in rows[0]
    f1 = rows[0].index("F1")
    assert rows[2][f1] == "1.000" and rows[3][f1] == "0.000"
    n_gold = len(texts[0].gold)
    pooled = result.overall.strict
    assert (pooled.matched_gold, pooled.n_gold) == (n_gold, n_gold + len(texts[1].gold))


REALPAGES = BENCH / "realpages"


@pytest.mark.skipif(not (REALPAGES / "score.py").is_file(), reason="needs the real pages")
def test_page_scores_are_the_score_scripts(tmp_path):
    """`align bench` on a page folder gives what the bench's own score.py gives for the
    output folder `align run` writes for the same page."""
    import json
    import subprocess
    import sys

    from align.bench.run import run_bench
    from align.runner import RunOptions, run_corpus

    page = REALPAGES / "cd-govreport"
    pages = tmp_path / "pages"
    pages.mkdir()
    (pages / page.name).symlink_to(page)  # score.py scores every page of the folder
    run_corpus(page, tmp_path / "out" / page.name, RunOptions(cache_dir=tmp_path / "cache"))
    done = subprocess.run(
        [sys.executable, str(REALPAGES / "score.py"), "--pages", str(pages),
         str(tmp_path / "out"), "--json"],
        capture_output=True, text=True, check=True,
    )
    expected = json.loads(done.stdout)
    result = run_bench(page)
    (item,) = result.pages
    assert item.name == "cd-govreport" and item.mode in ("summary", "translation")
    got = result.pages_overall
    for key in ("link", "zh_flag", "en_flag"):
        ratio = getattr(got, key)
        assert (ratio.precision, ratio.recall, ratio.f1) == pytest.approx(
            (expected[key]["p"], expected[key]["r"], expected[key]["f1"])
        ), key
    assert (got.furniture, got.lost) == (expected["furniture"], expected["lost"])
    assert "| cd-govreport |" in format_markdown(result)


@pytest.mark.skipif(not (REALPAGES / "score.py").is_file(), reason="needs the real pages")
def test_a_page_saved_as_html_scores_as_its_text(tmp_path):
    """A user who saved pages from a browser annotates page.html as page.txt."""
    import html
    import shutil

    from align.bench.run import run_bench

    page = REALPAGES / "mfa-wangwenbin"
    saved = tmp_path / page.name
    saved.mkdir()
    shutil.copy(page / "gold.json", saved / "gold.json")
    lines = (page / "page.txt").read_text(encoding="utf-8").split("\n")
    body = "".join(f"<p>{html.escape(line)}</p>" for line in lines if line.strip())
    (saved / "page.html").write_text(f"<html><body>{body}</body></html>", encoding="utf-8")
    as_text, as_html = run_bench(page).pages_overall, run_bench(saved).pages_overall
    for key in ("link", "zh_flag", "en_flag"):
        assert getattr(as_html, key) == getattr(as_text, key), key
    assert (as_html.furniture, as_html.lost) == (as_text.furniture, as_text.lost)


def test_substring_gold_by_hand():
    from align.bench.substring import PageGold, score_page
    from align.records import Unit

    zh = ["首页 | 视频", "今天下雨。", "明天出发。", "这句无英文。"]
    en = ["It rains today.", "We leave tomorrow.", "An added line."]
    gold = PageGold(
        links=[("rains today", ["今天下雨"]), ("leave tomorrow", ["明天出发"])],
        zh_only=["这句无英文"], en_only=["An added line"], furniture=["首页"],
    )
    units = [Unit([0], [], 0.0), Unit([1], [0], 0.3), Unit([2], [2], 0.01), Unit([3], [], 0.0),
             Unit([], [1], 0.0)]
    scores = score_page(zh, en, units, gold)
    # one right pair, one wrong (明天出发 with the added line): P 1/2, R 1/2
    assert (scores.link.right, scores.link.n_test, scores.link.found) == (1, 2, 1)
    # zh flags: 这句无英文 right (zh 0 is furniture, not scored); en flags: en 1 wrong
    assert (scores.zh_flag.right, scores.zh_flag.n_test, scores.zh_flag.found) == (1, 1, 1)
    assert (scores.en_flag.right, scores.en_flag.n_test, scores.en_flag.found) == (0, 1, 0)
    assert scores.furniture == 1 and scores.lost == 0
