"""Admin authorization matrix (fast variant): every admin view of one model (Author, with
object permissions switched on) x seven kinds of user gives exactly the permitted response;
successful changes write one LogEntry, refused ones none."""

from __future__ import annotations

import pytest

from framework.contrib import admin
from framework.contrib.admin.models import LogEntry
from framework.test.sessions import login_session
from tests.admin.conftest import make_user
from tests.admin.shop.models import Author, Book

MODEL = "framework.contrib.auth.backends.ModelBackend"
ROLES = [
    "anonymous",
    "inactive_staff",
    "active_non_staff",
    "staff_no_perm",
    "view",
    "change",
    "superuser",
]
ALL_PERMS = [f"shop.{a}_author" for a in ("add", "change", "delete", "view")]
ROLE_USERS = {
    "inactive_staff": dict(active=False, perms=ALL_PERMS),
    "active_non_staff": dict(staff=False, perms=ALL_PERMS),
    "staff_no_perm": dict(),
    "view": dict(perms=["shop.view_author"]),
    "change": dict(perms=["shop.view_author", "shop.change_author"]),
    "superuser": dict(superuser=True),
}
VIEWS = ["changelist", "add", "change", "delete", "history", "permissions", "autocomplete"]
LOGIN = "login"  # a redirect to the admin login page
# The expected answer of every (role, view), written out explicitly.
EXPECTED = {
    "anonymous": dict.fromkeys(VIEWS, LOGIN),
    "inactive_staff": dict.fromkeys(VIEWS, LOGIN),
    "active_non_staff": dict.fromkeys(VIEWS, LOGIN),
    # Objects the user has no right on are hidden (object permissions): 404, not 403.
    "staff_no_perm": {
        "changelist": 403,
        "add": 403,
        "change": 404,
        "delete": 404,
        "history": 404,
        "permissions": 404,
        "autocomplete": 403,
    },
    "view": {
        "changelist": 200,
        "add": 403,
        "change": 200,
        "delete": 403,
        "history": 200,
        "permissions": 403,
        "autocomplete": 200,
    },
    "change": {
        "changelist": 200,
        "add": 403,
        "change": 200,
        "delete": 403,
        "history": 200,
        "permissions": 200,
        "autocomplete": 200,
    },
    "superuser": dict.fromkeys(VIEWS, 200),
}


@pytest.fixture
def author_admin():
    """AuthorAdmin with object permissions; BookAdmin autocompletes its author."""
    author_admin = admin.site._registry[Author]
    book_admin = admin.site._registry[Book]
    author_admin.object_permissions = True
    book_admin.autocomplete_fields = ["author"]
    try:
        yield author_admin
    finally:
        del author_admin.object_permissions
        book_admin.autocomplete_fields = ()


def _urls(pk: int) -> dict:
    base = "/admin/shop/author/"
    return {
        "changelist": base,
        "add": base + "add/",
        "change": f"{base}{pk}/change/",
        "delete": f"{base}{pk}/delete/",
        "history": f"{base}{pk}/history/",
        "permissions": f"{base}{pk}/permissions/",
        "autocomplete": (
            "/admin/autocomplete/?app_label=shop&model_name=book&field_name=author&term=Fr"
        ),
    }


def _as(web, role):
    web.reset()
    if role != "anonymous":
        user = make_user(role, **ROLE_USERS[role])
        web.set_cookie("sessionid", login_session(user, MODEL).session_key)


@pytest.mark.parametrize("role", ROLES)
def test_admin_view_matrix(sweb, author_admin, role):
    """Each admin view answers exactly as EXPECTED for this kind of user."""
    author = Author.objects.create(name="Frank")
    _as(sweb, role)
    got = {}
    for view, url in _urls(author.pk).items():
        response = sweb.get(url, expect_errors=True)
        if response.status_int == 302 and "/admin/login/" in response.headers["Location"]:
            got[view] = LOGIN
        else:
            got[view] = response.status_int
    assert got == EXPECTED[role]


def _csrf(web):
    return web.get("/admin/").forms["logout-form"]["csrfmiddlewaretoken"].value


@pytest.mark.parametrize("role", ["staff_no_perm", "view", "change", "superuser"])
def test_admin_changes_log_exactly_once(sweb, author_admin, role):
    """A permitted add/change/delete writes one LogEntry each; a refused one writes none."""
    author = Author.objects.create(name="Frank")
    _as(sweb, role)
    csrf = _csrf(sweb)
    urls = _urls(author.pk)
    attempts = [
        ("add", urls["add"], {"name": "New", "email": ""}, role == "superuser"),
        (
            "change",
            urls["change"],
            {"name": "Renamed", "email": ""},
            role in ("change", "superuser"),
        ),
        ("delete", urls["delete"], {"post": "yes"}, role == "superuser"),
    ]
    for name, url, data, allowed in attempts:
        before = LogEntry.objects.count()
        if allowed:
            form = sweb.get(url).forms[1]
            for field, value in data.items():
                if field in form.fields:
                    form[field] = value
            response = form.submit()
            assert response.status_int == 302, (name, response.status_int)
            assert LogEntry.objects.count() == before + 1, name
        else:
            response = sweb.post(url, {"csrfmiddlewaretoken": csrf, **data}, expect_errors=True)
            assert response.status_int in (403, 404), (name, response.status_int)
            assert LogEntry.objects.count() == before, name
    assert Author.objects.filter(name="Frank").exists() == (role not in ("change", "superuser"))
