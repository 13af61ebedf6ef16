"""Public functions given arguments they cannot use raise a govnlp error (a TypeError or
ValueError) that names the parameter, the row or id, and what was expected; the records frame
holds float values by default and exact Decimal values on request."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

import pandas as pd
import pytest

import govnlp
from govnlp.errors import ArgumentError, ConfigError, GovnlpError

TEXT = "2023年，南乐县总投资261.35亿元，增长3至5%，出生率3‰。"


def test_argument_errors_are_govnlp_type_errors() -> None:
    assert issubclass(ArgumentError, GovnlpError) and issubclass(ArgumentError, TypeError)


@pytest.mark.parametrize(
    ("call", "words"),
    [
        (lambda: govnlp.find_figures(None), ["text", "NoneType"]),
        (lambda: govnlp.find_figures(b"1\xe4\xba\xbf"), ["text", "bytes", "decode"]),
        (lambda: govnlp.parse_money(None), ["s must be a str"]),
        (lambda: govnlp.parse_figure(12), ["s must be a str", "int"]),
        (lambda: govnlp.parse_number(1), ["text", "int"]),
        (lambda: govnlp.normalize(None), ["text", "NoneType"]),
        (lambda: govnlp.tokenize(None), ["text", "NoneType"]),
        (lambda: govnlp.tokenize(b"abc"), ["text", "bytes"]),
        (lambda: govnlp.audit("some text"), ["records", "str", "Record"]),
        (lambda: govnlp.audit([1, 2]), ["records[0]", "int", "Record"]),
        (lambda: govnlp.panel("some text"), ["frame", "str"]),
        (lambda: govnlp.to_csv("some text", "x.csv"), ["frame", "str"]),
        (lambda: govnlp.to_stata({"a": 1}, "x.dta"), ["frame", "dict"]),
        (lambda: govnlp.to_csv([], None), ["path", "NoneType"]),
        (lambda: govnlp.extract_frame("some text"), ["docs", "one text", "extract(text)"]),
        (lambda: govnlp.extract_frame(5), ["docs", "int"]),
        (lambda: govnlp.extract_frame([5]), ["document 1", "int"]),
        (lambda: govnlp.extract_frame([("a", None)]), ["document 1", "id 'a'", "NoneType"]),
        (lambda: govnlp.extract_frame({"a": "x", "b": b"y"}), ["docs['b']", "bytes"]),
    ],
)
def test_a_wrong_argument_is_named(call: Any, words: list[str]) -> None:
    with pytest.raises(ArgumentError) as raised:
        call()
    for word in words:
        assert word in str(raised.value)


def test_a_missing_text_in_a_table_names_its_row_and_id() -> None:
    docs = pd.DataFrame({"id": ["a", "b", "c"], "text": [TEXT, None, TEXT]})
    with pytest.raises(ArgumentError, match=r"docs row 2 \(id 'b'\): text must be a str"):
        govnlp.extract_frame(docs)
    unnamed = pd.DataFrame({"text": [TEXT, float("nan")]})
    with pytest.raises(ArgumentError, match=r"docs row 2 \(id '#2'\).*missing"):
        govnlp.extract_frame(unnamed)


def test_a_dict_of_id_to_text_is_read_as_pairs() -> None:
    by_dict = govnlp.extract_frame({"a": TEXT, "b": "共56个"})
    by_pairs = govnlp.extract_frame([("a", TEXT), ("b", "共56个")])
    pd.testing.assert_frame_equal(by_dict, by_pairs)
    assert set(by_dict["doc_id"]) == {"a", "b"} and len(by_dict) == 4


def test_a_bad_role_is_named() -> None:
    with pytest.raises(ConfigError, match="role must be one of"):
        govnlp.panel(govnlp.extract(TEXT).to_frame(), role="actaul")


def test_exports_take_records_as_extract_returns_them(tmp_path: Path) -> None:
    records = govnlp.extract(TEXT, doc_id="d")
    frame = govnlp.to_frame(records)
    a = govnlp.to_csv(list(records), tmp_path / "from_list.csv")
    b = govnlp.to_csv(frame, tmp_path / "from_frame.csv")
    assert a.read_bytes() == b.read_bytes()
    with pd.io.stata.StataReader(govnlp.to_stata(list(records), tmp_path / "r.dta")) as reader:
        back = reader.read()
    assert back["text"].tolist() == [r.text for r in records]


def test_audit_and_panel_take_records_as_extract_returns_them() -> None:
    text = "2023年，该县共实施省市重点项目56个，其中新建项目36个、续建项目30个。"
    records = govnlp.extract(text, doc_id="d", region="南乐县")
    assert govnlp.audit(records) == govnlp.audit(list(records))
    assert [f.check for f in govnlp.audit(list(records))] == ["parts_sum"]
    pd.testing.assert_frame_equal(govnlp.panel(list(records)), govnlp.panel(records.to_frame()))


# --------------------------------------------------------------------------------------------
# value and value_high: float64 and Float64, or exact Decimal by one switch


def test_values_are_floats_by_default_and_decimals_with_exact() -> None:
    records = govnlp.extract(TEXT, doc_id="d")
    frame = govnlp.extract_frame([("d", TEXT)])
    assert str(frame["value"].dtype) == "float64" and str(frame["value_high"].dtype) == "Float64"
    exact = govnlp.extract_frame([("d", TEXT)], exact=True)
    assert exact["value"].tolist() == [r.value for r in records]
    assert [None if v is None else v for v in exact["value_high"]] == [
        r.value_high for r in records
    ]
    assert all(isinstance(v, Decimal) for v in exact["value"])
    same = records.to_frame(exact=True)
    assert same["value"].tolist() == exact["value"].tolist()


def test_per_mille_is_stored_as_percent() -> None:
    by_unit = {r.text: (r.value, r.unit) for r in govnlp.extract("出生率3‰，死亡率千分之五")}
    assert by_unit == {"3‰": (Decimal("0.3"), "%"), "千分之五": (Decimal("0.5"), "%")}
