"""View, TemplateView and RedirectView."""

from __future__ import annotations

import pytest

from framework.core.exceptions import ImproperlyConfigured
from framework.views import View
from framework.views.generic import RedirectView, TemplateView
from tests.handlers.support import make_request
from tests.views import views


def test_dispatch_by_method(make_app):
    """GET and POST go to get() and post(); URL kwargs reach the method."""
    app = make_app()
    assert app.get("/greet/").text == "hello world"
    assert app.get("/greet/ada/").text == "hello ada"
    assert app.post("/greet/").text == "posted"


def test_head_falls_back_to_get(make_app):
    """HEAD uses get() when the view has no head()."""
    response = make_app().head("/greet/")
    assert response.status_int == 200


def test_method_not_allowed(make_app, caplog):
    """An unsupported method is a 405 with an Allow header of the methods defined."""
    response = make_app().delete("/greet/", status=405)
    assert set(response.headers["Allow"].split(", ")) == {"GET", "POST", "HEAD", "OPTIONS"}
    assert "Method Not Allowed (DELETE): /greet/" in caplog.text


@pytest.mark.filterwarnings("ignore:Unknown REQUEST_METHOD")
def test_unknown_method_is_405(make_app):
    """A method outside http_method_names is a 405 too."""
    response = make_app().request("/greet/", method="BREW", expect_errors=True)
    assert response.status_int == 405


def test_options(make_app):
    """OPTIONS answers 200 with Allow and an empty body."""
    response = make_app().options("/greet/")
    assert response.status_int == 200
    assert "GET" in response.headers["Allow"]
    assert response.headers["Content-Length"] == "0"


def test_as_view_initkwargs(make_app):
    """as_view(**initkwargs) sets attributes on each instance."""
    assert make_app().get("/bonjour/").text == "bonjour world"


def test_as_view_rejects_method_names_and_unknown_attributes():
    """as_view refuses HTTP method names and attributes the class does not have."""
    with pytest.raises(TypeError, match="The method name get is not accepted"):
        views.Greeting.as_view(get="x")
    with pytest.raises(TypeError, match=r"Greeting\(\) received an invalid keyword 'colour'"):
        views.Greeting.as_view(colour="red")


def test_as_view_attributes():
    """The view function exposes view_class and view_initkwargs."""
    view = views.Greeting.as_view(greeting="hi")
    assert view.view_class is views.Greeting
    assert view.view_initkwargs == {"greeting": "hi"}
    assert view.__doc__ == views.Greeting.__doc__


def test_setup_must_call_super():
    """Overriding setup() without super() raises a helpful AttributeError."""

    class Broken(View):
        def setup(self, request, *args, **kwargs):
            pass

        def get(self, request):
            return None

    with pytest.raises(AttributeError, match="Did you override setup"):
        Broken.as_view()(make_request("/"))


def test_template_view(make_app):
    """TemplateView renders template_name with URL kwargs, view and extra_context."""
    response = make_app().get("/page/ada/")
    assert response.text.strip() == "Hello ada from Page (more)"


def test_template_view_without_template_name():
    """TemplateView without template_name raises ImproperlyConfigured."""
    view = TemplateView()
    with pytest.raises(ImproperlyConfigured, match="requires either a definition"):
        view.get_template_names()


def test_template_response_class_is_lazy():
    """response_class resolves to the template layer's TemplateResponse."""
    from framework.template.response import TemplateResponse

    assert TemplateView.response_class is TemplateResponse


def test_redirect_view_url(make_app):
    """RedirectView formats url with the URL kwargs; 302 by default."""
    response = make_app().get("/redirect/42/", status=302)
    assert response.headers["Location"] == "/target/42/"


def test_redirect_view_permanent_with_query_string(make_app):
    """permanent gives a 301; query_string keeps the query string."""
    response = make_app().get("/redirect-permanent/?a=1&b=2", status=301)
    assert response.headers["Location"] == "/target/?a=1&b=2"


def test_redirect_view_drops_query_string_by_default(make_app):
    """Without query_string the query string is dropped."""
    response = make_app().get("/redirect/1/?a=1", status=302)
    assert response.headers["Location"] == "/target/1/"


def test_redirect_view_pattern_name(make_app):
    """pattern_name reverses the named URL with the same arguments."""
    response = make_app().get("/redirect-pattern/ada/", status=302)
    assert response.headers["Location"] == "/greet/ada/"


def test_redirect_view_gone(make_app):
    """Without url or pattern_name the answer is 410 Gone."""
    make_app().get("/gone/", status=410)


def test_redirect_view_other_methods(make_app):
    """POST, PUT, PATCH, DELETE and OPTIONS redirect too."""
    app = make_app()
    assert app.post("/redirect/3/", status=302).headers["Location"] == "/target/3/"
    assert app.delete("/redirect/3/", status=302).headers["Location"] == "/target/3/"
    assert app.options("/redirect/3/", status=302).headers["Location"] == "/target/3/"


def test_redirect_view_is_a_view():
    """RedirectView is a View subclass with Django's defaults."""
    assert issubclass(RedirectView, View)
    assert RedirectView.permanent is False
    assert RedirectView.query_string is False


def test_as_view_only_on_the_class():
    """as_view() called on an instance raises AttributeError."""
    with pytest.raises(AttributeError, match="only on the class"):
        views.Greeting().as_view()
