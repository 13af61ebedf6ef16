"""Reading documents from files and directories, with the contract's document ids."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

TEXT_SUFFIXES = (".txt", ".md")


@dataclass(frozen=True)
class Document:
    """A document: its id, text and optional metadata (``date``, ``region``)."""

    id: str
    text: str
    date: str | None = None
    region: str | None = None
    source: str = ""


@dataclass(frozen=True)
class ReadError:
    """A document that could not be read, with the reason."""

    id: str
    source: str
    reason: str


@dataclass
class _Walk:
    docs: list[Path | tuple[Path, str]] = field(default_factory=list)


def _decode(path: Path) -> str:
    data = path.read_bytes()
    if not data.strip():
        raise ValueError("empty file")
    if b"\x00" in data[:4096] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise ValueError("binary file (NUL bytes)")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ValueError(f"not UTF-8 text ({exc.reason} at byte {exc.start})") from None


def iter_paths(inputs: Sequence[Path]) -> Iterator[tuple[str, Path]]:
    """(document id, path) for every text file named or found under a named directory."""
    for item in inputs:
        if item.is_dir():
            for path in sorted(p for p in item.rglob("*") if p.is_file()):
                if path.suffix.lower() in TEXT_SUFFIXES:
                    rel = path.relative_to(item).with_suffix("")
                    yield rel.as_posix(), path
        else:
            yield item.stem, item


def read_corpus(inputs: Sequence[str | Path]) -> Iterator[Document | ReadError]:
    """Documents from text files and directories; unreadable ones come as :class:`ReadError`."""
    for doc_id, path in iter_paths([Path(i) for i in inputs]):
        try:
            if not path.exists():
                raise ValueError("no such file or directory")
            if path.suffix.lower() not in TEXT_SUFFIXES:
                raise ValueError(f"unsupported file type {path.suffix or '(none)'!r}")
            yield Document(id=doc_id, text=_decode(path), source=str(path))
        except (OSError, ValueError) as exc:
            yield ReadError(id=doc_id, source=str(path), reason=str(exc))
