"""What the part-of-sentence coverage adds to a run: `align_sentences` with and without
it on every text of a bench, in one warm process, the two taken in turns (off-on, then
on-off) so that a change in the machine's load falls on both alike. BENCHMARKS.md
("Coverage") quotes it.

    .venv/bin/python benchmarks/coverage_cost.py                 # summary-dev-fused, mac-dev
    .venv/bin/python benchmarks/coverage_cost.py --rounds 4
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

from align.bench.texts import discover_texts, load_text
from align.embed.encoders import get_encoder
from align.pipeline import align_sentences

BENCH = Path(__file__).resolve().parents[1].parent / "shared" / "bench"
BENCHES = (("summary-dev-fused", "summary"), ("mac-dev", "translation"))


def cost(bench: Path, mode: str, rounds: int, encoder) -> dict:
    """Seconds with coverage off and on, summed over the texts and rounds."""
    texts = [load_text(spec) for spec in discover_texts(bench)]
    seconds = {False: 0.0, True: 0.0}
    for round_ in range(rounds):
        order = (False, True) if round_ % 2 == 0 else (True, False)
        for text in texts:
            for coverage in order:
                start = time.perf_counter()
                align_sentences(text.zh, text.en, mode=mode, encoder=encoder, coverage=coverage)
                seconds[coverage] += time.perf_counter() - start
    return {
        "texts": len(texts), "rounds": rounds,
        "off_s": round(seconds[False], 2), "on_s": round(seconds[True], 2),
        "extra": round(seconds[True] / seconds[False] - 1, 3),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bench", type=Path, default=BENCH)
    parser.add_argument("--rounds", type=int, default=2)
    args = parser.parse_args()
    encoder = get_encoder("use")
    encoder.encode(["模型预热。", "Loading the model."])
    results = {
        name: {"mode": mode, **cost(args.bench / name, mode, args.rounds, encoder)}
        for name, mode in BENCHES
    }
    print(json.dumps(results, indent=1))


if __name__ == "__main__":
    main()
