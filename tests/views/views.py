"""Views used by the view tests."""

from __future__ import annotations

import datetime

from framework.http import HttpResponse
from framework.views.decorators.cache import cache_control, never_cache
from framework.views.decorators.clickjacking import (
    xframe_options_deny,
    xframe_options_exempt,
    xframe_options_sameorigin,
)
from framework.views.decorators.gzip import gzip_page
from framework.views.decorators.http import (
    condition,
    etag,
    last_modified,
    require_GET,
    require_http_methods,
    require_POST,
    require_safe,
)
from framework.views.generic import RedirectView, TemplateView, View

LAST_MODIFIED = datetime.datetime(2024, 1, 2, 3, 4, 5, tzinfo=datetime.UTC)
BIG_TEXT = "All work and no play makes Jack a dull boy. " * 50


class Greeting(View):
    greeting = "hello"

    def get(self, request, *args, **kwargs):
        return HttpResponse(f"{self.greeting} {kwargs.get('name', 'world')}")

    def post(self, request, *args, **kwargs):
        return HttpResponse("posted")


class Page(TemplateView):
    template_name = "views_tests/page.html"
    extra_context = {"extra": "more"}


@require_http_methods(["GET", "PUT"])
def get_or_put(request):
    return HttpResponse(request.method)


@require_GET
def only_get(request):
    return HttpResponse("get")


@require_POST
def only_post(request):
    return HttpResponse("post")


@require_safe
def only_safe(request):
    return HttpResponse("safe")


@etag(lambda request: "v1")
def etagged(request):
    return HttpResponse("etagged body")


@last_modified(lambda request: LAST_MODIFIED)
def dated(request):
    return HttpResponse("dated body")


@condition(etag_func=lambda request: '"v2"', last_modified_func=lambda request: LAST_MODIFIED)
def both(request):
    return HttpResponse("both body")


@never_cache
def uncached(request):
    return HttpResponse("never")


@cache_control(max_age=3600, public=True)
def cached(request):
    return HttpResponse("cached")


@gzip_page
def gzipped(request):
    return HttpResponse(BIG_TEXT)


@xframe_options_deny
def frame_deny(request):
    return HttpResponse("deny")


@xframe_options_sameorigin
def frame_sameorigin(request):
    return HttpResponse("sameorigin")


@xframe_options_exempt
def frame_exempt(request):
    return HttpResponse("exempt")


greeting_view = Greeting.as_view()
page_view = Page.as_view()
redirect_to_url = RedirectView.as_view(url="/target/%(pk)s/")
redirect_permanent = RedirectView.as_view(url="/target/", permanent=True, query_string=True)
redirect_to_pattern = RedirectView.as_view(pattern_name="greet-name")
redirect_gone = RedirectView.as_view()
