"""The opening and closing clauses of each sentence, where a group of sentences must begin and end.

Whole-sentence similarity cannot tell where one group ends and the next begins when
a translator splits or joins sentences: "Trinket was furious." matches the long
Chinese sentence that opens with 韦小宝大怒 about as well as the one before it. The
first English sentence of a group should match the opening clauses of the group's
first Chinese sentence, and its last English sentence the closing clauses of its
last Chinese sentence (and the same the other way round). The translation search
adds these edge similarities to each group's score, and prices a group boundary
whose closing clauses before it match the opening ones after it on the other side
better than their own (a clause the translator moved over the boundary).
"""

from __future__ import annotations

import re

__all__ = [
    "EDGE_FRACTION",
    "edge_spans",
    "sentence_edges",
]

# A clause ends at a comma, enumeration comma, semicolon or colon, and at a question or
# exclamation mark inside a sentence, after the quotation it may close ("Thank you!"
# says Bezos. / “不降！”他说。).
_CLAUSE_END = {
    "zh": re.compile(r"(?<=[，、；：,;:])|(?<=[！？!?][”’」』])|(?<=[！？!?])(?![”’」』])"),
    "en": re.compile(r"(?<=[,;:!?])\s+|(?<=[!?]['\"’”])\s+"),
}
EDGE_FRACTION = 1 / 3  # an edge holds whole clauses up to at least this share of the sentence


Span = tuple[int, int]  # (start, end) characters of a text, end exclusive


def edge_spans(
    texts: list[str], lang: str, fraction: float = EDGE_FRACTION
) -> list[tuple[Span, Span]]:
    """(head, tail) of each text: the spans of its first and its last clauses, each at
    least `fraction` of its clauses' characters. A text of one clause is its own head and
    tail."""
    edges = []
    for text in texts:
        clauses = _clauses(text, lang)
        whole = (0, len(text))
        head, tail = _leading(clauses, fraction), _leading(clauses[::-1], fraction)
        edges.append((head or whole, tail or whole))
    return edges


def sentence_edges(
    texts: list[str], lang: str, fraction: float = EDGE_FRACTION
) -> tuple[list[str], list[str]]:
    """(heads, tails): the texts of `edge_spans`."""
    edges = edge_spans(texts, lang, fraction)
    heads = [text[a:b] for text, ((a, b), _) in zip(texts, edges)]
    tails = [text[a:b] for text, (_, (a, b)) in zip(texts, edges)]
    return heads, tails


def _clauses(text: str, lang: str) -> list[Span]:
    """The spans of the text's clauses that are not blank, in order."""
    spans, start = [], 0
    for mark in _CLAUSE_END[lang].finditer(text):
        spans.append((start, mark.start()))
        start = mark.end()
    spans.append((start, len(text)))
    return [(a, b) for a, b in spans if text[a:b].strip()]


def _leading(clauses: list[Span], fraction: float) -> Span | None:
    """The span of the clauses from the start of the list until they reach `fraction` of
    their length (the list may run backwards); None for a single clause."""
    if len(clauses) <= 1:
        return None
    needed = fraction * sum(b - a for a, b in clauses)
    taken, count = clauses[0][1] - clauses[0][0], 1
    while taken < needed:
        taken += clauses[count][1] - clauses[count][0]
        count += 1
    first, last = clauses[0], clauses[count - 1]
    return (min(first[0], last[0]), max(first[1], last[1]))
