from __future__ import annotations

from importlib.metadata import entry_points
from pathlib import Path

import pytest
import spacy

import govnlp
from govnlp.pipeline import TOKENIZER_NAME, GovnlpSpacyTokenizer

TEXTS = [
    "2023年,该县共实施省市重点项目56个,总投资796.5亿元。",
    "全县347名分包干部包联企业312家。",
    "示范县建设 范县 50余万元",
]


@pytest.fixture(scope="module")
def nlp() -> spacy.Language:
    return govnlp.load()


def test_tokenizer_is_published_as_an_entry_point() -> None:
    names = {ep.name for ep in entry_points(group="spacy_tokenizers")}
    assert TOKENIZER_NAME in names
    assert spacy.registry.tokenizers.get(TOKENIZER_NAME) is not None


def test_load_is_blank_chinese_with_govnlp_tokenizer(nlp: spacy.Language) -> None:
    assert nlp.lang == "zh"
    assert isinstance(nlp.tokenizer, GovnlpSpacyTokenizer)
    assert nlp.config["nlp"]["tokenizer"]["@tokenizers"] == TOKENIZER_NAME
    doc = nlp(TEXTS[1])
    assert [t.text for t in doc][:4] == ["全县", "347名", "分包干部", "包联"]


def test_doc_text_is_the_input(nlp: spacy.Language) -> None:
    for text in [*TEXTS, "  两个  空格\n\n换行 ", ""]:
        assert nlp(text).text == text


def test_round_trip_through_disk(nlp: spacy.Language, tmp_path: Path) -> None:
    nlp.to_disk(tmp_path / "model")
    again = spacy.load(tmp_path / "model")
    for text in TEXTS:
        assert [t.text for t in again(text)] == [t.text for t in nlp(text)]


def test_pipe_with_two_processes(nlp: spacy.Language) -> None:
    single = [[t.text for t in doc] for doc in nlp.pipe(TEXTS)]
    multi = [[t.text for t in doc] for doc in nlp.pipe(TEXTS * 2, n_process=2, batch_size=2)]
    assert multi == single * 2
