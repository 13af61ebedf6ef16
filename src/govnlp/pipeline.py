"""spaCy adapter: the govnlp tokenizer and pipeline components.

Extraction runs on plain strings elsewhere in govnlp; this module only wraps it for spaCy.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc
from spacy.vocab import Vocab

from govnlp.lexicon import Lexicon, default_lexicon, load_lexicon
from govnlp.tokenizer import Tokenizer

SPAN_KEY = "govnlp"
TOKENIZER_NAME = "govnlp.JiebaTokenizer.v1"


class GovnlpSpacyTokenizer:
    """A spaCy tokenizer producing govnlp's segmentation; white space becomes ``Doc`` spaces."""

    def __init__(self, vocab: Vocab, *, lexicon: Lexicon | None = None, hmm: bool = True) -> None:
        self.vocab = vocab
        self.tokenizer = Tokenizer(lexicon=lexicon, hmm=hmm)

    def __call__(self, text: str) -> Doc:
        words: list[str] = []
        spaces: list[bool] = []
        pos = 0
        for start, end in self.tokenizer.spans(text):
            if start > pos:
                _add_whitespace(text[pos:start], words, spaces)
            words.append(text[start:end])
            spaces.append(False)
            pos = end
        if pos < len(text):
            _add_whitespace(text[pos:], words, spaces)
        return Doc(self.vocab, words=words, spaces=spaces)

    def pipe(self, texts: Any, batch_size: int = 1000) -> Any:
        for text in texts:
            yield self(text)

    def to_bytes(self, **kwargs: Any) -> bytes:
        return b""

    def from_bytes(self, data: bytes, **kwargs: Any) -> GovnlpSpacyTokenizer:
        return self

    def to_disk(self, path: str | Path, **kwargs: Any) -> None:
        Path(path).mkdir(parents=True, exist_ok=True)

    def from_disk(self, path: str | Path, **kwargs: Any) -> GovnlpSpacyTokenizer:
        return self


def _add_whitespace(chunk: str, words: list[str], spaces: list[bool]) -> None:
    """Attach one trailing space to the previous token, else add a white-space token."""
    if chunk == " " and words and not spaces[-1]:
        spaces[-1] = True
    else:
        words.append(chunk)
        spaces.append(False)


def create_tokenizer(
    lexicon_path: str | None = None, hmm: bool = True
) -> Callable[[Language], GovnlpSpacyTokenizer]:
    """spaCy registry entry ``govnlp.JiebaTokenizer.v1`` (published as an entry point)."""

    def make(nlp: Language) -> GovnlpSpacyTokenizer:
        lexicon = load_lexicon(lexicon_path) if lexicon_path else default_lexicon()
        return GovnlpSpacyTokenizer(nlp.vocab, lexicon=lexicon, hmm=hmm)

    return make


def load(*, components: bool = True) -> Language:
    """A ``spacy.blank("zh")`` pipeline with govnlp's tokenizer (and its components).

    Nothing is downloaded. Figures are stored in ``doc.spans["govnlp"]``.
    """
    import spacy

    if TOKENIZER_NAME not in spacy.registry.tokenizers:  # running from a source tree
        spacy.registry.tokenizers.register(TOKENIZER_NAME, func=create_tokenizer)
    config = {"nlp": {"tokenizer": {"@tokenizers": TOKENIZER_NAME}}}
    nlp = spacy.blank("zh", config=config)
    return nlp
