"""URLconf of the CSRF tests."""

from __future__ import annotations

from framework.urls import path
from tests.csrf import views

urlpatterns = [
    path("accept/", views.accept),
    path("token/", views.token),
    path("form/", views.form),
    path("rotate/", views.rotate),
    path("session-token/", views.session_token),
    path("exempt/", views.exempt),
    path("protected/", views.protected),
    path("protected-token/", views.protected_token),
    path("requires/", views.requires),
    path("ensure/", views.ensure),
]
