"""Score a predicted alignment against a gold one.

Groups are `(zh_ids, en_ids)` pairs, Chinese first (swap a gold file whose source is
English with `swap_groups`). Two families of scores:

- group scores, as in the Vecalign and Bertalign papers: a predicted group counts only when
  the identical group is in the gold (`strict`), plus Vecalign's `lax` variant;
- summary scores, for an article aligned to a summary where groups are not monotonic:
  the (zh, en) links the groups imply, the Chinese sentences left without a link
  (omissions) and the English sentences left without a link.

Everything here is a pure function over lists of groups; reading files is the caller's job.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, fields

from ..records import Group

__all__ = [
    "EMPTY",
    "EMPTY_EVALUATION",
    "GROUP_METRICS",
    "SUMMARY_METRICS",
    "Evaluation",
    "Key",
    "Scores",
    "evaluate",
    "group_key",
    "group_set",
    "lax_scores",
    "links_of",
    "merge_by_verse",
    "published_scores",
    "strict_scores",
    "summary_scores",
    "swap_groups",
    "unlinked",
]

Key = tuple[tuple[int, ...], tuple[int, ...]]
Link = tuple[int, int]


@dataclass(frozen=True)
class Scores:
    """Counts behind one precision/recall pair; the ratios are derived, so sums stay exact.

    `matched_test` of `n_test` predicted items are right (precision), `matched_gold` of
    `n_gold` gold items are found (recall). For strict scores both numerators are the
    number of hits; lax scores match differently in each direction, hence two numerators.
    A ratio with an empty denominator is None (nothing to judge), shown as "-".
    """

    matched_test: int
    n_test: int
    matched_gold: int
    n_gold: int

    @property
    def precision(self) -> float | None:
        return self.matched_test / self.n_test if self.n_test else None

    @property
    def recall(self) -> float | None:
        return self.matched_gold / self.n_gold if self.n_gold else None

    @property
    def f1(self) -> float | None:
        """Harmonic mean; 0 when one side exists and nothing matched, None when both are empty."""
        p, r = self.precision, self.recall
        if p is None and r is None:
            return None
        if not p or not r:
            return 0.0
        return 2 * p * r / (p + r)

    def __add__(self, other: Scores) -> Scores:
        """Pool the counts of two texts (micro-average)."""
        return Scores(
            self.matched_test + other.matched_test,
            self.n_test + other.n_test,
            self.matched_gold + other.matched_gold,
            self.n_gold + other.n_gold,
        )

    def to_dict(self) -> dict[str, float | int | None]:
        return {
            "precision": self.precision,
            "recall": self.recall,
            "f1": self.f1,
            "matched_test": self.matched_test,
            "n_test": self.n_test,
            "matched_gold": self.matched_gold,
            "n_gold": self.n_gold,
        }


EMPTY = Scores(0, 0, 0, 0)


@dataclass(frozen=True)
class Evaluation:
    """All scores of one prediction against one gold (or pooled over several texts)."""

    strict: Scores  # every group counts, 1-0 and 0-1 included (the benchmark README's rule)
    strict_no_null: Scores  # groups with an empty side dropped from both alignments
    published: Scores  # Vecalign/Bertalign score.py "strict": precision from `strict`,
    # recall from `strict_no_null` -- what their published tables report
    lax: Scores  # Vecalign score.py "lax"
    links: Scores  # (zh id, en id) pairs implied by the groups
    omissions: Scores  # Chinese sentences with no link
    en_only: Scores  # English sentences with no link

    def __add__(self, other: Evaluation) -> Evaluation:
        return Evaluation(*(getattr(self, f.name) + getattr(other, f.name) for f in fields(self)))

    def to_dict(self) -> dict[str, dict[str, float | int | None]]:
        return {f.name: getattr(self, f.name).to_dict() for f in fields(self)}


EMPTY_EVALUATION = Evaluation(*(EMPTY for _ in fields(Evaluation)))

# Labels for tables, in display order.
GROUP_METRICS = {
    "strict": "strict, all groups",
    "strict_no_null": "strict, no 1-0/0-1",
    "published": "Vecalign/Bertalign strict",
    "lax": "Vecalign/Bertalign lax",
}
SUMMARY_METRICS = {
    "links": "links (zh,en pairs)",
    "omissions": "zh with no link",
    "en_only": "en with no link",
}


def group_key(group: Group) -> Key:
    """A group as a hashable value that ignores the order of ids within a side."""
    src, tgt = group
    return tuple(sorted(src)), tuple(sorted(tgt))


def group_set(groups: Iterable[Group], keep_null: bool = True) -> set[Key]:
    """Distinct groups, minus any empty on both sides (and, if asked, any with an empty side)."""
    keys = {group_key(group) for group in groups if group[0] or group[1]}
    if keep_null:
        return keys
    return {key for key in keys if key[0] and key[1]}


def swap_groups(groups: Iterable[Group]) -> list[Group]:
    """(src, tgt) -> (tgt, src): turns an English-source gold file into Chinese-first groups."""
    return [(list(tgt), list(src)) for src, tgt in groups]


def strict_scores(test: Iterable[Group], gold: Iterable[Group], keep_null: bool = True) -> Scores:
    """Exact-group matching. With `keep_null=False` 1-0 and 0-1 groups leave both sides."""
    test_keys = group_set(test, keep_null)
    gold_keys = group_set(gold, keep_null)
    hits = len(test_keys & gold_keys)
    return Scores(hits, len(test_keys), hits, len(gold_keys))


def published_scores(test: Sequence[Group], gold: Sequence[Group]) -> Scores:
    """The "strict" of Vecalign's score.py, which Bertalign reuses for its tables.

    Its precision is taken over every predicted group, but its recall is computed with
    groups that have an empty side removed from both alignments, so a gold 1-0 group
    missed by the aligner does not lower recall.
    """
    every = strict_scores(test, gold)
    linked = strict_scores(test, gold, keep_null=False)
    return Scores(every.matched_test, every.n_test, linked.matched_gold, linked.n_gold)


def links_of(keys: Iterable[Key]) -> set[Link]:
    """Every (src id, tgt id) pair that some group joins."""
    return {(s, t) for src, tgt in keys for s in src for t in tgt}


def _lax_matches(candidates: set[Key], reference: set[Key]) -> int:
    """How many candidate groups equal a reference group or share a link with one."""
    reference_links = links_of(reference)
    count = 0
    for key in candidates:
        if key in reference or any(link in reference_links for link in links_of([key])):
            count += 1
    return count


def lax_scores(test: Sequence[Group], gold: Sequence[Group]) -> Scores:
    """Vecalign's "lax" score (score.py in github.com/thompsonb/vecalign, after
    Sennrich & Volk's evaluation in W11-4624).

    A predicted group is a lax hit when it equals a gold group, or when one of its source
    sentences and one of its target sentences sit together in some gold group. A group
    with an empty side has no such pair, so it is a hit only when identical to a gold group.
    Precision judges every predicted group against the whole gold. Recall runs the same
    test the other way round (gold groups against the prediction) after dropping groups
    with an empty side from both, exactly as the published strict recall does.
    """
    test_all, gold_all = group_set(test), group_set(gold)
    test_linked, gold_linked = group_set(test, False), group_set(gold, False)
    return Scores(
        _lax_matches(test_all, gold_all),
        len(test_all),
        _lax_matches(gold_linked, test_linked),
        len(gold_linked),
    )


def _set_scores(test: set, gold: set) -> Scores:
    hits = len(test & gold)
    return Scores(hits, len(test), hits, len(gold))


def side_size(groups: Iterable[Group], side: int) -> int:
    """One more than the largest id on one side (0 = Chinese, 1 = English), 0 if none."""
    return max((i + 1 for group in groups for i in group[side]), default=0)


def unlinked(groups: Iterable[Group], side: int, n: int) -> set[int]:
    """Ids 0..n-1 of one side that no group links to the other side."""
    linked = {i for group in groups if group[0] and group[1] for i in group[side]}
    return set(range(n)) - linked


def summary_scores(
    test: Sequence[Group],
    gold: Sequence[Group],
    n_zh: int | None = None,
    n_en: int | None = None,
) -> tuple[Scores, Scores, Scores]:
    """(links, omissions, en_only) for an article/summary pair.

    The sentences counted as "no link" range over 0..n-1 of each side; without the
    counts, n is one more than the largest id in gold or prediction.
    """
    if n_zh is None:
        n_zh = max(side_size(gold, 0), side_size(test, 0))
    if n_en is None:
        n_en = max(side_size(gold, 1), side_size(test, 1))
    return (
        _set_scores(links_of(group_set(test)), links_of(group_set(gold))),
        _set_scores(unlinked(test, 0, n_zh), unlinked(gold, 0, n_zh)),
        _set_scores(unlinked(test, 1, n_en), unlinked(gold, 1, n_en)),
    )


def evaluate(
    test: Sequence[Group],
    gold: Sequence[Group],
    n_zh: int | None = None,
    n_en: int | None = None,
) -> Evaluation:
    """Every score of a Chinese-first prediction against a Chinese-first gold."""
    links, omissions, en_only = summary_scores(test, gold, n_zh, n_en)
    return Evaluation(
        strict=strict_scores(test, gold),
        strict_no_null=strict_scores(test, gold, keep_null=False),
        published=published_scores(test, gold),
        lax=lax_scores(test, gold),
        links=links,
        omissions=omissions,
        en_only=en_only,
    )


def _verse_of(ids: Sequence[int], verses: Sequence[str]) -> str | None:
    """The one verse all ids belong to; "" for an empty side; None if they span verses."""
    labels = {verses[i] for i in ids}
    if not labels:
        return ""
    return labels.pop() if len(labels) == 1 else None


def merge_by_verse(
    groups: Sequence[Group], src_verses: Sequence[str], tgt_verses: Sequence[str]
) -> list[Group]:
    """Join consecutive predicted groups that fall inside one and the same verse.

    The Bible gold is verse-level while an aligner links sentences. Following Bertalign's
    Bible evaluation (bin/eval_bible.py in bfsujason/bertalign), a group is "of verse V"
    when each non-empty side lies wholly within V; runs of neighbouring groups of the same
    verse become one group. Groups that span verses stay as they are; the gold is not
    touched. `src_verses[i]` is the verse label of source sentence i.
    """
    merged: list[Group] = []
    previous: str | None = None
    for src, tgt in groups:
        src_verse, tgt_verse = _verse_of(src, src_verses), _verse_of(tgt, tgt_verses)
        if src_verse is None or tgt_verse is None:
            verse = None
        elif src_verse and tgt_verse and src_verse != tgt_verse:
            verse = None
        else:
            verse = src_verse or tgt_verse or None
        if verse is not None and verse == previous:
            merged[-1][0].extend(src)
            merged[-1][1].extend(tgt)
        else:
            merged.append((list(src), list(tgt)))
        previous = verse
    return merged
