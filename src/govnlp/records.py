"""Result types: one frozen shape per kind, ``Decimal`` values, half-open character offsets."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, fields
from datetime import date
from decimal import Decimal
from enum import StrEnum
from typing import TYPE_CHECKING, Any, ClassVar, TypeVar

if TYPE_CHECKING:
    import pandas as pd

_T = TypeVar("_T")
# a document's date as written: an ISO day, alone or with a time (2023-10-20, 2023-10-20T08:00:00)
_ISO_DAY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}(?:[T ][0-9:.]+(?:Z|[+-][0-9:]+)?)?")


def iso_day(value: str) -> date | None:
    """The day of a document date written as an ISO day, alone or with a time; ``None`` for
    anything else (20231020, 2023-10-20xyz, 2023-02-30)."""
    if not _ISO_DAY.fullmatch(value.strip()):
        return None
    try:
        return date.fromisoformat(value.strip()[:10])
    except ValueError:
        return None


class Qualifier(StrEnum):
    """How the printed number relates to the true one."""

    EXACT = ""
    OVER = "over"  # 余 多 逾 超过 突破
    AT_LEAST = "at_least"  # 以上 不少于 至少 不低于
    UNDER = "under"  # 近 将近 不到 不足
    AT_MOST = "at_most"  # 以下 以内 不超过 最多
    ABOUT = "about"  # 约 左右 大约


class Kind(StrEnum):
    """The kinds of figure."""

    MONEY = "money"
    PERCENT = "percent"
    COUNT = "count"
    QUANTITY = "quantity"


class Role(StrEnum):
    """Whether a figure is a result or a goal."""

    ACTUAL = "actual"  # achieved, or standing
    TARGET = "target"  # a goal or plan: 预期目标, 力争, 计划, 将


@dataclass(frozen=True, slots=True, kw_only=True)
class Mention:
    """A span of a text: ``source[start:end] == text``."""

    text: str
    start: int
    end: int


@dataclass(frozen=True, slots=True, kw_only=True)
class Figure(Mention):
    """A number with its unit as written in a text.

    ``value`` is normalised (money in whole currency units, percent as printed, counts as
    counted, quantities in ``unit`` with 万/亿 folded in); ``value_high`` is the upper end of a
    range or approximate form, else ``None``.
    """

    value: Decimal
    value_high: Decimal | None = None
    unit: str
    qualifier: Qualifier = Qualifier.EXACT
    kind: ClassVar[Kind]


@dataclass(frozen=True, slots=True, kw_only=True)
class Money(Figure):
    """An amount of money; ``unit`` is the currency (元, 美元 …)."""

    kind: ClassVar[Kind] = Kind.MONEY

    @property
    def currency(self) -> str:
        """The currency unit (same as ``unit``)."""
        return self.unit


@dataclass(frozen=True, slots=True, kw_only=True)
class Percent(Figure):
    """A percentage (unit ``%``), percentage points (``百分点``) or a multiple (``倍``)."""

    kind: ClassVar[Kind] = Kind.PERCENT


@dataclass(frozen=True, slots=True, kw_only=True)
class Count(Figure):
    """A number of things; ``unit`` is the measure word (个 家 名 …)."""

    kind: ClassVar[Kind] = Kind.COUNT


@dataclass(frozen=True, slots=True, kw_only=True)
class Quantity(Figure):
    """A physical quantity; ``unit`` is the physical unit (亩 吨 平方米 …)."""

    kind: ClassVar[Kind] = Kind.QUANTITY


FIGURE_TYPES: dict[Kind, type[Figure]] = {
    Kind.MONEY: Money,
    Kind.PERCENT: Percent,
    Kind.COUNT: Count,
    Kind.QUANTITY: Quantity,
}

_FIGURE_FIELDS = ("text", "start", "end", "value", "value_high", "unit", "qualifier")
MakeFigure = Callable[[str, int, int, Decimal, "Decimal | None", str, Qualifier], Figure]


def figure_maker(cls: type[Figure]) -> MakeFigure:
    """A constructor of ``cls`` taking its fields in order, for code that makes many figures:
    it fills the slots directly, where a frozen dataclass's ``__init__`` goes through
    ``object.__setattr__`` field by field (twice as slow). The figure is the same."""
    assert tuple(f.name for f in fields(cls)) == _FIGURE_FIELDS
    new = object.__new__
    s_text, s_start, s_end, s_value, s_high, s_unit, s_qual = (
        getattr(cls, name).__set__ for name in _FIGURE_FIELDS
    )

    def make(
        text: str,
        start: int,
        end: int,
        value: Decimal,
        value_high: Decimal | None,
        unit: str,
        qualifier: Qualifier,
    ) -> Figure:
        obj = new(cls)
        s_text(obj, text)
        s_start(obj, start)
        s_end(obj, end)
        s_value(obj, value)
        s_high(obj, value_high)
        s_unit(obj, unit)
        s_qual(obj, qualifier)
        return obj

    return make


@dataclass(frozen=True, slots=True, kw_only=True)
class Record:
    """One figure of a document with everything the record contract lists."""

    doc_id: str | None
    kind: Kind
    value: Decimal
    value_high: Decimal | None
    unit: str
    qualifier: Qualifier
    text: str
    start: int
    end: int
    sentence: str
    county: str | None = None
    county_code: str | None = None
    prefecture: str | None = None
    province: str | None = None
    subject: str | None = None
    metric: str | None = None
    indicator: str | None = None  # canonical indicator id (lexicons/indicators.tsv)
    period: str | None = None
    year: int | None = None
    period_start: date | None = None
    period_end: date | None = None
    role: Role | None = None


COLUMNS: tuple[str, ...] = (
    "doc_id", "kind", "value", "value_high", "unit", "qualifier", "text", "start", "end",
    "sentence", "county", "county_code", "prefecture", "province", "subject", "metric",
    "indicator", "period", "year", "period_start", "period_end", "role",
)  # fmt: skip


class Records(list[Record]):
    """A list of records that notebooks show as a table.

    It is a plain ``list`` in every other respect; ``to_frame()`` gives the typed DataFrame of
    the record contract.
    """

    max_rows: int = 60

    def to_frame(self, *, exact: bool = False) -> pd.DataFrame:
        """The records as the contract's typed DataFrame (see :func:`govnlp.to_frame`)."""
        from govnlp.frame import to_frame

        return to_frame(self, exact=exact)

    def _repr_html_(self) -> str:
        from govnlp.frame import records_html

        return records_html(self, max_rows=self.max_rows)


def slots_maker(cls: type[_T]) -> Callable[..., _T]:
    """A constructor of the frozen slots dataclass ``cls`` taking all its fields in order: it
    fills the slots directly (see :func:`figure_maker`). The object is the same."""
    setters = tuple(getattr(cls, f.name).__set__ for f in fields(cls))  # type: ignore[arg-type]
    new = object.__new__

    def make(*values: Any) -> _T:
        if len(values) != len(setters):
            raise TypeError(f"{cls.__name__} takes {len(setters)} fields, got {len(values)}")
        obj = new(cls)
        for setter, value in zip(setters, values):  # noqa: B905 (lengths checked)
            setter(obj, value)
        return obj

    return make
