"""govnlp: figures, places, subjects and metrics from Chinese government texts, as data.

Importing govnlp does no work: every name below is loaded on first use.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from govnlp._version import __version__

if TYPE_CHECKING:
    from govnlp.auditing import audit, panel
    from govnlp.corpus import read_corpus
    from govnlp.display import Records, progress, render, use_cjk_font
    from govnlp.export import to_csv, to_stata
    from govnlp.extraction import extract, extract_frame
    from govnlp.figures import (
        find_figures,
        parse_count,
        parse_figure,
        parse_money,
        parse_percent,
        parse_quantity,
    )
    from govnlp.frame import to_frame
    from govnlp.lexicon import default_lexicon, load_lexicon
    from govnlp.numerals import parse_number
    from govnlp.pipeline import load
    from govnlp.places import find_places
    from govnlp.segment import sentences
    from govnlp.textnorm import normalize
    from govnlp.tokenizer import Tokenizer, tokenize

_EXPORTS = {
    "Records": "govnlp.display",
    "render": "govnlp.display",
    "use_cjk_font": "govnlp.display",
    "progress": "govnlp.display",
    "to_stata": "govnlp.export",
    "to_csv": "govnlp.export",
    "audit": "govnlp.auditing",
    "panel": "govnlp.auditing",
    "read_corpus": "govnlp.corpus",
    "extract": "govnlp.extraction",
    "extract_frame": "govnlp.extraction",
    "find_figures": "govnlp.figures",
    "parse_figure": "govnlp.figures",
    "parse_money": "govnlp.figures",
    "parse_percent": "govnlp.figures",
    "parse_count": "govnlp.figures",
    "parse_quantity": "govnlp.figures",
    "to_frame": "govnlp.frame",
    "parse_number": "govnlp.numerals",
    "find_places": "govnlp.places",
    "tokenize": "govnlp.tokenizer",
    "Tokenizer": "govnlp.tokenizer",
    "normalize": "govnlp.textnorm",
    "sentences": "govnlp.segment",
    "load": "govnlp.pipeline",
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
