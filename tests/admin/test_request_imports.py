"""Warm admin requests execute no import statement (issue #9, speed).

In CPython 3.11 an ``import`` or ``from ... import`` inside a function runs again on every
call (a module attribute lookup that builds and drops an AttributeError, and for packages
importlib's ``_handle_fromlist``). Once a page has been served, serving it again must not
execute any: what a view needs is imported at module level or through a deferred reference.
"""

from __future__ import annotations

import builtins
import dis
import os
import sys
from contextlib import contextmanager

import framework
from tests.admin.conftest import login, make_user
from tests.admin.shop.models import Author, Book

IMPORT_NAME = dis.opmap["IMPORT_NAME"]
FRAMEWORK_DIR = os.path.dirname(framework.__file__) + os.sep


@contextmanager
def import_statements():
    """Record ``(file, line, module)`` of each import statement of the framework's code
    executed in the block.

    C code importing through ``__import__`` (``datetime.strftime`` imports ``time``) is
    not a statement: only calls made by an IMPORT_NAME instruction count. The test
    client's own dependencies (WebTest parsing pages with BeautifulSoup) are not counted.
    """
    executed: list[tuple[str, int, str]] = []
    original = builtins.__import__

    def counting(name, globals=None, locals=None, fromlist=(), level=0):
        frame = sys._getframe(1)
        filename = frame.f_code.co_filename
        if (
            filename.startswith(FRAMEWORK_DIR)
            and frame.f_code.co_code[frame.f_lasti] == IMPORT_NAME
        ):
            path = "framework/" + filename[len(FRAMEWORK_DIR) :].replace(os.sep, "/")
            executed.append((path, frame.f_lineno, name))
        return original(name, globals, locals, fromlist, level)

    builtins.__import__ = counting
    try:
        yield executed
    finally:
        builtins.__import__ = original


def test_warm_changelist_and_change_form_import_nothing(web, admin_db):
    """A changelist (search, filter, page) and a change form (GET and POST), served a
    second time, execute no import statement, on each backend."""
    author = Author.objects.create(name="Ada")
    books = [Book.objects.create(title=f"Book {i}", author=author) for i in range(15)]
    make_user(superuser=True)
    login(web)
    changelist = "/admin/shop/book/?q=Book&genre__exact=fic&p=2"
    change = f"/admin/shop/book/{books[0].pk}/change/"

    def serve():
        assert "Book" in web.get(changelist).text
        form = web.get(change).forms["book_form"]
        form["title"] = "Book 0 (revised)"
        assert form.submit("_continue").status_int == 302

    serve()
    with import_statements() as executed:
        serve()
    assert executed == []
    assert Book.objects.get(pk=books[0].pk).title == "Book 0 (revised)"
