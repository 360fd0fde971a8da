"""A plain request through a new project's middleware raises no exception (issue #9, speed).

Raising and catching an exception costs far more than a test (an AttributeError builds its
formatted message and a traceback entry per frame): the session store's ``is_empty()`` did
that on every request whose session was never read. The hooks a request runs when its
session, messages and user are left alone must get by with plain tests.
"""

from __future__ import annotations

import ast
import re
import sys
from contextlib import contextmanager
from pathlib import Path

import framework

TEMPLATE = Path(framework.__file__).parent / "conf" / "project_template" / "project_name"


def project_middleware() -> list[str]:
    """MIDDLEWARE as ``startproject`` writes it."""
    text = (TEMPLATE / "settings.py-tpl").read_text()
    match = re.search(r"^MIDDLEWARE\s*=\s*(\[.*?\])", text, re.MULTILINE | re.DOTALL)
    assert match, "the project template has no MIDDLEWARE list"
    return list(ast.literal_eval(match.group(1)))


@contextmanager
def raised_exceptions():
    """Record ``(file, line, exception type)`` of every exception raised in Python code
    while the block runs (the tracer's "exception" event, caught or not)."""
    seen: list[tuple[str, int, str]] = []

    def tracer(frame, event, arg):
        if event == "exception":
            seen.append((frame.f_code.co_filename, frame.f_lineno, arg[0].__name__))
        return tracer

    sys.settrace(tracer)
    try:
        yield seen
    finally:
        sys.settrace(None)


def test_default_middleware_request_raises_nothing(make_app):
    """GET of a plain view through every middleware of a new project: 200, the security
    headers set, and not one exception raised along the way once the app is warm."""
    middleware = project_middleware()
    assert "framework.contrib.sessions.middleware.SessionMiddleware" in middleware
    assert "framework.contrib.messages.middleware.MessageMiddleware" in middleware
    app = make_app(MIDDLEWARE=middleware, lint=False)
    app.get("/hello/")
    with raised_exceptions() as seen:
        response = app.get("/hello/")
    assert response.status_int == 200
    assert response.text == "hello"
    assert response.headers["X-Frame-Options"] == "DENY"
    framework_dir = str(Path(framework.__file__).parent)
    assert [s for s in seen if s[0].startswith(framework_dir)] == []
