"""Stata and Excel-friendly CSV exports: the Chinese survives, the types are Stata's."""

from __future__ import annotations

import warnings
from pathlib import Path

import pandas as pd
import pytest

from govnlp.analysis.audit import panel
from govnlp.extraction import extract, extract_frame
from govnlp.frame import to_frame
from govnlp.io.export import MAX_LABEL, MAX_NAME, stata_names, to_csv, to_stata


@pytest.fixture(scope="module")
def frame(sample_text: str) -> pd.DataFrame:
    return extract_frame([("濮阳/000", sample_text)])


def _read(path: Path) -> tuple[pd.DataFrame, dict[str, str]]:
    with pd.io.stata.StataReader(path) as reader:
        return reader.read(), reader.variable_labels()


def _strings(series: pd.Series) -> list[str]:
    return series.astype(object).where(series.notna(), "").tolist()


def test_records_read_back_with_the_same_chinese(frame: pd.DataFrame, tmp_path: Path) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        path = to_stata(frame, tmp_path / "records.dta", data_label="濮阳 sample")
    back, labels = _read(path)
    assert len(back) == len(frame)
    for col in ("doc_id", "kind", "text", "sentence", "county", "subject", "metric", "period"):
        assert _strings(back[col]) == _strings(frame[col]), col
    assert back["value"].tolist() == frame["value"].tolist()
    assert back["value_high"].isna().tolist() == frame["value_high"].isna().tolist()
    assert back["year"].fillna(0).astype(int).tolist() == frame["year"].fillna(0).tolist()
    assert back["start"].tolist() == frame["start"].tolist()
    # Stata reserves `end`: it becomes `_end`, labelled with the original name
    assert back["_end"].tolist() == frame["end"].tolist() and labels["_end"] == "end"
    starts = frame["period_start"].astype(object)
    assert [d.date() if pd.notna(d) else None for d in back["period_start"]] == [
        d if pd.notna(d) else None for d in starts
    ]
    assert pd.io.stata.StataReader(path).data_label == "濮阳 sample"


def test_exact_values_and_object_columns_become_numbers(sample_text: str, tmp_path: Path) -> None:
    exact = to_frame(extract(sample_text), exact=True)
    back, _ = _read(to_stata(exact, tmp_path / "exact.dta"))
    assert back["value"].tolist() == [float(v) for v in exact["value"]]
    assert pd.api.types.is_float_dtype(back["value_high"])


def test_panel_keeps_its_keys_and_names_as_labels(frame: pd.DataFrame, tmp_path: Path) -> None:
    wide = panel(frame)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        back, labels = _read(to_stata(wide, tmp_path / "panel.dta"))
    assert list(back.columns[:3]) == ["county_code", "county", "year"]
    assert _strings(back["county"]) == wide.index.get_level_values("county").tolist()
    name = stata_names(["省市重点项目|总投资"])[0]
    assert name == "省市重点项目_总投资" and labels[name] == "省市重点项目|总投资"
    assert labels[name + "_src"] == "省市重点项目|总投资|source"
    assert back[name].tolist() == pytest.approx(wide["省市重点项目|总投资"].tolist(), nan_ok=True)
    assert all(len(c) <= MAX_NAME for c in back.columns)
    assert len(set(back.columns)) == len(back.columns)


def test_stata_names() -> None:
    names = stata_names(["end", "2023年|增长", "a b", "a-b", "“三个一批”项目|", "x" * 40,
                         "x" * 40 + "|source", "y" * 40, "y" * 41, "|"])  # fmt: skip
    assert names[:5] == ["_end", "_2023年_增长", "a_b", "a_b_2", "三个一批_项目"]
    assert names[5] == "x" * 32 and names[6] == "x" * 28 + "_src"
    assert names[7] == "y" * 32 and names[8] == "y" * 30 + "_2"
    assert names[9] == "v"
    assert all(len(n) <= MAX_NAME for n in names)


def test_long_labels_long_strings_and_nullable_types(tmp_path: Path) -> None:
    long_text = "地区生产总值增长5%左右。" * 300  # 3900 characters, past str2045
    data = pd.DataFrame(
        {
            "名称|长": pd.array(["濮阳县", pd.NA], dtype="string"),
            "flag": pd.array([True, pd.NA], dtype="boolean"),
            "n": pd.array([1, 2], dtype="Int64"),
            "kind": pd.Categorical(["money", None]),
            "text": [long_text, "短"],
        }
    )
    back, labels = _read(to_stata(data, tmp_path / "t.dta", variable_labels={"n": "数" * 100}))
    assert back["名称_长"].tolist() == ["濮阳县", ""] and labels["名称_长"] == "名称|长"
    assert back["flag"].tolist()[0] == 1 and pd.isna(back["flag"].tolist()[1])
    assert back["n"].tolist() == [1, 2]
    assert _strings(back["kind"]) == ["money", ""]
    assert back["text"].tolist() == [long_text, "短"]
    assert labels["n"] == "数" * (MAX_LABEL - 1) + "…"


def test_csv_opens_in_excel_and_keeps_the_panel_keys(frame: pd.DataFrame, tmp_path: Path) -> None:
    path = to_csv(frame, tmp_path / "records.csv")
    assert path.read_bytes().startswith(b"\xef\xbb\xbf")
    back = pd.read_csv(path, encoding="utf-8-sig", dtype=str, keep_default_na=False)
    assert back["sentence"].tolist() == frame["sentence"].tolist()
    wide = panel(frame)
    back = pd.read_csv(to_csv(wide, tmp_path / "panel.csv"), encoding="utf-8-sig")
    assert list(back.columns[:3]) == ["county_code", "county", "year"]
    assert len(back) == len(wide)
