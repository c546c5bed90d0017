"""Names a Chinese sentence writes in characters, as an English one would write them.

An embedding of "菲律宾记者" and of "a Philippine reporter" agree only loosely, and one
of "汪文斌" and "Wang Wenbin" hardly at all; a reader matches both at once. CC-CEDICT's
proper nouns (places, people, bodies: entries with a capitalised reading) give the
English name of a dictionary name; a personal name the dictionary lacks is read as
pinyin, a surname's reading and then the given name's syllables run together, as English
writes Chinese names.
"""

from __future__ import annotations

import itertools
import re
from functools import lru_cache

from .dictionary import lengths_by_first_character, longest_at, proper_nouns, readings, surnames

__all__ = ["english_names", "name_phrases"]

_LONGEST_NAME = 8  # characters of the longest proper noun looked up
_GIVEN_NAME = (1, 2)  # characters a given name has
_MAX_SPELLINGS = 8  # readings of a name tried (polyphonic characters multiply them)
_NAME_WORDS_MOST = 6  # words of the longest name phrase kept
_HANZI = re.compile(r"[\u4e00-\u9fff]+")
_ASIDE = re.compile(r"\s*[(\[].*")
_NAME_WORDS = re.compile(r"[A-Za-z][A-Za-z'-]*")
_ARTICLE = re.compile(r"^(the|a|an)\s+", re.IGNORECASE)


@lru_cache(maxsize=8192)
def english_names(text: str) -> frozenset[str]:
    """Every run of up to `_NAME_WORDS_MOST` words of an English sentence, lower-cased and
    joined by a space: where a name phrase ("wang wenbin") is looked up."""
    words = [word.lower() for word in _NAME_WORDS.findall(text)]
    return frozenset(
        " ".join(words[start : start + size])
        for size in range(1, _NAME_WORDS_MOST + 1)
        for start in range(len(words) - size + 1)
    )


@lru_cache(maxsize=8192)
def name_phrases(text: str) -> frozenset[str]:
    """Lower-cased English phrases naming what the Chinese sentence names: each proper
    noun of the dictionary (its first definition's name) and each surname followed by a
    one- or two-character given name, in pinyin ("wang wenbin")."""
    phrases: set[str] = set()
    for run in _HANZI.findall(text):
        phrases.update(_dictionary_names(run))
        phrases.update(_pinyin_names(run))
    return frozenset(phrases)


def _dictionary_names(run: str) -> set[str]:
    """The longest proper noun at each place, from the left (乌兹别克斯坦 is no Buick)."""
    nouns, lengths, found, start = proper_nouns(), _noun_lengths(), set(), 0
    while start < len(run):
        size = longest_at(run, start, nouns, lengths)
        if size:
            name = _name_of(nouns[run[start : start + size]][0])
            if name:
                found.add(name)
        start += size or 1
    return found


@lru_cache(maxsize=1)
def _noun_lengths() -> dict[str, tuple[int, ...]]:
    return lengths_by_first_character(proper_nouns(), _LONGEST_NAME)


def _name_of(definition: str) -> str:
    """"the Great Hall of the People (in Beijing)" -> "great hall of the people";
    "Beijing, capital of ..." -> "beijing"."""
    head = _ARTICLE.sub("", _ASIDE.sub("", definition.split(",")[0].split(";")[0])).strip()
    words = _NAME_WORDS.findall(head)
    if not words or not words[0][0].isupper() or len(words) > _NAME_WORDS_MOST:
        return ""
    return " ".join(word.lower() for word in words)


def _pinyin_names(run: str) -> set[str]:
    family, syllables, found = surnames(), readings(), set()
    for start, char in enumerate(run):
        for surname in family.get(char, ()):
            for size in _GIVEN_NAME:
                given = run[start + 1 : start + 1 + size]
                if len(given) < size or any(c not in syllables for c in given):
                    continue
                spellings = itertools.product(*(syllables[c] for c in given))
                for spelling in itertools.islice(spellings, _MAX_SPELLINGS):
                    found.add(f"{surname} {''.join(spelling)}")
    return found
