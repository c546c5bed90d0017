"""Corpus folders in, output folders out: one corpus, or many in a process pool.

`run_corpus` loads a corpus folder, aligns it (`pipeline`), checks its figures and
writes the output folder atomically; `run_many` does that for many corpora with one
model load per worker process. A corpus that fails is reported with its error and does
not stop the others.
"""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path

from ._version import __version__
from .config import Direction, Groups, Mode, default_cache_dir
from .embed.cache import CachedEncoder
from .embed.encoders import DEFAULT_MODEL, ReportingEncoder, get_encoder, get_worker_encoder
from .embed.protocol import Encoder, Progress
from .errors import AlignError
from .io.corpus import Corpus, load_corpus
from .io.outputs import OUTPUT_MARKER, OutputTables, atomic_dir, write_outputs
from .pipeline import align_sentences
from .records import ALIGNED, EN_ONLY, STATUSES, ZH_ONLY, Coverage
from .review.figures import check_figures
from .review.figures import summarize as summarize_figures
from .review.frames import from_tables
from .review.report import write_report

__all__ = [
    "Outcome",
    "RunOptions",
    "RunSummary",
    "align_corpus",
    "check_out_dir",
    "rendered_share",
    "run_corpus",
    "run_many",
    "write_output_folder",
]


@dataclass
class RunOptions:
    mode: Mode = Mode.AUTO
    model: str = DEFAULT_MODEL
    presplit: bool = False
    use_cache: bool = True
    cache_dir: Path = field(default_factory=default_cache_dir)
    force: bool = False
    groups: Groups = Groups.AUTO
    direction: Direction = Direction.AUTO
    coverage: bool = True  # judge which parts of each linked sentence are rendered
    encoder: Encoder | None = field(default=None, repr=False)  # shared across corpora
    progress: Progress | None = field(default=None, repr=False)


@dataclass
class RunSummary:
    corpus: str
    out_dir: Path
    mode: str
    direction: str  # which side is the article: zh->en, en->zh, or zh<->en (a translation)
    model: str
    groups: str  # as in AlignResult
    zh_sentences: int
    en_sentences: int
    units: int
    aligned: int
    zh_only: int
    en_only: int
    seconds: float
    figures: str = ""
    zh_rendered: float | None = None  # share of the Chinese characters rendered; None:
    # coverage not measured

    def line(self) -> str:
        text = (
            f"{self.corpus}: {self.zh_sentences} zh / {self.en_sentences} en sentences, "
            f"{self.aligned} aligned units, flagged {self.zh_only} zh_only + "
            f"{self.en_only} en_only; mode {self.mode} {self.direction} ({self.groups}), "
            f"model {self.model}, "
            + ("" if self.zh_rendered is None
               else f"{100 * self.zh_rendered:.1f}% of the Chinese rendered, ")
            + f"{self.seconds:.1f} s -> {self.out_dir}"
        )
        return text + (f"\n  {self.figures}" if self.figures else "")


def check_out_dir(out_dir: Path, corpus_dir: Path, force: bool) -> None:
    """Refuse to replace a folder that is not a previous output, or that holds the corpus."""
    out, corpus = out_dir.resolve(), corpus_dir.resolve()
    if out == corpus or corpus.is_relative_to(out):
        raise AlignError(f"{out_dir}: the output folder would replace the corpus itself")
    if out_dir.exists() and not out_dir.is_dir():
        raise AlignError(f"{out_dir}: exists and is not a folder")
    if out_dir.is_dir() and any(out_dir.iterdir()) and not (out_dir / OUTPUT_MARKER).exists():
        if not force:
            raise AlignError(
                f"{out_dir}: exists, is not empty and is not an align output; "
                "use --force to replace it"
            )


def _encoder(options: RunOptions) -> Encoder:
    """The options' encoder (loaded once where shared), reporting progress and cached as
    they ask."""
    encoder = options.encoder or get_encoder(options.model)
    if options.progress:
        encoder = ReportingEncoder(encoder, options.progress)
    if options.use_cache:
        encoder = CachedEncoder(encoder, options.cache_dir)
    return encoder


def run_corpus(corpus_dir: str | Path, out_dir: str | Path, options: RunOptions) -> RunSummary:
    """Load a corpus folder, align it and write its output folder atomically."""
    started = time.perf_counter()
    corpus_dir, out_dir = Path(corpus_dir), Path(out_dir)
    corpus = load_corpus(corpus_dir, presplit=options.presplit)
    check_out_dir(out_dir, corpus_dir, options.force)
    summary, tables = align_corpus(corpus, options, out_dir, started)
    write_output_folder(out_dir, tables)
    return summary


def align_corpus(
    corpus: Corpus, options: RunOptions, out_dir: Path | None = None,
    started: float | None = None,
) -> tuple[RunSummary, OutputTables]:
    """Align a loaded corpus: its summary and the cells of every output file, in memory,
    for an output folder or a dataset (`align.batch`). `started`: when the run began
    (perf_counter), for the time it reports."""
    started = time.perf_counter() if started is None else started
    encoder = _encoder(options)
    zh_texts = [s.text for s in corpus.zh]
    en_texts = [s.text for s in corpus.en]
    result = align_sentences(
        zh_texts, en_texts, options.mode, encoder, groups=options.groups,
        direction=options.direction, layout=corpus.layout, coverage=options.coverage,
    )
    checks = check_figures(zh_texts, en_texts, result.units)
    counts = {status: sum(u.status == status for u in result.units) for status in STATUSES}
    summary = RunSummary(
        corpus=corpus.name,
        out_dir=Path(out_dir or ""),
        mode=result.mode.value,
        direction=result.direction.value,
        model=encoder.name,
        groups=result.groups.value,
        zh_sentences=len(zh_texts),
        en_sentences=len(en_texts),
        units=len(result.units),
        aligned=counts[ALIGNED],
        zh_only=counts[ZH_ONLY],
        en_only=counts[EN_ONLY],
        seconds=round(time.perf_counter() - started, 2),
        figures=summarize_figures(checks),
        zh_rendered=rendered_share(zh_texts, result.coverage),
    )
    facts = {k: v for k, v in asdict(summary).items() if k != "out_dir"}
    facts["version"] = __version__
    tables = OutputTables.of_run(
        corpus.zh, corpus.en, result.units, result.similarity, checks, facts, result.coverage
    )
    return summary, tables


def write_output_folder(out_dir: Path, tables: OutputTables) -> None:
    """Every output file and the report, written beside `out_dir` and renamed into place."""
    with atomic_dir(out_dir) as staging:
        write_outputs(staging, tables)
        write_report(staging, from_tables(staging, tables))


def rendered_share(zh: list[str], coverage: Coverage) -> float | None:
    """Share of the Chinese characters the English renders: those of the rendered parts
    of linked sentences (a linked sentence without parts counts whole); None when the
    coverage was not measured."""
    if not coverage.measured:
        return None
    total = sum(len(text) for text in zh)
    parts = coverage.by_sentence()
    rendered = sum(
        part.end - part.start for (lang, _), side in parts.items() if lang == "zh"
        for part in side if part.covered
    )
    return rendered / total if total else 1.0


@dataclass
class Outcome:
    corpus: Path
    summary: RunSummary | None = None
    error: str = ""


_worker_options: RunOptions | None = None


def _start_worker(options: RunOptions) -> None:
    """Each worker loads the model once, on one BLAS thread (the pool gives the parallelism)."""
    global _worker_options
    _worker_options = replace(options, encoder=get_worker_encoder(options.model), progress=None)


def _run_one(corpus: Path, out_dir: Path) -> Outcome:
    try:
        return Outcome(corpus, run_corpus(corpus, out_dir, _worker_options))
    except AlignError as exc:
        return Outcome(corpus, error=str(exc))


def run_many(
    jobs: list[tuple[Path, Path]], options: RunOptions, workers: int | None = None
) -> Iterator[Outcome]:
    """Align each (corpus, out_dir) pair; yields outcomes as they finish."""
    workers = max(1, min(workers or os.cpu_count() or 1, len(jobs)))
    if workers == 1:
        encoder = options.encoder or get_encoder(options.model)
        single = replace(options, encoder=encoder)
        for corpus, out_dir in jobs:
            try:
                yield Outcome(corpus, run_corpus(corpus, out_dir, single))
            except AlignError as exc:
                yield Outcome(corpus, error=str(exc))
        return
    with ProcessPoolExecutor(workers, initializer=_start_worker, initargs=(options,)) as pool:
        futures = [pool.submit(_run_one, corpus, out_dir) for corpus, out_dir in jobs]
        for future in as_completed(futures):
            yield future.result()
