"""Load an output folder into DataFrames and draw what a reviewer needs to judge it.

The notebook (notebooks/review.ipynb), the HTML report and the exports all read
the folder through `load`, so they agree on what a row, a flag and a score are.
Figures are built on matplotlib's Agg canvas directly: no pyplot state, no window.
"""

from __future__ import annotations

import io
import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from ..errors import InputError
from ..records import ALIGNED, EN_ONLY, ZH_ONLY

if TYPE_CHECKING:  # matplotlib is imported only when a figure is drawn
    from matplotlib.figure import Figure
    from pandas.io.formats.style import Styler

ALIGNMENT_COLUMNS = [
    "zh_ids", "en_ids", "zh", "en", "score", "status",
    "best_ids", "best_score", "zh_kind", "section",
]
SENTENCE_COLUMNS = ["lang", "id", "kind", "section", "text"]
STATUSES = (ALIGNED, ZH_ONLY, EN_ONLY)
# One palette for the notebook, the Excel export and the HTML report.
STATUS_COLOURS = {ALIGNED: "", ZH_ONLY: "#ffd8a8", EN_ONLY: "#c5dcff"}
# figures.tsv (written by align.review.figures, whose docstring documents the columns).
FIGURE_COLUMNS = ["en_id", "zh_ids", "en_text", "en_value", "kind", "zh_text", "zh_value",
                  "zh_id", "status", "note"]
FIGURE_COLOURS = {"differs": "#ffc9c9", "unsourced": "#ffec99", "matched": "", "omitted": "#f1f3f5"}
FIGURE_PROBLEMS = ("differs", "unsourced")
NO_FIGURES = "No figures.tsv in this output folder: the figures check did not run for it."
DEFAULT_DIR = Path("outputs") / "q7x2"
ENV_DIR = "ALIGN_REVIEW_DIR"
NO_SIMILARITY = (
    "similarity.npy is not in this output folder: `align run` leaves it out when "
    "Chinese x English sentences exceed 4 million, so there is no heat map for this run."
)
NO_HEADING = "(before the first heading)"
WHOLE = "(whole article)"


@dataclass
class Review:
    """Everything an output folder holds, as tables (see the output folder contract)."""

    path: Path
    alignment: pd.DataFrame  # alignment.tsv; score/best_score as floats, ids as "0,1" strings
    sentences: pd.DataFrame  # sentences.tsv: lang id kind section text
    run: dict
    similarity: np.ndarray | None  # zh x en calibrated scores, None when not written
    figures: pd.DataFrame | None  # figures.tsv when the figures check wrote one

    def side(self, lang: str) -> pd.DataFrame:
        """The sentences of one side ("zh" or "en"), indexed by id."""
        return self.sentences[self.sentences["lang"] == lang].set_index("id").sort_index()


def split_ids(text: str) -> list[int]:
    """ "3,4" -> [3, 4]; "" -> []."""
    return [int(part) for part in str(text).split(",") if part.strip()]


def default_dir() -> Path:
    """$ALIGN_REVIEW_DIR if set, else outputs/q7x2 found from here or a parent folder."""
    if os.environ.get(ENV_DIR):
        return Path(os.environ[ENV_DIR])
    here = Path.cwd().resolve()
    for folder in (here, *here.parents):
        if (folder / DEFAULT_DIR).is_dir():
            return folder / DEFAULT_DIR
    return DEFAULT_DIR


def _read_tsv(path: Path, columns: list[str]) -> pd.DataFrame:
    try:
        frame = pd.read_csv(path, sep="\t", dtype=str, keep_default_na=False)
    except FileNotFoundError:
        raise InputError(path, "no such file") from None
    except (pd.errors.ParserError, pd.errors.EmptyDataError, UnicodeDecodeError) as exc:
        raise InputError(path, f"is not a readable TSV table ({exc.__class__.__name__})") from None
    missing = [name for name in columns if name not in frame.columns]
    if missing:
        raise InputError(path, f"lacks column(s) {', '.join(missing)}")
    return frame


def _floats(frame: pd.DataFrame, column: str, path: Path) -> pd.Series:
    values = pd.to_numeric(frame[column].replace("", np.nan), errors="coerce")
    bad = values.isna() & (frame[column] != "")
    if bad.any():
        row = int(bad.to_numpy().nonzero()[0][0]) + 2  # +1 header, +1 for 1-based lines
        value = frame[column][bad].iloc[0]
        raise InputError(path, f"line {row}: {column} {value!r} is not a number")
    return values.astype(float)


def _read_alignment(path: Path) -> pd.DataFrame:
    frame = _read_tsv(path, ALIGNMENT_COLUMNS)[ALIGNMENT_COLUMNS].copy()
    frame["score"] = _floats(frame, "score", path)
    frame["best_score"] = _floats(frame, "best_score", path)
    unknown = sorted(set(frame["status"]) - set(STATUSES))
    if unknown:
        raise InputError(path, f"unknown status {unknown[0]!r} (expected {', '.join(STATUSES)})")
    for column in ("zh_ids", "en_ids", "best_ids"):
        try:
            frame[column].map(split_ids)
        except ValueError:
            raise InputError(path, f"column {column} holds something other than ids") from None
    return frame


def _read_sentences(folder: Path) -> pd.DataFrame:
    """sentences.tsv, or the two .sentences.txt files when it is absent."""
    path = folder / "sentences.tsv"
    if path.exists():
        frame = _read_tsv(path, SENTENCE_COLUMNS)[SENTENCE_COLUMNS].copy()
        try:
            frame["id"] = frame["id"].astype(int)
        except ValueError:
            raise InputError(path, "column id holds something other than integers") from None
        return frame
    rows = []
    for lang in ("zh", "en"):
        side = folder / f"{lang}.sentences.txt"
        if not side.exists():
            raise InputError(folder, "has neither sentences.tsv nor zh/en.sentences.txt")
        lines = side.read_text(encoding="utf-8").split("\n")
        if lines and lines[-1] == "":
            lines.pop()
        rows += [(lang, i, "body", "", text) for i, text in enumerate(lines)]
    return pd.DataFrame(rows, columns=SENTENCE_COLUMNS)


def load(path: str | Path) -> Review:
    """Read an output folder written by `align run`; a missing or bad file is an InputError."""
    folder = Path(path)
    if not folder.is_dir():
        raise InputError(folder, "no such output folder (run `align run CORPUS` first)")
    alignment = _read_alignment(folder / "alignment.tsv")
    sentences = _read_sentences(folder)
    run: dict = {}
    if (folder / "run.json").exists():
        try:
            run = json.loads((folder / "run.json").read_text(encoding="utf-8"))
        except json.JSONDecodeError as exc:
            raise InputError(folder / "run.json", f"is not valid JSON ({exc.msg})") from None
    similarity = None
    if (folder / "similarity.npy").exists():
        similarity = np.load(folder / "similarity.npy", allow_pickle=False)
        shape = ((sentences["lang"] == "zh").sum(), (sentences["lang"] == "en").sum())
        if similarity.shape != shape:
            raise InputError(
                folder / "similarity.npy",
                f"has shape {similarity.shape}, but the folder has {shape[0]} Chinese "
                f"and {shape[1]} English sentences",
            )
    figures = None
    if (folder / "figures.tsv").exists():
        figures = _read_tsv(folder / "figures.tsv", FIGURE_COLUMNS)
    return Review(folder, alignment, sentences, run, similarity, figures)


def overview(review: Review) -> pd.DataFrame:
    """The run's facts (run.json) plus counts taken from the table itself."""
    counts = review.alignment["status"].value_counts()
    facts = {key: value for key, value in review.run.items() if not isinstance(value, dict | list)}
    for status in STATUSES:  # counted from the table when run.json lacks them
        facts.setdefault(status, int(counts.get(status, 0)))
    return pd.DataFrame({"value": [str(value) for value in facts.values()]}, index=list(facts))


def side_by_side(review: Review) -> pd.DataFrame:
    """The article in reading order: each Chinese unit beside the English it is aligned to.

    `score` is the link's score for aligned rows and the best candidate's score for
    flagged rows (marked by `best`), so every row says how close it came.
    """
    frame = review.alignment
    flagged_rows = frame["status"] != ALIGNED
    table = pd.DataFrame({
        "zh_ids": frame["zh_ids"],
        "zh": frame["zh"],
        "en": frame["en"],
        "en_ids": frame["en_ids"],
        "status": frame["status"],
        "score": frame["score"].where(~flagged_rows, frame["best_score"]).round(3),
        "best": frame["best_ids"].where(flagged_rows, ""),
        "section": frame["section"],
    })
    return table


def flagged(review: Review) -> pd.DataFrame:
    """Only the rows with no counterpart (zh_only, en_only)."""
    table = side_by_side(review)
    return table[table["status"] != ALIGNED]


def style(table: pd.DataFrame) -> Styler:
    """Colour flagged rows (orange: Chinese only, blue: English only) for display.

    Figures-check rows are coloured by their status too (red: differs, yellow: unsourced).
    """

    def colour(row: pd.Series) -> list[str]:
        status = row.get("status", ALIGNED)
        fill = STATUS_COLOURS.get(status) or FIGURE_COLOURS.get(status, "")
        return [f"background-color: {fill}" if fill else "" for _ in row]

    styler = table.style.apply(colour, axis=1).format(precision=3, na_rep="")
    styler = styler.hide(axis="index")
    return styler.set_properties(**{"text-align": "left", "white-space": "normal"})


def style_coverage(table: pd.DataFrame) -> Styler:
    """Coverage shares drawn as bars inside the table cells (0-100 %)."""
    shares = [name for name in ("sentence %", "character %") if name in table.columns]
    return table.style.bar(subset=shares, vmin=0, vmax=100, color="#ffa94d").format(precision=1)


def figures_check(review: Review) -> pd.DataFrame:
    """figures.tsv, problems first (differs, unsourced, matched, omitted), with the text of
    the sentences each figure stands in; empty (with a `note`) when the folder has none."""
    if review.figures is None:
        return pd.DataFrame({"note": [NO_FIGURES]})
    table = review.figures[FIGURE_COLUMNS].copy()
    rank = {status: number for number, status in enumerate(FIGURE_COLOURS)}
    table = table.iloc[table["status"].map(lambda s: rank.get(s, len(rank))).argsort(
        kind="stable")]
    en, zh = review.side("en")["text"], review.side("zh")["text"]
    table["en_sentence"] = table["en_id"].map(lambda i: en.get(int(i), "") if i.isdigit() else "")
    table["zh_sentence"] = table["zh_id"].map(lambda i: zh.get(int(i), "") if i.isdigit() else "")
    columns = ["status", "kind", "en_text", "en_value", "zh_text", "zh_value", "note",
               "en_id", "en_sentence", "zh_id", "zh_sentence", "zh_ids"]
    return table[columns].reset_index(drop=True)


def _chars(text: str) -> int:
    return sum(1 for char in text if not char.isspace())


def rendered_zh(review: Review) -> set[int]:
    """Chinese ids that stand in an aligned unit, i.e. that the English renders."""
    rows = review.alignment[review.alignment["status"] == ALIGNED]
    return {i for ids in rows["zh_ids"] for i in split_ids(ids)}


def has_headings(review: Review) -> bool:
    zh = review.side("zh")
    return bool((zh["kind"] == "heading").any() or (zh["section"] != "").any())


def coverage(review: Review) -> pd.DataFrame:
    """How much of the Chinese article the English renders, per section and in total.

    Sections are listed in reading order, numbered 1.. (the total is row "all");
    a page without headings gets the total only.
    """
    zh = review.side("zh").copy()
    zh["rendered"] = zh.index.isin(sorted(rendered_zh(review)))
    zh["chars"] = zh["text"].map(_chars)
    zh["section"] = zh["section"].where(zh["section"] != "", NO_HEADING)

    def row(name: str, part: pd.DataFrame) -> dict:
        sentences, chars = len(part), int(part["chars"].sum())
        done, done_chars = int(part["rendered"].sum()), int(part["chars"][part["rendered"]].sum())
        return {
            "section": name,
            "sentences": sentences,
            "rendered": done,
            "sentence %": round(100 * done / sentences, 1) if sentences else 0.0,
            "characters": chars,
            "rendered chars": done_chars,
            "character %": round(100 * done_chars / chars, 1) if chars else 0.0,
        }

    rows = []
    if has_headings(review):
        order = list(dict.fromkeys(zh["section"]))
        rows = [row(name, zh[zh["section"] == name]) for name in order]
    rows.append(row(WHOLE, zh))
    labels = [str(i) for i in range(1, len(rows))] + ["all"]
    return pd.DataFrame(rows, index=labels)


def _holders(review: Review) -> dict[tuple[str, int], tuple[str, float]]:
    """(lang, id) of each aligned sentence -> (the other side's ids, the link's score)."""
    holders = {}
    rows = review.alignment[review.alignment["status"] == ALIGNED]
    for zh_ids, en_ids, score in zip(rows["zh_ids"], rows["en_ids"], rows["score"], strict=True):
        for i in split_ids(zh_ids):
            holders[("zh", i)] = (en_ids, score)
        for j in split_ids(en_ids):
            holders[("en", j)] = (zh_ids, score)
    return holders


def _reason(lang: str, best: list[int], best_score: float, threshold: float | None,
            holders: dict, weakest: float | None, summary: bool = False) -> str:
    other = "en" if lang == "zh" else "zh"
    if not best or np.isnan(best_score):
        return f"no candidate on the {'English' if other == 'en' else 'Chinese'} side"
    named = f"{other} {','.join(map(str, best))} ({best_score:.3f})"
    taken = [holders[(other, i)] for i in best if (other, i) in holders]
    if taken and max(score for _, score in taken) >= best_score:
        ids, score = max(taken, key=lambda item: item[1])
        return (f"its best match {named} is aligned to {lang} {ids} "
                f"with a higher score ({score:.3f})")
    if threshold is not None and best_score < threshold:
        return f"best match {named} is below the threshold {threshold:.3f}"
    if weakest is not None and best_score < weakest:
        return f"best match {named} is weaker than every accepted link (lowest {weakest:.3f})"
    if summary and lang == "en":  # `english_only` has the last word on summary lines
        return (f"best match {named} was set aside by the English-only test: for this summary "
                "the line's margin, its place among its neighbours' links or its length "
                "looks like a line added from elsewhere")
    if taken:
        ids, score = taken[0]
        return (f"its best match {named} went to {lang} {ids} ({score:.3f}), "
                "which fits the order of the texts better")
    return f"best match {named} was not chosen: the links taken gave a better whole alignment"


def explain_flagged(review: Review) -> pd.DataFrame:
    """For each flagged row: its best candidate on the other side and why it fell short."""
    threshold = review.run.get("threshold")
    summary = review.run.get("mode") == "summary"
    aligned = review.alignment[review.alignment["status"] == ALIGNED]
    weakest = float(aligned["score"].min()) if len(aligned) else None
    holders = _holders(review)
    texts = {lang: review.side(lang)["text"] for lang in ("zh", "en")}
    rows = []
    for _, unit in review.alignment[review.alignment["status"] != ALIGNED].iterrows():
        lang = "zh" if unit["status"] == ZH_ONLY else "en"
        other = "en" if lang == "zh" else "zh"
        best = split_ids(unit["best_ids"])
        rows.append({
            "status": unit["status"],
            "ids": unit[f"{lang}_ids"],
            "text": unit[lang],
            "best_ids": unit["best_ids"],
            "best_text": (" " if other == "en" else "").join(
                texts[other].get(i, "") for i in best),
            "best_score": round(float(unit["best_score"]), 3),
            "why": _reason(lang, best, float(unit["best_score"]),
                           float(threshold) if threshold is not None else None, holders, weakest,
                           summary),
        })
    columns = ["status", "ids", "text", "best_ids", "best_text", "best_score", "why"]
    return pd.DataFrame(rows, columns=columns)


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

