"""Hostile-input probes of the security tests (no database needed)."""

from __future__ import annotations

from framework.http import HttpResponse, HttpResponseRedirect
from framework.urls import path
from framework.utils.http import content_disposition_header
from framework.views.decorators.csrf import csrf_exempt


@csrf_exempt
def echo(request):
    """Parse the body; answer with the field and file counts and the file names."""
    names = [f.name for files in request.FILES.lists() for f in files[1]]
    return HttpResponse(
        f"fields={len(request.POST)} files={len(names)} names={names!r}",
        content_type="text/plain",
    )


def absolute(request):
    """The absolute URI of the request."""
    return HttpResponse(request.build_absolute_uri(), content_type="text/plain")


def query(request):
    """The parsed query string, as lists."""
    return HttpResponse(repr(sorted(request.GET.lists())), content_type="text/plain")


def download(request):
    """An attachment named by ``?name=``."""
    response = HttpResponse(b"data", content_type="application/octet-stream")
    response["Content-Disposition"] = content_disposition_header(True, request.GET["name"])
    return response


def go(request):
    """Redirect to ``?to=``."""
    return HttpResponseRedirect(request.GET["to"])


urlpatterns = [
    path("echo/", echo),
    path("absolute/", absolute),
    path("query/", query),
    path("download/", download),
    path("go/", go),
]
