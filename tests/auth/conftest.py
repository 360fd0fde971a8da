"""Database fixtures: contrib apps migrated on SQLite and PostgreSQL (tests/support/contrib_db.py)."""

import pytest
import webtest

from framework.core import signals
from framework.core.handlers.wsgi import WSGIHandler
from framework.urls import clear_script_prefix, set_urlconf
from tests.support.contrib_db import contrib_backends as contrib_backends  # noqa: F401
from tests.support.contrib_db import contrib_db as contrib_db  # noqa: F401

AUTH_MIDDLEWARE = [
    "framework.contrib.sessions.middleware.SessionMiddleware",
    "framework.middleware.csrf.CsrfViewMiddleware",
    "framework.contrib.auth.middleware.AuthenticationMiddleware",
]


@pytest.fixture
def web(settings, contrib_db):
    """A WebTest app: db sessions, CSRF, auth middleware, the auth views (tests.auth.urls)."""
    from framework.db import close_old_connections

    settings.ROOT_URLCONF = "tests.auth.urls"
    settings.MIDDLEWARE = AUTH_MIDDLEWARE
    settings.SESSION_ENGINE = "framework.contrib.sessions.backends.db"
    settings.EMAIL_BACKEND = "framework.core.mail.backends.locmem.EmailBackend"
    settings.AUTHENTICATION_BACKENDS = [
        "framework.contrib.auth.backends.ModelBackend",
        "framework.contrib.auth.backends.ObjectPermissionBackend",
    ]
    settings.TEMPLATES = [
        {
            "BACKEND": "framework.template.backends.jinja2.Jinja2",
            "APP_DIRS": True,
            "OPTIONS": {
                "context_processors": [
                    "framework.template.context_processors.request",
                    "framework.contrib.auth.context_processors.auth",
                ]
            },
        }
    ]
    settings.SITE_ID = 1
    # The test transaction must survive requests: keep the connection open.
    started = signals.request_started.disconnect(close_old_connections)
    finished = signals.request_finished.disconnect(close_old_connections)
    from framework.core import mail

    mail.outbox = []
    try:
        yield webtest.TestApp(WSGIHandler(), extra_environ={"HTTP_HOST": "testserver"})
    finally:
        if started:
            signals.request_started.connect(close_old_connections)
        if finished:
            signals.request_finished.connect(close_old_connections)
        clear_script_prefix()
        set_urlconf(None)


def login(app, username, password="secret-pass-1", next_url=""):
    """Log in through the login form; return the response of the POST."""
    page = app.get("/accounts/login/" + (f"?next={next_url}" if next_url else ""))
    form = page.forms[0]
    form["username"] = username
    form["password"] = password
    return form.submit()
