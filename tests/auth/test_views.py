"""The auth views over HTTP (WebTest): login, logout, password change and reset,
and every permission path enforced on protected views."""

from __future__ import annotations

import re

from framework.contrib.auth import SESSION_KEY
from framework.contrib.auth.models import Group, Permission, User
from framework.contrib.auth.shortcuts import assign_perm, remove_perm
from framework.contrib.sessions.models import Session
from framework.core import mail
from tests.auth.conftest import login
from tests.contenttypes.testapp.models import Document

PASSWORD = "secret-pass-1"


def make_user(username="alice", **extra):
    return User.objects.create_user(username, f"{username}@example.com", PASSWORD, **extra)


def session_cookie(app):
    return app.cookies.get("sessionid")


# -- login / logout --------------------------------------------------------------------


def test_login_page_renders_form(web):
    """GET /accounts/login/ shows the username and password fields with a CSRF token."""
    page = web.get("/accounts/login/")
    assert page.status_int == 200
    assert 'name="username"' in page.text and 'name="password"' in page.text
    assert 'name="csrfmiddlewaretoken"' in page.text


def test_login_redirects_and_sets_session(web):
    """A correct login redirects to LOGIN_REDIRECT_URL and the session knows the user."""
    user = make_user()
    response = login(web, "alice")
    assert response.status_int == 302
    assert response.headers["Location"].endswith("/accounts/profile/")
    assert web.get("/whoami/").text == "alice"
    session = Session.objects.get(session_key=session_cookie(web))
    assert session.get_decoded()[SESSION_KEY] == str(user.pk)


def test_login_changes_session_key(web):
    """Session fixation: the session key before login is not the key after login."""
    make_user()
    page = web.get("/accounts/login/")
    # Make the anonymous session exist (as an attacker-provided one would).
    web.set_cookie("sessionid", "attackerchosenkey0000000000000000")
    form = page.forms[0]
    form["username"] = "alice"
    form["password"] = PASSWORD
    form.submit()
    new_key = session_cookie(web)
    assert new_key and new_key != "attackerchosenkey0000000000000000"
    assert web.get("/whoami/").text == "alice"


def test_login_rotates_key_of_existing_anonymous_session(web):
    """An existing anonymous session gets a new key on login and the old row is deleted."""
    make_user()
    page = web.get("/accounts/login/")
    form = page.forms[0]
    form["username"] = "alice"
    form["password"] = "wrong"
    form.submit()
    # A failed login with a session: store something in it through a second request.
    from framework.contrib.sessions.backends.db import SessionStore

    store = SessionStore()
    store["cart"] = [1, 2]
    store.save()
    web.set_cookie("sessionid", store.session_key)
    login(web, "alice")
    assert session_cookie(web) != store.session_key
    assert not Session.objects.filter(session_key=store.session_key).exists()
    assert Session.objects.get(session_key=session_cookie(web)).get_decoded()["cart"] == [1, 2]


def test_wrong_password_shows_error_and_sends_login_failed(web):
    """A bad password re-renders the form with Django's message; user_login_failed fires."""
    from framework.contrib.auth.signals import user_login_failed

    make_user()
    received = []

    def receiver(sender, credentials, request, **kwargs):
        received.append(credentials)

    user_login_failed.connect(receiver)
    try:
        response = login(web, "alice", password="nope")
    finally:
        user_login_failed.disconnect(receiver)
    assert response.status_int == 200
    assert "Please enter a correct username and password" in response.text
    assert received == [{"username": "alice", "password": "********************"}]
    assert web.get("/whoami/").text == "anonymous"


def test_inactive_user_cannot_log_in(web):
    """An inactive user gets the same error as a wrong password (ModelBackend refuses)."""
    make_user(is_active=False)
    response = login(web, "alice")
    assert response.status_int == 200
    assert "Please enter a correct username and password" in response.text


def test_login_redirects_to_safe_next_only(web):
    """``next`` on the same host is followed; one on another host is replaced by the default."""
    make_user()
    response = login(web, "alice", next_url="/private/")
    assert response.headers["Location"].endswith("/private/")
    web.reset()
    response = login(web, "alice", next_url="https://evil.example/steal")
    assert response.headers["Location"].endswith("/accounts/profile/")
    assert "evil" not in response.headers["Location"]


def test_logout_requires_post(web):
    """GET /accounts/logout/ is refused with 405; the user stays logged in."""
    make_user()
    login(web, "alice")
    response = web.get("/accounts/logout/", expect_errors=True)
    assert response.status_int == 405
    assert web.get("/whoami/").text == "alice"


def test_logout_ends_the_session(web):
    """POST logout deletes the session row; replaying the old cookie is anonymous."""
    make_user()
    login(web, "alice")
    old_key = session_cookie(web)
    csrf = web.cookies["csrftoken"]
    response = web.post("/accounts/logout/", {"csrfmiddlewaretoken": csrf})
    assert response.status_int == 200
    assert "Logged out" in response.text
    assert not Session.objects.filter(session_key=old_key).exists()
    web.set_cookie("sessionid", old_key)
    assert web.get("/whoami/").text == "anonymous"


def test_logout_without_csrf_token_is_refused(web):
    """Logout is CSRF-protected: a POST without the token answers 403."""
    make_user()
    login(web, "alice")
    response = web.post("/accounts/logout/", {}, expect_errors=True)
    assert response.status_int == 403
    assert web.get("/whoami/").text == "alice"


# -- password change ---------------------------------------------------------------------


def test_password_change_keeps_this_session_and_ends_others(web):
    """After a password change the current session stays logged in, other sessions end."""
    import webtest

    from framework.core.handlers.wsgi import WSGIHandler

    user = make_user()
    other = webtest.TestApp(WSGIHandler(), extra_environ={"HTTP_HOST": "testserver"})
    login(other, "alice")
    assert other.get("/whoami/").text == "alice"
    login(web, "alice")
    page = web.get("/accounts/password_change/")
    form = page.forms[0]
    form["old_password"] = PASSWORD
    form["new_password1"] = "brand-new-pass-2"
    form["new_password2"] = "brand-new-pass-2"
    response = form.submit()
    assert response.status_int == 302
    assert response.headers["Location"].endswith("/accounts/password_change/done/")
    assert web.get("/whoami/").text == "alice"
    assert other.get("/whoami/").text == "anonymous"
    user.refresh_from_db()
    assert user.check_password("brand-new-pass-2")


def test_password_change_with_wrong_old_password(web):
    """A wrong old password re-renders the form with Django's message."""
    make_user()
    login(web, "alice")
    form = web.get("/accounts/password_change/").forms[0]
    form["old_password"] = "wrong"
    form["new_password1"] = "brand-new-pass-2"
    form["new_password2"] = "brand-new-pass-2"
    response = form.submit()
    assert response.status_int == 200
    assert "Your old password was entered incorrectly" in response.text


def test_password_change_requires_login(web):
    """Anonymous users are sent to the login page with ``next``."""
    response = web.get("/accounts/password_change/")
    assert response.status_int == 302
    assert response.headers["Location"].endswith("/accounts/login/?next=/accounts/password_change/")


# -- password reset ----------------------------------------------------------------------


def _request_reset(app, email):
    form = app.get("/accounts/password_reset/").forms[0]
    form["email"] = email
    return form.submit()


def test_password_reset_answers_identically_for_unknown_email(web):
    """Known and unknown addresses get the same redirect; only the known one gets mail."""
    make_user()
    known = _request_reset(web, "alice@example.com")
    unknown = _request_reset(web, "nobody@example.com")
    assert known.status_int == unknown.status_int == 302
    assert known.headers["Location"] == unknown.headers["Location"]
    assert known.headers["Location"].endswith("/accounts/password_reset/done/")
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["alice@example.com"]
    assert mail.outbox[0].subject == "Password reset on example.com"


def test_password_reset_full_flow(web):
    """The mailed link leads to a form that sets the password; the link then stops working."""
    user = make_user()
    _request_reset(web, "alice@example.com")
    link = re.search(r"http://example\.com(/accounts/reset/\S+/)", mail.outbox[0].body).group(1)
    response = web.get(link)
    # The token moves to the session: the browser is redirected to .../set-password/.
    assert response.status_int == 302
    assert response.headers["Location"].endswith("/set-password/")
    page = response.follow()
    form = page.forms[0]
    form["new_password1"] = "reset-pass-3x"
    form["new_password2"] = "reset-pass-3x"
    done = form.submit()
    assert done.headers["Location"].endswith("/accounts/reset/done/")
    user.refresh_from_db()
    assert user.check_password("reset-pass-3x")
    again = web.get(link)
    assert again.status_int == 200
    assert "The password reset link was invalid" in again.text


def test_password_reset_confirm_with_garbage_is_invalid_page(web):
    """A malformed uid or token shows the invalid-link page, never a 500."""
    response = web.get("/accounts/reset/!!!/bad-token/")
    assert response.status_int == 200
    assert "invalid" in response.text


# -- permission paths on protected views --------------------------------------------------


def test_anonymous_is_redirected_to_login(web):
    """Anonymous users: login_required, user_passes_test and the mixins redirect to login."""
    for url in ("/private/", "/staff/", "/cbv/private/", "/documents/publish/"):
        response = web.get(url)
        assert response.status_int == 302, url
        assert response.headers["Location"].endswith(f"/accounts/login/?next={url}"), url


def test_anonymous_gets_403_where_exceptions_are_raised(web):
    """permission_required(raise_exception=True) answers 403 to anonymous users too."""
    assert web.get("/documents/edit/", expect_errors=True).status_int == 403


def test_logged_in_user_passes_login_required(web):
    """A logged-in active user sees login_required pages."""
    make_user()
    login(web, "alice")
    assert web.get("/private/").text == "private for alice"
    assert web.get("/cbv/private/").text == "cbv private"


def test_inactive_user_session_is_anonymous(web):
    """A user made inactive after login is anonymous on the next request."""
    user = make_user()
    login(web, "alice")
    User.objects.filter(pk=user.pk).update(is_active=False)
    assert web.get("/whoami/").text == "anonymous"
    assert web.get("/private/").status_int == 302


def test_staff_paths(web):
    """Non-staff users are refused the staff pages; staff users see them."""
    make_user()
    make_user("bob", is_staff=True)
    login(web, "alice")
    assert web.get("/staff/").status_int == 302
    assert web.get("/cbv/staff/", expect_errors=True).status_int == 403
    web.reset()
    login(web, "bob")
    assert web.get("/staff/").text == "staff page"
    assert web.get("/cbv/staff/").text == "cbv staff"


def test_superuser_has_every_permission(web):
    """A superuser passes every permission check, global and per object."""
    User.objects.create_superuser("root", "root@example.com", PASSWORD)
    doc = Document.objects.create(title="Plan")
    login(web, "root")
    assert web.get("/documents/edit/").text == "edit documents"
    assert web.get("/documents/publish/").text == "publish documents"
    assert web.get(f"/documents/{doc.pk}/edit/").text == "editing Plan"


def test_user_and_group_global_grants(web):
    """A permission given to the user or to one of their groups opens the page."""
    alice = make_user()
    editors = Group.objects.create(name="editors")
    login(web, "alice")
    assert web.get("/documents/edit/", expect_errors=True).status_int == 403
    editors.permissions.add(
        Permission.objects.get(
            codename="change_document", content_type__app_label="contrib_testapp"
        )
    )
    alice.groups.add(editors)
    assert web.get("/documents/edit/").text == "edit documents"
    assign_perm("contrib_testapp.publish_document", alice)
    assert web.get("/documents/publish/").text == "publish documents"


def test_object_grant_and_revocation(web):
    """An object grant opens that object only; revoking it closes it again."""
    alice = make_user()
    mine = Document.objects.create(title="Mine")
    theirs = Document.objects.create(title="Theirs")
    login(web, "alice")
    assert web.get(f"/documents/{mine.pk}/edit/", expect_errors=True).status_int == 403
    assign_perm("change_document", alice, mine)
    assert web.get(f"/documents/{mine.pk}/edit/").text == "editing Mine"
    assert web.get(f"/documents/{theirs.pk}/edit/", expect_errors=True).status_int == 403
    remove_perm("change_document", alice, mine)
    assert web.get(f"/documents/{mine.pk}/edit/", expect_errors=True).status_int == 403


def test_group_object_grant(web):
    """An object grant to a group opens the object for its members."""
    alice = make_user()
    doc = Document.objects.create(title="Shared")
    team = Group.objects.create(name="team")
    alice.groups.add(team)
    login(web, "alice")
    assign_perm("contrib_testapp.change_document", team, doc)
    assert web.get(f"/documents/{doc.pk}/edit/").text == "editing Shared"


def test_templates_get_user_and_perms(web):
    """The auth context processor gives templates the request's user (login page shows it)."""
    make_user()
    login(web, "alice")
    response = web.get("/accounts/login/?next=/private/")
    assert "Your account doesn’t have access to this page" in response.text


def test_login_required_middleware(web, settings):
    """LoginRequiredMiddleware redirects anonymous users everywhere but login_not_required views."""
    settings.MIDDLEWARE = [
        *settings.MIDDLEWARE,
        "framework.contrib.auth.middleware.LoginRequiredMiddleware",
    ]
    import webtest

    from framework.core.handlers.wsgi import WSGIHandler

    web = webtest.TestApp(WSGIHandler(), extra_environ={"HTTP_HOST": "testserver"})
    response = web.get("/whoami/")
    assert response.status_int == 302
    assert response.headers["Location"].endswith("/accounts/login/?next=/whoami/")
    assert web.get("/accounts/login/").status_int == 200
    assert web.get("/accounts/password_reset/").status_int == 200
    make_user()
    login(web, "alice")
    assert web.get("/whoami/").text == "alice"


def test_remote_user_middleware(web, settings):
    """RemoteUserMiddleware logs in the user Apache authenticated (REMOTE_USER)."""
    settings.MIDDLEWARE = [
        *settings.MIDDLEWARE,
        "framework.contrib.auth.middleware.RemoteUserMiddleware",
    ]
    settings.AUTHENTICATION_BACKENDS = ["framework.contrib.auth.backends.RemoteUserBackend"]
    import webtest

    from framework.core.handlers.wsgi import WSGIHandler

    app = webtest.TestApp(WSGIHandler(), extra_environ={"HTTP_HOST": "testserver"})
    assert app.get("/whoami/", extra_environ={"REMOTE_USER": "apacheuser"}).text == "apacheuser"
    assert User.objects.filter(username="apacheuser").exists()
    # Without the variable the remote user is logged out again.
    assert app.get("/whoami/").text == "anonymous"


def test_secret_key_rotation_keeps_sessions_with_fallbacks(web, settings):
    """A new SECRET_KEY ends logged-in sessions unless the old key is in SECRET_KEY_FALLBACKS."""
    make_user()
    login(web, "alice")
    old_key = settings.SECRET_KEY
    settings.SECRET_KEY = "a-brand-new-secret-key-for-rotation-tests"
    settings.SECRET_KEY_FALLBACKS = [old_key]
    assert web.get("/whoami/").text == "alice"
    settings.SECRET_KEY_FALLBACKS = []
    assert web.get("/whoami/").text == "alice"  # re-signed with the new key on the last request
    settings.SECRET_KEY = "yet-another-secret-key-without-fallbacks"
    assert web.get("/whoami/").text == "anonymous"
