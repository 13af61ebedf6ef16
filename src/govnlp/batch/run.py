"""Batch extraction: a corpus streamed through worker processes into files on disk.

:func:`run` reads documents with :func:`govnlp.io.corpus.read_corpus`, cuts them into chunks,
extracts each chunk in a worker process (``spawn`` context; each worker loads the pipeline once)
or on a dask.distributed cluster (:mod:`govnlp.batch.executors`), and writes the results in
input order as they come (:mod:`govnlp.batch.sink`):

- ``OUT`` (``.parquet``, ``.csv`` or ``.jsonl``): the records as :func:`govnlp.frame.write`
  writes them (CSV and JSONL byte for byte; Parquet the same table and schema), whatever the
  number of workers;
- ``OUT.docs.jsonl``: one line per document (``doc_id``, ``source``, ``chars``, ``figures``,
  ``status``: ``ok``, ``unreadable`` or ``failed``);
- ``OUT.errors.jsonl``: one line per document that gave no records because it could not be
  read or extraction failed (``doc_id``, ``source``, ``error``); absent when there is none;
- ``OUT.done.jsonl``: the manifest (:mod:`govnlp.batch.manifest`). Its first line describes the
  run (inputs, options); then one line per chunk written, with the chunk's document ids and the
  sizes of the files after it. A run killed at any point (even ``kill -9``) continues with
  ``resume=True``: the manifest's last complete line says what is done, the files are cut back
  to the sizes it records, and the documents it lists are skipped. It ends with a ``complete``
  line.

Memory stays bounded: at most ``4 × workers`` chunks are in flight and output is written as it
comes. CSV and JSONL rows are appended to ``OUT``. Parquet records are written by a
``pyarrow.parquet.ParquetWriter`` to ``OUT.partial`` in row groups of :data:`ROW_GROUP` rows
(so the file is the same, byte for byte, for every number of workers and chunk size), renamed
to ``OUT`` at the end; as a file without its footer cannot be continued, each chunk's records
are also kept in a compressed Arrow file (``OUT.parts/``) from which a resumed run rebuilds
``OUT.partial``, and which is removed at the end.

Resumption covers the death of the process; files are not fsync'ed, so after a power failure
the manifest may describe data the operating system had not yet written.
"""

from __future__ import annotations

import itertools
import logging
import os
import sys
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from govnlp.batch.executors import executor
from govnlp.batch.manifest import JsonObject, manifest_header, skip_done
from govnlp.batch.params import ParameterError
from govnlp.batch.sink import (
    FORMATS,
    ROW_GROUP,
    WRITERS,
    ChunkResult,
    FileSink,
    OutputPaths,
    arrow_schema,
    output_format,
)
from govnlp.errors import ConfigError
from govnlp.io.corpus import MAX_BYTES, Document, Item, ReadError, read_corpus

if TYPE_CHECKING:
    import pandas as pd

    from govnlp.records import Record

__all__ = [
    "CHUNK_CHARS",
    "CHUNK_DOCS",
    "FORMATS",
    "ROW_GROUP",
    "ChunkResult",
    "OutputPaths",
    "Summary",
    "arrow_schema",
    "chunks",
    "extract_chunk",
    "output_format",
    "run",
]

logger = logging.getLogger(__name__)

CHUNK_DOCS = 64
"""Documents per chunk, at most."""
CHUNK_CHARS = 250_000
"""Characters per chunk: a chunk is closed once it holds this many (a few seconds of work)."""


# ---------------------------------------------------------------------------------------------
# the worker side


def extract_chunk(items: Sequence[Item], fmt: str) -> ChunkResult:
    """Extract the records of a chunk of documents, encoded as ``fmt`` (``parquet``, ``csv``,
    ``jsonl`` or ``frame``). A document whose extraction raises becomes an error, not a crash.
    """
    from govnlp.extraction import extract

    records: list[Record] = []
    docs: list[JsonObject] = []
    errors: list[JsonObject] = []
    chars = 0
    for item in items:
        if isinstance(item, ReadError):
            docs.append(_summary(item.id, item.source, 0, 0, "unreadable"))
            errors.append({"doc_id": item.id, "source": item.source, "error": item.reason})
            continue
        chars += len(item.text)
        try:
            found = extract(item.text, doc_id=item.id, date=item.date, region=item.region)
        except Exception as exc:  # one bad document must not stop a run of millions
            logger.exception("extraction failed on %s (%s)", item.id, item.source)
            reason = f"extraction failed: {type(exc).__name__}: {exc}"
            docs.append(_summary(item.id, item.source, len(item.text), 0, "failed"))
            errors.append({"doc_id": item.id, "source": item.source, "error": reason})
            continue
        records.extend(found)
        docs.append(_summary(item.id, item.source, len(item.text), len(found), "ok"))
    return ChunkResult(_encode(records, fmt), len(records), chars, docs, errors)


def _summary(doc_id: str, source: str, chars: int, figures: int, status: str) -> JsonObject:
    return {"doc_id": doc_id, "source": source, "chars": chars, "figures": figures,
            "status": status}  # fmt: skip


def _encode(records: list[Record], fmt: str) -> bytes | pd.DataFrame:
    """Records as the bytes appended to an output of format ``fmt`` (or a DataFrame)."""
    from govnlp.frame import to_frame

    frame = to_frame(records)
    return frame if fmt == "frame" else WRITERS[fmt].encode(frame)


# ---------------------------------------------------------------------------------------------
# running


@dataclass
class Summary:
    """The outcome of a run: documents, records and errors (including those of the run it
    resumed), and, when there is no output file, the records."""

    documents: int = 0
    records: int = 0
    errors: int = 0
    resumed: int = 0
    error_lines: list[JsonObject] = field(default_factory=list)
    frame: pd.DataFrame | None = None


class _Progress:
    """A tqdm bar on standard error with documents/s and characters/s."""

    def __init__(self, enabled: bool, initial: int) -> None:
        from tqdm import tqdm

        self.bar = tqdm(unit="doc", initial=initial, disable=not enabled, file=sys.stderr,
                        dynamic_ncols=True, smoothing=0.1)  # fmt: skip
        self.chars = 0
        self.start = time.monotonic()

    def update(self, result: ChunkResult) -> None:
        self.chars += result.chars
        elapsed = max(time.monotonic() - self.start, 1e-9)
        self.bar.set_postfix_str(f"{self.chars / elapsed:,.0f} chars/s", refresh=False)
        self.bar.update(len(result.docs))

    def close(self) -> None:
        self.bar.close()


def chunks(items: Iterable[Item], max_docs: int, max_chars: int) -> Iterator[list[Item]]:
    """Items grouped into chunks of at most ``max_docs`` documents, closed at ``max_chars``."""
    chunk: list[Item] = []
    chars = 0
    for item in items:
        chunk.append(item)
        chars += len(item.text) if isinstance(item, Document) else 0
        if len(chunk) >= max_docs or chars >= max_chars:
            yield chunk
            chunk, chars = [], 0
    if chunk:
        yield chunk


def run(
    inputs: str | os.PathLike[str] | Sequence[str | os.PathLike[str]],
    *,
    output: str | os.PathLike[str] | None = None,
    jobs: int | None = None,
    resume: bool = False,
    progress: bool = False,
    encoding: str | None = None,
    text_field: str = "text",
    id_field: str = "id",
    max_bytes: int = MAX_BYTES,
    scheduler: str | None = None,
    chunk_docs: int = CHUNK_DOCS,
    chunk_chars: int = CHUNK_CHARS,
) -> Summary:
    """Extract the records of every document of ``inputs`` into ``output`` (see the module).

    Without ``output`` the records are returned in :attr:`Summary.frame`. ``jobs``: worker
    processes (default: every core); ``scheduler``: the address of a dask.distributed scheduler
    to run on instead. ``encoding``, ``text_field``, ``id_field`` and ``max_bytes`` are passed
    to :func:`~govnlp.io.corpus.read_corpus`. Raises :class:`ConfigError` for unusable
    arguments (a :class:`~govnlp.batch.params.ParameterError` when it names them).

    With more than one job the workers are started with ``spawn``: a script calling this must
    guard its entry point with ``if __name__ == "__main__":``.
    """
    if isinstance(inputs, str | os.PathLike):
        inputs = [inputs]
    jobs = jobs if jobs is not None else os.cpu_count() or 1
    if jobs < 1 or chunk_docs < 1 or chunk_chars < 1:
        raise ConfigError(f"jobs, chunk_docs and chunk_chars must be at least 1, got {jobs}, "
                          f"{chunk_docs}, {chunk_chars}")  # fmt: skip
    plan = _Plan(jobs, scheduler, chunk_docs, chunk_chars, progress)
    read = _Read(encoding, text_field, id_field, max_bytes)
    if output is None:
        if resume:
            raise ParameterError("{resume} needs an output path ({output})")
        return _run_to_frame(read.items(inputs), plan)
    paths = OutputPaths(Path(output))
    fmt = output_format(paths.out)
    if not paths.out.parent.is_dir():
        raise ConfigError(f"output {paths.out}: folder {paths.out.parent} does not exist")
    if any(Path(i).resolve() in [p.resolve() for p in paths.all()] for i in inputs):
        raise ConfigError(f"output {paths.out}: it (or a file beside it) is also an input")
    header = manifest_header(fmt, [str(Path(i).resolve()) for i in inputs], read.options())
    items = read.items(inputs, exclude=paths.all())
    return _run_to_file(items, FileSink(paths, fmt, header), resume, plan)


@dataclass(frozen=True)
class _Plan:
    """How to run: workers, chunk sizes, progress bar."""

    jobs: int
    scheduler: str | None
    chunk_docs: int
    chunk_chars: int
    progress: bool


@dataclass(frozen=True)
class _Read:
    """How to read the inputs: the options of :func:`read_corpus`."""

    encoding: str | None
    text_field: str
    id_field: str
    max_bytes: int

    def options(self) -> dict[str, str | int | None]:
        """The options, as the manifest records them."""
        return {"encoding": self.encoding, "text_field": self.text_field,
                "id_field": self.id_field, "max_bytes": self.max_bytes}  # fmt: skip

    def items(
        self, inputs: Sequence[str | os.PathLike[str]], exclude: Iterable[Path] = ()
    ) -> Iterator[Item]:
        """The documents of ``inputs``, skipping the paths in ``exclude``."""
        return read_corpus(list(inputs), encoding=self.encoding, text_field=self.text_field,
                           id_field=self.id_field, max_bytes=self.max_bytes,
                           exclude=exclude)  # fmt: skip


def _run_to_frame(items: Iterator[Item], plan: _Plan) -> Summary:
    """Records kept in memory (for a table on standard output)."""
    summary = Summary()
    frames: list[pd.DataFrame] = []

    def keep(result: ChunkResult) -> None:
        assert not isinstance(result.payload, bytes), "records to keep come as a DataFrame"
        frames.append(result.payload)
        summary.error_lines.extend(result.errors)

    _drive(items, "frame", keep, summary, plan)
    summary.frame = _concat(frames)
    return summary


def _run_to_file(items: Iterator[Item], sink: FileSink, resume: bool, plan: _Plan) -> Summary:
    """Records streamed into the sink's files, continuing an interrupted run if ``resume``."""
    summary = Summary()
    try:
        previous = sink.start(resume)
        if previous is not None and previous.complete:
            logger.info("resume=True: %s is complete already", sink.paths.out)
        else:
            if previous is not None:
                items = skip_done(items, sink.paths.manifest)
                summary.resumed = previous.docs
            _drive(items, sink.fmt, sink.commit, summary, plan)
            sink.finish()
    finally:
        sink.close()
    summary.documents, summary.records, summary.errors = sink.docs, sink.records, sink.errors
    return summary


def _drive(
    items: Iterator[Item], fmt: str, commit: Callable[[ChunkResult], None], summary: Summary,
    plan: _Plan,
) -> None:  # fmt: skip
    """Extract the chunks of ``items`` on the planned executor and commit them in order."""
    todo = chunks(items, plan.chunk_docs, plan.chunk_chars)
    head = [c for c in (next(todo, None), next(todo, None)) if c is not None]
    bar = _Progress(plan.progress, summary.resumed)
    try:
        with executor(plan.jobs, plan.scheduler, len(head) > 1) as (pool, window):
            pending: deque[Future[ChunkResult]] = deque()

            def settle(limit: int) -> None:
                while len(pending) > limit:
                    result = pending.popleft().result()
                    commit(result)
                    bar.update(result)
                    summary.documents += len(result.docs)
                    summary.records += result.records
                    summary.errors += len(result.errors)

            for chunk in itertools.chain(head, todo):
                pending.append(pool.submit(extract_chunk, chunk, fmt))
                settle(window - 1)
            settle(0)
    finally:
        bar.close()


def _concat(frames: list[pd.DataFrame]) -> pd.DataFrame:
    import pandas as pd

    from govnlp.frame import empty_frame

    frames = [f for f in frames if len(f)]
    return pd.concat(frames, ignore_index=True) if frames else empty_frame()
