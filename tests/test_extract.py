from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from _support import ROOT, TESTS, assert_floors, load_cases, read_table, shared_path
from govnlp.analysis.evaluate import evaluate, items_from_frame, read_gold
from govnlp.extraction import extract, extract_frame
from govnlp.frame import to_frame
from govnlp.records import COLUMNS

SEED_ID = "000_1e9657a66f5be7f3"


@pytest.fixture(scope="module")
def seed_scores(sample_text: str):  # type: ignore[no-untyped-def]
    frame = to_frame(extract(sample_text, doc_id=SEED_ID))
    return evaluate(read_gold(TESTS / "data" / "seed.tsv"), items_from_frame(frame))


def test_seed_quality_bar(seed_scores) -> None:  # type: ignore[no-untyped-def]
    _, _, f1 = seed_scores.prf()
    assert f1 >= 0.98
    assert seed_scores.share("county") >= 0.98
    assert seed_scores.share("subject") >= 0.90
    assert seed_scores.share("metric") >= 0.90


def test_seed_every_required_figure_has_its_county(sample_text: str) -> None:
    records = extract(sample_text, doc_id=SEED_ID)
    gold = [r for r in read_table(TESTS / "data" / "seed.tsv") if r["optional"] == "0"]
    pending = list(records)
    for row in gold:
        hit = next(r for r in pending if r.text == row["text"])
        pending.remove(hit)
        assert hit.county == row["county"], row["text"]
        assert (hit.prefecture, hit.province) == ("濮阳市", "河南省")


def _gold_scores(folder: str) -> Any:
    """Scores of extract on the paragraphs of a gold folder (tests/dev, tests/holdout)."""
    real = shared_path("corpora", "real")
    paras = read_table(TESTS / folder / "paragraphs.tsv")
    records = []
    for doc_id in sorted({p["doc_id"] for p in paras}):
        records += extract((real / f"{doc_id}.txt").read_text(encoding="utf-8"), doc_id=doc_id)
    spans = [(p["doc_id"], int(p["start"]), int(p["end"])) for p in paras]
    pred = [i for i in items_from_frame(to_frame(records))
            if any(i.doc_id == d and s <= (i.start or 0) < e for d, s, e in spans)]  # fmt: skip
    return evaluate(read_gold(TESTS / folder / "gold.tsv"), pred)


# The floors of each report gold (F1: the figures found; else the share of matched figures with
# that attribute right), a little under the measured scores: a regression fails the build.
REPORT_FLOORS: dict[str, dict[str, float]] = {
    # 35 paragraphs of 29 documents: figures, counties, subjects, metrics.
    "dev": {"F1": 0.97, "county": 0.97, "qualifier": 0.97, "subject": 0.92, "metric": 0.90,
            "period": 0.94, "role": 0.98},
    # Measured before any rule was made on it: F1 0.986, county 0.968, subject 0.878, metric
    # 0.743, period 0.899, role 0.931.
    "dev2": {"F1": 0.98, "county": 0.95, "qualifier": 0.97, "subject": 0.95, "metric": 0.92,
             "period": 0.98, "role": 0.98},
    # Measured before any rule was made on it: F1 0.993, county 0.993, qualifier 0.986, subject
    # 0.906, metric 0.626, period 0.871, role 0.978.
    "dev3": {"F1": 0.98, "county": 0.98, "subject": 0.94, "metric": 0.90, "period": 0.97,
             "role": 0.96},
    # New paragraphs of four reports. Measured before any rule was made on it: F1 0.982, county
    # 1.000, subject 0.914, metric 0.704, role 1.000.
    "dev4": {"F1": 0.97, "county": 0.98, "subject": 0.91, "metric": 0.82, "period": 0.97,
             "role": 0.98},
    # 24 paragraphs drawn at random from 18 reports and bulletins. Measured before any rule was
    # made on it: F1 0.988, county 0.992, subject 0.918, metric 0.868, period 0.930, role 1.000.
    # After the rules of the same round: subject 0.946, metric 0.899; 0.969 and 0.934 with the
    # rules written from the next set and from both.
    "dev5": {"F1": 0.98, "county": 0.98, "subject": 0.95, "metric": 0.92, "period": 0.92,
             "role": 0.99},
    # 24 paragraphs drawn at random from 17 reports and bulletins. Measured before any rule was
    # made on it: F1 0.994, county 1.000, subject 0.906, metric 0.832, period 0.922, role 1.000.
    # After the rules of the same round: subject 0.918, metric 0.906.
    "dev6": {"F1": 0.98, "county": 0.99, "subject": 0.90, "metric": 0.89, "period": 0.93,
             "role": 0.99},
    # 24 paragraphs drawn at random from 17 reports and bulletins. Measured before any rule was
    # made on it: F1 0.989, county 0.996, subject 0.911, metric 0.834, period 0.931, role 0.996.
    "dev7": {"F1": 0.98, "county": 0.98, "subject": 0.89, "metric": 0.81, "period": 0.91,
             "role": 0.98},
    # 24 paragraphs drawn at random from 18 reports and bulletins, annotated blind. Measured
    # before any rule was made on it: F1 0.990, county 1.000, subject 0.912, metric 0.867, period
    # 0.912, role 1.000; period 0.944 once 8 rows missing a written 全年 were corrected in the gold.
    "dev8": {"F1": 0.98, "county": 0.99, "subject": 0.90, "metric": 0.85, "period": 0.90,
             "role": 0.99},
    # Held out: annotated blind, never tuned on. Measured when it was added: F1 0.989, county
    # 0.945, qualifier 0.991, subject 0.797, metric 0.701, period 0.769, role 0.945; period 0.977
    # after the period rules made on the dev gold (base years, earlier sentences). The floors
    # guard against regressions only.
    "holdout": {"F1": 0.97, "county": 0.96, "qualifier": 0.97, "subject": 0.84, "metric": 0.77,
                "period": 0.95, "role": 0.90},
}  # fmt: skip


@pytest.mark.parametrize("folder", list(REPORT_FLOORS))
def test_report_gold_scores(folder: str) -> None:
    """Scores on the paragraphs of a report gold (tests/<folder>) stay above its floors."""
    assert_floors(_gold_scores(folder), REPORT_FLOORS[folder], folder)


def test_offsets_hold_on_every_real_text() -> None:
    real = shared_path("corpora", "real")
    for path in sorted(real.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        for r in extract(text, doc_id=path.stem):
            assert text[r.start : r.end] == r.text
            assert r.text in r.sentence


@settings(max_examples=150, deadline=None)
@given(
    st.text(
        alphabet=st.sampled_from(
            list(
                "0123456789.,%万亿元个县市约近余多以上左右至-、，。\n#全县该县濮阳县南乐第一二三十百千两年月"
            )
        ),
        max_size=80,
    )
)
def test_extract_never_raises_and_keeps_offsets(text: str) -> None:
    for r in extract(text):
        assert text[r.start : r.end] == r.text


def test_document_date_resolves_relative_periods() -> None:
    (r,) = extract("今年以来，全县新增企业120家。", date="2023-10-20")
    assert (r.period, r.year) == ("今年以来", 2023)
    assert (r.period_start, r.period_end) == (dt.date(2023, 1, 1), dt.date(2023, 10, 20))


def test_period_forms() -> None:
    text = "2022年第二季度，全县完成投资5亿元。上半年新增企业30家。“十四五”期间建成项目50个。"
    records = extract(text, date="2023-07-15")
    by_text = {r.text: r for r in records}
    q2 = by_text["5亿元"]
    assert (q2.period_start, q2.period_end) == (dt.date(2022, 4, 1), dt.date(2022, 6, 30))
    half = by_text["30家"]
    assert (half.period_start, half.period_end) == (dt.date(2023, 1, 1), dt.date(2023, 6, 30))
    plan = by_text["50个"]
    assert (plan.period_start, plan.period_end) == (dt.date(2021, 1, 1), dt.date(2025, 12, 31))


def test_region_metadata_is_the_county_of_last_resort() -> None:
    (r,) = extract("全县新增企业120家。", region="南乐县")
    assert (r.county, r.county_code) == ("南乐县", "410923")
    (r,) = extract("全县新增企业120家。")
    assert r.county is None


def test_title_sets_the_document_county() -> None:
    text = "2022年顺平县政府工作报告\n各位代表：\n全县地区生产总值增长6.5%。"
    (r,) = extract(text)
    assert (r.county, r.subject, r.metric) == ("顺平县", "地区生产总值", "增长")


def test_city_report_figures_have_no_county() -> None:
    text = "2024年三亚市政府工作报告\n全市地区生产总值增长8%，其中吉阳区新增企业50家。"
    records = {r.text: r for r in extract(text)}
    assert records["8%"].county is None
    assert records["50家"].county == "吉阳区"


def test_roles() -> None:
    text = "2023年全县地区生产总值增长6.5%。2024年主要预期目标是：地区生产总值增长7%左右。"
    actual, target = extract(text)
    assert (actual.role, target.role) == ("actual", "target")
    assert target.subject == "地区生产总值" and target.metric == "增长"


def test_extract_frame_has_the_contract_columns() -> None:
    frame = extract_frame([("a", "全县新增企业120家，投资5亿元。"), ("b", "没有数字。")])
    assert tuple(frame.columns) == COLUMNS
    assert str(frame["kind"].dtype) == "category"
    assert str(frame["value_high"].dtype) == "Float64"
    assert str(frame["year"].dtype) == "Int64"
    assert list(frame["doc_id"]) == ["a", "a"]
    assert frame["value"].tolist() == [120.0, 500000000.0]


def test_extract_frame_from_a_dataframe() -> None:
    import pandas as pd

    docs = pd.DataFrame({"id": ["x"], "text": ["今年以来新增企业12家。"], "date": ["2024-03-01"],
                         "region": ["范县"]})  # fmt: skip
    frame = extract_frame(docs)
    row = frame.iloc[0]
    assert (row["doc_id"], row["county"], row["year"]) == ("x", "范县", 2024)


def test_bad_arguments_name_the_parameter() -> None:
    from govnlp.errors import ConfigError

    with pytest.raises(ConfigError, match="date"):
        extract("1个", date="yesterday")
    with pytest.raises(TypeError, match="text"):
        extract(None)  # type: ignore[arg-type]


@pytest.mark.parametrize("date", ["2023-10-20xyz", "20231020", "2023-02-30", "2023-10"])
def test_a_date_with_more_or_less_than_an_iso_day_is_refused(date: str) -> None:
    from govnlp.errors import ConfigError

    with pytest.raises(ConfigError, match="ISO date"):
        extract("全县完成投资5亿元。", date=date)


@pytest.mark.parametrize("date", ["2023-10-20", "2023-10-20T08:30:00", "2023-10-20 08:30+08:00"])
def test_an_iso_day_alone_or_with_a_time_dates_the_document(date: str) -> None:
    (r,) = extract("今年全县完成投资5亿元。", date=date)
    assert r.year == 2023


def test_a_bad_region_in_a_frame_names_its_document() -> None:
    import pandas as pd

    from govnlp.errors import ConfigError

    docs = pd.DataFrame({"id": ["ok", "bad"], "text": ["全县完成投资5亿元。"] * 2,
                         "region": ["范县", "不是地方"]})  # fmt: skip
    with pytest.raises(ConfigError, match=r"document 'bad'.*不是地方"):
        extract_frame(docs)


def test_sample_ships_with_the_package() -> None:
    assert (ROOT / "corpora" / "sample" / f"{SEED_ID}.txt").is_file()


@pytest.mark.parametrize(
    ("text", "figure", "subject", "metric", "period", "role"),
    load_cases("links", fields=("text", "figure", "subject", "metric", "period", "role")),
)
def test_link_cases(
    text: str, figure: str, subject: str, metric: str, period: str, role: str
) -> None:
    text = text.replace("\\n", "\n")  # a line break
    records = [r for r in extract(text) if r.text == figure]
    assert records, f"no figure {figure!r}"
    r = records[0]
    expected = {"subject": subject, "metric": metric, "period": period, "role": role}
    got = {"subject": r.subject, "metric": r.metric, "period": r.period, "role": r.role}
    for key, want in expected.items():
        if want == "-":
            assert got[key] is None, key
        elif want:
            assert got[key] == want, key


def test_a_plan_section_titled_with_its_goals_makes_targets() -> None:
    text = (
        "一、2023年工作回顾\n全年新增就业1.2万人。\n"
        "二、2024年主要目标和重点任务\n稳住重点领域投资。新开工重大产业项目100个以上，建成投产20个以上。"
    )
    roles = {r.text: r.role for r in extract(text)}
    assert roles == {"1.2万人": "actual", "100个以上": "target", "20个以上": "target"}


def test_an_unnamed_city_report_gives_counties_only_to_their_clauses() -> None:
    # city-gwr-037: the opening says 我代表市人民政府 without naming the city
    text = (
        "各位代表：\n现在，我代表市人民政府向大会报告工作，请予审议。\n"
        "扎实开展锂电新能源产业整治规范提升行动，7座含锂生产矿山全部建成绿色矿山，"
        "奉新、万载锂渣消纳场投入使用，预计全产业实现营收1000亿元。"
    )
    counties = {r.text: r.county for r in extract(text)}
    assert counties == {"7座": None, "1000亿元": None}


def test_records_do_not_depend_on_the_hash_seed() -> None:
    """Word lists read as sets must not decide a record: processes with different hash seeds give
    the same records on the sample and on the link cases."""
    import os
    import subprocess
    import sys

    script = (
        "import sys, govnlp\n"
        "from _support import SAMPLE, read_table, CASES\n"
        "texts = [SAMPLE.read_text(encoding='utf-8')]\n"
        "texts += [r['text'].replace('\\\\n', '\\n') for r in read_table(CASES / 'links.tsv')]\n"
        "for t in texts:\n"
        "    for r in govnlp.extract(t):\n"
        "        print(r.start, r.text, r.subject, r.metric, r.county, r.role, r.year)\n"
    )
    outputs = []
    for seed in ("1", "3", "6"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        done = subprocess.run(
            [sys.executable, "-c", script], cwd=TESTS, env=env, capture_output=True, text=True,
            check=True,
        )
        outputs.append(done.stdout)
    assert outputs[0] and outputs[0] == outputs[1] == outputs[2]
