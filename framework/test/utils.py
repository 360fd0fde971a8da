"""Test utilities: ``override_settings``."""

from __future__ import annotations

import functools
import inspect
from typing import Any

from framework.conf import UserSettingsHolder, settings
from framework.core.signals import setting_changed


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

    def __call__(self, target):
        if inspect.isclass(target):
            for name, attr in list(vars(target).items()):
                if name.startswith("test") and callable(attr):
                    setattr(target, name, self(attr))
            return target

        @functools.wraps(target)
        def inner(*args, **kwargs):
            with type(self)(**self.options):
                return target(*args, **kwargs)

        return inner
