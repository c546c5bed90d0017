"""How `align run` scales: the Bible pair 001 (11k sentences) and 006 (73k), end to end.

Each text is aligned once, in a fresh `python -m align run` process, from its text files
(zh.txt / en.txt in a temporary corpus folder, --presplit, translation mode) with a cold
embedding cache, so the time includes start-up, model load, embedding and writing the
output folder. Measured per text: wall seconds, CPU seconds, sentences per second, the
child's peak RSS, and strict F1 against the verse-level gold; then the scaling ratio
time(last) / time(first). A dated Markdown section is appended to BENCHMARKS.md.

    .venv/bin/python benchmarks/scale.py                 # 001 and 006, append to BENCHMARKS.md
    .venv/bin/python benchmarks/scale.py --texts 001 --no-write
    .venv/bin/python benchmarks/scale.py --profile prof/  # also write a cProfile per text
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:  # run as a script: the package lives beside this folder
    sys.path.insert(0, str(ROOT))

from align.bench.texts import discover_texts, load_text, score_prediction, select_texts  # noqa: E402
from align.io.alignfile import read_alignment  # noqa: E402

DEFAULT_BENCH = ROOT.parent / "shared" / "bench" / "bible"
TARGET_SECONDS = 120.0  # wall, for the largest text
TARGET_RSS_MIB = 3 * 1024  # peak RSS, for the largest text
TARGET_RATIO = 7.0  # time(largest) / time(smallest)


@dataclass
class Measurement:
    name: str
    n_zh: int
    n_en: int
    wall: float  # seconds, process start to exit
    pipeline: float  # seconds the pipeline itself reports (run.json)
    cpu: float  # user + system seconds of the child and its children
    rss_mib: float  # peak resident set size of the child
    strict_f1: float | None
    published_f1: float | None
    units: int

    @property
    def sentences(self) -> int:
        return self.n_zh + self.n_en

    @property
    def per_second(self) -> float:
        return self.sentences / self.wall


def run_child(command: list[str], log: Path, env: dict[str, str]) -> tuple[int, float, object]:
    """Run `command`, wait for it alone (wait4 gives this child's own rusage); wall seconds."""
    started = time.perf_counter()
    with open(log, "wb") as handle:
        child = subprocess.Popen(command, cwd=ROOT, env=env, stdout=handle, stderr=handle)
        _, status, usage = os.wait4(child.pid, 0)
    wall = time.perf_counter() - started
    child.returncode = os.waitstatus_to_exitcode(status)  # keep Popen from waiting again
    return child.returncode, wall, usage


def measure(
    spec, model: str, work: Path, profile_dir: Path | None, extra: list[str]
) -> Measurement:
    """Align one benchmark text through the CLI in a fresh process with a cold cache."""
    text = load_text(spec)
    name = spec.name.rsplit("/", 1)[-1]
    corpus = work / name / "corpus"
    corpus.mkdir(parents=True)
    (corpus / "zh.txt").write_text("\n".join(text.zh) + "\n", encoding="utf-8")
    (corpus / "en.txt").write_text("\n".join(text.en) + "\n", encoding="utf-8")
    out, cache, log = work / name / "out", work / name / "cache", work / name / "log.txt"
    env = {**os.environ, "ALIGN_CACHE_DIR": str(cache), "HF_HUB_OFFLINE": "1"}
    python = [sys.executable]
    if profile_dir is not None:
        profile_dir.mkdir(parents=True, exist_ok=True)
        python += ["-m", "cProfile", "-o", str(profile_dir / f"{name}.prof")]
    command = [*python, "-m", "align", "run", str(corpus), "--out", str(out), "--presplit",
               "--mode", "translation", "--model", model, "--no-progress", *extra]
    code, wall, usage = run_child(command, log, env)
    if code != 0:
        tail = log.read_text(encoding="utf-8", errors="replace")[-2000:]
        raise SystemExit(f"scale: align run failed on {spec.name} (exit {code}):\n{tail}")
    facts = json.loads((out / "run.json").read_text(encoding="utf-8"))
    evaluation = score_prediction(text, read_alignment(out / "alignment.align"))
    return Measurement(
        name=spec.name,
        n_zh=len(text.zh),
        n_en=len(text.en),
        wall=wall,
        pipeline=float(facts["seconds"]),
        cpu=usage.ru_utime + usage.ru_stime,
        rss_mib=usage.ru_maxrss / 1024,  # KiB on Linux
        strict_f1=evaluation.strict.f1,
        published_f1=evaluation.published.f1,
        units=int(facts["units"]),
    )


def _git(*args: str) -> str:
    try:
        done = subprocess.run(["git", *args], cwd=ROOT, capture_output=True, text=True,
                              check=True)
    except (OSError, subprocess.CalledProcessError):
        return ""
    return done.stdout.strip()


def code_version() -> str:
    """The commit the children run, marked when the package has uncommitted changes."""
    commit = _git("rev-parse", "--short", "HEAD") or "unknown"
    return commit + (" + uncommitted changes in align/" if _git("status", "--porcelain", "align")
                     else "")


def _f1(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.3f}"


def format_section(
    results: list[Measurement], model: str, loads: list[tuple], extra: list[str], version: str
) -> str:
    """A Markdown section: machine, one row per text, scaling ratio and targets."""
    now = dt.datetime.now().astimezone().strftime("%Y-%m-%d %H:%M %Z")
    load_line = ", ".join(f"{a:.1f}/{b:.1f}/{c:.1f}" for a, b, c in loads)
    lines = [
        f"## Scale: Bible {' and '.join(r.name.rsplit('/', 1)[-1] for r in results)} "
        f"({now})",
        "",
        f"`benchmarks/scale.py`, commit {version}, model `{model}`, translation mode, "
        f"--presplit{''.join(' ' + a for a in extra)}, cold embedding cache, one fresh "
        f"`align run` process per text. Machine: "
        f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}; "
        f"load average (1/5/15 min) before each run and after the last: {load_line}.",
        "",
        "| text | zh / en sentences | wall s | pipeline s | CPU s | sentences/s (wall) "
        "| peak RSS MiB | strict F1 | published F1 |",
        "| --- | --- | --- | --- | --- | --- | --- | --- | --- |",
    ]
    for r in results:
        lines.append(
            f"| {r.name} | {r.n_zh:,} / {r.n_en:,} | {r.wall:.1f} | {r.pipeline:.1f} | "
            f"{r.cpu:.1f} | {r.per_second:,.0f} | {r.rss_mib:,.0f} | {_f1(r.strict_f1)} | "
            f"{_f1(r.published_f1)} |"
        )
    lines.append("")
    big = max(results, key=lambda r: r.sentences)
    checks = [
        f"{big.name} wall {big.wall:.1f} s (target < {TARGET_SECONDS:.0f}): "
        + ("met" if big.wall < TARGET_SECONDS else "MISSED"),
        f"{big.name} peak RSS {big.rss_mib:,.0f} MiB (target < {TARGET_RSS_MIB:,} MiB): "
        + ("met" if big.rss_mib < TARGET_RSS_MIB else "MISSED"),
    ]
    if len(results) > 1:
        small = min(results, key=lambda r: r.sentences)
        ratio = big.wall / small.wall
        checks.append(
            f"scaling time({big.name})/time({small.name}) = {ratio:.2f} for "
            f"{big.sentences / small.sentences:.2f}x the sentences (target <= {TARGET_RATIO:g}): "
            + ("met" if ratio <= TARGET_RATIO else "MISSED")
        )
    lines += [f"- {check}" for check in checks]
    return "\n".join(lines) + "\n"


def append_section(path: Path, section: str) -> None:
    """Append only: other sections of the file are never rewritten."""
    new = not path.exists() or path.stat().st_size == 0
    with open(path, "a", encoding="utf-8") as handle:
        if new:
            handle.write("# Benchmarks\n\nMeasurements appended by the scripts in benchmarks/.\n")
        handle.write("\n" + section)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--bench", type=Path, default=DEFAULT_BENCH,
                        help="corpus folder with src/, tgt/, gold/ (default: %(default)s)")
    parser.add_argument("--texts", nargs="+", default=["001", "006"],
                        help="texts to align, smallest first (default: 001 006)")
    parser.add_argument("--model", default="use", help="--model for align run (default: use)")
    parser.add_argument("--run-arg", action="append", default=[], metavar="ARG",
                        help="extra argument for align run, repeatable (e.g. --run-arg=--fast)")
    parser.add_argument("--output", type=Path, default=ROOT / "BENCHMARKS.md",
                        help="Markdown file to append to (default: %(default)s)")
    parser.add_argument("--no-write", action="store_true", help="print only, do not append")
    parser.add_argument("--profile", type=Path, metavar="DIR",
                        help="run each child under cProfile, writing DIR/NAME.prof "
                        "(slows the run; timings are then not comparable)")
    parser.add_argument("--keep", action="store_true", help="keep the temporary folders")
    args = parser.parse_args(argv)

    if not args.bench.is_dir():
        parser.error(f"{args.bench}: no such benchmark folder")
    specs = select_texts(discover_texts(args.bench), args.texts)
    version = code_version()  # before the runs: the code may change while they go
    work = Path(tempfile.mkdtemp(prefix="align-scale-"))
    results, loads = [], []
    try:
        for spec in specs:
            loads.append(os.getloadavg())
            print(f"aligning {spec.name} ...", file=sys.stderr, flush=True)
            result = measure(spec, args.model, work, args.profile, args.run_arg)
            print(f"  {result.wall:.1f} s wall, {result.rss_mib:,.0f} MiB peak, "
                  f"strict F1 {_f1(result.strict_f1)}", file=sys.stderr, flush=True)
            results.append(result)
        loads.append(os.getloadavg())
    finally:
        if args.keep:
            print(f"kept {work}", file=sys.stderr)
        else:
            shutil.rmtree(work, ignore_errors=True)
    section = format_section(results, args.model, loads, args.run_arg, version)
    print(section)
    if not args.no_write:
        append_section(args.output, section)
        print(f"appended to {args.output}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
