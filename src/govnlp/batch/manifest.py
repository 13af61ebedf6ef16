"""The progress manifest of a batch run (``OUT.done.jsonl``) and what a resumed run reads in it.

Its first line describes the run (``govnlp_batch`` version, govnlp version, output format,
inputs, options, and the sizes of the output files at the start); then one line per chunk
written, with the chunk's document ids and the sizes of the files after it; a finished run ends
with a ``complete`` line. A line is written once the data it describes is, so the last complete
line says what is done, whenever the run was killed.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from govnlp._version import __version__
from govnlp.batch.params import ParameterError
from govnlp.errors import ConfigError
from govnlp.io.corpus import Item

logger = logging.getLogger(__name__)

_MANIFEST_VERSION = 1
_CHECKED = ("format", "inputs", "options")  # a resumed run must have the same

JsonObject = dict[str, Any]
"""A JSON object: a line of the manifest or of the documents and errors files."""


def manifest_header(fmt: str, inputs: Sequence[str], options: Mapping[str, object]) -> JsonObject:
    """The first line of a run's manifest, without the sizes of the files (added at the start)."""
    return {"govnlp_batch": _MANIFEST_VERSION, "version": __version__, "format": fmt,
            "inputs": list(inputs), "options": dict(options)}  # fmt: skip


@dataclass
class Tally:
    """What a run has done: documents accounted for (read, skipped or failed), records, errors
    (documents failed, each with a line in ``OUT.errors.jsonl``), files skipped, and of those
    the ``expected`` ones (no documents by their names)."""

    docs: int = 0
    records: int = 0
    errors: int = 0
    skipped: int = 0
    expected: int = 0

    def add(self, other: Tally) -> None:
        """Add ``other``'s counts to these."""
        self.docs += other.docs
        self.records += other.records
        self.errors += other.errors
        self.skipped += other.skipped
        self.expected += other.expected

    def counts(self) -> dict[str, int]:
        """The counts, as the manifest records them."""
        return {"docs": self.docs, "records": self.records, "errors": self.errors,
                "skipped": self.skipped, "expected": self.expected}  # fmt: skip

    @classmethod
    def of(cls, line: Mapping[str, Any]) -> Tally:
        """The counts a manifest line records (``skipped`` and ``expected`` are 0 in the lines
        of earlier versions)."""
        return cls(line["docs"], line["records"], line["errors"], line.get("skipped", 0),
                   line.get("expected", 0))  # fmt: skip


@dataclass
class Manifest:
    """What an interrupted run's manifest says is done."""

    header: JsonObject
    chunks: int = 0
    tally: Tally = field(default_factory=Tally)
    sizes: dict[str, int] = field(default_factory=dict)
    complete: bool = False
    valid_bytes: int = 0


def previous_run(path: Path, header: JsonObject) -> Manifest | None:
    """What the run that wrote the manifest ``path`` did, ``None`` when there is none to resume.

    The manifest is cut back to its last complete line. Raises :class:`ParameterError` when it
    was written for another output format, other inputs or options than ``header`` describes.
    """
    if not path.exists():
        logger.info("resume=True: no %s, starting afresh", path)
        return None
    previous = _read_manifest(path)
    if previous is None:
        return None
    _check_header(path, previous.header, header)
    truncate(path, previous.valid_bytes)
    return previous


def _read_manifest(path: Path) -> Manifest | None:
    """The manifest's complete lines; a torn or damaged last line is ignored."""
    offset = 0
    manifest: Manifest | None = None
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
                manifest = Manifest(header=line, sizes=dict(line["sizes"]))
            elif line.get("complete"):
                manifest.complete = True
            else:
                manifest.chunks += 1
                manifest.tally.add(Tally.of(line))
                manifest.sizes = dict(line["sizes"])
            manifest.valid_bytes = offset
    return manifest


def _check_header(path: Path, old: JsonObject, new: JsonObject) -> None:
    for key in _CHECKED:
        if old.get(key) != new[key]:
            raise ParameterError(
                "{resume}: {manifest} was written for other {key} ({old!r}, now {new!r}); "
                "run without {resume}",
                manifest=path, key=key, old=old.get(key), new=new[key],
            )  # fmt: skip
    if old.get("version") != new["version"]:
        logger.warning("resume=True: the interrupted run used govnlp %s", old.get("version"))


def truncate(path: Path, size: int) -> None:
    """Cut ``path`` back to ``size`` bytes, as a manifest records it (remove it when ``size`` is
    0); :class:`ParameterError` when it is shorter."""
    if size == 0:
        path.unlink(missing_ok=True)
        return
    if not path.exists() or path.stat().st_size < size:
        raise ParameterError(
            "{resume}: {path} is shorter than its manifest says; run without it", path=path
        )
    with path.open("r+b") as fh:
        fh.truncate(size)


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


def skip_done(items: Iterator[Item], manifest: Path) -> Iterator[Item]:
    """``items`` after those the run of ``manifest`` finished, checking that they are the same
    documents (:class:`ParameterError` when they are not)."""
    for n, expected in enumerate(_done_ids(manifest), start=1):
        item = next(items, None)
        if item is None or item.id != expected:
            found = "the end of the inputs" if item is None else repr(item.id)
            raise ParameterError(
                "{resume}: document {n} is {found} in the inputs but {expected!r} in "
                "{manifest}; the inputs changed, run without {resume}",
                n=n, found=found, expected=expected, manifest=manifest,
            )  # fmt: skip
    yield from items


class ManifestWriter:
    """The manifest of a run being written, a line at a time, each flushed at once."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._fh: IO[bytes] | None = None

    def open(self) -> None:
        """Open the manifest to append to it."""
        self._fh = self.path.open("ab")

    def header(self, header: JsonObject, sizes: dict[str, int]) -> None:
        """Write the first line: the run's ``header`` and the sizes of the files at its start."""
        header["sizes"] = sizes
        self._append(header)

    def chunk(
        self, index: int, ids: list[str], tally: Tally, chars: int, sizes: dict[str, int]
    ) -> None:
        """Record chunk ``index`` as written: its documents, counts, characters, and the sizes
        of the files after it."""
        self._append({"chunk": index, **tally.counts(), "chars": chars, "sizes": sizes,
                      "ids": ids})  # fmt: skip

    def complete(self, tally: Tally) -> None:
        """Mark the run complete, with its totals."""
        self._append({"complete": True, **tally.counts()})

    def _append(self, line: JsonObject) -> None:
        assert self._fh is not None, "the manifest is not open"
        self._fh.write((json.dumps(line, ensure_ascii=False) + "\n").encode("utf-8"))
        self._fh.flush()

    def close(self) -> None:
        """Close the manifest (a run may be resumed later)."""
        if self._fh is not None:
            self._fh.close()
            self._fh = None
