"""Word boundaries without jieba's generators: the same as ``jieba.Tokenizer.cut(HMM=False)``."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from _support import shared_path
from govnlp.lexicon import default_lexicon
from govnlp.places.gazetteer import gazetteer
from govnlp.text.normalize import normalize
from govnlp.text.tokenizer import Tokenizer, default_tokenizer


@pytest.fixture(scope="module")
def tokenizer() -> Tokenizer:
    return default_tokenizer()


def jieba_boundaries(tokenizer: Tokenizer, text: str) -> set[int]:
    """The reference: 0 and the end of every word of jieba's own cut, HMM off."""
    out = {0}
    pos = 0
    for word in tokenizer.jieba.cut(text, HMM=False):
        pos += len(word)
        out.add(pos)
    return out


def check(tokenizer: Tokenizer, text: str, pairs: list[tuple[int, int]]) -> None:
    expected = jieba_boundaries(tokenizer, text)
    assert tokenizer.boundaries(text) == expected, text
    assert tokenizer.word_ends(text) == sorted(expected), text
    for start, end in pairs:
        assert tokenizer.on_boundaries(text, start, end) == (
            start in expected,
            end in expected,
        ), (text, start, end)


@pytest.mark.parametrize(
    "text",
    [
        "",
        "河南省濮阳市南乐县、示范县建设",
        "全县347名分包干部包联企业312家",
        "PM2.5浓度下降5G基站C++和AT&T",
        "abc 123\r\n\r\r\n 濮阳县\n\n清丰县",
        "河南省委书记到濮阳县城调研",
        "１２３ＡＢＣ，。！",
    ],
)
def test_examples(tokenizer: Tokenizer, text: str) -> None:
    check(tokenizer, text, [(s, e) for e in range(len(text) + 1) for s in range(e + 1)])


@pytest.mark.slow
def test_real_texts(tokenizer: Tokenizer) -> None:
    """Windows of every real text: around each 省 市 县 区 州 旗 (where the place finder asks
    whether a name of two or three characters is a word) and at regular steps, of every length
    up to 24 characters."""
    paths = sorted(shared_path("corpora", "real").rglob("*.txt"))
    assert paths
    windows = 0
    for path in paths:
        norm = normalize(path.read_text(encoding="utf-8"))
        for i, ch in enumerate(norm):
            if ch in "省市县区州旗" and i >= 2:
                lo = max(0, i - 8)
                check(
                    tokenizer,
                    norm[lo : i + 7],
                    [(i - 2 - lo, i + 1 - lo), (i - 1 - lo, i + 1 - lo)],
                )
                windows += 1
        for i in range(0, len(norm), 97):
            window = norm[i : i + 1 + i % 24]
            inner = min(i % 5, len(window))
            check(tokenizer, window, [(0, len(window)), (inner, min(inner + 2, len(window)))])
            windows += 1
    assert windows > 10_000


def _alphabet() -> list[str]:
    forms = gazetteer(default_lexicon()).forms
    han = sorted({c for form in forms for c in form})
    return han + list("0123456789aZx.%+-#&_，。、；：“”（）") + [" ", "\n", "\r", "\r\n", "\t"]


ALPHABET = _alphabet()
FORMS = sorted(gazetteer(default_lexicon()).forms)
WORDS = ["示范", "省委", "县城", "市场", "建设", "发展", "工作", "人民政府", "5G", "PM2.5"]

texts = st.lists(
    st.one_of(
        st.sampled_from(ALPHABET),
        st.sampled_from(FORMS),
        st.sampled_from(WORDS),
    ),
    max_size=14,
).map("".join)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=texts)
def test_property_same_as_jieba(tokenizer: Tokenizer, text: str) -> None:
    check(tokenizer, text, [(s, e) for e in range(len(text) + 1) for s in range(e + 1)])
