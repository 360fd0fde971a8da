"""An included URLconf that itself includes a namespaced one (nested namespaces)."""

from framework.urls import include, path
from tests.urls import views

app_name = "outer"

urlpatterns = [
    path("", views.empty_view, name="index"),
    path("inner/", include("tests.urls.included_app", namespace="inner")),
    path("<slug:section>/polls/", include("tests.urls.included_app", namespace="sectioned")),
]
