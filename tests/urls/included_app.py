"""An included URLconf with an application namespace (``app_name``)."""

from framework.urls import path, re_path
from tests.urls import views

app_name = "polls"

urlpatterns = [
    path("", views.empty_view, name="index"),
    path("<int:pk>/", views.article_detail, name="detail"),
    re_path(r"^results/(?P<pk>[0-9]+)/$", views.article_detail, name="results"),
]
