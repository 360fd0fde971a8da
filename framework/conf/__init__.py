"""Settings: ``from framework.conf import settings``.

Settings are read lazily from the module named by ``FRAMEWORK_SETTINGS_MODULE``
(or given to ``settings.configure()``), on top of ``global_settings``.
"""

from __future__ import annotations

import importlib
import os
from typing import Any

from framework.conf import global_settings
from framework.core.exceptions import ImproperlyConfigured

ENVIRONMENT_VARIABLE = "FRAMEWORK_SETTINGS_MODULE"

# Settings that must be lists or tuples; a bare string here is a classic mistake
# ("myapp" instead of ("myapp",)) that would otherwise iterate character by character.
_SEQUENCE_SETTINGS = (
    "ALLOWED_HOSTS",
    "INSTALLED_APPS",
    "MIDDLEWARE",
    "TEMPLATES",
    "STATICFILES_DIRS",
    "LOCALE_PATHS",
    "SECRET_KEY_FALLBACKS",
    "AUTHENTICATION_BACKENDS",
    "DATABASE_ROUTERS",
    "CSRF_TRUSTED_ORIGINS",
)

_empty = object()


def _is_setting(name: str) -> bool:
    return name.isupper() and not name.startswith("_")


class Settings:
    """Settings read from a module, layered over ``global_settings``."""

    def __init__(self, settings_module: str):
        for name in dir(global_settings):
            if _is_setting(name):
                setattr(self, name, getattr(global_settings, name))
        self.SETTINGS_MODULE = settings_module
        try:
            module = importlib.import_module(settings_module)
        except ModuleNotFoundError as exc:
            if exc.name and settings_module.startswith(exc.name):
                raise ImproperlyConfigured(
                    f"{ENVIRONMENT_VARIABLE}={settings_module!r} cannot be imported: "
                    f"no module named {exc.name!r}. Check the name and sys.path "
                    f"(manage.py --pythonpath adds a directory)."
                ) from exc
            raise
        self._explicit = set()
        for name in dir(module):
            if _is_setting(name):
                value = getattr(module, name)
                _check_sequence(name, value)
                setattr(self, name, value)
                self._explicit.add(name)
        _check_required(self)

    def is_overridden(self, name: str) -> bool:
        return name in self._explicit

    def __repr__(self) -> str:
        return f"<Settings {self.SETTINGS_MODULE!r}>"


class UserSettingsHolder:
    """Settings given to ``settings.configure()``, falling back to a defaults module."""

    SETTINGS_MODULE = None

    def __init__(self, default_settings: Any):
        self.__dict__["_deleted"] = set()
        self.default_settings = default_settings

    def __getattr__(self, name: str) -> Any:
        if not _is_setting(name) or name in self._deleted:
            raise AttributeError(name)
        return getattr(self.default_settings, name)

    def __setattr__(self, name: str, value: Any) -> None:
        self._deleted.discard(name)
        super().__setattr__(name, value)

    def __delattr__(self, name: str) -> None:
        self._deleted.add(name)
        if name in self.__dict__:
            super().__delattr__(name)

    def __dir__(self):
        return sorted(
            n
            for n in [*self.__dict__, *dir(self.default_settings)]
            if n not in self._deleted and _is_setting(n)
        )

    def is_overridden(self, name: str) -> bool:
        deleted = name in self._deleted
        set_locally = name in self.__dict__
        set_on_default = getattr(self.default_settings, "is_overridden", lambda s: False)(name)
        return deleted or set_locally or set_on_default

    def __repr__(self) -> str:
        return "<UserSettingsHolder>"


def _check_sequence(name: str, value: Any) -> None:
    if name in _SEQUENCE_SETTINGS and not isinstance(value, (list, tuple)):
        raise ImproperlyConfigured(
            f"The {name} setting must be a list or a tuple, not {type(value).__name__} ({value!r})."
        )


def _check_required(holder: Any) -> None:
    if not getattr(holder, "SECRET_KEY", None):
        raise ImproperlyConfigured("The SECRET_KEY setting must not be empty.")


class LazySettings:
    """A proxy that loads settings on first access and caches each value."""

    def __init__(self):
        self.__dict__["_wrapped"] = _empty

    def _setup(self, name: str | None = None) -> None:
        settings_module = os.environ.get(ENVIRONMENT_VARIABLE)
        if not settings_module:
            desc = f"setting {name}" if name else "settings"
            raise ImproperlyConfigured(
                f"Requested {desc}, but settings are not configured. Set the environment "
                f"variable {ENVIRONMENT_VARIABLE} or call settings.configure() before "
                f"accessing settings."
            )
        self.__dict__["_wrapped"] = Settings(settings_module)

    def __repr__(self) -> str:
        if self._wrapped is _empty:
            return "<LazySettings [Unevaluated]>"
        return f"<LazySettings {self._wrapped.SETTINGS_MODULE!r}>"

    def __getattr__(self, name: str) -> Any:
        wrapped = self.__dict__["_wrapped"]
        if wrapped is _empty:
            self._setup(name)
            wrapped = self.__dict__["_wrapped"]
        value = getattr(wrapped, name)
        # Cache on the proxy: settings are read on every request.
        self.__dict__[name] = value
        return value

    def __setattr__(self, name: str, value: Any) -> None:
        if name == "_wrapped":
            self.__dict__.clear()
            self.__dict__["_wrapped"] = value
            return
        self.__dict__.pop(name, None)
        if self._wrapped is _empty:
            self._setup()
        setattr(self._wrapped, name, value)

    def __delattr__(self, name: str) -> None:
        if self._wrapped is _empty:
            self._setup()
        delattr(self._wrapped, name)
        self.__dict__.pop(name, None)

    def __dir__(self):
        if self._wrapped is _empty:
            self._setup()
        return dir(self._wrapped)

    def configure(self, default_settings: Any = global_settings, **options: Any) -> None:
        """Configure settings in code instead of through FRAMEWORK_SETTINGS_MODULE."""
        if self._wrapped is not _empty:
            raise RuntimeError("Settings already configured.")
        holder = UserSettingsHolder(default_settings)
        for name, value in options.items():
            if not name.isupper():
                raise TypeError(f"Setting {name!r} must be uppercase.")
            _check_sequence(name, value)
            setattr(holder, name, value)
        self._wrapped = holder

    @property
    def configured(self) -> bool:
        """True once settings were loaded or configured."""
        return self._wrapped is not _empty

    def is_overridden(self, name: str) -> bool:
        if self._wrapped is _empty:
            self._setup()
        return self._wrapped.is_overridden(name)


settings = LazySettings()
