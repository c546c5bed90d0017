"""Separating a raw bilingual web page into its Chinese and English text.

A page copied from a news site (China Daily, Xinhua and the like) holds both
languages plus furniture: source and date lines, share widgets, editor and
copyright notices. Each line is given a language by its script, furniture is
dropped, and the remaining lines become blocks marked title / subtitle / lead /
heading / byline / body, so later stages can treat headings and bylines apart.
The rules look at the shape of a line (length, final punctuation, label words),
not at the wording of one particular page.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import InputError
from ..records import Block
from ..text.hanzi import as_simplified, looks_traditional
from ..text.sentences import split_en

__all__ = [
    "Page",
    "language_runs",
    "mark_blocks",
    "reading_for",
    "script_counts",
    "split_page",
    "text_lang",
]

_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002fa1f]")
_LATIN = re.compile(r"[A-Za-z\u00c0-\u024f]")
HAN_WEIGHT = 4  # one Chinese character carries about as much as four Latin letters

ZH_TITLE_CHARS = 60
ZH_HEADING_CHARS = 40
EN_TITLE_WORDS = 25
EN_HEADING_WORDS = 12
EN_BYLINE_WORDS = 14
FURNITURE_CHARS = 60  # a source / date / editor line is short; a longer one is text
EDGE_LINES = 5  # name/affiliation bylines stand near the top or the bottom of a side

_CLOSERS = "”’」』）)》】〕〉]\"'"
_OPENERS = "“‘「『\"'"
_FINAL_PUNCT = set("。！？!?…；;：:，,、.—-~～")
_CLAUSE_PUNCT = re.compile(r"[。！？!?；;，,]")

_DATE = re.compile(
    r"\d{4}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}\s*日?(?:\s*\d{1,2}:\d{2}(?::\d{2})?)?"
)
_SOURCE_LABEL = re.compile(
    r"^(?:来源|稿源|出处|图片来源|发布时间|发布日期|更新时间|时间|日期|"
    r"source|updated|published|posted|date)\s*[:：]",
    re.IGNORECASE,
)
_EDITOR = re.compile(
    r"^[【\[(（]?\s*(?:责任编辑|责编|编辑|校对|审核|审校|监制|终审|初审|二审|三审|值班编辑|"
    r"editor|edited by|translated by|translator)\s*[:：]",
    re.IGNORECASE,
)
_COPYRIGHT = re.compile(
    r"版权(?:说明|声明|保护)\s*[:：]|版权所有(?:[\s:：©]|$)|"
    r"未经.{0,40}(?:授权|许可|允许).{0,20}(?:转载|使用|复制|摘编)|禁止转载|不得转载|违者必究|"
    r"提意见\s*[:：]|copyright\s*(?:[:：©]|\(c\)|\d{4})|all rights reserved|©",
    re.IGNORECASE,
)
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_CONTACT = re.compile(r"^(?:contact|e-?mail|邮箱|联系)", re.IGNORECASE)
_END_MARK = re.compile(r"^[（(【\[]?\s*(?:完|终|全文完|the end|end)\s*[）)】\]]?$", re.IGNORECASE)
_WIDGET_WORDS = frozenset(
    "分享 分享到 收藏 打印 打印本页 关闭 关闭窗口 返回顶部 纠错 字号 字体 大 中 小 默认 "
    "微信 微博 新浪微博 朋友圈 qq qq空间 扫一扫 评论 点赞 转发 "
    "share print email e-mail facebook twitter linkedin wechat weibo comment comments".split()
)
_WIDGET_SPLIT = re.compile(r"[\s:：|/丨,，、【】\[\]]+")
_LEAD_LABEL = re.compile(
    r"^[【\[]?\s*(导读|编者按|核心提示|内容提要|提要|导语|editor['’]s note)\s*[】\]]?"
    r"\s*(?:[:：]\s*(.*))?$",
    re.IGNORECASE,
)
_PIPE = re.compile(r"\s*[|丨]\s*")

_ZH_BYLINE_LABEL = re.compile(
    r"^[（(【\[]?\s*(?:本报|本刊|新华社|中新社|人民日报|中国日报|央视)?\s*(?:特约|见习|首席)?"
    r"(?:记者|通讯员|作者|撰文|撰稿|采写|文|图|摄影|摄|口述|整理|编译|翻译|译者)"
    r"\s*[:：/|丨\s]"
)
# A name/affiliation line ends with a post and a name: ...市长贺海东, ...教授李明.
_ZH_POSTS = (
    "市长|省长|县长|区长|镇长|局长|厅长|部长|院长|校长|所长|处长|社长|行长|董事长|理事长|"
    "秘书长|会长|署长|司长|主任|(?<!总)书记|主席|总裁|总经理|教授|研究员|大使|总领事|负责人|"
    "主编|创始人|首席执行官|首席经济学家"
)
_ZH_NAME_LINE = re.compile(rf"(?:{_ZH_POSTS})[\u4e00-\u9fff·]{{2,4}}$")
_EN_BYLINE = re.compile(
    r"^[(\[]?\s*(?:(?:reporters?|writers?|authors?|contributors?|correspondents?|text|photos?)"
    r"\s*:|(?:reported|written|photos?)\s+by\s|by\s+(?=[A-Z]))",
    re.IGNORECASE,
)


@dataclass
class Page:
    zh: list[Block] = field(default_factory=list)
    en: list[Block] = field(default_factory=list)


def script_counts(text: str) -> tuple[int, int]:
    """Chinese characters and Latin letters in `text`."""
    return len(_HAN.findall(text)), len(_LATIN.findall(text))


def text_lang(text: str) -> str | None:
    """'zh', 'en', or None when the text has no letters: by weighted share of script."""
    han, latin = script_counts(text)
    if han == 0 and latin == 0:
        return None
    return "zh" if han * HAN_WEIGHT >= latin else "en"


# A sentence end, with the quotes or brackets it closes and the space after it.
_SENTENCE_END = re.compile(r"[.!?。！？]+[”’\"'」』)）]*\s*")
MIN_RUN_HAN = 5  # a Chinese run of a mixed line holds at least this many characters
MIN_RUN_WORDS = 4  # and an English run at least this many words


def language_runs(line: str) -> list[tuple[str, str]]:
    """(lang, text) runs of a line whose sentences alternate between the languages.

    Bilingual pages often give each sentence and its translation inside one paragraph
    ("The village ... bonus. 这一殊荣…… "Guest numbers ..."). Such a line is cut at
    the sentence ends where the script changes, when every run holds whole sentences
    of some size; a line with a few words of the other script (a title quoted in
    《》, a name in brackets) stays one run of its main language.
    """
    whole = text_lang(line)
    if whole is None:
        return []
    pieces, start = [], 0
    for end in _SENTENCE_END.finditer(line):
        pieces.append(line[start : end.end()])
        start = end.end()
    pieces.append(line[start:])
    runs: list[list[str]] = []  # [lang, text]
    for piece in pieces:
        lang = text_lang(piece)
        if runs and lang in (None, runs[-1][0]):
            runs[-1][1] += piece
        elif lang is not None:
            runs.append([lang, piece])
        elif piece.strip():
            runs.append([whole, piece])
    if len(runs) < 2 or not all(_substantial(lang, text) for lang, text in runs):
        return [(whole, line)]
    return [(lang, text.strip()) for lang, text in runs]


def _substantial(lang: str, text: str) -> bool:
    han, _ = script_counts(text)
    return han >= MIN_RUN_HAN if lang == "zh" else len(text.split()) >= MIN_RUN_WORDS


def _normalise(line: str) -> str:
    return " ".join(line.split())  # also folds NBSP and ideographic spaces


def _ends_open(text: str) -> bool:
    """True when the line ends in no punctuation (closing quotes/brackets aside)."""
    core = text.rstrip(_CLOSERS)
    return bool(core) and core[-1] not in _FINAL_PUNCT


def _is_widget_line(line: str) -> bool:
    tokens = [t.lower() for t in _WIDGET_SPLIT.split(line) if t]
    return bool(tokens) and all(t in _WIDGET_WORDS or t.startswith("分享到") for t in tokens)


def _is_furniture(line: str) -> bool:
    """Source/date lines, widgets, editor and copyright notices, end marks."""
    if _COPYRIGHT.search(line) or _is_widget_line(line) or _END_MARK.match(line):
        return True
    short = len(line) <= FURNITURE_CHARS
    if short and (_SOURCE_LABEL.match(line) or _EDITOR.match(line)):
        return True
    if _EMAIL.search(line) and (short or _CONTACT.match(line)):
        return True
    if _DATE.search(line) and _ends_open(line):
        rest = _DATE.sub("", line)
        return len(rest.strip()) <= 30
    return False


def _clean_line(line: str, reading: Callable[[str], str]) -> str:
    """Drop furniture parts of a `a | b | Updated: date` line; '' when nothing is left.

    The rules look at `reading(line)`: simplified characters for a traditional page.
    """
    line = _normalise(line)
    if not line:
        return ""
    if _PIPE.search(line):
        parts = [p for p in _PIPE.split(line) if p and not _is_furniture(reading(p))]
        line = " | ".join(parts)
    if not line or _is_furniture(reading(line)):
        return ""
    return line


def _as_written(text: str) -> str:
    return text


def reading_for(lines: list[str]) -> Callable[[str], str]:
    """How the rules read lines: as simplified characters where the text is traditional
    (来源, 记者 and the other labels are written simplified), else as written."""
    return as_simplified if looks_traditional(lines) else _as_written


def _zh_heading_like(text: str, limit: int) -> bool:
    return (
        len(text) <= limit
        and _ends_open(text)
        and not text.startswith(tuple(_OPENERS))
        and not _CLAUSE_PUNCT.search(text)
    )


def _en_heading_like(text: str, limit: int) -> bool:
    return (
        len(text.split()) <= limit and _ends_open(text) and (text[0].isupper() or text[0].isdigit())
    )


def _zh_kind(text: str, index: int, count: int, previous: str | None) -> str:
    if index == 0 and len(text) <= ZH_TITLE_CHARS and _ends_open(text.rstrip("？！?!")):
        return "title"
    if previous in ("title", "subtitle") and text.startswith(("—", "－－", "--")):
        return "subtitle"
    if len(text) <= ZH_HEADING_CHARS and _ZH_BYLINE_LABEL.match(text) and _ends_open(text):
        return "byline"
    near_edge = index < EDGE_LINES or index >= count - EDGE_LINES
    if near_edge and _zh_heading_like(text, ZH_HEADING_CHARS) and _ZH_NAME_LINE.search(text):
        return "byline"
    if _zh_heading_like(text, ZH_HEADING_CHARS):
        return "heading"
    return "body"


def _en_kind(text: str, index: int, previous: str | None) -> str:
    words = len(text.split())
    if index == 0 and words <= EN_TITLE_WORDS and _ends_open(text.rstrip("?!")):
        return "title"
    if (
        words <= EN_BYLINE_WORDS
        and _EN_BYLINE.match(text)
        and not text.rstrip(")]").endswith((".", ",", ";", ":"))
    ):
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
) -> list[Block]:
    """Give each line of one language its kind; `leads` are indexes known to be a lead."""
    blocks: list[Block] = []
    previous: str | None = None
    for index, text in enumerate(lines):
        if index in leads:
            kind = "lead"
        elif lang == "zh":
            kind = _zh_kind(reading(text), index, len(lines), previous)
        else:
            kind = _en_kind(text, index, previous)
        blocks.append(Block(text, kind))
        previous = kind
    return blocks


def split_page(text: str, path: str | Path) -> Page:
    """Split a raw bilingual page into marked Chinese and English blocks."""
    lines: dict[str, list[str]] = {"zh": [], "en": []}
    leads: dict[str, set[int]] = {"zh": set(), "en": set()}
    pending_lead: str | None = None
    raw_lines = text.split("\n")
    reading = reading_for(raw_lines)
    for raw in raw_lines:
        line = _clean_line(raw, reading)
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
    if not lines["en"] and not lines["zh"]:
        raise InputError(path, "holds no Chinese or English text")
    if not lines["en"]:
        raise InputError(path, "holds only Chinese text; expected Chinese and English")
    if not lines["zh"]:
        raise InputError(path, "holds only English text; expected Chinese and English")
    return Page(
        zh=mark_blocks(lines["zh"], "zh", frozenset(leads["zh"]), reading),
        en=mark_blocks(lines["en"], "en", frozenset(leads["en"])),
    )
