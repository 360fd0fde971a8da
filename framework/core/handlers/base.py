"""``BaseHandler``: the middleware chain, URL resolution and the view call."""

from __future__ import annotations

import logging
import types
from collections.abc import Callable
from typing import Any

from framework.conf import settings
from framework.core.exceptions import ImproperlyConfigured, MiddlewareNotUsed
from framework.core.handlers.exception import (
    convert_exception_to_response,
    response_for_exception,
)
from framework.core.signals import request_finished
from framework.dispatch.dispatcher import ignores_arguments
from framework.middleware.base import MiddlewareMixin
from framework.urls import ResolverMatch, get_resolver, set_urlconf
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

        # Built from the innermost layer out. Consecutive MiddlewareMixin middlewares
        # (``pending``, outermost first) run as one flat loop rather than two nested calls
        # each; ``below`` is the raw callable under them (the view layer or a middleware
        # with its own ``__call__``), still wrapped in exception conversion by the loop.
        below: Callable[[Any], Any] = self._get_response
        pending: list[Any] = []
        for path in reversed(settings.MIDDLEWARE):
            factory = _import_middleware(path)
            try:
                instance = factory(_flat_chain(pending, below))
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
            if _is_flat(instance):
                pending.insert(0, instance)
            else:
                below, pending = instance, []
        # Only set once fully built, so a failure above leaves the handler unusable
        # rather than half-configured.
        self._middleware_chain = _flat_chain(pending, below)

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
        match = self.resolve_request(request)
        if type(match) is ResolverMatch:
            # Its attributes, rather than unpacking through ResolverMatch.__iter__.
            callback, callback_args, callback_kwargs = match.func, match.args, match.kwargs
        else:
            callback, callback_args, callback_kwargs = match

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


def _is_flat(instance: Any) -> bool:
    # A MiddlewareMixin that keeps the mixin's __call__ only runs its two hooks around
    # get_response: the flat loop can run those hooks itself.
    return (
        isinstance(instance, MiddlewareMixin)
        and type(instance).__call__ is MiddlewareMixin.__call__
        and hasattr(instance, "_process_request")
        and hasattr(instance, "_process_response")
    )


def _flat_chain(layers: list[Any], below: Callable[[Any], Any]) -> Callable[[Any], Any]:
    """One callable that behaves as the nested chain of ``layers`` (outermost first) over
    ``below``, each layer wrapped in ``convert_exception_to_response``.

    Layer ``i`` is ``layers[i]``; layer ``n`` (one past the last) is ``below``. An exception
    raised by layer ``i``'s hooks (or by ``below`` for ``i == n``) becomes a response at
    that layer; the ``process_response`` of the layers outside it then run on it, exactly
    as in the nested form. Without layers this is plain exception conversion.
    """
    if not layers:
        return convert_exception_to_response(below)
    n = len(layers)
    requests = [layer._process_request for layer in layers]
    responses = [layer._process_response for layer in layers]

    def convert(request: Any, exc: Exception, i: int) -> tuple[Any, int]:
        # Layer i's wrapper converts; if conversion itself raises (DEBUG_PROPAGATE_EXCEPTIONS),
        # the wrapper of the layer outside it gets the exception, as in the nested chain.
        try:
            return response_for_exception(request, exc), i
        except Exception as again:
            if i == 0:
                raise
            return convert(request, again, i - 1)

    def chain(request: Any) -> Any:
        response = None
        i = 0
        while i < n:
            hook = requests[i]
            if hook is not None:
                try:
                    response = hook(request)
                except Exception as exc:
                    response, i = convert(request, exc, i)
                    i -= 1
                    break
                if response is not None:
                    # A short-circuit: this layer's process_response still runs.
                    break
            i += 1
        else:
            try:
                response = below(request)
            except Exception as exc:
                response, i = convert(request, exc, n)
            i = min(i, n) - 1
        while i >= 0:
            hook = responses[i]
            if hook is not None:
                try:
                    response = hook(request, response)
                except Exception as exc:
                    response, i = convert(request, exc, i)
            i -= 1
        return response

    chain.__qualname__ = f"flat_chain[{', '.join(type(m).__name__ for m in layers)}]"
    return chain


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


@ignores_arguments
def reset_urlconf(sender: Any = None, **kwargs: Any) -> None:
    """Forget the per-thread urlconf of the request that just finished."""
    set_urlconf(None)


request_finished.connect(reset_urlconf)
