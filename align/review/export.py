"""Write an output folder's alignment in the formats people use.

TSV (the default) and JSON Lines carry every unit, flagged ones included, for scripts;
TMX 1.4 carries aligned units only, as translation units for CAT tools; an Excel sheet
carries every unit with flagged rows coloured, for editors. Each file is read back
after writing, so an export that would not load is never left in place.
"""

from __future__ import annotations

import json
import math
import os
import re
import tempfile
import xml.etree.ElementTree as ET
from collections.abc import Callable
from pathlib import Path

import pandas as pd

from .._version import __version__
from ..errors import AlignError
from ..io.outputs import ALIGNMENT_COLUMNS, split_ids
from ..records import ALIGNED
from .frames import Review, load
from .tables import STATUS_COLOURS

__all__ = [
    "FORMATS",
    "XML_LANG",
    "default_path",
    "export",
    "read_jsonl",
    "read_tmx",
    "tmx_tree",
    "write_jsonl",
    "write_tmx",
    "write_tsv",
    "write_xlsx",
]

FORMATS = ("tsv", "jsonl", "tmx", "xlsx")
ZH_LANG, EN_LANG = "zh-CN", "en"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
# Characters XML 1.0 forbids; a stray control character must not make the TMX unreadable.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def default_path(out_dir: str | Path, fmt: str) -> Path:
    """Where `align export` writes when no --output is given: OUT_DIR/export.FMT."""
    return Path(out_dir) / f"export.{fmt}"


def export(out_dir: str | Path, fmt: str = "tsv", dest: str | Path | None = None) -> Path:
    """Export the alignment of `out_dir` as `fmt`; returns the file written."""
    if fmt not in FORMATS:
        raise AlignError(f"unknown export format {fmt!r}; choose one of {', '.join(FORMATS)}")
    review = load(out_dir)
    dest = Path(dest) if dest is not None else default_path(out_dir, fmt)
    writer, check = _WRITERS[fmt]
    _write_atomically(dest, lambda path: writer(review, path))
    check(review, dest)
    return dest


def _write_atomically(dest: Path, write: Callable[[Path], None]) -> None:
    dest.parent.mkdir(parents=True, exist_ok=True)
    handle, staging = tempfile.mkstemp(prefix=f".{dest.name}.", dir=dest.parent)
    os.close(handle)
    try:
        write(Path(staging))
        os.replace(staging, dest)
    except BaseException:
        Path(staging).unlink(missing_ok=True)
        raise


def _records(review: Review) -> list[dict]:
    """Units as typed records: ids as int lists, missing scores as None."""
    records = []
    for row in review.alignment.to_dict("records"):
        record = dict(row)
        for column in ("zh_ids", "en_ids", "best_ids"):
            record[column] = split_ids(row[column])
        for column in ("score", "best_score"):
            value = row[column]
            record[column] = None if value is None or math.isnan(value) else float(value)
        records.append(record)
    return records


# --- TSV ---------------------------------------------------------------------------------

def write_tsv(review: Review, path: Path) -> None:
    review.alignment.to_csv(path, sep="\t", index=False, lineterminator="\n")


def _check_tsv(review: Review, path: Path) -> None:
    back = pd.read_csv(path, sep="\t", dtype=str, keep_default_na=False)
    if tuple(back.columns) != ALIGNMENT_COLUMNS or len(back) != len(review.alignment):
        raise AlignError(f"{path}: the TSV written does not read back as the alignment")


# --- JSON Lines --------------------------------------------------------------------------

def write_jsonl(review: Review, path: Path) -> None:
    with open(path, "w", encoding="utf-8", newline="\n") as handle:
        for record in _records(review):
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")


def read_jsonl(path: str | Path) -> list[dict]:
    with open(path, encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def _check_jsonl(review: Review, path: Path) -> None:
    if len(read_jsonl(path)) != len(review.alignment):
        raise AlignError(f"{path}: the JSON Lines written do not read back as the alignment")


# --- TMX 1.4 -----------------------------------------------------------------------------

def _xml_text(text: str) -> str:
    return _NOT_XML.sub("", text)


def tmx_tree(review: Review) -> ET.ElementTree:
    """A TMX 1.4 document with one translation unit per aligned unit."""
    root = ET.Element("tmx", version="1.4")
    ET.SubElement(root, "header", {
        "creationtool": "align", "creationtoolversion": __version__,
        "datatype": "plaintext", "segtype": "sentence", "adminlang": "en",
        "srclang": ZH_LANG, "o-tmf": "align",
    })
    body = ET.SubElement(root, "body")
    aligned = review.alignment[review.alignment["status"] == ALIGNED]
    for number, row in enumerate(aligned.to_dict("records"), start=1):
        unit = ET.SubElement(body, "tu", tuid=str(number))
        for kind, value in (("x-score", f"{row['score']:.4f}"), ("x-zh-ids", row["zh_ids"]),
                            ("x-en-ids", row["en_ids"]), ("x-section", row["section"])):
            if value:
                ET.SubElement(unit, "prop", type=kind).text = _xml_text(value)
        for lang, text in ((ZH_LANG, row["zh"]), (EN_LANG, row["en"])):
            variant = ET.SubElement(unit, "tuv", {XML_LANG: lang})
            ET.SubElement(variant, "seg").text = _xml_text(text)
    ET.indent(root)
    return ET.ElementTree(root)


def write_tmx(review: Review, path: Path) -> None:
    with open(path, "wb") as handle:
        handle.write(b'<?xml version="1.0" encoding="UTF-8"?>\n')
        handle.write(b'<!DOCTYPE tmx SYSTEM "tmx14.dtd">\n')
        tmx_tree(review).write(handle, encoding="utf-8", xml_declaration=False)
        handle.write(b"\n")


def read_tmx(path: str | Path) -> list[dict[str, str]]:
    """Each translation unit as {language: segment text}; raises ParseError on bad XML."""
    units = []
    for unit in ET.parse(path).getroot().iter("tu"):
        units.append({variant.get(XML_LANG, ""): variant.findtext("seg", default="")
                      for variant in unit.iter("tuv")})
    return units


def _check_tmx(review: Review, path: Path) -> None:
    try:
        units = read_tmx(path)
    except ET.ParseError as exc:
        raise AlignError(f"{path}: the TMX written is not well-formed XML ({exc})") from None
    aligned = review.alignment[review.alignment["status"] == ALIGNED]
    expected = [{ZH_LANG: _xml_text(zh), EN_LANG: _xml_text(en)}
                for zh, en in zip(aligned["zh"], aligned["en"], strict=True)]
    if units != expected:
        raise AlignError(f"{path}: the TMX written does not round-trip the aligned text")


# --- Excel -------------------------------------------------------------------------------

def write_xlsx(review: Review, path: Path) -> None:
    """One sheet of units (flagged rows filled with the review colours) and one of run facts."""
    from openpyxl import Workbook
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
    from openpyxl.styles import Alignment, Font, PatternFill

    book = Workbook()
    sheet = book.active
    sheet.title = "alignment"
    sheet.append(list(ALIGNMENT_COLUMNS))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    fills = {status: PatternFill("solid", start_color="FF" + colour.lstrip("#").upper())
             for status, colour in STATUS_COLOURS.items() if colour}
    wrap = Alignment(wrap_text=True, vertical="top")
    columns = range(1, len(ALIGNMENT_COLUMNS) + 1)
    rows = review.alignment.itertuples(index=False)
    for number, row in enumerate(rows, start=2):
        values = [None if isinstance(v, float) and math.isnan(v) else v for v in row]
        values = [ILLEGAL_CHARACTERS_RE.sub("", v) if isinstance(v, str) else v for v in values]
        sheet.append(values)
        fill = fills.get(row.status)
        for cell in (sheet.cell(number, column) for column in columns):
            if cell.data_type == "f":  # a sentence that starts with "=" is text, not a formula
                cell.data_type = "s"
            cell.alignment = wrap
            if fill is not None:
                cell.fill = fill
    widths = {"zh": 60, "en": 70, "section": 24, "status": 10}
    for index, name in enumerate(ALIGNMENT_COLUMNS, start=1):
        sheet.column_dimensions[sheet.cell(1, index).column_letter].width = widths.get(name, 9)
        if name in ("score", "best_score"):
            for (cell,) in sheet.iter_rows(min_row=2, min_col=index, max_col=index):
                cell.number_format = "0.000"
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = sheet.dimensions
    facts = book.create_sheet("run")
    for key, value in review.run.items():
        facts.append([key, json.dumps(value, ensure_ascii=False)
                      if isinstance(value, dict | list) else value])
    book.save(path)


def _check_xlsx(review: Review, path: Path) -> None:
    from openpyxl import load_workbook

    book = load_workbook(path, read_only=True)
    try:
        rows = book["alignment"].max_row
    finally:
        book.close()
    if rows != len(review.alignment) + 1:
        raise AlignError(f"{path}: the Excel sheet written does not read back as the alignment")


_WRITERS = {
    "tsv": (write_tsv, _check_tsv),
    "jsonl": (write_jsonl, _check_jsonl),
    "tmx": (write_tmx, _check_tmx),
    "xlsx": (write_xlsx, _check_xlsx),
}
