"""The project URLconf of the tutorial (function views, part 3)."""

from framework.urls import include, path

urlpatterns = [
    path("polls/", include("tests.polls.polls_app.urls_functions")),
]
