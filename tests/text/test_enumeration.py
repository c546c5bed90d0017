"""English enumerations: how a line is split, when its items link a block of the article,
and what that does on the seed page."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from align.core.features import SummaryFeatures
from align.core.summary import SummaryParams, _list_links
from align.text.enumeration import split_enumeration

SEED_LIST = (
    "The region has six pillar industrial clusters: dairy, electronic information and "
    "technology, biomedicine, new materials and equipment manufacturing, new energy, and "
    "modern chemical industries, he said."
)


def test_a_colon_list_with_an_oxford_comma_keeps_what_follows_with_the_head():
    assert split_enumeration(SEED_LIST) == [
        "The region has six pillar industrial clusters, he said.",
        "dairy",
        "electronic information and technology",
        "biomedicine",
        "new materials and equipment manufacturing",
        "new energy",
        "modern chemical industries",
    ]


def test_such_as_without_an_oxford_comma_ends_at_the_last_and():
    sentence = (
        "It puts more attention on futuristic industries such as artificial intelligence, "
        "commercial aerospace, semiconductors and bioengineering, the mayor said."
    )
    assert split_enumeration(sentence) == [
        "It puts more attention on futuristic industries, the mayor said.",
        "artificial intelligence",
        "commercial aerospace",
        "semiconductors",
        "bioengineering",
    ]


def test_a_list_between_dashes_ends_at_the_closing_dash():
    sentence = (
        "It has four pillar industries — dairy, electronics, biomedicine and new energy — "
        "and plans more."
    )
    assert split_enumeration(sentence) == [
        "It has four pillar industries and plans more.",
        "dairy",
        "electronics",
        "biomedicine",
        "new energy",
    ]


def test_no_marker_two_items_or_long_clauses_are_no_enumeration():
    assert split_enumeration("It spread in South America, Eastern Europe and Africa.") == []
    assert split_enumeration("Two crops grow there: wheat and barley.") == []
    assert split_enumeration("He said: the plan will create jobs, raise incomes for every "
                             "family in the county, and bring investment.") == []
    assert split_enumeration("") == []


def _unit(i: int, dim: int = 16) -> np.ndarray:
    vector = np.zeros(dim)
    vector[i] = 1.0
    return vector


def _article(vectors: np.ndarray) -> SummaryFeatures:
    """An article of these sentence vectors (no parts) and no lines."""
    n, dim = vectors.shape
    return SummaryFeatures(
        article=vectors, article_runs={}, lines=np.zeros((0, dim)), line_lengths=np.zeros(0),
        line_pieces=[], line_lists=[], shared=np.zeros((n, 0)), unsourced=np.zeros(0, bool),
        facing=np.zeros((n, 0)), article_parts=np.zeros((0, dim)), part_owner=np.zeros(0, int),
        article_lengths=np.full(n, 30.0),
    )


def test_items_link_only_when_they_find_a_block_of_distinct_sentences():
    zh = _article(np.stack([_unit(i) for i in range(16)]))
    density = np.zeros(16)
    params = SummaryParams()
    head = _unit(4) * 0.8 + _unit(15) * 0.6
    block = np.stack([head, _unit(5), _unit(6), _unit(8)])
    assert _list_links(block, zh, density, params) == [4, 5, 6, 8]
    scattered = np.stack([head, _unit(0), _unit(6), _unit(13)])  # 13 sentences apart
    assert _list_links(scattered, zh, density, params) == []
    one_sentence = np.stack([head, _unit(6), _unit(6), _unit(6)])  # a translated list
    assert _list_links(one_sentence, zh, density, params) == []


def test_the_seed_list_line_links_the_clusters_sentence_and_its_six_items(q7x2_output: Path):
    table = pd.read_csv(q7x2_output / "alignment.tsv", sep="\t", dtype=str, keep_default_na=False)
    row = table[table.en.str.startswith("The region has six pillar industrial clusters")]
    assert row.zh_ids.iloc[0] == "19,20,21,22,23,24,25"
    for source in ("六大产业集群", "乳业", "电子信息", "生物医药", "新材料", "新能源", "现代化工"):
        assert source in row.zh.iloc[0]
