"""The text of PDF files with a text layer, in reading order, without page furniture.

Running headers and footers (a line at the top or bottom of most pages, its numbers aside) and
page numbers (``3``, ``— 3 —``, ``第3页 共9页``) are removed. A line that reaches the right
margin without ending its sentence goes on in the next line, and a page that ends so goes on
in the next page: the two are joined without a line break, so a sentence or a figure broken by
the layout (``完成投资12`` | ``3.5亿元``) is whole again.

A PDF whose pages are images (a scan) has no text to read: it is an error that says it needs
OCR, never an empty text. So are files that need a password, truncated and broken files, and a
decompression bomb: a file whose compressed streams unpack to more than a limit is refused
before PDFium unpacks them, an encrypted one when its reading takes more memory (see
:func:`pdf_text`).
"""

from __future__ import annotations

import collections
import itertools
import logging
import math
import re
import unicodedata
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any, NoReturn, cast

from govnlp.errors import InputError
from govnlp.io._pdf_streams import UNPACK_FACTOR, check_unpacked, is_encrypted
from govnlp.lexicon import default_lexicon

logger = logging.getLogger(__name__)

_EOF_WINDOW = 1024  # the %%EOF marker ends a PDF, at most this many bytes before its end
_EDGE_LINES = 2  # lines at the top and at the bottom of a page that may be headers or footers
_WRAP_TOLERANCE = 1.2  # a line within this many font sizes of the right margin reaches it
_MAX_GARBLED = 0.5  # share of unmapped characters (private use, controls) of a garbled layer
_CHILD_SECONDS = 300  # the longest an encrypted file may take to read in its child process
_MEMORY_SLACK = 1 << 25  # bytes PDFium may take beyond the streams and the file to read one

# A page number alone on its line.
_PAGE_NUMBER = re.compile(
    r"""
    ^(?:
        [-－—–~～·•\s]*(?P<n>\d{1,4})[-－—–~～·•\s]*      # 3, - 3 -, — 3 —, ·3·
      | 第\s*\d+\s*页(?:\s*[,，/]?\s*共\s*\d+\s*页)?        # 第3页, 第3页 共9页
      | 共\s*\d+\s*页\s*[,，/]?\s*第\s*\d+\s*页             # 共9页 第3页
      | \d+\s*/\s*\d+                                         # 3/9
      | (?:page|p\.)\s*\d+(?:\s*(?:of|/)\s*\d+)?              # Page 3 of 9
    )$
    """,
    re.VERBOSE | re.IGNORECASE,
)
_LINE = re.compile(r"[^\r\n]+")
_DIGITS = re.compile(r"\d+")
_SPACE_RUN = re.compile(r"\s+")

# PDFium's load errors (FPDF_ERR_*) in words.
_LOAD_ERRORS = {
    1: "not readable as PDF (unknown error)",
    2: "not readable as PDF",
    3: "broken PDF: not readable (damaged or not a PDF)",
    4: "encrypted PDF: needs a password",
    5: "encrypted PDF: unsupported security handler",
}


@dataclass(frozen=True, slots=True)
class _Line:
    """A line of a page: its text and where it ends (points; ``size`` 0 when unknown)."""

    text: str
    y: float  # height of its baseline on the page (higher is nearer the top)
    right: float  # right edge of its last character
    size: float  # font size of its last character


def pdf_text(data: bytes, *, source: str, max_bytes: int | None = None) -> str:
    """The text of a PDF file's text layer, page furniture removed, broken sentences joined.

    With ``max_bytes``, the file's compressed streams (page contents, forms, fonts, object
    streams) may unpack to at most :data:`UNPACK_FACTOR` times ``max_bytes`` together (200 MB
    at the default 50 MB): they are measured before PDFium reads the file, counting what each
    of a stream's Flate, LZW, RunLength and ASCII filters puts out. Images are not counted
    (reading text does not unpack them): a stream whose dictionary says it is an image and that
    only images refer to, never a page's content, whatever it says.

    The streams of an encrypted file (``/Encrypt``; most often with an owner password alone,
    which PDFium opens) cannot be measured before they are decrypted: with ``max_bytes``, such a
    file is read in a child process whose memory may grow by that limit and four times the
    file's size (and 32 MB) at most, on Linux (elsewhere it is read unguarded).

    Raises:
        InputError: the file needs a password, is truncated or broken, its streams unpack past
            the limit (or, encrypted, its reading takes more memory), or it has no text layer
            (a scan: it needs OCR); the message starts with ``source``.
    """
    if max_bytes is not None:
        check_unpacked(data, source, max_bytes)
    if max_bytes is not None and is_encrypted(data):
        pages, textless, images = _read_in_child(data, source, max_bytes)
    else:
        pages, textless, images = _read_pages(data, source)
    _check_text_layer(pages, textless, images, source)
    lines = _drop_furniture(pages)
    complete = frozenset(default_lexicon().segmentation_rules["line_complete"])
    return _join(lines, complete)


def _open(data: bytes, source: str) -> Any:
    """The PDFium document of ``data``, or :class:`InputError` saying why there is none."""
    import pypdfium2 as pdfium

    if b"%PDF-" not in data[:_EOF_WINDOW]:
        raise InputError(f"{source}: not a PDF file (no %PDF- header)")
    if b"%%EOF" not in data[-_EOF_WINDOW:]:
        raise InputError(f"{source}: truncated PDF (no %%EOF marker at its end)")
    try:
        return pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        reason = _LOAD_ERRORS.get(getattr(exc, "err_code", 0) or 0, str(exc))
        raise InputError(f"{source}: {reason}") from None


_Pages = tuple[list[list[_Line]], list[int], int]  # lines, pages without text, of them images


def _read_pages(data: bytes, source: str) -> _Pages:
    """The lines of each page, the numbers of the pages without text, and how many of these
    hold an image."""
    import pypdfium2.raw as pdfium_c

    document = _open(data, source)
    pages: list[list[_Line]] = []
    textless: list[int] = []
    images = 0
    try:
        for number in range(len(document)):
            page = document[number]
            try:
                lines = _lines_of(page)
                if not lines:
                    textless.append(number + 1)
                    kinds = [pdfium_c.FPDF_PAGEOBJ_IMAGE]
                    images += any(True for _ in page.get_objects(filter=kinds))
            except Exception as exc:  # PDFium fails in many ways on damaged pages
                raise InputError(f"{source}: broken PDF: page {number + 1}: {exc}") from None
            finally:
                page.close()
            pages.append(lines)
    finally:
        document.close()
    return pages, textless, images


def _read_in_child(data: bytes, source: str, max_bytes: int) -> _Pages:
    """:func:`_read_pages` for an encrypted file, whose streams cannot be measured before they
    are decrypted: in a child process whose memory may grow by the streams' limit and four
    times the file's size (and :data:`_MEMORY_SLACK`) at most, on Linux; :class:`InputError`
    when it grows past them (the child is ended). Where processes do not fork or memory is not
    known, in this one, unguarded."""
    import contextlib  # (imported here, the child imports nothing)
    import ctypes  # noqa: F401
    import os
    import pickle
    import resource  # noqa: F401
    import signal
    import threading  # noqa: F401
    import time
    import warnings

    memory = UNPACK_FACTOR * max_bytes + 4 * len(data) + _MEMORY_SLACK
    if not hasattr(os, "fork") or _status(b"VmRSS:") is None:
        return _read_pages(data, source)
    reader, writer = os.pipe()
    with warnings.catch_warnings():  # the child only reads the file: no lock of another thread
        warnings.simplefilter("ignore", DeprecationWarning)
        pid = os.fork()
    if pid == 0:  # the child: it never returns
        os.close(reader)
        _read_for_parent(data, source, memory, writer)
    os.close(writer)
    payload: bytes | None = None
    try:
        payload = _read_until(reader, time.monotonic() + _CHILD_SECONDS)
    finally:
        os.close(reader)
        if payload is None:  # no answer in time (stuck on a lock its parent held) or Ctrl-C
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
        _, status = os.waitpid(pid, 0)
    if payload is None:
        raise InputError(
            f"{source}: encrypted PDF not read in {_CHILD_SECONDS} s (the process reading it "
            "was ended)"
        )
    if os.waitstatus_to_exitcode(status) != 0 or not payload:
        raise InputError(
            f"{source}: encrypted PDF that takes more than {memory:,} bytes of memory to read, "
            f"for the size limit of {max_bytes:,} bytes (max_bytes): a decompression bomb?"
        )
    result = pickle.loads(payload)  # written by the child above
    if isinstance(result, str):
        raise InputError(result)
    return cast(_Pages, result)


def _read_until(fd: int, deadline: float) -> bytes | None:
    """All that is written to the pipe ``fd`` up to its end, or ``None`` when it has not ended
    by ``deadline`` (a :func:`time.monotonic` time)."""
    import os
    import select
    import time

    chunks: list[bytes] = []
    while True:
        left = deadline - time.monotonic()
        if left <= 0 or not select.select([fd], [], [], left)[0]:
            return None
        chunk = os.read(fd, 1 << 16)
        if not chunk:
            return b"".join(chunks)
        chunks.append(chunk)


def _read_for_parent(data: bytes, source: str, memory: int, writer: int) -> NoReturn:
    """In a child process: :func:`_read_pages` while the memory of the process may grow by
    ``memory`` bytes, its result (or its error's message) pickled to ``writer``; exits. The
    free memory of the parent's heap is given back first (else PDFium reuses it unseen), and
    a thread ends the process once its resident memory grows past the limit (checked every
    5 ms); its data size is limited too."""
    import os
    import pickle
    import resource
    import threading

    code = 1
    try:
        _trim_heap()
        resource.setrlimit(resource.RLIMIT_CORE, (0, 0))  # no core file when PDFium aborts
        data_size, resident = _status(b"VmData:"), _status(b"VmRSS:")
        _, hard = resource.getrlimit(resource.RLIMIT_DATA)
        if data_size is not None and hard == resource.RLIM_INFINITY:
            resource.setrlimit(resource.RLIMIT_DATA, (data_size + memory, hard))
        if resident is not None:
            threading.Thread(target=_watch, args=(resident + memory,), daemon=True).start()
        result: _Pages | str
        try:
            result = _read_pages(data, source)
        except InputError as exc:
            result = str(exc)
        with os.fdopen(writer, "wb") as pipe:
            pickle.dump(result, pipe)
        code = 0
    finally:
        os._exit(code)


def _watch(ceiling: int) -> None:
    """Ends the process once its resident memory passes ``ceiling`` bytes."""
    import os
    import time

    while (_status(b"VmRSS:") or 0) <= ceiling:
        time.sleep(0.005)
    os._exit(3)


def _trim_heap() -> None:
    """Gives the free memory of the heap back to the system (glibc), so that using it again
    shows in the resident memory."""
    import contextlib
    import ctypes

    with contextlib.suppress(OSError, AttributeError):  # not glibc
        ctypes.CDLL(None).malloc_trim(0)


def _status(key: bytes) -> int | None:
    """A size of this process from /proc/self/status (Linux), in bytes, or ``None``."""
    try:
        with open("/proc/self/status", "rb") as status:
            for line in status:
                if line.startswith(key):
                    return int(line.split()[1]) * 1024
    except (OSError, ValueError, IndexError):
        pass
    return None


def _check_text_layer(
    pages: Sequence[Sequence[_Line]], textless: Sequence[int], images: int, source: str
) -> None:
    """:class:`InputError` when the pages hold no readable text; a warning for scanned pages."""
    chars = "".join(line.text for lines in pages for line in lines)
    if not chars:
        what = "pages are images" if images else "pages are blank"
        raise InputError(f"{source}: no text layer ({what}): needs OCR")
    garbled = sum(unicodedata.category(c) in ("Co", "Cc", "Cs") or c == "\ufffd" for c in chars)
    if garbled > _MAX_GARBLED * len(chars):
        raise InputError(f"{source}: text layer without Unicode mapping (garbled): needs OCR")
    if textless:
        logger.warning("%s: pages without text (scanned?) not read: %s", source,
                       ", ".join(map(str, textless)))  # fmt: skip


def _lines_of(page: Any) -> list[_Line]:
    """The non-blank lines of a page in the order of its text layer, with their geometry."""
    import pypdfium2.raw as pdfium_c

    textpage = page.get_textpage()
    try:
        text = textpage.get_text_range().replace("\x00", "")
        # one text character per PDFium character: then character boxes can be looked up
        geometry = len(text) == textpage.count_chars()
        lines = []
        for m in _LINE.finditer(text):
            start, end = _trimmed(text, *m.span())
            if start == end:
                continue
            if geometry:
                _, bottom, _, _ = textpage.get_charbox(start)
                right = textpage.get_charbox(end - 1)[2]
                size = float(pdfium_c.FPDFText_GetFontSize(textpage.raw, end - 1))
                lines.append(_Line(text[start:end], float(bottom), float(right), size))
            else:  # no geometry: lines keep their order, none reaches the margin
                lines.append(_Line(text[start:end], -float(len(lines)), 0.0, 0.0))
        return lines
    finally:
        textpage.close()


def _trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _edges(lines: Sequence[_Line]) -> set[int]:
    """Indices of the lines at the top and at the bottom of a page."""
    order = sorted(range(len(lines)), key=lambda i: -lines[i].y)
    return set(order[:_EDGE_LINES]) | set(order[-_EDGE_LINES:])


def _drop_furniture(pages: Sequence[Sequence[_Line]]) -> list[list[_Line]]:
    """The pages' lines without page numbers, running headers and running footers."""
    edges = [_edges(lines) for lines in pages]
    drop = _page_numbers(pages, edges)
    drop |= _running_lines(pages, edges, drop)
    return [
        [line for i, line in enumerate(lines) if (p, i) not in drop]
        for p, lines in enumerate(pages)
    ]


def _page_numbers(
    pages: Sequence[Sequence[_Line]], edges: Sequence[set[int]]
) -> set[tuple[int, int]]:
    """(page, line) of the page numbers. A bare number (``3``, ``- 3 -``) counts only when it
    follows the pages' order, as most such numbers of the document do."""
    found: set[tuple[int, int]] = set()
    bare: dict[tuple[int, int], int] = {}
    for p, lines in enumerate(pages):
        for i in edges[p]:
            m = _PAGE_NUMBER.match(lines[i].text)
            if m is None:
                continue
            if m["n"] is None:
                found.add((p, i))
            else:
                bare[p, i] = int(m["n"]) - p
    if bare:
        offset, count = collections.Counter(bare.values()).most_common(1)[0]
        if count >= min(2, len(pages)):
            found |= {key for key, off in bare.items() if off == offset}
    return found


def _running_lines(
    pages: Sequence[Sequence[_Line]], edges: Sequence[set[int]], skip: set[tuple[int, int]]
) -> set[tuple[int, int]]:
    """(page, line) of running headers and footers: edge lines repeated, their numbers aside,
    on at least half the pages (and two)."""
    where: dict[str, set[tuple[int, int]]] = collections.defaultdict(set)
    for p, lines in enumerate(pages):
        for i in edges[p]:
            if (p, i) not in skip:
                where[_DIGITS.sub("#", _SPACE_RUN.sub("", lines[i].text))].add((p, i))
    least = max(2, math.ceil(len(pages) / 2))
    return {
        key for places in where.values() if len({p for p, _ in places}) >= least for key in places
    }


def _right_margin(lines: Sequence[_Line]) -> float:
    """Where the page's text block ends: the right edge two lines reach, else the widest."""
    rights = sorted((line.right for line in lines if line.size > 0), reverse=True)
    for a, b in itertools.pairwise(rights):
        if a - b <= 2.0:
            return a
    return rights[0] if rights else math.inf


def _wraps(line: _Line, margin: float, complete: frozenset[str]) -> bool:
    """Whether ``line`` goes on in the next one: it reaches the right margin without ending its
    sentence, and it is no table row (cells apart)."""
    return (
        line.size > 0
        and line.right >= margin - _WRAP_TOLERANCE * line.size
        and line.text[-1] not in complete
        and len(_SPACE_RUN.findall(line.text)) < 2
    )


def _pieces(
    pages: Sequence[Sequence[_Line]], complete: frozenset[str]
) -> Iterator[tuple[str, bool]]:
    """(line, whether it goes on in the next line) of every page in order."""
    for lines in pages:
        margin = _right_margin(lines)
        for line in lines:
            yield line.text, _wraps(line, margin, complete)


def _join(pages: Sequence[Sequence[_Line]], complete: frozenset[str]) -> str:
    """The pages' lines as text: a line that goes on is joined to the next without a break (a
    space between two Latin letters)."""
    parts: list[str] = []
    goes_on = False
    for text, wraps in _pieces(pages, complete):
        if parts:
            if not goes_on:
                parts.append("\n")
            elif _is_latin(parts[-1][-1]) and _is_latin(text[0]):
                parts.append(" ")
        parts.append(text)
        goes_on = wraps
    return "".join(parts)


def _is_latin(ch: str) -> bool:
    return ch.isascii() and ch.isalpha()
