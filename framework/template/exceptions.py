"""Template errors: ``TemplateDoesNotExist`` and ``TemplateSyntaxError``."""

from __future__ import annotations

from typing import Any

__all__ = ["TemplateDoesNotExist", "TemplateSyntaxError"]


class TemplateDoesNotExist(Exception):
    """No engine found the template.

    ``tried`` lists ``(origin, status)`` pairs for every place searched,
    ``backend`` is the engine that raised it and ``chain`` the errors of the
    other engines tried before giving up. ``str()`` names every place searched.
    """

    def __init__(
        self,
        msg: Any,
        tried: list | None = None,
        backend: Any = None,
        chain: list | None = None,
    ):
        self.backend = backend
        self.tried = list(tried or [])
        self.chain = list(chain or [])
        super().__init__(msg)

    def all_tried(self) -> list:
        """Every ``(origin, status)`` pair of this error and of the chained ones."""
        tried = list(self.tried)
        for error in self.chain:
            tried.extend(error.all_tried())
        return tried

    def __str__(self) -> str:
        message = str(self.args[0]) if self.args else ""
        tried = self.all_tried()
        if not tried:
            if self.chain or self.backend is not None:
                return (
                    f"{message} (no template directories are configured: set DIRS or "
                    f"APP_DIRS in the TEMPLATES setting)"
                )
            return message
        places = "; ".join(f"{origin} ({status})" for origin, status in tried)
        return f"{message}. Searched: {places}"


class TemplateSyntaxError(Exception):
    """A template could not be compiled.

    ``template_debug`` (when known) is a dict for the debug page: ``name``,
    ``message``, ``line``, ``during``, ``source_lines`` (``(number, text)`` pairs
    around the error), ``top``, ``bottom``, ``total``, ``before``, ``after``.
    """

    template_debug: dict | None = None
