"""Which language a stretch of a page is in, and where a line changes language.

A line's language is its script's, Chinese characters weighing as several Latin letters,
counting only what stands outside brackets: in "International Speech Maker (国际演讲高手)"
or "a quantum leap***巨大突破***" the Chinese is a gloss of the English around it. A line
that holds sentences of both languages ("Chinese title English title", a Chinese
sentence glued before an English paragraph, sentence-by-sentence bilingual paragraphs)
is cut where the script changes outside brackets, when each run holds enough text of its
language to stand alone; a few words of the other script (a name, an acronym) stay with
their sentence.
"""

from __future__ import annotations

import re

__all__ = [
    "HAN",
    "MIN_RUN_HAN",
    "MIN_RUN_WORDS",
    "language_runs",
    "script_counts",
    "text_lang",
    "unbracketed",
]

HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002fa1f]")
_LATIN = re.compile(r"[A-Za-z\u00c0-\u024f]")
HAN_WEIGHT = 4  # one Chinese character carries about as much as four Latin letters
MIN_RUN_HAN = 5  # a Chinese run of a mixed line holds at least this many characters
MIN_RUN_WORDS = 4  # and an English run at least this many words

_OPENING = "(（[【《〈「『“<"
_CLOSING = ")）]】》〉」』”>"
_GLOSS_MARK = "***"  # a gloss set off by *** on both sides (leap***巨大突破*** in)


def script_counts(text: str) -> tuple[int, int]:
    """Chinese characters and Latin letters in `text`."""
    return len(HAN.findall(text)), len(_LATIN.findall(text))


_BRACKET_OR_GLOSS = re.compile(
    "|".join([re.escape(_GLOSS_MARK), f"[{re.escape(_OPENING + _CLOSING)}]"])
)


def _depths(text: str) -> list[int]:
    """The bracket depth at each character (a bracket itself counts as inside); only the
    brackets and gloss marks are visited, the stretches between them filled at once."""
    depths: list[int] = []
    depth, gloss, at = 0, False, 0
    for mark in _BRACKET_OR_GLOSS.finditer(text):
        start = mark.start()
        depths += [depth + gloss] * (start - at)
        token = mark.group()
        if token == _GLOSS_MARK:
            gloss = not gloss
            depths += [depth + 1] * len(token)
        elif token in _OPENING:
            depth += 1
            depths.append(depth + gloss)
        else:  # a closing bracket
            depths.append(depth + gloss)
            depth = max(depth - 1, 0)
        at = mark.end()
    depths += [depth + gloss] * (len(text) - at)
    return depths


def unbracketed(text: str) -> str:
    """`text` without what stands inside brackets (or between *** gloss marks)."""
    return "".join(char for char, depth in zip(text, _depths(text)) if depth == 0)


def text_lang(text: str) -> str | None:
    """'zh', 'en', or None when the text has no letters: by weighted share of script,
    outside brackets where any letter stands there."""
    outside = unbracketed(text)
    han, latin = script_counts(outside)
    if han == 0 and latin == 0:
        han, latin = script_counts(text)
    if han == 0 and latin == 0:
        return None
    return "zh" if han * HAN_WEIGHT >= latin else "en"


def _substantial(lang: str, text: str) -> bool:
    han, _ = script_counts(text)
    return han >= MIN_RUN_HAN if lang == "zh" else len(text.split()) >= MIN_RUN_WORDS


def _script_of(char: str) -> str | None:
    if HAN.match(char):
        return "zh"
    if _LATIN.match(char):
        return "en"
    return None


def _script_runs(line: str) -> list[list[str]]:
    """[lang, text] runs cut where a letter of the other script follows at depth 0; what
    stands between two letters of different scripts goes with the later run, except a
    sentence end and what closes it, which stay with the earlier one."""
    depths = _depths(line)
    runs: list[list[str]] = []
    current: str | None = None
    start = last_letter = 0
    for k, char in enumerate(line):
        script = _script_of(char)
        if script is None or depths[k]:
            continue
        if current is not None and script != current:
            cut = _cut_after(line, last_letter + 1, k)
            runs.append([current, line[start:cut]])
            start = cut
        current, last_letter = script, k
    runs.append([current or "", line[start:]])
    return runs


_SENTENCE_CLOSE = re.compile(r"\S*?[.!?。！？…]+[”’\"'」』)）]*")
_CLOSING_MARKS = re.compile(r"[)）\]】》〉」』”’\"',，.;；:：!?！？]*")


def _cut_after(line: str, gap_start: int, next_letter: int) -> int:
    """Where to cut between a letter at gap_start - 1 and the next letter, of the other
    script: after a sentence end in the gap; else after the gap's last space, so that what
    is written against the next letter (2011年, “, a date before a title) goes with it and
    what follows a word after a space (in 2011) stays; with no space, after the marks
    that close the earlier run."""
    gap = line[gap_start:next_letter]
    end = _SENTENCE_CLOSE.match(gap)
    if end and end.group().strip():
        return gap_start + end.end()
    spaces = [k for k, char in enumerate(gap) if char.isspace()]
    if spaces:
        return gap_start + spaces[-1] + 1
    return gap_start + _CLOSING_MARKS.match(gap).end()


def _joined(runs: list[list[str]]) -> list[list[str]]:
    """Neighbouring runs of one language as one run."""
    joined: list[list[str]] = []
    for lang, text in runs:
        if joined and joined[-1][0] == lang:
            joined[-1][1] += text
        else:
            joined.append([lang, text])
    return joined


def language_runs(line: str) -> list[tuple[str, str]]:
    """(lang, text) runs of a line: one run of its language, or the runs of both
    languages it holds when each is substantial (runs too short to stand alone join
    their neighbours first)."""
    whole = text_lang(line)
    if whole is None:
        return []
    merged: list[list[str]] = []
    for lang, text in _script_runs(line):
        if not text.strip():
            continue
        if merged and not lang:  # no letters: it goes with the run before it
            merged[-1][1] += text
        else:
            merged.append([lang or whole, text])
    merged = _joined(merged)
    while len(merged) > 1:  # fold in the first run that cannot stand alone, and again
        weak = next((k for k, (lang, text) in enumerate(merged) if not _substantial(lang, text)),
                    None)  # fmt: skip
        if weak is None:
            break
        if weak > 0:
            merged[weak - 1][1] += merged[weak][1]
        else:
            merged[1][1] = merged[0][1] + merged[1][1]
        del merged[weak]
        merged = _joined(merged)
    if len(merged) < 2:
        return [(whole, line)]
    return [(lang, text.strip()) for lang, text in merged]
