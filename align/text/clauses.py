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
    "sentence_edges",
]

# A clause ends at a comma, enumeration comma, semicolon or colon, and at a question or
# exclamation mark inside a sentence, after the quotation it may close ("Thank you!"
# says Bezos. / “不降！”他说。).
_CLAUSE_END = {
    "zh": re.compile(r"(?<=[，、；：,;:])|(?<=[！？!?][”’」』])|(?<=[！？!?])(?![”’」』])"),
    "en": re.compile(r"(?<=[,;:!?])\s+|(?<=[!?]['\"’”])\s+"),
}
_JOINER = {"zh": "", "en": " "}
EDGE_FRACTION = 1 / 3  # an edge holds whole clauses up to at least this share of the sentence


def sentence_edges(
    texts: list[str], lang: str, fraction: float = EDGE_FRACTION
) -> tuple[list[str], list[str]]:
    """(heads, tails): the first and the last clauses of each text, each at least
    `fraction` of its characters. A text of one clause is its own head and tail."""
    heads, tails = [], []
    for text in texts:
        clauses = [clause for clause in _CLAUSE_END[lang].split(text) if clause.strip()]
        heads.append(_leading(clauses, fraction, lang) or text)
        tails.append(_leading(clauses[::-1], fraction, lang, reverse=True) or text)
    return heads, tails


def _leading(clauses: list[str], fraction: float, lang: str, reverse: bool = False) -> str:
    """Join clauses from the start of the list until they reach `fraction` of the length."""
    if len(clauses) <= 1:
        return ""
    needed = fraction * sum(len(clause) for clause in clauses)
    taken: list[str] = []
    for clause in clauses:
        taken.append(clause)
        if sum(len(part) for part in taken) >= needed:
            break
    if reverse:
        taken.reverse()
    return _JOINER[lang].join(taken)
