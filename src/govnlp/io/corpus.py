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
reason, so that every document is accounted for. Bytes are decoded by :func:`decode`: UTF-8
first, then (only where UTF-8 fails) GB18030 and Big5 if the result is plausible Chinese text.
"""

from __future__ import annotations

import codecs
import csv
import functools
import io
import json
import logging
import os
import re
import tarfile
import zipfile
import zlib
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path, PurePosixPath
from typing import IO, Any

from govnlp.errors import InputError

logger = logging.getLogger(__name__)

TEXT_SUFFIXES = (".txt", ".md")
HTML_SUFFIXES = (".html", ".htm")
TABLE_SUFFIXES = (".jsonl", ".csv", ".parquet")
ARCHIVE_SUFFIXES = (".zip", ".tar", ".tar.gz", ".tgz")
MAX_BYTES = 50_000_000
"""Default size limit of a file or archive member read whole (50 MB)."""

_MAX_NESTING = 3  # archives inside archives, at most this deep
_SNIFF = 1 << 16  # bytes of a streamed table used to choose its encoding
_READ = 1 << 20  # block size of streamed reads


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


# ---------------------------------------------------------------------------------------------
# decoding

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# Legacy Chinese encodings tried, in order, where UTF-8 fails. ``cp950`` is Big5 as Windows
# writes it (a superset of plain Big5). ``common`` is the lead-byte range of the encoding's most
# frequent characters (GB2312 level 1 and 2; Big5 常用字), used to tell real text from garble.
_LEGACY = (("gb18030", "gb2312", (0xB0, 0xF7)), ("big5", "cp950", (0xA4, 0xC6)))
_MIN_COMMON = 0.8  # share of Han characters in the common range
_MIN_CJK = 0.7  # share of CJK characters and punctuation among the non-ASCII characters
_SAMPLE = 20_000  # characters scored for plausibility


def decode(data: bytes, *, encoding: str | None = None) -> tuple[str, str]:
    """``(text, encoding)`` of ``data``; raises :class:`InputError` with the reason.

    Byte-order marks decide first (UTF-8, UTF-16, UTF-32). Without one, UTF-8 is tried, and
    only if it fails GB18030 then Big5, each accepted only when the result is plausible Chinese
    text. ``encoding`` forces one codec. Empty and binary (NUL bytes) data are errors.
    """
    if not data.strip():
        raise InputError("empty file")
    if encoding is not None:
        return _decode_forced(data, encoding), encoding
    for bom, codec in _BOMS:
        if data.startswith(bom):
            try:
                return _nonempty(data.decode(codec)), codec.removesuffix("-sig")
            except UnicodeDecodeError as exc:
                raise InputError(f"not valid {codec} text despite its byte-order mark ({exc.reason}"
                                 f" at byte {exc.start})") from None  # fmt: skip
    if b"\x00" in data[:8192]:
        raise InputError("binary file (NUL bytes)")
    try:
        return _nonempty(data.decode("utf-8")), "utf-8"
    except UnicodeDecodeError as exc:
        utf8_error = f"not UTF-8 ({exc.reason} at byte {exc.start})"
    for label, codec, common in _LEGACY:
        try:
            text = data.decode(codec)
        except UnicodeDecodeError:
            continue
        if plausible_chinese(text, codec=codec, common=common):
            return _nonempty(text), label
    raise InputError(f"{utf8_error}, and not plausible GB18030 or Big5 Chinese text")


def _decode_forced(data: bytes, encoding: str) -> str:
    codec = "utf-8-sig" if codecs.lookup(encoding).name == "utf-8" else encoding
    try:
        return _nonempty(data.decode(codec))
    except UnicodeDecodeError as exc:
        raise InputError(f"not {encoding} text ({exc.reason} at byte {exc.start})") from None


def _nonempty(text: str) -> str:
    if not text.strip():
        raise InputError("empty file (white space only)")
    return text


def _is_cjk(ch: str) -> bool:
    """Han ideographs, CJK punctuation, full-width forms and general punctuation (“”—…)."""
    cp = ord(ch)
    return (
        0x4E00 <= cp <= 0x9FFF  # CJK unified ideographs
        or 0x3400 <= cp <= 0x4DBF  # extension A
        or 0x3000 <= cp <= 0x303F  # CJK symbols and punctuation
        or 0xFF00 <= cp <= 0xFFEF  # full-width forms
        or 0x2000 <= cp <= 0x206F  # general punctuation
        or cp == 0x00B7  # middle dot
    )


def plausible_chinese(text: str, *, codec: str, common: tuple[int, int]) -> bool:
    """Whether ``text``, decoded with legacy ``codec``, reads as Chinese rather than garble.

    Most of its non-ASCII characters must be CJK, and most of its Han characters must be among
    the codec's frequent characters (lead byte in ``common``): Big5 bytes read as GB18030, or
    UTF-8 bytes read as either, give rare characters and symbols.
    """
    sample = text[:_SAMPLE]
    non_ascii = [c for c in sample if ord(c) > 0x7F]
    if not non_ascii or sum(map(_is_cjk, non_ascii)) < _MIN_CJK * len(non_ascii):
        return False
    han = [c for c in non_ascii if 0x3400 <= ord(c) <= 0x9FFF]
    if not han:
        return False
    lo, hi = common
    hits = 0
    for ch in han:
        try:
            lead = ch.encode(codec)[0]
        except UnicodeEncodeError:
            continue
        hits += lo <= lead <= hi
    return hits >= _MIN_COMMON * len(han)


# ---------------------------------------------------------------------------------------------
# HTML


class _HTMLText(HTMLParser):
    """Text of an HTML page: scripts and styles dropped, block elements as line breaks."""

    # Elements whose content is not text (HTML spec: raw text, metadata and embedded content).
    SKIP = frozenset({"script", "style", "noscript", "template", "svg", "math"})
    # Block-level and line-breaking elements (HTML spec, "flow content" that starts a line).
    BLOCK = frozenset((
        "address", "article", "aside", "blockquote", "br", "caption", "dd", "div", "dl", "dt",
        "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6",
        "header", "hr", "li", "main", "nav", "ol", "p", "pre", "section", "table", "tbody", "td",
        "tfoot", "th", "thead", "title", "tr", "ul",
    ))  # fmt: skip

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skip = 0
        self._pre = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self.SKIP:
            self._skip += 1
        if tag == "pre":
            self._pre += 1
        if tag in self.BLOCK:
            self.parts.append("\n")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self.BLOCK:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in self.SKIP:
            self._skip = max(0, self._skip - 1)
        if tag == "pre":
            self._pre = max(0, self._pre - 1)
        if tag in self.BLOCK:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if self._skip:
            return
        if not self._pre:  # source line breaks are white space; between CJK characters, nothing
            data = _SOURCE_BREAK.sub(_join_break, data)
            data = _SPACE_RUN.sub(" ", data)
        self.parts.append(data)


_SOURCE_BREAK = re.compile(r"(?<=(.))[ \t\r\f]*\n\s*(?=(.))", re.DOTALL)
_SPACE_RUN = re.compile(r"\s+")


def _join_break(m: re.Match[str]) -> str:
    """A line break of the HTML source between two characters: none between wide ones."""
    return "" if ord(m.group(1)) > 0x2E7F and ord(m.group(2)) > 0x2E7F else " "


def html_to_text(html: str) -> str:
    """The text of an HTML page, one line per block element, blank lines removed.

    >>> html_to_text("<p>总投资<b>5亿元</b>。</p><script>x=1</script><div>增长 3%</div>")
    '总投资5亿元。\\n增长 3%'
    """
    parser = _HTMLText()
    parser.feed(html)
    parser.close()
    lines = []
    for line in "".join(parser.parts).split("\n"):
        line = " ".join(line.split()) if line.strip() else ""
        if line:
            lines.append(line)
    return "\n".join(lines)


# ---------------------------------------------------------------------------------------------
# names and ids


def _kind(name: str) -> str | None:
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


def _strip_suffix(name: str) -> str:
    """``name`` without its suffix (``.tar.gz`` counts as one)."""
    if name.lower().endswith(".tar.gz"):
        return name[:-7]
    head, tail = os.path.split(name)
    stem, _ = os.path.splitext(tail)
    return f"{head}/{stem}" if head else stem


def _safe_member(name: str) -> str | None:
    """The member path, normalised (``./a/b`` → ``a/b``), or ``None`` when it is not trusted."""
    if name.startswith(("/", "\\")) or "\\" in name or (len(name) > 1 and name[1] == ":"):
        return None
    parts = [p for p in PurePosixPath(name).parts if p != "."]
    if not parts or ".." in parts:
        return None
    return "/".join(parts)


def _ignored_member(path: str) -> bool:
    """Archive clutter that is never a document (macOS resource forks)."""
    return path.startswith("__MACOSX/") or PurePosixPath(path).name.startswith("._")


# ---------------------------------------------------------------------------------------------
# the reader


@dataclass(frozen=True, kw_only=True)
class _Options:
    encoding: str | None
    text_field: str
    id_field: str
    max_bytes: int
    exclude: frozenset[Path]


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
    opts = _Options(
        encoding=encoding, text_field=text_field, id_field=id_field, max_bytes=max_bytes,
        exclude=frozenset(Path(p).resolve() for p in exclude),
    )  # fmt: skip
    for item in inputs:
        path = Path(item)
        if path.is_dir():
            for rel, found in _walk(path, opts.exclude):
                yield from _read_path(found, _strip_suffix(rel), opts, named=False)
        else:
            yield from _read_path(path, _strip_suffix(path.name), opts, named=True)


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
        elif _kind(entry.name) is not None:
            yield rel, path
        else:
            logger.debug("skipping %s: not a document type govnlp reads", path)


def _read_path(path: Path, doc_id: str, opts: _Options, *, named: bool) -> Iterator[Item]:
    """The documents of one file on disk."""
    source = str(path)
    kind = _kind(path.name)
    try:
        if not path.exists():
            raise InputError("no such file or directory")
        if kind is None:
            raise InputError(f"unsupported file type {path.suffix or '(none)'!r}")
        if kind in ("text", "html"):
            size = path.stat().st_size
            _check_size(size, opts)
            yield _document(path.read_bytes(), kind, doc_id, source, opts)
            return
    except (OSError, InputError) as exc:
        yield ReadError(id=doc_id, source=source, reason=_reason(exc))
        return
    if kind == "zip":
        yield from _read_zip(lambda: zipfile.ZipFile(path), doc_id, source, opts, 0)
    elif kind == "tar":
        opener = functools.partial(tarfile.open, path, mode="r|*")
        yield from _read_tar(opener, doc_id, source, opts, 0)
    else:
        yield from _read_table(lambda: path.open("rb"), kind, doc_id, source, opts, named=named)


def _reason(exc: BaseException) -> str:
    if isinstance(exc, OSError) and exc.strerror:
        return exc.strerror
    return str(exc) or type(exc).__name__


def _check_size(size: int, opts: _Options) -> None:
    if size > opts.max_bytes:
        raise InputError(
            f"{size:,} bytes, over the size limit of {opts.max_bytes:,} bytes (--max-size)"
        )


def _document(data: bytes, kind: str, doc_id: str, source: str, opts: _Options) -> Item:
    """A text or HTML document from its bytes."""
    try:
        text, _ = decode(data, encoding=opts.encoding)
        if kind == "html":
            text = html_to_text(text)
            if not text:
                raise InputError("HTML page without text")
    except InputError as exc:
        return ReadError(id=doc_id, source=source, reason=str(exc))
    return Document(id=doc_id, text=text, source=source)


# ---------------------------------------------------------------------------------------------
# archives

_ARCHIVE_ERRORS = (tarfile.TarError, zipfile.BadZipFile, zlib.error, EOFError, OSError,
                   RuntimeError, NotImplementedError, ValueError)  # fmt: skip


def _member_items(
    data_or_stream: bytes | IO[bytes], kind: str, doc_id: str, source: str, opts: _Options,
    depth: int,
) -> Iterator[Item]:  # fmt: skip
    """The documents of one archive member, given its bytes or (tables, tar) its stream."""
    if kind in ("text", "html"):
        assert isinstance(data_or_stream, bytes)
        yield _document(data_or_stream, kind, doc_id, source, opts)
        return
    if depth >= _MAX_NESTING:
        yield ReadError(id=doc_id, source=source, reason="archives nested too deep")
        return
    raw = data_or_stream

    def stream() -> IO[bytes]:
        return io.BytesIO(raw) if isinstance(raw, bytes) else raw

    def tar() -> tarfile.TarFile:
        return tarfile.open(fileobj=stream(), mode="r|*")

    if kind == "zip":
        yield from _read_zip(lambda: zipfile.ZipFile(stream()), doc_id, source, opts, depth + 1)
    elif kind == "tar":
        yield from _read_tar(tar, doc_id, source, opts, depth + 1)
    else:
        yield from _read_table(stream, kind, doc_id, source, opts, named=False)


def _read_zip(
    opener: Callable[[], zipfile.ZipFile], archive_id: str, source: str, opts: _Options, depth: int
) -> Iterator[Item]:
    """Members of a zip archive, in the order of its directory."""
    try:
        zf = opener()
    except _ARCHIVE_ERRORS as exc:
        yield ReadError(id=archive_id, source=source, reason=f"not a readable zip archive: "
                        f"{_reason(exc)}")  # fmt: skip
        return
    with zf:
        for info in zf.infolist():
            if info.is_dir():
                continue
            yield from _zip_member(zf, info, archive_id, source, opts, depth)


def _zip_name(info: zipfile.ZipInfo) -> str:
    """A member's name; names not flagged UTF-8 are tried as UTF-8, then GB18030 (Windows)."""
    if info.flag_bits & 0x800:
        return info.filename
    raw = info.filename.encode("cp437", errors="replace")
    for codec in ("utf-8", "gb18030"):
        try:
            return raw.decode(codec)
        except UnicodeDecodeError:
            continue
    return info.filename


def _member(name: str, archive_id: str, source: str) -> tuple[str | None, str, str, str] | None:
    """(safe path or None, source, kind, document id) of an archive member, or None for a
    member that is no document (archive clutter, a type govnlp does not read)."""
    path = _safe_member(name)
    member_source = f"{source}:{name}"
    if path is not None and _ignored_member(path):
        return None
    kind = _kind(name)
    if kind is None:
        logger.debug("skipping %s: not a document type govnlp reads", member_source)
        return None
    return path, member_source, kind, f"{archive_id}:{_strip_suffix(path or name)}"


def _zip_member(
    zf: zipfile.ZipFile, info: zipfile.ZipInfo, archive_id: str, source: str, opts: _Options,
    depth: int,
) -> Iterator[Item]:  # fmt: skip
    name = _zip_name(info)
    member = _member(name, archive_id, source)
    if member is None:
        return
    path, member_source, kind, doc_id = member
    try:
        if path is None:
            raise InputError(f"unsafe member path {name!r} (absolute or with '..'), not read")
        _check_size(info.file_size, opts)
        with zf.open(info) as fh:
            data = fh.read(opts.max_bytes + 1)
        _check_size(len(data), opts)
    except (InputError, *_ARCHIVE_ERRORS) as exc:
        yield ReadError(id=doc_id, source=member_source, reason=_reason(exc))
        return
    yield from _member_items(data, kind, doc_id, member_source, opts, depth)


def _read_tar(
    opener: Callable[[], tarfile.TarFile], archive_id: str, source: str, opts: _Options, depth: int
) -> Iterator[Item]:
    """Members of a tar archive (plain or gzip), read as a stream in archive order."""
    last = None
    try:
        tf = opener()
        with tf:
            for info in tf:
                last = info.name
                yield from _tar_member(tf, info, archive_id, source, opts, depth)
    except _Truncated:
        return  # reported as the member's error
    except _ARCHIVE_ERRORS as exc:
        where = f"after member {last!r}" if last else "at its start"
        yield ReadError(id=archive_id, source=source, reason=f"tar archive unreadable {where}: "
                        f"{_reason(exc)}; the rest of it was not read")  # fmt: skip


def _tar_member(
    tf: tarfile.TarFile, info: tarfile.TarInfo, archive_id: str, source: str, opts: _Options,
    depth: int,
) -> Iterator[Item]:  # fmt: skip
    if info.isdir():
        return
    member = _member(info.name, archive_id, source)
    if member is None:
        return
    path, member_source, kind, doc_id = member
    try:
        if path is None:
            raise InputError(f"unsafe member path {info.name!r} (absolute or with '..'), not read")
        if not info.isreg():
            raise InputError("not a regular file (link or device), not read")
        _check_size(info.size, opts)
        data = _tar_data(tf, info)
    except _Truncated as exc:
        yield ReadError(id=doc_id, source=member_source, reason=str(exc))
        raise  # nothing follows in the archive
    except (InputError, *_ARCHIVE_ERRORS) as exc:
        yield ReadError(id=doc_id, source=member_source, reason=_reason(exc))
        return
    yield from _member_items(data, kind, doc_id, member_source, opts, depth)


class _Truncated(InputError):
    """The archive ends inside a member."""


def _tar_data(tf: tarfile.TarFile, info: tarfile.TarInfo) -> bytes:
    """The bytes of a regular tar member; :class:`_Truncated` when the archive ends early."""
    fh = tf.extractfile(info)
    if fh is None:
        raise InputError("not a regular file, not read")
    try:
        data = fh.read()
    except (tarfile.ReadError, EOFError, zlib.error) as exc:
        raise _Truncated(f"truncated member: the archive ends inside it ({_reason(exc)})") from None
    if len(data) < info.size:
        raise _Truncated(f"truncated member: {len(data):,} of {info.size:,} bytes")
    return data


# ---------------------------------------------------------------------------------------------
# tables


class _NoTextColumn(InputError):
    """A CSV or Parquet table without the text column: no documents in it."""


def _read_table(
    opener: Callable[[], IO[bytes]], kind: str, file_id: str, source: str, opts: _Options, *,
    named: bool,
) -> Iterator[Item]:  # fmt: skip
    """One document per row of a JSONL, CSV or Parquet table.

    A CSV or Parquet table without the text column is an error when ``named`` on the command
    line; found in a directory or archive (a manifest, a lookup table) it is skipped, with a
    warning.
    """
    try:
        fh = opener()
    except OSError as exc:
        yield ReadError(id=file_id, source=source, reason=_reason(exc))
        return
    with fh:
        rows = {"jsonl": _jsonl_rows, "csv": _csv_rows, "parquet": _parquet_rows}[kind]
        n = 0
        try:
            for n, (where, row) in enumerate(rows(fh, opts), start=1):
                yield _row_document(row, n, where, file_id, source, opts)
        except _NoTextColumn as exc:
            if named:
                yield ReadError(id=file_id, source=source, reason=str(exc))
            else:
                logger.warning("skipping %s: %s", source, exc)
        except (InputError, OSError, ValueError, csv.Error) as exc:
            reason = f"{_reason(exc)}; the rest of the table was not read"
            yield ReadError(id=f"{file_id}#{n + 1}" if n else file_id, source=source, reason=reason)


def _row_document(
    row: dict[str, Any] | str, n: int, where: str, file_id: str, source: str, opts: _Options
) -> Item:
    """The document of table row ``n`` (1-based), or why it has none. ``row`` is the row's
    fields, or the reason it could not be parsed."""
    row_source = f"{source}:{where}"
    if isinstance(row, str):
        return ReadError(id=f"{file_id}#{n}", source=row_source, reason=row)
    raw_id = row.get(opts.id_field)
    doc_id = f"{file_id}#{n}" if raw_id is None or raw_id == "" else str(raw_id)
    text = row.get(opts.text_field)
    if not isinstance(text, str):
        reason = f"no {opts.text_field!r} field" if text is None else (
            f"field {opts.text_field!r} is {type(text).__name__}, not text")  # fmt: skip
        return ReadError(id=doc_id, source=row_source, reason=reason)
    if not text.strip():
        return ReadError(id=doc_id, source=row_source, reason="empty text")
    return Document(
        id=doc_id, text=text, date=_meta(row.get("date")), region=_meta(row.get("region")),
        source=row_source,
    )  # fmt: skip


def _meta(value: Any) -> str | None:
    """A metadata field as text (dates as ISO), ``None`` when missing."""
    if value is None or value == "" or (isinstance(value, float) and value != value):
        return None
    if hasattr(value, "isoformat"):
        return str(value.isoformat())[:10]
    return str(value)


def _jsonl_rows(fh: IO[bytes], opts: _Options) -> Iterator[tuple[str, dict[str, Any] | str]]:
    """(``line N``, fields or the reason) for each non-blank line of a JSONL table."""
    codec = opts.encoding or "utf-8-sig"
    for lineno, raw in enumerate(fh, start=1):
        if not raw.strip():
            continue
        where = f"line {lineno}"
        try:
            value = json.loads(raw.decode(codec if lineno == 1 else codec.replace("-sig", "")))
        except UnicodeDecodeError as exc:
            yield where, f"line {lineno}: not {codec.removesuffix('-sig')} ({exc.reason})"
            continue
        except json.JSONDecodeError as exc:
            yield where, f"line {lineno}: invalid JSON ({exc.msg} at column {exc.colno})"
            continue
        yield where, value if isinstance(value, dict) else f"line {lineno}: not a JSON object"


def _sniff_encoding(prefix: bytes, forced: str | None) -> str:
    """The codec of a streamed table, chosen from its first bytes."""
    if forced:
        return "utf-8-sig" if codecs.lookup(forced).name == "utf-8" else forced
    for bom, codec in _BOMS:
        if prefix.startswith(bom):
            return codec
    try:
        codecs.getincrementaldecoder("utf-8")().decode(prefix, final=False)
        return "utf-8"
    except UnicodeDecodeError:
        pass
    for _, codec, common in _LEGACY:
        text = codecs.getincrementaldecoder(codec)(errors="replace").decode(prefix, final=False)
        if plausible_chinese(text, codec=codec, common=common):
            return codec
    raise InputError("not UTF-8, and not plausible GB18030 or Big5 Chinese text")


def _text_lines(fh: IO[bytes], codec: str, prefix: bytes) -> Iterator[str]:
    """Lines (ending in ``\\n``) of a byte stream decoded incrementally."""
    decoder = codecs.getincrementaldecoder(codec)()
    pending = ""
    block = prefix
    while True:
        final = not block
        try:
            pending += decoder.decode(block, final=final)
        except UnicodeDecodeError as exc:
            raise InputError(f"not {codec} text ({exc.reason})") from None
        *lines, pending = pending.split("\n")
        for line in lines:
            yield line + "\n"
        if final:
            break
        block = fh.read(_READ)
    if pending:
        yield pending


def _csv_rows(fh: IO[bytes], opts: _Options) -> Iterator[tuple[str, dict[str, Any] | str]]:
    """(``line N``, fields) for each row of a CSV table with a header row."""
    prefix = fh.read(_SNIFF)
    if not prefix.strip():
        raise InputError("empty file")
    codec = _sniff_encoding(prefix, opts.encoding)
    if csv.field_size_limit() < opts.max_bytes:
        csv.field_size_limit(opts.max_bytes)  # articles are longer than csv's 128 KiB default
    reader = csv.DictReader(_text_lines(fh, codec, prefix))
    fields = reader.fieldnames or []
    if opts.text_field not in fields:
        raise _NoTextColumn(f"no {opts.text_field!r} column (columns: {', '.join(fields)})")
    while True:
        where = f"line {reader.line_num + 1}"
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            raise InputError(f"{where}: {exc}") from None
        if None in row:
            yield where, f"{where}: more fields than the header has"
        else:
            yield where, dict(row)


def _parquet_rows(fh: IO[bytes], opts: _Options) -> Iterator[tuple[str, dict[str, Any] | str]]:
    """(``row N``, fields) for each row of a Parquet table, read a batch at a time."""
    import pyarrow.parquet as pq

    try:
        table = pq.ParquetFile(fh)
    except Exception as exc:  # pyarrow raises ArrowInvalid and friends for damaged files
        raise InputError(f"not a readable Parquet file: {exc}") from None
    names = set(table.schema_arrow.names)
    wanted = [c for c in (opts.id_field, opts.text_field, "date", "region") if c in names]
    if opts.text_field not in names:
        raise _NoTextColumn(f"no {opts.text_field!r} column (columns: {', '.join(sorted(names))})")
    n = 0
    for batch in table.iter_batches(batch_size=256, columns=wanted):
        for row in batch.to_pylist():
            n += 1
            yield f"row {n}", row
