"""Benchmark texts: where they are, how they are read, how a prediction is scored.

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
- page folders: `NAME/page.txt` (or a saved `page.html`), a raw bilingual page, and
  `NAME/gold.json`, its substring gold (`substring`), or one such folder on its own. The
  page is read as `align run` reads it (`io.corpus.load_page`) and aligned in auto mode
  unless a mode is asked for.

A folder holding several corpora (the bench root) is read corpus by corpus.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from ..config import Mode
from ..errors import AlignError, InputError
from ..io.alignfile import read_alignment
from ..io.corpus import load_page
from ..io.htmlpage import HTML_SUFFIXES
from ..io.textfile import read_text
from ..records import Group, PageLayout
from .evaluate import Evaluation, evaluate, merge_by_verse, swap_groups
from .substring import PageGold

__all__ = [
    "PAGE",
    "SUMMARY",
    "TRANSLATION",
    "BenchText",
    "LoadedPage",
    "LoadedText",
    "discover_texts",
    "is_chinese",
    "load_page_text",
    "load_text",
    "score_prediction",
    "select_texts",
]

TRANSLATION, SUMMARY = Mode.TRANSLATION.value, Mode.SUMMARY.value
PAGE = "page"
PAGE_FILE, PAGE_GOLD = "page.txt", "gold.json"


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
class LoadedPage:
    """A raw page split as `align run` splits it, and its substring gold."""

    spec: BenchText
    zh: list[str]
    en: list[str]
    gold: PageGold
    layout: PageLayout  # where the sentences stood on the page


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


def _page_text(folder: Path, name: str) -> BenchText:
    """page.txt, or a page saved as page.html / page.htm (read as `align run` reads it)."""
    pages = [folder / PAGE_FILE, *(folder / f"page{suffix}" for suffix in HTML_SUFFIXES)]
    page = next((path for path in pages if path.is_file()), None)
    if page is None:
        raise InputError(folder / PAGE_FILE, f"missing beside {PAGE_GOLD} (or page.html)")
    return BenchText(name, PAGE, page, page, folder / PAGE_GOLD)


def _folder_texts(folder: Path, prefix: str) -> list[BenchText]:
    if (folder / "gold").is_dir():
        return _corpus_texts(folder, prefix)
    if (folder / "gold.align").is_file():
        return [_summary_text(folder, prefix.rstrip("/") or folder.name)]
    if (folder / PAGE_GOLD).is_file():
        return [_page_text(folder, prefix.rstrip("/") or folder.name)]
    texts = []
    for path in sorted(path for path in folder.iterdir() if path.is_dir()):
        if (path / "gold.align").is_file():
            texts.append(_summary_text(path, prefix + path.name))
        elif (path / PAGE_GOLD).is_file():
            texts.append(_page_text(path, prefix + path.name))
    return texts


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
            "gold.align, or with page.txt and gold.json)",
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


def load_page_text(spec: BenchText) -> LoadedPage:
    """Read a page as `align run` does, and its gold."""
    corpus = load_page(spec.src_path)
    try:
        gold = json.loads(read_text(spec.gold_path))
        page_gold = PageGold.of(gold)
    except (ValueError, KeyError, TypeError, AttributeError) as exc:
        raise InputError(spec.gold_path, f"is not a page gold file ({exc})") from None
    return LoadedPage(
        spec, [s.text for s in corpus.zh], [s.text for s in corpus.en], page_gold, corpus.layout
    )


def score_prediction(text: LoadedText, test: list[Group]) -> Evaluation:
    """Score Chinese-first predicted groups against the text's gold (verse-merged if Bible)."""
    if text.zh_verses is not None and text.en_verses is not None:
        test = merge_by_verse(test, text.zh_verses, text.en_verses)
    return evaluate(test, text.gold, n_zh=len(text.zh), n_en=len(text.en))



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


