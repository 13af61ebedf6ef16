"""The linking layer and places on hostile input, through ``govnlp.extract``: time linear in
the length of the text whatever it holds (a sentence of a thousand figures, a clause of a
thousand figures, a paragraph of a thousand sentences with no time phrase, a sentence naming a
thousand places), and the record invariants on text made of real fragments."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from _support import doubling_ratios
from govnlp.errors import ArgumentError, ConfigError
from govnlp.extraction import extract

# --------------------------------------------------------------------------------------------
# A. time linear in the length of the text

# Texts of n repeated pieces that made the linking read the sentence (or clause, or paragraph)
# from its start at every figure: the condition words of role, the time phrases of periods,
# the scope words and the words for the country of places, the counties named in a sentence,
# the earlier sentences of a paragraph searched for a time phrase.
HOSTILE: dict[str, Callable[[int], str]] = {
    "figures in one sentence": lambda n: "".join(f"投资{i}亿元，" for i in range(n)) + "。",
    "该县 figures in one sentence": lambda n: "该县投资1亿元，" * n + "。",
    "figures in one clause": lambda n: "全县" + "".join(f"投资{i}亿元增长{i}%" for i in range(n)),
    "years in one sentence": lambda n: "".join(f"{2000 + i % 20}年投资{i}亿元" for i in range(n)),
    "sentences, no time phrase": lambda n: "投资1亿元。" * n,
    "counties in one sentence": lambda n: "".join(
        f"南乐县投资{i}亿元清丰县增长{i}%" for i in range(n)
    ),
    "country in one sentence": lambda n: "我国" + "，".join(f"投资{i}亿元" for i in range(n)),
    "a condition, then figures": lambda n: "如果" + "按投资1亿元，" * n + "。",
    "one line, no full stop": lambda n: (
        "2023年南乐县全县完成固定资产投资261.35亿元增长12.5%其中该县新开工项目56个"
        "（含“三个一批”项目12个）《报告》指出全市" * n
    ),
}
MIN_SECONDS = 0.4  # the smaller text takes at least this long: a quadratic part shows
MAX_CHARS = 400_000  # ... unless it is this long: then it is fast whatever its shape
MAX_RATIO = 3.0  # doubling a linear input doubles the time; a quadratic one quadruples it


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_time_is_linear_in_the_length_of_hostile_text(name: str) -> None:
    build = HOSTILE[name]
    extract("2023年，南乐县总投资1亿元。")  # lexicons and segmenter load outside the timing
    n, ratios = doubling_ratios(
        extract, build, 100, min_seconds=MIN_SECONDS, max_chars=MAX_CHARS, max_ratio=MAX_RATIO,
        runs=2,
    )
    assert min(ratios) < MAX_RATIO, f"{name}: n={n}, time ratios of doublings {ratios}"


# --------------------------------------------------------------------------------------------
# B. invariants on any text made of real fragments

FRAGMENTS = [
    "2023年", "今年以来", "截至目前", "上半年", "一季度", "去年同期", "全年", "5年内",
    "南乐县", "清丰县", "濮阳市", "河南省", "该县", "全县", "全市", "全省", "我国", "全国",
    "总投资", "固定资产投资", "增长", "下降", "新开工", "项目", "企业", "力争", "计划", "预计",
    "如果", "若", "在去年的基础上", "分别为", "其中", "占", "前20强",
    "261.35亿元", "12.5%", "56个", "3至5亿元", "约3亿元", "近10万人", "1,234万元", "三千五百吨",
    "-3.2%", "２０２３年", "１２％", "五十余家", "8个百分点", "1.6倍",
    "，", "。", "；", "、", "：", "\n", "\n\n", " ", "（", "）", "“", "”", "《", "》",
    "\u200b", "\ufeff", "\u2028", "\r", "\x00", "\ud800", "😀", "\u0301", "\u202e",
]  # fmt: skip


@settings(deadline=None, max_examples=150)  # a busy machine is no failure
@given(st.lists(st.sampled_from(FRAGMENTS), max_size=60), st.sampled_from([None, "2023-10-20"]))
def test_records_of_any_text_hold_the_contract(parts: list[str], date: str | None) -> None:
    """No exception; every record's span is its text; values are Decimal; the same records
    twice."""
    text = "".join(parts)
    records = extract(text, date=date)
    for r in records:
        assert text[r.start : r.end] == r.text
        assert isinstance(r.value, Decimal)
        assert r.value_high is None or isinstance(r.value_high, Decimal)
    assert extract(text, date=date) == records


# --------------------------------------------------------------------------------------------
# C. the region parameter


def test_a_region_that_is_one_county_by_its_short_name_is_that_county() -> None:
    """region="南乐" (one candidate, 河南省濮阳市南乐县) was ignored without a word."""
    (record,) = extract("全县新增企业12家。", region="南乐")
    assert (record.county, record.county_code) == ("南乐县", "410923")


@pytest.mark.parametrize(
    ("region", "error", "message"),
    [
        ("不是地方", ConfigError, "region '不是地方' names no place"),
        ("\x00", ConfigError, "names no place"),
        ("朝阳区", ConfigError, "could be any of 北京市朝阳区, 吉林省长春市朝阳区"),
        (123, ArgumentError, "region must be a str"),
    ],
)
def test_a_region_that_names_no_one_place_is_an_error_naming_it(
    region: object, error: type[Exception], message: str
) -> None:
    """A region that is no place, or several, was ignored (an int raised a bare TypeError)."""
    with pytest.raises(error, match=message):
        extract("全县新增企业12家。", region=region)  # type: ignore[arg-type]


# --------------------------------------------------------------------------------------------
# D. the spaCy pipeline


def test_a_lone_surrogate_is_an_error_naming_where_it_is() -> None:
    """spaCy stores words as UTF-8: a lone surrogate raised UnicodeEncodeError from deep in
    spaCy; text Python holds otherwise (a NUL, a format character) gives its figures."""
    import govnlp

    nlp = govnlp.load()
    with pytest.raises(ArgumentError, match=r"lone surrogate \(U\+D800\) at character 5"):
        nlp("南乐县投资\ud8003亿元")
    doc = nlp("投资\x0012亿元\u2028增长1\u200b5%")
    assert [(s.text, s._.govnlp_value) for s in doc.spans["govnlp"]] == [
        ("12亿元", Decimal("1200000000")), ("1\u200b5%", Decimal("15")),
    ]
