"""align.review.export and `align export`: every format writes, reads back and keeps the text."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

import pandas as pd
import pytest
import typer
from openpyxl import load_workbook
from typer.testing import CliRunner

from align.cli import export as export_command
from align.errors import AlignError, InputError
from align.review import STATUS_COLOURS
from align.review import export as exports

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def _alignment(folder: Path) -> pd.DataFrame:
    return pd.read_csv(folder / "alignment.tsv", sep="\t", dtype=str, keep_default_na=False)


def test_tmx_is_tmx_1_4_with_aligned_units_only(sample_output: Path) -> None:
    path = exports.export(sample_output, "tmx")
    assert path == sample_output / "export.tmx"
    root = ET.parse(path).getroot()
    assert root.tag == "tmx" and root.get("version") == "1.4"
    header = root.find("header")
    for attribute in ("creationtool", "creationtoolversion", "segtype", "o-tmf", "adminlang",
                      "srclang", "datatype"):
        assert header.get(attribute), attribute
    assert header.get("srclang") == "zh-CN"
    units = root.find("body").findall("tu")
    assert len(units) == 7
    for unit in units:
        assert [v.get(XML_LANG) for v in unit.findall("tuv")] == ["zh-CN", "en"]
        children = [child.tag for child in unit]
        assert children.index("tuv") == len(children) - 2  # props before variants (TMX 1.4)


def test_tmx_round_trips_the_aligned_text(sample_output: Path) -> None:
    path = exports.export(sample_output, "tmx")
    table = _alignment(sample_output)
    aligned = table[table["status"] == "aligned"]
    expected = [{"zh-CN": zh, "en": en} for zh, en in zip(aligned["zh"], aligned["en"],
                                                           strict=True)]
    assert exports.read_tmx(path) == expected
    flagged = table[table["status"] != "aligned"]
    segments = " ".join(seg.text for seg in ET.parse(path).getroot().iter("seg"))
    assert not any(zh in segments for zh in flagged["zh"] if zh)
    assert not any(en in segments for en in flagged["en"] if en)
    assert '"Industrial development in Hohhot' in segments


def test_tmx_drops_characters_xml_forbids(sample_output: Path) -> None:
    table = _alignment(sample_output)
    table.loc[0, "en"] = "Innovation\x07 drives growth & <more> in Hohhot"
    table.to_csv(sample_output / "alignment.tsv", sep="\t", index=False)
    units = exports.read_tmx(exports.export(sample_output, "tmx"))
    assert units[0]["en"] == "Innovation drives growth & <more> in Hohhot"


def test_jsonl_carries_every_unit_with_typed_fields(sample_output: Path) -> None:
    records = exports.read_jsonl(exports.export(sample_output, "jsonl"))
    assert len(records) == 15
    first, lead = records[0], records[1]
    assert first["zh_ids"] == [0] and first["en_ids"] == [0] and first["best_score"] is None
    assert first["score"] == pytest.approx(0.86)
    assert lead["status"] == "zh_only" and lead["en_ids"] == [] and lead["best_ids"] == [0]
    assert lead["zh"].startswith("5月28日")  # not escaped to \\u sequences
    assert [r["status"] for r in records].count("en_only") == 2


def test_tsv_keeps_the_alignment_table(sample_output: Path, tmp_path: Path) -> None:
    path = exports.export(sample_output, "tsv", tmp_path / "out" / "q7x2.tsv")
    assert path.exists()
    back = pd.read_csv(path, sep="\t", dtype=str, keep_default_na=False)
    original = _alignment(sample_output)
    added = [c for c in back.columns if c not in original.columns]  # written before coverage
    assert added == ["zh_covered", "en_covered", "zh_unrendered", "en_unrendered"]
    assert (back[added] == "").all().all()
    pd.testing.assert_frame_equal(back.drop(columns=["score", "best_score", *added]),
                                  original.drop(columns=["score", "best_score"]))
    assert back["score"].astype(float).tolist() == original["score"].astype(float).tolist()


def test_xlsx_colours_flagged_rows(sample_output: Path) -> None:
    table = _alignment(sample_output)
    table.loc[2, "en"] = "=SUM(A1:A2) is text here"
    table.to_csv(sample_output / "alignment.tsv", sep="\t", index=False)
    book = load_workbook(exports.export(sample_output, "xlsx"))
    sheet = book["alignment"]
    header = [cell.value for cell in sheet[1]]
    assert header[:6] == ["zh_ids", "en_ids", "zh", "en", "score", "status"]
    assert sheet.max_row == 16
    status_column = header.index("status")
    for row in sheet.iter_rows(min_row=2):
        status = row[status_column].value
        colour = row[2].fill.start_color.rgb if row[2].fill.fill_type == "solid" else None
        if status == "aligned":
            assert colour is None
        else:
            assert colour.endswith(STATUS_COLOURS[status].lstrip("#").upper())
    assert sheet.cell(4, 4).value == "=SUM(A1:A2) is text here"
    assert sheet.cell(4, 4).data_type == "s"
    assert sheet.freeze_panes == "A2"
    assert {row[0].value: row[1].value for row in book["run"].iter_rows()}["corpus"] == "q7x2"


def test_unknown_format_is_refused(sample_output: Path) -> None:
    with pytest.raises(AlignError, match="unknown export format 'csv'; choose one of tsv, jsonl"):
        exports.export(sample_output, "csv")


def test_missing_folder_is_refused(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such output folder"):
        exports.export(tmp_path / "nope", "tmx")
    assert not list(tmp_path.iterdir())


def test_cli_writes_the_chosen_format(sample_output: Path, tmp_path: Path) -> None:
    app = typer.Typer()
    export_command.register(app)
    app.command("noop")(lambda: None)  # a second command keeps `export` a subcommand
    runner = CliRunner()
    result = runner.invoke(app, ["export", str(sample_output), "--format", "tmx"])
    assert result.exit_code == 0, result.output
    assert result.output.strip() == f"wrote {sample_output / 'export.tmx'}"
    assert len(exports.read_tmx(sample_output / "export.tmx")) == 7
    result = runner.invoke(app, ["export", str(sample_output)])
    assert result.exit_code == 0 and (sample_output / "export.tsv").exists()
    target = tmp_path / "for-editors.xlsx"
    result = runner.invoke(app, ["export", str(sample_output), "-f", "XLSX", "-o", str(target)])
    assert result.exit_code == 0 and target.exists()
    result = runner.invoke(app, ["export", str(sample_output), "-f", "doc"])
    assert isinstance(result.exception, AlignError)


def test_exports_of_the_real_run(q7x2_output: Path, tmp_path: Path) -> None:
    table = _alignment(q7x2_output)
    aligned = table[table["status"] == "aligned"]
    units = exports.read_tmx(exports.export(q7x2_output, "tmx", tmp_path / "q7x2.tmx"))
    assert units == [{"zh-CN": zh, "en": en} for zh, en in zip(aligned["zh"], aligned["en"],
                                                                strict=True)]
    records = exports.read_jsonl(exports.export(q7x2_output, "jsonl", tmp_path / "q7x2.jsonl"))
    assert [r["status"] for r in records] == list(table["status"])
    assert exports.export(q7x2_output, "xlsx", tmp_path / "q7x2.xlsx").stat().st_size > 0
