"""The changelist runs a fixed number of queries, however many rows and related authors.

BookAdmin has list_filter (choices, boolean, foreign key, date, a SimpleListFilter),
search_fields across the author relation and the author foreign key in list_display; the
bench (bench/admin_bench.py) times the same shape on 100,000 rows beside Django's admin.
"""

from __future__ import annotations

import datetime

from framework.db import connection
from framework.test.query_capture import CaptureQueriesContext
from tests.admin.conftest import login, make_user
from tests.admin.shop.models import Author, Book

PAGES = [
    "/admin/shop/book/",
    "/admin/shop/book/?genre__exact=sci",
    "/admin/shop/book/?in_print__exact=1&author__id__exact={author}",
    "/admin/shop/book/?q=Author",
    "/admin/shop/book/?q=B1",
    "/admin/shop/book/?p=2",
    "/admin/shop/book/?o=-2.1",
    "/admin/shop/book/?published__year=2024",
]


def add_books(count: int, authors: int, start: int = 0) -> Author:
    people = Author.objects.bulk_create(
        [Author(name=f"Author {start + i}") for i in range(authors)]
    )
    day = datetime.date(2024, 1, 1)
    Book.objects.bulk_create(
        [
            Book(
                title=f"B{start + i}",
                author=people[i % authors],
                genre=["fic", "sci", "his"][i % 3],
                in_print=bool(i % 2),
                published=day + datetime.timedelta(days=i % 300),
                pages=50 + i % 400,
            )
            for i in range(count)
        ]
    )
    return people[0]


def test_changelist_queries_do_not_grow_with_rows(web, admin_db, assert_num_queries):
    make_user(superuser=True)
    login(web)
    first = add_books(30, authors=3)
    urls = [url.format(author=first.pk) for url in PAGES]
    counts = {}
    for url in urls:
        with CaptureQueriesContext(connection) as captured:
            assert web.get(url).status_int == 200
        counts[url] = len(captured)
    # Ten times the rows, a hundred times the authors (each row of a page a different one).
    add_books(300, authors=300, start=1000)
    for url in urls:
        with assert_num_queries(counts[url]):
            page = web.get(url)
        assert page.status_int == 200
        assert "Author" in page.text or "0 books" in page.text
    # Within a small fixed budget: session, user, COUNTs, rows and filter choices.
    assert max(counts.values()) <= 10, counts
