"""The whole path from sentences to alignment units, and from a corpus folder to outputs.

`align_sentences` is the library entry point (lists of sentences in, units out);
`run_corpus` adds the edges: loading a corpus folder, the embedding cache,
writing the output folder.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path

import numpy as np

from . import __version__
from .config import default_cache_dir
from .core.summary import SummaryLinks, SummaryParams, align_summary
from .core.translation import TranslationParams, align_translation
from .embed.cache import CachedEncoder
from .embed.encoders import DEFAULT_MODEL, ReportingEncoder, get_encoder
from .embed.protocol import Encoder
from .embed.vectors import (
    edge_words,
    embed_edges,
    embed_enumerations,
    embed_pieces,
    embed_sentences,
    embed_side,
)
from .errors import AlignError
from .io.corpus import load_corpus
from .io.outputs import OUTPUT_MARKER, write_outputs
from .io.textfile import atomic_dir
from .records import ALIGNED, EN_ONLY, ZH_ONLY, Unit
from .review.figures import check_figures, write_figures_tsv
from .review.figures import summarize as summarize_figures
from .review.report import write_report
from .text.hanzi import simplified
from .text.lexicon import Lexicon
from .text.quotes import en_quote_states, zh_quote_states

STATUSES = (ALIGNED, ZH_ONLY, EN_ONLY)

MODES = ("auto", "translation", "summary")
# English characters per Chinese character: 2.8-5.2 in the translations of the benchmarks,
# 1.1-1.7 in their summaries; below this ratio the English is treated as a summary.
SUMMARY_CHAR_RATIO = 2.2
# How groups of sentences are scored: "accurate" embeds runs of neighbouring sentences
# as one text and the opening and closing clauses of each sentence; past this many
# sentences "runs" leaves out the clauses (another encode of most of the text, and
# the search they feed); "fast" averages sentence vectors instead of embedding runs.
ACCURATE_LIMIT = 20_000
GROUPS = ("accurate", "runs", "fast")
MATRIX_LIMIT = 4_000_000  # cells of the zh x en score matrix kept for review
BEST_RADIUS = 20  # a flagged sentence's best candidate is sought this near its path position


@dataclass
class AlignResult:
    units: list[Unit]
    mode: str
    similarity: np.ndarray | None  # (n_zh, n_en) margin scores, None for very long texts
    groups: str  # one of GROUPS: how groups of sentences were scored


def choose_mode(zh: list[str], en: list[str]) -> str:
    """Summary when the English is much shorter than a translation of the Chinese would be."""
    zh_chars = sum(len(s) for s in zh) or 1
    en_chars = sum(len(s) for s in en)
    return "summary" if en_chars / zh_chars < SUMMARY_CHAR_RATIO else "translation"


def _best_nearby(
    vector: np.ndarray, candidates: np.ndarray, center: int, radius: int
) -> tuple[int, float]:
    """The candidate within `radius` of position `center` most similar to `vector`."""
    start, stop = max(center - radius, 0), min(center + radius + 1, len(candidates))
    cosines = candidates[start:stop] @ vector
    return start + int(cosines.argmax()), float(cosines.max())


def groups_mode(asked: str | None, zh: list[str], en: list[str], encoder: Encoder) -> str:
    """One of GROUPS: `asked` where given; otherwise "accurate" up to ACCURATE_LIMIT
    sentences, then "runs" where the encoder composes runs from one pass (USE), else
    "fast" (another encoder would encode every run again)."""
    if asked is not None:
        if asked not in GROUPS:
            raise AlignError(f"groups {asked!r} is not one of {', '.join(GROUPS)}")
        return asked
    if len(zh) + len(en) <= ACCURATE_LIMIT:
        return "accurate"
    return "runs" if encoder.composes_runs else "fast"


@dataclass
class TranslationInput:
    """Everything the translation search needs, computed once (benchmarks reuse it)."""

    zh_vecs: np.ndarray
    en_vecs: np.ndarray
    zh_lengths: np.ndarray
    en_lengths: np.ndarray
    zh_windows: dict[int, np.ndarray] | None
    en_windows: dict[int, np.ndarray] | None
    zh_edges: tuple[np.ndarray, np.ndarray] | None = None
    en_edges: tuple[np.ndarray, np.ndarray] | None = None
    zh_quotes: np.ndarray | None = None
    en_quotes: np.ndarray | None = None
    zh_edge_words: tuple[np.ndarray, np.ndarray] | None = None
    en_edge_words: tuple[np.ndarray, np.ndarray] | None = None

    def search(self, params: TranslationParams | None = None):
        return align_translation(
            self.zh_vecs, self.en_vecs, self.zh_lengths, self.en_lengths, params,
            self.zh_windows, self.en_windows, self.zh_edges, self.en_edges,
            self.zh_quotes, self.en_quotes, self.zh_edge_words, self.en_edge_words,
        )


def translation_input(
    zh: list[str], en: list[str], encoder: Encoder, groups: str | None = None
) -> TranslationInput:
    """Vectors for the search in the groups mode `groups` (one of GROUPS; None: the one
    `groups_mode` chooses for these texts)."""
    groups = groups_mode(groups, zh, en, encoder)
    runs, edges = groups != "fast", groups == "accurate"
    zh_vecs, zh_windows = embed_side(encoder, zh, "zh", runs)
    en_vecs, en_windows = embed_side(encoder, en, "en", runs)
    lexicon = Lexicon.fit(zh, en) if edges else None
    return TranslationInput(
        zh_vecs,
        en_vecs,
        np.array([len(s) for s in zh], dtype=float),
        np.array([len(s) for s in en], dtype=float),
        zh_windows,
        en_windows,
        embed_edges(encoder, zh, "zh", zh_vecs) if edges else None,
        embed_edges(encoder, en, "en", en_vecs) if edges else None,
        zh_quote_states(zh),
        en_quote_states(en),
        None if lexicon is None else edge_words(lexicon, zh, "zh"),
        None if lexicon is None else edge_words(lexicon, en, "en"),
    )


def translation_units(
    data: TranslationInput, params: TranslationParams | None
) -> tuple[list[Unit], np.ndarray | None]:
    path = data.search(params)
    zh_vecs, en_vecs = path.zh_vectors, data.en_vecs  # the Chinese ones as the search scored them
    # where each sentence sits on the path, to look for its best candidate nearby
    zh_pos, en_pos = np.zeros(len(zh_vecs), dtype=int), np.zeros(len(en_vecs), dtype=int)
    i = j = 0
    for zh_ids, en_ids in path.groups:
        zh_pos[zh_ids] = j
        en_pos[en_ids] = i
        i += len(zh_ids)
        j += len(en_ids)
    units = [
        Unit(zh_ids, en_ids, round(score, 4))
        for (zh_ids, en_ids), score in zip(path.groups, path.scores)
    ]
    sides = {  # flagged side -> its vectors, positions and densities, then the other side's
        ZH_ONLY: (zh_vecs, zh_pos, path.zh_density, en_vecs, path.en_density),
        EN_ONLY: (en_vecs, en_pos, path.en_density, zh_vecs, path.zh_density),
    }
    for unit in units:
        if unit.status == ALIGNED:
            continue
        own, position, own_density, other, other_density = sides[unit.status]
        k = (unit.zh_ids or unit.en_ids)[0]
        best, cosine = _best_nearby(own[k], other, int(position[k]), BEST_RADIUS)
        margin = cosine - (own_density[k] + other_density[best]) / 2
        unit.best_ids, unit.best_score = [best], round(float(margin), 4)
    matrix = None
    if len(zh_vecs) * len(en_vecs) <= MATRIX_LIMIT:
        cos = zh_vecs @ en_vecs.T
        matrix = cos - (path.zh_density[:, None] + path.en_density[None, :]) / 2
    return units, matrix


@dataclass
class SummaryInput:
    """Everything the summary linking needs, computed once (benchmarks reuse it)."""

    zh_vecs: np.ndarray
    en_vecs: np.ndarray
    zh_windows: dict[int, np.ndarray] | None
    en_pieces: list[np.ndarray | None]
    en_lengths: np.ndarray | None  # None: no English-only test
    en_lists: list[np.ndarray | None] | None = None  # enumerations' heads and items

    def links(self, params: SummaryParams | None = None) -> SummaryLinks:
        return align_summary(
            self.zh_vecs, self.en_vecs, params, self.zh_windows, self.en_pieces,
            self.en_lengths, self.en_lists,
        )


def summary_input(
    zh: list[str], en: list[str], encoder: Encoder, runs: bool = True,
    lexicon: Lexicon | None = None,
) -> SummaryInput:
    """Vectors for linking a summary, with embedded runs of Chinese neighbours if `runs`;
    dictionary-word signatures from `lexicon` (default: one fitted on these texts)."""
    lexicon = Lexicon.fit(zh, en) if lexicon is None else lexicon
    zh_vecs, zh_windows = embed_side(encoder, zh, "zh", runs, lexicon)
    return SummaryInput(
        zh_vecs,
        embed_sentences(encoder, en, "en", lexicon),
        zh_windows,
        embed_pieces(encoder, en, lexicon),
        np.array([len(s) for s in en], dtype=float),
        embed_enumerations(encoder, en, lexicon),
    )


def summary_units(
    data: SummaryInput, params: SummaryParams | None
) -> tuple[list[Unit], np.ndarray]:
    zh_vecs, en_vecs = data.zh_vecs, data.en_vecs
    links = data.links(params)
    margins = links.margins
    units: list[Unit] = []
    used: set[int] = set()
    for j, (zh_ids, score) in enumerate(zip(links.zh_ids, links.scores)):
        if zh_ids:
            units.append(Unit(list(zh_ids), [j], round(score, 4)))
            used.update(zh_ids)
        else:
            best = int(margins[:, j].argmax()) if len(zh_vecs) else 0
            units.append(Unit([], [j], 0.0, [best], round(score, 4)))
    for i in range(len(zh_vecs)):
        if i not in used:
            best = int(margins[i].argmax()) if len(en_vecs) else 0
            best_score = float(margins[i, best]) if len(en_vecs) else 0.0
            units.append(Unit([i], [], 0.0, [best], round(best_score, 4)))
    return units, margins


def align_sentences(
    zh: list[str],
    en: list[str],
    mode: str = "auto",
    encoder: Encoder | None = None,
    translation_params: TranslationParams | None = None,
    summary_params: SummaryParams | None = None,
    groups: str | None = None,
) -> AlignResult:
    """Align two lists of sentences; every sentence id of both sides appears in the units.

    `groups` (one of GROUPS) says how groups of sentences are embedded; None lets
    `groups_mode` choose by the texts' length.
    """
    if mode not in MODES:
        raise AlignError(f"unknown mode {mode!r}; choose one of {', '.join(MODES)}")
    encoder = encoder or get_encoder(DEFAULT_MODEL)
    if mode == "auto":
        mode = choose_mode(zh, en)
    groups = groups_mode(groups, zh, en, encoder)
    if not zh or not en:
        units = [Unit([i], [], 0.0) for i in range(len(zh))]
        units += [Unit([], [j], 0.0) for j in range(len(en))]
        return AlignResult(units, mode, None, groups)
    zh = simplified(zh)  # for the encoders; same lengths, the caller keeps the page's text
    if mode == "summary":
        data = summary_input(zh, en, encoder, groups != "fast")
        units, matrix = summary_units(data, summary_params)
    else:
        data = translation_input(zh, en, encoder, groups)
        units, matrix = translation_units(data, translation_params)
    return AlignResult(units, mode, matrix, groups)


@dataclass
class RunOptions:
    mode: str = "auto"
    model: str = DEFAULT_MODEL
    presplit: bool = False
    use_cache: bool = True
    cache_dir: Path | None = None
    force: bool = False
    groups: str | None = None  # one of GROUPS; None: `groups_mode` decides
    encoder: Encoder | None = field(default=None, repr=False)  # shared across corpora
    progress: Callable[[int], None] | None = field(default=None, repr=False)


@dataclass
class RunSummary:
    corpus: str
    out_dir: Path
    mode: str
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

    def line(self) -> str:
        text = (
            f"{self.corpus}: {self.zh_sentences} zh / {self.en_sentences} en sentences, "
            f"{self.aligned} aligned units, flagged {self.zh_only} zh_only + "
            f"{self.en_only} en_only; mode {self.mode} ({self.groups}), model {self.model}, "
            f"{self.seconds:.1f} s -> {self.out_dir}"
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


def run_corpus(corpus_dir: str | Path, out_dir: str | Path, options: RunOptions) -> RunSummary:
    """Load a corpus folder, align it and write its output folder atomically."""
    started = time.perf_counter()
    corpus_dir, out_dir = Path(corpus_dir), Path(out_dir)
    corpus = load_corpus(corpus_dir, presplit=options.presplit)
    check_out_dir(out_dir, corpus_dir, options.force)
    encoder = options.encoder or get_encoder(options.model)
    if options.progress:
        encoder = ReportingEncoder(encoder, options.progress)
    if options.use_cache:
        encoder = CachedEncoder(encoder, options.cache_dir or default_cache_dir())
    zh_texts = [s.text for s in corpus.zh]
    en_texts = [s.text for s in corpus.en]
    result = align_sentences(
        zh_texts, en_texts, options.mode, encoder, groups=options.groups
    )
    checks = check_figures(zh_texts, en_texts, result.units)
    counts = {status: sum(u.status == status for u in result.units) for status in STATUSES}
    summary = RunSummary(
        corpus=corpus.name,
        out_dir=out_dir,
        mode=result.mode,
        model=encoder.name,
        groups=result.groups,
        zh_sentences=len(zh_texts),
        en_sentences=len(en_texts),
        units=len(result.units),
        aligned=counts[ALIGNED],
        zh_only=counts[ZH_ONLY],
        en_only=counts[EN_ONLY],
        seconds=0.0,
        figures=summarize_figures(checks),
    )
    with atomic_dir(out_dir) as staging:
        summary.seconds = round(time.perf_counter() - started, 2)
        facts = {k: v for k, v in asdict(summary).items() if k != "out_dir"}
        facts["version"] = __version__
        write_outputs(staging, corpus.zh, corpus.en, result.units, result.similarity, facts)
        write_figures_tsv(checks, staging / "figures.tsv")
        write_report(staging)
    return summary
