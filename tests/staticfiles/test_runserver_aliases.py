"""runserver's static aliases follow the staticfiles finders."""

from __future__ import annotations

import os

from apache.commands.runserver import _finder_dirs
from apache.express import static_aliases
from framework.conf import settings

APPS_DIR = os.path.join(os.path.dirname(__file__), "apps")


def test_finder_dirs_follow_finders(project):
    """Directories come from FileSystemFinder (with prefixes) then the apps' static/."""
    assert _finder_dirs(settings) == [
        ("", str(project["static"])),
        ("vendor", str(project["vendor"])),
        ("", os.path.join(APPS_DIR, "one", "static")),
        ("", os.path.join(APPS_DIR, "two", "static")),
    ]


def test_finder_dirs_only_configured_finders(project, settings):
    """Leaving AppDirectoriesFinder out of STATICFILES_FINDERS leaves the apps out."""
    settings.STATICFILES_FINDERS = ["framework.contrib.staticfiles.finders.FileSystemFinder"]
    assert [d for _, d in _finder_dirs(settings)] == [
        str(project["static"]),
        str(project["vendor"]),
    ]


def test_aliases_first_directory_wins(project):
    """The project's shared.txt shadows the apps' in the generated aliases."""
    aliases = dict(static_aliases("/static/", None, _finder_dirs(settings)))
    assert aliases["/static/shared.txt"] == str(project["static"] / "shared.txt")
    assert aliases["/static/vendor"] == str(project["vendor"])
    assert aliases["/static/two.txt"] == os.path.join(APPS_DIR, "two", "static", "two.txt")
