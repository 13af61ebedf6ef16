"""Whether a figure is a result (``actual``) or a goal (``target``)."""

from __future__ import annotations

from collections.abc import Sequence

from govnlp.linking.state import REACH, Context, ParagraphState, SentenceState
from govnlp.records import Figure, Qualifier, Role
from govnlp.text.segment import Block, Sentence


class Roles:
    """Finds the role of each figure of a document, in text order."""

    def __init__(self, ctx: Context, blocks: Sequence[Block]) -> None:
        self.ctx = ctx
        self.rules = ctx.rules
        self.sections = self._section_roles(blocks)

    def find(
        self,
        fig: Figure,
        index: int,
        left: str,
        states: tuple[SentenceState, ParagraphState, SentenceState | None],
    ) -> Role | None:
        """The role of ``fig`` in sentence ``index`` (``left``: its clause before it);
        ``states``: this sentence's, its paragraph's and the previous sentence's state."""
        sentence, paragraph, previous = states
        sent = self.ctx.sentences[index]
        role = self._said(sent, fig, sentence)
        if role is Role.ACTUAL and self._target_list_goes_on(sent, index, fig, previous):
            role = Role.TARGET  # 预期目标是：…增长7.5%；规上工业增加值增长8%；…
        section = self.sections.get(sent.block)
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
        return role

    def _said(self, sent: Sentence, fig: Figure, state: SentenceState) -> Role | None:
        """The role the words of the sentence give the figure."""
        r = self.rules
        before = self.ctx.norm[max(sent.start, fig.start - REACH) : fig.start]
        for word in r.targets:
            i = before.rfind(word)
            if i < 0:
                continue
            follow = before[i + len(word) : i + len(word) + 6]
            if follow.startswith(r.target_not_before.get(word, ())):
                continue
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
