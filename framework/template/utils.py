"""``EngineHandler``: the template engines built from ``TEMPLATES``, lazily.

``framework.template.engines`` is the process-wide instance; it forgets its
engines when ``TEMPLATES`` or ``INSTALLED_APPS`` change (``override_settings``).
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from framework.conf import settings
from framework.core.exceptions import ImproperlyConfigured
from framework.core.signals import setting_changed
from framework.template.backends.base import get_app_template_dirs
from framework.utils.functional import cached_property
from framework.utils.module_loading import import_string

__all__ = ["EngineHandler", "InvalidTemplateEngineError", "engines"]

_BACKEND_HINT = "framework.template.backends.jinja2.Jinja2"


class InvalidTemplateEngineError(ImproperlyConfigured):
    """No engine with that alias in ``TEMPLATES``."""


class EngineHandler:
    """Mapping of engine alias -> engine, built from ``TEMPLATES`` on first use."""

    def __init__(self, templates: list | None = None):
        self._templates = templates
        self._engines: dict[str, Any] = {}
        self._indexes: dict[str, int] = {}

    def __repr__(self) -> str:
        return f"<EngineHandler {list(self._engines) or 'not loaded'}>"

    @cached_property
    def templates(self) -> dict[str, dict[str, Any]]:
        """The ``TEMPLATES`` entries keyed by alias, with defaults filled in."""
        entries = settings.TEMPLATES if self._templates is None else self._templates
        templates: dict[str, dict[str, Any]] = {}
        names = []
        for index, entry in enumerate(entries):
            where = f"TEMPLATES[{index}]"
            if not isinstance(entry, dict):
                raise ImproperlyConfigured(f"{where} must be a dict, not {entry!r}.")
            backend = entry.get("BACKEND")
            if not isinstance(backend, str) or backend.count(".") < 2:
                raise ImproperlyConfigured(
                    f"{where} has an invalid BACKEND {backend!r}; use {_BACKEND_HINT!r}."
                )
            config = {
                "NAME": backend.rsplit(".", 2)[-2],
                "DIRS": [],
                "APP_DIRS": False,
                "OPTIONS": {},
                **entry,
            }
            self._indexes[config["NAME"]] = index
            templates[config["NAME"]] = config
            names.append(config["NAME"])
        duplicates = [name for name, count in Counter(names).items() if count > 1]
        if duplicates:
            raise ImproperlyConfigured(
                f"Template engine aliases aren't unique, duplicates: {', '.join(duplicates)}. "
                f"Set a unique NAME for each engine in settings.TEMPLATES."
            )
        return templates

    def __getitem__(self, alias: str) -> Any:
        try:
            return self._engines[alias]
        except KeyError:
            pass
        try:
            params = dict(self.templates[alias])
        except KeyError:
            raise InvalidTemplateEngineError(
                f"Could not find config for {alias!r} in settings.TEMPLATES "
                f"(aliases: {', '.join(self.templates) or 'none'})."
            ) from None
        index = self._indexes[alias]
        backend = params.pop("BACKEND")
        if backend.startswith("django."):
            raise ImproperlyConfigured(
                f"TEMPLATES[{index}] uses BACKEND {backend!r}: the framework renders Jinja2 "
                f"templates only; use {_BACKEND_HINT!r}."
            )
        try:
            engine_class = import_string(backend)
        except ImportError as exc:
            raise ImproperlyConfigured(
                f"TEMPLATES[{index}] BACKEND {backend!r} cannot be imported ({exc}); "
                f"use {_BACKEND_HINT!r}."
            ) from exc
        try:
            engine = engine_class(params)
        except ImproperlyConfigured as exc:
            raise ImproperlyConfigured(f"TEMPLATES[{index}]: {exc}") from exc
        self._engines[alias] = engine
        return engine

    def __iter__(self):
        return iter(self.templates)

    def all(self) -> list:
        """Every configured engine, in ``TEMPLATES`` order."""
        return [self[alias] for alias in self]

    def reset(self) -> None:
        """Forget the engines; they are rebuilt from settings on next use."""
        self.__dict__.pop("templates", None)
        self._engines = {}


engines = EngineHandler()


def _reset_engines(*, setting: str, **kwargs: Any) -> None:
    if setting in ("TEMPLATES", "INSTALLED_APPS", "DEBUG"):
        engines.reset()
    if setting == "INSTALLED_APPS":
        get_app_template_dirs.cache_clear()


setting_changed.connect(_reset_engines, dispatch_uid="framework.template.utils.reset_engines")
