"""URLs of the staticfiles tests: the DEBUG-only serve view and a template page."""

from __future__ import annotations

from framework.contrib.staticfiles.views import serve
from framework.http import HttpResponse
from framework.urls import path, re_path


def page(request):
    from framework.template.defaultglobals import static

    return HttpResponse(static("site.css"))


urlpatterns = [
    re_path(r"^static/(?P<path>.*)$", serve),
    path("page/", page),
]
