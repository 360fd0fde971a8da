"""``SimpleTemplateResponse`` and ``TemplateResponse``: responses rendered late.

A view returns one with a template name and a context; middleware may change
``template_name`` or ``context_data`` in ``process_template_response(request,
response)``; the handler then calls ``render()``, which renders once, sets the
content and runs the post-render callbacks.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from framework.http.response import HttpResponse
from framework.template.loader import get_template, select_template

__all__ = ["ContentNotRenderedError", "SimpleTemplateResponse", "TemplateResponse"]


class ContentNotRenderedError(Exception):
    """The response's content was used before ``render()`` was called."""


class SimpleTemplateResponse(HttpResponse):
    """An HttpResponse holding a template and a context until it is rendered."""

    rendering_attrs = ["template_name", "context_data", "_post_render_callbacks"]

    def __init__(
        self,
        template: Any,
        context: dict | None = None,
        content_type: str | None = None,
        status: int | None = None,
        charset: str | None = None,
        using: str | None = None,
        headers: Any = None,
    ):
        self.template_name = template
        self.context_data = context
        self.using = using
        self._post_render_callbacks: list[Callable] = []
        self._request = None
        super().__init__("", content_type, status, charset=charset, headers=headers)
        # HttpResponse.__init__ set the (empty) content; nothing is rendered yet.
        self._is_rendered = False

    def __getstate__(self) -> dict:
        if not self._is_rendered:
            raise ContentNotRenderedError(
                "The response content must be rendered before it can be pickled."
            )
        state = super().__getstate__()
        for attr in self.rendering_attrs:
            state.pop(attr, None)
        state.pop("_request", None)
        return state

    def resolve_template(self, template: Any) -> Any:
        """Turn a name, a list of names or a template object into a template object."""
        if isinstance(template, (list, tuple)):
            return select_template(template, using=self.using)
        if isinstance(template, str):
            return get_template(template, using=self.using)
        return template

    def resolve_context(self, context: Any) -> Any:
        """Hook for subclasses: the context given to the template."""
        return context

    @property
    def rendered_content(self) -> str:
        """Render the template with the context now (does not set ``content``)."""
        template = self.resolve_template(self.template_name)
        context = self.resolve_context(self.context_data)
        return template.render(context, self._request)

    def add_post_render_callback(self, callback: Callable) -> None:
        """Call ``callback(response)`` after rendering (at once if already rendered)."""
        if self._is_rendered:
            callback(self)
        else:
            self._post_render_callbacks.append(callback)

    def render(self) -> Any:
        """Render once and run the callbacks; return the response (or a callback's result)."""
        result = self
        if not self._is_rendered:
            self.content = self.rendered_content
            for callback in self._post_render_callbacks:
                new_result = callback(result)
                if new_result is not None:
                    result = new_result
        return result

    @property
    def is_rendered(self) -> bool:
        """True once the content has been rendered (or set explicitly)."""
        return self._is_rendered

    def __iter__(self):
        if not self._is_rendered:
            raise ContentNotRenderedError(
                "The response content must be rendered before it can be iterated over."
            )
        return super().__iter__()

    @property
    def content(self) -> bytes:
        if not self._is_rendered:
            raise ContentNotRenderedError(
                "The response content must be rendered before it can be accessed."
            )
        return HttpResponse.content.fget(self)

    @content.setter
    def content(self, value: Any) -> None:
        HttpResponse.content.fset(self, value)
        self._is_rendered = True


class TemplateResponse(SimpleTemplateResponse):
    """A SimpleTemplateResponse rendered with the request (context processors, csrf)."""

    rendering_attrs = [*SimpleTemplateResponse.rendering_attrs, "_request"]

    def __init__(
        self,
        request: Any,
        template: Any,
        context: dict | None = None,
        content_type: str | None = None,
        status: int | None = None,
        charset: str | None = None,
        using: str | None = None,
        headers: Any = None,
    ):
        super().__init__(template, context, content_type, status, charset, using, headers=headers)
        self._request = request
