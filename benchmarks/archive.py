"""Archive throughput: thousands of article-sized corpora end to end, `--engine local`
against `--engine dask` (a LocalCluster), against encoding every sentence once.

The archive is cut from the shared benchmark texts: translation pieces of mac-dev, aca
and mag cut at their gold group boundaries, and summary pieces of summary-dev (a range
of the Chinese article with the English lines that render it), 20-200 sentences each
(log-uniform, as article lengths are), written as zh.txt/en.txt files and listed in a
CSV manifest. Each engine runs `python -m align run MANIFEST --dataset D --no-cache`
in a fresh process (start-up, cluster start and model loads included), while the peak
RSS of the client and of its largest worker process is sampled. The encode-only limit
encodes every sentence of the archive (as the loader splits them) once, in one warm
process using every core. The per-task cost of Dask is a no-op task on the same
LocalCluster. Prints JSON; BENCHMARKS.md ("Archives (issue 18)") quotes it.

    .venv/bin/python benchmarks/archive.py                       # 2,000 corpora, and 500
    .venv/bin/python benchmarks/archive.py --corpora 500 --small 100 --fast --json out.json
"""

from __future__ import annotations

import argparse
import csv
import json
import math
import os
import random
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:  # run as a script: the package lives beside this folder
    sys.path.insert(0, str(ROOT))

BENCH = ROOT.parent / "shared" / "bench"
TRANSLATIONS = ("mac-dev", "aca", "mag")
SUMMARIES = "summary-dev"
SUMMARY_SHARE = 0.3
MIN_SENTENCES, MAX_SENTENCES = 20, 200


def _texts(folder: Path) -> list:
    from align.bench.texts import discover_texts, load_text

    return [load_text(spec) for spec in discover_texts(folder)]


def _translation_piece(text, rng: random.Random, size: int) -> tuple[list[str], list[str]]:
    """Consecutive gold groups from a random start until `size` sentences are covered."""
    start = rng.randrange(len(text.gold))
    zh_ids, en_ids = [], []
    for zh, en in text.gold[start:]:
        zh_ids += zh
        en_ids += en
        if len(zh_ids) + len(en_ids) >= size:
            break
    return [text.zh[i] for i in zh_ids], [text.en[j] for j in en_ids]


def _summary_piece(text, rng: random.Random, size: int) -> tuple[list[str], list[str]]:
    """A range of the Chinese article and the English lines whose sources all lie in it."""
    span = min(len(text.zh), max(10, int(size * 0.75)))
    start = rng.randrange(0, len(text.zh) - span + 1)
    inside = range(start, start + span)
    sources: dict[int, set[int]] = {}
    for zh, en in text.gold:
        for j in en:
            sources.setdefault(j, set()).update(zh)
    kept = [j for j, zh in sorted(sources.items()) if zh and all(i in inside for i in zh)]
    return [text.zh[i] for i in inside], [text.en[j] for j in kept]


def build_archive(folder: Path, count: int, seed: int = 18) -> Path:
    """`count` corpus folders and a manifest listing them; returns the manifest."""
    rng = random.Random(seed)
    translations = [t for name in TRANSLATIONS for t in _texts(BENCH / name)]
    summaries = _texts(BENCH / SUMMARIES)
    rows = []
    while len(rows) < count:
        size = round(math.exp(rng.uniform(math.log(MIN_SENTENCES), math.log(MAX_SENTENCES))))
        summary = rng.random() < SUMMARY_SHARE
        text = rng.choice(summaries if summary else translations)
        zh, en = (_summary_piece if summary else _translation_piece)(text, rng, size)
        if len(zh) < 3 or len(en) < 3 or not MIN_SENTENCES <= len(zh) + len(en) <= MAX_SENTENCES:
            continue
        ident = f"a{len(rows):06d}"
        corpus = folder / ident
        corpus.mkdir(parents=True)
        (corpus / "zh.txt").write_text("\n".join(zh) + "\n", encoding="utf-8")
        (corpus / "en.txt").write_text("\n".join(en) + "\n", encoding="utf-8")
        rows.append((ident, f"{ident}/zh.txt", f"{ident}/en.txt", "summary" if summary else ""))
    manifest = folder / "manifest.csv"
    _write_manifest(manifest, rows)
    return manifest


def _write_manifest(path: Path, rows: list[tuple[str, ...]]) -> None:
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(("id", "zh", "en", "kind"))  # kind: what it was cut as; not read
        writer.writerows(rows)


def prefix_manifest(manifest: Path, count: int) -> Path:
    with open(manifest, encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    smaller = manifest.with_name(f"manifest-{count}.csv")
    _write_manifest(smaller, [tuple(r) for r in rows[1 : count + 1]])
    return smaller


class PeakRss:
    """Samples the peak RSS of a process and of its largest descendant."""

    def __init__(self, pid: int, every_s: float = 0.2) -> None:
        import psutil

        self.root = psutil.Process(pid)
        self.client = self.worker = 0
        self.every_s = every_s
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)
        self._thread.start()

    def _sample(self) -> None:
        import psutil

        while not self._stop.is_set():
            try:
                self.client = max(self.client, self.root.memory_info().rss)
                for child in self.root.children(recursive=True):
                    try:
                        self.worker = max(self.worker, child.memory_info().rss)
                    except psutil.Error:
                        pass
            except psutil.Error:
                return
            time.sleep(self.every_s)

    def stop(self) -> None:
        self._stop.set()
        self._thread.join()


def run_engine(
    manifest: Path, engine: str, workers: int, work: Path, fast: bool, environ: dict[str, str]
) -> dict:
    """One end-to-end `align run` of the manifest into a fresh dataset, in `environ`: this
    script's environment as it started, since a LocalCluster started here (`noop_overhead`)
    sets its nannies' variables in it (a malloc trim threshold that slows numpy down)."""
    import pandas as pd

    dataset = work / f"dataset-{engine}-{manifest.stem}"
    command = [sys.executable, "-m", "align", "run", str(manifest), "--engine", engine,
               "--jobs", str(workers), "--dataset", str(dataset), "--no-cache", "--no-progress",
               *(["--fast"] if fast else [])]
    started = time.perf_counter()
    process = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                               text=True, env=environ)
    peak = PeakRss(process.pid)
    out, err = process.communicate()
    seconds = time.perf_counter() - started
    peak.stop()
    if process.returncode not in (0, 1):
        raise SystemExit(f"{engine} run failed ({process.returncode}):\n{err[-3000:]}")
    runs = pd.read_parquet(dataset / "runs")
    done = runs[runs.status == "done"]
    sentences = int((done.zh_sentences + done.en_sentences).sum())
    return {
        "engine": engine, "corpora": len(runs), "failed": int((runs.status != "done").sum()),
        "sentences": sentences, "seconds": round(seconds, 1),
        "corpora_per_s": round(len(runs) / seconds, 2),
        "sentences_per_s": round(sentences / seconds, 1),
        "client_peak_mib": round(peak.client / 2**20),
        "worker_peak_mib": round(peak.worker / 2**20),
        "modes": done["mode"].value_counts().to_dict(),
    }


def encode_only(manifest: Path) -> dict:
    """Every sentence of the archive, as the loader splits it, encoded once in one warm
    process with every core: the limit of what aligning can reach here."""
    from align.batch.inputs import read_manifest
    from align.embed.encoders import get_encoder

    texts = []
    for job in read_manifest(manifest):
        corpus = job.load()
        texts += [s.text for s in corpus.zh] + [s.text for s in corpus.en]
    encoder = get_encoder("use")
    encoder.encode(texts[:2000])  # warm: model loaded, worker processes forked
    started = time.perf_counter()
    for start in range(0, len(texts), 8192):
        encoder.encode(texts[start : start + 8192])
    seconds = time.perf_counter() - started
    return {"sentences": len(texts), "seconds": round(seconds, 1),
            "sentences_per_s": round(len(texts) / seconds, 1)}


def _noop(x: int) -> int:
    return x


def noop_overhead(workers: int, tasks: int = 2000) -> dict:
    """Seconds per no-op task on a LocalCluster like the engine's: all at once, and in the
    engine's bounded window (3 per worker thread, refilled as each finishes)."""
    from distributed import Client, LocalCluster, as_completed

    with LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                      dashboard_address=":0") as cluster, Client(cluster) as client:
        client.gather(client.map(_noop, range(200), pure=False))  # warm
        started = time.perf_counter()
        client.gather(client.map(_noop, range(tasks), pure=False))
        bulk = (time.perf_counter() - started) / tasks
        started = time.perf_counter()
        source = iter(range(tasks))
        window = as_completed([client.submit(_noop, next(source), pure=False)
                               for _ in range(3 * workers)])
        for future in window:
            future.result()
            for x in source:
                window.add(client.submit(_noop, x, pure=False))
                break
        windowed = (time.perf_counter() - started) / tasks
    return {"tasks": tasks, "bulk_ms_per_task": round(bulk * 1000, 3),
            "windowed_ms_per_task": round(windowed * 1000, 3)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpora", type=int, default=2000)
    parser.add_argument("--small", type=int, default=500, help="the smaller archive (memory)")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--fast", action="store_true", help="align with --fast")
    parser.add_argument("--json", type=Path, help="also write the results here")
    parser.add_argument("--work", type=Path, help="keep the archive here (default: a temp dir)")
    args = parser.parse_args()
    work = args.work or Path(tempfile.mkdtemp(prefix="align-archive-"))
    work.mkdir(parents=True, exist_ok=True)
    os.environ.setdefault("ALIGN_CACHE_DIR", str(work / "cache"))  # the dictionary's cache
    environ = dict(os.environ)
    manifest = build_archive(work / "archive", args.corpora)
    small = prefix_manifest(manifest, args.small)
    results: dict = {"corpora": args.corpora, "small": args.small, "workers": args.workers,
                     "fast": args.fast,
                     "cpus": os.cpu_count(), "started": time.strftime("%Y-%m-%d %H:%M UTC",
                                                                      time.gmtime())}
    results["noop"] = noop_overhead(args.workers)
    for name, path in (("small", small), ("full", manifest)):
        results[name] = {engine: run_engine(path, engine, args.workers, work, args.fast, environ)
                         for engine in ("local", "dask")}
    results["encode_only"] = encode_only(manifest)
    limit = results["encode_only"]["sentences_per_s"]
    full = results["full"]
    results["ratios"] = {
        "dask_over_local": round(full["dask"]["sentences_per_s"]
                                 / full["local"]["sentences_per_s"], 3),
        "local_over_encode_only": round(full["local"]["sentences_per_s"] / limit, 3),
        "dask_over_encode_only": round(full["dask"]["sentences_per_s"] / limit, 3),
    }
    text = json.dumps(results, indent=1)
    print(text)
    if args.json:
        args.json.write_text(text + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
