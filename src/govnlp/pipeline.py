"""The spaCy pipeline, kept at this path for compatibility: :mod:`govnlp.integrations.spacy`."""

from govnlp.integrations.spacy import create_tokenizer, load, make_figures

__all__ = ["create_tokenizer", "load", "make_figures"]
