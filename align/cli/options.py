"""What the commands' shared flags ask of the library."""

from __future__ import annotations

from ..config import Groups

__all__ = [
    "groups_asked",
]


def groups_asked(fast: bool | None) -> Groups:
    """The groups mode --fast/--no-fast ask for; neither: AUTO, by the texts' length."""
    if fast is None:
        return Groups.AUTO
    return Groups.FAST if fast else Groups.ACCURATE
