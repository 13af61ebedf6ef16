"""Offset-preserving text normalisation.

Every mapping is one character to one character (or, for literal HTML space entities, a run of
spaces of the same length), so an offset into the normalised text is the same offset into the
original. Records always report the original characters.
"""

from __future__ import annotations

import bisect
import functools
import re
import unicodedata
from dataclasses import dataclass

from govnlp.errors import check_text
from govnlp.lexicon import Lexicon, default_lexicon

# Literal HTML space entities left in scraped text; each becomes spaces of its own length.
_ENTITY = re.compile(r"&(?:nbsp|ensp|emsp|thinsp|#160|#12288);")

# Spaces folded to an ASCII space; format characters (see :func:`format_chars`) are too.
_SPACES = "\u00a0\u1680\u202f\u205f\u3000" + "".join(chr(c) for c in range(0x2000, 0x200B))
# The planes Unicode gives format characters (category Cf) in: the Basic Multilingual Plane,
# the Supplementary Multilingual Plane and the tags of plane 14.
_FORMAT_PLANES = (range(0x0000, 0x20000), range(0xE0000, 0xE1000))


@functools.cache
def format_chars() -> str:
    """Every format character (Unicode category Cf): zero-width spaces and joiners, the soft
    hyphen, direction marks and overrides, the byte-order mark, tags. They are invisible, and
    folded to a space by :func:`normalize`."""
    return "".join(
        chr(cp) for plane in _FORMAT_PLANES for cp in plane if unicodedata.category(chr(cp)) == "Cf"
    )


def _fullwidth_table() -> dict[int, int]:
    """Full-width ASCII forms (U+FF01–U+FF5E) to ASCII."""
    return {cp: cp - 0xFEE0 for cp in range(0xFF01, 0xFF5F)}


@functools.cache
def translation_table(lexicon: Lexicon) -> dict[int, int]:
    """The character table of a lexicon: full-width, spaces, radicals, traditional characters."""
    table = _fullwidth_table()
    for ch in _SPACES + format_chars():
        table[ord(ch)] = 0x20
    for src, dst in lexicon.radicals.items():
        table[ord(src)] = ord(dst)
    for src, dst in lexicon.traditional.items():
        table[ord(src)] = ord(dst)
    return table


# Mapped characters frequent enough in Chinese text to be replaced in one pass each (the
# full-width comma is nine in ten of all mapped characters in government texts).
_FREQUENT = "，（）；：！？％"


@functools.cache
def _mappable(
    lexicon: Lexicon,
) -> tuple[tuple[tuple[str, str], ...], re.Pattern[str], re.Pattern[str] | None, dict[str, str]]:
    """How to apply the table: pairs of frequent characters to replace first, the other
    characters as classes (see :func:`_classes`), and the mapping as strings."""
    table = translation_table(lexicon)
    mapping = {chr(src): chr(dst) for src, dst in table.items()}
    # a frequent character goes first only if what it becomes is left alone by the rest
    frequent = tuple(
        (c, mapping[c]) for c in _FREQUENT if c in mapping and mapping[c] not in mapping
    )
    rest = [chr(c) for c in sorted(table) if chr(c) not in dict(frequent)]
    return (frequent, *_classes(rest), mapping)


def _classes(chars: list[str]) -> tuple[re.Pattern[str], re.Pattern[str] | None]:
    """One character class of ``chars`` in the Basic Multilingual Plane and one of those beyond
    it (None if there are none): a class holding both is matched slowly."""
    bmp = "".join(re.escape(c) for c in chars if ord(c) <= 0xFFFF)
    astral = "".join(re.escape(c) for c in chars if ord(c) > 0xFFFF)
    return re.compile(f"[{bmp}]"), re.compile(f"[{astral}]") if astral else None


_ASTRAL = re.compile("[\U00010000-\U0010ffff]")


def normalize(text: str, *, lexicon: Lexicon | None = None) -> str:
    """Return ``text`` normalised for matching, with exactly the same length and offsets.

    >>> normalize("总投资１２．３％")
    '总投资12.3%'
    """
    check_text(text)
    frequent, bmp, astral, mapping = _mappable(lexicon or default_lexicon())
    out = text
    for src, dst in frequent:
        out = out.replace(src, dst)
    # the other characters that change are looked up one by one (str.translate would look up
    # every character of the text)
    if bmp.search(out) is not None:
        get = mapping.__getitem__
        out = bmp.sub(lambda m: get(m[0]), out)
    if astral is not None and _ASTRAL.search(out):
        get = mapping.__getitem__
        out = astral.sub(lambda m: get(m[0]), out)
    if "&" in out:
        out = _ENTITY.sub(lambda m: " " * len(m.group()), out)
    return out


@functools.cache
def _word_changing(lexicon: Lexicon) -> tuple[re.Pattern[str], re.Pattern[str] | None]:
    """The characters the table maps to something other than ASCII (traditional characters,
    radicals): the only ones whose normalisation can change a word (see :func:`_classes`)."""
    table = translation_table(lexicon)
    return _classes([chr(src) for src, dst in table.items() if dst > 0x7F])


def changes_words(text: str, *, lexicon: Lexicon | None = None) -> bool:
    """Whether normalising ``text`` changes a character that can be part of a word (a
    traditional character, a radical); punctuation, spaces and full-width ASCII do not count."""
    bmp, astral = _word_changing(lexicon or default_lexicon())
    if bmp.search(text) is not None:
        return True
    return astral is not None and _ASTRAL.search(text) is not None and bool(astral.search(text))


@functools.cache
def _format_patterns() -> tuple[re.Pattern[str], re.Pattern[str] | None, re.Pattern[str]]:
    """The format characters as classes (see :func:`_classes`) and as runs of any of them."""
    chars = format_chars()
    bmp, astral = _classes(list(chars))
    return bmp, astral, re.compile(f"[{re.escape(chars)}]+")


@dataclass(frozen=True, slots=True)
class Squeezed:
    """A text and its normalised form with the format characters removed (``text``, ``norm``),
    and where they stood, to give back offsets into the text as read."""

    text: str
    norm: str
    removed: tuple[int, ...]  # for each removed character, its offset in the squeezed text

    def offset(self, at: int) -> int:
        """The offset in the text as read of the character at ``at`` in the squeezed text."""
        return at + bisect.bisect_right(self.removed, at)

    def span(self, start: int, end: int) -> tuple[int, int]:
        """The span in the text as read of the non-empty squeezed span ``start:end``, from its
        first character to its last (format characters between them included)."""
        return self.offset(start), self.offset(end - 1) + 1


def squeeze_format(text: str, norm: str) -> Squeezed | None:
    """``text`` and its normalised form ``norm`` without their format characters (category Cf),
    so that ``1\u200b2`` reads 12; ``None`` when ``text`` holds none (nearly every text).

    >>> text = "总投资1\u200b2亿元"
    >>> s = squeeze_format(text, normalize(text))
    >>> s.text, s.span(3, 7), text[3:8] == "1\u200b2亿元"
    ('总投资12亿元', (3, 8), True)
    """
    bmp, astral, runs = _format_patterns()
    if bmp.search(text) is None and (
        astral is None or _ASTRAL.search(text) is None or astral.search(text) is None
    ):
        return None
    removed: list[int] = []
    kept_text: list[str] = []
    kept_norm: list[str] = []
    at = 0
    for m in runs.finditer(text):
        start, end = m.span()
        kept_text.append(text[at:start])
        kept_norm.append(norm[at:start])
        removed.extend([start - len(removed)] * (end - start))
        at = end
    kept_text.append(text[at:])
    kept_norm.append(norm[at:])
    return Squeezed("".join(kept_text), "".join(kept_norm), tuple(removed))
