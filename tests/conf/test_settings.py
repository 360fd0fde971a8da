"""Lazy settings, settings modules, configure() and override_settings."""

from __future__ import annotations

import pytest

from framework.conf import LazySettings, Settings, global_settings, settings
from framework.core.exceptions import ImproperlyConfigured
from framework.core.signals import setting_changed
from framework.test import override_settings


def test_settings_module_values_override_defaults():
    """A settings module's uppercase names override global_settings; lowercase are ignored."""
    s = Settings("tests.conf.settings_module")
    assert s.DEBUG is True
    assert s.CUSTOM_SETTING == 42
    assert s.APPEND_SLASH is global_settings.APPEND_SLASH
    assert not hasattr(s, "lowercase_is_ignored")
    assert s.is_overridden("DEBUG") and not s.is_overridden("APPEND_SLASH")


def test_missing_settings_module_names_the_variable():
    """An unimportable settings module gives ImproperlyConfigured naming the variable."""
    with pytest.raises(ImproperlyConfigured, match="FRAMEWORK_SETTINGS_MODULE='no.such.module'"):
        Settings("no.such.module")


def test_bare_string_for_sequence_setting_is_refused():
    """INSTALLED_APPS given as a string is an error naming the setting."""
    with pytest.raises(ImproperlyConfigured, match="INSTALLED_APPS setting must be a list"):
        Settings("tests.conf.bad_sequence_settings")


def test_unconfigured_settings_explain_how_to_configure(monkeypatch):
    """Reading settings with no module and no configure() says what to do."""
    monkeypatch.delenv("FRAMEWORK_SETTINGS_MODULE", raising=False)
    lazy = LazySettings()
    assert not lazy.configured
    with pytest.raises(ImproperlyConfigured, match="Requested setting DEBUG.*configure"):
        lazy.DEBUG  # noqa: B018


def test_configure_and_lazy_loading(monkeypatch):
    """configure() sets values on top of the defaults and can only run once."""
    lazy = LazySettings()
    lazy.configure(DEBUG=True, SECRET_KEY="k")
    assert lazy.configured
    assert lazy.DEBUG is True
    assert lazy.DATA_UPLOAD_MAX_NUMBER_FIELDS == 1000
    with pytest.raises(RuntimeError, match="already configured"):
        lazy.configure(DEBUG=False)


def test_configure_rejects_lowercase_names():
    lazy = LazySettings()
    with pytest.raises(TypeError, match="'debug' must be uppercase"):
        lazy.configure(debug=True)


def test_environment_variable_is_read_lazily(monkeypatch):
    """The module named by FRAMEWORK_SETTINGS_MODULE is imported on first access."""
    monkeypatch.setenv("FRAMEWORK_SETTINGS_MODULE", "tests.conf.settings_module")
    lazy = LazySettings()
    assert "Unevaluated" in repr(lazy)
    assert lazy.CUSTOM_SETTING == 42
    assert "tests.conf.settings_module" in repr(lazy)


def test_override_settings_as_context_manager_and_signal():
    """override_settings changes a value for a block and sends setting_changed both ways."""
    seen = []

    def receiver(sender, setting, value, enter, **kwargs):
        seen.append((setting, value, enter))

    setting_changed.connect(receiver)
    try:
        original = settings.APPEND_SLASH
        with override_settings(APPEND_SLASH=not original):
            assert settings.APPEND_SLASH is (not original)
        assert settings.APPEND_SLASH is original
    finally:
        setting_changed.disconnect(receiver)
    assert seen == [("APPEND_SLASH", not original, True), ("APPEND_SLASH", original, False)]


@override_settings(CUSTOM_FLAG="on")
def test_override_settings_as_decorator():
    assert settings.CUSTOM_FLAG == "on"


def test_deleting_a_setting_inside_an_override():
    """del settings.X inside an override hides it until the override ends."""
    with override_settings():
        del settings.APPEND_SLASH
        with pytest.raises(AttributeError):
            settings.APPEND_SLASH  # noqa: B018
    assert settings.APPEND_SLASH is True


def test_settings_fixture_restores_values(settings):
    """The pytest settings fixture overrides by assignment."""
    settings.DEBUG = True
    from framework.conf import settings as real

    assert real.DEBUG is True


def test_settings_fixture_was_undone():
    assert settings.DEBUG is False


def test_every_global_setting_is_documented():
    """Each default in global_settings has a comment above it or in its section."""
    import inspect

    source = inspect.getsource(global_settings)
    names = [n for n in dir(global_settings) if n.isupper()]
    assert len(names) > 100
    assert source.count("#") > 60
