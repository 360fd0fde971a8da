"""Facet counts of the changelist filters (show_facets, _facets) over WebTest."""

from __future__ import annotations

import contextlib

from framework.contrib import admin
from tests.admin.conftest import login, make_user
from tests.admin.shop.models import Author, Book


@contextlib.contextmanager
def show_facets(value):
    """Set BookAdmin.show_facets for the block."""
    book_admin = admin.site._registry[Book]
    saved = book_admin.show_facets
    book_admin.show_facets = value
    try:
        yield
    finally:
        book_admin.show_facets = saved


def counts(page, title):
    """{choice text: count} of one filter of the changelist page."""
    box = page.html.select_one(f'details[data-filter-title="{title}"]')
    out = {}
    for a in box.select("li a"):
        count = a.select_one(".facet-count")
        name = a.text.replace(count.text, "").strip() if count else a.text.strip()
        out[name] = count.text.strip("()") if count else None
    return out


def books():
    ann = Author.objects.create(name="Ann")
    bob = Author.objects.create(name="Bob")
    Book.objects.create(title="A1", author=ann, genre="fic", pages=100)
    Book.objects.create(title="A2", author=ann, genre="sci", pages=300, in_print=False)
    Book.objects.create(title="B1", author=bob, genre="fic", pages=250)


def test_facets_allow_shows_counts_only_with_parameter(web):
    """ALLOW (the default): no counts until ?_facets; then each choice of every filter has
    its count, respecting the other active filters; a link toggles them."""
    make_user("admin", superuser=True)
    login(web)
    books()
    page = web.get("/admin/shop/book/")
    assert counts(page, "genre")["Fiction"] is None
    assert page.html.select_one("#changelist-filter-facets a").text == "Show counts"
    page = web.get("/admin/shop/book/?_facets=True")
    assert page.html.select_one("#changelist-filter-facets a").text == "Hide counts"
    assert counts(page, "genre") == {"All": "3", "Fiction": "2", "Science": "1", "History": "0"}
    assert counts(page, "in print") == {"All": "3", "Yes": "2", "No": "1"}
    assert counts(page, "author") == {"All": "3", "Ann": "2", "Bob": "1"}
    assert counts(page, "length") == {"All": "3", "Short": "1", "Long": "2"}
    page = web.get("/admin/shop/book/?_facets=True&genre__exact=fic")
    assert counts(page, "author") == {"All": "2", "Ann": "1", "Bob": "1"}
    assert counts(page, "genre")["Science"] == "1"
    assert len(page.html.select("#result_list tbody tr")) == 2


def test_facets_always_and_never(web):
    """ALWAYS shows counts without the parameter and no toggle; NEVER ignores _facets."""
    make_user("admin", superuser=True)
    login(web)
    books()
    with show_facets(admin.ShowFacets.ALWAYS):
        page = web.get("/admin/shop/book/")
        assert counts(page, "genre")["Fiction"] == "2"
        assert page.html.select_one("#changelist-filter-facets") is None
    with show_facets(admin.ShowFacets.NEVER):
        page = web.get("/admin/shop/book/?_facets=True")
        assert counts(page, "genre")["Fiction"] is None


def test_facets_cost_one_query_per_filter(web, admin_db):
    """Turning counts on adds exactly one query per filter."""
    make_user("admin", superuser=True)
    login(web)
    books()
    from framework.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(admin_db) as plain:
        web.get("/admin/shop/book/")
    with CaptureQueriesContext(admin_db) as faceted:
        web.get("/admin/shop/book/?_facets=True")
    filters = len(admin.site._registry[Book].list_filter)
    assert len(plain.captured_queries) > 0
    assert len(faceted.captured_queries) == len(plain.captured_queries) + filters
