"""URLs for the test client's tests (ROOT_URLCONF overridden to this module)."""

from framework.urls import path
from tests.testkit import views

urlpatterns = [
    path("echo/", views.echo, name="echo"),
    path("page/", views.page, name="page"),
    path("layered/", views.layered, name="layered"),
    path("redirect/<int:status>/", views.redirect_to, name="redirect"),
    path("loop/", views.loop),
    path("cookie/set/", views.set_cookie),
    path("cookie/delete/", views.delete_cookie),
    path("boom/", views.boom),
    path("json/", views.json_list),
]
