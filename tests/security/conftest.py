"""Security-suite fixtures: the admin tests' databases (SQLite + PostgreSQL, contrib apps,
admin, ``shop``) and ``sweb``, a WebTest app on tests.security.urls (admin + auth views +
a few hostile-input probes)."""

from __future__ import annotations

import pytest

from framework.urls import clear_url_caches
from tests.admin.conftest import admin_backends, admin_db, web  # noqa: F401


@pytest.fixture
def sweb(web, settings):  # noqa: F811 - the re-exported fixture
    """``web`` served from tests.security.urls, with locmem mail and ALLOWED_HOSTS set."""
    from framework.core import mail
    from framework.template.utils import engines, get_app_template_dirs

    # apps.set_installed_apps() does not send setting_changed: template directories cached
    # by an earlier test (before the admin was installed) must be forgotten here.
    get_app_template_dirs.cache_clear()
    engines.reset()
    settings.ROOT_URLCONF = "tests.security.urls"
    settings.ALLOWED_HOSTS = ["testserver", "good.example"]
    settings.EMAIL_BACKEND = "framework.core.mail.backends.locmem.EmailBackend"
    clear_url_caches()
    mail.outbox = []
    yield web
    clear_url_caches()
