"""Reading users' text files: UTF-8 (with or without BOM), UTF-16 with BOM, or GB18030,
with any line endings; a file that is not text, or too big to be one, is refused by name.

Text copied from web pages often carries characters that show nothing: zero-width
spaces after sentences, word joiners, a stray byte-order mark inside the text, soft
hyphens. They are dropped as the text is read, since the splitters and every later
stage take them for letters (a zero-width space after a full stop hides the sentence
boundary) while the page shows the same text without them.
"""

from __future__ import annotations

import codecs
from pathlib import Path

from ..errors import InputError

__all__ = [
    "MAX_BYTES",
    "decode_text",
    "read_bytes",
    "read_text",
]

# One text file at most: 20 MiB is about 7 million Chinese characters or 3,000 pages of
# English, several times the whole Bible, and aligning it takes minutes. A bigger file is
# most likely a wrong path (a dump, an archive); a real one should be aligned in parts.
MAX_BYTES = 20 * 1024 * 1024
# zero-width space, word joiner, zero-width no-break space (BOM), soft hyphen; the
# zero-width (non-)joiners stay: they shape emoji and some scripts
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u2060\ufeff\u00ad"))
# Signatures of common binary formats that can slip in renamed as .txt.
_BINARY_MAGIC = {
    b"\x89PNG": "a PNG image",
    b"\xff\xd8\xff": "a JPEG image",
    b"GIF8": "a GIF image",
    b"%PDF": "a PDF document",
    b"PK\x03\x04": "a ZIP archive (or .docx/.xlsx)",
    b"\x1f\x8b": "a gzip archive",
    b"\xd0\xcf\x11\xe0": "an old Office document (.doc/.xls)",
    b"\x7fELF": "an executable",
}


def decode_text(data: bytes, path: str | Path, declared: str | None = None) -> str:
    """Decode bytes of a text file, trying the encodings Chinese text arrives in; the
    encoding the file declares (`declared`, an HTML page's charset) first, after a BOM.
    Big5 bytes decode as GB18030 without an error, as nonsense: only a declaration
    tells them apart."""
    for magic, kind in _BINARY_MAGIC.items():
        if data.startswith(magic):
            raise InputError(path, f"is {kind}, not a text file")
    if data.startswith(codecs.BOM_UTF8):
        encodings = ["utf-8-sig"]
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        encodings = ["utf-16"]
    elif b"\x00" in data:
        raise InputError(
            path, "holds NUL bytes: a binary file, or UTF-16 without a BOM (save it as UTF-8)"
        )
    else:
        encodings = ([declared] if declared else []) + ["utf-8", "gb18030"]
    for encoding in encodings:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if "\x00" in text:
            raise InputError(path, "looks like a binary file, not text (contains NUL bytes)")
        return text.replace("\r\n", "\n").replace("\r", "\n").translate(_INVISIBLE)
    raise InputError(path, "is not text in UTF-8, UTF-16 (with BOM) or GB18030 (undecodable bytes)")


def read_text(path: str | Path) -> str:
    return decode_text(read_bytes(path), path)


def read_bytes(path: str | Path) -> bytes:
    """A user's file as bytes, refused by name where it is missing or too big."""
    path = Path(path)
    if not path.exists():
        raise InputError(path, "no such file")
    if not path.is_file():
        raise InputError(path, "is not a file")
    size = path.stat().st_size
    if size > MAX_BYTES:
        raise InputError(
            path,
            f"is {size / 2**20:.0f} MiB, over the limit of {MAX_BYTES // 2**20} MiB for one "
            "text file; split it into parts and align each",
        )
    return path.read_bytes()
