"""What the readers yield (documents, skipped files and read errors), the options of a read, and
the helpers every reader shares: what a file is by its name, whether it is a document at all,
its document id, the size limit, the reason of an error, reading a regular file within the size
limit, and the document of a whole file's bytes.

:mod:`govnlp.io.corpus` is the public home of these names; they are defined here, below the
table and archive readers that build documents too.

A new format is wired in at two places: its suffix in :data:`SUFFIX_KINDS`, and its reader in
:func:`govnlp.io.archives.read_kind` (whole-file formats, such as ``pdf`` or ``docx``, through
:func:`document_text` here; formats holding many documents, such as ``warc``, as a stream there).
"""

from __future__ import annotations

import os
import re
import stat
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from govnlp.errors import LONE_SURROGATE, InputError
from govnlp.io.decode import decode
from govnlp.io.docx import docx_text
from govnlp.io.html import html_document
from govnlp.io.pdf import pdf_text

SUFFIX_KINDS: tuple[tuple[str, str], ...] = (
    (".txt", "text"), (".md", "text"), (".html", "html"), (".htm", "html"),
    (".jsonl", "jsonl"), (".csv", "csv"), (".parquet", "parquet"),
    (".zip", "zip"), (".tar", "tar"), (".tar.gz", "tar"), (".tgz", "tar"),
    (".pdf", "pdf"), (".docx", "docx"), (".warc.gz", "warc"), (".warc", "warc"),
)  # fmt: skip
"""The kind of a file by its suffix (longest suffix first where they overlap)."""
TEXT_SUFFIXES = (".txt", ".md")
HTML_SUFFIXES = (".html", ".htm")
TABLE_SUFFIXES = (".jsonl", ".csv", ".parquet")
ARCHIVE_SUFFIXES = (".zip", ".tar", ".tar.gz", ".tgz")
WHOLE_KINDS = frozenset({"text", "html", "pdf", "docx"})
"""Kinds read whole (one document per file) rather than streamed."""
TABLE_KINDS = frozenset({"jsonl", "csv", "parquet"})
MAX_BYTES = 50_000_000
"""Default size limit of a file or archive member read whole (50 MB)."""

NOT_DOCUMENT_NAMES = frozenset({
    "readme", "license", "licence", "copying", "authors", "changelog", "contributing",
    "manifest",
})  # fmt: skip
"""Names (before the first dot, any case) of files in a folder or archive that describe it
rather than being documents: README.md, LICENSE, manifest.csv …"""
_CLUTTER = frozenset({"thumbs.db", "desktop.ini"})  # written by file managers


def _encodable(value: str, *, name: bool) -> str:
    """``value`` without lone surrogates, which no output file can hold: in a ``name`` (an id,
    a path) a byte that a file or member name held undecoded is written ``\\xff``, in a text
    each surrogate becomes U+FFFD, one character for one so that offsets stay those of the text
    (a JSONL row's ``"\\ud800"``)."""
    if LONE_SURROGATE.search(value) is None:
        return value

    def replace(m: re.Match[str]) -> str:
        code = ord(m[0])
        return f"\\x{code - 0xDC00:02x}" if name and 0xDC80 <= code <= 0xDCFF else "\ufffd"

    return LONE_SURROGATE.sub(replace, value)


def _make_encodable(item: object, *fields: str) -> None:
    """Replace the lone surrogates of ``item``'s text ``fields`` (see :func:`_encodable`)."""
    for field in fields:
        value = getattr(item, field)
        if isinstance(value, str):
            object.__setattr__(item, field, _encodable(value, name=field in ("id", "source")))


@dataclass(frozen=True)
class Document:
    """A document: its id, text and optional metadata (``date``, ``region``). Lone surrogates
    (a name's undecodable byte, a JSONL row's ``"\\ud800"``) are replaced: every field can be
    written as UTF-8."""

    id: str
    text: str
    date: str | None = None
    region: str | None = None
    source: str = ""

    def __post_init__(self) -> None:
        _make_encodable(self, "id", "text", "date", "region", "source")


@dataclass(frozen=True)
class ReadError:
    """A document that could not be read, with the reason."""

    id: str
    source: str
    reason: str

    def __post_init__(self) -> None:
        _make_encodable(self, "id", "source", "reason")


@dataclass(frozen=True)
class Skipped:
    """A file met but not read, with the reason. ``expected`` skips are files that are no
    documents by their name (a README, a hidden file); the others (a type govnlp does not read,
    a named pipe or device, a table without the text field) may be documents the user wanted."""

    id: str
    source: str
    reason: str
    expected: bool = False

    def __post_init__(self) -> None:
        _make_encodable(self, "id", "source", "reason")


Item = Document | ReadError | Skipped


@dataclass(frozen=True, kw_only=True)
class ReadOptions:
    """The options of a read (see :func:`govnlp.io.corpus.read_corpus`), passed to every reader."""

    encoding: str | None
    text_field: str
    id_field: str
    max_bytes: int
    exclude: frozenset[Path]


def file_kind(name: str) -> str | None:
    """What a file is by its name: text, html, pdf, docx, warc, jsonl, csv, parquet, zip, tar or
    ``None``."""
    low = name.lower()
    for suffix, kind in SUFFIX_KINDS:
        if low.endswith(suffix):
            return kind
    return None


def not_document_reason(name: str) -> str | None:
    """Why a file found in a folder or archive is no document by its name (hidden, or a
    README, LICENSE, manifest …: :data:`NOT_DOCUMENT_NAMES`), else ``None``."""
    base = name.rsplit("/", 1)[-1]
    if base.startswith(".") or base.lower() in _CLUTTER:
        return "not a document (a hidden or system file)"
    head = base.split(".", 1)[0].lower()
    if head in NOT_DOCUMENT_NAMES:
        return f"not a document (a {head.upper()} file describing its folder)"
    return None


def unsupported_reason(name: str) -> str:
    """The reason a file of a type govnlp does not read is skipped."""
    suffix = os.path.splitext(name)[1]
    return f"unsupported file type {suffix or '(no suffix)'!r}"


def strip_suffix(name: str) -> str:
    """``name`` without its suffix (``.tar.gz`` and ``.warc.gz`` count as one): the id of its
    document."""
    for double in (".tar.gz", ".warc.gz"):
        if name.lower().endswith(double):
            return name[: -len(double)]
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


class NotRegularFile(InputError):
    """A path that is no regular file (a named pipe, a device, a socket, a broken link)."""


_FILE_TYPES = (
    (stat.S_ISFIFO, "a named pipe"), (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"), (stat.S_ISSOCK, "a socket"), (stat.S_ISDIR, "a folder"),
)  # fmt: skip


def _file_type(mode: int) -> str:
    return next((name for test, name in _FILE_TYPES if test(mode)), "not a regular file")


def open_regular(path: Path) -> IO[bytes]:
    """``path`` opened for reading if it is a regular file (symbolic links followed);
    :class:`NotRegularFile` otherwise. Opening never blocks (a named pipe is not waited on)."""
    try:
        mode = os.stat(path).st_mode
    except FileNotFoundError:
        if os.path.islink(path):
            raise NotRegularFile("not a regular file (a broken symbolic link)") from None
        raise
    if not stat.S_ISREG(mode):
        raise NotRegularFile(f"not a regular file ({_file_type(mode)})")
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0))
    fh = os.fdopen(fd, "rb")
    mode = os.fstat(fd).st_mode
    if not stat.S_ISREG(mode):  # replaced since the stat above
        fh.close()
        raise NotRegularFile(f"not a regular file ({_file_type(mode)})")
    return fh


def read_limited(fh: IO[bytes], opts: ReadOptions) -> bytes:
    """The bytes of ``fh``, reading at most one byte over the size limit; :class:`InputError`
    when there are more."""
    data = fh.read(opts.max_bytes + 1)
    if len(data) > opts.max_bytes:
        raise InputError(f"larger than the size limit of {opts.max_bytes:,} bytes (max_bytes)")
    return data


def unopened(exc: BaseException, doc_id: str, source: str) -> Item:
    """The item of a file that could not be opened: :class:`Skipped` when it is no regular
    file, else a :class:`ReadError`."""
    if isinstance(exc, NotRegularFile):
        return Skipped(id=doc_id, source=source, reason=str(exc))
    return ReadError(id=doc_id, source=source, reason=error_reason(exc))


def document_text(data: bytes, kind: str, source: str, opts: ReadOptions) -> str:
    """The text of a whole file of kind ``kind`` (see :data:`WHOLE_KINDS`) from its bytes;
    :class:`InputError` with the reason when it has none. ``source`` names the file in
    messages."""
    return _document_text(data, kind, source, opts)[0]


def _document_text(
    data: bytes, kind: str, source: str, opts: ReadOptions
) -> tuple[str, str | None]:
    """(text, publication date) of a whole file of kind ``kind``."""
    if kind == "pdf":
        return pdf_text(data, source=source, max_bytes=opts.max_bytes), None
    if kind == "docx":
        return docx_text(data, source=source, max_bytes=opts.max_bytes), None
    text, _ = decode(data, encoding=opts.encoding)
    if kind != "html":
        return text, None
    page, meta = html_document(text)  # the main text, the headline once, the page's date
    if not page:
        raise InputError("HTML page without text")
    return page, meta.get("date")


def text_document(data: bytes, kind: str, doc_id: str, source: str, opts: ReadOptions) -> Item:
    """The document of a whole file (``kind`` in :data:`WHOLE_KINDS`) from its bytes, or why it
    has none."""
    try:
        text, date = _document_text(data, kind, source, opts)
    except InputError as exc:
        return ReadError(id=doc_id, source=source, reason=str(exc))
    return Document(id=doc_id, text=text, date=date, source=source)
