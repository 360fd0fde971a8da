"""Object permissions hold everywhere a user can reach objects: changelist, search,
autocomplete, bulk actions and forged inline formset POSTs."""

from __future__ import annotations

from framework.contrib.auth.shortcuts import assign_perm
from framework.test.sessions import login_session
from tests.admin.conftest import make_user
from tests.admin.shop.models import Author, Book, Chapter
from tests.security.test_admin_auth_matrix import author_admin  # noqa: F401

MODEL = "framework.contrib.auth.backends.ModelBackend"


def _as(web, user):
    web.set_cookie("sessionid", login_session(user, MODEL).session_key)
    return web.get("/admin/").forms["logout-form"]["csrfmiddlewaretoken"].value


def test_object_permissions_in_changelist_search_autocomplete_and_actions(sweb, author_admin):  # noqa: F811
    """A user granted rights on one author never sees, finds or deletes the other."""
    mine = Author.objects.create(name="Mine Alpha")
    theirs = Author.objects.create(name="Theirs Alpha")
    user = make_user("editor")
    for perm in ("view", "change", "delete"):
        assign_perm(f"shop.{perm}_author", user, mine)
    csrf = _as(sweb, user)
    listing = sweb.get("/admin/shop/author/")
    assert "Mine Alpha" in listing.text and "Theirs Alpha" not in listing.text
    found = sweb.get("/admin/shop/author/?q=Theirs")
    assert "Theirs Alpha" not in found.text
    auto = sweb.get(
        "/admin/autocomplete/?app_label=shop&model_name=book&field_name=author&term=Alpha"
    ).json
    assert [r["id"] for r in auto["results"]] == [str(mine.pk)]
    sweb.post(
        "/admin/shop/author/",
        {
            "csrfmiddlewaretoken": csrf,
            "action": "delete_selected",
            "_selected_action": [str(theirs.pk)],
            "post": "yes",
        },
        expect_errors=True,
    )
    assert Author.objects.filter(pk=theirs.pk).exists()


def test_forged_inline_formset_cannot_touch_foreign_rows(sweb):
    """Inline forms naming another book's chapter (with DELETE, or extra forms past the
    management counts) neither delete nor move that chapter."""
    author = Author.objects.create(name="Frank")
    mine = Book.objects.create(title="Mine", author=author)
    other = Book.objects.create(title="Other", author=author)
    foreign = Chapter.objects.create(book=other, number=1, title="Foreign")
    root = make_user("root", superuser=True)
    _as(sweb, root)
    form = sweb.get(f"/admin/shop/book/{mine.pk}/change/").forms["book_form"]
    fields = {name: field.value for name, field in form.field_order if name}
    prefix = next(
        n[: -len("-TOTAL_FORMS")] for n in fields if n.endswith("TOTAL_FORMS") and "chapter" in n
    )
    fields[f"{prefix}-TOTAL_FORMS"] = "1"
    fields[f"{prefix}-INITIAL_FORMS"] = "1"
    fields[f"{prefix}-0-id"] = str(foreign.pk)
    fields[f"{prefix}-0-book"] = str(mine.pk)
    fields[f"{prefix}-0-number"] = "9"
    fields[f"{prefix}-0-title"] = "Stolen"
    fields[f"{prefix}-0-DELETE"] = "on"
    fields[f"{prefix}-5-title"] = "Past the count"
    response = sweb.post(f"/admin/shop/book/{mine.pk}/change/", fields, expect_errors=True)
    assert response.status_int in (200, 302, 400)
    foreign.refresh_from_db()
    assert (foreign.book_id, foreign.title, foreign.number) == (other.pk, "Foreign", 1)
    assert not Chapter.objects.filter(title="Past the count").exists()
