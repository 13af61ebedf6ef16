"""Batch extraction: a corpus streamed through worker processes into files on disk.

:func:`run` reads documents with :func:`govnlp.io.corpus.read_corpus`, cuts them into chunks,
extracts each chunk in a worker process (``spawn`` context; each worker loads the pipeline once)
or on a dask.distributed cluster (:mod:`govnlp.batch.executors`), and writes the results in
input order as they come (:mod:`govnlp.batch.sink`):

- ``OUT`` (``.parquet``, ``.csv`` or ``.jsonl``): the records as :func:`govnlp.frame.write`
  writes them (CSV and JSONL byte for byte; Parquet the same table and schema), whatever the
  number of workers;
- ``OUT.docs.jsonl``: one line per file, member or row met (``doc_id``, ``source``, ``chars``,
  ``figures``, ``status``: ``ok``; ``partial``, a document cut at ``max_figures`` figures;
  ``unreadable`` or ``failed``; ``skipped``, with the ``reason`` and whether it was
  ``expected``, true for files that are no documents by their names: see
  :mod:`govnlp.io.corpus`);
- ``OUT.errors.jsonl``: one line per document that could not be read, whose extraction failed,
  or that was cut (``doc_id``, ``source``, ``error``); absent when there is none;
- ``OUT.done.jsonl``: the manifest (:mod:`govnlp.batch.manifest`). Its first line describes the
  run (inputs, options); then one line per chunk written, with the chunk's document ids and the
  sizes of the files after it. A run killed at any point (even ``kill -9``) continues with
  ``resume=True``: the manifest's last complete line says what is done, the files are cut back
  to the sizes it records, and the documents it lists are skipped. It ends with a ``complete``
  line.

Memory stays bounded: at most ``4 × workers`` chunks (and about as many characters as that many
full chunks hold) are in flight, and output is written as it comes. A document longer than
:data:`PIECE_CHARS` characters is extracted in pieces of at most that many, cut at line breaks
(a piece does not see the title and headings of the pieces before it), its records encoded a
piece at a time; a document is cut after ``max_figures`` figures (:data:`MAX_FIGURES`), with an
error line saying where.

``OUT`` is written as ``OUT.partial`` and renamed to ``OUT`` at the end: CSV and JSONL rows are
appended to it; Parquet records are written by a ``pyarrow.parquet.ParquetWriter`` in row
groups of :data:`ROW_GROUP` rows (so the file is the same, byte for byte, for every number of
workers and chunk size); as a file without its footer cannot be continued, each chunk's records
are also kept in a compressed Arrow file (``OUT.parts/``) from which a resumed run rebuilds
``OUT.partial``, and which is removed at the end.

Resumption covers the death of the process; files are not fsync'ed, so after a power failure
the manifest may describe data the operating system had not yet written.
"""

from __future__ import annotations

import dataclasses
import hashlib
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

from govnlp.batch.executors import available_cpus, executor
from govnlp.batch.manifest import JsonObject, Tally, manifest_header, skip_done
from govnlp.batch.params import ParameterError
from govnlp.batch.sink import (
    FORMATS,
    ROW_GROUP,
    ChunkEncoder,
    ChunkResult,
    FileSink,
    OutputError,
    OutputPaths,
    arrow_schema,
    output_format,
)
from govnlp.errors import ConfigError, GovnlpError
from govnlp.io.corpus import MAX_BYTES, Document, Item, ReadError, Skipped, read_corpus

if TYPE_CHECKING:
    import pandas as pd

    from govnlp.records import Record

__all__ = [
    "CHUNK_CHARS",
    "CHUNK_DOCS",
    "FORMATS",
    "MAX_FIGURES",
    "PARALLEL_CHARS",
    "PIECE_CHARS",
    "ROW_GROUP",
    "ChunkResult",
    "OutputError",
    "OutputPaths",
    "Summary",
    "arrow_schema",
    "chunks",
    "extract_chunk",
    "output_format",
    "pieces",
    "run",
]

logger = logging.getLogger(__name__)

CHUNK_DOCS = 64
"""Documents per chunk, at most."""
CHUNK_CHARS = 250_000
"""Characters per chunk: a chunk is closed once it holds this many (a few seconds of work)."""
PIECE_CHARS = 500_000
"""A longer document is extracted in pieces of at most this many characters."""
MAX_FIGURES = 200_000
"""Figures of one document, at most (``max_figures``): the document is cut after them."""
PARALLEL_CHARS = 500_000
"""Inputs of fewer characters are extracted in this process: starting workers would cost more
than they save (``benchmarks/batch.py --small``)."""
_FLUSH_RECORDS = 20_000  # records of a chunk encoded at once


# ---------------------------------------------------------------------------------------------
# the worker side


def extract_chunk(items: Sequence[Item], fmt: str, max_figures: int = MAX_FIGURES) -> ChunkResult:
    """Extract the records of a chunk of documents, encoded as ``fmt`` (``parquet``, ``csv``,
    ``jsonl`` or ``frame``). A document whose extraction raises becomes an error, not a crash;
    one with more than ``max_figures`` figures is cut after them, with an error."""
    out = _Output(fmt)
    docs: list[JsonObject] = []
    errors: list[JsonObject] = []
    chars = 0
    for item in items:
        if isinstance(item, Skipped):
            docs.append({**_summary(item.id, item.source, 0, 0, "skipped"),
                         "reason": item.reason, "expected": item.expected})  # fmt: skip
            continue
        if isinstance(item, ReadError):
            docs.append(_summary(item.id, item.source, 0, 0, "unreadable"))
            errors.append({"doc_id": item.id, "source": item.source, "error": item.reason})
            continue
        chars += len(item.text)
        status, figures, problem = _extract_document(item, max_figures, out)
        docs.append(_summary(item.id, item.source, len(item.text), figures, status))
        if problem:
            errors.append({"doc_id": item.id, "source": item.source, "error": problem})
    return ChunkResult(out.payload(), out.records, chars, docs, errors)


def _summary(doc_id: str, source: str, chars: int, figures: int, status: str) -> JsonObject:
    return {"doc_id": doc_id, "source": source, "chars": chars, "figures": figures,
            "status": status}  # fmt: skip


class _Output:
    """The records of a chunk, encoded :data:`_FLUSH_RECORDS` at a time."""

    def __init__(self, fmt: str) -> None:
        self.encoder = ChunkEncoder(fmt)
        self.pending: list[Record] = []
        self.records = 0
        self.flushed = False

    def add(self, records: Sequence[Record]) -> None:
        self.pending.extend(records)
        self.records += len(records)
        if len(self.pending) >= _FLUSH_RECORDS:
            self.flush()

    def flush(self) -> None:
        self.encoder.add(self.pending)
        self.pending = []
        self.flushed = True

    def payload(self) -> bytes | pd.DataFrame:
        if self.pending or not self.flushed:
            self.flush()
        return self.encoder.payload()


def _extract_document(doc: Document, max_figures: int, out: _Output) -> tuple[str, int, str]:
    """(status, figures, the error or ``""``) of extracting ``doc`` into ``out``, a piece at a
    time."""
    from govnlp.extraction import extract

    figures = 0
    for start, piece in pieces(doc.text, PIECE_CHARS):
        try:
            found: Sequence[Record] = extract(piece, doc_id=doc.id, date=doc.date,
                                              region=doc.region)  # fmt: skip
        except Exception as exc:  # one bad document must not stop a run of millions
            reason = _failure(doc, exc)
            if not figures:
                return "failed", 0, reason
            return "partial", figures, (f"{reason} (in the piece from character {start:,}; the "
                                        "figures before it are kept)")  # fmt: skip
        if start:
            found = [dataclasses.replace(r, start=r.start + start, end=r.end + start)
                     for r in found]  # fmt: skip
        if figures + len(found) > max_figures:
            keep = max_figures - figures
            out.add(found[:keep])
            return "partial", max_figures, (
                f"more than {max_figures:,} figures (max_figures): the document was cut at "
                f"character {found[keep].start:,}, the figures after it were not extracted")
        out.add(found)
        figures += len(found)
    return "ok", figures, ""


def _failure(doc: Document, exc: Exception) -> str:
    """The reason of a failed extraction, logged on one line (the traceback at debug level)."""
    if isinstance(exc, GovnlpError):
        reason = str(exc)  # a document govnlp cannot use (a date that is no date)
    else:
        reason = f"extraction failed: {type(exc).__name__}: {exc}"
    logger.warning("%s (%s): %s", doc.id, doc.source, reason)
    logger.debug("extraction of %s failed", doc.id, exc_info=exc)
    return reason


def pieces(text: str, size: int) -> Iterator[tuple[int, str]]:
    """(offset, piece) of ``text`` cut into pieces of at most ``size`` characters, each ending
    at a line break where one is in its second half, else after a sentence's end (。！？)."""
    start = 0
    while len(text) - start > size:
        limit = start + size
        cut = text.rfind("\n", start + size // 2, limit) + 1
        if not cut:
            cut = max(text.rfind(mark, start + size // 2, limit) for mark in "。！？") + 1
        cut = cut or limit
        yield start, text[start:cut]
        start = cut
    yield start, text[start:] if start else text


# ---------------------------------------------------------------------------------------------
# running


@dataclass
class Summary:
    """The outcome of a run (including the run it resumed): ``documents`` accounted for, of
    which ``skipped`` (and of those, ``expected``: no documents by their names) and ``errors``
    (failed or cut); ``records``; the seconds it took; and, when there is no output file, the
    records and the lines of the errors and skips."""

    documents: int = 0
    records: int = 0
    errors: int = 0
    skipped: int = 0
    expected: int = 0
    resumed: int = 0
    seconds: float = 0.0
    error_lines: list[JsonObject] = field(default_factory=list)
    skip_lines: list[JsonObject] = field(default_factory=list)
    frame: pd.DataFrame | None = None

    @property
    def read(self) -> int:
        """Documents read and extracted whole."""
        return self.documents - self.skipped - self.errors

    @property
    def complete(self) -> bool:
        """Whether every file met was read, but those that are no documents by their names."""
        return not self.errors and self.skipped == self.expected

    def tally(self, tally: Tally) -> None:
        """Take the counts of ``tally``."""
        self.documents, self.records, self.errors = tally.docs, tally.records, tally.errors
        self.skipped, self.expected = tally.skipped, tally.expected


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
        chars += _chars(item)
        if len(chunk) >= max_docs or chars >= max_chars:
            yield chunk
            chunk, chars = [], 0
    if chunk:
        yield chunk


def _chars(item: Item | Sequence[Item]) -> int:
    if isinstance(item, Document):
        return len(item.text)
    if isinstance(item, ReadError | Skipped):
        return 0
    return sum(map(_chars, item))


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
    max_figures: int = MAX_FIGURES,
    scheduler: str | None = None,
    chunk_docs: int = CHUNK_DOCS,
    chunk_chars: int = CHUNK_CHARS,
) -> Summary:
    """Extract the records of every document of ``inputs`` into ``output`` (see the module).

    Without ``output`` the records are returned in :attr:`Summary.frame`. ``jobs``: worker
    processes (default: the CPUs this process may use, see
    :func:`~govnlp.batch.executors.available_cpus`; inputs of fewer than
    :data:`PARALLEL_CHARS` characters are extracted in this process); ``scheduler``: the address
    of a dask.distributed scheduler to run on instead. ``encoding``, ``text_field``,
    ``id_field`` and ``max_bytes`` are passed to :func:`~govnlp.io.corpus.read_corpus`;
    ``max_figures`` cuts a document after so many figures. Raises :class:`ConfigError` for
    unusable arguments (a :class:`~govnlp.batch.params.ParameterError` when it names them) and
    :class:`~govnlp.batch.sink.OutputError` when the output cannot be written.

    With more than one job the workers are started with ``spawn``: a script calling this must
    guard its entry point with ``if __name__ == "__main__":``.
    """
    started = time.monotonic()
    if isinstance(inputs, str | os.PathLike):
        inputs = [inputs]
    jobs = jobs if jobs is not None else available_cpus()
    if min(jobs, chunk_docs, chunk_chars, max_figures) < 1:
        raise ConfigError(f"jobs, chunk_docs, chunk_chars and max_figures must be at least 1, "
                          f"got {jobs}, {chunk_docs}, {chunk_chars}, {max_figures}")  # fmt: skip
    if scheduler is not None and not scheduler.strip():
        raise ParameterError("{scheduler} needs the address of a scheduler, got {address!r}",
                             address=scheduler)  # fmt: skip
    plan = _Plan(jobs, scheduler, chunk_docs, chunk_chars, progress, max_figures)
    read = _Read(encoding, text_field, id_field, max_bytes, max_figures)
    if output is None:
        if resume:
            raise ParameterError("{resume} needs an output path ({output})")
        summary = _run_to_frame(read.items(inputs), plan)
    else:
        paths = OutputPaths(Path(output))
        fmt = output_format(paths.out)
        if not paths.out.parent.is_dir():
            raise ConfigError(f"output {paths.out}: folder {paths.out.parent} does not exist")
        if any(Path(i).resolve() in [p.resolve() for p in paths.all()] for i in inputs):
            raise ConfigError(f"output {paths.out}: it (or a file beside it) is also an input")
        _check_not_a_document(paths, inputs)
        header = manifest_header(fmt, [str(Path(i).resolve()) for i in inputs], read.options())
        items = read.items(inputs, exclude=paths.all())
        summary = _run_to_file(items, FileSink(paths, fmt, header), resume, plan)
    summary.seconds = time.monotonic() - started
    return summary


def _check_not_a_document(paths: OutputPaths, inputs: Sequence[str | os.PathLike[str]]) -> None:
    """:class:`ConfigError` when the output is a file in an input folder that no earlier run
    wrote (no ``OUT.docs.jsonl`` beside it): a table of the user's, which the walk would pass
    over as the run's output and the run replace (``extract data -o data/rows.csv``)."""
    if not paths.out.is_file() or paths.docs.exists():
        return
    out = paths.out.resolve()
    for item in inputs:
        folder = Path(item)
        if folder.is_dir() and out.is_relative_to(folder.resolve()):
            raise ConfigError(f"output {paths.out}: a file in the input folder {folder} that no "
                              f"earlier run wrote (no {paths.docs.name} beside it); it would "
                              "be replaced: give another output")  # fmt: skip


@dataclass(frozen=True)
class _Plan:
    """How to run: workers, chunk sizes, progress bar, figures per document."""

    jobs: int
    scheduler: str | None
    chunk_docs: int
    chunk_chars: int
    progress: bool
    max_figures: int


@dataclass(frozen=True)
class _Read:
    """How to read the inputs: the options of :func:`read_corpus` (and of extraction)."""

    encoding: str | None
    text_field: str
    id_field: str
    max_bytes: int
    max_figures: int

    def options(self) -> dict[str, str | int | None]:
        """The options, as the manifest records them."""
        options: dict[str, str | int | None] = {
            "encoding": self.encoding, "text_field": self.text_field,
            "id_field": self.id_field, "max_bytes": self.max_bytes,
        }  # fmt: skip
        if self.max_figures != MAX_FIGURES:
            options["max_figures"] = self.max_figures
        return options

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
    tally = Tally()

    def keep(result: ChunkResult) -> None:
        assert not isinstance(result.payload, bytes), "records to keep come as a DataFrame"
        frames.append(result.payload)
        summary.error_lines.extend(result.errors)
        summary.skip_lines.extend(d for d in result.docs if d["status"] == "skipped")
        skipped = result.count("skipped"), result.count("skipped", expected=True)
        tally.add(Tally(len(result.docs), result.records, len(result.errors), *skipped))

    _drive(items, "frame", keep, summary, plan)
    summary.tally(tally)
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
                summary.resumed = previous.tally.docs
            _drive(items, sink.fmt, sink.commit, summary, plan)
            sink.finish()
    finally:
        sink.close()
        summary.tally(sink.tally)
    return summary


def _drive(
    items: Iterator[Item], fmt: str, commit: Callable[[ChunkResult], None], summary: Summary,
    plan: _Plan,
) -> None:  # fmt: skip
    """Extract the chunks of ``items`` on the planned executor and commit them in order."""
    todo = chunks(_warn_duplicate_ids(items), plan.chunk_docs, plan.chunk_chars)
    head = _look_ahead(todo, PARALLEL_CHARS)
    several = len(head) > 1 and _chars([i for c in head for i in c]) >= PARALLEL_CHARS
    bar = _Progress(plan.progress, summary.resumed)
    try:
        with executor(plan.jobs, plan.scheduler, several) as (pool, window):
            budget = window * plan.chunk_chars  # characters in flight, about
            pending: deque[tuple[Future[ChunkResult], int]] = deque()

            def settle(limit: int) -> None:
                while len(pending) > limit or (len(pending) > 1 and
                                               sum(c for _, c in pending) > budget):  # fmt: skip
                    result = pending.popleft()[0].result()
                    commit(result)
                    bar.update(result)

            for chunk in itertools.chain(head, todo):
                future = pool.submit(extract_chunk, chunk, fmt, plan.max_figures)
                pending.append((future, _chars(chunk)))
                settle(window - 1)
            settle(0)
    finally:
        bar.close()


def _warn_duplicate_ids(items: Iterator[Item]) -> Iterator[Item]:
    """``items``, with a warning for each document whose id an earlier document of the run has
    (two inputs named ``report.txt`` in different folders, a table's repeated ``id``): their
    records would share one ``doc_id``. An 8-byte digest of each id is kept, about 100 bytes a
    document."""
    seen: set[int] = set()
    for item in items:
        if isinstance(item, Document):
            key = int.from_bytes(hashlib.blake2b(item.id.encode(), digest_size=8).digest(), "big")
            if key in seen:
                logger.warning("%s (%s): an earlier document of this run has the same id; their "
                               "records share it", item.id, item.source)  # fmt: skip
            seen.add(key)
        yield item


def _look_ahead(todo: Iterator[list[Item]], chars: int) -> list[list[Item]]:
    """The first chunks of ``todo``, until they hold ``chars`` characters (or it ends)."""
    head: list[list[Item]] = []
    held = 0
    while held < chars or len(head) < 2:
        chunk = next(todo, None)
        if chunk is None:
            break
        head.append(chunk)
        held += _chars(chunk)
    return head


def _concat(frames: list[pd.DataFrame]) -> pd.DataFrame:
    import pandas as pd

    from govnlp.frame import empty_frame

    frames = [f for f in frames if len(f)]
    return pd.concat(frames, ignore_index=True) if frames else empty_frame()
