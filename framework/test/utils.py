"""Test utilities: ``override_settings``, ``modify_settings``, ``isolate_apps``.

``CaptureQueriesContext``, the test environment and the test databases' set-up
live in their own modules and are re-exported here, where Django keeps them.
"""

from __future__ import annotations

import functools
import inspect
from typing import Any

from framework.conf import UserSettingsHolder, settings
from framework.core.signals import setting_changed
from framework.test.databases import setup_databases as setup_databases
from framework.test.databases import teardown_databases as teardown_databases
from framework.test.environment import setup_test_environment as setup_test_environment
from framework.test.environment import teardown_test_environment as teardown_test_environment
from framework.test.query_capture import CaptureQueriesContext as CaptureQueriesContext


class override_settings:
    """Override settings for a block, a function or every test method of a class.

    Sends ``setting_changed`` for each name on enter and on exit so that caches
    keyed on settings (URL resolvers, template engines, ...) reset.
    """

    def __init__(self, **kwargs: Any):
        self.options = kwargs
        self.wrapped = None

    def enable(self) -> None:
        override = UserSettingsHolder(settings._wrapped)
        for key, value in self.options.items():
            setattr(override, key, value)
        self.wrapped = settings._wrapped
        settings._wrapped = override
        for key, value in self.options.items():
            setting_changed.send(sender=type(override), setting=key, value=value, enter=True)

    def disable(self) -> None:
        settings._wrapped = self.wrapped
        self.wrapped = None
        for key in self.options:
            new_value = getattr(settings, key, None)
            setting_changed.send(
                sender=type(settings._wrapped), setting=key, value=new_value, enter=False
            )

    def __enter__(self):
        self.enable()
        return self

    def __exit__(self, *exc_info):
        self.disable()

    def _copy(self) -> override_settings:
        return type(self)(**self.options)

    def __call__(self, target):
        if inspect.isclass(target) and hasattr(target, "_overridden_settings"):
            # A SimpleTestCase: enabled for the whole class in setUpClass, so that
            # setUpClass/setUpTestData see the overrides too.
            target._overridden_settings = {**target._overridden_settings, **self.options}
            return target
        if inspect.isclass(target):
            for name, attr in list(vars(target).items()):
                if name.startswith("test") and callable(attr):
                    setattr(target, name, self(attr))
            return target

        @functools.wraps(target)
        def inner(*args, **kwargs):
            with self._copy():
                return target(*args, **kwargs)

        return inner


class modify_settings(override_settings):
    """Edit list settings: ``modify_settings(MIDDLEWARE={"append": ..., "prepend": ...,
    "remove": ...})``; values are a string or a list of strings."""

    def __init__(self, *args: Any, **kwargs: Any):
        if args:
            # A class decorator stacking several modifications passes a list.
            self.operations = list(args[0])
        else:
            self.operations = list(kwargs.items())
        super().__init__()

    def __call__(self, target):
        if inspect.isclass(target) and hasattr(target, "_modified_settings"):
            target._modified_settings = [*target._modified_settings, *self.operations]
            return target
        return super().__call__(target)

    def enable(self) -> None:
        self.options = {}
        for name, operations in self.operations:
            value = list(self.options.get(name, getattr(settings, name, [])))
            for action, items in operations.items():
                items = [items] if isinstance(items, str) else list(items)
                if action == "append":
                    value += [item for item in items if item not in value]
                elif action == "prepend":
                    value = [item for item in items if item not in value] + value
                elif action == "remove":
                    value = [item for item in value if item not in items]
                else:
                    raise ValueError(
                        f"Unsupported action {action!r} for {name}; use 'append', 'prepend' "
                        f"or 'remove'."
                    )
            self.options[name] = value
        super().enable()

    def _copy(self) -> modify_settings:
        return type(self)(self.operations)


class isolate_apps:
    """Register the models defined inside the block (or test) in a new app registry
    holding only ``installed_apps``; ``attr_name``/``kwarg_name`` expose it."""

    def __init__(self, *installed_apps: str, attr_name: str | None = None, kwarg_name=None):
        self.installed_apps = installed_apps
        self.attr_name = attr_name
        self.kwarg_name = kwarg_name

    def enable(self) -> Any:
        from framework.apps.registry import Apps
        from framework.db.models.options import Options

        self.old_apps = Options.default_apps
        apps = Apps(self.installed_apps)
        Options.default_apps = apps
        return apps

    def disable(self) -> None:
        from framework.db.models.options import Options

        Options.default_apps = self.old_apps

    def __enter__(self):
        return self.enable()

    def __exit__(self, *exc_info):
        self.disable()

    def __call__(self, target):
        if inspect.isclass(target):
            decorator = self

            original_setup = target.setUp

            def setUp(inner_self, *args, **kwargs):  # noqa: N802 - unittest's name
                apps = decorator.enable()
                inner_self.addCleanup(decorator.disable)
                if decorator.attr_name:
                    setattr(inner_self, decorator.attr_name, apps)
                original_setup(inner_self, *args, **kwargs)

            target.setUp = setUp
            return target

        @functools.wraps(target)
        def inner(*args, **kwargs):
            with type(self)(
                *self.installed_apps, attr_name=self.attr_name, kwarg_name=self.kwarg_name
            ) as apps:
                if self.kwarg_name:
                    kwargs[self.kwarg_name] = apps
                return target(*args, **kwargs)

        return inner


def get_runner(settings: Any, test_runner_class: str | None = None) -> type:
    """The test runner class: ``test_runner_class`` or settings.TEST_RUNNER."""
    from framework.utils.module_loading import import_string

    return import_string(test_runner_class or settings.TEST_RUNNER)
