"""Counting on large tables: the PostgreSQL estimate past ADMIN_ESTIMATED_COUNT_THRESHOLD."""

from __future__ import annotations

from framework.contrib.admin.views.main import estimated_count, fast_count
from framework.db import connection
from tests.admin.conftest import login, make_user
from tests.admin.shop.models import Author, Book


def test_count_estimate_past_threshold(web, settings, admin_db):
    """PostgreSQL: an analysed big table is counted from pg_class.reltuples and the
    changelist shows that number; filtered lists still count exactly. SQLite has no
    estimate and always counts."""
    author = Author.objects.create(name="Bulk")
    Book.objects.bulk_create([Book(title=f"B{i}", author=author) for i in range(120)])
    settings.ADMIN_ESTIMATED_COUNT_THRESHOLD = 50
    make_user(superuser=True)
    login(web)
    if connection.vendor == "sqlite":
        assert estimated_count(Book.objects.all()) is None
        assert fast_count(Book.objects.all(), unfiltered=True) == 120
        assert "120 books" in web.get("/admin/shop/book/").text
        return
    with connection.cursor() as cursor:
        cursor.execute(f"ANALYZE {connection.ops.quote_name(Book._meta.db_table)}")
    assert estimated_count(Book.objects.all()) == 120
    # The estimate is trusted: a row inserted after ANALYZE is not counted.
    Book.objects.create(title="late", author=author)
    assert fast_count(Book.objects.all(), unfiltered=True) == 120
    assert fast_count(Book.objects.filter(title="late"), unfiltered=False) == 1
    assert "120 books" in web.get("/admin/shop/book/").text
    assert "1 result" in web.get("/admin/shop/book/?q=late").text
    settings.ADMIN_ESTIMATED_COUNT_THRESHOLD = None
    assert "121 books" in web.get("/admin/shop/book/").text
