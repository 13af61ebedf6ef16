"""Reading documents: files, directories, archives and tables, with the contract's document ids.

:func:`read_corpus` streams :class:`Document` objects, one at a time and in input order, from

- text files (``.txt``, ``.md``) and HTML pages (``.html``, ``.htm``, turned into text by a real
  HTML parser: scripts and styles dropped, block elements kept as line breaks);
- tables (``.jsonl``, ``.csv``, ``.parquet``) with one document per row (``id``, ``text``,
  ``date``, ``region`` fields; the text and id fields can be renamed);
- directories, walked recursively in sorted order;
- archives (``.zip``, ``.tar``, ``.tar.gz``, ``.tgz``), read as streams: nothing is unpacked to
  disk, member paths that climb out (``..``) or are absolute are refused, and a member larger
  than ``max_bytes`` is refused before it is read.

Every file met is accounted for. Whatever cannot be read comes as a :class:`ReadError` naming
the file, member, line or folder and the reason. A file met but not read comes as
:class:`Skipped` with the reason: only regular files are read (a named pipe, a device or a
broken link is skipped, and no file is read past ``max_bytes``); a file of a type govnlp does
not read, or a table without the text field, is skipped; and a file found in a folder or an
archive that is no document by its name (hidden files and folders, README, LICENSE, manifest …:
:data:`~govnlp.io.documents.NOT_DOCUMENT_NAMES`) is skipped as ``expected``. Named on the
command line, such a file is read. Bytes are decoded by :func:`govnlp.io.decode.decode`: UTF-8
first, then (only where UTF-8 fails) GB18030 and Big5 if the result is plausible Chinese text.
"""

from __future__ import annotations

import codecs
import logging
import os
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path

from govnlp.io.archives import read_kind
from govnlp.io.decode import decode, plausible_chinese
from govnlp.io.documents import (
    ARCHIVE_SUFFIXES,
    HTML_SUFFIXES,
    MAX_BYTES,
    TABLE_SUFFIXES,
    TEXT_SUFFIXES,
    Document,
    Item,
    ReadError,
    ReadOptions,
    Skipped,
    error_reason,
    file_kind,
    not_document_reason,
    open_regular,
    strip_suffix,
    unsupported_reason,
)
from govnlp.io.html import html_to_text

__all__ = [
    "ARCHIVE_SUFFIXES",
    "HTML_SUFFIXES",
    "MAX_BYTES",
    "TABLE_SUFFIXES",
    "TEXT_SUFFIXES",
    "Document",
    "Item",
    "ReadError",
    "Skipped",
    "decode",
    "html_to_text",
    "plausible_chinese",
    "read_corpus",
]

logger = logging.getLogger(__name__)


def read_corpus(
    inputs: str | os.PathLike[str] | Sequence[str | os.PathLike[str]],
    *,
    encoding: str | None = None,
    text_field: str = "text",
    id_field: str = "id",
    max_bytes: int = MAX_BYTES,
    exclude: Iterable[str | os.PathLike[str]] = (),
) -> Iterator[Item]:
    """Documents of files, directories, archives and tables, streamed in input order.

    Unreadable documents come as :class:`ReadError` naming the file, member, line or folder;
    files met but not read as :class:`Skipped`, with the reason (see the module).

    Args:
        inputs: one path or several (files, directories, archives, tables).
        encoding: force this codec instead of detecting UTF-8, GB18030, Big5, UTF-16.
        text_field: the table field holding the text.
        id_field: the table field holding the document id (rows without one are numbered).
        max_bytes: files and archive members larger than this are errors, not read.
        exclude: paths skipped while walking directories (the output of the run reading them).
    """
    if isinstance(inputs, str | os.PathLike):
        inputs = [inputs]
    if encoding is not None:
        codecs.lookup(encoding)  # LookupError names an unknown codec before anything is read
    opts = ReadOptions(
        encoding=encoding, text_field=text_field, id_field=id_field, max_bytes=max_bytes,
        exclude=frozenset(Path(p).resolve() for p in exclude),
    )  # fmt: skip
    for item in inputs:
        path = Path(item)
        if path.is_dir():
            yield from _read_folder(path, opts)
        else:
            yield from _read_path(path, strip_suffix(path.name), opts)


def _read_folder(
    root: Path, opts: ReadOptions, prefix: str = "", seen: set[Path] | None = None
) -> Iterator[Item]:
    """The items of the files under ``root``, sorted by path components, one directory listed
    at a time; symbolic links to folders already walked are not followed again, and the paths
    in ``opts.exclude`` are passed over (the output of the run reading them)."""
    seen = set() if seen is None else seen
    folder_id = prefix.rstrip("/") or root.name
    real = root.resolve()
    if real in seen:
        yield Skipped(id=folder_id, source=str(root), reason="a link to a folder already read",
                      expected=True)  # fmt: skip
        return
    seen.add(real)
    try:
        entries = sorted(os.scandir(root), key=lambda e: e.name)
    except OSError as exc:
        yield ReadError(id=folder_id, source=str(root),
                        reason=f"cannot list the folder: {error_reason(exc)}")  # fmt: skip
        return
    excluded_names = {p.name for p in opts.exclude}
    for entry in entries:
        path = Path(entry.path)
        if entry.name in excluded_names and path.resolve() in opts.exclude:
            continue
        rel = f"{prefix}{entry.name}"
        try:
            is_dir = entry.is_dir()
        except OSError:  # a symbolic link loop: read as a file, whose opening names the error
            is_dir = False
        if is_dir:
            if entry.name.startswith(".") or entry.name == "__MACOSX":
                yield Skipped(id=rel, source=str(path), reason="not a document folder (hidden, "
                              "or macOS resource forks), not walked", expected=True)  # fmt: skip
            else:
                yield from _read_folder(path, opts, rel + "/", seen)
            continue
        not_document = not_document_reason(entry.name)
        if not_document:
            yield Skipped(id=strip_suffix(rel), source=str(path), reason=not_document,
                          expected=True)  # fmt: skip
        else:
            yield from _read_path(path, strip_suffix(rel), opts)


def _read_path(path: Path, doc_id: str, opts: ReadOptions) -> Iterator[Item]:
    """The items of one file on disk (only a regular file is read)."""
    source = str(path)
    kind = file_kind(path.name)
    if kind is not None:
        try:
            yield from read_kind(kind, lambda: open_regular(path), doc_id, source, opts, 0)
        except Exception as exc:  # a reader's library tripping on a damaged file: the run goes on
            reason = f"unreadable: {type(exc).__name__}: {exc}; what follows in it was not read"
            yield ReadError(id=doc_id, source=source, reason=reason)
    elif os.path.lexists(path):
        yield Skipped(id=doc_id, source=source, reason=unsupported_reason(path.name))
    else:
        yield ReadError(id=doc_id, source=source, reason="no such file or directory")
