"""Scores of `align.bench.evaluate` and `align eval` against numbers worked out by hand."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from align.bench.evaluate import Scores, evaluate, merge_by_verse, swap_groups
from align.cli import eval as eval_command
from align.errors import InputError

# Gold, Chinese first; 6 Chinese (0-5) and 6 English (0-5) sentences.
GOLD = [
    ([0], [0]),  # 1-1
    ([1, 2], [1]),  # 2-1
    ([3], [2, 3]),  # 1-2
    ([4], []),  # 1-0
    ([], [4]),  # 0-1
    ([5], [5]),  # 1-1
]
# Prediction: splits the 2-1 into 1-1 + 1-0, lists one side of the 1-2 out of order.
PRED = [
    ([0], [0]),  # hit
    ([1], [1]),  # miss; lax hit (1,1) is a gold link
    ([2], []),  # miss; lax miss (an empty side has no link)
    ([3], [3, 2]),  # hit: order inside a side does not matter
    ([4], []),  # hit
    ([], [4]),  # hit
    ([5], [5]),  # hit
]


def approx(value: float | None) -> object:
    return pytest.approx(value, abs=1e-9)


def test_strict_counts_every_group() -> None:
    # 7 predicted, 6 gold, 5 identical: P = 5/7, R = 5/6, F1 = 2*5/(7+6) = 10/13.
    s = evaluate(PRED, GOLD).strict
    assert (s.matched_test, s.n_test, s.matched_gold, s.n_gold) == (5, 7, 5, 6)
    assert s.precision == approx(5 / 7)
    assert s.recall == approx(5 / 6)
    assert s.f1 == approx(10 / 13)


def test_strict_without_null_groups() -> None:
    # Non-empty predicted: [0]:[0] [1]:[1] [3]:[2,3] [5]:[5] (4); gold: 1-1, 2-1, 1-2, 1-1 (4).
    # Hits: 3 -> P = R = F1 = 3/4.
    s = evaluate(PRED, GOLD).strict_no_null
    assert (s.matched_test, s.n_test, s.matched_gold, s.n_gold) == (3, 4, 3, 4)
    assert s.f1 == approx(0.75)


def test_published_strict_mixes_precision_over_all_and_recall_without_null() -> None:
    # P = 5/7 (all groups), R = 3/4 (no 1-0/0-1); F1 = 2*(5/7)*(3/4)/(5/7+3/4) = 30/41.
    s = evaluate(PRED, GOLD).published
    assert s.precision == approx(5 / 7)
    assert s.recall == approx(3 / 4)
    assert s.f1 == approx(30 / 41)


def test_lax_follows_vecalign() -> None:
    # Precision: [1]:[1] shares link (1,1) with gold [1,2]:[1] -> hit; [2]:[] is a miss;
    # the other 5 are exact: 6/7. Recall (no null groups): gold [1,2]:[1] shares (1,1) with
    # the prediction, the 3 others are exact: 4/4. F1 = 2*(6/7)/(6/7+1) = 12/13.
    s = evaluate(PRED, GOLD).lax
    assert (s.matched_test, s.n_test, s.matched_gold, s.n_gold) == (6, 7, 4, 4)
    assert s.f1 == approx(12 / 13)


def test_summary_scores() -> None:
    # Gold links (0,0) (1,1) (2,1) (3,2) (3,3) (5,5); predicted: the same minus (2,1).
    # Links: P = 5/5, R = 5/6, F1 = 10/11. Chinese with no link: gold {4}, predicted {2,4}:
    # P = 1/2, R = 1, F1 = 2/3. English with no link: {4} both: all 1.
    e = evaluate(PRED, GOLD)
    assert (e.links.precision, e.links.recall) == (approx(1.0), approx(5 / 6))
    assert e.links.f1 == approx(10 / 11)
    assert (e.omissions.matched_test, e.omissions.n_test, e.omissions.n_gold) == (1, 2, 1)
    assert e.omissions.f1 == approx(2 / 3)
    assert e.en_only.to_dict()["f1"] == approx(1.0)


def test_sentence_counts_extend_the_no_link_sets() -> None:
    # With 8 Chinese sentences, 6 and 7 are unlinked on both sides: gold {4,6,7},
    # predicted {2,4,6,7} -> P = 3/4, R = 3/3.
    e = evaluate(PRED, GOLD, n_zh=8, n_en=6)
    assert (e.omissions.matched_test, e.omissions.n_test, e.omissions.n_gold) == (3, 4, 3)


def test_swapped_gold_scores_the_same() -> None:
    english_first = [(tgt, src) for src, tgt in GOLD]
    assert evaluate(PRED, swap_groups(english_first)) == evaluate(PRED, GOLD)


def test_empty_prediction_and_pooling() -> None:
    e = evaluate([], GOLD)
    assert e.strict.precision is None and e.strict.recall == 0.0 and e.strict.f1 == 0.0
    assert Scores(0, 0, 0, 0).f1 is None
    # Pooling adds counts: (5 of 7, 5 of 6) + (0 of 0, 0 of 6) -> P = 5/7, R = 5/12.
    pooled = (evaluate(PRED, GOLD) + e).strict
    assert (pooled.precision, pooled.recall) == (approx(5 / 7), approx(5 / 12))


def test_merge_by_verse() -> None:
    src_verses = ["a", "a", "b", "c", "c", "d"]
    tgt_verses = ["a", "a", "a", "b", "c", "c", "d", "e"]
    pred = [
        ([0], [0]),
        ([1], [1, 2]),  # same verse a as the previous group -> joined
        ([2], [3]),  # verse b
        ([3], []),  # verse c, empty side
        ([4], [4, 5]),  # verse c -> joined with the previous
        ([5], [6, 7]),  # spans d and e: never joined
    ]
    assert merge_by_verse(pred, src_verses, tgt_verses) == [
        ([0, 1], [0, 1, 2]),
        ([2], [3]),
        ([3, 4], [4, 5]),
        ([5], [6, 7]),
    ]


# --- the command line -------------------------------------------------------------------


def write_alignment(path: Path, groups: list[tuple[list[int], list[int]]]) -> Path:
    lines = [f"[{','.join(map(str, s))}]:[{','.join(map(str, t))}]" for s, t in groups]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.fixture()
def cli() -> typer.Typer:
    """A Typer app holding only the eval command (the rest of the CLI is not needed)."""
    app = typer.Typer()

    @app.callback()
    def _root() -> None:
        pass

    eval_command.register(app)
    return app


def test_cli_json(tmp_path: Path, cli: typer.Typer) -> None:
    pred = write_alignment(tmp_path / "pred.align", PRED)
    gold = write_alignment(tmp_path / "gold.align", [(t, s) for s, t in GOLD])
    result = CliRunner().invoke(cli, ["eval", str(pred), str(gold), "--json", "--src-lang", "en"])
    assert result.exit_code == 0, result.output
    payload = json.loads(result.output)
    assert payload["scores"]["strict"]["f1"] == approx(10 / 13)
    assert payload["scores"]["lax"]["n_test"] == 7
    assert payload["gold_groups"] == 6


def test_cli_table(tmp_path: Path, cli: typer.Typer) -> None:
    pred = write_alignment(tmp_path / "pred.align", PRED)
    gold = write_alignment(tmp_path / "gold.align", GOLD)
    result = CliRunner().invoke(cli, ["eval", str(pred), str(gold)])
    assert result.exit_code == 0, result.output
    rows = {line[:28].strip(): line[28:].split() for line in result.output.splitlines()}
    assert rows["strict, all groups"] == ["0.714", "0.833", "0.769", "5/7", "5/6"]
    assert rows["zh with no link"][:3] == ["0.500", "1.000", "0.667"]
    summary = CliRunner().invoke(cli, ["eval", str(pred), str(gold), "--summary"])
    assert "strict, all groups" not in summary.output and "zh with no link" in summary.output


def test_cli_reads_an_output_folder(tmp_path: Path, cli: typer.Typer) -> None:
    out = tmp_path / "outputs" / "corpus"
    out.mkdir(parents=True)
    write_alignment(out / "alignment.align", PRED)
    (out / "run.json").write_text(json.dumps({"zh_sentences": 8, "en_sentences": 6}))
    gold = write_alignment(tmp_path / "gold.align", GOLD)
    result = CliRunner().invoke(cli, ["eval", str(out), str(gold), "--json"])
    assert json.loads(result.output)["scores"]["omissions"]["n_test"] == 4


def test_cli_errors_name_file_and_line(tmp_path: Path, cli: typer.Typer) -> None:
    gold = write_alignment(tmp_path / "gold.align", GOLD)
    bad = tmp_path / "bad.align"
    bad.write_text("[0]:[0]\n[1] -> [1]\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["eval", str(bad), str(gold)])
    assert isinstance(result.exception, InputError)
    assert str(bad) in str(result.exception) and "line 2" in str(result.exception)

    missing = CliRunner().invoke(cli, ["eval", str(tmp_path / "none.align"), str(gold)])
    assert isinstance(missing.exception, InputError) and "none.align" in str(missing.exception)

    too_big = CliRunner().invoke(cli, ["eval", str(gold), str(gold), "--n-zh", "3"])
    assert isinstance(too_big.exception, InputError) and "sentence 3" in str(too_big.exception)


def test_cli_exit_codes(tmp_path: Path) -> None:
    """Through the real entry point: 0 on success, 2 and one line on a user error."""
    probe = subprocess.run([sys.executable, "-c", "import align.cli"], capture_output=True)
    if probe.returncode != 0:
        pytest.skip("align.cli does not import yet (other commands are still being written)")
    command = [sys.executable, "-c", "from align.cli import main; main()", "eval"]
    gold = write_alignment(tmp_path / "gold.align", GOLD)
    ok = subprocess.run([*command, str(gold), str(gold)], capture_output=True, text=True)
    assert ok.returncode == 0, ok.stderr
    bad = tmp_path / "bad.align"
    bad.write_text("nonsense\n", encoding="utf-8")
    failed = subprocess.run([*command, str(bad), str(gold)], capture_output=True, text=True)
    assert failed.returncode == 2
    assert failed.stderr.strip().count("\n") == 0 and "bad.align" in failed.stderr
