"""The flat middleware loop behaves exactly as the nested chain it replaces.

MiddlewareMixin middlewares that keep the mixin's ``__call__`` run in one loop (no nested
call and exception wrapper per middleware); every combination of short-circuits, exceptions
in either hook and replaced responses must give the same response and hook order as the
same middlewares run nested.
"""

from __future__ import annotations

import itertools

import pytest

from framework.core.handlers.wsgi import WSGIHandler
from framework.core.signals import got_request_exception
from tests.handlers import flat_middleware

MW = "tests.handlers.flat_middleware."
BEHAVIOURS = ("pass", "short", "raise-request", "raise-response", "replace")


def _run(make_app, names, behaviours, path):
    flat_middleware.CALLS.clear()
    flat_middleware.BEHAVIOUR.clear()
    flat_middleware.BEHAVIOUR.update(zip("ABC", behaviours, strict=True))
    signalled = []

    def receiver(**kwargs):
        signalled.append(kwargs["request"] is not None)

    got_request_exception.connect(receiver)
    try:
        response = make_app(MIDDLEWARE=[MW + n for n in names]).get(path, status="*")
    finally:
        got_request_exception.disconnect(receiver)
    seen = sorted(k for k in response.headers if k.startswith("X-Seen"))
    return response.status_int, response.text, seen, list(flat_middleware.CALLS), signalled


@pytest.mark.parametrize("path", ["/hello/", "/404/"])
@pytest.mark.parametrize("behaviours", list(itertools.product(BEHAVIOURS, repeat=3)))
def test_flat_loop_matches_nested_chain(make_app, behaviours, path):
    """Same status, body, headers, hook calls and signals as the nested form."""
    flat = _run(make_app, ["A", "B", "C"], behaviours, path)
    nested = _run(make_app, ["NestedA", "NestedB", "NestedC"], behaviours, path)
    assert flat == nested


@pytest.mark.parametrize(
    "behaviours",
    [
        ("pass",) * 3,
        ("short", "pass", "pass"),
        ("pass", "raise-response", "raise-request"),
        ("raise-response", "pass", "short"),
    ],
)
def test_function_middleware_between_flat_ones(make_app, behaviours):
    """A middleware with its own __call__ splits the loop and keeps its place in the order."""
    flat = _run(make_app, ["A", "plain", "B", "C"], behaviours, "/hello/")
    nested = _run(make_app, ["NestedA", "plain", "NestedB", "NestedC"], behaviours, "/hello/")
    assert flat == nested


def test_flat_loop_is_used_for_mixin_middleware(settings):
    """The default kind of middleware is not wrapped in one call layer each."""
    settings.ROOT_URLCONF = "tests.handlers.urls"
    settings.MIDDLEWARE = [MW + "A", MW + "B", MW + "C"]
    handler = WSGIHandler()
    assert handler._middleware_chain.__qualname__ == "flat_chain[A, B, C]"


def test_debug_propagate_exceptions_escapes_the_loop(make_app):
    """With DEBUG_PROPAGATE_EXCEPTIONS an error in a hook reaches the server, as nested."""
    flat_middleware.BEHAVIOUR.clear()
    flat_middleware.BEHAVIOUR["B"] = "pass"
    for names in (["A", "B", "C"], ["NestedA", "NestedB", "NestedC"]):
        app = make_app(MIDDLEWARE=[MW + n for n in names], DEBUG_PROPAGATE_EXCEPTIONS=True)
        with pytest.raises(ZeroDivisionError):
            app.get("/error/")
