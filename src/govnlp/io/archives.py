"""Archives of documents (zip, and tar plain or gzip, read as streams), and :func:`read_kind`, the
one place that reads a file or member by its kind.

Nothing is unpacked to disk; member paths that climb out (``..``) or are absolute are refused,
a member larger than the size limit is refused before it is read, and archives nest at most
three deep. A member that cannot be read is a :class:`ReadError`; one that is no document (a
README, a type govnlp does not read, a link) is :class:`Skipped`.

A damaged tar header (its checksum does not match) does not end the reading: as GNU tar does
with ``--ignore-zeros``, the stream is scanned for the next block that is a valid header, the
damage is reported with the bytes skipped, and the members after it are read.
"""

from __future__ import annotations

import io
import logging
import tarfile
import zipfile
import zlib
from collections.abc import Callable, Iterator
from pathlib import PurePosixPath
from typing import IO, Any

from govnlp.errors import InputError
from govnlp.io.documents import (
    TABLE_KINDS,
    WHOLE_KINDS,
    Document,
    Item,
    ReadError,
    ReadOptions,
    Skipped,
    check_size,
    error_reason,
    file_kind,
    not_document_reason,
    read_limited,
    strip_suffix,
    text_document,
    unopened,
    unsupported_reason,
)
from govnlp.io.tables import read_table
from govnlp.io.warc import WarcPage, warc_documents

logger = logging.getLogger(__name__)

_MAX_NESTING = 3  # archives inside archives, at most this deep

_ARCHIVE_ERRORS = (tarfile.TarError, zipfile.BadZipFile, zlib.error, EOFError, OSError,
                   RuntimeError, NotImplementedError, ValueError)  # fmt: skip

Opener = Callable[[], IO[bytes]]
"""Opens the byte stream of a file or member."""


def read_kind(
    kind: str, data: bytes | Opener, doc_id: str, source: str, opts: ReadOptions, depth: int
) -> Iterator[Item]:
    """The documents of a file or archive member of kind ``kind`` (see
    :func:`govnlp.io.documents.file_kind`), given its bytes or a function opening its stream;
    ``depth`` counts the archives it is inside."""
    if kind in WHOLE_KINDS:
        try:
            raw = data if isinstance(data, bytes) else _read_whole(data, opts)
        except (OSError, InputError) as exc:
            yield unopened(exc, doc_id, source)
            return
        yield text_document(raw, kind, doc_id, source, opts)
        return

    def stream() -> IO[bytes]:
        return io.BytesIO(data) if isinstance(data, bytes) else data()

    if kind in TABLE_KINDS:
        yield from read_table(stream, kind, doc_id, source, opts)
    elif depth >= _MAX_NESTING:
        yield ReadError(id=doc_id, source=source, reason="archives nested too deep")
    elif kind == "zip":
        yield from read_zip(stream, doc_id, source, opts, depth)
    elif kind == "tar":
        yield from read_tar(stream, doc_id, source, opts, depth)
    elif kind == "warc":
        yield from _read_warc(stream, doc_id, source, opts)
    else:
        yield Skipped(id=doc_id, source=source, reason=f"no reader for files of kind {kind!r}")


def _read_warc(
    stream: Callable[[], IO[bytes]], doc_id: str, source: str, opts: ReadOptions
) -> Iterator[Item]:
    """The HTML pages of a web archive, each a document (its id from the page's URI)."""
    try:
        with stream() as fh:
            for item in warc_documents(
                fh, archive_id=doc_id, max_bytes=opts.max_bytes, source=source
            ):
                if isinstance(item, WarcPage):
                    yield Document(id=item.doc_id, text=item.text, date=item.date,
                                   source=item.source)  # fmt: skip
                elif item.skipped:
                    yield Skipped(id=item.doc_id, source=item.source, reason=item.reason)
                else:
                    yield ReadError(id=item.doc_id, source=item.source, reason=item.reason)
    except (OSError, InputError) as exc:
        yield unopened(exc, doc_id, source)


def _read_whole(opener: Opener, opts: ReadOptions) -> bytes:
    with opener() as fh:
        return read_limited(fh, opts)


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


def _member(name: str, archive_id: str, source: str) -> tuple[str | None, str, str, str] | Item:
    """(safe path or None, source, kind, document id) of an archive member, or the
    :class:`Skipped` line of a member that is no document."""
    path = _safe_member(name)
    member_source = f"{source}:{name}"
    doc_id = f"{archive_id}:{strip_suffix(path or name)}"
    if path is not None and _ignored_member(path):
        return Skipped(id=doc_id, source=member_source,
                       reason="not a document (archive clutter)", expected=True)  # fmt: skip
    not_document = not_document_reason(path or name)
    if not_document:
        return Skipped(id=doc_id, source=member_source, reason=not_document, expected=True)
    kind = file_kind(name)
    if kind is None:
        return Skipped(id=doc_id, source=member_source, reason=unsupported_reason(name))
    return path, member_source, kind, doc_id


# ---------------------------------------------------------------------------------------------
# zip


def read_zip(
    opener: Opener, archive_id: str, source: str, opts: ReadOptions, depth: int
) -> Iterator[Item]:
    """Members of the zip archive whose stream ``opener`` opens, in the order of its directory;
    ``depth`` counts the archives it is inside."""
    try:
        fh = opener()
    except (OSError, InputError) as exc:
        yield unopened(exc, archive_id, source)
        return
    with fh:
        try:
            zf = zipfile.ZipFile(fh)
        except _ARCHIVE_ERRORS as exc:
            yield ReadError(id=archive_id, source=source, reason=f"not a readable zip archive: "
                            f"{error_reason(exc)}")  # fmt: skip
            return
        with zf:
            for info in zf.infolist():
                if not info.is_dir():
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


def _zip_member(
    zf: zipfile.ZipFile, info: zipfile.ZipInfo, archive_id: str, source: str, opts: ReadOptions,
    depth: int,
) -> Iterator[Item]:  # fmt: skip
    name = _zip_name(info)
    member = _member(name, archive_id, source)
    if not isinstance(member, tuple):
        yield member
        return
    path, member_source, kind, doc_id = member
    try:
        if path is None:
            raise InputError(f"unsafe member path {name!r} (absolute or with '..'), not read")
        check_size(info.file_size, opts)
        with zf.open(info) as fh:
            data = read_limited(fh, opts)
    except (InputError, *_ARCHIVE_ERRORS) as exc:
        yield ReadError(id=doc_id, source=member_source, reason=error_reason(exc))
        return
    yield from read_kind(kind, data, doc_id, member_source, opts, depth + 1)


# ---------------------------------------------------------------------------------------------
# tar


class _CheckedTarInfo(tarfile.TarInfo):
    """A tar header that tells the archive reading it where headers were damaged.

    :mod:`tarfile` raises a :class:`tarfile.HeaderError` of its own kind for a block of zeros
    (``EOFHeaderError``), a checksum that does not match (``InvalidHeaderError``) and a
    header cut short (``TruncatedHeaderError``); those classes are not in its public names, so
    they are told apart by name.
    """

    @classmethod
    def frombuf(cls, buf: bytes | bytearray, encoding: str, errors: str) -> Any:
        try:
            return super().frombuf(buf, encoding, errors)
        except tarfile.HeaderError as exc:
            name = bytes(buf[:100]).split(b"\0", 1)[0].decode("utf-8", errors="replace")
            setattr(exc, "member_name", name)  # noqa: B010 (HeaderError declares no such field)
            raise

    @classmethod
    def fromtarfile(cls, tarfile_: tarfile.TarFile) -> Any:
        offset = tarfile_.offset
        try:
            return super().fromtarfile(tarfile_)
        except tarfile.HeaderError as exc:
            if isinstance(tarfile_, _RecoveringTarFile):
                tarfile_.note(type(exc).__name__, offset, getattr(exc, "member_name", ""))
            raise


class _RecoveringTarFile(tarfile.TarFile):
    """A tar stream read past damaged headers (``ignore_zeros``), noting where they were."""

    tarinfo = _CheckedTarInfo

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        self.damage: list[tuple[int, str]] = []  # (offset, member name) of damaged headers
        self.end: int | None = None  # first block of zeros since the last valid header
        super().__init__(*args, **kwargs)

    def note(self, error: str, offset: int, name: str) -> None:
        """Note the header error ``error`` (a class name) at ``offset``."""
        if error == "EOFHeaderError":
            self.end = offset if self.end is None else self.end
        elif error in ("InvalidHeaderError", "TruncatedHeaderError"):
            self.damage.append((offset, name))


def read_tar(
    opener: Opener, archive_id: str, source: str, opts: ReadOptions, depth: int
) -> Iterator[Item]:
    """Members of the tar archive (plain or gzip) whose stream ``opener`` opens, read as a
    stream in archive order; ``depth`` counts the archives it is inside."""
    try:
        fh = opener()
    except (OSError, InputError) as exc:
        yield unopened(exc, archive_id, source)
        return
    last = None
    tf: _RecoveringTarFile | None = None
    try:
        with fh:
            tf = _RecoveringTarFile.open(fileobj=fh, mode="r|*", ignore_zeros=True)
            assert isinstance(tf, _RecoveringTarFile)
            with tf:
                for info in tf:
                    yield from _damage(tf, info.offset, archive_id, source)
                    tf.end = None
                    last = info.name
                    yield from _tar_member(tf, info, archive_id, source, opts, depth)
                yield from _damage(tf, None, archive_id, source)
    except _Truncated:
        return  # reported as the member's error
    except _ARCHIVE_ERRORS as exc:
        if tf is not None:
            yield from _damage(tf, None, archive_id, source)
        where = f"after member {last!r}" if last else "at its start"
        yield ReadError(id=archive_id, source=source, reason=f"tar archive unreadable {where}: "
                        f"{error_reason(exc)}; the rest of it was not read")  # fmt: skip


def _damage(
    tf: _RecoveringTarFile, until: int | None, archive_id: str, source: str
) -> Iterator[ReadError]:
    """An error for the damaged headers found before offset ``until`` (the next valid header;
    ``None``: the end of the archive), which were skipped."""
    if not tf.damage:
        return
    offset, name = tf.damage[0]
    tf.damage = []
    if until is None and tf.end is not None and tf.end < offset:
        logger.warning("%s: data after the end of the tar archive, at byte %d, ignored",
                       source, offset)  # fmt: skip
        return
    if offset == 0 and until is None:
        yield ReadError(id=archive_id, source=source,
                        reason="not a tar archive (no valid tar header in it)")  # fmt: skip
        return
    skipped = (
        "to its end" if until is None else f"{until - offset:,} bytes to the next valid header"
    )
    safe = _safe_member(name) if name.isprintable() else None
    what = f"the header of member {name!r}" if safe else "a header"
    yield ReadError(
        id=f"{archive_id}:{strip_suffix(safe)}" if safe else archive_id,
        source=f"{source}:{name}" if safe else source,
        reason=f"damaged tar archive: {what} at byte {offset:,} is not valid (checksum or length);"
        f" skipped {skipped}, so that member is lost",
    )


def _tar_member(
    tf: tarfile.TarFile, info: tarfile.TarInfo, archive_id: str, source: str, opts: ReadOptions,
    depth: int,
) -> Iterator[Item]:  # fmt: skip
    if info.isdir():
        return
    member = _member(info.name, archive_id, source)
    if not isinstance(member, tuple):
        yield member
        return
    path, member_source, kind, doc_id = member
    if path is not None and not info.isreg():
        yield Skipped(id=doc_id, source=member_source,
                      reason="not a regular file (a link or device), not read")  # fmt: skip
        return
    try:
        if path is None:
            raise InputError(f"unsafe member path {info.name!r} (absolute or with '..'), not read")
        check_size(info.size, opts)
        data = _tar_data(tf, info)
    except _Truncated as exc:
        yield ReadError(id=doc_id, source=member_source, reason=str(exc))
        raise  # nothing follows in the archive
    except (InputError, *_ARCHIVE_ERRORS) as exc:
        yield ReadError(id=doc_id, source=member_source, reason=error_reason(exc))
        return
    yield from read_kind(kind, data, doc_id, member_source, opts, depth + 1)


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
        raise _Truncated(
            f"truncated member: the archive ends inside it ({error_reason(exc)})"
        ) from None
    if len(data) < info.size:
        raise _Truncated(f"truncated member: {len(data):,} of {info.size:,} bytes")
    return data
