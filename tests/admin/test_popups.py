"""Related-object popups (WebTest): the add/change links of RelatedFieldWidgetWrapper,
the ``_popup`` answers of add/change/delete, ``_to_field`` checks and raw-id lookups."""

from __future__ import annotations

import contextlib
import json

from framework.contrib import admin
from tests.admin.conftest import login, make_user
from tests.admin.shop.models import Author, Book, Tag


@contextlib.contextmanager
def patched(model, **attrs):
    """Set attributes of ``model``'s admin for the duration of the block."""
    model_admin = admin.site._registry[model]
    saved = {name: getattr(model_admin, name) for name in attrs}
    for name, value in attrs.items():
        setattr(model_admin, name, value)
    try:
        yield model_admin
    finally:
        for name, value in saved.items():
            setattr(model_admin, name, value)


def popup_data(response):
    """The JSON the popup response hands to its opener."""
    node = response.html.select_one("#admin-popup-response-constants")
    return json.loads(node["data-popup-response"])


def test_related_links_next_to_fk_and_m2m(web):
    """A superuser's book form has "+" (add) and change links for the author select, opening
    the author admin with _to_field and _popup in a new tab; tags (M2M) have only "+"."""
    make_user("admin", superuser=True)
    login(web)
    author = Author.objects.create(name="Ann")
    book = Book.objects.create(title="B", author=author)
    page = web.get(f"/admin/shop/book/{book.pk}/change/")
    add = page.html.select_one("#add_id_author")
    assert add["href"] == "/admin/shop/author/add/?_to_field=id&_popup=1"
    assert add["target"] == "_blank"
    change = page.html.select_one("#change_id_author")
    assert change["href"] == f"/admin/shop/author/{author.pk}/change/?_to_field=id&_popup=1"
    assert change["data-href-template"] == "/admin/shop/author/__fk__/change/?_to_field=id&_popup=1"
    assert page.html.select_one("#add_id_tags")["href"].startswith("/admin/shop/tag/add/")
    assert page.html.select_one("#change_id_tags") is None
    assert "admin/js/related-widget-wrapper.js" in page.text
    add_page = web.get("/admin/shop/book/add/")
    assert add_page.html.select_one("#change_id_author").get("href") is None


def test_related_links_follow_permissions(web):
    """Without the author add/change permissions only the select is shown."""
    make_user("staff", perms=["shop.add_book", "shop.change_book", "shop.view_book"])
    login(web, "staff")
    page = web.get("/admin/shop/book/add/")
    assert page.html.select_one("#id_author") is not None
    assert page.html.select_one("#add_id_author") is None
    assert page.html.select_one("#change_id_author") is None


def test_add_in_popup_answers_with_the_new_object(web):
    """Saving the add form opened with _popup=1 answers the popup page with the new value
    and name instead of redirecting; the hidden _popup/_to_field fields are kept."""
    make_user("admin", superuser=True)
    login(web)
    page = web.get("/admin/shop/author/add/?_to_field=id&_popup=1")
    assert page.html.select_one("#header") is None
    form = page.forms["author_form"]
    assert form["_popup"].value == "1" and form["_to_field"].value == "id"
    form["name"] = "Becky Chambers"
    response = form.submit("_save")
    assert response.status_int == 200
    author = Author.objects.get(name="Becky Chambers")
    assert popup_data(response) == {"value": str(author.pk), "obj": "Becky Chambers"}
    assert "admin/js/popup_response.js" in response.text


def test_change_and_delete_in_popup(web):
    """The change form in a popup answers action=change with the new name; the delete page
    answers action=delete with the removed value."""
    make_user("admin", superuser=True)
    login(web)
    author = Author.objects.create(name="Old name")
    form = web.get(f"/admin/shop/author/{author.pk}/change/?_to_field=id&_popup=1").forms[
        "author_form"
    ]
    form["name"] = "New name"
    data = popup_data(form.submit("_save"))
    assert data == {
        "action": "change",
        "value": str(author.pk),
        "obj": "New name",
        "new_value": str(author.pk),
    }
    page = web.get(f"/admin/shop/author/{author.pk}/delete/?_to_field=id&_popup=1")
    response = page.forms[0].submit()
    assert popup_data(response) == {"action": "delete", "value": str(author.pk)}
    assert not Author.objects.filter(pk=author.pk).exists()


def test_disallowed_to_field_is_400(web):
    """A _to_field naming a field no relation targets is refused with 400 (not exposed)."""
    make_user("admin", superuser=True)
    login(web)
    for url in ("/admin/shop/author/?_to_field=email", "/admin/shop/author/add/?_to_field=email"):
        assert web.get(url, expect_errors=True).status_int == 400
    assert web.get("/admin/shop/author/?_to_field=nope", expect_errors=True).status_int == 400
    assert web.get("/admin/shop/author/?_to_field=id&_popup=1").status_int == 200


def test_raw_id_lookup_link_label_and_popup_changelist(web):
    """raw_id_fields: a text input with a lookup link to the changelist in a popup and the
    chosen object's name; the popup changelist marks each row link with its value."""
    make_user("admin", superuser=True)
    login(web)
    author = Author.objects.create(name="Ann")
    book = Book.objects.create(title="B", author=author)
    with patched(Book, raw_id_fields=["author", "tags"]):
        page = web.get(f"/admin/shop/book/{book.pk}/change/")
        field = page.html.select_one("#id_author")
        assert field["class"] == ["vForeignKeyRawIdAdminField"]
        assert field["value"] == str(author.pk)
        lookup = page.html.select_one("#lookup_id_author")
        assert lookup["href"] == "/admin/shop/author/?_to_field=id&_popup=1"
        assert page.html.select_one("#view_id_author").text == "Ann"
        assert page.html.select_one("#add_id_author") is None
        assert page.html.select_one("#id_tags")["class"] == ["vManyToManyRawIdAdminField"]
        t1, t2 = Tag.objects.create(name="t1"), Tag.objects.create(name="t2")
        form = page.forms["book_form"]
        form["tags"] = f"{t1.pk},{t2.pk}"
        assert form.submit("_save").status_int == 302
        assert set(book.tags.all()) == {t1, t2}
    popup = web.get(lookup["href"])
    link = popup.html.select_one("#result_list tbody th a")
    assert link["data-popup-opener"] == str(author.pk)
    assert popup.html.select_one("#header") is None
    assert popup.html.select_one("select[name=action]") is None


def test_datetime_widget_native_and_split(web):
    """A DateTimeField gets a datetime-local input holding its value; a POST of that input
    or of the split _0 (date) / _1 (time) values of a client without it both save."""
    import datetime

    make_user("admin", superuser=True)
    login(web)
    tag = Tag.objects.create(
        name="t", created=datetime.datetime(2024, 5, 6, 7, 8, tzinfo=datetime.UTC)
    )
    page = web.get(f"/admin/shop/tag/{tag.pk}/change/")
    field = page.html.select_one("#id_created")
    assert field["type"] == "datetime-local" and field["value"] == "2024-05-06T07:08"
    form = page.forms["tag_form"]
    form["created"] = "2025-01-02T03:04"
    assert form.submit("_save").status_int == 302
    tag.refresh_from_db()
    assert tag.created == datetime.datetime(2025, 1, 2, 3, 4, tzinfo=datetime.UTC)
    token = page.forms["tag_form"]["csrfmiddlewaretoken"].value
    response = web.post(
        f"/admin/shop/tag/{tag.pk}/change/",
        {
            "csrfmiddlewaretoken": token,
            "name": "t",
            "created_0": "2026-03-04",
            "created_1": "05:06:07",
            "_save": "1",
        },
    )
    assert response.status_int == 302
    tag.refresh_from_db()
    assert tag.created == datetime.datetime(2026, 3, 4, 5, 6, 7, tzinfo=datetime.UTC)
    bad = web.post(
        f"/admin/shop/tag/{tag.pk}/change/",
        {"csrfmiddlewaretoken": token, "name": "t", "created": "soon", "_save": "1"},
    )
    assert bad.status_int == 200 and "Enter a valid date/time." in bad.text


def test_filter_horizontal_dual_list_degrades_to_checkboxes(web):
    """filter_horizontal renders the checkbox list the SelectFilter script turns into a
    dual list (its script is on the page); checking boxes without JS saves the choice."""
    make_user("admin", superuser=True)
    login(web)
    author = Author.objects.create(name="Ann")
    book = Book.objects.create(title="B", author=author)
    t1, t2 = Tag.objects.create(name="t1"), Tag.objects.create(name="t2")
    with patched(Book, filter_vertical=["tags"]):
        page = web.get(f"/admin/shop/book/{book.pk}/change/")
        box = page.html.select_one("div#id_tags")
        assert "selectfilter" in box["class"] and "selectfilter-stacked" in box["class"]
        assert len(box.select("input[type=checkbox]")) == 2
        assert "admin/js/SelectFilter.js" in page.text
        form = page.forms["book_form"]
        form.set("tags", True, index=1)
        assert form.submit("_save").status_int == 302
        assert list(book.tags.all()) == [t2]
        assert t1 not in book.tags.all()
