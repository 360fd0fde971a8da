"""Server-side permission checks on every admin view, with users who lack the rights,
and per-object permissions (``object_permissions = True``)."""

from __future__ import annotations

import pytest

from framework.contrib.auth.models import Group
from framework.contrib.auth.shortcuts import assign_perm
from tests.admin.conftest import login, make_user
from tests.admin.shop.models import Author, Book, Publisher


@pytest.fixture
def book():
    return Book.objects.create(title="Dune", author=Author.objects.create(name="Frank"))


def token(web):
    return (
        web.cookies.get("csrftoken")
        or web.get("/admin/").forms["logout-form"]["csrfmiddlewaretoken"].value
    )


def test_inactive_or_non_staff_users_are_sent_to_login(web, book):
    """Non-staff and inactive users cannot reach any admin page, even as superusers."""
    from framework.test.sessions import login_session

    for user in (
        make_user("plain", staff=False, superuser=True),
        make_user("gone", active=False, superuser=True),
    ):
        web.reset()
        session = login_session(user, "framework.contrib.auth.backends.ModelBackend")
        web.set_cookie("sessionid", session.session_key)
        for url in ("/admin/", f"/admin/shop/book/{book.pk}/change/", "/admin/shop/book/"):
            response = web.get(url)
            assert response.status_int == 302, (user.username, url)
            assert "/admin/login/" in response.headers["Location"]


def test_staff_without_permissions_gets_403_everywhere(web, book):
    """A staff user with no permission gets 403 from every model view, GET and POST."""
    make_user("nobody")
    login(web, "nobody")
    csrf = web.get("/admin/").forms["logout-form"]["csrfmiddlewaretoken"].value
    get_urls = [
        "/admin/shop/book/",
        "/admin/shop/book/add/",
        f"/admin/shop/book/{book.pk}/change/",
        f"/admin/shop/book/{book.pk}/delete/",
        f"/admin/shop/book/{book.pk}/history/",
        f"/admin/shop/book/{book.pk}/history/1/restore/",
        "/admin/shop/",
    ]
    for url in get_urls:
        assert web.get(url, expect_errors=True).status_int == 403, url
    post_urls = [
        "/admin/shop/book/add/",
        f"/admin/shop/book/{book.pk}/change/",
        f"/admin/shop/book/{book.pk}/delete/",
        f"/admin/shop/book/{book.pk}/history/1/restore/",
        "/admin/shop/book/",
    ]
    for url in post_urls:
        response = web.post(
            url,
            {
                "csrfmiddlewaretoken": csrf,
                "title": "x",
                "post": "yes",
                "action": "delete_selected",
                "_selected_action": str(book.pk),
                "index": "0",
            },
            expect_errors=True,
        )
        assert response.status_int == 403, url
    assert Book.objects.filter(title="Dune").exists()
    assert "You don’t have permission to view or edit anything." in web.get("/admin/").text


def test_view_permission_allows_list_but_not_actions_or_writes(web, book):
    """view_book: changelist and change page visible; no delete action, no add, no delete."""
    make_user("viewer", perms=["shop.view_book"])
    login(web, "viewer")
    page = web.get("/admin/shop/book/")
    assert "Select book to view" in page.text
    assert "delete_selected" not in page.text
    assert "Add book" not in page.text
    assert web.get("/admin/shop/book/add/", expect_errors=True).status_int == 403
    assert web.get(f"/admin/shop/book/{book.pk}/delete/", expect_errors=True).status_int == 403
    assert web.get(f"/admin/shop/book/{book.pk}/history/").status_int == 200
    restore = web.get(f"/admin/shop/book/{book.pk}/history/1/restore/", expect_errors=True)
    assert restore.status_int == 403
    csrf = page.forms["logout-form"]["csrfmiddlewaretoken"].value
    response = web.post(
        "/admin/shop/book/",
        {
            "csrfmiddlewaretoken": csrf,
            "action": "delete_selected",
            "post": "yes",
            "_selected_action": str(book.pk),
            "index": "0",
        },
        expect_errors=True,
    )
    assert response.status_int in (302, 400)
    assert Book.objects.filter(pk=book.pk).exists()


def test_add_permission_only(web):
    """add_book without change/view: the add page works, the changelist is refused."""
    make_user("adder", perms=["shop.add_book"])
    login(web, "adder")
    author = Author.objects.create(name="X")
    form = web.get("/admin/shop/book/add/").forms["book_form"]
    form["title"] = "New"
    form["author"] = str(author.pk)
    response = form.submit("_save")
    assert response.status_int == 302
    assert response.headers["Location"] == "/admin/"
    assert web.get("/admin/shop/book/", expect_errors=True).status_int == 403


def test_delete_needs_permission_on_cascaded_models(web, book):
    """Deleting a book that cascades to chapters needs delete_chapter too (perms lacking)."""
    from framework.contrib import admin
    from tests.admin.shop.models import Chapter

    Chapter.objects.create(book=book, number=1, title="One")
    admin.site.register(Chapter)
    try:
        make_user("deleter", perms=["shop.view_book", "shop.delete_book"])
        login(web, "deleter")
        page = web.get(f"/admin/shop/book/{book.pk}/delete/")
        assert "Cannot delete book" in page.text and "chapter" in page.text
    finally:
        admin.site.unregister(Chapter)


def test_object_permissions_filter_changelist_and_guard_views(web):
    """With object_permissions, a user sees and edits only the objects granted to them."""
    mine = Publisher.objects.create(name="Mine")
    theirs = Publisher.objects.create(name="Theirs")
    user = make_user("editor")
    assign_perm("shop.change_publisher", user, mine)
    login(web, "editor")
    page = web.get("/admin/shop/publisher/")
    assert "Mine" in page.text and "Theirs" not in page.text
    assert web.get(f"/admin/shop/publisher/{mine.pk}/change/").status_int == 200
    assert web.get(f"/admin/shop/publisher/{theirs.pk}/change/", expect_errors=True).status_int in (
        403,
        404,
    )
    assert web.get(f"/admin/shop/publisher/{mine.pk}/delete/", expect_errors=True).status_int == 403
    form = web.get(f"/admin/shop/publisher/{mine.pk}/change/").forms["publisher_form"]
    form["name"] = "Mine, renamed"
    assert form.submit("_save").status_int == 302
    mine.refresh_from_db()
    assert mine.name == "Mine, renamed"


def test_object_permissions_page_grants_and_revokes(web):
    """The "Object permissions" page grants and revokes rights to users and groups."""
    publisher = Publisher.objects.create(name="Pub")
    make_user("admin", superuser=True)
    reader = make_user("reader")
    group = Group.objects.create(name="Editors")
    for i in range(30):
        make_user(f"user{i:02d}")
    login(web)
    page = web.get(f"/admin/shop/publisher/{publisher.pk}/permissions/?q=reader")
    assert "reader" in page.text and "user01" not in page.text
    grant = next(
        f
        for f in page.forms.values()
        if f.fields.get("target")
        and f["target"].value == f"user:{reader.pk}"
        and f["perm"].value == "view"
    )
    grant.submit()
    assert reader.has_perm("shop.view_publisher", publisher)
    web.get(f"/admin/shop/publisher/{publisher.pk}/permissions/?q=Editors")
    paged = web.get(f"/admin/shop/publisher/{publisher.pk}/permissions/?p=2")
    assert "Page 2 of" in paged.text
    csrf = paged.forms["logout-form"]["csrfmiddlewaretoken"].value
    web.post(
        f"/admin/shop/publisher/{publisher.pk}/permissions/",
        {
            "csrfmiddlewaretoken": csrf,
            "target": f"group:{group.pk}",
            "perm": "change",
            "op": "grant",
        },
    )
    from framework.contrib.auth.shortcuts import get_group_perms

    assert "change_publisher" in set(get_group_perms(group, publisher))
    web.post(
        f"/admin/shop/publisher/{publisher.pk}/permissions/",
        {
            "csrfmiddlewaretoken": csrf,
            "target": f"user:{reader.pk}",
            "perm": "view",
            "op": "revoke",
        },
    )
    from framework.contrib.auth.models import User

    reader = User.objects.get(pk=reader.pk)
    assert not reader.has_perm("shop.view_publisher", publisher)
    bad = web.post(
        f"/admin/shop/publisher/{publisher.pk}/permissions/",
        {"csrfmiddlewaretoken": csrf, "target": "user:abc", "perm": "fly", "op": "grant"},
        expect_errors=True,
    )
    assert bad.status_int == 400


def test_object_permissions_page_needs_change_right(web):
    """A user with only view on the object cannot open its permissions page."""
    publisher = Publisher.objects.create(name="Pub")
    user = make_user("viewer")
    assign_perm("shop.view_publisher", user, publisher)
    login(web, "viewer")
    assert (
        web.get(f"/admin/shop/publisher/{publisher.pk}/permissions/", expect_errors=True).status_int
        == 403
    )
    book_admin_page = web.get("/admin/shop/book/1/permissions/", expect_errors=True)
    assert book_admin_page.status_int in (403, 404)


def test_autocomplete_requires_view_permission(web):
    """The autocomplete endpoint refuses users who may not view the related model."""
    from framework.contrib import admin

    make_user("nobody")
    login(web, "nobody")
    book_admin = admin.site._registry[Book]
    book_admin.autocomplete_fields = ["author"]
    try:
        response = web.get(
            "/admin/autocomplete/?app_label=shop&model_name=book&field_name=author&term=a",
            expect_errors=True,
        )
        assert response.status_int == 403
    finally:
        book_admin.autocomplete_fields = ()
