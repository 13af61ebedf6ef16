"""Exceptions raised by govnlp."""

from __future__ import annotations


class GovnlpError(Exception):
    """Base class of every error govnlp raises on purpose."""


class LexiconError(GovnlpError, ValueError):
    """A lexicon file is missing, malformed or inconsistent; the message names file and line."""


class ConfigError(GovnlpError, ValueError):
    """A parameter has a value govnlp cannot use; the message names it and the allowed values."""


class InputError(GovnlpError, ValueError):
    """A document cannot be read or decoded; the message names the file or row."""


class DependencyError(GovnlpError, RuntimeError):
    """An installed package lacks what govnlp relies on; the message names the version found
    and the versions supported."""
