"""Where the tests find the seed page, the corpora and the shared benchmarks."""

from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]  # the repository
SEED_DIR = ROOT / "corpora" / "q7x2"
SEED = SEED_DIR / "000_f2e3e8bd3e32a139.txt"
BENCH = ROOT.parent / "shared" / "bench"
