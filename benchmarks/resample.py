"""A second sample of synthetic summaries, to see whether a change generalises.

summary-dev and summary-dev-fused were each made once, with one seed per text and one
distractor file per text; a feature tuned on them can fit those draws. This script draws
again with `make_summary.py` (the bench's own generator, same settings): new seeds, other
distractor files, and besides the dev sources some stretches of Bible 006 (a genre no dev
set holds), cut at gold group boundaries. The result is a bench folder like summary-dev
(and, with --fused, like summary-dev-fused, with spans.json for `score_spans.py`).

    .venv/bin/python benchmarks/resample.py /tmp/summary-check
    .venv/bin/python benchmarks/resample.py /tmp/summary-check-fused --fused
    .venv/bin/align bench /tmp/summary-check
"""

from __future__ import annotations

import argparse
import ast
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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path, help="the bench folder to write")
    parser.add_argument("--fused", action="store_true", help="fuse and add (part-level gold)")
    args = parser.parse_args()
    extra = ["--fuse", "0.4", "--add", "0.15"] if args.fused else []
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
        for number, (name, src, tgt, gold, side, distractor) in enumerate(jobs):
            command = [
                sys.executable, str(BENCH / "make_summary.py"), str(src), str(tgt), str(gold),
                str(args.out / name), "--zh-side", side, "--distractor-file", str(distractor),
                "--seed", str(SEED_BASE + number + (50 if args.fused else 0)), *extra,
            ]  # fmt: skip
            subprocess.run(command, check=True, stdout=subprocess.DEVNULL)
    print(f"{len(jobs)} texts -> {args.out}")


if __name__ == "__main__":
    main()
