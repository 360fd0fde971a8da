"""Install test apps and create their tables on SQLite and PostgreSQL (until migrations land).

Shared by tests/forms (model forms), tests/generic_views and tests/polls; it
builds on tests/support/dual_db.py: one connection wrapper per backend, swapped in
as the ``default`` alias, each test inside a transaction rolled back afterwards.
With CI=true an unreachable PostgreSQL fails the test instead of skipping it.
"""

from __future__ import annotations

from contextlib import contextmanager

from framework.core import signals
from framework.db import close_old_connections
from framework.db.models.signals import post_delete
from tests.support import dual_db

BACKENDS = dual_db.BACKEND_PARAMS
Backends = dual_db.Backends


@contextmanager
def installed(app_modules: list[str], labels: list[str], db_prefix: str):
    """Install ``app_modules`` and create their tables on SQLite and (if reachable) PostgreSQL."""
    _clear_app_caches()
    try:
        with dual_db.installed_on_both(
            app_modules, lambda wrapper: dual_db.create_models(wrapper, labels), db_prefix
        ) as state:
            _clear_app_caches()
            yield state
    finally:
        _clear_app_caches()


def _clear_app_caches() -> None:
    # set_installed_apps() sends no setting_changed: drop what was derived from the apps.
    from framework.forms.renderers import get_default_renderer
    from framework.template.backends.base import get_app_template_dirs

    get_app_template_dirs.cache_clear()
    get_default_renderer.cache_clear()


@contextmanager
def using(state: Backends, backend: str):
    """Make ``backend`` the default connection inside a transaction rolled back afterwards."""
    wrapper = dual_db.use(state, backend)
    # Request boundaries would close a connection that is inside the test's
    # transaction (as Django's TestCase does, stop that while the test runs).
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    grants_receiver = _suspend_auth_grants_receiver()
    try:
        with dual_db.rolled_back(wrapper):
            yield wrapper
    finally:
        signals.request_started.connect(close_old_connections)
        signals.request_finished.connect(close_old_connections)
        if grants_receiver is not None:
            post_delete.connect(grants_receiver, weak=False, dispatch_uid=_GRANTS_UID)


_GRANTS_UID = "framework.auth.delete_object_grants"


def _suspend_auth_grants_receiver():
    """Disconnect auth's post_delete receiver (left connected by earlier tests that
    installed auth); it queries auth tables these apps do not have. Returns it, or None."""
    try:
        from framework.contrib.auth.object_grants import delete_object_grants
    except ImportError:
        return None
    if post_delete.disconnect(dispatch_uid=_GRANTS_UID):
        return delete_object_grants
    return None
