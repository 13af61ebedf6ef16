"""govnlp: figures, places, subjects and metrics from Chinese government texts, as data.

Importing govnlp does no work: every name below is loaded on first use.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from govnlp._version import __version__

if TYPE_CHECKING:
    from govnlp.analysis.audit import audit, panel
    from govnlp.analysis.indicators import indicators
    from govnlp.extraction import extract, extract_frame
    from govnlp.figures.find import find_figures
    from govnlp.figures.numerals import parse_number
    from govnlp.figures.parse import (
        parse_count,
        parse_figure,
        parse_money,
        parse_percent,
        parse_quantity,
    )
    from govnlp.frame import to_frame
    from govnlp.integrations.notebook import render, use_cjk_font
    from govnlp.integrations.spacy import load
    from govnlp.io.corpus import read_corpus
    from govnlp.io.export import to_csv, to_stata
    from govnlp.lexicon import default_lexicon, load_lexicon
    from govnlp.places.find import find_places
    from govnlp.progressbar import progress
    from govnlp.records import Records
    from govnlp.text.normalize import normalize
    from govnlp.text.segment import sentences
    from govnlp.text.tokenizer import Tokenizer, tokenize

_EXPORTS = {
    "Records": "govnlp.records",
    "render": "govnlp.integrations.notebook",
    "use_cjk_font": "govnlp.integrations.notebook",
    "progress": "govnlp.progressbar",
    "to_stata": "govnlp.io.export",
    "to_csv": "govnlp.io.export",
    "audit": "govnlp.analysis.audit",
    "panel": "govnlp.analysis.audit",
    "indicators": "govnlp.analysis.indicators",
    "read_corpus": "govnlp.io.corpus",
    "extract": "govnlp.extraction",
    "extract_frame": "govnlp.extraction",
    "find_figures": "govnlp.figures.find",
    "parse_figure": "govnlp.figures.parse",
    "parse_money": "govnlp.figures.parse",
    "parse_percent": "govnlp.figures.parse",
    "parse_count": "govnlp.figures.parse",
    "parse_quantity": "govnlp.figures.parse",
    "to_frame": "govnlp.frame",
    "parse_number": "govnlp.figures.numerals",
    "find_places": "govnlp.places.find",
    "tokenize": "govnlp.text.tokenizer",
    "Tokenizer": "govnlp.text.tokenizer",
    "normalize": "govnlp.text.normalize",
    "sentences": "govnlp.text.segment",
    "load": "govnlp.integrations.spacy",
    "load_lexicon": "govnlp.lexicon",
    "default_lexicon": "govnlp.lexicon",
}

__all__ = [
    "Records",
    "Tokenizer",
    "__version__",
    "audit",
    "default_lexicon",
    "extract",
    "extract_frame",
    "find_figures",
    "find_places",
    "indicators",
    "load",
    "load_lexicon",
    "normalize",
    "panel",
    "parse_count",
    "parse_figure",
    "parse_money",
    "parse_number",
    "parse_percent",
    "parse_quantity",
    "progress",
    "read_corpus",
    "render",
    "sentences",
    "to_csv",
    "to_frame",
    "to_stata",
    "tokenize",
    "use_cjk_font",
]


_SUBMODULES = ("dask",)  # govnlp.dask: the Dask engine, imported on first use


def __getattr__(name: str) -> Any:
    if name in _SUBMODULES:
        return importlib.import_module(f"govnlp.{name}")
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'govnlp' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(__all__)
