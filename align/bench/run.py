"""Run the aligner over a gold-aligned benchmark folder and score every text.

Two layouts are read (see ../shared/bench/README.md):

- a corpus folder: `src/NNN`, `tgt/NNN`, `gold/NNN.align`, one sentence per line. The
  source may be English (aca, mag, bible): the side written in Chinese script goes into the
  aligner first and the gold is turned Chinese-first for scoring (scores do not depend on
  which side is called source). `src.verse`/`tgt.verse` beside them (the Bible) give each
  line's verse; the files cover the whole Bible and line i of a text is line i of the verse
  file (`001` and `006` both start at Genesis 1:1). The gold is verse-level, so predictions
  are merged by verse before scoring (`evaluate.merge_by_verse`, Bertalign's rule).
- summary folders: `NAME/zh.txt`, `NAME/en.txt`, `NAME/gold.align` (Chinese first), or one
  such folder on its own.

A folder holding several corpora (the bench root) is read corpus by corpus.
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
from ..errors import AlignError, InputError
from ..io.alignfile import read_alignment
from ..io.textfile import read_text
from ..pipeline import align_sentences
from ..records import Group
from .evaluate import (
    EMPTY_EVALUATION,
    Evaluation,
    evaluate,
    merge_by_verse,
    swap_groups,
)

TRANSLATION, SUMMARY = Mode.TRANSLATION.value, Mode.SUMMARY.value


@dataclass(frozen=True)
class BenchText:
    """Where one benchmark text lives; `kind` is the folder layout, which sets the default mode."""

    name: str
    kind: str
    src_path: Path
    tgt_path: Path
    gold_path: Path
    verse_paths: tuple[Path, Path] | None = None


@dataclass
class LoadedText:
    """A text ready for the aligner: Chinese and English lines and the Chinese-first gold."""

    spec: BenchText
    zh: list[str]
    en: list[str]
    gold: list[Group]
    src_is_en: bool
    zh_verses: list[str] | None = None
    en_verses: list[str] | None = None

    @property
    def n_src(self) -> int:
        return len(self.en) if self.src_is_en else len(self.zh)

    @property
    def n_tgt(self) -> int:
        return len(self.zh) if self.src_is_en else len(self.en)


@dataclass
class TextResult:
    name: str
    kind: str
    mode: str  # the mode the aligner used (what "auto" chose)
    n_src: int
    n_tgt: int
    seconds: float
    evaluation: Evaluation

    @property
    def sentences_per_second(self) -> float | None:
        return (self.n_src + self.n_tgt) / self.seconds if self.seconds > 0 else None

    def to_dict(self) -> dict:
        return {
            "name": self.name,
            "kind": self.kind,
            "mode": self.mode,
            "n_src": self.n_src,
            "n_tgt": self.n_tgt,
            "seconds": self.seconds,
            "sentences_per_second": self.sentences_per_second,
            "scores": self.evaluation.to_dict(),
        }


@dataclass
class BenchResult:
    bench_dir: str
    model: str
    mode: str | None  # as requested; None = each folder's own kind
    texts: list[TextResult] = field(default_factory=list)
    load_seconds: float = 0.0
    total_seconds: float = 0.0

    @property
    def overall(self) -> Evaluation:
        """Micro-average: the counts of every text pooled."""
        return sum((text.evaluation for text in self.texts), EMPTY_EVALUATION)

    @property
    def align_seconds(self) -> float:
        return sum(text.seconds for text in self.texts)

    def to_dict(self) -> dict:
        sentences = sum(text.n_src + text.n_tgt for text in self.texts)
        return {
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


# --- finding and loading texts ----------------------------------------------------------


def _corpus_texts(folder: Path, prefix: str) -> list[BenchText]:
    verses = (folder / "src.verse", folder / "tgt.verse")
    verse_paths = verses if all(path.is_file() for path in verses) else None
    texts = []
    for gold in sorted((folder / "gold").glob("*.align")):
        stem = gold.name.removesuffix(".align")
        src, tgt = folder / "src" / stem, folder / "tgt" / stem
        for path in (src, tgt):
            if not path.is_file():
                raise InputError(path, f"missing: {gold} has no matching text")
        texts.append(BenchText(prefix + stem, TRANSLATION, src, tgt, gold, verse_paths))
    return texts


def _summary_text(folder: Path, name: str) -> BenchText:
    for part in ("zh.txt", "en.txt"):
        if not (folder / part).is_file():
            raise InputError(folder / part, "missing beside gold.align")
    return BenchText(name, SUMMARY, folder / "zh.txt", folder / "en.txt", folder / "gold.align")


def _folder_texts(folder: Path, prefix: str) -> list[BenchText]:
    if (folder / "gold").is_dir():
        return _corpus_texts(folder, prefix)
    if (folder / "gold.align").is_file():
        return [_summary_text(folder, prefix.rstrip("/") or folder.name)]
    subfolders = sorted(path for path in folder.iterdir() if path.is_dir())
    return [
        _summary_text(path, prefix + path.name)
        for path in subfolders
        if (path / "gold.align").is_file()
    ]


def discover_texts(bench_dir: str | Path) -> list[BenchText]:
    """Every text under a corpus folder, a summary folder, or a folder of those."""
    bench_dir = Path(bench_dir)
    if not bench_dir.is_dir():
        raise InputError(bench_dir, "not a folder")
    texts = _folder_texts(bench_dir, f"{bench_dir.name}/")
    if not texts:
        for sub in sorted(path for path in bench_dir.iterdir() if path.is_dir()):
            texts.extend(_folder_texts(sub, f"{sub.name}/"))
    if not texts:
        raise InputError(
            bench_dir,
            "no benchmark texts (expected src/, tgt/, gold/ or folders with zh.txt, en.txt, "
            "gold.align)",
        )
    return texts


def is_chinese(lines: Sequence[str]) -> bool:
    """True when Chinese characters outnumber Latin letters in the first 200 lines."""
    sample = "".join(lines[:200])
    cjk = sum(1 for ch in sample if "\u4e00" <= ch <= "\u9fff" or "\u3400" <= ch <= "\u4dbf")
    latin = sum(1 for ch in sample if ch.isascii() and ch.isalpha())
    return cjk > latin


def _lines(path: Path) -> list[str]:
    return read_text(path).splitlines()


def _verses(path: Path, n: int) -> list[str]:
    labels = _lines(path)
    if len(labels) < n:
        raise InputError(path, f"has {len(labels)} verse lines, fewer than the text's {n}")
    return labels[:n]


def load_text(spec: BenchText) -> LoadedText:
    """Read one text; the side in Chinese script becomes `zh` and the gold is made Chinese-first."""
    src, tgt = _lines(spec.src_path), _lines(spec.tgt_path)
    gold = read_alignment(spec.gold_path)
    if is_chinese(src):
        src_is_en = False
    elif is_chinese(tgt):
        src_is_en = True
    else:
        raise InputError(spec.src_path, f"neither it nor {spec.tgt_path} is written in Chinese")
    zh, en = (tgt, src) if src_is_en else (src, tgt)
    text = LoadedText(spec, zh, en, swap_groups(gold) if src_is_en else gold, src_is_en)
    if spec.verse_paths:
        src_verses = _verses(spec.verse_paths[0], len(src))
        tgt_verses = _verses(spec.verse_paths[1], len(tgt))
        text.zh_verses, text.en_verses = (
            (tgt_verses, src_verses) if src_is_en else (src_verses, tgt_verses)
        )
    for side, n, lang in ((0, len(zh), "Chinese"), (1, len(en), "English")):
        for group in text.gold:
            if any(i >= n for i in group[side]):
                raise InputError(
                    spec.gold_path, f"names {lang} sentence {max(group[side])} of only {n}"
                )
    return text


def score_prediction(text: LoadedText, test: list[Group]) -> Evaluation:
    """Score Chinese-first predicted groups against the text's gold (verse-merged if Bible)."""
    if text.zh_verses is not None and text.en_verses is not None:
        test = merge_by_verse(test, text.zh_verses, text.en_verses)
    return evaluate(test, text.gold, n_zh=len(text.zh), n_en=len(text.en))


# --- running ------------------------------------------------------------------------------


def select_texts(texts: list[BenchText], names: Sequence[str] | None) -> list[BenchText]:
    """Texts whose full name or last part (`001`, `mac-dev-001`) is in `names`."""
    if not names:
        return texts
    wanted = set(names)
    chosen = [t for t in texts if t.name in wanted or t.name.rsplit("/", 1)[-1] in wanted]
    if not chosen:
        known = ", ".join(t.name for t in texts)
        raise AlignError(f"no benchmark text named {', '.join(names)}; there are: {known}")
    return chosen


def run_bench(
    bench_dir: str | Path,
    mode: str | None = None,
    model: str | None = None,
    names: Sequence[str] | None = None,
    encoder: Encoder | None = None,
    progress: Callable[[TextResult], None] | None = None,
    groups: Groups = Groups.AUTO,
) -> BenchResult:
    """Align and score every text of `bench_dir` with one encoder instance.

    `groups` as for `align_sentences` (FAST: `--fast`; AUTO: by each text's length).
    `mode=None` aligns corpus folders as translations and summary folders as summaries;
    "auto" lets the aligner decide. `progress` is called after each text.
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
        text = load_text(spec)
        before = time.perf_counter()
        aligned = align_sentences(
            text.zh, text.en, mode=mode or spec.kind, encoder=encoder, groups=groups
        )
        seconds = time.perf_counter() - before
        test = [(list(unit.zh_ids), list(unit.en_ids)) for unit in aligned.units]
        item = TextResult(
            spec.name,
            spec.kind,
            aligned.mode.value,
            text.n_src,
            text.n_tgt,
            seconds,
            score_prediction(text, test),
        )
        result.texts.append(item)
        if progress is not None:
            progress(item)
    result.total_seconds = time.perf_counter() - started
    return result


# --- reporting ----------------------------------------------------------------------------


def _cell(value: float | None, digits: int = 3) -> str:
    return "-" if value is None else f"{value:.{digits}f}"


def format_markdown(result: BenchResult) -> str:
    """One Markdown table: a row per text and a pooled (micro-averaged) last row.

    P/R/F1 are the strict scores over all groups; "pub. F1" is the strict F1 as Vecalign's
    score.py computes it (what the published tables report), "lax F1" its lax F1. Summary
    columns appear when a summary text is present.
    """
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
            result.align_seconds,
        )
    )
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(cells) + " |" for cells in rows]
    lines.append("")
    lines.append(
        f"Model `{result.model}`, loaded in {result.load_seconds:.1f} s; "
        f"{len(result.texts)} texts aligned in {result.align_seconds:.1f} s "
        f"({result.total_seconds:.1f} s in all)."
    )
    return "\n".join(lines) + "\n"
