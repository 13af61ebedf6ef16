"""Whether a figure is a result (``actual``) or a goal (``target``)."""

from __future__ import annotations

import bisect
import dataclasses
from collections.abc import Sequence

from govnlp.linking.doctime import REPORT, DocumentTime
from govnlp.linking.state import REACH, Context, ParagraphState, Period, SentenceState
from govnlp.records import Figure, Kind, Qualifier, Record, Role
from govnlp.text.segment import CLAUSE_BREAK, Block, Sentence

_DONE_BEFORE = ("已", "已经", "曾")  # before 将 they make it 把: done, not to come
_SHARE_ENDS = ("占", "占比", "比例为", "比例是")  # …的企业占48.5%: the share of a group
_EXCEEDED = ("超出", "超过", "超额", "高出")  # 比年初既定目标超出了…: a goal exceeded
_NOUN_CLASSES = frozenset(("n", "nr", "ns", "nt", "nz", "nrt", "ng"))  # 将|青年需求: 把
_OPENING_MARKS = " \u3000“\"（("  # before the first word of a clause
_CONTEXT = 4  # the characters either side of a word that Context.is_word reads
_NEVER = 1 << 62
_CONSEQUENCE_REACH = 3  # 则 this close after a figure follows its case (达到500万则设…)


def _same_figure(rec: Record) -> tuple[object, ...]:
    """What a figure repeated in a headline and its article's body shares: kind, unit, value."""
    return (rec.kind, rec.unit, rec.value, rec.value_high)


class Roles:
    """Finds the role of each figure of a document, in text order."""

    def __init__(self, ctx: Context, doc: DocumentTime, blocks: Sequence[Block]) -> None:
        self.ctx = ctx
        self.rules = ctx.rules
        self.doc = doc
        self.sections = self._section_roles(blocks) if doc.kind != REPORT else {}
        # by sentence start: where a condition may stand, and from where one surely does
        self._condition_cache: dict[int, tuple[list[tuple[int, tuple[str, ...]]], int]] = {}
        self._rule_cache: dict[int, int] = {}  # by sentence: see _rule_said
        # limits that are a rule's words themselves (应为, 不得低于)
        r = self.rules
        self._ruled_limits = tuple(w for w in r.limits if w.startswith(r.rule_words))
        # a condition word that starts this far before a figure reads differently cut there
        words = (*self.rules.conditions, *self.rules.condition_openings)
        self._condition_reach = max(map(len, words), default=0) + _CONTEXT

    def echoed(self, records: Sequence[Record], headline: Block) -> list[Record]:
        """``records`` with the role of each figure of an article's headline that says none of
        its own taken from the same figure (kind, unit and value) repeated in the body, which
        says what the headline leaves out (雅培投资2.3亿美元中国建厂 … 将在浙江省嘉兴投资2.3亿
        美元建立营养品制造厂: a goal; not 拟投10亿建…, 中韩签订2500亿元…协议)."""
        r = self.rules
        title = self.ctx.norm[headline.start : headline.end]
        said = (*r.article_targets, *r.actuals, *r.result_verbs, *r.signing)
        if any(w in title for w in said):
            return list(records)
        body: dict[tuple[object, ...], Record] = {}
        for rec in records:
            if rec.start >= headline.end:
                body.setdefault(_same_figure(rec), rec)
        out = []
        for rec in records:
            echo = body.get(_same_figure(rec)) if rec.start < headline.end else None
            if echo is not None and echo.role is not None and echo.role is not rec.role:
                rec = dataclasses.replace(rec, role=echo.role)
            out.append(rec)
        return out

    def find(
        self,
        fig: Figure,
        index: int,
        period: Period,
        states: tuple[SentenceState, ParagraphState, SentenceState | None],
    ) -> Role | None:
        """The role of ``fig`` in sentence ``index`` (``period``: its time); ``states``: this
        sentence's, its paragraph's and the previous sentence's state."""
        sentence, paragraph, previous = states
        sent = self.ctx.sentences[index]
        frame = self.doc.frame(sent.block)
        if frame.role is Role.ACTUAL:
            return Role.ACTUAL  # a report's review, a bulletin: results (预计…, 初步核算…too)
        if frame.role is Role.TARGET and self._quotes_result(fig, period, frame.year):
            return Role.ACTUAL  # the plan quotes last year's result: 去年增长5.2%
        section = frame.role or self.sections.get(sent.block)
        if not self.doc.kind and self._threshold(sent, fig):
            return None  # 规定…控制在2.0升以下, 造价在200万元以下的工程: a rule's threshold
        if not self.doc.kind and self._conditional(sent, fig):
            return None  # 如果按照2%亏损…计算，4级皮棉生产成本为19738元: hypothetical
        if self.doc.kind != REPORT and self._past(period):
            return Role.ACTUAL  # 去年5700吨, 2025年…预计实现营收 (an article of 2026): done
        if not self.doc.kind and self._ahead(period):
            return Role.TARGET  # 到2015年…人均能耗下降15% (an article of 2011): to come
        if not self.doc.kind and self._to_come(sent, fig, period):
            return Role.TARGET  # 5年内, 二期工程…, 全年60亿元采购任务: what is to come or set
        role = self._said(sent, fig, sentence)
        if role is Role.ACTUAL and self._target_list_goes_on(sent, index, fig, previous):
            role = Role.TARGET  # 预期目标是：…增长7.5%；规上工业增加值增长8%；…
        if role is Role.TARGET:
            paragraph.target = True
            sentence.target = True
        elif role is None and self._goal_goes_on(sent, fig, sentence, paragraph):
            role = Role.TARGET  # 主要预期目标是：…；…；… the list goes on in later sentences
        elif role is None:
            role = section  # 一、2023年工作回顾 … results
        elif role is Role.ACTUAL and section is Role.TARGET:
            text = self.ctx.norm[max(sent.start, fig.start - REACH) : fig.start]
            if not any(w in text for w in self.rules.past):
                role = Role.TARGET  # 增长6%左右 in the plan section is a goal
        if role is None and not self.doc.kind:
            role = Role.ACTUAL  # an article reports what was done or stands
        return role

    def _conditional(self, sent: Sentence, fig: Figure) -> bool:
        """Whether a condition stands in the sentence before the figure (如果…, 若…, 如按…计).

        The text before the figure is read as if it ended there (a word is a word in the text
        cut at the figure), but the sentence is searched once: a candidate that ends well
        before the figure reads the same cut or not, so only those near it are read again."""
        near, settled = self._conditions(sent)
        if settled <= fig.start or self._case_stated(sent, fig):
            return True
        for k in range(bisect.bisect_left(near, (fig.start - self._condition_reach,)), len(near)):
            at, words = near[k]
            if at >= fig.start:
                break
            if self._condition_at(sent.start, fig.start, at, words):
                return True
        return False

    def _case_stated(self, sent: Sentence, fig: Figure) -> bool:
        """Whether the figure is of a case a rule states: the clause right before its own ends
        with 的 (获得“鲁班奖”的，加3分), or 则 follows it closely (达到500万则设…, not 海拔800米以上
        高山的铁观音则因为…)."""
        r = self.rules
        norm = self.ctx.norm
        lo = max(sent.start, fig.start - REACH)  # (a sentence of a thousand figures: linear)
        breaks = list(CLAUSE_BREAK.finditer(norm, lo, fig.start))
        if breaks and norm[breaks[-1].start() - 1 : breaks[-1].start()] in r.condition_clause_ends:
            previous = breaks[-2].end() if len(breaks) > 1 else lo
            if not any(ch.isdigit() for ch in norm[previous : breaks[-1].start()]):
                return True
        after = norm[fig.end : min(sent.end, fig.end + _CONSEQUENCE_REACH)]
        return any(
            (i := after.find(w)) >= 0 and self.ctx.is_word(after, i, w)
            for w in r.condition_consequences
        )

    def _threshold(self, sent: Sentence, fig: Figure) -> bool:
        """Whether an article's figure is a threshold quoted from a rule: a limit after the
        rule's words in its sentence, a limit defining a class (…以下的工程), or a share taken by
        rule (按工程中标价的2%给予)."""
        r = self.rules
        norm = self.ctx.norm
        before = norm[max(sent.start, fig.start - REACH) : fig.start]
        breaks = list(CLAUSE_BREAK.finditer(before))
        clause = before[breaks[-1].end() :] if breaks else before
        after = norm[fig.end : fig.end + 6]
        limit = norm.startswith(r.limits, fig.start) or clause.endswith(r.limits) or (
            fig.qualifier in (Qualifier.AT_LEAST, Qualifier.AT_MOST)
        )
        ruled = self._ruled_limits
        if clause.endswith(ruled) or norm.startswith(ruled, fig.start):
            return True  # 人数应为5人以上, 所占比例不得低于50%
        if limit and self._rule_said(sent) <= fig.start:
            return True  # 规定：…控制在2.0升以下; 应符合流动资金不少于200万元
        if clause.endswith(r.threshold_verbs) and after.startswith("的"):
            return True  # 造价在200万元以下的工程, 工资高于…平均工资3倍的
        if fig.kind is Kind.PERCENT and "按" in clause and clause.endswith("的"):
            return after.startswith(r.rule_shares) and not any(
                w in clause for w in r.targets
            )  # 按工程中标价的2%给予施工企业奖励 (not 我省将按…的10%给予补贴: to come)
        return False

    def _rule_said(self, sent: Sentence) -> int:
        """Where the first of a rule's words (规定, 应, 不得 …) standing as a word of its own
        ends in the sentence; past the sentence's end if none (read once per sentence)."""
        cached = self._rule_cache.get(sent.start)
        if cached is not None:
            return cached
        text = self.ctx.norm[sent.start : sent.end]
        ends = [sent.end + 1]
        for word in self.rules.rule_words:
            i = text.find(word)
            while i >= 0 and sent.start + i < ends[-1]:
                if self.ctx.is_word(text, i, word):
                    ends.append(min(ends[-1], sent.start + i + len(word)))
                    break
                i = text.find(word, i + 1)
        self._rule_cache[sent.start] = ends[-1]
        return ends[-1]

    def _conditions(self, sent: Sentence) -> tuple[list[tuple[int, tuple[str, ...]]], int]:
        """The places of the sentence where a condition may stand, with the words that may
        stand there in the order they are tried, and the end (plus the reach of a word's
        context) of the first that is one read on the whole sentence (a large number if none)."""
        cached = self._condition_cache.get(sent.start)
        if cached is not None:
            return cached
        r = self.rules
        norm = self.ctx.norm
        found: list[tuple[int, tuple[str, ...]]] = []
        for word in r.conditions:  # the first occurrence of each: the one find() meets
            i = norm.find(word, sent.start, sent.end)
            if i >= 0:
                found.append((i, (word,)))
        for at in [
            sent.start,
            *(m.end() for m in CLAUSE_BREAK.finditer(norm, sent.start, sent.end)),
        ]:
            while at < sent.end and norm[at] in _OPENING_MARKS:
                at += 1
            words = tuple(w for w in r.condition_openings if norm.startswith(w, at, sent.end))
            if words:
                found.append((at, words))
        found.sort()
        settled = _NEVER
        for at, words in found:
            if self._condition_at(sent.start, sent.end, at, words):
                settled = min(settled, at + len(words[0]) + _CONTEXT)
        self._condition_cache[sent.start] = (found, settled)
        return found, settled

    def _condition_at(self, start: int, end: int, at: int, words: tuple[str, ...]) -> bool:
        """Whether the first of ``words`` that fits in ``norm[start:end]`` at ``at`` is a word
        of its own there, read in that cut of the text."""
        word = next((w for w in words if at + len(w) <= end), "")
        if not word:
            return False
        lo = max(start, at - _CONTEXT)  # what is_word reads around it, cut at ``end``
        return self.ctx.is_word(
            self.ctx.norm[lo : min(end, at + len(word) + _CONTEXT)], at - lo, word
        )

    def _past(self, period: Period) -> bool:
        """Whether the figure's time is over by the document's year (a result)."""
        now = self.doc.year
        return bool(now and period.year and period.year < now and period.at >= 0)

    def _ahead(self, period: Period) -> bool:
        """Whether the figure's own time phrase names a year after the document's (a goal)."""
        now = self.doc.year
        return bool(now and period.year and period.year > now and period.at >= 0)

    def _to_come(self, sent: Sentence, fig: Figure, period: Period) -> bool:
        """Whether an article's figure is to come or set: its time is years ahead (5年内,
        未来三年), it is of a later phase of a project (二期工程年处理铁矿石3000万吨) or it is the
        amount of a goal or rule (全年60亿元采购任务, 25万元的地方规定)."""
        r = self.rules
        norm = self.ctx.norm
        if period.period and r.ahead.fullmatch(period.period):
            return True
        if period.period in r.within_year and period.at >= sent.start:
            return True  # 江北年内投建30个安置房项目: still to be done this year
        if norm.startswith(r.limits, fig.start):
            return True  # 不超过50万元
        after = norm[fig.end : min(sent.end, fig.end + 10)]
        clause = CLAUSE_BREAK.search(after)
        after = after[: clause.start() if clause else None]
        if any(w in after[:7] for w in r.goal_after) or self._modal_after(after):
            return True
        before = norm[max(sent.start, fig.start - REACH) : fig.start]
        if self._capacity_built(before):
            return True  # 在光伏产业园内自主建设年产12亿只LED路灯…项目
        if r.any_later_phase.search(before) is None:
            return False
        return not any(w in before for w in (*r.past, *r.result_verbs))  # 三期落成投产: done

    def _capacity_built(self, before: str) -> bool:
        """Whether the clause before a figure gives the capacity of a works being built or
        planned (建设年产3500吨工业硼酸、2000吨…, 开建年产值250亿元的…), none of it done."""
        r = self.rules
        if r.any_building_verb.search(before) is None:
            return False  # (none in its clause either)
        breaks = list(CLAUSE_BREAK.finditer(before))
        clause = before[breaks[-1].end() :] if breaks else before
        at = max((clause.rfind(w) for w in r.building_verbs), default=-1)
        if at < 0 or any(w in clause[:at] for w in (*r.past, *r.result_verbs)):
            return False
        return any(w in clause[at:] for w in r.capacity_words)

    def _modal_after(self, after: str) -> bool:
        """Whether a modal word of what is to come (将, 可, 计划) stands as a word in ``after``,
        the rest of a figure's clause (4个安置房项目年内可建成交付)."""
        for word in self.rules.after_modals:
            i = after.find(word)
            if i >= 0 and self.ctx.is_word(after, i, word):
                not_before = self.rules.target_not_before.get(word, ())
                return not after.startswith(not_before, i + len(word))
        return False

    def _quotes_result(self, fig: Figure, period: Period, year: int | None) -> bool:
        """Whether the figure's own time phrase, in its clause, puts it before the plan's
        year, with no word of a goal between (去年增长5.2%, but 去年市核任务（5.55亿元）)."""
        if period.at < 0 or not period.year or not year or period.year >= year:
            return False
        between = self.ctx.norm[period.at : fig.start]
        if len(between) > REACH // 4 or CLAUSE_BREAK.search(between):
            return False
        return not any(w in between for w in self.rules.goal_words)

    def _said(self, sent: Sentence, fig: Figure, state: SentenceState) -> Role | None:
        """The role the words of the sentence give the figure."""
        r = self.rules
        before = self.ctx.norm[max(sent.start, fig.start - REACH) : fig.start]
        report = self.doc.kind == REPORT
        words = r.targets if report else r.article_targets
        if (r.any_target if report else r.any_article_target).search(before) is None:
            words = ()  # none of them is written before the figure
        for word in words:
            i = before.rfind(word)
            if i < 0:
                continue
            follow = before[i + len(word) : i + len(word) + 6]
            if follow.startswith(r.target_not_before.get(word, ())) or follow[:1].isdigit():
                continue  # 计划投资, 将100万元(送给): no goal
            if not follow and word in r.not_right_before and self.ctx.norm[fig.start].isdigit():
                continue  # 将100万元“寄存”: 把
            if word.endswith("目标") and (
                r.met.search(before, max(0, i - 6), i) or follow.startswith(_EXCEEDED)
            ):
                continue  # 完成省定目标任务, 比年初既定目标超出了近四分之一: a goal met is a result
            if len(word) == 1 and not self.ctx.is_word(before, i, word):
                continue  # 不可移动, 需要
            if (
                len(word) == 1 and word != "将" and self.doc.kind != REPORT
                and CLAUSE_BREAK.search(before, i)
            ):  # fmt: skip
                continue  # 最少也要半个月时间才能提车，原来的四千元优惠…: 要 of another clause
            if word == "将" and before[max(0, i - 2) : i].endswith(_DONE_BEFORE):
                continue  # 之前已将电耗从14500度降至13000度: 将 of 把, a thing done
            if word == "将" and self._takes_object(follow):
                continue  # 萧山将青年需求融入城市肌理: 将 of 把, not of the future
            if self.doc.kind != REPORT and self._kept(before, i, word):
                continue
            if not report and self._turned(before, i + len(word)):
                continue  # 今年将只提供1万吨的原矿，但当地…企业的年产能，却高达4万吨
            if self._share_of_those(before[i + len(word) :]):
                continue  # 预计用工需求增加的企业占48.5%: the share of those who expect
            return Role.TARGET
        goal, done = self._cues(sent, state)
        if fig.qualifier is Qualifier.ABOUT and goal:
            return Role.TARGET
        return Role.ACTUAL if done else None

    def _takes_object(self, follow: str) -> bool:
        """Whether 将 before ``follow`` takes a noun as its object (把), not a verb to come."""
        words = self.ctx.words(follow)
        return bool(words) and len(words[0]) > 1 and self.ctx.word_class(words[0]) in _NOUN_CLASSES

    def _goal_goes_on(
        self, sent: Sentence, fig: Figure, sentence: SentenceState, paragraph: ParagraphState
    ) -> bool:
        """Whether a figure that says no role of its own is one more of the goals before it: in
        a report's paragraph of goals, or after a goal of its article sentence with no turn (但,
        却) between."""
        if not paragraph.target:
            return False
        return bool(self.doc.kind) or (sentence.target and not self._goal_turned(sent, fig))

    def _goal_turned(self, sent: Sentence, fig: Figure) -> bool:
        """Whether a clause that turns (但, 却) opens after the last word of a goal before an
        article's figure in its sentence."""
        before = self.ctx.norm[max(sent.start, fig.start - REACH) : fig.start]
        last = max((before.rfind(w) for w in self.rules.article_targets), default=-1)
        return last >= 0 and self._turned(before, last)

    def _turned(self, before: str, at: int) -> bool:
        """Whether a clause of ``before`` after offset ``at`` opens with a turn (但, 却)."""
        for m in CLAUSE_BREAK.finditer(before, at):
            j = m.end()
            while j < len(before) and before[j] in _OPENING_MARKS:
                j += 1
            if self.rules.contrasts.match(before, j):
                return True
        return False

    @staticmethod
    def _share_of_those(scope: str) -> bool:
        """Whether the words after a target word end in the share of those it describes (…增加
        的企业占, …的占): the figure is a survey's result, not a goal."""
        return "的" in scope and scope.rstrip().endswith(_SHARE_ENDS)

    def _kept(self, before: str, i: int, word: str) -> bool:
        """Whether an article's target word at ``before[i:]`` speaks of what was done or is kept
        now: a limit after 目前 or 已 in its clause (目前成本控制在每公斤25美元以下), or a later
        clause that says it was done (总体份额将达到20%，总体采购量扩大了近10倍)."""
        r = self.rules
        if word in r.limits:
            breaks = list(CLAUSE_BREAK.finditer(before, 0, i))
            opening = breaks[-1].end() if breaks else 0
            if any(w in before[opening:i] for w in r.present_marks):
                return True
        breaks = list(CLAUSE_BREAK.finditer(before, i))
        if not breaks:
            return False
        return any(w in before[breaks[-1].end() :] for w in r.past)

    def _target_list_goes_on(
        self, sent: Sentence, index: int, fig: Figure, previous: SentenceState | None
    ) -> bool:
        """The sentence is the next item (after ；) of a list of goals, with no word of results."""
        if previous is None or not previous.target:
            return False
        norm = self.ctx.norm
        prev = self.ctx.sentences[index - 1]
        if prev.block != sent.block or norm[prev.start : prev.end].rstrip()[-1:] not in "；;":
            return False
        text = norm[sent.start : fig.start]
        return not any(w in text for w in self.rules.past)

    def _section_roles(self, blocks: Sequence[Block]) -> dict[int, Role]:
        """Role of each block from the last review or plan section title before it."""
        out: dict[int, Role] = {}
        current: Role | None = None
        for i, block in enumerate(blocks):
            if block.end - block.start <= 40 or block.kind == "heading":
                title = self.ctx.norm[block.start : block.end]
                if any(w in title for w in self.rules.review_sections):
                    current = Role.ACTUAL
                elif any(w in title for w in self.rules.plan_sections):
                    current = Role.TARGET
            if current:
                out[i] = current
        return out

    def _cues(self, sent: Sentence, state: SentenceState) -> tuple[bool, bool]:
        """Whether a sentence speaks of a goal (目标) and of results (完成, 增长 …), once each."""
        if state.cues is None:
            text = self.ctx.norm[sent.start : sent.end]
            state.cues = ("目标" in text, any(a in text for a in self.rules.actuals))
        return state.cues
