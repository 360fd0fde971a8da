"""Fixtures of the staticfiles tests: a project with STATICFILES_DIRS and two apps."""

from __future__ import annotations

import pytest
import webtest

from framework.apps import apps
from framework.contrib.staticfiles.checks import check_finders, check_storages
from framework.contrib.staticfiles.finders import get_finder
from framework.core.checks import registry
from framework.core.handlers.wsgi import WSGIHandler

TEST_APPS = [
    "framework.contrib.staticfiles",
    "tests.staticfiles.apps.one",
    "tests.staticfiles.apps.two",
]


@pytest.fixture
def installed(settings):
    """Install the staticfiles app and the two test apps for one test."""
    settings.INSTALLED_APPS = TEST_APPS
    apps.set_installed_apps(TEST_APPS)
    get_finder.cache_clear()
    yield
    apps.unset_installed_apps()
    get_finder.cache_clear()
    # ready() registered the staticfiles checks; keep other tests' check runs as they were.
    registry.registered_checks.discard(check_finders)
    registry.registered_checks.discard(check_storages)


@pytest.fixture
def project(tmp_path, settings, installed):
    """STATICFILES_DIRS = [<tmp>/static, ("vendor", <tmp>/vendor)], STATIC_ROOT = <tmp>/root.

    Returns a dict of the paths; tests add files under them.
    """
    static = tmp_path / "static"
    vendor = tmp_path / "vendor"
    root = tmp_path / "root"
    static.mkdir()
    vendor.mkdir()
    (static / "site.css").write_text('@import "base.css";\nh1 { background: url(img/logo.png); }\n')
    (static / "base.css").write_text("p { color: red; }\n")
    (static / "img").mkdir()
    (static / "img" / "logo.png").write_bytes(b"\x89PNG logo")
    (static / "shared.txt").write_text("from project\n")
    (static / ".hidden").write_text("secret\n")
    (static / "backup.txt~").write_text("old\n")
    (vendor / "lib.js").write_text("var lib = 1;\n")
    settings.STATICFILES_DIRS = [str(static), ("vendor", str(vendor))]
    settings.STATIC_ROOT = str(root)
    settings.STATIC_URL = "/static/"
    get_finder.cache_clear()
    return {"static": static, "vendor": vendor, "root": root, "tmp": tmp_path}


@pytest.fixture
def manifest(settings, project):
    """The project with ManifestStaticFilesStorage as the staticfiles storage."""
    settings.STORAGES = {
        "default": {"BACKEND": "framework.core.files.storage.FileSystemStorage"},
        "staticfiles": {
            "BACKEND": "framework.contrib.staticfiles.storage.ManifestStaticFilesStorage"
        },
    }
    return project


@pytest.fixture
def make_app(settings):
    """A factory of webtest.TestApp around a fresh WSGIHandler."""
    settings.ROOT_URLCONF = "tests.staticfiles.urls"

    def factory(**overrides):
        for name, value in overrides.items():
            setattr(settings, name, value)
        return webtest.TestApp(WSGIHandler())

    return factory
