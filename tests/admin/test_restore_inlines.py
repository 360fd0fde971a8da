"""Restoring an earlier version brings its inline rows back too (WebTest)."""

from __future__ import annotations

from framework.contrib.admin.models import LogEntry
from tests.admin.conftest import login, make_user
from tests.admin.shop.models import Author, Book, Chapter


def test_restore_brings_back_inline_rows(web):
    """After a chapter was added, another changed and a third deleted, restoring the
    earlier version removes the added one, reverts the changed one and re-creates the
    deleted one (same key and values); the restore page lists these steps."""
    book, version, (one, two) = _book_with_chapter_changes(web)
    login(web)
    assert sorted(Chapter.objects.values_list("title", flat=True)) == ["One (edited)", "Three"]
    page = web.get(f"/admin/shop/book/{book.pk}/history/{version.pk}/restore/")
    steps = [li.text for li in page.html.select("#restore-inlines li")]
    assert "Remove chapter “3. Three”" in steps
    assert "Change back chapter “1. One (edited)”" in steps
    assert "Bring back chapter “2. Two”" in steps
    assert page.forms[1].submit().status_int == 302
    book.refresh_from_db()
    assert book.title == "T"
    assert list(Chapter.objects.order_by("number").values_list("pk", "number", "title")) == [
        (one, 1, "One"),
        (two, 2, "Two"),
    ]


def _book_with_chapter_changes(web):
    """As a superuser: a book saved with chapters 1 and 2, then chapter 1 edited, 2 deleted
    and 3 added; returns (book, the first version's log entry, the first two chapters' pks),
    logged out."""
    make_user("admin", superuser=True)
    login(web)
    author = Author.objects.create(name="A")
    form = web.get("/admin/shop/book/add/").forms["book_form"]
    form["title"] = "T"
    form["author"] = str(author.pk)
    form["chapters-0-number"] = "1"
    form["chapters-0-title"] = "One"
    form["chapters-1-number"] = "2"
    form["chapters-1-title"] = "Two"
    form.submit("_save")
    book = Book.objects.get()
    chapters = tuple(Chapter.objects.order_by("number").values_list("pk", flat=True))
    version = LogEntry.objects.filter(object_id=str(book.pk)).order_by("id").last()
    form = web.get(f"/admin/shop/book/{book.pk}/change/").forms["book_form"]
    form["title"] = "T2"
    form["chapters-0-title"] = "One (edited)"
    form["chapters-1-DELETE"] = True
    form["chapters-2-number"] = "3"
    form["chapters-2-title"] = "Three"
    assert form.submit("_save").status_int == 302
    web.reset()
    return book, version, chapters


def _state(book):
    book.refresh_from_db()
    chapters = list(Chapter.objects.order_by("number").values_list("number", "title"))
    return book.title, chapters, LogEntry.objects.count()


def test_restore_needs_the_inline_permissions(web):
    """A user who may change books but not delete, add or change chapters is told which
    steps he lacks the right for, and a forged POST is refused (403) with nothing written:
    not the book, not a chapter, no log entry."""
    book, version, _ = _book_with_chapter_changes(web)
    make_user("editor", perms=["shop.view_book", "shop.change_book", "shop.view_chapter"])
    login(web, "editor")
    before = _state(book)
    url = f"/admin/shop/book/{book.pk}/history/{version.pk}/restore/"
    page = web.get(url)
    refused = [li.text for li in page.html.select("#restore-refused li")]
    assert refused == [
        "Remove chapter “3. Three”",
        "Change back chapter “1. One (edited)”",
        "Bring back chapter “2. Two”",
    ]
    assert not page.html.select("form[method=post] input[value='Restore this version']")
    token = web.cookies["csrftoken"]
    forged = web.post(url, {"csrfmiddlewaretoken": token}, expect_errors=True)
    assert forged.status_int == 403
    assert _state(book) == before


def test_restore_with_the_inline_permissions(web):
    """With add, change and delete on chapters as well, the same user restores the version."""
    book, version, _ = _book_with_chapter_changes(web)
    make_user(
        "editor",
        perms=[
            "shop.view_book",
            "shop.change_book",
            "shop.add_chapter",
            "shop.change_chapter",
            "shop.delete_chapter",
        ],
    )
    login(web, "editor")
    page = web.get(f"/admin/shop/book/{book.pk}/history/{version.pk}/restore/")
    assert not page.html.select("#restore-refused")
    assert page.forms[1].submit().status_int == 302
    title, chapters, _ = _state(book)
    assert (title, chapters) == ("T", [(1, "One"), (2, "Two")])
