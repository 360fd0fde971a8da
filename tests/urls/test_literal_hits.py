"""The root resolver remembers paths that matched a chain of literal routes.

A remembered path must resolve exactly as the full walk does, hand out fresh mutable
parts each time, and never be remembered when the answer could change (captures, custom
converters) or when the set of remembered paths could grow without bound.
"""

from __future__ import annotations

import pytest

from framework.urls import converters as converters_module
from framework.urls import path, re_path, register_converter
from framework.urls.patterns import RegexPattern
from framework.urls.resolvers import URLResolver
from tests.urls import views

URLCONF = "tests.urls.urlconf_main"


def fresh_resolver(urlconf=URLCONF):
    return URLResolver(RegexPattern(r"^/"), urlconf)


def as_tuple(match):
    return (
        match.func,
        match.args,
        match.kwargs,
        match.url_name,
        match.app_names,
        match.namespaces,
        match.route,
        match.captured_kwargs,
        match.extra_kwargs,
        match.view_name,
        match.tried,
    )


@pytest.mark.parametrize(
    "path_info",
    ["/posts/latest/", "/about/", "/about", "/defaults/", "/polls-two/", "/plain/deep/", "/"],
)
def test_a_remembered_path_resolves_as_the_full_walk_does(path_info):
    walked = fresh_resolver()
    first = walked.resolve(path_info)
    assert path_info in walked._literal_hits
    second = walked.resolve(path_info)
    assert as_tuple(second) == as_tuple(first)
    # And as a resolver that never remembered anything.
    assert as_tuple(second) == as_tuple(fresh_resolver().resolve(path_info))


def test_each_match_gets_its_own_kwargs():
    resolver = fresh_resolver()
    first = resolver.resolve("/defaults/")
    first.kwargs["flavour"] = "chocolate"
    first.kwargs["extra"] = 1
    first.captured_kwargs["x"] = 1
    second = resolver.resolve("/defaults/")
    assert second.kwargs == {"flavour": "vanilla"}
    assert second.captured_kwargs == {}
    assert second is not first


def test_paths_with_captures_are_not_remembered():
    resolver = fresh_resolver()
    for path_info in ("/articles/2020/", "/articles/2003/", "/posts/other/", "/polls/3/",
                      "/regex/1999/", "/positional/12/ab/", "/user/7/page/3/"):  # fmt: skip
        resolver.resolve(path_info)
    assert not resolver._literal_hits
    # /articles/2003/ matched the converter route listed before its literal route.
    assert resolver.resolve("/articles/2003/").kwargs == {"year": 2003}


def test_a_regex_route_is_not_remembered_for_every_path_it_matches():
    resolver = fresh_resolver(
        [re_path(r"^blog/", views.empty_view), path("about/", views.special_case)]
    )
    for n in range(5):
        assert resolver.resolve(f"/blog/{n}").func is views.empty_view
    assert resolver.resolve("/about/").func is views.special_case
    assert list(resolver._literal_hits) == ["/about/"]


class Toggle:
    """A custom converter whose answer depends on state outside the path."""

    regex = "[a-z]+"
    accept = False

    def to_python(self, value):
        if not Toggle.accept:
            raise ValueError(value)
        return value

    def to_url(self, value):
        return value


@pytest.fixture
def toggle_converter():
    register_converter(Toggle, "toggle")
    yield
    converters_module.REGISTERED_CONVERTERS.pop("toggle", None)
    Toggle.accept = False


def test_a_custom_converter_anywhere_turns_remembering_off(toggle_converter):
    resolver = fresh_resolver(
        [path("<toggle:word>/", views.article_detail), path("about/", views.special_case)]
    )
    assert resolver.resolve("/about/").func is views.special_case
    Toggle.accept = True
    assert resolver.resolve("/about/").func is views.article_detail
    assert not resolver._literal_hits


def test_an_included_resolver_is_not_a_root_and_remembers_nothing():
    root = fresh_resolver()
    included = next(p for p in root.url_patterns if str(p.pattern) == "plain/")
    assert included.resolve("plain/deep/").url_name == "plain-deep"
    assert not included._literal_hits
