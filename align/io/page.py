"""Separating a raw bilingual web page into its Chinese and English text.

A page copied from a news site (China Daily, Xinhua and the like) holds both languages
plus furniture (`furniture`). Furniture is dropped, each line is given a language by its
script and cut where it changes language (`scripts`), and the remaining lines become
blocks marked title / subtitle / lead / heading / byline / body, so later stages can
treat headings apart. The rules look at the shape of a line (length, final punctuation,
label words), not at the wording of one particular page.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path

from ..errors import InputError
from ..records import Block, Sentence
from ..text.hanzi import as_simplified, looks_traditional
from ..text.sentences import split_blocks, split_en
from .furniture import (
    FURNITURE_CHARS,
    clean_line,
    ends_open,
    is_credit,
    is_furniture,
    is_header_end,
)
from .scripts import language_runs, text_lang

__all__ = ["Page", "mark_blocks", "reading_for", "split_page"]

ZH_TITLE_CHARS = 60
ZH_HEADING_CHARS = 40
EN_TITLE_WORDS = 25
EN_HEADING_WORDS = 12
EDGE_LINES = 5  # name/affiliation bylines stand near the top or the bottom of a side

_OPENERS = "“‘「『\"'"
_CLAUSE_PUNCT = re.compile(r"[。！？!?；;，,]")

_LEAD_LABEL = re.compile(
    r"^[【\[]?\s*(导读|编者按|核心提示|内容提要|提要|导语|editor['’]s note)\s*[】\]]?"
    r"\s*(?:[:：]\s*(.*))?$",
    re.IGNORECASE,
)
# A name/affiliation line ends with a post and a name: ...市长贺海东, ...教授李明.
_ZH_POSTS = (
    "市长|省长|县长|区长|镇长|局长|厅长|部长|院长|校长|所长|处长|社长|行长|董事长|理事长|"
    "秘书长|会长|署长|司长|主任|(?<!总)书记|主席|总裁|总经理|教授|研究员|大使|总领事|负责人|"
    "主编|创始人|首席执行官|首席经济学家"
)
_ZH_NAME_LINE = re.compile(rf"(?:{_ZH_POSTS})[\u4e00-\u9fff·]{{2,4}}$")


@dataclass
class Page:
    zh: list[Block] = field(default_factory=list)
    en: list[Block] = field(default_factory=list)
    reading: Callable[[str], str] = field(default=lambda text: text, repr=False)

    def sentences(self, lang: str) -> list[Sentence]:
        """The sentences of one side's blocks, numbered, without those that are furniture
        on their own (a date a title's question mark cut off, a credit after a speech)."""
        split = split_blocks(self.zh if lang == "zh" else self.en, lang)
        kept = [s for s in split if not is_furniture(self.reading(s.text))]
        return [replace(s, id=k) for k, s in enumerate(kept)]


def _as_written(text: str) -> str:
    return text


def reading_for(lines: list[str]) -> Callable[[str], str]:
    """How the rules read lines: as simplified characters where the text is traditional
    (来源, 记者 and the other labels are written simplified), else as written."""
    return as_simplified if looks_traditional(lines) else _as_written


def _zh_heading_like(text: str, limit: int) -> bool:
    return (
        len(text) <= limit
        and ends_open(text)
        and not text.startswith(tuple(_OPENERS))
        and not _CLAUSE_PUNCT.search(text)
    )


def _en_heading_like(text: str, limit: int) -> bool:
    return (
        len(text.split()) <= limit and ends_open(text) and (text[0].isupper() or text[0].isdigit())
    )


def _zh_kind(text: str, index: int, count: int, previous: str | None) -> str:
    if index == 0 and len(text) <= ZH_TITLE_CHARS and ends_open(text.rstrip("？！?!")):
        return "title"
    if previous in ("title", "subtitle") and text.startswith(("—", "－－", "--")):
        return "subtitle"
    if is_credit(text):
        return "byline"
    near_edge = index < EDGE_LINES or index >= count - EDGE_LINES
    if near_edge and _zh_heading_like(text, ZH_HEADING_CHARS) and _ZH_NAME_LINE.search(text):
        return "byline"
    if _zh_heading_like(text, ZH_HEADING_CHARS):
        return "heading"
    return "body"


def _en_kind(text: str, index: int, previous: str | None) -> str:
    words = len(text.split())
    if index == 0 and words <= EN_TITLE_WORDS and ends_open(text.rstrip("?!")):
        return "title"
    if is_credit(text):
        return "byline"
    if previous == "title" and words <= EN_TITLE_WORDS and not text.endswith(":"):
        if len(split_en(text)) == 1:
            return "subtitle"
    if _en_heading_like(text, EN_HEADING_WORDS):
        return "heading"
    return "body"


def mark_blocks(
    lines: list[str],
    lang: str,
    leads: frozenset[int] = frozenset(),
    reading: Callable[[str], str] = _as_written,
    places: list[int] | None = None,
) -> list[Block]:
    """Give each line of one language its kind; `leads` are indexes known to be a lead;
    `places` are the lines' places on the page (default: their order)."""
    places = list(range(len(lines))) if places is None else places
    blocks: list[Block] = []
    previous: str | None = None
    for index, text in enumerate(lines):
        if index in leads:
            kind = "lead"
        elif lang == "zh":
            kind = _zh_kind(reading(text), index, len(lines), previous)
        else:
            kind = _en_kind(text, index, previous)
        blocks.append(Block(text, kind, places[index]))
        previous = kind
    return blocks


def _without_header(lines: list[str], reading: Callable[[str], str]) -> list[str]:
    """The lines after a site's header: where a listing's first episode or post line
    (`is_header_end`) stands among the first lines, every short line above it is the
    site's name, tagline and menu."""
    content = [k for k, line in enumerate(lines) if line.strip()]
    for position, k in enumerate(content[:EDGE_LINES]):
        if is_header_end(reading(" ".join(lines[k].split()))):
            above = [lines[j] for j in content[:position]]
            if all(len(line) <= FURNITURE_CHARS * 2 for line in above):
                return lines[k + 1 :]
            break
    return lines


def split_page(text: str, path: str | Path) -> Page:
    """Split a raw bilingual page into marked Chinese and English blocks."""
    lines: dict[str, list[str]] = {"zh": [], "en": []}
    places: dict[str, list[int]] = {"zh": [], "en": []}  # in page order, both languages
    leads: dict[str, set[int]] = {"zh": set(), "en": set()}
    pending_lead: str | None = None
    raw_lines = text.split("\n")
    reading = reading_for(raw_lines)
    for raw in _without_header(raw_lines, reading):
        line = clean_line(raw, reading)
        if not line:
            continue
        label = _LEAD_LABEL.match(reading(line))
        if label:
            label_lang = text_lang(label.group(1)) or "zh"
            rest = line[label.start(2) : label.end(2)].strip() if label.group(2) else ""
            if not rest:
                pending_lead = label_lang
                continue
            line = rest
            leads[label_lang].add(len(lines[label_lang]))
        for lang, run in language_runs(line):
            if pending_lead == lang:
                leads[lang].add(len(lines[lang]))
                pending_lead = None
            lines[lang].append(run)
            places[lang].append(len(places["zh"]) + len(places["en"]))
    if not lines["en"] and not lines["zh"]:
        raise InputError(path, "holds no Chinese or English text")
    if not lines["en"]:
        raise InputError(path, "holds only Chinese text; expected Chinese and English")
    if not lines["zh"]:
        raise InputError(path, "holds only English text; expected Chinese and English")
    return Page(
        zh=mark_blocks(lines["zh"], "zh", frozenset(leads["zh"]), reading, places["zh"]),
        en=mark_blocks(lines["en"], "en", frozenset(leads["en"]), places=places["en"]),
        reading=reading,
    )
