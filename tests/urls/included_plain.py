"""An included URLconf without ``app_name``."""

from framework.urls import path
from tests.urls import views

urlpatterns = [
    path("", views.empty_view, name="plain-index"),
    path("page/<int:number>/", views.empty_view, name="plain-page"),
    path("deep/", views.empty_view, {"deep": True}, name="plain-deep"),
]
