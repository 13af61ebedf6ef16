"""What the readers yield (documents and read errors), the options of a read, and the helpers
every reader shares: what a file is by its name, its document id, the size limit, the reason of
an error, and the document of a text or HTML file's bytes.

:mod:`govnlp.io.corpus` is the public home of these names; they are defined here, below the
table and archive readers that build documents too.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from govnlp.errors import InputError
from govnlp.io.decode import decode
from govnlp.io.html import html_to_text

TEXT_SUFFIXES = (".txt", ".md")
HTML_SUFFIXES = (".html", ".htm")
TABLE_SUFFIXES = (".jsonl", ".csv", ".parquet")
ARCHIVE_SUFFIXES = (".zip", ".tar", ".tar.gz", ".tgz")
MAX_BYTES = 50_000_000
"""Default size limit of a file or archive member read whole (50 MB)."""


@dataclass(frozen=True)
class Document:
    """A document: its id, text and optional metadata (``date``, ``region``)."""

    id: str
    text: str
    date: str | None = None
    region: str | None = None
    source: str = ""


@dataclass(frozen=True)
class ReadError:
    """A document that could not be read, with the reason."""

    id: str
    source: str
    reason: str


Item = Document | ReadError


@dataclass(frozen=True, kw_only=True)
class ReadOptions:
    """The options of a read (see :func:`govnlp.io.corpus.read_corpus`), passed to every reader."""

    encoding: str | None
    text_field: str
    id_field: str
    max_bytes: int
    exclude: frozenset[Path]


def file_kind(name: str) -> str | None:
    """What a file is by its name: text, html, jsonl, csv, parquet, zip, tar or ``None``."""
    low = name.lower()
    if low.endswith((".tar.gz", ".tgz", ".tar")):
        return "tar"
    suffix = os.path.splitext(low)[1]
    if suffix in TEXT_SUFFIXES:
        return "text"
    if suffix in HTML_SUFFIXES:
        return "html"
    if suffix in (".jsonl", ".csv", ".parquet", ".zip"):
        return suffix[1:]
    return None


def strip_suffix(name: str) -> str:
    """``name`` without its suffix (``.tar.gz`` counts as one): the id of its document."""
    if name.lower().endswith(".tar.gz"):
        return name[:-7]
    head, tail = os.path.split(name)
    stem, _ = os.path.splitext(tail)
    return f"{head}/{stem}" if head else stem


def error_reason(exc: BaseException) -> str:
    """The reason an exception gives, for a :class:`ReadError`."""
    if isinstance(exc, OSError) and exc.strerror:
        return exc.strerror
    return str(exc) or type(exc).__name__


def check_size(size: int, opts: ReadOptions) -> None:
    """:class:`InputError` when ``size`` bytes are over the read's size limit."""
    if size > opts.max_bytes:
        raise InputError(
            f"{size:,} bytes, over the size limit of {opts.max_bytes:,} bytes (max_bytes)"
        )


def text_document(data: bytes, kind: str, doc_id: str, source: str, opts: ReadOptions) -> Item:
    """The document of a text or HTML file (``kind`` ``text`` or ``html``) from its bytes, or
    why it has none."""
    try:
        text, _ = decode(data, encoding=opts.encoding)
        if kind == "html":
            text = html_to_text(text)
            if not text:
                raise InputError("HTML page without text")
    except InputError as exc:
        return ReadError(id=doc_id, source=source, reason=str(exc))
    return Document(id=doc_id, text=text, source=source)
