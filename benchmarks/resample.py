"""A second sample of synthetic summaries, to see whether a change generalises.

summary-dev and summary-dev-fused were each made once, with one seed per text and one
distractor file per text; a feature tuned on them can fit those draws. This script draws
again with `make_summary.py` (the bench's own generator, same settings): new seeds, other
distractor files, and besides the dev sources some stretches of Bible 006 (a genre no dev
set holds), cut at gold group boundaries. The result is a bench folder like summary-dev
(and, with --fused, like summary-dev-fused, with spans.json for `score_spans.py`).

With --reverse the roles turn: the English side stays whole and the summary lines are
Chinese (an English article with a shorter Chinese version, realpages' shape c), made by
the same generator with the two sides swapped (Chinese distractor lines from the other
side of each distractor text), then swapped back so that zh.txt is Chinese. make_summary
joins merged lines with a space; the Chinese lines lose it between Chinese characters.

    .venv/bin/python benchmarks/resample.py /tmp/summary-check
    .venv/bin/python benchmarks/resample.py /tmp/summary-check-fused --fused
    .venv/bin/python benchmarks/resample.py /tmp/summary-check-reverse --reverse
    .venv/bin/align bench /tmp/summary-check
"""

from __future__ import annotations

import argparse
import ast
import json
import re
import subprocess
import sys
import tempfile
from pathlib import Path

BENCH = Path(__file__).resolve().parents[2] / "shared" / "bench"
# (corpus, text, which side is Chinese, distractor English): other distractors than the dev
# sets' own
SOURCES = [
    ("mac-dev", "001", "src", "aca/src/001"),
    ("mac-dev", "002", "src", "mac-dev/tgt/005"),
    ("mac-dev", "003", "src", "mag/src/003"),
    ("mac-dev", "004", "src", "mac-dev/tgt/001"),
    ("mac-dev", "005", "src", "bible/src/001"),
    ("mac-dev", "006", "src", "mac-dev/tgt/003"),
    ("aca", "001", "tgt", "mac-dev/tgt/004"),
    ("mag", "003", "tgt", "bible/src/001"),
]
BIBLE_STRETCHES = ((2000, 250), (12000, 250), (24000, 250))  # (first gold group, groups)
SEED_BASE = 700
REVERSE_SEED_BASE = 900
# a space make_summary put between two Chinese sentences of a merged line
CHINESE_JOIN = re.compile(
    r"(?<=[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef”’])\s+(?=[\u4e00-\u9fff“‘（])"
)


def _read_gold(path: Path) -> list[tuple[list[int], list[int]]]:
    groups = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            left, right = line.split(":")
            groups.append((list(ast.literal_eval(left)), list(ast.literal_eval(right))))
    return groups


def _bible_stretch(first: int, count: int, into: Path) -> tuple[Path, Path, Path]:
    """Bible 006 gold groups first..first+count, their sentences renumbered from 0."""
    src = (BENCH / "bible/src/006").read_text(encoding="utf-8").splitlines()
    tgt = (BENCH / "bible/tgt/006").read_text(encoding="utf-8").splitlines()
    groups = _read_gold(BENCH / "bible/gold/006.align")[first : first + count]
    src_ids = [i for s, _ in groups for i in s]
    tgt_ids = [j for _, t in groups for j in t]
    src_at = {i: k for k, i in enumerate(src_ids)}
    tgt_at = {j: k for k, j in enumerate(tgt_ids)}
    paths = into / f"src-{first}", into / f"tgt-{first}", into / f"gold-{first}"
    paths[0].write_text("\n".join(src[i] for i in src_ids) + "\n", encoding="utf-8")
    paths[1].write_text("\n".join(tgt[j] for j in tgt_ids) + "\n", encoding="utf-8")
    paths[2].write_text(
        "".join(f"{[src_at[i] for i in s]}:{[tgt_at[j] for j in t]}\n" for s, t in groups),
        encoding="utf-8",
    )
    return paths


def _write_gold(path: Path, groups: list[tuple[list[int], list[int]]]) -> None:
    path.write_text("".join(f"{left}:{right}\n" for left, right in groups), encoding="utf-8")


def _other_side(path: Path) -> Path:
    """The same text's other language: src <-> tgt."""
    side = {"src": "tgt", "tgt": "src"}[path.parent.name]
    return path.parent.parent / side / path.name


def _reversed_job(job: tuple, scratch: Path) -> tuple:
    """make_summary's arguments with the English side as the whole one: the English file
    first, the gold's sides in that order, a Chinese distractor."""
    name, src, tgt, gold, side, distractor = job
    english, chinese = (tgt, src) if side == "src" else (src, tgt)
    groups = _read_gold(gold)
    if side == "src":  # the gold reads [Chinese]:[English]
        groups = [(right, left) for left, right in groups]
    swapped = scratch / f"gold-{name}"
    _write_gold(swapped, groups)
    return name, english, chinese, swapped, "src", _other_side(distractor)


def _turn_back(folder: Path) -> None:
    """A reversed summary's files named by their language again: zh.txt the Chinese lines,
    en.txt the English article, gold.align [Chinese line]:[English ids]."""
    english = (folder / "zh.txt").read_text(encoding="utf-8")
    chinese = (folder / "en.txt").read_text(encoding="utf-8").splitlines()
    (folder / "en.txt").write_text(english, encoding="utf-8")
    lines = [CHINESE_JOIN.sub("", line) for line in chinese]
    (folder / "zh.txt").write_text("".join(line + "\n" for line in lines), encoding="utf-8")
    groups = _read_gold(folder / "gold.align")
    _write_gold(folder / "gold.align", [(right, left) for left, right in groups])
    meta = json.loads((folder / "meta.json").read_text(encoding="utf-8"))
    meta["reversed"] = "English article, Chinese summary: zh.txt and en.txt swapped back"
    (folder / "meta.json").write_text(json.dumps(meta, indent=1), encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path, help="the bench folder to write")
    parser.add_argument("--fused", action="store_true", help="fuse and add (part-level gold)")
    parser.add_argument(
        "--reverse", action="store_true", help="an English article and Chinese summary lines"
    )
    args = parser.parse_args()
    if args.fused and args.reverse:
        parser.error("--reverse makes plain summaries only (the part gold is Chinese-side)")
    extra = ["--fuse", "0.4", "--add", "0.15"] if args.fused else []
    seed_base = REVERSE_SEED_BASE if args.reverse else SEED_BASE + (50 if args.fused else 0)
    with tempfile.TemporaryDirectory() as scratch:
        jobs = [
            (
                f"{corpus}-{text}", BENCH / corpus / "src" / text, BENCH / corpus / "tgt" / text,
                BENCH / corpus / "gold" / f"{text}.align", side, BENCH / distractor,
            )
            for corpus, text, side, distractor in SOURCES
        ]
        for first, count in BIBLE_STRETCHES:
            src, tgt, gold = _bible_stretch(first, count, Path(scratch))
            jobs.append((f"bible-{first}", src, tgt, gold, "tgt", BENCH / "mag/src/003"))
        if args.reverse:
            jobs = [_reversed_job(job, Path(scratch)) for job in jobs]
        for number, (name, src, tgt, gold, side, distractor) in enumerate(jobs):
            command = [
                sys.executable, str(BENCH / "make_summary.py"), str(src), str(tgt), str(gold),
                str(args.out / name), "--zh-side", side, "--distractor-file", str(distractor),
                "--seed", str(seed_base + number), *extra,
            ]  # fmt: skip
            subprocess.run(command, check=True, stdout=subprocess.DEVNULL)
            if args.reverse:
                _turn_back(args.out / name)
    print(f"{len(jobs)} texts -> {args.out}")


if __name__ == "__main__":
    main()
