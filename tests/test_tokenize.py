from __future__ import annotations

from pathlib import Path

import pytest

from _support import load_cases, read_table, shared_path
from govnlp.figures.find import find_figures
from govnlp.text import jieba_cache
from govnlp.text.tokenizer import Tokenizer, default_tokenizer, tokenize


@pytest.fixture(scope="module")
def tokenizer() -> Tokenizer:
    return Tokenizer()


@pytest.mark.parametrize(("text", "token"), load_cases("tokens", fields=("text", "token")))
def test_whole_tokens(tokenizer: Tokenizer, text: str, token: str) -> None:
    assert token in tokenizer.tokenize(text)


def _boundaries(tokenizer: Tokenizer, text: str) -> set[int]:
    return {i for span in tokenizer.spans(text) for i in span}


def test_sample_counties_and_figures_stay_whole(tokenizer: Tokenizer, sample_text: str) -> None:
    tokens = tokenizer.tokenize(sample_text)
    for county in ("濮阳县", "清丰县", "范县", "南乐县", "台前县"):
        assert county in tokens
    assert "范" not in tokens
    bounds = _boundaries(tokenizer, sample_text)
    gold = read_table(shared_path("gold", "seed.tsv"))
    figures = find_figures(sample_text)
    assert {f.text for f in figures} >= {r["text"] for r in gold if r["optional"] == "0"}
    for figure in figures:
        assert figure.start in bounds and figure.end in bounds, figure.text


def test_offsets_cover_every_non_space_character(tokenizer: Tokenizer, sample_text: str) -> None:
    spans = tokenizer.spans(sample_text)
    covered = "".join(sample_text[s:e] for s, e in spans)
    assert covered == "".join(sample_text.split())
    assert all(a < b for a, b in spans)


def test_original_characters_are_returned(tokenizer: Tokenizer) -> None:
    tokens = tokenizer.tokenize("總投資１２．３億元")
    assert tokens[-1] == "１２．３億元"
    assert "".join(tokens) == "總投資１２．３億元"


def test_private_dictionary_leaves_global_jieba_alone(tokenizer: Tokenizer) -> None:
    import jieba

    tokenizer.tokenize("深入开展万人助万企活动")
    assert "万人助万企" not in jieba.dt.FREQ or not jieba.dt.FREQ.get("万人助万企")
    assert tokenizer.jieba is not jieba.dt


def test_module_level_tokenize() -> None:
    assert tokenize("范县") == ["范县"]
    assert tokenize("") == []


# --- jieba's internals and the dictionary cache -------------------------------------------------

TEXT = "今天去公园"  # jieba: 今天 / 去 / 公园


def test_boundaries_check_the_jieba_in_use(monkeypatch: pytest.MonkeyPatch) -> None:
    """The word boundaries re-implement jieba 0.42 on its internals: another jieba, or one
    without them, is refused with the version found and the versions supported."""
    import jieba

    from govnlp.errors import DependencyError
    from govnlp.text.dag import DagCuts

    fresh = Tokenizer()
    assert fresh.words(TEXT) == ["今天", "去", "公园"]  # its dictionary is built, not its DAG
    monkeypatch.setattr(jieba, "__version__", "0.43.0")
    with pytest.raises(DependencyError, match=r"jieba >=0\.42\.1,<0\.43; found jieba 0\.43\.0"):
        fresh.boundaries(TEXT)
    monkeypatch.undo()
    monkeypatch.delattr(jieba, "re_eng")
    with pytest.raises(DependencyError, match=r"found jieba 0\.42\.1, which lacks jieba\.re_eng"):
        DagCuts(default_tokenizer().jieba)
    monkeypatch.undo()
    assert fresh.boundaries(TEXT) == {0, 2, 3, 5}


def _planted_dictionary() -> tuple[str, dict[str, int], int]:
    """The inputs hash of jieba's dictionary and a prefix dictionary that would make
    今天去公园 come out as 今 / 天去 / 公园."""
    import jieba

    tok = jieba.Tokenizer()
    with tok.get_dict_file() as fh:
        key = jieba_cache.inputs_hash(fh.read(), jieba.__version__)
    freq, total = tok.gen_pfdict(tok.get_dict_file())
    freq["天去"] = 10**9
    return key, freq, total + 10**9


@pytest.fixture(scope="module")
def planted() -> tuple[str, dict[str, int], int]:
    return _planted_dictionary()


def _tokens_with_cache_in(monkeypatch: pytest.MonkeyPatch, folder: Path) -> list[str]:
    monkeypatch.setenv("GOVNLP_CACHE_DIR", str(folder))
    return Tokenizer().tokenize(TEXT)


def test_a_valid_cache_file_is_used(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, planted: tuple[str, dict[str, int], int]
) -> None:
    """The control for the tests below: the planted file is one the loader takes, in the
    user's private cache folder."""
    key, freq, total = planted
    private = tmp_path / "private"
    private.mkdir(mode=0o700)
    assert jieba_cache.write_cache(private / jieba_cache.cache_name(key), key, freq, total)
    assert _tokens_with_cache_in(monkeypatch, private) == ["今", "天去", "公园"]


def test_a_cache_planted_in_a_shared_folder_is_not_loaded(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, planted: tuple[str, dict[str, int], int]
) -> None:
    key, freq, total = planted
    shared = tmp_path / "shared"
    shared.mkdir()
    shared.chmod(0o1777)  # world-writable, like /tmp
    path = shared / jieba_cache.cache_name(key)
    jieba_cache.write_cache(path, key, freq, total)
    before = path.read_bytes()
    assert _tokens_with_cache_in(monkeypatch, shared) == ["今天", "去", "公园"]
    assert path.read_bytes() == before  # neither loaded nor replaced
    assert sorted(p.name for p in shared.iterdir()) == [path.name]


def test_no_cache_in_the_temporary_folder(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, planted: tuple[str, dict[str, int], int]
) -> None:
    """Where there is no private cache folder, nothing is cached; the files govnlp 0.1 and
    jieba would load from the temporary folder are not read."""
    import marshal
    import tempfile

    import jieba

    from govnlp import __version__

    _, freq, total = planted
    shared = tmp_path / "tmp"
    shared.mkdir()
    shared.chmod(0o1777)
    for name in ("jieba.cache", f"govnlp-jieba-{jieba.__version__}-{__version__}.cache"):
        (shared / name).write_bytes(marshal.dumps((freq, total)))
    monkeypatch.setattr(tempfile, "tempdir", str(shared))
    (tmp_path / "file").write_text("")
    monkeypatch.setenv("GOVNLP_CACHE_DIR", str(tmp_path / "file" / "cache"))  # cannot exist
    assert jieba_cache.cache_dir() is None
    assert Tokenizer().tokenize(TEXT) == ["今天", "去", "公园"]
    assert len(list(shared.iterdir())) == 2


@pytest.mark.parametrize("damage", ["contents", "group_writable", "other_owner"])
def test_a_damaged_cache_file_is_rebuilt(
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    planted: tuple[str, dict[str, int], int],
    damage: str,
) -> None:
    """In the private cache folder, a file changed since it was written, writable by others or
    owned by someone else is not loaded: the dictionary is built again and the file replaced."""
    import os

    key, freq, total = planted
    private = tmp_path / "private"
    private.mkdir(mode=0o700)
    assert _tokens_with_cache_in(monkeypatch, private) == ["今天", "去", "公园"]
    (path,) = private.iterdir()
    good = path.read_bytes()
    assert jieba_cache.read_cache(path, key) is not None
    if damage == "contents":  # the planted dictionary under the hash of the real one
        planted_file = tmp_path / "planted"
        jieba_cache.write_cache(planted_file, key, freq, total)
        head = len(good) - len(good.split(b"\n", 3)[3])
        path.write_bytes(good[:head] + planted_file.read_bytes()[head:])
    else:
        jieba_cache.write_cache(path, key, freq, total)
        if damage == "group_writable":
            path.chmod(0o664)
        else:
            if os.getuid() != 0:
                pytest.skip("changing a file's owner needs root")
            os.chown(path, 65534, 65534)
    assert jieba_cache.read_cache(path, key) is None
    assert _tokens_with_cache_in(monkeypatch, private) == ["今天", "去", "公园"]
    assert path.read_bytes() == good
    assert os.stat(path).st_mode & 0o777 == 0o600


def test_word_classes_come_from_the_domain_lexicon_then_jieba() -> None:
    from govnlp.text.tokenizer import Tokenizer

    tok = Tokenizer()
    assert tok.word_class("引进") == "v"  # jieba's dictionary
    assert tok.word_class("按") == "p"
    assert tok.word_class("项目") == "n"  # a noun of the dictionary
    assert tok.word_class("接待游客") == "vn"  # a domain term keeps its own tag
    assert tok.word_class("新建项目") == "n"
    assert tok.word_class("购买了一辆") == ""  # not a word
