"""The GDP table of the work reports read from the records (benchmarks/gdp_table.py), on the
development corpus (skipped without it)."""

from __future__ import annotations

from types import ModuleType

from _support import TESTS, load_benchmark, shared_path


def _gdp_table() -> ModuleType:
    return load_benchmark("gdp_table")


def test_gdp_growth_target_and_last_year_read_from_the_records() -> None:
    """Measured: growth target 0.988 (85 of 86; 保8争9 has no % sign), last year's growth
    1.000. Floors a little under."""
    corpus = shared_path("corpora", "real")
    result = _gdp_table().score(corpus, TESTS / "gdp" / "table.tsv")
    assert result.reports == 86
    assert result.accuracy("target") >= 0.97
    assert result.accuracy("actual") >= 0.98


def test_the_reading_takes_the_whole_year_and_the_growth_of_gdp() -> None:
    gdp = _gdp_table()
    text = (
        "各位代表：\n一、2023年工作回顾\n"
        "GDP一季度累计增长4.7%、二季度累计增长6.3%，全年累计增长6.7%，人均地区生产总值增长7%。\n"
        "二、2024年工作安排\n主要预期目标是：地区生产总值增速高于省平1个百分点、7%左右。"
    )
    got = gdp.read_report(text, "x", 2024)
    assert got["actual"] == (gdp.Decimal("6.7"), None, "")
    assert got["target"] == (gdp.Decimal("7"), None, "about")
