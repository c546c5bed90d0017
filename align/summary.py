"""Alignment of a summary to its article: many-to-one, unordered, mostly unmatched.

Each English sentence is linked to the Chinese sentence it is most similar to
(by margin-normalised score) when that score clears a threshold, and then to
further Chinese sentences while adding them brings the joint vector closer to
the English one: a summary sentence often condenses several points. Article
order is a soft preference only: a candidate near the Chinese sentences that
the neighbouring English sentences use gets a small bonus.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .similarity import margin_scores, normalize_rows


@dataclass(frozen=True)
class SummaryParams:
    """Thresholds on margin scores; defaults tuned on summary-dev (see BENCHMARKS.md)."""

    link_threshold: float = 0.10
    extra_threshold: float = 0.05
    join_gain: float = 0.01
    candidates: int = 6
    density_k: int = 4
    order_bonus: float = 0.02
    order_window: int = 3


@dataclass
class SummaryLinks:
    """For each English sentence, the Chinese ids it renders (empty: English-only)."""

    zh_ids: list[list[int]]
    scores: list[float]  # margin score of the best candidate of each English sentence
    margins: np.ndarray  # (n_zh, n_en) margin-normalised similarity


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


def align_summary(
    zh: np.ndarray, en: np.ndarray, params: SummaryParams | None = None
) -> SummaryLinks:
    """Links of each English sentence to Chinese sentences; `zh`/`en` are normalised vectors."""
    params = params or SummaryParams()
    n_zh, n_en = len(zh), len(en)
    if n_zh == 0 or n_en == 0:
        return SummaryLinks([[] for _ in range(n_en)], [0.0] * n_en, np.zeros((n_zh, n_en)))
    cosines = zh @ en.T
    margins = margin_scores(cosines, params.density_k)
    ranked_scores = margins + _order_bonus(margins, params)
    links: list[list[int]] = []
    scores: list[float] = []
    for j in range(n_en):
        order = np.argsort(-ranked_scores[:, j], kind="stable")
        best = int(order[0])
        scores.append(float(margins[best, j]))
        if ranked_scores[best, j] < params.link_threshold:
            links.append([])
            continue
        chosen = [best]
        joint = zh[best].astype(np.float64)
        joint_cos = float(cosines[best, j])
        for i in order[1 : params.candidates]:
            if ranked_scores[i, j] < params.extra_threshold:
                break
            trial = normalize_rows((joint + zh[i])[None, :])[0]
            trial_cos = float(trial @ en[j])
            if trial_cos >= joint_cos + params.join_gain:
                chosen.append(int(i))
                joint, joint_cos = joint + zh[i], trial_cos
        links.append(sorted(chosen))
    return SummaryLinks(links, scores, margins)
