"""The ``@`` search prefix: PostgreSQL full-text search, icontains on SQLite (WebTest)."""

from __future__ import annotations

import contextlib

from framework.contrib import admin
from tests.admin.conftest import login, make_user
from tests.admin.shop.models import Author, Book


@contextlib.contextmanager
def search_fields(fields):
    """Set BookAdmin.search_fields for the block."""
    book_admin = admin.site._registry[Book]
    saved = book_admin.search_fields
    book_admin.search_fields = fields
    try:
        yield
    finally:
        book_admin.search_fields = saved


def titles(page):
    return sorted(a.text for a in page.html.select("#result_list tbody th a"))


def test_at_prefix_full_text_search(web, admin_db):
    """ "@title": on PostgreSQL words match by stem (to_tsvector @@ plainto_tsquery, so
    "running" finds "Runs") but not inside words; SQLite keeps icontains."""
    make_user("admin", superuser=True)
    login(web)
    author = Author.objects.create(name="Ann")
    for title in ("The Dog Runs Home", "Catalog of Stars", "Running Cats"):
        Book.objects.create(title=title, author=author)
    with search_fields(["@title"]):
        page = web.get("/admin/shop/book/?q=cat")
        if admin_db.vendor == "postgresql":
            assert titles(page) == ["Running Cats"]
            assert titles(web.get("/admin/shop/book/?q=running")) == [
                "Running Cats",
                "The Dog Runs Home",
            ]
        else:
            assert titles(page) == ["Catalog of Stars", "Running Cats"]
            assert titles(web.get("/admin/shop/book/?q=running")) == ["Running Cats"]
        assert web.get("/admin/shop/book/?q=%27%3A%26%7C").status_int == 200
