"""Archives of documents: zip and tar (plain or gzip) members, read as streams.

Nothing is unpacked to disk; member paths that climb out (``..``) or are absolute are refused,
a member larger than the size limit is refused before it is read, and archives nest at most
three deep. A member that cannot be read is a :class:`ReadError`.
"""

from __future__ import annotations

import io
import logging
import tarfile
import zipfile
import zlib
from collections.abc import Callable, Iterator
from pathlib import PurePosixPath
from typing import IO

from govnlp.errors import InputError
from govnlp.io.documents import (
    Item,
    ReadError,
    ReadOptions,
    check_size,
    error_reason,
    file_kind,
    strip_suffix,
    text_document,
)
from govnlp.io.tables import read_table

logger = logging.getLogger(__name__)

_MAX_NESTING = 3  # archives inside archives, at most this deep

_ARCHIVE_ERRORS = (tarfile.TarError, zipfile.BadZipFile, zlib.error, EOFError, OSError,
                   RuntimeError, NotImplementedError, ValueError)  # fmt: skip


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


def _member_items(
    data_or_stream: bytes | IO[bytes], kind: str, doc_id: str, source: str, opts: ReadOptions,
    depth: int,
) -> Iterator[Item]:  # fmt: skip
    """The documents of one archive member, given its bytes or (tables, tar) its stream."""
    if kind in ("text", "html"):
        assert isinstance(data_or_stream, bytes)
        yield text_document(data_or_stream, kind, doc_id, source, opts)
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
        yield from read_zip(lambda: zipfile.ZipFile(stream()), doc_id, source, opts, depth + 1)
    elif kind == "tar":
        yield from read_tar(tar, doc_id, source, opts, depth + 1)
    else:
        yield from read_table(stream, kind, doc_id, source, opts, named=False)


def read_zip(
    opener: Callable[[], zipfile.ZipFile], archive_id: str, source: str, opts: ReadOptions,
    depth: int,
) -> Iterator[Item]:  # fmt: skip
    """Members of the zip archive ``opener`` opens, in the order of its directory; ``depth``
    counts the archives it is inside."""
    try:
        zf = opener()
    except _ARCHIVE_ERRORS as exc:
        yield ReadError(id=archive_id, source=source, reason=f"not a readable zip archive: "
                        f"{error_reason(exc)}")  # fmt: skip
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
    kind = file_kind(name)
    if kind is None:
        logger.debug("skipping %s: not a document type govnlp reads", member_source)
        return None
    return path, member_source, kind, f"{archive_id}:{strip_suffix(path or name)}"


def _zip_member(
    zf: zipfile.ZipFile, info: zipfile.ZipInfo, archive_id: str, source: str, opts: ReadOptions,
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
        check_size(info.file_size, opts)
        with zf.open(info) as fh:
            data = fh.read(opts.max_bytes + 1)
        check_size(len(data), opts)
    except (InputError, *_ARCHIVE_ERRORS) as exc:
        yield ReadError(id=doc_id, source=member_source, reason=error_reason(exc))
        return
    yield from _member_items(data, kind, doc_id, member_source, opts, depth)


def read_tar(
    opener: Callable[[], tarfile.TarFile], archive_id: str, source: str, opts: ReadOptions,
    depth: int,
) -> Iterator[Item]:  # fmt: skip
    """Members of the tar archive (plain or gzip) ``opener`` opens, read as a stream in archive
    order; ``depth`` counts the archives it is inside."""
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
                        f"{error_reason(exc)}; the rest of it was not read")  # fmt: skip


def _tar_member(
    tf: tarfile.TarFile, info: tarfile.TarInfo, archive_id: str, source: str, opts: ReadOptions,
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
        check_size(info.size, opts)
        data = _tar_data(tf, info)
    except _Truncated as exc:
        yield ReadError(id=doc_id, source=member_source, reason=str(exc))
        raise  # nothing follows in the archive
    except (InputError, *_ARCHIVE_ERRORS) as exc:
        yield ReadError(id=doc_id, source=member_source, reason=error_reason(exc))
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
        raise _Truncated(
            f"truncated member: the archive ends inside it ({error_reason(exc)})"
        ) from None
    if len(data) < info.size:
        raise _Truncated(f"truncated member: {len(data):,} of {info.size:,} bytes")
    return data
