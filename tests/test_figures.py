from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from _support import CASES, load_cases, read_table, shared_path
from govnlp.figures.find import candidates, find_figures
from govnlp.figures.guards import GUARDS, GUARDS_WITH_UNIT, GUARDS_WITHOUT_UNIT
from govnlp.figures.parse import (
    parse_count,
    parse_figure,
    parse_money,
    parse_percent,
    parse_quantity,
)
from govnlp.records import Qualifier

FIELDS = ("text", "span", "kind", "value", "value_high", "unit", "qualifier")
SOURCES = (
    "figures_seed",
    "figures_real",
    "figures_bugs",
    "figures_new",
    "figures_hostile",
    "figures_news",
    "figures_news3",
)


@pytest.mark.parametrize(FIELDS, load_cases(*SOURCES, fields=FIELDS))
def test_case(
    text: str, span: str, kind: str, value: str, value_high: str, unit: str, qualifier: str
) -> None:
    figures = find_figures(text)
    for f in figures:
        assert text[f.start : f.end] == f.text
    if kind == "none":
        at = text.index(span)
        hits = [f for f in figures if f.start < at + len(span) and at < f.end]
        assert hits == [], f"{span!r} gave {hits}"
        return
    found = [f for f in figures if f.text == span]
    assert found, f"{span!r} not found in {[f.text for f in figures]}"
    got = found[0]
    assert (got.kind.value, got.unit, got.qualifier.value) == (kind, unit, qualifier)
    assert got.value == Decimal(value)
    assert got.value_high == (Decimal(value_high) if value_high else None)


PARSERS = {"money": parse_money, "percent": parse_percent, "count": parse_count,
           "quantity": parse_quantity}  # fmt: skip
# rows whose expected figure is the whole text (rows expected to fail are left to test_case)
WHOLE = [
    p for p in load_cases(*SOURCES, fields=FIELDS)
    if p.values[0] == p.values[1] and p.values[2] != "none" and not p.marks
]  # fmt: skip


@pytest.mark.parametrize(FIELDS, WHOLE)
def test_parse_reads_what_find_finds(
    text: str, span: str, kind: str, value: str, value_high: str, unit: str, qualifier: str
) -> None:
    """Where a case's figure is all of its text, parse_figure and the parse function of its kind
    return exactly the figure find_figures finds (value, unit, qualifier, offsets)."""
    (found,) = find_figures(text)
    assert parse_figure(text) == found
    assert PARSERS[kind](text) == found
    for other, parse in PARSERS.items():
        if other != kind:
            assert parse(text) is None


# the spans of every row that expects a figure, read on their own
SPANS = sorted({p.values[1] for p in load_cases(*SOURCES, fields=FIELDS) if p.values[2] != "none"})


@pytest.mark.parametrize("s", SPANS)
def test_parse_agrees_with_find_on_every_span(s: str) -> None:
    """parse_X(s) is find_figures(s)'s one figure when it is all of s, else None."""
    figures = find_figures(s)
    whole = figures[0] if len(figures) == 1 and figures[0].text == s else None
    assert parse_figure(s) == whole
    for kind, parse in PARSERS.items():
        assert parse(s) == (whole if whole is not None and whole.kind.value == kind else None)


def test_seed_gold_figures_are_found_exactly(sample_text: str) -> None:
    gold = [r for r in read_table(shared_path("gold", "seed.tsv")) if r["optional"] == "0"]
    figures = find_figures(sample_text)
    got = sorted((f.kind.value, f.value, f.unit, f.qualifier.value, f.text) for f in figures)
    want = sorted(
        (r["kind"], Decimal(r["value"]), r["unit"], r["qualifier"], r["text"]) for r in gold
    )
    assert len(gold) == 97
    assert got == want


def test_seed_negatives_give_nothing(sample_text: str) -> None:
    figures = find_figures(sample_text)
    for row in read_table(shared_path("gold", "seed-negatives.tsv")):
        start = sample_text.index(row["text"])
        while start != -1:
            end = start + len(row["text"])
            assert not [f for f in figures if f.start < end and start < f.end], row["text"]
            start = sample_text.find(row["text"], end)


def test_parse_money_example() -> None:
    money = parse_money("50余万元")
    assert money is not None
    assert money.value == Decimal("500000") and money.qualifier is Qualifier.OVER
    assert money.currency == "元"


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("1.06万元", "10600"),
        ("16.4亿元", "1640000000"),
        ("796.5亿元", "79650000000"),
        ("0.1万元", "1000"),
        ("3.3亿元", "330000000"),
        ("1.1万亿元", "1100000000000"),
    ],
)
def test_decimal_exactness(text: str, value: str) -> None:
    money = parse_money(text)
    assert money is not None and str(money.value) == value


def test_parse_functions_reject_other_kinds_and_extra_text() -> None:
    assert parse_money("56个") is None
    assert parse_money("总投资56亿元") is None
    assert parse_count("56个") is not None
    assert parse_percent("12.5个百分点") is not None
    assert parse_quantity("5万吨") is not None
    assert parse_money("") is None


def test_figures_made_on_the_fast_path_equal_constructed_ones() -> None:
    import pickle

    from govnlp.records import FIGURE_TYPES, Qualifier, figure_maker

    for cls in FIGURE_TYPES.values():
        args = ("3亿多元", 4, 9, Decimal(300000000), Decimal(400000000), "元", Qualifier.OVER)
        made = figure_maker(cls)(*args)
        built = cls(
            text=args[0], start=args[1], end=args[2], value=args[3], value_high=args[4],
            unit=args[5], qualifier=args[6],
        )  # fmt: skip
        assert type(made) is cls
        assert made == built and hash(made) == hash(built) and repr(made) == repr(built)
        assert pickle.loads(pickle.dumps(made)) == built


GUARD_FIELDS = ("guard", "text", "span", "refused")
GUARDS_BY_NAME = {guard.__name__: guard for guard in GUARDS}


@pytest.mark.parametrize(GUARD_FIELDS, load_cases("guards", fields=GUARD_FIELDS))
def test_guard(guard: str, text: str, span: str, refused: str) -> None:
    found = [c for c in candidates(text) if text[c.match.start() : c.match.end()] == span]
    assert found, f"{span!r} is no match of the grammar in {text!r}"
    assert GUARDS_BY_NAME[guard](found[0]) is (refused == "yes")


def test_every_guard_has_rows_refusing_and_keeping() -> None:
    rows = read_table(CASES / "guards.tsv")
    assert {r["guard"] for r in rows} <= set(GUARDS_BY_NAME)
    for name in GUARDS_BY_NAME:
        verdicts = [r["refused"] for r in rows if r["guard"] == name]
        assert "yes" in verdicts and "no" in verdicts, name


def test_a_guard_left_out_for_a_shape_keeps_every_candidate_of_that_shape() -> None:
    """The finder asks a candidate with a unit only GUARDS_WITH_UNIT, one without only
    GUARDS_WITHOUT_UNIT: every other guard keeps it, on the texts of the guard and figure
    cases (whose refusing rows put each guard to a candidate of the shape it refuses)."""
    assert set(GUARDS_WITH_UNIT) | set(GUARDS_WITHOUT_UNIT) == set(GUARDS)
    assert [g for g in GUARDS if g in GUARDS_WITH_UNIT] == list(GUARDS_WITH_UNIT)
    assert [g for g in GUARDS if g in GUARDS_WITHOUT_UNIT] == list(GUARDS_WITHOUT_UNIT)
    texts = {r["text"] for r in read_table(CASES / "guards.tsv")}
    texts |= {p.values[0] for p in load_cases(*SOURCES, fields=FIELDS)}
    shapes = {True: 0, False: 0}
    for text in sorted(texts):
        for c in candidates(text):
            asked = GUARDS_WITH_UNIT if c.unit is not None else GUARDS_WITHOUT_UNIT
            left_out = [g.__name__ for g in GUARDS if g not in asked and g(c)]
            assert left_out == [], f"{text!r}: {left_out} refuse a candidate they are not asked"
            shapes[c.unit is not None] += 1
    assert min(shapes.values()) > 100, shapes


@given(st.integers(min_value=1, max_value=99999), st.sampled_from(["", "多", "余"]))
def test_spoken_measure_before_yi_reads_as_the_written_number(n: int, inside: str) -> None:
    """投资80个亿 is 投资80亿: the 个 of speech changes neither the value nor the qualifier."""
    spoken = find_figures(f"此前宣布投资{n}{inside}个亿的项目")
    written = find_figures(f"此前宣布投资{n}{inside}亿的项目")
    assert [(f.kind, f.value, f.unit, f.qualifier) for f in spoken] == [
        (f.kind, f.value, f.unit, f.qualifier) for f in written
    ]
    assert [f.text for f in spoken] == [f"{n}{inside}个亿"]


@given(
    st.decimals(min_value=1, max_value=10**6, places=1, allow_nan=False, allow_infinity=False),
    st.sampled_from(["米", "公里", "吨", "亩", "倍", "个"]),
    st.sampled_from(["高", "，", "。", "的"]),
)
def test_duo_after_the_unit_qualifies_what_it_follows(n: Decimal, unit: str, after: str) -> None:
    """5米多高: 多 after the unit makes the figure ``over`` and leaves its value alone."""
    plain = find_figures(f"水位涨到{n}{unit}{after}")
    more = find_figures(f"水位涨到{n}{unit}多{after}")
    assert len(plain) == len(more) == 1
    assert more[0].text == plain[0].text + "多"
    assert (more[0].value, more[0].unit) == (plain[0].value, plain[0].unit)
    assert more[0].qualifier is Qualifier.OVER
