"""``View``, ``TemplateView`` and ``RedirectView``: Django's base class-based views."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from framework.core.exceptions import ImproperlyConfigured
from framework.http import (
    HttpResponse,
    HttpResponseGone,
    HttpResponseNotAllowed,
    HttpResponsePermanentRedirect,
    HttpResponseRedirect,
)

logger = logging.getLogger("framework.request")


class classonlymethod(classmethod):
    """A classmethod that refuses to be called on an instance (``View.as_view``)."""

    def __get__(self, instance: Any, cls: type | None = None) -> Any:
        if instance is not None:
            raise AttributeError("This method is available only on the class, not on instances.")
        return super().__get__(instance, cls)


class View:
    """The base of class-based views: dispatch on the HTTP method.

    ``as_view(**initkwargs)`` returns the callable to put in a URLconf; each request
    gets a fresh instance, then ``setup()`` and ``dispatch()``.
    """

    http_method_names = ["get", "post", "put", "patch", "delete", "head", "options", "trace"]

    def __init__(self, **kwargs: Any):
        for key, value in kwargs.items():
            setattr(self, key, value)

    @classonlymethod
    def as_view(cls, **initkwargs: Any) -> Callable[..., Any]:
        """Return a view function that instantiates ``cls(**initkwargs)`` per request."""
        for key in initkwargs:
            if key in cls.http_method_names:
                raise TypeError(
                    f"The method name {key} is not accepted as a keyword argument to "
                    f"{cls.__name__}()."
                )
            if not hasattr(cls, key):
                raise TypeError(
                    f"{cls.__name__}() received an invalid keyword {key!r}. as_view only "
                    f"accepts arguments that are already attributes of the class."
                )

        def view(request, *args, **kwargs):
            self = cls(**initkwargs)
            self.setup(request, *args, **kwargs)
            if not hasattr(self, "request"):
                raise AttributeError(
                    f"{cls.__name__} instance has no 'request' attribute. Did you override "
                    f"setup() and forget to call super()?"
                )
            return self.dispatch(request, *args, **kwargs)

        view.view_class = cls
        view.view_initkwargs = initkwargs
        # __name__/__qualname__ stay "view": view_class names the view reliably.
        view.__doc__ = cls.__doc__
        view.__module__ = cls.__module__
        view.__annotations__ = cls.dispatch.__annotations__
        # Attributes set on dispatch by decorators (csrf_exempt, ...) apply to the view.
        view.__dict__.update(cls.dispatch.__dict__)
        return view

    def setup(self, request: Any, *args: Any, **kwargs: Any) -> None:
        """Store ``request``, ``args`` and ``kwargs`` on the instance."""
        if hasattr(self, "get") and not hasattr(self, "head"):
            self.head = self.get
        self.request = request
        self.args = args
        self.kwargs = kwargs

    def dispatch(self, request: Any, *args: Any, **kwargs: Any) -> Any:
        """Call the method named after the request method, or ``http_method_not_allowed``."""
        method = request.method.lower()
        if method in self.http_method_names:
            handler = getattr(self, method, self.http_method_not_allowed)
        else:
            handler = self.http_method_not_allowed
        return handler(request, *args, **kwargs)

    def http_method_not_allowed(self, request: Any, *args: Any, **kwargs: Any) -> Any:
        """Return a 405 listing the allowed methods in the Allow header."""
        logger.warning(
            "Method Not Allowed (%s): %s",
            request.method,
            request.path,
            extra={"status_code": 405, "request": request},
        )
        return HttpResponseNotAllowed(self._allowed_methods())

    def options(self, request: Any, *args: Any, **kwargs: Any) -> Any:
        """Answer OPTIONS with an empty 200 and the Allow header."""
        response = HttpResponse()
        response.headers["Allow"] = ", ".join(self._allowed_methods())
        response.headers["Content-Length"] = "0"
        return response

    def _allowed_methods(self) -> list[str]:
        return [m.upper() for m in self.http_method_names if hasattr(self, m)]


_template_response_class: type | None = None


class _TemplateResponseClass:
    """Resolve ``TemplateResponse`` on first use: the template layer imports views too."""

    def __get__(self, instance: Any, owner: type) -> type:
        global _template_response_class
        if _template_response_class is None:
            from framework.template.response import TemplateResponse

            _template_response_class = TemplateResponse
        return _template_response_class


class ContextMixin:
    """Provide ``get_context_data()`` with ``view`` and ``extra_context``."""

    extra_context: dict | None = None

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        """Return the template context: the URL kwargs, ``view`` and ``extra_context``."""
        kwargs.setdefault("view", self)
        if self.extra_context is not None:
            kwargs.update(self.extra_context)
        return kwargs


class TemplateResponseMixin:
    """Render a template into a ``TemplateResponse``."""

    template_name: str | None = None
    template_engine: str | None = None
    response_class: Any = _TemplateResponseClass()
    content_type: str | None = None

    def render_to_response(self, context: dict[str, Any], **response_kwargs: Any) -> Any:
        """Return ``response_class`` for ``get_template_names()`` and ``context``."""
        response_kwargs.setdefault("content_type", self.content_type)
        return self.response_class(
            request=self.request,
            template=self.get_template_names(),
            context=context,
            using=self.template_engine,
            **response_kwargs,
        )

    def get_template_names(self) -> list[str]:
        """Return ``[template_name]``; raises ImproperlyConfigured when it is unset."""
        if self.template_name is None:
            raise ImproperlyConfigured(
                "TemplateResponseMixin requires either a definition of 'template_name' or "
                "an implementation of 'get_template_names()'"
            )
        return [self.template_name]


class TemplateView(TemplateResponseMixin, ContextMixin, View):
    """Render ``template_name`` with the URL keyword arguments as context."""

    def get(self, request: Any, *args: Any, **kwargs: Any) -> Any:
        context = self.get_context_data(**kwargs)
        return self.render_to_response(context)


class RedirectView(View):
    """Redirect to ``url`` (``%``-formatted with the URL kwargs) or to ``pattern_name``.

    ``permanent`` selects 301 over 302; ``query_string`` carries the query string over.
    Without a target the answer is 410 Gone.
    """

    permanent = False
    url: str | None = None
    pattern_name: str | None = None
    query_string = False

    def get_redirect_url(self, *args: Any, **kwargs: Any) -> str | None:
        """Return the target URL, or None for a 410."""
        if self.url:
            url = self.url % kwargs
        elif self.pattern_name:
            from framework.urls import reverse

            url = reverse(self.pattern_name, args=args, kwargs=kwargs)
        else:
            return None
        query = self.request.META.get("QUERY_STRING", "")
        if query and self.query_string:
            url = f"{url}?{query}"
        return url

    def get(self, request: Any, *args: Any, **kwargs: Any) -> Any:
        url = self.get_redirect_url(*args, **kwargs)
        if url:
            if self.permanent:
                return HttpResponsePermanentRedirect(url)
            return HttpResponseRedirect(url)
        logger.warning("Gone: %s", request.path, extra={"status_code": 410, "request": request})
        return HttpResponseGone()

    def head(self, request: Any, *args: Any, **kwargs: Any) -> Any:
        return self.get(request, *args, **kwargs)

    def post(self, request: Any, *args: Any, **kwargs: Any) -> Any:
        return self.get(request, *args, **kwargs)

    def options(self, request: Any, *args: Any, **kwargs: Any) -> Any:
        return self.get(request, *args, **kwargs)

    def delete(self, request: Any, *args: Any, **kwargs: Any) -> Any:
        return self.get(request, *args, **kwargs)

    def put(self, request: Any, *args: Any, **kwargs: Any) -> Any:
        return self.get(request, *args, **kwargs)

    def patch(self, request: Any, *args: Any, **kwargs: Any) -> Any:
        return self.get(request, *args, **kwargs)
