"""A web page saved as HTML, read as the text a browser shows: a raw page like any other.

Users align pages as they find them; a page saved from a browser (or its source pasted
into a .txt) is markup, whose tags, scripts and styles would otherwise be read as
sentences. inscriptis renders it as text the way a browser lays it out: each block
(paragraph, heading, list item, table row, <br>) on its own line, inline elements
(links, bold) inside their sentence, entities decoded, scripts and styles left out.
A page saved from a browser keeps the encoding its head declares (Big5 on many older
Traditional Chinese sites), which is read first (`declared_charset`).
"""

from __future__ import annotations

import re
from pathlib import Path

__all__ = ["HTML_SUFFIXES", "declared_charset", "is_html", "html_text"]

HTML_SUFFIXES = (".html", ".htm")
# markup at the start of the file: a doctype, an <html> or <head> tag, or a comment
_MARKUP_START = re.compile(
    r"\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html[\s>]|head[\s>])", re.I | re.S
)


# <meta charset="big5"> or <meta http-equiv="Content-Type" content="text/html; charset=gbk">
_META_CHARSET = re.compile(rb"<meta[^>]*?charset\s*=\s*[\"']?\s*([A-Za-z0-9_.:-]+)", re.I)
# The Chinese encodings a page may declare, as browsers read them (WHATWG: GB2312 and GBK
# are read as GBK, of which GB18030 is the superset; Big5 as Big5-HKSCS). Other
# declarations (Latin ones are often wrong on Chinese pages) leave the usual guesses.
_CHINESE_CHARSETS = {
    "utf-8": "utf-8", "utf8": "utf-8", "gb2312": "gb18030", "gbk": "gb18030",
    "x-gbk": "gb18030", "gb18030": "gb18030", "cp936": "gb18030", "big5": "big5hkscs",
    "big5-hkscs": "big5hkscs", "x-x-big5": "big5hkscs", "cp950": "big5hkscs",
}


def declared_charset(data: bytes) -> str | None:
    """The Chinese encoding an HTML page declares in its head (a Python codec), if any."""
    found = _META_CHARSET.search(data[:8192])
    if found is None:
        return None
    return _CHINESE_CHARSETS.get(found.group(1).decode("ascii").lower())


def is_html(path: Path, text: str) -> bool:
    """An .html/.htm file, or a text file that starts as an HTML document does."""
    return path.suffix.lower() in HTML_SUFFIXES or bool(_MARKUP_START.match(text[:4096]))


def html_text(markup: str) -> str:
    """The page's text as a browser lays it out, one block a line."""
    from inscriptis import get_text
    from inscriptis.css_profiles import CSS_PROFILES
    from inscriptis.model.config import ParserConfig

    # strict: no space added where inline elements meet (the relaxed default puts one
    # inside Chinese words that a link or a bold word splits)
    return get_text(markup, ParserConfig(css=CSS_PROFILES["strict"]))
