"""Patterns given a lookahead of their first characters find the same matches, and the words the
linking rules read are the tokenizer's words."""

from __future__ import annotations

import re

import pytest

from govnlp.lexicon import default_lexicon
from govnlp.linking.rules import first_chars, link_rules, scanning
from govnlp.linking.state import Context
from govnlp.text.tokenizer import default_tokenizer


@pytest.mark.parametrize(
    ("pattern", "first"),
    [
        ("今年|去年", "今去"),
        ("(?P<y>(?:19|20)[0-9]{2})年", "12"),
        ("(?<![比较])(?P<rel>今年|上年)(?:以来)?", "今上"),
        ("第?[一二]季度", "第一二"),
        ("(?:约|近)*[0-9]+", "约近0123456789"),
        ("(?=[甲乙])[甲乙丙]", "甲乙丙"),  # a lookahead takes no character: a superset is kept
        ("a*b+|c", "abc"),
    ],
)
def test_first_characters(pattern: str, first: str) -> None:
    assert first_chars(pattern) == frozenset(first)


@pytest.mark.parametrize(
    "pattern",
    [
        "a*",  # may match nothing
        "(?:年)?",
        ".年",  # any character
        "[^年]月",  # a negated class
        r"\d+年",  # a category
        "(?i)ab",  # case folded
        r"(a)?\1b",  # a group reference may come first
    ],
)
def test_no_first_characters(pattern: str) -> None:
    assert first_chars(pattern) is None
    assert scanning(pattern).pattern == pattern  # compiled as it is


def test_scanning_finds_the_same_matches() -> None:
    """The period pattern of the rules, on phrases it reads and on their near misses (a
    lookbehind that refuses, a year inside a number), from inside the text as extraction
    searches it."""
    periods = link_rules(default_lexicon()).periods
    assert periods.pattern.startswith("(?=[")
    plain = re.compile(periods.pattern.split("])(?:", 1)[1][:-1])
    text = (
        "2023年上半年，全市生产总值比上年增长5%。截至3月底，今年以来新增企业12家，去年同期为10家。"
        "比去年增长；12023年；“十四五”时期；5年内建成后第二年；22日，近日，3年前；"
        "第三季度、一季度；过去五年，全年目标；现在和当前，近年来多年来。投产后 2024年度末。"
    )
    for start in (0, 1, 5, 17, 40):
        expected = [(m.span(), m.groupdict()) for m in plain.finditer(text, start)]
        assert [(m.span(), m.groupdict()) for m in periods.finditer(text, start)] == expected
        assert len(expected) > 10


@pytest.mark.parametrize(
    "text",
    [
        "全县347名分包干部包联企业312家",
        "PM2.5浓度下降5G基站C++和AT&T",
        "abc 123\r\n\r\r\n 濮阳县\n\n清丰县",
        "地区生产总值",
        "，。！“”",
        " ",
    ],
)
def test_context_words_are_the_tokenizers(text: str) -> None:
    tokenizer = default_tokenizer()
    ctx = Context(text, [], link_rules(default_lexicon()), tokenizer, None)
    assert ctx.words(text) == tokenizer.words(text)


def test_context_words_are_each_callers_own() -> None:
    """A rule that pops a word off its list changes nothing another rule reads later."""
    text = "全县完成固定资产投资120亿元"
    tokenizer = default_tokenizer()
    ctx = Context(text, [], link_rules(default_lexicon()), tokenizer, None)
    calls: list[str] = []
    word_ends = tokenizer.word_ends

    class Counting:
        def __getattr__(self, name: str) -> object:
            return getattr(tokenizer, name)

        def word_ends(self, t: str) -> object:
            calls.append(t)
            return word_ends(t)

    ctx.tokenizer = Counting()  # type: ignore[assignment]
    first = ctx.words(text)
    first.pop()
    first.append("改")
    assert ctx.words(text) == tokenizer.words(text)
    assert calls == [text]  # segmented once
