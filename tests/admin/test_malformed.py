"""Malformed requests to the admin get a clear 4xx, never a 500."""

from __future__ import annotations

import pytest

from tests.admin.conftest import login, make_user
from tests.admin.shop.models import Author, Book

QUERIES = [
    "o=abc",
    "o=99",
    "o=-",
    'q="unbalanced',
    "published__year=abc",
    "published__gte=not-a-date",
    "author__id__exact=xyz",
    "in_print__isnull=maybe",
    "genre__exact=nope",
    "p=-1",
    "all=&p=2",
    "author__id__in=1,a",
]


@pytest.fixture
def logged_in(web):
    make_user("admin", superuser=True)
    login(web)
    Book.objects.create(title="Dune", author=Author.objects.create(name="Frank"))
    return web


@pytest.mark.parametrize("query", QUERIES)
def test_changelist_query_strings(logged_in, query):
    """Odd changelist parameters answer 200 (ignored) or 400, never 500."""
    response = logged_in.get(f"/admin/shop/book/?{query}", expect_errors=True)
    assert response.status_int in (200, 400), (query, response.status_int)


@pytest.mark.parametrize(
    "url",
    [
        "/admin/shop/book/abc/change/",
        "/admin/shop/book/abc/delete/",
        "/admin/shop/book/abc/history/",
        "/admin/shop/book/1/history/999/restore/",
        "/admin/nosuchapp/",
        "/admin/shop/nosuchmodel/",
        "/admin/autocomplete/?app_label=x&model_name=y&field_name=z",
        "/admin/autocomplete/?app_label=shop&model_name=book&field_name=title",
        "/admin/shop/publisher/abc/permissions/",
    ],
)
def test_bad_object_urls(logged_in, url):
    """Unknown ids, apps, models and autocomplete targets are 400/404, never 500."""
    response = logged_in.get(url, expect_errors=True)
    assert response.status_int in (400, 404), (url, response.status_int)


def test_path_like_ids_redirect_then_404(logged_in):
    """A non-numeric log id falls through to "<id>/" (Django's redirect), then 404."""
    response = logged_in.get("/admin/shop/book/1/history/abc/restore/", expect_errors=True)
    assert response.status_int == 302
    assert response.follow(expect_errors=True).status_int == 404
