"""URL resolution and reversing speed against a ~500-route URLconf.

Run: ``.venv/bin/python bench/urls_bench.py`` (not collected by pytest).

Prints microseconds per ``resolve()`` for the first, middle and last route and for a
miss, and per ``reverse()``, for two URLconf shapes: 500 routes in one flat list, and 50
includes of 10 routes each. "linear" is the same resolver with its dispatch index replaced
by "every pattern, in order", i.e. Django's algorithm with our pattern objects: the
reference the index is measured against.
"""

from __future__ import annotations

import sys
import timeit
import types
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from framework.urls import Resolver404, get_resolver, include, path, resolve, reverse  # noqa: E402
from framework.urls.resolvers import RegexPattern, URLResolver  # noqa: E402


def view(request, **kwargs):
    return kwargs


def flat_urlconf() -> types.ModuleType:
    """500 routes: 100 groups of list / detail / edit / by-slug / literal page."""
    patterns = []
    for i in range(100):
        patterns += [
            path(f"section{i}/", view, name=f"s{i}-list"),
            path(f"section{i}/<int:pk>/", view, name=f"s{i}-detail"),
            path(f"section{i}/<int:pk>/edit/", view, name=f"s{i}-edit"),
            path(f"section{i}/by-slug/<slug:slug>/", view, name=f"s{i}-slug"),
            path(f"page-{i}/", view, name=f"page-{i}"),
        ]
    module = types.ModuleType("bench_flat")
    module.urlpatterns = patterns
    return module


def nested_urlconf() -> types.ModuleType:
    """50 apps included under their own prefix, 10 routes each."""
    patterns = []
    for i in range(50):
        inner = [path("", view, name="index")]
        inner += [path(f"view{j}/<int:pk>/", view, name=f"v{j}") for j in range(9)]
        patterns.append(path(f"app{i}/", include((inner, f"app{i}"))))
    module = types.ModuleType("bench_nested")
    module.urlpatterns = patterns
    return module


class _Unindexed:
    """Stands in for the dispatch index: every pattern is a candidate, in order."""

    exact: dict = {}

    def __init__(self, patterns):
        self._all = tuple(patterns)

    def candidates(self, path_):
        return self._all


def unindex(resolver: URLResolver) -> URLResolver:
    """Make ``resolver`` and its includes try every pattern in order, as Django does."""
    resolver._index = _Unindexed(resolver.url_patterns)
    for url_pattern in resolver.url_patterns:
        if isinstance(url_pattern, URLResolver):
            unindex(url_pattern)
    return resolver


def per_call_us(func, number: int = 20000) -> float:
    return min(timeit.repeat(func, number=number, repeat=7)) / number * 1e6


def bench(title: str, build, cases: list[tuple[str, str, dict]]) -> None:
    module = build()
    resolver = get_resolver(module)
    # The same URLconf built again (fresh pattern objects), resolved without the index.
    linear = unindex(URLResolver(RegexPattern(r"^/"), build()))
    print(f"\n{title} ({sum(1 for _ in _leaves(resolver))} routes)")
    print(f"{'case':<10} {'path':<32} {'resolve':>9} {'linear':>9} {'ratio':>7} {'reverse':>9}")
    for label, path_, (name, kwargs) in cases:
        match = resolve(path_, urlconf=module)
        assert match.view_name == name, (match.view_name, name)
        assert reverse(name, module, kwargs=kwargs) == path_
        fast = per_call_us(lambda p=path_: resolve(p, urlconf=module))
        assert linear.resolve(path_).view_name == name
        slow = per_call_us(lambda p=path_: linear.resolve(p), number=2000)
        rev = per_call_us(lambda n=name, kw=kwargs: reverse(n, module, kwargs=kw))
        print(f"{label:<10} {path_:<32} {fast:>7.2f}µs {slow:>7.2f}µs {slow / fast:>6.1f}x "
              f"{rev:>7.2f}µs")  # fmt: skip
    miss = "/nothing/here/"
    fast = per_call_us(lambda: _try(module, miss), number=2000)
    slow = per_call_us(lambda: _try(module, miss, tried=True), number=500)
    print(f"{'miss':<10} {miss:<32} {fast:>7.2f}µs (reading Resolver404's tried: {slow:.2f}µs)")


def _try(module, path_, tried=False):
    try:
        return resolve(path_, urlconf=module)
    except Resolver404 as exc:
        return exc.tried if tried else None


def _leaves(resolver):
    for url_pattern in resolver.url_patterns:
        if isinstance(url_pattern, URLResolver):
            yield from _leaves(url_pattern)
        else:
            yield url_pattern


def main() -> None:
    bench(
        "flat URLconf",
        flat_urlconf,
        [
            ("first", "/section0/", ("s0-list", {})),
            ("middle", "/section50/7/edit/", ("s50-edit", {"pk": 7})),
            ("last", "/page-99/", ("page-99", {})),
            ("last-conv", "/section99/by-slug/hello/", ("s99-slug", {"slug": "hello"})),
        ],
    )
    bench(
        "nested URLconf",
        nested_urlconf,
        [
            ("first", "/app0/", ("app0:index", {})),
            ("middle", "/app25/view4/3/", ("app25:v4", {"pk": 3})),
            ("last", "/app49/view8/3/", ("app49:v8", {"pk": 3})),
        ],
    )


if __name__ == "__main__":
    main()
