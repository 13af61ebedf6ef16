"""The text of PDF files with a text layer, in reading order, without page furniture.

Running headers and footers (a line at the top or bottom of most pages, its numbers aside) and
page numbers (``3``, ``— 3 —``, ``第3页 共9页``) are removed. A line that reaches the right
margin without ending its sentence goes on in the next line, and a page that ends so goes on
in the next page: the two are joined without a line break, so a sentence or a figure broken by
the layout (``完成投资12`` | ``3.5亿元``) is whole again.

A PDF whose pages are images (a scan) has no text to read: it is an error that says it needs
OCR, never an empty text. So are encrypted, truncated and broken files, and a decompression
bomb: a file whose compressed streams unpack to more than a limit is refused before PDFium
unpacks them (see :func:`pdf_text`).
"""

from __future__ import annotations

import collections
import itertools
import logging
import math
import re
import unicodedata
import zlib
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from govnlp.errors import InputError
from govnlp.lexicon import default_lexicon

logger = logging.getLogger(__name__)

_EOF_WINDOW = 1024  # the %%EOF marker ends a PDF, at most this many bytes before its end
_EDGE_LINES = 2  # lines at the top and at the bottom of a page that may be headers or footers
_WRAP_TOLERANCE = 1.2  # a line within this many font sizes of the right margin reaches it
_MAX_GARBLED = 0.5  # share of unmapped characters (private use, controls) of a garbled layer
UNPACK_FACTOR = 4
"""The streams of a PDF may unpack to at most this many times the size limit (``max_bytes``)."""
_PIECE = 1 << 16  # bytes inflated at a time when streams are measured

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

    With ``max_bytes``, the file's compressed streams (page contents, fonts, object streams;
    images aside, which reading text does not unpack) may unpack to at most
    :data:`UNPACK_FACTOR` times ``max_bytes`` together (200 MB at the default 50 MB): they are
    measured before PDFium reads the file, counting what each of a stream's Flate, LZW,
    RunLength and ASCII filters puts out.

    Raises:
        InputError: the file is encrypted, truncated or broken, its streams unpack past the
            limit, or it has no text layer (a scan: it needs OCR); the message starts with
            ``source``.
    """
    if max_bytes is not None:
        _check_unpacked(data, source, max_bytes)
    pages = _page_lines(data, source)
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


# The dictionary of a stream is read for its filters and its subtype, the data starts after the
# keyword and the end of line (PDFium allows spaces before it; Flate data never starts with white
# space).
_STREAM_EOL = re.compile(rb"[\x00\t\n\f\r ]{0,16}")
_FILTER = re.compile(rb"/Filter\s*(\[[^\]]*\]|/[^\s/\[\]<>()]+|\d+\s+\d+\s+R)")
_NAME = re.compile(rb"/([^\s/\[\]<>()]+)")
_IMAGE = re.compile(rb"/Subtype\s*/Image\b")
_NOT_HEX = re.compile(rb"[^0-9A-Fa-f]")
_SPACES = re.compile(rb"[\x00\t\n\f\r ]")
_NOT_A85 = re.compile(rb"[^!-u]")
_Data = bytes | memoryview
_DICT_WINDOW = 4096  # bytes before ``stream`` where its dictionary is looked for
_FLATE = frozenset({b"FlateDecode", b"Fl"})
_HEX = frozenset({b"ASCIIHexDecode", b"AHx"})
_A85 = frozenset({b"ASCII85Decode", b"A85"})
_LZW = frozenset({b"LZWDecode", b"LZW"})
_RUN_LENGTH = frozenset({b"RunLengthDecode", b"RL"})
_UNPACKING = _FLATE | _LZW | _RUN_LENGTH  # filters whose output may be many times their input
_DECODED = _UNPACKING | _HEX | _A85  # filters that the measure decodes


def _check_unpacked(data: bytes, source: str, max_bytes: int) -> None:
    """:class:`InputError` when the compressed streams of the file unpack to more than
    :data:`UNPACK_FACTOR` times ``max_bytes`` together. Each stream is decoded a piece at a time
    through its filters, and what every filter puts out is counted, never kept (PDFium holds
    each filter's output whole before the next one reads it); data that a filter cannot read
    ends the stream (PDFium says what it makes of it). A 2 KB file whose page content unpacked
    to 1 GB took PDFium 2 GB of memory and 7 s; it is refused in 0.6 s and no memory."""
    meter = _Meter(UNPACK_FACTOR * max_bytes)
    view = memoryview(data)
    try:
        for start, filters in _streams(data):
            collections.deque(_decoded(view, start, filters, meter), maxlen=0)
    except _Overflow:
        raise InputError(
            f"{source}: PDF whose streams unpack to more than {meter.limit:,} bytes, "
            f"{UNPACK_FACTOR} times the size limit of {max_bytes:,} bytes (max_bytes): "
            "a decompression bomb?"
        ) from None


class _Overflow(Exception):
    """The streams of a file unpack past the limit."""


@dataclass(slots=True)
class _Meter:
    """The bytes that the streams of a file unpack to so far, against ``limit``."""

    limit: int
    total: int = 0

    def add(self, size: int) -> None:
        """Counts ``size`` more bytes; :class:`_Overflow` once the total passes the limit."""
        self.total += size
        if self.total > self.limit:
            raise _Overflow


def _streams(data: bytes) -> Iterator[tuple[int, list[bytes]]]:
    """(where its data starts, its filters) of each stream that a filter may unpack."""
    at = data.find(b"stream")
    while at >= 0:
        if data[max(0, at - 3) : at] != b"end":
            filters = _filters(data[max(0, at - _DICT_WINDOW) : at])
            eol = _STREAM_EOL.match(data, at + 6)
            if filters is not None and eol is not None:
                yield eol.end(), filters
        at = data.find(b"stream", at + 6)


def _filters(before: bytes) -> list[bytes] | None:
    """The filters of the stream whose dictionary ends ``before`` that are measured (Flate,
    LZW, RunLength and the ASCII ones, up to the first other one), or ``None`` when the stream
    is not measured: an image, or a stream that none of them unpacks. Filters that are not
    found or not read (an indirect reference) are taken for Flate: data that is none ends its
    measure at once."""
    at = len(before)
    while (at := before.rfind(b"obj", 0, at)) >= 0 and before[max(0, at - 3) : at] == b"end":
        pass
    head = before[at + 3 :] if at >= 0 else before
    if _IMAGE.search(head):
        return None
    m = _FILTER.search(head)
    if m is None or m[1].endswith(b"R"):
        return [b"FlateDecode"]
    names = [n[1] for n in _NAME.finditer(m[1])]
    known = list(itertools.takewhile(lambda name: name in _DECODED, names))
    return known if any(name in _UNPACKING for name in known) else None


def _decoded(
    view: memoryview, start: int, filters: Sequence[bytes], meter: _Meter
) -> Iterator[_Data]:
    """Pieces of the stream starting at ``start`` decoded by ``filters``, up to the first one
    that is not measured; ``meter`` counts what each filter puts out, and the ASCII data read
    (which bounds the work of a file of streams without an end marker). A filter's output is
    counted to its end even when the next filter stops early (Flate data that ends before its
    input: PDFium unpacks the input whole first)."""
    pieces: Iterable[_Data] = (view[i : i + _PIECE] for i in range(start, len(view), _PIECE))
    stages: list[Iterator[_Data]] = []
    for name in filters:
        if name in _FLATE:
            pieces = _inflated(pieces)
        elif name in _HEX | _A85:
            pieces = _ascii_decoded(pieces, meter, hexadecimal=name in _HEX)
        elif name in _LZW:
            pieces = _lzw_decoded(pieces)
        elif name in _RUN_LENGTH:
            pieces = _run_length_decoded(pieces)
        else:
            break
        stages.append(pieces := _counted(pieces, meter))
    yield from pieces
    for stage in reversed(stages[:-1]):
        collections.deque(stage, maxlen=0)


def _counted(pieces: Iterable[_Data], meter: _Meter) -> Iterator[_Data]:
    for piece in pieces:
        meter.add(len(piece))
        yield piece


def _inflated(pieces: Iterable[_Data]) -> Iterator[bytes]:
    """The Flate data of ``pieces`` inflated, at most :data:`_PIECE` bytes at a time, up to its
    end or to data that is no valid Flate data."""
    inflater = zlib.decompressobj()
    try:
        for piece in pieces:
            out = inflater.decompress(piece, _PIECE)
            yield out
            while len(out) == _PIECE and not inflater.eof:  # more output is waiting
                out = inflater.decompress(inflater.unconsumed_tail, _PIECE)
                yield out
            if inflater.eof:
                return
    except zlib.error:
        return


def _lzw_decoded(pieces: Iterable[_Data]) -> Iterator[bytes]:
    """The LZW data of ``pieces`` decoded about :data:`_PIECE` bytes at a time (PDF's LZW: 9 to
    12-bit codes, the code size growing one code early), up to the end code or a code that is
    none. LZW packs a run of spaces 1,300 times."""
    table = [bytes((i,)) for i in range(256)] + [b"", b""]  # 256 clears, 257 ends
    width, previous, acc, held = 9, b"", 0, 0
    out = bytearray()
    for byte in itertools.chain.from_iterable(pieces):
        acc, held = (acc << 8) | byte, held + 8
        if held < width:
            continue
        held -= width
        code, acc = acc >> held, acc & ((1 << held) - 1)
        if code == 256:
            del table[258:]
            width, previous = 9, b""
            continue
        if code == 257 or code > len(table) or (code == len(table) and not previous):
            break
        string = table[code] if code < len(table) else previous + previous[:1]
        out += string
        if previous and len(table) < 4096:
            table.append(previous + string[:1])
        previous = string
        if len(table) + 1 >= 1 << width and width < 12:
            width += 1
        if len(out) >= _PIECE:
            yield bytes(out)
            out.clear()
    yield bytes(out)


def _run_length_decoded(pieces: Iterable[_Data]) -> Iterator[bytes]:
    """The RunLength data of ``pieces`` decoded about :data:`_PIECE` bytes at a time (a length
    byte below 128 copies that many bytes and one more, above it repeats the next byte 257
    less it times: 64 times its size at most), up to the end code (128) or the data's end."""
    out = bytearray()
    rest = b""
    for piece in pieces:
        data = rest + bytes(piece)
        at, end = 0, len(data)
        while at < end:
            length = data[at]
            if length == 128:
                yield bytes(out)
                return
            run = length + 2 if length < 128 else 2
            if at + run > end:  # the run goes on in the next piece
                break
            out += (
                data[at + 1 : at + run] if length < 128 else data[at + 1 : at + 2] * (257 - length)
            )
            at += run
            if len(out) >= _PIECE:
                yield bytes(out)
                out.clear()
        rest = data[at:]
    yield bytes(out + rest[1:])  # a last literal run cut short: what there is of it


def _ascii_decoded(pieces: Iterable[_Data], meter: _Meter, *, hexadecimal: bool) -> Iterator[bytes]:
    """The hex or base-85 data of ``pieces`` decoded, up to its end marker (``>``, ``~>``);
    ``meter`` counts the data read."""
    import binascii

    text = bytearray()
    end = b">" if hexadecimal else b"~>"
    for piece in pieces:  # decoding shrinks the data: the file's size bounds it
        text += piece
        if end in text[-len(piece) - 1 :]:
            break
    meter.add(len(text))
    body = bytes(text).split(end, 1)[0]
    if hexadecimal:
        digits = _NOT_HEX.sub(b"", body)
        yield binascii.unhexlify(digits + b"0" * (len(digits) % 2))
    else:
        yield _a85_decoded(_SPACES.sub(b"", body.removeprefix(b"<~")))


def _a85_decoded(text: bytes) -> bytes:
    """Base-85 ``text`` (no white space) decoded up to its first character that is no base-85
    (the standard library's decoder takes 1.5 µs a character)."""
    import numpy as np

    text = text.replace(b"z", b"!!!!!")
    bad = _NOT_A85.search(text)
    if bad is not None:
        text = text[: bad.start()]
    short = -len(text) % 5
    if short == 4:  # a lone character: no byte
        text, short = text[:-1], 0
    digits = np.frombuffer(text + b"u" * short, dtype=np.uint8).astype(np.uint64) - 33
    values = np.zeros(len(digits) // 5, dtype=np.uint64)
    for column in range(5):
        values = values * 85 + digits[column::5]
    words = (values & 0xFFFFFFFF).astype(">u4").tobytes()
    return words[: len(words) - short]


def _page_lines(data: bytes, source: str) -> list[list[_Line]]:
    """The lines of each page; :class:`InputError` when no page has text."""
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
    _check_text_layer(pages, textless, images, source)
    return pages


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
