"""The default error views: project templates first, built-in pages otherwise."""

from __future__ import annotations

import pytest

from framework.core.exceptions import BadRequest, DisallowedHost, PermissionDenied
from framework.http import Http404
from framework.template.exceptions import TemplateDoesNotExist
from framework.views import defaults
from tests.handlers.support import make_request
from tests.views.conftest import HERE, templates_setting


@pytest.fixture
def no_templates(settings):
    settings.TEMPLATES = []


@pytest.fixture
def project_templates(settings):
    settings.TEMPLATES = templates_setting(HERE / "error_templates")


def test_builtin_pages(no_templates):
    """Without templates each view renders its built-in page with the right status."""
    request = make_request("/missing/")
    cases = [
        (defaults.bad_request(request, BadRequest("bad")), 400, "Bad Request"),
        (defaults.permission_denied(request, PermissionDenied()), 403, "Forbidden"),
        (defaults.page_not_found(request, Http404("x")), 404, "Not Found"),
        (defaults.server_error(request), 500, "Server Error"),
    ]
    for response, status, title in cases:
        assert response.status_code == status
        text = response.content.decode()
        assert f"<title>{title}</title>" in text
        assert text.startswith("<!doctype html>")


def test_builtin_pages_without_any_template_setting(settings):
    """The built-in pages render even when TEMPLATES is left at its default."""
    del settings.TEMPLATES
    response = defaults.server_error(make_request("/"))
    assert response.status_code == 500


def test_bad_request_reason_is_client_safe(no_templates):
    """The 400 page says why without echoing the exception's internals."""
    request = make_request("/")
    exc = DisallowedHost("Invalid HTTP_HOST header: 'x'. You may need to add 'x'.")
    text = defaults.bad_request(request, exc).content.decode()
    assert "Host header of the request is not allowed" in text
    assert "You may need to add" not in text


def test_project_templates_are_used(project_templates):
    """400/403/404/500.html from the project's templates replace the built-in pages."""
    request = make_request("/some/path/")
    not_found = defaults.page_not_found(request, Http404("No thing here"))
    assert not_found.content.decode().strip() == (
        "<p>Project 404 for /some/path/: No thing here</p>"
    )
    assert "Project 500 page" in defaults.server_error(request).content.decode()
    assert (
        "Project 403 page: nope"
        in defaults.permission_denied(request, PermissionDenied("nope")).content.decode()
    )
    bad = defaults.bad_request(request, BadRequest("wrong page number"))
    assert "Project 400 page: wrong page number" in bad.content.decode()


def test_page_not_found_hides_resolver_dict(project_templates):
    """A Resolver404's dict argument is not shown; its class name is."""
    from framework.urls import Resolver404

    request = make_request("/x/")
    response = defaults.page_not_found(request, Resolver404({"tried": [], "path": "x/"}))
    assert response.content.decode().strip() == "<p>Project 404 for /x/: Resolver404</p>"


def test_missing_custom_template_name_raises(project_templates):
    """A custom template_name that does not exist is an error, as in Django."""
    with pytest.raises(TemplateDoesNotExist):
        defaults.server_error(make_request("/"), template_name="nope.html")


def test_project_404_through_the_handler(make_app):
    """A project 404.html is used by the handler for unmatched URLs (DEBUG off)."""
    app = make_app(TEMPLATES=templates_setting(HERE / "error_templates"))
    response = app.get("/does-not-exist/", status=404)
    assert "Project 404 for /does-not-exist/" in response.text
