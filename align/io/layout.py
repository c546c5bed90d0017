"""Hard-wrapped text (plain-text e-books, e-mail) joined back into its paragraphs.

The splitter never joins lines, so that a heading stays a sentence of its own; but in
a file wrapped at a fixed width every line break inside a paragraph would cut a
sentence in two. A file is taken as hard-wrapped when most lines that
run on into the next one stop short of a sentence end, and their lengths sit near
one width; then the lines of each paragraph (blank-line separated) are joined.
"""

from __future__ import annotations

from statistics import median

__all__ = [
    "is_hard_wrapped",
    "unwrap",
]

# what a line that ends a paragraph or a sentence ends with
_FINAL = {"en": ".!?:;\"'”’)]…", "zh": "。！？：；”’」』）】…"}
MIN_RUN_ON_LINES = 10  # fewer say nothing about the file
OPEN_SHARE = 0.5  # of run-on lines that stop short of a sentence end
EVEN_SHARE = 0.6  # of run-on lines within 20 % of their median length
MIN_WIDTH = {"en": 30, "zh": 12}  # a wrap narrower than this is verse, not prose


def is_hard_wrapped(lines: list[str], lang: str) -> bool:
    run_on = [
        line.rstrip()
        for line, following in zip(lines, lines[1:])
        if line.strip() and following.strip()
    ]
    if len(run_on) < MIN_RUN_ON_LINES:
        return False
    open_ended = sum(1 for line in run_on if line[-1] not in _FINAL[lang])
    width = median(len(line) for line in run_on)
    even = sum(1 for line in run_on if abs(len(line) - width) <= 0.2 * width)
    return (
        open_ended >= OPEN_SHARE * len(run_on)
        and even >= EVEN_SHARE * len(run_on)
        and width >= MIN_WIDTH[lang]
    )


def unwrap(lines: list[str], lang: str) -> list[str]:
    """Each paragraph on one line, if the file is hard-wrapped; else the lines as given."""
    if not is_hard_wrapped(lines, lang):
        return lines
    paragraphs: list[str] = []
    current = ""
    for line in lines + [""]:
        line = line.strip()
        if line:
            current = _join(current, line, lang)
        elif current:
            paragraphs.append(current)
            current = ""
    return paragraphs


def _join(text: str, line: str, lang: str) -> str:
    """Chinese lines join as they are; English ones with a space, except after a hyphen
    that a wrap left at a line's end (mother-\nin-law)."""
    if not text or lang == "zh" or (text.endswith("-") and text[-2:-1].isalpha()):
        return text + line
    return text + " " + line
