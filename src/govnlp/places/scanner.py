"""Finding every occurrence of a set of words in a text, leftmost and longest first."""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any


class Scanner:
    """Leftmost-longest, non-overlapping matches of a set of words of two or more characters.

    A match can only start where the text has the first two characters of a word; those places
    are found in C (a regular expression on short texts, numpy on long ones) and only there is
    the character trie walked.
    """

    LONG = 200  # characters from which numpy finds the places faster than a regex

    def __init__(self, words: Iterable[str]) -> None:
        words = list(words)
        if any(len(w) < 2 for w in words):
            raise ValueError("words of one character are not supported")
        self.trie = word_trie(words)
        self.heads = frozenset(w[:2] for w in words)
        firsts = sorted({w[0] for w in words})
        seconds = sorted({w[1] for w in words})
        # every pair of a first and a second character (a few are the start of a word)
        self.pairs = re.compile(f"(?=([{_char_class(firsts)}][{_char_class(seconds)}]))")
        self._tables: tuple[Any, Any, Any, int] | None = None
        self._firsts, self._seconds = firsts, seconds

    def heads_in(self, text: str) -> frozenset[str] | None:
        """The first two characters of words that occur in a short ``text`` (None for a long
        one, which is looked at otherwise)."""
        if len(text) >= self.LONG:
            return None
        return self.heads.intersection(self.pairs.findall(text))

    def scan(self, text: str, heads: frozenset[str] | None = None) -> list[tuple[int, int]]:
        """(start, end) of the matches in order of their start, each the longest at its start,
        overlapping ones included (从江 and 江北区 in 从江北区: the caller chooses);
        ``heads``: :meth:`heads_in` of the text, when known."""
        out: list[tuple[int, int]] = []
        n = len(text)
        trie = self.trie
        for i in self._starts(text, heads):
            node = trie[text[i]]
            end, j = 0, i + 1
            while True:
                if "" in node:
                    end = j
                if j >= n:
                    break
                node = node.get(text[j])
                if node is None:
                    break
                j += 1
            if end:
                out.append((i, end))
        return out

    def _starts(self, text: str, heads: frozenset[str] | None = None) -> Iterable[int]:
        """Offsets where the text has the first two characters of a word, in order."""
        if not self.heads:
            return []
        if len(text) < self.LONG:
            found = heads if heads is not None else self.heads_in(text)
            if not found:
                return []
            out = []
            for head in found:
                i = text.find(head)
                while i >= 0:
                    out.append(i)
                    i = text.find(head, i + 1)
            out.sort()
            return out
        import numpy as np

        first_row, second_col, pairs, size = self._tables or self._build_tables()
        codes = np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
        codes = np.minimum(codes, size - 1)
        hits = pairs[first_row[codes[:-1]] + second_col[codes[1:]]]
        return np.flatnonzero(hits).tolist()

    def _build_tables(self) -> tuple[Any, Any, Any, int]:
        """Code point -> row of its first-character id and column of its second-character id
        in a table of the word beginnings (row and column 0: no word begins so)."""
        import numpy as np

        firsts, seconds = self._firsts, self._seconds
        size = max(ord(c) for c in firsts + seconds) + 2  # the last code: any other character
        width = len(seconds) + 1
        first_row = np.zeros(size, dtype=np.intp)
        second_col = np.zeros(size, dtype=np.intp)
        for i, c in enumerate(firsts, start=1):
            first_row[ord(c)] = i * width
        for i, c in enumerate(seconds, start=1):
            second_col[ord(c)] = i
        pairs = np.zeros((len(firsts) + 1) * width, dtype=bool)
        for head in self.heads:
            pairs[first_row[ord(head[0])] + second_col[ord(head[1])]] = True
        self._tables = (first_row, second_col, pairs, size)
        return self._tables


def word_trie(words: Iterable[str]) -> dict[str, Any]:
    """A character trie of ``words``; the key ``""`` marks the end of a word."""
    trie: dict[str, Any] = {}
    for word in words:
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = True
    return trie


def _char_class(chars: Iterable[str]) -> str:
    """The inside of a regular expression character class of ``chars``."""
    return "".join(re.escape(c) for c in chars)
