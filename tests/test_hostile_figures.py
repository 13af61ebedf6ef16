"""The figure finder on hostile input: time linear in the length of the text whatever it holds,
format characters inside numbers, spaces between digit groups, chains of dashes, and the parse
functions reading exactly what find_figures finds. Cases that are rows live in
cases/figures_hostile.tsv (run by test_figures.py)."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from _support import doubling_ratios
from govnlp.extraction import extract
from govnlp.figures.find import find_figures
from govnlp.figures.grammar import YEAR, grammar
from govnlp.figures.parse import (
    parse_count,
    parse_figure,
    parse_money,
    parse_percent,
    parse_quantity,
)
from govnlp.lexicon import default_lexicon
from govnlp.records import Figure, Kind, Qualifier
from govnlp.text.normalize import format_chars

# --------------------------------------------------------------------------------------------
# A. time linear in the length of the text

# Texts of n repeated pieces that made the finder rescan: the denominator test of 十分之一 ran
# to the end of every run of digits and points, the anchor of Chinese numerals backtracked over
# a run with no unit after it, a list of bare numbers after 分别 was copied at every number.
HOSTILE: dict[str, Callable[[int], str]] = {
    "1. then 亿元": lambda n: "1." * n + "亿元",
    "1,2,": lambda n: "1,2," * n,
    "1,234,": lambda n: "1,234," * n,
    "12,345,": lambda n: "12,345" * n,
    "1,234 groups then 5": lambda n: "1" + ",234" * n + ",5",
    "1.1.1": lambda n: "1.1" * n + "亿元",
    "1.5.5": lambda n: "1" + ".5" * n,
    "digits then 亿元": lambda n: "1" * (50 * n) + "亿元",
    "1 000 groups": lambda n: "1" + " 000" * n + "元",
    "1 space": lambda n: "1 " * n + "亿元",
    "1、": lambda n: "1、" * n,
    "分别 1、": lambda n: "分别为" + "1、" * n + "2亿元",
    "分别 1和": lambda n: "分别为" + "1和" * n + "2亿元",
    "第": lambda n: "第" * (50 * n) + "1个",
    "约": lambda n: "约" * (50 * n) + "1亿元",
    "亿": lambda n: "1" + "亿" * n + "元",
    "万": lambda n: "万" * (10 * n),
    "%": lambda n: "%" * (50 * n),
    "1%": lambda n: "1%" * n,
    "一 alone": lambda n: "一" * (10 * n),
    "一 then x": lambda n: "一" * (10 * n) + "x",
    "一 then 个": lambda n: "一" * (10 * n) + "个",
    "几": lambda n: "几" * (10 * n) + "个",
    "十分之": lambda n: "十" * (10 * n) + "分之一",
    "分之": lambda n: "1分之" * n,
    "百分之": lambda n: "百分之" * n + "1",
    "1-": lambda n: "1-" * n + "1亿元",
    "1-2-": lambda n: "1-2-" * n,
    "-": lambda n: "-" * (50 * n) + "1元",
    "1至": lambda n: "1至" * n + "2元",
    "1余": lambda n: "1余" * n + "元",
    "余万": lambda n: "1万" + "余万" * n + "元",
    "quote 1%": lambda n: "“1%" * n,
    "人民币": lambda n: "人民币" * (10 * n) + "1元",
    "zero-width": lambda n: "1\u200b" * n + "亿元",
}
MIN_SECONDS = 0.05  # the smaller text takes at least this long: timer noise stays small
MAX_CHARS = 1_000_000  # ... unless it is this long: then it is fast whatever its shape
MAX_RATIO = 3.0  # doubling a linear input doubles the time; a quadratic one quadruples it


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_time_is_linear_in_the_length_of_hostile_text(name: str) -> None:
    build = HOSTILE[name]
    find_figures("总投资1亿元")  # the grammar is built once, outside the timing
    n, ratios = doubling_ratios(
        find_figures, build, 500, min_seconds=MIN_SECONDS, max_chars=MAX_CHARS, max_ratio=MAX_RATIO,
        runs=3,
    )
    assert min(ratios) < MAX_RATIO, f"{name}: n={n}, time ratios of doublings {ratios}"


# --------------------------------------------------------------------------------------------
# B. format characters (Unicode category Cf) inside a number

FORMAT = {
    "zero-width space": "\u200b",
    "soft hyphen": "\u00ad",
    "word joiner": "\u2060",
    "zero-width joiner": "\u200d",
    "right-to-left override": "\u202e",
    "byte-order mark": "\ufeff",
    "left-to-right mark": "\u200e",
    "tag letter A": "\U000e0041",
}


@pytest.mark.parametrize("name", sorted(FORMAT))
def test_a_format_character_inside_a_number_is_read_as_absent(name: str) -> None:
    ch = FORMAT[name]
    text = f"总投资1{ch}2亿元，增长1{ch}0.5%"
    money, percent = find_figures(text)
    assert (money.value, money.unit, money.text) == (Decimal("1200000000"), "元", f"1{ch}2亿元")
    assert (percent.value, percent.text) == (Decimal("10.5"), f"1{ch}0.5%")
    for f in (money, percent):
        assert text[f.start : f.end] == f.text


@pytest.mark.parametrize("name", sorted(FORMAT))
def test_format_characters_around_a_figure_stay_outside_its_span(name: str) -> None:
    ch = FORMAT[name]
    text = f"{ch}约{ch}3{ch}亿{ch}元{ch}"
    (figure,) = find_figures(text)
    assert (figure.start, figure.end) == (1, len(text) - 1)
    assert figure.value == Decimal(300_000_000) and figure.qualifier is Qualifier.ABOUT
    assert parse_money(text) == figure


def test_records_of_a_text_with_format_characters_index_the_text_as_read() -> None:
    text = "2023年，南乐县总投资2\u200b61.35亿元。"
    (record,) = extract(text)
    assert record.value == Decimal("26135000000")
    assert text[record.start : record.end] == record.text == "2\u200b61.35亿元"


def test_every_format_character_is_known() -> None:
    import unicodedata

    chars = format_chars()
    assert set(FORMAT.values()) <= set(chars)
    assert all(unicodedata.category(c) == "Cf" for c in chars)


_FIGURE_TEXTS = ["总投资796.5亿元", "增长12.5%", "项目56个", "约3亿元", "1,234万元", "3至5亿元"]


@settings(deadline=None)  # a busy machine is no failure
@given(
    st.sampled_from(_FIGURE_TEXTS),
    st.lists(
        st.tuples(st.integers(min_value=0, max_value=12), st.sampled_from(sorted(FORMAT.values())))
    ),
)
def test_format_characters_anywhere_change_no_value(clean: str, inserts: list) -> None:
    """Format characters inserted anywhere give the figures of the text without them, with
    spans over the characters as written."""
    text = clean
    for at, ch in sorted(inserts, reverse=True):
        text = text[: min(at, len(text))] + ch + text[min(at, len(text)) :]
    want = find_figures(clean)
    got = find_figures(text)
    cf = set(format_chars())
    assert [_fields(f) for f in got] == [_fields(f) for f in want]
    for g, w in zip(got, want, strict=True):
        assert text[g.start : g.end] == g.text
        assert "".join(c for c in g.text if c not in cf) == w.text


def _fields(f: Figure) -> tuple[object, ...]:
    return (f.kind, f.value, f.value_high, f.unit, f.qualifier)


# --------------------------------------------------------------------------------------------
# C. spaces between groups of digits, chains, doubled magnitudes

SPACES = {"space": " ", "no-break space": "\u00a0", "thin space": "\u2009",
          "narrow no-break space": "\u202f"}  # fmt: skip


@pytest.mark.parametrize("name", sorted(SPACES))
def test_groups_of_three_separated_by_a_space_are_one_number(name: str) -> None:
    sp = SPACES[name]
    text = f"总投资1{sp}000万元，共12{sp}345{sp}678元"
    a, b = find_figures(text)
    assert (a.value, a.text) == (Decimal(10_000_000), f"1{sp}000万元")
    assert (b.value, b.text) == (Decimal(12_345_678), f"12{sp}345{sp}678元")


@pytest.mark.parametrize("name", sorted(SPACES))
def test_digits_split_by_a_space_otherwise_give_no_figure(name: str) -> None:
    sp = SPACES[name]
    for text in (f"总投资1{sp}23万元", f"总投资12{sp}34万元", f"总投资1{sp}000{sp}0000万元"):
        assert find_figures(text) == [], text


NUMBERS = st.one_of(
    st.integers(min_value=0, max_value=10**6).map(str),
    st.decimals(min_value=0, max_value=1000, places=1).map(lambda d: f"{d:f}"),
    st.sampled_from(["三", "五", "七", "十五", "两", "八"]),
)


@settings(deadline=None)  # a busy machine is no failure
@given(
    st.lists(NUMBERS, min_size=3, max_size=5),
    st.lists(st.sampled_from(["-", "—", "至", "到", "~", "–"]), min_size=4, max_size=4),
    st.sampled_from(["亿元", "万元", "%", "个", "吨", ""]),
    st.sampled_from(["", "总投资", "增长", "，"]),
)
def test_a_chain_of_three_numbers_gives_no_figure_and_no_negative(
    numbers: list[str], connectors: list[str], unit: str, before: str
) -> None:
    """3-5-7亿元, 3至5至7亿元: a range has two ends; a longer chain is no figure, and a dash that
    joins numbers is never a minus."""
    chain = numbers[0] + "".join(c + n for c, n in zip(connectors, numbers[1:], strict=False))
    assert find_figures(before + chain + unit) == []


@pytest.mark.parametrize(
    "text", ["5亿亿元", "5亿万元", "5万万元", "5千千元", "5百百元", "五十百元", "三亿亿个"]
)
def test_doubled_magnitudes_are_no_number(text: str) -> None:
    assert find_figures(text) == []
    assert parse_figure(text) is None


# --------------------------------------------------------------------------------------------
# D. parse_X(s) is exactly the one figure find_figures(s) finds


def _grammar_words() -> tuple[list[str], list[str], list[str]]:
    g = grammar(default_lexicon())
    before = sorted(w for (where, w) in g.qualifier_of if where == "before")
    after = sorted(w for (where, w) in g.qualifier_of if where == "after")
    return before, after, sorted(g.unit_kind)


BEFORE, AFTER, UNITS = _grammar_words()
ARABIC = st.one_of(
    st.integers(min_value=1, max_value=10**7).map(str),
    st.integers(min_value=1000, max_value=10**9).map(lambda n: f"{n:,}"),
    st.integers(min_value=1000, max_value=10**9).map(lambda n: f"{n:,}".replace(",", " ")),
    st.decimals(min_value=Decimal("0.01"), max_value=99999, places=2).map(lambda d: f"{d:f}"),
)
CHINESE = {"三千五百": 3500, "二十": 20, "一百零四": 104, "一千二百三十四": 1234, "两万": 20000,
           "五十": 50, "八百": 800}  # fmt: skip
PARSERS = {"money": parse_money, "percent": parse_percent, "count": parse_count,
           "quantity": parse_quantity}  # fmt: skip


@st.composite
def figure_strings(draw: st.DrawFn) -> tuple[str, Kind, Decimal, str, Qualifier]:
    """A figure as written (qualifier, number, 余/多, magnitude, unit, qualifier after), its
    kind, value, unit and qualifier."""
    g = grammar(default_lexicon())
    pre = draw(st.sampled_from(["", *(w for w in BEFORE if w not in g.outside)]))
    # (约为, 约合 qualify a figure from outside its span: tests/cases/figures_news.tsv)
    chinese = draw(st.booleans())
    number = draw(st.sampled_from(sorted(CHINESE)) if chinese else ARABIC)
    digits = number.replace(",", "").replace(" ", "")
    value = Decimal(CHINESE[number]) if chinese else Decimal(digits)
    whole = "." not in number
    inside = draw(st.sampled_from(["", "", *g.inside_words])) if whole else ""
    magnitudes = {"": 1, "万": 10**4, "亿": 10**8}
    if "万" not in number:
        magnitudes["万亿"] = 10**12
    magnitude = draw(st.sampled_from(sorted(magnitudes) if "万" not in number else [""]))
    unit_word = draw(st.sampled_from(UNITS))
    post = draw(st.sampled_from(["", "", *AFTER]))
    kind, unit, factor = g.unit_kind[unit_word]
    large = bool(magnitude) or "万" in number
    assume(unit_word not in g.need_magnitude or large)  # 三方, 90度: words of their own
    assume(not (chinese and unit_word in g.not_after_chinese))  # 十九届: a name
    assume(not post.startswith(g.unit_not_before.get(unit_word, ())))  # 所有余: 所有
    assume(not (unit_word in g.not_after_year and YEAR.fullmatch(number)))  # 2023届
    qualifier = Qualifier.EXACT
    if pre:
        qualifier = g.qualifier_of[("before", pre)]
    elif inside:
        qualifier = g.qualifier_of[("inside", inside)]
    elif post:
        qualifier = g.qualifier_of[("after", post)]
    text = pre + number + inside + magnitude + unit_word + post
    return text, kind, value * magnitudes[magnitude] * factor, unit, qualifier


@settings(deadline=None)  # a busy machine is no failure
@given(figure_strings())
def test_parse_reads_exactly_what_find_finds(
    case: tuple[str, Kind, Decimal, str, Qualifier],
) -> None:
    text, kind = case[0], case[1]
    (found,) = find_figures(text)
    assert (found.text, found.kind, found.value, found.unit, found.qualifier) == case
    assert parse_figure(text) == found
    for name, parse in PARSERS.items():
        assert parse(text) == (found if kind.value == name else None)


# --------------------------------------------------------------------------------------------
# E. characters that are no text inside a number (a NUL, a control, a lone surrogate)


@pytest.mark.parametrize("ch", ["\x00", "\x01", "\x7f", "\ud800", "\udfff", "\U0010fffe"])
def test_a_number_broken_by_a_character_that_is_no_text_gives_no_tail(ch: str) -> None:
    """1\\x002亿元 is no 2亿元: a wrong number is worse than none. A control between figures
    does not hide them."""
    text = f"总投资1{ch}2亿元，{ch}增长5%"
    assert [(f.text, f.value) for f in find_figures(text)] == [("5%", Decimal(5))]
    assert [r.text for r in extract(text)] == ["5%"]
