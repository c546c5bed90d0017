"""Loading a corpus folder into Chinese and English sentences.

A corpus folder holds either `zh.txt` + `en.txt` (a translation pair) or exactly one
other `.txt` file, or one `.html`/`.htm` file (a raw bilingual page, separated by
`align.io.page`; HTML, also in a .txt, is read as the text a browser shows,
`align.io.htmlpage`). Every mistake a user can make with the folder is reported as one
InputError naming the file.

With `presplit=True`, zh.txt / en.txt already hold one sentence per line and a
sentence's id is its 0-based line number. A blank line keeps its id and becomes a
sentence with empty text, so ids always equal line numbers (the benchmark gold
files count lines that way); aligners should treat an empty sentence as having
no counterpart.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..errors import InputError
from ..records import NO_LAYOUT, PageLayout, Sentence
from ..text.sentences import split_blocks
from .htmlpage import HTML_SUFFIXES, declared_charset, html_text, is_html
from .layout import unwrap
from .page import mark_blocks, reading_for, split_page
from .scripts import text_lang
from .textfile import decode_text, read_bytes, read_text

__all__ = [
    "EN_FILE",
    "ZH_FILE",
    "Corpus",
    "corpus_files",
    "load_corpus",
    "load_page",
    "load_pair",
]

ZH_FILE, EN_FILE = "zh.txt", "en.txt"
LANG_NAMES = {"zh": "Chinese", "en": "English"}


@dataclass
class Corpus:
    name: str
    path: Path
    zh: list[Sentence]
    en: list[Sentence]
    source: str  # "pair" (zh.txt + en.txt) or "page" (one raw bilingual page)
    layout: PageLayout = NO_LAYOUT  # where a page's sentences stood; none for a pair


def _nonempty(path: Path, text: str) -> str:
    """`text`, read from `path`, unless it holds nothing."""
    if not text.strip():
        raise InputError(path, "is empty" if not text else "holds only whitespace")
    return text


def _lines(text: str) -> list[str]:
    """Lines as numbered by a line counter: a final newline does not start a new line."""
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    return lines


def _check_languages(zh_path: Path, zh_text: str, en_path: Path, en_text: str) -> None:
    """By the dominant script of each whole file (a few foreign words are fine)."""
    zh_ok, en_ok = text_lang(zh_text) != "en", text_lang(en_text) != "zh"
    if not zh_ok and not en_ok:
        raise InputError(
            zh_path, f"holds English and {en_path.name} holds Chinese; the files look swapped"
        )
    if not zh_ok:
        raise InputError(zh_path, "holds English, not Chinese")
    if not en_ok:
        raise InputError(en_path, "holds Chinese, not English")


def _sentences(text: str, lang: str, presplit: bool, path: Path) -> list[Sentence]:
    lines = _lines(text)
    if presplit:
        return [Sentence(i, " ".join(line.split())) for i, line in enumerate(lines)]
    kept = [" ".join(line.split()) for line in unwrap(lines, lang) if line.strip()]
    blocks = mark_blocks(kept, lang, reading=reading_for(kept))
    sentences = split_blocks(blocks, lang)
    if not sentences:
        raise InputError(path, f"holds no {LANG_NAMES[lang]} sentences")
    return sentences


def load_pair(
    zh_path: str | Path,
    en_path: str | Path,
    presplit: bool = False,
    name: str | None = None,
) -> Corpus:
    """Load a Chinese file and its English counterpart (any file names)."""
    zh_path, en_path = Path(zh_path), Path(en_path)
    zh_text = _nonempty(zh_path, read_text(zh_path))
    en_text = _nonempty(en_path, read_text(en_path))
    _check_languages(zh_path, zh_text, en_path, en_text)
    return Corpus(
        name=name or zh_path.parent.name or zh_path.stem,
        path=zh_path.parent,
        zh=_sentences(zh_text, "zh", presplit, zh_path),
        en=_sentences(en_text, "en", presplit, en_path),
        source="pair",
    )


def load_page(path: str | Path, name: str | None = None) -> Corpus:
    """Load one raw bilingual page file (text, or HTML read as the text it shows)."""
    path = Path(path)
    data = read_bytes(path)
    text = _nonempty(path, decode_text(data, path, declared_charset(data)))
    if is_html(path, text):
        text = html_text(text)
        if not text.strip():
            raise InputError(path, "is an HTML page that shows no text")
    page = split_page(text, path)
    zh, en = page.sentences("zh"), page.sentences("en")
    for lang, sentences in (("zh", zh), ("en", en)):
        if not sentences:
            raise InputError(path, f"holds no {LANG_NAMES[lang]} sentences")
    return Corpus(name or path.parent.name, path.parent, zh, en, "page", PageLayout.of(zh, en))


def corpus_files(folder: Path) -> list[Path]:
    """The files a corpus folder is read from: its .txt files; where it has none, its HTML
    pages (a page saved beside its text copy leaves the text in charge)."""
    files = sorted(p for p in folder.iterdir() if not p.name.startswith(".") and p.is_file())
    text = [p for p in files if p.suffix.lower() == ".txt"]
    return text or [p for p in files if p.suffix.lower() in HTML_SUFFIXES]


def load_corpus(path: str | Path, presplit: bool = False) -> Corpus:
    """Load a corpus folder: zh.txt + en.txt, or exactly one raw page (.txt or .html)."""
    folder = Path(path)
    if not folder.exists():
        raise InputError(folder, "no such folder")
    if not folder.is_dir():
        raise InputError(
            folder, "is not a folder; expected zh.txt + en.txt or one page (.txt or .html)"
        )
    files = corpus_files(folder)
    names = {p.name.lower(): p for p in files}
    zh_file, en_file = names.get(ZH_FILE), names.get(EN_FILE)
    if zh_file and en_file:
        return load_pair(zh_file, en_file, presplit, name=folder.resolve().name)
    if zh_file or en_file:
        have, missing = (ZH_FILE, EN_FILE) if zh_file else (EN_FILE, ZH_FILE)
        raise InputError(folder, f"has {have} but no {missing}; a pair needs both")
    if not files:
        raise InputError(
            folder, "holds no .txt or .html file; expected zh.txt + en.txt or one page"
        )
    if len(files) > 1:
        shown = ", ".join(p.name for p in files[:4]) + (", ..." if len(files) > 4 else "")
        raise InputError(
            folder,
            f"holds {len(files)} text files ({shown}); expected zh.txt + en.txt "
            "or exactly one page (.txt or .html)",
        )
    if presplit:
        raise InputError(files[0], "is a raw page; presplit needs zh.txt + en.txt")
    return load_page(files[0], name=folder.resolve().name)
