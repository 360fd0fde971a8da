"""Fixtures of the admin tests: the contrib apps + admin + the ``shop`` app, migrated on
SQLite and PostgreSQL, and ``web``: a WebTest app serving tests.admin.urls."""

from __future__ import annotations

import pytest
import webtest

from framework.core import signals
from framework.core.handlers.wsgi import WSGIHandler
from framework.test.utils import override_settings
from framework.urls import clear_script_prefix, clear_url_caches, set_urlconf
from tests.support import contrib_db, dual_db

ADMIN_APPS = [
    *contrib_db.CONTRIB_APPS,
    "framework.contrib.messages",
    "framework.contrib.admin",
    "tests.admin.shop",
]
ADMIN_MIDDLEWARE = [
    "framework.contrib.sessions.middleware.SessionMiddleware",
    "framework.middleware.csrf.CsrfViewMiddleware",
    "framework.contrib.auth.middleware.AuthenticationMiddleware",
    "framework.contrib.messages.middleware.MessageMiddleware",
]
TEMPLATES = [
    {
        "BACKEND": "framework.template.backends.jinja2.Jinja2",
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "framework.template.context_processors.request",
                "framework.contrib.auth.context_processors.auth",
                "framework.contrib.messages.context_processors.messages",
            ]
        },
    }
]
PASSWORD = "secret-pass-1"


@pytest.fixture(scope="package")
def admin_backends():
    """Install the admin and its apps; create their tables on SQLite and PostgreSQL."""
    try:
        with dual_db.installed_on_both(
            ADMIN_APPS, contrib_db.migrate, "test_framework_admin"
        ) as state:
            yield state
    finally:
        # The admin's system checks leave with the admin app.
        from framework.contrib.admin.checks import unregister_checks

        unregister_checks()


@pytest.fixture(params=dual_db.BACKEND_PARAMS)
def admin_db(request, admin_backends):
    """The default connection on one backend, in a transaction rolled back afterwards."""
    wrapper = contrib_db.use(admin_backends, request.param)
    hashers = override_settings(PASSWORD_HASHERS=contrib_db.FAST_HASHERS)
    hashers.enable()
    try:
        with dual_db.rolled_back(wrapper):
            yield wrapper
    finally:
        hashers.disable()


@pytest.fixture
def web(admin_db, settings):
    """A WebTest app of tests.admin.urls with sessions, CSRF, auth and messages.

    ``admin_db`` comes first: its settings override must be undone after the ``settings``
    fixture's (overrides nest; undoing them out of order leaks the fast hashers).
    """
    from framework.db import close_old_connections

    settings.ROOT_URLCONF = "tests.admin.urls"
    settings.MIDDLEWARE = ADMIN_MIDDLEWARE
    settings.SESSION_ENGINE = "framework.contrib.sessions.backends.db"
    settings.MESSAGE_STORAGE = "framework.contrib.messages.storage.session.SessionStorage"
    settings.AUTHENTICATION_BACKENDS = [
        "framework.contrib.auth.backends.ModelBackend",
        "framework.contrib.auth.backends.ObjectPermissionBackend",
    ]
    settings.TEMPLATES = TEMPLATES
    settings.STATIC_URL = "/static/"
    settings.SITE_ID = 1
    clear_url_caches()
    started = signals.request_started.disconnect(close_old_connections)
    finished = signals.request_finished.disconnect(close_old_connections)
    try:
        yield webtest.TestApp(WSGIHandler(), extra_environ={"HTTP_HOST": "testserver"})
    finally:
        if started:
            signals.request_started.connect(close_old_connections)
        if finished:
            signals.request_finished.connect(close_old_connections)
        clear_script_prefix()
        set_urlconf(None)


def make_user(username="admin", *, staff=True, superuser=False, perms=(), active=True):
    """A user; ``perms`` are "app.codename" strings granted globally."""
    from framework.contrib.auth.models import Permission, User

    user = User.objects.create_user(
        username,
        f"{username}@example.com",
        PASSWORD,
        is_staff=staff,
        is_superuser=superuser,
        is_active=active,
    )
    for perm in perms:
        app_label, codename = perm.split(".")
        user.user_permissions.add(
            Permission.objects.get(content_type__app_label=app_label, codename=codename)
        )
    return user


def login(web, username="admin", password=PASSWORD):
    """Log in through the admin login form; return the response of the POST."""
    page = web.get("/admin/login/")
    form = page.forms["login-form"]
    form["username"] = username
    form["password"] = password
    return form.submit()
