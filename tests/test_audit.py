from __future__ import annotations

from decimal import Decimal

import pytest

from govnlp.analysis.audit import audit, format_flags, panel
from govnlp.extraction import extract, extract_frame


def test_share_of_two_amounts_with_rounding(sample_text: str) -> None:
    flags = [f for f in audit(extract(sample_text, doc_id="seed")) if f.check == "share_ratio"]
    by_printed = {f.texts[-1]: f for f in flags}
    share = by_printed["37.41%"]
    assert share.texts == ("128.4亿元", "343.4亿元", "37.41%")
    assert share.expected == Decimal("37.3908")  # 128.4 / 343.4
    assert share.gap == Decimal("0.0192")
    assert share.explained_by_rounding  # 128.4 and 343.4 are rounded to 0.1亿
    assert by_printed["45.5%"].explained_by_rounding


def test_share_not_explained_by_rounding() -> None:
    text = "已完成投资128.4亿元，年度计划投资343.4亿元，已完成投资占年度计划投资的39.5%。"
    (flag,) = audit(extract(text, doc_id="d"))
    assert flag.check == "share_ratio" and not flag.explained_by_rounding
    assert flag.gap == Decimal("39.5") - flag.expected


def test_parts_that_exceed_their_total() -> None:
    text = "2023年，该县共实施省市重点项目56个，其中新建项目36个、续建项目30个。"
    (flag,) = audit(extract_frame([("d", text)]))
    assert flag.check == "parts_sum"
    assert flag.texts == ("56个", "36个", "30个")
    assert (flag.expected, flag.printed, flag.gap) == (66, 56, -10)
    assert "d\tparts_sum" in format_flags([flag])


def test_parts_that_add_up_are_not_flagged(sample_text: str) -> None:
    assert not [f for f in audit(extract(sample_text)) if f.check == "parts_sum"]


def test_one_measure_with_two_values() -> None:
    text = ("2023年，全县一般公共预算收入完成12.5亿元。"
            "2023年，全县一般公共预算收入完成13.1亿元，增长5%。")  # fmt: skip
    flags = [f for f in audit(extract(text, doc_id="d")) if f.check == "conflict"]
    assert len(flags) == 1 and flags[0].texts == ("12.5亿元", "13.1亿元")
    assert flags[0].gap == Decimal("60000000")  # 0.6亿元


def test_panel_is_wide_with_sources(sample_text: str) -> None:
    frame = extract_frame([("seed", sample_text)])
    wide = panel(frame, by_year=False)
    assert wide.index.names == ["county_code", "county"]
    assert len(wide) == 5
    row = wide.loc[("410928", "濮阳县")]
    assert row["省市重点项目|总投资"] == pytest.approx(79650000000)
    start = sample_text.index("796.5亿元")
    assert row["省市重点项目|总投资|source"] == f"seed:{start}-{start + len('796.5亿元')}"


def test_panel_by_year() -> None:
    frame = extract_frame([
        ("a", "2022年顺平县政府工作报告\n2021年，全县地区生产总值增长6.5%。"),
        ("b", "2023年顺平县政府工作报告\n2022年，全县地区生产总值增长5.1%。"),
    ])  # fmt: skip
    wide = panel(frame)
    assert list(wide.index) == [("130636", "顺平县", 2021), ("130636", "顺平县", 2022)]
    assert wide["地区生产总值|增长"].tolist() == [6.5, 5.1]
