"""resolve(): converters in action, order precedence, ResolverMatch, Resolver404."""

from __future__ import annotations

import pickle
import uuid

import pytest

from framework.urls import Resolver404, ResolverMatch, get_resolver, resolve
from framework.urls.resolvers import URLResolver
from tests.urls import views

URLCONF = "tests.urls.urlconf_main"


def r(path):
    return resolve(path, urlconf=URLCONF)


def test_int_converter_passes_an_int():
    """<int:year> matches digits and gives the view an int."""
    match = r("/articles/2020/")
    assert match.func is views.article_archive
    assert match.kwargs == {"year": 2020}
    assert match.args == ()
    assert match.url_name == "articles-year"
    assert match.route == "articles/<int:year>/"


def test_first_match_wins_over_a_later_literal_route():
    """A literal route listed after a converter route that matches never wins."""
    match = r("/articles/2003/")
    assert match.func is views.article_archive
    assert match.kwargs == {"year": 2003}


def test_first_match_wins_for_an_earlier_literal_route():
    """A literal route listed before a converter route wins for its exact path."""
    assert r("/posts/latest/").func is views.special_case
    assert r("/posts/other/").func is views.article_detail


def test_multiple_converters_and_slug():
    """Several parameters in one route; the slug converter accepts letters, digits, -, _."""
    assert r("/articles/2020/05/").kwargs == {"year": 2020, "month": 5}
    match = r("/articles/2020/my-first_post/")
    assert match.kwargs == {"year": 2020, "slug": "my-first_post"}
    with pytest.raises(Resolver404):
        r("/articles/2020/not a slug/")


def test_path_converter_spans_slashes():
    """<path:...> matches across "/"; <str:...> does not."""
    assert r("/files/a/b/c.txt").kwargs == {"file_path": "a/b/c.txt"}
    assert r("/tags/x/").kwargs == {"tag": "x"}
    with pytest.raises(Resolver404):
        r("/tags/x/y/")


def test_uuid_converter():
    """<uuid:...> matches a lowercase dashed UUID and passes a uuid.UUID."""
    value = uuid.UUID("abcdef12-1234-5678-1234-567812345678")
    assert r(f"/items/{value}/").kwargs == {"id": value}
    with pytest.raises(Resolver404):
        r(f"/items/{str(value).upper()}/")


def test_trailing_slash_is_significant():
    """ "about/" and "about" are different routes; "articles/2020" (no slash) is a 404."""
    assert r("/about/").func is views.empty_view
    assert r("/about").func is views.special_case
    with pytest.raises(Resolver404):
        r("/articles/2020")
    with pytest.raises(Resolver404):
        r("/about//")


def test_default_kwargs_are_passed():
    """path(..., {"flavour": ...}) passes the dict as kwargs, recorded as extra_kwargs."""
    match = r("/defaults/")
    assert match.kwargs == {"flavour": "vanilla"}
    assert match.extra_kwargs == {"flavour": "vanilla"}
    assert match.captured_kwargs == {}


def test_regex_named_groups_are_kwargs_strings():
    """re_path named groups are passed as str kwargs."""
    match = r("/regex/2020/")
    assert match.kwargs == {"year": "2020"}
    assert match.route == "^regex/(?P<year>[0-9]{4})/$"
    with pytest.raises(Resolver404):
        r("/regex/20201/")


def test_regex_endpoint_with_dollar_refuses_a_trailing_newline():
    """ "$" would match before a final newline; an endpoint must match the whole path."""
    with pytest.raises(Resolver404):
        r("/regex/2020/\n")


def test_regex_unnamed_groups_are_positional_args():
    """Without named groups, re_path groups are passed positionally."""
    match = r("/positional/42/abc/")
    assert match.args == ("42", "abc")
    assert match.kwargs == {}


def test_regex_optional_named_group_left_out_when_unmatched():
    """An optional named group that did not participate is not passed."""
    assert r("/optional/").kwargs == {}
    assert r("/optional/page-3/").kwargs == {"page": "3"}


def test_unicode_path_resolves():
    """Routes and paths are text: non-ASCII routes and values work (paths are decoded)."""
    match = r("/café/zoë/")
    assert match.kwargs == {"name": "zoë"}


def test_percent_encoded_path_is_not_decoded_by_resolve():
    """resolve() takes the decoded path (WSGI PATH_INFO); "%C3%A9" stays literal text."""
    with pytest.raises(Resolver404):
        r("/caf%C3%A9/x/")
    assert r("/tags/%41/").kwargs == {"tag": "%41"}
    assert r("/percent%/5/").kwargs == {"n": 5}


def test_include_merges_captured_and_default_kwargs():
    """kwargs captured by the include prefix and its defaults reach the view."""
    match = r("/user/7/page/3/")
    assert match.kwargs == {"user_id": 7, "number": 3}
    assert match.route == "user/<int:user_id>/page/<int:number>/"
    match = r("/plain/deep/")
    assert match.kwargs == {"included": "yes", "deep": True}
    assert match.extra_kwargs == {"included": "yes", "deep": True}
    match = r("/re-inc/abc/page/2/")
    assert match.kwargs == {"group": "abc", "number": 2}
    assert match.route == "^re-inc/(?P<group>[a-z]+)/page/<int:number>/"


def test_namespaces_and_app_names_in_the_match():
    """ResolverMatch carries app_names/namespaces of every level and view_name."""
    match = r("/polls/3/")
    assert (match.app_name, match.namespace) == ("polls", "polls")
    assert match.view_name == "polls:detail"
    match = r("/polls-two/")
    assert (match.app_names, match.namespaces) == (["polls"], ["polls-two"])
    match = r("/outer/inner/results/4/")
    assert match.app_names == ["outer", "polls"]
    assert match.namespaces == ["outer", "inner"]
    assert match.namespace == "outer:inner"
    assert match.view_name == "outer:inner:results"
    assert match.kwargs == {"pk": "4"}
    match = r("/outer/news/polls/2/")
    assert match.kwargs == {"section": "news", "pk": 2}
    assert match.namespaces == ["outer", "sectioned"]


def test_view_name_without_url_name_is_the_dotted_path():
    """An unnamed pattern's view_name is the view's module.name."""
    assert r("/unnamed/").view_name == "tests.urls.views.special_case"
    assert r("/instance/").view_name == "instance"
    bare = ResolverMatch(views.callable_instance, (), {})
    assert bare.view_name == "tests.urls.views.CallableInstance"


def test_resolver_match_unpacks_like_a_tuple():
    """func, args, kwargs = resolve(path)."""
    func, args, kwargs = r("/articles/2020/05/")
    assert (func, args, kwargs) == (views.article_archive, (), {"year": 2020, "month": 5})
    assert r("/about/")[0] is views.empty_view


def test_resolver_match_repr():
    """The repr names the view path, arguments and the route."""
    assert repr(r("/articles/2020/")) == (
        "ResolverMatch(func=tests.urls.views.article_archive, args=(), "
        "kwargs={'year': 2020}, url_name='articles-year', app_names=[], namespaces=[], "
        "route='articles/<int:year>/', captured_kwargs={'year': 2020})"
    )
    assert "functools.partial" in repr(r("/partial/"))


def test_resolver_match_cannot_be_pickled():
    """Pickling a ResolverMatch fails clearly, as in Django."""
    with pytest.raises(pickle.PicklingError, match="Cannot pickle ResolverMatch"):
        pickle.dumps(r("/about/"))


def test_tried_lists_the_patterns_up_to_the_match():
    """ResolverMatch.tried: every pattern chain tried, the matching one last."""
    patterns = get_resolver(URLCONF).url_patterns
    tried = r("/posts/latest/").tried
    assert tried == [[p] for p in patterns[:5]]
    tried = r("/polls/3/").tried
    polls = next(p for p in patterns if str(p.pattern) == "polls/")
    assert tried[-2:] == [[polls, polls.url_patterns[0]], [polls, polls.url_patterns[1]]]


def test_resolver404_carries_path_and_tried():
    """A miss raises Resolver404 with the path (below the root "/") and all chains tried."""
    with pytest.raises(Resolver404) as info:
        r("/nothing/here/")
    error = info.value
    assert error.path == "nothing/here/"
    assert error.args[0]["path"] == "nothing/here/"
    patterns = get_resolver(URLCONF).url_patterns
    # No include prefix matches "nothing/here/": one single-pattern chain per entry.
    assert error.tried == [[p] for p in patterns]
    # The matched include prefix "user/7/" contributes its inner patterns.
    with pytest.raises(Resolver404) as info:
        r("/user/7/nope/")
    user = next(p for p in patterns if str(p.pattern) == "user/<int:user_id>/")
    assert [user, user.url_patterns[0]] in info.value.tried


def test_resolver404_without_leading_slash():
    """A path not matching the root "^/" raises Resolver404 without a tried list."""
    with pytest.raises(Resolver404) as info:
        r("about/")
    assert info.value.args[0] == {"path": "about/"}


def test_resolver404_is_an_http404():
    """The handler turns Resolver404 into a 404: it subclasses Http404."""
    from framework.urls.exceptions import Http404

    assert issubclass(Resolver404, Http404)


def test_resolve_accepts_a_lazy_path():
    """resolve() takes a reverse_lazy() value."""
    from framework.urls import reverse_lazy

    assert r(reverse_lazy("about", urlconf=URLCONF)).url_name == "about"


def test_urlpattern_and_resolver_reprs():
    """Reprs show the route and name, or the urlconf and namespaces."""
    patterns = get_resolver(URLCONF).url_patterns
    assert repr(patterns[0]) == "<URLPattern 'articles/<int:year>/' [name='articles-year']>"
    polls = next(p for p in patterns if str(p.pattern) == "polls/")
    assert isinstance(polls, URLResolver)
    assert repr(polls).startswith("<URLResolver <module 'tests.urls.included_app'")
    assert repr(polls).endswith("(polls:polls) 'polls/'>")
    listed = next(p for p in patterns if str(p.pattern) == "listed/")
    assert repr(listed) == "<URLResolver <URLPattern list> (None:None) 'listed/'>"


def test_urlpattern_resolve_and_lookup_str():
    """URLPattern.resolve() returns a match or None; lookup_str is the view's path."""
    pattern = get_resolver(URLCONF).url_patterns[0]
    assert pattern.resolve("articles/1/").kwargs == {"year": 1}
    assert pattern.resolve("articles/x/") is None
    assert pattern.lookup_str == "tests.urls.views.article_archive"


def test_resolver_match_built_directly():
    """ResolverMatch can be built by hand; empty namespaces are dropped."""
    match = ResolverMatch(views.empty_view, (), {}, "n", [None, "a"], ["", "b"], "r/")
    assert (match.app_name, match.namespace, match.view_name) == ("a", "b", "b:n")
    assert match.tried is None


def test_resolver404_tried_is_read_lazily_but_behaves_as_a_dict():
    """The 404 payload computes tried on first read; it compares and prints as a dict."""
    with pytest.raises(Resolver404) as info:
        r("/zzz/zzz/")
    payload = info.value.args[0]
    patterns = get_resolver(URLCONF).url_patterns
    expected = {"tried": [[p] for p in patterns], "path": "zzz/zzz/"}
    assert payload == expected
    assert payload["tried"] == expected["tried"]
    assert dict(payload.items()) == expected
    assert "'path': 'zzz/zzz/'" in str(info.value)


@pytest.mark.parametrize(
    "bad_path",
    [
        "/articles/" + "9" * 5000 + "/",  # int() refuses > 4300 digits: ValueError, no match
        "/tags/\x00/x/",
        "/café/\udcff\udcfe/x",  # undecodable bytes, as surrogate escapes
        "/" + "a/" * 2000,
    ],
)
def test_malformed_client_paths_are_a_plain_404(bad_path):
    """Odd paths from clients end in Resolver404 (a 404), never another exception."""
    with pytest.raises(Resolver404):
        r(bad_path)


def test_view_name_of_a_class_based_view_uses_the_class():
    """A view made by as_view() (it has view_class) is named after its class."""

    class ArticleView:
        pass

    def view(request):
        return None

    view.view_class = ArticleView
    match = ResolverMatch(view, (), {})
    assert match.view_name == f"{__name__}.ArticleView"
    assert repr(match).startswith(f"ResolverMatch(func={__name__}.ArticleView, ")
