"""The place finder's scanner and guards against their plain reference implementations."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from _support import shared_path
from govnlp.lexicon import default_lexicon
from govnlp.places.find import _in_organisation
from govnlp.places.gazetteer import gazetteer
from govnlp.places.scanner import Scanner, word_trie
from govnlp.text.normalize import normalize


def reference_scan(trie: dict[str, Any], text: str) -> Iterator[tuple[int, int]]:
    """The longest match of the trie's words at every offset of ``text``, overlapping ones
    included (从江 and 江北区 in 从江北区): a walk of the trie from every character."""
    n = len(text)
    get = trie.get
    for i in range(n):
        node = get(text[i])
        if node is None:
            continue
        end, j = 0, i + 1
        while True:
            if "" in node:
                end = j
            if j >= n:
                break
            node = node.get(text[j])
            if node is None:
                break
            j += 1
        if end:
            yield i, end


def reference_in_organisation(norm: str, end: int, rules: dict[str, Any]) -> bool:
    window = norm[end : end + int(rules["organisation_window"])]
    for i, ch in enumerate(window):
        if ch in rules["clause_breaks"]:
            window = window[:i]
            break
    return any(s in window for s in rules["organisation_suffixes"])


def scanners(words: list[str]) -> list[Scanner]:
    """The same scanner twice: the regex path (short texts) and the numpy path (long ones)."""
    short, long = Scanner(words), Scanner(words)
    short.LONG = 1 << 62
    long.LONG = 0
    return [short, long]


def check(words: list[str], text: str, pair: list[Scanner] | None = None, trie: Any = None) -> None:
    expected = list(reference_scan(trie or word_trie(words), text))
    for scanner in pair or scanners(words):
        assert scanner.scan(text) == expected, (scanner.LONG, text)


FORMS = sorted(gazetteer(default_lexicon()).forms)
FORMS_TRIE = word_trie(FORMS)
GAZETTEER_SCANNERS = scanners(FORMS)


def check_forms(text: str) -> None:
    check(FORMS, text, GAZETTEER_SCANNERS, FORMS_TRIE)


def test_examples() -> None:
    check_forms("河南省濮阳市南乐县、示范县建设")
    check_forms("")
    check(["ab", "bcd", "abc", "cdef", "xy", "xyz", "yzw"], "abcdef xyzw aabcd bcdef")
    check(["ab", "bcdef"], "abcdef")
    check(["甲乙", "乙丙丁", "\U00020000\U00020001"], "甲乙丙丁 \U00020000\U00020001\ud800乙丙丁")


def test_words_of_one_character_are_refused() -> None:
    with pytest.raises(ValueError, match="one character"):
        Scanner(["县", "南乐县"])


@pytest.mark.slow
def test_real_texts() -> None:
    paths = sorted(shared_path("corpora", "real").rglob("*.txt"))
    assert paths
    for path in paths:
        norm = normalize(path.read_text(encoding="utf-8"))
        check_forms(norm)
        for line in norm.splitlines():
            check_forms(line)


def _fragments() -> list[str]:
    out = set()
    for form in FORMS[::7]:
        out.update(form[:i] for i in range(1, len(form) + 1))
        out.update(form[i:] for i in range(1, len(form)))
    return sorted(out)


FRAGMENTS = _fragments()
OTHER = [*"的和在全新建设示范，。、 \n0a", "\U00020000", "\ud800"]

gazetteer_texts = st.lists(
    st.one_of(st.sampled_from(FRAGMENTS), st.sampled_from(FORMS), st.sampled_from(OTHER)),
    max_size=30,
).map("".join)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=gazetteer_texts)
def test_property_gazetteer(text: str) -> None:
    check_forms(text)


small_words = st.lists(st.text(alphabet="abcd\U00020000", min_size=2, max_size=5), min_size=1)


@settings(max_examples=300, deadline=None)
@given(words=small_words, text=st.text(alphabet="abcde\U00020000\ud800", max_size=40))
def test_property_small_word_sets(words: list[str], text: str) -> None:
    check(words, text)


organisation_texts = st.lists(
    st.sampled_from(["有限公司", "公司", "大学", "学", "院", "，", "、", "（", "\n", "的", "研究"]),
    max_size=16,
).map("".join)


@settings(max_examples=300, deadline=None)
@given(text=organisation_texts, end=st.integers(min_value=0, max_value=40))
def test_property_in_organisation(text: str, end: int) -> None:
    g = gazetteer(default_lexicon())
    assert _in_organisation(text, end, g) == reference_in_organisation(text, end, g.rules)
