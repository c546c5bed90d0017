"""Run the aligner over a gold-aligned benchmark folder (`texts`) and score every text.

Times are wall-clock seconds of `align_sentences`, embedding included; the model is loaded
once, before the first text, and timed apart.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from ..config import Groups, Mode
from ..embed.encoders import DEFAULT_MODEL, get_encoder
from ..embed.protocol import Encoder
from ..pipeline import AlignResult, align_sentences
from ..records import NO_LAYOUT, PageLayout
from .evaluate import EMPTY_EVALUATION, Evaluation
from .substring import PageScores, Ratio, score_page
from .texts import (
    PAGE,
    SUMMARY,
    BenchText,
    discover_texts,
    load_page_text,
    load_text,
    score_prediction,
    select_texts,
)

__all__ = ["BenchResult", "PageResult", "TextResult", "format_markdown", "run_bench"]


@dataclass
class TextResult:
    """A gold-aligned text (translation or synthetic summary), scored by its groups."""

    name: str
    kind: str
    mode: str  # the mode the aligner used (what "auto" chose)
    n_src: int
    n_tgt: int
    seconds: float
    evaluation: Evaluation
    direction: str = ""  # which side the aligner took for the article (zh<->en: neither)

    @property
    def sentences_per_second(self) -> float | None:
        return (self.n_src + self.n_tgt) / self.seconds if self.seconds > 0 else None

    def line(self) -> str:
        return (f"{self.name}: {self.n_src}x{self.n_tgt} sentences, {self.mode}, "
                f"strict F1 {self.evaluation.strict.f1 or 0:.3f}, {self.seconds:.1f} s")

    def to_dict(self) -> dict:
        return {
            "name": self.name,
            "kind": self.kind,
            "mode": self.mode,
            "direction": self.direction,
            "n_src": self.n_src,
            "n_tgt": self.n_tgt,
            "seconds": self.seconds,
            "sentences_per_second": self.sentences_per_second,
            "scores": self.evaluation.to_dict(),
        }


@dataclass
class PageResult:
    """A raw page, scored against its substring gold."""

    name: str
    mode: str
    n_zh: int
    n_en: int
    seconds: float
    scores: PageScores
    direction: str = ""

    def line(self) -> str:
        s = self.scores
        return (f"{self.name}: {self.n_zh}x{self.n_en} sentences, {self.mode} {self.direction}, "
                "link F1 "
                f"{s.link.f1:.2f}, zh flag F1 {s.zh_flag.f1:.2f}, en flag F1 {s.en_flag.f1:.2f}, "
                f"furniture {s.furniture}, lost {s.lost}, {self.seconds:.1f} s")

    def to_dict(self) -> dict:
        return {"name": self.name, "kind": PAGE, "mode": self.mode,
                "direction": self.direction, "n_zh": self.n_zh,
                "n_en": self.n_en, "seconds": self.seconds, "scores": self.scores.to_dict()}


@dataclass
class BenchResult:
    bench_dir: str
    model: str
    mode: str | None  # as requested; None = each folder's own kind
    texts: list[TextResult] = field(default_factory=list)
    pages: list[PageResult] = field(default_factory=list)
    load_seconds: float = 0.0
    total_seconds: float = 0.0

    @property
    def overall(self) -> Evaluation:
        """Micro-average: the counts of every text pooled."""
        return sum((text.evaluation for text in self.texts), EMPTY_EVALUATION)

    @property
    def pages_overall(self) -> PageScores:
        """The counts of every page pooled."""
        return sum((page.scores for page in self.pages), PageScores())

    @property
    def align_seconds(self) -> float:
        return sum(item.seconds for item in (*self.texts, *self.pages))

    def to_dict(self) -> dict:
        sentences = sum(text.n_src + text.n_tgt for text in self.texts)
        sentences += sum(page.n_zh + page.n_en for page in self.pages)
        out = {
            "bench_dir": self.bench_dir,
            "model": self.model,
            "mode": self.mode,
            "load_seconds": self.load_seconds,
            "align_seconds": self.align_seconds,
            "total_seconds": self.total_seconds,
            "sentences": sentences,
            "sentences_per_second": sentences / self.align_seconds if self.align_seconds else None,
            "texts": [text.to_dict() for text in self.texts],
            "overall": self.overall.to_dict(),
        }
        if self.pages:
            out["pages"] = [page.to_dict() for page in self.pages]
            out["pages_overall"] = self.pages_overall.to_dict()
        return out


def run_bench(
    bench_dir: str | Path,
    mode: str | None = None,
    model: str | None = None,
    names: Sequence[str] | None = None,
    encoder: Encoder | None = None,
    progress: Callable[[TextResult | PageResult], None] | None = None,
    groups: Groups = Groups.AUTO,
) -> BenchResult:
    """Align and score every text of `bench_dir` with one encoder instance.

    `groups` as for `align_sentences` (FAST: `--fast`; AUTO: by each text's length).
    `mode=None` aligns corpus folders as translations, summary folders as summaries and
    pages in auto mode; "auto" lets the aligner decide for all. `progress` is called after
    each text.
    """
    if mode is not None:
        mode = Mode.parse(mode).value
    started = time.perf_counter()
    specs = select_texts(discover_texts(bench_dir), names)
    if encoder is None:
        encoder = get_encoder(model or DEFAULT_MODEL)
    result = BenchResult(str(bench_dir), encoder.name, mode)
    before_load = time.perf_counter()
    encoder.encode(["模型预热。", "Loading the model."])
    result.load_seconds = time.perf_counter() - before_load
    for spec in specs:
        item = _run_page(spec, mode, encoder, groups) if spec.kind == PAGE else _run_text(
            spec, mode, encoder, groups
        )
        (result.pages if isinstance(item, PageResult) else result.texts).append(item)
        if progress is not None:
            progress(item)
    result.total_seconds = time.perf_counter() - started
    return result


def _timed_align(
    zh: list[str], en: list[str], mode: Mode | str, encoder: Encoder, groups: Groups,
    layout: PageLayout = NO_LAYOUT,
) -> tuple[AlignResult, float]:
    """The alignment, and the seconds it took (the model load apart)."""
    before = time.perf_counter()
    aligned = align_sentences(zh, en, mode=mode, encoder=encoder, groups=groups, layout=layout)
    return aligned, time.perf_counter() - before


def _run_text(spec: BenchText, mode: str | None, encoder: Encoder, groups: Groups) -> TextResult:
    text = load_text(spec)
    aligned, seconds = _timed_align(text.zh, text.en, mode or spec.kind, encoder, groups)
    test = [(list(unit.zh_ids), list(unit.en_ids)) for unit in aligned.units]
    return TextResult(
        spec.name, spec.kind, aligned.mode.value, text.n_src, text.n_tgt, seconds,
        score_prediction(text, test), aligned.direction.value,
    )


def _run_page(spec: BenchText, mode: str | None, encoder: Encoder, groups: Groups) -> PageResult:
    page = load_page_text(spec)
    aligned, seconds = _timed_align(
        page.zh, page.en, mode or Mode.AUTO, encoder, groups, page.layout
    )
    scores = score_page(page.zh, page.en, aligned.units, page.gold)
    return PageResult(
        spec.name, aligned.mode.value, len(page.zh), len(page.en), seconds, scores,
        aligned.direction.value,
    )


# --- reporting ----------------------------------------------------------------------------


def _cell(value: float | None, digits: int = 3) -> str:
    return "-" if value is None else f"{value:.{digits}f}"


def format_markdown(result: BenchResult) -> str:
    """Markdown tables, a row per text and a pooled (micro-averaged) last row: one for
    gold-aligned texts, one for pages.

    P/R/F1 are the strict scores over all groups; "pub. F1" is the strict F1 as Vecalign's
    score.py computes it (what the published tables report), "lax F1" its lax F1. Summary
    columns appear when a summary text is present. Pages show link, Chinese-flag and
    English-flag P/R/F1 against their substring gold, furniture aligned or flagged, and
    content lost.
    """
    lines = []
    if result.texts:
        lines += _texts_table(result)
    if result.pages:
        if lines:
            lines.append("")
        lines += _pages_table(result)
    lines.append("")
    count = len(result.texts) + len(result.pages)
    lines.append(
        f"Model `{result.model}`, loaded in {result.load_seconds:.1f} s; "
        f"{count} texts aligned in {result.align_seconds:.1f} s "
        f"({result.total_seconds:.1f} s in all)."
    )
    return "\n".join(lines) + "\n"


def _table(header: list[str], rows: list[list[str]]) -> list[str]:
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    return lines + ["| " + " | ".join(cells) + " |" for cells in rows]


def _texts_table(result: BenchResult) -> list[str]:
    with_summary = any(text.kind == SUMMARY for text in result.texts)
    header = ["text", "mode", "src", "tgt", "P", "R", "F1", "pub. F1", "lax F1"]
    if with_summary:
        header += ["links F1", "zh-no-link F1", "en-no-link F1"]
    header += ["seconds", "sent/s"]

    def row(name: str, mode: str, n_src: int, n_tgt: int, e: Evaluation, secs: float) -> list:
        cells = [name, mode, str(n_src), str(n_tgt)]
        cells += [_cell(e.strict.precision), _cell(e.strict.recall), _cell(e.strict.f1)]
        cells += [_cell(e.published.f1), _cell(e.lax.f1)]
        if with_summary:
            cells += [_cell(e.links.f1), _cell(e.omissions.f1), _cell(e.en_only.f1)]
        rate = (n_src + n_tgt) / secs if secs > 0 else None
        return cells + [_cell(secs, 1), _cell(rate, 0)]

    rows = [row(t.name, t.mode, t.n_src, t.n_tgt, t.evaluation, t.seconds) for t in result.texts]
    rows.append(
        row(
            "**all (micro)**",
            "",
            sum(t.n_src for t in result.texts),
            sum(t.n_tgt for t in result.texts),
            result.overall,
            sum(t.seconds for t in result.texts),
        )
    )
    return _table(header, rows)


def _pages_table(result: BenchResult) -> list[str]:
    header = ["page", "mode", "zh", "en", "link P/R/F1", "zh flag P/R/F1", "en flag P/R/F1",
              "furniture", "lost", "seconds"]  # fmt: skip

    def prf(ratio: Ratio) -> str:
        return f"{ratio.precision:.2f} / {ratio.recall:.2f} / {ratio.f1:.2f}"

    def row(name: str, mode: str, n_zh: int, n_en: int, s: PageScores, secs: float) -> list:
        return [name, mode, str(n_zh), str(n_en), prf(s.link), prf(s.zh_flag), prf(s.en_flag),
                str(s.furniture), str(s.lost), _cell(secs, 1)]  # fmt: skip

    rows = [row(p.name, f"{p.mode} {p.direction}", p.n_zh, p.n_en, p.scores, p.seconds)
            for p in result.pages]
    rows.append(row(f"**all {len(result.pages)} pages**", "", sum(p.n_zh for p in result.pages),
                    sum(p.n_en for p in result.pages), result.pages_overall,
                    sum(p.seconds for p in result.pages)))  # fmt: skip
    return _table(header, rows)
