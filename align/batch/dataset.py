"""One Parquet dataset for a whole archive: its layout, its rows and its commit protocol.

    DIR/units/run=RUN/PART.parquet       one row per unit: corpus, unit, zh_ids, en_ids, ...
    DIR/sentences/run=RUN/PART.parquet   one row per sentence: corpus, lang, id, kind, ...
    DIR/coverage/run=RUN/PART.parquet    one row per part of a linked sentence (coverage.tsv)
    DIR/runs/run=RUN/PART.parquet        one row per corpus: status, error, mode, counts, time
    DIR/_done/PART.json                  the commit marker: the ids the part holds

A part holds one chunk of corpora (one task). Its four files are written under a
temporary name and renamed into place, and its marker is written last: a part without a
marker is from a task that did not finish, and the next run deletes it before it starts.
Readers (pandas, DuckDB, pyarrow) read the four folders; the hive-style `run=` folders
let later runs add parts beside earlier ones, and give each row its run. A corpus is in
at most one committed part: before a run redoes corpora (a failure, or --force), their
rows are taken out of the parts that hold them. One run writes a dataset at a time.
A corpus aligned without coverage (--no-coverage) has no coverage rows, and nulls in the
coverage columns of units and runs; parts written before the coverage table existed have
no coverage file. Parts written before a table gained columns (their marker names an older
schema) are rewritten with them (null) when the next run starts: readers take a dataset's
columns from one of its files, so a mix of old and new parts would hide the new columns.
"""

from __future__ import annotations

import json
import os
import secrets
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..io.outputs import ALIGNMENT_COLUMNS, COVERAGE_COLUMNS, OutputTables, split_ids

if TYPE_CHECKING:
    import pyarrow as pa

__all__ = [
    "TABLES",
    "ChunkRows",
    "check_dataset",
    "committed",
    "new_run_id",
    "part_name",
    "prepare",
    "write_part",
]

TABLES = ("units", "sentences", "coverage", "runs")
DONE_DIR, STAGING_DIR = "_done", "_staging"
DONE, FAILED = "done", "failed"
SCHEMA = 2  # 2: units' coverage columns and runs' zh_rendered; markers without one: 1
RUN_FACTS = (
    "mode", "direction", "model", "groups", "zh_sentences", "en_sentences", "units",
    "aligned", "zh_only", "en_only", "seconds", "figures", "zh_rendered", "version",
)


def _schemas() -> dict[str, pa.Schema]:
    import pyarrow as pa

    ids = pa.list_(pa.int32())
    return {
        "units": pa.schema([
            ("corpus", pa.string()), ("unit", pa.int32()), ("zh_ids", ids), ("en_ids", ids),
            ("zh", pa.string()), ("en", pa.string()), ("score", pa.float32()),
            ("status", pa.string()), ("best_ids", ids), ("best_score", pa.float32()),
            ("zh_kind", pa.string()), ("section", pa.string()), ("zh_covered", pa.float32()),
            ("en_covered", pa.float32()), ("zh_unrendered", pa.string()),
            ("en_unrendered", pa.string()),
        ]),
        "sentences": pa.schema([
            ("corpus", pa.string()), ("lang", pa.string()), ("id", pa.int32()),
            ("kind", pa.string()), ("section", pa.string()), ("text", pa.string()),
        ]),
        "coverage": pa.schema([
            ("corpus", pa.string()), ("lang", pa.string()), ("sentence", pa.int32()),
            ("start", pa.int32()), ("end", pa.int32()), ("covered", pa.bool_()),
            ("score", pa.float32()), ("evidence", pa.string()),
        ]),
        "runs": pa.schema([
            ("corpus", pa.string()), ("status", pa.string()), ("error", pa.string()),
            ("source", pa.string()), ("mode", pa.string()), ("direction", pa.string()),
            ("model", pa.string()), ("groups", pa.string()), ("zh_sentences", pa.int32()),
            ("en_sentences", pa.int32()), ("units", pa.int32()), ("aligned", pa.int32()),
            ("zh_only", pa.int32()), ("en_only", pa.int32()), ("seconds", pa.float64()),
            ("figures", pa.string()), ("zh_rendered", pa.float64()), ("version", pa.string()),
            ("finished", pa.timestamp("ms", tz="UTC")),
        ]),
    }


def new_run_id() -> str:
    """Sorts by start time; the random tail keeps two runs started in one second apart."""
    return time.strftime("%Y%m%dT%H%M%S", time.gmtime()) + "-" + secrets.token_hex(3)


def part_name(run_id: str, chunk: str) -> str:
    return f"{run_id}-{chunk}"


def check_dataset(dataset: Path) -> None:
    """Refuse a path that is a file, or a non-empty folder that is not a dataset."""
    from ..errors import InputError

    if dataset.exists() and not dataset.is_dir():
        raise InputError(dataset, "exists and is not a folder; --dataset needs a folder")
    if dataset.is_dir() and any(dataset.iterdir()):
        if not any((dataset / name).is_dir() for name in (DONE_DIR, *TABLES)):
            raise InputError(dataset, "is not empty and is not an align dataset")


def _optional_float(text: str) -> float | None:
    return float(text) if text != "" else None


@dataclass
class ChunkRows:
    """The rows one chunk of corpora adds to each table, as columns."""

    tables: dict[str, dict[str, list[Any]]] = field(default_factory=dict)
    done: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)

    def _table(self, name: str) -> dict[str, list[Any]]:
        if not self.tables:
            self.tables = {t: {c: [] for c in s.names} for t, s in _schemas().items()}
        return self.tables[name]

    def add(self, corpus: str, source: str, tables: OutputTables) -> None:
        """A corpus aligned: its units, its sentences, its parts' coverage (where it was
        measured) and its run facts."""
        units = self._table("units")
        at = {name: k for k, name in enumerate(ALIGNMENT_COLUMNS)}
        for number, row in enumerate(tables.alignment):
            units["corpus"].append(corpus)
            units["unit"].append(number)
            for name in ("zh_ids", "en_ids", "best_ids"):
                units[name].append(split_ids(row[at[name]]))
            for name in ("zh", "en", "status", "zh_kind", "section"):
                units[name].append(row[at[name]])
            for lang in ("zh", "en"):  # null where not measured (or the unit is flagged)
                unrendered = row[at[f"{lang}_unrendered"]]
                measured = row[at[f"{lang}_covered"]] != ""
                units[f"{lang}_unrendered"].append(unrendered if measured else None)
            units["score"].append(float(row[at["score"]]))
            for name in ("best_score", "zh_covered", "en_covered"):
                units[name].append(_optional_float(row[at[name]]))
        sentences = self._table("sentences")
        for lang, ident, kind, section, text in tables.sentences:
            for name, value in (("corpus", corpus), ("lang", lang), ("id", int(ident)),
                                ("kind", kind), ("section", section), ("text", text)):
                sentences[name].append(value)
        coverage = self._table("coverage")
        for row in tables.coverage or ():  # None: not measured, no rows
            cells = dict(zip(COVERAGE_COLUMNS, row, strict=True))
            coverage["corpus"].append(corpus)
            for name in ("lang", "evidence"):
                coverage[name].append(cells[name])
            for name in ("sentence", "start", "end"):
                coverage[name].append(int(cells[name]))
            coverage["covered"].append(cells["covered"] == "1")
            coverage["score"].append(float(cells["score"]))
        self._run_row(corpus, DONE, "", source, tables.run)
        self.done.append(corpus)

    def add_failure(self, corpus: str, source: str, error: str) -> None:
        self._run_row(corpus, FAILED, error, source, {})
        self.failed.append(corpus)

    def _run_row(self, corpus: str, status: str, error: str, source: str, facts: dict) -> None:
        runs = self._table("runs")
        for name, value in (("corpus", corpus), ("status", status), ("error", error),
                            ("source", source)):
            runs[name].append(value)
        for name in RUN_FACTS:
            runs[name].append(facts.get(name))
        runs["finished"].append(int(time.time() * 1000))


def _replace_atomically(dataset: Path, target: Path, write: Any) -> None:
    """`write(path)` into the staging folder, then rename onto `target` (same filesystem)."""
    staging = dataset / STAGING_DIR
    staging.mkdir(parents=True, exist_ok=True)
    temporary = staging / f"{target.name}.{secrets.token_hex(4)}.tmp"
    write(temporary)
    target.parent.mkdir(parents=True, exist_ok=True)
    os.replace(temporary, target)


def _part_path(dataset: Path, table: str, run_id: str, part: str) -> Path:
    return dataset / table / f"run={run_id}" / f"{part}.parquet"


def _write_marker(dataset: Path, marker: dict) -> None:
    text = json.dumps(marker, ensure_ascii=False)
    _replace_atomically(
        dataset, dataset / DONE_DIR / f"{marker['part']}.json",
        lambda path: path.write_text(text, encoding="utf-8"),
    )


def write_part(dataset: Path, run_id: str, part: str, rows: ChunkRows) -> None:
    """Commit a chunk: its four files renamed into place, then its marker. Writing the
    same part again (a retried task) replaces it with the same rows."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    rows._table("units")  # an all-failed chunk still writes (empty) units, sentences, ...
    for table, schema in _schemas().items():
        data = pa.table(rows.tables[table], schema=schema)
        _replace_atomically(
            dataset, _part_path(dataset, table, run_id, part),
            lambda path, data=data: pq.write_table(data, path),
        )
    _write_marker(dataset, {"run": run_id, "part": part, "schema": SCHEMA,
                            "done": rows.done, "failed": rows.failed})


def _markers(dataset: Path) -> list[dict]:
    folder = dataset / DONE_DIR
    if not folder.is_dir():
        return []
    return [json.loads(p.read_text(encoding="utf-8")) for p in sorted(folder.glob("*.json"))]


def committed(dataset: Path) -> dict[str, str]:
    """Each corpus id in a committed part: "done" or "failed"."""
    status: dict[str, str] = {}
    for marker in _markers(dataset):
        status.update(dict.fromkeys(marker["failed"], FAILED))
        status.update(dict.fromkeys(marker["done"], DONE))
    return status


def prepare(dataset: Path, redo: set[str]) -> None:
    """Before a run: delete what unfinished tasks left, then take the corpora about to be
    redone out of the parts that hold them."""
    import shutil

    dataset.mkdir(parents=True, exist_ok=True)
    markers = _markers(dataset)
    for marker in markers:  # a rewrite that stopped before deleting what it replaced
        if marker.get("replaces"):
            _drop_part(dataset, marker["run"], marker["replaces"])
    live = {marker["part"] for marker in markers}
    for table in TABLES:
        for path in (dataset / table).glob("run=*/*.parquet"):
            if path.stem not in live:
                path.unlink()
    shutil.rmtree(dataset / STAGING_DIR, ignore_errors=True)
    _upgrade(dataset)
    for marker in _markers(dataset):
        held = set(marker["done"]) | set(marker["failed"])
        if held & redo:
            _forget(dataset, marker, held & redo)


def _upgrade(dataset: Path) -> None:
    """Rewrite each part written before its tables gained columns (its marker names an
    older `SCHEMA`) with the current columns, the new ones null, then its marker. Each
    file is replaced atomically and the marker last, so a crash midway leaves a part the
    next run upgrades again."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    schemas = _schemas()
    for marker in _markers(dataset):
        if marker.get("schema", 1) >= SCHEMA:
            continue
        for table, schema in schemas.items():
            path = _part_path(dataset, table, marker["run"], marker["part"])
            if not path.exists():  # a part written before its table existed (coverage)
                continue
            data = pq.read_table(path, partitioning=None)
            columns = [
                data[field.name].cast(field.type) if field.name in data.column_names
                else pa.nulls(data.num_rows, field.type)
                for field in schema
            ]
            upgraded = pa.table(columns, schema=schema)
            _replace_atomically(
                dataset, path, lambda target, data=upgraded: pq.write_table(data, target)
            )
        _write_marker(dataset, {**marker, "schema": SCHEMA})


def _drop_part(dataset: Path, run_id: str, part: str) -> None:
    (dataset / DONE_DIR / f"{part}.json").unlink(missing_ok=True)
    for table in TABLES:
        _part_path(dataset, table, run_id, part).unlink(missing_ok=True)


def _forget(dataset: Path, marker: dict, ids: set[str]) -> None:
    """Take `ids` out of a committed part: the rest go to a new part whose marker names the
    old one, so a crash at any point leaves one copy of every row once `prepare` runs."""
    import pyarrow.compute as pc
    import pyarrow.parquet as pq

    run_id, old = marker["run"], marker["part"]
    keep = {"done": [i for i in marker["done"] if i not in ids],
            "failed": [i for i in marker["failed"] if i not in ids]}
    if not keep["done"] and not keep["failed"]:
        _drop_part(dataset, run_id, old)
        return
    new = f"{old}.r{secrets.token_hex(2)}"
    for table in TABLES:
        path = _part_path(dataset, table, run_id, old)
        if not path.exists():  # a part written before its table existed (coverage)
            continue
        data = pq.read_table(path)
        data = data.filter(pc.invert(pc.is_in(data["corpus"], value_set=_string_array(ids))))
        _replace_atomically(
            dataset, _part_path(dataset, table, run_id, new),
            lambda path, data=data: pq.write_table(data, path),
        )
    _write_marker(dataset, {"run": run_id, "part": new, "replaces": old, "schema": SCHEMA,
                            **keep})
    _drop_part(dataset, run_id, old)


def _string_array(values: set[str]) -> pa.Array:
    import pyarrow as pa

    return pa.array(sorted(values), type=pa.string())
