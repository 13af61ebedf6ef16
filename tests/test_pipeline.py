from __future__ import annotations

from decimal import Decimal
from importlib.metadata import entry_points
from pathlib import Path

import pytest
import spacy

import govnlp
from govnlp.integrations.spacy import TOKENIZER_NAME, GovnlpSpacyTokenizer

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


def test_figures_component_is_published_and_in_the_pipeline(nlp: spacy.Language) -> None:
    names = {ep.name for ep in entry_points(group="spacy_factories")}
    assert "govnlp_figures" in names
    assert nlp.pipe_names == ["govnlp_figures"]


def test_figures_as_spans_with_their_records(nlp: spacy.Language, sample_text: str) -> None:
    from govnlp.extraction import extract

    doc = nlp(sample_text)
    spans = doc.spans["govnlp"]
    records = extract(sample_text)
    assert [(s.start_char, s.end_char) for s in spans] == [(r.start, r.end) for r in records]
    assert {s.label_ for s in spans} == {"MONEY", "PERCENT", "COUNT", "QUANTITY"}
    total = next(s for s in spans if s.text == "796.5亿元")
    assert total._.govnlp_value == Decimal("79650000000")
    assert (total._.govnlp_county, total._.govnlp_subject, total._.govnlp_metric) == (
        "濮阳县",
        "省市重点项目",
        "总投资",
    )


def test_spans_survive_processes_and_docbin(nlp: spacy.Language) -> None:
    from spacy.tokens import DocBin

    docs = list(nlp.pipe(TEXTS * 2, n_process=2, batch_size=2))
    assert [s._.govnlp_value for s in docs[0].spans["govnlp"]] == [
        Decimal("56"),
        Decimal("79650000000"),
    ]
    store = DocBin(store_user_data=True, docs=docs[:1])
    (again,) = DocBin(store_user_data=True).from_bytes(store.to_bytes()).get_docs(nlp.vocab)
    assert [s._.govnlp_metric for s in again.spans["govnlp"]] == [None, "总投资"]


def test_component_round_trips_through_disk(nlp: spacy.Language, tmp_path: Path) -> None:
    nlp.to_disk(tmp_path / "pipeline")
    again = spacy.load(tmp_path / "pipeline")
    assert again.pipe_names == ["govnlp_figures"]
    doc = again(TEXTS[0])
    assert [s.text for s in doc.spans["govnlp"]] == ["56个", "796.5亿元"]


def test_a_text_longer_than_spacys_default_limit_is_read(nlp: spacy.Language) -> None:
    # spaCy refuses texts over 1,000,000 characters by default, to spare a parser's memory; the
    # pipeline has none, and a long bulletin is one document
    text = "\n" * 1_000_000 + "全县完成投资5亿元。"
    doc = nlp(text)
    assert [s.text for s in doc.spans["govnlp"]] == ["5亿元"]
