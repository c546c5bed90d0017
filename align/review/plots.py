"""Figures for a reviewer: the similarity heat map with the chosen links, coverage bars.

They are built on matplotlib's Agg canvas directly: no pyplot state, no window, and
matplotlib is imported only when a figure is drawn.
"""

from __future__ import annotations

import io
from typing import TYPE_CHECKING

import numpy as np

from ..io.outputs import split_ids
from ..records import ALIGNED, ZH_ONLY
from .frames import Review
from .tables import coverage

if TYPE_CHECKING:
    from matplotlib.figure import Figure

__all__ = ["NO_SIMILARITY", "figure_png", "plot_coverage", "plot_heatmap"]

NO_SIMILARITY = (
    "similarity.npy is not in this output folder: `align run` leaves it out when "
    "Chinese x English sentences exceed 4 million, so there is no heat map for this run."
)


def _figure(width: float, height: float) -> Figure:
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    figure = Figure(figsize=(width, height), layout="constrained")
    FigureCanvasAgg(figure)
    return figure


def _runs(ids: list[int]) -> list[tuple[int, int]]:
    """[3, 4, 5, 9] -> [(3, 5), (9, 9)]: the contiguous stretches of a list of ids."""
    runs: list[tuple[int, int]] = []
    for i in sorted(ids):
        if runs and i == runs[-1][1] + 1:
            runs[-1] = (runs[-1][0], i)
        else:
            runs.append((i, i))
    return runs


def plot_heatmap(review: Review) -> Figure:
    """Similarity (Chinese rows x English columns) with the chosen links outlined.

    Flagged Chinese sentences are marked on the left edge, and the best candidate of
    each flagged sentence is crossed, so a reviewer sees what it nearly matched.
    Without similarity.npy the figure carries the reason instead of a picture.
    """
    if review.similarity is None:
        figure = _figure(7, 1.2)
        figure.text(0.5, 0.5, NO_SIMILARITY, ha="center", va="center", wrap=True, fontsize=10)
        return figure
    from matplotlib.collections import PatchCollection
    from matplotlib.patches import Rectangle

    matrix = review.similarity
    n_zh, n_en = matrix.shape
    height = float(np.clip(0.16 * n_zh + 1.5, 3.5, 14))
    width = float(np.clip(0.3 * n_en + 3, 5, 12))
    figure = _figure(width, height)
    axes = figure.add_subplot()
    # Scores are margins whose range depends on the mode and model: stretch to the data.
    image = axes.imshow(matrix, aspect="auto", cmap="Greys",
                        interpolation="nearest" if max(n_zh, n_en) <= 300 else "antialiased")
    figure.colorbar(image, ax=axes, label="score", shrink=0.8)
    boxes, crosses, flagged_zh, flagged_en = [], [], [], []
    for _, unit in review.alignment.iterrows():
        zh_ids, en_ids, best = (split_ids(unit[c]) for c in ("zh_ids", "en_ids", "best_ids"))
        if unit["status"] == ALIGNED:  # a summary may link non-adjacent sentences: box each run
            boxes += [Rectangle((first_en - 0.5, first_zh - 0.5), last_en - first_en + 1,
                                last_zh - first_zh + 1)
                      for first_zh, last_zh in _runs(zh_ids) for first_en, last_en in _runs(en_ids)]
        elif unit["status"] == ZH_ONLY:
            flagged_zh += zh_ids
            crosses += [(j, i) for i in zh_ids for j in best]
        else:
            flagged_en += en_ids
            crosses += [(j, i) for j in en_ids for i in best]
    axes.add_collection(PatchCollection(boxes, facecolor="none", edgecolor="#d9480f",
                                        linewidth=1.5, label="chosen link"))
    if crosses:
        x, y = zip(*crosses, strict=True)
        axes.scatter(x, y, marker="x", color="#1971c2", s=30, label="best candidate of a flag")
    if flagged_zh:
        axes.scatter([-0.5] * len(flagged_zh), flagged_zh, marker=">", color="#e8590c", s=25,
                     clip_on=False, label="zh_only sentence")
    if flagged_en:
        axes.scatter(flagged_en, [-0.5] * len(flagged_en), marker="v", color="#1c7ed6", s=25,
                     clip_on=False, label="en_only sentence")
    axes.set_xlim(-0.5, n_en - 0.5)
    axes.set_ylim(n_zh - 0.5, -0.5)
    if n_en <= 40:
        axes.set_xticks(range(n_en))
    if n_zh <= 80:
        axes.set_yticks(range(n_zh))
        axes.tick_params(axis="y", labelsize=7)
    axes.set_xlabel("English sentence id")
    axes.set_ylabel("Chinese sentence id")
    axes.xaxis.set_label_position("top")
    axes.xaxis.tick_top()
    axes.legend(loc="upper left", bbox_to_anchor=(0, -0.01), ncol=2, fontsize=8, frameon=False)
    return figure


def plot_coverage(review: Review) -> Figure:
    """Share of each section's Chinese characters and sentences that the English renders.

    Bars are numbered like the rows of `coverage(review)`: plot fonts have no Chinese.
    """
    table = coverage(review)
    labels = list(table.index)
    figure = _figure(7, float(np.clip(0.35 * len(table) + 1.4, 2.2, 10)))
    axes = figure.add_subplot()
    y = np.arange(len(table))
    axes.barh(y - 0.2, table["character %"], height=0.4, color="#d9480f", label="characters")
    axes.barh(y + 0.2, table["sentence %"], height=0.4, color="#868e96", label="sentences")
    axes.set_yticks(y, labels)
    axes.invert_yaxis()
    axes.set_xlim(0, 100)
    axes.set_xlabel("% of the Chinese rendered by the English")
    axes.set_ylabel("section (row of the coverage table)")
    axes.legend(loc="lower right", fontsize=8)
    return figure


def figure_png(figure: Figure, dpi: int = 110) -> bytes:
    """A figure as PNG bytes (for the HTML report)."""
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=dpi)
    return buffer.getvalue()
