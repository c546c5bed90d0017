"""What the commands' shared flags ask of the library."""

from __future__ import annotations


def groups_asked(fast: bool | None) -> str | None:
    """The groups mode --fast/--no-fast ask for (`pipeline.GROUPS`); None: the aligner
    chooses by the texts' length."""
    if fast is None:
        return None
    return "fast" if fast else "accurate"
