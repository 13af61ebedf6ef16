"""Packaging and import hygiene."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from _support import ROOT
from govnlp import _resources
from govnlp.lexicon import default_lexicon


def test_import_does_no_work() -> None:
    code = (
        "import sys, govnlp; "
        "heavy = ('jieba', 'spacy', 'pandas', 'pyarrow', 'regex'); "
        "heavy = [m for m in heavy if m in sys.modules]; "
        "print(','.join(heavy))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""
    assert out.stderr == ""


def test_lexicons_and_sample_are_found() -> None:
    assert (_resources.lexicon_dir() / "SOURCES.toml").is_file()
    assert list(_resources.sample_corpus().glob("*.txt"))


def test_every_lexicon_table_loads() -> None:
    lex = default_lexicon()
    assert len(lex.domain_terms) >= 300
    assert lex.numerals["两"] == 2 and lex.magnitudes["亿"] == 10**8
    assert lex.currencies["港币"] == "港元"
    assert "个" in lex.classifiers and "人次" in lex.classifiers
    assert lex.physical_units["平米"][0] == "平方米"
    assert lex.traditional["億"] == "亿"
    assert lex.radicals["\u2ec4"] == "西"


@pytest.mark.slow
def test_wheel_ships_lexicons_and_corpus(tmp_path: Path) -> None:
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "-q",
            "-w",
            str(tmp_path),
            str(ROOT),
        ],
        check=True,
        capture_output=True,
    )
    (wheel,) = tmp_path.glob("govnlp-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    assert "govnlp/lexicons/domain/terms.tsv" in names
    assert "govnlp/lexicons/SOURCES.toml" in names
    assert "govnlp/corpora/sample/000_1e9657a66f5be7f3.txt" in names
    assert "govnlp/__init__.py" in names
    assert any(n.endswith("entry_points.txt") for n in names)


def test_public_names_are_not_shadowed_by_submodules() -> None:
    import importlib
    import pkgutil
    import types

    import govnlp

    for info in pkgutil.iter_modules(govnlp.__path__, "govnlp."):
        if info.name != "govnlp.__main__":
            importlib.import_module(info.name)
    for name in govnlp.__all__:
        assert not isinstance(getattr(govnlp, name), types.ModuleType), name
