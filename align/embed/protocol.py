"""What an encoder is and can do, declared once for every model and wrapper.

Every encoder turns sentences into L2-normalised float32 rows. Beyond that, the stages
ask each one three things, answered here rather than guessed from its attributes: the key
of its vectors in the cache (`cache_name`), whether it composes runs of neighbouring
sentences, and spans inside each sentence, from one pass over them (`composes_runs`,
`compose`: USE does), and how many threads it may use (`use_threads`: one per worker of a
process pool).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol

import numpy as np

__all__ = ["BaseEncoder", "Composed", "Encoder", "EncoderWrapper", "Progress", "Spans"]

Progress = Callable[[int], None]  # called with the number of sentences just done
Spans = list[list[tuple[int, int]]]  # per text, (start, end) character spans of it


@dataclass(frozen=True)
class Composed:
    """What one pass over a list of texts gives (`Encoder.compose`)."""

    runs: dict[int, np.ndarray]  # size -> row k: texts k-size+1..k as one text (zeros for
    # k < size-1)
    spans: list[np.ndarray]  # per text: a row per span asked for, the span as a text


class Encoder(Protocol):
    name: str  # as `--model` names it

    @property
    def cache_name(self) -> str:
        """Key of this encoder's vectors in the embedding cache."""
        ...

    @property
    def composes_runs(self) -> bool:
        """Whether `compose` gives runs of neighbours and spans from one pass."""
        ...

    def encode(self, texts: list[str]) -> np.ndarray:
        """(len(texts), dim) float32 rows, L2-normalised."""
        ...

    def compose(
        self, texts: list[str], sizes: list[int], spans: Spans, progress: Progress | None = None
    ) -> Composed:
        """Runs of `sizes` neighbours, and the vectors of `spans` of each text, from one
        pass over the texts; only where `composes_runs`. `progress` hears of texts done."""
        ...

    def encode_runs(
        self, texts: list[str], sizes: list[int], progress: Progress | None = None
    ) -> dict[int, np.ndarray]:
        """`compose`'s runs alone."""
        ...

    def use_threads(self, threads: int) -> None:
        """Use at most this many threads (and worker processes) from now on."""
        ...


class BaseEncoder:
    """The answers of an encoder that can do nothing more than encode sentences."""

    name: str

    @property
    def cache_name(self) -> str:
        return self.name

    @property
    def composes_runs(self) -> bool:
        return False

    def encode(self, texts: list[str]) -> np.ndarray:
        raise NotImplementedError

    def compose(
        self, texts: list[str], sizes: list[int], spans: Spans, progress: Progress | None = None
    ) -> Composed:
        raise NotImplementedError(f"{self.name} does not compose runs from one pass")

    def encode_runs(
        self, texts: list[str], sizes: list[int], progress: Progress | None = None
    ) -> dict[int, np.ndarray]:
        return self.compose(texts, sizes, [[] for _ in texts], progress).runs

    def use_threads(self, threads: int) -> None:
        """Nothing to set: the model decides its own threads."""


@dataclass
class EncoderWrapper(BaseEncoder):
    """An encoder around another one (a cache, a progress reporter): it answers what the
    inner one can do and passes the work on."""

    encoder: Encoder

    @property
    def name(self) -> str:  # type: ignore[override]
        return self.encoder.name

    @property
    def cache_name(self) -> str:
        return self.encoder.cache_name

    @property
    def composes_runs(self) -> bool:
        return self.encoder.composes_runs

    def encode(self, texts: list[str]) -> np.ndarray:
        return self.encoder.encode(texts)

    def compose(
        self, texts: list[str], sizes: list[int], spans: Spans, progress: Progress | None = None
    ) -> Composed:
        return self.encoder.compose(texts, sizes, spans, progress)

    def use_threads(self, threads: int) -> None:
        self.encoder.use_threads(threads)
