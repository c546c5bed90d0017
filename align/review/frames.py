"""An output folder as DataFrames: what the notebook, the report and the exports read.

`load` reads a folder (`io.outputs.read_outputs`, which checks it); `from_tables` takes
the tables of a run still in memory, so the report of a run is built from what the run
made, not from its files read back.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from ..io.outputs import (
    ALIGNMENT_COLUMNS,
    COVERAGE_COLUMNS,
    FIGURE_COLUMNS,
    SENTENCE_COLUMNS,
    OutputTables,
    read_outputs,
)

__all__ = ["DEFAULT_DIR", "ENV_DIR", "Review", "default_dir", "from_tables", "load"]

DEFAULT_DIR = Path("outputs") / "q7x2"
ENV_DIR = "ALIGN_REVIEW_DIR"


@dataclass
class Review:
    """Everything an output folder holds, as tables (see the output folder contract)."""

    path: Path
    alignment: pd.DataFrame  # alignment.tsv; score/best_score as floats, ids as "0,1" strings
    sentences: pd.DataFrame  # sentences.tsv: lang id kind section text
    run: dict
    similarity: np.ndarray | None  # zh x en calibrated scores, None when not written
    figures: pd.DataFrame | None  # figures.tsv when the figures check wrote one
    coverage: pd.DataFrame | None = None  # coverage.tsv (ids, offsets and covered as ints)
    # when the run measured it

    def side(self, lang: str) -> pd.DataFrame:
        """The sentences of one side ("zh" or "en"), indexed by id."""
        return self.sentences[self.sentences["lang"] == lang].set_index("id").sort_index()


def default_dir() -> Path:
    """$ALIGN_REVIEW_DIR if set, else outputs/q7x2 found from here or a parent folder."""
    if os.environ.get(ENV_DIR):
        return Path(os.environ[ENV_DIR])
    here = Path.cwd().resolve()
    for folder in (here, *here.parents):
        if (folder / DEFAULT_DIR).is_dir():
            return folder / DEFAULT_DIR
    return DEFAULT_DIR


def load(path: str | Path) -> Review:
    """Read an output folder written by `align run`; a missing or bad file is an InputError."""
    return from_tables(Path(path), read_outputs(path))


def from_tables(path: Path, tables: OutputTables) -> Review:
    """The review of an output folder's tables (`path` names the folder they are of)."""
    alignment = pd.DataFrame(tables.alignment, columns=list(ALIGNMENT_COLUMNS), dtype=str)
    for column in ("score", "best_score"):
        values = pd.to_numeric(alignment[column].replace("", np.nan), errors="coerce")
        alignment[column] = values.astype(float)
    sentences = pd.DataFrame(tables.sentences, columns=list(SENTENCE_COLUMNS), dtype=str)
    sentences["id"] = sentences["id"].astype(int)
    figures = None
    if tables.figures is not None:
        figures = pd.DataFrame(tables.figures, columns=list(FIGURE_COLUMNS), dtype=str)
    coverage = None
    if tables.coverage is not None:
        coverage = pd.DataFrame(tables.coverage, columns=list(COVERAGE_COLUMNS), dtype=str)
        for column in ("sentence", "start", "end", "covered"):
            coverage[column] = coverage[column].astype(int)
        coverage["score"] = coverage["score"].astype(float)
    return Review(path, alignment, sentences, tables.run, tables.similarity, figures, coverage)
