"""News articles: the article's place from its headline, dateline and lead; scope words; page
furniture; names at the document's date; false places from ordinary words."""

from __future__ import annotations

from collections import defaultdict

import pytest

import govnlp
from _support import CASES, read_table

ROWS = read_table(CASES / "articles.tsv")
TEXTS: dict[tuple[str, str, str], list[dict[str, str]]] = defaultdict(list)
for _row in ROWS:
    TEXTS[(_row["text"], _row["date"], _row["region"])].append(_row)


def _cell(value: str) -> str | None:
    return None if value == "-" else value


@pytest.mark.parametrize(("key"), list(TEXTS), ids=lambda k: k[0][:24])
def test_article_place_fields(key: tuple[str, str, str]) -> None:
    text, date, region = key
    text = text.replace("\\n", "\n")
    records = govnlp.extract(text, date=date or None, region=region or None)
    for r in records:
        assert text[r.start : r.end] == r.text
    got = {r.text: (r.county, r.county_code, r.prefecture, r.province) for r in records}
    want = {
        row["figure"]: tuple(
            _cell(row[c]) for c in ("county", "county_code", "prefecture", "province")
        )
        for row in TEXTS[key]
    }
    assert got == want


@pytest.mark.parametrize(
    "text",
    [
        "坚持富民强县，全县完成投资5亿元。",
        "新建或修复道路30公里。",
        "龙湖公园建成开放，占地300亩。",
    ],
)
def test_no_place_from_an_ordinary_word(text: str) -> None:
    assert [p for p in govnlp.find_places(text) if p.adcode] == []
    assert all(r.county is None for r in govnlp.extract(text))


def test_the_dateline_dates_the_document() -> None:
    text = "某县项目建设\n发布时间：2011-06-01\n今年以来，全县完成投资5亿元。"
    (r,) = govnlp.extract(text)
    assert (r.year, str(r.period_start), str(r.period_end)) == (2011, "2011-01-01", "2011-06-01")


def test_front_matter_and_edition_line_are_furniture() -> None:
    text = (
        '---\ntitle: "某县投资5亿元"\ndate: 2025-03-05\n---\n\n# 修水县投资5亿元\n\n'
        "> 《人民日报》（2025年03月05日第 09 版）\n\n今年以来，修水县新增企业12家。\n\n"
        "数据来源：中共修水县委宣传部\n"
    )
    records = govnlp.extract(text)
    assert [(r.text, r.county) for r in records] == [("5亿元", "修水县"), ("12家", "修水县")]
    assert records[0].start == text.index("5亿元", text.index("# "))
    assert records[1].period_start is not None and str(records[1].period_start) == "2025-01-01"


def test_false_places_stay_rare_on_the_development_corpora(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """False places per 10,000 characters against the hand judgements (benchmarks/false_places.py):
    8.33 (real) and 7.62 (news) before the support rules; a ceiling a little above today's."""
    import re

    from _support import load_benchmark, shared_path

    corpora = shared_path("corpora")
    load_benchmark("false_places").main(["--corpora", str(corpora)])
    out = capsys.readouterr().out
    rates = dict(re.findall(r"^(\w+): .*?([0-9.]+) false places per 10,000", out, re.M))
    assert float(rates["real"]) <= 1.4 and float(rates["news"]) <= 2.7, out
    assert " 0 unjudged" in out.splitlines()[0], out
