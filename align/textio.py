"""Reading users' text files and writing output folders safely.

Text may be UTF-8 (with or without BOM), UTF-16 with BOM, or GB18030, with any
line endings. Output folders are written beside their target and renamed into
place, so a failed run never leaves a half-written folder.
"""

from __future__ import annotations

import codecs
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from .errors import InputError

MAX_BYTES = 200 * 1024 * 1024  # far above any article or book; guards against a wrong path


def decode_text(data: bytes, path: str | Path) -> str:
    """Decode bytes of a text file, trying the encodings Chinese text arrives in."""
    if data.startswith(codecs.BOM_UTF8):
        encodings = ["utf-8-sig"]
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        encodings = ["utf-16"]
    else:
        encodings = ["utf-8", "gb18030"]
    for encoding in encodings:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if "\x00" in text:
            raise InputError(path, "looks like a binary file, not text (contains NUL bytes)")
        return text.replace("\r\n", "\n").replace("\r", "\n")
    raise InputError(path, "is not text in UTF-8, UTF-16 (with BOM) or GB18030 (undecodable bytes)")


def read_text(path: str | Path) -> str:
    path = Path(path)
    if not path.exists():
        raise InputError(path, "no such file")
    if not path.is_file():
        raise InputError(path, "is not a file")
    size = path.stat().st_size
    if size > MAX_BYTES:
        raise InputError(path, f"is {size // 2**20} MiB; the limit is {MAX_BYTES // 2**20} MiB")
    return decode_text(path.read_bytes(), path)


@contextmanager
def atomic_dir(target: str | Path, replace: bool = True) -> Iterator[Path]:
    """Yield a temporary folder that becomes `target` only if the block succeeds."""
    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{target.name}.", dir=target.parent))
    try:
        yield staging
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    if target.exists():
        if not replace:
            shutil.rmtree(staging, ignore_errors=True)
            raise InputError(target, "already exists")
        old = target.with_name(f".{target.name}.old")
        shutil.rmtree(old, ignore_errors=True)
        target.rename(old)
        staging.rename(target)
        shutil.rmtree(old, ignore_errors=True)
    else:
        staging.rename(target)
