"""What to align: the paths a user gives, turned into one `Job` per corpus.

A path is a corpus folder (zh.txt + en.txt or one page .txt or .html), a parent folder whose
subfolders are corpora, or a manifest (.csv or .parquet) for archives not laid out as
folders: columns `id` and either `zh` + `en` or `page`, optionally `mode`. Paths inside
a manifest are relative to the manifest's folder. Every mistake is one AlignError naming
the file (and the manifest line) before anything runs.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..config import Mode
from ..errors import AlignError, InputError
from ..io.corpus import Corpus, corpus_files, load_corpus, load_page, load_pair

__all__ = ["MANIFEST_SUFFIXES", "Job", "find_jobs", "is_manifest", "read_manifest"]

MANIFEST_SUFFIXES = (".csv", ".parquet")


@dataclass(frozen=True, slots=True)
class Job:
    """One corpus to align: a folder, a zh/en file pair or one page file, under an id."""

    id: str
    folder: Path | None = None
    zh: Path | None = None
    en: Path | None = None
    page: Path | None = None
    mode: Mode | None = None  # a manifest row's own mode; None: the run's

    @property
    def source(self) -> str:
        """Where the corpus comes from, as the user would recognise it."""
        if self.folder is not None:
            return str(self.folder)
        if self.page is not None:
            return str(self.page)
        return f"{self.zh} + {self.en}"

    def load(self, presplit: bool = False) -> Corpus:
        if self.folder is not None:
            corpus = load_corpus(self.folder, presplit=presplit)
            corpus.name = self.id
            return corpus
        if self.page is not None:
            if presplit:
                raise InputError(self.page, "is a raw page; presplit needs zh + en files")
            return load_page(self.page, name=self.id)
        return load_pair(self.zh, self.en, presplit, name=self.id)


def is_manifest(path: Path) -> bool:
    return path.suffix.lower() in MANIFEST_SUFFIXES and not path.is_dir()


def _has_text(folder: Path) -> bool:
    """Whether the folder holds a file a corpus is read from (`io.corpus.corpus_files`)."""
    return bool(corpus_files(folder))


def _folder_jobs(folder: Path) -> list[Job]:
    """A corpus folder is one job; a folder with no text file of its own but corpus
    subfolders is a parent: one job per subfolder that holds one."""
    if folder.is_dir() and not _has_text(folder):
        children = sorted(
            p for p in folder.iterdir()
            if p.is_dir() and not p.name.startswith(".") and _has_text(p)
        )
        if children:
            return [Job(child.name, folder=child) for child in children]
    return [Job(folder.resolve().name or str(folder), folder=folder)]


def find_jobs(paths: list[Path]) -> list[Job]:
    """Every corpus the paths name, in order; ids must be unique."""
    jobs: list[Job] = []
    for path in paths:
        if is_manifest(path):
            jobs += read_manifest(path)
        else:
            jobs += _folder_jobs(path)
    seen: dict[str, Job] = {}
    for job in jobs:
        if job.id in seen:
            raise AlignError(
                f"{job.source}: corpus id {job.id!r} is also {seen[job.id].source}; "
                "ids name the output folders and dataset rows, so they must be unique"
            )
        seen[job.id] = job
    return jobs


def _read_table(path: Path) -> list[dict[str, str]]:
    import pandas as pd

    try:
        if path.suffix.lower() == ".csv":
            frame = pd.read_csv(path, dtype=str, keep_default_na=False)
        else:
            frame = pd.read_parquet(path)
    except FileNotFoundError:
        raise InputError(path, "no such manifest") from None
    except Exception as exc:  # pandas and pyarrow raise many kinds for unreadable files
        problem = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise InputError(path, f"is not a readable manifest ({problem})") from None
    frame.columns = [str(c).strip().lower() for c in frame.columns]
    return [
        {k: "" if v is None or v != v else str(v).strip() for k, v in row.items()}
        for row in frame.to_dict("records")
    ]


def read_manifest(path: str | Path) -> list[Job]:
    """The jobs of a manifest; a missing column, a missing file, a bad mode or a duplicate
    id is an InputError naming the manifest and its line."""
    path = Path(path)
    rows = _read_table(path)
    columns = set(rows[0]) if rows else set()
    if not rows:
        raise InputError(path, "manifest has no rows")
    if "id" not in columns:
        raise InputError(path, "manifest lacks column id")
    if not ({"zh", "en"} <= columns or "page" in columns):
        raise InputError(path, "manifest needs columns zh and en, or page")
    base = path.parent
    jobs, seen = [], {}
    for line, row in enumerate(rows, start=2):  # line 1 is the header (of a CSV)
        where = f"line {line}"
        ident = row["id"]
        if not ident:
            raise InputError(path, f"{where}: empty id")
        if "/" in ident or "\\" in ident or ident.startswith(".") or ident in ("..",):
            raise InputError(path, f"{where}: id {ident!r} cannot name a folder")
        if ident in seen:
            raise InputError(path, f"{where}: duplicate id {ident!r} (also line {seen[ident]})")
        seen[ident] = line
        mode = None
        if row.get("mode"):
            try:
                mode = Mode.parse(row["mode"])
            except AlignError as exc:
                raise InputError(path, f"{where}: {exc}") from None
        files = _row_files(path, base, row, where)
        jobs.append(Job(ident, mode=mode, **files))
    return jobs


def _row_files(path: Path, base: Path, row: dict[str, str], where: str) -> dict[str, Path]:
    zh, en, page = row.get("zh", ""), row.get("en", ""), row.get("page", "")
    if page and (zh or en):
        raise InputError(path, f"{where}: give either zh and en, or page, not both")
    if page:
        files = {"page": page}
    elif zh and en:
        files = {"zh": zh, "en": en}
    else:
        raise InputError(path, f"{where}: needs both zh and en, or page")
    resolved = {}
    for key, name in files.items():
        file = Path(name) if Path(name).is_absolute() else base / name
        if not file.is_file():
            raise InputError(path, f"{where}: {key} file {name} does not exist")
        resolved[key] = file
    return resolved
