"""Properties of slash fractions, ranges of rates, grades, parts of a 元 and bare magnitudes."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

from hypothesis import given
from hypothesis import strategies as st

from govnlp.figures.find import find_figures
from govnlp.figures.numerals import fraction_percent
from govnlp.records import Kind


@st.composite
def proper_fractions(draw: st.DrawFn) -> tuple[int, int]:
    den = draw(st.integers(min_value=2, max_value=999))
    return draw(st.integers(min_value=1, max_value=den - 1)), den


@given(proper_fractions())
def test_fraction_percent_is_exact_or_to_hundredths(pair: tuple[int, int]) -> None:
    """A share that ends is exact; one that does not is the nearest hundredth (half up)."""
    num, den = pair
    value = fraction_percent(Decimal(num), Decimal(den))
    exact = Fraction(100 * num, den)
    if _ends(exact):
        assert Fraction(value) == exact
    else:
        assert abs(Fraction(value) - exact) <= Fraction(1, 200)
        assert value == value.quantize(Decimal("0.01"))


def _ends(q: Fraction) -> bool:
    """Whether the decimal expansion of ``q`` ends (its denominator has no prime but 2 and 5)."""
    d = q.denominator
    for p in (2, 5):
        while d % p == 0:
            d //= p
    return d == 1


@given(proper_fractions(), st.sampled_from(["占", "为计划的", "只有国外的", "约占"]))
def test_slash_fraction_reads_as_the_chinese_fraction(pair: tuple[int, int], lead: str) -> None:
    """国星占了1/3 and 国星占了三分之一 give the same share (1/3 written in Chinese, 三分之一)."""
    num, den = pair
    slash = find_figures(f"国星{lead}{num}/{den}。")
    spelled = find_figures(f"国星{lead}{den}分之{num}。")
    assert [(f.kind, f.value, f.unit, f.qualifier) for f in slash] == [
        (f.kind, f.value, f.unit, f.qualifier) for f in spelled
    ]
    assert [f.text.removeprefix("约") for f in slash] == [f"{num}/{den}"]


@given(
    st.integers(min_value=1, max_value=9999),
    st.integers(min_value=1, max_value=9999),
    st.sampled_from(["吨", "平方米", "月", "人"]),
)
def test_range_of_rates_per_the_same_unit(low: int, step: int, per: str) -> None:
    """300元/吨到360元/吨 is one range of 元 whose span stops at the second 元."""
    high = low + step
    text = f"价格在{low}元/{per}到{high}元/{per}之间"
    (fig,) = find_figures(text)
    assert fig.text == f"{low}元/{per}到{high}元"
    assert (fig.value, fig.value_high, fig.unit) == (Decimal(low), Decimal(high), "元")


@given(st.integers(min_value=1, max_value=99999), st.sampled_from(["万吨", "吨", "亿元", "万千瓦"]))
def test_grade_in_a_class_name_is_no_figure(n: int, unit: str) -> None:
    """10万吨级码头: the grade of a class; the count of the class stays a figure."""
    figures = find_figures(f"建成{n}{unit}级码头3个")
    assert [f.text for f in figures] == ["3个"]


@given(
    st.decimals(min_value=Decimal("0.1"), max_value=Decimal("99.9"), places=1),
    st.sampled_from([("分", Decimal("0.01")), ("角", Decimal("0.1")), ("厘", Decimal("0.001"))]),
    st.sampled_from(["电价上调", "每吨成本将上涨", "报价跌"]),
)
def test_parts_of_a_yuan_after_a_price_change_are_exact_money(
    amount: Decimal, unit: tuple[str, Decimal], lead: str
) -> None:
    word, worth = unit
    text = f"{lead}{amount}{word}。"
    figures = find_figures(text)
    assert [(f.kind, f.unit) for f in figures] == [(Kind.MONEY, "元")]
    assert figures[0].value == amount * worth
    assert text[figures[0].start : figures[0].end] == f"{amount}{word}"


@given(
    st.sampled_from([("百", 100), ("千", 1000), ("万", 10000)]),
    st.sampled_from(["余", "多"]),
    st.sampled_from(["所", "家", "人", "个", "项"]),
    st.sampled_from(["全市已有", "共投入资金用于", "首批"]),
)
def test_a_magnitude_alone_before_a_count_is_over_it(
    magnitude: tuple[str, int], inside: str, unit: str, lead: str
) -> None:
    word, value = magnitude
    text = f"{lead}{word}{inside}{unit}单位参加。"
    figures = find_figures(text)
    assert [(f.kind, f.value, f.unit, f.qualifier.value) for f in figures] == [
        (Kind.COUNT, Decimal(value), unit, "over")
    ]
    assert text[figures[0].start : figures[0].end] == f"{word}{inside}{unit}"
