"""`align run CORPUS...`: align corpus folders and write their output folders."""

from __future__ import annotations

import sys
from pathlib import Path

import typer
from tqdm import tqdm

from ..config import Direction, Mode
from ..embed.encoders import DEFAULT_MODEL
from ..errors import AlignError
from ..runner import RunOptions, run_many
from .options import groups_asked

__all__ = [
    "register",
    "run",
]


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
        0, help="Corpora aligned in parallel (default: one per core when given several)."
    ),
    coverage: bool = typer.Option(
        True, help="Judge which parts of each linked sentence the other side renders "
        "(coverage.tsv); --no-coverage leaves it out."
    ),
    cache: bool = typer.Option(True, help="Reuse embeddings cached on disk (ALIGN_CACHE_DIR)."),
    force: bool = typer.Option(False, help="Replace an --out folder that is not an align output."),
    progress: bool = typer.Option(
        None, help="Show a progress bar (default: when stderr is a terminal)."
    ),
) -> None:
    """Align each corpus and write alignment.tsv, alignment.align and the rest."""
    chosen_mode, chosen_direction = Mode.parse(mode), Direction.parse(direction)
    show = sys.stderr.isatty() if progress is None else progress
    several = len(corpora) > 1
    bar = tqdm(
        total=len(corpora) if several else None, desc="corpora" if several else "embedding",
        unit=" corpus" if several else " sent", disable=not show, file=sys.stderr,
    )
    options = RunOptions(
        mode=chosen_mode, model=model, presplit=presplit, use_cache=cache, force=force,
        groups=groups_asked(fast), direction=chosen_direction, coverage=coverage,
        progress=None if several else bar.update,
    )
    targets = [
        (corpus, out / corpus.name if several else out)
        if out else (corpus, Path("outputs") / corpus.resolve().name)
        for corpus in corpora
    ]
    failures = 0
    for outcome in run_many(targets, options, jobs or None):
        bar.clear()
        if outcome.error:
            if not several:
                bar.close()
                raise AlignError(outcome.error)
            failures += 1
            print(f"align: error: {outcome.error}", file=sys.stderr)
        else:
            print(outcome.summary.line())
        if several:
            bar.update(1)
    bar.close()
    if failures:
        print(f"align: {failures} of {len(corpora)} corpora failed", file=sys.stderr)
        raise typer.Exit(1)
