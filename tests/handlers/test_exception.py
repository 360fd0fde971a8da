"""Exceptions to responses: status codes, error handlers, security logging, DEBUG pages."""

from __future__ import annotations

import logging

import pytest
import webtest

from framework.core.exceptions import (
    DisallowedHost,
    RequestDataTooBig,
    SuspiciousMultipartForm,
    TooManyFieldsSent,
)
from framework.core.handlers.exception import get_error_handler, response_for_exception
from framework.core.handlers.wsgi import WSGIHandler
from framework.http import Http404
from framework.http.multipartparser import MultiPartParserError
from framework.views import defaults
from tests.handlers.support import make_request


@pytest.mark.parametrize(
    "url, status, text",
    [
        ("/404/", 404, "Not Found"),
        ("/403/", 403, "Forbidden"),
        ("/400/", 400, "The &#39;page&#39; parameter must be a number."),
        ("/suspicious/", 400, "Bad Request"),
        ("/disallowed-host/", 400, "Host header"),
        ("/error/", 500, "Server Error"),
    ],
)
def test_status_codes(make_app, url, status, text):
    """Each exception class maps to its status code and built-in page."""
    response = make_app().get(url, status=status)
    assert text in response.text


def test_suspicious_operation_is_logged_on_security_logger(make_app, records):
    """SuspiciousOperation subclasses log to framework.security.<ClassName>."""
    make_app().get("/disallowed-host/", status=400)
    make_app().get("/suspicious/", status=400)
    names = {r.name for r in records if r.name.startswith("framework.security.")}
    assert names == {"framework.security.DisallowedHost", "framework.security.SuspiciousOperation"}
    record = next(r for r in records if r.name == "framework.security.DisallowedHost")
    assert record.levelno == logging.ERROR
    assert record.status_code == 400


def test_bad_request_message_is_the_reason(make_app):
    """BadRequest raised by a view shows its message as the reason; suspicious ones do not."""
    app = make_app()
    assert "must be a number" in app.get("/400/", status=400).text
    assert "tampered" not in app.get("/suspicious/", status=400).text


def test_custom_error_handlers(make_app):
    """handler400/403/404/500 in the root URLconf replace the defaults (strings allowed)."""
    app = make_app(ROOT_URLCONF="tests.handlers.urls_handlers")
    assert app.get("/400/", status=400).text == "custom 400: BadRequest"
    assert app.get("/suspicious/", status=400).text == "custom 400: SuspiciousOperation"
    assert app.get("/403/", status=403).text == "custom 403: not yours"
    assert app.get("/404/", status=404).text == "custom 404"
    assert app.get("/nowhere/", status=404).text == "custom 404"
    assert app.get("/error/", status=500).text == "custom 500"


def test_broken_500_handler_falls_back_to_builtin_page(make_app, records):
    """A 500 handler that raises is logged and the built-in 500 page answers."""
    app = make_app(ROOT_URLCONF="tests.handlers.urls_broken_500")
    response = app.get("/error/", status=500)
    assert "Server Error" in response.text
    assert any("The 500 error view failed" in r.getMessage() for r in records)


def test_get_error_handler_defaults():
    """Without handlerNNN in the URLconf the framework's default views are used."""
    assert get_error_handler("tests.handlers.urls", 404) is defaults.page_not_found
    assert get_error_handler("tests.handlers.urls", 500) is defaults.server_error
    assert get_error_handler("tests.handlers.urls", 400) is defaults.bad_request
    assert get_error_handler("tests.handlers.urls", 403) is defaults.permission_denied


@pytest.mark.parametrize(
    "exc, reason",
    [
        (RequestDataTooBig("too big"), "larger than this site accepts"),
        (TooManyFieldsSent("many"), "more fields"),
        (SuspiciousMultipartForm("bad"), "multipart form data"),
        (MultiPartParserError("bad"), "could not be parsed"),
        (DisallowedHost("Invalid HTTP_HOST header: 'x'."), "Host header"),
    ],
)
def test_response_for_exception_400s(settings, exc, reason):
    """Request-data exceptions become 400s with a client-safe reason (direct call)."""
    settings.ROOT_URLCONF = "tests.handlers.urls"
    request = make_request("/echo/", method="POST", POST={"a": "1"})
    response = response_for_exception(request, exc)
    assert response.status_code == 400
    assert reason in response.content.decode()
    # POST stays usable (empty) for whatever runs next.
    assert request.POST is not None


def test_debug_404_lists_patterns_tried(make_app):
    """With DEBUG a 404 from the resolver lists the URL patterns tried, in order."""
    response = make_app(DEBUG=True).get("/nowhere/", status=404)
    text = response.text
    assert "tests.handlers.urls" in text
    assert "articles/&lt;int:year&gt;/" in text
    assert "[name='articles']" in text
    assert text.index("hello/") < text.index("echo/")
    assert "didn't match any of these" in text


def test_debug_404_raised_by_view(make_app):
    """With DEBUG an Http404 raised by a view shows its message and the view."""
    response = make_app(DEBUG=True).get("/404/", status=404)
    assert "No widget matches the given query." in response.text
    assert "tests.handlers.views.raises_404" in response.text


def test_welcome_page_for_empty_urlconf(make_app):
    """With DEBUG and an empty root URLconf, / shows the install-worked page (a 200)."""
    app = make_app(DEBUG=True, ROOT_URLCONF="tests.handlers.urls_empty")
    response = app.get("/", status=200)
    assert "The install worked successfully!" in response.text


def test_no_welcome_page_without_debug(make_app):
    """With DEBUG off an empty URLconf gives the plain 404 page."""
    app = make_app(ROOT_URLCONF="tests.handlers.urls_empty")
    response = app.get("/", status=404)
    assert "install worked" not in response.text


def test_debug_500_page(make_app):
    """With DEBUG a view error shows the technical page: exception, frames, source, locals."""
    response = make_app(DEBUG=True).get("/error/", status=500)
    text = response.text
    assert "ZeroDivisionError" in text
    assert "boom in the view" in text
    assert "raise ZeroDivisionError(&#34;boom in the view&#34;)" in text or (
        "raise ZeroDivisionError(&quot;boom in the view&quot;)" in text
    )
    assert "tests/handlers/views.py" in text
    assert "secret_token" in text
    assert "SECRET_KEY" in text
    assert "tests-only-secret-key-not-for-production" not in text
    assert "********************" in text


def test_debug_500_plain_text_for_non_html_clients(make_app):
    """Clients that do not accept HTML get the plain-text report."""
    response = make_app(DEBUG=True).get(
        "/error/", headers={"Accept": "application/json"}, status=500
    )
    assert response.content_type == "text/plain"
    assert response.text.startswith("ZeroDivisionError at /error/")
    assert "Traceback (most recent call last)" in response.text
    assert "<html" not in response.text


def test_debug_400_page_for_suspicious_operation(make_app):
    """With DEBUG a SuspiciousOperation shows the technical page with status 400."""
    response = make_app(DEBUG=True).get("/suspicious/", status=400)
    assert "SuspiciousOperation" in response.text
    assert "tampered signature" in response.text


def test_debug_propagate_exceptions(settings):
    """DEBUG_PROPAGATE_EXCEPTIONS lets the exception reach the WSGI server."""
    settings.ROOT_URLCONF = "tests.handlers.urls"
    settings.DEBUG_PROPAGATE_EXCEPTIONS = True
    app = webtest.TestApp(WSGIHandler())
    with pytest.raises(ZeroDivisionError):
        app.get("/error/")


def test_http404_direct(settings):
    """response_for_exception(Http404) with DEBUG off uses the 404 view."""
    settings.ROOT_URLCONF = "tests.handlers.urls"
    request = make_request("/x/")
    response = response_for_exception(request, Http404("gone"))
    assert response.status_code == 404
