"""AppConfig: one installed application."""

from __future__ import annotations

import importlib
import importlib.util
import inspect
import os
from types import ModuleType
from typing import Any

from framework.core.exceptions import ImproperlyConfigured

APPS_MODULE_NAME = "apps"
MODELS_MODULE_NAME = "models"


class AppConfig:
    """Configuration and metadata of one installed application.

    Subclass it in ``<app>/apps.py``; set ``name`` (the app's dotted path) and
    optionally ``label``, ``verbose_name``, ``default_auto_field``; override
    ``ready()`` for start-up work such as connecting signals.
    """

    default_auto_field: str | None = None
    default = False

    def __init__(self, app_name: str, app_module: ModuleType | None):
        self.name = app_name
        self.module = app_module
        self.apps = None
        if not hasattr(self, "label"):
            self.label = app_name.rpartition(".")[2]
        if not self.label.isidentifier():
            raise ImproperlyConfigured(
                f"The app label {self.label!r} of {app_name!r} is not a valid Python "
                f"identifier; set AppConfig.label."
            )
        if not hasattr(self, "verbose_name"):
            self.verbose_name = self.label.title()
        if not hasattr(self, "path"):
            self.path = self._path_from_module(app_module)
        self.models_module: ModuleType | None = None
        self.models: dict[str, Any] | None = None

    def __repr__(self) -> str:
        return f"<{type(self).__name__}: {self.label}>"

    @staticmethod
    def _path_from_module(module: ModuleType | None) -> str | None:
        if module is None:
            return None
        paths = list(dict.fromkeys(getattr(module, "__path__", [])))
        if len(paths) != 1:
            filename = getattr(module, "__file__", None)
            if filename is not None:
                paths = [os.path.dirname(filename)]
        if len(paths) > 1:
            raise ImproperlyConfigured(
                f"The app module {module!r} has multiple filesystem locations ({paths!r}); "
                f"set AppConfig.path to one of them."
            )
        if not paths:
            raise ImproperlyConfigured(
                f"The app module {module!r} has no filesystem location; set AppConfig.path."
            )
        return paths[0]

    @classmethod
    def create(cls, entry: str) -> AppConfig:
        """Build the AppConfig for an INSTALLED_APPS entry (a module or an AppConfig path)."""
        app_config_class = None
        app_module = None
        try:
            app_module = importlib.import_module(entry)
        except ImportError:
            pass
        else:
            # Look for a single AppConfig subclass in <app>.apps (or one marked default).
            apps_name = f"{entry}.{APPS_MODULE_NAME}"
            apps_module = None
            if hasattr(app_module, "__path__") and importlib.util.find_spec(apps_name):
                apps_module = importlib.import_module(apps_name)
            if apps_module is not None:
                candidates = [
                    c
                    for _, c in inspect.getmembers(apps_module, inspect.isclass)
                    if issubclass(c, cls)
                    and c is not cls
                    and c.__module__ == apps_name
                    and c.__dict__.get("default", True) is not False
                ]
                if len(candidates) == 1:
                    app_config_class = candidates[0]
                else:
                    defaults = [c for c in candidates if c.__dict__.get("default")]
                    if len(defaults) > 1:
                        raise RuntimeError(
                            f"{apps_name!r} declares more than one default AppConfig: "
                            f"{', '.join(c.__name__ for c in defaults)}."
                        )
                    if len(defaults) == 1:
                        app_config_class = defaults[0]
            if app_config_class is None:
                app_config_class = cls
                app_name = entry

        if app_config_class is None:
            # entry may be the dotted path of an AppConfig subclass.
            mod_path, _, cls_name = entry.rpartition(".")
            if not mod_path:
                raise ImproperlyConfigured(
                    f"INSTALLED_APPS entry {entry!r} cannot be imported: no module named {entry!r}."
                )
            try:
                mod = importlib.import_module(mod_path)
            except ImportError as exc:
                raise ImproperlyConfigured(
                    f"INSTALLED_APPS entry {entry!r} cannot be imported: {exc}."
                ) from exc
            try:
                app_config_class = getattr(mod, cls_name)
            except AttributeError:
                raise ImproperlyConfigured(
                    f"INSTALLED_APPS entry {entry!r} names neither a module nor an "
                    f"AppConfig: {mod_path!r} has no attribute {cls_name!r}."
                ) from None
            if not (inspect.isclass(app_config_class) and issubclass(app_config_class, cls)):
                raise ImproperlyConfigured(
                    f"INSTALLED_APPS entry {entry!r} is not a subclass of AppConfig."
                )
            try:
                app_name = app_config_class.name
            except AttributeError:
                raise ImproperlyConfigured(f"{entry!r} must supply a name attribute.") from None
            try:
                app_module = importlib.import_module(app_name)
            except ImportError as exc:
                raise ImproperlyConfigured(
                    f"Cannot import {app_name!r}. Check that '{entry}.name' is correct."
                ) from exc
        else:
            app_name = getattr(app_config_class, "name", None) or entry
        return app_config_class(app_name, app_module)

    def get_model(self, model_name: str, require_ready: bool = True):
        """Return the model with the given (case-insensitive) name; LookupError if none."""
        if require_ready:
            self.apps.check_models_ready()
        else:
            self.apps.check_apps_ready()
        try:
            return self.models[model_name.lower()]
        except KeyError:
            raise LookupError(f"App {self.label!r} doesn't have a {model_name!r} model.") from None

    def get_models(self, include_auto_created: bool = False, include_swapped: bool = False):
        """Yield this app's models (optionally with auto-created and swapped ones)."""
        self.apps.check_models_ready()
        for model in self.models.values():
            if model._meta.auto_created and not include_auto_created:
                continue
            if getattr(model._meta, "swapped", None) and not include_swapped:
                continue
            yield model

    def import_models(self) -> None:
        self.models = self.apps.all_models[self.label]
        if self.module is not None:
            name = f"{self.name}.{MODELS_MODULE_NAME}"
            if hasattr(self.module, "__path__") and importlib.util.find_spec(name):
                self.models_module = importlib.import_module(name)

    def ready(self) -> None:
        """Override to run start-up code once the registry is fully populated."""
