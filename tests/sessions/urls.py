"""URLconf of the session middleware tests."""

from __future__ import annotations

from framework.urls import path
from tests.sessions import views

urlpatterns = [
    path("set/", views.set_value),
    path("get/", views.get_value),
    path("untouched/", views.untouched),
    path("flush/", views.flush),
    path("browser-close/", views.browser_close),
    path("cycle/", views.cycle),
    path("error/", views.server_error),
    path("deleted-meanwhile/", views.deleted_meanwhile),
]
