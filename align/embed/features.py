"""The features object each aligner gets (`core.features`), built from the sentences.

The groups mode (`config.Groups`) decides what is embedded besides the sentences: runs of
neighbouring sentences as one text, and the opening and closing clauses of every sentence
with their dictionary words. Encoder calls keep one order (Chinese, then English, then
clauses), so that cached vectors are the same from run to run.
"""

from __future__ import annotations

import numpy as np

from ..config import ACCURATE_LIMIT, Direction, Groups
from ..core.features import (
    NO_PAIRS,
    ClauseEdges,
    EdgeSide,
    SharedPairs,
    SideFeatures,
    SummaryFeatures,
    TranslationFeatures,
)
from ..core.layout import facing
from ..records import PageLayout
from ..text.lexicon import Lexicon
from ..text.quotes import en_quote_states, zh_quote_states
from ..text.shared import shared_evidence, shared_pairs
from .encoders import Encoder
from .vectors import (
    edge_words,
    embed_edges,
    embed_enumerations,
    embed_pieces,
    embed_sentences,
    embed_side,
)

__all__ = ["ZH_LINE_SCALE", "decide_groups", "summary_features", "translation_features"]

# English characters a translation writes per Chinese character (the benchmarks' run from
# 2.8 to 5.2): a Chinese line's length as the English-only test, fitted on English lines,
# reads it.
ZH_LINE_SCALE = 3.0


def decide_groups(asked: Groups, zh: list[str], en: list[str], encoder: Encoder) -> Groups:
    """`asked` unless it is AUTO; then ACCURATE up to ACCURATE_LIMIT sentences, past it RUNS
    where the encoder composes runs from one pass (USE), else FAST (another encoder would
    encode every run again)."""
    if asked is not Groups.AUTO:
        return asked
    if len(zh) + len(en) <= ACCURATE_LIMIT:
        return Groups.ACCURATE
    return Groups.RUNS if encoder.composes_runs else Groups.FAST


def translation_features(
    zh: list[str], en: list[str], encoder: Encoder, groups: Groups
) -> TranslationFeatures:
    """What the translation search needs of these texts in the (decided) groups mode."""
    zh_vectors, zh_runs = embed_side(encoder, zh, "zh", groups.embeds_runs)
    en_vectors, en_runs = embed_side(encoder, en, "en", groups.embeds_runs)
    edges, shared = None, NO_PAIRS
    if groups.scores_clauses:
        shared = SharedPairs(*shared_pairs(zh, en))
        lexicon = Lexicon.fit(zh, en)
        zh_heads, zh_tails = embed_edges(encoder, zh, "zh", zh_vectors)
        en_heads, en_tails = embed_edges(encoder, en, "en", en_vectors)
        # `embed_edges` gives a one-clause sentence its own vector as both edges
        zh_clauses = np.any(zh_heads != zh_vectors, axis=1) | np.any(zh_tails != zh_vectors, axis=1)
        edges = ClauseEdges(
            EdgeSide(zh_heads, zh_tails, *edge_words(lexicon, zh, "zh")),
            EdgeSide(en_heads, en_tails, *edge_words(lexicon, en, "en")),
            zh_clauses,
        )
    return TranslationFeatures(
        groups,
        SideFeatures(zh_vectors, _lengths(zh), zh_runs, zh_quote_states(zh)),
        SideFeatures(en_vectors, _lengths(en), en_runs, en_quote_states(en)),
        edges,
        shared,
    )


def summary_features(
    zh: list[str], en: list[str], encoder: Encoder, groups: Groups, direction: Direction,
    layout: PageLayout, lexicon: Lexicon | None = None,
) -> SummaryFeatures:
    """What the summary linking needs: sentence vectors (and runs of the article's
    neighbours, unless FAST) carrying the dictionary-word signatures of `lexicon` (default:
    one fitted on these texts), and the vectors of the parts of each line. `direction`
    (ZH_TO_EN or EN_TO_ZH) says which side is the article; `layout` where the sentences
    stood on a page."""
    lexicon = Lexicon.fit(zh, en) if lexicon is None else lexicon
    side_by_side = facing(layout, len(zh), len(en))
    if direction is Direction.EN_TO_ZH:
        article, article_lang, lines, line_lang = en, "en", zh, "zh"
        side_by_side = side_by_side.T
    else:
        article, article_lang, lines, line_lang = zh, "zh", en, "en"
    vectors, runs = embed_side(encoder, article, article_lang, groups.embeds_runs, lexicon)
    lists: list[np.ndarray | None] = [None] * len(lines)  # enumerations are read in English
    shared = shared_evidence(article, article_lang, lines, line_lang)
    return SummaryFeatures(
        vectors,
        runs,
        embed_sentences(encoder, lines, line_lang, lexicon),
        _lengths(lines) * (ZH_LINE_SCALE if line_lang == "zh" else 1.0),
        embed_pieces(encoder, lines, line_lang, lexicon),
        embed_enumerations(encoder, lines, lexicon) if line_lang == "en" else lists,
        shared.weights,
        shared.unsourced,
        side_by_side,
    )


def _lengths(texts: list[str]) -> np.ndarray:
    return np.array([len(text) for text in texts], dtype=float)
