"""Finders: STATICFILES_DIRS (with prefixes), app static directories, find()."""

from __future__ import annotations

import os

import pytest

from framework.contrib.staticfiles import finders
from framework.contrib.staticfiles.finders import (
    AppDirectoriesFinder,
    FileSystemFinder,
    find,
    get_finder,
)
from framework.core.exceptions import ImproperlyConfigured

APPS_DIR = os.path.join(os.path.dirname(__file__), "apps")


def test_filesystem_finder_plain_and_prefixed(project):
    """Plain entries match paths directly; (prefix, path) entries need the prefix."""
    finder = FileSystemFinder()
    assert finder.find("site.css") == str(project["static"] / "site.css")
    assert finder.find("vendor/lib.js") == str(project["vendor"] / "lib.js")
    assert finder.find("lib.js") is None
    assert finder.locations == [("", str(project["static"])), ("vendor", str(project["vendor"]))]


def test_filesystem_finder_list_with_prefix_storage(project):
    """list() yields relative paths with storages carrying the prefix; ignores apply."""
    listed = {
        (getattr(storage, "prefix", ""), path)
        for path, storage in FileSystemFinder().list([".*", "*~"])
    }
    assert ("vendor", "lib.js") in listed
    assert ("", "img/logo.png") in listed
    assert ("", ".hidden") not in listed and ("", "backup.txt~") not in listed


def test_app_directories_finder(installed):
    """Each installed app's static/ is searched in INSTALLED_APPS order."""
    finder = AppDirectoriesFinder()
    assert finder.apps == ["tests.staticfiles.apps.one", "tests.staticfiles.apps.two"]
    assert finder.find("shared.txt") == os.path.join(APPS_DIR, "one", "static", "shared.txt")
    assert finder.find("shared.txt", find_all=True) == [
        os.path.join(APPS_DIR, "one", "static", "shared.txt"),
        os.path.join(APPS_DIR, "two", "static", "shared.txt"),
    ]
    assert finder.find_in_app("tests.staticfiles.apps.two", "two.txt").endswith("two.txt")


def test_find_order_dirs_before_apps(project):
    """find() asks STATICFILES_DIRS first, then the apps; find_all lists every match."""
    assert find("shared.txt") == str(project["static"] / "shared.txt")
    everything = find("shared.txt", find_all=True)
    assert len(everything) == 3
    assert everything[0] == str(project["static"] / "shared.txt")
    assert find("missing.txt") is None
    assert find("missing.txt", find_all=True) == []
    assert str(project["static"]) in finders.searched_locations


@pytest.mark.parametrize(
    "hostile", ["../secret.txt", "../../etc/passwd", "/etc/passwd", "one/../../../x", "a\x00b"]
)
def test_find_refuses_traversal(project, hostile):
    """Paths escaping a static directory are never found."""
    (project["tmp"] / "secret.txt").write_text("secret")
    assert find(hostile) is None


def test_get_finder_is_cached_and_validated():
    """get_finder() returns one instance per path and rejects non-finders clearly."""
    path = "framework.contrib.staticfiles.finders.FileSystemFinder"
    assert get_finder(path) is get_finder(path)
    with pytest.raises(ImproperlyConfigured, match="not a subclass"):
        get_finder("framework.core.files.storage.FileSystemStorage")
    with pytest.raises(ImproperlyConfigured, match="no.such.Finder"):
        get_finder("no.such.Finder")


def test_checks(settings, tmp_path, installed):
    """FileSystemFinder.check() reports E001, E002, E003 and W004 with the culprit."""
    settings.STATICFILES_DIRS = "static"
    errors = FileSystemFinder().check()
    assert [e.id for e in errors] == ["staticfiles.E001"]
    assert "'static'" in errors[0].msg

    root = tmp_path / "root"
    root.mkdir()
    settings.STATIC_ROOT = str(root)
    settings.STATICFILES_DIRS = [str(root), ("prefix/", str(tmp_path)), str(tmp_path / "nope")]
    ids = [e.id for e in FileSystemFinder().check()]
    assert ids == ["staticfiles.E002", "staticfiles.E003", "staticfiles.W004"]


def test_checks_run_through_check_framework(settings, tmp_path, installed):
    """The registered staticfiles checks run with the staticfiles tag."""
    from framework.core.checks import run_checks

    settings.STATICFILES_DIRS = [str(tmp_path / "missing")]
    messages = run_checks(tags=["staticfiles"])
    assert "staticfiles.W004" in [m.id for m in messages]
    settings.STORAGES = {"default": {"BACKEND": "framework.core.files.storage.FileSystemStorage"}}
    assert "staticfiles.E005" in [m.id for m in run_checks(tags=["staticfiles"])]
