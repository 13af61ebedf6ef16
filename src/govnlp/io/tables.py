"""Tables of documents: JSONL, CSV and Parquet, one document per row, read as streams.

A row's document has the text field (``text`` unless renamed), the id field (``id`` unless
renamed; rows without one are numbered ``FILE#N``) and the ``date`` and ``region`` metadata.
"""

from __future__ import annotations

import codecs
import csv
import json
import logging
from collections.abc import Callable, Iterator
from typing import IO, Any

from govnlp.errors import InputError
from govnlp.io.decode import sniff_encoding
from govnlp.io.documents import Document, Item, ReadError, ReadOptions, error_reason

logger = logging.getLogger(__name__)

_SNIFF = 1 << 16  # bytes of a streamed table used to choose its encoding
_READ = 1 << 20  # block size of streamed reads

Rows = Iterator[tuple[str, dict[str, Any] | str]]
"""(where, fields or the reason they could not be parsed) for each row of a table."""


class _NoTextColumn(InputError):
    """A CSV or Parquet table without the text column: no documents in it."""


def read_table(
    opener: Callable[[], IO[bytes]], kind: str, file_id: str, source: str, opts: ReadOptions, *,
    named: bool,
) -> Iterator[Item]:  # fmt: skip
    """One document per row of a JSONL, CSV or Parquet table (``kind`` ``jsonl``, ``csv`` or
    ``parquet``), whose stream ``opener`` opens.

    A CSV or Parquet table without the text column is an error when ``named`` on the command
    line; found in a directory or archive (a manifest, a lookup table) it is skipped, with a
    warning.
    """
    try:
        fh = opener()
    except OSError as exc:
        yield ReadError(id=file_id, source=source, reason=error_reason(exc))
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
        reason = f"no {opts.text_field!r} field" if text is None else (
            f"field {opts.text_field!r} is {type(text).__name__}, not text")  # fmt: skip
        return ReadError(id=doc_id, source=row_source, reason=reason)
    if not text.strip():
        return ReadError(id=doc_id, source=row_source, reason="empty text")
    return Document(
        id=doc_id, text=text, date=meta_value(row.get("date")),
        region=meta_value(row.get("region")), source=row_source,
    )  # fmt: skip


def meta_value(value: object) -> str | None:
    """A metadata field (``date``, ``region``) as text, dates as ISO; ``None`` when missing."""
    if value is None or value == "" or (isinstance(value, float) and value != value):
        return None
    isoformat = getattr(value, "isoformat", None)
    if isoformat is not None:
        return str(isoformat())[:10]
    return str(value)


def _jsonl_rows(fh: IO[bytes], opts: ReadOptions) -> Rows:
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


def _csv_rows(fh: IO[bytes], opts: ReadOptions) -> Rows:
    """(``line N``, fields) for each row of a CSV table with a header row."""
    prefix = fh.read(_SNIFF)
    if not prefix.strip():
        raise InputError("empty file")
    codec = sniff_encoding(prefix, opts.encoding)
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
        raise _NoTextColumn(f"no {opts.text_field!r} column (columns: {', '.join(sorted(names))})")
    n = 0
    for batch in table.iter_batches(batch_size=256, columns=wanted):
        for row in batch.to_pylist():
            n += 1
            yield f"row {n}", row
