"""Page cache keys: learn_cache_key / get_cache_key in framework.utils.cache."""

from __future__ import annotations

import uuid

import pytest

from framework.core.cache.backends.locmem import LocMemCache
from framework.http import HttpResponse
from framework.test import RequestFactory
from framework.utils.cache import get_cache_key, learn_cache_key, patch_vary_headers


@pytest.fixture
def store():
    c = LocMemCache(f"utils-{uuid.uuid4().hex}", {})
    yield c
    c.clear()


def test_no_key_before_learning(store):
    """get_cache_key() is None until learn_cache_key() has seen the URL."""
    request = RequestFactory().get("/page/")
    assert get_cache_key(request, cache=store) is None


def test_learnt_key_matches(store):
    """The key learn_cache_key() returns is the one get_cache_key() finds later."""
    request = RequestFactory().get("/page/?q=1")
    key = learn_cache_key(request, HttpResponse(), cache=store, key_prefix="p")
    assert key.startswith("views.decorators.cache.cache_page.p.GET.")
    assert get_cache_key(request, key_prefix="p", cache=store) == key
    assert get_cache_key(RequestFactory().get("/page/?q=2"), key_prefix="p", cache=store) is None


def test_vary_headers_are_part_of_the_key(store):
    """Request headers named in Vary change the key."""
    response = HttpResponse()
    patch_vary_headers(response, ["Accept-Encoding", "X-Flavour"])
    plain = RequestFactory().get("/p/", HTTP_X_FLAVOUR="ginger")
    key = learn_cache_key(plain, response, cache=store)
    other = RequestFactory().get("/p/", HTTP_X_FLAVOUR="lemon")
    assert get_cache_key(other, cache=store) != key
    same = RequestFactory().get("/p/", HTTP_X_FLAVOUR="ginger")
    assert get_cache_key(same, cache=store) == key
