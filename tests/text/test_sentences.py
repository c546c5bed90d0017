"""Sentence splitting on the hard cases: quotes, decimals, abbreviations, long lines."""


import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from align.records import Block
from align.text.sentences import (
    EN_HARD_WORDS,
    ZH_HARD_CHARS,
    ZH_SOFT_CHARS,
    split_blocks,
    split_en,
    split_zh,
)

from ..paths import BENCH

ZH_CASES = [
    # a quote keeps its closing mark; the text after it starts a new sentence
    (
        "习近平总书记指出:“发展新质生产力是内在要求。”为深入贯彻指示要求,提出实施工程。",
        ["习近平总书记指出:“发展新质生产力是内在要求。”", "为深入贯彻指示要求,提出实施工程。"],
    ),
    ("他说：“好！”然后走了。", ["他说：“好！”", "然后走了。"]),
    ("“你去哪儿？”他问。", ["“你去哪儿？”", "他问。"]),
    # a mark followed by a comma does not end the sentence
    ("“好！”，他说。", ["“好！”，他说。"]),
    ("苹果、香蕉……，都有。", ["苹果、香蕉……，都有。"]),
    # decimals and percentages
    (
        "首府在2023年增加5.3万人的基础上,今年增长2.5%。收入达3.14亿元。",
        ["首府在2023年增加5.3万人的基础上,今年增长2.5%。", "收入达3.14亿元。"],
    ),
    ("（这是括号里的话。）下一句。", ["（这是括号里的话。）", "下一句。"]),
    ("这是第一句。这是第二句！这是第三句？", ["这是第一句。", "这是第二句！", "这是第三句？"]),
    ("半角问号也行?对!", ["半角问号也行?", "对!"]),
    # an ellipsis is a pause inside the sentence unless a quotation ends or begins there
    # (real lines of mac-dev, split as its gold splits them)
    ("韦小宝道：“我……我昨晚杀了这小孩子，吓得什么都忘了。",
     ["韦小宝道：“我……我昨晚杀了这小孩子，吓得什么都忘了。"]),
    ("温家兄弟还不出钱来，自会乘皇上不在……”韦小宝道：“皇上？”",
     ["温家兄弟还不出钱来，自会乘皇上不在……”", "韦小宝道：“皇上？”"]),
    ("飞舞着成群结队的绿头苍蝇……“小娘子，你可不能让",
     ["飞舞着成群结队的绿头苍蝇……", "“小娘子，你可不能让"]),
    ("专访《Innovation drives growth in Hohhot》(呼和浩特)。", None),
    # headings: a line is never joined with the next
    (
        "发展新质生产力“有优质条件”\n近年来,呼和浩特坚持原则。",
        ["发展新质生产力“有优质条件”", "近年来,呼和浩特坚持原则。"],
    ),
    ("标题一\n\n标题二", ["标题一", "标题二"]),
    # nothing to say: no sentences
    ("", []),
    ("   \n\u3000\xa0\n", []),
    ("。。。！", []),
    ("……", []),
    # stray punctuation is glued to its neighbour, never dropped or left alone
    ("好。。", ["好。。"]),
]


@pytest.mark.parametrize(("text", "expected"), ZH_CASES)
def test_split_zh(text, expected):
    got = split_zh(text)
    assert got == (expected if expected is not None else [text])


EN_CASES = [
    # "me" is one of pysbd's abbreviations (Maine), and an everyday word (mac-dev)
    (
        "Unable to beat me at wrestling, Shan Men Er began to punch me. I kicked him into a"
        " manure pit",
        ["Unable to beat me at wrestling, Shan Men Er began to punch me.",
         "I kicked him into a manure pit"],
    ),
    ("See No. 5 and Fig. 3 for details.", ["See No. 5 and Fig. 3 for details."]),
    # real lines of mac-dev: a closing quote stays with its sentence, also where pysbd
    # decides ("man" is one of its abbreviations); a dash-broken speech ends its sentence
    (
        '"Breathtaking, aren\'t they? It\'s too bad that they are all like the ears of a deaf'
        ' man." "Why?"',
        ['"Breathtaking, aren\'t they?', 'It\'s too bad that they are all like the ears of a deaf'
         ' man."', '"Why?"'],
    ),
    (
        'when they were testing a supersensitive satellite reception antenna—" "That\'s more'
        ' than enough," Sha interrupted, waving his hands.',
        ['when they were testing a supersensitive satellite reception antenna—"',
         '"That\'s more than enough," Sha interrupted, waving his hands.'],
    ),
    (
        '"Industrial development has followed a greener path," the mayor said. It grew.',
        ['"Industrial development has followed a greener path," the mayor said.', "It grew."],
    ),
    (
        "Revenue exceeded 256 billion yuan ($36.5 billion) last year, up 2.5%. It rose again.",
        [
            "Revenue exceeded 256 billion yuan ($36.5 billion) last year, up 2.5%.",
            "It rose again.",
        ],
    ),
    (
        "Mr. Smith met Dr. Jones on Monday. They spoke.",
        ["Mr. Smith met Dr. Jones on Monday.", "They spoke."],
    ),
    ("I live in the U.S. He lives in China.", ["I live in the U.S.", "He lives in China."]),
    ("The U.S. economy grew. China too.", ["The U.S. economy grew.", "China too."]),
    (
        "Some cities, e.g. Hohhot, grew fast. See No. 5 for more.",
        ["Some cities, e.g. Hohhot, grew fast.", "See No. 5 for more."],
    ),
    ('He said: "Go!" She left.', ['He said: "Go!"', "She left."]),
    ('"Go!" she said.', ['"Go!" she said.']),
    ("Wait... What? Yes.", ["Wait...", "What?", "Yes."]),
    ("Innovation drives growth in Hohhot\nThe city aims high.", None),
    ("", []),
    ("  \n\t\n", []),
    ("... !?", []),
]


@pytest.mark.parametrize(("text", "expected"), EN_CASES)
def test_split_en(text, expected):
    got = split_en(text)
    assert got == (expected if expected is not None else text.split("\n"))


def test_long_comma_chained_chinese_is_cut_at_commas_into_balanced_pieces():
    clause = "围绕产业链条加快推进项目建设"
    text = "，".join([clause] * 30) + "。"
    pieces = split_zh(text)
    assert len(pieces) > 1
    assert "".join(pieces) == text  # nothing lost, nothing added
    assert all(len(p) <= ZH_SOFT_CHARS for p in pieces)
    assert all(p.endswith(("，", "。")) for p in pieces)
    assert max(map(len, pieces)) - min(map(len, pieces)) < 2 * len(clause)
    assert split_zh(text) == pieces  # deterministic


def test_long_chinese_sentence_prefers_semicolons():
    half = "，".join(["推进新型工业化建设"] * 9)
    text = f"{half}；{half}。"
    assert split_zh(text) == [f"{half}；", f"{half}。"]


def test_no_tiny_piece_is_cut_off():
    text = "同时，" + "这是一段没有任何逗号的很长的话" * 12 + "。"
    pieces = split_zh(text)
    assert pieces == [text]  # the only comma would leave a 3-character stub


def test_unpunctuated_chinese_line_is_cut_into_fixed_pieces():
    text = "字" * 20_000
    pieces = split_zh(text)
    assert "".join(pieces) == text
    assert all(0 < len(p) <= ZH_HARD_CHARS for p in pieces)
    assert len(pieces) == -(-20_000 // ZH_HARD_CHARS)


def test_unpunctuated_english_line_is_cut_into_fixed_pieces():
    words = [f"w{i}" for i in range(4_000)]
    pieces = split_en(" ".join(words))
    assert " ".join(pieces).split() == words
    assert all(0 < len(p.split()) <= EN_HARD_WORDS for p in pieces)


def test_english_blob_without_spaces_is_cut():
    pieces = split_en("x" * 20_000)
    assert "".join(pieces) == "x" * 20_000 and len(pieces) > 1


def test_split_blocks_numbers_sentences_and_tracks_sections():
    blocks = [
        Block("标题：创新引领发展", "title"),
        Block("导读内容第一句。第二句。", "lead"),
        Block("一、有优质条件", "heading"),
        Block("正文第一句。正文第二句。", "body"),
        Block("二、有平台支撑", "heading"),
        Block("正文第三句。", "body"),
    ]
    got = [(s.id, s.text, s.kind, s.section) for s in split_blocks(blocks, "zh")]
    assert got == [
        (0, "标题：创新引领发展", "title", ""),
        (1, "导读内容第一句。", "lead", ""),
        (2, "第二句。", "lead", ""),
        (3, "一、有优质条件", "heading", "一、有优质条件"),
        (4, "正文第一句。", "body", "一、有优质条件"),
        (5, "正文第二句。", "body", "一、有优质条件"),
        (6, "二、有平台支撑", "heading", "二、有平台支撑"),
        (7, "正文第三句。", "body", "二、有平台支撑"),
    ]


def test_split_blocks_keeps_a_title_whole_and_drops_empty_blocks():
    blocks = [Block("Why now? A city answers", "title"), Block("  ", "body"), Block("Hi.", "body")]
    got = [(s.id, s.text, s.kind) for s in split_blocks(blocks, "en")]
    assert got == [(0, "Why now? A city answers", "title"), (1, "Hi.", "body")]


def test_bible_chinese_lines_mostly_stay_one_sentence():
    path = BENCH / "bible" / "tgt" / "001"
    if not path.exists():
        pytest.skip("benchmark data not present")
    lines = path.read_text(encoding="utf-8").splitlines()
    paragraphs = ["".join(lines[i : i + 5]) for i in range(0, len(lines), 5)]
    sentences = split_zh("\n".join(paragraphs))
    assert "".join(sentences).replace(" ", "") == "".join(lines).replace(" ", "")
    assert abs(len(sentences) - len(lines)) < 0.1 * len(lines)


ZH_ALPHABET = "天地人和。，；！？…“”（）《》、:,;!? \n5.3%Ab"
EN_ALPHABET = 'Mr Dr U.S. e.g. No 5.3 $ % "Go!" ? ; , ... the cat sat\n'


def _text_of_wordy_lines(text: str) -> str:
    """What splitting must keep: every non-space character of lines that hold a word."""
    return "".join("".join(line.split()) for line in text.split("\n") if _has_word(line))


def _has_word(text: str) -> bool:
    return any(ch.isalnum() for ch in text)


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=ZH_ALPHABET, max_size=400))
def test_split_zh_keeps_every_character_and_makes_no_empty_sentence(text):
    sentences = split_zh(text)
    assert all(s and s == s.strip() and _has_word(s) for s in sentences)
    assert "".join("".join(sentences).split()) == _text_of_wordy_lines(text)


@settings(max_examples=100, deadline=None)
@given(st.lists(st.sampled_from(EN_ALPHABET.split(" ")), max_size=80))
def test_split_en_keeps_every_word_and_makes_no_empty_sentence(words):
    text = " ".join(words)
    sentences = split_en(text)
    assert all(s and s == s.strip() and _has_word(s) for s in sentences)
    assert "".join("".join(sentences).split()) == _text_of_wordy_lines(text)
