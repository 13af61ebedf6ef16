"""spaCy adapter: the govnlp tokenizer and pipeline components.

Extraction runs on plain strings elsewhere in govnlp; this module only wraps it for spaCy.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, cast

from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.vocab import Vocab

from govnlp.errors import LONE_SURROGATE, ArgumentError, check_text
from govnlp.lexicon import Lexicon, default_lexicon, load_lexicon
from govnlp.text.tokenizer import Tokenizer

SPAN_KEY = "govnlp"
TOKENIZER_NAME = "govnlp.JiebaTokenizer.v1"


class GovnlpSpacyTokenizer:
    """A spaCy tokenizer producing govnlp's segmentation; white space becomes ``Doc`` spaces."""

    def __init__(self, vocab: Vocab, *, lexicon: Lexicon | None = None, hmm: bool = True) -> None:
        self.vocab = vocab
        self.tokenizer = Tokenizer(lexicon=lexicon, hmm=hmm)

    def __call__(self, text: str) -> Doc:
        check_text(text)
        lone = LONE_SURROGATE.search(text)
        if lone is not None:  # spaCy stores words as UTF-8: it raised UnicodeEncodeError
            raise ArgumentError(
                f"text holds a lone surrogate (U+{ord(lone[0]):04X}) at character "
                f"{lone.start()}, which a spaCy Doc cannot store; replace it first, e.g. "
                "text.encode('utf-8', 'replace').decode('utf-8')"
            )
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


_FIELDS = ("kind", "value", "value_high", "unit", "qualifier", "county", "county_code",
           "prefecture", "province", "subject", "metric", "indicator", "period", "year",
           "role")  # fmt: skip
_USER_KEY = "govnlp"


def _span_record(span: Span) -> dict[str, Any] | None:
    """The figure record stored for a span (plain values; Decimal values as strings)."""
    user_data = cast("dict[Any, Any]", span.doc.user_data)
    data = user_data.get((_USER_KEY, span.start_char, span.end_char))
    return dict(zip(_FIELDS, data, strict=True)) if data is not None else None


def _span_value(span: Span) -> Any:
    from decimal import Decimal

    record = _span_record(span)
    return Decimal(record["value"]) if record else None


def _register_extensions() -> None:
    """Span attributes read from ``doc.user_data``, so they survive n_process and DocBin."""
    Span.set_extension("govnlp", getter=_span_record, force=True)
    Span.set_extension("govnlp_value", getter=_span_value, force=True)
    fields = ("unit", "qualifier", "county", "subject", "metric", "indicator", "period", "role")
    for field in fields:
        Span.set_extension(f"govnlp_{field}", getter=_field_getter(field), force=True)


def _field_getter(field: str) -> Callable[[Span], Any]:
    """A getter of one field of a span's record."""

    def get(span: Span) -> Any:
        return (_span_record(span) or {}).get(field)

    return get


class FiguresComponent:
    """Puts every figure in ``doc.spans["govnlp"]`` (label MONEY, PERCENT, COUNT, QUANTITY).

    With ``records`` (the default) each span also carries the record's county, subject, metric,
    period and role (``span._.govnlp``); without it only the figure itself.
    """

    def __init__(self, nlp: Language, name: str, records: bool, lexicon_path: str | None) -> None:
        self.name = name
        self.records = records
        self.lexicon = load_lexicon(lexicon_path) if lexicon_path else default_lexicon()
        _register_extensions()

    def __call__(self, doc: Doc) -> Doc:
        from govnlp.extraction import extract
        from govnlp.figures.find import find_figures

        spans = []
        items: list[Any] = (
            extract(doc.text, lexicon=self.lexicon)
            if self.records
            else find_figures(doc.text, lexicon=self.lexicon)
        )
        for item in items:
            span = doc.char_span(item.start, item.end, label=item.kind.name,
                                 alignment_mode="expand")  # fmt: skip
            if span is None:
                continue
            spans.append(span)
            cast("dict[Any, Any]", doc.user_data)[(_USER_KEY, item.start, item.end)] = [
                _plain(getattr(item, f, None)) for f in _FIELDS
            ]
        doc.spans[SPAN_KEY] = spans
        return doc


def _plain(value: Any) -> Any:
    """A msgpack-friendly form: enums to their value, Decimal to str."""
    from decimal import Decimal

    if hasattr(value, "value") and not isinstance(value, Decimal):
        return value.value
    if isinstance(value, Decimal):
        return str(value)
    return value


@Language.factory(
    "govnlp_figures",
    default_config={"records": True, "lexicon_path": None},
)
def make_figures(
    nlp: Language, name: str, records: bool, lexicon_path: str | None
) -> FiguresComponent:
    """spaCy factory ``govnlp_figures`` (published as an entry point)."""
    return FiguresComponent(nlp, name, records, lexicon_path)


MAX_LENGTH = 5_000_000  # characters of a text the pipeline reads (a dense one takes 2-3 GB)


def load(*, components: bool = True) -> Language:
    """A ``spacy.blank("zh")`` pipeline with govnlp's tokenizer and its figures component.

    Nothing is downloaded. Figures are stored in ``doc.spans["govnlp"]``; ``span._.govnlp`` holds
    each one's record. With ``components=False`` the pipeline only tokenizes. A text may have
    up to :data:`MAX_LENGTH` characters (spaCy's 1,000,000 guards the memory of a parser, which
    this pipeline has not: a whole work report or bulletin is read as one document).
    """
    import spacy
    from spacy.util import registry

    if TOKENIZER_NAME not in registry.tokenizers:  # running from a source tree
        registry.tokenizers.register(TOKENIZER_NAME, func=create_tokenizer)
    config = {"nlp": {"tokenizer": {"@tokenizers": TOKENIZER_NAME}}}
    nlp = spacy.blank("zh", config=config)
    nlp.max_length = MAX_LENGTH
    if components:
        nlp.add_pipe("govnlp_figures")
    return nlp
