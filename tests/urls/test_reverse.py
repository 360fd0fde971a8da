"""reverse() and reverse_lazy(): arguments, quoting, prefixes, namespaces, errors."""

from __future__ import annotations

import uuid

import pytest

from framework.urls import (
    NoReverseMatch,
    clear_script_prefix,
    resolve,
    reverse,
    reverse_lazy,
    set_script_prefix,
)
from tests.urls import views

URLCONF = "tests.urls.urlconf_main"


def rev(name, *args, **kwargs):
    return reverse(name, URLCONF, args=args or None, kwargs=kwargs or None)


@pytest.fixture
def script_prefix():
    """Set a script prefix for one test; the thread's prefix is cleared afterwards."""
    yield set_script_prefix
    clear_script_prefix()


def test_reverse_with_args_and_with_kwargs():
    """Positional args and kwargs both fill the route's parameters."""
    assert rev("articles-year", 2020) == "/articles/2020/"
    assert rev("articles-year", year=2020) == "/articles/2020/"
    assert rev("article-detail", 2020, "hello") == "/articles/2020/hello/"
    assert rev("regex-year", "2020") == "/regex/2020/"
    assert rev("positional", 42, "abc") == "/positional/42/abc/"
    assert rev("home") == "/"


def test_reverse_round_trips_through_resolve():
    """resolve(reverse(name, ...)) finds the same name and arguments."""
    url = rev("article-detail", year=1999, slug="party")
    match = resolve(url, urlconf=URLCONF)
    assert (match.url_name, match.kwargs) == ("article-detail", {"year": 1999, "slug": "party"})


def test_mixing_args_and_kwargs_is_a_value_error():
    """args and kwargs together raise ValueError."""
    with pytest.raises(ValueError, match=r"Don't mix \*args and \*\*kwargs"):
        reverse("articles-year", URLCONF, args=[1], kwargs={"year": 1})


def test_no_reverse_match_message_lists_patterns_tried():
    """The message names the view, the arguments and each pattern tried, as in Django."""
    with pytest.raises(NoReverseMatch) as info:
        rev("articles-year", "x")
    assert str(info.value) == (
        "Reverse for 'articles-year' with arguments '('x',)' not found. 1 pattern(s) "
        "tried: ['articles/(?P<year>[0-9]+)/\\\\Z']"
    )
    with pytest.raises(NoReverseMatch) as info:
        rev("articles-year", year="x")
    assert str(info.value) == (
        "Reverse for 'articles-year' with keyword arguments '{'year': 'x'}' not found. "
        "1 pattern(s) tried: ['articles/(?P<year>[0-9]+)/\\\\Z']"
    )
    with pytest.raises(NoReverseMatch) as info:
        rev("articles-year")
    assert "with no arguments not found" in str(info.value)


def test_no_reverse_match_for_an_unknown_name():
    """An unknown name is reported as not a view function or pattern name."""
    with pytest.raises(NoReverseMatch) as info:
        rev("no-such-name")
    assert str(info.value) == (
        "Reverse for 'no-such-name' not found. 'no-such-name' is not a valid view "
        "function or pattern name."
    )


def test_included_patterns_are_listed_with_their_prefix():
    """Patterns tried include the prefixes of the includes they come from."""
    with pytest.raises(NoReverseMatch) as info:
        rev("plain-page", "x")
    message = str(info.value)
    assert "3 pattern(s) tried" in message
    assert "'plain/page/(?P<number>[0-9]+)/\\\\Z'" in message
    assert "'user/(?P<user_id>[0-9]+)/page/(?P<number>[0-9]+)/\\\\Z'" in message


def test_reverse_a_view_callable():
    """A view function reverses like a name (its last pattern first); errors give its path."""
    assert reverse(views.special_case, URLCONF) == "/unnamed/"
    assert reverse(views.article_archive, URLCONF, args=[1, 2]) == "/articles/1/2/"
    with pytest.raises(NoReverseMatch, match=r"'tests.urls.views.positional' with no arg"):
        reverse(views.positional, URLCONF)


def test_converter_to_url_and_regex_check():
    """Values go through to_url() and must match the converter's regex afterwards."""
    value = uuid.UUID("abcdef12-1234-5678-1234-567812345678")
    assert rev("item", value) == f"/items/{value}/"
    with pytest.raises(NoReverseMatch):
        rev("tag", "a/b")  # str converter refuses "/"
    assert rev("file", "a/b c.txt") == "/files/a/b%20c.txt"


def test_values_are_quoted_per_rfc3986():
    """Unsafe characters are percent-encoded as UTF-8; sub-delims and :@~ are kept."""
    assert rev("tag", "café") == "/tags/caf%C3%A9/"
    assert rev("tag", "a b?c#d") == "/tags/a%20b%3Fc%23d/"
    assert rev("tag", "!$&'()*+,;=:@~") == "/tags/!$&'()*+,;=:@~/"
    assert rev("tag", "100%") == "/tags/100%25/"
    assert rev("unicode", "zoë") == "/caf%C3%A9/zo%C3%AB/"
    assert rev("percent", 5) == "/percent%25/5/"


def test_percent_encoded_url_resolves_after_decoding():
    """The quoted URL, decoded as a server does, resolves back to the same value."""
    from urllib.parse import unquote

    url = rev("unicode", "zoë & co")
    assert resolve(unquote(url), urlconf=URLCONF).kwargs == {"name": "zoë & co"}


def test_leading_double_slash_is_escaped():
    """A URL that would start with "//" (scheme-relative) gets its second "/" escaped."""
    import types

    from framework.urls import path

    root = types.ModuleType("slash_urlconf")
    root.urlpatterns = [path("<path:rest>", views.empty_view, name="rest")]
    assert reverse("rest", root, args=["/evil.example/x"]) == "/%2Fevil.example/x"
    assert reverse("rest", root, args=["fine/x"]) == "/fine/x"
    assert rev("file", "/a") == "/files//a"  # only a leading "//" is a risk


def test_optional_group_reverses_both_ways():
    """An optional group yields a URL with and without its parameter."""
    assert rev("optional") == "/optional/"
    assert rev("optional", page=3) == "/optional/page-3/"


def test_default_kwargs_must_match_or_be_omitted():
    """A default that is not a parameter may be omitted or given with its value only."""
    assert rev("defaults") == "/defaults/"
    assert rev("defaults", flavour="vanilla") == "/defaults/"
    with pytest.raises(NoReverseMatch):
        rev("defaults", flavour="chocolate")


def test_same_name_prefers_the_last_pattern_that_fits():
    """With one name on several patterns, the last defined that fits the args wins."""
    assert rev("dup", 1) == "/dup/1/"
    assert rev("dup", 1, 2) == "/dup/1/2/"
    assert rev("dup-same") == "/dup-last-2/"


def test_script_prefix_is_prepended(script_prefix):
    """The thread's script prefix (the mount point) starts every reversed URL."""
    script_prefix("/mount")
    assert rev("about") == "/mount/about/"
    script_prefix("/m ü/")
    assert rev("about") == "/m%20%C3%BC/about/"


def test_query_and_fragment():
    """query= (dict, pairs or QueryDict-like) and fragment= are appended (Django 5.2)."""
    url = reverse("about", URLCONF, query={"q": "a b", "tag": ["x", "y"]}, fragment="top")
    assert url == "/about/?q=a+b&tag=x&tag=y#top"
    assert reverse("about", URLCONF, query={}) == "/about/"
    assert reverse("about", URLCONF, query=[("a", 1)], fragment="") == "/about/?a=1#"

    class QueryDictLike(dict):
        def urlencode(self):
            return "from=querydict"

    assert reverse("about", URLCONF, query=QueryDictLike()) == "/about/?from=querydict"
    with pytest.raises(TypeError, match="Cannot encode None for key 'q'"):
        reverse("about", URLCONF, query={"q": None})


def test_reverse_lazy_in_a_class_attribute():
    """reverse_lazy() can sit in a class body before the URLconf is loaded."""

    class View:
        success_url = reverse_lazy("articles-year", URLCONF, args=[2021])

    assert str(View.success_url) == "/articles/2021/"
    assert View.success_url == "/articles/2021/"
    assert f"{View.success_url}" == "/articles/2021/"
    assert View.success_url + "?x" == "/articles/2021/?x"


def test_app_namespace_reverses_to_its_default_instance():
    """ "polls:detail": the instance named like the app ("polls") is the default."""
    assert rev("polls:detail", 3) == "/polls/3/"
    assert rev("polls-two:detail", 3) == "/polls-two/3/"
    assert rev("polls:results", pk=5) == "/polls/results/5/"


def test_current_app_selects_the_instance():
    """current_app picks among the instances of an application namespace."""
    assert reverse("polls:index", URLCONF, current_app="polls-two") == "/polls-two/"
    assert reverse("polls:index", URLCONF, current_app="polls") == "/polls/"
    assert reverse("polls:index", URLCONF, current_app="unknown") == "/polls/"


def test_namespace_from_a_tuple_include():
    """include((patterns, app_name), namespace=...) registers both namespaces."""
    assert rev("tuple-ns:list-item") == "/ns-tuple/list/"
    assert rev("tupleapp:list-item") == "/ns-tuple/list/"
    assert rev("list-item") == "/listed/list/"


def test_nested_namespaces():
    """outer:inner:name walks two namespace levels, with prefixes and parameters."""
    assert rev("outer:index") == "/outer/"
    assert rev("outer:inner:detail", 4) == "/outer/inner/4/"
    assert rev("outer:sectioned:detail", section="news", pk=4) == "/outer/news/polls/4/"
    assert rev("outer:sectioned:detail", "news", 4) == "/outer/news/polls/4/"
    with pytest.raises(NoReverseMatch):
        rev("outer:sectioned:detail", section="not a slug", pk=4)


def test_nested_app_namespace_with_current_app():
    """An app namespace below a namespace follows current_app, else the last instance."""
    assert reverse("outer:polls:detail", URLCONF, args=[1], current_app="outer:inner") == (
        "/outer/inner/1/"
    )
    kwargs = {"section": "news", "pk": 1}
    url = reverse("outer:polls:detail", URLCONF, kwargs=kwargs, current_app="outer:sectioned")
    assert url == "/outer/news/polls/1/"
    # No instance is named "polls" inside "outer": the last one deployed is used.
    assert reverse("outer:polls:detail", URLCONF, kwargs=kwargs) == "/outer/news/polls/1/"
    # current_app only steers while its path agrees with the namespaces walked.
    url = reverse("outer:polls:detail", URLCONF, kwargs=kwargs, current_app="other:inner")
    assert url == "/outer/news/polls/1/"


def test_unknown_namespace_errors():
    """Unknown namespaces are named, with the resolved part of the path."""
    with pytest.raises(NoReverseMatch) as info:
        rev("nope:detail")
    assert str(info.value) == "'nope' is not a registered namespace"
    with pytest.raises(NoReverseMatch) as info:
        rev("outer:nope:detail")
    assert str(info.value) == "'nope' is not a registered namespace inside 'outer'"


def test_names_inside_a_namespace_are_not_global():
    """A pattern inside a namespaced include is not reachable without the namespace."""
    with pytest.raises(NoReverseMatch):
        rev("detail", 3)


def test_namespace_at_the_root_without_prefix():
    """A namespaced include at "" reverses without a prefix."""
    import types

    from framework.urls import include, path

    root = types.ModuleType("root_ns_urlconf")
    root.urlpatterns = [
        path("", include(([path("x/<int:n>/", views.empty_view, name="x")], "app"))),
    ]
    assert reverse("app:x", root, args=[1]) == "/x/1/"
    assert resolve("/x/1/", urlconf=root).view_name == "app:x"
