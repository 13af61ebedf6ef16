"""Offset-preserving text normalisation.

Every mapping is one character to one character (or, for literal HTML space entities, a run of
spaces of the same length), so an offset into the normalised text is the same offset into the
original. Records always report the original characters.
"""

from __future__ import annotations

import functools
import re

from govnlp.lexicon import Lexicon, default_lexicon

# Literal HTML space entities left in scraped text; each becomes spaces of its own length.
_ENTITY = re.compile(r"&(?:nbsp|ensp|emsp|thinsp|#160|#12288);")

# Spaces and invisible characters folded to an ASCII space.
_SPACES = "\u00a0\u1680\u202f\u205f\u3000" + "".join(chr(c) for c in range(0x2000, 0x200B))
_INVISIBLE = "\u200b\u200c\u200d\u2060\ufeff\u00ad"


def _fullwidth_table() -> dict[int, int]:
    """Full-width ASCII forms (U+FF01–U+FF5E) to ASCII."""
    return {cp: cp - 0xFEE0 for cp in range(0xFF01, 0xFF5F)}


@functools.cache
def translation_table(lexicon: Lexicon) -> dict[int, int]:
    """The character table of a lexicon: full-width, spaces, radicals, traditional characters."""
    table = _fullwidth_table()
    for ch in _SPACES + _INVISIBLE:
        table[ord(ch)] = 0x20
    for src, dst in lexicon.radicals.items():
        table[ord(src)] = ord(dst)
    for src, dst in lexicon.traditional.items():
        table[ord(src)] = ord(dst)
    return table


def normalize(text: str, *, lexicon: Lexicon | None = None) -> str:
    """Return ``text`` normalised for matching, with exactly the same length and offsets.

    >>> normalize("总投资１２．３％")
    '总投资12.3%'
    """
    table = translation_table(lexicon or default_lexicon())
    out = text.translate(table)
    if "&" in out:
        out = _ENTITY.sub(lambda m: " " * len(m.group()), out)
    return out
