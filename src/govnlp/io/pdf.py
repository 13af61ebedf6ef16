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

import bisect
import collections
import itertools
import logging
import math
import re
import unicodedata
import zlib
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any, NoReturn, cast

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
        _check_unpacked(data, source, max_bytes)
    if max_bytes is not None and _encrypted(data):
        pages, textless, images = _read_in_child(data, source, max_bytes)
    else:
        pages, textless, images = _read_pages(data, source)
    _check_text_layer(pages, textless, images, source)
    lines = _drop_furniture(pages)
    complete = frozenset(default_lexicon().segmentation_rules["line_complete"])
    return _join(lines, complete)


def _encrypted(data: bytes) -> bool:
    """Whether the file has an /Encrypt dictionary (its name perhaps written with escapes)."""
    return any(_NAME_ESCAPE.sub(_unescaped, m[0]) == b"/Encrypt" for m in _ENCRYPT.finditer(data))


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


# The dictionary of a stream is read for its filters, its subtype and its object number; the
# data starts after the keyword and the end of line (PDFium allows spaces before it; Flate data
# never starts with white space).
_STREAM_EOL = re.compile(rb"[\x00\t\n\f\r ]{0,16}")
_FILTER = re.compile(rb"/Filter\s*(\[[^\]]*\]|/[^\s/\[\]<>()]+|\d+\s+\d+\s+R)")
_NAME = re.compile(rb"/([^\s/\[\]<>()]+)")
_NAME_ESCAPE = re.compile(rb"#([0-9A-Fa-f]{2})")
_ENCRYPT = re.compile(rb"/(?:[A-Za-z]|#[0-9A-Fa-f]{2}){7}(?![^\x00\t\n\f\r /\[\]<>(){}%])")
_NOT_HEX = re.compile(rb"[^0-9A-Fa-f]")
_SPACES = re.compile(rb"[\x00\t\n\f\r ]")
_NOT_A85 = re.compile(rb"[^!-u]")
_HEADER = re.compile(rb"(?<![0-9])([0-9]+)[\x00\t\n\f\r ]+[0-9]+[\x00\t\n\f\r ]+obj\b")
# A token of a dictionary: white space, a delimiter, a hex string, a name, a number or a
# keyword; a literal string only starts here (its parentheses nest).
_TOKEN = re.compile(
    rb"""
    (?P<space>[\x00\t\n\f\r ]+)
  | (?P<open><<|\[)
  | (?P<close>>>|\])
  | (?P<hex><[0-9A-Fa-f\x00\t\n\f\r ]*>)
  | (?P<name>/[^\x00\t\n\f\r /\[\]<>(){}%]*)
  | (?P<atom>[^\x00\t\n\f\r /\[\]<>(){}%\\]+)
  | (?P<string>\()
    """,
    re.VERBOSE,
)
_Data = bytes | memoryview
_BODY_WINDOW = 4096  # bytes of an object that /Contents refers to read for its references
_FLATE = frozenset({b"FlateDecode", b"Fl"})
_HEX = frozenset({b"ASCIIHexDecode", b"AHx"})
_A85 = frozenset({b"ASCII85Decode", b"A85"})
_LZW = frozenset({b"LZWDecode", b"LZW"})
_RUN_LENGTH = frozenset({b"RunLengthDecode", b"RL"})
_UNPACKING = _FLATE | _LZW | _RUN_LENGTH  # filters whose output may be many times their input
_DECODED = _UNPACKING | _HEX | _A85  # filters that the measure decodes
_KEPT = 1 << 26  # object streams are kept for their references up to this size together


@dataclass(frozen=True, slots=True)
class _Stream:
    """A stream of the file as its dictionary says, when the dictionary is read whole; when it
    is not (a comment in it, more than one object header before it), it is no image and it is
    measured with each list of filters written before it (or Flate)."""

    start: int  # where its data starts
    filters: list[bytes]  # its filters that are measured (none: nothing to measure)
    others: tuple[list[bytes], ...] = ()  # more filters it is measured with, when not read
    number: int | None = None  # its object number
    image: bool = False  # /Subtype /Image: not unpacked unless it is referred to otherwise
    first: int | None = None  # where the objects of an object stream start (/First)


def _check_unpacked(data: bytes, source: str, max_bytes: int) -> None:
    """:class:`InputError` when the compressed streams of the file unpack to more than
    :data:`UNPACK_FACTOR` times ``max_bytes`` together. Each stream is decoded a piece at a time
    through its filters, and what every filter puts out is counted, never kept (PDFium holds
    each filter's output whole before the next one reads it); data that a filter cannot read
    ends the stream (PDFium says what it makes of it). A 2 KB file whose page content unpacked
    to 1 GB took PDFium 2 GB of memory and 7 s; it is refused in 0.6 s and no memory.

    Images are measured last, and only those that nothing but images refers to: a stream that
    says it is an image and is a page's content is unpacked all the same."""
    meter = _Meter(UNPACK_FACTOR * max_bytes)
    view = memoryview(data)
    images: list[_Stream] = []
    objects: list[_Objects] = []
    try:
        for stream in _streams(data):
            if stream.image:
                images.append(stream)
            elif (found := _measured(view, stream, meter)) is not None:
                objects.append(found)
        exempt = _only_images(data, objects) if images else set()
        for stream in images:
            if stream.number not in exempt:
                _measured(view, stream, meter)
    except _Overflow:
        raise InputError(
            f"{source}: PDF whose streams unpack to more than {meter.limit:,} bytes, "
            f"{UNPACK_FACTOR} times the size limit of {max_bytes:,} bytes (max_bytes): "
            "a decompression bomb?"
        ) from None


def _measured(view: memoryview, stream: _Stream, meter: _Meter) -> _Objects | None:
    """Measures ``stream``; the objects of an object stream (not known when the object
    streams of the file are too large to keep), else ``None``."""
    kept: bytearray | None = bytearray() if stream.first is not None else None
    pieces: Iterable[_Data] = []
    for filters in stream.others:
        collections.deque(_decoded(view, stream.start, filters, meter), maxlen=0)
    if stream.filters:
        pieces = _decoded(view, stream.start, stream.filters, meter)
    elif kept is not None:  # an object stream as it is: up to its end
        end = bytes(view[stream.start : stream.start + meter.keep + 1]).find(b"endstream")
        pieces = [view[stream.start : stream.start + end if end >= 0 else len(view)]]
    for piece in pieces:
        if kept is not None and len(piece) <= meter.keep:
            kept += piece
            meter.keep -= len(piece)
        else:
            kept = None
    if stream.first is None:
        return None
    return _Objects.parse(bytes(kept), stream.first) if kept is not None else _Objects({}, False)


class _Overflow(Exception):
    """The streams of a file unpack past the limit."""


@dataclass(slots=True)
class _Meter:
    """The bytes that the streams of a file unpack to so far, against ``limit``."""

    limit: int
    total: int = 0
    keep: int = _KEPT  # bytes of object streams that may still be kept for their references

    def add(self, size: int) -> None:
        """Counts ``size`` more bytes; :class:`_Overflow` once the total passes the limit."""
        self.total += size
        if self.total > self.limit:
            raise _Overflow


def _streams(data: bytes) -> Iterator[_Stream]:
    """Each stream of the file (each ``stream`` keyword that ends a dictionary or may). Its
    dictionary is looked for after the data of the stream before it: each byte of the file is
    read once (a dictionary padded past a window before the keyword hid its filters)."""
    at, after = data.find(b"stream"), 0
    while at >= 0:
        if data[max(0, at - 3) : at] != b"end":
            eol = _STREAM_EOL.match(data, at + 6)
            if eol is not None:
                yield _stream(data, after, at, eol.end())
                after = eol.end()
        at = data.find(b"stream", at + 6)


def _stream(data: bytes, after: int, at: int, start: int) -> _Stream:
    """The stream whose keyword is at ``at`` and whose data starts at ``start``, its dictionary
    between ``after`` and it. The dictionary is read whole when the object before it ends after
    ``after`` (or ``after`` is the start of the file), that end's line has no comment, one object
    header follows, and a dictionary alone after it."""
    ends = [i + len(w) for w in (b"endobj", b"endstream") if (i := data.rfind(w, after, at)) >= 0]
    end = max(ends) if ends else 0 if after == 0 else -1
    line = max(data.rfind(b"\n", after, end), data.rfind(b"\r", after, end)) + 1
    headers = list(_HEADER.finditer(data, max(end, after), at))
    entries = None
    if end >= 0 and b"%" not in data[max(line, after) : end] and len(headers) == 1:
        entries = _dictionary(data[headers[0].end() : at])
    if entries is None:
        region = _NAME_ESCAPE.sub(_unescaped, data[max(end, after) : at])
        found = [f for m in _FILTER.finditer(region) if (f := _filters([m[1]]))]
        found = found or [[b"FlateDecode"]]
        return _Stream(start, found[0], others=tuple(found[1:]))
    kind, subtype = entries.get(b"Type", []), entries.get(b"Subtype", [])
    first = entries.get(b"First", [])
    return _Stream(
        start,
        _filters(entries.get(b"Filter", [])),
        number=int(headers[0][1]),
        image=bool(subtype) and set(subtype) == {b"/Image"} and set(kind) <= {b"/XObject"},
        first=int(first[-1]) if kind == [b"/ObjStm"] and first and first[-1].isdigit() else None,
    )


def _filters(values: Sequence[bytes]) -> list[bytes]:
    """The filters that are measured of a stream whose dictionary gives ``values`` for /Filter
    (more than one when the key is repeated): Flate, LZW, RunLength and the ASCII ones, up to
    the first other one, when one of them unpacks. A reference is taken for Flate: data that
    is none ends its measure at once."""
    for value in values:
        if value.endswith(b"R"):
            return [b"FlateDecode"]
        names = [_NAME_ESCAPE.sub(_unescaped, n[1]) for n in _NAME.finditer(value)]
        known = list(itertools.takewhile(lambda name: name in _DECODED, names))
        if any(name in _UNPACKING for name in known):
            return known
    return []


def _unescaped(m: re.Match[bytes]) -> bytes:
    return bytes((int(m[1], 16),))


def _dictionary(text: bytes) -> dict[bytes, list[bytes]] | None:
    """The entries of the dictionary that ``text`` holds and nothing else (white space aside):
    each key's values as written (``/Image``, ``12 0 R``, ``[/AHx /Fl]``), ``#`` escapes of
    keys and names read; ``None`` when ``text`` is not one such dictionary, or has a comment."""
    items: list[bytes] = []  # the keys and values of the dictionary, nested objects whole
    openers: list[bytes] = []
    at, opened, closed = 0, 0, False
    while at < len(text):
        m = _TOKEN.match(text, at)
        if m is None or (not m["space"] and (closed or (not openers and m[0] != b"<<"))):
            return None  # a stray delimiter, a comment, or more than the dictionary
        at = _string_end(text, m.end()) if m["string"] else m.end()
        if at < 0:
            return None
        if m["open"]:
            openers.append(m[0])
            opened = m.start() if len(openers) == 2 else opened
        elif m["close"]:
            if not openers or (openers.pop() == b"<<") != (m[0] == b">>"):
                return None
            if len(openers) == 1:
                items.append(text[opened:at])
            closed = not openers
        elif len(openers) == 1 and not m["space"]:
            items.append(text[m.start() : at])
    return _entries(items) if closed else None


def _entries(items: Sequence[bytes]) -> dict[bytes, list[bytes]] | None:
    """The keys and values of ``items``, a reference being three items; ``None`` when a key is
    no name or has no value."""
    entries: dict[bytes, list[bytes]] = {}
    at = 0
    while at + 1 < len(items) and items[at].startswith(b"/"):
        size = 4 if items[at + 1 : at + 4] and _is_reference(items[at + 1 : at + 4]) else 2
        value = b" ".join(items[at + 1 : at + size])
        if value.startswith(b"/"):
            value = _NAME_ESCAPE.sub(_unescaped, value)
        entries.setdefault(_NAME_ESCAPE.sub(_unescaped, items[at][1:]), []).append(value)
        at += size
    return entries if at == len(items) else None


def _is_reference(items: Sequence[bytes]) -> bool:
    return len(items) == 3 and items[0].isdigit() and items[1].isdigit() and items[2] == b"R"


def _string_end(text: bytes, at: int) -> int:
    """Where the literal string whose ``(`` ends at ``at`` ends (its parentheses nest, a
    backslash escapes the next byte), or -1 when it does not."""
    depth = 1
    while depth:
        m = _STRING_PART.search(text, at)
        if m is None:
            return -1
        at = m.end() + (m[0] == b"\\")
        depth += {b"(": 1, b")": -1}.get(m[0], 0)
    return at


@dataclass(frozen=True, slots=True)
class _Objects:
    """The objects of an object stream by number; ``known`` is false when they were not read
    (the stream too large to keep, or its list of objects no list)."""

    bodies: dict[int, bytes]
    known: bool = True

    @classmethod
    def parse(cls, text: bytes, first: int) -> _Objects:
        numbers = text[:first].split()
        if len(numbers) % 2 or not all(n.isdigit() for n in numbers):
            return cls({}, known=False)
        where = sorted((int(o), int(n)) for n, o in zip(numbers[::2], numbers[1::2], strict=True))
        ends = [o for o, _ in where[1:]] + [len(text) - first]
        return cls({n: text[first + o : first + e] for (o, n), e in zip(where, ends, strict=True)})


def _only_images(data: bytes, objects: Sequence[_Objects]) -> set[int]:
    """Numbers of the objects that only images refer to, in the file and in its object
    streams: none when an object stream was not read. A page's content (``/Contents``: a
    reference, an array of them, or an array object) is never one, whatever it says it is."""
    if not all(o.known for o in objects):
        return set()
    bodies = {n: body for o in objects for n, body in o.bodies.items()}
    texts = [data, *bodies.values()]
    resources = {int(m[1]) for text in texts for m in _XOBJECTS_REF.finditer(text)}
    images: set[int] = set()
    others: set[int] = set()
    whole = [(0, len(body)) if n in resources and _FLAT.fullmatch(body) else None
             for n, body in bodies.items()]  # fmt: skip
    for text, extra in zip(texts, [None, *whole], strict=True):
        starts, ends = _spans(_image_spans(text, resources if text is data else set(), extra))
        for start, _, number in _numbered(text, _R):
            at = bisect.bisect_right(starts, start) - 1
            (images if at >= 0 and start < ends[at] else others).add(number)
    return images - others - _contents(texts, data, bodies)


def _image_spans(
    text: bytes, resources: set[int], whole: tuple[int, int] | None
) -> list[tuple[int, int]]:
    """Where in ``text`` a reference is to an image: in an XObject resource dictionary (one of
    the objects numbered ``resources``, or ``whole``), after /SMask, /Mask, /Thumb, /Image."""
    spans = [m.span(1) for m in _XOBJECTS.finditer(text) if not _SEPARATE.search(m[1])]
    spans += [whole] if whole is not None else []
    spans += [m.span(1) for m in _IMAGE_KEY.finditer(text)]
    for _, end, number in _numbered(text, _OBJ) if resources else ():
        flat = _FLAT_AT.match(text, end)
        if number in resources and flat and not _SEPARATE.search(flat[1]):
            spans.append(flat.span(1))
    return spans


def _spans(spans: Iterable[tuple[int, int]]) -> tuple[list[int], list[int]]:
    """The starts and ends of ``spans`` merged where they overlap, in order."""
    starts: list[int] = []
    ends: list[int] = []
    for start, end in sorted(spans):
        if ends and start <= ends[-1]:
            ends[-1] = max(ends[-1], end)
        else:
            starts.append(start)
            ends.append(end)
    return starts, ends


def _contents(texts: Sequence[bytes], data: bytes, bodies: dict[int, bytes]) -> set[int]:
    """Numbers of the objects that are a page's content: referred to by /Contents, or by an
    array object that /Contents refers to."""
    found: set[int] = set()
    arrays: set[int] = set()  # what a single reference may be
    for text in texts:
        for m in _CONTENTS.finditer(text):
            numbers = {number for _, _, number in _numbered(m[1], _R)}
            found |= numbers
            arrays |= numbers if not m[1].startswith(b"[") else set()
    heads = [end for _, end, number in _numbered(data, _OBJ) if number in arrays] if arrays else []
    for body in [bodies[n] for n in arrays if n in bodies] + [_body(data, at) for at in heads]:
        found |= {number for _, _, number in _numbered(body, _R)}
    return found


def _numbered(text: bytes, keyword: re.Pattern[bytes]) -> Iterator[tuple[int, int, int]]:
    """(start, end, object number) of each reference (``12 0 R``, ``keyword`` :data:`_R`) or
    object header (``12 0 obj``, :data:`_OBJ`) of ``text``. The keyword is looked for first and
    the numbers before it then: scanning for numbers took 0.35 s a 15 MB file."""
    for m in keyword.finditer(text):
        at = m.start()
        if at == 0 or text[at - 1] not in _WHITE_SPACE:
            continue
        numbers = _NUMBERS.search(text, max(0, at - 48), at)
        if numbers is not None:
            yield numbers.start(), m.end(), int(numbers[1])


def _body(data: bytes, at: int) -> bytes:
    """The object whose header ends at ``at``, up to its end or its stream's data."""
    end = _BODY_END.search(data, at, at + _BODY_WINDOW)
    return data[at : end.start() if end else at + _BODY_WINDOW]


# References, and the places where a reference is to an image.
_S = rb"[\x00\t\n\f\r ]*"
_REF = rb"([0-9]+)[\x00\t\n\f\r ]+[0-9]+[\x00\t\n\f\r ]+R(?![^\x00\t\n\f\r /\[\]<>(){}%])"
_R = re.compile(rb"R(?![^\x00\t\n\f\r /\[\]<>(){}%])")
_OBJ = re.compile(rb"obj\b")
_WHITE_SPACE = frozenset(b"\x00\t\n\f\r ")
_NUMBERS = re.compile(rb"(?<![0-9.+-])([0-9]+)[\x00\t\n\f\r ]+[0-9]+[\x00\t\n\f\r ]+\Z")
_XOBJECTS = re.compile(rb"/XObject" + _S + rb"(<<[^<>]*>>)")
_XOBJECTS_REF = re.compile(rb"/XObject" + _S + _REF)
_IMAGE_KEY = re.compile(rb"/(?:SMask|Mask|Thumb|Image)" + _S + rb"(" + _REF + rb")")
_FLAT_AT = re.compile(_S + rb"(<<[^<>]*>>)")
_FLAT = re.compile(_S + rb"<<[^<>]*>>" + _S)
_CONTENTS = re.compile(rb"/Contents" + _S + rb"(\[[^\]]*\]|" + _REF + rb")")
_SEPARATE = re.compile(rb"obj|stream")  # a dictionary with these is not one object's
_BODY_END = re.compile(rb"endobj|stream")
_STRING_PART = re.compile(rb"[()\\]")


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
    import contextlib  # noqa: F401  (imported here, the child imports nothing)
    import ctypes  # noqa: F401
    import os
    import pickle
    import resource  # noqa: F401
    import threading  # noqa: F401
    import time  # noqa: F401
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
    with os.fdopen(reader, "rb") as pipe:
        payload = pipe.read()
    _, status = os.waitpid(pid, 0)
    if os.waitstatus_to_exitcode(status) != 0 or not payload:
        raise InputError(
            f"{source}: encrypted PDF that takes more than {memory:,} bytes of memory to read, "
            f"for the size limit of {max_bytes:,} bytes (max_bytes): a decompression bomb?"
        )
    result = pickle.loads(payload)  # written by the child above
    if isinstance(result, str):
        raise InputError(result)
    return cast(_Pages, result)


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
