"""A URLconf whose 500 handler itself fails."""

from __future__ import annotations

from framework.urls import path
from tests.handlers import views


def broken_500(request):
    raise RuntimeError("the 500 view is broken too")


handler500 = broken_500

urlpatterns = [path("error/", views.raises_error)]
