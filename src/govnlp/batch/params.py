"""Errors of a batch run that name its parameters, in the words of whoever set them.

The message of a :class:`ParameterError` is a template whose fields (``{resume}``,
``{scheduler}``, ``{output}``) stand for parameters of :func:`govnlp.batch.run.run`. ``str()``
spells them as Python arguments (:data:`PARAMETERS`); :meth:`ParameterMessage.spelled` spells
them as another interface names them, such as the command line's flags.
"""

from __future__ import annotations

from collections.abc import Mapping

from govnlp.errors import ConfigError, GovnlpError

PARAMETERS: Mapping[str, str] = {
    "resume": "resume=True",
    "scheduler": "scheduler",
    "output": "output=None",
}
"""How the library's messages name the parameters of a run."""


class ParameterMessage(GovnlpError):
    """An error whose message names parameters of a run (see the module)."""

    def __init__(self, template: str, **values: object) -> None:
        self.template = template
        self.values = values
        super().__init__(self.spelled(PARAMETERS))

    def spelled(self, names: Mapping[str, str]) -> str:
        """The message with each parameter spelled as ``names`` says."""
        return self.template.format_map({**self.values, **names})


class ParameterError(ParameterMessage, ConfigError):
    """A :class:`ConfigError` naming parameters of a run."""


class ParameterImportError(ParameterMessage, ImportError):
    """An :class:`ImportError`: a parameter of a run needs an optional dependency."""
