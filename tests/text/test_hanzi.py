"""Traditional Chinese given to the encoders as simplified, and what that does for a chapter."""


import pytest

from align.bench.evaluate import evaluate
from align.bench.texts import discover_texts, load_text
from align.pipeline import align_sentences
from align.text.dictionary import simplified_forms
from align.text.hanzi import looks_traditional, simplified

from ..paths import BENCH


def test_a_traditional_text_is_read_as_simplified_with_the_same_lengths():
    texts = ["卻說秦氏因聽見寶玉夢中喚他的乳名，心中納悶。", "襲人問：「是怎麼了？」"]
    assert looks_traditional(texts)
    assert simplified(texts) == [
        "却说秦氏因听见宝玉梦中唤他的乳名，心中纳闷。", "袭人问：「是怎么了？」"
    ]
    assert [len(t) for t in simplified(texts)] == [len(t) for t in texts]


def test_a_simplified_text_is_left_alone():
    texts = ["呼和浩特作为内蒙古自治区首府，要走在全区前列。", "他於是说：“著名的乾隆。”"]
    assert not looks_traditional(texts)
    assert simplified(texts) is texts


@pytest.mark.skipif(not (BENCH / "mac-dev").is_dir(), reason="needs ../shared/bench")
def test_a_chapter_in_traditional_characters_aligns_as_its_original():
    spec = next(s for s in discover_texts(BENCH / "mac-dev") if s.name.endswith("003"))
    text = load_text(spec)
    to_traditional = str.maketrans({s: t for t, s in simplified_forms().items()})
    traditional = [sentence.translate(to_traditional) for sentence in text.zh]
    assert looks_traditional(traditional) and traditional != text.zh

    def f1(zh: list[str]) -> float:
        units = align_sentences(zh, text.en, mode="translation").units
        groups = [(u.zh_ids, u.en_ids) for u in units]
        return evaluate(groups, text.gold, len(text.zh), len(text.en)).strict.f1

    assert f1(traditional) == f1(text.zh) > 0.85
