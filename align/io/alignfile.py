"""Read and write alignment files in the Vecalign/Bertalign format: `[0,1]:[0]`."""

from __future__ import annotations

import re
from pathlib import Path

from ..errors import InputError
from ..records import Group

__all__ = [
    "format_alignment",
    "format_group",
    "parse_line",
    "read_alignment",
]

_LINE = re.compile(r"^\[([\d,\s]*)\]\s*:\s*\[([\d,\s]*)\]$")


def _ids(text: str) -> list[int]:
    return [int(part) for part in text.split(",") if part.strip()]


def parse_line(line: str) -> Group:
    """`[0,1]:[]` -> ([0, 1], []); raises ValueError on anything else."""
    match = _LINE.match(line.strip())
    if not match:
        raise ValueError(f"not an alignment line: {line.strip()!r}")
    return _ids(match.group(1)), _ids(match.group(2))


def format_group(src_ids: list[int], tgt_ids: list[int]) -> str:
    return f"[{','.join(map(str, src_ids))}]:[{','.join(map(str, tgt_ids))}]"


def read_alignment(path: str | Path) -> list[Group]:
    """All groups of an alignment file; a malformed line is an InputError naming its number."""
    path = Path(path)
    try:
        lines = path.read_text(encoding="utf-8-sig").splitlines()
    except FileNotFoundError:
        raise InputError(path, "no such file") from None
    except (UnicodeDecodeError, IsADirectoryError) as exc:
        raise InputError(
            path, f"cannot be read as an alignment file ({exc.__class__.__name__})"
        ) from None
    groups = []
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            groups.append(parse_line(line))
        except ValueError:
            raise InputError(
                path, f"line {number} is not `[ids]:[ids]`: {line.strip()[:60]!r}"
            ) from None
    return groups


def format_alignment(groups: list[Group]) -> str:
    return "".join(format_group(src, tgt) + "\n" for src, tgt in groups)
