"""The vectors the aligners get: sentences, runs of neighbours, clause edges, pieces.

Every vector carries the signature of the figures its text states (`evidence`) and,
when a `Lexicon` is given, of its dictionary words (`lexicon`); a blank text gets a
zero vector. Runs come from one pass over the sentences where the
encoder can compose them (`encode_runs`, USE), otherwise from encoding each joined run.
"""

from __future__ import annotations

import numpy as np

from .edges import sentence_edges
from .encoders import Encoder
from .evidence import figure_signatures, with_signatures
from .lexicon import Lexicon
from .sentences import split_en
from .similarity import normalize_rows, window_sums

# Runs of neighbouring sentences embedded as one text (the accurate mode; `--fast`
# averages sentence vectors instead). English runs go up to 6: translators split one
# long Chinese sentence into as many.
WINDOW_SIZES = {"zh": (2, 3, 4), "en": (2, 3, 4, 5, 6)}
FIGURE_WEIGHT = 0.2  # weight of the figure signature appended to each sentence vector


def _windows(texts: list[str], size: int, joiner: str) -> list[str]:
    return [joiner.join(texts[k - size + 1 : k + 1]) for k in range(size - 1, len(texts))]


def _with_evidence(
    vectors: np.ndarray,
    texts: list[str],
    lang: str,
    lexicon: Lexicon | None = None,
    words: np.ndarray | None = None,
) -> np.ndarray:
    """Append each text's figure signature and, with a lexicon, its dictionary-word
    signature `words` (`Lexicon.signatures`); a blank text (a blank line of a presplit
    file) gets a zero vector, so it resembles nothing and stays unaligned."""
    vectors = with_signatures(vectors, figure_signatures(texts, lang), FIGURE_WEIGHT)
    if lexicon is not None and words is not None:
        vectors = with_signatures(vectors, normalize_rows(words), lexicon.weight)
    blank = [i for i, text in enumerate(texts) if not text.strip()]
    vectors[blank] = 0.0
    return vectors


def _word_signatures(lexicon: Lexicon | None, texts: list[str], lang: str) -> np.ndarray | None:
    return None if lexicon is None else lexicon.signatures(texts, lang)


def _run_words(words: np.ndarray | None, size: int) -> np.ndarray | None:
    """Word signatures of the runs of `size` sentences: sums of theirs (see `_padded`)."""
    return None if words is None else window_sums(words, size)[size - 1 :]


def embed_sentences(
    encoder: Encoder, texts: list[str], lang: str, lexicon: Lexicon | None = None
) -> np.ndarray:
    """Sentence vectors with the signature of the figures each sentence states."""
    words = _word_signatures(lexicon, texts, lang)
    return _with_evidence(encoder.encode(texts), texts, lang, lexicon, words)


def _padded(windows: np.ndarray, size: int) -> np.ndarray:
    """Row k holds the run ending at sentence k; rows before the first full run are zero."""
    return np.vstack([np.zeros((size - 1, windows.shape[1]), np.float32), windows])


def embed_windows(
    encoder: Encoder, texts: list[str], lang: str, lexicon: Lexicon | None = None
) -> dict[int, np.ndarray]:
    """Vectors of each run of a few neighbouring sentences, re-encoded as one text."""
    joiner = "" if lang == "zh" else " "
    words = _word_signatures(lexicon, texts, lang)
    out = {}
    for size in WINDOW_SIZES[lang]:
        if len(texts) >= size:
            run_texts = _windows(texts, size, joiner)
            vectors = encoder.encode(run_texts)
            out[size] = _padded(
                _with_evidence(vectors, run_texts, lang, lexicon, _run_words(words, size)), size
            )
    return out


def embed_side(
    encoder: Encoder,
    texts: list[str],
    lang: str,
    windows: bool,
    lexicon: Lexicon | None = None,
) -> tuple[np.ndarray, dict[int, np.ndarray] | None]:
    """Sentence vectors of one side and, if `windows`, the vectors of runs of neighbours.

    An encoder that composes runs from one pass over the sentences (`encode_runs`,
    USE; see `use_runs`) gives both from that pass; any other encodes the
    sentences, then each joined run again (about 8 times the tokens).
    """
    if not windows:
        return embed_sentences(encoder, texts, lang, lexicon), None
    sizes = [size for size in WINDOW_SIZES[lang] if len(texts) >= size]
    compose = getattr(encoder, "encode_runs", None)
    runs = compose(texts, [1, *sizes]) if compose and texts else None
    if runs is None:
        return (
            embed_sentences(encoder, texts, lang, lexicon),
            embed_windows(encoder, texts, lang, lexicon),
        )
    joiner = "" if lang == "zh" else " "
    words = _word_signatures(lexicon, texts, lang)
    out = {}
    for size in sizes:
        run_texts = _windows(texts, size, joiner)
        run_words = _run_words(words, size)
        vectors = _with_evidence(runs[size][size - 1 :], run_texts, lang, lexicon, run_words)
        out[size] = _padded(vectors, size)
    return _with_evidence(runs[1], texts, lang, lexicon, words), out


def embed_edges(
    encoder: Encoder, texts: list[str], lang: str, sentence_vectors: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """Vectors of each sentence's opening and closing clauses (`edges.sentence_edges`).

    Only sentences that have clauses are encoded again; the others are their own edges.
    """
    out = []
    for edge_texts in sentence_edges(texts, lang):
        vectors = sentence_vectors.copy()
        cut = [i for i, (edge, text) in enumerate(zip(edge_texts, texts)) if edge != text]
        if cut:
            vectors[cut] = embed_sentences(encoder, [edge_texts[i] for i in cut], lang)
        out.append(vectors)
    return out[0], out[1]


def embed_pieces(
    encoder: Encoder, texts: list[str], lexicon: Lexicon | None = None
) -> list[np.ndarray | None]:
    """Vectors of the sentences inside each English unit; None for a unit of one sentence.

    Presplit summaries often hold several sentences per line (one per point).
    """
    pieces = [split_en(text) for text in texts]
    flat = [piece for parts in pieces if len(parts) > 1 for piece in parts]
    vectors = embed_sentences(encoder, flat, "en", lexicon) if flat else None
    out: list[np.ndarray | None] = []
    start = 0
    for parts in pieces:
        if len(parts) > 1 and vectors is not None:
            out.append(vectors[start : start + len(parts)])
            start += len(parts)
        else:
            out.append(None)
    return out
