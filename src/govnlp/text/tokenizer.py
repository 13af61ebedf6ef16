"""Word segmentation with a private jieba dictionary extended by govnlp's lexicons.

Figures (a number with its magnitude, qualifier and unit) are cut out first and kept whole;
jieba segments the text between them. The jieba dictionary is never the global ``jieba.dt``.
"""

from __future__ import annotations

import functools
import logging
import re
import threading
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any

from govnlp.errors import check_text
from govnlp.lexicon import Lexicon, default_lexicon
from govnlp.text import jieba_cache
from govnlp.text.dag import DagCuts
from govnlp.text.normalize import normalize
from govnlp.text.place_names import admin_divisions, has_admin_divisions

if TYPE_CHECKING:
    from jieba import Tokenizer as JiebaTokenizer

logger = logging.getLogger(__name__)

# a line of jieba's dictionary file whose part of speech is not a noun: word, frequency, tag
_NOT_NOUN_LINE = re.compile(r"^(\S+) \d+ ([a-mo-z]\w*)$", re.M)


@functools.cache
def _figure_pattern(lexicon: Lexicon) -> re.Pattern[str]:
    """Numbers with magnitude, qualifier and unit, kept as one token."""
    rules = lexicon.segmentation_rules["tokenizer"]
    units = sorted(
        [*lexicon.currencies, *lexicon.physical_units, *lexicon.classifiers,
         *rules["extra_units"]],
        key=len,
        reverse=True,
    )  # fmt: skip
    digits = "".join(sorted(set(lexicon.numerals) | set(lexicon.magnitudes)))
    number = r"[-+]?[0-9]+(?:,[0-9]{3})*(?:\.[0-9]+)?"  # Arabic number, thousands and decimals
    about = f"(?:[{_chars(rules['approximate'])}])?"
    magnitude = f"{about}(?:{_either(rules['magnitudes'])})?{about}"  # 余/多 on either side
    unit = f"(?:{_either([*rules['percent_signs'], *units])})?"  # unit or measure word
    # 百分之三十七点四一
    spelled = f"{re.escape(rules['percent_prefix'])}[{_chars(digits + rules['decimal_point'])}]+"
    return re.compile(f"{number}{magnitude}{unit}|{spelled}")


def _chars(chars: Iterable[str]) -> str:
    """The inside of a character class of ``chars``."""
    return "".join(re.escape(c) for c in chars)


def _either(words: Iterable[str]) -> str:
    """An alternation of ``words``, in their order."""
    return "|".join(re.escape(w) for w in words)


def place_terms(lexicon: Lexicon) -> Iterator[tuple[str, int]]:
    """Gazetteer names (full and short) with their frequencies for the segmenter, if the
    lexicon has a gazetteer."""
    if not has_admin_divisions(lexicon):
        return
    rules = lexicon.segmentation_rules["tokenizer"]
    place_freq, short_freq = int(rules["place_freq"]), int(rules["short_place_freq"])
    for row in admin_divisions(lexicon):
        yield row["name"], place_freq
        for short in filter(None, row["short_names"].split("|")):
            yield short, short_freq


class Tokenizer:
    """Segments Chinese government text; owns a private ``jieba.Tokenizer``.

    The jieba dictionary is built on first use (once per Tokenizer); jieba's part of it is cached
    in a private folder only (see :mod:`govnlp.text.jieba_cache`).
    """

    def __init__(self, *, lexicon: Lexicon | None = None, hmm: bool = True) -> None:
        self.lexicon = lexicon or default_lexicon()
        self.hmm = hmm
        self._jieba: JiebaTokenizer | None = None
        self._cuts: DagCuts | None = None
        self._classes: dict[str, str] | None = None
        self._ends: dict[str, frozenset[str]] = {}  # last characters of words by part of speech
        self._lock = threading.Lock()

    def __getstate__(self) -> dict[str, Any]:
        return {"lexicon": self.lexicon, "hmm": self.hmm}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__init__(lexicon=state["lexicon"], hmm=state["hmm"])  # type: ignore[misc]

    @property
    def jieba(self) -> JiebaTokenizer:
        """The private jieba tokenizer, built on first access."""
        if self._jieba is None:
            with self._lock:
                if self._jieba is None:
                    self._jieba = self._build()
        return self._jieba

    def _build(self) -> JiebaTokenizer:
        import jieba as jieba_module

        tok = jieba_module.Tokenizer()
        jieba_cache.initialize(tok)
        for term in self.lexicon.domain_terms:
            tok.add_word(term.text, term.freq, term.pos)
        for name, freq in place_terms(self.lexicon):
            if name not in tok.FREQ or not tok.FREQ[name]:
                tok.add_word(name, freq, "ns")
        logger.debug("jieba dictionary ready (%d entries)", len(tok.FREQ))
        return tok

    def spans(self, text: str) -> list[tuple[int, int]]:
        """Token offsets (start, end) into ``text``; white space is not a token."""
        norm = normalize(text, lexicon=self.lexicon)
        cut = self.jieba.cut
        out: list[tuple[int, int]] = []
        pos = 0

        def gap(start: int, end: int) -> None:
            i = start
            for word in cut(norm[start:end], HMM=self.hmm):
                j = i + len(word)
                if not word.isspace():
                    out.append((i, j))
                i = j

        for m in _figure_pattern(self.lexicon).finditer(norm):
            if m.start() > pos:
                gap(pos, m.start())
            out.append(m.span())
            pos = m.end()
        if pos < len(norm):
            gap(pos, len(norm))
        return out

    def words(self, norm: str) -> list[str]:
        """Words of a short, already normalised text (no figure protection, no HMM): the fast
        path for looking at the few words around a figure or a place name."""
        return [w for w in self.jieba.cut(norm, HMM=False) if not w.isspace()]

    def boundaries(self, norm: str) -> set[int]:
        """Word boundaries of a short, already normalised text: 0 and the end offset of every
        word of :meth:`words` (white space included)."""
        return self._dag_cuts().boundaries(norm)

    def word_ends(self, norm: str) -> list[int]:
        """:meth:`boundaries` of a short, already normalised text, in ascending order."""
        return self._dag_cuts().ends(norm)

    def on_boundaries(self, norm: str, start: int, end: int) -> tuple[bool, bool]:
        """Whether offsets ``start`` <= ``end`` of a short, already normalised text are word
        boundaries (in :meth:`boundaries`)."""
        return self._dag_cuts().on_boundaries(norm, start, end)

    def _dag_cuts(self) -> DagCuts:
        """The boundary finder over the current jieba dictionary."""
        tok = self.jieba
        cuts = self._cuts
        if cuts is None or cuts.total != tok.total:  # built, or the dictionary grew
            cuts = self._cuts = DagCuts(tok)
        return cuts

    def word_class(self, word: str) -> str:
        """The part of speech of ``word`` in jieba's tag set (``v`` verb, ``d`` adverb, ``p``
        preposition, ``m`` numeral …): govnlp's domain terms and place names first, then jieba's
        dictionary; ``n`` for every other word of the dictionary, ``""`` for a word it lacks."""
        classes = self._classes
        tag = (self._class_table() if classes is None else classes).get(word)
        if tag is not None:
            return tag
        return "n" if self.jieba.FREQ.get(word) else ""

    def last_chars(self, cls: str) -> frozenset[str]:
        """The characters that end a word of part of speech ``cls`` (``d``: 都, 也, 已 …)."""
        ends = self._ends.get(cls)
        if ends is None:
            table = self._class_table()
            ends = self._ends[cls] = frozenset(w[-1] for w, c in table.items() if c == cls and w)
        return ends

    def _class_table(self) -> dict[str, str]:
        """Parts of speech by word (the words tagged other than ``n``), read on first use."""
        classes = self._classes
        if classes is None:
            tok = self.jieba  # built outside the lock, which building takes
            with self._lock:
                if self._classes is None:
                    self._classes = self._read_classes(tok)
            classes = self._classes
        return classes

    def _read_classes(self, tok: JiebaTokenizer) -> dict[str, str]:
        with tok.get_dict_file() as fh:
            text = fh.read().decode("utf-8")
        classes = dict(_NOT_NOUN_LINE.findall(text))
        for term in self.lexicon.domain_terms:
            classes[term.text] = term.pos
        return classes

    def tokenize(self, text: str) -> list[str]:
        """The tokens of ``text`` as strings of the original characters."""
        return [text[s:e] for s, e in self.spans(text)]


@functools.cache
def default_tokenizer_for(lexicon: Lexicon) -> Tokenizer:
    """One tokenizer per lexicon and process, built lazily."""
    return Tokenizer(lexicon=lexicon)


def default_tokenizer() -> Tokenizer:
    """The process-wide tokenizer behind :func:`tokenize` (built lazily)."""
    return default_tokenizer_for(default_lexicon())


def tokenize(text: str) -> list[str]:
    """Segment ``text`` into words; figures and government-report terms stay whole.

    >>> tokenize("全县347名分包干部")
    ['全县', '347名', '分包干部']
    """
    check_text(text)
    return default_tokenizer().tokenize(text)
