"""The evidence that a linked text renders each part of a sentence, and the parts decided.

Every sentence linked to something on the other side is cut into parts (`text.parts`).
The parts of a sentence of several parts come from the pass that embedded the sentences
(`embed.features`), with the signatures the sentence vectors they are compared with
carry; a sentence of one part keeps its sentence vector.
Each part then gets its evidence against the sentences it is linked with:

- vector: its best cosine with the linked sentences and their parts, less its density
  (the mean of its `DENSITY_K` best cosines over every sentence of the other side), so
  that a part on the article's general topic does not pass for a rendered one;
- relative: that cosine less the best one among the parts of its own sentence;
- words: the share of its dictionary words (Chinese words whose CC-CEDICT glosses the
  English text uses; English content words the Chinese glosses give) that the linked
  text holds;
- items: the share of its distinctive figures and names that the linked text states;
- mutual: whether it and some part of the linked text are each other's best match;
- whole: its cosine less that of its whole sentence with the linked text.

`core.coverage` turns them into a decision per part.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ..core.coverage import PARAMS, CoverageParams, PartFeatures, decide_parts
from ..core.similarity import top_k_mean
from ..records import Coverage, Part, Unit
from ..text.lexicon import Lexicon, chinese_bag, english_stems, gloss_stems, segment_chinese
from ..text.names import english_names, name_phrases
from ..text.numbers import distinctive, extract_figures
from ..text.parts import split_parts
from ..text.shared import latin_names
from .vectors import PartVectors, with_evidence

__all__ = ["DENSITY_K", "SideVectors", "measure_coverage"]

DENSITY_K = 4
_CHUNK = 2048  # parts scored against the whole other side at a time


@dataclass(frozen=True)
class SideVectors:
    """The sentence vectors the alignment compared, both sides, and how they were made."""

    zh: np.ndarray  # (n_zh, dim)
    en: np.ndarray  # (n_en, dim)
    parts: PartVectors  # the encoder's vectors of the parts of each sentence of several
    word_signatures: bool  # whether they carry the dictionary-word signatures of the lexicon


def _links(units: list[Unit]) -> dict[str, dict[int, list[int]]]:
    """lang -> sentence id -> the other side's sentences linked with it, sorted."""
    links: dict[str, dict[int, set[int]]] = {"zh": {}, "en": {}}
    for unit in units:
        if unit.zh_ids and unit.en_ids:
            for i in unit.zh_ids:
                links["zh"].setdefault(i, set()).update(unit.en_ids)
            for j in unit.en_ids:
                links["en"].setdefault(j, set()).update(unit.zh_ids)
    return {lang: {k: sorted(v) for k, v in side.items()} for lang, side in links.items()}


def measure_coverage(
    zh: list[str],
    en: list[str],
    units: list[Unit],
    vectors: SideVectors,
    lexicon: Lexicon,
    params: dict[str, CoverageParams] = PARAMS,
) -> Coverage:
    """The parts of every linked sentence of both sides, each decided rendered or not."""
    texts = {"zh": zh, "en": en}
    sentence_vectors = {"zh": vectors.zh, "en": vectors.en}
    links = _links(units)
    spans = {
        lang: {k: split_parts(texts[lang][k], lang) for k in sorted(links[lang])}
        for lang in ("zh", "en")
    }
    signatures = lexicon if vectors.word_signatures else None
    encoded = {"zh": vectors.parts.zh, "en": vectors.parts.en}
    part_vectors: dict[str, dict[int, np.ndarray]] = {}
    for lang in ("zh", "en"):
        several = [k for k, s in spans[lang].items() if len(s) > 1]
        out = {k: sentence_vectors[lang][k : k + 1] for k in spans[lang]}
        if several:
            flat = [texts[lang][k][a:b] for k in several for a, b in spans[lang][k]]
            signed = with_evidence(
                np.vstack([encoded[lang][k] for k in several]), flat, lang, signatures
            )
            bounds = np.cumsum([len(spans[lang][k]) for k in several])[:-1]
            out.update(zip(several, np.split(signed, bounds)))
        part_vectors[lang] = out
    glossary = _Glossary.of(zh, en)
    parts: list[Part] = []
    for lang, other in (("zh", "en"), ("en", "zh")):
        parts += _side_parts(
            lang, texts, links[lang], spans[lang], part_vectors, sentence_vectors[lang],
            sentence_vectors[other],
            glossary, params[lang],
        )
    return Coverage(measured=True, parts=tuple(parts))


@dataclass(frozen=True)
class _Glossary:
    """What the dictionary and the figures say of the two texts, read once."""

    en_stems: list[frozenset[str]]  # content stems of each English sentence
    zh_glosses: list[frozenset[str]]  # gloss stems of the words of each Chinese sentence
    en_vocabulary: frozenset[str]
    zh_vocabulary: frozenset[str]
    names: frozenset[str]  # names both texts write (`_names`)

    @classmethod
    def of(cls, zh: list[str], en: list[str]) -> _Glossary:
        en_stems = [frozenset(english_stems(text)) for text in en]
        zh_glosses = [frozenset(chinese_bag(text)) for text in zh]
        return cls(
            en_stems, zh_glosses,
            frozenset().union(*en_stems), frozenset().union(*zh_glosses), _names(zh, en),
        )


def _word_share(
    part: str, lang: str, linked: list[int], glossary: _Glossary
) -> tuple[float, float]:
    """(found, total) weight of the part's dictionary words the linked text holds."""
    found = total = 0.0
    if lang == "zh":
        stems = frozenset().union(*(glossary.en_stems[j] for j in linked))
        for word in segment_chinese(part):
            glosses = gloss_stems(word) & glossary.en_vocabulary
            if glosses:
                weight = 1.0 if len(word) > 1 else 0.5
                total += weight
                found += weight * bool(glosses & stems)
        return found, total
    glosses = frozenset().union(*(glossary.zh_glosses[i] for i in linked))
    for stem in set(english_stems(part)):
        if stem in glossary.zh_vocabulary:
            total += 1.0
            found += stem in glosses
    return found, total


def _items(text: str, lang: str, names: frozenset[str]) -> set[tuple[str, object]]:
    """Distinctive figures by value, and which of `names` the text holds: a Chinese text
    those its characters name (`text.names`) or it writes in Latin letters, an English
    one those among its words."""
    items: set[tuple[str, object]] = {
        ("figure", round(float(f.value), 3)) for f in extract_figures(text, lang) if distinctive(f)
    }
    if lang == "zh":
        held = name_phrases(text) | latin_names(text)
        items.update(("name", phrase) for phrase in held & names)
    else:
        items.update(("name", phrase) for phrase in english_names(text) & names)
    return items


def _item_share(
    part: str, lang: str, linked: set[tuple[str, object]], names: frozenset[str]
) -> tuple[int, int]:
    """(found, total) of the part's figures and names that the linked text states
    (`linked`: its `_items`)."""
    own = _items(part, lang, names)
    return len(own & linked), len(own)


def _names(zh: list[str], en: list[str]) -> frozenset[str]:
    """Names both texts write: what the Chinese names (in characters, or in Latin
    letters) that some English sentence holds."""
    english = frozenset().union(*(english_names(text) for text in en))
    held: set[str] = set()
    for text in zh:
        held |= name_phrases(text) | latin_names(text)
    return frozenset(held) & english


def _mutual_best(sims: np.ndarray) -> list[int]:
    """1 for each row (a part) that is the best of its rows for some column (a part of
    the linked text) that is its own best column, else 0."""
    best_row, best_col = sims.argmax(axis=0), sims.argmax(axis=1)
    return [int(best_row[best_col[r]] == r) for r in range(len(sims))]


def _side_parts(
    lang: str,
    texts: dict[str, list[str]],
    links: dict[int, list[int]],
    spans: dict[int, list[tuple[int, int]]],
    part_vectors: dict[str, dict[int, np.ndarray]],
    sentence_vectors: np.ndarray,
    other_vectors: np.ndarray,
    glossary: _Glossary,
    params: CoverageParams,
) -> list[Part]:
    other_lang = "en" if lang == "zh" else "zh"
    ids = sorted(links)
    if not ids:
        return []
    rows = np.vstack([part_vectors[lang][k] for k in ids])
    density = np.concatenate([
        top_k_mean(rows[s : s + _CHUNK] @ other_vectors.T, DENSITY_K)
        for s in range(0, len(rows), _CHUNK)
    ])
    keys, cosine, best, words, items, evidence, mutual, whole = [], [], [], [], [], [], [], []
    joiner = "" if other_lang == "zh" else " "
    for k in ids:
        linked = links[k]
        other_parts = np.vstack([part_vectors[other_lang][j] for j in linked])
        targets = np.vstack([other_parts, other_vectors[linked]])
        vecs = part_vectors[lang][k]
        nearest = (vecs @ targets.T).max(axis=1)
        cosine.extend(nearest)
        best.extend([nearest.max()] * len(vecs))  # the best among the sentence's parts
        whole.extend([float((sentence_vectors[k] @ targets.T).max())] * len(vecs))
        mutual.extend(_mutual_best(vecs @ other_parts.T))
        linked_text = joiner.join(texts[other_lang][j] for j in linked)
        linked_items = _items(linked_text, other_lang, glossary.names)
        for a, b in spans[k]:
            part = texts[lang][k][a:b]
            found, total = _word_share(part, lang, linked, glossary)
            hit, held = _item_share(part, lang, linked_items, glossary.names)
            keys.append(k)
            words.append(found / total if total else np.nan)
            items.append(hit / held if held else np.nan)
            evidence.append((found, total, hit, held))
    cos = np.array(cosine, dtype=float)
    features = PartFeatures(
        np.array(keys), cos - density, cos - np.array(best, dtype=float), np.array(words),
        np.array(items),
        np.array(mutual, dtype=float), cos - np.array(whole),
        np.array([b - a for k in ids for a, b in spans[k]]),
    )
    covered, score = decide_parts(features, params)
    single = {k for k in ids if len(spans[k]) == 1}
    parts, row = [], 0
    for k in ids:
        for a, b in spans[k]:
            found, total, hit, held = evidence[row]
            note = (
                f"margin {features.margin[row]:.3f} relative {features.relative[row]:.3f} "
                f"words {found:g}/{total:g} items {hit}/{held} "
                f"mutual {mutual[row]:d} whole {cos[row] - whole[row]:.3f}"
            )
            rendered = bool(covered[row]) or k in single
            parts.append(Part(lang, k, a, b, rendered, round(float(score[row]), 4), note))
            row += 1
    return parts
