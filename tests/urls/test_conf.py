"""path(), re_path(), include(): accepted forms and the errors raised at definition."""

from __future__ import annotations

import types

import pytest

from framework.core.exceptions import ImproperlyConfigured
from framework.urls import (
    Resolver404,
    URLPattern,
    URLResolver,
    include,
    path,
    re_path,
    resolve,
    reverse,
)
from tests.urls import views


def urlconf(*patterns, **attrs):
    module = types.ModuleType("generated_urlconf")
    module.urlpatterns = list(patterns)
    for name, value in attrs.items():
        setattr(module, name, value)
    return module


def test_path_returns_urlpattern_or_resolver():
    """path() with a view gives a URLPattern, with include() a URLResolver."""
    assert isinstance(path("a/", views.empty_view), URLPattern)
    assert isinstance(path("a/", include([path("b/", views.empty_view)])), URLResolver)


def test_include_forms():
    """include() takes a dotted path, a module, a list, or a (patterns, app_name) tuple."""
    import tests.urls.included_plain as plain_module

    patterns = [path("x/", views.empty_view, name="x")]
    assert include("tests.urls.included_plain") == (plain_module, None, None)
    assert include(plain_module) == (plain_module, None, None)
    assert include(patterns) == (patterns, None, None)
    assert include((patterns, "app")) == (patterns, "app", "app")
    assert include((patterns, "app"), namespace="inst") == (patterns, "app", "inst")
    module, app_name, namespace = include("tests.urls.included_app", namespace="other")
    assert (module.__name__, app_name, namespace) == ("tests.urls.included_app", "polls", "other")


def test_include_module_object_resolves_and_reverses():
    """A module object (not its dotted path) works as include() argument."""
    inner = urlconf(path("leaf/", views.empty_view, name="leaf"), app_name="mod")
    root = urlconf(path("m/", include(inner)))
    assert resolve("/m/leaf/", urlconf=root).view_name == "mod:leaf"
    assert reverse("mod:leaf", urlconf=root) == "/m/leaf/"


def test_namespace_without_app_name_is_improperly_configured():
    """namespace= needs an app_name; the message says how to give one."""
    with pytest.raises(ImproperlyConfigured) as info:
        include("tests.urls.included_plain", namespace="plain")
    message = str(info.value)
    assert "Specifying a namespace ('plain') in include() without providing an app_name" in message
    assert (
        "Set the app_name attribute in the included module 'tests.urls.included_plain'" in message
    )
    assert "2-tuple containing the list of patterns and app_name" in message
    with pytest.raises(ImproperlyConfigured):
        include([path("x/", views.empty_view)], namespace="x")


def test_include_tuple_of_wrong_length():
    """Only 2-tuples are accepted; a 3-tuple explains the supported form."""
    patterns = [path("x/", views.empty_view)]
    with pytest.raises(ImproperlyConfigured, match="Passing a 3-tuple to include()"):
        include((patterns, "app", "ns"))
    with pytest.raises(ImproperlyConfigured, match="Cannot override the namespace"):
        include((patterns, "app", "ns"), namespace="other")


def test_include_of_a_list_with_a_non_pattern():
    """A list entry that is not path()/re_path() fails at include() time."""
    with pytest.raises(ImproperlyConfigured, match=r"Your URL pattern 'oops' .* is invalid"):
        include([path("x/", views.empty_view), "oops"])


def test_urlconf_without_urlpatterns():
    """A URLconf whose urlpatterns is not iterable names the module and a likely cause."""
    broken = types.ModuleType("broken")
    broken.urlpatterns = None
    with pytest.raises(ImproperlyConfigured, match="does not appear to have any patterns"):
        resolve("/x/", urlconf=broken)


def test_views_given_as_strings_are_refused():
    """A dotted-path string as view is a TypeError naming the route."""
    with pytest.raises(TypeError, match=r"view must be a callable .*'tests.urls.views.x'.*'a/'"):
        path("a/", "tests.urls.views.x")


def test_class_based_view_without_as_view():
    """A view class (or instance) instead of as_view() says to call as_view()."""

    class MyView:
        @classmethod
        def as_view(cls):
            return lambda request: None

    with pytest.raises(TypeError, match=r"pass MyView.as_view\(\), not MyView"):
        path("a/", MyView)
    with pytest.raises(TypeError, match=r"pass MyView.as_view\(\), not MyView\(\)"):
        path("a/", MyView())


def test_route_must_be_a_string():
    """Swapped arguments (view first) fail with a TypeError showing the right order."""
    with pytest.raises(TypeError, match="route must be a str or Promise, not function"):
        path(views.empty_view, "a/")


def test_lazy_route_is_accepted():
    """A lazy string (e.g. a translated route) is a valid route."""
    from framework.utils.functional import lazy

    route = lazy(lambda: "lazy/", str)()
    root = urlconf(path(route, views.empty_view, name="lazy"))
    assert resolve("/lazy/", urlconf=root).url_name == "lazy"
    assert reverse("lazy", urlconf=root) == "/lazy/"


def test_kwargs_must_be_a_dict():
    """The third argument of path() must be a dict."""
    with pytest.raises(TypeError, match="kwargs argument must be a dict, but got str"):
        path("a/", views.empty_view, "name")


@pytest.mark.parametrize(
    ("route", "message"),
    [
        ("a/<foo:x>/", "URL route 'a/<foo:x>/' uses invalid converter 'foo'"),
        ("a/<int:pk", "URL route 'a/<int:pk' contains an unmatched '<' or '>'"),
        ("a/int:pk>/", "URL route 'a/int:pk>/' contains an unmatched '<' or '>'"),
        ("a/<int:1x>/", "URL route 'a/<int:1x>/' uses parameter name '1x' which isn't a valid"),
        ("a/<int: x>/", "URL route 'a/<int: x>/' cannot contain whitespace in angle brackets"),
        ("<int:x>/<str:x>/", "URL route '<int:x>/<str:x>/' uses parameter name 'x' twice"),
    ],
)
def test_invalid_routes_fail_at_definition(route, message):
    """Malformed routes raise ImproperlyConfigured naming the route when defined."""
    with pytest.raises(ImproperlyConfigured) as info:
        path(route, views.empty_view)
    assert message in str(info.value)


def test_invalid_regex_fails_at_definition():
    """A re_path() regex that does not compile names the regex."""
    with pytest.raises(ImproperlyConfigured, match=r"'\^a/\(\?P<x>' is not a valid regular"):
        re_path(r"^a/(?P<x>", views.empty_view)


def test_route_without_converter_name_defaults_to_str():
    """<name> is <str:name>."""
    root = urlconf(path("u/<name>/", views.empty_view, name="u"))
    assert resolve("/u/bob/", urlconf=root).kwargs == {"name": "bob"}
    with pytest.raises(Resolver404):
        resolve("/u/a/b/", urlconf=root)


def test_route_with_regex_characters_is_literal():
    """Dots, pluses and brackets in a route are literal text, in both directions."""
    root = urlconf(path("v1.0/a+b/(x)/", views.empty_view, name="lit"))
    assert resolve("/v1.0/a+b/(x)/", urlconf=root).url_name == "lit"
    with pytest.raises(Resolver404):
        resolve("/v1x0/a+b/(x)/", urlconf=root)
    assert reverse("lit", urlconf=root) == "/v1.0/a+b/(x)/"


def test_joined_prefix_and_pattern_sharing_a_parameter_name():
    """An include prefix and an inner route with the same parameter fail clearly on reverse."""
    root = urlconf(path("<int:pk>/", include([path("<int:pk>/", views.empty_view, name="x")])))
    with pytest.raises(ImproperlyConfigured, match="Rename the parameters"):
        reverse("x", urlconf=root, args=[1, 2])


def test_check_warnings_match_django_ids():
    """check() returns Django's URL warnings: leading slash, regex syntax in path(), ':'."""
    ids = [w.id for w in path("/lead/", views.empty_view).check()]
    assert ids == ["urls.W002"]
    ids = [w.id for w in path("^x/(?P<a>b)$", views.empty_view).check()]
    assert ids == ["2_0.W001"]
    ids = [w.id for w in path("x/", views.empty_view, name="a:b").check()]
    assert ids == ["urls.W003"]
    ids = [w.id for w in re_path(r"^inc/$", include([path("y/", views.empty_view)])).check()]
    assert ids == ["urls.W001"]
    assert path("fine/<int:pk>/", views.empty_view, name="fine").check() == []


def test_check_leading_slash_allowed_without_append_slash(settings):
    """With APPEND_SLASH off a leading slash can be deliberate: no warning."""
    settings.APPEND_SLASH = False
    assert path("/lead/", views.empty_view).check() == []


def test_system_check_walks_the_urlconf(settings):
    """The urls system check reports warnings from patterns deep in includes."""
    from framework.core.checks.urls import check_url_config

    settings.ROOT_URLCONF = types.ModuleType("with_warnings")
    settings.ROOT_URLCONF.urlpatterns = [
        path("ok/", include([path("/bad/", views.empty_view)])),
    ]
    assert [m.id for m in check_url_config()] == ["urls.W002"]
