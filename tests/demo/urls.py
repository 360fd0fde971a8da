"""The demo's public URLs without the admin (tests/demo install no admin)."""

from framework.urls import include, path

urlpatterns = [path("", include("news.urls"))]
