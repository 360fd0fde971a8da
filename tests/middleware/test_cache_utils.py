"""framework.utils.cache: Cache-Control, Vary, Expires, conditional responses."""

from __future__ import annotations

import pytest

from framework.http import HttpResponse
from framework.utils.cache import (
    add_never_cache_headers,
    get_conditional_response,
    get_max_age,
    has_vary_header,
    patch_cache_control,
    patch_response_headers,
    patch_vary_headers,
)
from tests.handlers.support import make_request


def _directives(response):
    return {d.strip() for d in response.headers["Cache-Control"].split(",")}


@pytest.mark.parametrize(
    "initial, kwargs, expected",
    [
        (None, {"max_age": 10}, {"max-age=10"}),
        ("max-age=20", {"max_age": 10}, {"max-age=10"}),
        ("max-age=5", {"max_age": 10}, {"max-age=5"}),
        ("private", {"public": True}, {"public"}),
        ("public", {"private": True}, {"private"}),
        ("no-cache=Set-Cookie", {"no_cache": "Vary"}, {"no-cache=Set-Cookie", "no-cache=Vary"}),
        ("no-cache=Set-Cookie", {"no_cache": True}, {"no-cache"}),
        ("NO-STORE, Max-Age=3", {"s_maxage": 7}, {"no-store", "max-age=3", "s-maxage=7"}),
    ],
)
def test_patch_cache_control(initial, kwargs, expected):
    """Directives merge: smaller max-age wins, public/private swap, no-cache accumulates."""
    response = HttpResponse()
    if initial:
        response.headers["Cache-Control"] = initial
    patch_cache_control(response, **kwargs)
    assert _directives(response) == expected


def test_get_max_age():
    """get_max_age returns the int max-age or None."""
    response = HttpResponse()
    assert get_max_age(response) is None
    response.headers["Cache-Control"] = "public, max-age=30"
    assert get_max_age(response) == 30
    response.headers["Cache-Control"] = "max-age=soon"
    assert get_max_age(response) is None


def test_patch_vary_headers():
    """Vary entries are added once, case-insensitively; * replaces everything."""
    response = HttpResponse()
    patch_vary_headers(response, ["Cookie"])
    patch_vary_headers(response, ["cookie", "Accept-Language"])
    assert response.headers["Vary"] == "Cookie, Accept-Language"
    assert has_vary_header(response, "accept-language")
    assert not has_vary_header(response, "Accept-Encoding")
    patch_vary_headers(response, ["*"])
    assert response.headers["Vary"] == "*"


def test_has_vary_header_without_vary():
    """No Vary header means nothing varies."""
    assert not has_vary_header(HttpResponse(), "Cookie")


def test_patch_response_headers(settings):
    """Expires and max-age come from the timeout (default CACHE_MIDDLEWARE_SECONDS)."""
    response = HttpResponse()
    patch_response_headers(response, cache_timeout=60)
    assert "Expires" in response.headers
    assert get_max_age(response) == 60
    response = HttpResponse()
    settings.CACHE_MIDDLEWARE_SECONDS = 11
    patch_response_headers(response)
    assert get_max_age(response) == 11
    response = HttpResponse()
    patch_response_headers(response, cache_timeout=-5)
    assert get_max_age(response) == 0


def test_add_never_cache_headers():
    """The response is marked uncacheable everywhere."""
    response = HttpResponse()
    add_never_cache_headers(response)
    assert _directives(response) == {
        "max-age=0",
        "no-cache",
        "no-store",
        "must-revalidate",
        "private",
    }


def test_get_conditional_response_keeps_headers_and_cookies():
    """A 304 keeps Cache-Control, ETag, Vary, ... and the cookies of the full response."""
    full = HttpResponse("body")
    full.headers["ETag"] = '"x"'
    full.headers["Vary"] = "Cookie"
    full.headers["Cache-Control"] = "max-age=10"
    full.headers["X-Other"] = "dropped"
    full.set_cookie("c", "1")
    request = make_request("/", headers={"If-None-Match": '"x"'})
    not_modified = get_conditional_response(request, etag='"x"', response=full)
    assert not_modified.status_code == 304
    assert not_modified.headers["Vary"] == "Cookie"
    assert not_modified.headers["Cache-Control"] == "max-age=10"
    assert "X-Other" not in not_modified.headers
    assert "c" in not_modified.cookies


def test_get_conditional_response_passes_non_2xx():
    """Non-2xx responses are never made conditional."""
    request = make_request("/", headers={"If-None-Match": "*"})
    response = HttpResponse(status=404)
    assert get_conditional_response(request, etag='"x"', response=response) is response


def test_if_match_star_and_weak():
    """If-Match: * passes with any ETag; a weak ETag never matches If-Match."""
    assert (
        get_conditional_response(make_request("/", headers={"If-Match": "*"}), etag='"x"') is None
    )
    weak = get_conditional_response(make_request("/", headers={"If-Match": 'W/"x"'}), etag='W/"x"')
    assert weak.status_code == 412
