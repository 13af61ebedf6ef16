"""Measuring the compressed streams of a PDF file before PDFium unpacks them: a decompression
bomb (a small file whose streams unpack to gigabytes) is refused, not read; and telling an
encrypted file, whose streams cannot be measured (see :func:`govnlp.io.pdf.pdf_text`)."""

from __future__ import annotations

import bisect
import collections
import itertools
import re
import zlib
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

from govnlp.errors import InputError

UNPACK_FACTOR = 4
"""The streams of a PDF may unpack to at most this many times the size limit (``max_bytes``)."""
_PIECE = 1 << 16  # bytes inflated at a time when streams are measured

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


def check_unpacked(data: bytes, source: str, max_bytes: int) -> None:
    """:class:`InputError` when the compressed streams of the file unpack to more than
    :data:`UNPACK_FACTOR` times ``max_bytes`` together. Each stream is decoded a piece at a time
    through its filters, and what every filter puts out is counted, never kept (PDFium holds
    each filter's output whole before the next one reads it); data that a filter cannot read
    ends the stream (PDFium says what it makes of it). A 2 KB file whose page content unpacked
    to 1 GB took PDFium 2 GB of memory and 7 s; it is refused in 0.6 s and no memory.

    Images are measured last, and only those that something else than an image refers to (or
    nothing): an image that only images refer to is not unpacked to read text, a page's content
    is, whatever it says it is."""
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
    objects = _Headers(data)
    while at >= 0:
        if data[max(0, at - 3) : at] != b"end":
            eol = _STREAM_EOL.match(data, at + 6)
            if eol is not None:
                yield _stream(data, after, at, eol.end(), objects)
                after = eol.end()
        at = data.find(b"stream", at + 6)


def _stream(data: bytes, after: int, at: int, start: int, objects: _Headers) -> _Stream:
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
        found = [f for m in _FILTER.finditer(region) for f in _filters([m[1]], objects)]
        found = found or [[b"FlateDecode"]]
        return _Stream(start, found[0], others=tuple(found[1:]))
    kind, subtype = entries.get(b"Type", []), entries.get(b"Subtype", [])
    first = entries.get(b"First", [])
    chains = _filters(entries.get(b"Filter", []), objects) or [[]]
    return _Stream(
        start,
        chains[0],
        others=tuple(chains[1:]),
        number=int(headers[0][1]),
        image=bool(subtype) and set(subtype) == {b"/Image"} and set(kind) <= {b"/XObject"},
        first=int(first[-1]) if kind == [b"/ObjStm"] and first and first[-1].isdigit() else None,
    )


def _filters(values: Sequence[bytes], objects: _Headers) -> list[list[bytes]]:
    """The filters that are measured of a stream whose dictionary gives ``values`` for /Filter
    (more than one when the key is repeated): Flate, LZW, RunLength and the ASCII ones, up to
    the first other one, when one of them unpacks; none when none does. A reference is read
    in ``objects``; when it is not found there (an object stream holds it), the stream is
    measured as Flate, as LZW and as RunLength data (data that is none ends at once)."""
    for value in values:
        if value.endswith(b"R"):
            body = objects.get(int(value.split()[0]))
            if body is None or body.rstrip().endswith(b"R"):
                return [[b"FlateDecode"], [b"LZWDecode"], [b"RunLengthDecode"]]
            value = body
        names = [_NAME_ESCAPE.sub(_unescaped, n[1]) for n in _NAME.finditer(value)]
        known = list(itertools.takewhile(lambda name: name in _DECODED, names))
        if any(name in _UNPACKING for name in known):
            return [known]
    return []


class _Headers:
    """The objects of the file written in it (not in object streams), by number: where each
    one's header ends is found once, when one is first asked for."""

    def __init__(self, data: bytes) -> None:
        self._data = data
        self._ends: dict[int, int] | None = None

    def get(self, number: int) -> bytes | None:
        """The object numbered ``number`` (its last one), up to its end or its stream."""
        if self._ends is None:
            self._ends = {n: end for _, end, n in _numbered(self._data, _OBJ)}
        end = self._ends.get(number)
        return None if end is None else _body(self._data, end)


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


def is_encrypted(data: bytes) -> bool:
    """Whether the file has an /Encrypt dictionary (its name perhaps written with escapes)."""
    return any(_NAME_ESCAPE.sub(_unescaped, m[0]) == b"/Encrypt" for m in _ENCRYPT.finditer(data))
