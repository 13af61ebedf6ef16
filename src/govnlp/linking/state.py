"""What the linking rules read (the document) and remember (per sentence, per paragraph)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from itertools import pairwise

from govnlp.linking.rules import LinkRules
from govnlp.text.segment import Sentence
from govnlp.text.tokenizer import Tokenizer

REACH = 240  # how far around a figure its sentence is read (long lists stay linear)


@dataclass(frozen=True, slots=True)
class Period:
    """A time phrase and the dates it stands for."""

    period: str | None = None
    year: int | None = None
    period_start: dt.date | None = None
    period_end: dt.date | None = None
    at: int = -1  # where its time phrase ends in the text (-1: none written)


NO_PERIOD = Period()  # no time phrase and no dates


@dataclass
class SentenceState:
    """What the linking of earlier figures of one sentence left for the next ones."""

    last: tuple[int, str, str] | None = None  # (end, subject, metric) of the last figure
    starts: list[int] = field(default_factory=list)  # starts of the figures linked so far
    subjects: list[str] = field(default_factory=list)  # their subjects
    items: list[str] | None = None  # the subjects listed before 分别
    list_name: str = ""  # the whole list they were named by (城乡居民人均可支配收入, A、B)
    item_metrics: list[str] | None = None  # their metrics, where the list is of one owner's rates
    named: str = ""  # the subject named last in the sentence (carried to its later clauses)
    reached: tuple[str, str] | None = None  # (a count's object after 提供/遍布, who reached it)
    last_kind: str = ""  # the kind of the last figure linked
    # its time phrases, once found: (start, text, period, end of the base it dates or -1)
    periods: list[tuple[int, str, Period, int]] | None = None
    cues: tuple[bool, bool] | None = None  # (speaks of a goal, speaks of results)
    target: bool = False  # holds a goal


@dataclass
class ParagraphState:
    """What the linking of earlier figures of one paragraph (block) left for the next ones."""

    subject: str = ""  # the subject carried across clauses
    money_metric: str = ""  # the last measure of money (总投资, before 占…的)
    price: str = ""  # the price word of the last price per unit of goods (价格, 收购报价)
    period: Period | None = None  # the period given last
    period_from: int = -1  # start of the sentence it was given in
    target: bool = False  # a list of goals has begun


@dataclass
class Context:
    """The document the rules read: normalised text, sentences, rules, words."""

    norm: str
    sentences: Sequence[Sentence]
    rules: LinkRules
    tokenizer: Tokenizer
    date: dt.date | None
    statistical: bool = False  # a work report or bulletin (measures are the place's indicators)
    _words: dict[str, tuple[str, ...]] = field(default_factory=dict)
    _classes: dict[str, str] = field(default_factory=dict)

    def words(self, text: str) -> list[str]:
        """The words of ``text`` (cached per document; each call gets a list of its own, which
        the caller may change)."""
        if not text:
            return []
        words = self._words.get(text)
        if words is None:
            # the tokenizer's words, read from its word boundaries (quicker than jieba's cut)
            ends = self.tokenizer.word_ends(text)
            words = self._words[text] = tuple(
                word for start, end in pairwise(ends) if not (word := text[start:end]).isspace()
            )
        return list(words)

    def word_class(self, word: str) -> str:
        """The part of speech of ``word`` (jieba's tags; ``n`` for any other known word; cached
        per document)."""
        cls = self._classes.get(word)
        if cls is None:
            cls = self._classes[word] = self.tokenizer.word_class(word)
        return cls

    def is_word(self, text: str, i: int, word: str) -> bool:
        """Whether ``word`` at ``text[i:]`` is a word of its own there."""
        lo = max(0, i - 4)
        bounds = {
            lo + b for span in self.tokenizer.spans(text[lo : i + len(word) + 4]) for b in span
        }
        return i in bounds and i + len(word) in bounds
