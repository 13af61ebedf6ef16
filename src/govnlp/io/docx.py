"""The text of Word files (``.docx``): paragraphs and tables in the order of the document.

A table is one line per row, its cells separated by tabs, so that the figures of a statistical
table stay apart; a cell merged over several columns or rows is written once. Headers, footers,
footnotes and comments are not the document's text and are left out.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterator
from typing import Any

from govnlp.errors import InputError

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_CELL_SEPARATOR = "\t"


def docx_text(data: bytes, *, source: str, max_bytes: int | None = None) -> str:
    """The text of a Word file: one line per paragraph and per table row, in document order.

    Raises:
        InputError: the file is no readable ``.docx`` (an old ``.doc``, damaged, or empty of
            text), or its parts unpack to more than ``max_bytes``; the message starts with
            ``source``.
    """
    if max_bytes is not None:
        _check_unpacked(data, source, max_bytes)
    body = _body(data, source)
    text = "\n".join(line for line in _block_lines(body, None) if line.strip())
    if not text:
        raise InputError(f"{source}: Word file without text")
    return text


def _check_unpacked(data: bytes, source: str, max_bytes: int) -> None:
    """:class:`InputError` when the parts of the Word file unpack to more than ``max_bytes``
    (a zip bomb: 1 MB holding a gigabyte of XML took 2 GB of memory to be refused)."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            size = sum(info.file_size for info in package.infolist())
    except (zipfile.BadZipFile, ValueError):
        return  # said by the reading proper, with its reason
    if size > max_bytes:
        raise InputError(f"{source}: Word file whose parts unpack to {size:,} bytes, over the "
                         f"size limit of {max_bytes:,} bytes (max_bytes)")  # fmt: skip


def _body(data: bytes, source: str) -> Any:
    """The ``w:body`` element of the document, or :class:`InputError` saying why there is none."""
    import docx
    from docx.opc.exceptions import PackageNotFoundError
    from lxml.etree import LxmlError

    if not data.startswith(b"PK"):
        what = "an old Word .doc file" if data.startswith(b"\xd0\xcf\x11\xe0") else "no zip file"
        raise InputError(f"{source}: not a Word .docx file ({what})")
    try:
        document = docx.Document(io.BytesIO(data))
    except (zipfile.BadZipFile, PackageNotFoundError, KeyError, ValueError, LxmlError) as exc:
        reason = str(exc) or type(exc).__name__
        raise InputError(f"{source}: broken Word file: {reason}") from None
    return document.element.body


def _block_lines(container: Any, parent: Any) -> Iterator[str]:
    """Lines of the paragraphs and tables in ``container`` (a body, a cell, a content control)."""
    from docx.text.paragraph import Paragraph

    for child in container.iterchildren():
        if child.tag == f"{_W}p":
            yield Paragraph(child, parent).text
        elif child.tag == f"{_W}tbl":
            yield from _table_lines(child)
        elif child.tag == f"{_W}sdt":  # a content control around paragraphs or tables
            content = child.find(f"{_W}sdtContent")
            if content is not None:
                yield from _block_lines(content, parent)


def _table_lines(table: Any) -> Iterator[str]:
    """One line per row, cells separated by tabs; merged cells once (their first row)."""
    for row in table.tr_lst:
        cells = [
            _cell_text(cell) if cell.vMerge in (None, "restart") else "" for cell in row.tc_lst
        ]
        while cells and not cells[-1]:
            cells.pop()
        if any(cells):
            yield _CELL_SEPARATOR.join(cells)


def _cell_text(cell: Any) -> str:
    """A cell's text on one line: its paragraphs and the rows of tables nested in it joined (by
    a space between two numbers or words, else directly)."""
    out = ""
    for line in _block_lines(cell, None):
        line = " ".join(line.replace(_CELL_SEPARATOR, " ").split())
        if not line:
            continue
        if out and _is_word(out[-1]) and _is_word(line[0]):
            out += " "
        out += line
    return out


def _is_word(ch: str) -> bool:
    return ch.isascii() and ch.isalnum()
