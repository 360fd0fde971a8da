"""The DEBUG-only serve view, staticfiles_urlpatterns() and StaticFilesStorage settings."""

from __future__ import annotations

import pytest

from framework.contrib.staticfiles.storage import StaticFilesStorage
from framework.contrib.staticfiles.urls import staticfiles_urlpatterns
from framework.core.exceptions import ImproperlyConfigured


def test_serve_in_debug(project, make_app):
    """With DEBUG on, /static/<path> answers the file the finders find, with its type."""
    app = make_app(DEBUG=True)
    response = app.get("/static/site.css")
    assert response.status_int == 200
    assert response.content_type == "text/css"
    assert response.body.startswith(b"@import")
    assert "Last-Modified" in response.headers
    assert app.get("/static/vendor/lib.js").body == b"var lib = 1;\n"
    assert app.get("/static/two.txt").body == b"only two\n"


def test_serve_not_modified(project, make_app):
    """If-Modified-Since at or after the file's time gives 304."""
    app = make_app(DEBUG=True)
    last_modified = app.get("/static/site.css").headers["Last-Modified"]
    app.get("/static/site.css", headers={"If-Modified-Since": last_modified}, status=304)


def test_serve_404_without_debug(project, make_app):
    """With DEBUG off the view always answers 404."""
    make_app(DEBUG=False).get("/static/site.css", status=404)


@pytest.mark.parametrize(
    "path",
    [
        "/static/../secret.txt",
        "/static/%2e%2e/secret.txt",
        "/static/..%2fsecret.txt",
        "/static/%2e%2e%2f%2e%2e%2fetc/passwd",
        "/static//etc/passwd",
        "/static/",
        "/static/missing.css",
        "/static/a%00b",
    ],
)
def test_serve_hostile_paths_are_404(project, make_app, path):
    """Traversal attempts, directories and missing files answer 404, never 500 or the file."""
    (project["tmp"] / "secret.txt").write_text("TOP-SECRET-CONTENT")
    response = make_app(DEBUG=True).get(path, status="*", expect_errors=True)
    assert response.status_int in (400, 404)
    assert b"TOP-SECRET-CONTENT" not in response.body


def test_staticfiles_urlpatterns(settings):
    """staticfiles_urlpatterns() gives one pattern in DEBUG, none otherwise."""
    settings.STATIC_URL = "/static/"
    settings.DEBUG = False
    assert staticfiles_urlpatterns() == []
    settings.DEBUG = True
    assert len(staticfiles_urlpatterns()) == 1
    assert staticfiles_urlpatterns("https://cdn.example.com/") == []


def test_storage_settings_errors(settings, tmp_path):
    """StaticFilesStorage checks STATIC_URL and refuses clashes with the media settings."""
    settings.STATIC_URL = None
    with pytest.raises(ImproperlyConfigured, match="STATIC_URL"):
        StaticFilesStorage(location=tmp_path).url("x")
    settings.STATIC_URL = "/same/"
    settings.MEDIA_URL = "/same/"
    with pytest.raises(ImproperlyConfigured, match="MEDIA_URL and STATIC_URL"):
        StaticFilesStorage(location=tmp_path).url("x")
    settings.MEDIA_URL = "/media/"
    settings.STATIC_ROOT = str(tmp_path)
    settings.MEDIA_ROOT = str(tmp_path)
    with pytest.raises(ImproperlyConfigured, match="MEDIA_ROOT and STATIC_ROOT"):
        StaticFilesStorage().url("x")


def test_storage_without_static_root(settings):
    """path() without STATIC_ROOT raises ImproperlyConfigured naming STATIC_ROOT."""
    settings.STATIC_ROOT = None
    storage = StaticFilesStorage()
    assert storage.location is None
    with pytest.raises(ImproperlyConfigured, match="STATIC_ROOT"):
        storage.path("x.css")


def test_relative_static_url_uses_script_prefix(settings, tmp_path):
    """A relative STATIC_URL ('static/') is joined to the script prefix."""
    from framework.urls import clear_script_prefix, set_script_prefix

    settings.STATIC_URL = "static/"
    set_script_prefix("/site/")
    try:
        assert StaticFilesStorage(location=tmp_path).url("a.css") == "/site/static/a.css"
    finally:
        clear_script_prefix()
