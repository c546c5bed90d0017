"""Leave-one-corpus-out check of the aligner's tuned parameters.

For each corpus, pick the parameters that score best on the *other* corpora from a
small grid, then score the held-out corpus with them. If the held-out score is close
to the score with the shipped defaults, the defaults are not fitted to one corpus.

Translation: mac-dev (6 chapters), aca, mag; the grid moves the skip penalty, scales all
group-shape penalties and moves the weights of clause edges and of word crossings
(`TranslationParams.word_crossing_weight`). Summary: summary-dev grouped
by origin (mac-dev-*, aca-001, mag-003); the grid moves the weight of the dictionary-word
signature (`align.text.lexicon`), the link threshold, the price of far forward jumps and the
price of neighbour runs.

    .venv/bin/python benchmarks/loco.py [--bench ../shared/bench] [--markdown FILE]
        [--part translation|summary|both]
"""

from __future__ import annotations

import argparse
import itertools
from dataclasses import replace
from pathlib import Path

from align.bench.evaluate import evaluate
from align.bench.texts import discover_texts, load_text
from align.config import Direction, Groups, SummaryParams, TranslationParams, default_cache_dir
from align.embed.cache import CachedEncoder
from align.embed.encoders import get_encoder
from align.embed.features import decide_groups, summary_features, translation_features
from align.pipeline import summary_units, translation_units
from align.records import NO_LAYOUT
from align.text.lexicon import WEIGHT, Lexicon
from align.text.shared import shared_counter

ROOT = Path(__file__).resolve().parents[1]
TRANSLATION_CORPORA = ("mac-dev", "aca", "mag")


def translation_grid() -> list[tuple[str, TranslationParams]]:
    base = TranslationParams()
    grid = []
    values = (0.12, 0.2, 0.3), (0.6, 1.0, 1.4), (0.15, 0.3, 0.45), (0.0, 0.3, 0.5)
    for skip, scale, edge, words in itertools.product(*values):
        shapes = {shape: price * scale for shape, price in base.shape_penalty.items()}
        label = f"skip {skip}, shapes x{scale}, edges {edge}, word crossings {words}"
        params = replace(
            base, skip_penalty=skip, shape_penalty=shapes, edge_weight=edge,
            word_crossing_weight=words,
        )
        grid.append((label, params))
    return grid


LEXICON_WEIGHTS = (0.0, 0.6, WEIGHT, 1.0)


def summary_grid() -> list[tuple[str, tuple[float, SummaryParams]]]:
    """(label, (dictionary-word weight, parameters)) for each point of the grid."""
    base = SummaryParams()
    return [
        (
            f"words {weight}, link {link}, far {far}, run {gain}",
            (weight, replace(base, link_threshold=link, far_penalty=far, window_gain=gain)),
        )
        for weight, link, far, gain in itertools.product(
            LEXICON_WEIGHTS, (-0.04, -0.02, 0.0, 0.03), (0.05, 0.1, 0.2), (0.05, 0.08)
        )
    ]


def pooled(evaluations):
    total = evaluations[0]
    for other in evaluations[1:]:
        total = total + other
    return total


def grid_scores(corpus_inputs, grid, units_of, measure):
    """scores[corpus][label] = measure(pooled evaluation) of that corpus under those parameters.

    `units_of(inputs, params)` aligns one text from its precomputed inputs.
    """
    scores = {}
    for corpus, items in corpus_inputs.items():
        scores[corpus] = {}
        for label, params in grid:
            evaluations = []
            for text, inputs in items:
                units = units_of(inputs, params)
                groups = [(u.zh_ids, u.en_ids) for u in units]
                evaluations.append(evaluate(groups, text.gold, len(text.zh), len(text.en)))
            scores[corpus][label] = measure(pooled(evaluations))
    return scores


def held_out_table(scores, default_label, key=lambda value: value) -> list[str]:
    rows = []
    for corpus in scores:
        others = [c for c in scores if c != corpus]
        labels = list(scores[corpus])
        chosen = max(labels, key=lambda label: sum(key(scores[c][label]) for c in others))
        rows.append((corpus, chosen, scores[corpus][chosen], scores[corpus][default_label]))
    return rows


def fmt(value) -> str:
    if isinstance(value, tuple):
        return " / ".join(f"{v:.3f}" for v in value)
    return f"{value:.3f}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--bench", type=Path, default=ROOT.parent / "shared" / "bench")
    parser.add_argument("--markdown", type=Path, help="also write the tables here")
    parser.add_argument("--part", choices=("translation", "summary", "both"), default="both")
    args = parser.parse_args()
    encoder = CachedEncoder(get_encoder(), default_cache_dir())
    lines = []
    if args.part in ("translation", "both"):
        lines += translation_table(args.bench, encoder)
    if args.part in ("summary", "both"):
        lines += summary_table(args.bench, encoder)
    text = "\n".join(lines) + "\n"
    print(text)
    if args.markdown:
        args.markdown.write_text(text, encoding="utf-8")


def translation_table(bench: Path, encoder) -> list[str]:
    corpus_inputs = {}
    for corpus in TRANSLATION_CORPORA:
        texts = [load_text(spec) for spec in discover_texts(bench / corpus)]
        corpus_inputs[corpus] = [
            (t, (translation_features(
                t.zh, t.en, encoder, decide_groups(Groups.AUTO, t.zh, t.en, encoder), False
            )[0], shared_counter(t.zh, t.en)))
            for t in texts
        ]
    t_grid = translation_grid()
    t_default = t_grid[[p for _, p in t_grid].index(TranslationParams())][0]
    t_scores = grid_scores(
        corpus_inputs, t_grid, lambda data, p: translation_units(data[0], p, data[1])[0],
        lambda total: total.strict.f1,
    )
    t_rows = held_out_table(t_scores, t_default)
    return [
        "| held-out corpus | chosen on the others | held-out strict F1 | with defaults |",
        "|---|---|---|---|",
        *[f"| {c} | {label} | {fmt(v)} | {fmt(d)} |" for c, label, v, d in t_rows],
        "",
    ]


def summary_table(bench: Path, encoder) -> list[str]:
    summary_inputs: dict[str, list] = {}
    for spec in discover_texts(bench / "summary-dev"):
        text = load_text(spec)
        origin = spec.name.split("/")[-1].rsplit("-", 1)[0]
        lexicon = Lexicon.fit(text.zh, text.en)
        vectors = {
            weight: summary_features(
                text.zh, text.en, encoder, Groups.ACCURATE, Direction.ZH_TO_EN,
                NO_LAYOUT, False, replace(lexicon, weight=weight),
            )[0]
            for weight in LEXICON_WEIGHTS
        }
        summary_inputs.setdefault(origin, []).append((text, vectors))
    s_grid = summary_grid()
    s_default = s_grid[[p for _, p in s_grid].index((WEIGHT, SummaryParams()))][0]

    def units_of(vectors, point):
        weight, params = point
        return summary_units(vectors[weight], params)[0]

    s_scores = grid_scores(
        summary_inputs, s_grid, units_of,
        lambda total: (total.links.f1, total.omissions.f1, total.en_only.f1),
    )
    s_rows = held_out_table(s_scores, s_default, key=sum)
    return [
        "| held-out summaries | chosen on the others | held-out link / omission / "
        "English-only F1 | with defaults |",
        "|---|---|---|---|",
        *[f"| {c} | {label} | {fmt(v)} | {fmt(d)} |" for c, label, v, d in s_rows],
    ]


if __name__ == "__main__":
    main()
