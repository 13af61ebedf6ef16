"""Matches before an offset, for many offsets of one span: a long clause is scanned once.

A rule that reads "the last scope word before the figure in its clause" scans the clause from
its start at every figure: a clause of a thousand figures is read a thousand times. A
:class:`Scans` finds the matches of a pattern over a span once and gives, for any offset, the
matches ``pattern.finditer(text, span_start, offset)`` would give, without scanning again.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable

Match = re.Match[str]


class Scans:
    """The matches of patterns over spans of one text, found once per pattern and span."""

    def __init__(self, text: str) -> None:
        self.text = text
        self._found: dict[tuple[re.Pattern[str], int, int], tuple[list[Match], list[int]]] = {}
        self._kept: dict[tuple[re.Pattern[str], int, int], bool] = {}
        self._breaks: dict[re.Pattern[str], list[int]] = {}

    def breaks(self, pattern: re.Pattern[str]) -> list[int]:
        """Where ``pattern`` matches in the whole text (one character each: clause breaks),
        in order."""
        found = self._breaks.get(pattern)
        if found is None:
            found = self._breaks[pattern] = [m.start() for m in pattern.finditer(self.text)]
        return found

    def last_before(
        self,
        pattern: re.Pattern[str],
        span: tuple[int, int],
        at: int,
        *,
        reach: int,
        accept: Callable[[Match], bool],
        stable: bool = False,
    ) -> Match | None:
        """The last match of ``pattern.finditer(text, span[0], at)`` that ``accept`` takes.

        ``reach``: how many characters from where it starts a match attempt reads at most (the
        longest word of an alternation of words, with its lookahead): an attempt that starts
        that far before ``at`` reads the same whether the text ends at ``at`` or not, so only
        the last ``reach`` characters are scanned again. ``stable``: ``accept`` does not depend
        on ``at`` (its answers are kept). ``span[0] <= at <= span[1]``.
        """
        start, end = span
        found, starts = self._matches(pattern, start, end)
        safe = bisect.bisect_right(starts, at - reach)  # matches whose attempt reads before at
        resume = max(found[safe - 1].end() if safe else start, at - reach + 1, start)
        for m in reversed(list(pattern.finditer(self.text, resume, at))):
            if accept(m):
                return m
        for k in range(safe - 1, -1, -1):
            m = found[k]
            if stable:
                key = (pattern, start, m.start())
                kept = self._kept.get(key)
                if kept is None:
                    kept = self._kept[key] = accept(m)
            else:
                kept = accept(m)
            if kept:
                return m
        return None

    def _matches(
        self, pattern: re.Pattern[str], start: int, end: int
    ) -> tuple[list[Match], list[int]]:
        key = (pattern, start, end)
        cached = self._found.get(key)
        if cached is None:
            found = list(pattern.finditer(self.text, start, end))
            cached = self._found[key] = (found, [m.start() for m in found])
        return cached
