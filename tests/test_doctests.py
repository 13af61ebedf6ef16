"""The examples in the docstrings and in README.md run as written."""

from __future__ import annotations

import doctest
import importlib
import pkgutil

import pytest

import govnlp
from _support import ROOT

MODULES = sorted(
    m.name
    for m in pkgutil.walk_packages(govnlp.__path__, "govnlp.")
    if m.name not in ("govnlp.__main__", "govnlp.dask", "govnlp.batch.dask")  # dask: optional
)


@pytest.mark.parametrize("name", MODULES)
def test_module_docstrings(name: str) -> None:
    module = importlib.import_module(name)
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    assert result.failed == 0


def test_readme() -> None:
    result = doctest.testfile(
        str(ROOT / "README.md"), module_relative=False,
        optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE,
    )  # fmt: skip
    assert result.failed == 0
