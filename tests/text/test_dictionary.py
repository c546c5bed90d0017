"""CC-CEDICT read once per machine: what is kept in the cache folder, and when it is not."""

import pytest

from align.text import dictionary


@pytest.fixture
def fresh_cache(tmp_path, monkeypatch):
    """The dictionary as a new process on a new machine would read it, then as it was."""
    monkeypatch.setenv("ALIGN_CACHE_DIR", str(tmp_path))
    dictionary.definitions.cache_clear()
    dictionary.simplified_forms.cache_clear()
    yield tmp_path
    dictionary.definitions.cache_clear()
    dictionary.simplified_forms.cache_clear()


def test_the_parsed_dictionary_is_kept_and_read_back(fresh_cache):
    parsed = dictionary.definitions()
    kept = list(fresh_cache.glob("cedict-[0-9]*.json"))
    assert len(kept) == 1 and not list(fresh_cache.glob("*.part"))
    dictionary.definitions.cache_clear()
    assert dictionary.definitions() == parsed
    assert "经济" in parsed and any("econom" in d for d in parsed["经济"])
    assert "經濟" in parsed  # traditional headwords too


def test_a_damaged_kept_dictionary_is_parsed_again(fresh_cache):
    dictionary.definitions()
    (kept,) = fresh_cache.glob("cedict-[0-9]*.json")
    kept.write_text('{"经济": ["trun', encoding="utf-8")  # cut short, as by a full disk
    dictionary.definitions.cache_clear()
    assert len(dictionary.definitions()["经济"]) >= 1
    assert len(kept.read_text(encoding="utf-8")) > 1_000_000  # and written again whole


def test_an_unwritable_cache_folder_only_costs_time(fresh_cache, monkeypatch):
    blocked = fresh_cache / "file-not-folder"
    blocked.write_text("", encoding="utf-8")
    monkeypatch.setenv("ALIGN_CACHE_DIR", str(blocked))
    assert "经济" in dictionary.definitions()


def test_simplified_forms_leave_characters_simplified_writing_uses(fresh_cache):
    forms = dictionary.simplified_forms()
    assert [forms[c] for c in "們這個說萬億兩"] == list("们这个说万亿两")
    assert not {"於", "著", "乾", "们", "经"} & set(forms)  # valid simplified characters stay
    assert list(fresh_cache.glob("cedict-simplified-*.json"))
