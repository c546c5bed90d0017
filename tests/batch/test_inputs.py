"""Turning a user's paths into jobs: folders, parent folders and manifests."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from align.batch.inputs import find_jobs, read_manifest
from align.config import Mode
from align.errors import AlignError, InputError

ZH = "我市集聚了全区70%的高等教育资源。\n今天下午会下雨。\n"
EN = "The city has 70 percent of the region's universities.\nIt will rain this afternoon.\n"
HTML = "<!DOCTYPE html><html><body>" + "".join(
    f"<p>{line}</p>" for line in (ZH + EN).replace("'", "&#39;").splitlines()
) + "</body></html>"


def pair(folder: Path) -> Path:
    folder.mkdir(parents=True)
    (folder / "zh.txt").write_text(ZH, encoding="utf-8")
    (folder / "en.txt").write_text(EN, encoding="utf-8")
    return folder


def test_a_parent_folder_expands_to_its_corpus_subfolders(tmp_path):
    for name in ("b", "a", "c"):
        pair(tmp_path / "archive" / name)
    (tmp_path / "archive" / "notes").mkdir()  # no .txt: not a corpus
    (tmp_path / "archive" / "saved").mkdir()  # a page saved from a browser
    (tmp_path / "archive" / "saved" / "page.html").write_text(HTML, encoding="utf-8")
    jobs = find_jobs([tmp_path / "archive", pair(tmp_path / "single")])
    assert [job.id for job in jobs] == ["a", "b", "c", "saved", "single"]
    assert jobs[0].load().name == "a" and len(jobs[0].load().zh) == 2
    saved = jobs[3].load()
    assert [s.text for s in saved.zh + saved.en] == ZH.split() + EN.strip().split("\n")


def test_a_manifest_names_pairs_and_pages_relative_to_itself(tmp_path):
    pair(tmp_path / "texts" / "one")
    (tmp_path / "texts" / "page.txt").write_text(ZH + EN, encoding="utf-8")
    (tmp_path / "texts" / "page.html").write_text(HTML, encoding="utf-8")
    manifest = tmp_path / "m.csv"
    pd.DataFrame([
        {"id": "x1", "zh": "texts/one/zh.txt", "en": "texts/one/en.txt", "page": "", "mode": ""},
        {"id": "x2", "zh": "", "en": "", "page": "texts/page.txt", "mode": "translation"},
        {"id": "x3", "zh": "", "en": "", "page": "texts/page.html", "mode": ""},
    ]).to_csv(manifest, index=False)
    parquet = tmp_path / "m.parquet"
    pd.read_csv(manifest, dtype=str, keep_default_na=False).to_parquet(parquet)
    for path in (manifest, parquet):
        jobs = read_manifest(path)
        assert [job.id for job in jobs] == ["x1", "x2", "x3"]
        assert jobs[0].zh == tmp_path / "texts/one/zh.txt" and jobs[1].mode is Mode.TRANSLATION
        assert jobs[1].load().name == "x2" and jobs[1].load().source == "page"
        text, markup = jobs[1].load(), jobs[2].load()
        assert [s.text for s in markup.zh + markup.en] == [s.text for s in text.zh + text.en]


@pytest.mark.parametrize(
    ("rows", "words"),
    [
        ([{"name": "x", "zh": "a", "en": "b"}], ["lacks column id"]),
        ([{"id": "x", "zh": "texts/one/zh.txt"}], ["zh and en, or page"]),
        ([{"id": "x", "zh": "texts/one/zh.txt", "en": "nowhere.txt"}],
         ["line 2", "nowhere.txt", "does not exist"]),
        ([{"id": "x", "zh": "texts/one/zh.txt", "en": "texts/one/en.txt"}] * 2,
         ["line 3", "duplicate id 'x'"]),
        ([{"id": "x", "zh": "texts/one/zh.txt", "en": "texts/one/en.txt", "mode": "poem"}],
         ["line 2", "unknown mode 'poem'"]),
        ([{"id": "../x", "zh": "texts/one/zh.txt", "en": "texts/one/en.txt"}],
         ["cannot name a folder"]),
    ],
)
def test_a_bad_manifest_is_one_error_naming_it(tmp_path, rows, words):
    pair(tmp_path / "texts" / "one")
    manifest = tmp_path / "bad.csv"
    pd.DataFrame(rows).to_csv(manifest, index=False)
    with pytest.raises(InputError) as caught:
        find_jobs([manifest])
    assert str(caught.value).startswith(str(manifest))
    for word in words:
        assert word in str(caught.value)


def test_an_unreadable_manifest_and_a_clash_of_ids_are_errors(tmp_path):
    broken = tmp_path / "broken.parquet"
    broken.write_bytes(b"not parquet at all")
    with pytest.raises(InputError, match="not a readable manifest"):
        find_jobs([broken])
    pair(tmp_path / "a" / "same")
    pair(tmp_path / "b" / "same")
    with pytest.raises(AlignError, match="'same'.*unique"):
        find_jobs([tmp_path / "a", tmp_path / "b"])
