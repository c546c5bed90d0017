"""Page furniture: what a copied page holds besides its content.

Site navigation (breadcrumbs, menus, "查看原文"), share and search widgets, source, date
and editor lines, copyright notices, category and section labels, audio and subtitle
notices, episode lines of a podcast ("1. 15M AGO"), image captions, reporter credits and
markdown marks are neither aligned nor flagged: a reviewer has nothing to check in them.
The rules look at the shape of a line (its length, its labels, its punctuation), never
at the wording of one site; they see a traditional page as simplified (`reading`).
"""

from __future__ import annotations

import re
from collections.abc import Callable

from .scripts import HAN, text_lang

__all__ = [
    "FURNITURE_CHARS",
    "clean_line",
    "ends_open",
    "is_credit",
    "is_furniture",
    "is_header_end",
]

FURNITURE_CHARS = 60  # a source / date / editor / label line is short; a longer one is text
NAV_PART_HAN, NAV_PART_WORDS = 8, 3  # each item of a breadcrumb or menu is this short

_DATE = re.compile(
    r"\d{4}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}\s*日?(?:\s*\d{1,2}:\d{2}(?::\d{2})?)?"
)
_TIME = re.compile(r"\b\d{1,2}:\d{2}(?::\d{2})?\b")
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
# a credit line names who wrote or photographed: (记者:袁慧 邹硕) / Reporters: ... / By ...
_ZH_CREDIT = re.compile(
    r"^[（(【\[]?\s*(?:本报|本刊|新华社|中新社|人民日报|中国日报|央视)?\s*(?:特约|见习|首席)?"
    r"(?:记者|通讯员|作者|撰文|撰稿|采写|文|图|摄影|摄|口述|整理|编译|翻译|译者)"
    r"\s*[:：/|丨\s]"
)
_EN_CREDIT = re.compile(
    r"^[(\[]?\s*(?:(?:reporters?|writers?|authors?|contributors?|correspondents?|text|photos?)"
    r"\s*:|(?:reported|written|photos?)\s+by\s|by\s+(?=[A-Z]))",
    re.IGNORECASE,
)
ZH_CREDIT_CHARS, EN_CREDIT_WORDS = 40, 14
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
    "查看原文 阅读原文 原文链接 点击查看 展开全文 收起 展开 其他 更多 返回 返回列表 上一篇 "
    "下一篇 相关阅读 相关新闻 推荐阅读 热门推荐 热门文章 精彩推荐 往期回顾 播放 暂停 下载 "
    "share print email e-mail facebook twitter linkedin wechat weibo comment comments "
    "subscribe download play listen".split()
)
_WIDGET_PHRASES = frozenset(
    ("search more info about this", "read more", "read the original", "view original",
     "back to top", "share this", "related articles", "related stories", "more stories",
     "see also", "click here", "listen to this article")
)  # fmt: skip
_WIDGET_SPLIT = re.compile(r"[\s:：|/丨,，、【】\[\]]+")
# category, tag and location labels: 分类 / 栏目: 视频 / Category: ... / 当前位置: 首页 > ...
_LABEL = re.compile(
    r"^[【\[]?\s*(?:分类|栏目|类别|标签|频道|所属栏目|当前位置|您的位置|你的位置|"
    r"categor(?:y|ies)|tags?|filed under|posted in|section|channel|you are here)"
    r"\s*[】\]]?\s*(?:[:：>»›]|$)",
    re.IGNORECASE,
)
# a bracketed label alone on a line (【新闻摘要】), but for the lead labels `page` reads
_SECTION_LABEL = re.compile(
    r"^[【\[〖](?!\s*(?:导读|编者按|核心提示|内容提要|提要|导语))[^】\]〗]{1,10}[】\]〗]$"
)
_HOME_WORDS = frozenset(("首页", "主页", "网站首页", "返回首页", "home", "homepage"))
_NAV_SPLIT = re.compile(r"\s*(?:[|丨>»›/]|&gt;)\s*")
_SENTENCE_PUNCT = re.compile(r"[。！？!?；;，,.]")
_QUESTION_OR_END = re.compile(r"[。！？!?]")
# a line that only says how long ago an episode or a post went out: 1. 15M AGO, 刚刚
_AGO = re.compile(
    r"^(?:\d+\.\s*)?(?:posted|updated|发布于?|更新于?)?\s*(?:\d+\s*(?:s|m|h|d|w|mo|y|mins?|"
    r"minutes?|hrs?|hours?|days?|weeks?|months?|years?)\s+ago|\d+\s*(?:秒|分钟|小时|天|周|个月|年)前"
    r"|刚刚|just now)$",
    re.IGNORECASE,
)
# image captions: 图为... / 图: / Photo: / ▲ ... / a short title numbered like an image (1)
_CAPTION = re.compile(
    r"^(?:▲|△|↑|图为|图\s*[:：]|(?:photo|picture|image|caption)\s*[:：/])", re.IGNORECASE
)
# an image's caption with its alt text copied beside it: 记者会8月16(记者会)(1)
_BRACKETED = re.compile(r"[(（]([^()（）]{4,})[)）]")
# markdown emphasis and list marks a copied page keeps: **bold**, __bold__, "• item"
_EMPHASIS = re.compile(r"\*\*|__")
_BULLET = re.compile(r"^(?:[•·●▪■◆◇○]|[-*+]\s)\s*")
# a short label of the other language opening a line: 例句:The debate ... (the label goes)
_ZH_LABEL_BEFORE_EN = re.compile(r"^[\u4e00-\u9fff]{1,4}\s*[:：]\s*(?=[\"“‘(A-Za-z])")
_EN_LABEL_BEFORE_ZH = re.compile(r"^[A-Za-z]+(?:\s[A-Za-z]+)?\s*[:：]\s*(?=[“「『《\u4e00-\u9fff])")
_PIPE = re.compile(r"(\s*[|丨]\s*)")


_CLOSERS = "”’」』）)》】〕〉]\"'"
_FINAL_PUNCT = frozenset("。！？!?…；;：:，,、.—-~～")


def ends_open(text: str) -> bool:
    """True when the line ends in no punctuation (closing quotes/brackets aside)."""
    core = text.rstrip(_CLOSERS)
    return bool(core) and core[-1] not in _FINAL_PUNCT


def _is_widget_line(line: str) -> bool:
    if " ".join(line.lower().split()).strip(" .!") in _WIDGET_PHRASES:
        return True
    tokens = [t.lower() for t in _WIDGET_SPLIT.split(line) if t]
    return bool(tokens) and all(t in _WIDGET_WORDS or t.startswith("分享到") for t in tokens)


def _is_short_item(text: str) -> bool:
    return len(HAN.findall(text)) <= NAV_PART_HAN and len(text.split()) <= NAV_PART_WORDS


def _is_navigation(line: str) -> bool:
    """A breadcrumb or menu: short items between | > / and no sentence, three or more, or
    two from the home page (a category and a short title also make two short items)."""
    parts = [part.strip() for part in _NAV_SPLIT.split(line) if part.strip()]
    if len(parts) < 2 or _SENTENCE_PUNCT.search(line):
        return False
    if len(parts) == 2 and parts[0].lower() not in _HOME_WORDS:
        return False
    return all(_is_short_item(part) for part in parts)


def _is_caption_with_alt(line: str) -> bool:
    """A short unpunctuated line holding, in brackets, a piece of itself again."""
    if _SENTENCE_PUNCT.search(line):
        return False
    for inner in _BRACKETED.finditer(line):
        outside = line[: inner.start()] + line[inner.end() :]
        if inner.group(1).strip() in outside:
            return True
    return False


def is_credit(line: str) -> bool:
    """A reporter's, writer's or photographer's credit (a byline)."""
    if _ZH_CREDIT.match(line):
        return len(line) <= ZH_CREDIT_CHARS and ends_open(line)
    return (
        len(line.split()) <= EN_CREDIT_WORDS
        and bool(_EN_CREDIT.match(line))
        and not line.rstrip(")]").endswith((".", ",", ";", ":"))
    )


def _is_dateline(line: str) -> bool:
    """A short line that dates the page: a date (and time) with at most a source or site
    name before it. A line that opens with a date and goes on is a title (2022年8月19日
    外交部发言人汪文斌, 2008-07-05 美国人庆祝独立日)."""
    date = _DATE.search(line)
    if not date or not ends_open(line):
        return False
    before, after = line[: date.start()].strip(), line[date.end() :]
    timed = bool(_TIME.match(after.strip()))
    after = _TIME.sub("", after).strip(" -–—|丨")
    if after and not before and not timed and not _SOURCE_LABEL.match(after):
        return False  # a title that opens with its date
    if _QUESTION_OR_END.search(before):
        return False  # a sentence (a title's question) with the date run on after it
    return len((before + " " + after).strip()) <= 30


def is_furniture(line: str) -> bool:
    """Whether a whole line (or a sentence) is furniture."""
    if _COPYRIGHT.search(line) or _is_widget_line(line) or _END_MARK.match(line):
        return True
    short = len(line) <= FURNITURE_CHARS
    if short and (
        _SOURCE_LABEL.match(line) or _EDITOR.match(line) or is_credit(line)
        or _LABEL.match(line) or _SECTION_LABEL.match(line) or _AGO.search(line)
        or _CAPTION.match(line) or _is_navigation(line) or _is_caption_with_alt(line)
    ):
        return True
    if _EMAIL.search(line) and (short or _CONTACT.match(line)):
        return True
    if _DATE.fullmatch(line.strip()) or _is_dateline(line):
        return True
    return False


def is_header_end(line: str) -> bool:
    """A line that closes a site's header: an episode or post line of a listing (15M AGO),
    after which the page's content begins."""
    return bool(_AGO.match(line.strip()))


def clean_line(line: str, reading: Callable[[str], str]) -> str:
    """The line without its furniture: '' when it is furniture; the parts of a
    `a | b | Updated: date` line that are not; markdown marks and a label of the other
    language dropped. The rules look at `reading(line)`; the text kept is the page's own."""
    line = " ".join(line.split())  # also folds NBSP and ideographic spaces
    line = _BULLET.sub("", _EMPHASIS.sub("", line)).strip()
    if not line or is_furniture(reading(line)):
        return ""
    pieces = _PIPE.split(line)  # text, separator, text, ...
    if len(pieces) > 1:
        kept = [
            k for k in range(0, len(pieces), 2)
            if pieces[k] and not is_furniture(reading(pieces[k]))
        ]
        if len(kept) < (len(pieces) + 1) // 2:  # some part is furniture: keep the others,
            # unless they are all as short as menu items (a site name beside a credit)
            if all(_is_short_item(pieces[k]) for k in kept):
                return ""
            line = "".join(
                (pieces[k - 1] if n else "") + pieces[k] for n, k in enumerate(kept)
            ).strip()
            if not line or is_furniture(reading(line)):
                return ""
    label = _ZH_LABEL_BEFORE_EN.match(line) or _EN_LABEL_BEFORE_ZH.match(line)
    if label and text_lang(line[label.end():]) != text_lang(label.group()):
        line = line[label.end():]
    return line
