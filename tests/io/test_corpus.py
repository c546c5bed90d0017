"""Loading corpus folders: pairs, pages, encodings, presplit ids and every input error."""

import html
import re
import shutil
from pathlib import Path

import pytest

from align.errors import InputError
from align.io.corpus import load_corpus, load_pair
from align.text.dictionary import simplified_forms

from ..paths import BENCH, SEED_DIR

ZH = "第一章 出发\n他说：“我们明天出发。”大家都同意了。\n\n天亮了，收入达5.3万元。\n"
EN = 'Chapter 1 Setting out\n"We leave tomorrow," he said. Everyone agreed.\n\nDay broke.\n'


def write(folder: Path, name: str, text: str, encoding: str = "utf-8", newline: str = "\n"):
    folder.mkdir(parents=True, exist_ok=True)
    data = text.replace("\n", newline).encode(encoding)
    (folder / name).write_bytes(data)


def pair(folder: Path, zh: str = ZH, en: str = EN, **kw) -> Path:
    write(folder, "zh.txt", zh, **kw)
    write(folder, "en.txt", en, **kw)
    return folder


def view(sentences):
    return [(s.id, s.text, s.kind, s.section) for s in sentences]


def test_pair_is_split_into_sentences(tmp_path):
    corpus = load_corpus(pair(tmp_path / "novel"))
    assert corpus.name == "novel" and corpus.source == "pair"
    assert view(corpus.zh) == [
        (0, "第一章 出发", "title", ""),
        (1, "他说：“我们明天出发。”", "body", ""),
        (2, "大家都同意了。", "body", ""),
        (3, "天亮了，收入达5.3万元。", "body", ""),
    ]
    assert [s.text for s in corpus.en] == [
        "Chapter 1 Setting out",
        '"We leave tomorrow," he said.',
        "Everyone agreed.",
        "Day broke.",
    ]


@pytest.mark.parametrize(
    "encoding",
    [
        {"encoding": "gb18030"},
        {"encoding": "utf-8-sig"},
        {"newline": "\r\n"},
        {"encoding": "gb18030", "newline": "\r\n"},
        {"encoding": "utf-16"},
    ],
)
def test_encodings_and_line_endings_give_the_same_sentences(tmp_path, encoding):
    reference = load_corpus(pair(tmp_path / "plain"))
    other = load_corpus(pair(tmp_path / "other", **encoding))
    assert view(other.zh) == view(reference.zh)
    assert view(other.en) == view(reference.en)
    presplit = load_corpus(tmp_path / "other", presplit=True)
    assert view(presplit.zh) == view(load_corpus(tmp_path / "plain", presplit=True).zh)


def test_invisible_characters_from_web_copies_change_no_sentence(tmp_path):
    """Zero-width spaces after sentence ends, a word joiner, a BOM inside the text and a
    soft hyphen show nothing on a page and must split and read as the page shows it."""
    reference = load_corpus(pair(tmp_path / "plain"))
    folder = pair(tmp_path / "web")
    for name in ("zh.txt", "en.txt"):
        path = folder / name
        text = path.read_text(encoding="utf-8")
        text = re.sub(r"([。.!?])", "\\1\u200b", text).replace("We", "\ufeffWe")
        path.write_text(text.replace("tomorrow", "to\u00admor\u2060row"), encoding="utf-8")
    web = load_corpus(folder)
    assert view(web.zh) == view(reference.zh) and view(web.en) == view(reference.en)


def test_presplit_ids_are_line_numbers_and_blank_lines_keep_theirs(tmp_path):
    corpus = load_corpus(pair(tmp_path / "c"), presplit=True)
    assert [(s.id, s.text) for s in corpus.zh] == [
        (0, "第一章 出发"),
        (1, "他说：“我们明天出发。”大家都同意了。"),
        (2, ""),
        (3, "天亮了，收入达5.3万元。"),
    ]
    assert [s.id for s in corpus.en] == [0, 1, 2, 3] and corpus.en[2].text == ""
    assert {s.kind for s in corpus.zh + corpus.en} == {"body"}


def test_seed_page_folder(tmp_path):
    corpus = load_corpus(SEED_DIR)
    assert corpus.source == "page" and corpus.name == "q7x2"
    assert 30 <= len(corpus.zh) <= 45 and 13 <= len(corpus.en) <= 16
    # a GB18030 + CRLF copy of the page reads the same
    copy = tmp_path / "q7x2"
    text = next(SEED_DIR.glob("*.txt")).read_text(encoding="utf-8")
    write(copy, "page.txt", text, encoding="gb18030", newline="\r\n")
    again = load_corpus(copy)
    assert view(again.zh) == view(corpus.zh) and view(again.en) == view(corpus.en)


def as_html(text: str) -> str:
    """A page's text as a site would serve it: each line a paragraph with inline markup
    inside, entities escaped, a head with a style and a script that show nothing."""
    paragraphs = []
    for line in text.split("\n"):
        half = len(line) // 2
        if line.strip():
            first, second = html.escape(line[:half]), html.escape(line[half:])
            paragraphs.append(f'<p><span class="lead">{first}</span><a href="#">{second}</a></p>')
    head = '<meta charset="utf-8"><style>p { margin: 0 }</style><script>var p = "<p>";</script>'
    return f"<!DOCTYPE html>\n<html><head>{head}</head><body>\n" + "\n".join(paragraphs) + (
        "\n</body></html>\n"
    )


@pytest.mark.parametrize("name", ["page.html", "page.htm", "page.txt"])
def test_an_html_page_reads_as_the_text_a_browser_shows(tmp_path, name):
    seed = load_corpus(SEED_DIR)
    text = next(SEED_DIR.glob("*.txt")).read_text(encoding="utf-8")
    write(tmp_path / "q7x2", name, as_html(text))
    page = load_corpus(tmp_path / "q7x2")
    assert view(page.zh) == view(seed.zh) and view(page.en) == view(seed.en)
    assert page.layout == seed.layout and page.source == "page"


@pytest.mark.parametrize(
    ("declaration", "encoding"),
    [('<meta charset="big5">', "big5hkscs"),
     ('<meta http-equiv="Content-Type" content="text/html; charset=GB2312">', "gb18030")],
)
def test_an_html_page_is_decoded_as_it_declares(tmp_path, declaration, encoding):
    """Big5 bytes also decode as GB18030, without an error and as nonsense: a page's
    declared charset decides."""
    to_traditional = str.maketrans({s: t for t, s in simplified_forms().items()})
    text = next(SEED_DIR.glob("*.txt")).read_text(encoding="utf-8")
    if encoding == "big5hkscs":
        text = text.translate(to_traditional)
    write(tmp_path / "text", "page.txt", text)
    markup = as_html(text).replace("<head>", f"<head>{declaration}")
    (tmp_path / "saved").mkdir()
    data = markup.encode(encoding, errors="xmlcharrefreplace")  # as a browser would save it
    (tmp_path / "saved" / "page.html").write_bytes(data)
    saved, plain = load_corpus(tmp_path / "saved"), load_corpus(tmp_path / "text")
    assert view(saved.zh) == view(plain.zh) and view(saved.en) == view(plain.en)


def test_a_text_page_wins_over_an_html_copy_beside_it(tmp_path):
    folder = tmp_path / "c"
    write(folder, "page.txt", next(SEED_DIR.glob("*.txt")).read_text(encoding="utf-8"))
    write(folder, "saved.html", "<html><body><p>另一个页面。</p><p>Another page.</p></body></html>")
    assert load_corpus(folder).zh == load_corpus(SEED_DIR).zh


def test_an_html_page_that_shows_no_text(tmp_path):
    write(tmp_path / "c", "page.html", "<html><head><script>var a = 1;</script></head></html>")
    path = tmp_path / "c" / "page.html"
    assert error(tmp_path / "c") == f"{path}: is an HTML page that shows no text"


def test_pair_wins_over_extra_text_files(tmp_path):
    folder = pair(tmp_path / "c")
    write(folder, "notes.txt", "unrelated")
    assert load_corpus(folder).source == "pair"


def test_load_pair_reads_benchmark_files():
    zh, en = (
        BENCH / "summary-dev" / "mac-dev-001" / "zh.txt",
        BENCH / "summary-dev" / "mac-dev-001" / "en.txt",
    )
    if not zh.exists():
        pytest.skip("benchmark data not present")
    corpus = load_pair(zh, en, presplit=True)
    zh_lines = zh.read_text(encoding="utf-8").split("\n")
    assert len(corpus.zh) == len(zh_lines) - (zh_lines[-1] == "")
    assert [s.id for s in corpus.en] == list(range(len(corpus.en)))
    bible = load_pair(BENCH / "bible" / "tgt" / "001", BENCH / "bible" / "src" / "001", True)
    assert (len(bible.zh), len(bible.en)) == (6301, 5000)


def error(path) -> str:
    with pytest.raises(InputError) as err:
        load_corpus(path)
    message = str(err.value)
    assert "\n" not in message
    return message


def test_missing_folder(tmp_path):
    assert error(tmp_path / "nope") == f"{tmp_path / 'nope'}: no such folder"


def test_not_a_folder(tmp_path):
    write(tmp_path, "zh.txt", ZH)
    assert error(tmp_path / "zh.txt").startswith(f"{tmp_path / 'zh.txt'}: is not a folder")


def test_empty_folder_and_folder_without_txt(tmp_path):
    (tmp_path / "empty").mkdir()
    assert "holds no .txt or .html file" in error(tmp_path / "empty")
    write(tmp_path / "other", "page.md", "你好")
    assert "holds no .txt or .html file" in error(tmp_path / "other")


def test_several_candidate_pages(tmp_path):
    folder = tmp_path / "c"
    folder.mkdir()
    shutil.copy(next(SEED_DIR.glob("*.txt")), folder / "a.txt")
    shutil.copy(folder / "a.txt", folder / "b.txt")
    assert error(folder) == (
        f"{folder}: holds 2 text files (a.txt, b.txt); expected zh.txt + en.txt "
        "or exactly one page (.txt or .html)"
    )


@pytest.mark.parametrize(("present", "missing"), [("zh.txt", "en.txt"), ("en.txt", "zh.txt")])
def test_only_one_of_the_pair(tmp_path, present, missing):
    write(tmp_path, present, ZH if present == "zh.txt" else EN)
    assert error(tmp_path) == f"{tmp_path}: has {present} but no {missing}; a pair needs both"


@pytest.mark.parametrize(
    ("zh", "en", "bad", "problem"),
    [
        ("", EN, "zh.txt", "is empty"),
        (ZH, " \n\t\n", "en.txt", "holds only whitespace"),
        (EN, EN, "zh.txt", "holds English, not Chinese"),
        (ZH, ZH, "en.txt", "holds Chinese, not English"),
        (EN, ZH, "zh.txt", "holds English and en.txt holds Chinese; the files look swapped"),
        ("。。。\n", EN, "zh.txt", "holds no Chinese sentences"),
    ],
)
def test_bad_pair_files(tmp_path, zh, en, bad, problem):
    pair(tmp_path, zh=zh, en=en)
    assert error(tmp_path) == f"{tmp_path / bad}: {problem}"


def test_undecodable_file(tmp_path):
    pair(tmp_path)
    (tmp_path / "en.txt").write_bytes(b"\xff\xfe\x00\x00\x81" * 3 + b"\x80\x80")
    assert error(tmp_path).startswith(f"{tmp_path / 'en.txt'}: ")


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("标题\n第一段。\n来源:新华网\n", "holds only Chinese text; expected Chinese and English"),
        ("A title\nFirst paragraph.\n", "holds only English text; expected Chinese and English"),
        ("", "is empty"),
    ],
)
def test_page_with_one_language(tmp_path, text, problem):
    write(tmp_path, "page.txt", text)
    assert error(tmp_path) == f"{tmp_path / 'page.txt'}: {problem}"


def test_presplit_needs_a_pair(tmp_path):
    write(tmp_path, "page.txt", "标题\nTitle\n")
    with pytest.raises(InputError, match="presplit needs zh.txt"):
        load_corpus(tmp_path, presplit=True)
