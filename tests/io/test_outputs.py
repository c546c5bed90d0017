"""Row order of the output: the Chinese article in reading order, English-only rows in place."""

from __future__ import annotations

import pytest

from align.errors import InputError
from align.io.outputs import (
    ALIGNMENT_COLUMNS,
    ALIGNMENT_FILE,
    COVERAGE_FILE,
    OutputTables,
    atomic_dir,
    read_outputs,
    reading_order,
    write_outputs,
)
from align.records import Coverage, Part, Sentence, Unit


def test_english_only_rows_follow_their_predecessor():
    units = [
        Unit([3], [5], 0.2), Unit([], [6], 0.0), Unit([0], [0], 0.3), Unit([], [2], 0.0),
        Unit([1], [], 0.0), Unit([2], [3], 0.1), Unit([], [1], 0.0), Unit([], [4], 0.0),
    ]
    order = [(u.zh_ids, u.en_ids) for u in reading_order(units)]
    assert order == [
        ([0], [0]), ([], [1]), ([], [2]), ([1], []), ([2], [3]), ([], [4]), ([3], [5]),
        ([], [6]),
    ]


def test_summary_units_sharing_english_and_a_leading_english_only_row():
    units = [Unit([1], [1], 0.2), Unit([], [2], 0.0), Unit([0], [1], 0.3), Unit([], [0], 0.0)]
    order = [(u.zh_ids, u.en_ids) for u in reading_order(units)]
    # en 2 follows the last row holding en 1; en 0 has no predecessor and leads
    assert order == [([], [0]), ([0], [1]), ([1], [1]), ([], [2])]


def _coverage_tables():
    zh = [Sentence(0, "我们今天去了公园，天气很好。"), Sentence(1, "他没来。")]
    en = [Sentence(0, "We went to the park today. It rained in Paris.")]
    units = [Unit([0], [0], 0.5), Unit([1], [], 0.0)]
    coverage = Coverage(True, (
        Part("zh", 0, 0, 9, True, 0.9, "margin 0.3"),
        Part("zh", 0, 9, 14, False, 0.2, "margin -0.1"),
        Part("en", 0, 0, 27, True, 0.95, "margin 0.4"),
        Part("en", 0, 27, 46, False, 0.1, "margin -0.2"),
    ))
    return OutputTables.of_run(zh, en, units, None, [], {}, coverage)


def test_coverage_columns_and_file_round_trip(tmp_path):
    tables = _coverage_tables()
    row = dict(zip(ALIGNMENT_COLUMNS, tables.alignment[0]))
    assert row["zh_covered"] == f"{9 / 14:.3f}" and row["en_covered"] == f"{27 / 46:.3f}"
    assert row["zh_unrendered"] == "天气很好。" and row["en_unrendered"] == "It rained in Paris."
    flagged = dict(zip(ALIGNMENT_COLUMNS, tables.alignment[1]))
    assert flagged["zh_covered"] == "" and flagged["zh_unrendered"] == ""
    write_outputs(tmp_path, tables)
    back = read_outputs(tmp_path)
    assert back.coverage == tables.coverage and back.alignment == tables.alignment
    assert back.coverage[1] == ("zh", "0", "9", "14", "0", "0.2000", "margin -0.1")


def test_a_bad_coverage_file_is_refused_with_its_line(tmp_path):
    write_outputs(tmp_path, _coverage_tables())
    path = tmp_path / COVERAGE_FILE
    lines = path.read_text(encoding="utf-8").splitlines()
    path.write_text("\n".join([lines[0], "zh\t0\t9\t99\t0\t0.2\tx"]) + "\n", encoding="utf-8")
    with pytest.raises(InputError, match="line 2: offsets 9-99 lie outside"):
        read_outputs(tmp_path)


def test_an_output_without_coverage_columns_still_reads(tmp_path):
    write_outputs(tmp_path, _coverage_tables())
    path = tmp_path / ALIGNMENT_FILE
    rows = [line.split("\t")[:10] for line in path.read_text(encoding="utf-8").splitlines()]
    path.write_text("".join("\t".join(row) + "\n" for row in rows), encoding="utf-8")
    assert [row[10:] for row in read_outputs(tmp_path).alignment] == [("",) * 4] * 2


def test_a_finished_folder_takes_away_what_a_killed_writer_of_it_left(tmp_path):
    target = tmp_path / "c001"
    stale = tmp_path / ".c001.k3j2h1x0"  # a writer killed before its rename
    other = tmp_path / ".c001.b.k3j2h1x0"  # the staging of corpus "c001.b", being written
    for folder in (stale, other):
        folder.mkdir()
        (folder / "units.tsv").write_text("half", encoding="utf-8")
    with atomic_dir(target) as staging:
        (staging / "run.json").write_text("{}", encoding="utf-8")
    assert (target / "run.json").is_file()
    assert not stale.exists() and other.is_dir()
    assert sorted(p.name for p in tmp_path.iterdir()) == [".c001.b.k3j2h1x0", "c001"]
