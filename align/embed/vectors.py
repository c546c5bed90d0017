"""The vectors the aligners get: sentences, runs of neighbours, clause edges, pieces.

Every vector carries the signature of the figures its text states (`evidence`) and,
when a `Lexicon` is given, of its dictionary words (`lexicon`); a blank text gets a
zero vector. Runs, and spans inside sentences (clause edges, parts), come from one pass
over the sentences where the encoder can compose them (`compose`, USE), otherwise from
encoding each joined run and each span.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from ..core.similarity import normalize_rows, window_max, window_sums
from ..text.clauses import Span
from ..text.enumeration import split_enumeration
from ..text.lexicon import Lexicon
from ..text.sentences import split_text
from .protocol import Encoder, Spans
from .signatures import figure_bags, with_signatures

__all__ = [
    "NO_PART_VECTORS",
    "WINDOW_SIZES",
    "Embedded",
    "PartVectors",
    "edge_vectors",
    "edge_words",
    "embed_enumerations",
    "embed_pieces",
    "embed_sentences",
    "embed_side",
    "embed_windows",
    "with_evidence",
]

# Runs of neighbouring sentences embedded as one text (the accurate mode; `--fast`
# averages sentence vectors instead). English runs go up to 6: translators split one
# long Chinese sentence into as many.
WINDOW_SIZES = {"zh": (2, 3, 4), "en": (2, 3, 4, 5, 6)}
FIGURE_WEIGHT = 0.2  # weight of the figure signature appended to each sentence vector


def _windows(texts: list[str], size: int, joiner: str) -> list[str]:
    return [joiner.join(texts[k - size + 1 : k + 1]) for k in range(size - 1, len(texts))]


@dataclass
class _Evidence:
    """What is appended to each sentence's vector besides the embedding, kept per
    sentence so that the evidence of a run of neighbours comes from its sentences'."""

    figures: np.ndarray  # `figure_bags`
    blank: np.ndarray  # blank texts (blank lines of a presplit file)
    words: np.ndarray | None  # `Lexicon.signatures`, with a lexicon

    @classmethod
    def of(cls, texts: list[str], lang: str, lexicon: Lexicon | None) -> _Evidence:
        words = None if lexicon is None else lexicon.signatures(texts, lang)
        blank = np.array([not text.strip() for text in texts], dtype=bool)
        return cls(figure_bags(texts, lang), blank, words)

    def runs(self, size: int) -> _Evidence:
        """The evidence of each run of `size` sentences, row r for the run ending at
        sentence r + size - 1: the union of their figures (a run states what its
        sentences state; no joined text is parsed again), the sum of their word
        signatures, blank where all of them are."""
        words = None if self.words is None else window_sums(self.words, size)[size - 1 :]
        blank = ~window_max(~self.blank, size)
        return _Evidence(window_max(self.figures, size), blank, words)

    def append(self, vectors: np.ndarray, lexicon: Lexicon | None) -> np.ndarray:
        """Append the figure signature and, with a lexicon, the dictionary-word signature;
        a blank text gets a zero vector, so it resembles nothing and stays unaligned."""
        vectors = with_signatures(vectors, normalize_rows(self.figures), FIGURE_WEIGHT)
        if lexicon is not None and self.words is not None:
            vectors = with_signatures(vectors, normalize_rows(self.words), lexicon.weight)
        vectors[self.blank] = 0.0
        return vectors


def _same_for_same(texts: list[str], vectors: np.ndarray) -> np.ndarray:
    """Each text's vector as first encoded: a repeated sentence (a refrain, a heading)
    gets exactly the vector of its first occurrence. Encoded in other rows of a
    batch, it can differ in the last bits (1e-7), enough to decide a tie between the
    two by rounding (a refrain linked to one copy or the other as the batches fall);
    equal, a tie is decided by position."""
    first: dict[str, int] = {}
    rows = [first.setdefault(text, i) for i, text in enumerate(texts)]
    return vectors if len(first) == len(texts) else vectors[rows]


def embed_sentences(
    encoder: Encoder, texts: list[str], lang: str, lexicon: Lexicon | None = None
) -> np.ndarray:
    """Sentence vectors with the signature of the figures each sentence states."""
    vectors = _same_for_same(texts, encoder.encode(texts))
    return _Evidence.of(texts, lang, lexicon).append(vectors, lexicon)


def with_evidence(
    vectors: np.ndarray, texts: list[str], lang: str, lexicon: Lexicon | None = None
) -> np.ndarray:
    """Encoder vectors of `texts` with the signatures `embed_sentences` appends."""
    return _Evidence.of(texts, lang, lexicon).append(vectors, lexicon)


def _padded(windows: np.ndarray, size: int) -> np.ndarray:
    """Row k holds the run ending at sentence k; rows before the first full run are zero."""
    return np.vstack([np.zeros((size - 1, windows.shape[1]), np.float32), windows])


def embed_windows(
    encoder: Encoder, texts: list[str], lang: str, lexicon: Lexicon | None = None
) -> dict[int, np.ndarray]:
    """Vectors of each run of a few neighbouring sentences, re-encoded as one text."""
    joiner = "" if lang == "zh" else " "
    evidence = _Evidence.of(texts, lang, lexicon)
    out = {}
    for size in WINDOW_SIZES[lang]:
        if len(texts) >= size:
            vectors = encoder.encode(_windows(texts, size, joiner))
            out[size] = _padded(evidence.runs(size).append(vectors, lexicon), size)
    return out


@dataclass(frozen=True)
class PartVectors:
    """The encoder's vectors of the parts (`text.parts`) of each sentence of several parts
    (empty for the others), without signatures, for the coverage; empty lists where the
    coverage is not measured."""

    zh: list[np.ndarray]
    en: list[np.ndarray]


NO_PART_VECTORS = PartVectors([], [])


@dataclass
class Embedded:
    """One side's vectors from one pass over its sentences (`embed_side`)."""

    vectors: np.ndarray  # sentence vectors with their signatures
    runs: dict[int, np.ndarray]  # size -> runs of neighbours (`WINDOW_SIZES`), or empty
    spans: list[np.ndarray]  # per sentence, the encoder's vector of each span asked for,
    # without signatures


def embed_side(
    encoder: Encoder,
    texts: list[str],
    lang: str,
    runs: bool,
    lexicon: Lexicon | None = None,
    spans: Sequence[list[Span]] = (),
) -> Embedded:
    """Sentence vectors of one side, the vectors of runs of neighbours if `runs`
    (`WINDOW_SIZES`; an empty dict otherwise), and of the `spans` of each sentence.

    An encoder that composes runs and spans from one pass over the sentences (USE) gives
    all of them from that pass; any other encodes the sentences, then each joined run
    (about 8 times the tokens) and each span again.
    """
    spans = list(spans) or [[] for _ in texts]
    asked = any(spans)
    sizes = [size for size in WINDOW_SIZES[lang] if len(texts) >= size] if runs else []
    if not (encoder.composes_runs and texts and (runs or asked)):
        windows = embed_windows(encoder, texts, lang, lexicon) if runs else {}
        return Embedded(
            embed_sentences(encoder, texts, lang, lexicon), windows,
            _encode_spans(encoder, texts, spans),
        )
    composed = encoder.compose(texts, [1, *sizes], spans)
    evidence = _Evidence.of(texts, lang, lexicon)
    windows = {
        size: _padded(evidence.runs(size).append(composed.runs[size][size - 1 :], lexicon), size)
        for size in sizes
    }
    vectors = evidence.append(_same_for_same(texts, composed.runs[1]), lexicon)
    return Embedded(vectors, windows, composed.spans)


def _encode_spans(encoder: Encoder, texts: list[str], spans: Spans) -> list[np.ndarray]:
    """The spans of each text encoded as texts of their own, in one call."""
    flat = [text[a:b] for text, own in zip(texts, spans) for a, b in own]
    vectors = encoder.encode(flat) if flat else np.zeros((0, 0), dtype=np.float32)
    counts = np.cumsum([len(own) for own in spans])[:-1]
    return np.split(vectors, counts) if texts else []


def edge_vectors(
    texts: list[str], lang: str, sentence_vectors: np.ndarray, edges: list[tuple[Span, Span]],
    encoded: list[np.ndarray],
) -> tuple[np.ndarray, np.ndarray]:
    """Vectors of each sentence's opening and closing clauses (`clauses.edge_spans`), with
    their figure signatures: `encoded[k]` holds the encoder's vectors of sentence k's
    edges that are clauses (its head first), and a sentence's edge that is the whole
    sentence is its own vector."""
    out = []
    for side in (0, 1):
        vectors = sentence_vectors.copy()
        rows, clause_texts, clause_vectors = [], [], []
        for k, (text, own, vecs) in enumerate(zip(texts, edges, encoded)):
            cut = [edge != (0, len(text)) for edge in own]
            if cut[side]:
                a, b = own[side]
                rows.append(k)
                clause_texts.append(text[a:b])
                clause_vectors.append(vecs[sum(cut[:side])])
        if rows:
            vectors[rows] = with_evidence(np.vstack(clause_vectors), clause_texts, lang)
        out.append(vectors)
    return out[0], out[1]


def edge_words(
    lexicon: Lexicon, texts: list[str], lang: str, edges: list[tuple[Span, Span]]
) -> tuple[np.ndarray, np.ndarray]:
    """Dictionary-word signatures of each sentence's opening and closing clauses
    (`edges`, as `clauses.edge_spans` gives them), normalised; zero rows where a clause
    has no known word.

    A translator who moves a clause over a sentence boundary leaves its words on the
    other side of it; the translation search prices such boundaries (`translation`).
    """
    heads = [text[a:b] for text, ((a, b), _) in zip(texts, edges)]
    tails = [text[a:b] for text, (_, (a, b)) in zip(texts, edges)]
    return (
        normalize_rows(lexicon.signatures(heads, lang)),
        normalize_rows(lexicon.signatures(tails, lang)),
    )


def embed_pieces(
    encoder: Encoder, texts: list[str], lang: str, lexicon: Lexicon | None = None
) -> list[np.ndarray | None]:
    """Vectors of the sentences inside each unit; None for a unit of one sentence.

    Presplit summaries often hold several sentences per line (one per point).
    """
    return _embed_parts(encoder, [split_text(text, lang) for text in texts], lang, lexicon)


def embed_enumerations(
    encoder: Encoder, texts: list[str], lexicon: Lexicon | None = None
) -> list[np.ndarray | None]:
    """Vectors of the head and the items of each English unit that lists items
    (`enumeration.split_enumeration`); None for the others."""
    return _embed_parts(encoder, [split_enumeration(text) for text in texts], "en", lexicon)


def _embed_parts(
    encoder: Encoder, parts_of_units: list[list[str]], lang: str, lexicon: Lexicon | None
) -> list[np.ndarray | None]:
    """One pass over the parts of every unit split into more than one part."""
    flat = [part for parts in parts_of_units if len(parts) > 1 for part in parts]
    vectors = embed_sentences(encoder, flat, lang, lexicon) if flat else None
    out: list[np.ndarray | None] = []
    start = 0
    for parts in parts_of_units:
        if len(parts) > 1 and vectors is not None:
            out.append(vectors[start : start + len(parts)])
            start += len(parts)
        else:
            out.append(None)
    return out
