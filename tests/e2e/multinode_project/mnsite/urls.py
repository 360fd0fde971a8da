from framework.urls import path
from mnsite import views

urlpatterns = [
    path("", views.health),
    path("login/", views.login),
    path("whoami/", views.whoami),
    path("notes/", views.notes),
    path("notes/add/", views.add),
    path("cached/", views.cached),
]
