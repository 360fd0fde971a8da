"""The test environment: locmem email, template instrumentation, "testserver" allowed.

``setup_test_environment()`` is called once per test run (by DiscoverRunner and by
the pytest plugin); ``teardown_test_environment()`` undoes it.
"""

from __future__ import annotations

import importlib
from typing import Any

from framework.conf import settings

LOCMEM_EMAIL_BACKEND = "framework.core.mail.backends.locmem.EmailBackend"

_saved: dict[str, Any] | None = None
_MISSING = object()


def setup_test_environment(debug: bool | None = None) -> None:
    """Switch email to the locmem backend, turn template instrumentation on and add
    "testserver" to ALLOWED_HOSTS (as Django's test runner does).

    Raises RuntimeError when called twice without a teardown in between.
    """
    global _saved
    from framework.template import signals as template_signals

    if _saved is not None:
        raise RuntimeError(
            "setup_test_environment() was already called and can't be called again "
            "without first calling teardown_test_environment()."
        )
    debug = settings.DEBUG if debug is None else debug
    _saved = {
        "instrumentation": template_signals.instrumentation_enabled,
        "ALLOWED_HOSTS": settings.ALLOWED_HOSTS,
        "DEBUG": settings.DEBUG,
        "EMAIL_BACKEND": settings.EMAIL_BACKEND,
    }
    template_signals.instrumentation_enabled = True
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
    settings.DEBUG = debug
    settings.EMAIL_BACKEND = LOCMEM_EMAIL_BACKEND
    mail = _mail_module()
    if mail is not None:
        _saved["outbox"] = getattr(mail, "outbox", _MISSING)
        mail.outbox = []


def teardown_test_environment() -> None:
    """Restore what setup_test_environment() changed."""
    global _saved
    from framework.template import signals as template_signals

    if _saved is None:
        return
    saved, _saved = _saved, None
    template_signals.instrumentation_enabled = saved.pop("instrumentation")
    outbox = saved.pop("outbox", _MISSING)
    for name, value in saved.items():
        setattr(settings, name, value)
    mail = _mail_module()
    if mail is not None:
        if outbox is _MISSING:
            mail.__dict__.pop("outbox", None)
        else:
            mail.outbox = outbox


def _mail_module() -> Any:
    # framework.core.mail arrives with another track; the outbox is set when it exists.
    try:
        return importlib.import_module("framework.core.mail")
    except ImportError:
        return None
