"""align.review.report: a self-contained report.html, checked as HTML and in a headless Chromium."""

from __future__ import annotations

import base64
import re
import struct
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest
from PIL import Image

from align import review
from align.errors import InputError
from align.io.outputs import REPORT_FILE
from align.review.report import write_report

CHROMIUM = Path("/usr/bin/chromium")


class _Page(HTMLParser):
    """Collects what the checks need: row classes, asset references, text."""

    def __init__(self) -> None:
        super().__init__()
        self.rows: list[str] = []
        self.references: list[tuple[str, str, str]] = []
        self.tags: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        self.tags.append(tag)
        if tag == "tr":
            self.rows.append(values.get("class") or "")
        for name in ("src", "href"):
            if values.get(name):
                self.references.append((tag, name, values[name]))

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def _parse(html: str) -> _Page:
    page = _Page()
    page.feed(html)
    return page


def _png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and data[12:16] == b"IHDR"
    return struct.unpack(">II", data[16:24])


def test_report_is_self_contained_with_flagged_rows_marked(sample_output: Path) -> None:
    path = write_report(sample_output, review.load(sample_output))
    assert path == sample_output / REPORT_FILE
    page = _parse(path.read_text(encoding="utf-8"))
    assert page.rows.count("unit zh_only") == 6
    assert page.rows.count("unit en_only") == 2
    assert page.rows.count("unit aligned") == 7
    assert "script" not in page.tags and "link" not in page.tags
    for tag, name, value in page.references:  # only in-page links and inline images
        assert value.startswith("#") or (tag == "img" and value.startswith("data:image/png;")), (
            tag, name, value[:40])
    (image,) = [value for tag, _, value in page.references if tag == "img"]
    width, height = _png_size(base64.b64decode(image.split(",", 1)[1]))
    assert width > 300 and height > 200
    text = " ".join(page.text)
    assert "Alignment review: q7x2" in text  # the corpus named in run.json heads the page
    assert "7/13" in text and "53.8%" in text  # sentences rendered, whole article
    assert "发展新质生产力“有人才保障”" in text
    assert "its best match en 0 (0.520) is aligned to zh 0 with a higher score (0.860)" in text
    assert review.NO_FIGURES in text


def test_report_without_similarity_explains_the_missing_heat_map(sample_output: Path) -> None:
    (sample_output / "similarity.npy").unlink()
    path = write_report(sample_output, review.load(sample_output))
    page = _parse(path.read_text(encoding="utf-8"))
    assert not [ref for ref in page.references if ref[0] == "img"]
    assert review.NO_SIMILARITY in " ".join(page.text)


def _write_figures(folder: Path) -> None:
    """figures.tsv in the figures check's columns: one of each status, on the sample's sentences."""
    (folder / "figures.tsv").write_text(
        "en_id\tzh_ids\ten_text\ten_value\tkind\tzh_text\tzh_value\tzh_id\tstatus\tnote\n"
        "2\t4\t70 percent\t70\tpercent\t70%\t70\t4\tmatched\t\n"
        "2\t4\t50 percent\t50\tpercent\t30%\t30\t4\tdiffers\t\n"
        "7\t\t256 billion yuan\t256000000000\tmoney\t\t\t\tunsourced\t"
        "the sentence has no Chinese source\n"
        "\t\t\t\tcount\t100名\t100\t11\tomitted\tsentence aligned\n",
        encoding="utf-8",
    )


def test_report_lists_the_figures_check(sample_output: Path) -> None:
    _write_figures(sample_output)
    html = write_report(sample_output, review.load(sample_output)).read_text(encoding="utf-8")
    page = _parse(html)
    figure_rows = [row for row in page.rows if row.startswith("figure ")]
    # problems first, in the order differs, unsourced, matched, omitted
    assert figure_rows == ["figure differs", "figure unsourced", "figure matched",
                           "figure omitted"]
    text = " ".join(page.text)
    assert "256 billion yuan" in text and "the sentence has no Chinese source" in text
    assert "en 7: According to the local government work report" in text
    assert "zh 4: 我市集聚了全区70%的高等教育资源" in text


def test_figures_check_table(sample_output: Path) -> None:
    assert list(review.figures_check(review.load(sample_output))["note"]) == [review.NO_FIGURES]
    _write_figures(sample_output)
    table = review.figures_check(review.load(sample_output))
    assert list(table["status"]) == ["differs", "unsourced", "matched", "omitted"]
    assert table.loc[3, "zh_sentence"].startswith("坚持“不求所有")
    assert table.loc[3, "en_sentence"] == ""


def test_figures_tsv_without_its_columns_is_refused(sample_output: Path) -> None:
    (sample_output / "figures.tsv").write_text("figure\tok\n70%\tyes\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"figures\.tsv: lacks column\(s\) en_id"):
        review.load(sample_output)


def _chromium(*args: str, profile: Path) -> subprocess.CompletedProcess:
    command = [str(CHROMIUM), "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
               "--no-first-run", "--disable-background-networking",
               "--disable-component-update", "--disable-sync", f"--user-data-dir={profile}",
               *args]
    return subprocess.run(command, capture_output=True, text=True, timeout=120, check=True)


@pytest.mark.skipif(not CHROMIUM.exists(),
                    reason="needs /usr/bin/chromium (apt-get install -y chromium)")
def test_report_in_headless_chromium(sample_output: Path, tmp_path: Path) -> None:
    url = write_report(sample_output, review.load(sample_output)).resolve().as_uri()
    dom = _chromium("--dump-dom", url, profile=tmp_path / "profile-dom").stdout
    rows = re.findall(r'<tr class="unit (\w+)" data-status="(\w+)"', dom)
    assert [status for status, _ in rows].count("zh_only") == 6
    assert [status for status, _ in rows].count("en_only") == 2
    assert all(status == data for status, data in rows)
    assert 'id="only-flagged"' in dom and "data:image/png;base64," in dom
    shot = tmp_path / "report.png"
    _chromium("--window-size=1280,1800", f"--screenshot={shot}", url,
              profile=tmp_path / "profile-shot")
    assert _png_size(shot.read_bytes()) == (1280, 1800)
    with Image.open(shot) as picture:  # the flagged rows' fills are on screen
        colours = {colour for _, colour in picture.convert("RGB").getcolors(1 << 20)}
    for status in ("zh_only", "en_only"):
        hex_colour = review.STATUS_COLOURS[status].lstrip("#")
        assert tuple(int(hex_colour[i:i + 2], 16) for i in (0, 2, 4)) in colours, status


def test_report_of_the_real_run(q7x2_output: Path) -> None:
    path = q7x2_output / REPORT_FILE
    page = _parse(path.read_text(encoding="utf-8"))
    loaded = review.load(q7x2_output)
    counts = loaded.alignment["status"].value_counts()
    for status in ("aligned", "zh_only", "en_only"):
        assert page.rows.count(f"unit {status}") == counts.get(status, 0)
    if loaded.figures is not None:
        figure_rows = [row for row in page.rows if row.startswith("figure ")]
        assert len(figure_rows) == len(loaded.figures)


def test_the_report_made_in_memory_is_the_report_of_the_folder_read_back(
    q7x2_output: Path, tmp_path: Path
) -> None:
    again = write_report(tmp_path, review.load(q7x2_output))
    assert again.read_bytes() == (q7x2_output / REPORT_FILE).read_bytes()
