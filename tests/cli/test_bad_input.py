"""`align run` on bad or awkward input: a one-line error and no output, or correct handling.

Cases already in test_cli_run.py (missing or empty folder, empty zh.txt, a Chinese-only
page, undecodable bytes, swapped files, a foreign --out folder, an unknown --model) are
not repeated here; its helpers are reused.
"""

from __future__ import annotations

import hashlib
import re
import struct
import zlib
from pathlib import Path

import pytest

from align.io.alignfile import read_alignment
from align.io.textfile import MAX_BYTES

from .test_cli_run import SEED, align, assert_one_line_error, write

ZH_PAIR = "今天下午会下雨。\n我们明天出发。\n"
EN_PAIR = "It will rain this afternoon.\nWe leave tomorrow.\n"


def snapshot(folder: Path) -> dict[str, tuple[int, str]]:
    """Every file's size and hash, to check that a run left the corpus as it was."""
    return {
        p.name: (p.stat().st_size, hashlib.sha256(p.read_bytes()).hexdigest())
        for p in sorted(folder.iterdir())
    }


def make_corpus(tmp_path: Path, files: dict[str, bytes | str]) -> Path:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for name, data in files.items():
        write(corpus, name, data)
    return corpus


def assert_refused(tmp_path: Path, corpus: Path, *words: str, args: tuple[str, ...] = ()) -> None:
    """One-line error naming `words`, no output folder, and the corpus untouched."""
    before = snapshot(corpus)
    out = tmp_path / "out"
    result = align("run", str(corpus), "--out", str(out), *args)
    assert_one_line_error(result, *words)
    assert not out.exists()
    assert snapshot(corpus) == before


def png_bytes() -> bytes:
    """A real 1x1 PNG image."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        crc = struct.pack(">I", zlib.crc32(kind + data))
        return struct.pack(">I", len(data)) + kind + data + crc

    header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    pixels = zlib.compress(b"\x00\xff\x00\x00")
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(
        b"IEND", b""
    )


# --- refused with one line -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("files", "words"),
    [
        ({"zh.txt": ZH_PAIR, "en.txt": ""}, ["en.txt", "is empty"]),
        ({"zh.txt": EN_PAIR, "en.txt": "Good morning.\n"}, ["zh.txt", "holds English"]),
        ({"zh.txt": ZH_PAIR, "en.txt": "早上好。\n"}, ["en.txt", "holds Chinese"]),
        ({"page.txt": "A title\nThe first paragraph.\n"}, ["page.txt", "only English"]),
        ({"zh.txt": png_bytes(), "en.txt": EN_PAIR}, ["zh.txt", "PNG image"]),
        ({"zh.txt": ZH_PAIR, "en.txt": bytes(range(256)) * 8}, ["en.txt", "binary"]),
    ],
    ids=["empty-en", "both-english", "both-chinese", "english-only-page", "png", "binary"],
)
def test_bad_files_are_refused_in_one_line(tmp_path, files, words):
    assert_refused(tmp_path, make_corpus(tmp_path, files), *words)


def test_a_file_over_the_size_limit_is_refused_naming_the_limit(tmp_path):
    corpus = make_corpus(tmp_path, {"zh.txt": ZH_PAIR})
    line = b"The quick brown fox jumps over the lazy dog near the river bank.\n"
    with open(corpus / "en.txt", "wb") as handle:
        for _ in range(50 * 10**6 // len(line) + 1):  # a 50 MB file of real text
            handle.write(line)
    assert (corpus / "en.txt").stat().st_size > 50 * 10**6 > MAX_BYTES
    limit = f"limit of {MAX_BYTES // 2**20} MiB"
    assert_refused(tmp_path, corpus, "en.txt", "48 MiB", limit)


def test_a_folder_without_a_model_names_the_folder_and_the_offline_default(tmp_path):
    corpus = make_corpus(tmp_path, {"zh.txt": ZH_PAIR, "en.txt": EN_PAIR})
    model = tmp_path / "my-model"
    model.mkdir()
    assert_refused(tmp_path, corpus, str(model), "--model 'use'", args=("--model", str(model)))


def test_a_folder_without_a_model_is_not_called_missing(tmp_path):
    corpus = make_corpus(tmp_path, {"zh.txt": ZH_PAIR, "en.txt": EN_PAIR})
    model = tmp_path / "my-model"
    model.mkdir()
    result = align("run", str(corpus), "--out", str(tmp_path / "out"), "--model", str(model))
    assert_one_line_error(result, str(model))
    assert "not a local folder" not in result.stderr
    assert re.search(r"holds no|no (sentence-transformers )?model", result.stderr)


# --- handled -------------------------------------------------------------------------------


def run_ok(tmp_path: Path, corpus: Path, *args: str) -> Path:
    before = snapshot(corpus)
    out = tmp_path / "out"
    result = align("run", str(corpus), "--out", str(out), *args)
    assert result.returncode == 0, result.stderr
    assert snapshot(corpus) == before
    return out


def sentences(out: Path, lang: str) -> list[str]:
    return (out / f"{lang}.sentences.txt").read_text(encoding="utf-8").split("\n")[:-1]


def assert_every_id_once(out: Path) -> list[tuple[list[int], list[int]]]:
    groups = read_alignment(out / "alignment.align")
    for side, lang in ((0, "zh"), (1, "en")):
        ids = sorted(i for group in groups for i in group[side])
        assert ids == list(range(len(sentences(out, lang)))), lang
    return groups


@pytest.mark.parametrize(
    ("zh_bytes", "en_bytes"),
    [
        (ZH_PAIR.encode("utf-16"), b"\xfe\xff" + EN_PAIR.encode("utf-16-be")),
        (ZH_PAIR.replace("\n", "\r\n").encode("gb18030"), EN_PAIR.encode("utf-8-sig")),
    ],
    ids=["utf16-bom", "gb18030-crlf"],
)
def test_other_encodings_align_like_utf8(tmp_path, zh_bytes, en_bytes):
    corpus = make_corpus(tmp_path, {"zh.txt": zh_bytes, "en.txt": en_bytes})
    out = run_ok(tmp_path, corpus, "--mode", "translation")
    assert sentences(out, "zh") == ZH_PAIR.splitlines()
    assert sentences(out, "en") == EN_PAIR.splitlines()
    assert read_alignment(out / "alignment.align") == [([0], [0]), ([1], [1])]


def unpunctuated_chinese(n: int) -> str:
    """`n` Chinese characters of the seed page with every mark and space taken out."""
    han = re.findall(r"[\u4e00-\u9fff]", next(SEED.glob("*.txt")).read_text(encoding="utf-8"))
    return "".join(han * (n // len(han) + 1))[:n]


def test_a_20000_character_sentence_without_punctuation_is_cut_and_aligned(tmp_path):
    zh = unpunctuated_chinese(20_000)
    en = " ".join(["the city draws universities and research institutes"] * 40)
    corpus = make_corpus(tmp_path, {"zh.txt": zh + "\n", "en.txt": en + "\n"})
    out = run_ok(tmp_path, corpus, "--mode", "translation")
    zh_sentences, en_sentences = sentences(out, "zh"), sentences(out, "en")
    assert "".join(zh_sentences) == zh and " ".join(en_sentences) == en
    assert len(zh_sentences) > 1 and max(map(len, zh_sentences)) <= 300
    assert len(en_sentences) > 1
    groups = assert_every_id_once(out)
    assert any(zh_ids and en_ids for zh_ids, en_ids in groups)


def test_a_presplit_line_of_20000_characters_stays_one_sentence(tmp_path):
    zh = unpunctuated_chinese(20_000)
    corpus = make_corpus(tmp_path, {"zh.txt": f"{zh}\n我们明天出发。\n", "en.txt": EN_PAIR})
    out = run_ok(tmp_path, corpus, "--presplit", "--mode", "translation")
    assert sentences(out, "zh") == [zh, "我们明天出发。"]
    assert_every_id_once(out)


def has_word(text: str) -> bool:
    return bool(re.search(r"[^\W_]", text))


@pytest.mark.parametrize("presplit", [False, True], ids=["split", "presplit"])
def test_lines_of_only_whitespace_or_punctuation(tmp_path, presplit):
    zh = "  \n。。。\n今天下午会下雨。\n\t\n！？\n我们明天出发。\n"
    en = " \n...\nIt will rain this afternoon.\n ; \nWe leave tomorrow.\n"
    corpus = make_corpus(tmp_path, {"zh.txt": zh, "en.txt": en})
    args = ("--mode", "translation") + (("--presplit",) if presplit else ())
    out = run_ok(tmp_path, corpus, *args)
    zh_sentences, en_sentences = sentences(out, "zh"), sentences(out, "en")
    if presplit:  # ids are line numbers, blank lines included
        assert len(zh_sentences) == 6 and len(en_sentences) == 5
    else:  # no sentence without a word; no word lost
        assert [s for s in zh_sentences if has_word(s)] == zh_sentences
        assert [s for s in en_sentences if has_word(s)] == en_sentences
        assert "今天下午会下雨。" in zh_sentences and "We leave tomorrow." in en_sentences
    groups = assert_every_id_once(out)
    rain = zh_sentences.index("今天下午会下雨。")
    leave = zh_sentences.index("我们明天出发。")
    assert any(rain in z and en_sentences.index("It will rain this afternoon.") in e
               for z, e in groups)
    assert any(leave in z and en_sentences.index("We leave tomorrow.") in e for z, e in groups)
    for zh_ids, en_ids in groups:  # a sentence with words is never linked to bare marks only
        zh_words = any(has_word(zh_sentences[i]) for i in zh_ids)
        en_words = any(has_word(en_sentences[j]) for j in en_ids)
        if zh_ids and en_ids:
            assert zh_words == en_words, (zh_ids, en_ids)
