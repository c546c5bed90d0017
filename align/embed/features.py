"""The features object each aligner gets (`core.features`), built from the sentences.

The groups mode (`config.Groups`) decides what is embedded besides the sentences: runs of
neighbouring sentences as one text, and the opening and closing clauses of every sentence
with their dictionary words. Encoder calls keep one order (Chinese, then English, then
clauses), so that cached vectors are the same from run to run.
"""

from __future__ import annotations

from dataclasses import dataclass

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
from ..core.layout import facing, lead_sizes
from ..records import NO_LAYOUT, PageLayout
from ..text.clauses import Span, edge_spans
from ..text.lexicon import Lexicon
from ..text.parts import split_parts
from ..text.quotes import en_quote_states, zh_quote_states
from ..text.shared import shared_evidence, shared_pairs
from .encoders import Encoder
from .vectors import (
    NO_PART_VECTORS,
    Embedded,
    PartVectors,
    edge_vectors,
    edge_words,
    embed_enumerations,
    embed_pieces,
    embed_side,
    with_evidence,
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
    zh: list[str], en: list[str], encoder: Encoder, groups: Groups, parts: bool,
    lexicon: Lexicon | None = None, layout: PageLayout = NO_LAYOUT,
) -> tuple[TranslationFeatures, PartVectors]:
    """What the translation search needs of these texts in the (decided) groups mode, and,
    if `parts`, the vectors of the sentences' parts for the coverage. `lexicon` (default:
    one fitted on these texts) gives the clause edges' dictionary words; `layout` where the
    sentences stood on a page (its one-language lead is an untranslated edge)."""
    clauses = groups.scores_clauses
    zh_side = _Side.embed(encoder, zh, "zh", groups.embeds_runs, None, clauses, parts)
    en_side = _Side.embed(encoder, en, "en", groups.embeds_runs, None, clauses, parts)
    zh_vectors, en_vectors = zh_side.embedded.vectors, en_side.embedded.vectors
    edges, shared = None, NO_PAIRS
    if clauses:
        shared = SharedPairs(*shared_pairs(zh, en))
        lexicon = Lexicon.fit(zh, en) if lexicon is None else lexicon
        zh_heads, zh_tails = zh_side.edge_vectors()
        en_heads, en_tails = en_side.edge_vectors()
        # `edge_vectors` gives a one-clause sentence its own vector as both edges
        zh_clauses = np.any(zh_heads != zh_vectors, axis=1) | np.any(zh_tails != zh_vectors, axis=1)
        edges = ClauseEdges(
            EdgeSide(zh_heads, zh_tails, *edge_words(lexicon, zh, "zh", zh_side.edges)),
            EdgeSide(en_heads, en_tails, *edge_words(lexicon, en, "en", en_side.edges)),
            zh_clauses,
        )
    features = TranslationFeatures(
        groups,
        SideFeatures(zh_vectors, _lengths(zh), zh_side.embedded.runs, zh_quote_states(zh)),
        SideFeatures(en_vectors, _lengths(en), en_side.embedded.runs, en_quote_states(en)),
        edges,
        shared,
        lead_sizes(layout, len(zh), len(en)),
    )
    return features, PartVectors(zh_side.parts(), en_side.parts()) if parts else NO_PART_VECTORS


@dataclass(frozen=True)
class _Side:
    """One side embedded in one pass with the spans asked of it: each sentence's clause
    edges that are not the whole sentence (head first), then the parts of a sentence of
    several parts."""

    texts: list[str]
    lang: str
    edges: list[tuple[Span, Span]]  # (head, tail) of each sentence
    part_spans: list[list[Span]]  # the parts of each sentence of several parts, else none
    embedded: Embedded

    @classmethod
    def embed(
        cls, encoder: Encoder, texts: list[str], lang: str, runs: bool,
        lexicon: Lexicon | None, edges: bool, parts: bool,
    ) -> _Side:
        whole = [((0, len(text)), (0, len(text))) for text in texts]
        edge_list = edge_spans(texts, lang) if edges else whole
        spans, part_spans = [], []
        for text, own in zip(texts, edge_list):
            cut = [edge for edge in own if edge != (0, len(text))]
            several = split_parts(text, lang) if parts else []
            part_spans.append(several if len(several) > 1 else [])
            spans.append(cut + part_spans[-1])
        embedded = embed_side(encoder, texts, lang, runs, lexicon, spans)
        return cls(texts, lang, edge_list, part_spans, embedded)

    def edge_vectors(self) -> tuple[np.ndarray, np.ndarray]:
        return edge_vectors(
            self.texts, self.lang, self.embedded.vectors, self.edges, self.embedded.spans
        )

    def parts(self) -> list[np.ndarray]:
        """The vectors of each sentence's parts: the last of the spans asked of it."""
        return [
            vectors[len(vectors) - len(own) :]
            for vectors, own in zip(self.embedded.spans, self.part_spans)
        ]

    def part_vectors(self, lexicon: Lexicon | None) -> tuple[np.ndarray, np.ndarray]:
        """The parts of every sentence of several parts in one array, with the signatures
        the sentence vectors carry, and the sentence each belongs to."""
        counts = [len(own) for own in self.part_spans]
        if not sum(counts):
            return np.zeros((0, self.embedded.vectors.shape[1]), np.float32), np.zeros(0, int)
        texts = [text[a:b] for text, own in zip(self.texts, self.part_spans) for a, b in own]
        vectors = with_evidence(np.vstack(self.parts()), texts, self.lang, lexicon)
        return vectors, np.repeat(np.arange(len(counts)), counts)


def summary_features(
    zh: list[str], en: list[str], encoder: Encoder, groups: Groups, direction: Direction,
    layout: PageLayout, parts: bool, lexicon: Lexicon | None = None,
) -> tuple[SummaryFeatures, PartVectors]:
    """What the summary linking needs: sentence vectors (and runs of the article's
    neighbours, unless FAST) carrying the dictionary-word signatures of `lexicon` (default:
    one fitted on these texts), and the vectors of the pieces of each line; and, if
    `parts`, the vectors of the sentences' parts for the coverage. `direction` (ZH_TO_EN
    or EN_TO_ZH) says which side is the article; `layout` where the sentences stood on a
    page."""
    lexicon = Lexicon.fit(zh, en) if lexicon is None else lexicon
    side_by_side = facing(layout, len(zh), len(en))
    if direction is Direction.EN_TO_ZH:
        article, article_lang, lines, line_lang = en, "en", zh, "zh"
        side_by_side = side_by_side.T
    else:
        article, article_lang, lines, line_lang = zh, "zh", en, "en"
    article_side = _Side.embed(
        encoder, article, article_lang, groups.embeds_runs, lexicon, False, True
    )
    line_side = _Side.embed(encoder, lines, line_lang, False, lexicon, False, parts)
    lists: list[np.ndarray | None] = [None] * len(lines)  # enumerations are read in English
    shared = shared_evidence(article, article_lang, lines, line_lang)
    features = SummaryFeatures(
        article_side.embedded.vectors,
        article_side.embedded.runs,
        line_side.embedded.vectors,
        _lengths(lines) * (ZH_LINE_SCALE if line_lang == "zh" else 1.0),
        embed_pieces(encoder, lines, line_lang, lexicon),
        embed_enumerations(encoder, lines, lexicon) if line_lang == "en" else lists,
        shared.weights,
        shared.unsourced,
        side_by_side,
        *article_side.part_vectors(lexicon),
        _lengths(article),
    )
    if not parts:
        return features, NO_PART_VECTORS
    if direction is Direction.EN_TO_ZH:
        return features, PartVectors(line_side.parts(), article_side.parts())
    return features, PartVectors(article_side.parts(), line_side.parts())


def _lengths(texts: list[str]) -> np.ndarray:
    return np.array([len(text) for text in texts], dtype=float)
