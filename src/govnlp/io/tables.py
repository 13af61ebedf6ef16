"""Tables of documents: JSONL, CSV and Parquet, one document per row, read as streams.

A row's document has the text field (``text`` unless renamed), the id field (``id`` unless
renamed; rows without one are numbered ``FILE#N``) and the ``date`` (ISO, ``YYYY-MM-DD``) and
``region`` metadata. A row that cannot be parsed, or whose text or date is unusable, is a
:class:`ReadError` naming its line or row; the rows after it are read. A table without the text
field, or without rows, is :class:`Skipped` as a whole.

CSV is read strictly, one record at a time: a quote that is never closed (or closed in the
middle of a field) makes its record an error, and reading goes on at the line after the one
the record began on, so that rows are never merged into one document. JSONL may be UTF-8 (with
or without a byte-order mark), UTF-16 or UTF-32 (with a byte-order mark), or any codec forced.
No line longer than the size limit is held in memory.
"""

from __future__ import annotations

import codecs
import csv
import io
import json
import logging
from collections import deque
from collections.abc import Callable, Iterator
from typing import IO, Any

from govnlp.errors import InputError
from govnlp.io.decode import BOMS, sniff_encoding
from govnlp.io.documents import (
    Document,
    Item,
    ReadError,
    ReadOptions,
    Skipped,
    error_reason,
    unopened,
)
from govnlp.records import iso_day

logger = logging.getLogger(__name__)

_SNIFF = 1 << 16  # bytes of a streamed table used to choose its encoding
_READ = 1 << 20  # block size of streamed reads
_FIELDLESS_ROWS = 1_000  # JSONL rows read without the text field before the table is skipped

Rows = Iterator[tuple[str, dict[str, Any] | str]]
"""(where, fields or the reason they could not be parsed) for each row of a table."""


class _NoTextField(InputError):
    """A table without the text field: no documents in it."""


def read_table(
    opener: Callable[[], IO[bytes]], kind: str, file_id: str, source: str, opts: ReadOptions
) -> Iterator[Item]:
    """One document per row of a JSONL, CSV or Parquet table (``kind`` ``jsonl``, ``csv`` or
    ``parquet``), whose stream ``opener`` opens. A table without the text field or without rows
    is skipped."""
    try:
        fh = opener()
    except (OSError, InputError) as exc:
        yield unopened(exc, file_id, source)
        return
    with fh:
        rows = {"jsonl": _jsonl_rows, "csv": _csv_rows, "parquet": _parquet_rows}[kind]
        n = 0
        try:
            for n, (where, row) in enumerate(rows(fh, opts), start=1):
                yield _row_document(row, n, where, file_id, source, opts)
            if n == 0:  # an empty JSONL file, a CSV header alone: met, and said so
                yield Skipped(id=file_id, source=source, reason="a table without rows")
        except _NoTextField as exc:
            yield Skipped(id=file_id, source=source, reason=str(exc))
        except (InputError, OSError, ValueError, csv.Error) as exc:
            reason = f"{error_reason(exc)}; the rest of the table was not read"
            yield ReadError(id=f"{file_id}#{n + 1}" if n else file_id, source=source, reason=reason)


def _row_document(
    row: dict[str, Any] | str, n: int, where: str, file_id: str, source: str, opts: ReadOptions
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
        if text is None:
            absent = opts.text_field not in row
            reason = f"no {opts.text_field!r} field" if absent else (
                f"field {opts.text_field!r} is empty (null)")  # fmt: skip
        else:
            reason = f"field {opts.text_field!r} is {type(text).__name__}, not text"
        return ReadError(id=doc_id, source=row_source, reason=reason)
    if not text.strip():
        return ReadError(id=doc_id, source=row_source, reason="empty text")
    date = meta_value(row.get("date"))
    if date is not None and iso_day(date) is None:  # the extractor reads no date in it
        reason = f"field 'date' is not an ISO date (YYYY-MM-DD): {date!r}"
        return ReadError(id=doc_id, source=row_source, reason=reason)
    return Document(
        id=doc_id, text=text, date=date, region=meta_value(row.get("region")), source=row_source,
    )  # fmt: skip


def meta_value(value: object) -> str | None:
    """A metadata field (``date``, ``region``) as text, dates as ISO; ``None`` when missing."""
    if value is None or value == "" or (isinstance(value, float) and value != value):
        return None
    isoformat = getattr(value, "isoformat", None)
    if isoformat is not None:
        return str(isoformat())[:10]
    return str(value)


# ---------------------------------------------------------------------------------------------
# JSONL


def _jsonl_rows(fh: IO[bytes], opts: ReadOptions) -> Rows:
    """(``line N``, fields or the reason) for each non-blank line of a JSONL table; the table
    is :class:`_NoTextField` when none of its first rows has the text field."""
    waiting: list[tuple[str, dict[str, Any] | str]] = []  # rows before the first with text
    found = False
    for where, row in _jsonl_parsed(fh, opts):
        if not found:
            if not (isinstance(row, dict) and opts.text_field in row):
                waiting.append((where, row))
                if len(waiting) >= _FIELDLESS_ROWS:
                    raise _NoTextField(
                        f"no {opts.text_field!r} field in its first {len(waiting):,} rows"
                    )
                continue
            found = True
            yield from waiting
        yield where, row
    if not found and any(isinstance(row, dict) for _, row in waiting):
        raise _NoTextField(f"no {opts.text_field!r} field in any row")
    if not found:
        yield from waiting  # nothing but lines that are no JSON objects: each an error


def _jsonl_parsed(fh: IO[bytes], opts: ReadOptions) -> Rows:
    """(``line N``, the JSON object or why the line is none) for each non-blank line."""
    prefix = fh.read(4)
    codec = opts.encoding or next((c for bom, c in BOMS if prefix.startswith(bom)), "utf-8-sig")
    lines: Iterator[bytes | str | None]
    if _ascii_lines(codec):
        lines = _byte_lines(_Replay(prefix, fh), opts.max_bytes)
    else:  # UTF-16, UTF-32: a newline is more than one byte
        lines = _text_lines(fh, codec, prefix, opts.max_bytes)
    plain = codec.replace("-sig", "")
    for lineno, raw in enumerate(lines, start=1):
        where = f"line {lineno}"
        if raw is None:
            yield where, f"{where}: longer than the size limit of {opts.max_bytes:,} bytes"
            continue
        if not raw.strip():
            continue
        try:
            text = raw if isinstance(raw, str) else raw.decode(codec if lineno == 1 else plain)
            value = json.loads(text)
        except UnicodeDecodeError as exc:
            yield where, f"{where}: not {codec.removesuffix('-sig')} ({exc.reason})"
            continue
        except json.JSONDecodeError as exc:
            yield where, f"{where}: invalid JSON ({exc.msg} at column {exc.colno})"
            continue
        yield where, value if isinstance(value, dict) else f"{where}: not a JSON object"


def _ascii_lines(codec: str) -> bool:
    """Whether lines of ``codec`` text end in the byte ``\\n`` (UTF-8, GB18030, Big5 …)."""
    try:
        return "\n{}".encode(codec.replace("-sig", "")) == b"\n{}"
    except (LookupError, UnicodeError):
        return False


class _Replay:
    """A byte stream whose first bytes were read already: they are read again first."""

    def __init__(self, prefix: bytes, fh: IO[bytes]) -> None:
        self.head = io.BytesIO(prefix)
        self.fh = fh

    def readline(self, limit: int) -> bytes:
        line = self.head.readline(limit)
        if line.endswith(b"\n") or len(line) >= limit:
            return line
        return line + self.fh.readline(limit - len(line))


def _byte_lines(fh: _Replay, limit: int) -> Iterator[bytes | None]:
    """Lines of a byte stream, ``None`` for a line longer than ``limit`` bytes (not kept)."""
    line = fh.readline(limit + 1)
    while line:
        if len(line) > limit and not line.endswith(b"\n"):
            while line and not line.endswith(b"\n"):  # skip to the end of the long line
                line = fh.readline(_READ)
            yield None
        else:
            yield line
        line = fh.readline(limit + 1)


def _text_lines(fh: IO[bytes], codec: str, prefix: bytes, limit: int) -> Iterator[str | None]:
    """Lines (ending in ``\\n``) of a byte stream decoded incrementally; ``None`` for a line
    longer than ``limit`` characters (not kept)."""
    decoder = codecs.getincrementaldecoder(codec)()
    pending = ""
    block = prefix
    long_line = False
    while True:
        final = not block
        try:
            pending += decoder.decode(block, final=final)
        except UnicodeDecodeError as exc:
            raise InputError(f"not {codec} text ({exc.reason})") from None
        *lines, pending = pending.split("\n")
        for line in lines:
            yield None if long_line else line + "\n"
            long_line = False
        if len(pending) > limit:
            pending, long_line = "", True
        if final:
            break
        block = fh.read(_READ)
    if long_line:
        yield None
    elif pending:
        yield pending


# ---------------------------------------------------------------------------------------------
# CSV


class _Records:
    """The lines of a CSV stream handed to :mod:`csv` one at a time; those of the record being
    parsed are kept, so that after a malformed record reading can go on at its second line."""

    def __init__(self, lines: Iterator[str | None], limit: int) -> None:
        self.lines = lines
        self.limit = limit
        self.queue: deque[str] = deque()
        self.taken: list[str] = []
        self.consumed = 0  # lines handed out before the current record

    def __iter__(self) -> _Records:
        return self

    def __next__(self) -> str:
        line = self.queue.popleft() if self.queue else next(self.lines)
        if line is None:
            raise InputError(f"a line longer than the size limit of {self.limit:,} bytes")
        self.taken.append(line)
        return line

    def start(self) -> int:
        """Begin a record; its first line's number (1-based)."""
        self.consumed += len(self.taken)
        self.taken = []
        return self.consumed + 1

    def skip_first_line(self) -> None:
        """Drop the current record's first line; its other lines are read again."""
        self.queue.extendleft(reversed(self.taken[1:]))
        self.consumed += 1
        self.taken = []


def _csv_rows(fh: IO[bytes], opts: ReadOptions) -> Rows:
    """(``line N``, fields or the reason) for each record of a CSV table with a header row."""
    prefix = fh.read(_SNIFF)
    if not prefix.strip():
        raise InputError("empty file")
    codec = sniff_encoding(prefix, opts.encoding)
    if csv.field_size_limit() < opts.max_bytes:
        csv.field_size_limit(opts.max_bytes)  # articles are longer than csv's 128 KiB default
    lines = _Records(_text_lines(fh, codec, prefix, opts.max_bytes), opts.max_bytes)
    reader = csv.reader(lines, strict=True)
    header: list[str] | None = None
    while True:
        lineno = lines.start()
        where = f"line {lineno}"
        try:
            fields = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            if header is None:
                raise InputError(f"{where}: malformed header ({exc})") from None
            yield where, (f"{where}: malformed CSV record ({exc}): a quote is not closed where "
                          "a field ends; this line was not read, the next ones were")  # fmt: skip
            lines.skip_first_line()
            reader = csv.reader(lines, strict=True)
            continue
        if header is None:
            header = fields
            if opts.text_field not in header:
                raise _NoTextField(f"no {opts.text_field!r} column (columns: {', '.join(header)})")
        elif not fields:
            continue  # a blank line
        elif len(fields) > len(header):
            yield where, f"{where}: more fields than the header has"
        else:
            yield where, dict(zip(header, fields, strict=False))
    if header is None:
        raise InputError("empty file")


# ---------------------------------------------------------------------------------------------
# Parquet


def _parquet_rows(fh: IO[bytes], opts: ReadOptions) -> Rows:
    """(``row N``, fields) for each row of a Parquet table, read a batch at a time."""
    import pyarrow.parquet as pq

    try:
        table = pq.ParquetFile(fh)
    except Exception as exc:  # pyarrow raises ArrowInvalid and friends for damaged files
        raise InputError(f"not a readable Parquet file: {exc}") from None
    names = set(table.schema_arrow.names)
    wanted = [c for c in (opts.id_field, opts.text_field, "date", "region") if c in names]
    if opts.text_field not in names:
        raise _NoTextField(f"no {opts.text_field!r} column (columns: {', '.join(sorted(names))})")
    n = 0
    for batch in table.iter_batches(batch_size=256, columns=wanted):
        for row in batch.to_pylist():
            n += 1
            yield f"row {n}", row
