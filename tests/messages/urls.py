"""URLs of the message tests."""

from __future__ import annotations

from framework.urls import path

from . import views

urlpatterns = [
    path("add/<str:level>/", views.add),
    path("markup/", views.add_markup),
    path("big/", views.add_big),
    path("now/", views.add_and_show),
    path("show/", views.show),
    path("count/", views.count),
    path("level/", views.level),
    path("form/", views.form),
]
