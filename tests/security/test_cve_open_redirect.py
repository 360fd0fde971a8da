"""Open-redirect advisories (CVE-2018-14574, CVE-2017-7233 class): ``next=`` on the admin
login, the auth login and logout views never sends the browser to another host."""

from __future__ import annotations

from urllib.parse import quote, urlsplit

import pytest

from framework.utils.http import url_has_allowed_host_and_scheme
from tests.admin.conftest import PASSWORD, make_user

HOSTILE_NEXT = [
    "//evil.com",
    "///evil.com",
    "\\\\evil.com",
    "/\\evil.com",
    "\\/evil.com",
    "https:evil.com",
    "http:/evil.com",
    "https://evil.com",
    "javascript:alert(1)",
    "JavaScript:alert(1)",
    " //evil.com",
    "\t//evil.com",
    "//evil.com%2f..",
    "http://testserver@evil.com",
    "http://evil.com\\@testserver",
    "//\x00evil.com",
    "/\t/evil.com",
    "https://testserver.evil.com",
]


def _stays_home(location: str) -> bool:
    parts = urlsplit(location.strip())
    return parts.netloc in ("", "testserver") and parts.scheme in ("", "http", "https")


@pytest.mark.parametrize("target", HOSTILE_NEXT)
def test_cve_2018_14574_url_has_allowed_host_and_scheme(target):
    """The shared guard refuses every hostile target."""
    assert not url_has_allowed_host_and_scheme(target, allowed_hosts={"testserver"})


def test_cve_2018_14574_safe_targets_are_kept():
    """Same-site paths and absolute URLs on the allowed host pass."""
    for target in ("/admin/", "/a/?b=//c", "http://testserver/x/"):
        assert url_has_allowed_host_and_scheme(target, allowed_hosts={"testserver"})


@pytest.mark.parametrize("login_url", ["/admin/login/", "/accounts/login/"])
def test_cve_2018_14574_open_redirect_via_login_next(sweb, login_url):
    """After logging in, a hostile next= falls back to the default page on this host."""
    make_user("root", superuser=True)
    for target in HOSTILE_NEXT:
        sweb.reset()
        page = sweb.get(f"{login_url}?next={quote(target)}")
        form = page.forms["login-form"] if "login-form" in page.forms else page.forms[0]
        form["username"] = "root"
        form["password"] = PASSWORD
        response = form.submit(expect_errors=True)
        assert response.status_int == 302, (target, response.status_int)
        assert _stays_home(response.headers["Location"]), (target, response.headers["Location"])


@pytest.mark.parametrize("logout_url", ["/admin/logout/", "/accounts/logout/"])
def test_cve_2018_14574_open_redirect_via_logout_next(sweb, logout_url):
    """Logging out with a hostile next= never redirects to it."""
    from framework.test.sessions import login_session

    root = make_user("root", superuser=True)
    for target in HOSTILE_NEXT:
        sweb.reset()
        sweb.set_cookie(
            "sessionid",
            login_session(root, "framework.contrib.auth.backends.ModelBackend").session_key,
        )
        token = sweb.get("/admin/").forms["logout-form"]["csrfmiddlewaretoken"].value
        response = sweb.post(
            f"{logout_url}?next={quote(target)}",
            {"csrfmiddlewaretoken": token, "next": target},
            expect_errors=True,
        )
        assert response.status_int in (200, 302), (target, response.status_int)
        if response.status_int == 302:
            assert _stays_home(response.headers["Location"]), (target, response.headers)
