"""Row order of the output: the Chinese article in reading order, English-only rows in place."""

from __future__ import annotations

from align.io.outputs import reading_order
from align.records import Unit


def test_english_only_rows_follow_their_predecessor():
    units = [
        Unit([3], [5], 0.2), Unit([], [6], 0.0), Unit([0], [0], 0.3), Unit([], [2], 0.0),
        Unit([1], [], 0.0), Unit([2], [3], 0.1), Unit([], [1], 0.0), Unit([], [4], 0.0),
    ]
    order = [(u.zh_ids, u.en_ids) for u in reading_order(units)]
    assert order == [
        ([0], [0]), ([], [1]), ([], [2]), ([1], []), ([2], [3]), ([], [4]), ([3], [5]),
        ([], [6]),
    ]


def test_summary_units_sharing_english_and_a_leading_english_only_row():
    units = [Unit([1], [1], 0.2), Unit([], [2], 0.0), Unit([0], [1], 0.3), Unit([], [0], 0.0)]
    order = [(u.zh_ids, u.en_ids) for u in reading_order(units)]
    # en 2 follows the last row holding en 1; en 0 has no predecessor and leads
    assert order == [([], [0]), ([0], [1]), ([1], [1]), ([], [2])]
