"""Reading a string as exactly one figure: an amount of money, a percentage, a count or a
physical quantity.

``parse_figure(s)`` is the figure ``find_figures(s)`` finds when that one figure is all of
``s`` (same value, unit, qualifier and offsets), else ``None``.
"""

from __future__ import annotations

from typing import TypeVar

from govnlp.errors import check_text
from govnlp.figures.find import find_figures
from govnlp.lexicon import Lexicon
from govnlp.records import Count, Figure, Money, Percent, Quantity
from govnlp.text.normalize import format_chars

_F = TypeVar("_F", bound=Figure)


def _parse_one(s: str, kind: type[_F], lexicon: Lexicon | None) -> _F | None:
    """``s`` as exactly one figure of type ``kind``, else ``None``: the figure
    ``find_figures(s)`` finds when it covers all of ``s`` but surrounding spaces (and invisible
    format characters)."""
    check_text(s, "s")
    figures = find_figures(s, lexicon=lexicon)
    if len(figures) == 1:
        figure = figures[0]
        if figure.text == _trimmed(s) and isinstance(figure, kind):
            return figure
    return None


def _trimmed(s: str) -> str:
    """``s`` without the spaces and format characters at its ends."""
    invisible = format_chars()
    while True:
        trimmed = s.strip().strip(invisible)
        if trimmed == s:
            return s
        s = trimmed


def parse_figure(s: str, *, lexicon: Lexicon | None = None) -> Figure | None:
    """Read ``s`` as exactly one figure of any kind, else ``None``."""
    return _parse_one(s, Figure, lexicon)


def parse_money(s: str, *, lexicon: Lexicon | None = None) -> Money | None:
    """Read ``s`` as one amount of money (``"50余万元"``), else ``None``.

    >>> m = parse_money("50余万元")
    >>> m.value, m.unit, m.qualifier.value
    (Decimal('500000'), '元', 'over')
    """
    return _parse_one(s, Money, lexicon)


def parse_percent(s: str, *, lexicon: Lexicon | None = None) -> Percent | None:
    """Read ``s`` as one percentage, percentage-point change or multiple, else ``None``."""
    return _parse_one(s, Percent, lexicon)


def parse_count(s: str, *, lexicon: Lexicon | None = None) -> Count | None:
    """Read ``s`` as one count with its measure word, else ``None``."""
    return _parse_one(s, Count, lexicon)


def parse_quantity(s: str, *, lexicon: Lexicon | None = None) -> Quantity | None:
    """Read ``s`` as one physical quantity, else ``None``."""
    return _parse_one(s, Quantity, lexicon)
