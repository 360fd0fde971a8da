"""The demo's pages, plus the reliability endpoints under /rel/."""

from relapp import views

from framework.urls import include, path

urlpatterns = [
    path("rel/write/", views.write),
    path("rel/slow/", views.slow),
    path("rel/upload/", views.upload),
    path("rel/ping/", views.ping),
    path("rel/hang/", views.hang),
    path("", include("newsroom.urls")),
]
