"""The time of a document: what kind of document it is (a work report, a statistical bulletin,
anything else), its year, and the time each of its parts speaks of.

A government work report (政府工作报告) is given early in its year: its review (工作回顾, 过去一年,
一年来) reports the year before, its plan (今年, 预期目标, 工作安排) the report's own year, and a
review or plan of five years (过去五年, “十三五”时期, 今后五年) a range of years. A statistical
bulletin (统计公报) reports the year of its title. The year of a report comes from its title or
opening (2023年政府工作报告, 2024年1月…在…人民代表大会上), else from its section titles (一、2023年
工作回顾 → 2024), else from the document's date.
"""

from __future__ import annotations

import datetime as dt
import itertools
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from govnlp.linking.rules import LinkRules
from govnlp.records import Role
from govnlp.text.segment import Block

_YEAR = re.compile(r"((?:19|20)[0-9]{2})年")
_PLAN = re.compile(r"十[一二三四五六]五")
_PLAN_PERIOD = re.compile(r"十[一二三四五六]五[”\"]?(?:时期|期间|以来)")
_SPEAKER = re.compile(r"^(?:各位代表|同志们)[!！,，、]?\s*")

REPORT = "report"
BULLETIN = "bulletin"


@dataclass(frozen=True, slots=True)
class Frame:
    """The time a part of a document speaks of: a year or a range of years, and whether it
    reports results (``actual``) or sets goals (``target``)."""

    role: Role | None = None
    year: int | None = None
    start: dt.date | None = None
    end: dt.date | None = None

    @property
    def span(self) -> bool:
        """Whether the frame is a range of years (a five-year review or plan)."""
        return self.year is None and self.start is not None


NO_FRAME = Frame()  # the frame of a block the document fixes no time for


def _years(first: int, last: int, role: Role | None) -> Frame:
    return Frame(role, None, dt.date(first, 1, 1), dt.date(last, 12, 31))


def _one_year(year: int, role: Role | None) -> Frame:
    return Frame(role, year, dt.date(year, 1, 1), dt.date(year, 12, 31))


@dataclass(frozen=True, slots=True)
class DocumentTime:
    """A document's kind (``report``, ``bulletin`` or ``""``), its year and the frame of each
    block (a review, a plan, or none)."""

    kind: str
    year: int | None
    frames: tuple[Frame, ...]

    def frame(self, block: int) -> Frame:
        """The frame of block ``block`` (an empty frame where the document fixes none)."""
        return self.frames[block] if 0 <= block < len(self.frames) else NO_FRAME

    @property
    def now(self) -> int | None:
        """The year the document speaks from (今年): a report's own year."""
        return self.year if self.kind == REPORT else None


class _Reader:
    """Reads the time of one document from its blocks."""

    def __init__(self, norm: str, blocks: Sequence[Block], rules: LinkRules) -> None:
        self.norm = norm
        self.blocks = blocks
        self.rules = rules
        texts = (self.text(i) for i in range(len(blocks)))
        self.opening = list(itertools.islice((t for t in texts if t), rules.opening_blocks))

    def text(self, i: int) -> str:
        b = self.blocks[i]
        return self.norm[b.start : b.end] if b.kind != "chrome" else ""

    def is_title(self, i: int) -> bool:
        b = self.blocks[i]
        return b.kind == "heading" or (b.kind == "paragraph" and b.end - b.start <= 40)

    def kind(self) -> str:
        r = self.rules
        titles = [t for t in self.opening[: r.title_blocks] if len(t) <= 40]
        if any(w in t for t in titles for w in r.bulletin_markers):
            return BULLETIN  # 江西省2022年国民经济和社会发展统计公报
        head = "\n".join(self.opening)
        if any(w in head for w in r.report_openings):
            return REPORT  # 各位代表: a report to a people's congress
        if any(w in t for t in titles for w in r.report_titles):
            return REPORT  # a report that opens with its review: 2023年工作回顾
        return ""

    def titled_year(self, kind: str) -> int | None:
        """The year a report's or bulletin's title or its date line gives."""
        markers = self.rules.report_markers if kind == REPORT else self.rules.bulletin_markers
        for text in self.opening:
            for marker in markers:
                i = text.find(marker)
                if i < 0:
                    continue
                m = _YEAR.search(text, max(0, i - 24), i + len(marker) + 24)
                if m:
                    return int(m.group(1))
        if kind != REPORT:
            return None
        for text in self.opening:
            m = self.rules.meeting_date.search(text)
            if m:
                return int(m.group(1))  # ——2024年1月23日在…人民代表大会…上, （2008年3月27日）
        return None

    def sectioned_year(self) -> int | None:
        """A report's year from its first section title with a year: 一、2023年工作回顾 → 2024,
        二、2024年工作安排 → 2024."""
        votes: Counter[int] = Counter()
        for i in range(len(self.blocks)):
            if not self.is_title(i):
                continue
            title = self.text(i)
            m = _YEAR.search(title)
            if not m:
                continue
            if any(w in title for w in self.rules.plan_sections):
                votes[int(m.group(1))] += 1
            elif any(w in title for w in self.rules.review_sections) or title.startswith("一、"):
                votes[int(m.group(1)) + 1] += 1
        return votes.most_common(1)[0][0] if votes else None

    def said_year(self) -> int | None:
        """A report's year from a paragraph that opens with a year: 2024年是…做好今年工作 → 2024;
        2023年是…之年…一年来 → 2024."""
        for i in range(len(self.blocks)):
            text = _SPEAKER.sub("", self.text(i)[:80])
            m = self.rules.year_is.match(text)
            if not m:
                continue
            rest = self.text(i)
            if any(w in rest for w in self.rules.plan_openings):
                return int(m.group(1))
            if any(w in rest for w in self.rules.review_openings):
                return int(m.group(1)) + 1
        return None


def document_time(
    norm: str, blocks: Sequence[Block], rules: LinkRules, date: dt.date | None
) -> DocumentTime:
    """The kind, year and frames of the document ``norm`` laid out in ``blocks``."""
    reader = _Reader(norm, blocks, rules)
    kind = reader.kind()
    if kind == BULLETIN:
        year = reader.titled_year(kind) or (date.year - 1 if date else None)
        frame = _one_year(year, Role.ACTUAL) if year else Frame(Role.ACTUAL)
        return DocumentTime(kind, year, tuple(frame for _ in blocks))
    if kind != REPORT:
        return DocumentTime(kind, date.year if date else None, ())
    year = (
        reader.titled_year(kind)
        or reader.sectioned_year()
        or (date.year if date else None)
        or reader.said_year()
    )
    if year is None:
        return DocumentTime(kind, None, ())
    return DocumentTime(kind, year, _Sections(reader, year).frames())


class _Sections:
    """The frame of each block of a report of ``year``: section titles open a review or a
    plan, and a paragraph that opens with a time phrase (五年来, 过去一年, 今年) turns to it."""

    def __init__(self, reader: _Reader, year: int) -> None:
        self.reader = reader
        self.rules = reader.rules
        self.year = year
        self.review = _one_year(year - 1, Role.ACTUAL)
        self.plan = _one_year(year, Role.TARGET)

    def frames(self) -> tuple[Frame, ...]:
        out: list[Frame] = []
        current = Frame(None, self.year - 1, dt.date(self.year - 1, 1, 1),
                        dt.date(self.year - 1, 12, 31))  # fmt: skip
        for i in range(len(self.reader.blocks)):
            if self.reader.is_title(i):
                current = self.titled(self.reader.text(i)) or current
                out.append(current)
                continue
            turned = self.opened(self.reader.text(i), current)
            if turned is not None and (
                current.role is not Role.TARGET or turned.role is Role.TARGET
            ):  # in the plan, a look back (去年…) holds for its paragraph only
                current = turned
            out.append(turned or current)
        return tuple(out)

    def titled(self, title: str) -> Frame | None:
        """The frame a section title opens, if it names one."""
        r = self.rules
        review = any(w in title for w in r.review_sections)
        plan = not review and any(w in title for w in r.plan_sections)
        m = _YEAR.search(title)
        named = self._plan_years(title)
        ordinal = r.top_section.match(title) is not None
        if m and (review or plan or ordinal):
            year = int(m.group(1))
            return _one_year(year, Role.ACTUAL if year < self.year else Role.TARGET)
        if named and (review or plan or ordinal):
            first, last = named
            return _years(first, last, Role.ACTUAL if last < self.year else Role.TARGET)
        if review:
            span = any(w in title for w in r.five_years) and not any(
                w in title for w in r.one_year
            )
            return _years(self.year - 5, self.year - 1, Role.ACTUAL) if span else self.review
        if plan:
            if any(w in title for w in r.five_years):
                return _years(self.year, self.year + 4, Role.TARGET)
            return self.plan
        return None

    def opened(self, text: str, current: Frame) -> Frame | None:
        """The frame a paragraph turns to by its opening words, if any."""
        r = self.rules
        head = _SPEAKER.sub("", text[: r.opening_chars + 8])[: r.opening_chars]
        m = r.year_is.match(head)
        if m and int(m.group(1)) == self.year:
            return self.plan  # 2024年是…: the report's own year
        named = self._plan_years(head, _PLAN_PERIOD)
        if any(w in head for w in r.five_years) or named:
            if named:
                first, last = named
            elif any(w in head for w in r.future_years):
                first, last = self.year, self.year + 4
            else:
                first, last = self.year - 5, self.year - 1
            return _years(first, last, Role.ACTUAL if last < self.year else Role.TARGET)
        if m and int(m.group(1)) == self.year - 1:
            return self.review  # 2023年是…之年
        if head.startswith(r.review_openings):
            return self.review
        if head.startswith(r.plan_openings) and current.role is not Role.ACTUAL:
            return self.plan
        return None

    def _plan_years(self, text: str, pattern: re.Pattern[str] = _PLAN) -> tuple[int, int] | None:
        """The years of the five-year plan ``text`` names (“十四五”时期 → 2021…2025)."""
        m = pattern.search(text)
        first = self.rules.plan_years.get(m.group()[:3]) if m else None
        return (first, first + 4) if first else None
