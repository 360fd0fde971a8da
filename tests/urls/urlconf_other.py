"""A second URLconf, for ROOT_URLCONF overrides and set_urlconf()."""

from framework.urls import path
from tests.urls import views

urlpatterns = [
    path("other/", views.empty_view, name="other"),
    path("articles/<int:year>/", views.special_case, name="articles-year"),
]

handler404 = views.handler404
