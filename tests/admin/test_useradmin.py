"""The User and Group admin pages: add with the password twice, hash summary, password form."""

from __future__ import annotations

from framework.contrib.admin.models import LogEntry
from framework.contrib.auth.models import Group, Permission, User
from tests.admin.conftest import login, make_user


def test_add_user_with_password_twice(web):
    """The add form asks for the username and the password twice; mismatches are refused."""
    make_user("admin", superuser=True)
    login(web)
    form = web.get("/admin/auth/user/add/").forms["user_form"]
    form["username"] = "newbie"
    form["password1"] = "Very-long-pass-123"
    form["password2"] = "Different-pass-123"
    page = form.submit("_save")
    assert "The two password fields didn’t match." in page.text
    form = page.forms["user_form"]
    form["password1"] = "Very-long-pass-123"
    form["password2"] = "Very-long-pass-123"
    response = form.submit("_continue")
    user = User.objects.get(username="newbie")
    assert user.check_password("Very-long-pass-123")
    assert response.headers["Location"] == f"/admin/auth/user/{user.pk}/change/"


def test_change_user_shows_hash_summary_and_pickers(web):
    """The change page shows the hash summary (never the hash), and group/permission pickers."""
    make_user("admin", superuser=True)
    other = make_user("other")
    Group.objects.create(name="Editors")
    login(web)
    page = web.get(f"/admin/auth/user/{other.pk}/change/")
    assert "algorithm" in page.text
    assert other.password not in page.text
    assert "Reset password" in page.text
    assert 'name="groups"' in page.text and "Editors" in page.text
    assert 'name="user_permissions"' in page.text
    form = page.forms["user_form"]
    form["first_name"] = "Otto"
    form["groups"] = [str(Group.objects.get().pk)]
    assert form.submit("_save").status_int == 302
    other.refresh_from_db()
    assert other.first_name == "Otto" and other.groups.count() == 1
    entry = LogEntry.objects.get(object_id=str(other.pk))
    # (date_joined also shows up: the forms layer does not strip microseconds from the
    # initial value of DateTimeInput, so every save "changes" it; reported to forms.)
    assert {"first_name", "groups"} <= {c["name"] for c in entry.get_field_changes()}


def test_change_password_form(web):
    """The user's password form sets a new password and logs the change."""
    make_user("admin", superuser=True)
    other = make_user("other")
    login(web)
    form = web.get(f"/admin/auth/user/{other.pk}/password/").forms["user_form"]
    form["new_password1"] = "Brand-new-pass-77"
    form["new_password2"] = "Brand-new-pass-77"
    response = form.submit()
    assert response.headers["Location"] == f"/admin/auth/user/{other.pk}/change/"
    other.refresh_from_db()
    assert other.check_password("Brand-new-pass-77")
    assert "Changed password." in LogEntry.objects.get().get_change_message()


def test_password_page_needs_change_permission(web):
    """A staff user who may only view users cannot set passwords."""
    make_user("viewer", perms=["auth.view_user"])
    target = make_user("target")
    login(web, "viewer")
    assert web.get(f"/admin/auth/user/{target.pk}/password/", expect_errors=True).status_int == 403


def test_users_cannot_be_filtered_by_password(web):
    """The changelist refuses lookups on the password hash."""
    make_user("admin", superuser=True)
    login(web)
    response = web.get("/admin/auth/user/?password__startswith=pbkdf2", expect_errors=True)
    assert response.status_int == 400


def test_group_admin(web):
    """Groups are added with their permissions."""
    make_user("admin", superuser=True)
    login(web)
    perm = Permission.objects.get(codename="change_book")
    form = web.get("/admin/auth/group/add/").forms["group_form"]
    form["name"] = "Librarians"
    form["permissions"] = [str(perm.pk)]
    form.submit("_save")
    assert list(Group.objects.get(name="Librarians").permissions.all()) == [perm]
