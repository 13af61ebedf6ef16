"""Bytes to text: byte-order marks, UTF-8, and the legacy Chinese encodings where plausible.

:func:`decode` turns a whole file into text; :func:`sniff_encoding` chooses the codec of a
streamed table from its first bytes. Both try UTF-8 first and, only where it fails, GB18030 then
Big5, each accepted only if :func:`plausible_chinese` finds the result reads as Chinese.
"""

from __future__ import annotations

import codecs

from govnlp.errors import InputError

BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)

# Legacy Chinese encodings tried, in order, where UTF-8 fails. ``cp950`` is Big5 as Windows
# writes it (a superset of plain Big5). ``common`` is the lead-byte range of the encoding's most
# frequent characters (GB2312 level 1 and 2; Big5 常用字), used to tell real text from garble.
# (label, codec, lead bytes of the frequent characters): GB2312 first (strict, so that other
# encodings rarely read as it), then the whole of GB18030 (GBK's rarer characters such as 镕,
# four-byte ones such as emoji), then Big5
_LEGACY = (
    ("gb18030", "gb2312", (0xB0, 0xF7)),
    ("gb18030", "gb18030", (0xB0, 0xF7)),
    ("big5", "cp950", (0xA4, 0xC6)),
)
_FREQUENT = {"gb18030": "gb2312"}  # the codec whose lead bytes tell a frequent character
_MIN_COMMON = 0.8  # share of Han characters in the common range
_MIN_CJK = 0.7  # share of CJK characters and punctuation among the non-ASCII characters
_SAMPLE = 20_000  # characters scored for plausibility


def decode(data: bytes, *, encoding: str | None = None) -> tuple[str, str]:
    """``(text, encoding)`` of ``data``; raises :class:`InputError` with the reason.

    Byte-order marks decide first (UTF-8, UTF-16, UTF-32). Without one, UTF-8 is tried, and
    only if it fails GB18030 then Big5, each accepted only when the result is plausible Chinese
    text. ``encoding`` forces one codec. Empty and binary (NUL bytes) data are errors.
    """
    if not data.strip():
        raise InputError("empty file")
    if encoding is not None:
        return _decode_forced(data, encoding), encoding
    for bom, codec in BOMS:
        if data.startswith(bom):
            try:
                return _nonempty(data.decode(codec)), codec.removesuffix("-sig")
            except UnicodeDecodeError as exc:
                raise InputError(f"not valid {codec} text despite its byte-order mark ({exc.reason}"
                                 f" at byte {exc.start})") from None  # fmt: skip
    if b"\x00" in data[:8192]:
        raise InputError("binary file (NUL bytes)")
    try:
        return _nonempty(data.decode("utf-8")), "utf-8"
    except UnicodeDecodeError as exc:
        utf8_error = f"not UTF-8 ({exc.reason} at byte {exc.start})"
    for label, codec, common in _LEGACY:
        try:
            text = data.decode(codec)
        except UnicodeDecodeError:
            continue
        if plausible_chinese(text, codec=codec, common=common):
            return _nonempty(text), label
    raise InputError(f"{utf8_error}, and not plausible GB18030 or Big5 Chinese text")


def _decode_forced(data: bytes, encoding: str) -> str:
    codec = "utf-8-sig" if codecs.lookup(encoding).name == "utf-8" else encoding
    try:
        return _nonempty(data.decode(codec))
    except UnicodeDecodeError as exc:
        raise InputError(f"not {encoding} text ({exc.reason} at byte {exc.start})") from None


def _nonempty(text: str) -> str:
    if not text.strip():
        raise InputError("empty file (white space only)")
    return text


def sniff_encoding(prefix: bytes, forced: str | None) -> str:
    """The codec of a streamed table, chosen from its first bytes (``forced`` wins);
    :class:`InputError` when it is neither UTF-8 nor plausible GB18030 or Big5 text."""
    if forced:
        return "utf-8-sig" if codecs.lookup(forced).name == "utf-8" else forced
    for bom, codec in BOMS:
        if prefix.startswith(bom):
            return codec
    try:
        codecs.getincrementaldecoder("utf-8")().decode(prefix, final=False)
        return "utf-8"
    except UnicodeDecodeError:
        pass
    for _, codec, common in _LEGACY:
        text = codecs.getincrementaldecoder(codec)(errors="replace").decode(prefix, final=False)
        if plausible_chinese(text, codec=codec, common=common):
            return codec
    raise InputError("not UTF-8, and not plausible GB18030 or Big5 Chinese text")


def _is_cjk(ch: str) -> bool:
    """Han ideographs, CJK punctuation, full-width forms and general punctuation (“”—…)."""
    cp = ord(ch)
    return (
        0x4E00 <= cp <= 0x9FFF  # CJK unified ideographs
        or 0x3400 <= cp <= 0x4DBF  # extension A
        or 0x3000 <= cp <= 0x303F  # CJK symbols and punctuation
        or 0xFF00 <= cp <= 0xFFEF  # full-width forms
        or 0x2000 <= cp <= 0x206F  # general punctuation
        or cp == 0x00B7  # middle dot
    )


def plausible_chinese(text: str, *, codec: str, common: tuple[int, int]) -> bool:
    """Whether ``text``, decoded with legacy ``codec``, reads as Chinese rather than garble.

    Most of its non-ASCII characters must be CJK, and most of its Han characters must be among
    the codec's frequent characters (lead byte in ``common``): Big5 bytes read as GB18030, or
    UTF-8 bytes read as either, give rare characters and symbols.
    """
    sample = text[:_SAMPLE]
    non_ascii = [c for c in sample if ord(c) > 0x7F]
    if not non_ascii or sum(map(_is_cjk, non_ascii)) < _MIN_CJK * len(non_ascii):
        return False
    han = [c for c in non_ascii if 0x3400 <= ord(c) <= 0x9FFF]
    if not han:
        return False
    lo, hi = common
    frequent = _FREQUENT.get(codec, codec)
    hits = 0
    for ch in han:
        try:
            lead = ch.encode(frequent)[0]
        except UnicodeEncodeError:
            continue  # a rarer character (GBK's 镕): no evidence either way
        hits += lo <= lead <= hi
    return hits >= _MIN_COMMON * len(han)
