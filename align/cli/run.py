"""`align run CORPUS...`: align corpus folders and write their output folders; many
corpora (a parent folder, a manifest) go through `align.batch` on a local pool or Dask."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

import typer
from tqdm import tqdm

from ..config import Direction, Mode
from ..embed.encoders import DEFAULT_MODEL
from ..errors import AlignError
from ..runner import RunOptions, run_many
from .options import groups_asked

if TYPE_CHECKING:
    from ..batch.inputs import Job
    from ..batch.task import ChunkReport

__all__ = [
    "register",
    "run",
]

ENGINES = ("local", "dask")


def register(app: typer.Typer) -> None:
    app.command("run")(run)


def run(
    corpora: list[Path] = typer.Argument(
        ..., help="Corpus folders (zh.txt + en.txt, or one raw bilingual page .txt), parent "
        "folders of corpora, or a manifest (.csv/.parquet: id, zh + en or page, mode).",
    ),
    out: Path = typer.Option(
        None, "--out", "-o",
        help="Output folder (default outputs/<corpus>); with several corpora, their parent.",
    ),
    mode: str = typer.Option(
        "auto", help=f"One of {', '.join(m.value for m in Mode)}: auto picks by how much "
        "shorter one side is than a translation of the other would be."
    ),
    direction: str = typer.Option(
        "auto", help="For a summary: zh->en (a Chinese article, English renders part of it) "
        "or en->zh; auto: the longer side is the article.",
    ),
    model: str = typer.Option(
        DEFAULT_MODEL,
        help="use (offline default), e5, use+e5, or a sentence-transformers name or path, "
        "e.g. sentence-transformers/LaBSE where a model hub is reachable.",
    ),
    presplit: bool = typer.Option(
        False, help="zh.txt/en.txt hold one sentence per line (id = 0-based line number)."
    ),
    fast: bool | None = typer.Option(
        None, "--fast/--no-fast", help="--fast: average sentence vectors for groups and leave "
        "out clause edges (about twice as fast, a little less accurate in translation mode). "
        "--no-fast: the accurate mode even over 20,000 sentences, where it otherwise leaves "
        "out the clause edges (about twice the time and memory; README).",
        show_default=False,
    ),
    jobs: int = typer.Option(
        0, help="Corpora aligned in parallel (default: one per core when given several; "
        "with --engine dask, the LocalCluster's worker processes)."
    ),
    engine: str = typer.Option(
        "local", help="local: a process pool on this machine; dask: dask.distributed "
        "(a LocalCluster, or the cluster at --scheduler).",
    ),
    scheduler: str = typer.Option(
        None, help="Address of a running Dask scheduler to join (implies --engine dask).",
    ),
    dataset: Path = typer.Option(
        None, help="Write one Parquet dataset (units/, sentences/, coverage/, runs/) that "
        "later runs add to; per-corpus folders only where --out is given too.",
    ),
    coverage: bool = typer.Option(
        True, help="Judge which parts of each linked sentence the other side renders "
        "(coverage.tsv); --no-coverage leaves it out."
    ),
    cache: bool = typer.Option(True, help="Reuse embeddings cached on disk (ALIGN_CACHE_DIR)."),
    force: bool = typer.Option(
        False, help="Replace an --out folder that is not an align output; with many corpora, "
        "redo those already done.",
    ),
    progress: bool = typer.Option(
        None, help="Show a progress bar (default: when stderr is a terminal; with many "
        "corpora and no terminal, a plain line every 30 s; --no-progress: neither)."
    ),
) -> None:
    """Align each corpus and write alignment.tsv, alignment.align and the rest."""
    from ..batch.inputs import find_jobs

    chosen_mode, chosen_direction = Mode.parse(mode), Direction.parse(direction)
    if engine not in ENGINES:
        raise AlignError(f"unknown engine {engine!r}; choose one of {', '.join(ENGINES)}")
    engine = "dask" if scheduler else engine
    show = sys.stderr.isatty() if progress is None else progress
    options = RunOptions(
        mode=chosen_mode, model=model, presplit=presplit, use_cache=cache, force=force,
        groups=groups_asked(fast), direction=chosen_direction, coverage=coverage,
    )
    found = find_jobs(corpora)
    one_folder = len(found) == 1 and found[0].folder == corpora[0]
    if engine == "local" and dataset is None and one_folder:
        _run_one(corpora[0], out, options, show)
        return
    _run_archive(found, out, dataset, options, engine, scheduler, jobs, show, progress is not False)


def _run_one(corpus: Path, out: Path | None, options: RunOptions, show: bool) -> None:
    """One corpus folder: a bar of sentences embedded, its summary, its error as one line."""
    bar = tqdm(desc="embedding", unit=" sent", disable=not show, file=sys.stderr)
    options.progress = bar.update
    target = out or Path("outputs") / corpus.resolve().name
    try:
        for outcome in run_many([(corpus, target)], options, 1):
            bar.clear()
            if outcome.error:
                raise AlignError(outcome.error)
            print(outcome.summary.line())
    finally:
        bar.close()


def _run_archive(
    found: list[Job], out: Path | None, dataset: Path | None, options: RunOptions, engine: str,
    scheduler: str | None, jobs: int, show: bool, lines: bool,
) -> None:
    """Many corpora: skip what is done, report each failure in one line, exit 1 if any."""
    from ..batch.archive import ArchivePlan, run_archive
    from ..batch.dataset import check_dataset
    from .progress import ArchiveProgress

    if dataset is not None:
        check_dataset(dataset)
    plan = ArchivePlan(
        out_root=out if out or dataset else Path("outputs"), dataset=dataset, force=options.force,
    )
    if engine == "dask":
        from ..batch.cluster import DaskEngine

        runner = DaskEngine(scheduler, jobs or None)
    else:
        import os

        from ..batch.pool import LocalEngine

        runner = LocalEngine(min(jobs or os.cpu_count() or 1, len(found)))
    shown = ArchiveProgress(bar=show, lines=lines)

    def on_report(report: ChunkReport) -> None:
        for corpus in report.corpora:
            if corpus.error:
                shown.message(f"align: error: {corpus.error}", sys.stderr)
            elif plan.out_root is not None:
                shown.message(corpus.line, sys.stdout)
        shown.update(len(report.corpora))

    try:
        with runner:
            if runner.dashboard:
                print(f"align: Dask dashboard at {runner.dashboard}", file=sys.stderr)
            totals = run_archive(found, options, runner, plan, on_report, shown.start)
    finally:
        shown.close()
    if totals.skipped:
        print(f"align: {totals.skipped} of {totals.total} corpora already done, skipped "
              "(--force redoes them)", file=sys.stderr)
    if dataset is not None:
        print(f"align: {totals.done} corpora aligned ({totals.sentences:,} sentences) in "
              f"{totals.seconds:.1f} s -> {dataset}", file=sys.stderr)
    if totals.failed:
        print(f"align: {totals.failed} of {totals.total} corpora failed", file=sys.stderr)
        raise typer.Exit(1)
