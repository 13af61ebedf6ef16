"""Blocks (paragraphs, headings, page chrome) and sentences of real document layouts.

Works on normalised text and returns character offsets into it, which are offsets into the
original as well. A sentence broken across lines by page layout is one sentence whose
``pieces`` skip the line break (and a caption dropped into it).
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from dataclasses import dataclass
from typing import Any

from govnlp.lexicon import Lexicon, default_lexicon

Piece = tuple[int, int]


@dataclass(frozen=True, slots=True)
class Block:
    """A layout unit: ``heading``, ``paragraph``, ``caption`` or ``chrome``."""

    kind: str
    start: int
    end: int
    pieces: tuple[Piece, ...]


UNREAD = frozenset(("chrome", "caption"))  # kinds of block that hold no sentences


def headline(layout: list[Block]) -> Block | None:
    """The first block that holds sentences (an article's headline), or None."""
    return next((b for b in layout if b.kind not in UNREAD), None)


@dataclass(frozen=True, slots=True)
class Sentence:
    """A sentence: its outer span, the pieces of text it is made of, and its block index."""

    start: int
    end: int
    pieces: tuple[Piece, ...]
    block: int

    def text_of(self, text: str) -> str:
        """The sentence's characters, its pieces joined (layout breaks removed)."""
        return "".join(text[s:e] for s, e in self.pieces)

    def text_around(self, text: str, start: int, end: int, limit: int) -> str:
        """The sentence's characters where it has at most ``limit`` of them; else (a run-on list
        with no full stop) the whole clauses within ``limit // 2`` characters of ``start:end``,
        so that a record never carries a megabyte of text."""
        if self.end - self.start <= limit:
            return self.text_of(text)
        reach = limit // 2
        lo, hi = max(self.start, start - reach), min(self.end, end + reach)
        opening = _ITEM_BREAK.search(text, lo, start)
        lo = opening.end() if opening else lo
        closings = [m.end() for m in _ITEM_BREAK.finditer(text, end, hi)]
        hi = closings[-1] if closings else hi
        return "".join(text[max(s, lo) : min(e, hi)] for s, e in self.pieces if e > lo and s < hi)


@dataclass(frozen=True)
class _Rules:
    terminator: re.Pattern[str]
    line_complete: frozenset[str]
    min_broken_line: int
    max_caption: int
    caption_excluded: frozenset[str]
    caption_end: str
    outline: re.Pattern[str]
    chrome: re.Pattern[str]
    chrome_window: int
    furniture: re.Pattern[str]  # page furniture anywhere: share widgets, 责任编辑, 数据来源
    link_list: re.Pattern[str]  # a 相关报道 header: the short lines after it are a link list
    front_matter: str  # the line that opens and closes a document's front matter (---)
    datelines: tuple[re.Pattern[str], ...]  # a publication date in the furniture


@functools.cache
def _rules(lexicon: Lexicon) -> _Rules:
    raw: dict[str, Any] = lexicon.segmentation_rules
    ends = "".join(re.escape(c) for c in raw["sentence_end"])
    closers = "".join(re.escape(c) for c in raw["closers"])
    return _Rules(
        terminator=re.compile(f"[{ends}]+[{closers}]*"),
        line_complete=frozenset(raw["line_complete"]),
        min_broken_line=int(raw["min_broken_line"]),
        max_caption=int(raw["max_caption"]),
        caption_excluded=frozenset(raw["caption_excluded"]),
        caption_end=str(raw["caption_end"]),
        outline=re.compile("|".join(f"(?:{p})" for p in raw["outline_markers"])),
        chrome=re.compile("|".join(f"(?:{p})" for p in raw["chrome_patterns"])),
        chrome_window=int(raw["chrome_window"]),
        furniture=re.compile("|".join(f"(?:{p})" for p in raw["furniture_patterns"])),
        link_list=re.compile(str(raw["link_list_header"])),
        front_matter=str(raw["front_matter"]),
        datelines=tuple(re.compile(p) for p in raw["dateline_patterns"]),
    )


# Punctuation that ends a clause inside a sentence (the sample writes ASCII commas).
CLAUSE_BREAK = re.compile(r"[,，;；:：!！?？。]")
_ITEM_BREAK = re.compile(r"[,，;；:：!！?？。、]")  # where a run-on sentence is cut for a record

_LINE = re.compile(r"[^\n\r]+")
_HEADING = re.compile(r"#{1,6}\s")


def _lines(text: str) -> list[Piece]:
    """Non-blank lines as (start, end) with surrounding white space trimmed."""
    out = []
    for m in _LINE.finditer(text):
        s, e = m.span()
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if s < e:
            out.append((s, e))
    return out


def blocks(text: str, *, lexicon: Lexicon | None = None) -> list[Block]:
    """Split normalised ``text`` into layout blocks, rejoining lines broken by page layout."""
    rules = _rules(lexicon or default_lexicon())
    lines = _lines(text)
    out: list[Block] = []
    para: list[Piece] = []

    def close() -> None:
        if para:
            out.append(Block("paragraph", para[0][0], para[-1][1], tuple(para)))
            para.clear()

    def is_open(piece: Piece) -> bool:
        s, e = piece
        return e - s >= rules.min_broken_line and text[e - 1] not in rules.line_complete

    def starts_fresh(piece: Piece) -> bool:
        line = text[piece[0] : piece[1]]
        return bool(_HEADING.match(line) or rules.outline.match(line))

    furniture = _furniture(text, lines, rules)
    for i, piece in enumerate(lines):
        s, e = piece
        line = text[s:e]
        if i in furniture or (i < rules.chrome_window and rules.chrome.search(line)):
            close()
            out.append(Block("chrome", s, e, (piece,)))
        elif _HEADING.match(line):
            close()
            out.append(Block("heading", s, e, (piece,)))
        elif para and is_open(para[-1]) and not starts_fresh(piece):
            nxt = lines[i + 1] if i + 1 < len(lines) else None
            if nxt and _is_caption(text, piece, rules) and not starts_fresh(nxt):
                out.append(Block("caption", s, e, (piece,)))
                continue
            para.append(piece)
        else:
            close()
            para.append(piece)
    close()
    return out


def _furniture(text: str, lines: list[Piece], rules: _Rules) -> set[int]:
    """Indices of the lines that are page furniture: front matter, share widgets, bylines of
    the page, a link list after 相关报道."""
    out: set[int] = set()
    if lines and text[lines[0][0] : lines[0][1]] == rules.front_matter:
        end = next(
            (
                i
                for i in range(1, len(lines))
                if text[lines[i][0] : lines[i][1]] == rules.front_matter
            ),
            None,
        )
        if end is not None:
            out.update(range(end + 1))
    listing = False
    for i, (s, e) in enumerate(lines):
        line = text[s:e]
        if rules.link_list.match(line):
            listing = True
            out.add(i)
        elif listing and line[-1] not in rules.line_complete:
            out.add(i)
        else:
            listing = False
            if rules.furniture.search(line):
                out.add(i)
    return out


def publication_date(text: str, *, lexicon: Lexicon | None = None) -> dt.date | None:
    """The publication date a document's furniture gives (发布时间：2011-06-01, a front matter's
    date, 《人民日报》（2025年03月05日…）), else None."""
    rules = _rules(lexicon or default_lexicon())
    head = text[:3000]
    for pattern in rules.datelines:
        m = pattern.search(head)
        if m:
            try:
                return dt.date(int(m["y"]), int(m["m"]), int(m["d"]))
            except ValueError:
                continue
    return None


def _is_caption(text: str, piece: Piece, rules: _Rules) -> bool:
    s, e = piece
    line = text[s:e]
    end = rules.caption_end
    return (
        e - s <= rules.max_caption
        and rules.caption_excluded.isdisjoint(line)
        and (line.endswith(end) or line[-1] not in rules.line_complete)
        and end not in line[:-1]
    )


def sentences(
    text: str, *, lexicon: Lexicon | None = None, layout: list[Block] | None = None
) -> list[Sentence]:
    """Sentences of normalised ``text``, in order, skipping page chrome and captions.

    ``layout`` are the text's blocks if already computed.
    """
    rules = _rules(lexicon or default_lexicon())
    out: list[Sentence] = []
    if layout is None:
        layout = blocks(text, lexicon=lexicon)
    for index, block in enumerate(layout):
        if block.kind in UNREAD:
            continue
        current: list[Piece] = []
        for s, e in block.pieces:
            pos = s
            for m in rules.terminator.finditer(text, s, e):
                current.append((pos, m.end()))
                out.append(_sentence(current, index))
                current = []
                pos = m.end()
            if pos < e:
                current.append((pos, e))
        if current:
            out.append(_sentence(current, index))
    return [s for s in out if s.end > s.start]


def _sentence(pieces: list[Piece], block: int) -> Sentence:
    trimmed = [(s, e) for s, e in pieces if e > s]
    return Sentence(trimmed[0][0], trimmed[-1][1], tuple(trimmed), block)
