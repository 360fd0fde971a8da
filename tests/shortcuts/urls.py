"""URLconf for the shortcut tests."""

from framework.urls import path
from tests.urls import views

urlpatterns = [
    path("articles/<int:year>/", views.article_archive, name="archive"),
    path("home/", views.empty_view, name="home"),
]
