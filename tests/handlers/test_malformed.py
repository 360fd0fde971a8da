"""Hostile and malformed requests end to end: a clear 4xx (or a clean 404/200), never a 500.

Every case also checks that no debug information leaks with DEBUG off.
"""

from __future__ import annotations

import logging

import pytest
import webob

COMMON = ["framework.middleware.common.CommonMiddleware"]


def _no_leak(response) -> None:
    text = response.body.decode("utf-8", "replace")
    assert "Traceback" not in text
    assert "DEBUG = True" not in text
    assert "SECRET_KEY" not in text


def _no_server_error(records) -> None:
    assert not [r for r in records if r.levelno >= logging.ERROR and r.name == "framework.request"]


@pytest.fixture
def app(make_app):
    return make_app(MIDDLEWARE=COMMON, DATA_UPLOAD_MAX_NUMBER_FIELDS=20)


@pytest.mark.parametrize(
    "url",
    ["/echo/%zz/", "/echo/%", "/echo/%25%/"],
    ids=["bad-escape", "lone-percent", "percent-of-percent"],
)
def test_bad_percent_encoding_in_path_is_clean_404(app, records, url):
    """An undecodable percent escape in the path is taken literally: a clean 404."""
    response = app.get(url, status=404)
    _no_leak(response)
    _no_server_error(records)


@pytest.mark.parametrize("url", ["/echo/%FF/", "/echo/caf%E9/", "/%C0%AF/", "/%E0%A4%A/"])
def test_non_utf8_path_is_400(app, records, url):
    """A PATH_INFO that is not valid UTF-8 is a 400 naming the reason."""
    # Plain WebOb: WebTest's cookie jar cannot rebuild a URL from a non-UTF-8 path.
    response = webob.Request.blank(url, headers={"Host": "testserver"}).get_response(app.app)
    assert response.status_int == 400
    assert "not valid UTF-8" in response.text
    _no_leak(response)
    _no_server_error(records)


@pytest.mark.parametrize("query", ["q=%zz&r=%", "q=%FF%FE", "q=caf%E9", "%=%&&=&q"])
def test_bad_query_strings_are_decoded_with_replacement(app, records, query):
    """Bad escapes or non-UTF-8 bytes in the query never crash: the view sees replacements."""
    response = app.get(f"/echo/?{query}", status=200)
    assert "GET=" in response.text
    _no_server_error(records)


def test_non_utf8_cookie_is_survived(app, records):
    """A cookie with non-UTF-8 bytes does not break the request or the other cookies."""
    response = app.get("/echo/", headers={"Cookie": "bad=caf\xe9; good=yes"}, status=200)
    assert "('good', 'yes')" in response.text
    _no_server_error(records)


def test_invalid_cookie_header_is_survived(app, records):
    """Malformed cookie syntax is skipped; well-formed cookies are kept."""
    response = app.get("/echo/", headers={"Cookie": 'a="unterminated; ;;=x; ===; d=ok'}, status=200)
    assert "('d', 'ok')" in response.text
    _no_server_error(records)


def test_non_utf8_urlencoded_form(app, records):
    """A urlencoded body with non-UTF-8 bytes is decoded with replacement characters."""
    response = app.post(
        "/echo/",
        params=b"name=caf\xe9&raw=%FF&ok=1",
        content_type="application/x-www-form-urlencoded",
        status=200,
    )
    assert "('ok', ['1'])" in response.text
    _no_server_error(records)


@pytest.mark.parametrize(
    "content_type, body",
    [
        ("multipart/form-data", b"--x\r\n\r\n"),
        ("multipart/form-data; boundary=XYZ", b"garbage without any boundary"),
        (
            "multipart/form-data; boundary=XYZ",
            b'--XYZ\r\nContent-Disposition: form-data; name="a"\r\n\r\nunterminated',
        ),
        ("multipart/form-data; boundary=" + "b" * 300, b"--x"),
    ],
    ids=["no-boundary", "no-parts", "unterminated-part", "overlong-boundary"],
)
def test_broken_multipart_is_400(app, records, content_type, body):
    """A broken multipart body is a 400 with a reason, never a 500."""
    response = app.request(
        "/echo/", method="POST", body=body, content_type=content_type, expect_errors=True
    )
    assert response.status_int == 400, response.text
    assert "multipart" in response.text.lower()
    _no_leak(response)
    _no_server_error(records)


def test_multipart_with_lying_content_length(make_app, records):
    """A Content-Length larger than the body sent neither hangs nor fails."""
    body = b'--XYZ\r\nContent-Disposition: form-data; name="a"\r\n\r\nvalue\r\n--XYZ--\r\n'
    response = make_app(MIDDLEWARE=COMMON, lint=False).request(
        "/echo/",
        method="POST",
        body=body,
        content_type="multipart/form-data; boundary=XYZ",
        headers={"Content-Length": str(len(body) + 500)},
        expect_errors=True,
    )
    # The complete body that did arrive is parsed; nothing hangs waiting for the rest.
    assert response.status_int == 200
    assert "('a', ['value'])" in response.text
    _no_leak(response)
    _no_server_error(records)


def test_oversized_body_is_400(make_app, records):
    """A body over DATA_UPLOAD_MAX_MEMORY_SIZE is a 400 saying it is too large."""
    app = make_app(MIDDLEWARE=COMMON, DATA_UPLOAD_MAX_MEMORY_SIZE=100)
    response = app.post(
        "/echo/",
        params=b"a=" + b"x" * 1000,
        content_type="application/x-www-form-urlencoded",
        status=400,
    )
    assert "larger than this site accepts" in response.text
    _no_leak(response)
    assert any(r.name == "framework.security.RequestDataTooBig" for r in records)
    _no_server_error(records)


def test_too_many_fields_in_query_is_400(app, records):
    """More GET fields than DATA_UPLOAD_MAX_NUMBER_FIELDS is a 400."""
    query = "&".join(f"f{i}=1" for i in range(50))
    response = app.get(f"/echo/?{query}", status=400)
    assert "more fields than this site accepts" in response.text
    assert any(r.name == "framework.security.TooManyFieldsSent" for r in records)
    _no_server_error(records)


def test_too_many_fields_in_form_is_400(app, records):
    """More POST fields than DATA_UPLOAD_MAX_NUMBER_FIELDS is a 400."""
    body = "&".join(f"f{i}=1" for i in range(50)).encode()
    response = app.post(
        "/echo/", params=body, content_type="application/x-www-form-urlencoded", status=400
    )
    assert "more fields" in response.text
    _no_server_error(records)


def test_too_many_files_is_400(make_app, records):
    """More files than DATA_UPLOAD_MAX_NUMBER_FILES is a 400."""
    app = make_app(MIDDLEWARE=COMMON, DATA_UPLOAD_MAX_NUMBER_FILES=2)
    files = [(f"f{i}", f"f{i}.txt", b"data") for i in range(5)]
    response = app.post("/echo/", upload_files=files, expect_errors=True)
    assert response.status_int == 400
    assert "more files" in response.text
    _no_server_error(records)


@pytest.mark.parametrize(
    "host", ["evil.example", "bad host!", "testserver:notaport", "[::1", "a" * 300]
)
def test_bad_host_is_400(app, records, host):
    """A Host header not in ALLOWED_HOSTS (or not a host at all) is a 400."""
    response = app.get("/hello/", headers={"Host": host}, status=400)
    assert "Host header" in response.text
    _no_leak(response)
    assert any(r.name == "framework.security.DisallowedHost" for r in records)
    _no_server_error(records)


def test_bad_host_without_common_middleware(make_app, records):
    """A view calling get_host() with a bad Host header gets a 400 too."""
    response = make_app().get("/host/", headers={"Host": "evil.example"}, status=400)
    assert "Host header" in response.text
    _no_server_error(records)


@pytest.mark.parametrize("length", ["abc", "-5", "1e9", ""])
def test_invalid_content_length_is_survived(make_app, records, length):
    """A non-numeric or negative Content-Length is treated as an empty body."""
    response = make_app(MIDDLEWARE=COMMON, lint=False).request(
        "/echo/",
        method="POST",
        body=b"a=1",
        content_type="application/x-www-form-urlencoded",
        headers={"Content-Length": length},
        expect_errors=True,
    )
    assert response.status_int == 200
    assert "POST=[]" in response.text
    _no_server_error(records)


def test_debug_page_not_shown_for_errors_with_debug_off(app, records):
    """With DEBUG off a view error is the plain 500 page: no traceback, no settings."""
    response = app.get("/error/", status=500)
    assert "Server Error" in response.text
    assert "s3cr3t-value" not in response.text
    _no_leak(response)
