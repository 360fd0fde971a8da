"""Globals of every framework Jinja2 environment: ``url()``, ``static()`` and defaults.

``url(name, *args, **kwargs)`` reverses a URL pattern name; ``static(path)``
gives the URL of a static file. ``request``, ``csrf_input``, ``csrf_token``,
``user``, ``perms`` and ``messages`` have harmless defaults here so that
templates work when a template is rendered without a request or without the
contrib context processors; the real values come from the context.
"""

from __future__ import annotations

import importlib
from typing import Any
from urllib.parse import quote, urljoin

from framework.conf import settings
from framework.core.exceptions import ImproperlyConfigured
from framework.core.signals import setting_changed

__all__ = ["DEFAULT_GLOBALS", "static", "url"]

_reverse: Any = None


def url(name: str, *args: Any, **kwargs: Any) -> str:
    """Return the URL of the pattern ``name`` (``framework.urls.reverse``).

    Positional arguments fill the pattern's groups in order, keyword arguments by
    name (not both, as with ``reverse``). Raises ``NoReverseMatch`` when nothing matches.
    """
    global _reverse
    if _reverse is None:
        from framework.urls import reverse

        _reverse = reverse
    return _reverse(name, args=args or None, kwargs=kwargs or None)


# None: not looked up yet; False: no staticfiles storage; else the storage's url().
_storage_url: Any = None


def _reset_static_cache(*, setting: str, **kwargs: Any) -> None:
    global _storage_url
    if setting in ("INSTALLED_APPS", "STATIC_URL", "STORAGES", "STATIC_ROOT"):
        _storage_url = None


setting_changed.connect(_reset_static_cache, dispatch_uid="framework.template.defaultglobals")


def _staticfiles_url() -> Any:
    global _storage_url
    if _storage_url is None:
        _storage_url = False
        from framework.apps import apps

        if apps.apps_ready and apps.is_installed("framework.contrib.staticfiles"):
            try:
                storage = importlib.import_module("framework.contrib.staticfiles.storage")
                _storage_url = storage.staticfiles_storage.url
            except (ImportError, AttributeError):
                pass
    return _storage_url


def _script_prefixed(base: str) -> str:
    # A relative STATIC_URL ("static/") is relative to where the site is mounted.
    if base.startswith("/") or "://" in base:
        return base
    try:
        from framework.urls import get_script_prefix
    except ImportError:
        return "/" + base
    return get_script_prefix() + base


def static(path: str) -> str:
    """Return the URL of the static file ``path``: ``STATIC_URL`` joined with the quoted path.

    With ``framework.contrib.staticfiles`` installed, its storage decides (hashed names).
    """
    storage_url = _staticfiles_url()
    if storage_url:
        return storage_url(path)
    base = settings.STATIC_URL
    if not base:
        raise ImproperlyConfigured(
            f"static({path!r}) needs the STATIC_URL setting; set it, e.g. STATIC_URL = 'static/'."
        )
    return urljoin(_script_prefixed(str(base)), quote(str(path)))


class _AbsentUser:
    """Stands in for ``user`` when no auth context processor provides one."""

    id = pk = None
    username = ""
    is_active = is_staff = is_superuser = is_authenticated = False
    is_anonymous = True

    def __str__(self) -> str:
        return "AnonymousUser"

    def __repr__(self) -> str:
        return "<AbsentUser>"

    def get_username(self) -> str:
        return ""

    def has_perm(self, perm: str, obj: Any = None) -> bool:
        return False

    def has_perms(self, perm_list: Any, obj: Any = None) -> bool:
        return False

    def has_module_perms(self, app_label: str) -> bool:
        return False


class _NoPerms:
    """Stands in for ``perms``: every ``perms.app`` and ``perms.app.codename`` is false."""

    def __getattr__(self, name: str) -> _NoPerms:
        if name.startswith("__"):
            raise AttributeError(name)
        return self

    def __getitem__(self, name: str) -> _NoPerms:
        return self

    def __contains__(self, name: object) -> bool:
        return False

    def __bool__(self) -> bool:
        return False

    def __iter__(self):
        return iter(())

    def __str__(self) -> str:
        return "False"

    def __repr__(self) -> str:
        return "<NoPerms>"


DEFAULT_GLOBALS: dict[str, Any] = {
    "url": url,
    "static": static,
    "request": None,
    "csrf_input": "",
    "csrf_token": "",
    "user": _AbsentUser(),
    "perms": _NoPerms(),
    "messages": (),
}
