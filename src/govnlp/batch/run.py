"""Batch extraction: a corpus streamed through worker processes into files on disk.

:func:`run` reads documents with :func:`govnlp.corpus.read_corpus`, cuts them into chunks,
extracts each chunk in a worker process (``spawn`` context; each worker loads the pipeline once)
or on a dask.distributed cluster, and writes the results in input order as they come:

- ``OUT`` (``.parquet``, ``.csv`` or ``.jsonl``): the records as :func:`govnlp.frame.write`
  writes them (CSV and JSONL byte for byte; Parquet the same table and schema), whatever the
  number of workers;
- ``OUT.docs.jsonl``: one line per document (``doc_id``, ``source``, ``chars``, ``figures``,
  ``status``: ``ok``, ``unreadable`` or ``failed``);
- ``OUT.errors.jsonl``: one line per document that gave no records because it could not be
  read or extraction failed (``doc_id``, ``source``, ``error``); absent when there is none;
- ``OUT.done.jsonl``: the manifest. Its first line describes the run (inputs, options); then one
  line per chunk written, with the chunk's document ids and the sizes of the files after it.
  A run killed at any point (even ``kill -9``) continues with ``resume=True``: the manifest's
  last complete line says what is done, the files are cut back to the sizes it records, and the
  documents it lists are skipped. It ends with a ``complete`` line.

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

import contextlib
import itertools
import json
import logging
import multiprocessing
import multiprocessing.connection
import os
import shutil
import sys
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Executor, Future, ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from govnlp._version import __version__
from govnlp.io.corpus import MAX_BYTES, Document, Item, ReadError, read_corpus
from govnlp.errors import ConfigError

if TYPE_CHECKING:
    import pandas as pd
    import pyarrow as pa

logger = logging.getLogger(__name__)

FORMATS = ("parquet", "csv", "jsonl")
CHUNK_DOCS = 64
"""Documents per chunk, at most."""
CHUNK_CHARS = 250_000
"""Characters per chunk: a chunk is closed once it holds this many (a few seconds of work)."""
ROW_GROUP = 32_768
"""Rows per Parquet row group of the output."""
_MANIFEST_VERSION = 1


# ---------------------------------------------------------------------------------------------
# the worker side


@dataclass(frozen=True)
class ChunkResult:
    """What a worker returns for a chunk: the records encoded for the output format, one
    summary per document and the errors."""

    payload: Any  # bytes for parquet (Arrow IPC stream), csv and jsonl; a DataFrame for "frame"
    records: int
    chars: int
    docs: list[dict[str, Any]]
    errors: list[dict[str, Any]]


def extract_chunk(items: Sequence[Item], fmt: str) -> ChunkResult:
    """Extract the records of a chunk of documents, encoded as ``fmt`` (``parquet``, ``csv``,
    ``jsonl`` or ``frame``). A document whose extraction raises becomes an error, not a crash.
    """
    from govnlp.extraction import extract

    records: list[Any] = []
    docs: list[dict[str, Any]] = []
    errors: list[dict[str, Any]] = []
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


def _summary(doc_id: str, source: str, chars: int, figures: int, status: str) -> dict[str, Any]:
    return {"doc_id": doc_id, "source": source, "chars": chars, "figures": figures,
            "status": status}  # fmt: skip


def arrow_schema() -> pa.Schema:
    """The Arrow schema of :func:`govnlp.frame.to_frame` output (with its pandas metadata)."""
    import pyarrow as pa

    from govnlp.frame import empty_frame

    return pa.Table.from_pandas(empty_frame(), preserve_index=False).schema


def _encode(records: list[Any], fmt: str) -> Any:
    """Records as the bytes appended to an output of format ``fmt`` (or a DataFrame)."""
    from govnlp.frame import _json_rows, to_frame  # _json_rows: the JSONL writer's own rows

    frame = to_frame(records)
    if fmt == "frame":
        return frame
    if fmt == "csv":
        return frame.to_csv(index=False, header=False).encode("utf-8")
    if fmt == "jsonl":
        lines = (json.dumps(row, ensure_ascii=False) + "\n" for row in _json_rows(frame))
        return "".join(lines).encode("utf-8")
    import pyarrow as pa

    table = pa.Table.from_pandas(frame, schema=arrow_schema(), preserve_index=False)
    sink = pa.BufferOutputStream()
    options = pa.ipc.IpcWriteOptions(compression="zstd")
    with pa.ipc.new_stream(sink, table.schema, options=options) as writer:
        writer.write_table(table)
    return sink.getvalue().to_pybytes()


def _init_worker() -> None:
    """Worker start-up: exit with the parent, then build the pipeline once (jieba, lexicon)."""
    parent = multiprocessing.parent_process()
    if parent is not None:
        watch = threading.Thread(target=_exit_with, args=(parent.sentinel,), daemon=True)
        watch.start()
    from govnlp.extraction import extract

    extract("2023年,南乐县完成投资5亿元。")


def _exit_with(sentinel: int) -> None:
    """Exit this worker as soon as its parent is gone (killed, even by SIGKILL)."""
    multiprocessing.connection.wait([sentinel])
    os._exit(1)


# ---------------------------------------------------------------------------------------------
# output files and the manifest


@dataclass(frozen=True)
class OutputPaths:
    """The files of a run writing ``out``."""

    out: Path

    def sidecar(self, suffix: str) -> Path:
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


@dataclass
class _Manifest:
    """What an interrupted run's manifest says is done."""

    header: dict[str, Any]
    chunks: int = 0
    docs: int = 0
    records: int = 0
    errors: int = 0
    sizes: dict[str, int] = field(default_factory=dict)
    complete: bool = False
    valid_bytes: int = 0


def _read_manifest(path: Path) -> _Manifest | None:
    """The manifest's complete lines; a torn or damaged last line is ignored."""
    offset = 0
    manifest: _Manifest | None = None
    with path.open("rb") as fh:
        for raw in fh:
            try:
                line = json.loads(raw) if raw.endswith(b"\n") else None
            except ValueError:
                line = None
            if not isinstance(line, dict):
                logger.warning("%s: ignoring a torn line at byte %d", path, offset)
                break
            offset += len(raw)
            if manifest is None:
                if line.get("govnlp_batch") != _MANIFEST_VERSION:
                    raise ConfigError(f"{path}: not a govnlp batch manifest")
                manifest = _Manifest(header=line, sizes=dict(line["sizes"]))
            elif line.get("complete"):
                manifest.complete = True
            else:
                manifest.chunks += 1
                manifest.docs += line["docs"]
                manifest.records += line["records"]
                manifest.errors += line["errors"]
                manifest.sizes = dict(line["sizes"])
            manifest.valid_bytes = offset
    return manifest


def _done_ids(path: Path) -> Iterator[str]:
    """The document ids of the manifest's chunks, in order."""
    with path.open("rb") as fh:
        next(fh, None)
        for raw in fh:
            try:
                line = json.loads(raw)
            except ValueError:
                return
            if not raw.endswith(b"\n") or line.get("complete"):
                return
            yield from line["ids"]


def _truncate(path: Path, size: int) -> None:
    """Cut ``path`` back to ``size`` bytes (remove it when ``size`` is 0)."""
    if size == 0:
        path.unlink(missing_ok=True)
        return
    if not path.exists() or path.stat().st_size < size:
        raise ConfigError(f"--resume: {path} is shorter than its manifest says; run without it")
    with path.open("r+b") as fh:
        fh.truncate(size)


class _FileSink:
    """Appends chunk results to the output files and commits them in the manifest."""

    def __init__(self, paths: OutputPaths, fmt: str, header: dict[str, Any]) -> None:
        self.paths = paths
        self.fmt = fmt
        self.header = header
        self.chunk = 0
        self.docs = self.records = self.errors = 0
        self._files: dict[str, IO[bytes]] = {}
        self._parquet: _ParquetStream | None = None

    # -- start ------------------------------------------------------------------------------

    def start(self, resume: bool) -> _Manifest | None:
        """Open the files, fresh or (``resume``) continuing an interrupted run, which is
        returned."""
        previous = _read_manifest(self.paths.manifest) if resume and self._resumable() else None
        if previous is None:
            self._fresh()
            return None
        self._check_header(previous.header)
        self.chunk, self.docs = previous.chunks, previous.docs
        self.records, self.errors = previous.records, previous.errors
        _truncate(self.paths.manifest, previous.valid_bytes)
        if previous.complete:
            if self.paths.parts.is_dir():
                shutil.rmtree(self.paths.parts)
            return previous
        for key, path in (("out", self.paths.out), ("docs", self.paths.docs),
                          ("errors", self.paths.errors)):  # fmt: skip
            if key != "out" or self.fmt != "parquet":
                _truncate(path, previous.sizes[key])
        self._drop_parts(keep=previous.chunks)
        self._open(append=True)
        return previous

    def _resumable(self) -> bool:
        if self.paths.manifest.exists():
            return True
        logger.info("--resume: no %s, starting afresh", self.paths.manifest)
        return False

    def _check_header(self, old: dict[str, Any]) -> None:
        for key in ("format", "inputs", "options"):
            if old.get(key) != self.header[key]:
                raise ConfigError(
                    f"--resume: {self.paths.manifest} was written for other {key} "
                    f"({old.get(key)!r}, now {self.header[key]!r}); run without --resume"
                )
        if old.get("version") != self.header["version"]:
            logger.warning("--resume: the interrupted run used govnlp %s", old.get("version"))

    def _fresh(self) -> None:
        for path in self.paths.all():
            if path.is_dir():
                shutil.rmtree(path)
            else:
                path.unlink(missing_ok=True)
        self._open(append=False)
        if self.fmt == "csv":
            from govnlp.frame import empty_frame

            header = empty_frame().to_csv(index=False)
            self._files["out"].write(b"\xef\xbb\xbf" + header.encode("utf-8"))
        self.header["sizes"] = self._sizes()
        self._append_manifest(self.header)

    def _open(self, *, append: bool) -> None:
        mode = "ab" if append else "wb"
        if self.fmt == "parquet":
            self.paths.parts.mkdir(exist_ok=True)
            self._parquet = _ParquetStream(self.paths.partial)
            for i in range(self.chunk):  # rebuild the records of the committed chunks
                self._parquet.add(_read_ipc(self._part(i).read_bytes()))
        else:
            self._files["out"] = self.paths.out.open(mode)
        self._files["docs"] = self.paths.docs.open(mode)
        self._files["manifest"] = self.paths.manifest.open("ab")

    def _drop_parts(self, keep: int) -> None:
        if not self.paths.parts.is_dir():
            return
        for part in self.paths.parts.iterdir():
            stem = part.name.split(".")[0]
            if not stem.isdigit() or int(stem) >= keep or not part.name.endswith(".arrows"):
                part.unlink()

    # -- commit -----------------------------------------------------------------------------

    def _part(self, index: int) -> Path:
        return self.paths.parts / f"{index:08d}.arrows"

    def commit(self, result: ChunkResult) -> None:
        """Write a chunk's records, summaries and errors, then record it in the manifest."""
        if self._parquet is not None:
            part = self._part(self.chunk)
            tmp = part.with_suffix(".tmp")
            tmp.write_bytes(result.payload)
            os.replace(tmp, part)
            self._parquet.add(_read_ipc(result.payload))
        else:
            self._files["out"].write(result.payload)
        self._write_lines("docs", result.docs)
        if result.errors:
            if "errors" not in self._files:
                self._files["errors"] = self.paths.errors.open("ab")
            self._write_lines("errors", result.errors)
        for fh in self._files.values():
            fh.flush()
        ids = [d["doc_id"] for d in result.docs]
        line = {"chunk": self.chunk, "docs": len(ids), "records": result.records,
                "errors": len(result.errors), "chars": result.chars, "sizes": self._sizes(),
                "ids": ids}  # fmt: skip
        self._append_manifest(line)
        self.chunk += 1
        self.docs += len(ids)
        self.records += result.records
        self.errors += len(result.errors)

    def _write_lines(self, key: str, rows: list[dict[str, Any]]) -> None:
        text = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows)
        self._files[key].write(text.encode("utf-8"))

    def _sizes(self) -> dict[str, int]:
        sizes = {}
        for key, path in (("out", self.paths.out), ("docs", self.paths.docs),
                          ("errors", self.paths.errors)):  # fmt: skip
            fh = self._files.get(key)
            if fh is not None:
                fh.flush()
                sizes[key] = fh.tell()
            else:
                sizes[key] = path.stat().st_size if key != "out" and path.exists() else 0
        return sizes

    def _append_manifest(self, line: dict[str, Any]) -> None:
        fh = self._files["manifest"]
        fh.write((json.dumps(line, ensure_ascii=False) + "\n").encode("utf-8"))
        fh.flush()

    # -- finish -----------------------------------------------------------------------------

    def finish(self) -> None:
        """Close the files, merge the Parquet parts, mark the manifest complete."""
        for key in ("out", "docs", "errors"):
            fh = self._files.pop(key, None)
            if fh is not None:
                fh.close()
        if self._parquet is not None:
            self._parquet.close()
            self._parquet = None
            os.replace(self.paths.partial, self.paths.out)
        self._append_manifest({"complete": True, "docs": self.docs, "records": self.records,
                               "errors": self.errors})  # fmt: skip
        self.close()
        if self.paths.parts.is_dir():
            shutil.rmtree(self.paths.parts)

    def close(self) -> None:
        """Close every open file (the run may be resumed later)."""
        for fh in self._files.values():
            fh.close()
        self._files.clear()
        if self._parquet is not None:
            self._parquet.abandon()
            self._parquet = None


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
# running


@dataclass
class Summary:
    """The outcome of a run: documents, records and errors (including those of the run it
    resumed), and, when there is no output file, the records."""

    documents: int = 0
    records: int = 0
    errors: int = 0
    resumed: int = 0
    error_lines: list[dict[str, Any]] = field(default_factory=list)
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


class _InlineExecutor(Executor):
    """Runs each task at once in this process (one job, or a single chunk)."""

    def submit(self, fn: Callable[..., Any], /, *args: Any, **kwargs: Any) -> Future[Any]:
        future: Future[Any] = Future()
        try:
            future.set_result(fn(*args, **kwargs))
        except BaseException as exc:
            future.set_exception(exc)
        return future


@contextlib.contextmanager
def _executor(jobs: int, scheduler: str | None, several: bool) -> Iterator[tuple[Executor, int]]:
    """(executor, tasks to keep in flight): a dask.distributed client for ``scheduler``, else a
    pool of ``jobs`` spawned processes, else (one job or one chunk) this process."""
    if scheduler is not None:
        client = _dask_client(scheduler)
        try:
            slots = max(1, sum(client.nthreads().values()))
            executor = client.get_executor(pure=False, retries=1)
            yield executor, 4 * slots
        finally:
            client.close()
    elif jobs > 1 and several:
        context = multiprocessing.get_context("spawn")
        with ProcessPoolExecutor(jobs, mp_context=context, initializer=_init_worker) as pool:
            yield pool, 4 * jobs
    else:
        yield _InlineExecutor(), 1


def _dask_client(address: str) -> Any:
    try:
        from distributed import Client
    except ImportError:
        raise ImportError(
            "--scheduler needs dask.distributed: pip install 'govnlp[dask]'"
        ) from None
    try:
        return Client(address, timeout="30s")  # type: ignore[no-untyped-call]
    except (OSError, TimeoutError) as exc:
        raise ConfigError(f"--scheduler {address!r}: cannot connect ({exc})") from None


def _chunks(items: Iterable[Item], max_docs: int, max_chars: int) -> Iterator[list[Item]]:
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


def _skip_done(items: Iterator[Item], done: Iterator[str], manifest: Path) -> Iterator[Item]:
    """``items`` after those a previous run finished, checking that they are the same."""
    for n, expected in enumerate(done, start=1):
        item = next(items, None)
        if item is None or item.id != expected:
            found = "the end of the inputs" if item is None else repr(item.id)
            raise ConfigError(
                f"--resume: document {n} is {found} in the inputs but {expected!r} in "
                f"{manifest}; the inputs changed, run without --resume"
            )
    yield from items


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
    to :func:`~govnlp.corpus.read_corpus`. Raises :class:`ConfigError` for unusable arguments.

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
    options = {"encoding": encoding, "text_field": text_field, "id_field": id_field,
               "max_bytes": max_bytes}  # fmt: skip
    if output is None:
        if resume:
            raise ConfigError("--resume needs an output file (-o OUT)")
        return _run_to_frame(read_corpus(list(inputs), **options), plan)  # type: ignore[arg-type]
    paths = OutputPaths(Path(output))
    fmt = output_format(paths.out)
    if not paths.out.parent.is_dir():
        raise ConfigError(f"output {paths.out}: folder {paths.out.parent} does not exist")
    if any(Path(i).resolve() in [p.resolve() for p in paths.all()] for i in inputs):
        raise ConfigError(f"output {paths.out}: it (or a file beside it) is also an input")
    items = read_corpus(list(inputs), exclude=paths.all(), **options)  # type: ignore[arg-type]
    header = {"govnlp_batch": _MANIFEST_VERSION, "version": __version__, "format": fmt,
              "inputs": [str(Path(i).resolve()) for i in inputs], "options": options}  # fmt: skip
    return _run_to_file(items, _FileSink(paths, fmt, header), resume, plan)


@dataclass(frozen=True)
class _Plan:
    """How to run: workers, chunk sizes, progress bar."""

    jobs: int
    scheduler: str | None
    chunk_docs: int
    chunk_chars: int
    progress: bool


def _run_to_frame(items: Iterator[Item], plan: _Plan) -> Summary:
    """Records kept in memory (for a table on standard output)."""
    summary = Summary()
    frames: list[pd.DataFrame] = []

    def keep(result: ChunkResult) -> None:
        frames.append(result.payload)
        summary.error_lines.extend(result.errors)

    _drive(items, "frame", keep, summary, plan)
    summary.frame = _concat(frames)
    return summary


def _run_to_file(items: Iterator[Item], sink: _FileSink, resume: bool, plan: _Plan) -> Summary:
    """Records streamed into the sink's files, continuing an interrupted run if ``resume``."""
    summary = Summary()
    previous = sink.start(resume)
    try:
        if previous is not None and previous.complete:
            logger.info("--resume: %s is complete already", sink.paths.out)
        else:
            if previous is not None:
                manifest = sink.paths.manifest
                items = _skip_done(items, _done_ids(manifest), manifest)
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
    chunks = _chunks(items, plan.chunk_docs, plan.chunk_chars)
    head = [c for c in (next(chunks, None), next(chunks, None)) if c is not None]
    bar = _Progress(plan.progress, summary.resumed)
    try:
        with _executor(plan.jobs, plan.scheduler, len(head) > 1) as (executor, window):
            pending: deque[Future[ChunkResult]] = deque()

            def settle(limit: int) -> None:
                while len(pending) > limit:
                    result = pending.popleft().result()
                    commit(result)
                    bar.update(result)
                    summary.documents += len(result.docs)
                    summary.records += result.records
                    summary.errors += len(result.errors)

            for chunk in itertools.chain(head, chunks):
                pending.append(executor.submit(extract_chunk, chunk, fmt))
                settle(window - 1)
            settle(0)
    finally:
        bar.close()


def _concat(frames: list[pd.DataFrame]) -> pd.DataFrame:
    import pandas as pd

    from govnlp.frame import empty_frame

    frames = [f for f in frames if len(f)]
    return pd.concat(frames, ignore_index=True) if frames else empty_frame()
