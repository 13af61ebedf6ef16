"""Numeral parsing: round trips of random values through written forms."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from govnlp.figures.numerals import parse_number
from govnlp.figures.parse import parse_figure

DIGITS = "零一二三四五六七八九"
FINANCIAL = "零壹贰叁肆伍陆柒捌玖"


def _section(n: int, digits: str, units: str) -> str:
    """Chinese for 0 < n < 10000, with 零 for gaps (一千零五)."""
    out, zero = [], False
    for power, unit in ((1000, units[2]), (100, units[1]), (10, units[0]), (1, "")):
        d = n // power % 10
        if d == 0:
            zero = bool(out)
            continue
        if zero:
            out.append(digits[0])
            zero = False
        out.append(digits[d] + unit)
    return "".join(out)


def chinese(n: int, *, financial: bool = False) -> str:
    """A whole number written in Chinese numerals (to below 10^16)."""
    digits, units = (FINANCIAL, "拾佰仟") if financial else (DIGITS, "十百千")
    if n == 0:
        return digits[0]
    parts, gap = [], False
    for power, mag in ((10**12, "万亿"), (10**8, "亿"), (10**4, "万"), (1, "")):
        sec = n // power % 10000 if power < 10**12 else n // power
        if sec == 0:
            gap = bool(parts)
            continue
        if parts and (gap or sec < 1000):
            parts.append(digits[0])
        parts.append(_section(sec, digits, units) + mag)
        gap = False
    return "".join(parts)


@given(st.integers(min_value=0, max_value=10**15))
def test_chinese_numerals_round_trip(n: int) -> None:
    assert parse_number(chinese(n)) == n
    assert parse_number(chinese(n, financial=True)) == n


@given(st.decimals(min_value=0, max_value=10**9, places=4, allow_nan=False, allow_infinity=False))
def test_arabic_numerals_round_trip(d: Decimal) -> None:
    text = f"{d:f}"
    assert parse_number(text) == d
    assert parse_number(f"{d:,f}") == d


@given(
    st.decimals(min_value=Decimal("0.01"), max_value=99999, places=2),
    st.sampled_from([("万", 10**4), ("亿", 10**8), ("万亿", 10**12)]),
    st.sampled_from(["元", "万元", "亿元"]),
)
def test_amounts_in_mixed_forms(d: Decimal, magnitude: tuple[str, int], unit: str) -> None:
    word, factor = magnitude
    figure = parse_figure(f"{d:f}{word}元")
    assert figure is not None and figure.value == d * factor
    assert figure.unit == "元" and figure.kind.value == "money"


@given(st.integers(min_value=1, max_value=9999), st.integers(min_value=1, max_value=9999))
def test_wan_with_remainder(high: int, low: int) -> None:
    # 3万4000元, 25万6千元: a 万 part followed by the rest
    figure = parse_figure(f"{high}万{low}元")
    assert figure is not None and figure.value == high * 10**4 + low


@given(st.integers(min_value=10, max_value=10**8))
def test_chinese_counts_round_trip(n: int) -> None:
    figure = parse_figure(f"{chinese(n)}个")
    assert figure is not None
    assert (figure.kind.value, figure.value, figure.unit) == ("count", n, "个")


@given(
    st.decimals(min_value=0, max_value=Decimal(10) ** 36, places=3, allow_nan=False),
    st.sampled_from([("", 1), ("万", 10**4), ("亿", 10**8), ("万亿", 10**12)]),
)
def test_long_numerals_are_exact_whatever_the_callers_context(
    d: Decimal, magnitude: tuple[str, int]
) -> None:
    """A 36-digit numeral (an account number read as money) used to be rounded to 28 digits or
    to raise InvalidOperation; the value is exact, also when the caller narrowed the context."""
    import decimal

    word, factor = magnitude
    with decimal.localcontext(decimal.Context(prec=5)):
        figure = parse_figure(f"{d:f}{word}元")
        number = parse_number(f"{d:f}")
    assert figure is not None and figure.value == decimal.Context(prec=100).multiply(d, factor)
    assert number == d


def test_runs_of_digits_longer_than_any_amount_are_codes() -> None:
    """A 41-digit run is a code (an account or document number), not an amount; 40 digits are
    still read exactly."""
    from govnlp.figures.find import find_figures

    assert find_figures("1" * 41 + "元") == []
    assert find_figures("3万" + "4" * 41 + "元") == []
    (figure,) = find_figures("1" * 40 + "元")
    assert figure.value == Decimal("1" * 40)


@pytest.mark.parametrize(
    ("text", "value"),
    [("1,234", 1234), ("1,234,567.5", Decimal("1234567.5")), ("1 000", 1000),
     ("12 345 678", 12345678), ("1 000.25", Decimal("1000.25")), ("1，234", 1234),
     ("1234,567", 1234567)],
)  # fmt: skip
def test_digit_groups_are_read_whole(text: str, value: Decimal) -> None:
    assert parse_number(text) == value


@pytest.mark.parametrize(
    "text", ["1,2", "1,23", "1 23", "1 2345", "1234 567", "1,234,5", "1 000 0"]
)
def test_separators_between_other_than_groups_of_three_are_no_number(text: str) -> None:
    """1,2 used to read 12: a separator only ever stands between groups of three digits."""
    assert parse_number(text) is None


@pytest.mark.parametrize(
    "text", ["5亿亿", "5亿万", "5万万", "5千千", "5百百", "五十百", "千百万", "亿亿"]
)
def test_doubled_magnitudes_are_no_number(text: str) -> None:
    """5亿亿 used to read 5亿 and 5千千 6000: a magnitude right after another is a larger one
    that takes it as its multiplier (十万, 千亿, 万亿) or no number."""
    assert parse_number(text) is None


@pytest.mark.parametrize(
    ("text", "value"),
    [("十万", 10**5), ("三百万", 3 * 10**6), ("五千亿", 5 * 10**11), ("3万亿", 3 * 10**12),
     ("一百万亿", 10**14), ("一万零十二", 10012), ("一百零零四", 104), ("万亿", 10**12)],
)  # fmt: skip
def test_magnitudes_that_multiply_the_one_before(text: str, value: int) -> None:
    assert parse_number(text) == value
