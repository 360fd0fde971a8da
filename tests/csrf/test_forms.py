"""A Jinja2 form with ``csrf_input``, submitted through the middleware as a browser would."""

from __future__ import annotations

from pathlib import Path

import pytest

from framework.middleware.csrf import _unmask_cipher_token

TEMPLATES = [
    {
        "BACKEND": "framework.template.backends.jinja2.Jinja2",
        "DIRS": [str(Path(__file__).parent / "templates")],
        "APP_DIRS": False,
        "OPTIONS": {},
    }
]


@pytest.fixture
def form_app(make_app):
    return make_app(TEMPLATES=TEMPLATES)


def test_rendered_form_submits(form_app):
    """The form's hidden field holds a token of the cookie set with the page; submitting works."""
    page = form_app.get("/form/")
    field = page.forms["form"]["csrfmiddlewaretoken"].value
    assert _unmask_cipher_token(field) == form_app.cookies["csrftoken"]
    response = page.forms["form"].submit()
    assert response.text == "accepted POST"


def test_form_without_cookie_is_refused(form_app):
    """The same form submitted by a client that dropped the cookie gets the 403 page."""
    page = form_app.get("/form/")
    form_app.reset()
    response = page.forms["form"].submit(expect_errors=True)
    assert response.status_code == 403


def test_project_403_csrf_template(form_app):
    """A project template named 403_csrf.html replaces the built-in page."""
    response = form_app.post("/accept/", expect_errors=True)
    assert response.status_code == 403
    assert response.text.strip() == "project page: CSRF cookie not set. no_cookie=True"
