"""Progress of an archive on stderr: one bar on a terminal, a plain line now and then
otherwise (a log file, a batch job's output), and once more at the end."""

from __future__ import annotations

import sys
import time
from typing import TextIO

from tqdm import tqdm

from ..batch.archive import ArchiveTotals

__all__ = ["ArchiveProgress"]


class ArchiveProgress:
    """Corpora done of the total, sentences per second and failures."""

    def __init__(
        self, bar: bool, lines: bool = True, every_s: float = 30.0, stream: TextIO = sys.stderr
    ) -> None:
        """`bar`: a tqdm bar; otherwise, with `lines`, a plain line every `every_s`."""
        self.show_bar, self.lines, self.every_s, self.stream = bar, lines, every_s, stream
        self._bar: tqdm | None = None
        self._last = 0.0
        self.totals: ArchiveTotals | None = None

    def start(self, totals: ArchiveTotals) -> None:
        self.totals = totals
        self._last = time.monotonic()
        if self.show_bar:
            self._bar = tqdm(total=totals.total, initial=totals.skipped, desc="corpora",
                             unit=" corpus", file=self.stream, dynamic_ncols=True)

    def message(self, line: str, stream: TextIO | None = None) -> None:
        """A line above the bar."""
        target = stream or self.stream
        if self._bar is not None:
            self._bar.clear()
            print(line, file=target, flush=True)
            self._bar.refresh()
        else:
            print(line, file=target, flush=True)

    def _rate(self) -> float:
        totals = self.totals
        return totals.sentences / totals.seconds if totals and totals.seconds > 0 else 0.0

    def update(self, corpora: int) -> None:
        totals = self.totals
        if self._bar is not None:
            self._bar.set_postfix_str(
                f"{self._rate():,.0f} sent/s, {totals.failed} failed", refresh=False
            )
            self._bar.update(corpora)
        elif self.lines and time.monotonic() - self._last >= self.every_s:
            self._last = time.monotonic()
            print(self.line(), file=self.stream, flush=True)

    def line(self) -> str:
        totals = self.totals
        finished = totals.skipped + totals.done + totals.failed
        return (
            f"align: {finished}/{totals.total} corpora ({totals.skipped} skipped as done), "
            f"{self._rate():,.0f} sentences/s, {totals.failed} failed"
        )

    def close(self) -> None:
        if self._bar is not None:
            self._bar.close()
            self._bar = None
        elif self.lines and self.totals is not None:
            print(self.line(), file=self.stream, flush=True)
