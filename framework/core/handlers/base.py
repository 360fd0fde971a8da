"""``BaseHandler``: the middleware chain, URL resolution and the view call."""

from __future__ import annotations

import logging
import types
from collections.abc import Callable
from typing import Any

from framework.conf import settings
from framework.core.exceptions import ImproperlyConfigured, MiddlewareNotUsed
from framework.core.handlers.exception import convert_exception_to_response
from framework.core.signals import request_finished
from framework.urls import get_resolver, set_urlconf
from framework.utils.log import log_response
from framework.utils.module_loading import import_string

logger = logging.getLogger("framework.request")


class BaseHandler:
    """Build the middleware chain once, then turn each request into a response."""

    _view_middleware: list[Callable] | None = None
    _template_response_middleware: list[Callable] | None = None
    _exception_middleware: list[Callable] | None = None
    _middleware_chain: Callable[[Any], Any] | None = None
    _atomic_aliases: list[str] = []

    def load_middleware(self) -> None:
        """Instantiate ``settings.MIDDLEWARE`` into the chain (once per handler).

        Raises ImproperlyConfigured naming the entry when a middleware cannot be
        imported or its factory returns None.
        """
        self._view_middleware = []
        self._template_response_middleware = []
        self._exception_middleware = []
        self._atomic_aliases = _atomic_request_aliases()

        handler = convert_exception_to_response(self._get_response)
        for path in reversed(settings.MIDDLEWARE):
            factory = _import_middleware(path)
            try:
                instance = factory(handler)
            except MiddlewareNotUsed as exc:
                if settings.DEBUG:
                    if str(exc):
                        logger.debug("MiddlewareNotUsed(%r): %s", path, exc)
                    else:
                        logger.debug("MiddlewareNotUsed: %r", path)
                continue
            if instance is None:
                raise ImproperlyConfigured(
                    f"Middleware factory {path} returned None. A middleware factory must "
                    f"return a callable that takes the request."
                )
            if hasattr(instance, "process_view"):
                self._view_middleware.insert(0, instance.process_view)
            if hasattr(instance, "process_template_response"):
                self._template_response_middleware.append(instance.process_template_response)
            if hasattr(instance, "process_exception"):
                self._exception_middleware.append(instance.process_exception)
            handler = convert_exception_to_response(instance)
        # Only set once fully built, so a failure above leaves the handler unusable
        # rather than half-configured.
        self._middleware_chain = handler

    def get_response(self, request: Any) -> Any:
        """Return an ``HttpResponse`` for ``request``; never raises for a bad request."""
        set_urlconf(settings.ROOT_URLCONF)
        response = self._middleware_chain(request)
        closers = getattr(response, "_resource_closers", None)
        close_request = getattr(request, "close", None)
        if closers is not None and close_request is not None:
            closers.append(close_request)
        if response.status_code >= 400:
            log_response(
                "%s: %s", response.reason_phrase, request.path, response=response, request=request
            )
        return response

    def _get_response(self, request: Any) -> Any:
        """Resolve the view, run view middleware, call the view, render a TemplateResponse."""
        response = None
        callback, callback_args, callback_kwargs = self.resolve_request(request)

        for middleware_method in self._view_middleware:
            response = middleware_method(request, callback, callback_args, callback_kwargs)
            if response is not None:
                break

        if response is None:
            wrapped = self.make_view_atomic(callback) if self._atomic_aliases else callback
            try:
                response = wrapped(request, *callback_args, **callback_kwargs)
            except Exception as exc:
                response = self.process_exception_by_middleware(exc, request)
                if response is None:
                    raise

        if response is None:
            self.check_response(response, callback)

        if hasattr(response, "render") and callable(response.render):
            for middleware_method in self._template_response_middleware:
                response = middleware_method(request, response)
                self.check_response(
                    response,
                    middleware_method,
                    name=f"{type(middleware_method.__self__).__name__}.process_template_response",
                )
            try:
                response = response.render()
            except Exception as exc:
                response = self.process_exception_by_middleware(exc, request)
                if response is None:
                    raise
        return response

    def resolve_request(self, request: Any) -> Any:
        """Resolve ``request.path_info`` (honouring ``request.urlconf``); set resolver_match."""
        urlconf = getattr(request, "urlconf", None)
        if urlconf is not None:
            set_urlconf(urlconf)
            resolver = get_resolver(urlconf)
        else:
            resolver = get_resolver()
        match = resolver.resolve(request.path_info)
        request.resolver_match = match
        return match

    def check_response(self, response: Any, callback: Any, name: str | None = None) -> None:
        """Raise ValueError naming the view when it returned None instead of a response."""
        if response is not None:
            return
        if not name:
            if isinstance(callback, types.FunctionType):
                name = f"The view {callback.__module__}.{callback.__name__}"
            else:
                name = f"The view {callback.__module__}.{type(callback).__name__}.__call__"
        raise ValueError(f"{name} didn't return an HttpResponse object. It returned None instead.")

    def process_exception_by_middleware(self, exception: Exception, request: Any) -> Any:
        """Give each middleware's ``process_exception`` a chance; return the first response."""
        for middleware_method in self._exception_middleware:
            response = middleware_method(request, exception)
            if response is not None:
                return response
        return None

    def make_view_atomic(self, view: Callable) -> Callable:
        """Wrap the view in a transaction per database with ATOMIC_REQUESTS."""
        if not self._atomic_aliases:
            return view
        non_atomic = getattr(view, "_non_atomic_requests", set())
        aliases = [a for a in self._atomic_aliases if a not in non_atomic]
        if not aliases:
            return view
        from framework.db import transaction

        for alias in aliases:
            view = transaction.atomic(using=alias)(view)
        return view


def _import_middleware(path: str) -> Callable:
    try:
        return import_string(path)
    except ImportError as exc:
        raise ImproperlyConfigured(
            f"The MIDDLEWARE entry {path!r} cannot be imported: {exc}. Check the dotted "
            f"path in settings.MIDDLEWARE."
        ) from exc


def _atomic_request_aliases() -> list[str]:
    # Read once per chain build: a request must not pay for scanning DATABASES.
    databases = getattr(settings, "DATABASES", None) or {}
    return [alias for alias, conf in databases.items() if conf.get("ATOMIC_REQUESTS")]


def reset_urlconf(sender: Any, **kwargs: Any) -> None:
    """Forget the per-thread urlconf of the request that just finished."""
    set_urlconf(None)


request_finished.connect(reset_urlconf)
