"""Locating the data that ships with govnlp (wheel install or source checkout)."""

from __future__ import annotations

from pathlib import Path

_PACKAGE_DIR = Path(__file__).resolve().parent


def _data_dir(name: str) -> Path:
    """Return the packaged copy of ``name`` if present, else the checkout's top-level folder."""
    packaged = _PACKAGE_DIR / name
    if packaged.is_dir():
        return packaged
    checkout = _PACKAGE_DIR.parents[1] / name
    if checkout.is_dir():
        return checkout
    raise FileNotFoundError(
        f"govnlp data folder {name!r} not found in {packaged} or {checkout}; "
        "reinstall govnlp (the wheel ships it)"
    )


def lexicon_dir() -> Path:
    """The folder holding govnlp's lexicons."""
    return _data_dir("lexicons")


def corpora_dir() -> Path:
    """The folder holding the sample corpus shipped with govnlp."""
    return _data_dir("corpora")


def sample_corpus() -> Path:
    """The sample documents that ``govnlp extract`` reads when given no input."""
    return corpora_dir() / "sample"
