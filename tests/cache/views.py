"""Views of the cache middleware and decorator tests: each counts its calls."""

from __future__ import annotations

import itertools

from framework.http import HttpResponse
from framework.template.response import TemplateResponse
from framework.views.decorators.cache import cache_control, cache_page, never_cache
from framework.views.decorators.vary import vary_on_cookie, vary_on_headers

_counter = itertools.count(1)


def _count() -> str:
    return str(next(_counter))


def counter(request):
    return HttpResponse(_count())


def sets_cookie(request):
    response = HttpResponse(_count())
    response.set_cookie("flavour", "ginger")
    return response


@vary_on_cookie
def varies_on_cookie(request):
    return HttpResponse(_count())


@vary_on_headers("X-Flavour", "Accept-Encoding")
def varies_on_header(request):
    return HttpResponse(f"{_count()} {request.META.get('HTTP_X_FLAVOUR', '')}")


@cache_control(private=True)
def private(request):
    return HttpResponse(_count())


@cache_control(no_store=True)
def no_store(request):
    return HttpResponse(_count())


@cache_control(max_age=0)
def max_age_zero(request):
    return HttpResponse(_count())


@cache_control(max_age=30)
def max_age_thirty(request):
    return HttpResponse(_count())


@never_cache
def never(request):
    return HttpResponse(_count())


def not_found(request):
    return HttpResponse(_count(), status=404)


def form(request):
    return HttpResponse(_count())


@cache_page(60)
def cached_view(request):
    return HttpResponse(_count())


@cache_page(60, key_prefix="other-prefix")
def cached_view_prefix(request):
    return HttpResponse(_count())


@cache_page(60, cache="second")
def cached_view_second(request):
    return HttpResponse(_count())


@cache_page(60)
def cached_view_cookie(request):
    response = HttpResponse(_count())
    response.set_cookie("c", "1")
    return response


@cache_page(60)
def cached_template(request):
    return TemplateResponse(request, "count.html", {"count": _count()})
