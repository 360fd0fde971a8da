"""WSGIRequest fed by WebTest, a real HTTP client encoder, through a minimal WSGI app."""

from __future__ import annotations

import json

import pytest
import webtest

from framework.core.exceptions import SuspiciousOperation
from framework.http import HttpResponse, JsonResponse, MultiPartParserError, WSGIRequest


def echo_app(environ, start_response):
    """Build a WSGIRequest, echo what it parsed, and send the response as a handler would."""
    request = WSGIRequest(environ)
    try:
        data = {
            "method": request.method,
            "path": request.path,
            "GET": {k: request.GET.getlist(k) for k in request.GET},
            "POST": {k: request.POST.getlist(k) for k in request.POST},
            "FILES": {
                k: [[f.name, f.content_type, f.read().decode("latin-1")] for f in files]
                for k, files in request.FILES.lists()
            },
            "COOKIES": request.COOKIES,
            "host": request.get_host(),
        }
        response = JsonResponse(data)
    except (SuspiciousOperation, MultiPartParserError) as exc:
        response = HttpResponse(f"{type(exc).__name__}: {exc}", status=400)
    finally:
        request.close()
    response.set_cookie("seen", "yes", httponly=True)
    headers = list(response.items())
    headers += [("Set-Cookie", c.OutputString()) for c in response.cookies.values()]
    start_response(f"{response.status_code} {response.reason_phrase}", headers)
    return response


@pytest.fixture
def app():
    return webtest.TestApp(echo_app, extra_environ={"HTTP_HOST": "testserver"})


def test_get_with_query_and_cookies(app):
    """Query parameters and cookies arrive decoded."""
    app.set_cookie("session", "abc")
    result = app.get("/path/x/", params={"q": ["1", "2"], "x": "ü"}).json
    assert result["path"] == "/path/x/"
    assert result["GET"] == {"q": ["1", "2"], "x": ["ü"]}
    assert result["COOKIES"] == {"session": "abc"}


def test_form_post(app):
    """A urlencoded form posted by WebTest fills POST."""
    result = app.post("/", params={"name": "José", "tags": ["a", "b"]}).json
    assert result["POST"] == {"name": ["José"], "tags": ["a", "b"]}


def test_file_upload(app):
    """A multipart upload encoded by WebTest fills POST and FILES."""
    response = app.post(
        "/upload/",
        params={"title": "Report"},
        upload_files=[("doc", "../../report.txt", b"contents\r\nhere", "text/plain")],
    )
    result = response.json
    assert result["POST"] == {"title": ["Report"]}
    assert result["FILES"] == {"doc": [["report.txt", "text/plain", "contents\r\nhere"]]}
    assert "seen=yes" in response.headers["Set-Cookie"]


def test_broken_multipart_is_400(app):
    """A truncated multipart body answers 400 in this app, never a crash."""
    body = b'--XYZ\r\nContent-Disposition: form-data; name="a"\r\n\r\nvalue'
    response = app.request(
        "/",
        method="POST",
        body=body,
        headers={"Content-Type": "multipart/form-data; boundary=XYZ"},
        expect_errors=True,
    )
    assert response.status_int == 400
    assert "closing boundary" in response.text


def test_bad_host_is_400(app):
    """A Host outside ALLOWED_HOSTS answers 400 naming it."""
    response = app.get("/", headers={"Host": "evil.example"}, expect_errors=True)
    assert response.status_int == 400
    assert "evil.example" in response.text


def test_environ_from_test_request():
    """WebTest's TestRequest.blank environ builds a WSGIRequest."""
    environ = webtest.TestRequest.blank(
        "/a?b=1", method="POST", POST={"c": "2"}, headers={"Accept": "application/json"}
    ).environ
    request = WSGIRequest(environ)
    assert request.GET["b"] == "1" and request.POST["c"] == "2"
    assert request.accepts("application/json") and not request.accepts("text/html")
    assert json.loads(JsonResponse({"ok": True}).content) == {"ok": True}
