"""The test client's handler and the recording of rendered templates.

``ClientHandler`` runs a request through the middleware chain like ``WSGIHandler``
but returns the response object; it does not close database connections at the
request boundaries (a test's transaction must survive its requests).
``record_templates()`` collects the ``template_rendered`` signals of one request.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from typing import Any

import jinja2

from framework.core import signals
from framework.core.handlers.base import BaseHandler
from framework.core.handlers.wsgi import WSGIRequest, get_path_info, get_script_name
from framework.db import close_old_connections
from framework.template import signals as template_signals
from framework.urls import set_script_prefix


class ContextList(list):
    """The contexts of several templates; ``ctx["key"]`` looks through all of them."""

    def __getitem__(self, key: Any) -> Any:
        if isinstance(key, str):
            for context in self:
                if key in context:
                    return context[key]
            raise KeyError(key)
        return super().__getitem__(key)

    def get(self, key: str, default: Any = None) -> Any:
        try:
            return self[key]
        except KeyError:
            return default

    def __contains__(self, key: Any) -> bool:
        try:
            self[key]
        except KeyError:
            return False
        return True

    def keys(self) -> set:
        """Every key of every context."""
        return {key for context in self for key in context}


class _Recorded:
    def __init__(self) -> None:
        self.templates: list = []
        self.contexts: list = []
        # id() of a template loaded by another one -> index of its context slot,
        # filled in when Jinja makes that template's own context.
        self.pending: dict[int, int] = {}

    def receive(self, sender: Any, template: Any, context: Any, **kwargs: Any) -> None:
        self.templates.append(template)
        self.contexts.append(dict(context) if context is not None else {})

    def loaded(self, template: Any) -> None:
        """A template pulled in by ``extends``/``include``/``import``: record it with
        the including template's context until its own context is known."""
        self.pending[id(template)] = len(self.templates)
        self.templates.append(template)
        self.contexts.append(dict(self.contexts[-1]) if self.contexts else {})

    def context_made(self, template: Any, values: Any, local_values: Any) -> None:
        index = self.pending.pop(id(template), None)
        if index is None:
            return
        merged = dict(values or {})
        for key, value in (local_values or {}).items():
            if (
                not isinstance(value, jinja2.runtime.Undefined)
                and value is not jinja2.utils.missing
            ):
                merged[key] = value
        shared = template.environment.globals
        self.contexts[index] = {
            key: value
            for key, value in merged.items()
            if key not in shared or shared[key] is not value
        }


@contextlib.contextmanager
def record_templates() -> Iterator[_Recorded]:
    """Collect the templates rendered (and their contexts) inside the block.

    Templates pulled in by ``{% extends %}``, ``{% include %}`` and ``{% import %}``
    are recorded too, each with its own context (as Django's test client does), by
    watching Jinja's loads that name a parent template and the contexts Jinja makes
    for them; an extended template shares its child's context.
    """
    recorded = _Recorded()
    original = jinja2.Environment.get_template
    original_new_context = jinja2.Template.new_context

    def get_template(env: Any, name: Any, parent: Any = None, globals: Any = None) -> Any:
        template = original(env, name, parent, globals)
        if parent is not None:
            recorded.loaded(template)
        return template

    def new_context(
        template: Any, vars: Any = None, shared: bool = False, locals: Any = None
    ) -> Any:
        recorded.context_made(template, vars, locals)
        return original_new_context(template, vars, shared, locals)

    template_signals.template_rendered.connect(recorded.receive, weak=False)
    jinja2.Environment.get_template = get_template
    jinja2.Template.new_context = new_context
    try:
        yield recorded
    finally:
        jinja2.Template.new_context = original_new_context
        jinja2.Environment.get_template = original
        template_signals.template_rendered.disconnect(recorded.receive)


@contextlib.contextmanager
def _connections_kept_open() -> Iterator[None]:
    started = signals.request_started.disconnect(close_old_connections)
    finished = signals.request_finished.disconnect(close_old_connections)
    try:
        yield
    finally:
        if started:
            signals.request_started.connect(close_old_connections)
        if finished:
            signals.request_finished.connect(close_old_connections)


class ClientHandler(BaseHandler):
    """Handle a WSGI environ and return the response (``wsgi_request`` attached)."""

    def __init__(self, enforce_csrf_checks: bool = True):
        self.enforce_csrf_checks = enforce_csrf_checks

    def __call__(self, environ: dict) -> Any:
        # Loaded on first use so that override_settings(MIDDLEWARE=...) applied
        # after the client was created is honoured.
        if self._middleware_chain is None:
            self.load_middleware()
        script_name = get_script_name(environ)
        set_script_prefix(script_name)
        with _connections_kept_open():
            signals.request_started.send(sender=type(self), environ=environ)
            environ["SCRIPT_NAME"] = script_name.encode("utf-8").decode("latin-1")
            path_info = get_path_info(environ) or "/"
            environ["PATH_INFO"] = path_info.encode("utf-8").decode("latin-1")
            request = WSGIRequest(environ)
            # The CSRF middleware honours this flag: tests post without a token.
            request._dont_enforce_csrf_checks = not self.enforce_csrf_checks
            response = self.get_response(request)
            response._handler_class = type(self)
            if response.streaming:
                # Emulate a server: the content is consumed before close().
                content = b"".join(response.streaming_content)
                response.streaming_content = [content]
            response.close()
        response.wsgi_request = request
        return response
