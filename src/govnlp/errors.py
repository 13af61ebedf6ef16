"""Exceptions raised by govnlp, and the checks of arguments that raise them."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping

from govnlp.records import Record


class GovnlpError(Exception):
    """Base class of every error govnlp raises on purpose."""


class LexiconError(GovnlpError, ValueError):
    """A lexicon file is missing, malformed or inconsistent; the message names file and line."""


class ConfigError(GovnlpError, ValueError):
    """A parameter has a value govnlp cannot use; the message names it and the allowed values."""


class InputError(GovnlpError, ValueError):
    """A document cannot be read or decoded; the message names the file or row."""


class DependencyError(GovnlpError, RuntimeError):
    """An installed package lacks what govnlp relies on; the message names the version found
    and the versions supported."""


class ArgumentError(GovnlpError, TypeError):
    """An argument of a type govnlp cannot use; the message names the parameter (and the row or
    document where there is one) and what was expected."""


# a lone surrogate: a character no UTF-8 output (a file, a spaCy Doc) can hold
LONE_SURROGATE = re.compile("[\ud800-\udfff]")


def check_text(value: object, name: str = "text") -> str:
    """``value`` if it is a ``str``; else :class:`ArgumentError` naming the parameter ``name``."""
    if isinstance(value, str):
        return value
    hint = ""
    if isinstance(value, bytes):
        hint = " (decode bytes first, e.g. value.decode('utf-8'))"
    elif value is None or (isinstance(value, float) and value != value):
        hint = " (a missing text)"
    raise ArgumentError(f"{name} must be a str, got {type(value).__name__}{hint}")


def check_records(value: object, name: str = "records") -> list[Record]:
    """``value`` as a list of records (``extract`` output); else :class:`ArgumentError` naming
    the parameter ``name``, or the item that is no record."""
    if isinstance(value, (str, bytes, Mapping)) or not isinstance(value, Iterable):
        raise ArgumentError(
            f"{name} must be a list of Record (as extract returns) or a records DataFrame "
            f"(as extract_frame returns), got {type(value).__name__}"
        )
    rows = list(value)
    for i, row in enumerate(rows):
        if not isinstance(row, Record):
            raise ArgumentError(
                f"{name}[{i}] is of type {type(row).__name__}; expected a Record "
                "(as extract returns)"
            )
    return rows
