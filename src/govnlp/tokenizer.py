"""Word segmentation with a private jieba dictionary extended by govnlp's lexicons.

Figures (a number with its magnitude, qualifier and unit) are cut out first and kept whole;
jieba segments the text between them. The jieba dictionary is never the global ``jieba.dt``.
"""

from __future__ import annotations

import functools
import logging
import os
import re
import tempfile
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from govnlp._version import __version__
from govnlp.lexicon import Lexicon, default_lexicon
from govnlp.textnorm import normalize

if TYPE_CHECKING:
    import jieba

logger = logging.getLogger(__name__)

PLACE_FREQ = 2000
SHORT_PLACE_FREQ = 300


def cache_dir() -> Path:
    """A writable folder for jieba's dictionary cache (``GOVNLP_CACHE_DIR`` overrides it)."""
    env = os.environ.get("GOVNLP_CACHE_DIR")
    base = Path(env) if env else Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache"))
    path = base if env else base / "govnlp"
    try:
        path.mkdir(parents=True, exist_ok=True)
        if os.access(path, os.W_OK):
            return path
    except OSError:
        pass
    return Path(tempfile.gettempdir())


@functools.cache
def _figure_pattern(lexicon: Lexicon) -> re.Pattern[str]:
    """Numbers with magnitude, qualifier and unit, kept as one token."""
    units = sorted(
        [*lexicon.currencies, *lexicon.physical_units, *lexicon.classifiers, "个百分点"],
        key=len,
        reverse=True,
    )
    digits = "".join(sorted(set(lexicon.numerals) | set(lexicon.magnitudes)))
    return re.compile(
        r"""
        [-+]?[0-9]+(?:,[0-9]{3})*(?:\.[0-9]+)?   # Arabic number, thousands and decimals
        (?:[余多])?(?:万亿|万|亿|千|百)?(?:[余多])?   # magnitude, with 余/多 on either side
        (?:%|‰|"""
        + "|".join(re.escape(u) for u in units)
        + r""")?                                  # unit or measure word
        | 百分之["""
        + digits
        + r"""点]+            # 百分之三十七点四一
        """,
        re.VERBOSE,
    )


def place_terms(lexicon: Lexicon) -> Iterator[tuple[str, int]]:
    """Gazetteer names (full and short) for the segmenter, if the gazetteer is present."""
    path = lexicon.path("places", "admin_divisions.tsv")
    if not path.exists():
        return
    from govnlp.lexicon import read_tsv

    with path.open(encoding="utf-8") as fh:
        header = next(line for line in fh if not line.startswith("#")).rstrip("\n").split("\t")
    for row in read_tsv(path, header):
        yield row["name"], PLACE_FREQ
        for short in filter(None, row.get("short_names", "").split("|")):
            yield short, SHORT_PLACE_FREQ


class Tokenizer:
    """Segments Chinese government text; owns a private ``jieba.Tokenizer``.

    The jieba dictionary is built on first use (once per Tokenizer), with its cache file in
    :func:`cache_dir` keyed by the jieba and govnlp versions.
    """

    def __init__(self, *, lexicon: Lexicon | None = None, hmm: bool = True) -> None:
        self.lexicon = lexicon or default_lexicon()
        self.hmm = hmm
        self._jieba: jieba.Tokenizer | None = None
        self._lock = threading.Lock()

    def __getstate__(self) -> dict[str, Any]:
        return {"lexicon": self.lexicon, "hmm": self.hmm}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__init__(lexicon=state["lexicon"], hmm=state["hmm"])  # type: ignore[misc]

    @property
    def jieba(self) -> jieba.Tokenizer:
        """The private jieba tokenizer, built on first access."""
        if self._jieba is None:
            with self._lock:
                if self._jieba is None:
                    self._jieba = self._build()
        return self._jieba

    def _build(self) -> jieba.Tokenizer:
        import jieba as jieba_module

        tok = jieba_module.Tokenizer()
        tok.tmp_dir = str(cache_dir())
        tok.cache_file = f"govnlp-jieba-{jieba_module.__version__}-{__version__}.cache"
        jieba_logger = logging.getLogger("jieba")
        level = jieba_logger.level
        jieba_logger.setLevel(logging.WARNING)
        try:
            tok.initialize()
        finally:
            jieba_logger.setLevel(level)
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
        """Word boundaries of a short, already normalised text (see :meth:`words`)."""
        out = {0}
        pos = 0
        for w in self.jieba.cut(norm, HMM=False):
            pos += len(w)
            out.add(pos)
        return out

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
    return default_tokenizer().tokenize(text)
