"""Linking a figure to what it measures (subject, metric), when (period) and its role.

The wiring of :mod:`~govnlp.linking.subject`, :mod:`~govnlp.linking.role` and
:mod:`~govnlp.linking.periods` over one document, with one state object per sentence and per
paragraph, and the document's time (:mod:`~govnlp.linking.doctime`: the year of a work report, of
its review and of its plan); the words they use are data in ``lexicons/rules/link.toml``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from govnlp.lexicon import Lexicon
from govnlp.linking.doctime import document_time
from govnlp.linking.periods import Periods
from govnlp.linking.role import Roles
from govnlp.linking.rules import link_rules
from govnlp.linking.state import NO_PERIOD, Context, ParagraphState, Period, SentenceState
from govnlp.linking.subject import Subjects
from govnlp.records import Figure, Role
from govnlp.text.segment import Block, Sentence
from govnlp.text.tokenizer import default_tokenizer_for


@dataclass(frozen=True, slots=True)
class Link:
    """What a figure measures and when."""

    subject: str | None = None
    metric: str | None = None
    period: str | None = None
    year: int | None = None
    period_start: dt.date | None = None
    period_end: dt.date | None = None
    role: Role | None = None

# punctuation that may be left at either end of a subject or metric cut from its sentence
# (——赛维LDK公司, ·某某公司): never part of the name; quotes and brackets are
_LOOSE_MARKS = " \t\u3000—–-－·•、，,。：:；;！!？?…\\/"
_PAIRS = (("(", ")"), ("（", "）"), ("“", "”"), ("《", "》"), ("[", "]"), ("【", "】"))


def _trimmed(phrase: str) -> str:
    """``phrase`` without loose punctuation at its ends, nor a bracket or quote at an end that
    is alone in it (a cut 综合窗口)\\ → 综合窗口)."""
    phrase = phrase.strip(_LOOSE_MARKS)
    for opening, closing in _PAIRS:
        if phrase.endswith(closing) and opening not in phrase:
            phrase = phrase[:-1].strip(_LOOSE_MARKS)
        if phrase.startswith(opening) and closing not in phrase:
            phrase = phrase[1:].strip(_LOOSE_MARKS)
    return phrase


class Linker:
    """Links the figures of one document, in text order."""

    def __init__(
        self,
        norm: str,
        sentences: Sequence[Sentence],
        lexicon: Lexicon,
        date: dt.date | None,
        blocks: Sequence[Block] = (),
    ) -> None:
        rules = link_rules(lexicon)
        self.time = document_time(norm, blocks, rules, date)
        self.statistical = bool(self.time.kind)  # a work report or bulletin
        tokenizer = default_tokenizer_for(lexicon)
        ctx = Context(norm, sentences, rules, tokenizer, date, statistical=self.statistical)
        self.sentences = sentences
        self.subjects = Subjects(ctx)
        self.roles = Roles(ctx, self.time, blocks)
        self.periods = Periods(ctx, self.time)
        self._sentence: dict[int, SentenceState] = {}
        self._paragraph: dict[int, ParagraphState] = {}

    def sentence_state(self, index: int) -> SentenceState:
        """The state of sentence ``index``."""
        state = self._sentence.get(index)
        if state is None:
            state = self._sentence[index] = SentenceState()
        return state

    def paragraph_state(self, block: int) -> ParagraphState:
        """The state of paragraph (block) ``block``."""
        state = self._paragraph.get(block)
        if state is None:
            state = self._paragraph[block] = ParagraphState()
        return state

    def link(self, fig: Figure, index: int) -> Link:
        """The link of ``fig``, which lies in sentence ``index``."""
        sentence = self.sentence_state(index)
        paragraph = self.paragraph_state(self.sentences[index].block)
        subject, metric, _ = self.subjects.find(fig, index, sentence, paragraph)
        period = self.periods.find(index, fig.start, self.sentence_state, paragraph)
        previous = self._sentence.get(index - 1) if index else None
        role = self.roles.find(fig, index, period, (sentence, paragraph, previous))
        if role is Role.TARGET and not self.time.kind:
            period = self.periods.of_goal(period, fig.start)
        if role is Role.ACTUAL and period == NO_PERIOD and not self.time.kind:
            period = Period(year=self.periods.article_year)  # what an article reports stands
        subject = subject.rpartition("——")[2] or subject  # 生产商之一——赛维公司: the name after
        subject, metric = _trimmed(subject), _trimmed(metric)
        return Link(subject or None, metric or None, period.period, period.year,
                    period.period_start, period.period_end, role)  # fmt: skip
