"""Fit the weights of the English-only test (`align.core.english_only`) and check them.

Training data are synthetic summaries made by the bench's `make_summary.py` from the
same sources and settings as each summary-dev text (its meta.json) but with other
seeds, so summary-dev itself stays held out. Each is aligned with the test off; the
test's features of every English line are fitted to the gold "has no source" label
by logistic regression (scikit-learn, standardised features). The script prints the
weights in the units `EnglishOnlyWeights` takes, summary-dev scored with the shipped
weights, the fitted ones and none, and a genre check: weights fitted on the
non-literary summaries only scoring the literary ones of summary-dev, and the reverse.
`--check-seeds` scores one more held-out set made with those seeds.

    .venv/bin/python benchmarks/fit_english_only.py [--bench ../shared/bench]
        [--seeds 101 102 103] [--check-seeds 201 202]
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np

from align.bench.evaluate import evaluate
from align.bench.texts import LoadedText, discover_texts, load_text
from align.config import (
    Direction,
    EnglishOnlyWeights,
    Groups,
    SummaryParams,
    default_cache_dir,
)
from align.core.english_only import line_features, revise_links
from align.core.summary import align_summary
from align.embed.cache import CachedEncoder
from align.embed.encoders import get_encoder
from align.embed.features import summary_features
from align.records import NO_LAYOUT

ROOT = Path(__file__).resolve().parents[1]
FEATURES = ("linked", "relative_margin", "position", "log_length")


@dataclass
class FirstPass:
    """A summary text aligned with the English-only test off."""

    text: LoadedText
    literary: bool
    zh_ids: list[list[int]]
    margins: np.ndarray
    en_lengths: np.ndarray

    def labels(self) -> np.ndarray:
        sourced = {j for zh_ids, en_ids in self.text.gold if zh_ids for j in en_ids}
        return np.array([j not in sourced for j in range(len(self.text.en))])

    def features(self) -> np.ndarray:
        return line_features(self.zh_ids, self.margins, self.en_lengths)


def make_summaries(bench: Path, out: Path, seeds: list[int]) -> list[Path]:
    """Summaries like summary-dev's, one per (summary-dev text, seed)."""
    folders = []
    for meta_path in sorted((bench / "summary-dev").glob("*/meta.json")):
        meta = json.loads(meta_path.read_text(encoding="utf-8"))
        for seed in seeds:
            folder = out / f"{meta_path.parent.name}-s{seed}"
            command = [
                sys.executable, str(bench / "make_summary.py"),
                meta["src"], meta["tgt"], meta["gold"], str(folder),
                "--zh-side", meta["zh_side"], "--keep", str(meta["keep"]),
                "--merge", str(meta["merge"]), "--swap", str(meta["swap"]),
                "--distract", str(meta["distract"]),
                "--distractor-file", meta["distractor_file"],
                "--seed", f"{seed}{meta['seed']}",
            ]
            subprocess.run(command, cwd=bench, check=True, capture_output=True)
            folders.append(folder)
    return folders


def first_pass(text: LoadedText, name: str, encoder) -> FirstPass:
    data, _ = summary_features(text.zh, text.en, encoder, Groups.ACCURATE,
                               Direction.ZH_TO_EN, NO_LAYOUT, False)
    links = align_summary(data, replace(SummaryParams(), english_only_test=False))
    return FirstPass(text, "mac-dev" in name, links.article_ids, links.margins, data.line_lengths)


def fit(passes: list[FirstPass]) -> EnglishOnlyWeights:
    from sklearn.linear_model import LogisticRegression

    features = np.vstack([p.features() for p in passes])
    labels = np.concatenate([p.labels() for p in passes])
    mean, scale = features.mean(axis=0), features.std(axis=0)
    model = LogisticRegression(C=1.0, max_iter=5000).fit((features - mean) / scale, labels)
    weights = model.coef_[0] / scale
    intercept = float(model.intercept_[0] - (weights * mean).sum())
    return EnglishOnlyWeights(*(round(float(w), 2) for w in weights), intercept=round(intercept, 2))


def score(passes: list[FirstPass], test: EnglishOnlyWeights | None) -> str:
    """Pooled link / omission / English-only F1 with the test applied (None: without)."""
    total = None
    for p in passes:
        zh_ids = p.zh_ids if test is None else revise_links(p.zh_ids, p.margins, p.en_lengths, test)
        used = {i for ids in zh_ids for i in ids}
        groups = [(ids, [j]) for j, ids in enumerate(zh_ids)]
        groups += [([i], []) for i in range(len(p.text.zh)) if i not in used]
        evaluation = evaluate(groups, p.text.gold, len(p.text.zh), len(p.text.en))
        total = evaluation if total is None else total + evaluation
    return f"{total.links.f1:.3f} / {total.omissions.f1:.3f} / {total.en_only.f1:.3f}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--bench", type=Path, default=ROOT.parent / "shared" / "bench")
    parser.add_argument("--seeds", type=int, nargs="+", default=[101, 102, 103])
    parser.add_argument("--check-seeds", type=int, nargs="*", default=[])
    args = parser.parse_args()
    bench = args.bench.resolve()
    encoder = CachedEncoder(get_encoder(), default_cache_dir())

    def passes_of(folder: Path) -> list[FirstPass]:
        specs = discover_texts(folder)
        return [first_pass(load_text(spec), spec.name, encoder) for spec in specs]

    def made_with(seeds: list[int]) -> list[FirstPass]:
        with tempfile.TemporaryDirectory() as tmp:
            make_summaries(bench, Path(tmp), seeds)
            return passes_of(Path(tmp))

    training = made_with(args.seeds)
    held_out = passes_of(bench / "summary-dev")
    fitted = fit(training)
    print("fitted on", len(training), "summaries (seeds", *args.seeds, "):", fitted)
    checks = [("summary-dev", held_out)]
    if args.check_seeds:
        seeds = " ".join(map(str, args.check_seeds))
        checks.append((f"seeds {seeds}", made_with(args.check_seeds)))
    for label, passes in checks:
        print(f"{label}: link / omission / English-only F1")
        for genre, chosen in (("all", passes), ("literary", [p for p in passes if p.literary])):
            print(
                f"  {genre}: without the test {score(chosen, None)}, shipped weights"
                f" {score(chosen, EnglishOnlyWeights())}, fitted {score(chosen, fitted)}"
            )
    print("genre check on summary-dev:")
    for genre, literary in (("literary", True), ("non-literary", False)):
        other = fit([p for p in training if p.literary != literary])
        chosen = [p for p in held_out if p.literary == literary]
        print(
            f"  {genre} held out: fitted on the other genre {score(chosen, other)},"
            f" on both {score(chosen, fitted)}, without {score(chosen, None)}"
        )


if __name__ == "__main__":
    main()
