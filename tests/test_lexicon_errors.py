from __future__ import annotations

from pathlib import Path

import pytest

from govnlp.errors import LexiconError
from govnlp.lexicon import load_lexicon, read_tsv


def test_wrong_header_names_file_and_line(tmp_path: Path) -> None:
    path = tmp_path / "t.tsv"
    path.write_text("# comment\nword\tnotes\n个\t\n", encoding="utf-8")
    with pytest.raises(LexiconError, match=r"t\.tsv:2: header"):
        read_tsv(path, ("word", "note"))


def test_duplicate_key_names_both_lines(tmp_path: Path) -> None:
    path = tmp_path / "t.tsv"
    path.write_text("word\tnote\n个\t\n家\t\n个\tagain\n", encoding="utf-8")
    with pytest.raises(LexiconError, match=r"t\.tsv:4: duplicate word '个' \(first on line 2\)"):
        read_tsv(path, ("word", "note"), key="word")


def test_bad_number_names_file_and_line(tmp_path: Path) -> None:
    (tmp_path / "numbers").mkdir()
    (tmp_path / "numbers" / "numerals.tsv").write_text("char\tvalue\tnote\n一\tone\t\n", "utf-8")
    with pytest.raises(LexiconError, match=r"numerals\.tsv:2: value 'one' is not a number"):
        _ = load_lexicon(tmp_path).numerals


def test_missing_folder() -> None:
    with pytest.raises(LexiconError, match="does not exist"):
        load_lexicon("/nonexistent/lexicons")


def test_a_pickled_lexicon_hashes_in_the_receiving_process() -> None:
    """The lexicon caches its hash (it keys every cached table); a string's hash differs
    between processes, so the cached value is not pickled."""
    import pickle

    from govnlp.lexicon import default_lexicon

    lex = default_lexicon()
    hash(lex)
    assert "_hash" in vars(lex)
    copy = pickle.loads(pickle.dumps(lex))
    assert "_hash" not in vars(copy)
    assert copy == lex and hash(copy) == hash(lex)
