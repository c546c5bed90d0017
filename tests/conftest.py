"""Shared fixtures."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from .paths import BENCH, SEED_DIR

# --- sample_output: a small output folder in the contract's format -------------------------
# Real sentences of the seed page (corpora/q7x2): part of the Chinese article, most of the
# English summary, and a hand-made alignment with flags on both sides.
_ZH = [
    ("title", "《中国日报》专访呼和浩特市委副书记、市长贺海东:"
              "创新引领 以新质生产力推进呼和浩特高质量发展"),
    ("lead", "5月28日,栏目刊发呼和浩特市委副书记、市长贺海东专访《Innovation drives growth in "
             "Hohhot》(呼和浩特:创新引领 以新质生产力推进高质量发展)。"),
    ("body", "呼和浩特作为内蒙古自治区首府,要在加快发展新质生产力中“走在全区前列、作出首府表率”。"),
    ("heading", "发展新质生产力“有优质条件”"),
    ("body", "我市集聚了全区70%的高等教育资源、50%的科研机构、30%的高新技术企业。"),
    ("body", "落户了浙江清华长三角研究院内蒙古创新发展研究中心、上海交通大学内蒙古研究院、"
             "西安交大内蒙古智能制造研究院等,创新能力指数上升到全国第30位。"),
    ("heading", "发展新质生产力“有产业引领”"),
    ("body", "近年来,呼和浩特坚持“有所为、有所不为”原则,紧盯“高端化、智能化、绿色化”方向,"
             "培育形成“六大产业集群”。"),
    ("body", "乳业围绕“育好种、种好草、养好牛、产好奶、建好链”,正在由“中国乳都”向“世界乳都”迈进。"),
    ("body", "同时,瞄准未来信息、空间、材料、健康、能源等领域,重点布局人工智能、商业航天、"
             "低空经济、新一代半导体材料、生物工程等未来产业。"),
    ("heading", "发展新质生产力“有人才保障”"),
    ("body", "坚持“不求所有、不求所在、但求所用”,通过实施创新人才引进计划,千方百计、多种渠道引进"
             "各类人才和高水平院士专家团队,每年引进高层次人才100名以上。"),
    ("body", "同时,首府在2023年增加5.3万人的基础上,今年实施再留“五万大学生留呼”专项行动,"
             "加大产业聚人、教育医疗聚人、优美的人居环境聚人力度,争创国家级人力资源服务产业园,"
             "为发展新质生产力提供高质量的人才和智力支撑。"),
]
_EN = [
    ("title", "Innovation drives growth in Hohhot"),
    ("body", "Hohhot, capital of the Inner Mongolia autonomous region, aims to take the lead "
             "in fostering new quality productive forces, according to He Haidong, mayor of the "
             "city."),
    ("body", "In an exclusive interview with China Daily, he said Hohhot has the conditions to "
             "spur new quality productive forces, as it has, for example, 70 percent of the higher "
             "education institutions in Inner Mongolia, 50 percent of its academic institutes and "
             "30 percent of new and high-tech enterprises."),
    ("body", "The region has six pillar industrial clusters: dairy, electronic information and "
             "technology, biomedicine, new materials and equipment manufacturing, new energy, and "
             "modern chemical industries, he said."),
    ("body", '"Industrial development in Hohhot has followed a more high-end, intelligent and '
             'green path in recent years, as it is putting more attention on futuristic '
             'industries such as artificial intelligence, commercial aerospace, semiconductors and '
             'bioengineering," the mayor said.'),
    ("body", "He said the city has made efforts to introduce high-end talent, experts and "
             "academicians to work in the city, with about 100 arriving in Hohhot every year."),
    ("body", "Meanwhile, 53,000 college graduates stayed to work in the city last year, and it "
             "hopes to attract 50,000 more this year, he said."),
    ("body", "According to the local government work report, the total revenue of the dairy "
             "industry in Hohhot exceeded 256 billion yuan ($36.5 billion) last year, up 14 "
             "percent year-on-year."),
    ("byline", "Reporters: Yuan Hui and Zou Shuo"),
]
# (zh ids, en ids) in Chinese reading order; en_only rows after the row holding en id - 1.
_UNITS = [
    ([0], [0]), ([1], []), ([2], [1]), ([3], []), ([4], [2]), ([5], []), ([6], []), ([7], [3]),
    ([8], []), ([9], [4]), ([10], []), ([11], [5]), ([12], [6]), ([], [7]), ([], [8]),
]
_LINKS = {(0, 0): 0.86, (2, 1): 0.71, (4, 2): 0.83, (7, 3): 0.77, (9, 4): 0.69, (11, 5): 0.74,
          (12, 6): 0.81}
_NEAR = {(1, 0): 0.52, (5, 2): 0.44, (8, 7): 0.41, (3, 2): 0.27, (6, 3): 0.31, (10, 5): 0.29,
         (12, 8): 0.12}


def _similarity() -> np.ndarray:
    rng = np.random.default_rng(7)
    matrix = rng.uniform(0.0, 0.1, size=(len(_ZH), len(_EN)))
    for (i, j), score in {**_LINKS, **_NEAR}.items():
        matrix[i, j] = score
    return matrix.astype(np.float32)


def _sections(kinds: list[str], texts: list[str]) -> list[str]:
    sections, current = [], ""
    for kind, text in zip(kinds, texts, strict=True):
        current = text if kind == "heading" else current
        sections.append(current)
    return sections


def build_sample_output(folder: Path, similarity: bool = True) -> Path:
    """Write the output folder files of the contract for the sample above."""
    folder.mkdir(parents=True, exist_ok=True)
    zh_kinds, zh_texts = map(list, zip(*_ZH, strict=True))
    en_kinds, en_texts = map(list, zip(*_EN, strict=True))
    zh_sections = _sections(zh_kinds, zh_texts)
    matrix = _similarity()
    rows = []
    for zh_ids, en_ids in _UNITS:
        if zh_ids and en_ids:
            score, best, best_score = float(matrix[zh_ids[0], en_ids[0]]), [], ""
        elif zh_ids:
            best = [int(matrix[zh_ids[0]].argmax())]
            score, best_score = 0.0, float(matrix[zh_ids[0], best[0]])
        else:
            best = [int(matrix[:, en_ids[0]].argmax())]
            score, best_score = 0.0, float(matrix[best[0], en_ids[0]])
        status = "aligned" if zh_ids and en_ids else ("zh_only" if zh_ids else "en_only")
        rows.append({
            "zh_ids": ",".join(map(str, zh_ids)),
            "en_ids": ",".join(map(str, en_ids)),
            "zh": "".join(zh_texts[i] for i in zh_ids),
            "en": " ".join(en_texts[j] for j in en_ids),
            "score": round(score, 4),
            "status": status,
            "best_ids": ",".join(map(str, best)),
            "best_score": round(best_score, 4) if best_score != "" else "",
            "zh_kind": zh_kinds[zh_ids[0]] if zh_ids else "",
            "section": zh_sections[zh_ids[0]] if zh_ids else "",
        })
    pd.DataFrame(rows).to_csv(folder / "alignment.tsv", sep="\t", index=False)
    (folder / "alignment.align").write_text(
        "".join(f"[{','.join(map(str, z))}]:[{','.join(map(str, e))}]\n" for z, e in _UNITS),
        encoding="utf-8")
    (folder / "zh.sentences.txt").write_text("\n".join(zh_texts) + "\n", encoding="utf-8")
    (folder / "en.sentences.txt").write_text("\n".join(en_texts) + "\n", encoding="utf-8")
    sentences = [("zh", i, k, s, t) for i, (k, s, t) in
                 enumerate(zip(zh_kinds, zh_sections, zh_texts, strict=True))]
    sentences += [("en", j, k, "", t) for j, (k, t) in enumerate(zip(en_kinds, en_texts,
                                                                      strict=True))]
    pd.DataFrame(sentences, columns=["lang", "id", "kind", "section", "text"]).to_csv(
        folder / "sentences.tsv", sep="\t", index=False)
    if similarity:
        np.save(folder / "similarity.npy", matrix)
    counts = pd.Series([r["status"] for r in rows]).value_counts()
    run = {"corpus": "q7x2", "mode": "summary", "model": "hand-made fixture",
           "zh_sentences": len(_ZH), "en_sentences": len(_EN), "units": len(rows),
           "aligned": int(counts.get("aligned", 0)), "zh_only": int(counts.get("zh_only", 0)),
           "en_only": int(counts.get("en_only", 0)), "seconds": 0.0, "version": "0.1.0"}
    (folder / "run.json").write_text(json.dumps(run, indent=2), encoding="utf-8")
    return folder


@pytest.fixture
def sample_output(tmp_path: Path) -> Path:
    """A small real output folder (13 Chinese, 9 English sentences of the seed page)."""
    return build_sample_output(tmp_path / "q7x2")


@pytest.fixture(scope="session")
def q7x2_output(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real pipeline's output folder for corpora/q7x2 (one run per test session)."""
    try:
        from align.runner import RunOptions, run_corpus
    except ImportError as exc:  # the pipeline or one of its modules is not there yet
        pytest.skip(f"align.pipeline cannot be imported yet ({exc})")
    base = tmp_path_factory.mktemp("q7x2-run")
    out = base / "outputs" / "q7x2"
    corpus = SEED_DIR
    run_corpus(corpus, out, RunOptions(cache_dir=base / "cache"))
    return out


@pytest.fixture(autouse=True, scope="session")
def _isolated_cache(tmp_path_factory: pytest.TempPathFactory) -> None:
    """Tests (and the CLI processes they start) share one fresh embedding cache."""
    import os

    os.environ["ALIGN_CACHE_DIR"] = str(tmp_path_factory.mktemp("embedding-cache"))
    os.environ["HF_HUB_OFFLINE"] = "1"


class MacDevChapters:
    """Chapters of the mac-dev benchmark in translation mode, each embedded once, scored
    under any parameters: the real search on real literary text."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self._inputs: dict[str, tuple] = {}

    def input(self, chapter: str):
        if chapter not in self._inputs:
            from align.bench.texts import discover_texts, load_text
            from align.config import Groups
            from align.embed.encoders import get_encoder
            from align.embed.features import translation_features

            spec = next(s for s in discover_texts(self.folder) if s.name.endswith(chapter))
            text = load_text(spec)
            data, _ = translation_features(
                text.zh, text.en, get_encoder("use"), Groups.ACCURATE, parts=False
            )
            self._inputs[chapter] = (text, data)
        return self._inputs[chapter]

    def strict_f1(self, chapter: str, params) -> float:
        from align.bench.evaluate import evaluate
        from align.pipeline import translation_units
        from align.text.shared import shared_counter

        text, data = self.input(chapter)
        units, _ = translation_units(data, params, shared_counter(text.zh, text.en))
        groups = [(u.zh_ids, u.en_ids) for u in units]
        return evaluate(groups, text.gold, len(text.zh), len(text.en)).strict.f1


@pytest.fixture(scope="session")
def mac_dev() -> MacDevChapters:
    folder = BENCH / "mac-dev"
    if not folder.is_dir():
        pytest.skip("needs ../shared/bench/mac-dev")
    return MacDevChapters(folder)
