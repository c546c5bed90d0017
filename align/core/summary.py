"""Alignment of a summary to its article: many-to-one, unordered, mostly unmatched.

The article may be the Chinese side (a Chinese article with a shorter English version,
the common case, in which the words below fit) or the English one; the summary's lines
are the other side's sentences. Each English sentence is linked to the Chinese sentence
it is most similar to (by margin-normalised score) when that score clears a threshold,
or to a run of two or three neighbours around it when the run as one text matches
clearly better, its length counting too: a line of one sentence predicts, at the text's
own ratio of line to linked sentence, how many article characters it renders. A line
often renders one clause of a long sentence, whose vector the rest of the sentence
dilutes: a sentence is as near a line (or a piece or listed item of it, below) as the
nearest of its parts (`text.parts`), a part's cosine counting a little less. Article
order is a soft preference only: a candidate near the Chinese
sentences that the neighbouring English sentences use gets a small bonus. An
English unit of several sentences (a presplit summary line, which may condense
several points) also links the best match of each of its sentences near its
first link: a second point is often too diluted in the line's vector to be found
from the whole. A line that lists items after a colon or "such as" (`enumeration`)
links the block of Chinese sentences its items find one by one, where they find
one: news summaries condense an article's list of paragraphs into one line.
A distinctive figure or name that a line and one article sentence alone share
(`text.shared`) weighs in the choice of its link: a long sentence that states the
line's figures among much else is often outscored by a shorter one on the topic.
A line stating figures the article never states keeps a link only above chance level.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ..config import SummaryParams
from .english_only import MIN_LINES, revise_links
from .features import SummaryFeatures
from .similarity import margin_scores, top_k_mean

__all__ = ["SummaryLinks", "align_summary", "primary_links"]


@dataclass
class SummaryLinks:
    """For each line of the summary, the article sentences it renders (empty: none)."""

    article_ids: list[list[int]]
    scores: list[float]  # margin score of the best candidate of each line
    margins: np.ndarray  # (n_article, n_lines) margin-normalised similarity


def _order_bonus(margins: np.ndarray, params: SummaryParams) -> np.ndarray:
    """Bonus for Chinese sentences near the best match of the neighbouring English sentences."""
    n_zh, n_en = margins.shape
    bonus = np.zeros_like(margins)
    if params.order_bonus <= 0 or n_en < 2:
        return bonus
    best = margins.argmax(axis=0)
    positions = np.arange(n_zh)
    for j in range(n_en):
        for k in (j - 1, j + 1):
            if 0 <= k < n_en and margins[best[k], k] >= params.link_threshold:
                near = np.abs(positions - best[k]) <= params.order_window
                bonus[near, j] = params.order_bonus
    return bonus


def primary_links(margins: np.ndarray, params: SummaryParams) -> np.ndarray:
    """Best Chinese sentence of each English sentence (-1: none), preferring article order.

    A Viterbi pass over the English sentences: the state is the Chinese position
    of the last link, kept through English-only sentences. Emissions are margin
    scores above the link threshold; steps back, and steps far from the summary's pace
    either way, pay a penalty. A step's price depends only on which of four ranges it
    falls in, so each position's best origin is the best of a prefix, two windows and a
    suffix (`_best_origins`): time grows with n_zh * n_en, not n_zh^2 * n_en.
    """
    n_zh, n_en = margins.shape
    emission = margins - params.link_threshold
    near = int(max(1.0, params.pace * n_zh / max(n_en, 1)))  # steps 1..near are near
    linked = emission[:, 0].copy()  # value of ending sentence j linked at q
    unlinked = np.zeros(n_zh)  # value of sentence j unlinked, last link at p
    back_linked, back_unlinked = [], []
    for j in range(1, n_en):
        from_linked = linked >= unlinked
        reach = np.maximum(linked, unlinked)
        value, origin = _best_origins(reach, near, params.back_penalty, params.far_penalty)
        new_linked = value + emission[:, j]
        back_linked.append((origin, from_linked.copy()))
        back_unlinked.append(from_linked.copy())
        linked, unlinked = new_linked, reach
    best = np.full(n_en, -1)
    q = int(np.argmax(np.maximum(linked, unlinked)))
    is_linked = linked[q] >= unlinked[q]
    for j in range(n_en - 1, -1, -1):
        if is_linked:
            best[j] = q
            if j == 0:
                break
            origin, from_linked = back_linked[j - 1]
            q = int(origin[q])
            is_linked = bool(from_linked[q])
        else:
            if j == 0:
                break
            is_linked = bool(back_unlinked[j - 1][q])
    return best


def _best_origins(
    reach: np.ndarray, near: int, back_penalty: float, far_penalty: float
) -> tuple[np.ndarray, np.ndarray]:
    """For each position q, the best of reach[p] less the price of the step p -> q, and
    the first p giving it. A step back (p >= q) pays `back_penalty`; a step farther than
    `near` either way pays `far_penalty` (a summary reorders neighbouring points, seldom
    distant ones). Ties go to the smaller p, as an argmax over every p would."""
    n = len(reach)
    positions = np.arange(n)
    blocked = np.full(near + 1, -np.inf)
    # far back, p > q + near: the first p there that is a maximum of what follows it
    after = np.maximum.accumulate(reach[::-1])[::-1]
    suffix_at = np.minimum.accumulate(np.where(reach == after, positions, n)[::-1])[::-1]
    far_back = np.minimum(positions + near + 1, n - 1)
    has_far_back = positions + near + 1 < n
    value = np.where(has_far_back, after[far_back] - (back_penalty + far_penalty), -np.inf)
    origin = suffix_at[far_back]
    # back or still, q <= p <= q + near; then near forward, q - near <= p < q
    ranges = (
        (np.concatenate([reach, blocked[:near]]), near + 1, 0, back_penalty),
        (np.concatenate([blocked[:near], reach]), near, near, 0.0),
    )
    for padded, width, offset, price in ranges:
        best, at = _window_max(padded, width)
        best, at = best[:n] - price, at[:n] - offset
        better = best >= value  # the smaller p wins a tie
        value, origin = np.where(better, best, value), np.where(better, at, origin)
    # far forward, p < q - near: the last new maximum at or before q - near - 1
    before = np.maximum.accumulate(reach)
    rises = np.r_[True, reach[1:] > before[:-1]]
    prefix_at = np.maximum.accumulate(np.where(rises, positions, 0))
    far = np.maximum(positions - near - 1, 0)
    far_value = np.where(positions - near - 1 >= 0, before[far] - far_penalty, -np.inf)
    better = far_value >= value
    return np.where(better, far_value, value), np.where(better, prefix_at[far], origin)


def _window_max(values: np.ndarray, width: int) -> tuple[np.ndarray, np.ndarray]:
    """Max and its first index over values[s : s + width] for each start s (len(values) -
    width + 1 of them), by doubling windows and one overlapping pair."""
    best, at = values.copy(), np.arange(len(values))
    span = 1
    while span * 2 <= width:
        right, right_at = best[span:], at[span:]
        keep = best[: len(right)] >= right
        best = np.where(keep, best[: len(right)], right)
        at = np.where(keep, at[: len(right)], right_at)
        span *= 2
    count = len(values) - width + 1
    shift = width - span  # the second window of `span` ends where the whole one does
    left, left_at = best[:count], at[:count]
    right, right_at = best[shift : shift + count], at[shift : shift + count]
    keep = left >= right
    return np.where(keep, left, right), np.where(keep, left_at, right_at)


@dataclass(frozen=True)
class _RunPrice:
    """What a run of neighbours pays against the single sentence for one line."""

    gain: float  # a run of two must beat the single sentence's cosine by this
    extra: float  # and a run of three by this much more
    length_weight: float  # per unit of |log| between a run's length and `expected`
    expected: float  # the article characters the line's length predicts it renders

    def misfit(self, lengths: np.ndarray, run: list[int]) -> float:
        held = max(float(lengths[run].sum()), 1.0)
        return self.length_weight * abs(float(np.log(max(self.expected, 1.0) / held)))


def _best_run(
    best: int, target: np.ndarray, single: float, features: SummaryFeatures, price: _RunPrice
) -> list[int]:
    """The run of neighbouring article sentences around `best` that renders `target` best.

    `features.article_runs[size][k]` is the vector of sentences k-size+1..k. A summary
    sentence often renders two or three neighbours that a translation kept apart. A short
    neighbour hardly moves the run's vector, so how near the run's length comes to the one
    the line's length predicts weighs too.
    """
    lengths = features.article_lengths
    options = [([best], single - price.misfit(lengths, [best]))]
    for size, cost in ((2, price.gain), (3, price.gain + price.extra)):
        vectors = features.article_runs.get(size)
        if vectors is None:
            continue
        for end in range(best, best + size):
            if size - 1 <= end < len(vectors):
                run = list(range(end - size + 1, end + 1))
                score = float(vectors[end] @ target) - cost - price.misfit(lengths, run)
                options.append((run, score))
    return max(options, key=lambda option: option[1])[0]


def _run_price(features: SummaryFeatures, line: int, ratio: float, params: SummaryParams
               ) -> _RunPrice:  # fmt: skip
    """A line of one sentence: its length predicts the run's (at the text's own `ratio`).
    A line of several sentences renders several points, so its length says nothing of one
    run, and a run must beat the single sentence by more."""
    if features.line_pieces[line] is None:
        expected = features.line_lengths[line] / ratio
        return _RunPrice(params.window_gain, params.window3_extra, params.length_weight, expected)
    return _RunPrice(params.pieces_window_gain, params.window3_extra, 0.0, 1.0)


def _length_ratio(features: SummaryFeatures, best: np.ndarray) -> float:
    """The text's own ratio of a line's length to that of the article sentence it links
    best: the median over the linked lines that have characters (1 where none is)."""
    linked = np.flatnonzero((best >= 0) & (features.line_lengths > 0))
    if not len(linked):
        return 1.0
    held = np.maximum(features.article_lengths[best[linked]], 1.0)
    return float(np.median(features.line_lengths[linked] / held))


def _nearness(vectors: np.ndarray, features: SummaryFeatures, params: SummaryParams
              ) -> np.ndarray:  # fmt: skip
    """(n_vectors, n_article) cosines: each article sentence as near as it or its nearest
    part (`part_price` less) is."""
    cosines = vectors @ features.article.T
    owner = features.part_owner
    if len(owner):  # a sentence's parts are consecutive rows: the nearest of each run
        starts = np.flatnonzero(np.r_[True, owner[1:] != owner[:-1]])
        nearest = np.maximum.reduceat(features.article_parts @ vectors.T, starts, axis=0)
        sentences = owner[starts]
        cosines[:, sentences] = np.maximum(
            cosines[:, sentences], nearest.T - params.part_price
        )
    return cosines


def _piece_links(
    pieces: np.ndarray, features: SummaryFeatures, zh_density: np.ndarray, center: int, params
) -> list[int]:
    """Best Chinese sentence near `center` of each piece whose margin clears the threshold."""
    radius = params.piece_radius
    start, stop = max(center - radius, 0), min(center + radius + 1, len(features.article))
    margins = _piece_margins(pieces, features, zh_density, params)
    nearby = margins[:, start:stop]
    best = nearby.argmax(axis=1)
    return [start + int(i) for r, i in enumerate(best) if nearby[r, i] >= params.piece_threshold]


def _piece_margins(
    pieces: np.ndarray, features: SummaryFeatures, zh_density: np.ndarray, params
) -> np.ndarray:
    cosines = _nearness(pieces, features, params)
    return cosines - (zh_density[None, :] + top_k_mean(cosines, params.density_k)[:, None]) / 2


def _list_links(
    parts: np.ndarray, features: SummaryFeatures, zh_density: np.ndarray, params
) -> list[int]:
    """Chinese sentences rendered by an English enumeration, when its items find a block.

    `parts` holds the vectors of the enumeration's head and items. A summary that
    condenses a list of Chinese sentences into one line names one item per sentence,
    in a block of the article; a translated list has its items in one sentence, and
    items that happen to match elsewhere scatter. So the items' best sentences count
    only when at least `list_min_items` distinct ones lie in a short block; the head
    then links its best sentence just before or inside it, at the threshold of a
    single link (the block has already placed it).
    """
    margins = _piece_margins(parts, features, zh_density, params)
    items = margins[1:]
    best = items.argmax(axis=1)
    found = sorted({int(i) for r, i in enumerate(best) if items[r, i] >= params.piece_threshold})
    span = params.list_spread * len(items)
    block: list[int] = []
    for start, first in enumerate(found):
        inside = [i for i in found[start:] if i - first <= span]
        if len(inside) > len(block):
            block = inside
    if len(block) < params.list_min_items:
        return []
    lo, hi = max(block[0] - params.list_head_reach, 0), block[-1] + 1
    head = lo + int(margins[0, lo:hi].argmax())
    return sorted(set(block) | ({head} if margins[0, head] >= params.link_threshold else set()))


def align_summary(features: SummaryFeatures, params: SummaryParams | None = None) -> SummaryLinks:
    """Links of each line to article sentences (see the module docstring)."""
    zh, en = features.article, features.lines
    params = params or SummaryParams()
    n_zh, n_en = len(zh), len(en)
    if n_zh == 0 or n_en == 0:
        return SummaryLinks([[] for _ in range(n_en)], [0.0] * n_en, np.zeros((n_zh, n_en)))
    sentence_cosines = zh @ en.T
    cosines = _nearness(en, features, params).T
    margins = margin_scores(cosines, params.density_k)
    evidence = (
        margins
        + params.shared_bonus * np.minimum(features.shared, params.shared_cap)
        + params.layout_bonus * features.facing
    )
    zh_density = top_k_mean(cosines, params.density_k, axis=1)
    ranked_scores = evidence + _order_bonus(evidence, params)
    if n_zh <= params.path_limit:
        primary = primary_links(evidence, params)
    else:
        primary = np.where(
            ranked_scores.max(axis=0) >= params.link_threshold, ranked_scores.argmax(axis=0), -1
        )
    clears = ranked_scores[np.maximum(primary, 0), np.arange(n_en)] >= params.link_threshold
    primary = np.where((primary >= 0) & clears, primary, -1)
    ratio = _length_ratio(features, primary)
    links: list[list[int]] = []
    scores: list[float] = []
    for j in range(n_en):
        best = int(primary[j])
        linked = best >= 0
        listed = features.line_lists[j]
        block = [] if listed is None else _list_links(listed, features, zh_density, params)
        if block:  # the line condenses a list: its block, and its own best link if near it
            near = linked and block[0] - params.list_head_reach <= best <= block[-1] + 1
            scores.append(float(margins[best, j]) if near else float(margins[block, j].max()))
            links.append(sorted(set(block) | ({best} if near else set())))
            continue
        if not linked:
            scores.append(float(margins[:, j].max()))
            links.append([])
            continue
        scores.append(float(margins[best, j]))
        chosen = [best]
        if features.article_runs:
            price = _run_price(features, j, ratio, params)
            chosen += _best_run(best, en[j], float(sentence_cosines[best, j]), features, price)
        if features.line_pieces[j] is not None:
            chosen += _piece_links(features.line_pieces[j], features, zh_density, best, params)
        links.append(sorted(set(chosen)))
    if params.english_only_test:
        if n_en < MIN_LINES:  # too few lines to judge each against the others
            revised = [
                ids if ids and evidence[ids, j].max() >= params.short_link_bar else []
                for j, ids in enumerate(links)
            ]
        else:
            revised = revise_links(links, margins, features.line_lengths, params.english_only)
        revised = [
            [] if ids and features.unsourced[j] and margins[ids, j].max() < params.unsourced_bar
            else ids
            for j, ids in enumerate(revised)
        ]
        for j, (before, after) in enumerate(zip(links, revised)):
            if before != after:  # newly linked to, or now without, its best candidate
                scores[j] = float(margins[:, j].max())
        links = revised
    return SummaryLinks(links, scores, margins)
