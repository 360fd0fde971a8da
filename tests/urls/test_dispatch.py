"""The dispatch index: large URLconfs resolve correctly and without a linear scan, and
Django's first-match-wins order holds whatever the index does."""

from __future__ import annotations

import types

import pytest

from framework.urls import Resolver404, include, path, re_path, resolve, reverse
from framework.urls._normalize import normalize
from framework.urls.dispatch import DispatchIndex
from framework.urls.patterns import _regex_literal_prefix
from tests.urls import urlconf_big, views

BIG = "tests.urls.urlconf_big"


def urlconf(*patterns):
    module = types.ModuleType("dispatch_urlconf")
    module.urlpatterns = list(patterns)
    return module


def test_big_urlconf_has_500_routes():
    """The fixture URLconf really is large."""
    assert len(urlconf_big.urlpatterns) == 500


@pytest.mark.parametrize(
    ("path_", "name", "kwargs"),
    [
        ("/section0/", "s0-list", {}),
        ("/section0/5/", "s0-detail", {"pk": 5}),
        ("/section50/5/edit/", "s50-edit", {"pk": 5}),
        ("/section99/by-slug/last-one/", "s99-slug", {"slug": "last-one"}),
        ("/page-98/", "page-98", {}),
        ("/page-99/", "catch-all", {"anything": "page-99"}),
        ("/section99/", "s99-list", {}),
        ("/whatever/", "catch-all", {"anything": "whatever"}),
    ],
)
def test_big_urlconf_resolves_at_both_ends(path_, name, kwargs):
    """The first, middle and last routes of 500 resolve to the right view and kwargs."""
    match = resolve(path_, urlconf=BIG)
    assert (match.url_name, match.kwargs) == (name, kwargs)


def test_big_urlconf_misses_and_reverses():
    """Misses raise Resolver404 listing all 500 patterns; every name reverses back."""
    with pytest.raises(Resolver404) as info:
        resolve("/section1/x/y/", urlconf=BIG)
    assert len(info.value.tried) == 500
    for pattern in urlconf_big.urlpatterns:
        kwargs = {name: 3 if name == "pk" else "x-y" for name in pattern.pattern.converters}
        url = reverse(pattern.name, BIG, kwargs=kwargs)
        assert resolve(url, urlconf=BIG).url_name == pattern.name


def test_big_urlconf_tried_before_the_last_match():
    """tried on a late match lists every earlier pattern (computed on demand)."""
    match = resolve("/zzz/", urlconf=BIG)
    assert len(match.tried) == 500


def test_index_narrows_candidates():
    """A path's candidates are the patterns its literal segments allow, not all 500."""
    index = DispatchIndex(urlconf_big.urlpatterns)
    candidates = index.candidates("section42/7/")
    assert [str(p.pattern) for p in candidates] == [
        "section42/",
        "section42/<int:pk>/",
        "section42/<int:pk>/edit/",
        "<slug:anything>/",
    ]
    assert len(index.candidates("section42/by-slug/x/")) == 5
    before, literal = index.exact["page-7/"]
    assert before == () and str(literal.pattern) == "page-7/"


def test_literal_route_after_converter_route_keeps_order():
    """An exact-path hit still lets an earlier parameterised pattern win."""
    root = urlconf(
        path("<slug:s>/", views.article_detail, name="slug"),
        path("about/", views.empty_view, name="about"),
    )
    assert resolve("/about/", urlconf=root).url_name == "slug"


def test_earlier_include_wins_over_a_later_literal_route():
    """An include listed first takes a path that a later literal route also matches."""
    root = urlconf(
        path("a/", include([path("b/", views.article_detail, name="inner")])),
        path("a/b/", views.empty_view, name="outer"),
    )
    assert resolve("/a/b/", urlconf=root).url_name == "inner"


def test_unanchored_and_alternation_regexes_are_always_candidates():
    """Regexes without "^" (search anywhere) or with "|" are tried for every path."""
    root = urlconf(
        path("x/a/", views.empty_view, name="never-first"),
        re_path(r"^(?:foo|x)/a/$", views.special_case, name="alt"),
        re_path(r"zzz/", views.article_detail, name="unanchored"),
    )
    assert resolve("/x/a/", urlconf=root).url_name == "never-first"
    assert resolve("/foo/a/", urlconf=root).url_name == "alt"
    assert resolve("/deep/down/zzz/", urlconf=root).url_name == "unanchored"


def test_duplicate_literal_routes_first_wins():
    """Two identical literal routes: the first one defined resolves."""
    root = urlconf(
        path("same/", views.empty_view, name="first"),
        path("same/", views.special_case, name="second"),
    )
    assert resolve("/same/", urlconf=root).url_name == "first"


@pytest.mark.parametrize(
    ("regex", "prefix"),
    [
        (r"^articles/(?P<y>[0-9]+)/$", "articles/"),
        (r"^about/$", "about/"),
        (r"^ab?c/", "a"),
        (r"^abc*/", "ab"),
        (r"^a\.b/", "a.b/"),
        (r"^a\d/", "a"),
        (r"^a{2}/", ""),
        (r"^(?:x)/", ""),
        (r"^foo|bar", ""),
        (r"foo/", None),
    ],
)
def test_regex_literal_prefix(regex, prefix):
    """The literal head of a regex is only what every match must start with."""
    assert _regex_literal_prefix(regex) == prefix


@pytest.mark.parametrize(
    ("regex", "expected"),
    [
        (r"^articles/(?P<year>[0-9]+)/\Z", [("articles/%(year)s/", ("year",))]),
        (
            r"^blog/(?:page-(?P<page>[0-9]+)/)?$",
            [("blog/", ()), ("blog/page-%(page)s/", ("page",))],
        ),
        (r"^p/([0-9]+)/([a-z]+)/$", [("p/%(_0)s/%(_1)s/", ("_0", "_1"))]),
        (r"^a\-b\.c/$", [("a-b.c/", ())]),
        (r"^100%/$", [("100%%/", ())]),
        (r"^x/(?P<a>\w+)/(?P=a)/$", [("x/%(a)s/%(a)s/", ("a",))]),
        (r"^(?i:case)/$", [("case/", ())]),
        (r"^a|b$", [("", ())]),
    ],
)
def test_normalize(regex, expected):
    """Regexes become format strings with parameter names for reverse()."""
    assert list(normalize(regex)) == expected


def test_concurrent_first_use_builds_consistent_tables():
    """Threads racing on a fresh resolver (lazy index and reverse tables) all succeed."""
    import threading

    from framework.urls import clear_url_caches

    clear_url_caches()
    errors = []
    barrier = threading.Barrier(8)

    def work(n):
        barrier.wait()
        try:
            for i in range(n, 100, 8):
                assert resolve(f"/section{i}/{i}/", urlconf=BIG).url_name == f"s{i}-detail"
                assert reverse(f"s{i}-edit", BIG, args=[i]) == f"/section{i}/{i}/edit/"
        except Exception as exc:  # collected and re-raised in the main thread
            errors.append(exc)

    threads = [threading.Thread(target=work, args=(n,)) for n in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
