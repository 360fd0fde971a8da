"""The app registry: populate, AppConfig discovery, lookups and errors."""

from __future__ import annotations

import pytest

from framework.apps import AppConfig, Apps
from framework.core.exceptions import AppRegistryNotReady, ImproperlyConfigured


def test_populate_finds_app_config_and_calls_ready():
    """An app's single AppConfig subclass in apps.py is used and ready() runs once."""
    from tests.apps.app_one.apps import READY_CALLS

    before = len(READY_CALLS)
    registry = Apps(["tests.apps.app_one", "tests.apps.app_two"])
    config = registry.get_app_config("app_one")
    assert type(config).__name__ == "AppOneConfig"
    assert config.verbose_name == "App number one"
    assert config.path.endswith("tests/apps/app_one")
    assert len(READY_CALLS) == before + 1
    registry.populate(["tests.apps.app_one"])  # idempotent
    assert len(READY_CALLS) == before + 1
    plain = registry.get_app_config("app_two")
    assert type(plain) is AppConfig and plain.label == "app_two"
    assert registry.is_installed("tests.apps.app_two")
    assert repr(plain) == "<AppConfig: app_two>"


def test_app_config_by_dotted_path():
    registry = Apps(["tests.apps.app_one.apps.AppOneConfig"])
    assert registry.get_app_config("app_one").name == "tests.apps.app_one"


def test_unknown_label_suggests_the_label_for_a_name():
    registry = Apps(["tests.apps.app_one"])
    with pytest.raises(
        LookupError,
        match="No installed app with label 'tests.apps.app_one'. Did you mean 'app_one'",
    ):
        registry.get_app_config("tests.apps.app_one")


def test_duplicate_labels_are_refused():
    with pytest.raises(ImproperlyConfigured, match="labels aren't unique, duplicates: app_two"):
        Apps(["tests.apps.app_two", "tests.apps.app_two"])


def test_unimportable_entry_names_the_entry():
    with pytest.raises(ImproperlyConfigured, match="'nothere.at.all'"):
        Apps(["nothere.at.all"])


def test_entry_that_is_not_an_app_config():
    with pytest.raises(ImproperlyConfigured, match="no attribute 'Nope'"):
        Apps(["tests.apps.app_one.Nope"])


def test_registry_not_ready_error():
    registry = Apps(installed_apps=None)
    with pytest.raises(AppRegistryNotReady, match="framework.setup"):
        registry.get_app_configs()


def test_get_model_reference_format():
    registry = Apps(["tests.apps.app_two"])
    with pytest.raises(ValueError, match="form 'app_label.ModelName'"):
        registry.get_model("nodot")
    with pytest.raises(LookupError, match="App 'app_two' doesn't have a 'Thing' model"):
        registry.get_model("app_two.Thing")


def test_lazy_model_operation_runs_when_model_registers():
    """Operations waiting on a model run once it is registered."""
    registry = Apps(["tests.apps.app_two"])
    calls = []
    registry.lazy_model_operation(calls.append, ("app_two", "thing"))
    assert calls == []

    class Meta:
        model_name = "thing"
        app_label = "app_two"
        auto_created = False
        swapped = None

    class Thing:
        _meta = Meta

    registry.register_model("app_two", Thing)
    assert calls == [Thing]
    assert registry.get_registered_model("app_two", "Thing") is Thing
