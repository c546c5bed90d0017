"""The per-text correction: its maths on known distortions, and its effect on a real chapter."""

from dataclasses import replace

import numpy as np

from align.config import TranslationParams
from align.core.adapt import MIN_PAIRS, corrected, fit_correction
from align.core.features import TranslationFeatures
from align.core.similarity import normalize_rows
from align.core.translation import align_translation


def _distorted(n: int = 300, dim: int = 32, seed: int = 0):
    """English unit vectors and Chinese ones that miss them by a fixed linear distortion."""
    rng = np.random.default_rng(seed)
    en = normalize_rows(rng.standard_normal((n, dim)))
    distortion = np.eye(dim) + 0.3 * rng.standard_normal((dim, dim)) / np.sqrt(dim)
    return normalize_rows(en @ distortion).astype(np.float32), en.astype(np.float32)


def _mean_cosine(a: np.ndarray, b: np.ndarray) -> float:
    return float(np.mean(np.sum(a * b, axis=1)))


def test_a_known_distortion_is_undone():
    zh, en = _distorted()
    before = _mean_cosine(zh, en)
    fixed = corrected(zh, fit_correction(zh[:200], en[:200], ridge=1e-3))
    assert before < 0.97
    assert _mean_cosine(fixed[200:], en[200:]) > 0.995  # pairs the fit never saw


def test_a_strong_ridge_keeps_the_vectors():
    zh, en = _distorted()
    correction = fit_correction(zh, en, ridge=1e6)
    np.testing.assert_allclose(correction, np.eye(zh.shape[1]), atol=1e-3)


def test_corrected_rows_are_unit_vectors_of_the_same_type():
    zh, en = _distorted()
    fixed = corrected(zh, fit_correction(zh, en, ridge=3.0))
    assert fixed.dtype == np.float32
    np.testing.assert_allclose(np.linalg.norm(fixed, axis=1), 1.0, atol=1e-5)


def test_texts_with_few_pairs_keep_the_first_path():
    zh, en = _distorted(n=MIN_PAIRS - 1)
    lengths = np.full(len(zh), 30.0)
    off = replace(TranslationParams(), adapt_ridge=0.0)
    features = TranslationFeatures.from_vectors(zh, en, lengths, lengths * 2)
    first = align_translation(features, off)
    assert align_translation(features).groups == first.groups


def test_the_correction_places_boundaries_better_in_a_literary_chapter(mac_dev):
    with_correction = mac_dev.strict_f1("002", TranslationParams())
    without = mac_dev.strict_f1("002", replace(TranslationParams(), adapt_ridge=0.0))
    assert with_correction > without + 0.01


def test_fewer_pairs_than_dimensions_give_the_correction_of_the_full_system():
    zh, en = _distorted(n=40, dim=96)  # an article's pairs, solved in a 40 x 40 system
    x, y = zh.astype(np.float64), en.astype(np.float64)
    full = np.eye(96) + np.linalg.solve(x.T @ x + 3.0 * np.eye(96), x.T @ (y - x))
    np.testing.assert_allclose(fit_correction(zh, en, ridge=3.0), full, rtol=0, atol=1e-12)
