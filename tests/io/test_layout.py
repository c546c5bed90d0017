"""Hard-wrapped text joined back into paragraphs, and text that must be left as it is."""

import textwrap

import pytest

from align.io.corpus import load_corpus
from align.io.layout import is_hard_wrapped, unwrap

from ..paths import BENCH

pytestmark = pytest.mark.skipif(not (BENCH / "mac-dev").is_dir(), reason="needs ../shared/bench")


def _chapter(side: str) -> list[str]:
    return (BENCH / "mac-dev" / side / "003").read_text(encoding="utf-8").splitlines()


def _paragraphs(lines: list[str], size: int, joiner: str) -> list[str]:
    return [joiner.join(lines[i : i + size]) for i in range(0, len(lines), size)]


def _wrapped(paragraphs: list[str], fill) -> list[str]:
    text = "\n\n".join(fill(paragraph) for paragraph in paragraphs)
    return text.split("\n")


def test_english_wrapped_at_72_columns_gets_its_paragraphs_back():
    paragraphs = _paragraphs(_chapter("tgt"), 6, " ")
    lines = _wrapped(paragraphs, lambda p: textwrap.fill(p, 72))
    assert is_hard_wrapped(lines, "en")
    assert unwrap(lines, "en") == paragraphs


def test_chinese_wrapped_at_30_characters_gets_its_paragraphs_back():
    paragraphs = _paragraphs(_chapter("src"), 4, "")
    lines = _wrapped(paragraphs, lambda p: "\n".join(p[i : i + 30] for i in range(0, len(p), 30)))
    assert is_hard_wrapped(lines, "zh")
    # a space of the original that the wrap left at a line's edge is not kept
    assert [p.replace(" ", "") for p in unwrap(lines, "zh")] == [
        p.replace(" ", "") for p in paragraphs
    ]


@pytest.mark.parametrize("side", ["src", "tgt"])
def test_a_sentence_or_a_paragraph_per_line_is_left_alone(side):
    lang = "zh" if side == "src" else "en"
    for lines in (_chapter(side), _paragraphs(_chapter(side), 4, "" if lang == "zh" else " ")):
        assert not is_hard_wrapped(lines, lang)
        assert unwrap(lines, lang) is lines


def test_verse_is_left_alone():
    verse = ["Tyger Tyger, burning bright,", "In the forests of the night;",
             "What immortal hand or eye,", "Could frame thy fearful symmetry?"] * 4  # fmt: skip
    assert not is_hard_wrapped(verse, "en")


def test_a_wrapped_corpus_loads_as_its_unwrapped_original(tmp_path):
    zh, en = _paragraphs(_chapter("src"), 4, ""), _paragraphs(_chapter("tgt"), 6, " ")
    plain, wrapped = tmp_path / "plain", tmp_path / "wrapped"
    for folder, en_text in ((plain, "\n\n".join(en)),
                            (wrapped, "\n\n".join(textwrap.fill(p, 72) for p in en))):  # fmt: skip
        folder.mkdir()
        (folder / "zh.txt").write_text("\n\n".join(zh), encoding="utf-8")
        (folder / "en.txt").write_text(en_text, encoding="utf-8")
    assert load_corpus(wrapped).en == load_corpus(plain).en
