"""The project URLconf of the tutorial (generic views)."""

from framework.urls import include, path

urlpatterns = [
    path("polls/", include("tests.polls.polls_app.urls")),
]
