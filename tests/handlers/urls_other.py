"""A second URLconf, selected per request by middleware through request.urlconf."""

from __future__ import annotations

from framework.http import HttpResponse
from framework.urls import path


def other(request):
    return HttpResponse("from the other urlconf")


urlpatterns = [path("hello/", other)]
