"""govnlp: figures, places, subjects and metrics from Chinese government texts, as data.

Importing govnlp does no work: every name below is loaded on first use.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from govnlp._version import __version__

if TYPE_CHECKING:
    from govnlp.lexicon import default_lexicon, load_lexicon
    from govnlp.pipeline import load
    from govnlp.segment import sentences
    from govnlp.textnorm import normalize
    from govnlp.tokenizer import Tokenizer, tokenize

_EXPORTS = {
    "tokenize": "govnlp.tokenizer",
    "Tokenizer": "govnlp.tokenizer",
    "normalize": "govnlp.textnorm",
    "sentences": "govnlp.segment",
    "load": "govnlp.pipeline",
    "load_lexicon": "govnlp.lexicon",
    "default_lexicon": "govnlp.lexicon",
}

__all__ = [
    "Tokenizer",
    "__version__",
    "default_lexicon",
    "load",
    "load_lexicon",
    "normalize",
    "sentences",
    "tokenize",
]


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'govnlp' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(__all__)
