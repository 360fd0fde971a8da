"""The registry of installed apps and their models."""

from __future__ import annotations

import functools
import threading
from collections import Counter, defaultdict
from typing import Any

from framework.core.exceptions import AppRegistryNotReady, ImproperlyConfigured


class Apps:
    """Installed applications and their models.

    ``apps`` (the global instance) is populated by ``framework.setup()``;
    migrations build their own instances holding historical models.
    """

    def __init__(self, installed_apps: Any = ()):
        # None means "the main registry", populated later by framework.setup().
        # app label -> {model name (lower) -> model class}; filled as models are defined.
        self.all_models: dict[str, dict[str, Any]] = defaultdict(dict)
        self.app_configs: dict[str, Any] = {}
        self.stored_app_configs: list = []
        self.apps_ready = self.models_ready = self.ready = False
        self._lock = threading.RLock()
        self.loading = False
        self._pending_operations: dict[tuple[str, str], list] = defaultdict(list)
        if installed_apps is not None:
            self.populate(installed_apps)

    def __repr__(self) -> str:
        return f"<Apps: {', '.join(self.app_configs) or 'not populated'}>"

    def populate(self, installed_apps: Any = None) -> None:
        """Import each app's config and models, then call every ``ready()``. Idempotent."""
        from framework.apps.config import AppConfig

        if self.ready:
            return
        with self._lock:
            if self.ready:
                return
            if self.loading:
                raise RuntimeError("populate() isn't reentrant")
            self.loading = True
            try:
                for entry in installed_apps:
                    app_config = entry if isinstance(entry, AppConfig) else AppConfig.create(entry)
                    if app_config.label in self.app_configs:
                        raise ImproperlyConfigured(
                            f"Application labels aren't unique, duplicates: {app_config.label} "
                            f"(check INSTALLED_APPS)."
                        )
                    self.app_configs[app_config.label] = app_config
                    app_config.apps = self
                counts = Counter(ac.name for ac in self.app_configs.values())
                duplicates = [name for name, count in counts.items() if count > 1]
                if duplicates:
                    raise ImproperlyConfigured(
                        f"Application names aren't unique, duplicates: {', '.join(duplicates)} "
                        f"(check INSTALLED_APPS)."
                    )
                self.apps_ready = True

                for app_config in self.app_configs.values():
                    app_config.import_models()
                self.clear_cache()
                self.models_ready = True

                for app_config in self.get_app_configs():
                    app_config.ready()
                self.ready = True
            finally:
                self.loading = False

    def check_apps_ready(self) -> None:
        """Raise AppRegistryNotReady if app configs are not imported yet."""
        if not self.apps_ready:
            from framework.conf import settings

            # Touch settings so that a missing configuration gives its own clear error.
            settings.INSTALLED_APPS  # noqa: B018
            raise AppRegistryNotReady(
                "Apps aren't loaded yet. Call framework.setup() first (manage.py and the "
                "WSGI handler do this for you)."
            )

    def check_models_ready(self) -> None:
        """Raise AppRegistryNotReady if models are not imported yet."""
        if not self.models_ready:
            raise AppRegistryNotReady("Models aren't loaded yet.")

    def get_app_configs(self):
        """Return an iterable of AppConfig instances."""
        self.check_apps_ready()
        return self.app_configs.values()

    def get_app_config(self, app_label: str):
        """Return the AppConfig for a label; LookupError naming close matches if none."""
        self.check_apps_ready()
        try:
            return self.app_configs[app_label]
        except KeyError:
            message = f"No installed app with label {app_label!r}."
            for app_config in self.get_app_configs():
                if app_config.name == app_label:
                    message += f" Did you mean {app_config.label!r}?"
                    break
            raise LookupError(message) from None

    def get_models(self, include_auto_created: bool = False, include_swapped: bool = False):
        """Return all installed models."""
        self.check_models_ready()
        return self._get_models(include_auto_created, include_swapped)

    @functools.cache  # noqa: B019 - cleared by clear_cache(); registries live for the process
    def _get_models(self, include_auto_created: bool, include_swapped: bool) -> list:
        result = []
        for app_config in self.app_configs.values():
            result.extend(app_config.get_models(include_auto_created, include_swapped))
        return result

    def get_model(self, app_label: str, model_name: str | None = None, require_ready: bool = True):
        """Return a model from ``"app_label.ModelName"`` or (app_label, model_name)."""
        if require_ready:
            self.check_models_ready()
        else:
            self.check_apps_ready()
        if model_name is None:
            try:
                app_label, model_name = app_label.split(".")
            except ValueError:
                raise ValueError(
                    f"Model reference {app_label!r} must be of the form 'app_label.ModelName'."
                ) from None
        app_config = self.get_app_config(app_label)
        if not require_ready and app_config.models is None:
            app_config.import_models()
        return app_config.get_model(model_name, require_ready=require_ready)

    def register_model(self, app_label: str, model: Any) -> None:
        """Record a model class; called by the model metaclass."""
        model_name = model._meta.model_name
        app_models = self.all_models[app_label]
        if model_name in app_models:
            existing = app_models[model_name]
            if model.__name__ == existing.__name__ and model.__module__ == existing.__module__:
                import warnings

                warnings.warn(
                    f"Model '{app_label}.{model_name}' was already registered. Reloading "
                    f"models is not advised as it can lead to inconsistencies.",
                    RuntimeWarning,
                    stacklevel=2,
                )
            else:
                raise RuntimeError(
                    f"Conflicting '{model_name}' models in application '{app_label}': "
                    f"{existing} and {model}."
                )
        app_models[model_name] = model
        self.do_pending_operations(model)
        self.clear_cache()

    def is_installed(self, app_name: str) -> bool:
        """True if an app with this dotted name is in INSTALLED_APPS."""
        self.check_apps_ready()
        return any(ac.name == app_name for ac in self.app_configs.values())

    def get_containing_app_config(self, object_name: str):
        """Return the AppConfig whose module contains ``object_name`` (a dotted path)."""
        self.check_apps_ready()
        candidates = [
            ac
            for ac in self.app_configs.values()
            if object_name == ac.name or object_name.startswith(ac.name + ".")
        ]
        if candidates:
            return max(candidates, key=lambda ac: len(ac.name))
        return None

    def get_registered_model(self, app_label: str, model_name: str):
        """Return a registered model even before the registry is ready; LookupError if none."""
        model = self.all_models[app_label].get(model_name.lower())
        if model is None:
            raise LookupError(f"Model '{app_label}.{model_name}' not registered.")
        return model

    def get_swappable_settings_name(self, to_string: str) -> str | None:
        """Return the setting name (e.g. AUTH_USER_MODEL) a model reference is swappable by."""
        to_string = to_string.lower()
        for model in self.get_models(include_swapped=True):
            swapped = getattr(model._meta, "swapped", None)
            if swapped and swapped.lower() == to_string:
                return model._meta.swappable
            if getattr(model._meta, "swappable", None) and model._meta.label_lower == to_string:
                return model._meta.swappable
        return None

    def clear_cache(self) -> None:
        """Forget cached model lists and each model's cached relation tree."""
        self._get_models.cache_clear()
        if self.ready:
            for app_config in self.app_configs.values():
                for model in app_config.get_models(include_auto_created=True):
                    expire = getattr(model._meta, "_expire_cache", None)
                    if expire:
                        expire()

    def lazy_model_operation(self, function, *model_keys) -> None:
        """Call ``function(*models)`` once all models named by (app_label, model_name) exist."""
        if not model_keys:
            function()
            return
        next_model, *more = model_keys

        def apply_next_model(model):
            next_function = functools.partial(function, model)
            self.lazy_model_operation(next_function, *more)

        apply_next_model.func = function  # type: ignore[attr-defined]
        try:
            model_class = self.get_registered_model(*next_model)
        except LookupError:
            self._pending_operations[next_model].append(apply_next_model)
        else:
            apply_next_model(model_class)

    def do_pending_operations(self, model) -> None:
        key = (model._meta.app_label, model._meta.model_name)
        for function in self._pending_operations.pop(key, []):
            function(model)

    # -- used by tests (isolate_apps, override_settings(INSTALLED_APPS=...)) --

    def set_installed_apps(self, installed: Any) -> None:
        """Temporarily replace the installed apps; undo with unset_installed_apps()."""
        if not self.ready:
            raise AppRegistryNotReady("App registry isn't ready yet.")
        # Models of the apps that go away may have left reverse relations in the _meta
        # caches of the ones that stay: expire them all before and after the swap.
        self.clear_cache()
        self.stored_app_configs.append(self.app_configs)
        self.app_configs = {}
        self.apps_ready = self.models_ready = self.loading = self.ready = False
        self.populate(installed)
        self.clear_cache()
        self._announce_change(installed)

    def unset_installed_apps(self) -> None:
        """Restore the installed apps saved by set_installed_apps()."""
        self.clear_cache()
        self.app_configs = self.stored_app_configs.pop()
        self.apps_ready = self.models_ready = self.ready = True
        self.clear_cache()
        self._announce_change([ac.name for ac in self.app_configs.values()])

    def set_available_apps(self, available: Any) -> None:
        """Restrict the installed apps to ``available`` (dotted names) until
        unset_available_apps(); ValueError naming the apps that are not installed."""
        available = set(available)
        installed = {ac.name for ac in self.get_app_configs()}
        missing = sorted(available - installed)
        if missing:
            raise ValueError(
                f"Available apps isn't a subset of installed apps, extra apps: "
                f"{', '.join(missing)}."
            )
        self.clear_cache()
        self.stored_app_configs.append(self.app_configs)
        self.app_configs = {
            label: ac for label, ac in self.app_configs.items() if ac.name in available
        }
        self.clear_cache()
        self._announce_change([ac.name for ac in self.app_configs.values()])

    def unset_available_apps(self) -> None:
        """Restore the installed apps saved by set_available_apps()."""
        self.clear_cache()
        self.app_configs = self.stored_app_configs.pop()
        self.clear_cache()
        self._announce_change([ac.name for ac in self.app_configs.values()])

    def _announce_change(self, installed: Any) -> None:
        # Caches built from the installed apps (template directories, engines) listen to
        # setting_changed for INSTALLED_APPS, as override_settings sends it.
        from framework.core.signals import setting_changed

        if self is apps:
            setting_changed.send(
                sender=type(self), setting="INSTALLED_APPS", value=list(installed), enter=True
            )


apps = Apps(installed_apps=None)
