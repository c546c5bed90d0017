"""Whole archives: many corpora in, per-corpus folders or one Parquet dataset out.

`inputs` turns the paths a user gives (corpus folders, a parent folder of corpora, a
CSV or Parquet manifest) into `Job`s; `task` aligns a chunk of jobs in a worker and
writes their results itself; `dataset` is the Parquet dataset's layout and commit
protocol; `engines` sends chunks to a local process pool or to Dask; `archive` ties
them together with resume and failure accounting. Only this package imports dask and
pyarrow, and only inside the functions that need them.
"""

__all__: list[str] = []
