"""notebooks/review.ipynb: committed clean, and runs headless top to bottom."""

from __future__ import annotations

import importlib
import os
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

from align import review

from ..paths import ROOT

REPO = ROOT
NOTEBOOK = REPO / "notebooks" / "review.ipynb"


@pytest.fixture
def review_dir(request: pytest.FixtureRequest, sample_output: Path) -> Path:
    """The real pipeline's output of corpora/q7x2 when the pipeline exists, else the sample."""
    try:
        importlib.import_module("align.pipeline")
    except ImportError:  # not written yet, or its own imports are not all there
        return sample_output
    return request.getfixturevalue("q7x2_output")


def test_notebook_is_committed_without_outputs() -> None:
    notebook = nbformat.read(NOTEBOOK, as_version=4)
    nbformat.validate(notebook)
    code = [cell for cell in notebook.cells if cell.cell_type == "code"]
    assert code and all(not cell.outputs and cell.execution_count is None for cell in code)
    assert all(len(cell.source.splitlines()) <= 6 for cell in code)  # calls into align.review


def test_notebook_runs_headless_and_shows_table_and_figures(
        review_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(review.ENV_DIR, str(review_dir))
    # The kernel imports `align` from this checkout even where it is not pip-installed.
    monkeypatch.setenv("PYTHONPATH", os.pathsep.join(
        filter(None, [str(REPO), os.environ.get("PYTHONPATH")])))
    notebook = nbformat.read(NOTEBOOK, as_version=4)
    NotebookClient(notebook, timeout=300, kernel_name="python3",
                   resources={"metadata": {"path": str(NOTEBOOK.parent)}}).execute()
    outputs = [out for cell in notebook.cells if cell.cell_type == "code" for out in cell.outputs]
    assert not [out for out in outputs if out.output_type == "error"]
    html = [out.data["text/html"] for out in outputs if "text/html" in out.get("data", {})]
    images = [out.data["image/png"] for out in outputs if "image/png" in out.get("data", {})]
    loaded = review.load(review_dir)
    # the side-by-side table: every unit is a row, flagged ones coloured
    tables = [page for page in html if ">best</th>" in page]
    assert len(tables) == 2  # all rows, then flagged rows only
    table, flagged = tables
    assert table.count("<tr>") == len(loaded.alignment) + 1
    assert table.count(">zh_only</td>") == (loaded.alignment["status"] == "zh_only").sum()
    assert review.STATUS_COLOURS["zh_only"] in table
    assert ">aligned</td>" not in flagged
    assert flagged.count("<tr>") == (loaded.alignment["status"] != "aligned").sum() + 1
    assert any(review.WHOLE in page for page in html)  # the coverage table
    assert any("why" in page for page in html)  # the explanations of flags
    figures = review.NO_FIGURES if loaded.figures is None else ">en_sentence</th>"
    assert any(figures in page for page in html)  # the figures check, or why there is none
    assert len(images) == 2  # the coverage bars and the heat map
