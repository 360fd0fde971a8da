"""RequestFactory and Client: Django's API, run in-process through the real handler."""

from __future__ import annotations

import io

import pytest

from framework.test import Client, RequestFactory, SimpleTestCase, override_settings
from framework.test.client import RedirectCycleError

pytestmark = pytest.mark.usefixtures("testkit_site")


def test_request_factory_builds_requests():
    """RequestFactory.get/post return WSGIRequests with the path, query and form data."""
    rf = RequestFactory(headers={"X-Custom": "v"})
    request = rf.get("/echo/", {"q": ["a", "b"]})
    assert request.method == "GET"
    assert request.path == "/echo/"
    assert request.GET.getlist("q") == ["a", "b"]
    assert request.headers["X-Custom"] == "v"
    assert request.get_host() == "testserver"
    post = rf.post("/echo/", {"name": "value"})
    assert post.POST["name"] == "value"
    assert rf.get("/echo/", secure=True).is_secure()


def test_get_data_and_query_params_are_exclusive():
    """Passing both data and query_params to get() is a ValueError."""
    with pytest.raises(ValueError, match="mutually exclusive"):
        RequestFactory().get("/", {"a": 1}, query_params={"b": 2})


def test_client_get_with_query_params_and_headers():
    """query_params become the query string, headers reach request.headers."""
    client = Client()
    data = client.get("/echo/", query_params={"x": 1}, headers={"X-Custom": "yes"}).json()
    assert data["GET"] == {"x": ["1"]}
    assert data["x_custom"] == "yes"
    assert data["host"] == "testserver"


def test_client_post_multipart_with_file():
    """post() encodes a dict as multipart form data, including files and lists."""
    upload = io.BytesIO(b"file content")
    upload.name = "notes.txt"
    data = Client().post("/echo/", {"a": "1", "many": ["x", "y"], "doc": upload}).json()
    assert data["POST"] == {"a": ["1"], "many": ["x", "y"]}
    assert data["FILES"] == {"doc": "file content"}
    assert data["content_type"].startswith("multipart/form-data")


def test_client_post_none_value_is_rejected():
    """None has no form encoding: a TypeError names the key."""
    with pytest.raises(TypeError, match="Cannot encode None for key 'a'"):
        Client().post("/echo/", {"a": None})


@pytest.mark.parametrize("method", ["put", "patch", "delete", "post"])
def test_client_json_bodies(method):
    """A dict sent with content_type='application/json' is encoded as JSON."""
    response = getattr(Client(), method)("/echo/", {"k": [1, 2]}, content_type="application/json")
    data = response.json()
    assert data["method"] == method.upper()
    assert data["body"] == '{"k": [1, 2]}'


def test_client_other_methods():
    """head, options and trace reach the view with their method."""
    client = Client()
    assert client.head("/echo/").status_code == 200
    assert client.options("/echo/").json()["method"] == "OPTIONS"
    assert client.trace("/echo/").json()["method"] == "TRACE"


def test_response_records_templates_and_context():
    """Rendered templates (an included one too) and the context are on the response."""
    response = Client().get("/page/", {"title": "Hello"})
    assert [t.name for t in response.templates] == ["testkit/page.html", "testkit/part.html"]
    assert response.context["title"] == "Hello"
    assert response.resolver_match.url_name == "page"
    assert response.wsgi_request.path == "/page/"
    assert response.request["PATH_INFO"] == "/page/"


def test_follow_redirects_records_chain():
    """follow=True follows redirects and lists them in redirect_chain."""
    response = Client().get("/redirect/302/", {"to": "/redirect/301/"}, follow=True)
    assert response.status_code == 200
    assert response.redirect_chain == [("/redirect/301/", 302), ("/echo/", 301)]


def test_follow_307_repeats_method_and_body():
    """A 307 redirect is followed with the same method and body."""
    response = Client().post("/redirect/307/", {"a": "1"}, follow=True)
    assert response.json()["method"] == "POST"
    assert response.json()["POST"] == {"a": ["1"]}


def test_redirect_loop_is_detected():
    """A redirect loop raises RedirectCycleError instead of looping forever."""
    with pytest.raises(RedirectCycleError, match="Redirect loop"):
        Client().get("/loop/", follow=True)


def test_cookies_kept_and_deleted():
    """Cookies set by responses are sent back; a deleted cookie is forgotten."""
    client = Client()
    client.get("/cookie/set/", {"value": "ginger"})
    assert client.get("/echo/").json()["cookies"] == {"flavour": "ginger"}
    client.get("/cookie/delete/")
    assert "flavour" not in client.get("/echo/").json()["cookies"]


def test_view_exception_is_raised_or_returned():
    """A view's exception propagates by default; with raise_request_exception=False
    the 500 response comes back."""
    with pytest.raises(ValueError, match="boom from the view"):
        Client().get("/boom/")
    response = Client(raise_request_exception=False).get("/boom/")
    assert response.status_code == 500


def test_json_refuses_other_content_types():
    """json() on a non-JSON response is a ValueError naming the content type."""
    with pytest.raises(ValueError, match="text/html"):
        Client().get("/page/").json()
    assert Client().get("/json/").json() == [1, 2]


def test_secure_requests():
    """secure=True makes an https request."""
    assert Client().get("/echo/", secure=True).json()["secure"] is True


def test_session_with_signed_cookies(settings):
    """client.session is the SESSION_ENGINE store, saved with its cookie."""
    settings.SESSION_ENGINE = "framework.contrib.sessions.backends.file"
    import tempfile

    settings.SESSION_FILE_PATH = tempfile.mkdtemp()
    client = Client()
    session = client.session
    session["k"] = "v"
    session.save()
    assert client.session["k"] == "v"
    assert client.cookies["sessionid"].value == session.session_key


def test_enforce_csrf_checks(settings):
    """The client skips CSRF checks by default; enforce_csrf_checks=True makes an
    unsafe request without a token fail with 403."""
    settings.MIDDLEWARE = ["framework.middleware.csrf.CsrfViewMiddleware"]
    assert Client().post("/echo/", {"a": "1"}).status_code == 200
    assert Client(enforce_csrf_checks=True).post("/echo/", {"a": "1"}).status_code == 403


def test_context_and_templates_cover_extends_imports_and_includes():
    """Every template rendered for the request is on the response, each with a context."""
    response = Client().get("/layered/")
    assert response.status_code == 200
    assert b'<span class="badge">Layers</span>' in response.content
    assert b"<i>deep</i>" in response.content
    names = [t.name for t in response.templates]
    assert names[0] == "testkit/child.html"
    assert sorted(names[1:]) == [
        "testkit/base.html",
        "testkit/inner.html",
        "testkit/macros.html",
        "testkit/part.html",
    ]
    assert len(response.context) == len(names)
    contexts = dict(zip(names, response.context, strict=True))
    # The extended base shares its child's context; includes get their own.
    assert contexts["testkit/base.html"]["site"] == "example"
    assert contexts["testkit/part.html"]["title"] == "Layers"
    assert contexts["testkit/inner.html"]["inner"] == "deep"
    # The ContextList looks a key up through every template's context.
    assert response.context["inner"] == "deep"
    assert response.context["title"] == "Layers"
    assert "inner" in response.context.keys()


class TestIncludedTemplatesSeen(SimpleTestCase):
    def test_assert_template_used_sees_included_and_base(self):
        with override_settings(ROOT_URLCONF="tests.testkit.urls"):
            response = Client().get("/layered/")
        self.assertTemplateUsed(response, "testkit/base.html")
        self.assertTemplateUsed(response, "testkit/inner.html", count=1)
        self.assertTemplateNotUsed(response, "testkit/page.html")
        with self.assertTemplateUsed("testkit/part.html"):
            Client().get("/layered/")
