"""The time of a document and of its parts: the year of a work report and of its review and
plan, a bulletin's year, five-year reviews as ranges, averages over years, and the roles and years
of an article's figures."""

from __future__ import annotations

import datetime as dt

import pytest

from _support import load_cases
from govnlp.extraction import extract
from govnlp.records import Record

REPORT = (
    "保定市某某区2024年政府工作报告\n"
    "各位代表：\n现在，我代表区人民政府，向大会报告工作，请予审议。\n"
    "一、2023年工作回顾\n"
    "过去的一年，全力以赴拼经济，着力稳预期，全区地区生产总值增长5.6%，预计全年新增就业1.2万人。\n"
    "初步核算，规上工业增加值增长7%。2022年8月以来，固定资产投资增长3%。\n"
    "二、2024年工作安排\n"
    "今年经济社会发展的主要预期目标是：地区生产总值增长6%左右；一般公共预算收入增长5%。"
    "去年全区规上工业增加值增长5.2%。\n"
)


def _by_text(records: list[Record]) -> dict[str, Record]:
    return {r.text: r for r in records}


def test_a_work_report_reviews_the_year_before_its_own_and_plans_its_own() -> None:
    got = _by_text(extract(REPORT))
    assert (got["5.6%"].year, got["5.6%"].role) == (2023, "actual")
    assert (got["1.2万人"].year, got["1.2万人"].role) == (2023, "actual")  # 预计: an estimate
    assert (got["7%"].year, got["7%"].role) == (2023, "actual")  # 初步核算
    assert (got["6%左右"].year, got["6%左右"].role) == (2024, "target")
    assert (got["5%"].year, got["5%"].role) == (2024, "target")
    # the plan quotes last year's result: it stays a result of last year
    assert (got["5.2%"].period, got["5.2%"].year, got["5.2%"].role) == ("去年", 2023, "actual")
    # a figure's own time phrase wins over its part's
    assert got["3%"].year == 2022


@pytest.mark.parametrize(
    ("sentence", "figure", "period", "year"),
    [
        # a year in a later clause is a comparison base or another event: not the figure's
        ("全市接待游客人数、旅游收入分别增长70%、79%，超过疫情前2019年水平。", "70%", None, 2023),
        ("完成老旧小区改造20个，2000年以前建成的57个老旧小区应改尽改。", "20个", None, 2023),
        ("实现年度减亏1430万元，预计2024年减亏2800万元。", "1430万元", None, 2023),
        # a time phrase in the figure's own clause dates it, before or after it
        ("全县粮食产量达到12万吨，2023年增长3.1%。", "3.1%", "2023年", 2023),
        ("完成投资5亿元的项目于2022年开工。", "5亿元", "2022年", 2022),
    ],
)
def test_a_report_figure_is_dated_by_a_later_time_phrase_only_in_its_clause(
    sentence: str, figure: str, period: str | None, year: int
) -> None:
    text = REPORT.replace("初步核算，规上工业增加值增长7%。", sentence)
    got = _by_text(extract(text))[figure]
    assert (got.period, got.year) == (period, year)


def test_the_year_of_a_report_comes_from_its_opening_date_else_its_sections_else_its_date() -> None:
    dated = "政府工作报告\n——2011年1月20日在某某县第十四届人民代表大会第五次会议上\n各位代表：\n" \
        "一、过去一年工作回顾\n全县生产总值增长12%。\n"  # fmt: skip
    assert [r.year for r in extract(dated)] == [2010]
    sectioned = (
        "各位代表：\n一、关于2014年政府工作\n全县生产总值增长6%。\n二、2015年重点工作\n生产总值增长9%。"
    )
    assert [(r.year, r.role) for r in extract(sectioned)] == [(2014, "actual"), (2015, "target")]
    bare = (
        "各位代表：\n一、过去一年工作回顾\n全县生产总值增长6%。\n二、今年工作安排\n生产总值增长7%。"
    )
    assert [r.year for r in extract(bare, date="2021-02-01")] == [2020, 2021]
    # a web page dating a report years later does not move its year
    paged = (
        "2020年某某县政府工作报告\n时间：2023-03-30\n各位代表：\n一、2019年工作回顾\n"
        "今年以来新增企业5家。"
    )
    assert [r.year for r in extract(paged)] == [2019]


def test_a_report_without_section_titles_turns_to_its_plan_at_its_year() -> None:
    text = (
        "各位代表：现在，我代表市人民政府，向大会报告工作。2023年是全面贯彻二十大精神的开局之年。"
        "全市地区生产总值增长8%。\n2024年是关键一年，做好今年工作至关重要。地区生产总值增长7%左右。"
    )
    assert [(r.year, r.role) for r in extract(text)] == [(2023, "actual"), (2024, "target")]


def test_a_five_year_review_and_its_averages_are_ranges_of_years() -> None:
    text = (
        "2026年某某省政府工作报告\n各位代表：\n一、2025年和“十四五”时期工作回顾\n"
        "全省地区生产总值增长5.4%。\n五年来，我们砥砺奋进。\n全省地区生产总值年均增长5.5%，"
        "累计新增城镇就业300万人。\n二、“十五五”时期主要目标\n居民收入年均增长5%。\n三、2026年重点工作\n"
        "全省地区生产总值增长5%左右。"
    )
    got = _by_text(extract(text))
    assert got["5.4%"].year == 2025
    for figure in ("5.5%", "300万人"):
        r = got[figure]
        assert (r.year, r.period_start, r.period_end) == (
            None, dt.date(2021, 1, 1), dt.date(2025, 12, 31),
        )  # fmt: skip
        assert r.role == "actual"
    plan = got["5%"]
    assert (plan.year, plan.period_start, plan.period_end, plan.role) == (
        None, dt.date(2026, 1, 1), dt.date(2030, 12, 31), "target",
    )  # fmt: skip
    assert got["5%左右"].year == 2026


def test_an_average_over_years_is_not_the_year_of_its_review() -> None:
    text = (
        "2021年某某县政府工作报告\n各位代表：\n一、2020年工作回顾\n"
        "五年来，全县生产总值年均增长6.5%。"
    )
    (r,) = extract(text)
    assert (r.year, r.period_start, r.period_end) == (
        None, dt.date(2016, 1, 1), dt.date(2020, 12, 31),
    )  # fmt: skip


def test_a_bulletin_reports_the_year_of_its_title() -> None:
    text = "万载县2015年国民经济和社会发展统计公报\n年末全县户籍人口59.8万人。全年粮食产量40万吨。"
    assert [(r.year, r.role) for r in extract(text)] == [(2015, "actual"), (2015, "actual")]


def test_a_base_dated_in_its_clause_does_not_date_what_follows() -> None:
    text = (
        "各位代表：\n二、2020年工作安排\n2020年经济社会发展的主要预期目标是：生产总值增长6.5%；"
        "一般公共预算收入在去年市核任务（5.55亿元）的基础上增长8.1%；社会消费品零售总额增长9%左右。"
    )
    got = _by_text(extract(text))
    assert (got["5.55亿元"].period, got["5.55亿元"].role) == ("去年", "target")  # a goal set then
    assert (got["8.1%"].period, got["8.1%"].year) == ("2020年", 2020)
    assert got["9%左右"].period == "2020年"


def test_an_article_tells_what_is_to_come_from_what_was_done() -> None:
    text = (
        "某某县年内开工项目20个\n"
        "该县计划总投资30亿元建设产业园，项目达产后年产值可达50亿元。"
        "雅培公司昨日宣布，将在嘉兴投资2.3亿美元。已签约项目12个，完成投资8亿元。"
    )
    got = _by_text(extract(text, date="2011-06-10"))
    assert {t: got[t].role for t in ("30亿元", "50亿元", "2.3亿美元")} == dict.fromkeys(
        ("30亿元", "50亿元", "2.3亿美元"), "target"
    )
    assert (got["12个"].role, got["8亿元"].role) == ("actual", "actual")
    assert got["12个"].year == 2011  # what an article reports stands in its date's year


def test_an_article_about_last_year_dates_its_figures_by_its_headline() -> None:
    text = "自治区去年政府采购规模263亿多\n发布时间：2011-04-02\n全区工程类采购规模为152.7亿元。"
    got = _by_text(extract(text, date="2011-04-02"))
    assert got["152.7亿元"].year == 2010


def test_an_estimate_of_a_year_already_over_is_a_result_in_an_article() -> None:
    text = "投产茶园已进入春茶生产高峰期，预计全年茶叶产量将在去年5700吨的基础上增加22%。"
    got = _by_text(extract(text, date="2025-04-01"))
    assert (got["5700吨"].role, got["5700吨"].year) == ("actual", 2024)
    assert (got["22%"].role, got["22%"].year) == ("target", 2025)


@pytest.mark.parametrize(
    ("text", "date", "figure", "role", "period", "year"),
    load_cases("roles", fields=("text", "date", "figure", "role", "period", "year")),
)
def test_the_role_period_and_year_of_an_article_figure(
    text: str, date: str, figure: str, role: str, period: str, year: str
) -> None:
    got = _by_text(extract(f"本地新闻\n{text}", date=date))[figure]  # under a headline
    assert (got.role or "-", got.period or "-", str(got.year or "-")) == (role, period, year)


@pytest.mark.parametrize(
    ("phrase", "first", "last"),
    [
        ("今年1-4月", dt.date(2011, 1, 1), dt.date(2011, 4, 30)),
        ("今年前5个月", dt.date(2011, 1, 1), dt.date(2011, 5, 31)),
        ("到去年10月份", dt.date(2010, 1, 1), dt.date(2010, 10, 31)),
        ("今年年初以来", dt.date(2011, 1, 1), dt.date(2011, 6, 20)),
    ],
)
def test_months_of_a_relative_year_are_dated_by_the_article(
    phrase: str, first: dt.date, last: dt.date
) -> None:
    (r,) = extract(f"本地新闻\n{phrase}，全市新增企业300家。", date="2011-06-20")
    assert (r.period, r.period_start, r.period_end) == (phrase, first, last)


def test_a_level_reached_over_a_review_of_years_is_of_its_last_year() -> None:
    text = (
        "2021年某某县政府工作报告\n各位代表：\n一、“十三五”时期工作回顾\n"
        "五年来，全县地区生产总值从2015年的45.58亿元增长到70.11亿元，年均增长4.7%。"
        "\n全县新增企业300家。"
    )
    got = _by_text(extract(text))
    assert (got["45.58亿元"].period, got["45.58亿元"].year) == ("2015年", 2015)
    reached = got["70.11亿元"]
    assert (reached.period, reached.year, reached.period_end) == (
        "五年来", 2020, dt.date(2020, 12, 31),
    )  # fmt: skip
    assert got["300家"].year is None  # no level reached: the range of the review
