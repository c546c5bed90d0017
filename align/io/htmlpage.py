"""A web page saved as HTML, read as the text a browser shows: a raw page like any other.

Users align pages as they find them; a page saved from a browser (or its source pasted
into a .txt) is markup, whose tags, scripts and styles would otherwise be read as
sentences. inscriptis renders it as text the way a browser lays it out: each block
(paragraph, heading, list item, table row, <br>) on its own line, inline elements
(links, bold) inside their sentence, entities decoded, scripts and styles left out.
"""

from __future__ import annotations

import re
from pathlib import Path

__all__ = ["HTML_SUFFIXES", "is_html", "html_text"]

HTML_SUFFIXES = (".html", ".htm")
# markup at the start of the file: a doctype, an <html> or <head> tag, or a comment
_MARKUP_START = re.compile(
    r"\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html[\s>]|head[\s>])", re.I | re.S
)


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
