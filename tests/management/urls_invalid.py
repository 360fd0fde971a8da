"""A URLconf with things that are not URL patterns."""

from framework.urls import path


def view(request):
    return None


urlpatterns = [path("ok/", view), "admin/", ("legacy/", view)]
