"""How well the sentence splitter agrees with people: boundaries against the benchmarks.

The benchmark texts come one sentence per line, split by their annotators. Joined back
into paragraphs (Chinese: 4 lines with nothing between them; English: 6 lines with a
space), they are split again by `align.text.sentences`, and every boundary the splitter puts
inside a paragraph is checked against the annotators' ones: precision, recall and F1
per language, and the commonest misses and false splits by the character before them.

    .venv/bin/python benchmarks/splitting.py [--bench ../shared/bench] [--examples N]
"""

from __future__ import annotations

import argparse
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from align.text.sentences import split_en, split_zh

ROOT = Path(__file__).resolve().parents[1]
# (language, files of one sentence per line, paragraph size, joiner, splitter)
SIDES: dict[str, tuple[list[str], int, str, Callable[[str], list[str]]]] = {
    "zh": (["mac-dev/src/*", "aca/tgt/*", "mag/tgt/*"], 4, "", split_zh),
    "en": (["mac-dev/tgt/*", "aca/src/*", "mag/src/*"], 6, " ", split_en),
}


@dataclass
class Agreement:
    found: int = 0  # boundaries both put
    false: Counter[str] = field(default_factory=Counter)  # splitter only, by char before
    missed: Counter[str] = field(default_factory=Counter)  # people only, by char before
    examples: dict[str, list[str]] = field(default_factory=dict)

    def line(self, lang: str) -> str:
        false, missed = sum(self.false.values()), sum(self.missed.values())
        precision = self.found / max(self.found + false, 1)
        recall = self.found / max(self.found + missed, 1)
        f1 = 2 * precision * recall / max(precision + recall, 1e-12)
        return (
            f"{lang}: precision {precision:.4f}, recall {recall:.4f}, F1 {f1:.4f} "
            f"({self.found} found, {false} false, {missed} missed)"
        )


def _ends(sentences: list[str]) -> set[int]:
    """Offsets (white space left out) where each sentence but the last ends."""
    ends, offset = set(), 0
    for sentence in sentences[:-1]:
        offset += len("".join(sentence.split()))
        ends.add(offset)
    return ends


def agreement(
    lines: list[str], size: int, joiner: str, split: Callable[[str], list[str]]
) -> Agreement:
    result = Agreement()
    for first in range(0, len(lines), size):
        paragraph = lines[first : first + size]
        text = "".join("".join(line.split()) for line in paragraph)
        people, splitter = _ends(paragraph), _ends(split(joiner.join(paragraph)))
        result.found += len(people & splitter)
        for kind, offsets in (("false", splitter - people), ("missed", people - splitter)):
            for offset in sorted(offsets):
                before = text[offset - 1 : offset]
                getattr(result, kind)[before] += 1
                context = f"{text[max(0, offset - 20) : offset]} | {text[offset : offset + 10]}"
                result.examples.setdefault(before, []).append(f"{kind}: ...{context}")
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bench", type=Path, default=ROOT.parent / "shared" / "bench")
    parser.add_argument("--examples", type=int, default=0, help="show N examples per kind")
    args = parser.parse_args()
    for lang, (patterns, size, joiner, split) in SIDES.items():
        total = Agreement()
        for pattern in patterns:
            for path in sorted(args.bench.glob(pattern)):
                lines = [" ".join(line.split()) for line in path.read_text("utf-8").splitlines()]
                part = agreement([line for line in lines if line], size, joiner, split)
                total.found += part.found
                total.false.update(part.false)
                total.missed.update(part.missed)
                for key, examples in part.examples.items():
                    total.examples.setdefault(key, []).extend(examples)
        print(total.line(lang))
        print(f"  false splits after: {total.false.most_common(6)}")
        print(f"  missed after: {total.missed.most_common(6)}")
        if args.examples:
            for key, _ in (total.false + total.missed).most_common(4):
                for example in total.examples[key][: args.examples]:
                    print("   ", example)


if __name__ == "__main__":
    main()
