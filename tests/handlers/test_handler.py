"""WSGIHandler and BaseHandler end to end through WebTest."""

from __future__ import annotations

import logging

import pytest
import webtest

from framework.core.exceptions import ImproperlyConfigured
from framework.core.handlers.wsgi import WSGIHandler, WSGIRequest
from framework.core.signals import got_request_exception, request_finished, request_started
from framework.urls import get_script_prefix, reverse
from tests.handlers import middleware

MW = "tests.handlers.middleware."


def test_simple_request(make_app):
    """A GET to a view answers 200 with the view's body and a status line with reason."""
    response = make_app().get("/hello/")
    assert response.status == "200 OK"
    assert response.text == "hello"


def test_status_line_has_reason_phrase(make_app):
    """The status line carries the reason phrase of the code."""
    assert make_app().get("/nowhere/", status=404).status == "404 Not Found"
    code, reason = make_app().get("/teapot/", status=418).status.split(" ", 1)
    assert code == "418" and reason


def test_wsgirequest_is_reexported():
    """framework.core.handlers.wsgi.WSGIRequest is the HTTP layer's class."""
    from framework.http.wsgi import WSGIRequest as Original

    assert WSGIRequest is Original


def test_unknown_url_is_404(make_app):
    """A path matching no pattern is a 404 with the built-in page (DEBUG off)."""
    response = make_app().get("/nowhere/", status=404)
    assert "Not Found" in response.text
    assert "tests.handlers.urls" not in response.text


def test_middleware_order(make_app):
    """Middleware runs outermost first on the way in and last on the way out."""
    make_app(MIDDLEWARE=[MW + "Outer", MW + "Inner"]).get("/hello/")
    assert middleware.CALLS == ["outer:before", "inner:before", "inner:after", "outer:after"]


def test_middleware_not_used_is_skipped(make_app, records):
    """A middleware raising MiddlewareNotUsed is left out; DEBUG logs why."""
    app = make_app(DEBUG=True, MIDDLEWARE=[MW + "NotUsed", MW + "Outer"])
    app.get("/hello/")
    assert middleware.CALLS == ["outer:before", "outer:after"]
    assert any("not needed here" in r.getMessage() for r in records)


def test_unimportable_middleware_names_the_entry(settings):
    """A MIDDLEWARE entry that cannot be imported raises ImproperlyConfigured naming it."""
    settings.MIDDLEWARE = ["tests.handlers.middleware.DoesNotExist"]
    with pytest.raises(ImproperlyConfigured) as excinfo:
        WSGIHandler()
    assert "'tests.handlers.middleware.DoesNotExist'" in str(excinfo.value)
    assert "MIDDLEWARE" in str(excinfo.value)


def test_middleware_factory_returning_none(settings):
    """A factory returning None is refused at start-up, naming it."""
    settings.MIDDLEWARE = [MW + "returns_none_factory"]
    with pytest.raises(ImproperlyConfigured, match="returns_none_factory returned None"):
        WSGIHandler()


def test_process_view_short_circuits(make_app):
    """process_view gets the resolved view and kwargs; a response from it skips the view."""
    app = make_app(MIDDLEWARE=[MW + "ViewShortCircuit"])
    assert app.get("/hello/").text == "from process_view"
    assert app.get("/articles/2024/").text == "article 2024"
    assert "process_view:article:{'year': 2024}" in middleware.CALLS


def test_process_exception_turns_exception_into_response(make_app):
    """process_exception may answer for a view that raised."""
    app = make_app(MIDDLEWARE=[MW + "ExceptionToResponse"])
    assert app.get("/error/").text == "handled boom in the view"
    assert "process_exception:ZeroDivisionError" in middleware.CALLS


def test_process_exception_returning_none_gives_500(make_app):
    """When no process_exception answers, the exception becomes a 500."""
    app = make_app(MIDDLEWARE=[MW + "ExceptionToResponse"])
    app.get("/404/", status=404)
    assert "process_exception:Http404" in middleware.CALLS


def test_process_template_response(make_app):
    """process_template_response runs before a deferred response is rendered."""
    app = make_app(MIDDLEWARE=[MW + "TemplateResponseHook"])
    assert app.get("/deferred/").text == "RENDERED LATE"


def test_process_template_response_returning_none(make_app, records):
    """A process_template_response returning None is a ValueError naming the hook (500)."""
    app = make_app(MIDDLEWARE=[MW + "TemplateResponseHookReturnsNone"])
    app.get("/deferred/", status=500)
    messages = [r.getMessage() for r in records] + [
        str(r.exc_info[1]) for r in records if r.exc_info
    ]
    assert any(
        "TemplateResponseHookReturnsNone.process_template_response didn't return an "
        "HttpResponse object. It returned None instead." in m
        for m in messages
    )


def test_view_returning_none_is_value_error(settings):
    """A view returning None raises ValueError naming the view (Django's message)."""
    settings.ROOT_URLCONF = "tests.handlers.urls"
    settings.DEBUG_PROPAGATE_EXCEPTIONS = True
    app = webtest.TestApp(WSGIHandler())
    with pytest.raises(ValueError) as excinfo:
        app.get("/none/")
    assert str(excinfo.value) == (
        "The view tests.handlers.views.returns_none didn't return an HttpResponse object. "
        "It returned None instead."
    )


def test_exception_in_middleware_is_converted(make_app):
    """An exception raised by a middleware becomes a 500 for the middleware above it."""
    app = make_app(MIDDLEWARE=[MW + "Outer", MW + "RaisesInMiddleware"])
    app.get("/hello/", status=500)
    assert middleware.CALLS == ["outer:before", "outer:after"]


def test_request_urlconf_is_honoured(make_app):
    """A middleware setting request.urlconf changes the URLconf for that request."""
    app = make_app(MIDDLEWARE=[MW + "SelectOtherUrlconf"])
    assert app.get("/hello/").text == "from the other urlconf"


def test_resolver_match_is_set(make_app):
    """The handler stores the ResolverMatch on the request before calling the view."""
    assert make_app().get("/whoami/42/").text == "whoami {'pk': 42}"


def test_signals(make_app):
    """request_started gets the environ, request_finished fires when the response closes."""
    events = []

    def started(sender, environ, **kwargs):
        events.append(("started", sender, environ["PATH_INFO"]))

    def finished(sender, **kwargs):
        events.append(("finished", sender))

    request_started.connect(started)
    request_finished.connect(finished)
    try:
        make_app().get("/hello/")
    finally:
        request_started.disconnect(started)
        request_finished.disconnect(finished)
    assert events == [("started", WSGIHandler, "/hello/"), ("finished", WSGIHandler)]


def test_got_request_exception_signal(make_app):
    """got_request_exception fires with the request for an unhandled exception."""
    seen = []

    def receiver(sender, request, **kwargs):
        seen.append(request.path)

    got_request_exception.connect(receiver)
    try:
        make_app().get("/error/", status=500)
        make_app().get("/404/", status=404)
    finally:
        got_request_exception.disconnect(receiver)
    assert seen == ["/error/"]


def test_response_makes_its_cookie_jar_on_first_use():
    """A response that sets no cookie builds no SimpleCookie; reading, setting or replacing
    ``cookies`` works as before."""
    from http.cookies import SimpleCookie

    from framework.http import HttpResponse

    response = HttpResponse("x")
    assert "cookies" not in response.__dict__
    assert isinstance(response.cookies, SimpleCookie) and not response.cookies
    response.set_cookie("a", "1")
    assert response.cookies["a"].value == "1"
    replaced = SimpleCookie()
    replaced["b"] = "2"
    response.cookies = replaced
    assert response.cookies is replaced


def test_cookies_become_set_cookie_headers(make_app):
    """Each response cookie is one Set-Cookie header with its attributes."""
    response = make_app().get("/cookie/")
    cookies = response.headers.getall("Set-Cookie")
    assert len(cookies) == 2
    flavour = next(c for c in cookies if c.startswith("flavour="))
    assert "Max-Age=60" in flavour
    assert "HttpOnly" in flavour
    assert not flavour.startswith(" ")


def test_streaming_response(make_app):
    """A StreamingHttpResponse is sent chunk by chunk."""
    assert make_app().get("/streaming/").body == b"chunk-1,chunk-2"


def test_file_response_uses_file_wrapper(make_app):
    """FileResponse goes through wsgi.file_wrapper when the server offers one."""
    wrapped = []

    class FileWrapper:
        def __init__(self, filelike, block_size=8192):
            wrapped.append(block_size)
            self.filelike = filelike

        def __iter__(self):
            return iter(lambda: self.filelike.read(4096), b"")

        def close(self):
            self.filelike.close()

    app = make_app()
    finished = []

    def on_finished(sender, **kwargs):
        finished.append(sender)

    request_finished.connect(on_finished)
    try:
        response = app.get("/file/", extra_environ={"wsgi.file_wrapper": FileWrapper})
    finally:
        request_finished.disconnect(on_finished)
    assert wrapped
    assert b"def file_view" in response.body
    assert finished == [WSGIHandler]


def test_script_name_mount_point(make_app):
    """Under SCRIPT_NAME, path keeps the prefix, path_info drops it, reverse() adds it."""
    app = make_app()
    response = app.get("/echo/", extra_environ={"SCRIPT_NAME": "/mount"})
    assert "path=/mount/echo/" in response.text
    assert "path_info=/echo/" in response.text
    assert get_script_prefix() == "/mount/"
    assert reverse("articles", args=[2024]) == "/mount/articles/2024/"


def test_force_script_name(make_app):
    """FORCE_SCRIPT_NAME overrides the server's SCRIPT_NAME."""
    app = make_app(FORCE_SCRIPT_NAME="/forced")
    response = app.get("/echo/", extra_environ={"SCRIPT_NAME": "/mount"})
    assert "path=/forced/echo/" in response.text
    assert "path_info=/echo/" in response.text


def test_script_url_after_mod_rewrite(make_app):
    """With mod_rewrite's SCRIPT_URL the mount point is what precedes PATH_INFO."""
    app = make_app()
    response = app.get(
        "/echo/", extra_environ={"SCRIPT_URL": "/site//echo/", "SCRIPT_NAME": "/ignored"}
    )
    assert "path=/site/echo/" in response.text


def test_unicode_path(make_app):
    """A UTF-8 percent-encoded path is decoded before resolution."""
    response = make_app().get("/echo/?q=caf%C3%A9")
    assert "('q', ['café'])" in response.text


def test_4xx_and_5xx_are_logged(make_app, records):
    """4xx are logged as warnings and 5xx as errors with exc_info on framework.request."""
    app = make_app()
    app.get("/nowhere/", status=404)
    app.get("/error/", status=500)
    request_records = [r for r in records if r.name == "framework.request"]
    not_found = next(r for r in request_records if r.status_code == 404)
    assert not_found.levelno == logging.WARNING
    assert "/nowhere/" in not_found.getMessage()
    error = next(r for r in request_records if r.status_code == 500)
    assert error.levelno == logging.ERROR
    assert "/error/" in error.getMessage()
    assert error.exc_info and error.exc_info[0] is ZeroDivisionError
    # Each response is logged once.
    assert len([r for r in request_records if r.status_code == 500]) == 1


def test_get_wsgi_application():
    """get_wsgi_application() returns a ready WSGIHandler."""
    from framework.core.wsgi import get_wsgi_application

    application = get_wsgi_application()
    assert isinstance(application, WSGIHandler)


def test_atomic_requests(make_app):
    """ATOMIC_REQUESTS wraps views in a transaction unless marked non_atomic_requests."""
    databases = {
        "default": {
            "ENGINE": "framework.db.backends.sqlite3",
            "NAME": ":memory:",
            "ATOMIC_REQUESTS": True,
        }
    }
    app = make_app(DATABASES=databases)
    assert app.get("/atomic/").text == "True"
    assert app.get("/non-atomic/").text == "False"


def test_no_atomic_requests_by_default(make_app):
    """Without ATOMIC_REQUESTS views run outside a transaction."""
    assert make_app().get("/atomic/").text == "False"


def test_resolve_request_may_return_a_plain_triple(settings):
    """A handler whose resolve_request() returns (view, args, kwargs) rather than a
    ResolverMatch still calls the view with them."""

    def view(request, *args, **kwargs):
        from framework.http import HttpResponse

        return HttpResponse(f"{args} {kwargs}")

    class TripleHandler(WSGIHandler):
        def resolve_request(self, request):
            return view, ("a",), {"b": 1}

    settings.ROOT_URLCONF = "tests.handlers.urls"
    app = webtest.TestApp(TripleHandler())
    assert app.get("/anything/").text == "('a',) {'b': 1}"
