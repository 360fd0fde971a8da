"""CSRF on every admin POST route x forged-token kinds, session rotation at login, logout
and password change, and password reset answering alike for known and unknown emails."""

from __future__ import annotations

import pytest
import webtest

from framework.contrib.sessions.models import Session
from framework.core.handlers.wsgi import WSGIHandler
from framework.test.sessions import login_session
from tests.admin.conftest import PASSWORD, login, make_user
from tests.admin.shop.models import Author, Publisher

MODEL = "framework.contrib.auth.backends.ModelBackend"


def _routes(author: Author, publisher: Publisher) -> dict:
    return {
        "login": ("/admin/login/", {"username": "root", "password": PASSWORD}),
        "logout": ("/admin/logout/", {}),
        "add": ("/admin/shop/author/add/", {"name": "X"}),
        "change": (f"/admin/shop/author/{author.pk}/change/", {"name": "X"}),
        "delete": (f"/admin/shop/author/{author.pk}/delete/", {"post": "yes"}),
        "action": (
            "/admin/shop/author/",
            {"action": "delete_selected", "_selected_action": str(author.pk), "post": "yes"},
        ),
        "permissions": (
            f"/admin/shop/publisher/{publisher.pk}/permissions/",
            {"target": "user:1", "perm": "view", "op": "grant"},
        ),
        "password_change": (
            "/admin/password_change/",
            {
                "old_password": PASSWORD,
                "new_password1": "n3w-Pass!x",
                "new_password2": "n3w-Pass!x",
            },
        ),
        "restore": (f"/admin/shop/author/{author.pk}/history/1/restore/", {}),
    }


FORGERIES = [
    "none",
    "wrong",
    "other_session",
    "bad_origin",
    "bad_referer_https",
    "no_referer_https",
]


@pytest.mark.parametrize("forgery", FORGERIES)
def test_cve_admin_post_routes_refuse_forged_csrf(sweb, forgery):
    """Every admin POST route answers 403 to a forged request and changes nothing."""
    author = Author.objects.create(name="Frank")
    publisher = Publisher.objects.create(name="Pub")
    root = make_user("root", superuser=True)
    sweb.set_cookie("sessionid", login_session(root, MODEL).session_key)
    good = sweb.get("/admin/").forms["logout-form"]["csrfmiddlewaretoken"].value
    other = webtest.TestApp(WSGIHandler(), extra_environ={"HTTP_HOST": "testserver"})
    other_token = other.get("/admin/login/").forms["login-form"]["csrfmiddlewaretoken"].value
    token = {"none": None, "wrong": "x" * 64, "other_session": other_token}.get(forgery, good)
    environ = {}
    if forgery == "bad_origin":
        environ["HTTP_ORIGIN"] = "https://evil.com"
    if forgery.endswith("_https"):
        environ["wsgi.url_scheme"] = "https"
        if forgery == "bad_referer_https":
            environ["HTTP_REFERER"] = "https://evil.com/admin/"
    sessions = Session.objects.count()
    for name, (url, data) in _routes(author, publisher).items():
        if token is not None:
            data = {**data, "csrfmiddlewaretoken": token}
        response = sweb.post(url, data, extra_environ=environ, expect_errors=True)
        assert response.status_int == 403, (name, forgery, response.status_int)
    assert Author.objects.filter(pk=author.pk, name="Frank").exists()
    assert Session.objects.count() == sessions
    root.refresh_from_db()
    assert root.check_password(PASSWORD)


def test_cve_admin_csrf_unmasked_secret_and_good_https_referer_are_accepted(sweb):
    """The unmasked cookie secret (Django accepts it) and a same-origin HTTPS Referer pass."""
    author = Author.objects.create(name="Frank")
    root = make_user("root", superuser=True)
    sweb.set_cookie("sessionid", login_session(root, MODEL).session_key)
    sweb.get("/admin/")
    secret = sweb.cookies["csrftoken"]
    assert len(secret) == 32
    url = f"/admin/shop/author/{author.pk}/delete/"
    https = {"wsgi.url_scheme": "https", "HTTP_REFERER": "https://testserver/admin/"}
    response = sweb.post(url, {"csrfmiddlewaretoken": secret, "post": "yes"}, extra_environ=https)
    assert response.status_int == 302
    assert not Author.objects.filter(pk=author.pk).exists()
    unmasked_other = "a" * 32
    response = sweb.post(
        "/admin/shop/author/add/", {"csrfmiddlewaretoken": unmasked_other}, expect_errors=True
    )
    assert response.status_int == 403


def test_session_rotated_at_login_and_dead_after_logout(sweb):
    """Login issues a new session key; after logout the old key no longer authenticates."""
    make_user("root", superuser=True)
    sweb.get("/admin/login/")
    sweb.app  # noqa: B018 - the app must exist before cookies are read
    before = sweb.cookies.get("sessionid")
    assert login(sweb, "root").status_int == 302
    after = sweb.cookies["sessionid"]
    assert after != before
    token = sweb.get("/admin/").forms["logout-form"]["csrfmiddlewaretoken"].value
    sweb.post("/admin/logout/", {"csrfmiddlewaretoken": token})
    replay = webtest.TestApp(WSGIHandler(), extra_environ={"HTTP_HOST": "testserver"})
    replay.set_cookie("sessionid", after)
    response = replay.get("/admin/", expect_errors=True)
    assert response.status_int == 302 and "/admin/login/" in response.headers["Location"]


def test_fixation_session_key_is_not_kept_at_login(sweb):
    """A session key planted before login is replaced at login."""
    make_user("root", superuser=True)
    planted = login_session(make_user("other", staff=False), MODEL).session_key
    sweb.set_cookie("sessionid", planted)
    assert login(sweb, "root").status_int == 302
    assert sweb.cookies["sessionid"] != planted


def test_password_change_ends_other_sessions(sweb):
    """Changing the password keeps the current session and ends the user's other sessions."""
    root = make_user("root", superuser=True)
    elsewhere = webtest.TestApp(WSGIHandler(), extra_environ={"HTTP_HOST": "testserver"})
    elsewhere.set_cookie("sessionid", login_session(root, MODEL).session_key)
    assert elsewhere.get("/admin/").status_int == 200
    login(sweb, "root")
    form = sweb.get("/admin/password_change/").forms[1]
    form["old_password"] = PASSWORD
    form["new_password1"] = form["new_password2"] = "An0ther-long-pass"
    assert form.submit().status_int == 302
    assert sweb.get("/admin/").status_int == 200
    response = elsewhere.get("/admin/", expect_errors=True)
    assert response.status_int == 302 and "/admin/login/" in response.headers["Location"]


def test_password_reset_answers_alike_for_known_and_unknown_emails(sweb):
    """Known and unknown emails get the same status, redirect and page; one mail is sent."""
    from framework.core import mail

    make_user("root", superuser=True)
    answers = []
    for email in ("root@example.com", "nobody@example.com"):
        page = sweb.get("/accounts/password_reset/")
        form = page.forms[0] if "email" in page.forms[0].fields else page.forms[1]
        form["email"] = email
        response = form.submit()
        answers.append((response.status_int, response.headers.get("Location")))
    assert answers[0] == answers[1]
    assert [m.to for m in mail.outbox] == [["root@example.com"]]
    assert "://example.com/accounts/reset/" in mail.outbox[0].body  # the Site's domain


@pytest.mark.parametrize("host", ["evil.com", "testserver.evil.com", "evil.com:80"])
def test_cve_2012_4520_password_reset_ignores_poisoned_host(sweb, host):
    """A reset request with a disallowed Host is refused (400, or 403 as the browser sends no
    cookie to that host) and sends no mail; an allowed Host with a poisoned X-Forwarded-Host
    still links to the Site's domain."""
    from framework.core import mail

    make_user("root", superuser=True)
    page = sweb.get("/accounts/password_reset/")
    token = sweb.cookies["csrftoken"]
    data = {"email": "root@example.com", "csrfmiddlewaretoken": token}
    response = sweb.post(
        "/accounts/password_reset/", data, extra_environ={"HTTP_HOST": host}, expect_errors=True
    )
    assert response.status_int in (400, 403)
    assert mail.outbox == []
    response = sweb.post(
        "/accounts/password_reset/",
        data,
        extra_environ={"HTTP_X_FORWARDED_HOST": host},
    )
    assert response.status_int == 302
    assert len(mail.outbox) == 1 and "evil" not in mail.outbox[0].body
    assert page.status_int == 200
