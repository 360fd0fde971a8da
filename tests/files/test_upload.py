"""Uploads saved through default_storage over HTTP: hostile names stay inside MEDIA_ROOT."""

from __future__ import annotations

import pytest
import webtest

from framework.core.handlers.wsgi import WSGIHandler


@pytest.fixture
def app(settings, tmp_path):
    """A WebTest app whose default storage is a fresh MEDIA_ROOT."""
    settings.ROOT_URLCONF = "tests.files.urls"
    settings.MEDIA_ROOT = str(tmp_path / "media")
    settings.MEDIA_URL = "/media/"
    return webtest.TestApp(WSGIHandler())


def test_upload_saved_under_media_root(app, tmp_path):
    """A normal upload lands in MEDIA_ROOT under its cleaned name."""
    response = app.post("/upload/", upload_files=[("file", "my photo.jpg", b"JPEG")])
    assert response.text == "my_photo.jpg"
    assert (tmp_path / "media" / "my_photo.jpg").read_bytes() == b"JPEG"


@pytest.mark.parametrize("filename", ["../../etc/passwd", "..\\..\\evil.txt", "/etc/passwd"])
def test_hostile_client_filename_is_reduced_to_base_name(app, tmp_path, filename):
    """A client file name with path parts is saved by its base name inside MEDIA_ROOT."""
    response = app.post("/upload/", upload_files=[("file", filename, b"evil")])
    saved = tmp_path / "media" / response.text
    assert saved.read_bytes() == b"evil"
    assert saved.parent == tmp_path / "media"


@pytest.mark.parametrize("name", ["../../etc/passwd", "a/../../b.txt", "/abs.txt"])
def test_hostile_name_field_is_a_400(app, tmp_path, name):
    """A traversal name chosen by the client is refused with 400, nothing written outside."""
    response = app.post(
        "/upload/", {"name": name}, upload_files=[("file", "x.txt", b"evil")], status=400
    )
    assert response.status_int == 400
    assert not (tmp_path / "b.txt").exists() and not (tmp_path / "abs.txt").exists()
