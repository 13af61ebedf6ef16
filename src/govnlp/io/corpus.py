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

Whatever cannot be read comes as a :class:`ReadError` naming the file, member or line and the
reason, so that every document is accounted for. Bytes are decoded by
:func:`govnlp.io.decode.decode`: UTF-8 first, then (only where UTF-8 fails) GB18030 and Big5 if
the result is plausible Chinese text.
"""

from __future__ import annotations

import codecs
import functools
import logging
import os
import tarfile
import zipfile
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path

from govnlp.errors import InputError
from govnlp.io.archives import read_tar, read_zip
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
    check_size,
    error_reason,
    file_kind,
    strip_suffix,
    text_document,
)
from govnlp.io.html import html_to_text
from govnlp.io.tables import read_table

__all__ = [
    "ARCHIVE_SUFFIXES",
    "HTML_SUFFIXES",
    "MAX_BYTES",
    "TABLE_SUFFIXES",
    "TEXT_SUFFIXES",
    "Document",
    "Item",
    "ReadError",
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
) -> Iterator[Document | ReadError]:
    """Documents of files, directories, archives and tables, streamed in input order.

    Unreadable documents come as :class:`ReadError` naming the file, member or line.

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
            for rel, found in _walk(path, opts.exclude):
                yield from _read_path(found, strip_suffix(rel), opts, named=False)
        else:
            yield from _read_path(path, strip_suffix(path.name), opts, named=True)


def _walk(
    root: Path, exclude: frozenset[Path], prefix: str = "", seen: set[Path] | None = None
) -> Iterator[tuple[str, Path]]:
    """(relative path, path) of the readable files under ``root``, sorted by path components,
    one directory listed at a time; symbolic links to folders already walked are not followed
    again, and the paths in ``exclude`` are skipped."""
    seen = set() if seen is None else seen
    real = root.resolve()
    if real in seen:
        logger.warning("skipping %s: a link to a folder already read", root)
        return
    seen.add(real)
    try:
        entries = sorted(os.scandir(root), key=lambda e: e.name)
    except OSError as exc:
        logger.warning("cannot list %s: %s", root, exc)
        return
    excluded_names = {p.name for p in exclude}
    for entry in entries:
        path = Path(entry.path)
        if entry.name in excluded_names and path.resolve() in exclude:
            continue
        rel = f"{prefix}{entry.name}"
        if entry.is_dir():
            yield from _walk(path, exclude, rel + "/", seen)
        elif file_kind(entry.name) is not None:
            yield rel, path
        else:
            logger.debug("skipping %s: not a document type govnlp reads", path)


def _read_path(path: Path, doc_id: str, opts: ReadOptions, *, named: bool) -> Iterator[Item]:
    """The documents of one file on disk."""
    source = str(path)
    kind = file_kind(path.name)
    try:
        if not path.exists():
            raise InputError("no such file or directory")
        if kind is None:
            raise InputError(f"unsupported file type {path.suffix or '(none)'!r}")
        if kind in ("text", "html"):
            size = path.stat().st_size
            check_size(size, opts)
            yield text_document(path.read_bytes(), kind, doc_id, source, opts)
            return
    except (OSError, InputError) as exc:
        yield ReadError(id=doc_id, source=source, reason=error_reason(exc))
        return
    if kind == "zip":
        yield from read_zip(lambda: zipfile.ZipFile(path), doc_id, source, opts, 0)
    elif kind == "tar":
        opener = functools.partial(tarfile.open, path, mode="r|*")
        yield from read_tar(opener, doc_id, source, opts, 0)
    else:
        yield from read_table(lambda: path.open("rb"), kind, doc_id, source, opts, named=named)
