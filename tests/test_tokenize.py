from __future__ import annotations

import pytest

from _support import load_cases, read_table, shared_path
from govnlp.figures.find import find_figures
from govnlp.text.tokenizer import Tokenizer, tokenize


@pytest.fixture(scope="module")
def tokenizer() -> Tokenizer:
    return Tokenizer()


@pytest.mark.parametrize(("text", "token"), load_cases("tokens", fields=("text", "token")))
def test_whole_tokens(tokenizer: Tokenizer, text: str, token: str) -> None:
    assert token in tokenizer.tokenize(text)


def _boundaries(tokenizer: Tokenizer, text: str) -> set[int]:
    return {i for span in tokenizer.spans(text) for i in span}


def test_sample_counties_and_figures_stay_whole(tokenizer: Tokenizer, sample_text: str) -> None:
    tokens = tokenizer.tokenize(sample_text)
    for county in ("濮阳县", "清丰县", "范县", "南乐县", "台前县"):
        assert county in tokens
    assert "范" not in tokens
    bounds = _boundaries(tokenizer, sample_text)
    gold = read_table(shared_path("gold", "seed.tsv"))
    figures = find_figures(sample_text)
    assert {f.text for f in figures} >= {r["text"] for r in gold if r["optional"] == "0"}
    for figure in figures:
        assert figure.start in bounds and figure.end in bounds, figure.text


def test_offsets_cover_every_non_space_character(tokenizer: Tokenizer, sample_text: str) -> None:
    spans = tokenizer.spans(sample_text)
    covered = "".join(sample_text[s:e] for s, e in spans)
    assert covered == "".join(sample_text.split())
    assert all(a < b for a, b in spans)


def test_original_characters_are_returned(tokenizer: Tokenizer) -> None:
    tokens = tokenizer.tokenize("總投資１２．３億元")
    assert tokens[-1] == "１２．３億元"
    assert "".join(tokens) == "總投資１２．３億元"


def test_private_dictionary_leaves_global_jieba_alone(tokenizer: Tokenizer) -> None:
    import jieba

    tokenizer.tokenize("深入开展万人助万企活动")
    assert "万人助万企" not in jieba.dt.FREQ or not jieba.dt.FREQ.get("万人助万企")
    assert tokenizer.jieba is not jieba.dt


def test_module_level_tokenize() -> None:
    assert tokenize("范县") == ["范县"]
    assert tokenize("") == []
