"""Writing a run's output folder: TSV and `.align` alignments, sentences, scores, run facts.

Rows follow the Chinese reading order so the TSV reads as the article annotated;
an English-only row follows the row that holds the English sentence before it.
"""

from __future__ import annotations

import csv
import json
from pathlib import Path

import numpy as np

from ..records import Sentence, Unit
from .alignfile import format_group

TSV_COLUMNS = (
    "zh_ids", "en_ids", "zh", "en", "score", "status", "best_ids", "best_score", "zh_kind",
    "section",
)
OUTPUT_MARKER = "run.json"  # a folder holding this is a previous output and may be replaced


def reading_order(units: list[Unit]) -> list[Unit]:
    """Units with Chinese first by Chinese position; English-only ones after their predecessor.

    An English-only sentence follows the last unit that holds the English sentence
    before it (or the English-only unit of that sentence); with none, it leads.
    """
    ordered = sorted(
        (u for u in units if u.zh_ids),
        key=lambda u: (min(u.zh_ids), min(u.en_ids) if u.en_ids else -1),
    )
    holder: dict[int, int] = {}  # English id -> position of the last unit in `ordered` holding it
    for position, unit in enumerate(ordered):
        for en_id in unit.en_ids:
            holder[en_id] = position
    following: dict[int, list[Unit]] = {}  # position -> English-only units placed after it
    for unit in sorted((u for u in units if not u.zh_ids), key=lambda u: u.en_ids[0]):
        anchor = holder.get(unit.en_ids[0] - 1, -1)
        following.setdefault(anchor, []).append(unit)
        holder[unit.en_ids[0]] = anchor
    result = list(following.get(-1, []))
    for position, unit in enumerate(ordered):
        result.append(unit)
        result.extend(following.get(position, []))
    return result


def _ids(ids: list[int]) -> str:
    return ",".join(map(str, ids))


def write_outputs(
    folder: Path,
    zh: list[Sentence],
    en: list[Sentence],
    units: list[Unit],
    similarity: np.ndarray | None,
    facts: dict,
) -> None:
    """Write every output file into `folder` (a staging folder renamed into place later)."""
    ordered = reading_order(units)
    with open(folder / "alignment.tsv", "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, delimiter="\t", lineterminator="\n")
        writer.writerow(TSV_COLUMNS)
        for unit in ordered:
            first = zh[unit.zh_ids[0]] if unit.zh_ids else None
            writer.writerow(
                [
                    _ids(unit.zh_ids),
                    _ids(unit.en_ids),
                    "".join(zh[i].text for i in unit.zh_ids),
                    " ".join(en[j].text for j in unit.en_ids),
                    f"{unit.score:.4f}",
                    unit.status,
                    _ids(unit.best_ids),
                    "" if unit.best_score is None else f"{unit.best_score:.4f}",
                    first.kind if first else "",
                    first.section if first else "",
                ]
            )
    (folder / "alignment.align").write_text(
        "".join(format_group(u.zh_ids, u.en_ids) + "\n" for u in ordered), encoding="utf-8"
    )
    for name, sentences in (("zh", zh), ("en", en)):
        (folder / f"{name}.sentences.txt").write_text(
            "".join(s.text.replace("\n", " ") + "\n" for s in sentences), encoding="utf-8"
        )
    with open(folder / "sentences.tsv", "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, delimiter="\t", lineterminator="\n")
        writer.writerow(("lang", "id", "kind", "section", "text"))
        for lang, sentences in (("zh", zh), ("en", en)):
            writer.writerows((lang, s.id, s.kind, s.section, s.text) for s in sentences)
    if similarity is not None:
        np.save(folder / "similarity.npy", similarity.astype(np.float32))
    (folder / OUTPUT_MARKER).write_text(
        json.dumps(facts, ensure_ascii=False, indent=1) + "\n", encoding="utf-8"
    )
