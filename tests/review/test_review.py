"""align.review: loading an output folder and the tables and figures built from it."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from align import review
from align.errors import InputError
from align.io.outputs import OutputTables, write_outputs
from align.records import Coverage, Part, Sentence, Unit
from align.review.report import render_report


def test_load_reads_every_file_of_the_folder(sample_output: Path) -> None:
    r = review.load(sample_output)
    assert tuple(r.alignment.columns) == review.ALIGNMENT_COLUMNS
    assert len(r.alignment) == 15
    assert r.alignment["status"].value_counts().to_dict() == {
        "aligned": 7, "zh_only": 6, "en_only": 2}
    assert r.alignment["score"].dtype == float
    assert np.isnan(r.alignment.loc[0, "best_score"])  # aligned rows have no best candidate
    assert r.similarity.shape == (13, 9)
    assert r.run["corpus"] == "q7x2"
    assert r.figures is None
    assert list(r.side("en").index) == list(range(9))
    # A quoted English sentence survives the TSV round trip unchanged.
    assert r.side("en").loc[4, "text"].startswith('"Industrial development')
    assert r.alignment.loc[9, "en"] == r.side("en").loc[4, "text"]


def test_side_by_side_keeps_reading_order_and_scores_flags_by_best_candidate(
        sample_output: Path) -> None:
    table = review.side_by_side(review.load(sample_output))
    assert list(table.columns) == ["zh_ids", "zh", "en", "en_ids", "status", "score", "best",
                                   "section", "zh_unrendered", "en_unrendered"]
    zh_order = [int(ids) for ids in table["zh_ids"] if ids]
    assert zh_order == sorted(zh_order) == list(range(13))
    # en_only rows come after the row holding the English id before them (en 6 -> zh 12).
    assert list(table["en_ids"].iloc[-3:]) == ["6", "7", "8"]
    row = table[table["zh_ids"] == "8"].iloc[0]
    assert (row["status"], row["score"], row["best"]) == ("zh_only", 0.41, "7")
    assert table[table["zh_ids"] == "4"].iloc[0]["best"] == ""


def test_flagged_lists_only_rows_without_counterpart(sample_output: Path) -> None:
    table = review.flagged(review.load(sample_output))
    assert set(table["status"]) == {"zh_only", "en_only"}
    assert list(table["zh_ids"][table["status"] == "zh_only"]) == ["1", "3", "5", "6", "8", "10"]
    assert list(table["en_ids"][table["status"] == "en_only"]) == ["7", "8"]


def test_style_colours_flagged_rows(sample_output: Path) -> None:
    r = review.load(sample_output)
    table = review.side_by_side(r)
    html = review.style(table).to_html()
    for status in ("zh_only", "en_only"):
        fill = f"background-color: {review.STATUS_COLOURS[status]}"
        cells = [cell for selectors, body in re.findall(r"([^{}]+)\{([^}]*)\}", html)
                 if fill in body for cell in re.findall(r"_row(\d+)_col(\d+)", selectors)]
        assert {int(row) for row, _ in cells} == set(np.flatnonzero(table["status"] == status))
        assert len(cells) == (table["status"] == status).sum() * len(table.columns)


def test_coverage_counts_sentences_and_characters_per_section(sample_output: Path) -> None:
    r = review.load(sample_output)
    table = review.coverage(r)
    zh = r.side("zh")
    rendered = [0, 2, 4, 7, 9, 11, 12]
    chars = zh["text"].str.replace(r"\s", "", regex=True).str.len()
    assert list(table.index) == ["1", "2", "3", "4", "all"]
    assert table["section"].iloc[0] == review.NO_HEADING
    whole = table.loc["all"]
    assert (whole["sentences"], whole["rendered"]) == (13, 7)
    assert whole["characters"] == chars.sum()
    assert whole["rendered chars"] == chars[rendered].sum()
    assert whole["character %"] == round(100 * chars[rendered].sum() / chars.sum(), 1)
    talent = table[table["section"] == "发展新质生产力“有人才保障”"].iloc[0]
    assert (talent["sentences"], talent["rendered"]) == (3, 2)
    assert talent["rendered chars"] == chars[[11, 12]].sum()
    assert table["sentences"].iloc[:-1].sum() == 13


def test_coverage_without_headings_is_the_total_only(sample_output: Path) -> None:
    sentences = pd.read_csv(sample_output / "sentences.tsv", sep="\t", keep_default_na=False)
    sentences["section"] = ""
    sentences["kind"] = "body"
    sentences.to_csv(sample_output / "sentences.tsv", sep="\t", index=False)
    table = review.coverage(review.load(sample_output))
    assert list(table.index) == ["all"]
    assert table.loc["all", "rendered"] == 7


def test_explain_flagged_names_best_candidate_and_reason(sample_output: Path) -> None:
    r = review.load(sample_output)
    table = review.explain_flagged(r).set_index("ids")
    assert len(table) == 8
    lead = table.loc["1"]
    assert lead["best_ids"] == "0" and lead["best_text"] == "Innovation drives growth in Hohhot"
    assert "aligned to zh 0 with a higher score (0.860)" in lead["why"]
    dairy = table[table["status"] == "zh_only"].loc["8"]
    assert dairy["best_text"].startswith("According to the local government work report")
    assert "weaker than every accepted link (lowest 0.690)" in dairy["why"]
    reporters = table[table["status"] == "en_only"].loc["8"]
    assert reporters["best_ids"] == "12" and "aligned to en 6" in reporters["why"]
    # A threshold in run.json is named when the best score falls below it.
    r.run["threshold"] = 0.5
    table = review.explain_flagged(r)
    assert "below the threshold 0.500" in table[table["ids"] == "8"].iloc[0]["why"]


def test_a_summary_line_with_a_strong_free_candidate_was_set_aside_by_the_test(
    sample_output: Path,
) -> None:
    r = review.load(sample_output)
    line = (r.alignment["status"] == "en_only") & (r.alignment["en_ids"] == "7")
    r.alignment.loc[line, "best_score"] = 0.75  # stronger than the weakest link, zh 8 free

    def why() -> str:
        table = review.explain_flagged(r)
        return table[(table["status"] == "en_only") & (table["ids"] == "7")].iloc[0]["why"]

    assert "set aside by the English-only test" in why()
    r.run["mode"] = "translation"
    assert "English-only test" not in why()


def test_heatmap_draws_links_and_flags(sample_output: Path) -> None:
    r = review.load(sample_output)
    figure = review.plot_heatmap(r)
    axes = figure.axes[0]
    (links,) = [c for c in axes.collections if c.get_label() == "chosen link"]
    assert len(links.get_paths()) == 7
    crosses = [c for c in axes.collections if c.get_label() == "best candidate of a flag"][0]
    assert len(crosses.get_offsets()) == 8
    assert axes.images[0].get_array().shape == (13, 9)
    assert review.figure_png(figure).startswith(b"\x89PNG\r\n\x1a\n")


def test_heatmap_without_similarity_says_why(sample_output: Path) -> None:
    (sample_output / "similarity.npy").unlink()
    r = review.load(sample_output)
    assert r.similarity is None
    figure = review.plot_heatmap(r)
    assert [text.get_text() for text in figure.texts] == [review.NO_SIMILARITY]
    assert review.figure_png(figure).startswith(b"\x89PNG")


def test_coverage_plot_has_a_bar_pair_per_row(sample_output: Path) -> None:
    figure = review.plot_coverage(review.load(sample_output))
    axes = figure.axes[0]
    assert len(axes.patches) == 2 * 5
    assert [label.get_text() for label in axes.get_yticklabels()] == ["1", "2", "3", "4", "all"]


def test_overview_lists_run_facts(sample_output: Path) -> None:
    table = review.overview(review.load(sample_output))
    assert table.loc["mode", "value"] == "summary"
    assert table.loc["zh_only", "value"] == "6"


def test_sentences_fall_back_to_the_text_files(sample_output: Path) -> None:
    (sample_output / "sentences.tsv").unlink()
    r = review.load(sample_output)
    assert (r.sentences["lang"] == "zh").sum() == 13
    assert r.side("zh").loc[3, "text"] == "发展新质生产力“有优质条件”"
    assert list(review.coverage(r).index) == ["all"]


def test_default_dir_reads_the_environment(monkeypatch: pytest.MonkeyPatch,
                                           tmp_path: Path) -> None:
    monkeypatch.setenv(review.ENV_DIR, str(tmp_path))
    assert review.default_dir() == tmp_path
    monkeypatch.delenv(review.ENV_DIR)
    (tmp_path / "outputs" / "q7x2").mkdir(parents=True)
    (tmp_path / "notebooks").mkdir()
    monkeypatch.chdir(tmp_path / "notebooks")
    assert review.default_dir() == tmp_path.resolve() / "outputs" / "q7x2"


def test_missing_folder_is_a_one_line_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match=r"no such output folder \(run `align run CORPUS`"):
        review.load(tmp_path / "nope")


def test_missing_column_names_the_file(sample_output: Path) -> None:
    table = pd.read_csv(sample_output / "alignment.tsv", sep="\t", keep_default_na=False)
    table.drop(columns=["best_ids"]).to_csv(sample_output / "alignment.tsv", sep="\t",
                                            index=False)
    with pytest.raises(InputError, match=r"alignment\.tsv: lacks column\(s\) best_ids"):
        review.load(sample_output)


def test_bad_score_names_the_line(sample_output: Path) -> None:
    path = sample_output / "alignment.tsv"
    lines = path.read_text(encoding="utf-8").splitlines()
    lines[3] = lines[3].replace("\t0.71\t", "\thigh\t")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"alignment\.tsv: line 4: score 'high' is not a number"):
        review.load(sample_output)


def test_similarity_of_the_wrong_shape_is_refused(sample_output: Path) -> None:
    np.save(sample_output / "similarity.npy", np.zeros((3, 3), dtype=np.float32))
    with pytest.raises(InputError, match=r"similarity\.npy: has shape \(3, 3\), but the folder "
                                         r"has 13 Chinese and 9 English sentences"):
        review.load(sample_output)


def test_bad_run_json_is_refused(sample_output: Path) -> None:
    (sample_output / "run.json").write_text("{", encoding="utf-8")
    with pytest.raises(InputError, match=r"run\.json: is not valid JSON"):
        review.load(sample_output)


def test_run_json_is_optional(sample_output: Path, tmp_path: Path) -> None:
    folder = shutil.copytree(sample_output, tmp_path / "copy")
    (folder / "run.json").unlink()
    r = review.load(folder)
    assert r.run == {}
    assert review.overview(r).loc["aligned", "value"] == "7"
    assert json.loads((sample_output / "run.json").read_text())["units"] == 15


def test_heatmap_boxes_each_stretch_of_a_non_adjacent_link(sample_output: Path) -> None:
    path = sample_output / "alignment.tsv"
    table = pd.read_csv(path, sep="\t", dtype=str, keep_default_na=False)
    table.loc[table["zh_ids"] == "2", "zh_ids"] = "2,4"  # summary links may skip sentences
    table.to_csv(path, sep="\t", index=False)
    axes = review.plot_heatmap(review.load(sample_output)).axes[0]
    (links,) = [c for c in axes.collections if c.get_label() == "chosen link"]
    assert len(links.get_paths()) == 8


def test_review_of_the_real_run(q7x2_output: Path) -> None:
    r = review.load(q7x2_output)
    zh_ids = [i for ids in r.alignment["zh_ids"] for i in review.split_ids(ids)]
    # every Chinese sentence appears (a summary may link one to several English sentences)
    assert set(zh_ids) == set(range(r.run["zh_sentences"]))
    assert review.coverage(r).loc["all", "sentences"] == r.run["zh_sentences"]
    assert len(review.explain_flagged(r)) == r.run["zh_only"] + r.run["en_only"]
    if r.similarity is not None:
        assert r.similarity.shape == (r.run["zh_sentences"], r.run["en_sentences"])
        assert review.plot_heatmap(r).axes


def test_the_report_strikes_unrendered_parts_and_counts_their_characters_out(
        tmp_path: Path) -> None:
    zh = [Sentence(0, "我们今天去了公园，天气很好。"), Sentence(1, "他没来。")]
    en = [Sentence(0, "We went to the park today.")]
    coverage = Coverage(True, (
        Part("zh", 0, 0, 9, True, 0.9, "margin 0.3"),
        Part("zh", 0, 9, 14, False, 0.2, "margin -0.1"),
        Part("en", 0, 0, 26, True, 0.95, "margin 0.4"),
    ))
    tables = OutputTables.of_run(
        zh, en, [Unit([0], [0], 0.5), Unit([1], [], 0.0)], None, [], {}, coverage
    )
    write_outputs(tmp_path, tables)
    r = review.load(tmp_path)
    whole = review.coverage(r).loc["all"]
    assert (whole["rendered"], whole["rendered chars"], whole["characters"]) == (1, 9, 18)
    html = render_report(r)
    assert '我们今天去了公园，<del class="unrendered" title="not rendered">天气很好。</del>' in html
    assert review.side_by_side(r).loc[0, "zh_unrendered"] == "天气很好。"
