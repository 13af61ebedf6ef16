"""The table of administrative divisions (``places/admin_divisions.tsv``), read once per lexicon.

The tokenizer takes its names into the segmenter's dictionary and the gazetteer
(:mod:`govnlp.places.gazetteer`) its units; the table is read here, below both.
"""

from __future__ import annotations

import functools

from govnlp.lexicon import Lexicon, read_tsv

ADMIN_DIVISIONS = ("places", "admin_divisions.tsv")  # its path in a lexicon folder
ADMIN_COLUMNS = (
    "adcode", "name", "level", "category", "prefecture_code", "prefecture", "province_code",
    "province", "short_names", "valid_from", "valid_to", "successor_code",
)  # fmt: skip


def has_admin_divisions(lexicon: Lexicon) -> bool:
    """Whether the lexicon has a table of administrative divisions."""
    return lexicon.path(*ADMIN_DIVISIONS).exists()


@functools.cache
def admin_divisions(lexicon: Lexicon) -> tuple[dict[str, str], ...]:
    """The rows of the lexicon's table of administrative divisions (current and historical
    units, with their short names); do not modify them."""
    return tuple(read_tsv(lexicon.path(*ADMIN_DIVISIONS), ADMIN_COLUMNS))
