"""A request through the default middleware is freed when it ends, not by the garbage collector.

``request.user`` and the message storage used to hold their request strongly while the
request held them: every request then left a reference cycle (the request, its environ, its
session) for the cyclic collector, which under a loaded mod_wsgi daemon meant a gen-0
collection every few dozen requests over memory that had gone cold.
"""

from __future__ import annotations

import gc
import weakref

import pytest
import webob

from framework.contrib import messages
from framework.contrib.auth.models import User
from framework.contrib.messages.storage.cookie import CookieStorage
from framework.contrib.messages.storage.fallback import FallbackStorage
from framework.core.handlers.wsgi import WSGIHandler
from framework.http import HttpResponse
from framework.test import Client
from framework.urls import path

DEFAULT_MIDDLEWARE = [
    "framework.middleware.security.SecurityMiddleware",
    "framework.contrib.sessions.middleware.SessionMiddleware",
    "framework.middleware.common.CommonMiddleware",
    "framework.middleware.csrf.CsrfViewMiddleware",
    "framework.contrib.auth.middleware.AuthenticationMiddleware",
    "framework.contrib.messages.middleware.MessageMiddleware",
    "framework.middleware.clickjacking.XFrameOptionsMiddleware",
]


def plain(request):
    return HttpResponse("plain")


def uses_everything(request):
    """Touch the user, the session and the messages, as a page of the admin does."""
    name = request.user.get_username() if request.user.is_authenticated else "anonymous"
    request.session["visits"] = request.session.get("visits", 0) + 1
    messages.info(request, f"hello {name}")
    shown = [str(m) for m in messages.get_messages(request)]
    return HttpResponse(f"{name} {shown}")


urlpatterns = [path("plain/", plain), path("everything/", uses_everything)]


def _environ(path: str, cookie: str = "") -> dict:
    headers = {"Cookie": cookie} if cookie else {}
    return webob.Request.blank(path, headers=headers, environ={"HTTP_HOST": "testserver"}).environ


def _call(handler, path: str, cookie: str = "") -> bytes:
    def start_response(status, headers, exc_info=None):
        assert status.startswith("200"), status

    result = handler(_environ(path, cookie), start_response)
    try:
        return b"".join(result)
    finally:
        result.close()


def _cyclic_garbage_of(handler, path: str, cookie: str = "", calls: int = 20) -> int:
    _call(handler, path, cookie)  # first-use caches are not per request
    gc.collect()
    gc.disable()
    try:
        for _ in range(calls):
            _call(handler, path, cookie)
        return gc.collect()
    finally:
        gc.enable()


@pytest.fixture
def handler(web, settings):
    settings.MIDDLEWARE = DEFAULT_MIDDLEWARE
    settings.ROOT_URLCONF = __name__
    settings.ALLOWED_HOSTS = ["testserver"]
    return WSGIHandler()


def test_plain_request_leaves_no_cycles(handler):
    """A request that uses no middleware feature leaves nothing for the cyclic collector."""
    assert _call(handler, "/plain/") == b"plain"
    assert _cyclic_garbage_of(handler, "/plain/") == 0


def test_request_using_user_session_and_messages_leaves_no_cycles(handler):
    """Anonymous and logged-in requests that load the user, write the session and add and
    read messages are freed by reference counting alone."""
    assert _call(handler, "/everything/").startswith(b"anonymous ['hello anonymous']")
    assert _cyclic_garbage_of(handler, "/everything/") == 0

    user = User.objects.create_user("cyclist", password="pw")
    client = Client()
    client.force_login(user)
    cookie = f"sessionid={client.cookies['sessionid'].value}"
    assert _call(handler, "/everything/", cookie).startswith(b"cyclist ['hello cyclist']")
    assert _cyclic_garbage_of(handler, "/everything/", cookie) == 0


def test_lazy_user_first_used_after_its_request_is_freed(handler, rf):
    """The lazy user holds its request weakly; first used after the request is gone, it
    says so instead of answering for some other request."""
    from framework.contrib.auth.middleware import AuthenticationMiddleware
    from framework.contrib.sessions.backends.db import SessionStore

    request = rf.get("/")
    request.session = SessionStore()
    AuthenticationMiddleware(lambda r: None).process_request(request)
    user = request.user
    assert user.is_anonymous  # used during the request: loaded and kept
    request = rf.get("/")
    request.session = SessionStore()
    AuthenticationMiddleware(lambda r: None).process_request(request)
    late_user = request.user
    del request
    with pytest.raises(RuntimeError, match="after its request was freed"):
        late_user.is_anonymous  # noqa: B018
    assert user.is_anonymous


def test_message_storage_holds_its_request_weakly(rf):
    """The storage follows its request; a stand-in without weak references is held."""
    request = rf.get("/")
    request.session = {}
    storage = FallbackStorage(request)
    assert storage.request is request
    assert [type(s) for s in storage.storages][0] is CookieStorage
    assert all(s.request is request for s in storage.storages)
    ref = weakref.ref(request)
    del request
    assert ref() is None
    with pytest.raises(RuntimeError, match="after its request was freed"):
        storage.request  # noqa: B018

    class Slotted:
        __slots__ = ("COOKIES",)

    stand_in = Slotted()
    stand_in.COOKIES = {}
    assert CookieStorage(stand_in).request is stand_in
