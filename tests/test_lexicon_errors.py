from __future__ import annotations

from pathlib import Path

import pytest

from _support import load_cases
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


def _mutate(path: Path, key: str, mutation: str) -> None:
    """Break ``key`` of the lexicon file at ``path`` in the way ``mutation`` names."""
    import re

    lines = path.read_text(encoding="utf-8").splitlines()
    if path.suffix == ".toml":
        at = next(i for i, ln in enumerate(lines) if re.match(rf"\s*{re.escape(key)}\s*=", ln))
        end = at + 1  # a value may go on over several lines
        while end < len(lines) and lines[end].startswith((" ", "\t", "]")):
            end += 1
        if mutation == "drop":
            del lines[at:end]
        elif mutation == "unknown":
            lines.insert(end, f'{key}x = "?"')
        else:
            lines[at:end] = [f'{key} = "not the right type"']
    else:
        header = next(i for i, ln in enumerate(lines) if ln and not ln.startswith("#"))
        columns = lines[header].split("\t")
        col = columns.index(key)
        if mutation == "header":
            columns[col] = key + "x"
            lines[header] = "\t".join(columns)
        else:
            cells = lines[header + 1].split("\t")
            cells[col] = "x"
            lines[header + 1] = "\t".join(cells)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


@pytest.mark.parametrize(
    ("file", "prop", "key", "mutation", "message"),
    load_cases("lexicon_errors", fields=("file", "property", "key", "mutation", "message")),
)
def test_a_broken_lexicon_file_names_file_key_and_line(
    tmp_path: Path, file: str, prop: str, key: str, mutation: str, message: str
) -> None:
    import shutil

    from govnlp import _resources

    root = tmp_path / "lexicons"
    shutil.copytree(_resources.lexicon_dir(), root)
    _mutate(root / file, key, mutation)
    with pytest.raises(LexiconError, match=message):
        getattr(load_lexicon(root), prop)


def test_every_rule_table_has_a_declared_schema() -> None:
    from govnlp import _resources
    from govnlp.schemas import RULE_SCHEMAS

    files = {p.name for p in (_resources.lexicon_dir() / "rules").glob("*.toml")}
    assert files == set(RULE_SCHEMAS)
    lex = load_lexicon(_resources.lexicon_dir())  # every shipped table passes its schema
    for prop in ("rules", "link_rules", "place_rules", "segmentation_rules"):
        assert getattr(lex, prop)
