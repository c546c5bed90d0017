"""Errors a user can fix: the CLI prints them as one line and exits non-zero."""

from __future__ import annotations

from pathlib import Path

__all__ = [
    "AlignError",
    "InputError",
]


class AlignError(Exception):
    """A problem with the user's input or options, worded for the user."""


class InputError(AlignError):
    """A file or folder the user gave cannot be used; the message names it."""

    def __init__(self, path: str | Path, problem: str) -> None:
        self.path = Path(path)
        self.problem = problem
        super().__init__(f"{self.path}: {problem}")
