"""contrib.messages end to end: API, storages, middleware, templates."""

from __future__ import annotations

import pytest

from framework.contrib.messages import constants
from framework.contrib.messages.api import MessageFailure, add_message, get_level, get_messages
from framework.contrib.messages.storage.base import Message
from framework.contrib.messages.storage.cookie import CookieStorage
from framework.http import HttpRequest, HttpResponse
from tests.messages.conftest import STORAGE

ALL_STORAGES = [STORAGE + "cookie.CookieStorage", STORAGE + "session.SessionStorage"]
ALL_STORAGES.append(STORAGE + "fallback.FallbackStorage")


@pytest.mark.parametrize("storage", ALL_STORAGES)
def test_messages_survive_redirect_and_are_consumed(make_app, storage):
    """Messages added before a redirect show on the next page, once, escaped, with tags."""
    app = make_app(MESSAGE_STORAGE=storage)
    page = app.get("/add/success/", params={"m": ["Saved <script>", "Again"]}).follow()
    assert '<li class="success">Saved &lt;script&gt;</li>' in page.text
    assert '<li class="success">Again</li>' in page.text
    assert "levels: 40" in page.text
    assert "<li" not in app.get("/show/").text


@pytest.mark.parametrize("storage", ALL_STORAGES)
def test_markup_message_not_escaped(make_app, storage):
    """A message marked safe (Markup) is output as HTML, also after a round trip."""
    app = make_app(MESSAGE_STORAGE=storage)
    page = app.get("/markup/").follow()
    assert '<li class="info"><b>bold</b></li>' in page.text


def test_debug_level_filtered_by_default(make_app):
    """DEBUG messages are dropped below the default INFO level; set_level lowers it."""
    app = make_app()
    page = app.get("/add/debug/", params={"m": "hidden"}).follow()
    assert "hidden" not in page.text
    assert app.get("/level/").text == str(constants.DEBUG)
    assert "debugging" in app.get("/show/").text


def test_message_level_and_tags_settings(make_app, settings):
    """MESSAGE_LEVEL and MESSAGE_TAGS change the threshold and the CSS tags."""
    app = make_app(MESSAGE_LEVEL=constants.DEBUG, MESSAGE_TAGS={constants.ERROR: "danger"})
    page = app.get("/add/debug/", params={"m": "dbg"}).follow()
    assert '<li class="debug">dbg</li>' in page.text
    page = app.get("/add/error/", params={"m": "bad"}).follow()
    assert '<li class="danger">bad</li>' in page.text


def test_added_and_shown_in_same_request(make_app):
    """Messages added during a request are visible to its template, with extra tags."""
    text = make_app().get("/now/").text
    assert '<li class="urgent warning">now</li>' in text


def test_unread_messages_kept(make_app):
    """Messages not iterated stay for the next request."""
    app = make_app(MESSAGE_STORAGE=STORAGE + "cookie.CookieStorage")
    app.get("/add/info/", params={"m": ["one", "two"]})
    assert app.get("/count/").text == "2"
    assert "one" in app.get("/show/").text
    assert app.get("/count/").text == "0"


def test_cookie_is_signed_and_httponly(make_app):
    """The messages cookie is HttpOnly and signed: its value decodes, a changed one does not."""
    app = make_app(MESSAGE_STORAGE=STORAGE + "cookie.CookieStorage")
    response = app.get("/add/info/", params={"m": "hello"})
    header = [h for h in response.headers.getall("Set-Cookie") if h.startswith("messages=")][0]
    assert "HttpOnly" in header and "SameSite=Lax" in header
    value = app.cookies["messages"].strip('"')
    storage = CookieStorage(HttpRequest())
    assert storage._decode(value) == [Message(constants.INFO, "hello")]
    tampered = value[:-1] + ("A" if value[-1] != "A" else "B")
    assert storage._decode(tampered) is None


@pytest.mark.parametrize(
    "value",
    [
        "garbage",
        "W10:1abc:forged",
        ".eJyLjgUAARUAuQ:forgedsignature",
        "%00%ff",
        "a" * 5000,
    ],
)
def test_tampered_cookie_is_ignored(make_app, value):
    """A cookie with a bad signature is ignored (no messages, no 500) and cleared."""
    app = make_app(MESSAGE_STORAGE=STORAGE + "cookie.CookieStorage")
    app.set_cookie("messages", value)
    page = app.get("/show/")
    assert page.status_int == 200
    assert "<li" not in page.text
    cleared = [h for h in page.headers.getall("Set-Cookie") if h.startswith("messages=")]
    assert cleared and "Max-Age=0" in cleared[0]


def test_cookie_signed_with_other_salt_refused(make_app):
    """A value signed for another purpose (another salt) is not accepted as messages."""
    from framework.core import signing

    forged = signing.get_cookie_signer(salt="other").sign_object(
        [["__json_message", 1, 40, "<script>x</script>"]]
    )
    app = make_app(MESSAGE_STORAGE=STORAGE + "cookie.CookieStorage")
    app.set_cookie("messages", forged)
    assert "script" not in app.get("/show/").text


def test_huge_messages_dropped_with_cookie_storage(make_app):
    """Messages too large for the cookie are dropped (oldest first), not a crash."""
    app = make_app(MESSAGE_STORAGE=STORAGE + "cookie.CookieStorage")
    response = app.get("/big/", params={"size": "100000", "n": "2"})
    assert response.status_int == 200
    assert "<li" not in app.get("/show/").text


def test_cookie_drops_oldest_when_over_size(make_app):
    """Over the size limit the newest messages are kept in the cookie."""
    app = make_app(MESSAGE_STORAGE=STORAGE + "cookie.CookieStorage")
    app.get("/big/", params={"size": "300", "n": "30"})
    text = app.get("/show/").text
    assert ">29:" in text and ">0:" not in text


def test_huge_messages_in_debug_raise_value_error(make_app):
    """In DEBUG, messages that cannot be stored raise a clear ValueError (debug page)."""
    app = make_app(MESSAGE_STORAGE=STORAGE + "cookie.CookieStorage", DEBUG=True)
    response = app.get("/big/", params={"size": "100000"}, status=500)
    assert "Not all temporary messages could be stored" in response.text


def test_fallback_moves_overflow_to_session(make_app):
    """FallbackStorage keeps what fits in the cookie and puts the rest in the session."""
    app = make_app()
    app.get("/big/", params={"size": "1500", "n": "3"})
    text = app.get("/show/").text
    for index in range(3):
        assert f">{index}:" in text
    assert "<li" not in app.get("/show/").text


def test_success_message_mixin(make_app):
    """SuccessMessageMixin adds success_message % cleaned_data after form_valid."""
    app = make_app()
    page = app.get("/form/", params={"name": "<Ann>"}).follow()
    assert '<li class="success">&lt;Ann&gt; was saved</li>' in page.text


def test_add_message_without_middleware():
    """Without MessageMiddleware add_message raises MessageFailure unless fail_silently."""
    request = HttpRequest()
    with pytest.raises(MessageFailure, match="MessageMiddleware"):
        add_message(request, constants.INFO, "x")
    add_message(request, constants.INFO, "x", fail_silently=True)
    assert list(get_messages(request)) == []
    assert get_level(request) == constants.INFO
    with pytest.raises(TypeError, match="HttpRequest"):
        add_message(object(), constants.INFO, "x")


def test_session_storage_requires_session():
    """SessionStorage without request.session names the missing middleware."""
    from framework.contrib.messages.storage.session import SessionStorage
    from framework.core.exceptions import ImproperlyConfigured

    with pytest.raises(ImproperlyConfigured, match="session middleware"):
        SessionStorage(HttpRequest())


def test_message_object():
    """Message: equality, str, tags, level_tag, escaping hook."""
    message = Message(constants.WARNING, "<hi>", extra_tags="x")
    assert message == Message(constants.WARNING, "<hi>")
    assert str(message) == "<hi>"
    assert message.__html__() == "&lt;hi&gt;"
    assert message.tags == "x warning"
    assert Message(99, "custom").level_tag == ""


def test_cookie_storage_roundtrip_direct():
    """CookieStorage encodes and decodes messages, keeping Markup-ness and extra tags."""
    from markupsafe import Markup

    request = HttpRequest()
    storage = CookieStorage(request)
    stored = [Message(constants.INFO, Markup("<i>x</i>"), "t"), Message(constants.ERROR, "e")]
    decoded = storage._decode(storage._encode(stored))
    assert decoded == stored
    assert isinstance(decoded[0].message, Markup) and decoded[0].extra_tags == "t"
    assert not isinstance(decoded[1].message, Markup)
    response = HttpResponse()
    assert storage._store(stored, response) == []
    assert "messages" in response.cookies
