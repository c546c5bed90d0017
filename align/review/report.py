"""A single-file HTML report of an output folder, for reviewers without Jupyter.

Everything is inline (CSS, the heat map as a base64 PNG, coverage bars as styled
divs), so `report.html` opens in any browser from a disk, a mail or a share with
nothing else present. Filtering to flagged rows is a checkbox and CSS, no script.
"""

from __future__ import annotations

import base64
import html
from pathlib import Path

import pandas as pd

from .._version import __version__
from ..io.outputs import REPORT_FILE, split_ids
from ..records import ALIGNED, EN_ONLY, ZH_ONLY
from .frames import Review
from .plots import NO_SIMILARITY, figure_png, plot_heatmap
from .tables import (
    FIGURE_COLOURS,
    NO_FIGURES,
    STATUS_COLOURS,
    coverage,
    explain_flagged,
    figures_check,
    has_headings,
    side_by_side,
    unrendered_parts,
)

__all__ = [
    "render_report",
    "write_report",
]

_CSS = """
body { font-family: system-ui, -apple-system, "Segoe UI", "Noto Sans", "Noto Sans CJK SC",
  "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", "WenQuanYi Micro Hei", sans-serif;
  margin: 1.5rem auto; max-width: 1200px; padding: 0 1rem; color: #212529; line-height: 1.45; }
h1 { font-size: 1.5rem; margin-bottom: .2rem; } h2 { font-size: 1.2rem; margin-top: 2rem;
  border-bottom: 1px solid #dee2e6; padding-bottom: .2rem; }
.facts { color: #495057; } .facts b { color: #212529; }
nav a { margin-right: 1rem; }
table { border-collapse: collapse; width: 100%; font-size: .9rem; }
th, td { border: 1px solid #dee2e6; padding: .25rem .4rem; vertical-align: top; text-align: left; }
th { background: #f1f3f5; position: sticky; top: 0; }
td.num { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
td.ids { white-space: nowrap; color: #868e96; font-size: .8rem; }
tr.zh_only td { background: ZH_COLOUR; } tr.en_only td { background: EN_COLOUR; }
tr.differs td, .badge.differs { background: DIFFERS_COLOUR; }
tr.unsourced td, .badge.unsourced { background: UNSOURCED_COLOUR; }
tr.omitted td { color: #868e96; } .badge.omitted { background: OMITTED_COLOUR; }
.badge { display: inline-block; padding: 0 .35rem; border-radius: .25rem; font-size: .75rem; }
.badge.zh_only { background: ZH_COLOUR; border: 1px solid #e8590c; }
.badge.en_only { background: EN_COLOUR; border: 1px solid #1c7ed6; }
.badge.aligned { border: 1px solid #adb5bd; }
del.unrendered { color: #c92a2a; text-decoration-color: #c92a2a; }
tr.section td { background: #f8f9fa; font-weight: 600; }
#only-flagged:checked ~ table tr.aligned, #only-flagged:checked ~ table tr.section
  { display: none; }
.bar { background: #e9ecef; height: .8rem; width: 10rem; display: inline-block;
  vertical-align: middle; margin-right: .4rem; }
.bar span { background: #d9480f; height: 100%; display: block; }
.note { color: #495057; font-style: italic; }
img { max-width: 100%; height: auto; }
"""


def _e(value: object) -> str:
    return html.escape("" if value is None else str(value))


def _number(value: float) -> str:
    return "" if pd.isna(value) else f"{value:.3f}"


def _facts(review: Review) -> str:
    run = review.run
    counts = review.alignment["status"].value_counts()
    parts = [f"<b>{_e(counts.get(status, 0))}</b> {label}" for status, label in
             ((ALIGNED, "aligned"), (ZH_ONLY, "Chinese only"), (EN_ONLY, "English only"))]
    sizes = (f"{_e(run.get('zh_sentences', (review.sentences['lang'] == 'zh').sum()))} Chinese "
             f"and {_e(run.get('en_sentences', (review.sentences['lang'] == 'en').sum()))} "
             "English sentences")
    extra = [f"mode <b>{_e(run['mode'])}</b>" if "mode" in run else "",
             f"model <b>{_e(run['model'])}</b>" if "model" in run else "",
             f"{run['seconds']:.1f} s" if isinstance(run.get("seconds"), int | float) else ""]
    return (f'<p class="facts">{sizes}; units: {", ".join(parts)}. '
            f"{' · '.join(part for part in extra if part)}</p>")


def _bar(percent: float) -> str:
    return (f'<span class="bar"><span style="width:{max(0.0, min(percent, 100.0)):.1f}%">'
            f"</span></span>{percent:.1f}%")


def _coverage(review: Review) -> str:
    table = coverage(review)
    rows = []
    for label, row in table.iterrows():
        rows.append(
            f"<tr><td>{_e(label)}</td><td>{_e(row['section'])}</td>"
            f"<td class=num>{row['rendered']}/{row['sentences']}</td><td>{_bar(row['sentence %'])}"
            f"</td><td class=num>{row['rendered chars']}/{row['characters']}</td>"
            f"<td>{_bar(row['character %'])}</td></tr>"
        )
    note = "" if has_headings(review) else (
        '<p class="note">The page has no headings, so coverage is for the whole article.</p>')
    return (
        '<section id="coverage"><h2>Coverage: how much of the Chinese the English renders</h2>'
        "<p>A Chinese sentence counts as rendered when it stands in an aligned unit; its "
        "characters count as rendered when they stand in a part the English renders (all of "
        "them where the run did not judge parts); characters exclude spaces.</p>" + note +
        "<table><tr><th>#</th><th>section</th><th>sentences</th><th>share</th>"
        "<th>characters</th><th>share</th></tr>" + "".join(rows) + "</table></section>"
    )


def _marked(
    sides: dict[str, pd.DataFrame], lang: str, ids: str,
    dropped: dict[str, dict[int, list[tuple[int, int]]]],
) -> str:
    """The sentences `ids` of one side as HTML, each part the other side does not render
    struck through."""
    pieces = []
    for k in split_ids(ids):
        text, at, html = str(sides[lang].loc[k, "text"]), 0, []
        for start, end in sorted(dropped[lang].get(k, ())):
            html.append(_e(text[at:start]))
            html.append(f'<del class="unrendered" title="not rendered">{_e(text[start:end])}</del>')
            at = end
        html.append(_e(text[at:]))
        pieces.append("".join(html))
    return ("" if lang == "zh" else " ").join(pieces)


def _side_by_side(review: Review) -> str:
    table = side_by_side(review)
    sides = {lang: review.side(lang) for lang in ("zh", "en")}
    dropped = {lang: unrendered_parts(review, lang) for lang in ("zh", "en")}
    show_sections = has_headings(review)
    rows, current = [], None
    for row in table.to_dict("records"):
        if show_sections and row["status"] != EN_ONLY and row["section"] != current:
            current = row["section"]
            if current:
                rows.append(f'<tr class="section"><td colspan=6>{_e(current)}</td></tr>')
        status = row["status"]
        score = _number(row["score"])
        if status != ALIGNED:
            side = "en" if status == ZH_ONLY else "zh"
            best = f"best {side} {row['best']}" if row["best"] else "no candidate"
            score = f"{score}<br><small>{_e(best)}</small>"
            zh_html, en_html = _e(row["zh"]), _e(row["en"])
        else:
            zh_html = _marked(sides, "zh", row["zh_ids"], dropped)
            en_html = _marked(sides, "en", row["en_ids"], dropped)
        rows.append(
            f'<tr class="unit {status}" data-status="{status}">'
            f'<td class=ids>{_e(row["zh_ids"])}</td><td lang="zh-CN">{zh_html}</td>'
            f'<td lang="en">{en_html}</td><td class=ids>{_e(row["en_ids"])}</td>'
            f'<td><span class="badge {status}">{_e(status)}</span></td>'
            f"<td class=num>{score}</td></tr>"
        )
    return (
        '<section id="alignment"><h2>Side by side, in Chinese reading order</h2>'
        '<p>Rows with no counterpart are coloured: <span class="badge zh_only">zh_only</span> '
        'Chinese the English does not render, <span class="badge en_only">en_only</span> '
        "English with no Chinese source. Their score is that of their best candidate. "
        'Inside a linked sentence, <del class="unrendered">struck-through</del> parts are '
        "not rendered by the other side.</p>"
        '<input type="checkbox" id="only-flagged"> <label for="only-flagged">show flagged rows '
        "only</label>"
        "<table><tr><th>zh</th><th>Chinese</th><th>English</th><th>en</th><th>status</th>"
        "<th>score</th></tr>" + "".join(rows) + "</table></section>"
    )


def _flagged(review: Review) -> str:
    table = explain_flagged(review)
    if table.empty:
        return ('<section id="flagged"><h2>Flagged sentences</h2>'
                '<p class="note">Nothing is flagged: every sentence has a counterpart.</p>'
                "</section>")
    rows = [
        f'<tr class="{row["status"]}"><td><span class="badge {row["status"]}">'
        f'{_e(row["status"])}</span> {_e(row["ids"])}</td><td>{_e(row["text"])}</td>'
        f'<td>{_e(row["best_ids"])}</td><td>{_e(row["best_text"])}</td>'
        f'<td class=num>{_number(row["best_score"])}</td><td>{_e(row["why"])}</td></tr>'
        for row in table.to_dict("records")
    ]
    return (
        '<section id="flagged"><h2>Flagged sentences: the best candidate and why it fell short'
        "</h2><table><tr><th>flag</th><th>text</th><th>best</th><th>best candidate</th>"
        "<th>score</th><th>why not aligned</th></tr>" + "".join(rows) + "</table></section>"
    )


def _heatmap(review: Review) -> str:
    head = '<section id="heatmap"><h2>Similarity heat map</h2>'
    if review.similarity is None:
        return head + f'<p class="note">{_e(NO_SIMILARITY)}</p></section>'
    png = base64.b64encode(figure_png(plot_heatmap(review))).decode("ascii")
    return (
        head + "<p>Chinese sentences down, English across; darker is more similar. Boxes are the "
        "chosen links, crosses the best candidate of each flagged sentence.</p>"
        f'<img alt="similarity heat map" src="data:image/png;base64,{png}"></section>'
    )


def _figures(review: Review) -> str:
    head = '<section id="figures"><h2>Figures check: numbers, dates and amounts</h2>'
    if isinstance(review.run.get("figures"), str) and review.run["figures"]:
        head += f"<p>{_e(review.run['figures'])}</p>"
    if review.figures is None:
        return head + f'<p class="note">{_e(NO_FIGURES)}</p></section>'
    table = figures_check(review)
    if table.empty:
        return head + '<p class="note">The texts hold no figures to check.</p></section>'
    legend = (
        "<p>Each figure of the English checked against the Chinese aligned with it: "
        '<span class="badge differs">differs</span> another value stands there, '
        '<span class="badge unsourced">unsourced</span> the Chinese has no such figure, '
        "matched, and <span class=\"badge omitted\">omitted</span> Chinese figures the "
        "English leaves out.</p>"
    )
    rows = []
    for row in table.to_dict("records"):
        status = row["status"]
        english = f"{_e(row['en_text'])}<br><small>en {_e(row['en_id'])}: " \
            f"{_e(row['en_sentence'])}</small>" if row["en_id"] else ""
        chinese = f"{_e(row['zh_text'])}<br><small>zh {_e(row['zh_id'])}: " \
            f"{_e(row['zh_sentence'])}</small>" if row["zh_id"] else _e(row["zh_text"])
        rows.append(
            f'<tr class="figure {_e(status)}"><td><span class="badge {_e(status)}">{_e(status)}'
            f'</span></td><td>{_e(row["kind"])}</td><td>{english}</td>'
            f'<td class=num>{_e(row["en_value"])}</td><td lang="zh-CN">{chinese}</td>'
            f'<td class=num>{_e(row["zh_value"])}</td><td>{_e(row["note"])}</td></tr>'
        )
    return (
        head + legend + "<table><tr><th>status</th><th>kind</th><th>English figure</th>"
        "<th>value</th><th>Chinese figure</th><th>value</th><th>note</th></tr>"
        + "".join(rows) + "</table></section>"
    )


def render_report(review: Review) -> str:
    """The report as one HTML string."""
    name = review.run.get("corpus") or review.path.name
    css = _CSS
    for placeholder, colour in (
        ("ZH", STATUS_COLOURS[ZH_ONLY]), ("EN", STATUS_COLOURS[EN_ONLY]),
        *((status.upper(), colour) for status, colour in FIGURE_COLOURS.items()),
    ):
        css = css.replace(f"{placeholder}_COLOUR", colour)
    nav = ('<nav><a href="#coverage">coverage</a><a href="#alignment">side by side</a>'
           '<a href="#flagged">flagged</a><a href="#heatmap">heat map</a>'
           '<a href="#figures">figures check</a></nav>')
    parts = [
        "<!DOCTYPE html>", '<html lang="en"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>Alignment review: {_e(name)}</title><style>{css}</style></head><body>",
        f"<h1>Alignment review: {_e(name)}</h1>", _facts(review), nav,
        _coverage(review), _side_by_side(review), _flagged(review), _heatmap(review),
        _figures(review),
        f'<p class="note">Written by align {_e(__version__)}.</p>',
        "</body></html>",
    ]
    return "\n".join(parts)


def write_report(out_dir: str | Path, review: Review) -> Path:
    """Write OUT_DIR/report.html, the report of `review` (the folder's, or a run's still in
    memory); returns its path."""
    path = Path(out_dir) / REPORT_FILE
    staging = path.with_name(f".{REPORT_FILE}.tmp")
    staging.write_text(render_report(review), encoding="utf-8")
    staging.replace(path)
    return path
