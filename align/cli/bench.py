"""`align bench DIR`: align every text of a gold benchmark folder and print one score table."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from ..bench.run import PageResult, TextResult, format_markdown, run_bench
from ..errors import InputError
from .options import groups_asked

__all__ = [
    "register",
]


def _write(path: Path, text: str) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    except OSError as exc:
        raise InputError(path, f"cannot be written ({exc.strerror or exc})") from None


def _progress(item: TextResult | PageResult) -> None:
    typer.echo(item.line(), err=True)


def register(app: typer.Typer) -> None:
    @app.command("bench")
    def bench_command(
        bench_dir: Annotated[
            Path,
            typer.Argument(
                help="A benchmark folder: src/ tgt/ gold/, summary folders (zh.txt, en.txt, "
                "gold.align), page folders (page.txt, gold.json), or a folder of those."
            ),
        ],
        mode: Annotated[
            str | None,
            typer.Option(
                help="translation, summary or auto (default: translation for src/tgt "
                "corpora, summary for summary folders, auto for pages)."
            ),
        ] = None,
        model: Annotated[
            str | None, typer.Option(help="Sentence encoder (as for `align run`).")
        ] = None,
        fast: Annotated[
            bool | None,
            typer.Option(
                "--fast/--no-fast",
                help="As for `align run`: --fast averages sentence vectors for groups, "
                "--no-fast keeps the clause edges over 20,000 sentences.",
                show_default=False,
            ),
        ] = None,
        text: Annotated[
            list[str] | None,
            typer.Option("--text", help="Only this text (e.g. 001 or mac-dev-001); repeatable."),
        ] = None,
        markdown: Annotated[
            Path | None, typer.Option("--markdown", help="Also write the table to this file.")
        ] = None,
        json_file: Annotated[
            Path | None, typer.Option("--json", help="Also write every score as JSON here.")
        ] = None,
    ) -> None:
        """Align each text, score it against its gold and print one table (micro-averaged)."""
        result = run_bench(
            bench_dir, mode=mode, model=model, names=text, progress=_progress,
            groups=groups_asked(fast),
        )
        table = format_markdown(result)
        typer.echo(table, nl=False)
        if markdown is not None:
            _write(markdown, table)
        if json_file is not None:
            _write(json_file, json.dumps(result.to_dict(), indent=1) + "\n")
