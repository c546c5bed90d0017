"""Reviewing a run: its output folder as DataFrames, the tables and figures a reviewer
reads, the HTML report, the exports, and the figures check.

For notebooks and scripts: `from align import review; r = review.load("outputs/q7x2")`,
then `review.side_by_side(r)`, `review.flagged(r)`, `review.coverage(r)`,
`review.plot_heatmap(r)` and the rest of the names below. They load their modules (and
pandas, matplotlib) on first use, so the figures check imports without them.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

# public name -> the module that defines it
_EXPORTS = {
    **dict.fromkeys(("ALIGNMENT_COLUMNS", "FIGURE_COLUMNS", "SENTENCE_COLUMNS", "split_ids"),
                    "..io.outputs"),
    "STATUSES": "..records",
    **dict.fromkeys(("DEFAULT_DIR", "ENV_DIR", "Review", "default_dir", "from_tables", "load"),
                    ".frames"),
    **dict.fromkeys(("NO_SIMILARITY", "figure_png", "plot_coverage", "plot_heatmap"), ".plots"),
    **dict.fromkeys(
        ("FIGURE_COLOURS", "NO_FIGURES", "NO_HEADING", "STATUS_COLOURS", "WHOLE", "coverage",
         "explain_flagged", "figures_check", "flagged", "has_headings", "overview",
         "rendered_zh", "side_by_side", "style", "style_coverage"),
        ".tables",
    ),
}

__all__ = [
    "ALIGNMENT_COLUMNS",
    "DEFAULT_DIR",
    "ENV_DIR",
    "FIGURE_COLOURS",
    "FIGURE_COLUMNS",
    "NO_FIGURES",
    "NO_HEADING",
    "NO_SIMILARITY",
    "SENTENCE_COLUMNS",
    "STATUSES",
    "STATUS_COLOURS",
    "WHOLE",
    "Review",
    "coverage",
    "default_dir",
    "explain_flagged",
    "figure_png",
    "figures_check",
    "flagged",
    "from_tables",
    "has_headings",
    "load",
    "overview",
    "plot_coverage",
    "plot_heatmap",
    "rendered_zh",
    "side_by_side",
    "split_ids",
    "style",
    "style_coverage",
]

if TYPE_CHECKING:
    from ..io.outputs import ALIGNMENT_COLUMNS, FIGURE_COLUMNS, SENTENCE_COLUMNS, split_ids
    from ..records import STATUSES
    from .frames import DEFAULT_DIR, ENV_DIR, Review, default_dir, from_tables, load
    from .plots import NO_SIMILARITY, figure_png, plot_coverage, plot_heatmap
    from .tables import (
        FIGURE_COLOURS,
        NO_FIGURES,
        NO_HEADING,
        STATUS_COLOURS,
        WHOLE,
        coverage,
        explain_flagged,
        figures_check,
        flagged,
        has_headings,
        overview,
        rendered_zh,
        side_by_side,
        style,
        style_coverage,
    )


def __getattr__(name: str) -> object:
    if name not in _EXPORTS:
        raise AttributeError(f"module 'align.review' has no attribute {name!r}")
    value = getattr(importlib.import_module(_EXPORTS[name], __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_EXPORTS))
