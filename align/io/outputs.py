"""The output folder of a run: its files and their columns, declared once, written and read.

`OutputTables` holds the cells of every file, as the run makes them (`OutputTables.of_run`)
or as a folder holds them (`read_outputs`), so the writer, the reader and whoever reviews
a run in memory (the HTML report) see the same rows. Rows of alignment.tsv follow the
Chinese reading order, so the TSV reads as the article annotated; an English-only row
follows the row that holds the English sentence before it. A folder is written beside
its target and renamed into place, so a failed run never leaves a half-written folder.
"""

from __future__ import annotations

import csv
import glob
import json
import re
import shutil
import tempfile
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from ..errors import InputError
from ..records import NOT_MEASURED, STATUSES, Coverage, FigureCheck, Part, Sentence, Unit
from .alignfile import format_group

__all__ = [
    "ALIGNMENT_COLUMNS",
    "ALIGNMENT_FILE",
    "ALIGN_FILE",
    "COVERAGE_COLUMNS",
    "COVERAGE_FILE",
    "FIGURE_COLUMNS",
    "FIGURES_FILE",
    "OUTPUT_MARKER",
    "REPORT_FILE",
    "RUN_FILE",
    "SENTENCE_COLUMNS",
    "SIMILARITY_FILE",
    "OutputTables",
    "atomic_dir",
    "read_outputs",
    "reading_order",
    "split_ids",
    "write_outputs",
]

ALIGNMENT_FILE = "alignment.tsv"
ALIGN_FILE = "alignment.align"  # the same units in the Vecalign/Bertalign format
SENTENCES_FILE = "sentences.tsv"
SIDE_FILES = {"zh": "zh.sentences.txt", "en": "en.sentences.txt"}  # a sentence per line
SIMILARITY_FILE = "similarity.npy"
FIGURES_FILE = "figures.tsv"
RUN_FILE = "run.json"
REPORT_FILE = "report.html"
COVERAGE_FILE = "coverage.tsv"
OUTPUT_MARKER = RUN_FILE  # a folder holding this is a previous output and may be replaced

ALIGNMENT_COLUMNS = (
    "zh_ids", "en_ids", "zh", "en", "score", "status", "best_ids", "best_score", "zh_kind",
    "section", "zh_covered", "en_covered", "zh_unrendered", "en_unrendered",
)
# Columns an output written without coverage (or before it existed) lacks; read as empty.
COVERAGE_ALIGNMENT_COLUMNS = ("zh_covered", "en_covered", "zh_unrendered", "en_unrendered")
UNRENDERED_JOINER = " … "
# coverage.tsv, one row per part of a linked sentence (`core.coverage`):
#   lang      zh or en
#   sentence  the sentence id on that side
#   start     character offsets in the sentence as written in zh/en.sentences.txt,
#   end       end exclusive; the parts of a sentence tile it
#   covered   1: the linked sentences render the part, 0: they do not
#   score     how surely they render it, 0 to 1
#   evidence  what was found, in words
COVERAGE_COLUMNS = ("lang", "sentence", "start", "end", "covered", "score", "evidence")
SENTENCE_COLUMNS = ("lang", "id", "kind", "section", "text")
# figures.tsv, one row per check (`review.figures` says what each status means):
#   en_id     English sentence id (empty for omitted rows)
#   zh_ids    Chinese sentence ids aligned with en_id, comma-separated (empty when none)
#   en_text   the English figure as written ("about 100", "last year")
#   en_value  its value; relative years resolved to the calendar year when known
#   kind      number|count|percent|ordinal|money|year|date (the Chinese figure's for omitted)
#   zh_text   the Chinese figure matched, compared or omitted
#   zh_value  its value
#   zh_id     the Chinese sentence holding zh_text (empty when none)
#   status    matched|differs|unsourced|omitted
#   note      the reason in words, or empty
# Values are plain numbers (53000, 256000000000, 0.5); dates year*10000 + month*100 + day.
FIGURE_COLUMNS = (
    "en_id", "zh_ids", "en_text", "en_value", "kind", "zh_text", "zh_value", "zh_id", "status",
    "note",
)

Row = tuple[str, ...]


@dataclass
class OutputTables:
    """Everything an output folder holds, as the cells of its files."""

    alignment: list[Row]  # alignment.tsv, ALIGNMENT_COLUMNS, in reading order
    sentences: list[Row]  # sentences.tsv, SENTENCE_COLUMNS: the Chinese side, then English
    run: dict  # run.json: the run's facts
    similarity: np.ndarray | None  # similarity.npy, float32 (zh x en); None: not kept
    figures: list[Row] | None  # figures.tsv, FIGURE_COLUMNS; None: the check did not run
    coverage: list[Row] | None = None  # coverage.tsv, COVERAGE_COLUMNS; None: not measured

    @classmethod
    def of_run(
        cls,
        zh: list[Sentence],
        en: list[Sentence],
        units: list[Unit],
        similarity: np.ndarray | None,
        checks: list[FigureCheck],
        facts: dict,
        coverage: Coverage = NOT_MEASURED,
    ) -> OutputTables:
        parts = coverage.by_sentence()
        alignment = [
            _alignment_row(unit, zh, en) + _coverage_cells(unit, zh, en, parts, coverage.measured)
            for unit in reading_order(units)
        ]
        sentences = [
            (lang, str(s.id), s.kind, s.section, s.text) for lang, side in (("zh", zh), ("en", en))
            for s in side
        ]
        figures = [tuple(_cell(getattr(c, name)) for name in FIGURE_COLUMNS) for c in checks]
        matrix = None if similarity is None else similarity.astype(np.float32)
        rows = [_coverage_row(part) for part in coverage.parts] if coverage.measured else None
        return cls(alignment, sentences, facts, matrix, figures, rows)

    def side(self, lang: str) -> list[str]:
        """The sentences of one side, in id order."""
        return [row[4] for row in self.sentences if row[0] == lang]


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


def split_ids(text: str) -> list[int]:
    """ "3,4" -> [3, 4]; "" -> []."""
    return [int(part) for part in str(text).split(",") if part.strip()]


def _alignment_row(unit: Unit, zh: list[Sentence], en: list[Sentence]) -> Row:
    first = zh[unit.zh_ids[0]] if unit.zh_ids else None
    return (
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
    )


def _coverage_cells(
    unit: Unit, zh: list[Sentence], en: list[Sentence],
    parts: dict[tuple[str, int], list[Part]], measured: bool,
) -> Row:
    """zh_covered, en_covered (share of the characters rendered) and the unrendered parts'
    text of each side of an aligned unit; empty cells for a flagged one or without coverage."""
    if not (measured and unit.zh_ids and unit.en_ids):
        return ("", "", "", "")
    shares, dropped = [], []
    for lang, ids, side in (("zh", unit.zh_ids, zh), ("en", unit.en_ids, en)):
        total = rendered = 0
        texts = []
        for k in ids:
            text = side[k].text
            total += len(text)
            covered = parts.get((lang, k), [])
            if not covered:
                rendered += len(text)
            for part in covered:
                if part.covered:
                    rendered += part.end - part.start
                else:
                    texts.append(text[part.start : part.end].strip())
        shares.append(f"{rendered / total:.3f}" if total else "1.000")
        dropped.append(UNRENDERED_JOINER.join(t for t in texts if t))
    return (shares[0], shares[1], dropped[0], dropped[1])


def _coverage_row(part: Part) -> Row:
    return (
        part.lang, str(part.sentence), str(part.start), str(part.end),
        "1" if part.covered else "0", f"{part.score:.4f}", part.evidence,
    )


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, list):
        return ",".join(str(v) for v in value)
    return str(value)


# --- writing ---------------------------------------------------------------------------


def write_outputs(folder: Path, tables: OutputTables) -> None:
    """Write every file of `tables` into `folder` (a staging folder renamed into place later)."""
    _write_tsv(folder / ALIGNMENT_FILE, ALIGNMENT_COLUMNS, tables.alignment)
    (folder / ALIGN_FILE).write_text(
        "".join(format_group(split_ids(row[0]), split_ids(row[1])) + "\n"
                for row in tables.alignment),
        encoding="utf-8",
    )
    for lang, name in SIDE_FILES.items():
        (folder / name).write_text(
            "".join(text.replace("\n", " ") + "\n" for text in tables.side(lang)),
            encoding="utf-8",
        )
    _write_tsv(folder / SENTENCES_FILE, SENTENCE_COLUMNS, tables.sentences)
    if tables.similarity is not None:
        np.save(folder / SIMILARITY_FILE, tables.similarity)
    if tables.figures is not None:
        _write_tsv(folder / FIGURES_FILE, FIGURE_COLUMNS, tables.figures)
    if tables.coverage is not None:
        _write_tsv(folder / COVERAGE_FILE, COVERAGE_COLUMNS, tables.coverage)
    (folder / RUN_FILE).write_text(
        json.dumps(tables.run, ensure_ascii=False, indent=1) + "\n", encoding="utf-8"
    )


def _write_tsv(path: Path, columns: Sequence[str], rows: list[Row]) -> None:
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, delimiter="\t", lineterminator="\n")
        writer.writerow(columns)
        writer.writerows(rows)


_STAGING_TAIL = re.compile(r"[a-z0-9_]{8}")  # what `tempfile.mkdtemp` adds to the prefix


def _remove_stale_staging(target: Path) -> None:
    """Staging folders of `target` that a killed writer left behind (hidden, beside it);
    another target's (`a.b` beside `a`) are told apart by their tails."""
    prefix = f".{target.name}."
    for path in target.parent.glob(glob.escape(prefix) + "*"):
        if path.is_dir() and _STAGING_TAIL.fullmatch(path.name[len(prefix) :]):
            shutil.rmtree(path, ignore_errors=True)


@contextmanager
def atomic_dir(target: str | Path, replace: bool = True) -> Iterator[Path]:
    """Yield a temporary folder that becomes `target` only if the block succeeds; once it
    has, what a killed writer of `target` left behind is removed."""
    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{target.name}.", dir=target.parent))
    try:
        yield staging
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    if target.exists():
        if not replace:
            shutil.rmtree(staging, ignore_errors=True)
            raise InputError(target, "already exists")
        old = target.with_name(f".{target.name}.old")
        shutil.rmtree(old, ignore_errors=True)
        target.rename(old)
        staging.rename(target)
        shutil.rmtree(old, ignore_errors=True)
    else:
        staging.rename(target)
    _remove_stale_staging(target)


# --- reading ---------------------------------------------------------------------------


def read_outputs(folder: str | Path) -> OutputTables:
    """The tables of an output folder written by `align run`; a missing or bad file is an
    InputError naming it and the problem. run.json, similarity.npy and figures.tsv are
    optional; sentences.tsv may be replaced by the two .sentences.txt files."""
    folder = Path(folder)
    if not folder.is_dir():
        raise InputError(folder, "no such output folder (run `align run CORPUS` first)")
    alignment = _read_alignment(folder / ALIGNMENT_FILE)
    sentences = _read_sentences(folder)
    run: dict = {}
    if (folder / RUN_FILE).exists():
        try:
            run = json.loads((folder / RUN_FILE).read_text(encoding="utf-8"))
        except json.JSONDecodeError as exc:
            raise InputError(folder / RUN_FILE, f"is not valid JSON ({exc.msg})") from None
    similarity = None
    if (folder / SIMILARITY_FILE).exists():
        similarity = np.load(folder / SIMILARITY_FILE, allow_pickle=False)
        shape = tuple(sum(row[0] == lang for row in sentences) for lang in ("zh", "en"))
        if similarity.shape != shape:
            raise InputError(
                folder / SIMILARITY_FILE,
                f"has shape {similarity.shape}, but the folder has {shape[0]} Chinese "
                f"and {shape[1]} English sentences",
            )
    figures = None
    if (folder / FIGURES_FILE).exists():
        figures = _read_tsv(folder / FIGURES_FILE, FIGURE_COLUMNS)
    coverage = None
    if (folder / COVERAGE_FILE).exists():
        coverage = _read_coverage(folder / COVERAGE_FILE, sentences)
    return OutputTables(alignment, sentences, run, similarity, figures, coverage)


def _read_tsv(
    path: Path, columns: Sequence[str], optional: Sequence[str] = ()
) -> list[Row]:
    """The cells of `columns` in each row of a TSV table with a header (in any order);
    those of `optional` may be absent, and read as empty."""
    try:
        with open(path, encoding="utf-8", newline="") as handle:
            table = [row for row in csv.reader(handle, delimiter="\t") if row]
    except FileNotFoundError:
        raise InputError(path, "no such file") from None
    except (UnicodeDecodeError, csv.Error) as exc:
        raise InputError(path, f"is not a readable TSV table ({exc.__class__.__name__})") from None
    if not table:
        raise InputError(path, "is not a readable TSV table (it is empty)")
    header = table[0]
    missing = [name for name in columns if name not in header and name not in optional]
    if missing:
        raise InputError(path, f"lacks column(s) {', '.join(missing)}")
    for number, row in enumerate(table[1:], start=2):
        if len(row) > len(header):
            raise InputError(path, f"line {number} has {len(row)} cells, the header {len(header)}")
    at = [header.index(name) if name in header else len(header) for name in columns]
    return [tuple(row[k] if k < len(row) else "" for k in at) for row in table[1:]]


def _read_alignment(path: Path) -> list[Row]:
    rows = _read_tsv(path, ALIGNMENT_COLUMNS, COVERAGE_ALIGNMENT_COLUMNS)
    for column in ("score", "best_score"):
        k = ALIGNMENT_COLUMNS.index(column)
        for number, row in enumerate(rows, start=2):  # +1 header, +1 for 1-based lines
            if row[k] != "" and not _is_number(row[k]):
                raise InputError(path, f"line {number}: {column} {row[k]!r} is not a number")
    status = ALIGNMENT_COLUMNS.index("status")
    unknown = sorted({row[status] for row in rows} - set(STATUSES))
    if unknown:
        raise InputError(path, f"unknown status {unknown[0]!r} (expected {', '.join(STATUSES)})")
    for column in ("zh_ids", "en_ids", "best_ids"):
        k = ALIGNMENT_COLUMNS.index(column)
        try:
            for row in rows:
                split_ids(row[k])
        except ValueError:
            raise InputError(path, f"column {column} holds something other than ids") from None
    return rows


def _read_coverage(path: Path, sentences: list[Row]) -> list[Row]:
    """coverage.tsv, each row checked: a side, a sentence the folder has, offsets inside it,
    covered 0 or 1, a numeric score."""
    rows = _read_tsv(path, COVERAGE_COLUMNS)
    lengths = {(row[0], row[1].strip()): len(row[4]) for row in sentences}
    for number, row in enumerate(rows, start=2):
        lang, sentence, start, end, covered, score = row[:6]
        if lang not in ("zh", "en"):
            raise InputError(path, f"line {number}: lang {lang!r} is neither zh nor en")
        if not (sentence.isdigit() and start.isdigit() and end.isdigit()):
            raise InputError(path, f"line {number}: sentence, start and end must be integers")
        size = lengths.get((lang, sentence))
        if size is None:
            raise InputError(path, f"line {number}: the folder has no {lang} sentence {sentence}")
        if not int(start) <= int(end) <= size:
            raise InputError(
                path, f"line {number}: offsets {start}-{end} lie outside the sentence ({size})"
            )
        if covered not in ("0", "1") or not _is_number(score):
            raise InputError(path, f"line {number}: covered must be 0 or 1 and score a number")
    return rows


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def _read_sentences(folder: Path) -> list[Row]:
    """sentences.tsv, or the two .sentences.txt files when it is absent."""
    path = folder / SENTENCES_FILE
    if path.exists():
        rows = _read_tsv(path, SENTENCE_COLUMNS)
        if not all(row[1].strip().lstrip("-").isdigit() for row in rows):
            raise InputError(path, "column id holds something other than integers")
        return rows
    rows = []
    for lang, name in SIDE_FILES.items():
        side = folder / name
        if not side.exists():
            raise InputError(folder, "has neither sentences.tsv nor zh/en.sentences.txt")
        lines = side.read_text(encoding="utf-8").split("\n")
        if lines and lines[-1] == "":
            lines.pop()
        rows += [(lang, str(i), "body", "", text) for i, text in enumerate(lines)]
    return rows
