"""Clauses a translator reordered: nearby one-to-one groups whose crossing pairs fit better.

The translation search is monotonic, so where a translator moved a clause or a line
(subtitle-like layouts, a clause per line, reordered inside a block), it pairs each
with the wrong neighbour at chance level. Two one-to-one groups close to each other are
crossed (Chinese a with English d, c with b) when the crossing pairs' margins beat the
path's by a clear gain and they share at least as many distinctive figures and names.
Literary and non-literary translations almost never meet that (BENCHMARKS.md).
"""

from __future__ import annotations

from collections.abc import Callable

from ..records import Group

__all__ = ["uncross"]


def uncross(
    groups: list[Group],
    scores: list[float],
    margin: Callable[[int, int], float],
    shared: Callable[[int, int], int],
    reach: int,
    gain: float,
) -> tuple[list[Group], list[float]]:
    """The groups and their scores with crossing pairs put in place of the path's, where
    two one-to-one groups lie within `reach` sentences of each other on both sides."""
    groups = [(list(zh), list(en)) for zh, en in groups]
    scores = list(scores)
    ones = [k for k, (zh, en) in enumerate(groups) if len(zh) == 1 and len(en) == 1]
    crossed: set[int] = set()
    for x, first in enumerate(ones):
        if first in crossed:
            continue
        (a,), (b,) = groups[first]
        for second in ones[x + 1 :]:
            (c,), (d,) = groups[second]
            if c - a > reach:
                break
            if second in crossed or d - b > reach or d < b:
                continue
            across, along = margin(a, d) + margin(c, b), margin(a, b) + margin(c, d)
            if across <= along + gain:
                continue
            if shared(a, d) + shared(c, b) < shared(a, b) + shared(c, d):
                continue
            groups[first], groups[second] = ([a], [d]), ([c], [b])
            scores[first], scores[second] = margin(a, d), margin(c, b)
            crossed.update((first, second))
            break
    return groups, scores
