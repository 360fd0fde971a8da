"""The exception reporter and its filter: masking secrets, frames, text and HTML output."""

from __future__ import annotations

import sys

import pytest

from framework.views.debug import (
    CLEANSED_SUBSTITUTE,
    CallableSettingWrapper,
    ExceptionReporter,
    SafeExceptionReporterFilter,
    technical_500_response,
)
from framework.views.decorators.debug import sensitive_post_parameters, sensitive_variables
from tests.handlers.support import make_request


def _exc_info(func, *args):
    try:
        func(*args)
    except Exception:
        return sys.exc_info()
    raise AssertionError("no exception raised")


@sensitive_variables("password", "card")
def _login(user, password):
    card = "4111-1111-1111-1111"  # noqa: F841
    visible = "plain"  # noqa: F841
    raise ValueError("login failed")


@sensitive_variables()
def _hide_everything(token):
    raise ValueError("hidden")


def _helper_below_sensitive(password):
    raise KeyError("deep")


@sensitive_variables("password")
def _calls_helper(password):
    _helper_below_sensitive(password)


def _frame_vars(reporter, function):
    frame = next(f for f in reporter.get_traceback_frames() if f["function"] == function)
    return dict(frame["vars"])


def test_cleanse_setting():
    """Names matching API|TOKEN|KEY|SECRET|PASS|SIGNATURE|HTTP_COOKIE are masked, recursively."""
    f = SafeExceptionReporterFilter()
    assert f.cleanse_setting("SECRET_KEY", "abc") == CLEANSED_SUBSTITUTE
    assert f.cleanse_setting("api_url", "x") == CLEANSED_SUBSTITUTE
    assert f.cleanse_setting("DEBUG", True) is True
    nested = f.cleanse_setting("DATABASES", {"default": {"NAME": "db", "PASSWORD": "pw"}})
    assert nested == {"default": {"NAME": "db", "PASSWORD": CLEANSED_SUBSTITUTE}}
    listed = f.cleanse_setting("CACHES_LIST", [{"TOKEN": "t", "HOST": "h"}])
    assert listed == [{"TOKEN": CLEANSED_SUBSTITUTE, "HOST": "h"}]
    wrapped = f.cleanse_setting("CALLBACK", len)
    assert isinstance(wrapped, CallableSettingWrapper)
    assert repr(wrapped) == repr(len)


def test_safe_settings_and_meta(settings):
    """get_safe_settings masks SECRET_KEY; request META masks cookies and auth tokens."""
    f = SafeExceptionReporterFilter()
    safe = f.get_safe_settings()
    assert safe["SECRET_KEY"] == CLEANSED_SUBSTITUTE
    assert safe["DEBUG"] is settings.DEBUG
    request = make_request("/", headers={"Cookie": "sessionid=abc", "X-Api-Token": "t0k"})
    meta = f.get_safe_request_meta(request)
    assert meta["HTTP_COOKIE"] == CLEANSED_SUBSTITUTE
    assert meta["HTTP_X_API_TOKEN"] == CLEANSED_SUBSTITUTE
    assert meta["PATH_INFO"] == "/"


def test_sensitive_variables_masked_when_debug_off(settings):
    """With DEBUG off, sensitive_variables masks the named locals (and only them)."""
    settings.DEBUG = False
    reporter = ExceptionReporter(None, *_exc_info(_login, "ada", "hunter2"))
    variables = _frame_vars(reporter, "_login")
    assert variables["password"] == repr(CLEANSED_SUBSTITUTE)
    assert variables["card"] == repr(CLEANSED_SUBSTITUTE)
    assert variables["visible"] == "'plain'"
    assert variables["user"] == "'ada'"
    assert "hunter2" not in reporter.get_traceback_text()


def test_sensitive_variables_without_names_masks_all(settings):
    """sensitive_variables() without names masks every local."""
    settings.DEBUG = False
    reporter = ExceptionReporter(None, *_exc_info(_hide_everything, "t0k3n"))
    assert _frame_vars(reporter, "_hide_everything") == {"token": repr(CLEANSED_SUBSTITUTE)}


def test_sensitive_variables_reach_called_frames(settings):
    """Names are masked in functions called by the decorated one too."""
    settings.DEBUG = False
    reporter = ExceptionReporter(None, *_exc_info(_calls_helper, "hunter2"))
    assert _frame_vars(reporter, "_helper_below_sensitive")["password"] == repr(CLEANSED_SUBSTITUTE)
    assert _frame_vars(reporter, "_calls_helper")["password"] == repr(CLEANSED_SUBSTITUTE)


def test_sensitive_variables_shown_with_debug_on(settings):
    """With DEBUG on (Django's rule) the filter is inactive for variables."""
    settings.DEBUG = True
    reporter = ExceptionReporter(None, *_exc_info(_login, "ada", "hunter2"))
    assert _frame_vars(reporter, "_login")["password"] == "'hunter2'"


def test_decorators_must_be_called():
    """Using the decorators without parentheses is a TypeError with the fix."""
    with pytest.raises(TypeError, match=r"use @sensitive_variables\(\)"):
        sensitive_variables(_login)
    with pytest.raises(TypeError, match=r"use @sensitive_post_parameters\(\)"):
        sensitive_post_parameters(_login)


def test_sensitive_post_parameters(settings):
    """sensitive_post_parameters masks the named POST fields (all without names)."""
    settings.DEBUG = False

    @sensitive_post_parameters("password")
    def view(request):
        return request

    request = view(make_request("/", method="POST", POST={"user": "ada", "password": "pw"}))
    cleansed = SafeExceptionReporterFilter().get_post_parameters(request)
    assert cleansed["password"] == CLEANSED_SUBSTITUTE
    assert cleansed["user"] == "ada"

    @sensitive_post_parameters()
    def view_all(request):
        return request

    request = view_all(make_request("/", method="POST", POST={"user": "ada", "pin": "1"}))
    cleansed = SafeExceptionReporterFilter().get_post_parameters(request)
    assert dict(cleansed.items()) == {"user": CLEANSED_SUBSTITUTE, "pin": CLEANSED_SUBSTITUTE}


def test_sensitive_post_parameters_requires_request():
    """Applied to something that is not a request, it raises TypeError."""

    @sensitive_post_parameters("x")
    def view(request):
        return None

    with pytest.raises(TypeError, match="didn't receive an HttpRequest"):
        view(object())


def test_frames_have_source_and_locals(settings):
    """Frames carry file, line, function, source context and locals."""
    settings.DEBUG = True
    reporter = ExceptionReporter(None, *_exc_info(_login, "ada", "pw"))
    frame = reporter.get_traceback_frames()[-1]
    assert frame["function"] == "_login"
    assert frame["filename"].endswith("tests/views/test_debug.py")
    assert 'raise ValueError("login failed")' in frame["context_line"]
    assert any("visible" in line for line in frame["pre_context"])
    assert frame["type"] == "user"


def test_chained_exceptions(settings):
    """Causes appear before the exception with the chaining sentence."""

    def inner():
        raise KeyError("first")

    def outer():
        try:
            inner()
        except KeyError as exc:
            raise RuntimeError("second") from exc

    reporter = ExceptionReporter(None, *_exc_info(outer))
    frames = reporter.get_traceback_frames()
    functions = [f["function"] for f in frames]
    marker = next(i for i, f in enumerate(frames) if f["chain"])
    # The cause's frames (ending in inner) come first, then the new exception's.
    assert functions[marker - 1] == "inner"
    assert functions[-1] == "outer"
    chained = [f["chain"] for f in frames if f["chain"]]
    assert chained == [
        "The above exception ('first') was the direct cause of the following exception:"
    ]


def test_broken_repr_does_not_break_report():
    """A local whose repr raises is reported as a formatting error."""

    class Nasty:
        def __repr__(self):
            raise RuntimeError("no repr")

    def fails():
        thing = Nasty()  # noqa: F841
        raise ValueError("x")

    reporter = ExceptionReporter(None, *_exc_info(fails))
    assert "Error in formatting: RuntimeError: no repr" in _frame_vars(reporter, "fails")["thing"]
    assert "ValueError" in reporter.get_traceback_html()


def test_long_repr_is_trimmed():
    """Huge local values are trimmed."""

    def fails():
        big = "x" * 10000  # noqa: F841
        raise ValueError("x")

    reporter = ExceptionReporter(None, *_exc_info(fails))
    assert "trimmed" in _frame_vars(reporter, "fails")["big"]


def test_report_without_request():
    """Without a request the page says so and still renders."""
    reporter = ExceptionReporter(None, *_exc_info(_login, "a", "b"))
    assert "Request data not supplied" in reporter.get_traceback_html()
    assert "Request data not supplied" in reporter.get_traceback_text()


def test_html_escapes_exception_message():
    """The exception message is escaped in the HTML page."""

    def fails():
        raise ValueError("<script>alert(1)</script>")

    html = ExceptionReporter(None, *_exc_info(fails)).get_traceback_html()
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_report_survives_unparsable_post(settings):
    """A request whose body cannot be parsed still gets a report."""
    settings.DEBUG = True
    request = make_request(
        "/", method="POST", body=b"garbage", content_type="multipart/form-data; boundary=X"
    )
    html = ExceptionReporter(request, *_exc_info(_login, "a", "b")).get_traceback_html()
    assert "ValueError" in html


def test_technical_500_response_content_negotiation(settings):
    """HTML for browsers, plain text for clients that do not accept HTML; status passed on."""
    settings.DEBUG = True
    exc_info = _exc_info(_login, "a", "b")
    html = technical_500_response(make_request("/", headers={"Accept": "text/html"}), *exc_info)
    assert html.status_code == 500
    assert html.headers["Content-Type"].startswith("text/html")
    text = technical_500_response(
        make_request("/", headers={"Accept": "text/plain"}), *exc_info, status_code=400
    )
    assert text.status_code == 400
    assert text.headers["Content-Type"].startswith("text/plain")


def test_request_sections_in_page(settings):
    """GET, POST, COOKIES and META are listed; cookies named like secrets are masked."""
    settings.DEBUG = True
    request = make_request(
        "/?q=find+me",
        method="POST",
        POST={"field": "value"},
        headers={"Cookie": "csrftoken=abc; theme=dark"},
    )
    html = ExceptionReporter(request, *_exc_info(_login, "a", "b")).get_traceback_html()
    assert "find me" in html
    assert "value" in html
    assert "theme" in html and "dark" in html
    assert "HTTP_COOKIE" in html
    assert "csrftoken=abc" not in html
