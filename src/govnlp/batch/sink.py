"""Where a batch run writes: the records file ``OUT`` and the files beside it.

A :class:`RecordWriter` writes ``OUT`` in one format (:class:`ParquetRecords`,
:class:`CsvRecords`, :class:`JsonlRecords`): it encodes a chunk's records in the worker and
appends them in the run. :class:`FileSink` drives the writer of the output's format together
with ``OUT.docs.jsonl``, ``OUT.errors.jsonl`` and the manifest ``OUT.done.jsonl``
(:mod:`govnlp.batch.manifest`), and continues an interrupted run from what its manifest says.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
from abc import ABC, abstractmethod
from dataclasses import dataclass
from pathlib import Path
from typing import IO, TYPE_CHECKING, ClassVar

from govnlp.batch.manifest import JsonObject, Manifest, ManifestWriter, previous_run, truncate
from govnlp.errors import ConfigError

if TYPE_CHECKING:
    import pandas as pd
    import pyarrow as pa

FORMATS = ("parquet", "csv", "jsonl")
ROW_GROUP = 32_768
"""Rows per Parquet row group of the output."""


@dataclass(frozen=True)
class ChunkResult:
    """What a worker returns for a chunk: the records encoded for the output format (a DataFrame
    when there is no output file), one summary per document and the errors."""

    payload: bytes | pd.DataFrame
    records: int
    chars: int
    docs: list[JsonObject]
    errors: list[JsonObject]


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


def output_format(path: Path) -> str:
    """The format of an output file from its suffix; :class:`ConfigError` for others."""
    fmt = path.suffix.lower().lstrip(".")
    if fmt not in FORMATS:
        raise ConfigError(
            f"output {path}: unknown format {path.suffix!r}; use .parquet, .csv or .jsonl"
        )
    return fmt


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
    def encode(frame: pd.DataFrame) -> bytes:
        """A chunk's records as the bytes its worker returns, which :meth:`write` takes."""

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
    """A records file the encoded chunks are appended to as they come."""

    def __init__(self, paths: OutputPaths) -> None:
        super().__init__(paths)
        self._fh: IO[bytes] | None = None

    def start(self) -> None:
        self._fh = self.paths.out.open("wb")

    def resume(self, chunks: int, size: int) -> None:
        truncate(self.paths.out, size)
        self._fh = self.paths.out.open("ab")

    def write(self, index: int, payload: bytes) -> None:
        self._out().write(payload)

    def size(self) -> int:
        fh = self._out()
        fh.flush()
        return fh.tell()

    def finish(self) -> None:
        self.close()

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
    def encode(frame: pd.DataFrame) -> bytes:
        return frame.to_csv(index=False, header=False).encode("utf-8")

    def start(self) -> None:
        from govnlp.frame import empty_frame

        super().start()
        header = empty_frame().to_csv(index=False)
        self._out().write(b"\xef\xbb\xbf" + header.encode("utf-8"))


class JsonlRecords(_AppendedRecords):
    """One JSON object per record per line, as :func:`govnlp.frame.to_jsonl`."""

    fmt = "jsonl"

    @staticmethod
    def encode(frame: pd.DataFrame) -> bytes:
        from govnlp.frame import json_rows

        lines = (json.dumps(row, ensure_ascii=False) + "\n" for row in json_rows(frame))
        return "".join(lines).encode("utf-8")


class ParquetRecords(RecordWriter):
    """Parquet written to ``OUT.partial`` in row groups of :data:`ROW_GROUP` rows and renamed
    to ``OUT`` at the end. As a file without its footer cannot be continued, each chunk's
    records are also kept in a compressed Arrow file in ``OUT.parts/``, from which a resumed run
    rebuilds ``OUT.partial``."""

    fmt = "parquet"

    def __init__(self, paths: OutputPaths) -> None:
        super().__init__(paths)
        self._stream: _ParquetStream | None = None

    @staticmethod
    def encode(frame: pd.DataFrame) -> bytes:
        import pyarrow as pa

        table = pa.Table.from_pandas(frame, schema=arrow_schema(), preserve_index=False)
        sink = pa.BufferOutputStream()
        options = pa.ipc.IpcWriteOptions(compression="zstd")
        with pa.ipc.new_stream(sink, table.schema, options=options) as writer:
            writer.write_table(table)
        payload: bytes = sink.getvalue().to_pybytes()
        return payload

    def start(self) -> None:
        self._open(0)

    def resume(self, chunks: int, size: int) -> None:
        parts = self.paths.parts
        if parts.is_dir():
            for part in parts.iterdir():
                stem = part.name.split(".")[0]
                if not stem.isdigit() or int(stem) >= chunks or not part.name.endswith(".arrows"):
                    part.unlink()
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
        self.docs = self.records = self.errors = 0
        self.writer = WRITERS[fmt](paths)
        self.doc_lines = _JsonLines(paths.docs)
        self.error_lines = _JsonLines(paths.errors)  # opened at the first error
        self.manifest = ManifestWriter(paths.manifest)

    def start(self, resume: bool) -> Manifest | None:
        """Open the files, fresh or (``resume``) continuing an interrupted run, which is
        returned."""
        previous = previous_run(self.paths.manifest, self.header) if resume else None
        if previous is None:
            self._fresh()
            return None
        self.chunk, self.docs = previous.chunks, previous.docs
        self.records, self.errors = previous.records, previous.errors
        if previous.complete:
            self._remove_parts()
            return previous
        self.writer.resume(previous.chunks, previous.sizes["out"])
        truncate(self.paths.docs, previous.sizes["docs"])
        truncate(self.paths.errors, previous.sizes["errors"])
        self._open()
        return previous

    def _fresh(self) -> None:
        for path in self.paths.all():
            if path.is_dir():
                shutil.rmtree(path)
            else:
                path.unlink(missing_ok=True)
        self.writer.start()
        self._open()
        self.manifest.header(self.header, self._sizes())

    def _open(self) -> None:
        self.doc_lines.open()
        self.manifest.open()

    def _remove_parts(self) -> None:
        if self.paths.parts.is_dir():
            shutil.rmtree(self.paths.parts)

    def commit(self, result: ChunkResult) -> None:
        """Write a chunk's records, summaries and errors, then record it in the manifest."""
        assert isinstance(result.payload, bytes), "a file sink takes encoded records"
        self.writer.write(self.chunk, result.payload)
        self.doc_lines.write(result.docs)
        if result.errors:
            self.error_lines.write(result.errors)
        ids = [d["doc_id"] for d in result.docs]
        self.manifest.chunk(self.chunk, ids, result.records, len(result.errors), result.chars,
                            self._sizes())  # fmt: skip
        self.chunk += 1
        self.docs += len(ids)
        self.records += result.records
        self.errors += len(result.errors)

    def _sizes(self) -> dict[str, int]:
        """The sizes of the files, flushed, as the manifest records them."""
        return {"out": self.writer.size(), "docs": self.doc_lines.size(),
                "errors": self.error_lines.size()}  # fmt: skip

    def finish(self) -> None:
        """Complete the records file, close the files, mark the manifest complete."""
        self.doc_lines.close()
        self.error_lines.close()
        self.writer.finish()
        self.manifest.complete(self.docs, self.records, self.errors)
        self.close()
        self._remove_parts()

    def close(self) -> None:
        """Close every open file (the run may be resumed later)."""
        self.writer.close()
        self.doc_lines.close()
        self.error_lines.close()
        self.manifest.close()
