from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from _support import load_cases
from govnlp.lexicon import default_lexicon
from govnlp.text.normalize import normalize


@pytest.mark.parametrize(
    ("text", "expected"), load_cases("normalize", fields=("input", "expected"))
)
def test_cases(text: str, expected: str) -> None:
    assert normalize(text) == expected


@pytest.mark.parametrize(
    "space", ["\u00a0", "\u3000", "\u200b", "\u200d", "\ufeff", "\u2002", "\u202f"]
)
def test_spaces_and_invisible_characters_become_one_space(space: str) -> None:
    assert normalize(f"1{space}2") == "1 2"


@pytest.mark.parametrize("ch", "０１２３４５６７８９")
def test_fullwidth_digits(ch: str) -> None:
    assert normalize(ch) == str(unicodedata.digit(ch))


def test_kangxi_radicals_follow_unicode() -> None:
    radicals = default_lexicon().radicals
    kangxi = [r for r in radicals if 0x2F00 <= ord(r) <= 0x2FD5]
    assert len(kangxi) > 200
    for r in kangxi:
        assert radicals[r] == unicodedata.normalize("NFKC", r)


@given(st.text())
def test_offsets_are_preserved(text: str) -> None:
    out = normalize(text)
    assert len(out) == len(text)


@given(st.text(alphabet=st.characters(blacklist_characters="&")))
def test_mapping_is_character_by_character(text: str) -> None:
    out = normalize(text)
    assert out == "".join(normalize(c) for c in text)


@given(st.lists(st.sampled_from(["&nbsp;", "&ensp;", "数", "&", "nbsp;", "１"])).map("".join))
def test_entities_keep_offsets(text: str) -> None:
    out = normalize(text)
    assert len(out) == len(text)
    assert "&nbsp;" not in out


def _table_keys() -> list[str]:
    from govnlp.text.normalize import translation_table

    return sorted(chr(c) for c in translation_table(default_lexicon()))


@given(st.data())
def test_same_as_translating_every_character(data: st.DataObject) -> None:
    """Only runs of mapped characters are translated; the result is the whole-text translation,
    for characters of the Basic Multilingual Plane and beyond it (𠁅-like traditional forms)."""
    from govnlp.text.normalize import translation_table

    keys = _table_keys()
    astral = [k for k in keys if ord(k) > 0xFFFF]
    assert astral, "the table maps characters beyond the BMP: this test covers them"
    alphabet = (
        st.sampled_from(keys) | st.sampled_from(astral) | st.characters(blacklist_characters="&")
    )
    text = data.draw(st.text(alphabet=alphabet))
    assert normalize(text) == text.translate(translation_table(default_lexicon()))


@given(st.text(alphabet=st.sampled_from(_table_keys()) | st.characters(blacklist_characters="&")))
def test_changes_words_tells_when_normalising_changes_a_non_ascii_result(text: str) -> None:
    """changes_words is False exactly when normalising changes nothing but punctuation, spaces
    and full-width ASCII (what find_places relies on to skip normalising)."""
    from govnlp.text.normalize import changes_words

    out = normalize(text)
    word_changed = any(a != b and not b.isascii() for a, b in zip(text, out, strict=True))
    assert changes_words(text) == word_changed


def test_every_format_character_becomes_a_space() -> None:
    from govnlp.text.normalize import format_chars

    chars = format_chars()
    assert {"\u200b", "\u00ad", "\u202e", "\u2066", "\ufeff", "\U000e0041"} <= set(chars)
    assert normalize(chars) == " " * len(chars)


@given(
    st.text(alphabet=st.sampled_from("总投资12亿元,%")),
    st.lists(
        st.tuples(
            st.integers(min_value=0, max_value=20), st.sampled_from("\u200b\u00ad\u202e\U000e0041")
        )
    ),
)
def test_squeezing_format_characters_maps_offsets_back(clean: str, inserts: list) -> None:
    """The squeezed text is the text without its format characters, and every squeezed span
    maps back to the span of the same characters in the text as read."""
    from govnlp.text.normalize import format_chars, squeeze_format

    text = clean
    for at, ch in sorted(inserts, reverse=True):
        text = text[: min(at, len(text))] + ch + text[min(at, len(text)) :]
    squeezed = squeeze_format(text, normalize(text))
    if not inserts:
        assert squeezed is None
        return
    assert squeezed is not None
    assert squeezed.text == clean and squeezed.norm == normalize(clean)
    cf = set(format_chars())
    for start in range(len(clean)):
        for end in range(start + 1, len(clean) + 1):
            a, b = squeezed.span(start, end)
            assert text[a] == clean[start] and text[b - 1] == clean[end - 1]
            assert "".join(c for c in text[a:b] if c not in cf) == clean[start:end]
