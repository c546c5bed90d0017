"""The English-only test: its features by hand, its verdicts, and its effect on a real summary."""

from dataclasses import replace

import numpy as np
import pytest

from align.bench.evaluate import evaluate
from align.bench.texts import discover_texts, load_text
from align.config import EnglishOnlyWeights, SummaryParams
from align.core.english_only import MIN_LINES, line_features, probabilities, revise_links
from align.pipeline import align_sentences

from ..paths import BENCH


def _margins(n_zh: int, best: dict[int, tuple[int, float]]) -> np.ndarray:
    """Margins of -0.1 everywhere but each line's best candidate: {line: (zh, margin)}."""
    margins = np.full((n_zh, len(best)), -0.1)
    for j, (i, value) in best.items():
        margins[i, j] = value
    return margins


def test_features_by_hand():
    best = {0: (0, 0.2), 1: (2, 0.2), 2: (4, 0.0), 3: (6, 0.2), 4: (11, 0.02), 5: (10, 0.2)}
    margins = _margins(12, best)
    zh_ids = [[0], [2], [], [6], [11], [10]]
    features = line_features(zh_ids, margins, np.full(6, 40.0))
    np.testing.assert_allclose(features[:, 0], [1, 1, 0, 1, 1, 1])
    # median of the best margins 0.2; their median absolute deviation 0, so the floor 0.01
    np.testing.assert_allclose(features[:, 1], [0, 0, -20, 0, -18, 0], atol=1e-9)
    # pace 12 / 6 = 2; line 0 has only a later neighbour (at 2); line 2's best
    # candidate 4 sits midway between its neighbours' links 2 and 6; line 4 (at 11)
    # should sit midway between 6 and 10
    assert features[0, 2] == pytest.approx(np.log1p(1.0))
    assert features[2, 2] == pytest.approx(0.0)
    assert features[4, 2] == pytest.approx(np.log1p(1.5))
    np.testing.assert_allclose(features[:, 3], np.log(40.0))


def _story() -> tuple[list[list[int]], np.ndarray]:
    """Eight lines in article order, 0.14-0.16 each, but line 3 linked far out of place
    with a weak margin and line 5 left unlinked despite the best margin of all, in place."""
    best = {0: (0, 0.15), 1: (2, 0.16), 2: (4, 0.14), 3: (15, 0.03),
            4: (8, 0.15), 5: (10, 0.3), 6: (12, 0.16), 7: (14, 0.14)}
    zh_ids = [[0], [2], [4], [15], [8], [], [12], [14]]
    return zh_ids, _margins(16, best)


def test_out_of_place_weak_link_is_dropped_and_a_strong_unlinked_line_linked():
    zh_ids, margins = _story()
    revised = revise_links(zh_ids, margins, np.full(8, 80.0))
    assert revised == [[0], [2], [4], [], [8], [10], [12], [14]]


def test_threshold_decides():
    zh_ids, margins = _story()
    lengths = np.full(8, 80.0)
    keep_everything = EnglishOnlyWeights(threshold=1.0)
    assert revise_links(zh_ids, margins, lengths, keep_everything)[3] == [15]
    chances = probabilities(EnglishOnlyWeights(), line_features(zh_ids, margins, lengths))
    assert chances[3] > 0.99 and chances[5] < 0.01
    assert (chances[[0, 1, 2, 4, 6, 7]] < 0.5).all()


def test_too_few_lines_are_left_as_they_are():
    zh_ids, margins = _story()
    few = MIN_LINES - 1
    assert revise_links(zh_ids[:few], margins[:, :few], np.full(few, 80.0)) == zh_ids[:few]


@pytest.mark.skipif(not (BENCH / "summary-dev").exists(), reason="benchmark data not present")
def test_the_test_finds_the_added_lines_of_a_real_summary():
    spec = next(s for s in discover_texts(BENCH / "summary-dev") if s.name.endswith("mac-dev-001"))
    text = load_text(spec)

    def scores(test_on: bool):
        params = replace(SummaryParams(), english_only_test=test_on)
        units = align_sentences(text.zh, text.en, "summary", summary_params=params).units
        groups = [(u.zh_ids, u.en_ids) for u in units]
        return evaluate(groups, text.gold, len(text.zh), len(text.en))

    with_test, without = scores(True), scores(False)
    assert with_test.en_only.f1 > without.en_only.f1 + 0.05
    assert with_test.links.f1 >= without.links.f1
