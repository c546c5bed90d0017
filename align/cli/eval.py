"""`align eval PRED GOLD`: score a predicted alignment against a gold file."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from ..bench.evaluate import GROUP_METRICS, SUMMARY_METRICS, Evaluation, evaluate, swap_groups
from ..errors import AlignError, InputError
from ..io.alignfile import read_alignment
from ..io.outputs import ALIGN_FILE, RUN_FILE
from ..records import Group

__all__ = [
    "format_table",
    "register",
]


def _ratio(value: float | None) -> str:
    return "-" if value is None else f"{value:.3f}"


def format_table(evaluation: Evaluation, metrics: dict[str, str]) -> str:
    """One row per metric: P, R, F1 and the counts behind them."""
    lines = [f"{'metric':<28}{'P':>7}{'R':>7}{'F1':>7}{'right/pred':>14}{'found/gold':>14}"]
    for name, label in metrics.items():
        s = getattr(evaluation, name)
        lines.append(
            f"{label:<28}{_ratio(s.precision):>7}{_ratio(s.recall):>7}{_ratio(s.f1):>7}"
            f"{f'{s.matched_test}/{s.n_test}':>14}{f'{s.matched_gold}/{s.n_gold}':>14}"
        )
    return "\n".join(lines)


def _prediction_file(pred: Path) -> tuple[Path, dict]:
    """A .align file, or an `align run` output folder (its alignment.align and run.json)."""
    if not pred.is_dir():
        return pred, {}
    run_json = pred / RUN_FILE
    info = {}
    if run_json.is_file():
        try:
            info = json.loads(run_json.read_text(encoding="utf-8"))
        except (json.JSONDecodeError, UnicodeDecodeError) as exc:
            raise InputError(run_json, f"is not valid JSON ({exc})") from None
    return pred / ALIGN_FILE, info


def _check_range(groups: list[Group], path: Path, side: int, n: int | None) -> None:
    if n is None:
        return
    for number, group in enumerate(groups, start=1):
        bad = [i for i in group[side] if i >= n]
        if bad:
            lang = "Chinese" if side == 0 else "English"
            raise InputError(
                path, f"group {number} names {lang} sentence {bad[0]} but there are only {n}"
            )


def register(app: typer.Typer) -> None:
    @app.command("eval")
    def eval_command(
        pred: Annotated[
            Path,
            typer.Argument(help="Predicted alignment: a .align file or an `align run` folder."),
        ],
        gold: Annotated[Path, typer.Argument(help="Gold alignment file in the Vecalign format.")],
        as_json: bool = typer.Option(False, "--json", help="Print JSON instead of a table."),
        src_lang: str = typer.Option(
            "zh",
            "--src-lang",
            help="Language of the gold file's first side; 'en' (aca, mag, bible) swaps the "
            "gold so that it lines up with a Chinese-first prediction.",
        ),
        summary: bool = typer.Option(
            False,
            "--summary",
            help="Article+summary gold: show only the link, omission and English-only "
            "scores (group scores assume a monotonic translation).",
        ),
        n_zh: int | None = typer.Option(
            None, "--n-zh", min=0, help="Chinese sentence count (default: from run.json or ids)."
        ),
        n_en: int | None = typer.Option(
            None, "--n-en", min=0, help="English sentence count (default: from run.json or ids)."
        ),
    ) -> None:
        """Score PRED against GOLD: strict and lax group scores, links and omissions."""
        if src_lang not in ("zh", "en"):
            raise AlignError(f"--src-lang must be zh or en, not {src_lang!r}")
        pred_file, run_info = _prediction_file(pred)
        n_zh = run_info.get("zh_sentences") if n_zh is None else n_zh
        n_en = run_info.get("en_sentences") if n_en is None else n_en
        test = read_alignment(pred_file)
        gold_groups = read_alignment(gold)
        if src_lang == "en":
            gold_groups = swap_groups(gold_groups)
        for groups, path in ((test, pred_file), (gold_groups, gold)):
            _check_range(groups, path, 0, n_zh)
            _check_range(groups, path, 1, n_en)
        evaluation = evaluate(test, gold_groups, n_zh, n_en)
        if as_json:
            payload = {
                "pred": str(pred_file),
                "gold": str(gold),
                "src_lang": src_lang,
                "pred_groups": len(test),
                "gold_groups": len(gold_groups),
                "scores": evaluation.to_dict(),
            }
            typer.echo(json.dumps(payload, indent=1))
            return
        metrics = dict(SUMMARY_METRICS) if summary else {**GROUP_METRICS, **SUMMARY_METRICS}
        typer.echo(f"pred: {pred_file} ({len(test)} groups)")
        typer.echo(f"gold: {gold} ({len(gold_groups)} groups, first side {src_lang})")
        typer.echo(format_table(evaluation, metrics))
