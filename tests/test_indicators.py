"""Canonical indicators: the record column, the tidy table and the place × year panel."""

from __future__ import annotations

import shutil
from pathlib import Path

import pandas as pd
import pytest

import govnlp
from _support import load_cases
from govnlp.analysis.indicators import COLUMNS as TABLE_COLUMNS
from govnlp.errors import ConfigError, LexiconError
from govnlp.extraction import extract, extract_frame
from govnlp.frame import to_frame
from govnlp.io.export import to_csv, to_stata
from govnlp.lexicon import default_lexicon, load_lexicon
from govnlp.linking.indicator import MEASURES, indicator_matcher, indicator_of
from govnlp.records import COLUMNS

FIELDS = ("subject", "metric", "kind", "unit", "indicator", "measure")

# A county's work report, shortened from a real one (清苑区 2024, shared/corpora/real):
# last year's results, then this year's targets.
REPORT = """保定市清苑区2024年政府工作报告
一、2023年工作回顾
主要经济指标稳中有进，全年地区生产总值完成176.6亿元，同比增长5.5%；固定资产投资完成45.4亿元，同比增长13.9%；规模以上工业增加值完成32.6亿元，同比增长10.7%；城乡居民人均可支配收入分别达到42469元和26000元，分别同比增长5.8%和6.8%，全区主要经济指标增速全部高于全市平均水平。新增高新技术企业15家。
二、2024年工作安排
全区经济社会发展的预期目标是：生产总值增长6%左右，一般公共预算收入增长6%左右，规上工业增加值增长6%以上，固定资产投资增长7%左右，城乡居民人均可支配收入分别增长6.5%、7%。"""


def _none(value: str) -> str | None:
    return None if value == "-" else value


@pytest.mark.parametrize(FIELDS, load_cases("indicators", fields=FIELDS))
def test_subject_and_metric_name_an_indicator(
    subject: str, metric: str, kind: str, unit: str, indicator: str, measure: str
) -> None:
    got = indicator_of(
        _none(subject), _none(metric), kind=kind, unit=unit, lexicon=default_lexicon()
    )
    assert got == (_none(indicator), _none(measure))


def test_every_form_names_its_own_indicator() -> None:
    lex = default_lexicon()
    for indicator in lex.indicators:
        for form in indicator.forms:
            found, measure = indicator_of(form, None, kind=indicator.kind, lexicon=lex)
            assert found == indicator.id, form
            assert measure in MEASURES


def test_the_matcher_is_built_once_per_lexicon() -> None:
    lex = default_lexicon()
    assert indicator_matcher(lex) is indicator_matcher(lex)


def test_rules_file_errors_name_file_and_key(tmp_path: Path) -> None:
    root = tmp_path / "lexicons"
    shutil.copytree(default_lexicon().root, root)
    rules = root / "rules" / "indicators.toml"
    text = rules.read_text(encoding="utf-8")
    rules.write_text(text.replace("place_length = 3", 'place_length = "3"'), encoding="utf-8")
    with pytest.raises(LexiconError, match=r"indicators\.toml:\d+: 'place_length' must be int"):
        indicator_matcher(load_lexicon(root))


def test_records_carry_the_indicator_after_the_metric() -> None:
    assert COLUMNS[COLUMNS.index("metric") + 1] == "indicator"
    records = extract(REPORT, doc_id="qingyuan-2024")
    got = {(r.text, r.indicator) for r in records if r.indicator}
    assert ("5.5%", "gdp") in got and ("6%左右", "gdp") in got and ("176.6亿元", "gdp") in got
    assert ("45.4亿元", "fixed_asset_investment") in got
    frame = to_frame(records)
    assert list(frame.columns) == list(COLUMNS)
    assert frame["indicator"].dtype == "string"
    # newly recognised firms are neither the stock of 高新技术企业 nor its net change
    firms = frame[frame["text"] == "15家"]
    assert len(firms) == 1 and firms["indicator"].isna().all()


def test_a_work_report_gives_gdp_growth_target_and_actual() -> None:
    table = govnlp.indicators(extract(REPORT, doc_id="qingyuan-2024"))
    gdp = table[(table["indicator"] == "gdp") & (table["measure"] == "growth")]
    rows = {(r.role, r.year, r.value, r.qualifier, r.text) for r in gdp.itertuples()}
    assert rows == {("actual", 2023, 5.5, "", "5.5%"), ("target", 2024, 6.0, "about", "6%左右")}
    assert set(gdp["county"]) == {"清苑区"} and set(gdp["county_code"]) == {"130608"}


def test_indicators_table_shape_and_types() -> None:
    frame = extract_frame([("qingyuan-2024", REPORT), ("none", "全县共有学校12所。")])
    table = govnlp.indicators(frame)
    assert list(table.columns) == list(TABLE_COLUMNS) == [
        "doc_id", "county", "county_code", "prefecture", "province", "year", "indicator",
        "indicator_name", "measure", "role", "value", "unit", "qualifier", "text", "start", "end",
    ]  # fmt: skip
    assert len(table) == frame["indicator"].notna().sum() > 0
    strings = ["doc_id", "county", "county_code", "prefecture", "province", "indicator",
               "indicator_name", "unit", "qualifier", "text"]  # fmt: skip
    assert all(table[c].dtype == "string" for c in strings)
    assert table["year"].dtype == "Int64" and table["value"].dtype == "float64"
    assert table["start"].dtype == "int64" and table["end"].dtype == "int64"
    assert list(table["measure"].cat.categories) == ["level", "growth"]
    assert list(table["role"].cat.categories) == ["actual", "target"]
    assert set(table.loc[table["indicator"] == "gdp", "indicator_name"]) == {"地区生产总值"}
    for row in table.itertuples():  # the offsets lead back to the source
        assert REPORT[row.start : row.end] == row.text


def test_indicators_of_a_records_file_read_back(tmp_path: Path) -> None:
    frame = extract_frame([("qingyuan-2024", REPORT)])
    to_csv(frame, tmp_path / "records.csv")
    back = pd.read_csv(tmp_path / "records.csv", encoding="utf-8-sig")
    assert govnlp.indicators(back)[["indicator", "measure", "value"]].equals(
        govnlp.indicators(frame)[["indicator", "measure", "value"]]
    )
    with pytest.raises(ConfigError, match="indicator"):
        govnlp.indicators(back.drop(columns=["indicator"]))


def test_panel_of_indicators_is_wide_by_place_and_year() -> None:
    frame = extract_frame([("qingyuan-2024", REPORT)])
    wide = govnlp.panel(frame, indicators=True)
    assert wide.index.names == ["place_code", "place", "level", "year"]
    assert list(wide.index) == [("130608", "清苑区", "county", 2023),
                                ("130608", "清苑区", "county", 2024)]  # fmt: skip
    row23, row24 = (wide.xs(y, level="year").iloc[0] for y in (2023, 2024))
    assert row24["gdp_growth_target"] == 6.0 and pd.isna(row24["gdp_growth_actual"])
    assert row23["gdp_growth_actual"] == 5.5 and row23["gdp_level_actual"] == 176.6e8
    source = row23["gdp_growth_actual|source"]
    doc_id, span = source.split(":")
    start, end = map(int, span.split("-"))
    assert doc_id == "qingyuan-2024" and REPORT[start:end] == "5.5%"
    values = [c for c in wide.columns if not c.endswith("|source")]
    assert all(wide[c].dtype == "float64" for c in values)
    assert values.index("gdp_level_actual") < values.index("gdp_growth_actual")
    assert wide.attrs["units"]["gdp_growth"] == "%" and wide.attrs["units"]["gdp_level"] == "元"


def test_panel_without_indicators_is_by_subject_and_metric() -> None:
    frame = extract_frame([("qingyuan-2024", REPORT)])
    wide = govnlp.panel(frame)
    assert "地区生产总值|增长" in wide.columns and "gdp_growth_actual" not in wide.columns
    assert wide.index.names == ["county_code", "county", "year"]


def test_the_indicator_reaches_the_stata_file(tmp_path: Path) -> None:
    frame = extract_frame([("qingyuan-2024", REPORT)])
    with pd.io.stata.StataReader(to_stata(frame, tmp_path / "records.dta")) as reader:
        back = reader.read()
    assert back["indicator"].tolist() == frame["indicator"].fillna("").tolist()
    wide = govnlp.panel(frame, indicators=True)
    with pd.io.stata.StataReader(to_stata(wide, tmp_path / "panel.dta")) as reader:
        names = list(reader.read().columns)
    assert "gdp_growth_target" in names and "gdp_growth_target_src" in names


def test_batch_output_has_the_column() -> None:
    from govnlp.batch.sink import arrow_schema

    names = arrow_schema().names
    assert names[names.index("metric") + 1] == "indicator"


def test_spacy_spans_carry_the_indicator() -> None:
    nlp = govnlp.load()
    doc = nlp("2023年，全县地区生产总值完成181.5亿元，增长5.8%。")
    got = [(s.text, s._.govnlp_indicator, s._.govnlp["indicator"]) for s in doc.spans["govnlp"]]
    assert got == [("181.5亿元", "gdp", "gdp"), ("5.8%", "gdp", "gdp")]


def test_no_indicator_gives_empty_tables_of_the_same_shape() -> None:
    frame = extract_frame([("schools", "全县共有学校12所，教师850名。")])
    assert len(frame) == 2
    table = govnlp.indicators(frame)
    assert len(table) == 0 and list(table.columns) == list(TABLE_COLUMNS)
    wide = govnlp.panel(frame, indicators=True)
    assert wide.empty and wide.index.names == ["place_code", "place", "level", "year"]


@pytest.mark.parametrize(
    ("text", "figure", "indicator"),
    [
        ("新增就业4974人。", "4974人", "urban_new_jobs"),  # county-gwr-037
        ("全年新增就业3500人，城镇失业率控制在4.5%以内。", "3500人", "urban_new_jobs"),
        ("城镇新增就业岗位1530个，职业介绍670人。", "1530个", "urban_new_jobs"),  # county-gwr-007
        ("新增就业人员4578人。", "4578人", "urban_new_jobs"),  # county-gwr-031
    ],
)
def test_new_jobs_without_urban_name_the_indicator_in_a_report_only(
    text: str, figure: str, indicator: str
) -> None:
    report = f"2023年某某县政府工作报告\n各位代表：\n{text}"
    (got,) = [r for r in extract(report) if r.text == figure]
    assert got.indicator == indicator
    (news,) = [r for r in extract(f"本地新闻\n{text}", date="2023-05-01") if r.text == figure]
    assert news.indicator is None  # in an article it names the jobs of anything
