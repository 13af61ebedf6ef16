"""Whether a figure is a result (``actual``) or a goal (``target``)."""

from __future__ import annotations

from collections.abc import Sequence

from govnlp.linking.doctime import REPORT, DocumentTime
from govnlp.linking.state import REACH, Context, ParagraphState, Period, SentenceState
from govnlp.records import Figure, Qualifier, Role
from govnlp.text.segment import CLAUSE_BREAK, Block, Sentence


class Roles:
    """Finds the role of each figure of a document, in text order."""

    def __init__(self, ctx: Context, doc: DocumentTime, blocks: Sequence[Block]) -> None:
        self.ctx = ctx
        self.rules = ctx.rules
        self.doc = doc
        self.sections = self._section_roles(blocks) if doc.kind != REPORT else {}

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
        if self.doc.kind != REPORT and self._past(period):
            return Role.ACTUAL  # 去年5700吨, 2025年…预计实现营收 (an article of 2026): done
        role = self._said(sent, fig, sentence)
        if role is Role.ACTUAL and self._target_list_goes_on(sent, index, fig, previous):
            role = Role.TARGET  # 预期目标是：…增长7.5%；规上工业增加值增长8%；…
        if role is Role.TARGET:
            paragraph.target = True
            sentence.target = True
        elif role is None and paragraph.target:
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

    def _past(self, period: Period) -> bool:
        """Whether the figure's time is over by the document's year (a result)."""
        now = self.doc.year
        return bool(now and period.year and period.year < now and period.at >= 0)

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
        words = r.targets if self.doc.kind == REPORT else r.article_targets
        for word in words:
            i = before.rfind(word)
            if i < 0:
                continue
            follow = before[i + len(word) : i + len(word) + 6]
            if follow.startswith(r.target_not_before.get(word, ())) or follow[:1].isdigit():
                continue  # 计划投资, 将100万元(送给): no goal
            if word.endswith("目标") and r.met.search(before, max(0, i - 6), i):
                continue  # 完成省定目标任务, 提前实现…目标: a goal met is a result
            if word in ("要", "将") and not self.ctx.is_word(before, i, word):
                continue
            return Role.TARGET
        goal, done = self._cues(sent, state)
        if fig.qualifier is Qualifier.ABOUT and goal:
            return Role.TARGET
        return Role.ACTUAL if done else None

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
