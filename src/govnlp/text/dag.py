"""Word boundaries of jieba's cut (HMM off), found on its dictionary without building words.

This re-implements jieba 0.42's word graph and best route and reads jieba internals (the
tokenizer's ``FREQ`` and ``total``, the module's ``re_han_default``, ``re_skip_default`` and
``re_eng``): :func:`check_jieba` makes sure the jieba in use has them.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterator, Sequence
from types import ModuleType
from typing import TYPE_CHECKING

from govnlp.errors import DependencyError

if TYPE_CHECKING:
    from jieba import Tokenizer as JiebaTokenizer

# the jieba versions whose internals DagCuts reads (as pinned in pyproject.toml)
SUPPORTED_JIEBA = ">=0.42.1,<0.43"
_LOWEST = (0, 42, 1)
_BEYOND = (0, 43)
# what DagCuts reads from the jieba module and from a jieba.Tokenizer
MODULE_NEEDS = ("re_han_default", "re_skip_default", "re_eng")
TOKENIZER_NEEDS = ("FREQ", "total")


def jieba_version(module: ModuleType) -> str:
    """The version of a jieba module as it states it ("unknown" if it does not)."""
    return str(getattr(module, "__version__", "unknown"))


def check_jieba(
    module: ModuleType,
    tok: object,
    *,
    module_needs: Sequence[str] = MODULE_NEEDS,
    tokenizer_needs: Sequence[str] = TOKENIZER_NEEDS,
    check_version: bool = True,
) -> None:
    """Raise :class:`~govnlp.errors.DependencyError` unless jieba ``module`` (and its tokenizer
    ``tok``) has the attributes named, and, with ``check_version``, is one of the
    :data:`SUPPORTED_JIEBA` versions."""
    version = jieba_version(module)
    missing = [f"jieba.{n}" for n in module_needs if not hasattr(module, n)]
    missing += [f"jieba.Tokenizer.{n}" for n in tokenizer_needs if not hasattr(tok, n)]
    numbers = tuple(int(n) for n in re.findall(r"[0-9]+", version)[:3])
    supported = _LOWEST <= numbers < _BEYOND
    if missing or (check_version and not supported):
        lacks = f", which lacks {', '.join(missing)}" if missing else ""
        raise DependencyError(
            f"govnlp relies on internals of jieba {SUPPORTED_JIEBA}; found jieba {version}{lacks}."
            f" Install a supported version: pip install 'jieba{SUPPORTED_JIEBA}'"
        )


_Head = tuple[int, float, tuple[tuple[int, float], ...], bool, int]


_FAR = 1 << 30  # how far words may reach from a position where words of any length may start


class DagCuts:
    """Word boundaries of ``jieba.Tokenizer.cut(text, HMM=False)`` (jieba 0.42), found on the
    tokenizer's dictionary without building the words.

    Same blocks, same word graph and same best route as jieba, with the scores summed in the
    same order, so that ties go the same way; single letters and digits in a row are one word,
    as in jieba.
    """

    MEMO_SIZE = 1 << 18  # entries the memo holds before it starts over
    HEAD = 3  # characters looked up at once

    def __init__(self, tok: JiebaTokenizer) -> None:
        import jieba as jieba_module

        check_jieba(jieba_module, tok)
        self.freq: dict[str, int] = tok.FREQ
        self.total: int = tok.total
        self.logtotal = math.log(tok.total)
        # the first HEAD characters from a position -> its first word (length and score, the
        # character alone if there is none), its other words, whether the dictionary holds
        # all HEAD characters (so that longer words may follow) and how far its words may reach
        # (the length of the longest, or _FAR if longer words may follow); a score is
        # log(freq) - log(total), the character alone (no word) log(1) - log(total)
        self.heads: dict[str, _Head] = {}
        self.han: re.Pattern[str] = jieba_module.re_han_default
        self.skip: re.Pattern[str] = jieba_module.re_skip_default
        eng = jieba_module.re_eng
        # jieba merges single-character words matching re_eng (ASCII letters and digits)
        self.eng = frozenset(c for c in map(chr, range(128)) if eng.match(c))
        self.has_eng = re.compile("[" + re.escape("".join(sorted(self.eng))) + "]").search

    def boundaries(self, text: str) -> set[int]:
        """0 and the end offset of every word jieba cuts ``text`` into (HMM off)."""
        return set(self.ends(text))

    def ends(self, text: str) -> list[int]:
        """:meth:`boundaries` of ``text`` in ascending order."""
        han = self.han
        if han.fullmatch(text):  # most texts read are one block of Chinese
            return [0, *self._han_block(text)]
        out = [0]
        pos = 0
        for block in han.split(text):
            if not block:
                continue
            n = len(block)
            if han.match(block):
                cuts = self._han_block(block)
                out.extend([pos + i for i in cuts] if pos else cuts)
            elif "\r\n" in block:  # jieba keeps \r\n as one word
                end = pos
                for piece in self.skip.split(block):
                    if self.skip.match(piece):
                        end += len(piece)
                        out.append(end)
                    else:
                        out.extend(range(end + 1, end + len(piece) + 1))
                        end += len(piece)
            else:  # every other character is a word of its own
                out.extend(range(pos + 1, pos + n + 1))
            pos += n
        return out

    def on_boundaries(self, text: str, start: int, end: int) -> tuple[bool, bool]:
        """Whether ``start`` and ``end`` (0 <= start <= end <= len(text)) are in
        :meth:`boundaries` of ``text``."""
        on_start = on_end = None
        for m in self.han.finditer(text):
            a, b = m.span()
            if a >= end:
                break
            start_inside = a < start < b
            end_inside = a < end < b
            if not (start_inside or end_inside):
                continue
            # only a block of Chinese has words of several characters
            block = text[a:b]
            inside = [p - a for p, i in ((start, start_inside), (end, end_inside)) if i]
            if self._uncrossed(block, inside):  # no word spans them: they are boundaries
                on_start = True if start_inside else on_start
                on_end = True if end_inside else on_end
                continue
            ends = self._han_block(block)
            if start_inside:
                on_start = start - a in ends
            if end_inside:
                on_end = end - a in ends
        # between blocks, only \r\n is one word of two characters
        if on_start is None:
            on_start = start <= 0 or text[start - 1 : start + 1] != "\r\n"
        if on_end is None:
            on_end = end <= 0 or text[end - 1 : end + 1] != "\r\n"
        return on_start, on_end

    def _uncrossed(self, block: str, offsets: list[int]) -> bool:
        """Whether no word of the block's graph spans any of the (ascending) offsets and none
        lies between two letters or digits (which jieba would join): then the best route,
        whatever it is, ends a word at each of them."""
        heads = self.heads.get
        head = self.HEAD
        eng = self.eng
        farthest = 0  # the farthest end of a word starting before k
        k = 0
        for p in offsets:
            while k < p:
                key = block[k : k + head]
                found = heads(key)
                if found is None:
                    found = self._head(key)
                reach = found[4] if found[4] != _FAR else self._reach(block, k, found)
                if k + reach > farthest:
                    farthest = k + reach
                    if farthest > p:
                        return False
                k += 1
            if block[p - 1] in eng and block[p] in eng:
                return False
        return True

    def _han_block(self, block: str) -> list[int]:
        """The word ends in a block of Chinese characters, letters and digits."""
        n = len(block)
        if n == 1:
            return [1]
        heads = self.heads.get
        head = self.HEAD
        # value[k], last[k]: score of the best route from k and the end of its first word; as
        # in jieba.Tokenizer.calc, a tie goes to the longer first word
        value = [0.0] * (n + 1)
        last = [0] * (n + 1)
        for k in range(n - 1, -1, -1):
            found = heads(block[k : k + head]) or self._head(block[k : k + head])
            length, score, others, more, _ = found
            if more:
                value[k], last[k] = self._tail(block, k, found, value)
            elif others:
                best_value = score + value[k + length]
                best_last = k + length
                for length, score in others:
                    v = score + value[k + length]
                    if v >= best_value:
                        best_value = v
                        best_last = k + length
                value[k] = best_value
                last[k] = best_last
            else:  # one word from k
                value[k] = score + value[k + length]
                last[k] = k + length
        out: list[int] = []
        k = 0
        if self.has_eng(block) is None:  # no letters or digits: no words to join
            while k < n:
                k = last[k]
                out.append(k)
            return out
        eng = self.eng
        merging = False  # the word before k is a single letter or digit
        while k < n:
            j = last[k]
            single = j - k == 1 and block[k] in eng
            if single and merging:
                out.pop()
            out.append(j)
            merging = single
            k = j
        return out

    def _head(self, key: str) -> _Head:
        """The words among the prefixes of ``key`` (see ``heads``)."""
        freq = self.freq
        logtotal = self.logtotal
        edges = []
        more = len(key) == self.HEAD
        for length in range(1, len(key) + 1):
            count = freq.get(key[:length])
            if count is None:  # neither a word nor the prefix of one
                more = False
                break
            if count:
                edges.append((length, math.log(count) - logtotal))
        # without words the character alone, unless a longer word may follow (length 0)
        first = edges[0] if edges else (0, 0.0) if more else (1, -logtotal)
        reach = _FAR if more else edges[-1][0] if edges else 1
        found = (*first, tuple(edges[1:]), more, reach)
        heads = self.heads
        if len(heads) >= self.MEMO_SIZE:
            heads.clear()
        heads[key] = found
        return found

    def _reach(self, block: str, k: int, head: _Head) -> int:
        """The length of the longest word from ``k`` in the block (1 if there is none)."""
        first_length, _, others, _, _ = head
        reach = others[-1][0] if others else first_length or 1
        for end, _ in self._long_words(block, k):
            reach = end - k
        return reach

    def _long_words(self, block: str, k: int) -> Iterator[tuple[int, float]]:
        """(end, score) of the words from ``k`` in the block longer than HEAD characters."""
        freq = self.freq
        n = len(block)
        i = k + self.HEAD
        while i < n:
            i += 1
            count = freq.get(block[k:i])
            if count is None:
                return
            if count:
                yield i, math.log(count) - self.logtotal

    def _tail(self, block: str, k: int, head: _Head, value: list[float]) -> tuple[float, int]:
        """The score of the best route from ``k`` and the end of its first word, for a
        position where words longer than HEAD may start."""
        first_length, first_score, others, _, _ = head
        best_value = 0.0
        best_last = 0
        if first_length:
            best_value, best_last = first_score + value[k + first_length], k + first_length
        for length, score in others:
            v = score + value[k + length]
            if not best_last or v >= best_value:
                best_value, best_last = v, k + length
        freq = self.freq
        n = len(block)
        i = k + self.HEAD
        while i < n:  # the words longer than HEAD (see _long_words)
            i += 1
            count = freq.get(block[k:i])
            if count is None:
                break
            if count:
                v = math.log(count) - self.logtotal + value[i]
                if not best_last or v >= best_value:
                    best_value, best_last = v, i
        if not best_last:  # no word starts here: the character alone, frequency 1
            best_value, best_last = -self.logtotal + value[k + 1], k + 1
        return best_value, best_last
