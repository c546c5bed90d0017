"""The tables a reviewer reads: the article side by side, flags and why, coverage, figures.

Every function takes a `Review` (`load`) and returns a DataFrame; `style` colours one
for display with the palette the report and the Excel export share.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from ..io.outputs import split_ids
from ..records import ALIGNED, EN_ONLY, STATUSES, ZH_ONLY
from .frames import Review

if TYPE_CHECKING:
    from pandas.io.formats.style import Styler

__all__ = [
    "FIGURE_COLOURS",
    "NO_FIGURES",
    "NO_HEADING",
    "STATUS_COLOURS",
    "WHOLE",
    "coverage",
    "explain_flagged",
    "figures_check",
    "flagged",
    "has_headings",
    "overview",
    "rendered_zh",
    "side_by_side",
    "style",
    "style_coverage",
    "unrendered_parts",
]

# One palette for the notebook, the Excel export and the HTML report.
STATUS_COLOURS = {ALIGNED: "", ZH_ONLY: "#ffd8a8", EN_ONLY: "#c5dcff"}
FIGURE_COLOURS = {"differs": "#ffc9c9", "unsourced": "#ffec99", "matched": "", "omitted": "#f1f3f5"}
NO_FIGURES = "No figures.tsv in this output folder: the figures check did not run for it."
NO_HEADING = "(before the first heading)"
WHOLE = "(whole article)"


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
        "zh_unrendered": frame["zh_unrendered"],  # parts of a linked unit not rendered
        "en_unrendered": frame["en_unrendered"],
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
    table = review.figures.copy()
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


def unrendered_parts(review: Review, lang: str) -> dict[int, list[tuple[int, int]]]:
    """Sentence id -> (start, end) of each of its parts the other side does not render
    (empty without coverage.tsv)."""
    if review.coverage is None:
        return {}
    rows = review.coverage[(review.coverage["lang"] == lang) & (review.coverage["covered"] == 0)]
    out: dict[int, list[tuple[int, int]]] = {}
    for sentence, start, end in zip(rows["sentence"], rows["start"], rows["end"], strict=True):
        out.setdefault(int(sentence), []).append((int(start), int(end)))
    return out


def coverage(review: Review) -> pd.DataFrame:
    """How much of the Chinese article the English renders, per section and in total.

    Characters rendered are those of the rendered parts of linked sentences (whole linked
    sentences where the run did not measure parts); sentences rendered are those linked.
    Sections are listed in reading order, numbered 1.. (the total is row "all");
    a page without headings gets the total only.
    """
    zh = review.side("zh").copy()
    zh["rendered"] = zh.index.isin(sorted(rendered_zh(review)))
    zh["chars"] = zh["text"].map(_chars)
    dropped = unrendered_parts(review, "zh")
    zh["rendered chars"] = [
        chars - sum(_chars(text[a:b]) for a, b in dropped.get(i, ())) if rendered else 0
        for i, text, chars, rendered in zip(zh.index, zh["text"], zh["chars"], zh["rendered"])
    ]
    zh["section"] = zh["section"].where(zh["section"] != "", NO_HEADING)

    def row(name: str, part: pd.DataFrame) -> dict:
        sentences, chars = len(part), int(part["chars"].sum())
        done, done_chars = int(part["rendered"].sum()), int(part["rendered chars"].sum())
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
