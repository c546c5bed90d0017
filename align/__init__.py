"""align: Chinese-English parallel-text alignment that flags what has no counterpart.

    from align import align_sentences
    result = align_sentences(zh_sentences, en_sentences)   # mode AUTO: translation or summary
    for unit in result.units:
        print(unit.zh_ids, unit.en_ids, unit.status, unit.score)

Importing the package is cheap: the names below load their modules on first use, and
models load only when an encoder first encodes.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

from ._version import __version__

# public name -> the module that defines it
_EXPORTS = {
    "align_sentences": "pipeline",
    "AlignResult": "pipeline",
    "choose_mode": "pipeline",
    "Mode": "config",
    "Groups": "config",
    "TranslationParams": "config",
    "SummaryParams": "config",
    "Sentence": "records",
    "Unit": "records",
    "FigureCheck": "records",
    "ALIGNED": "records",
    "ZH_ONLY": "records",
    "EN_ONLY": "records",
    "AlignError": "errors",
    "InputError": "errors",
    "get_encoder": "embed.encoders",
    "Corpus": "io.corpus",
    "load_corpus": "io.corpus",
    "load_pair": "io.corpus",
    "RunOptions": "runner",
    "RunSummary": "runner",
    "run_corpus": "runner",
    "run_many": "runner",
}

__all__ = [
    "ALIGNED",
    "EN_ONLY",
    "ZH_ONLY",
    "AlignError",
    "AlignResult",
    "Corpus",
    "FigureCheck",
    "Groups",
    "InputError",
    "Mode",
    "RunOptions",
    "RunSummary",
    "Sentence",
    "SummaryParams",
    "TranslationParams",
    "Unit",
    "__version__",
    "align_sentences",
    "choose_mode",
    "get_encoder",
    "load_corpus",
    "load_pair",
    "run_corpus",
    "run_many",
]

if TYPE_CHECKING:
    from .config import Groups, Mode, SummaryParams, TranslationParams
    from .embed.encoders import get_encoder
    from .errors import AlignError, InputError
    from .io.corpus import Corpus, load_corpus, load_pair
    from .pipeline import AlignResult, align_sentences, choose_mode
    from .records import ALIGNED, EN_ONLY, ZH_ONLY, FigureCheck, Sentence, Unit
    from .runner import RunOptions, RunSummary, run_corpus, run_many


def __getattr__(name: str) -> object:
    if name not in _EXPORTS:
        raise AttributeError(f"module 'align' has no attribute {name!r}")
    value = getattr(importlib.import_module(f".{_EXPORTS[name]}", __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_EXPORTS))
