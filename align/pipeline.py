"""From sentences to alignment units: features, then an aligner, then units and flags.

`align_sentences` is the library's entry point: two lists of sentences in, units out,
every sentence of both sides in exactly one unit. A flagged unit (one side empty) names
its best candidate on the other side and that candidate's score, so a reviewer sees why
it fell short.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from .config import Direction, Groups, Mode, SummaryParams, TranslationParams
from .core.features import SummaryFeatures, TranslationFeatures
from .core.layout import stretch_past_lead
from .core.mode import (
    REVERSE_CHAR_RATIO,
    SUMMARY_CHAR_RATIO,
    choose_direction,
    choose_mode,
    renders_both_ways,
)
from .core.reorder import uncross
from .core.similarity import margin_scores, normalize_rows
from .core.summary import align_summary
from .core.translation import align_translation
from .embed.coverage import SideVectors, measure_coverage
from .embed.encoders import DEFAULT_MODEL, get_encoder
from .embed.features import decide_groups, summary_features, translation_features
from .embed.protocol import Encoder
from .records import (
    ALIGNED,
    EN_ONLY,
    NO_LAYOUT,
    NOT_MEASURED,
    ZH_ONLY,
    Coverage,
    PageLayout,
    Unit,
)
from .text.hanzi import simplified
from .text.lexicon import Lexicon
from .text.shared import shared_counter

__all__ = [
    "REVERSE_CHAR_RATIO",
    "SUMMARY_CHAR_RATIO",
    "AlignResult",
    "align_sentences",
    "choose_direction",
    "choose_mode",
    "choose_page_mode",
    "summary_units",
    "translation_units",
]

MATRIX_LIMIT = 4_000_000  # cells of the zh x en score matrix kept for review
BEST_RADIUS = 20  # a flagged sentence's best candidate is sought this near its path position


@dataclass
class AlignResult:
    units: list[Unit]
    mode: Mode  # TRANSLATION or SUMMARY: what AUTO chose
    similarity: np.ndarray | None  # (n_zh, n_en) margin scores, None for very long texts
    groups: Groups  # how groups of sentences were scored (ACCURATE, RUNS or FAST)
    direction: Direction  # which side is the article (BOTH for a translation)
    coverage: Coverage = NOT_MEASURED  # which parts of the linked sentences are rendered


def choose_page_mode(zh: list[str], en: list[str], layout: PageLayout, encoder: Encoder) -> Mode:
    """The lengths' choice, unless a one-language lead hides a translation: the page
    past the lead is as long as a translation would be and renders both ways."""
    mode = choose_mode(zh, en)
    if mode is Mode.TRANSLATION:
        return mode
    zh_ids, en_ids = stretch_past_lead(layout, len(zh), len(en))
    if not zh_ids:
        return mode
    zh_part, en_part = [zh[i] for i in zh_ids], [en[j] for j in en_ids]
    if choose_mode(zh_part, en_part) is not Mode.TRANSLATION:
        return mode
    cosines = normalize_rows(encoder.encode(simplified(zh_part))) @ normalize_rows(
        encoder.encode(en_part)
    ).T
    lengths = (np.array([len(s) for s in zh_part]), np.array([len(s) for s in en_part]))
    return Mode.TRANSLATION if renders_both_ways(margin_scores(cosines), *lengths) else mode


def align_sentences(
    zh: list[str],
    en: list[str],
    mode: Mode | str = Mode.AUTO,
    encoder: Encoder | None = None,
    translation_params: TranslationParams | None = None,
    summary_params: SummaryParams | None = None,
    groups: Groups | str = Groups.AUTO,
    direction: Direction | str = Direction.AUTO,
    layout: PageLayout = NO_LAYOUT,
    coverage: bool = True,
) -> AlignResult:
    """Align two lists of sentences; every sentence id of both sides appears in the units.

    `groups` says how groups of sentences are embedded (`config.Groups`; AUTO chooses by
    the texts' length); `direction` which side a summary renders (AUTO: by the texts'
    lengths); `layout` where the sentences stood on a page (none for two files); the
    default encoder is the offline USE model; `coverage` whether to judge which parts of
    each linked sentence the other side renders (`embed.coverage`).
    """
    mode, groups = Mode.parse(mode), Groups.parse(groups)
    direction = Direction.parse(direction)
    encoder = encoder or get_encoder(DEFAULT_MODEL)
    if mode is Mode.AUTO:
        mode = choose_page_mode(zh, en, layout, encoder)
    if direction is Direction.AUTO or mode is Mode.TRANSLATION:
        direction = choose_direction(mode, zh, en)
    groups = decide_groups(groups, zh, en, encoder)
    if not zh or not en:
        units = [Unit([i], [], 0.0) for i in range(len(zh))]
        units += [Unit([], [j], 0.0) for j in range(len(en))]
        return AlignResult(units, mode, None, groups, direction, Coverage(measured=coverage))
    zh = simplified(zh)  # for the encoders; same lengths, the caller keeps the page's text
    # dictionary words: the summary features', the clause edges' and the coverage's
    words = mode is Mode.SUMMARY or groups.scores_clauses or coverage
    lexicon = Lexicon.fit(zh, en) if words else None
    if mode is Mode.SUMMARY:
        summary, part_vectors = summary_features(
            zh, en, encoder, groups, direction, layout, coverage, lexicon
        )
        units, matrix = summary_units(summary, summary_params, direction)
        article, lines = summary.article, summary.lines
        zh_vectors, en_vectors = (
            (lines, article) if direction is Direction.EN_TO_ZH else (article, lines)
        )
        vectors = SideVectors(zh_vectors, en_vectors, part_vectors, word_signatures=True)
    else:
        translation, part_vectors = translation_features(
            zh, en, encoder, groups, coverage, lexicon, layout
        )
        units, matrix = translation_units(
            translation, translation_params, shared_counter(zh, en)
        )
        vectors = SideVectors(
            translation.zh.vectors, translation.en.vectors, part_vectors, word_signatures=False
        )
    parts = NOT_MEASURED
    if coverage:
        parts = measure_coverage(zh, en, units, vectors, lexicon or Lexicon.fit(zh, en))
    return AlignResult(units, mode, matrix, groups, direction, parts)


def translation_units(
    features: TranslationFeatures, params: TranslationParams | None,
    shared: Callable[[int, int], int],
) -> tuple[list[Unit], np.ndarray | None]:
    """The translation path as units, each flagged sentence with its best candidate near
    its place on the path; and the margin matrix where it is small enough to keep.
    `shared(i, j)` counts the figures and names Chinese i and English j share, for
    reordered lines (`core.reorder`)."""
    params = params or TranslationParams()
    path = align_translation(features, params)
    zh_vecs, en_vecs = path.zh_vectors, features.en.vectors  # Chinese ones as the search scored

    def margin(i: int, j: int) -> float:
        cosine = float(zh_vecs[i] @ en_vecs[j])
        return cosine - float(path.zh_density[i] + path.en_density[j]) / 2

    path_groups, path_scores = uncross(
        path.groups, path.scores, margin, shared, params.uncross_reach, params.uncross_gain
    )
    # where each sentence sits on the path, to look for its best candidate nearby
    zh_pos, en_pos = np.zeros(len(zh_vecs), dtype=int), np.zeros(len(en_vecs), dtype=int)
    i = j = 0
    for zh_ids, en_ids in path_groups:
        zh_pos[zh_ids] = j
        en_pos[en_ids] = i
        i += len(zh_ids)
        j += len(en_ids)
    units = [
        Unit(zh_ids, en_ids, round(score, 4))
        for (zh_ids, en_ids), score in zip(path_groups, path_scores)
    ]
    sides = {  # flagged side -> its vectors, positions and densities, then the other side's
        ZH_ONLY: (zh_vecs, zh_pos, path.zh_density, en_vecs, path.en_density),
        EN_ONLY: (en_vecs, en_pos, path.en_density, zh_vecs, path.zh_density),
    }
    for unit in units:
        if unit.status == ALIGNED:
            continue
        own, position, own_density, other, other_density = sides[unit.status]
        k = (unit.zh_ids or unit.en_ids)[0]
        best, cosine = _best_nearby(own[k], other, int(position[k]), BEST_RADIUS)
        margin = cosine - (own_density[k] + other_density[best]) / 2
        unit.best_ids, unit.best_score = [best], round(float(margin), 4)
    matrix = None
    if len(zh_vecs) * len(en_vecs) <= MATRIX_LIMIT:
        cos = zh_vecs @ en_vecs.T
        matrix = cos - (path.zh_density[:, None] + path.en_density[None, :]) / 2
    return units, matrix


def _best_nearby(
    vector: np.ndarray, candidates: np.ndarray, center: int, radius: int
) -> tuple[int, float]:
    """The candidate within `radius` of position `center` most similar to `vector`."""
    start, stop = max(center - radius, 0), min(center + radius + 1, len(candidates))
    cosines = candidates[start:stop] @ vector
    return start + int(cosines.argmax()), float(cosines.max())


def summary_units(
    features: SummaryFeatures, params: SummaryParams | None,
    direction: Direction = Direction.ZH_TO_EN,
) -> tuple[list[Unit], np.ndarray]:
    """One unit per line of the summary (linked, or flagged), then one per article
    sentence no line links; and the (n_zh, n_en) margin matrix."""
    links = align_summary(features, params)
    margins = links.margins  # (n_article, n_lines)
    n_article, n_lines = margins.shape
    pairs: list[tuple[list[int], list[int], float, list[int], float | None]] = []
    used: set[int] = set()
    for j, (article_ids, score) in enumerate(zip(links.article_ids, links.scores)):
        if article_ids:
            pairs.append((list(article_ids), [j], round(score, 4), [], None))
            used.update(article_ids)
        else:
            best = int(margins[:, j].argmax()) if n_article else 0
            pairs.append(([], [j], 0.0, [best], round(score, 4)))
    for i in range(n_article):
        if i not in used:
            best = int(margins[i].argmax()) if n_lines else 0
            best_score = float(margins[i, best]) if n_lines else 0.0
            pairs.append(([i], [], 0.0, [best], round(best_score, 4)))
    if direction is Direction.EN_TO_ZH:  # the article is English, the lines Chinese
        return [Unit(lines, article, *rest) for article, lines, *rest in pairs], margins.T
    return [Unit(*pair) for pair in pairs], margins
