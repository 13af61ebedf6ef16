"""A progress bar for long loops: a widget in notebooks, a text bar in terminals."""

from __future__ import annotations

import warnings
from collections.abc import Iterable, Iterator, Sized
from typing import TypeVar

T = TypeVar("T")


def progress(
    iterable: Iterable[T],
    *,
    total: int | None = None,
    desc: str | None = None,
    disable: bool = False,
) -> Iterator[T]:
    """``iterable`` with a progress bar: a widget in notebooks, a text bar in terminals.

    Uses ``tqdm.auto``; in a notebook without ipywidgets it falls back to the text bar quietly.
    """
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message=".*IProgress not found.*")
        from tqdm.auto import tqdm

    if total is None and isinstance(iterable, Sized):
        total = len(iterable)
    yield from tqdm(iterable, total=total, desc=desc, disable=disable)
