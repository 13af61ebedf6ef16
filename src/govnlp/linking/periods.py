"""When a figure holds: its time phrase (2023年, 今年以来, 一季度) and the dates it stands for."""

from __future__ import annotations

import bisect
import calendar
import datetime as dt
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace

from govnlp.figures.numerals import parse_number
from govnlp.linking.doctime import NO_FRAME, REPORT, DocumentTime, Frame
from govnlp.linking.state import (
    NO_PERIOD,
    REACH,
    Context,
    ParagraphState,
    Period,
    SentenceState,
)
from govnlp.records import Role
from govnlp.text.segment import CLAUSE_BREAK

_QUARTER = re.compile("([一二三四])季度")
_DIGIT = re.compile("[0-9]")
_CLAUSE_MARKS = "，,。；;：:\n "  # the marks a clause opens after
_CN_Q = {"一": 1, "二": 2, "三": 3, "四": 4, "1": 1, "2": 2, "3": 3, "4": 4}
_RELATIVE = {"今年": 0, "去年": -1, "上年": -1, "明年": 1, "前年": -2}
_PRIOR_YEAR = ("上年", "到上年")  # the year before the one spoken of (an article's 上年, not 去年)
_TO_DATE = ("到目前为止", "截至目前", "截止目前", "目前", "至今", "迄今", "现时")
_NOT_AVERAGE = "上去今全当本"  # 比上年均增长: 上年 + 均
# a figure right after a comparison base dates by it (比2000年的3.81万辆), not a multiple of it
_BASE_FIGURE = re.compile(r"的?(?=[0-9.]+(?![0-9.]|倍))")
# a figure right after a time phrase and 的 is a level of that time alone (由2008年的2600座压减到
# 1053座, 扩大到2010年的45.37亿元): the phrase is not carried to the figures after it
_LEVEL_FIGURE = re.compile(r"的(?=[0-9.]+(?![0-9.]|倍))")
# the marks around a name: a time phrase inside one dates nothing (“中国2010年度十大地质找矿成果奖”,
# 《唐县国土空间规划(2019-2035年)》)
_NAME_QUOTES = (("“", "”"), ("《", "》"))
# time phrases only an article reads (日前, 10年前, 5年内, 建成后, 建厂以来)
_ARTICLE_GROUPS = (
    "ahead", "after", "recent", "event", "ago", "now", "day", "then", "md", "same", "before",
    "lunar", "season", "near",
)
# the months and days an article's date of no year writes (8月26日, 截至7月19日, 3月至5月)
_MONTH_DAY = re.compile(r"([0-9]{1,2})月(?:([0-9]{1,2})日)?")
_DAY = re.compile(r"(?<![0-9月])([0-9]{1,2})日")
# the day (or week) a piece of news tells, with no year written (8月26日, 昨日, 本周)
_TOLD_DAY = re.compile(r"^[^年]*[0-9]{1,2}日|^(?:昨日|昨天|今日|今天|本周|这周)$")
_STEMS = "甲乙丙丁戊己庚辛壬癸"
_BRANCHES = "子丑寅卯辰巳午未申酉戌亥"
_ZODIAC = "鼠牛虎兔龙蛇马羊猴鸡狗猪"
_TO_DAY = ("截至", "截止", "到", "至")  # 截至7月19日: from the start of its year
_WRITTEN_YEAR = re.compile(r"(?<![0-9])((?:19|20)[0-9]{2}) ?年")  # 1994年: a year written out
_FROM_MARKS = ("从", "自")  # 从7月9日开始, 自当年起: from a time on
_FROM_ENDS = ("开始", "起")
_JOINS = ("、", "和", "及")  # between the items of a list
_MAX_LIST = 12  # the most time phrases of a list read for 分别
_RESPECTIVELY = "分别"  # its figures follow the list's items in order
_NEXT_YEAR = ("次年", "翌年")  # the year after the one last said
_THEN_REACH = 2000  # how far back 当时 looks for the year it means

Groups = Mapping[str, str | None]


@dataclass(frozen=True, slots=True)
class _PhraseIndex:
    """The time phrases of one sentence, indexed so that each figure finds the one that dates it
    without reading those before it again (a sentence of a thousand figures stays linear)."""

    starts: list[int]  # where each phrase starts, in order
    plain: list[int]  # plain[j]: the last of the first j phrases that dates on (-1: none)
    dated: list[int]  # dated[j]: the last of the first j that dates on and has a year
    bases: list[int]  # the phrases that date a base alone, in order
    stages: bool  # the sentence ends a list of stages of a year (see _stages)

    @classmethod
    def of(cls, found: list[tuple[int, str, Period, int]]) -> _PhraseIndex:
        plain, dated, bases = [-1], [-1], []
        for k, (_, _, period, until) in enumerate(found):
            if until >= 0:
                bases.append(k)
            plain.append(k if until < 0 else plain[-1])
            dated.append(k if until < 0 and period.year is not None else dated[-1])
        return cls([f[0] for f in found], plain, dated, bases, _stages(found))


def _stages(found: list[tuple[int, str, Period, int]]) -> bool:
    """Whether a sentence ends a list of stages of a year, each dating its own figure (开工率一季度
    达到30%、二季度达到60%、三季度85%以上): they do not carry on to the next sentences."""
    quarters = [_QUARTER.search(text) for _, text, _, _ in found]
    named = {q.group(1) for q in quarters if q}  # (今年第二季度…即认为第二季度…: one quarter)
    return len(named) >= 2 and quarters[-1] is not None  # (…三季度…，全年增长6.7%: 全年)


def year_span(year: int) -> tuple[dt.date, dt.date]:
    """The first and last day of ``year``."""
    return dt.date(year, 1, 1), dt.date(year, 12, 31)


def month_end(year: int, month: int) -> dt.date:
    """The last day of ``month`` (clamped to 1…12) of ``year``."""
    month = min(max(month, 1), 12)
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def _months(year: int, first: int, last: int) -> tuple[dt.date, dt.date]:
    first = min(max(first, 1), 12)
    return dt.date(year, first, 1), month_end(year, last)


def _quarter(year: int, q: int) -> tuple[dt.date, dt.date]:
    return dt.date(year, 3 * q - 2, 1), month_end(year, 3 * q)


def _half(year: int, first: bool) -> tuple[dt.date, dt.date]:
    return (dt.date(year, 1, 1), month_end(year, 6)) if first else (dt.date(year, 7, 1),
                                                                      month_end(year, 12))


def _month_days(
    year: int, months: list[tuple[str, str]], days: list[str], to_day: bool
) -> tuple[dt.date, dt.date]:
    """The first and last day of the months and days an article writes without a year
    (``months``: its month and day pairs, ``days``: a day after a month's day, 3月1日至15日);
    ``to_day``: from the start of the year (截至7月19日)."""
    (m1, d1), (m2, d2) = months[0], months[-1]
    d2 = days[-1] if days and len(months) == 1 and d1 else d2
    first_month, last_month = min(max(int(m1), 1), 12), min(max(int(m2), 1), 12)
    last = month_end(year, last_month)
    if d2:
        last = last.replace(day=min(max(int(d2), 1), last.day))
    first = dt.date(year, first_month, 1)
    if d1:
        first = first.replace(day=min(max(int(d1), 1), month_end(year, first_month).day))
    if to_day:
        first = dt.date(year, 1, 1)
    if first > last:
        first = last
    return first, last


class Periods:
    """Finds the period of each figure of a document, in text order."""

    def __init__(self, ctx: Context, doc: DocumentTime) -> None:
        self.ctx = ctx
        self.rules = ctx.rules
        self.doc = doc
        date = ctx.date
        # the year the document speaks from (今年): a report's own year before its date (a web
        # page may date a report years later), else the date's
        self.now = doc.now or (date.year if date else None)
        self.today = date if date and date.year == self.now else None
        self._open: set[str] = set()  # time phrases of no one year (5年内, 建成后)
        self._index: dict[int, _PhraseIndex] = {}  # by sentence: where its phrases stand
        self._undated: dict[int, tuple[int, int]] = {}  # by block: see _earlier
        self._present: dict[int, int] = {}  # by sentence: see _present_from
        self.article_year = None if doc.kind else self._headline_year() or self.now

    def find(
        self, index: int, at: int, sentences: Callable[[int], SentenceState],
        paragraph: ParagraphState,
    ) -> Period:
        """The time phrase before the figure at ``at`` in sentence ``index`` (else the first
        after it), else the one given earlier in the paragraph; 全年 takes the paragraph's year.
        ``sentences`` gives the state of a sentence by index."""
        sent = self.ctx.sentences[index]
        frame = self.doc.frame(sent.block)
        found = self._periods_of(index, sentences(index))
        ix = self._phrase_index(index, found)
        j = bisect.bisect_left(ix.starts, at)  # the phrases that start before the figure
        chosen, base, dated = self._before(ix, found, j, at)
        if chosen is not None and not base and not self.doc.kind:
            chosen = self._respective(found, j, at) or chosen
        if chosen is None:
            chosen = self._after(found, j, at)
        if chosen is None:
            if self._present_from(index) < at:  # 此次讨论会上有7家: the article's event
                return self._unwritten(frame)
            chosen = self._earlier(index, sentences, paragraph)
        if chosen is None:
            carried = paragraph.period or self._unwritten(frame)
            return self._averaged(at, self._reached(at, carried, frame), frame)
        told = paragraph.period
        if (
            not self.doc.kind and told and told.period and chosen.period
            and chosen.year is None and chosen.period_start is None
            and len(told.period) > len(chosen.period) and told.period.endswith(chosen.period)
        ):  # fmt: skip
            chosen = replace(told, at=chosen.at)  # 今年第二季度…。即认为第二季度…: the same time
        if chosen.year is None and chosen.period_start is None and chosen.period not in self._open:
            year = (dated or paragraph.period or NO_PERIOD).year or frame.year or self.now
            chosen = self._in_year_of(chosen, year)
        elif not self.doc.kind and (chosen.period or "").startswith(_PRIOR_YEAR):
            chosen = self._year_before(chosen, dated or paragraph.period)
        if not base and not ix.stages:  # (去年市核任务（5.55亿元）: the base alone)
            paragraph.period = chosen
            paragraph.period_from = sent.start
        return self._averaged(at, self._reached(at, chosen, frame), frame)

    def of_goal(self, period: Period, at: int) -> Period:
        """The time of an article's goal at ``at`` dated ``period``: none of the day the goal was
        told on, in an earlier clause or sentence (8月26日，…宣布…，还有1条准备开始兴建的年产能约
        100万吨的生产线: the day of the news, not of the goal), else ``period``."""
        text = period.period or ""
        if period.at < 0 or period.at > at or not _TOLD_DAY.search(text):
            return period
        if CLAUSE_BREAK.search(self.ctx.norm, period.at, at) is None:
            return period  # 6月1日上调的15个省市, 于8月3日投资50亿元: of its own clause
        return Period(text, at=period.at)

    def _then(self, period: Period, at: int, said: Period | None) -> Period:
        """An article's 当时 or 当年 before ``at``: the year of the time phrase ``said`` earlier in
        its sentence, else the year last written before it (1994年青岛海信…。…当时投入流动资金
        1500万元 → 1994), the year after it for 次年; of no one year where none is."""
        later = 1 if period.period in _NEXT_YEAR else 0  # 次年: the year after it
        if said is not None and said.year is not None:
            return Period(period.period, said.year + later, *year_span(said.year + later))
        norm = self.ctx.norm
        written = list(_WRITTEN_YEAR.finditer(norm, max(0, at - _THEN_REACH), at))
        if not written:
            self._open.add(period.period or "")
            return period
        year = int(written[-1].group(1)) + later
        return Period(period.period, year, *year_span(year))

    def _present_from(self, index: int) -> int:
        """Where the first word of the article's own event (此次, 本次) stands in sentence
        ``index`` (read once per sentence), past its end where none does or in a report."""
        found = self._present.get(index)
        if found is None:
            sent = self.ctx.sentences[index]
            found = sent.end
            if not self.doc.kind:
                norm = self.ctx.norm
                hits = [norm.find(w, sent.start, sent.end) for w in self.rules.present_events]
                found = min((i for i in hits if i >= 0), default=sent.end)
            self._present[index] = found
        return found

    def _before(
        self, ix: _PhraseIndex, found: list[tuple[int, str, Period, int]], j: int, at: int
    ) -> tuple[Period | None, bool, Period | None]:
        """The time phrase that dates the figure at ``at`` from before it (``j``: how many of
        the sentence's phrases ``found`` start before it): the last that dates on, or a later
        one that dates a base the figure lies in; whether it dates a base; and the last one
        before it that dates on and has a year (2010年，…全年; an article's only: a report's
        parts have their own years)."""
        last = ix.plain[j]
        for k in range(bisect.bisect_left(ix.bases, j) - 1, -1, -1):
            b = ix.bases[k]
            if b < last:
                break
            if at < found[b][3]:
                last = b  # a base the figure lies in (在去年市核任务（5.55亿元）的基础上)
                break
        if last < 0:
            return None, False, None
        dated = -1 if self.doc.kind else ix.dated[last]
        return found[last][2], found[last][3] >= 0, found[dated][2] if dated >= 0 else None

    def _respective(
        self, found: list[tuple[int, str, Period, int]], j: int, at: int
    ) -> Period | None:
        """The time phrase of a list (今年3月、4月、5月) whose figures follow 分别 in the same
        order (产量分别为59373辆、33365辆、28314辆): the one of the figure at ``at`` (``j``: how
        many phrases start before it), else None."""
        norm = self.ctx.norm
        k = j - 1
        if k < 1 or found[k][3] >= 0:
            return None
        items = [found[k][2]]
        if at - items[0].at > REACH:
            return None  # (a sentence of a thousand figures after one list: linear)
        while (
            k > 0 and len(items) < _MAX_LIST and found[k - 1][3] < 0
            and norm[found[k - 1][2].at : found[k][0]] in _JOINS
        ):  # fmt: skip
            k -= 1
            items.insert(0, found[k][2])
        tail = norm[items[-1].at : at]
        i = tail.find(_RESPECTIVELY)
        if len(items) < 2 or i < 0:
            return None
        n = sum(tail.count(c, i) for c in _JOINS)
        return items[n] if n < len(items) else None

    def _after(self, found: list[tuple[int, str, Period, int]], j: int, at: int) -> Period | None:
        """The first time phrase after the figure at ``at`` (``found[j:]``) that dates it and is
        not of an open time (5年内), in the figure's clause alone: a later clause dates its own
        event or names a base (总投资79亿元，预计2029年建成; 分别增长70%、79%，超过疫情前2019年水平:
        neither 2029 nor 2019); the text after the figure is read once."""
        checked = at  # no clause break in norm[at:checked]
        for k in range(j, len(found)):
            start, _, period, _ = found[k]
            if start > checked:
                if CLAUSE_BREAK.search(self.ctx.norm, checked, start) is not None:
                    return None
                checked = start
            if period.period not in self._open:
                return period
        return None

    def _reached(self, at: int, period: Period, frame: Frame) -> Period:
        """The level a review of years reached, with no year of its own (从2015年的45.58亿元增长到
        70.11亿元 in a review of 2016…2020): the last year of the review."""
        if period.year is not None or not frame.span or frame.end is None:
            return period
        if not self.ctx.norm.endswith(self.rules.level_changes, max(0, at - 4), at):
            return period
        year = frame.end.year
        return Period(period.period, year, *year_span(year))

    def _headline_year(self) -> int | None:
        """The year an article's headline (its first sentence) speaks of: 自治区去年政府采购规模
        263亿多 → the year before the date."""
        if not self.ctx.sentences:
            return None
        first = self.ctx.sentences[0]
        norm = self.ctx.norm
        for m in self.rules.periods.finditer(norm, first.start, first.end):
            if norm.endswith(self.rules.base_marks, max(0, m.start() - 3), m.start()):
                continue
            period = self.interpret(m.group(), m.groupdict())
            if period is not None and period.year is not None:
                return period.year
        return None

    def _unwritten(self, frame: Frame) -> Period:
        """The time of a figure with no time phrase in its paragraph: its part's in a report
        or bulletin, none in an article."""
        if self.doc.kind:
            return Period(None, frame.year, frame.start, frame.end)
        return Period()

    def _averaged(self, at: int, period: Period, frame: Frame) -> Period:
        """An average over years (年均增长7%) holds for the years of its review or plan, not
        for one year: the frame's range, else the five years ending with (a review) or
        starting from (a plan) the year."""
        if period.year is None or not self._average_before(at):
            return period
        if frame.span:
            first, last = frame.start, frame.end
        elif self.doc.kind == REPORT:
            year = period.year
            first, last = (
                (dt.date(year, 1, 1), dt.date(year + 4, 12, 31)) if frame.role is Role.TARGET
                else (dt.date(year - 4, 1, 1), dt.date(year, 12, 31))
            )  # fmt: skip
        else:
            first = last = None
        return Period(period.period, None, first, last)

    def _average_before(self, at: int) -> bool:
        """Whether an average word (年均) stands right before offset ``at`` (not 上年均增长)."""
        window = self.ctx.norm[max(0, at - 8) : at]
        for word in self.rules.averages:
            i = window.rfind(word)
            if i >= 0 and (i == 0 or window[i - 1] not in _NOT_AVERAGE):
                return True
        return False

    def _year_before(self, chosen: Period, told: Period | None) -> Period:
        """上年 in an article's sentence or paragraph about another year than the article's
        (去年，…比重由上年的21.3%上升至27.1%): the year before that one."""
        if told is None or told.year is None or chosen.year is None or told.year == self.now:
            return chosen
        back = told.year - 1 - chosen.year
        first, last = chosen.period_start, chosen.period_end
        return replace(
            chosen,
            year=chosen.year + back,
            period_start=first.replace(year=first.year + back) if first else None,
            period_end=month_end(last.year + back, last.month) if last else None,
        )

    @staticmethod
    def _in_year_of(chosen: Period, year: int | None) -> Period:
        """全年, 一季度 in a sentence or paragraph about 2023年 (else in a part of the document
        about it): that year's dates."""
        if year is None:
            return chosen
        first, last = year_span(year)
        text = chosen.period or ""
        quarter = _QUARTER.search(text)
        months = _MONTH_DAY.findall(text)
        if quarter and len(text) <= 4:  # 一季度, 第二季度 of that year
            first, last = _quarter(year, _CN_Q[quarter.group(1)])
        elif months:  # 8月26日, 5月份, 截至7月19日, 3月至5月 of that year
            first, last = _month_days(year, months, _DAY.findall(text), text.startswith(_TO_DAY))
            first = last if text.endswith(("底", "末")) else first  # 6月底库存: that day
        return Period(chosen.period, year, first, last, chosen.at)

    def _earlier(
        self, index: int, sentences: Callable[[int], SentenceState], paragraph: ParagraphState
    ) -> Period | None:
        """The time phrase of an earlier sentence of the paragraph (过去的一年，是…提升年。一是…增长
        6%) after the period carried so far: the last one that writes its year out, else the
        last one."""
        all_sentences = self.ctx.sentences
        block = all_sentences[index].block
        latest: Period | None = None
        # sentences lo…hi-1 of the paragraph are known to hold no time phrase that dates on: a
        # paragraph of a thousand sentences with no time phrase is read once, not at each figure
        lo, hi = self._undated.get(block, (0, 0))
        bare = index  # sentences bare…index-1 hold none
        j = index - 1
        while j >= 0 and all_sentences[j].block == block:
            if all_sentences[j].start <= paragraph.period_from:
                break
            if lo <= j < hi:
                bare = lo if bare == j + 1 else bare
                j = lo - 1
                continue
            found = self._periods_of(j, sentences(j))
            staged = self._phrase_index(j, found).stages
            for _, text, period, until in reversed([] if staged else found):
                if until >= 0:
                    continue
                if _DIGIT.search(text):
                    return period  # 2019年，是…之年。一年来，…: the year written out
                latest = latest or period
            if latest is None:
                bare = j
            j -= 1
        if bare < index:
            self._undated[block] = (bare, index)
        return latest

    def _phrase_index(self, index: int, found: list[tuple[int, str, Period, int]]) -> _PhraseIndex:
        """The index of sentence ``index``'s time phrases ``found`` (built once per sentence)."""
        ix = self._index.get(index)
        if ix is None:
            ix = self._index[index] = _PhraseIndex.of(found)
        return ix

    def _periods_of(self, index: int, state: SentenceState) -> list[tuple[int, str, Period, int]]:
        if state.periods is not None:
            return state.periods
        sent = self.ctx.sentences[index]
        norm = self.ctx.norm
        frame = self.doc.frame(sent.block)
        out: list[tuple[int, str, Period, int]] = []
        for m in self.rules.periods.finditer(norm, sent.start, sent.end):
            until = self._dates_until(m, sent.end)
            if until == -1 and out and self._coordinated(out[-1][3], m.start()):
                figure = _BASE_FIGURE.match(norm, m.end())  # 低于去年同期27.7%和去年全年19.1%
                until = figure.end() + 1 if figure else -1
            if until is None:
                continue  # 是2005年的2.1倍, 较2022年高出, 和去年同期相比: a comparison's base
            period = self.interpret(m.group(), m.groupdict(), frame)
            if period is not None and m.group("then"):
                said = next((p for *_, p, _ in reversed(out) if p.year is not None), None)
                period = self._then(period, m.start(), said)  # 两年前…，当时: that year
            if period is not None:
                if out and out[-1][3] > m.start():  # the base is dated by the nearer phrase
                    out[-1] = (*out[-1][:3], -1)
                period = self._from_on(m, period)
                out.append((m.start(), m.group(), period, until))
        if not self.doc.kind:
            out = self._with_events(sent.start, sent.end, out)
        state.periods = out
        return out

    def _with_events(
        self, start: int, end: int, found: list[tuple[int, str, Period, int]]
    ) -> list[tuple[int, str, Period, int]]:
        """``found`` with the clauses of an article's sentence (``start``:``end``) that tell an
        event and end in 以后 (制度实施以后，…): the time of what follows, of no one year."""
        norm, rules = self.ctx.norm, self.rules
        events = []
        for m in rules.event_after.finditer(norm, start, end):
            opened = max(norm.rfind(c, start, m.start()) for c in _CLAUSE_MARKS) + 1
            at = max(opened, start)
            text = norm[at : m.end()].strip()
            told = text[: len(text) - len(m.group())]
            if (
                not 2 <= len(told) <= 12 or _DIGIT.search(told) or "“" in told or "”" in told
                or told.endswith(rules.event_after_not)
                or any(s <= at < s + len(t) for s, t, _, _ in found)
            ):  # fmt: skip
                continue
            self._open.add(text)
            events.append((m.end() - len(text), text, Period(period=text), -1))
        return sorted([*found, *events], key=lambda item: item[0]) if events else found

    def _from_on(self, m: re.Match[str], period: Period) -> Period:
        """``period`` of the phrase ``m``, ending where it does; in an article, with the words
        around it that say from when on (从7月9日开始, 自当年起, 当月起), up to now."""
        norm = self.ctx.norm
        start, end = m.start(), m.end()
        ending = next((w for w in _FROM_ENDS if norm.startswith(w, end)), "")
        if self.doc.kind or not ending:
            return replace(period, at=end)
        start -= norm[start - 1 : start] in _FROM_MARKS
        text = norm[start : end + len(ending)]
        if period.period in self._open:
            self._open.add(text)  # (从近年来开始: still of no one year)
        if period.year is not None and self.now is not None:
            # from a time on to now, as …以来: of now from last year on (从去年开始), else over
            # years of no one year (从2009年起, 从4年前开始)
            year = self.now if period.year >= self.now - 1 else None
            return Period(text, year, period.period_start, self.today, end + len(ending))
        return replace(period, period=text, at=end + len(ending))

    def _coordinated(self, until: int, at: int) -> bool:
        """Whether a time phrase at ``at`` is joined (和, 及, 、) to a base that dates the figure
        right after it, up to ``until``."""
        between = self.ctx.norm[until:at] if 0 <= until <= at else ""
        return (
            bool(between)
            and between[-1] in "和及、与"
            and len(between) <= 12
            and (CLAUSE_BREAK.search(between) is None)
        )

    def _quoted(self, at: int, end: int, after: int) -> bool:
        """Whether offset ``at`` lies inside a quoted name (“…”, 《…》, no clause break in it) of
        its sentence (ending at ``end``), with words of the name on both sides, or opening it
        with no number after the phrase, which ends at ``after`` (“2011年政府采购第二次签约大会”;
        not a quoted “今年新增20家”)."""
        norm = self.ctx.norm
        for left, right in _NAME_QUOTES:
            opening = norm.rfind(left, max(0, at - 24), at)
            if opening < 0 or norm.find(right, opening, at) >= 0:
                continue
            closing = norm.find(right, opening, min(end, at + 24))
            if closing <= at or CLAUSE_BREAK.search(norm, opening, closing) is not None:
                continue
            if opening < at - 1 or _DIGIT.search(norm, after, closing) is None:
                return True
        return False

    def _dates_until(self, m: re.Match[str], end: int) -> int | None:
        """Up to where the time phrase ``m`` dates what follows it in its sentence (which
        ends at ``end``): -1 on to the next phrase, an offset for a phrase that dates a base,
        the figure right after it or the event of its sentence alone (于2013年开工建设,
        2014年建成达产; of its clause alone, for the day or month of an event: 于2003年7月建成),
        None for the base of a comparison."""
        norm = self.ctx.norm
        rules = self.rules
        if norm.startswith(rules.compared_after, m.end()):
            return None  # 和去年同期相比
        if m.group("now") and not self.ctx.is_word(norm, m.start(), m.group()):
            return None  # 发现在
        if self._quoted(m.start(), end, m.end()):
            return None  # “中国2010年度十大地质找矿成果奖”: a name
        if norm.endswith(rules.base_marks, max(0, m.start() - 3), m.start()) and not (
            m.group() in _TO_DATE and self._said_now(m)
        ):
            if norm.endswith(rules.ratio_marks, max(0, m.start() - 3), m.start()):
                return None
            figure = _BASE_FIGURE.match(norm, m.end())
            if figure:
                return figure.end() + 1  # 比2000年的3.81万辆, 低于去年同期27.7%
            return self._compared_until(m.end(), end)
        if self._base_frame(m, end):
            return None  # 以2010年…能源消耗为基数: the base of a plan's changes
        if m.group("before"):
            return self._before_until(m.end(), end)  # 原来…不足20%的矿井提升到80%以上
        level = _LEVEL_FIGURE.match(norm, m.end())
        if level:
            return level.end() + 1  # 由2008年的2600座压减到1053座: the first level's year alone
        if not self.doc.kind and (
            norm.endswith(rules.event_marks, max(0, m.start() - 2), m.start())
            or ("年" in m.group() and rules.event_verbs.match(norm, m.end()) is not None)
        ):  # 计划2013年正式投产，届时…。新工厂计划初期投资超过8亿元: not 2013
            clause = CLAUSE_BREAK.search(norm, m.end(), end) if "月" in m.group() else None
            if clause and clause.start() > m.end():  # (早在2008年7月，…: its sentence)
                return clause.start()  # 于2003年7月建成，共进驻单位29个: not 2003
            return end
        return self._base_until(m.end(), end)

    def _before_until(self, at: int, end: int) -> int:
        """Where an article's time of before (原来, 此前) ending at ``at`` in a sentence ending at
        ``end`` stops dating: at the first change to a new level after it (提升到), else at the
        sentence's end, which a word of a thing done right after it always reaches (之前已将…
        降至)."""
        norm = self.ctx.norm
        if norm.startswith(self.rules.before_done, at):
            return end
        found = [i for w in self.rules.before_changes if (i := norm.find(w, at, end)) >= 0]
        return min(found, default=end)

    def _said_now(self, m: re.Match[str]) -> bool:
        """Whether an article's phrase of now (现时, 目前) after 是 or 相当于 says when, not a
        ratio's base: no 的 or number follows it (广州是现时华南地区…最高的城市, not 是目前的2
        倍)."""
        norm = self.ctx.norm
        if self.doc.kind or not norm.endswith(
            self.rules.ratio_marks, max(0, m.start() - 3), m.start()
        ):
            return False  # (a report's 是迄今…最大: a superlative's scope, no time of its part)
        follow = norm[m.end() : m.end() + 1]
        return bool(follow) and follow != "的" and not follow.isdigit()

    def _compared_until(self, at: int, end: int) -> int | None:
        """Where a comparison whose base is dated by a time phrase ending at ``at`` closes
        (与2007年底西门子冰箱和滚筒洗衣机15.6%和33.5%的销售额市场占有率相比: the base's figures are
        of 2007) in its clause, else None (比2000年增长: a base alone)."""
        norm = self.ctx.norm
        clause = CLAUSE_BREAK.search(norm, at, end)
        stop = clause.start() if clause else end
        found = [i for w in self.rules.compared_after if (i := norm.find(w, at, stop)) >= 0]
        return min(found) if found else None

    def _base_frame(self, m: re.Match[str], end: int) -> bool:
        """Whether the time phrase ``m`` names the base of a plan's changes (以2010年…为基数)."""
        norm = self.ctx.norm
        if not norm.endswith(self.rules.base_frame_marks, max(0, m.start() - 1), m.start()):
            return False
        clause = CLAUSE_BREAK.search(norm, m.end(), end)
        rest = norm[m.end() : clause.start() if clause else end]
        return any(w in rest for w in self.rules.base_frame_ends)

    def _base_until(self, at: int, end: int) -> int:
        """Where the base a time phrase dates ends (在去年市核任务（5.55亿元）的基础上), or -1
        when the phrase is no base's."""
        m = self.rules.base_of.match(self.ctx.norm, at, min(end, at + 24))
        return m.end() if m else -1

    def interpret(self, text: str, g: Groups, frame: Frame | None = None) -> Period | None:
        """The period a time phrase stands for, from the named groups of its match; ``frame``:
        the time of the part of the document it is in (the year of 上半年, 1-9月)."""
        frame = frame or NO_FRAME
        if any(g.get(k) is not None for k in _ARTICLE_GROUPS):
            return self._article_time(text, g)
        if g.get("bcm"):  # 截至3月底
            year = frame.year or self.now
            return (
                Period(text)
                if year is None
                else Period(text, year, dt.date(year, 1, 1), month_end(year, int(g["bcm"] or 12)))
            )
        if g.get("ry1") and g.get("ry2"):  # 2005年至2009年期间: of no one year
            last = int(g["ry2"] or 0)
            end = month_end(last, int(g["rym"] or 12))
            return Period(text, None, dt.date(int(g["ry1"] or 0), 1, 1), end)
        if g.get("plan"):
            return self._plan(text, g)
        if g.get("past"):
            return self._past(text, g)
        if g.get("cur") or g.get("bq"):
            return Period(period=text)  # 全年, 年末, 一季度: the year comes from the paragraph
        if text in _TO_DATE:
            return Period(period=text, year=self.now, period_end=self.today)
        year = next((int(g[k] or 0) for k in ("y", "cy", "sy", "bare") if g.get(k)), None)
        rel = g.get("rel")
        if rel:
            if self.now is None:
                return Period(period=text)
            year = self.now + _RELATIVE[rel]
            if rel == "今年" and frame.role is Role.ACTUAL and frame.year == self.now - 1:
                year = frame.year  # 今年 in a report's review: written in the year reviewed
        if year is None:
            return self._bare_months(g, text, frame.year or self.now)
        return self._in_year(text, g, year)

    def _count(self, text: str | None, default: int) -> int:
        """The number a short count writes (5, 十, 两, 十二), ``default`` where none."""
        value = parse_number(text, lexicon=self.ctx.tokenizer.lexicon) if text else None
        return int(value) if value is not None else default

    def _article_time(self, text: str, g: Groups) -> Period | None:
        """The time an article's phrase stands for: the article's day (日前, 昨日, 22日), a year
        some years ago (10年前), or no one year (5年内, 近年来, 建成后); none in a report."""
        if self.doc.kind:
            return None
        now = self.now
        if now is not None and g.get("ago"):
            year = now - self._count(g["ago"], 0)
            return Period(text, year, *year_span(year))
        if now is not None and (g.get("now") or g.get("day")):
            return Period(period=text, year=now, period_end=self.today)
        if g.get("then"):
            return Period(period=text)  # its year is the one written before it (:meth:`_then`)
        if g.get("lunar"):
            lunar = self._lunar_year(g)
            return None if lunar is None else Period(text, lunar, *year_span(lunar))
        if g.get("season") and now is not None:
            year = now + {"今": 0, "去": -1, "明": 1}[g["season"] or "今"]
            return Period(text, year, *year_span(year))
        if g.get("md") or g.get("same") or g.get("near"):
            return Period(period=text)  # of the year its paragraph speaks of (:meth:`_in_year_of`)
        if not (g.get("now") or g.get("day") or g.get("ago")):
            self._open.add(text)
        return Period(period=text)

    def _lunar_year(self, g: Groups) -> int | None:
        """The year nearest the article's in which a year of the lunar calendar it names begins:
        乙巳 (one of sixty) or a zodiac animal with its feast (蛇年春节); none for a bare animal
        (马年) or without the article's year."""
        now = self.now
        gz, zodiac = g.get("gz"), g.get("zo")
        if now is None or not (gz or (zodiac and g.get("fest"))):
            return None
        if gz:
            stem, branch = _STEMS.index(gz[0]), _BRANCHES.index(gz[1])
            cycle = next(n for n in range(60) if n % 10 == stem and n % 12 == branch)
            return now + (4 + cycle - now + 30) % 60 - 30  # 1984 + 60k: 甲子
        animal = _ZODIAC.index(zodiac or "")
        return now + (4 + animal - now + 6) % 12 - 6  # 2020 + 12k: 鼠

    def _plan(self, text: str, g: Groups) -> Period | None:
        first = self.rules.plan_years.get(g.get("plan") or "")
        if first is None:
            return None
        if g.get("planend") is not None:  # “十二五”末: its last year
            return Period(text, first + 4, dt.date(first + 4, 1, 1), dt.date(first + 4, 12, 31))
        return Period(period=text, period_start=dt.date(first, 1, 1),
                      period_end=dt.date(first + 4, 12, 31))  # fmt: skip

    def _past(self, text: str, g: Groups) -> Period:
        """The years before the document's (过去一年, 五年来, 过去5年); one year has its year."""
        now = self.now
        if now is None:
            return Period(period=text)
        span = self._count(g.get("pn") or g.get("pn2") or g.get("pn3"), 1)
        return Period(period=text, year=now - 1 if span == 1 else None,
                      period_start=dt.date(now - span, 1, 1),
                      period_end=dt.date(now - 1, 12, 31))  # fmt: skip

    def _in_year(self, text: str, g: Groups, year: int) -> Period:
        """A time phrase with its year: a quarter, half, months or the whole year of it."""
        start: dt.date | None
        end: dt.date | None
        start, end = year_span(year)
        quarter = g.get("q") or g.get("rq")
        half = g.get("h") or g.get("rh")
        first, last = g.get("m1") or g.get("rm1"), g.get("m2") or g.get("rm2")
        month = g.get("m") or g.get("rm")
        if quarter:
            start, end = _quarter(year, _CN_Q[quarter])
        elif half:
            start, end = _half(year, half == "上")
        elif g.get("q3") is not None or g.get("rq3") is not None:
            end = month_end(year, 9)
        elif first and last:
            start, end = _months(year, int(first), int(last))
        elif month:
            end = month_end(year, int(month))
        elif g.get("rn"):  # 今年前5个月
            end = month_end(year, self._count(g["rn"], 12))
        elif g.get("cy"):
            start = None
            end = month_end(year, int(g["cm"] or 12)) if g.get("cm") else dt.date(year, 12, 31)
        elif g.get("sy") or g.get("since") is not None:
            end = self.today
            if not self.doc.kind and self.now is not None:
                # in an article, what stands since last year stands now (去年以来…工资涨到了80元);
                # since an earlier year (2007年成立机顶盒线以来), over years of no one year
                return Period(text, self.now if year >= self.now - 1 else None, start, end)
        return Period(period=text, year=year, period_start=start, period_end=end)

    def _bare_months(self, g: Groups, text: str, year: int | None) -> Period:
        """上半年, 前三季度, 1-9月 without a year: the year of the part of the document (else
        of the document)."""
        if year is None:
            return Period(period=text)
        if g.get("hh"):
            start, end = _half(year, g["hh"] == "上")
        elif g.get("bm1") and g.get("bm2"):
            start, end = _months(year, int(g["bm1"] or 1), int(g["bm2"] or 12))
        else:
            start, end = dt.date(year, 1, 1), month_end(year, 9)
        return Period(period=text, year=year, period_start=start, period_end=end)
