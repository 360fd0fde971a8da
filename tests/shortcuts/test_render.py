"""render(): a template rendered into an HttpResponse, through the Jinja2 backend."""

from __future__ import annotations

import pytest

from framework.http import HttpRequest, HttpResponse
from framework.shortcuts import render


@pytest.fixture
def templates(settings, tmp_path):
    """A Jinja2 engine over a temporary directory holding greet.html."""
    (tmp_path / "greet.html").write_text("Hello {{ name }}! {{ request.method }}")
    settings.TEMPLATES = [
        {
            "BACKEND": "framework.template.backends.jinja2.Jinja2",
            "DIRS": [str(tmp_path)],
            "APP_DIRS": False,
            "OPTIONS": {},
        }
    ]
    return tmp_path


def test_render_returns_an_http_response(templates):
    """The content is the rendered template, with the request available to it."""
    request = HttpRequest()
    request.method = "GET"
    response = render(request, "greet.html", {"name": "<Ada>"})
    assert isinstance(response, HttpResponse)
    assert response.status_code == 200
    assert response.content == b"Hello &lt;Ada&gt;! GET"
    assert response["Content-Type"] == "text/html; charset=utf-8"


def test_render_status_and_content_type(templates):
    """status and content_type are passed to the response."""
    response = render(HttpRequest(), ["missing.html", "greet.html"], {"name": "x"},
                      content_type="text/plain", status=201)  # fmt: skip
    assert response.status_code == 201
    assert response["Content-Type"] == "text/plain"
    assert response.content.startswith(b"Hello x!")
