"""The `align` command line: parses options, calls the library, prints.

Each command lives in `align/cli/<name>.py` with a `register(app)` function.
A user's mistake (an AlignError) is printed as one line with a non-zero exit.
"""

from __future__ import annotations

import importlib
import signal
import sys
import warnings

import typer

from ..errors import AlignError

COMMAND_MODULES = ("run", "export", "eval", "bench")

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    help="Align Chinese-English texts and flag content with no counterpart.",
    pretty_exceptions_enable=False,
)

for _name in COMMAND_MODULES:
    importlib.import_module(f"align.cli.{_name}").register(app)


def _one_line(message, category, filename, lineno, line=None) -> str:  # noqa: ANN001
    """A library warning (a damaged cache set aside) as one line, like an error."""
    return f"align: warning: {message}\n"


def _interrupted(exc: BaseException) -> bool:
    """Ctrl-C: typer turns the KeyboardInterrupt into a silent exit 130, with the
    interrupt left in the exit's chain of causes."""
    if isinstance(exc, SystemExit) and exc.code != 130:
        return False
    seen: BaseException | None = exc
    while seen is not None:
        if isinstance(seen, KeyboardInterrupt):
            return True
        seen = seen.__cause__ or seen.__context__
    return False


def _finished() -> None:
    """The command is over and has said so: a Ctrl-C while the interpreter winds down
    (worker pools and their threads closing) must not turn it into a death by signal."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def main() -> None:
    warnings.formatwarning = _one_line
    try:
        app()
    except AlignError as exc:
        print(f"align: error: {exc}", file=sys.stderr)
        sys.exit(2)
    except (KeyboardInterrupt, SystemExit) as exc:
        if not _interrupted(exc):
            raise
        print("align: interrupted", file=sys.stderr)
        sys.exit(130)
    finally:
        _finished()
