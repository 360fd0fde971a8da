"""URLconf of the handler tests."""

from __future__ import annotations

from framework.urls import path
from tests.handlers import views

urlpatterns = [
    path("", views.hello, name="hello"),
    path("hello/", views.hello),
    path("echo/", views.echo),
    path("host/", views.host),
    path("none/", views.returns_none),
    path("404/", views.raises_404),
    path("403/", views.raises_403),
    path("400/", views.raises_400),
    path("suspicious/", views.raises_suspicious),
    path("disallowed-host/", views.raises_disallowed_host),
    path("error/", views.raises_error),
    path("cookie/", views.sets_cookie),
    path("streaming/", views.streaming),
    path("file/", views.file_view),
    path("teapot/", views.teapot),
    path("articles/<int:year>/", views.article, name="articles"),
]

urlpatterns.append(path("deferred/", views.deferred))
urlpatterns.append(path("whoami/<int:pk>/", views.whoami, name="whoami"))
urlpatterns.append(path("atomic/", views.in_atomic_block))
urlpatterns.append(path("non-atomic/", views.non_atomic_view))
