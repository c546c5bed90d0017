"""Settings every stage may read: where align keeps its caches."""

from __future__ import annotations

import os
from pathlib import Path


def default_cache_dir() -> Path:
    """$ALIGN_CACHE_DIR, else align/ under the user's cache folder ($XDG_CACHE_HOME or
    ~/.cache): the embedding cache and the parsed dictionary live there."""
    configured = os.environ.get("ALIGN_CACHE_DIR")
    if configured:
        return Path(configured)
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "align"
