"""`align run CORPUS...`: align corpus folders and write their output folders."""

from __future__ import annotations

import sys
from pathlib import Path

import typer
from tqdm import tqdm

from ..encoders import DEFAULT_MODEL, get_encoder
from ..errors import AlignError
from ..pipeline import MODES, RunOptions, run_corpus


def register(app: typer.Typer) -> None:
    app.command("run")(run)


def run(
    corpora: list[Path] = typer.Argument(
        ..., help="Corpus folders: zh.txt + en.txt, or one raw bilingual page (.txt)."
    ),
    out: Path = typer.Option(
        None, "--out", "-o",
        help="Output folder (default outputs/<corpus>); with several corpora, their parent.",
    ),
    mode: str = typer.Option(
        "auto", help=f"One of {', '.join(MODES)}: auto picks by how much shorter the English is."
    ),
    model: str = typer.Option(
        DEFAULT_MODEL,
        help="use (offline default), e5, use+e5, or a sentence-transformers name or path, "
        "e.g. sentence-transformers/LaBSE where a model hub is reachable.",
    ),
    presplit: bool = typer.Option(
        False, help="zh.txt/en.txt hold one sentence per line (id = 0-based line number)."
    ),
    cache: bool = typer.Option(True, help="Reuse embeddings cached on disk (ALIGN_CACHE_DIR)."),
    force: bool = typer.Option(False, help="Replace an --out folder that is not an align output."),
    progress: bool = typer.Option(
        None, help="Show a progress bar (default: when stderr is a terminal)."
    ),
) -> None:
    """Align each corpus and write alignment.tsv, alignment.align and the rest."""
    if mode not in MODES:
        raise AlignError(f"--mode {mode!r} is not one of {', '.join(MODES)}")
    show = sys.stderr.isatty() if progress is None else progress
    bar = tqdm(desc="embedding", unit=" sent", disable=not show, file=sys.stderr)
    options = RunOptions(
        mode=mode, model=model, presplit=presplit, use_cache=cache, force=force,
        encoder=get_encoder(model), progress=bar.update,
    )
    failures = 0
    for corpus in corpora:
        target = (out / corpus.name if len(corpora) > 1 else out) if out else (
            Path("outputs") / corpus.resolve().name
        )
        try:
            summary = run_corpus(corpus, target, options)
        except AlignError as exc:
            if len(corpora) == 1:
                raise
            failures += 1
            bar.clear()
            print(f"align: error: {exc}", file=sys.stderr)
            continue
        bar.clear()
        print(summary.line())
    bar.close()
    if failures:
        print(f"align: {failures} of {len(corpora)} corpora failed", file=sys.stderr)
        raise typer.Exit(1)
