"""Where a batch run writes: the records file ``OUT`` and the files beside it.

A :class:`RecordWriter` writes ``OUT`` in one format (:class:`ParquetRecords`,
:class:`CsvRecords`, :class:`JsonlRecords`): a :class:`ChunkEncoder` encodes a chunk's records
in the worker and the writer appends them in the run. :class:`FileSink` drives the writer of
the output's format together with ``OUT.docs.jsonl``, ``OUT.errors.jsonl`` and the manifest
``OUT.done.jsonl`` (:mod:`govnlp.batch.manifest`), and continues an interrupted run from what
its manifest says.

``OUT`` is written as ``OUT.partial`` and renamed to ``OUT`` at the end, so that an existing
``OUT`` stays whole until the run is complete. The files beside ``OUT`` are the run's own: they
are replaced at its start. Nothing is written where a folder is: a run whose output or one of
the files beside it is an existing folder is refused (:class:`ConfigError`), and no folder is
ever deleted but ``OUT.parts/``, the run's own, once empty. A failure to write (a full disk) is
an :class:`OutputError` naming the file.
"""

from __future__ import annotations

import contextlib
import functools
import json
import os
import re
from abc import ABC, abstractmethod
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, ClassVar

from govnlp.batch.manifest import (
    JsonObject,
    Manifest,
    ManifestWriter,
    Tally,
    previous_run,
    truncate,
)
from govnlp.errors import ConfigError, GovnlpError
from govnlp.records import COLUMNS, Kind

if TYPE_CHECKING:
    import pandas as pd
    import pyarrow as pa

    from govnlp.records import Record

FORMATS = ("parquet", "csv", "jsonl")
ROW_GROUP = 32_768
"""Rows per Parquet row group of the output."""
_PART = re.compile(r"[0-9]{8}\.(arrows|tmp)")  # the files of OUT.parts/


class OutputError(GovnlpError, OSError):
    """The output of a run could not be written (a full disk, a file that cannot be created);
    the message names the file."""


@contextlib.contextmanager
def writing(path: Path) -> Iterator[None]:
    """Turn an :class:`OSError` raised while writing ``path`` into an :class:`OutputError`."""
    try:
        yield
    except OutputError:
        raise
    except OSError as exc:
        raise OutputError(f"cannot write {path}: {exc.strerror or exc}") from exc


@dataclass(frozen=True)
class ChunkResult:
    """What a worker returns for a chunk: the records encoded for the output format (a DataFrame
    when there is no output file), one summary per document and the errors."""

    payload: bytes | pd.DataFrame
    records: int
    chars: int
    docs: list[JsonObject]
    errors: list[JsonObject]

    def count(self, status: str, *, expected: bool | None = None) -> int:
        """The documents of ``status`` (skipped ones: ``expected`` or not, when given)."""
        return sum(1 for d in self.docs if d["status"] == status
                   and (expected is None or d.get("expected") == expected))  # fmt: skip


@dataclass(frozen=True)
class OutputPaths:
    """The files of a run writing ``out``."""

    out: Path

    def sidecar(self, suffix: str) -> Path:
        """The file beside ``out`` named ``out`` + ``suffix``."""
        return self.out.with_name(self.out.name + suffix)

    @property
    def docs(self) -> Path:
        return self.sidecar(".docs.jsonl")

    @property
    def errors(self) -> Path:
        return self.sidecar(".errors.jsonl")

    @property
    def manifest(self) -> Path:
        return self.sidecar(".done.jsonl")

    @property
    def parts(self) -> Path:
        return self.sidecar(".parts")

    @property
    def partial(self) -> Path:
        return self.sidecar(".partial")

    def all(self) -> list[Path]:
        """Every file the run writes (excluded when a directory being read holds them)."""
        return [self.out, self.docs, self.errors, self.manifest, self.parts, self.partial]

    def check(self) -> None:
        """:class:`ConfigError` when the output or a file beside it is a folder, or
        ``OUT.parts`` holds files the run did not write: nothing of the user's is deleted."""
        for path in self.all():
            if path != self.parts and path.is_dir():
                raise ConfigError(f"output {self.out}: {path} is a folder; give the name of a "
                                  "file (the folder is left as it is)")  # fmt: skip
        if self.parts.exists() and not self.parts.is_dir():
            raise ConfigError(f"output {self.out}: {self.parts} is a file; the run keeps its "
                              "parts in a folder of that name")  # fmt: skip
        if self.parts.is_dir():
            foreign = [p.name for p in self.parts.iterdir() if not _PART.fullmatch(p.name)]
            if foreign:
                names = ", ".join(sorted(foreign)[:3])
                raise ConfigError(f"output {self.out}: {self.parts} holds files the run did not "
                                  f"write ({names}); move them away")  # fmt: skip

    def clear_parts(self, keep: int = 0) -> None:
        """Remove the run's part files from chunk ``keep`` on; with ``keep`` 0 also the folder
        ``OUT.parts`` once empty (other files in it are left, and so is the folder)."""
        if not self.parts.is_dir():
            return
        for part in self.parts.iterdir():
            m = _PART.fullmatch(part.name)
            if m and (m.group(1) == "tmp" or int(part.name[:8]) >= keep):
                part.unlink()
        if keep == 0:
            with contextlib.suppress(OSError):
                self.parts.rmdir()


def output_format(path: Path) -> str:
    """The format of an output file from its suffix; :class:`ConfigError` for others."""
    fmt = path.suffix.lower().lstrip(".")
    if fmt not in FORMATS:
        raise ConfigError(
            f"output {path}: unknown format {path.suffix!r}; use .parquet, .csv or .jsonl"
        )
    return fmt


@functools.cache
def arrow_schema() -> pa.Schema:
    """The Arrow schema of :func:`govnlp.frame.to_frame` output (with its pandas metadata)."""
    import pyarrow as pa

    from govnlp.frame import empty_frame

    return pa.Table.from_pandas(empty_frame(), preserve_index=False).schema


# ---------------------------------------------------------------------------------------------
# the records file, one writer per format


class RecordWriter(ABC):
    """``OUT`` in one format, written a chunk at a time in input order.

    The file is the same, byte for byte, whatever the chunks: :func:`govnlp.frame.write` writes
    it so (CSV and JSONL), or the same table and schema (Parquet).
    """

    fmt: ClassVar[str]
    """The output format: the suffix of ``OUT`` without its dot."""

    def __init__(self, paths: OutputPaths) -> None:
        self.paths = paths

    @staticmethod
    @abstractmethod
    def encode(records: Sequence[Record]) -> bytes:
        """Records as the bytes a worker returns, which :meth:`write` takes."""

    @abstractmethod
    def start(self) -> None:
        """Start a fresh ``OUT``."""

    @abstractmethod
    def resume(self, chunks: int, size: int) -> None:
        """Continue the ``OUT`` of an interrupted run whose manifest records ``chunks`` chunks
        and ``size`` bytes, dropping what was written after."""

    @abstractmethod
    def write(self, index: int, payload: bytes) -> None:
        """Append the records of chunk ``index``."""

    @abstractmethod
    def size(self) -> int:
        """The bytes of ``OUT`` written, as the manifest records them (0 for a file made
        whole at the end)."""

    @abstractmethod
    def finish(self) -> None:
        """Complete and close ``OUT``."""

    @abstractmethod
    def close(self) -> None:
        """Close ``OUT`` unfinished (a resumed run continues it); nothing once finished."""


class _AppendedRecords(RecordWriter):
    """A records file the encoded chunks are appended to as they come, in ``OUT.partial``."""

    def __init__(self, paths: OutputPaths) -> None:
        super().__init__(paths)
        self._fh: IO[bytes] | None = None

    def start(self) -> None:
        self._fh = self.paths.partial.open("wb")

    def resume(self, chunks: int, size: int) -> None:
        truncate(self.paths.partial, size)
        self._fh = self.paths.partial.open("ab")

    def write(self, index: int, payload: bytes) -> None:
        self._out().write(payload)

    def size(self) -> int:
        fh = self._out()
        fh.flush()
        return fh.tell()

    def finish(self) -> None:
        self.close()
        os.replace(self.paths.partial, self.paths.out)

    def close(self) -> None:
        if self._fh is not None:
            self._fh.close()
            self._fh = None

    def _out(self) -> IO[bytes]:
        assert self._fh is not None, "the records file is not open"
        return self._fh


class CsvRecords(_AppendedRecords):
    """CSV in UTF-8 with a byte-order mark and a header row, as :func:`govnlp.frame.to_csv`."""

    fmt = "csv"

    @staticmethod
    def encode(records: Sequence[Record]) -> bytes:
        from govnlp.frame import to_frame

        return to_frame(records).to_csv(index=False, header=False).encode("utf-8")

    def start(self) -> None:
        from govnlp.frame import empty_frame

        super().start()
        header = empty_frame().to_csv(index=False)
        self._out().write(b"\xef\xbb\xbf" + header.encode("utf-8"))


class JsonlRecords(_AppendedRecords):
    """One JSON object per record per line, as :func:`govnlp.frame.to_jsonl`."""

    fmt = "jsonl"

    @staticmethod
    def encode(records: Sequence[Record]) -> bytes:
        dumps = json.JSONEncoder(ensure_ascii=False).encode
        return "".join(dumps(row) + "\n" for row in _json_rows(records)).encode("utf-8")


def _json_rows(records: Sequence[Record]) -> Iterator[dict[str, Any]]:
    """The rows :func:`govnlp.frame.json_rows` gives for ``to_frame(records)``, made from the
    records directly (the contract's columns, values as :func:`govnlp.frame.to_frame` types
    them: floats, ISO dates, plain text)."""
    for r in records:
        row: dict[str, Any] = {name: getattr(r, name) for name in COLUMNS}
        row["kind"] = r.kind.value
        row["qualifier"] = r.qualifier.value
        row["value"] = float(r.value)
        row["value_high"] = None if r.value_high is None else float(r.value_high)
        for name in ("period_start", "period_end"):
            day = row[name]
            row[name] = None if day is None else day.isoformat()
        row["role"] = None if r.role is None else str(r.role.value)
        yield row


def records_table(records: Sequence[Record]) -> pa.Table:
    """The Arrow table of ``records`` with :func:`arrow_schema`: the table
    ``pa.Table.from_pandas(to_frame(records), schema=arrow_schema())`` gives, made from the
    records directly."""
    import pyarrow as pa

    schema = arrow_schema()
    kinds = [k.value for k in Kind]
    code = {k: i for i, k in enumerate(Kind)}
    columns: dict[str, Any] = {name: [getattr(r, name) for r in records] for name in COLUMNS}
    columns["kind"] = pa.DictionaryArray.from_arrays(
        pa.array([code[k] for k in columns["kind"]], pa.int8()), pa.array(kinds, pa.large_string())
    )
    columns["qualifier"] = [q.value for q in columns["qualifier"]]
    columns["value"] = [float(v) for v in columns["value"]]
    columns["value_high"] = [None if v is None else float(v) for v in columns["value_high"]]
    columns["role"] = [None if v is None else str(v.value) for v in columns["role"]]
    arrays = [
        columns[f.name] if f.name == "kind" else pa.array(columns[f.name], f.type)
        for f in schema
    ]
    return pa.Table.from_arrays(arrays, schema=schema)


class ParquetRecords(RecordWriter):
    """Parquet written to ``OUT.partial`` in row groups of :data:`ROW_GROUP` rows and renamed
    to ``OUT`` at the end. As a file without its footer cannot be continued, each chunk's records
    are also kept in a compressed Arrow file in ``OUT.parts/``, from which a resumed run
    rebuilds ``OUT.partial``."""

    fmt = "parquet"

    def __init__(self, paths: OutputPaths) -> None:
        super().__init__(paths)
        self._stream: _ParquetStream | None = None

    @staticmethod
    def encode(records: Sequence[Record]) -> bytes:
        encoder = ChunkEncoder("parquet")
        encoder.add(records)
        payload = encoder.payload()
        assert isinstance(payload, bytes)
        return payload

    def start(self) -> None:
        self.paths.clear_parts()
        self._open(0)

    def resume(self, chunks: int, size: int) -> None:
        self.paths.clear_parts(keep=chunks)
        self._open(chunks)

    def _open(self, chunks: int) -> None:
        """Open ``OUT.partial`` with the records of the first ``chunks`` chunks."""
        self.paths.parts.mkdir(exist_ok=True)
        self._stream = _ParquetStream(self.paths.partial)
        for i in range(chunks):
            self._stream.add(_read_ipc(self._part(i).read_bytes()))

    def _part(self, index: int) -> Path:
        return self.paths.parts / f"{index:08d}.arrows"

    def write(self, index: int, payload: bytes) -> None:
        assert self._stream is not None, "the records file is not open"
        part = self._part(index)
        tmp = part.with_suffix(".tmp")
        tmp.write_bytes(payload)
        os.replace(tmp, part)
        self._stream.add(_read_ipc(payload))

    def size(self) -> int:
        return 0

    def finish(self) -> None:
        if self._stream is not None:
            self._stream.close()
            self._stream = None
            os.replace(self.paths.partial, self.paths.out)

    def close(self) -> None:
        if self._stream is not None:
            self._stream.abandon()
            self._stream = None


WRITERS: dict[str, type[RecordWriter]] = {
    w.fmt: w for w in (ParquetRecords, CsvRecords, JsonlRecords)
}
"""The writer of each output format."""


class ChunkEncoder:
    """The records of a chunk encoded for an output of format ``fmt`` (``parquet``, ``csv``,
    ``jsonl``, or ``frame`` for a DataFrame), added a batch at a time, so that the records of
    a long document need not be held all at once."""

    def __init__(self, fmt: str) -> None:
        self.fmt = fmt
        self.frames: list[pd.DataFrame] = []
        self.parts: list[bytes] = []
        self._sink: Any = None
        self._ipc: Any = None

    def add(self, records: Sequence[Record]) -> None:
        """Encode ``records``."""
        if self.fmt == "frame":
            from govnlp.frame import to_frame

            self.frames.append(to_frame(records))
        elif self.fmt == "parquet":
            self._ipc_writer().write_table(records_table(records))
        else:
            self.parts.append(WRITERS[self.fmt].encode(records))

    def _ipc_writer(self) -> Any:
        if self._ipc is None:
            import pyarrow as pa

            self._sink = pa.BufferOutputStream()
            options = pa.ipc.IpcWriteOptions(compression="zstd")
            self._ipc = pa.ipc.new_stream(self._sink, arrow_schema(), options=options)
        return self._ipc

    def payload(self) -> bytes | pd.DataFrame:
        """What the run writes: the encoded records (a DataFrame for ``frame``)."""
        if self.fmt == "frame":
            import pandas as pd

            from govnlp.frame import empty_frame

            frames = [f for f in self.frames if len(f)]
            if not frames:
                return empty_frame()
            return frames[0] if len(frames) == 1 else pd.concat(frames, ignore_index=True)
        if self.fmt == "parquet":
            writer = self._ipc_writer()
            writer.close()
            payload: bytes = self._sink.getvalue().to_pybytes()
            return payload
        return b"".join(self.parts)


def _read_ipc(payload: bytes) -> pa.Table:
    """The records of a chunk's Arrow payload."""
    import pyarrow as pa

    return pa.ipc.open_stream(pa.py_buffer(payload)).read_all()


class _ParquetStream:
    """A Parquet file written in row groups of exactly :data:`ROW_GROUP` rows (the last one
    shorter), whatever the sizes of the tables added: the file depends only on the records."""

    def __init__(self, target: Path) -> None:
        import pyarrow.parquet as pq

        self.target = target
        self.writer = pq.ParquetWriter(target, arrow_schema())
        self.buffer: list[pa.Table] = []
        self.rows = 0

    def add(self, table: pa.Table) -> None:
        import pyarrow as pa

        self.buffer.append(table)
        self.rows += table.num_rows
        while self.rows >= ROW_GROUP:
            merged = pa.concat_tables(self.buffer)
            self.writer.write_table(merged.slice(0, ROW_GROUP).combine_chunks())
            self.buffer = [merged.slice(ROW_GROUP)]
            self.rows -= ROW_GROUP

    def close(self) -> None:
        """Write the last row group and the footer."""
        import pyarrow as pa

        if self.rows:
            self.writer.write_table(pa.concat_tables(self.buffer).combine_chunks())
        self.writer.close()

    def abandon(self) -> None:
        """Close the file unfinished (a resumed run rebuilds it from the parts)."""
        with contextlib.suppress(Exception):
            self.writer.close()


# ---------------------------------------------------------------------------------------------
# the sink


class _JsonLines:
    """A JSON-lines file beside ``OUT``, appended to."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._fh: IO[bytes] | None = None

    def open(self) -> None:
        """Open the file to append to it (creating it)."""
        self._fh = self.path.open("ab")

    def write(self, rows: list[JsonObject]) -> None:
        """Append ``rows``, opening the file if it is not open."""
        if self._fh is None:
            self.open()
        assert self._fh is not None
        text = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows)
        self._fh.write(text.encode("utf-8"))

    def size(self) -> int:
        """Its bytes written so far (0 when it does not exist)."""
        if self._fh is not None:
            self._fh.flush()
            return self._fh.tell()
        return self.path.stat().st_size if self.path.exists() else 0

    def close(self) -> None:
        if self._fh is not None:
            self._fh.close()
            self._fh = None


class FileSink:
    """Appends chunk results to the output files and commits them in the manifest."""

    def __init__(self, paths: OutputPaths, fmt: str, header: JsonObject) -> None:
        self.paths = paths
        self.fmt = fmt
        self.header = header
        self.chunk = 0
        self.tally = Tally()
        self.writer = WRITERS[fmt](paths)
        self.doc_lines = _JsonLines(paths.docs)
        self.error_lines = _JsonLines(paths.errors)  # opened at the first error
        self.manifest = ManifestWriter(paths.manifest)

    def start(self, resume: bool) -> Manifest | None:
        """Open the files, fresh or (``resume``) continuing an interrupted run, which is
        returned."""
        self.paths.check()
        previous = previous_run(self.paths.manifest, self.header) if resume else None
        if previous is None:
            self._fresh()
            return None
        self.chunk = previous.chunks
        self.tally.add(previous.tally)
        if previous.complete:
            self.paths.clear_parts()
            return previous
        with writing(self.paths.partial):
            self.writer.resume(previous.chunks, previous.sizes["out"])
        truncate(self.paths.docs, previous.sizes["docs"])
        truncate(self.paths.errors, previous.sizes["errors"])
        self._open()
        return previous

    def _fresh(self) -> None:
        for path in (self.paths.docs, self.paths.errors, self.paths.manifest, self.paths.partial):
            path.unlink(missing_ok=True)  # files: OutputPaths.check refused folders
        with writing(self.paths.partial):
            self.writer.start()
        self._open()
        with writing(self.paths.manifest):
            self.manifest.header(self.header, self._sizes())

    def _open(self) -> None:
        with writing(self.paths.docs):
            self.doc_lines.open()
        with writing(self.paths.manifest):
            self.manifest.open()

    def commit(self, result: ChunkResult) -> None:
        """Write a chunk's records, summaries and errors, then record it in the manifest."""
        assert isinstance(result.payload, bytes), "a file sink takes encoded records"
        with writing(self.paths.partial):
            self.writer.write(self.chunk, result.payload)
        with writing(self.paths.docs):
            self.doc_lines.write(result.docs)
        if result.errors:
            with writing(self.paths.errors):
                self.error_lines.write(result.errors)
        ids = [d["doc_id"] for d in result.docs]
        tally = Tally(len(ids), result.records, len(result.errors), result.count("skipped"),
                      result.count("skipped", expected=True))  # fmt: skip
        with writing(self.paths.manifest):
            self.manifest.chunk(self.chunk, ids, tally, result.chars, self._sizes())
        self.chunk += 1
        self.tally.add(tally)

    def _sizes(self) -> dict[str, int]:
        """The sizes of the files, flushed, as the manifest records them."""
        return {"out": self.writer.size(), "docs": self.doc_lines.size(),
                "errors": self.error_lines.size()}  # fmt: skip

    def finish(self) -> None:
        """Complete the records file, close the files, mark the manifest complete."""
        with writing(self.paths.docs):
            self.doc_lines.close()
        with writing(self.paths.errors):
            self.error_lines.close()
        with writing(self.paths.out):
            self.writer.finish()
        with writing(self.paths.manifest):
            self.manifest.complete(self.tally)
        self.close()
        self.paths.clear_parts()

    def close(self) -> None:
        """Close every open file (the run may be resumed later); errors closing them (a full
        disk) are left to the manifest, which records only what was written."""
        for close in (self.writer.close, self.doc_lines.close, self.error_lines.close,
                      self.manifest.close):  # fmt: skip
            with contextlib.suppress(OSError):
                close()
