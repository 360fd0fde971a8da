"""PinPrimaryMiddleware and pin_primary_view: read-your-writes across a redirect."""

from __future__ import annotations

import pytest

from framework.db.pinning import PIN_COOKIE_NAME, is_pinned
from framework.test import Client
from tests.db_routers.conftest import insert

MIDDLEWARE = ["framework.db.pinning.PinPrimaryMiddleware"]


@pytest.fixture
def client(primary_replica, settings):
    settings.ROOT_URLCONF = "tests.db_routers.urls"
    settings.MIDDLEWARE = MIDDLEWARE
    insert("default", "primary")
    insert("replica", "replica")
    return Client()


def test_safe_request_reads_from_the_replica(client):
    """A GET with no pin cookie reads from the replica and sets no cookie."""
    response = client.get("/notes/")
    assert response.content == b"replica:replica"
    assert PIN_COOKIE_NAME not in response.cookies


def test_redirect_after_post_reads_its_own_write(client, settings):
    """The POST writes, sets the pin cookie, and the redirected GET reads the primary."""
    settings.DATABASE_PIN_SECONDS = 7
    response = client.post("/notes/add/", {"title": "mine"})
    assert response.status_code == 302
    cookie = response.cookies[PIN_COOKIE_NAME]
    assert (cookie["max-age"], bool(cookie["httponly"])) == (7, True)
    assert client.get("/notes/").content == b"default:mine,primary"
    # Another client (no cookie) still reads the replica.
    assert Client().get("/notes/").content == b"replica:replica"


def test_pin_ends_with_the_request(client):
    """request_finished clears the pin: the next request in this thread is not pinned."""
    client.post("/notes/add/", {"title": "x"})
    assert not is_pinned()


def test_unsafe_method_without_write_reads_primary_but_sets_no_cookie(client):
    """A POST reads from the primary; without a write no cookie is set."""
    response = client.post("/notes/nowrite/")
    assert response.content == b"default:primary"
    assert PIN_COOKIE_NAME not in response.cookies


def test_raw_cursor_writes_are_detected(client):
    """An UPDATE through connection.cursor() in a GET pins and sets the cookie."""
    response = client.get("/notes/raw/")
    assert response.content == b"default:raw"
    assert PIN_COOKIE_NAME in response.cookies


def test_admin_pages_read_from_the_primary(client):
    """Views in the admin URL namespace read from the primary."""
    assert client.get("/admin/").content == b"default:primary"


def test_zero_pin_seconds_sets_no_cookie(client, settings):
    """DATABASE_PIN_SECONDS = 0 turns the cookie off."""
    settings.DATABASE_PIN_SECONDS = 0
    response = client.post("/notes/add/", {"title": "y"})
    assert PIN_COOKIE_NAME not in response.cookies


def test_decorator_pins_one_view(client, settings):
    """pin_primary_view works without the middleware: cookie on write, primary after it."""
    settings.MIDDLEWARE = []
    response = client.post("/decorated/add/", {"title": "dec"})
    assert PIN_COOKIE_NAME in response.cookies
    assert client.get("/decorated/").content == b"default:dec,primary"
    assert Client().get("/decorated/").content == b"replica:replica"
