"""`align export OUT_DIR --format tsv|jsonl|tmx|xlsx`: the alignment in other formats."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from ..review.export import export

__all__ = [
    "register",
]


def register(app: typer.Typer) -> None:
    @app.command("export")
    def export_command(
        out_dir: Annotated[Path, typer.Argument(help="An output folder written by `align run`.")],
        fmt: Annotated[str, typer.Option(
            "--format",
            "-f",
            help="tsv (every unit, the default), jsonl (every unit, for scripts), tmx (TMX 1.4, "
            "aligned units only, for CAT tools) or xlsx (Excel, flagged rows coloured).",
        )] = "tsv",
        output: Annotated[Path | None, typer.Option(
            "--output", "-o", help="File to write (default: OUT_DIR/export.FORMAT)."
        )] = None,
    ) -> None:
        """Write the alignment of OUT_DIR as TSV, JSON Lines, TMX or Excel."""
        fmt = fmt.lower()
        path = export(out_dir, fmt, output)
        typer.echo(f"wrote {path}")

